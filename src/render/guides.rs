//! 办事指南: the list by power item, and one page per guide with its conditions, materials,
//! office, time limits (with a worked example on the working-day calendar), fees and basis.

use maud::{Markup, html};

use super::layout::{self, PageSpec};
use super::{Ctx, Pages, RenderedPage};
use crate::content::Item;
use crate::content::kinds::*;
use crate::content::links::Links;
use crate::content::model::*;
use crate::routes;

impl Pages for Guide {
    fn list(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
        list(ctx)
    }
    fn detail(ctx: &Ctx<'_>, item: &Item<Self>) -> Option<RenderedPage> {
        Some(detail(ctx, item))
    }
}

/// The guides that are the lawful way out of a risk (合法的做法): (address, title).
pub fn lawful_ways(links: &Links<'_>, risk: &RiskPoint) -> Vec<(String, String)> {
    links
        .referrers::<Guide, _>(risk)
        .map(|g| (routes::guide(g.meta.id.as_str()), g.meta.title.clone()))
        .collect()
}

fn days(n: u32) -> String {
    format!("{n} 个工作日")
}

fn list(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
    let lib = ctx.lib;
    let body = html! {
        p { (layout::total(lib.guides.len(), " 项", "办事指南")) "风险防控清单里说“未经批准不得”的事，多数可以依法申请许可后去做。每一项写明谁可以申请、条件、材料、办理地点、时限和收费。" }
        @if !lib.guides.is_empty() {
            table.list {
                caption.visually-hidden { (routes::GUIDES.title) }
                thead { tr {
                    th scope="col" { "事项名称" } th scope="col" { "办理机关" } th scope="col" { "法定时限" }
                    th scope="col" { "承诺时限" } th scope="col" { "收费" }
                } }
                tbody {
                    @for g in &lib.guides {
                        tr {
                            td data-label="事项名称" { a href=(routes::guide(g.meta.id.as_str())) { (g.meta.title) } }
                            td data-label="办理机关" { (g.meta.office_name(ctx.links)) }
                            td data-label="法定时限" { (days(g.meta.time_limit_days)) }
                            td data-label="承诺时限" { @if let Some(p) = g.meta.promised_days { (days(p)) } @else { "—" } }
                            td data-label="收费" { (g.meta.fee) }
                        }
                    }
                }
            }
        }
    };
    let markup = layout::page(
        ctx,
        PageSpec {
            title: routes::GUIDES.title,
            section: Some(&routes::GUIDES),
            crumbs: vec![],
            lead: Some(routes::GUIDES.about.into()),
            body,
        },
    );
    vec![RenderedPage::at(routes::GUIDES.path, markup)]
}

/// 办理时限 with a worked example: accepted on the site's as-of day, the last day of the
/// promised and of the statutory period, counted on the working-day calendar.
fn time_limits(ctx: &Ctx<'_>, m: &Guide) -> Markup {
    let start = ctx.as_of;
    let example = |n: u32| -> Markup {
        let (day, missing) = ctx.calendar.working_days_after_or_weekdays(start, n);
        html! {
            (layout::date(Date(day)))
            @if let Some(year) = missing {
                "（" (year) " 年节假日安排尚未公布，按周一至周五计算；其间如有法定节假日，顺延）"
            }
        }
    };
    html! {
        ul {
            li {
                strong { "法定时限：" } "自受理之日起 " (days(m.time_limit_days)) "作出决定"
                @if let Some(e) = m.extension_days { "；情况复杂的，经负责人批准可以延长 " (days(e)) "，并告知延长的理由" }
                "。"
            }
            @if let Some(p) = m.promised_days {
                li { strong { "承诺时限：" } (days(p)) "办结。" }
            }
        }
        @if let Some(note) = &m.time_limit_note { p.muted { (note) } }
        p.example {
            "例：" (layout::date(Date(start))) "受理的申请，"
            @if let Some(p) = m.promised_days { "按承诺最迟 " (example(p)) "办结，" }
            "按法定时限最迟 " (example(m.time_limit_days)) "作出决定。"
            "工作日不含周六、周日和法定节假日，调休上班日算工作日；受理当天不计入。"
        }
    }
}

fn detail(ctx: &Ctx<'_>, item: &Item<Guide>) -> RenderedPage {
    let links = ctx.links;
    let m = &item.meta;
    let power = links.get::<PowerItem>(m.power.as_str());
    let power_link = match power {
        Some(p) => html! {
            a href=(routes::power(m.power.as_str())) { (p.meta.id) " " (p.meta.title) }
            " " (layout::item_status(p.meta.status))
        },
        None => html! { (m.power) },
    };
    let risks: Vec<_> = links
        .resolve(&m.risks)
        .map(|r| (routes::risk(r.meta.id.as_str()), r.meta.title.clone()))
        .collect();
    let body = html! {
        (layout::fields(vec![
            ("办理机关", html! { (m.office_name(links)) }),
            ("所属权责事项", power_link),
            ("领域", html! { (m.domain) }),
            ("最近修改", layout::date(m.updated)),
        ]))
        section { h2 { "谁可以申请" } p { (m.applicants) } }
        section { h2 { "申请条件" } ul { @for c in &m.conditions { li { (c) } } } }
        section {
            h2 { "申请材料" }
            ol { @for x in &m.materials { li { (x) } } }
            @if let Some(n) = &m.materials_note { p.muted { (n) } }
        }
        section {
            h2 { "到哪里办" }
            (layout::fields(vec![
                ("办理地点", html! { (m.office) }),
                ("网上办理", html! { (m.online.as_deref().unwrap_or("暂不支持")) }),
            ]))
        }
        section { h2 { "办理时限" } (time_limits(ctx, m)) }
        section {
            h2 { "收费" }
            p { (m.fee) }
            @if let Some(n) = &m.fee_note { p.muted { (n) } }
        }
        section { h2 { "办理依据" } (layout::legal_refs(&m.basis)) }
        (layout::prose(&item.body))
        section.lawful {
            h2 { "办好许可，可以避免的风险" }
            (layout::link_list(risks, "（无）"))
        }
        (layout::history(ctx.history.of(&item.source)))
    };
    let markup = layout::page(
        ctx,
        PageSpec {
            title: &m.title,
            section: Some(&routes::GUIDES),
            crumbs: vec![routes::GUIDES.crumb()],
            lead: Some(format!("{} · 办事指南", m.domain)),
            body,
        },
    );
    RenderedPage::at(&routes::guide(m.id.as_str()), markup)
}
