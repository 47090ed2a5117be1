//! 行政处罚决定公开: the index, paginated lists by year, month, 领域, violation (risk point),
//! agency, discretion outcome and procedure, and one page per decision; a withdrawn
//! decision's page shows only its withdrawal notice.

use std::collections::BTreeMap;

use chrono::Datelike;
use maud::{Markup, html};

use super::feeds::{self, ChangesOf};
use super::layout::{self, PageSpec};
use super::rights;
use super::{Ctx, Pages, RenderedPage};
use crate::content::Item;
use crate::content::kinds::*;
use crate::legal_time::remedies;
use crate::routes;

impl Pages for Decision {
    /// The decisions index and its browse lists come from one grouping of every decision:
    /// `render_all` renders them with [`lists`].
    fn list(_: &Ctx<'_>) -> Vec<RenderedPage> {
        Vec::new()
    }
    fn detail(ctx: &Ctx<'_>, item: &Item<Self>) -> Option<RenderedPage> {
        Some(detail(ctx, item))
    }
}

/// Decisions per page in year lists.
pub const PAGE_SIZE: usize = 20;

fn row(d: &Item<Decision>) -> Markup {
    let m = &d.meta;
    html! {
        tr {
            td data-label="文号" { a href=(routes::decision(m.id.as_str())) { (m.number) } }
            @if m.status.is_withdrawn() {
                td data-label="当事人" { "—" }
                td data-label="违法行为" { "（本决定已撤回，详见撤回说明）" }
                td data-label="处罚结果" { "—" }
                td data-label="裁量" { "—" }
            } @else {
                td data-label="当事人" { (m.party) }
                td data-label="违法行为" { (m.violation) }
                td data-label="处罚结果" { (m.penalty_summary()) }
                td data-label="裁量" { (m.outcome.label()) }
            }
            td data-label="决定日期" { (layout::date(m.decided)) }
            td data-label="状态" { (layout::decision_status(m.status)) }
        }
    }
}

fn table(items: &[&Item<Decision>], caption: &str) -> Markup {
    html! {
        table.list {
            caption.visually-hidden { (caption) }
            thead { tr {
                th scope="col" { "文号" } th scope="col" { "当事人" } th scope="col" { "违法行为" }
                th scope="col" { "处罚结果" } th scope="col" { "裁量" } th scope="col" { "决定日期" } th scope="col" { "状态" }
            } }
            tbody { @for d in items { (row(d)) } }
        }
    }
}

fn by_year<'a>(ctx: &Ctx<'a>) -> BTreeMap<i32, Vec<&'a Item<Decision>>> {
    let mut years: BTreeMap<i32, Vec<&Item<Decision>>> = BTreeMap::new();
    for d in &ctx.lib.decisions {
        years.entry(d.meta.decided.year()).or_default().push(d);
    }
    years
}

