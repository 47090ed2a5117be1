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
mod selfcheck;
mod statistics;
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

impl Ctx<'_> {
    /// The name of an agency, or its id if there is no such agency (validation reports that).
    pub fn agency_name<'s>(&'s self, id: &'s crate::content::model::AgencyId) -> &'s str {
        self.links
            .agencies
            .get(id.as_str())
            .map_or(id.as_str(), |i| self.lib.agencies[i].meta.name.as_str())
    }
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
        paged(&format!("/decisions/{year}/"), page)
    }
    /// Decisions of one month: `/decisions/2026/03/`.
    pub fn decision_month(year: i32, month: u32, page: usize) -> String {
        paged(&format!("/decisions/{year}/{month:02}/"), page)
    }
    /// Decisions sharing one value of a dimension: `/decisions/by/domain/shirong-huanjing/`.
    pub fn decisions_by(dimension: &str, slug: &str, page: usize) -> String {
        paged(&format!("/decisions/by/{dimension}/{slug}/"), page)
    }
    /// Page `page` of a paginated list whose first page is `base`.
    pub fn paged(base: &str, page: usize) -> String {
        if page <= 1 {
            base.to_string()
        } else {
            format!("{base}page/{page}/")
        }
    }
    /// An ASCII address segment for a Chinese label: toneless pinyin, syllables of a word
    /// run together, words joined by `-` (市容环境 → `shironghuanjing`); ASCII letters and
    /// digits kept, everything else a separator.
    pub fn slug(label: &str) -> String {
        use pinyin::ToPinyin;
        let mut out = String::new();
        let mut sep = false;
        for (c, p) in label.chars().zip(label.to_pinyin()) {
            let piece = match p {
                Some(p) => p.plain().to_string(),
                None if c.is_ascii_alphanumeric() => c.to_ascii_lowercase().to_string(),
                None => {
                    sep = !out.is_empty();
                    continue;
                }
            };
            if sep {
                out.push('-');
                sep = false;
            }
            out.push_str(&piece);
        }
        if out.is_empty() { "item".into() } else { out }
    }
    /// Slugs for labels in order: deterministic, ASCII and unique; a label whose slug is taken
    /// gets `-2`, `-3` …. Give the labels in a stable order so addresses do not move.
    pub fn unique_slugs<S: AsRef<str>>(labels: &[S]) -> Vec<String> {
        let mut taken = std::collections::HashSet::new();
        labels
            .iter()
            .map(|label| {
                let base = slug(label.as_ref());
                let mut s = base.clone();
                let mut n = 1;
                while !taken.insert(s.clone()) {
                    n += 1;
                    s = format!("{base}-{n}");
                }
                s
            })
            .collect()
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
    /// Turn 长者模式 (large text) on or off; the server sets a cookie and goes back.
    pub const ELDER_ON: &str = "/mode/elder";
    pub const ELDER_OFF: &str = "/mode/standard";
    pub fn home() -> String {
        "/".to_string()
    }
    /// 执法统计: soft-enforcement statistics of the published decisions.
    pub fn statistics() -> String {
        "/statistics/".into()
    }
    /// 经营前自查: the index of business types.
    pub fn self_check_index() -> String {
        "/self-check/".to_string()
    }
    /// 经营前自查 for one business type; `slug` is the audience's toneless pinyin.
    pub fn self_check(slug: &str) -> String {
        format!("/self-check/{slug}/")
    }
    /// The list page of a kind; free pages (`Kind::Page`) have none.
    pub fn list(kind: crate::content::Kind) -> Option<String> {
        use crate::content::Kind;
        match kind {
            Kind::Page => None,
            k => Some(format!("/{}/", k.dir())),
        }
    }
    /// The page listing every open-data download and the feeds.
    pub fn open_data() -> String {
        "/open-data/".to_string()
    }
    pub fn sitemap() -> String {
        "/sitemap.xml".to_string()
    }
    /// Part `n` (from 1) of a sitemap too long for one file.
    pub fn sitemap_part(n: usize) -> String {
        format!("/sitemaps/{n}.xml")
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
    let lib = ctx.lib;
    let emit = |page: RenderedPage| put(&page).map(|n| (page.path, n));
    type Job<'j> = Box<dyn Fn() -> std::io::Result<Vec<(String, u64)>> + Sync + 'j>;
    let small = |f: fn(&Ctx<'_>) -> Vec<RenderedPage>| -> Job<'_> {
        Box::new(move || f(ctx).into_par_iter().map(emit).collect())
    };
    let (decisions_index, lists) = decisions::lists(ctx);
    let mut jobs: Vec<Job<'_>> = vec![
        small(pages::home),
        small(pages::remedies),
        small(pages::not_found),
        small(search::shell),
        small(risks::list),
        small(powers::list),
        small(exemptions::list),
        small(benchmarks::list),
        small(cases::list),
        small(agencies::list),
        small(syndication::robots),
        small(syndication::feeds),
        small(opendata::files),
        small(opendata::page),
        small(statistics::page),
        small(selfcheck::pages),
    ];
    jobs.push(Box::new(|| {
        lists
            .par_iter()
            .flat_map(|l| (1..=l.pages()).into_par_iter().map(move |p| (l, p)))
            .map(|(l, p)| emit(decisions::list_page(ctx, l, p)))
            .collect()
    }));
    jobs.push(Box::new(|| {
        lib.risks
            .par_iter()
            .map(|i| emit(risks::detail(ctx, i)))
            .collect()
    }));
    jobs.push(Box::new(|| {
        lib.powers
            .par_iter()
            .enumerate()
            .map(|(n, i)| emit(powers::detail(ctx, n, i)))
            .collect()
    }));
    jobs.push(Box::new(|| {
        lib.exemptions
            .par_iter()
            .enumerate()
            .map(|(n, i)| emit(exemptions::detail(ctx, n, i)))
            .collect()
    }));
    jobs.push(Box::new(|| {
        lib.benchmarks
            .par_iter()
            .enumerate()
            .map(|(n, i)| emit(benchmarks::detail(ctx, n, i)))
            .collect()
    }));
    jobs.push(Box::new(|| {
        lib.decisions
            .par_iter()
            .map(|i| emit(decisions::detail(ctx, i)))
            .collect()
    }));
    jobs.push(Box::new(|| {
        lib.cases
            .par_iter()
            .map(|i| emit(cases::detail(ctx, i)))
            .collect()
    }));
    jobs.push(Box::new(|| {
        lib.agencies
            .par_iter()
            .enumerate()
            .map(|(n, i)| emit(agencies::detail(ctx, n, i)))
            .collect()
    }));
    jobs.push(Box::new(|| {
        lib.pages
            .par_iter()
            .filter_map(|i| pages::free_page(ctx, i))
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
