//! 执法主体 and 事前公开: the agencies list and each agency's disclosure page.

use maud::html;

use super::feeds::{self, ChangesOf};
use super::layout::{self, PageSpec};
use super::{Ctx, Pages, RenderedPage};
use crate::content::Item;
use crate::content::kinds::*;
use crate::routes;

impl Pages for Agency {
    fn list(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
        list(ctx)
    }
    fn detail(ctx: &Ctx<'_>, item: &Item<Self>) -> Option<RenderedPage> {
        Some(detail(ctx, item))
    }
}

fn list(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
    let lib = ctx.lib;
    let body = html! {
        p { "谁执法谁公示。以下执法主体在执法前公开主体资格、职责、依据、程序、执法人员和监督渠道。" }
        ul.cards {
            @for a in &lib.agencies {
                li {
                    h2 { a href=(routes::agency(a.meta.id.as_str())) { (a.meta.name) } }
                    p { "地址：" (a.meta.address) }
                    p { "电话：" (a.meta.phone) "　投诉监督：" (a.meta.complaint_phone) }
                }
            }
        }
    };
    let markup = layout::page(
        ctx,
        PageSpec {
            title: routes::AGENCIES.title,
            section: Some(&routes::AGENCIES),
            crumbs: vec![],
            lead: Some("执法主体、职责、依据、程序、执法人员和监督渠道。".into()),
            body,
        },
    );
    let mut out = vec![RenderedPage::at(routes::AGENCIES.path, markup)];
    // Each agency's feed: the decisions it made (grouped in one pass over the decisions) and
    // the list items it is responsible for.
    let mut by_agency: std::collections::HashMap<&str, Vec<&Item<Decision>>> =
        std::collections::HashMap::new();
    for d in lib.standing_decisions() {
        by_agency.entry(d.meta.agency.as_str()).or_default().push(d);
    }
    for a in &lib.agencies {
        let id = a.meta.id.as_str();
        out.push(feeds::scoped(
            ctx,
            &routes::agency(id),
            &a.meta.name,
            by_agency.get(id).map_or(&[], Vec::as_slice),
            &ChangesOf::Agency(id.to_string()),
        ));
    }
    out
}

fn detail(ctx: &Ctx<'_>, item: &Item<Agency>) -> RenderedPage {
    let links = ctx.links;
    let m = &item.meta;
    let powers = links.referrers::<PowerItem, _>(m).count();
    let decisions = links
        .referrers::<Decision, _>(m)
        .filter(|d| d.meta.is_public())
        .count();
    let registers: Vec<_> = links
        .referrers::<Register, _>(m)
        .map(|r| {
            (
                r.meta.address(),
                super::registers::name(&r.meta).to_string(),
            )
        })
        .collect();
    let inspections: Vec<_> = links
        .referrers::<Inspection, _>(m)
        .map(|i| (i.meta.address(), format!("{} {}", i.meta.id, i.meta.title)))
        .collect();
    let mut rows = vec![
        ("名称", html! { (m.name) }),
        (
            "地址",
            html! { (m.address) @if let Some(p) = &m.postcode { "（邮编 " (p) "）" } },
        ),
        (
            "办公电话",
            html! { a href={ "tel:" (m.phone) } { (m.phone) } },
        ),
        (
            "投诉监督电话",
            html! { a href={ "tel:" (m.complaint_phone) } { (m.complaint_phone) } },
        ),
        (
            "电子邮箱",
            html! { a href={ "mailto:" (m.email) } { (m.email) } },
        ),
        ("办公时间", html! { (m.office_hours) }),
        ("行政复议机关", html! { (m.government) }),
    ];
    rows.push(("信息更新", layout::date(m.updated)));
    let body = html! {
        (layout::fields(rows))
        (layout::prose(&item.body))
        section { h2 { "主要职责" } ol { @for d in &m.duties { li { (d) } } } }
        section { h2 { "执法依据" } ul { @for l in &m.legal_basis { li { "《" (l) "》" } } } }
        section { h2 { "执法程序" } ul { @for p in &m.procedures { li { (p) } } } }
        section {
            h2 { "权责事项与处罚决定" }
            p { "本机关实施的权责事项 " (powers) " 项，见" (layout::link(&routes::POWERS)) "；已公开的处罚决定 " (decisions) " 件，见" (layout::link(&routes::DECISIONS)) "。" }
        }
        @if !inspections.is_empty() {
            section {
                h2 { "涉企行政检查事项" }
                p { "本机关实施的检查事项，每项写明检查标准、方式和每年最多检查几次；全部见" (layout::link(&routes::INSPECTIONS)) "。" }
                (layout::link_list(inspections, ""))
            }
        }
        @if !registers.is_empty() {
            section {
                h2 { "执法制度清单" }
                (layout::link_list(registers, ""))
            }
        }
        @if !m.staff.is_empty() {
            section id=(routes::AGENCY_STAFF_ANCHOR) {
                h2 { (STAFF_HEADING) }
                p { (STAFF_NOTE) }
                table.list {
                    thead { tr { th scope="col" { "姓名" } th scope="col" { "执法证号" } th scope="col" { "所在单位" } } }
                    tbody { @for s in &m.staff {
                        tr { td data-label="姓名" { (s.name) } td data-label="执法证号" { (s.certificate) } td data-label="所在单位" { (s.unit.as_deref().unwrap_or("—")) } }
                    } }
                }
            }
        }
        @if !m.cameras.is_empty() {
            section {
                h2 { "固定执法摄像设备位置" }
                table.list {
                    thead { tr { th scope="col" { "位置" } th scope="col" { "主要用途" } } }
                    tbody { @for c in &m.cameras {
                        tr { td data-label="位置" { (c.location) } td data-label="主要用途" { (c.purpose) } }
                    } }
                }
            }
        }
        section id=(routes::AGENCY_SUPERVISION_ANCHOR) {
            h2 { (SUPERVISION_HEADING) }
            p { (supervision_text(m)) }
            ul.links {
                li { (layout::link(&routes::COMPLAIN)) "：怎样投诉、怎样核对执法证" }
                li { (layout::link(&routes::REPORT)) "：发现城市管理违法行为怎样举报" }
                li { (layout::link(&routes::REMEDIES)) "：对处罚不服怎么办" }
            }
        }
    };
    let path = routes::agency(m.id.as_str());
    let markup = layout::page_with_feeds(
        ctx,
        PageSpec {
            title: &m.name,
            section: Some(&routes::AGENCIES),
            crumbs: vec![routes::AGENCIES.crumb()],
            lead: Some("事前公开：主体、职责、依据、程序、人员、监督渠道。".into()),
            body,
        },
        &[feeds::page_feed(&path, &m.name)],
    );
    RenderedPage::at(&path, markup)
}
