//! The home page, free pages, the remedies guide and the not-found page.

use maud::html;

use super::layout::{self, PageSpec};
use super::{Ctx, Pages, RenderedPage};
use crate::content::Item;
use crate::content::kinds::*;
use crate::routes;

impl Pages for Page {
    /// Free pages have no list: the footer and the home page link them.
    fn list(_: &Ctx<'_>) -> Vec<RenderedPage> {
        Vec::new()
    }
    fn detail(ctx: &Ctx<'_>, item: &Item<Self>) -> Option<RenderedPage> {
        free_page(ctx, item)
    }
}

pub fn home(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
    let lib = ctx.lib;
    let published: Vec<&Item<Decision>> = lib.standing_decisions().take(5).collect();
    let has_page = |id: &str| lib.pages.iter().any(|p| p.meta.id.as_str() == id);
    let (publishing, how_to_read) = (has_page("publishing"), has_page("how-to-read"));
    let body = html! {
        form.hero-search action=(routes::SEARCH) method="get" role="search" aria-label="查找规定、风险和处罚决定" {
            label for="home-q" { "想做什么、遇到什么事，直接输入：" }
            div.row {
                input #home-q type="search" name="q" placeholder="如：门口摆摊、装修垃圾、油烟、被罚款不服";
                button type="submit" { "搜索" }
            }
            p.examples {
                "常见问题："
                @for q in ["门口摆摊", "招牌", "装修垃圾", "油烟", "第一次违规罚不罚", "被罚款了不服怎么办"] {
                    a href=(routes::search_for(q)) { (q) } " "
                }
            }
        }
        div.entries {
            section.entry {
                h2 { "我是商户：经营前查风险" }
                p { "开店、装修、设招牌、摆摊前，先看看哪些做法会违法，怎样做才合规，第一次轻微违法能不能免罚。" }
                ul {
                    li { a href=(routes::SELF_CHECK.path) { "经营前自查：按行业列出风险和合规做法" } "（可打印）" }
                    li { (layout::link(&routes::RISKS)) (layout::count_note(lib.risks.len())) }
                    li { (layout::link(&routes::GUIDES)) (layout::count_note(lib.guides.len())) "：占道、挖路、设招牌、砍树先办许可" }
                    li { (layout::link(&routes::EXEMPTIONS)) (layout::count_note(lib.exemptions.len())) }
                    li { (layout::link(&routes::BENCHMARKS)) (layout::count_note(lib.benchmarks.len())) }
                }
            }
            section.entry {
                h2 { "我是市民：查处罚决定与权责" }
                p { "查询执法机关作出的处罚决定、它有哪些权力和责任、对处罚不服怎么办。" }
                ul {
                    li { (layout::link(&routes::DECISIONS)) "（按年月、领域、违法行为等查询）" }
                    li { (layout::link(&routes::STATISTICS)) "：不予处罚、从轻、减轻各占多少" }
                    li { (layout::link(&routes::POWERS)) (layout::count_note(lib.powers.len())) }
                    li { (layout::link(&routes::INSPECTIONS)) (layout::count_note(lib.inspections.len())) "：检查什么、多久来一次" }
                    li { (layout::link(&routes::AGENCIES)) }
                    @for r in &lib.registers {
                        li { a href=(r.meta.address()) { (super::registers::name(&r.meta)) } }
                    }
                    li { (layout::link(&routes::REMEDIES)) }
                }
            }
            section.entry {
                h2 { "我要反映问题" }
                p { "看到占道经营、乱倒垃圾、油烟噪声扰民，怎样举报；对执法人员有意见，向谁投诉；不归城管管的事找谁。" }
                ul {
                    li { (layout::link(&routes::REPORT)) }
                    li { (layout::link(&routes::COMPLAIN)) }
                    li { (layout::link(&routes::REFERRALS)) }
                }
            }
            section.entry {
                h2 { "我是工作人员：如何发布" }
                p { "清单和处罚决定通过合并请求发布，提交前由检查程序拦下个人信息、错误引用和超期记录。" }
                ul {
                    @if publishing { li { a href=(routes::page("publishing")) { "发布指南" } } }
                    @if how_to_read { li { a href=(routes::page("how-to-read")) { "如何阅读各类清单" } } }
                    li { (layout::link(&routes::CASES)) }
                }
            }
        }
        section {
            h2 { "最新公开的处罚决定" }
            @if published.is_empty() {
                p { "目前尚未公开行政处罚决定。" }
            } @else {
                ul.links {
                    @for d in &published {
                        li { a href=(routes::decision(d.meta.id.as_str())) { (d.meta.number) } "　" (d.meta.violation) "（" (d.meta.penalty_summary()) "）" }
                    }
                }
                p { a href=(routes::DECISIONS.path) { "查看全部处罚决定" } }
            }
        }
        @if !lib.pages.is_empty() {
            section {
                h2 { "了解更多" }
                ul.links {
                    @for p in &lib.pages {
                        li { a href=(routes::page(p.meta.id.as_str())) { (p.meta.title) } @if let Some(s) = &p.meta.summary { "：" (s) } }
                    }
                }
            }
        }
    };
    let markup = layout::page(
        ctx,
        PageSpec {
            title: &lib.site.name,
            section: Some(&routes::HOME),
            crumbs: vec![],
            lead: Some("行政执法公示与法律风险防控：先知道规矩，再放心经营。".into()),
            body,
        },
    );
    vec![RenderedPage::at(routes::HOME.path, markup)]
}

