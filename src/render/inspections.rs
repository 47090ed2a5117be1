//! 涉企行政检查: the list of inspection items with each year's plan and results linked, one
//! page per item (basis, standard, method, targets, yearly ceiling and its source, the power
//! item), and one page per year's plan or results as tables (results with their totals).

use maud::{Markup, html};

use super::layout::{self, PageSpec};
use super::{Ctx, Pages, RenderedPage};
use crate::content::Item;
use crate::content::kinds::*;
use crate::content::links::Links;
use crate::content::model::*;
use crate::routes;

impl Pages for Inspection {
    fn list(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
        list(ctx)
    }
    fn detail(ctx: &Ctx<'_>, item: &Item<Self>) -> Option<RenderedPage> {
        Some(detail(ctx, item))
    }
}

impl Pages for InspectionReport {
    /// The reports are linked from the inspections list.
    fn list(_ctx: &Ctx<'_>) -> Vec<RenderedPage> {
        Vec::new()
    }
    fn detail(ctx: &Ctx<'_>, item: &Item<Self>) -> Option<RenderedPage> {
        Some(report(ctx, item))
    }
}

/// The inspection items that exercise a power item: (address, title), for its page.
pub fn of_power(links: &Links<'_>, power: &PowerItem) -> Vec<(String, String)> {
    links
        .referrers::<Inspection, _>(power)
        .map(|i| {
            (
                routes::inspection(i.meta.id.as_str()),
                format!("{} {}", i.meta.id, i.meta.title),
            )
        })
        .collect()
}

fn times(n: i64) -> String {
    format!("{n} 次")
}

fn title_of(ctx: &Ctx<'_>, id: &InspectionId) -> Markup {
    match ctx.links.get::<Inspection>(id.as_str()) {
        Some(i) => html! { a href=(routes::inspection(id.as_str())) { (i.meta.title) } },
        None => html! { (id) },
    }
}

fn list(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
    let lib = ctx.lib;
    let reports: Vec<_> = lib
        .inspection_reports
        .iter()
        .map(|r| (routes::inspection(r.meta.id.as_str()), r.meta.title.clone()))
        .collect();
    let body = html! {
        p { (layout::total(lib.inspections.len(), " 项", "涉企行政检查事项")) "《国务院办公厅关于严格规范涉企行政检查的意见》（国办发〔2024〕54号）规定：“行政检查事项未经公布的，不得实施”。每一项写明检查依据、检查标准、检查方式、检查对象和同一对象每年最多检查几次。" }
        @if !reports.is_empty() {
            section {
                h2 { "年度检查计划和检查结果" }
                (layout::link_list(reports, ""))
            }
        }
        @if !lib.inspections.is_empty() {
            table.list {
                caption.visually-hidden { (routes::INSPECTIONS.title) }
                thead { tr {
                    th scope="col" { "编号" } th scope="col" { "检查事项" } th scope="col" { "检查主体" }
                    th scope="col" { "检查方式" } th scope="col" { "每年最多" }
                } }
                tbody {
                    @for i in &lib.inspections {
                        tr {
                            td data-label="编号" { (i.meta.id) }
                            td data-label="检查事项" { a href=(routes::inspection(i.meta.id.as_str())) { (i.meta.title) } }
                            td data-label="检查主体" { (ctx.agency_name(&i.meta.agency)) }
                            td data-label="检查方式" { (i.meta.method.join("、")) }
                            td data-label="每年最多" { (times(i.meta.max_per_year)) }
                        }
                    }
                }
            }
        }
        section {
            h2 { "检查时您可以要求什么" }
            ul {
                li { "执法人员不少于两人，主动出示执法证件；证件号可以在执法主体页面的人员名单中核对。" }
                li { "告诉您检查依据和检查事项；不在本清单中的检查，可以向投诉监督电话反映。" }
                li { "超过公布的年度频次上限的检查，除下列“不计入上限”的情形外，可以向投诉监督电话反映。" }
            }
        }
    };
    let markup = layout::page(
        ctx,
        PageSpec {
            title: routes::INSPECTIONS.title,
            section: Some(&routes::INSPECTIONS),
            crumbs: vec![],
            lead: Some(routes::INSPECTIONS.about.into()),
            body,
        },
    );
    vec![RenderedPage::at(routes::INSPECTIONS.path, markup)]
}

fn detail(ctx: &Ctx<'_>, item: &Item<Inspection>) -> RenderedPage {
    let links = ctx.links;
    let m = &item.meta;
    let power_link = match links.get::<PowerItem>(m.power.as_str()) {
        Some(p) => html! {
            a href=(routes::power(m.power.as_str())) { (p.meta.id) " " (p.meta.title) }
            " " (layout::item_status(p.meta.status))
        },
        None => html! { (m.power) },
    };
    let body = html! {
        (layout::fields(vec![
            ("检查主体", html! { a href=(routes::agency(m.agency.as_str())) { (ctx.agency_name(&m.agency)) } }),
            ("所行使的权责事项", power_link),
            ("检查类别", html! { (m.check_type) }),
            ("领域", html! { (m.domain) }),
            ("最近修改", layout::date(m.updated)),
        ]))
        section {
            h2 { "多久检查一次" }
            p.answer { "同一检查对象每年最多 " strong { (times(m.max_per_year)) } "（" (m.max_scope) "）。" }
            p.muted { "上限来源：" (m.max_basis) }
            @if !m.limit_exceptions.is_empty() {
                h3 { "不计入上限的检查" }
                ul { @for e in &m.limit_exceptions { li { (e) } } }
                @if let Some(b) = &m.limit_exceptions_basis { p.muted { "依据：" (b) } }
            }
        }
        section { h2 { "检查对象" } p { (m.targets.join("、")) } }
        section {
            h2 { "检查方式" }
            p { (m.method.join("、")) }
            @if let Some(n) = &m.method_note { p { (n) } }
        }
        section { h2 { "检查标准" } ol { @for s in &m.standard { li { (s) } } } }
        section { h2 { "检查依据" } (layout::legal_refs(&m.basis)) }
        (layout::prose(&item.body))
        (layout::history(ctx.history.of(&item.source)))
    };
    let markup = layout::page(
        ctx,
        PageSpec {
            title: &m.title,
            section: Some(&routes::INSPECTIONS),
            crumbs: vec![routes::INSPECTIONS.crumb()],
            lead: Some(format!("{} · 涉企行政检查事项 · {}", m.domain, m.id)),
            body,
        },
    );
    RenderedPage::at(&routes::inspection(m.id.as_str()), markup)
}

