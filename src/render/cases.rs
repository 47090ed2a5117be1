//! 典型案例 (以案释法): the list and one page per case.

use maud::html;

use super::layout::{self, PageSpec, Section};
use super::{Ctx, RenderedPage, url};
use crate::content::Item;
use crate::content::model::*;

pub fn list(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
    let lib = ctx.lib;
    let body = html! {
        p { "以案释法：用真实发生过的案例（已隐去当事人信息）说明法律怎样适用。" }
        ul.cards {
            @for c in &lib.cases {
                li {
                    h2 { a href=(url::case(c.meta.id.as_str())) { (c.meta.title) } }
                    p.meta { (c.meta.domain) " · " (layout::date(c.meta.date)) }
                    p { (c.meta.summary) }
                }
            }
        }
    };
    let markup = layout::page(
        ctx,
        PageSpec {
            title: "典型案例",
            section: Section::Cases,
            crumbs: vec![],
            lead: Some("以案释法：看别人遇到的问题，避免自己踩坑。".into()),
            body,
        },
    );
    vec![RenderedPage::at("/cases/", markup)]
}

pub fn detail(ctx: &Ctx<'_>, item: &Item<Case>) -> RenderedPage {
    let (lib, links) = (ctx.lib, ctx.links);
    let m = &item.meta;
    let risks: Vec<_> = m
        .risks
        .iter()
        .filter_map(|id| links.risks.get(id.as_str()).map(|i| &lib.risks[i]))
        .map(|r| (url::risk(r.meta.id.as_str()), r.meta.title.clone()))
        .collect();
    let decisions: Vec<_> = m
        .decisions
        .iter()
        .filter_map(|id| links.decisions.get(id.as_str()).map(|i| &lib.decisions[i]))
        .map(|d| (url::decision(d.meta.id.as_str()), d.meta.number.clone()))
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
            section: Section::Cases,
            crumbs: vec![("典型案例".into(), "/cases/".into())],
            lead: None,
            body,
        },
    );
    RenderedPage::at(&url::case(m.id.as_str()), markup)
}