/// A way to browse published decisions besides the calendar (按领域、违法行为、执法主体、裁量
/// 结果、程序): its address segment, its heading, and the (key, label) values of a decision.
/// Keys that are ids are used in addresses as they are; otherwise the labels get slugs.
struct Dimension {
    key: &'static str,
    heading: &'static str,
    keys_are_ids: bool,
    values: fn(&Ctx<'_>, &Decision) -> Vec<(String, String)>,
    /// The list changes the browse page's feed carries besides its decisions.
    changes: fn(&Group<'_>) -> ChangesOf,
}

const DIMENSIONS: [Dimension; 5] = [
    Dimension {
        key: "domain",
        heading: "按领域",
        keys_are_ids: false,
        values: |_, d| vec![(d.domain.clone(), d.domain.clone())],
        changes: |g| ChangesOf::Domain(g.label.clone()),
    },
    Dimension {
        key: "violation",
        heading: "按违法行为",
        keys_are_ids: true,
        values: |ctx, d| {
            ctx.links
                .resolve(&d.risks)
                .map(|r| (r.meta.id.to_string(), r.meta.title.clone()))
                .collect()
        },
        changes: |g| ChangesOf::Items(Kind::Risk, vec![g.key.clone()]),
    },
    Dimension {
        key: "agency",
        heading: "按执法主体",
        keys_are_ids: true,
        values: |ctx, d| vec![(d.agency.to_string(), ctx.agency_name(&d.agency).to_string())],
        changes: |g| ChangesOf::Agency(g.key.clone()),
    },
    Dimension {
        key: "outcome",
        heading: "按裁量结果",
        keys_are_ids: false,
        values: |_, d| vec![(d.outcome.label().to_string(), d.outcome.label().to_string())],
        changes: |_| ChangesOf::None,
    },
    Dimension {
        key: "procedure",
        heading: "按程序",
        keys_are_ids: false,
        values: |_, d| {
            vec![(
                d.procedure.label().to_string(),
                d.procedure.label().to_string(),
            )]
        },
        changes: |_| ChangesOf::None,
    },
];

/// One value of a dimension with its decisions (newest first).
struct Group<'a> {
    /// The value's key (an id, or the label itself).
    key: String,
    slug: String,
    label: String,
    items: Vec<&'a Item<Decision>>,
}

/// The published (not withdrawn) decisions grouped by one dimension, largest group first.
fn groups<'a>(ctx: &Ctx<'a>, dim: &Dimension) -> Vec<Group<'a>> {
    let mut by_key: BTreeMap<String, Group<'a>> = BTreeMap::new();
    for d in ctx.lib.standing_decisions() {
        for (key, label) in (dim.values)(ctx, &d.meta) {
            by_key
                .entry(key.clone())
                .or_insert_with(|| Group {
                    key: key.clone(),
                    slug: key,
                    label,
                    items: Vec::new(),
                })
                .items
                .push(d);
        }
    }
    let mut out: Vec<Group<'a>> = by_key.into_values().collect();
    if !dim.keys_are_ids {
        // Keys are labels in sorted order here (BTreeMap), so the slugs are stable.
        let labels: Vec<String> = out.iter().map(|g| g.label.clone()).collect();
        for (g, slug) in out.iter_mut().zip(routes::unique_slugs(&labels)) {
            g.slug = slug;
        }
    }
    out.sort_by(|a, b| (b.items.len(), &a.label).cmp(&(a.items.len(), &b.label)));
    out
}

/// The published decisions of each month that has any, per year: the same decisions as the
/// year lists (withdrawn ones with their notice), so a year's count is the sum of its months.
fn by_month<'a>(ctx: &Ctx<'a>) -> BTreeMap<(i32, u32), Vec<&'a Item<Decision>>> {
    let mut months: BTreeMap<(i32, u32), Vec<&Item<Decision>>> = BTreeMap::new();
    for d in &ctx.lib.decisions {
        let m = d.meta.decided;
        months.entry((m.year(), m.0.month())).or_default().push(d);
    }
    months
}

/// One paginated list of decisions: its first page's address, title and count sentence.
pub struct PagedList<'a> {
    base: String,
    title: String,
    count_lead: String,
    items: Vec<&'a Item<Decision>>,
    /// A browse page by 领域, violation, agency … has a feed of its own, with these list
    /// changes besides its decisions.
    feed: Option<ChangesOf>,
}

impl PagedList<'_> {
    pub fn pages(&self) -> usize {
        self.items.len().div_ceil(PAGE_SIZE).max(1)
    }
}

