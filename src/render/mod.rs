//! Turning a validated library into HTML pages: the shared context, web addresses, and the
//! list of every page the site has. Each page kind lives in its own module.

mod agencies;
mod benchmarks;
mod cases;
mod decisions;
mod exemptions;
pub mod layout;
mod opendata;
mod pages;
mod powers;
mod risks;
pub mod search;
mod syndication;

use rayon::prelude::*;

use crate::content::Library;
use crate::links::Links;

/// Everything a page needs to render.
pub struct Ctx<'a> {
    pub lib: &'a Library,
    pub links: &'a Links,
    /// Change history of content files (empty outside git, or when site.toml turns it off).
    pub history: &'a crate::history::History,
}

/// One output page: its path under the site root (`risks/R-001-1/index.html`) and its HTML.
pub struct RenderedPage {
    pub path: String,
    pub html: String,
}

impl RenderedPage {
    pub(crate) fn at(url: &str, markup: maud::Markup) -> Self {
        let trimmed = url.trim_start_matches('/');
        let path = if trimmed.is_empty() || trimmed.ends_with('/') {
            format!("{trimmed}index.html")
        } else {
            trimmed.to_string()
        };
        RenderedPage {
            path,
            html: markup.into_string(),
        }
    }
}

/// Web addresses of every page kind; the one place URLs are spelled.
pub mod url {
    pub fn risk(id: &str) -> String {
        format!("/risks/{id}/")
    }
    pub fn power(id: &str) -> String {
        format!("/powers/{id}/")
    }
    pub fn exemption(id: &str) -> String {
        format!("/exemptions/{id}/")
    }
    pub fn benchmark(id: &str) -> String {
        format!("/benchmarks/{id}/")
    }
    pub fn decision(id: &str) -> String {
        format!("/decisions/{id}/")
    }
    pub fn decision_year(year: i32, page: usize) -> String {
        if page <= 1 {
            format!("/decisions/{year}/")
        } else {
            format!("/decisions/{year}/page/{page}/")
        }
    }
    pub fn case(id: &str) -> String {
        format!("/cases/{id}/")
    }
    pub fn agency(id: &str) -> String {
        format!("/agencies/{id}/")
    }
    pub fn page(id: &str) -> String {
        if id == super::pages::REMEDIES {
            "/remedies/".to_string()
        } else {
            format!("/pages/{id}/")
        }
    }
    pub fn home() -> String {
        "/".to_string()
    }
    /// The list page of a kind; free pages (`Kind::Page`) have none.
    pub fn list(kind: crate::content::Kind) -> Option<String> {
        use crate::content::Kind;
        match kind {
            Kind::Page => None,
            k => Some(format!("/{}/", k.dir())),
        }
    }
    pub fn sitemap() -> String {
        "/sitemap.xml".to_string()
    }
    pub fn robots() -> String {
        "/robots.txt".to_string()
    }
    /// Atom feed of newly published decisions.
    pub fn feed_decisions() -> String {
        "/feeds/decisions.xml".to_string()
    }
    /// Atom feed of changes to the risk, power, exemption and benchmark lists.
    pub fn feed_changes() -> String {
        "/feeds/changes.xml".to_string()
    }
    /// An open-data file: `data("risks", "json")`, `data("risks", "schema.json")`, `data("risks", "csv")`.
    pub fn data(list: &str, ext: &str) -> String {
        format!("/data/{list}.{ext}")
    }
    /// A site address made absolute with `site.base_url` (for feeds, sitemaps and data).
    pub fn absolute(base_url: &str, path: &str) -> String {
        format!("{}{path}", base_url.trim_end_matches('/'))
    }
}

/// Renders every page of the site, in parallel.
pub fn render_all(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
    let lib = ctx.lib;
    let mut jobs: Vec<Box<dyn Fn() -> Vec<RenderedPage> + Sync + '_>> = vec![
        Box::new(|| pages::home(ctx)),
        Box::new(|| pages::remedies(ctx)),
        Box::new(|| pages::not_found(ctx)),
        Box::new(|| search::shell(ctx)),
        Box::new(|| risks::list(ctx)),
        Box::new(|| powers::list(ctx)),
        Box::new(|| exemptions::list(ctx)),
        Box::new(|| benchmarks::list(ctx)),
        Box::new(|| cases::list(ctx)),
        Box::new(|| agencies::list(ctx)),
        Box::new(|| decisions::lists(ctx)),
        Box::new(|| syndication::sitemap(ctx)),
        Box::new(|| syndication::robots(ctx)),
        Box::new(|| syndication::feeds(ctx)),
        Box::new(|| opendata::files(ctx)),
    ];
    jobs.push(Box::new(|| {
        lib.risks
            .par_iter()
            .map(|i| risks::detail(ctx, i))
            .collect()
    }));
    jobs.push(Box::new(|| {
        lib.powers
            .par_iter()
            .enumerate()
            .map(|(n, i)| powers::detail(ctx, n, i))
            .collect()
    }));
    jobs.push(Box::new(|| {
        lib.exemptions
            .par_iter()
            .enumerate()
            .map(|(n, i)| exemptions::detail(ctx, n, i))
            .collect()
    }));
    jobs.push(Box::new(|| {
        lib.benchmarks
            .par_iter()
            .enumerate()
            .map(|(n, i)| benchmarks::detail(ctx, n, i))
            .collect()
    }));
    jobs.push(Box::new(|| {
        lib.decisions
            .par_iter()
            .map(|i| decisions::detail(ctx, i))
            .collect()
    }));
    jobs.push(Box::new(|| {
        lib.cases
            .par_iter()
            .map(|i| cases::detail(ctx, i))
            .collect()
    }));
    jobs.push(Box::new(|| {
        lib.agencies
            .par_iter()
            .enumerate()
            .map(|(n, i)| agencies::detail(ctx, n, i))
            .collect()
    }));
    jobs.push(Box::new(|| {
        lib.pages
            .par_iter()
            .filter_map(|i| pages::free_page(ctx, i))
            .collect()
    }));
    jobs.par_iter().flat_map(|job| job()).collect()
}