fn plan_table(ctx: &Ctx<'_>, m: &InspectionReport) -> Markup {
    let population: u64 = m.lines.iter().map(|l| u64::from(l.population)).sum();
    let planned: u64 = m.lines.iter().map(|l| u64::from(l.planned)).sum();
    html! {
        table.list {
            caption { (m.year) " 年度计划" }
            thead { tr {
                th scope="col" { "检查事项" } th scope="col" { "检查主体" } th scope="col" { "检查对象" }
                th scope="col" { "名录库数量" } th scope="col" { "抽查比例" } th scope="col" { "计划检查数" }
                th scope="col" { "月份" } th scope="col" { "说明" }
            } }
            tbody {
                @for l in &m.lines {
                    tr {
                        td data-label="检查事项" { (title_of(ctx, &l.item)) }
                        td data-label="检查主体" { (ctx.agency_name(&l.agency)) }
                        td data-label="检查对象" { (l.targets) }
                        td data-label="名录库数量" { (l.population) }
                        td data-label="抽查比例" { (format!("{}%", (l.random_ratio * 100.0).round())) }
                        td data-label="计划检查数" { (l.planned) }
                        td data-label="月份" {
                            @if l.months.is_empty() { "—" }
                            @else { (l.months.iter().map(|x| format!("{x}月")).collect::<Vec<_>>().join("、")) }
                        }
                        td data-label="说明" { (l.note.as_deref().unwrap_or("")) }
                    }
                }
            }
            tfoot { tr {
                th scope="row" { "合计" } td {} td {}
                td data-label="名录库数量" { (population) } td {}
                td data-label="计划检查数" { (planned) } td {} td {}
            } }
        }
    }
}

fn results_table(ctx: &Ctx<'_>, m: &InspectionReport) -> Markup {
    html! {
        table.list {
            caption { (m.year) " 年度检查结果（按检查事项）" }
            thead { tr {
                th scope="col" { "检查事项" } th scope="col" { "检查主体" }
                @for l in COUNT_LABELS { th scope="col" { (l) } }
            } }
            tbody {
                @for r in &m.rows {
                    tr {
                        td data-label="检查事项" { (title_of(ctx, &r.item)) }
                        td data-label="检查主体" { (ctx.agency_name(&r.agency)) }
                        @for (l, c) in COUNT_LABELS.iter().zip(r.counts()) { td data-label=(l) { (c) } }
                    }
                }
            }
        }
        @if !m.totals.is_empty() {
            table.list {
                caption { "合计" }
                thead { tr {
                    th scope="col" { "实施主体" }
                    @for l in COUNT_LABELS { th scope="col" { (l) } }
                } }
                tbody {
                    @for t in &m.totals {
                        tr {
                            th scope="row" data-label="实施主体" {
                                @match &t.agency { Some(a) => (ctx.agency_name(a)), None => "合计" }
                            }
                            @for (l, c) in COUNT_LABELS.iter().zip(t.counts()) { td data-label=(l) { (c) } }
                        }
                    }
                }
            }
        }
    }
}

fn report(ctx: &Ctx<'_>, item: &Item<InspectionReport>) -> RenderedPage {
    let m = &item.meta;
    let notes: Vec<(&str, Markup)> = [
        ("审批", &m.approved_by),
        ("双随机、一公开", &m.random_method),
        ("抽查比例", &m.random_ratio_note),
        ("专项检查", &m.special_checks_note),
        ("统计口径", &m.method_note),
    ]
    .into_iter()
    .filter_map(|(label, v)| v.as_ref().map(|t| (label, html! { (t) })))
    .collect();
    let mut fields = vec![("公布日期", layout::date(m.published))];
    fields.extend(notes);
    let body = html! {
        (layout::fields(fields))
        @if m.is_plan() { (plan_table(ctx, m)) }
        @if !m.rows.is_empty() { (results_table(ctx, m)) }
        (layout::prose(&item.body))
    };
    let markup = layout::page(
        ctx,
        PageSpec {
            title: &m.title,
            section: Some(&routes::INSPECTIONS),
            crumbs: vec![routes::INSPECTIONS.crumb()],
            lead: Some(if m.is_plan() {
                format!(
                    "{} 年按计划开展的涉企行政检查：检查哪些对象、抽查多少、在哪些月份。",
                    m.year
                )
            } else {
                format!(
                    "{} 年涉企行政检查的结果，只公开汇总数，不公开被检查对象名单。",
                    m.year
                )
            }),
            body,
        },
    );
    RenderedPage::at(&routes::inspection(m.id.as_str()), markup)
}