/// 网站地图: every list and page of the site as one HTML page (decisions by year, not one
/// by one), linked from every footer.
pub fn site_map(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
    let lib = ctx.lib;
    let mut years: Vec<i32> = lib
        .standing_decisions()
        .map(|d| d.meta.decided.year())
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let places = |list: &[&routes::Place]| -> Vec<(String, String)> {
        list.iter()
            .map(|p| (p.path.to_string(), p.title.to_string()))
            .collect()
    };
    let mut lists = places(&[
        &routes::RISKS,
        &routes::SELF_CHECK,
        &routes::GUIDES,
        &routes::POWERS,
        &routes::INSPECTIONS,
        &routes::EXEMPTIONS,
        &routes::BENCHMARKS,
        &routes::CASES,
    ]);
    // A year's plan and results right after the inspection list they belong to.
    let after = lists
        .iter()
        .position(|(href, _)| href == routes::INSPECTIONS.path)
        .map_or(lists.len(), |i| i + 1);
    lists.splice(
        after..after,
        lib.inspection_reports
            .iter()
            .map(|r| (r.meta.address(), r.meta.title.clone())),
    );
    let guides: Vec<_> = lib
        .guides
        .iter()
        .map(|g| (g.meta.address(), g.meta.title.clone()))
        .collect();
    let decisions: Vec<_> = std::iter::once((
        routes::DECISIONS.path.to_string(),
        routes::DECISIONS.title.to_string(),
    ))
    .chain(
        years
            .iter()
            .map(|y| (routes::decision_year(*y, 1), format!("{y}年处罚决定"))),
    )
    .collect();
    let mut agencies: Vec<_> = places(&[&routes::AGENCIES]);
    agencies.extend(
        lib.agencies
            .iter()
            .map(|a| (a.meta.address(), a.meta.name.clone())),
    );
    agencies.extend(lib.registers.iter().map(|r| {
        (
            r.meta.address(),
            super::registers::name(&r.meta).to_string(),
        )
    }));
    let mut help = places(&[
        &routes::REMEDIES,
        &routes::REPORT,
        &routes::COMPLAIN,
        &routes::REFERRALS,
    ]);
    help.extend(
        lib.pages
            .iter()
            .filter(|p| {
                !routes::PAGE_PLACES
                    .iter()
                    .any(|(id, _)| *id == p.meta.id.as_str())
            })
            .map(|p| (p.meta.address(), p.meta.title.clone())),
    );
    let data = places(&[
        &routes::STATISTICS,
        &routes::OPEN_DATA,
        &routes::SEARCH_SHELL,
    ]);
    let groups = [
        ("清单", lists),
        ("办事指南", guides),
        ("处罚决定", decisions),
        ("执法主体与事前公开", agencies),
        ("权利救济与反映问题", help),
        ("统计、数据与搜索", data),
    ];
    let body = html! {
        @for (heading, links) in &groups {
            @if !links.is_empty() {
                section { h2 { (heading) } (layout::link_list(links.clone(), "")) }
            }
        }
    };
    let markup = layout::page(
        ctx,
        PageSpec {
            title: routes::SITE_MAP.title,
            section: None,
            crumbs: vec![],
            lead: Some("本站的全部清单和页面。".into()),
            body,
        },
    );
    vec![RenderedPage::at(routes::SITE_MAP.path, markup)]
}

fn free_page(ctx: &Ctx<'_>, item: &Item<Page>) -> Option<RenderedPage> {
    if item.meta.id.as_str() == routes::REMEDIES_PAGE_ID {
        return None; // rendered by `remedies`
    }
    let body = html! {
        (layout::prose(&item.body))
        p.updated { "更新日期：" (layout::date(item.meta.updated)) }
    };
    let markup = layout::page(
        ctx,
        PageSpec {
            title: &item.meta.title,
            section: None,
            crumbs: vec![],
            lead: item.meta.summary.clone(),
            body,
        },
    );
    Some(RenderedPage::at(
        &routes::page(item.meta.id.as_str()),
        markup,
    ))
}

