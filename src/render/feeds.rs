//! Atom feeds (RFC 4287): the site-wide decisions and list-changes feeds, the feed that
//! follows each list, browse page, agency and business type (announced on that page), and the
//! feed of any search, which the server answers. The sitemap and robots.txt are in
//! [`super::syndication`].

use atom_syndication::{Category, Entry, Feed, FixedDateTime, Link, Person, Text, WriteConfig};
use chrono::FixedOffset;

use super::syndication::{file, newest_overall};
use super::{Ctx, RenderedPage};
use crate::content::kinds::{ContentKind, Decision, with_kinds};
use crate::content::model::*;
use crate::content::{Item, Kind, Library};
use crate::routes;

/// Entries per feed: the newest first.
pub const FEED_SIZE: usize = 100;

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
    let items = newest_published(lib.standing_decisions());
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
    feed.entries = items.into_iter().map(|d| decision_entry(ctx, d)).collect();
    write(routes::FEED_DECISIONS.path, &feed)
}

/// The [`FEED_SIZE`] newest published decisions, newest first (by publication date, then id):
/// selected before any entry is built, as a feed's page may hold most of a million decisions.
fn newest_published<'a>(decisions: impl Iterator<Item = &'a Item<Decision>>) -> Vec<&'a Decision> {
    let newest_first =
        |a: &&Decision, b: &&Decision| (b.published, &b.id).cmp(&(a.published, &a.id));
    let mut items: Vec<&Decision> = decisions
        .map(|d| &d.meta)
        .filter(|d| d.is_public())
        .collect();
    if items.len() > FEED_SIZE {
        items.select_nth_unstable_by(FEED_SIZE, newest_first);
        items.truncate(FEED_SIZE);
    }
    items.sort_by(newest_first);
    items
}

/// A published decision as a feed entry.
fn decision_entry(ctx: &Ctx<'_>, d: &Decision) -> Entry {
    let href = routes::absolute(&ctx.lib.site.base_url, &d.address());
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
}

/// One change of a list item, for the changes feed (owned, so one build's list can be kept
/// in [`ListChanges`]).
pub struct Change {
    kind: Kind,
    id: String,
    address: String,
    title: String,
    domain: String,
    status: ItemStatus,
    effective: Date,
    updated: Date,
    author: String,
    agency: Option<String>,
}

