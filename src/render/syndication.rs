//! Machine-readable addresses of the site: `/sitemap.xml`, `/robots.txt`, and the Atom feeds
//! of new decisions and of list changes. Withdrawn decisions are never advertised here: their
//! page keeps its address (it shows the withdrawal notice) but leaves sitemap and feeds.

use std::collections::BTreeMap;

use atom_syndication::{Category, Entry, Feed, FixedDateTime, Link, Person, Text, WriteConfig};
use chrono::FixedOffset;

use super::{Ctx, RenderedPage};
use crate::content::kinds::{ContentKind, Decision, with_kinds};
use crate::content::model::*;
use crate::content::{Item, Kind, Library};
use crate::routes;

/// Entries per feed.
pub const FEED_SIZE: usize = 100;

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

/// Both Atom feeds.
pub fn feeds(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
    vec![decisions_feed(ctx), changes_feed(ctx)]
}

/// A calendar date as the start of that day in China Standard Time.
fn beijing_midnight(d: Date) -> FixedDateTime {
    let cst = FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset");
    d.0.and_time(chrono::NaiveTime::MIN)
        .and_local_timezone(cst)
        .single()
        .expect("a fixed offset has exactly one local time")
}

/// Host of the base address, for `tag:` ids (RFC 4151).
fn host(base_url: &str) -> &str {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let authority = rest.split('/').next().unwrap_or(rest);
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    authority.split(':').next().unwrap_or(authority)
}

fn link(href: String, rel: &str, mime: &str) -> Link {
    Link {
        href,
        rel: rel.to_string(),
        mime_type: Some(mime.to_string()),
        ..Link::default()
    }
}

fn person(name: &str) -> Person {
    Person {
        name: name.to_string(),
        ..Person::default()
    }
}

fn category(term: &str) -> Category {
    Category {
        term: term.to_string(),
        scheme: None,
        label: None,
    }
}

/// A feed shell with the site's title, links and author.
fn feed(lib: &Library, address: &str, title: &str, subtitle: &str, alternate: &str) -> Feed {
    let base = &lib.site.base_url;
    let self_url = routes::absolute(base, address);
    Feed {
        title: Text::plain(format!("{}：{title}", lib.site.name)),
        subtitle: Some(Text::plain(subtitle)),
        id: self_url.clone(),
        links: vec![
            link(self_url, "self", "application/atom+xml"),
            link(routes::absolute(base, alternate), "alternate", "text/html"),
        ],
        authors: vec![person(&lib.site.name)],
        rights: Some(Text::plain("以本机关公布为准")),
        lang: Some("zh-CN".to_string()),
        ..Feed::default()
    }
}

fn write(address: &str, feed: &Feed) -> RenderedPage {
    let config = WriteConfig {
        write_document_declaration: true,
        indent_size: Some(2),
    };
    let bytes = feed
        .write_with_config(Vec::new(), config)
        .expect("writing a feed into memory cannot fail");
    let text = String::from_utf8(bytes).expect("the feed writer writes UTF-8");
    file(address, text + "\n")
}

/// `/feeds/decisions.xml`: the newest published decisions, withdrawn ones left out.
fn decisions_feed(ctx: &Ctx<'_>) -> RenderedPage {
    let lib = ctx.lib;
    let base = &lib.site.base_url;
    let mut items: Vec<&Decision> = lib.standing_decisions().map(|i| &i.meta).collect();
    items.sort_by(|a, b| (b.published, &b.id).cmp(&(a.published, &a.id)));
    items.truncate(FEED_SIZE);
    let mut feed = feed(
        lib,
        routes::FEED_DECISIONS.path,
        routes::FEED_DECISIONS.title,
        "新公开的行政处罚决定（已撤回或超过公示期限的决定不在其中）。",
        routes::DECISIONS.path,
    );
    // A withdrawal changes the feed too (an entry leaves it).
    feed.updated = lib
        .newest(Kind::Decision)
        .or_else(|| newest_overall(lib))
        .map_or_else(FixedDateTime::default, beijing_midnight);
    feed.entries = items
        .into_iter()
        .map(|d| {
            let href = routes::absolute(base, &d.address());
            let when = beijing_midnight(d.published);
            Entry {
                title: Text::plain(format!("{} {}", d.number, d.violation)),
                id: href.clone(),
                updated: when,
                published: Some(when),
                authors: vec![person(ctx.agency_name(&d.agency))],
                links: vec![link(href, "alternate", "text/html")],
                categories: vec![category(&d.domain)],
                summary: Some(Text::plain(format!(
                    "当事人：{}；处罚：{}；裁量：{}；决定日期：{}",
                    d.party,
                    d.penalty_summary(),
                    d.outcome.label(),
                    d.decided.zh()
                ))),
                ..Entry::default()
            }
        })
        .collect();
    write(routes::FEED_DECISIONS.path, &feed)
}

