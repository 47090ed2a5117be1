//! Turning a checked library into HTML pages: the shared context and the list of every page
//! the site has. Each content kind's pages live in their own module (its [`Pages`] impl); the
//! one layout in [`layout`], SVG charts in [`chart`]. Addresses and names come from
//! [`crate::routes`].

mod agencies;
mod benchmarks;
mod cases;
mod chart;
mod decisions;
mod exemptions;
pub mod feedback;
pub mod feeds;
mod guides;
mod inspections;
pub mod layout;
mod opendata;
mod pages;
mod powers;
mod registers;
mod rights;
mod risks;
pub mod search;
mod selfcheck;
mod statistics;
mod syndication;
pub mod ticket;

use rayon::prelude::*;

use crate::content::Item;
use crate::content::Library;
use crate::content::history::History;
use crate::content::kinds::{ContentKind, with_kinds};
use crate::content::links::Links;
use crate::legal_time::Calendar;

/// Everything a page needs to render.
pub struct Ctx<'a> {
    pub lib: &'a Library,
    /// Cross-references of `lib`, resolved.
    pub links: &'a Links<'a>,
    /// Working days, for the dates decision pages count.
    pub calendar: &'a Calendar,
    /// Change history of content files (empty outside git, or when site.toml turns it off).
    pub history: &'a History,
    /// Decisions left out of the published library (expired, or 不予处罚 the site does not
    /// publish), as the statistics still count them.
    pub counted: &'a [crate::legal_time::publication::Counted],
    /// The day the site shows (the build day, or a sample site's `sample_as_of`): worked
    /// examples of time limits count from it.
    pub as_of: chrono::NaiveDate,
    /// The managed lists' changes, collected on first use by the feeds.
    pub list_changes: feeds::ListChanges,
}

impl Ctx<'_> {
    /// The name of an agency, or its id if there is no such agency (checks report that).
    pub fn agency_name<'s>(&'s self, id: &'s crate::content::model::AgencyId) -> &'s str {
        self.links.agency_name(id)
    }
}

/// How a kind's pages look: its list page and one page per item. Every registered kind has
/// an impl (in its page module here), so none can be left unrendered.
pub trait Pages: ContentKind {
    /// The kind's list page (none for free pages).
    fn list(ctx: &Ctx<'_>) -> Vec<RenderedPage>;
    /// The page of one item; `None` when another page shows it (the remedies guide).
    fn detail(ctx: &Ctx<'_>, item: &Item<Self>) -> Option<RenderedPage>;
}

/// One output page: its path under the site root (`risks/R-001-1/index.html`) and its HTML.
pub struct RenderedPage {
    pub path: String,
    pub html: String,
}

impl RenderedPage {
    /// The page at `address`; the feedback form's field for the page's own address
    /// ([`THIS_PAGE`], written once near the end of every page by the layout) gets `address`.
    pub(crate) fn at(address: &str, markup: maud::Markup) -> Self {
        let mut html = markup.into_string();
        if let Some(i) = html.rfind(THIS_PAGE) {
            html.replace_range(
                i..i + THIS_PAGE.len(),
                &maud::html! { (address) }.into_string(),
            );
        }
        RenderedPage {
            path: crate::routes::file_of(address),
            html,
        }
    }
}

/// What the layout writes where the page's own address goes; [`RenderedPage::at`] replaces it,
/// so the layout needs no address and no page kind has to pass one.
pub(crate) const THIS_PAGE: &str = "{{gongshi:this-page}}";

/// What [`render_all`] produced: every page's path, and the bytes written.
pub struct Rendered {
    pub paths: Vec<String>,
    pub bytes: u64,
}

/// Renders every page of the site in parallel and hands each to `put` (which writes it) as
/// soon as it exists, so memory holds the pages being rendered, never the whole site.
pub fn render_all(
    ctx: &Ctx<'_>,
    put: &(dyn Fn(&RenderedPage) -> std::io::Result<u64> + Sync),
) -> std::io::Result<Rendered> {
    let emit = |page: RenderedPage| put(&page).map(|n| (page.path, n));
    type Job<'j> = Box<dyn Fn() -> std::io::Result<Vec<(String, u64)>> + Sync + 'j>;
    let small = |f: fn(&Ctx<'_>) -> Vec<RenderedPage>| -> Job<'_> {
        Box::new(move || f(ctx).into_par_iter().map(emit).collect())
    };
    // The decisions index and its browse lists come from one grouping of every decision.
    let (decisions_index, lists) = decisions::lists(ctx);
    let mut jobs: Vec<Job<'_>> = vec![
        small(pages::home),
        small(pages::remedies),
        small(pages::referrals),
        small(pages::not_found),
        small(pages::site_map),
        small(search::shell),
        small(ticket::shell),
        small(syndication::robots),
        small(feeds::feeds),
        small(opendata::files),
        small(opendata::page),
        small(statistics::page),
        small(selfcheck::pages),
    ];
    // Every kind's list and item pages.
    macro_rules! each {
        ($($variant:ident $field:ident $ty:ty),+ $(,)?) => {
            $(
                jobs.push(small(<$ty as Pages>::list));
                jobs.push(Box::new(|| {
                    ctx.lib
                        .$field
                        .par_iter()
                        .filter_map(|i| <$ty as Pages>::detail(ctx, i))
                        .map(emit)
                        .collect()
                }));
            )+
        };
    }
    with_kinds!(each);
    // The decisions' browse lists, page by page.
    jobs.push(Box::new(|| {
        lists
            .par_iter()
            .flat_map(|l| (1..=l.pages()).into_par_iter().map(move |p| (l, p)))
            .map(|(l, p)| emit(decisions::list_page(ctx, l, p)))
            .collect()
    }));
    // Their feeds (a browse page by 领域, violation, agency … can be subscribed to).
    jobs.push(Box::new(|| {
        lists
            .par_iter()
            .filter_map(|l| decisions::list_feed(ctx, l))
            .map(emit)
            .collect()
    }));
    let written: Vec<Vec<(String, u64)>> = jobs
        .par_iter()
        .map(|job| job())
        .collect::<std::io::Result<_>>()?;
    let (mut paths, sizes): (Vec<String>, Vec<u64>) = std::iter::once(emit(decisions_index)?)
        .chain(written.into_iter().flatten())
        .unzip();
    let mut bytes: u64 = sizes.iter().sum();
    for page in syndication::sitemap(ctx, &paths) {
        bytes += put(&page)?;
        paths.push(page.path);
    }
    Ok(Rendered { paths, bytes })
}
