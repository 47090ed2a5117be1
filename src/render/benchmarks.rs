//! 行政处罚裁量基准: the list grouped by 领域, one page per benchmark, and the grades table
//! that risk pages reuse.

use maud::{Markup, html};

use super::feeds::{self, ChangesOf};
use super::layout::{self, PageSpec};
use super::{Ctx, Pages, RenderedPage};
use crate::content::Item;
use crate::content::Kind;
use crate::content::kinds::*;
use crate::content::model::*;
use crate::content::statutes::Party;
use crate::legal_time::publication::Counted;
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

/// 同案同罚 in the open: how the decisions that applied this benchmark came out (a chart and a
/// table of 不予处罚/从轻/减轻/一般/从重) and where each fine fell against the grade the decision
/// names (inside its range, below it, above it). Counts every standing decision, those past
/// their publication period included (as numbers only, like the statistics page).
fn consistency(ctx: &Ctx<'_>, m: &Benchmark) -> Markup {
    // The standing decisions that name this benchmark (its back-links, not a walk over every
    // decision per benchmark page), and those past their period, as the statistics count them.
    let rows: Vec<Counted> = ctx
        .links
        .referrers::<Decision, _>(m)
        .filter(|d| d.meta.is_public())
        .map(|d| Counted::of(&d.meta))
        .chain(
            ctx.counted
                .iter()
                .filter(|c| c.benchmarks.contains(&m.id))
                .cloned(),
        )
        .collect();
    let n = rows.len();
    let heading = html! { h2 #consistency-h { "同案同罚：适用本基准的处罚决定" } };
    if n == 0 {
        return html! {
            section #consistency aria-labelledby="consistency-h" {
                (heading)
                p { "目前还没有适用本基准作出的处罚决定。" }
            }
        };
    }
    let outcomes = super::statistics::by_outcome(&rows);
    let as_individual = ctx.lib.site.individual_business_as;
    // One row per grade of each version: the current version's first, then earlier versions'
    // (shown only when a decision applied them).
    let versions = m.versions();
    let mut grades: Vec<Placement> = versions
        .iter()
        .rev()
        .flat_map(|v| {
            v.grades.iter().map(move |g| {
                let mut p = Placement::new(Some(g.grade), range_label(g));
                p.version = v.earlier.map(|_| v.label());
                p.key = (v.earlier, Some(g.grade));
                p
            })
        })
        .collect();
    let mut ungraded = Placement::new(None, "—".into());
    for c in &rows {
        let party = party_of(c.party_type, as_individual);
        // Applied an earlier version of the benchmark whose grades are not on record (re-based
        // on another law without `[[versions]]`): not compared with the current grades.
        let recorded = m.stands_for(c.decided, &c.basis);
        let version = m.applied(c.acted, c.decided, c.grade, party).version;
        let key = (if recorded { version.earlier } else { None }, c.grade);
        let Some(i) = grades
            .iter()
            .position(|p| p.key == key && c.grade.is_some())
        else {
            ungraded.add(c.fine, Fell::Unknown);
            continue;
        };
        let fell = match c.fine {
            _ if !recorded => Fell::Earlier,
            None => Fell::Unknown,
            Some(f) => {
                let (lo, hi) = c
                    .grade
                    .and_then(|g| version.grade(g))
                    .map_or((None, None), |g| g.range_for(party));
                if lo.is_some_and(|lo| f < lo) {
                    Fell::Below
                } else if hi.is_some_and(|hi| f > hi) {
                    Fell::Above
                } else {
                    Fell::Inside
                }
            }
        };
        grades[i].add(c.fine, fell);
    }
    grades.retain(|p| p.version.is_none() || p.count > 0);
    if ungraded.count > 0 {
        grades.push(ungraded);
    }
    let outside: usize = grades.iter().map(|p| p.below + p.above).sum();
    let earlier: usize = grades.iter().map(|p| p.earlier).sum();
    let by_earlier_version: usize = grades
        .iter()
        .filter(|p| p.version.is_some())
        .map(|p| p.count)
        .sum();
    html! {
        section #consistency aria-labelledby="consistency-h" {
            (heading)
            p.stat-summary {
                "适用本基准作出、仍然有效的处罚决定共 " strong { (n) } " 件（包括公示期满已撤下、只计入统计的决定）。"
                @if earlier > 0 {
                    "其中 " (earlier) " 件依照本基准 " (layout::date(m.updated)) "修改以前的版本（当时施行的法律规定）作出，不与现行档次比较。"
                }
                @if by_earlier_version > 0 {
                    "其中 " (by_earlier_version) " 件适用本基准此前的版本（行政处罚法第三十七条，从旧兼从轻），与该版本的档次比较。"
                }
                @if earlier < n {
                    @if outside == 0 {
                        @if earlier > 0 { "其余决定的罚款" } @else { "每一笔罚款" }
                        "都落在决定所适用档次的幅度之内。"
                    }
                    @else { "有 " strong { (outside) } " 件的罚款不在所适用档次的幅度之内，见下表（低于幅度的应为依法减轻处罚）。" }
                }
            }
            (super::statistics::outcome_figure("consistency-outcome", "适用本基准的处罚决定，按裁量结果", &outcomes, n))
            // A list table: on a phone each grade becomes a card labelled by the column names
            // (seven columns do not fit 375 px).
            table.list.placement #consistency-grades {
                caption { "表：各档次的罚款落在哪里" }
                thead { tr {
                    th scope="col" { "档次" } th scope="col" { "本档罚款幅度" } th scope="col" { "决定件数" }
                    th scope="col" { "幅度内" } th scope="col" { "低于幅度" } th scope="col" { "高于幅度" }
                    @if earlier > 0 { th scope="col" { "修改前作出" } }
                    th scope="col" { "罚款金额（元）" }
                } }
                tbody {
                    @for p in &grades {
                        tr {
                            th scope="row" data-label="档次" {
                                (p.grade.map_or("未注明档次", |g| g.label()))
                                @if let Some(v) = &p.version { "（" (v) "）" }
                            }
                            td data-label="罚款幅度" { (p.range) }
                            td data-label="决定件数" { (p.count) }
                            td data-label="幅度内" { (p.inside) }
                            td data-label="低于幅度" { (p.below) }
                            td data-label="高于幅度" { (p.above) }
                            @if earlier > 0 { td data-label="修改前作出" { (p.earlier) } }
                            td data-label="金额（元）" { (p.amounts()) }
                        }
                    }
                }
            }
        }
    }
}