/// The remedies guide: the staff-written body plus every channel from settings and agencies.
pub fn remedies(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
    let lib = ctx.lib;
    let page = lib
        .pages
        .iter()
        .find(|p| p.meta.id.as_str() == routes::REMEDIES_PAGE_ID);
    let body = html! {
        p.ticket-link { strong { (layout::link(&routes::TICKET)) } "：填上收到决定书的日期，算出缴纳罚款、加处罚款、申请复议、提起诉讼的最后一天和信用修复的日期，可打印，可加入日历。" }
        section.channels-box {
            h2 { "咨询、投诉和监督渠道" }
            ul {
                @for h in &lib.site.hotlines { li { (h.name) "：" a href={ "tel:" (h.number) } { (h.number) } } }
                @for e in &lib.site.emails { li { "电子邮箱：" a href={ "mailto:" (e) } { (e) } } }
                @for a in &lib.agencies {
                    li { (a.meta.name) "：投诉监督电话 " a href={ "tel:" (a.meta.complaint_phone) } { (a.meta.complaint_phone) } "；行政复议机关：" (a.meta.government) }
                }
            }
        }
        @match page {
            Some(p) => {
                (layout::prose(&p.body))
                p.updated { "更新日期：" (layout::date(p.meta.updated)) }
            }
            None => {
                ul {
                    li { "作出处罚决定前，您有权陈述、申辩（行政处罚法第四十五条）。" }
                    li { "对处罚决定不服，可以自知道之日起 60 日内申请行政复议（行政复议法第二十条）。" }
                    li { "也可以自知道之日起 6 个月内提起行政诉讼（行政诉讼法第四十六条）。" }
                }
            }
        }
    };
    let title = page.map_or(routes::REMEDIES.title, |p| p.meta.title.as_str());
    let markup = layout::page(
        ctx,
        PageSpec {
            title,
            section: Some(&routes::REMEDIES),
            crumbs: vec![],
            lead: Some(
                "收到责令改正通知书、行政处罚事先告知书或决定书后，您可以做什么、在什么期限内做。"
                    .into(),
            ),
            body,
        },
    );
    vec![RenderedPage::at(routes::REMEDIES.path, markup)]
}

/// 职责边界: every row of the referral table at its anchor, who handles it and on what basis.
pub fn referrals(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
    let rows = &ctx.lib.referrals.referral;
    let body = html! {
        @if rows.is_empty() {
            p { "目前没有整理不归本机关管理的事项。不清楚该找哪个部门的，可以拨打 12345 政务服务便民热线。" }
        } @else {
            p { "下面这些事群众常来找城管，但依法由其他部门负责。直接找对部门，办得更快。不清楚的，都可以拨打 12345 政务服务便民热线，由热线转给负责的部门。" }
            nav.toc aria-label="本页目录" {
                ul { @for r in rows { li { a href={ "#" (r.anchor()) } { (r.matter) } } } }
            }
            @for r in rows {
                section.referral-row id=(r.anchor()) {
                    h2 { (r.matter) }
                    dl.fields {
                        div { dt { "请找" } dd { strong { (r.department) } } }
                        div { dt { "怎么联系" } dd { (r.contact) } }
                        @if let Some(b) = &r.basis {
                            div {
                                dt { "依据" }
                                dd {
                                    (b.cite())
                                    @if let Some(t) = &b.text { blockquote { (t) } }
                                }
                            }
                        }
                    }
                    @if !r.boundary.is_empty() { p.boundary { (r.boundary) } }
                }
            }
        }
        p.help { "对城管执法的事不满意，见" (layout::link(&routes::COMPLAIN)) "；发现城市管理违法行为，见" (layout::link(&routes::REPORT)) "。" }
    };
    let markup = layout::page(
        ctx,
        PageSpec {
            title: routes::REFERRALS.title,
            section: None,
            crumbs: vec![],
            lead: Some(routes::REFERRALS.about.into()),
            body,
        },
    );
    vec![RenderedPage::at(routes::REFERRALS.path, markup)]
}

pub fn not_found(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
    let body = html! {
        p { "您要找的页面不存在，可能已经调整或撤回。" }
        ul.links {
            li { a href=(routes::HOME.path) { "返回首页" } }
            li { (layout::link(&routes::RISKS)) }
            li { (layout::link(&routes::DECISIONS)) }
        }
    };
    let markup = layout::page(
        ctx,
        PageSpec {
            title: routes::NOT_FOUND.title,
            section: None,
            crumbs: vec![],
            lead: None,
            body,
        },
    );
    vec![RenderedPage::at(routes::NOT_FOUND.path, markup)]
}
