//! 权责清单: the list grouped by 职权类型, and one page per power item.

use maud::html;

use super::feeds::{self, ChangesOf};
use super::layout::{self, PageSpec};
use super::{Ctx, Pages, RenderedPage};
use crate::content::Item;
use crate::content::Kind;
use crate::content::kinds::*;
use crate::content::model::*;
use crate::routes;

impl Pages for PowerItem {
    fn list(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
        list(ctx)
    }
    fn detail(ctx: &Ctx<'_>, item: &Item<Self>) -> Option<RenderedPage> {
        Some(detail(ctx, item))
    }
}

fn list(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
    let lib = ctx.lib;
    let groups: Vec<(usize, PowerType, Vec<&Item<PowerItem>>)> = PowerType::ALL
        .iter()
        .enumerate()
        .map(|(n, t)| {
            (
                n,
                *t,
                lib.powers
                    .iter()
                    .filter(|p| p.meta.power_type == *t)
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, _, v)| !v.is_empty())
        .collect();
    let toc: Vec<_> = groups
        .iter()
        .map(|(n, t, v)| (layout::anchor("type", *n), t.label().to_string(), v.len()))
        .collect();
    let body = html! {
        p { (layout::total(lib.powers.len(), " 项", "权责事项")) "权责清单列明执法机关可以做什么、依据是什么、每个环节负什么责任、出了问题怎样追责。清单以外的事项，执法机关不得实施。" }
        (layout::toc(&toc))
        @for (n, t, items) in &groups {
            section.group {
                h2 id=(layout::anchor("type", *n)) { (t.label()) }
                table.list {
                    caption.visually-hidden { (t.label()) "事项" }
                    thead { tr {
                        th scope="col" { "事项编码" } th scope="col" { "事项名称" } th scope="col" { "领域" }
                        th scope="col" { "实施主体" } th scope="col" { "设定依据" } th scope="col" { "状态" }
                    } }
                    tbody {
                        @for p in items {
                            tr {
                                td data-label="事项编码" { (p.meta.id) }
                                td data-label="事项名称" { a href=(routes::power(p.meta.id.as_str())) { (p.meta.title) } }
                                td data-label="领域" { (p.meta.domain) }
                                td data-label="实施主体" { (ctx.agency_name(&p.meta.agency)) }
                                td data-label="设定依据" { (p.meta.basis.iter().map(LegalRef::cite).collect::<Vec<_>>().join("；")) }
                                td data-label="状态" { (layout::item_status(p.meta.status)) }
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
            title: routes::POWERS.title,
            section: Some(&routes::POWERS),
            crumbs: vec![],
            lead: Some("执法机关的每一项职权、依据、责任和追责情形。".into()),
            body,
        },
        &[feeds::page_feed(routes::POWERS.path, routes::POWERS.title)],
    );
    vec![
        RenderedPage::at(routes::POWERS.path, markup),
        // The list's own feed: its additions, changes and repeals.
        feeds::scoped(
            ctx,
            routes::POWERS.path,
            routes::POWERS.title,
            &[],
            &ChangesOf::Kind(Kind::Power),
        ),
    ]
}

fn detail(ctx: &Ctx<'_>, item: &Item<PowerItem>) -> RenderedPage {
    let links = ctx.links;
    let m = &item.meta;
    let agency_link = match links.get::<Agency>(m.agency.as_str()) {
        Some(a) => {
            html! { a href=(routes::agency(m.agency.as_str())) { (a.meta.name) } }
        }
        None => html! { (m.agency) },
    };
    let mut rows = vec![
        ("事项编码", html! { (m.id) }),
        ("职权类型", html! { (m.power_type.label()) }),
        ("领域", html! { (m.domain) }),
        ("实施主体", agency_link),
        (
            "监督电话",
            html! { a href={ "tel:" (m.supervision_phone) } { (m.supervision_phone) } },
        ),
    ];
    rows.extend(layout::item_dates(m.effective, m.updated, m.status));
    let risks: Vec<_> = links
        .referrers::<RiskPoint, _>(m)
        .map(|r| {
            (
                routes::risk(r.meta.id.as_str()),
                format!("{}（{}风险）", r.meta.title, r.meta.level.label()),
            )
        })
        .collect();
    let exemptions: Vec<_> = links
        .referrers::<Exemption, _>(m)
        .map(|e| {
            (
                routes::exemption(e.meta.id.as_str()),
                format!("【{}】{}", e.meta.kind.label(), e.meta.title),
            )
        })
        .collect();
    let benchmarks: Vec<_> = links
        .referrers::<Benchmark, _>(m)
        .map(|b| (routes::benchmark(b.meta.id.as_str()), b.meta.title.clone()))
        .collect();
    let guides: Vec<_> = links
        .referrers::<Guide, _>(m)
        .map(|g| (routes::guide(g.meta.id.as_str()), g.meta.title.clone()))
        .collect();
    let inspections = super::inspections::of_power(links, m);
    let decided = links
        .referrers::<Decision, _>(m)
        .filter(|d| d.meta.is_public())
        .count();
    let body = html! {
        (layout::fields(rows))
        section { h2 { "设定依据" } (layout::legal_refs(&m.basis)) }
        section {
            h2 { "责任事项" }
            table.list {
                thead { tr { th scope="col" { "环节" } th scope="col" { "责任" } } }
                tbody {
                    @for r in &m.responsibilities {
                        tr { td data-label="环节" { (r.stage) } td data-label="责任" { (r.duty) } }
                    }
                }
            }
        }
        section { h2 { "追责情形" } ul { @for a in &m.accountability { li { (a) } } } }
        (layout::prose(&item.body))
        @if !guides.is_empty() {
            section { h2 { "办事指南" } (layout::link_list(guides, "")) }
        }
        @if !inspections.is_empty() {
            section { h2 { "涉企行政检查事项" } (layout::link_list(inspections, "")) }
        }
        section { h2 { "相关风险点" } (layout::link_list(risks, "（无）")) }
        section { h2 { "包容免罚与从轻减轻" } (layout::link_list(exemptions, "（无）")) }
        section { h2 { "裁量基准" } (layout::link_list(benchmarks, "（无）")) }
        p { "依本事项作出并公开的处罚决定：" (decided) " 件。" a href=(routes::DECISIONS.path) { "查看处罚决定" } }
        (layout::history(ctx.history.of(&item.source)))
    };
    let markup = layout::page(
        ctx,
        PageSpec {
            title: &m.title,
            section: Some(&routes::POWERS),
            crumbs: vec![routes::POWERS.crumb()],
            lead: Some(format!("{} · {}", m.power_type.label(), m.domain)),
            body,
        },
    );
    RenderedPage::at(&routes::power(m.id.as_str()), markup)
}
