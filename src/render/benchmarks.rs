//! 行政处罚裁量基准: the list grouped by 领域, one page per benchmark, and the grades table
//! that risk pages reuse.

use maud::{Markup, html};

use super::layout::{self, PageSpec};
use super::{Ctx, Pages, RenderedPage};
use crate::content::Item;
use crate::content::kinds::*;
use crate::content::model::*;
use crate::content::statutes::Party;
use crate::routes;

/// The grades of a benchmark as a table: 档次, 情形, 处罚, 罚款幅度.
pub fn grades_table(grades: &[BenchmarkGrade]) -> Markup {
    html! {
        table.list.grades {
            thead { tr {
                th scope="col" { "档次" } th scope="col" { "违法情形" } th scope="col" { "处罚标准" } th scope="col" { "罚款幅度" }
            } }
            tbody {
                @for g in grades {
                    tr {
                        td data-label="档次" { (g.grade.label()) }
                        td data-label="违法情形" { (g.circumstances) }
                        td data-label="处罚标准" { (g.penalty) }
                        td data-label="罚款幅度" { (fine_range(g)) }
                    }
                }
            }
        }
    }
}

/// A grade's fine range as the public reads it; a grade split by party shows both ranges.
fn fine_range(g: &BenchmarkGrade) -> String {
    if g.is_split() {
        let one = |p: Party| range_text(g.range_for(p));
        return format!(
            "个人：{}；单位：{}",
            one(Party::Individual),
            one(Party::Unit)
        );
    }
    range_text((g.fine_min, g.fine_max))
}

pub(crate) use crate::content::model::range_text;

impl Pages for Benchmark {
    fn list(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
        list(ctx)
    }
    fn detail(ctx: &Ctx<'_>, item: &Item<Self>) -> Option<RenderedPage> {
        Some(detail(ctx, item))
    }
}

fn list(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
    let lib = ctx.lib;
    let groups: Vec<(usize, &String, Vec<&Item<Benchmark>>)> = lib
        .site
        .domains
        .iter()
        .enumerate()
        .map(|(n, d)| {
            (
                n,
                d,
                lib.benchmarks
                    .iter()
                    .filter(|b| &b.meta.domain == d)
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, _, v)| !v.is_empty())
        .collect();
    let toc: Vec<_> = groups
        .iter()
        .map(|(n, d, v)| (layout::anchor("domain", *n), (*d).clone(), v.len()))
        .collect();
    let body = html! {
        p { (layout::total(lib.benchmarks.len(), " 项", "裁量基准")) "裁量基准按违法情节把处罚分成若干档次，同样的情节同样处罚。依照行政处罚法第三十四条，裁量基准应当向社会公布。" }
        (layout::toc(&toc))
        @for (n, d, items) in &groups {
            section.group {
                h2 id=(layout::anchor("domain", *n)) { (d) }
                table.list {
                    caption.visually-hidden { (d) "裁量基准" }
                    thead { tr {
                        th scope="col" { "编号" } th scope="col" { "违法行为" } th scope="col" { "处罚依据" }
                        th scope="col" { "档次" } th scope="col" { "状态" }
                    } }
                    tbody {
                        @for b in items {
                            tr {
                                td data-label="编号" { (b.meta.id) }
                                td data-label="违法行为" { a href=(routes::benchmark(b.meta.id.as_str())) { (b.meta.title) } }
                                td data-label="处罚依据" { (b.meta.penalty_basis.iter().map(LegalRef::cite).collect::<Vec<_>>().join("；")) }
                                td data-label="档次" { (b.meta.grades.iter().map(|g| g.grade.label()).collect::<Vec<_>>().join("、")) }
                                td data-label="状态" { (layout::item_status(b.meta.status)) }
                            }
                        }
                    }
                }
            }
        }
    };
    let markup = layout::page(
        ctx,
        PageSpec {
            title: routes::BENCHMARKS.title,
            section: Some(&routes::BENCHMARKS),
            crumbs: vec![],
            lead: Some("每一类违法行为按情节轻重分档，写明对应的处罚标准。".into()),
            body,
        },
    );
    vec![RenderedPage::at(routes::BENCHMARKS.path, markup)]
}

fn detail(ctx: &Ctx<'_>, item: &Item<Benchmark>) -> RenderedPage {
    let links = ctx.links;
    let m = &item.meta;
    let mut rows = vec![("编号", html! { (m.id) }), ("领域", html! { (m.domain) })];
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
        section { h2 { "裁量档次" } (grades_table(&m.grades)) }
        section { h2 { "违反的规定" } (layout::legal_refs(&m.violates)) h2 { "处罚依据" } (layout::legal_refs(&m.penalty_basis)) }
        (layout::prose(&item.body))
        section { h2 { "相关风险点" } (layout::link_list(risks, "（无）")) }
        section { h2 { "对应权责事项" } (layout::link_list(powers, "（无）")) }
        p { "已公开的处罚决定中适用本基准的：" (applied) " 件。" }
        (layout::history(ctx.history.of(&item.source)))
    };
    let markup = layout::page(
        ctx,
        PageSpec {
            title: &m.title,
            section: Some(&routes::BENCHMARKS),
            crumbs: vec![routes::BENCHMARKS.crumb()],
            lead: Some(format!("裁量基准 · {}", m.domain)),
            body,
        },
    );
    RenderedPage::at(&routes::benchmark(m.id.as_str()), markup)
}