/// The changes of every item of a dynamically managed kind (one with a lifecycle).
fn changes_of<T: ContentKind>(ctx: &Ctx<'_>, items: &[Item<T>], out: &mut Vec<Change>) {
    let site = ctx.lib.site.name.as_str();
    out.extend(items.iter().filter_map(|i| {
        let l = i.meta.lifecycle()?;
        Some(Change {
            kind: T::KIND,
            id: i.meta.id().to_string(),
            address: i.meta.address(),
            title: i.meta.title().to_string(),
            domain: i.meta.domain().unwrap_or("").to_string(),
            status: l.status,
            effective: l.effective,
            updated: l.updated,
            author: i
                .meta
                .agency()
                .map_or(site, |a| ctx.links.agency_name(a))
                .to_string(),
            agency: i.meta.agency().map(|a| a.to_string()),
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
    let all = all_changes(ctx);
    let newest_change = all.first().map(|c| c.updated);
    let changes = &all[..all.len().min(FEED_SIZE)];
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
    feed.entries = changes.iter().map(|c| change_entry(ctx, c)).collect();
    write(routes::FEED_CHANGES.path, &feed)
}

/// Every change of the managed lists, collected once per build ([`ListChanges`]) for the
/// site-wide feed and every scoped one.
fn all_changes<'c>(ctx: &'c Ctx<'_>) -> &'c [Change] {
    ctx.list_changes.0.get_or_init(|| collect_changes(ctx))
}

/// The managed lists' changes, once per build (each scoped feed filters them).
#[derive(Default)]
pub struct ListChanges(std::sync::OnceLock<Vec<Change>>);

/// Every change of the managed lists, newest first; on one day in the order the lists are
/// presented, then by id.
fn collect_changes(ctx: &Ctx<'_>) -> Vec<Change> {
    let lib = ctx.lib;
    let mut changes: Vec<Change> = Vec::new();
    macro_rules! each {
        ($($variant:ident $field:ident $ty:ty),+ $(,)?) => {
            $(changes_of::<$ty>(ctx, &lib.$field, &mut changes);)+
        };
    }
    with_kinds!(each);
    let order = |k: Kind| Kind::ALL.iter().position(|&x| x == k);
    changes.sort_by(|a, b| {
        b.updated
            .cmp(&a.updated)
            .then(order(a.kind).cmp(&order(b.kind)))
            .then(a.id.cmp(&b.id))
    });
    changes
}

/// A list change as a feed entry, with a new id for each update so readers show every change.
fn change_entry(ctx: &Ctx<'_>, c: &Change) -> Entry {
    let base = &ctx.lib.site.base_url;
    let tag_host = host(base);
    let href = routes::absolute(base, &c.address);
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
        authors: vec![person(&c.author)],
        links: vec![link(href, "alternate", "text/html")],
        categories: vec![category(label), category(&c.domain)],
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
}

/// Which list changes a scoped feed carries besides its decisions.
#[derive(Debug, Clone)]
pub enum ChangesOf {
    None,
    /// One list (权责清单 …).
    Kind(Kind),
    /// Items of one 领域.
    Domain(String),
    /// Items one agency is responsible for (by agency id).
    Agency(String),
    /// These items (a risk point's decisions, the risk points for one business type).
    Items(Kind, Vec<String>),
}

impl ChangesOf {
    fn takes(&self, c: &Change) -> bool {
        match self {
            ChangesOf::None => false,
            ChangesOf::Kind(k) => c.kind == *k,
            ChangesOf::Domain(d) => &c.domain == d,
            ChangesOf::Agency(a) => c.agency.as_ref() == Some(a),
            ChangesOf::Items(k, ids) => c.kind == *k && ids.contains(&c.id),
        }
    }
}

/// The feed that follows one page ([`routes::feed_of`]): its decisions and the list changes
/// it covers, newest first, at most [`FEED_SIZE`].
pub fn scoped(
    ctx: &Ctx<'_>,
    page: &str,
    title: &str,
    decisions: &[&Item<Decision>],
    changes: &ChangesOf,
) -> RenderedPage {
    let lib = ctx.lib;
    let address = routes::feed_of(page);
    // Entries are built only for what the feed keeps.
    enum Of<'x> {
        Decision(&'x Decision),
        Change(&'x Change),
    }
    let mut dated: Vec<(Date, Of<'_>)> = newest_published(decisions.iter().copied())
        .into_iter()
        .map(|d| (d.published, Of::Decision(d)))
        .collect();
    dated.extend(
        all_changes(ctx)
            .iter()
            .filter(|c| changes.takes(c))
            .map(|c| (c.updated, Of::Change(c))),
    );
    // Newest first; the same day keeps decisions before changes, each in its own order.
    dated.sort_by_key(|d| std::cmp::Reverse(d.0));
    let newest = dated.first().map(|(d, _)| *d);
    dated.truncate(FEED_SIZE);
    let mut feed = feed(
        lib,
        &address,
        title,
        &format!("{title}：新公开的处罚决定和清单调整。"),
        page,
    );
    feed.updated = newest
        .or_else(|| newest_overall(lib))
        .map_or_else(FixedDateTime::default, beijing_midnight);
    feed.entries = dated
        .into_iter()
        .map(|(_, of)| match of {
            Of::Decision(d) => decision_entry(ctx, d),
            Of::Change(c) => change_entry(ctx, c),
        })
        .collect();
    write(&address, &feed)
}

/// The Atom feed of a search ([`routes::SEARCH_FEED`]): the first page of results for the
/// query and filters, each hit an entry with its snippet; dated by the newest content of the
/// index, so a reader sees a new entry when a new document starts to match.
pub fn search_feed(
    site: &crate::search::index::SiteIdentity,
    query_string: &str,
    r: &crate::search::response::Response,
) -> String {
    let base = &site.base_url;
    let results_page = if query_string.is_empty() {
        routes::SEARCH.to_string()
    } else {
        format!("{}?{query_string}", routes::SEARCH)
    };
    let self_url = routes::absolute(base, &format!("{}?{query_string}", routes::SEARCH_FEED));
    let updated = site
        .newest
        .as_deref()
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map_or_else(FixedDateTime::default, |d| beijing_midnight(Date(d)));
    let title = if r.query.is_empty() {
        "全部内容".to_string()
    } else {
        format!("“{}”", r.query)
    };
    let feed = Feed {
        title: Text::plain(format!("{}：搜索{title}", site.name)),
        subtitle: Some(Text::plain(format!(
            "与{title}最相关的 {} 条内容（共 {} 条）；有新内容符合这次搜索时，会出现在这里。",
            r.hits.len(),
            r.total
        ))),
        id: self_url.clone(),
        links: vec![
            link(self_url, "self", "application/atom+xml"),
            link(
                routes::absolute(base, &results_page),
                "alternate",
                "text/html",
            ),
        ],
        authors: vec![person(&site.name)],
        rights: Some(Text::plain("以本机关公布为准")),
        lang: Some("zh-CN".to_string()),
        updated,
        entries: r
            .hits
            .iter()
            .map(|h| {
                let href = routes::absolute(base, &h.url);
                Entry {
                    title: Text::plain(format!("【{}】{}", h.kind_label, h.title)),
                    id: href.clone(),
                    updated,
                    links: vec![link(href, "alternate", "text/html")],
                    categories: vec![category(&h.kind_label)],
                    summary: Some(Text::plain(
                        format!("{} {}", h.summary, h.snippet.text)
                            .trim()
                            .to_string(),
                    )),
                    ..Entry::default()
                }
            })
            .collect(),
        ..Feed::default()
    };
    let bytes = feed
        .write_with_config(
            Vec::new(),
            WriteConfig {
                write_document_declaration: true,
                indent_size: Some(2),
            },
        )
        .expect("writing a feed into memory cannot fail");
    String::from_utf8(bytes).expect("the feed writer writes UTF-8") + "\n"
}

/// The announcement of a page's own feed.
pub fn page_feed(page: &str, title: &str) -> super::layout::PageFeed {
    super::layout::PageFeed {
        title: format!("{title}的更新"),
        path: routes::feed_of(page),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_host_strips_scheme_port_and_path() {
        assert_eq!(host("https://cgzf.example.gov.cn"), "cgzf.example.gov.cn");
        assert_eq!(host("http://localhost:8080/site/"), "localhost");
        assert_eq!(host("example.org"), "example.org");
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