/// The decisions index page (browse by year and month and by each dimension) and every list
/// it leads to, to be rendered page by page with [`list_page`].
pub fn lists<'a>(ctx: &Ctx<'a>) -> (RenderedPage, Vec<PagedList<'a>>) {
    let years = by_year(ctx);
    let months = by_month(ctx);
    let dims: Vec<(&Dimension, Vec<Group<'_>>)> =
        DIMENSIONS.iter().map(|d| (d, groups(ctx, d))).collect();
    let recent: Vec<&Item<Decision>> = ctx.lib.decisions.iter().take(PAGE_SIZE).collect();
    let body = html! {
        p { "依照行政处罚法第四十八条公开的行政处罚决定。自然人当事人只显示姓氏；身份证号、电话、住址等个人信息不予公开。决定被变更、撤销或者确认违法、无效的，原决定撤回并公开撤回理由；公示期满的决定不再显示。" }
        @if recent.is_empty() { p { strong.empty { "目前尚未公开行政处罚决定。" } } }
        @else {
        // Looking one decision up: by its number (文号 or 编号) or the party as published. The
        // example is the agency's own newest number, never the sample's.
        form.search-page.lookup action=(routes::SEARCH) method="get" role="search" aria-labelledby="lookup-title" {
            h2 #lookup-title { "查找一份处罚决定" }
            label for="lookup-q" { "文号、编号或者当事人名称（个人只写姓氏，如“王某”）" }
            div.row {
                input #lookup-q type="search" name="q" maxlength=(crate::search::query::MAX_QUERY_CHARS) placeholder=(format!("如：{}", ctx.lib.standing_decisions().next().unwrap_or(recent[0]).meta.number));
                input type="hidden" name="kind" value=(crate::content::kinds::Decision::KEY);
                button type="submit" { "查找" }
            }
            p.muted { "没有找到的，结果页会说明可能的原因：还没到公开时间、公示期满已撤下或者已撤回。" }
        }
        div.browse {
            nav.years aria-labelledby="by-date" {
                h2 #by-date { "按年份和月份" }
                ul {
                    @for (year, items) in years.iter().rev() {
                        li {
                            a href=(routes::decision_year(*year, 1)) { (year) "年" } " " span.count { "(" (items.len()) "件)" }
                            ul.months {
                                @for ((_, month), m_items) in months.range((*year, 1)..=(*year, 12)) {
                                    li { a href=(routes::decision_month(*year, *month, 1)) { (month) "月" } " " span.count { "(" (m_items.len()) ")" } }
                                }
                            }
                        }
                    }
                }
            }
            @for (dim, groups) in &dims {
                @if !groups.is_empty() {
                    nav aria-labelledby={ "by-" (dim.key) } {
                        h2 id={ "by-" (dim.key) } { (dim.heading) }
                        ul {
                            @for g in groups {
                                li { a href=(routes::decisions_by(dim.key, &g.slug, 1)) { (g.label) } " " span.count { "(" (g.items.len()) "件)" } }
                            }
                        }
                    }
                }
            }
        }
        h2 { "最新公开" }
        (table(&recent, "最新公开的处罚决定")) }
        p { "对处罚决定不服，可以依法申请行政复议或者提起行政诉讼，见" (layout::link(&routes::REMEDIES)) "。收到了罚单，" a href=(routes::TICKET.path) { "算一算我的期限" } "（缴款、加处罚款、复议、诉讼和信用修复的日期）。" }
        p { "按月份、领域和裁量结果的汇总见" (layout::link(&routes::STATISTICS)) "。" }
    };
    let index = RenderedPage::at(
        routes::DECISIONS.path,
        layout::page(
            ctx,
            PageSpec {
                title: routes::DECISIONS.title,
                section: Some(&routes::DECISIONS),
                crumbs: vec![],
                lead: Some("按年份、月份、领域、违法行为、执法主体、裁量结果或程序查询已公开的行政处罚决定。".into()),
                body,
            },
        ),
    );
    let mut lists = Vec::new();
    for (year, items) in years {
        lists.push(PagedList {
            base: routes::decision_year(year, 1),
            title: format!("{year}年行政处罚决定"),
            count_lead: format!("{year}年共公开"),
            items,
            feed: None,
        });
    }
    for ((year, month), items) in months {
        lists.push(PagedList {
            base: routes::decision_month(year, month, 1),
            title: format!("{year}年{month}月行政处罚决定"),
            count_lead: format!("{year}年{month}月作出、正在公开的决定共"),
            items,
            feed: None,
        });
    }
    for (dim, groups) in dims {
        for g in groups {
            let changes = (dim.changes)(&g);
            lists.push(PagedList {
                base: routes::decisions_by(dim.key, &g.slug, 1),
                title: format!("{}：{}", dim.heading.trim_start_matches('按'), g.label),
                count_lead: "正在公开的决定共".to_string(),
                items: g.items,
                feed: Some(changes),
            });
        }
    }
    (index, lists)
}

/// Page `page_no` (from 1) of a list, `PAGE_SIZE` decisions to a page.
pub fn list_page(ctx: &Ctx<'_>, list: &PagedList<'_>, page_no: usize) -> RenderedPage {
    let pages = list.pages();
    let start = (page_no - 1) * PAGE_SIZE;
    let chunk = &list.items[start.min(list.items.len())..(start + PAGE_SIZE).min(list.items.len())];
    let body = html! {
        p { (list.count_lead) " " (list.items.len()) " 件，第 " (page_no) "/" (pages) " 页。" }
        (table(chunk, &list.title))
        (pager(&list.base, page_no, pages))
    };
    let title_with_page = if page_no > 1 {
        format!("{}（第{page_no}页）", list.title)
    } else {
        list.title.clone()
    };
    let feeds: Vec<_> = list
        .feed
        .iter()
        .map(|_| feeds::page_feed(&list.base, &list.title))
        .collect();
    RenderedPage::at(
        &routes::paged(&list.base, page_no),
        layout::page_with_feeds(
            ctx,
            PageSpec {
                title: &title_with_page,
                section: Some(&routes::DECISIONS),
                crumbs: vec![routes::DECISIONS.crumb()],
                lead: None,
                body,
            },
            &feeds,
        ),
    )
}

/// The feed of a browse list that has one (by 领域, violation, agency …).
pub fn list_feed(ctx: &Ctx<'_>, list: &PagedList<'_>) -> Option<RenderedPage> {
    let changes = list.feed.as_ref()?;
    Some(feeds::scoped(
        ctx,
        &list.base,
        &list.title,
        &list.items,
        changes,
    ))
}

/// Page links: the first, the last, and two either side of the current one, with a gap mark
/// between; a list of 50,000 pages gets at most 7 numbers, not 50,000.
fn pager(base: &str, page: usize, pages: usize) -> Markup {
    let shown = pager_numbers(page, pages);
    html! {
        @if pages > 1 {
            nav.pager aria-label="分页" {
                ul {
                    @if page > 1 { li { a href=(routes::paged(base, page - 1)) rel="prev" { "上一页" } } }
                    @for (n, p) in shown.iter().enumerate() {
                        @if n > 0 && shown[n - 1] + 1 < *p { li.gap aria-hidden="true" { "…" } }
                        li {
                            @if *p == page { span aria-current="page" { (p) } }
                            @else { a href=(routes::paged(base, *p)) aria-label={ "第" (p) "页" } { (p) } }
                        }
                    }
                    @if page < pages { li { a href=(routes::paged(base, page + 1)) rel="next" { "下一页" } } }
                }
            }
        }
    }
}

/// The page numbers a pager shows, ascending.
fn pager_numbers(page: usize, pages: usize) -> Vec<usize> {
    let mut shown: Vec<usize> = [1, pages]
        .into_iter()
        .chain(page.saturating_sub(2).max(1)..=(page + 2).min(pages))
        .collect();
    shown.sort_unstable();
    shown.dedup();
    shown
}

fn detail(ctx: &Ctx<'_>, item: &Item<Decision>) -> RenderedPage {
    let m = &item.meta;
    let body = match &m.withdrawal {
        Some(w) if m.status.is_withdrawn() => withdrawn(m, w),
        _ => published(ctx, item),
    };
    let markup = layout::page(
        ctx,
        PageSpec {
            title: &m.number,
            section: Some(&routes::DECISIONS),
            crumbs: vec![
                routes::DECISIONS.crumb(),
                (
                    format!("{}年", m.decided.year()),
                    routes::decision_year(m.decided.year(), 1),
                ),
            ],
            lead: None,
            body,
        },
    );
    RenderedPage::at(&routes::decision(m.id.as_str()), markup)
}

/// A withdrawn decision keeps its address but shows only the notice (行政处罚法 第四十八条).
fn withdrawn(m: &Decision, w: &Withdrawal) -> Markup {
    html! {
        section.withdrawn role="status" {
            h2 { "撤回说明" }
            p { "本行政处罚决定（" (m.number) "）" (m.status.as_event()) "，原公开内容已于 " (layout::date(w.date)) " 撤回。" }
            (layout::fields(vec![
                ("状态", layout::decision_status(m.status)),
                ("撤回日期", layout::date(w.date)),
                ("撤回理由", html! { (w.reason) }),
            ]))
        }
    }
}

fn published(ctx: &Ctx<'_>, item: &Item<Decision>) -> Markup {
    let (lib, links) = (ctx.lib, ctx.links);
    let m = &item.meta;
    let agency = links.get::<Agency>(m.agency.as_str()).map(|a| &a.meta);
    let mut rows = vec![
        ("决定书文号", html! { (m.number) }),
        (
            "执法主体",
            match agency {
                Some(a) => html! { a href=(routes::agency(a.id.as_str())) { (a.name) } },
                None => html! { (m.agency) },
            },
        ),
        (
            "当事人",
            html! { (m.party) " （" (m.party_type.label()) "）" },
        ),
    ];
    if let Some(code) = &m.credit_code {
        rows.push(("统一社会信用代码", html! { (code) }));
    }
    rows.push(("违法行为", html! { (m.violation) }));
    rows.push(("领域", html! { (m.domain) }));
    if let Some(loc) = &m.location {
        rows.push(("违法地点", html! { (loc) }));
    }
    rows.push(("处罚内容", html! {
        @if m.penalties.is_empty() { "不予处罚" } @else {
            ul.plain { @for p in &m.penalties {
                li { (p.kind.label()) @if let Some(a) = p.amount { " " (layout::yuan(a)) } @if let Some(n) = &p.note { @if !n.is_empty() { "（" (n) "）" } } }
            } }
        }
    }));
    rows.push(("裁量结果", html! { (m.outcome.label()) }));
    rows.push(("程序", html! { (m.procedure.label()) }));
    if let Some(acted) = m.acted {
        rows.push(("违法行为发生日期", layout::date(acted)));
    }
    rows.push(("决定日期", layout::date(m.decided)));
    for b in links.resolve(&m.benchmarks) {
        if let Some(row) = version_applied(ctx, m, &b.meta) {
            rows.push(("适用的基准版本", row));
        }
    }
    rows.push(("公开日期", layout::date(m.published)));
    rows.push(("状态", layout::decision_status(m.status)));
    let refs = |ids: Vec<(String, String)>| layout::link_list(ids, "（无）");
    let risks = links.resolve(&m.risks).map(|r| {
        (
            routes::risk(r.meta.id.as_str()),
            format!("风险点：{}", r.meta.title),
        )
    });
    let powers = links.resolve(&m.powers).map(|p| {
        (
            routes::power(p.meta.id.as_str()),
            format!("权责事项：{}", p.meta.title),
        )
    });
    let benchmarks = links.resolve(&m.benchmarks).map(|b| {
        (
            routes::benchmark(b.meta.id.as_str()),
            format!("裁量基准：{}", b.meta.title),
        )
    });
    let exemptions = links.resolve(&m.exemptions).map(|e| {
        (
            routes::exemption(e.meta.id.as_str()),
            format!("{}：{}", e.meta.kind.label(), e.meta.title),
        )
    });
    let applied: Vec<_> = risks
        .chain(powers)
        .chain(benchmarks)
        .chain(exemptions)
        .collect();
    let government = agency.map_or(lib.site.region.clone() + "人民政府", |a| {
        a.government.clone()
    });
    html! {
        (layout::fields(rows))
        section { h2 { "违法事实与处罚理由" } (layout::prose(&item.body)) }
        section { h2 { "法律依据" } (layout::legal_refs(&m.basis)) }
        section { h2 { "适用的清单事项" } (refs(applied)) }
        (rights::remedies_box(m, &government, remedies::remedy_dates(m.decided.0, ctx.calendar), &rights::ticket_link(ctx, m)))
        (rights::credit_box(ctx, m))
    }
}

/// Which version of a benchmark the decision applied, when the benchmark changed between the
/// act and the decision or the version is an earlier one (行政处罚法第三十七条, 从旧兼从轻): a
/// link to that version on the benchmark's page.
fn version_applied(ctx: &Ctx<'_>, m: &Decision, b: &Benchmark) -> Option<Markup> {
    let party = m.party(ctx.lib.site.individual_business_as);
    let a = b.applied(m.acted_on(), m.decided, m.grade, party);
    let v = a.version;
    if !a.spans_change() && v.earlier.is_none() {
        return None;
    }
    let href = match v.anchor() {
        Some(anchor) => format!("{}#{anchor}", routes::benchmark(b.id.as_str())),
        None => routes::benchmark(b.id.as_str()),
    };
    let text = match (v.until, v.earlier) {
        (Some(u), Some(_)) => format!("适用 {}以前的裁量基准", u.zh()),
        _ => format!("适用 {}起施行的裁量基准", v.from.zh()),
    };
    let why = if !a.spans_change() {
        "违法行为发生和作出决定时施行的都是这一版本"
    } else if v.earlier == a.old.earlier {
        "违法行为发生时施行的版本；作出决定时的版本处罚不比它轻，依照行政处罚法第三十七条适用违法行为发生时的规定"
    } else {
        "作出决定时施行的版本处罚较轻，依照行政处罚法第三十七条适用新的规定"
    };
    Some(html! {
        a href=(href) { (text) } "（" (b.id) "，" (why) "）"
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pager_shows_ends_and_neighbours_only() {
        assert_eq!(pager_numbers(1, 1), vec![1]);
        assert_eq!(pager_numbers(1, 5), vec![1, 2, 3, 5]);
        assert_eq!(pager_numbers(3, 5), vec![1, 2, 3, 4, 5]);
        assert_eq!(
            pager_numbers(500, 50_000),
            vec![1, 498, 499, 500, 501, 502, 50_000]
        );
        assert_eq!(
            pager_numbers(50_000, 50_000),
            vec![1, 49_998, 49_999, 50_000]
        );
    }
}
