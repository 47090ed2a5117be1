//! 包容免罚清单 and 从轻减轻清单 (两轻一免): the list grouped by kind, and one page per item.

use maud::html;

use super::feeds::{self, ChangesOf};
use super::layout::{self, PageSpec};
use super::{Ctx, Pages, RenderedPage};
use crate::content::Item;
use crate::content::Kind;
use crate::content::kinds::*;
use crate::content::model::*;
use crate::routes;

fn kind_explainer(kind: ExemptionKind) -> &'static str {
    match kind {
        ExemptionKind::MinorNoPenalty => {
            "违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚（行政处罚法第三十三条第一款）。"
        }
        ExemptionKind::FirstOffenceNoPenalty => {
            "初次违法且危害后果轻微并及时改正的，可以不予行政处罚（行政处罚法第三十三条第一款）。"
        }
        ExemptionKind::Lighter => {
            "符合法定情形的，在法定处罚幅度内从轻处罚（行政处罚法第三十二条）。"
        }
        ExemptionKind::Mitigated => {
            "符合法定情形的，在法定最低处罚以下减轻处罚（行政处罚法第三十二条）。"
        }
    }
}

impl Pages for Exemption {
    fn list(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
        list(ctx)
    }
    fn detail(ctx: &Ctx<'_>, item: &Item<Self>) -> Option<RenderedPage> {
        Some(detail(ctx, item))
    }
}

fn list(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
    let lib = ctx.lib;
    let groups: Vec<(usize, ExemptionKind, Vec<&Item<Exemption>>)> = ExemptionKind::ALL
        .iter()
        .enumerate()
        .map(|(n, k)| {
            (
                n,
                *k,
                lib.exemptions
                    .iter()
                    .filter(|e| e.meta.kind == *k)
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, _, v)| !v.is_empty())
        .collect();
    let toc: Vec<_> = groups
        .iter()
        .map(|(n, k, v)| (layout::anchor("kind", *n), k.label().to_string(), v.len()))
        .collect();
    let body = html! {
        p { (layout::total(lib.exemptions.len(), " 项", "免罚和从轻减轻事项")) "符合条件的轻微违法行为可以不罚，符合法定情形的可以从轻或减轻处罚。不予处罚不等于不管：执法人员仍会责令改正，并进行教育。" }
        (layout::toc(&toc))
        @for (n, k, items) in &groups {
            section.group {
                h2 id=(layout::anchor("kind", *n)) { (k.label()) }
                p { (kind_explainer(*k)) }
                table.list {
                    caption.visually-hidden { (k.label()) "事项" }
                    thead { tr {
                        th scope="col" { "编号" } th scope="col" { "违法行为" } th scope="col" { "领域" }
                        th scope="col" { "适用条件" } th scope="col" { "承诺书" } th scope="col" { "状态" }
                    } }
                    tbody {
                        @for e in items {
                            tr {
                                td data-label="编号" { (e.meta.id) }
                                td data-label="违法行为" { a href=(routes::exemption(e.meta.id.as_str())) { (e.meta.title) } }
                                td data-label="领域" { (e.meta.domain) }
                                td data-label="适用条件" { (e.meta.conditions.join("；")) }
                                td data-label="承诺书" { @if e.meta.commitment_required { "需要" } @else { "不需要" } }
                                td data-label="状态" { (layout::item_status(e.meta.status)) }
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
            title: routes::EXEMPTIONS.title,
            section: Some(&routes::EXEMPTIONS),
            crumbs: vec![],
            lead: Some("“两轻一免”：哪些轻微违法行为可以不罚，哪些可以从轻、减轻处罚。".into()),
            body,
        },
        &[feeds::page_feed(
            routes::EXEMPTIONS.path,
            routes::EXEMPTIONS.title,
        )],
    );
    vec![
        RenderedPage::at(routes::EXEMPTIONS.path, markup),
        // The list's own feed: its additions, changes and repeals.
        feeds::scoped(
            ctx,
            routes::EXEMPTIONS.path,
            routes::EXEMPTIONS.title,
            &[],
            &ChangesOf::Kind(Kind::Exemption),
        ),
    ]
}

fn detail(ctx: &Ctx<'_>, item: &Item<Exemption>) -> RenderedPage {
    let links = ctx.links;
    let m = &item.meta;
    let mut rows = vec![
        ("编号", html! { (m.id) }),
        ("类型", html! { span.badge.kind { (m.kind.label()) } }),
        ("领域", html! { (m.domain) }),
        (
            "是否需要签署承诺书",
            html! { @if m.commitment_required { "需要" } @else { "不需要" } },
        ),
    ];
    if let Some(d) = &m.discretion {
        rows.push(("裁量幅度", html! { (d) }));
    }
    rows.extend(layout::item_dates(m.effective, m.updated, m.status));
    let powers: Vec<_> = links
        .resolve(&m.powers)
        .map(|p| (routes::power(p.meta.id.as_str()), p.meta.title.clone()))
        .collect();
    let risks: Vec<_> = links
        .referrers::<RiskPoint, _>(m)
        .map(|r| (routes::risk(r.meta.id.as_str()), r.meta.title.clone()))
        .collect();
    let applied = links
        .referrers::<Decision, _>(m)
        .filter(|d| d.meta.is_public())
        .count();
    let body = html! {
        (layout::fields(rows))
        section { h2 { "这是什么意思" } p { (kind_explainer(m.kind)) } }
        section { h2 { "适用条件（须同时满足）" } ol { @for c in &m.conditions { li { (c) } } } }
        section { h2 { "法律依据" } (layout::legal_refs(&m.basis)) }
        (layout::prose(&item.body))
        section { h2 { "相关风险点" } (layout::link_list(risks, "（无）")) }
        section { h2 { "对应权责事项" } (layout::link_list(powers, "（无）")) }
        p { "已公开的处罚决定中适用本项的：" (applied) " 件。" }
        (layout::history(ctx.history.of(&item.source)))
    };
    let markup = layout::page(
        ctx,
        PageSpec {
            title: &m.title,
            section: Some(&routes::EXEMPTIONS),
            crumbs: vec![routes::EXEMPTIONS.crumb()],
            lead: Some(format!("{} · {}", m.kind.label(), m.domain)),
            body,
        },
    );
    RenderedPage::at(&routes::exemption(m.id.as_str()), markup)
}
