//! Machine-readable addresses of the site: `/sitemap.xml` and `/robots.txt` (the Atom feeds
//! are in [`super::feeds`]). Withdrawn decisions are never advertised: their page keeps its
//! address (it shows the withdrawal notice) but leaves the sitemap and the feeds.

use std::collections::BTreeMap;

use super::{Ctx, RenderedPage};
use crate::content::kinds::{ContentKind, with_kinds};
use crate::content::model::*;
use crate::content::{Item, Kind, Library};
use crate::routes;

/// A text file (not HTML) at a site address.
pub(super) fn file(address: &str, text: String) -> RenderedPage {
    RenderedPage {
        path: address.trim_start_matches('/').to_string(),
        html: text,
    }
}

/// The newest date anywhere in the library.
pub(super) fn newest_overall(lib: &Library) -> Option<Date> {
    Kind::ALL.iter().filter_map(|&k| lib.newest(k)).max()
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// Item address → lastmod: the date the item last changed (`updated`, `published`, case
/// `date`), for every public item.
fn item_dates(lib: &Library) -> BTreeMap<String, Date> {
    fn of<T: ContentKind>(out: &mut BTreeMap<String, Date>, items: &[Item<T>]) {
        out.extend(
            items
                .iter()
                .filter(|i| i.meta.is_public())
                .map(|i| (i.meta.address(), i.meta.changed())),
        );
    }
    let mut out = BTreeMap::new();
    macro_rules! each {
        ($($variant:ident $field:ident $ty:ty),+ $(,)?) => {
            $(of::<$ty>(&mut out, &lib.$field);)+
        };
    }
    with_kinds!(each);
    out
}

/// Site address → lastmod for every public HTML page the render produced: not the 404 page,
/// not the search shell, not withdrawn decisions. Following the rendered pages (rather than
/// listing addresses again) keeps the sitemap exact as pages are added. List and browse pages
/// carry the newest date of their kind.
fn public_pages(lib: &Library, rendered: &[String]) -> BTreeMap<String, Option<Date>> {
    let items = item_dates(lib);
    let hidden: std::collections::HashSet<String> =
        std::iter::once(routes::SEARCH_SHELL.path.to_string())
            .chain(
                lib.decisions
                    .iter()
                    .filter(|d| !d.meta.is_public())
                    .map(|d| d.meta.address()),
            )
            .collect();
    // Computed once: per address it would make the sitemap quadratic in the decisions.
    let lists: Vec<(&str, Option<Date>)> = Kind::ALL
        .iter()
        .filter_map(|&k| k.list().map(|l| (l.path, lib.newest(k))))
        .collect();
    let overall = newest_overall(lib);
    let list_date = |address: &str| {
        lists
            .iter()
            .find(|(l, _)| address.starts_with(l))
            .map_or(overall, |(_, d)| *d)
    };
    rendered
        .iter()
        .filter_map(|p| p.strip_suffix("index.html"))
        .map(|dir| format!("/{dir}"))
        .filter(|address| !hidden.contains(address))
        .map(|address| {
            let lastmod = items.get(&address).copied().or_else(|| list_date(&address));
            (address, lastmod)
        })
        .collect()
}

/// The most addresses one sitemap file may hold (sitemaps.org 0.9).
const SITEMAP_LIMIT: usize = 50_000;

/// `/sitemap.xml` (sitemaps.org 0.9) of the rendered HTML pages, sorted by address. Past
/// [`SITEMAP_LIMIT`] addresses it becomes a sitemap index of `/sitemaps/N.xml` parts.
pub fn sitemap(ctx: &Ctx<'_>, rendered: &[String]) -> Vec<RenderedPage> {
    let entries: Vec<_> = public_pages(ctx.lib, rendered).into_iter().collect();
    sitemap_files(&ctx.lib.site.base_url, &entries, SITEMAP_LIMIT)
}

fn sitemap_files(
    base: &str,
    entries: &[(String, Option<Date>)],
    limit: usize,
) -> Vec<RenderedPage> {
    let urlset = |chunk: &[(String, Option<Date>)]| {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (address, lastmod) in chunk {
            xml.push_str("  <url><loc>");
            xml.push_str(&xml_escape(&routes::absolute(base, address)));
            xml.push_str("</loc>");
            if let Some(d) = lastmod {
                xml.push_str("<lastmod>");
                xml.push_str(&d.iso());
                xml.push_str("</lastmod>");
            }
            xml.push_str("</url>\n");
        }
        xml.push_str("</urlset>\n");
        xml
    };
    if entries.len() <= limit {
        return vec![file(routes::SITEMAP, urlset(entries))];
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut out = Vec::new();
    for (n, chunk) in entries.chunks(limit).enumerate() {
        let address = routes::sitemap_part(n + 1);
        index.push_str("  <sitemap><loc>");
        index.push_str(&xml_escape(&routes::absolute(base, &address)));
        index.push_str("</loc>");
        if let Some(d) = chunk.iter().filter_map(|(_, d)| *d).max() {
            index.push_str("<lastmod>");
            index.push_str(&d.iso());
            index.push_str("</lastmod>");
        }
        index.push_str("</sitemap>\n");
        out.push(file(&address, urlset(chunk)));
    }
    index.push_str("</sitemapindex>\n");
    out.push(file(routes::SITEMAP, index));
    out
}

/// `/robots.txt`: everything may be crawled but the JSON API; points at the sitemap.
pub fn robots(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
    let text = format!(
        "User-agent: *\nAllow: {}\nDisallow: {}\nDisallow: {}\n\nSitemap: {}\n",
        routes::HOME.path,
        routes::API,
        routes::SEARCH,
        routes::absolute(&ctx.lib.site.base_url, routes::SITEMAP)
    );
    vec![file(routes::ROBOTS, text)]
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_long_sitemap_becomes_an_index_of_parts() {
        let day = |d: u32| {
            Some(crate::content::model::Date(
                chrono::NaiveDate::from_ymd_opt(2026, 1, d).unwrap(),
            ))
        };
        let entries: Vec<_> = (1..=5).map(|n| (format!("/p{n}/"), day(n))).collect();
        let one = super::sitemap_files("https://x.example", &entries, 5);
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].path, "sitemap.xml");
        assert_eq!(one[0].html.matches("<url>").count(), 5);

        let parts = super::sitemap_files("https://x.example", &entries, 2);
        let paths: Vec<&str> = parts.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "sitemaps/1.xml",
                "sitemaps/2.xml",
                "sitemaps/3.xml",
                "sitemap.xml"
            ]
        );
        let index = &parts[3].html;
        assert!(index.contains("<sitemapindex"), "{index}");
        assert!(
            index.contains(
                "<loc>https://x.example/sitemaps/2.xml</loc><lastmod>2026-01-04</lastmod>"
            ),
            "{index}"
        );
        let counts: Vec<usize> = parts[..3]
            .iter()
            .map(|p| p.html.matches("<url>").count())
            .collect();
        assert_eq!(counts, [2, 2, 1]);
    }

    use super::*;

    #[test]
    fn escapes_xml() {
        assert_eq!(xml_escape("a&b<c>\"'"), "a&amp;b&lt;c&gt;&quot;&apos;");
    }
}
