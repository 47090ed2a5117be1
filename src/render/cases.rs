//! 典型案例 (以案释法): the list and one page per case.

use maud::html;

use super::layout::{self, PageSpec};
use super::{Ctx, Pages, RenderedPage};
use crate::content::Item;
use crate::content::kinds::*;
use crate::routes;

impl Pages for Case {
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
        p { "以案释法：用真实发生过的案例（已隐去当事人信息）说明法律怎样适用。" }
        @if lib.cases.is_empty() { p { strong.empty { "目前尚未发布典型案例。" } } }
        @else { ul.cards {
            @for c in &lib.cases {
                li {
                    h2 { a href=(routes::case(c.meta.id.as_str())) { (c.meta.title) } }
                    p.meta { (c.meta.domain) " · " (layout::date(c.meta.date)) }
                    p { (c.meta.summary) }
                }
            }
        } }
    };
    let markup = layout::page(
        ctx,
        PageSpec {
            title: routes::CASES.title,
            section: Some(&routes::CASES),
            crumbs: vec![],
            lead: Some("以案释法：看别人遇到的问题，避免自己踩坑。".into()),
            body,
        },
    );
    vec![RenderedPage::at(routes::CASES.path, markup)]
}

fn detail(ctx: &Ctx<'_>, item: &Item<Case>) -> RenderedPage {
    let links = ctx.links;
    let m = &item.meta;
    let risks: Vec<_> = links
        .resolve(&m.risks)
        .map(|r| (routes::risk(r.meta.id.as_str()), r.meta.title.clone()))
        .collect();
    let decisions: Vec<_> = links
        .resolve(&m.decisions)
        .map(|d| (routes::decision(d.meta.id.as_str()), d.meta.number.clone()))
        .collect();
    let body = html! {
        (layout::fields(vec![("领域", html! { (m.domain) }), ("日期", layout::date(m.date))]))
        p.summary { (m.summary) }
        (layout::prose(&item.body))
        section { h2 { "相关风险点" } (layout::link_list(risks, "（无）")) }
        section { h2 { "相关处罚决定" } (layout::link_list(decisions, "（无）")) }
    };
    let markup = layout::page(
        ctx,
        PageSpec {
            title: &m.title,
            section: Some(&routes::CASES),
            crumbs: vec![routes::CASES.crumb()],
            lead: None,
            body,
        },
    );
    RenderedPage::at(&routes::case(m.id.as_str()), markup)
}