/// One change of a list item, for the changes feed.
struct Change<'a> {
    kind: Kind,
    id: &'a str,
    address: String,
    title: &'a str,
    domain: &'a str,
    status: ItemStatus,
    effective: Date,
    updated: Date,
    author: &'a str,
}

/// The changes of every item of a dynamically managed kind (one with a lifecycle).
fn changes_of<'a, T: ContentKind>(ctx: &Ctx<'a>, items: &'a [Item<T>], out: &mut Vec<Change<'a>>) {
    let site = ctx.lib.site.name.as_str();
    out.extend(items.iter().filter_map(|i| {
        let l = i.meta.lifecycle()?;
        Some(Change {
            kind: T::KIND,
            id: i.meta.id(),
            address: i.meta.address(),
            title: i.meta.title(),
            domain: i.meta.domain().unwrap_or(""),
            status: l.status,
            effective: l.effective,
            updated: l.updated,
            author: i.meta.agency().map_or(site, |a| ctx.links.agency_name(a)),
        })
    }));
}

/// The dynamically managed lists (kinds with a lifecycle), by their public names:
/// `法律风险防控清单、权责清单、…`.
fn managed_lists() -> String {
    let mut names = Vec::new();
    macro_rules! each {
        ($($variant:ident $field:ident $ty:ty),+ $(,)?) => {
            $(if <$ty as ContentKind>::MANAGED {
                names.extend(<$ty as ContentKind>::LIST.map(|l| l.title));
            })+
        };
    }
    with_kinds!(each);
    names.join("、")
}

/// `/feeds/changes.xml`: the dynamically managed lists (risk, power, exemption and benchmark
/// items) by their `updated` date.
fn changes_feed(ctx: &Ctx<'_>) -> RenderedPage {
    let lib = ctx.lib;
    let base = &lib.site.base_url;
    let mut changes: Vec<Change<'_>> = Vec::new();
    macro_rules! each {
        ($($variant:ident $field:ident $ty:ty),+ $(,)?) => {
            $(changes_of::<$ty>(ctx, &lib.$field, &mut changes);)+
        };
    }
    with_kinds!(each);
    let order = |k: Kind| Kind::ALL.iter().position(|&x| x == k);
    // Newest first; on one day, in the order the lists are presented, then by id.
    changes.sort_by(|a, b| {
        b.updated
            .cmp(&a.updated)
            .then(order(a.kind).cmp(&order(b.kind)))
            .then(a.id.cmp(b.id))
    });
    let newest_change = changes.first().map(|c| c.updated);
    changes.truncate(FEED_SIZE);
    let tag_host = host(base);
    let mut feed = feed(
        lib,
        routes::FEED_CHANGES.path,
        routes::FEED_CHANGES.title,
        &format!("{}的新增、修改和废止。", managed_lists()),
        routes::HOME.path,
    );
    feed.updated = newest_change
        .or_else(|| newest_overall(lib))
        .map_or_else(FixedDateTime::default, beijing_midnight);
    feed.entries = changes
        .into_iter()
        .map(|c| {
            let href = routes::absolute(base, &c.address);
            // A new id for each update, so readers show every change as a new entry.
            let id = if tag_host.is_empty() {
                format!("{href}#{}", c.updated.iso())
            } else {
                format!("tag:{tag_host},{}:{}", c.updated.iso(), c.address)
            };
            let label = c.kind.label();
            Entry {
                title: Text::plain(format!(
                    "【{label}】{}已更新（{}）",
                    c.title,
                    c.status.label()
                )),
                id,
                updated: beijing_midnight(c.updated),
                authors: vec![person(c.author)],
                links: vec![link(href, "alternate", "text/html")],
                categories: vec![category(label), category(c.domain)],
                summary: Some(Text::plain(format!(
                    "{label}{}：{}。状态：{}；施行日期：{}；更新日期：{}。",
                    c.id,
                    c.title,
                    c.status.label(),
                    c.effective.zh(),
                    c.updated.zh()
                ))),
                ..Entry::default()
            }
        })
        .collect();
    write(routes::FEED_CHANGES.path, &feed)
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
    fn tag_host_strips_scheme_port_and_path() {
        assert_eq!(host("https://cgzf.example.gov.cn"), "cgzf.example.gov.cn");
        assert_eq!(host("http://localhost:8080/site/"), "localhost");
        assert_eq!(host("example.org"), "example.org");
    }

    #[test]
    fn escapes_xml() {
        assert_eq!(xml_escape("a&b<c>\"'"), "a&amp;b&lt;c&gt;&quot;&apos;");
    }

    #[test]
    fn feed_dates_are_beijing_midnight() {
        let d = Date(chrono::NaiveDate::from_ymd_opt(2024, 3, 8).unwrap());
        assert_eq!(
            beijing_midnight(d).to_rfc3339(),
            "2024-03-08T00:00:00+08:00"
        );
    }
}
