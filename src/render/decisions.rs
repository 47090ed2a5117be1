//! 行政处罚决定公开: the index by year, paginated year lists, and one page per decision;
//! a withdrawn decision's page shows only its withdrawal notice.

use std::collections::BTreeMap;

use chrono::{Days, Months};
use maud::{Markup, html};

use super::layout::{self, PageSpec, Section};
use super::{Ctx, RenderedPage, url};
use crate::content::Item;
use crate::content::model::*;

/// Decisions per page in year lists.
pub const PAGE_SIZE: usize = 20;

fn row(d: &Item<Decision>) -> Markup {
    let m = &d.meta;
    html! {
        tr {
            td data-label="文号" { a href=(url::decision(m.id.as_str())) { (m.number) } }
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

/// The decisions index and every paginated year list.
pub fn lists(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
    let years = by_year(ctx);
    let recent: Vec<&Item<Decision>> = ctx.lib.decisions.iter().take(PAGE_SIZE).collect();
    let mut out = Vec::new();
    let body = html! {
        p { "依照行政处罚法第四十八条公开的行政处罚决定。自然人当事人只显示姓氏；身份证号、电话、住址等个人信息不予公开。决定被变更、撤销或者确认违法、无效的，原决定撤回并公开撤回理由。" }
        nav.years aria-label="按年份浏览" {
            h2 { "按年份浏览" }
            ul {
                @for (year, items) in years.iter().rev() {
                    li { a href=(url::decision_year(*year, 1)) { (year) "年" } " " span.count { "(" (items.len()) "件)" } }
                }
            }
        }
        h2 { "最新公开" }
        (table(&recent, "最新公开的处罚决定"))
        p { "对处罚决定不服，可以依法申请行政复议或者提起行政诉讼，见" a href="/remedies/" { "权利救济指南" } "。" }
    };
    out.push(RenderedPage::at(
        "/decisions/",
        layout::page(
            ctx,
            PageSpec {
                title: "行政处罚决定公开",
                section: Section::Decisions,
                crumbs: vec![],
                lead: Some("按年份查询已公开的行政处罚决定。".into()),
                body,
            },
        ),
    ));
    for (year, items) in &years {
        let pages = items.len().div_ceil(PAGE_SIZE).max(1);
        for (p, chunk) in items.chunks(PAGE_SIZE).enumerate() {
            let page_no = p + 1;
            let title = format!("{year}年行政处罚决定");
            let body = html! {
                p { (year) "年共公开 " (items.len()) " 件，第 " (page_no) "/" (pages) " 页。" }
                (table(chunk, &title))
                (pager(*year, page_no, pages))
            };
            let title_with_page = if page_no > 1 {
                format!("{title}（第{page_no}页）")
            } else {
                title
            };
            out.push(RenderedPage::at(
                &url::decision_year(*year, page_no),
                layout::page(
                    ctx,
                    PageSpec {
                        title: &title_with_page,
                        section: Section::Decisions,
                        crumbs: vec![("行政处罚决定公开".into(), "/decisions/".into())],
                        lead: None,
                        body,
                    },
                ),
            ));
        }
    }
    out
}

fn pager(year: i32, page: usize, pages: usize) -> Markup {
    html! {
        @if pages > 1 {
            nav.pager aria-label="分页" {
                ul {
                    @if page > 1 { li { a href=(url::decision_year(year, page - 1)) rel="prev" { "上一页" } } }
                    @for p in 1..=pages {
                        li {
                            @if p == page { span aria-current="page" { (p) } }
                            @else { a href=(url::decision_year(year, p)) { (p) } }
                        }
                    }
                    @if page < pages { li { a href=(url::decision_year(year, page + 1)) rel="next" { "下一页" } } }
                }
            }
        }
    }
}

pub fn detail(ctx: &Ctx<'_>, item: &Item<Decision>) -> RenderedPage {
    let m = &item.meta;
    let body = match &m.withdrawal {
        Some(w) if m.status.is_withdrawn() => withdrawn(m, w),
        _ => published(ctx, item),
    };
    let markup = layout::page(
        ctx,
        PageSpec {
            title: &m.number,
            section: Section::Decisions,
            crumbs: vec![
                ("行政处罚决定公开".into(), "/decisions/".into()),
                (
                    format!("{}年", m.decided.year()),
                    url::decision_year(m.decided.year(), 1),
                ),
            ],
            lead: None,
            body,
        },
    );
    RenderedPage::at(&url::decision(m.id.as_str()), markup)
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
    let agency = links
        .agencies
        .get(m.agency.as_str())
        .map(|i| &lib.agencies[i].meta);
    let mut rows = vec![
        ("决定书文号", html! { (m.number) }),
        (
            "执法主体",
            match agency {
                Some(a) => html! { a href=(url::agency(a.id.as_str())) { (a.name) } },
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
    rows.push(("决定日期", layout::date(m.decided)));
    rows.push(("公开日期", layout::date(m.published)));
    rows.push(("状态", layout::decision_status(m.status)));
    let refs = |ids: Vec<(String, String)>| layout::link_list(ids, "（无）");
    let risks = m
        .risks
        .iter()
        .filter_map(|id| links.risks.get(id.as_str()).map(|i| &lib.risks[i]))
        .map(|r| {
            (
                url::risk(r.meta.id.as_str()),
                format!("风险点：{}", r.meta.title),
            )
        });
    let powers = m
        .powers
        .iter()
        .filter_map(|id| links.powers.get(id.as_str()).map(|i| &lib.powers[i]))
        .map(|p| {
            (
                url::power(p.meta.id.as_str()),
                format!("权责事项：{}", p.meta.title),
            )
        });
    let benchmarks = m
        .benchmarks
        .iter()
        .filter_map(|id| {
            links
                .benchmarks
                .get(id.as_str())
                .map(|i| &lib.benchmarks[i])
        })
        .map(|b| {
            (
                url::benchmark(b.meta.id.as_str()),
                format!("裁量基准：{}", b.meta.title),
            )
        });
    let exemptions = m
        .exemptions
        .iter()
        .filter_map(|id| {
            links
                .exemptions
                .get(id.as_str())
                .map(|i| &lib.exemptions[i])
        })
        .map(|e| {
            (
                url::exemption(e.meta.id.as_str()),
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
        (remedies_box(m, &government))
    }
}

/// 救济途径 with dates counted from the decision date, as a worked example for the party.
fn remedies_box(m: &Decision, government: &str) -> Markup {
    let d = m.decided.0;
    let review_by = d.checked_add_days(Days::new(60)).map(Date);
    let suit_by = d.checked_add_months(Months::new(6)).map(Date);
    html! {
        aside.remedies aria-labelledby="remedies-title" {
            h2 #remedies-title { "不服本决定怎么办" }
            ul {
                li {
                    strong { "申请行政复议：" }
                    "自知道该决定之日起 60 日内，向" (government) "申请（行政复议法第二十条、第二十四条）。"
                    @if let Some(by) = review_by { "如在决定当日收到决定书，最迟为 " (layout::date(by)) "。" }
                }
                @if m.procedure == Procedure::Simple {
                    li { strong { "先复议、后诉讼：" } "本决定为当场作出的行政处罚（简易程序），应当先申请行政复议；对复议决定不服的，可在收到复议决定书之日起 15 日内提起行政诉讼（行政复议法第二十三条，行政诉讼法第四十五条）。" }
                } @else {
                    li {
                        strong { "提起行政诉讼：" }
                        "自知道该决定之日起 6 个月内，向有管辖权的人民法院起诉（行政诉讼法第四十六条）。"
                        @if let Some(by) = suit_by { "如在决定当日收到决定书，最迟为 " (layout::date(by)) "。" }
                        "已申请复议的，对复议决定不服，在收到复议决定书之日起 15 日内起诉（行政诉讼法第四十五条）。"
                    }
                }
                li { "申请复议或者起诉期间，处罚决定原则上不停止执行（行政处罚法第七十三条）。确有经济困难的，可以申请暂缓或者分期缴纳罚款。" }
            }
            p.note { "期限的最后一日是法定节假日的，顺延至节假日后的第一个工作日。详见" a href="/remedies/" { "权利救济指南" } "。" }
        }
    }
}