/// Where a fine fell against its grade's range.
enum Fell {
    Inside,
    Below,
    Above,
    /// Applied an earlier version of the benchmark (see `Benchmark::stands_for`).
    Earlier,
    /// No fine (warning, 不予处罚) or no grade named.
    Unknown,
}

/// One row of the placement table.
struct Placement {
    grade: Option<Grade>,
    /// The earlier version the row's grade belongs to (its label); `None` for the current.
    version: Option<String>,
    /// (earlier version index, grade): what a decision is matched on.
    key: (Option<usize>, Option<Grade>),
    range: String,
    count: usize,
    inside: usize,
    below: usize,
    above: usize,
    earlier: usize,
    fines: Vec<u64>,
}

impl Placement {
    fn new(grade: Option<Grade>, range: String) -> Placement {
        Placement {
            grade,
            version: None,
            key: (None, grade),
            range,
            count: 0,
            inside: 0,
            below: 0,
            above: 0,
            earlier: 0,
            fines: Vec::new(),
        }
    }

    fn add(&mut self, fine: Option<u64>, fell: Fell) {
        self.count += 1;
        match fell {
            Fell::Inside => self.inside += 1,
            Fell::Below => self.below += 1,
            Fell::Above => self.above += 1,
            Fell::Earlier => self.earlier += 1,
            Fell::Unknown => {}
        }
        self.fines.extend(fine);
    }

    /// `200 ×3、500`: each amount once, smallest first, with how many decisions had it.
    fn amounts(&self) -> String {
        let mut counts: std::collections::BTreeMap<u64, usize> = Default::default();
        for f in &self.fines {
            *counts.entry(*f).or_default() += 1;
        }
        if counts.is_empty() {
            return "—".into();
        }
        counts
            .iter()
            .map(|(f, n)| match n {
                1 => super::chart::grouped(*f),
                n => format!("{} ×{n}", super::chart::grouped(*f)),
            })
            .collect::<Vec<_>>()
            .join("、")
    }
}

/// A grade's range for the placement table (both parties' when split).
fn range_label(g: &BenchmarkGrade) -> String {
    fine_range(g)
}

/// The benchmark's earlier versions (`[[versions]]`), newest first: the days each was in
/// force, its 处罚依据 and its grades. Decisions on acts of those days link here (从旧兼从轻).
fn earlier_versions(m: &Benchmark) -> Markup {
    let versions = m.versions();
    let earlier: Vec<_> = versions.iter().filter(|v| v.earlier.is_some()).collect();
    if earlier.is_empty() {
        return html! {};
    }
    html! {
        section #versions aria-labelledby="versions-h" {
            h2 #versions-h { "此前的版本" }
            p { "违法行为发生在本基准修改以前的，依照行政处罚法第三十七条，适用违法行为发生时施行的版本；作出处罚决定时施行的版本处罚较轻的，适用作出决定时的版本。" }
            @for v in earlier.iter().rev() {
                section id=[v.anchor()] {
                    h3 { (v.label()) }
                    p {
                        "施行期间：" (layout::date(v.from)) "起"
                        @if let Some(u) = v.until { "，至 " (layout::date(u)) "以前" }
                        "。处罚依据："
                        (v.penalty_basis.iter().map(LegalRef::cite).collect::<Vec<_>>().join("；"))
                        "。"
                    }
                    (grades_table(v.grades))
                }
            }
        }
    }
}

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
    let markup = layout::page_with_feeds(
        ctx,
        PageSpec {
            title: routes::BENCHMARKS.title,
            section: Some(&routes::BENCHMARKS),
            crumbs: vec![],
            lead: Some("每一类违法行为按情节轻重分档，写明对应的处罚标准。".into()),
            body,
        },
        &[feeds::page_feed(
            routes::BENCHMARKS.path,
            routes::BENCHMARKS.title,
        )],
    );
    vec![
        RenderedPage::at(routes::BENCHMARKS.path, markup),
        // The list's own feed: its additions, changes and repeals.
        feeds::scoped(
            ctx,
            routes::BENCHMARKS.path,
            routes::BENCHMARKS.title,
            &[],
            &ChangesOf::Kind(Kind::Benchmark),
        ),
    ]
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
        section {
            h2 { "裁量档次" }
            @if !m.versions.is_empty() { p { "现行版本自 " (layout::date(m.current().from)) "起施行。" } }
            (grades_table(&m.grades))
        }
        (earlier_versions(m))
        section { h2 { "违反的规定" } (layout::legal_refs(&m.violates)) h2 { "处罚依据" } (layout::legal_refs(&m.penalty_basis)) }
        (layout::prose(&item.body))
        section { h2 { "相关风险点" } (layout::link_list(risks, "（无）")) }
        section { h2 { "对应权责事项" } (layout::link_list(powers, "（无）")) }
        p { "已公开的处罚决定中适用本基准的：" (applied) " 件。" }
        (consistency(ctx, m))
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
