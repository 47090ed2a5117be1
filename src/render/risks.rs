//! 法律风险防控清单: the list grouped by 领域 and 风险等级, and one page per risk point.

use maud::html;

use super::feeds::{self, ChangesOf};
use super::layout::{self, PageSpec};
use super::{Ctx, Pages, RenderedPage};
use crate::content::Item;
use crate::content::Kind;
use crate::content::kinds::ANSWER_QUESTIONS as Q;
use crate::content::kinds::*;
use crate::content::model::*;
use crate::routes;

impl Pages for RiskPoint {
    fn list(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
        list(ctx)
    }
    fn detail(ctx: &Ctx<'_>, item: &Item<Self>) -> Option<RenderedPage> {
        Some(detail(ctx, item))
    }
}

fn list(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
    let lib = ctx.lib;
    let groups: Vec<(usize, &String, Vec<&Item<RiskPoint>>)> = lib
        .site
        .domains
        .iter()
        .enumerate()
        .map(|(n, d)| {
            (
                n,
                d,
                lib.risks
                    .iter()
                    .filter(|r| &r.meta.domain == d)
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, _, items)| !items.is_empty())
        .collect();
    let toc: Vec<_> = groups
        .iter()
        .map(|(n, d, items)| (layout::anchor("domain", *n), (*d).clone(), items.len()))
        .collect();
    let body = html! {
        p { (layout::total(lib.risks.len(), " 个风险点", "风险点")) "每一项写明哪些行为会违法、可能受到什么处罚、怎样做才合规，以及首次轻微违法能否免罚。" }
        (layout::toc(&toc))
        @for (n, domain, items) in &groups {
            section.group aria-labelledby=(layout::anchor("domain", *n)) {
                h2 id=(layout::anchor("domain", *n)) { (domain) }
                @for level in RiskLevel::ALL {
                    @let rows: Vec<_> = items.iter().filter(|r| r.meta.level == *level).collect();
                    @if !rows.is_empty() {
                        h3 { (layout::level_badge(*level)) }
                        table.list {
                            caption.visually-hidden { (domain) " · " (level.label()) "风险" }
                            thead { tr {
                                th scope="col" { "编号" } th scope="col" { "风险点" } th scope="col" { "行政相对人" }
                                th scope="col" { "表现形式" } th scope="col" { "法律后果" } th scope="col" { "防控措施" }
                            } }
                            tbody {
                                @for r in rows {
                                    tr {
                                        td data-label="编号" { (r.meta.id) }
                                        td data-label="风险点" {
                                            a href=(routes::risk(r.meta.id.as_str())) { (r.meta.title) }
                                            @if r.meta.status != ItemStatus::Current { " " (layout::item_status(r.meta.status)) }
                                        }
                                        td data-label="行政相对人" { (r.meta.audiences.join("、")) }
                                        td data-label="表现形式" { (r.meta.manifestation) }
                                        td data-label="法律后果" { (r.meta.consequence) }
                                        td data-label="防控措施" { ul { @for m in &r.meta.measures { li { (m) } } } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    let markup = layout::page_with_feeds(
        ctx,
        PageSpec {
            title: routes::RISKS.title,
            section: Some(&routes::RISKS),
            crumbs: vec![],
            lead: Some(
                "经营前先查一查：按领域和风险等级列出常见违法行为、法律后果和防控措施。".into(),
            ),
            body,
        },
        &[feeds::page_feed(routes::RISKS.path, routes::RISKS.title)],
    );
    vec![
        RenderedPage::at(routes::RISKS.path, markup),
        // The list's own feed: its additions, changes and repeals.
        feeds::scoped(
            ctx,
            routes::RISKS.path,
            routes::RISKS.title,
            &[],
            &ChangesOf::Kind(Kind::Risk),
        ),
    ]
}

/// Decisions listed on a risk point's page; the rest are one link away.
const RECENT_DECISIONS: usize = 10;

fn detail(ctx: &Ctx<'_>, item: &Item<RiskPoint>) -> RenderedPage {
    let links = ctx.links;
    let m = &item.meta;
    let exemptions: Vec<&Item<Exemption>> = links.resolve(&m.exemptions).collect();
    let guides = super::guides::lawful_ways(links, m);
    let benchmarks: Vec<&Item<Benchmark>> = links.resolve(&m.benchmarks).collect();
    let powers: Vec<(String, String)> = links
        .resolve(&m.powers)
        .map(|p| {
            (
                routes::power(p.meta.id.as_str()),
                format!("{}（{}）", p.meta.title, p.meta.id),
            )
        })
        .collect();
    let standing = links
        .referrers::<Decision, _>(m)
        .filter(|d| d.meta.is_public());
    let standing_count = standing.clone().count();
    // The newest few; the full list is the paginated browse page of this violation.
    let decisions: Vec<(String, String)> = standing
        .take(RECENT_DECISIONS)
        .map(|d| {
            (
                routes::decision(d.meta.id.as_str()),
                format!(
                    "{} {}（{}）",
                    d.meta.number,
                    d.meta.violation,
                    d.meta.penalty_summary()
                ),
            )
        })
        .collect();
    let cases: Vec<(String, String)> = links
        .referrers::<Case, _>(m)
        .map(|c| (routes::case(c.meta.id.as_str()), c.meta.title.clone()))
        .collect();
    let mut rows = vec![
        ("编号", html! { (m.id) }),
        ("领域", html! { (m.domain) }),
        ("风险等级", layout::level_badge(m.level)),
        ("行政相对人", html! { (m.audiences.join("、")) }),
    ];
    rows.extend(layout::item_dates(m.effective, m.updated, m.status));
    let a = m.answer_lines(links);
    let source = |src: &Option<(String, String)>, label: &str| {
        html! { @if let Some((id, url)) = src { "（" (label) a href=(url) { (id) } "）" } }
    };
    let body = html! {
        // The answer first: the four questions people ask, before any record metadata.
        section.answer.answer-page aria-labelledby="answer-title" {
            h2 #answer-title.visually-hidden { "简要回答" }
            dl.answer-lines {
                // The questions as search's answer card asks them (ANSWER_QUESTIONS), with links
                // to where the fine and the exemption come from.
                div { dt { (Q[0]) } dd { (a.allowed) } }
                div { dt { (Q[1]) } dd { (a.fine) (source(&a.fine_source, "裁量基准 ")) } }
                div { dt { (Q[2]) } dd { (a.first) (source(&a.first_source, "见 ")) } }
                div { dt { (Q[3]) } dd { (a.comply) } }
            }
        }
        section { h2 { "表现形式" } p { (m.manifestation) } }
        section { h2 { "法律后果" } p { (m.consequence) } }
        section.comply {
            h2 { "怎样做才合规" }
            ul { @for x in &m.measures { li { (x) } } }
        }
        @if !guides.is_empty() {
            section.lawful {
                h2 { "合法的做法" }
                p { "确实需要这样做的，先依法办理许可，按批准的范围去做：" }
                (layout::link_list(guides, ""))
            }
        }
        section {
            h2 { "第一次轻微违法会被罚吗？" }
            @if exemptions.is_empty() {
                p { "本项目前没有列入包容免罚或从轻减轻清单。是否处罚、处罚多少，按照裁量基准和具体情节决定。" }
            } @else {
                ul.links {
                    @for e in &exemptions {
                        li {
                            span.badge.kind { (e.meta.kind.label()) } " "
                            a href=(routes::exemption(e.meta.id.as_str())) { (e.meta.title) }
                            "：" (e.meta.conditions.join("、"))
                            @if e.meta.commitment_required { "（需签署承诺书）" }
                        }
                    }
                }
            }
        }
        section {
            h2 { "违反的规定" }
            (layout::legal_refs(&m.violates))
            h2 { "处罚依据" }
            (layout::legal_refs(&m.penalty_basis))
        }
        section {
            h2 { "裁量基准" }
            @if benchmarks.is_empty() {
                p.muted { "（本项暂无单列的裁量基准）" }
            } @else {
                @for b in &benchmarks {
                    h3 { a href=(routes::benchmark(b.meta.id.as_str())) { (b.meta.title) } }
                    (super::benchmarks::grades_table(&b.meta.grades))
                }
            }
        }
        section { h2 { "对应权责事项" } (layout::link_list(powers, "（无）")) }
        section { h2 { "本项信息" } (layout::fields(rows)) }
        @if !item.body.text.is_empty() { section { h2 { "说明" } (layout::prose(&item.body)) } }
        section {
            h2 { "相关处罚决定" }
            (layout::link_list(decisions, "暂无公开的相关处罚决定。"))
            @if standing_count > RECENT_DECISIONS {
                p { a href=(routes::decisions_by("violation", m.id.as_str(), 1)) { "查看全部 " (standing_count) " 件相关处罚决定" } }
            }
        }
        section { h2 { "相关典型案例" } (layout::link_list(cases, "暂无相关典型案例。")) }
        (layout::history(ctx.history.of(&item.source)))
        p.help { "对处罚决定不服？请看" (layout::link(&routes::REMEDIES)) "。" }
    };
    let markup = layout::page(
        ctx,
        PageSpec {
            title: &m.title,
            section: Some(&routes::RISKS),
            crumbs: vec![routes::RISKS.crumb()],
            lead: Some(format!(
                "{} · {}风险 · 适用于{}",
                m.domain,
                m.level.label(),
                m.audiences.join("、")
            )),
            body,
        },
    );
    RenderedPage::at(&routes::risk(m.id.as_str()), markup)
}
