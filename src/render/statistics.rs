//! 执法统计 (`/statistics/`): the published decisions counted by month, 领域, violation and
//! discretion outcome, the share of 不予处罚/从轻/减轻, and fines per year; each figure drawn as
//! an inline SVG bar chart at build time and repeated as a table.
//!
//! Counting (plain functions over [`Counted`] rows) is kept apart from drawing, so tests can
//! compare the two. Every decision that stands is counted: the published ones, and, without any
//! record or page, those whose publication period has ended and the 不予处罚 decisions the site
//! does not publish. Withdrawn decisions are not counted. Violations are grouped by risk point.

use std::collections::BTreeMap;

use chrono::Datelike;
use maud::{Markup, html};

use super::chart::{Bar, Chart, Layout, Scale, chart, grouped};
use super::layout::{self, PageSpec};
use super::{Ctx, RenderedPage};
use crate::content::Library;
use crate::content::kinds::*;
use crate::content::model::*;
use crate::legal_time::publication::Counted;
use crate::routes;

/// Calendar months shown in the by-month chart.
pub(crate) const MONTHS: usize = 24;
/// Violation texts shown in the most-frequent-violations chart.
pub(crate) const TOP_VIOLATIONS: usize = 10;
/// The soft-enforcement outcomes (柔性执法): no penalty, lighter, mitigated.
pub(crate) const SOFT: [Outcome; 3] = [Outcome::NoPenalty, Outcome::Lighter, Outcome::Mitigated];

// ---------------------------------------------------------------------------------------------
// Counting

/// The decisions the statistics cover: every one that stands, published or not.
pub(crate) fn rows(ctx: &Ctx<'_>) -> Vec<Counted> {
    ctx.lib
        .standing_decisions()
        .map(|d| Counted::of(&d.meta))
        .chain(ctx.counted.iter().cloned())
        .collect()
}

/// `("2026-11", n)` by `decided` date, oldest first: the last [`MONTHS`] calendar months up
/// to the latest month with a decision (all months from the first, if they span fewer).
/// Months in between without decisions count 0, so the chart has no hidden gaps.
pub(crate) fn by_month(rows: &[Counted]) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    for m in rows {
        let d = m.decided.0;
        *counts.entry(d.year() * 12 + d.month0() as i32).or_default() += 1;
    }
    let (Some((&first, _)), Some((&last, _))) = (counts.first_key_value(), counts.last_key_value())
    else {
        return Vec::new();
    };
    let start = first.max(last - (MONTHS as i32 - 1));
    (start..=last)
        .map(|k| {
            let key = format!("{:04}-{:02}", k.div_euclid(12), k.rem_euclid(12) + 1);
            (key, counts.get(&k).copied().unwrap_or(0))
        })
        .collect()
}

/// `(领域, n)`, most decisions first; ties in the order `site.toml` declares the domains.
pub(crate) fn by_domain(lib: &Library, rows: &[Counted]) -> Vec<(String, usize)> {
    let rank = |d: &str| {
        lib.site
            .domains
            .iter()
            .position(|x| x == d)
            .unwrap_or(usize::MAX)
    };
    let mut rows = count_by(rows.iter().map(|m| m.domain.as_str()));
    rows.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then(rank(&a.0).cmp(&rank(&b.0)))
            .then(a.0.cmp(&b.0))
    });
    rows
}

/// The violation a decision is counted under: its (first) risk point's title, so one kind of
/// behaviour is one row however decisions word it; the decision's own text when it names no
/// risk point.
fn violation_of<'a>(ctx: &Ctx<'a>, m: &'a Counted) -> &'a str {
    m.risks
        .first()
        .and_then(|r| ctx.links.get::<RiskPoint>(r.as_str()))
        .map_or(m.violation.as_str(), |r| r.meta.title.as_str())
}

/// `(违法行为, n)` for every violation (by risk point), most first; ties by name.
pub(crate) fn violations(ctx: &Ctx<'_>, rows: &[Counted]) -> Vec<(String, usize)> {
    let mut out = count_by(rows.iter().map(|m| violation_of(ctx, m)));
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

fn count_by<'a>(keys: impl Iterator<Item = &'a str>) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for k in keys {
        *counts.entry(k).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|(k, n)| (k.to_string(), n))
        .collect()
}

/// `(裁量结果, n)` for every outcome in [`Outcome::ALL`] order, zeros included.
pub(crate) fn by_outcome(rows: &[Counted]) -> Vec<(Outcome, usize)> {
    Outcome::ALL
        .iter()
        .map(|&o| (o, rows.iter().filter(|m| m.outcome == o).count()))
        .collect()
}

/// Whole per cent of `n` in `total`, rounded half up; 0 when `total` is 0.
pub(crate) fn percent(n: usize, total: usize) -> usize {
    if total == 0 {
        0
    } else {
        (n * 200 + total) / (2 * total)
    }
}

/// Fines per year of decision, oldest first: `(year, decisions with an amount, yuan)`. Every
/// year with a published decision has a row, even when nothing was fined in it.
pub(crate) fn fines_by_year(rows: &[Counted]) -> Vec<(i32, usize, u64)> {
    let mut years: BTreeMap<i32, (usize, u64)> = BTreeMap::new();
    for m in rows {
        let amount = m.total_amount;
        let row = years.entry(m.decided.year()).or_default();
        row.0 += usize::from(amount > 0);
        row.1 += amount;
    }
    years.into_iter().map(|(y, (n, a))| (y, n, a)).collect()
}

// ---------------------------------------------------------------------------------------------
// The page

pub fn page(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
    let lib = ctx.lib;
    let rows = rows(ctx);
    let rows = rows.as_slice();
    let n = rows.len();
    let body = html! {
        (scope_note(lib, ctx.counted.len()))
        @if n == 0 {
            p.stat-empty { "目前没有可以统计的行政处罚决定，暂无统计数据。" }
        } @else {
            (overview(rows))
            nav.toc aria-label="本页目录" {
                ul {
                    li { a href="#by-month" { "按月份" } }
                    li { a href="#by-domain" { "按领域" } }
                    li { a href="#by-violation" { "按违法行为" } }
                    li { a href="#by-outcome" { "按裁量结果" } }
                    li { a href="#soft-share" { "不予处罚、从轻、减轻的比例" } }
                    li { a href="#fines" { "罚没金额" } }
                }
            }
            (months_section(rows, n))
            (domains_section(lib, rows, n))
            (violations_section(ctx, rows))
            (outcomes_section(rows, n))
            (share_section(rows, n))
            (fines_section(rows))
        }
        p { "想了解每一件决定，请看" (layout::link(&routes::DECISIONS)) "；第一次轻微违法可以不罚或者从轻、减轻的情形，见" (layout::link(&routes::EXEMPTIONS)) "。" }
    };
    let markup = layout::page(
        ctx,
        PageSpec {
            title: routes::STATISTICS.title,
            section: None,
            crumbs: vec![],
            lead: Some(
                "按月份、领域、违法行为和裁量结果统计本机关作出的行政处罚决定，并列出不予处罚、从轻、减轻的比例和罚没金额。".into(),
            ),
            body,
        },
    );
    vec![RenderedPage::at(routes::STATISTICS.path, markup)]
}

/// 统计范围: what is and is not counted.
fn scope_note(lib: &Library, unlisted: usize) -> Markup {
    let p = &lib.site.publication;
    html! {
        aside.stat-note aria-label="统计范围" {
            p {
                strong { "统计范围：" }
                "本页统计本机关作出、仍然有效的行政处罚决定，包括公示期限已满、已从本站撤下的决定"
                @if !p.publish_no_penalty { "和依规定不逐件公开的不予处罚决定" }
                "：这些决定只计入数字，不公开当事人和具体内容，也没有单独的页面"
                @if unlisted > 0 { "（本页数字中有 " (unlisted) " 件属于这种情况）" }
                "。已撤回的决定（被变更、撤销或者确认违法、无效的）不计算在内。违法行为按风险点归类。百分比四舍五入到整数。"
            }
        }
    }
}

fn overview(rows: &[Counted]) -> Markup {
    let first = rows.iter().map(|m| m.decided).min();
    let last = rows.iter().map(|m| m.decided).max();
    html! {
        @if let (Some(first), Some(last)) = (first, last) {
            p.stat-overview {
                "统计的行政处罚决定共 " strong { (rows.len()) } " 件，决定日期从 "
                (layout::date(first)) " 到 " (layout::date(last)) "。"
            }
        }
    }
}

fn month_label(key: &str) -> String {
    let (y, m) = key.split_once('-').unwrap_or((key, ""));
    format!("{y}年{}月", m.trim_start_matches('0'))
}

fn months_section(counted: &[Counted], n: usize) -> Markup {
    let rows = by_month(counted);
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return html! {};
    };
    let shown: usize = rows.iter().map(|r| r.1).sum();
    let earlier = n - shown;
    // The busiest month; the latest one on a tie.
    let busiest = rows
        .iter()
        .rev()
        .max_by_key(|r| r.1)
        .expect("rows are not empty");
    let bars = rows
        .iter()
        .map(|(k, c)| Bar::count(month_label(k), *c, ""))
        .collect();
    html! {
        section.stat #by-month aria-labelledby="by-month-h" {
            h2 #by-month-h { "按月份：每月作出的处罚决定" }
            p.stat-summary {
                (month_label(&first.0)) "至" (month_label(&last.0)) "，共作出处罚决定 " strong { (shown) } " 件（按决定日期统计），最多的是"
                (month_label(&busiest.0)) "，" (busiest.1) " 件。"
                @if earlier > 0 { "另有 " (earlier) " 件作出时间更早，没有列入下图。" }
            }
            div.stat-body {
                (chart(&Chart {
                    id: "by-month",
                    title: format!("图：{}至{}每月作出的处罚决定件数", month_label(&first.0), month_label(&last.0)),
                    category: "决定月份",
                    axis: "处罚决定（件）",
                    layout: Layout::Beside,
                    scale: Scale::Count,
                    bars,
                }))
                table.stats #by-month-table {
                    caption { "表：每月作出的处罚决定件数" }
                    thead { tr { th scope="col" { "决定月份" } th scope="col" { "件数" } } }
                    tbody {
                        @for (k, c) in &rows {
                            tr { th.stat-key scope="row" { time datetime=(k) { (month_label(k)) } } td { (c) } }
                        }
                    }
                    tfoot { tr { th scope="row" { "合计" } td { (shown) } } }
                }
            }
        }
    }
}

fn domains_section(lib: &Library, counted: &[Counted], n: usize) -> Markup {
    let rows = by_domain(lib, counted);
    let Some(top) = rows.first() else {
        return html! {};
    };
    let bars = rows
        .iter()
        .map(|(d, c)| Bar::count(d.clone(), *c, ""))
        .collect();
    html! {
        section.stat #by-domain aria-labelledby="by-domain-h" {
            h2 #by-domain-h { "按领域：违法行为属于哪一类" }
            p.stat-summary {
                "处罚决定最多的领域是" (top.0) "，" strong { (top.1) } " 件，占全部 " (n) " 件的 " (percent(top.1, n)) "%。"
            }
            div.stat-body {
                (chart(&Chart {
                    id: "by-domain",
                    title: "图：各领域的处罚决定件数".into(),
                    category: "领域",
                    axis: "处罚决定（件）",
                    layout: Layout::Beside,
                    scale: Scale::Count,
                    bars,
                }))
                table.stats #by-domain-table {
                    caption { "表：各领域的处罚决定件数" }
                    thead { tr { th scope="col" { "领域" } th scope="col" { "件数" } th scope="col" { "占比" } } }
                    tbody {
                        @for (d, c) in &rows {
                            tr { th scope="row" { (d) } td { (c) } td { (percent(*c, n)) "%" } }
                        }
                    }
                    tfoot { tr { th scope="row" { "合计" } td { (n) } td { "100%" } } }
                }
            }
        }
    }
}

fn violations_section(ctx: &Ctx<'_>, counted: &[Counted]) -> Markup {
    let all = violations(ctx, counted);
    let kinds = all.len();
    let mut rows = all.clone();
    rows.truncate(TOP_VIOLATIONS);
    let Some(top) = rows.first() else {
        return html! {};
    };
    let tied = all.iter().filter(|r| r.1 == top.1).count();
    let rest = kinds - rows.len();
    let rest_max = rows.last().map_or(0, |r| r.1);
    let bars = rows
        .iter()
        .map(|(v, c)| Bar::count(v.clone(), *c, ""))
        .collect();
    html! {
        section.stat #by-violation aria-labelledby="by-violation-h" {
            h2 #by-violation-h { "按违法行为：最常见的 " (rows.len()) " 种" }
            p.stat-summary {
                "统计的决定涉及 " (kinds) " 种违法行为，"
                @if tied > 1 {
                    "件数最多的有 " (tied) " 种，各 " strong { (top.1) } " 件，如“" (top.0) "”。"
                } @else {
                    "最常见的是“" (top.0) "”，" strong { (top.1) } " 件。"
                }
            }
            div.stat-body {
                (chart(&Chart {
                    id: "by-violation",
                    title: format!("图：件数最多的 {} 种违法行为", rows.len()),
                    category: "违法行为",
                    axis: "处罚决定（件）",
                    layout: Layout::Above,
                    scale: Scale::Count,
                    bars,
                }))
                table.stats #by-violation-table {
                    caption { "表：件数最多的 " (rows.len()) " 种违法行为" }
                    thead { tr { th scope="col" { "违法行为" } th scope="col" { "件数" } } }
                    tbody {
                        @for (v, c) in &rows {
                            tr { th scope="row" { (v) } td { (c) } }
                        }
                    }
                }
            }
            @if rest > 0 {
                p.note { "其余 " (rest) " 种违法行为没有列出，每种不超过 " (rest_max) " 件；件数相同的按名称排序。" }
            }
        }
    }
}

fn outcome_class(o: Outcome) -> &'static str {
    match o {
        Outcome::NoPenalty | Outcome::Lighter | Outcome::Mitigated => "soft",
        Outcome::Ordinary => "",
        Outcome::Heavier => "heavy",
    }
}

fn outcomes_section(counted: &[Counted], n: usize) -> Markup {
    let rows = by_outcome(counted);
    let Some(top) = rows.iter().max_by_key(|r| r.1) else {
        return html! {};
    };
    html! {
        section.stat #by-outcome aria-labelledby="by-outcome-h" {
            h2 #by-outcome-h { "按裁量结果：不予处罚、从轻、减轻、一般、从重" }
            p.stat-summary {
                "全部 " (n) " 件处罚决定中，裁量结果为“" (top.0.label()) "”的最多，" strong { (top.1) } " 件，占 " (percent(top.1, n)) "%。"
            }
            (outcome_figure("by-outcome", "各裁量结果的处罚决定件数", &rows, n))
        }
    }
}

/// Decisions per 裁量结果 as a bar chart and the same figures as a table (with shares), the
/// chart's ids prefixed by `id`: the statistics page and each benchmark's 同案同罚 section.
pub(crate) fn outcome_figure(id: &str, what: &str, rows: &[(Outcome, usize)], n: usize) -> Markup {
    let bars = rows
        .iter()
        .map(|(o, c)| Bar::count(o.label().into(), *c, outcome_class(*o)))
        .collect();
    html! {
        div.stat-body {
            (chart(&Chart {
                id,
                title: format!("图：{what}"),
                category: "裁量结果",
                axis: "处罚决定（件）",
                layout: Layout::Beside,
                scale: Scale::Count,
                bars,
            }))
            table.stats id={ (id) "-table" } {
                caption { "表：" (what) }
                thead { tr { th scope="col" { "裁量结果" } th scope="col" { "件数" } th scope="col" { "占比" } } }
                tbody {
                    @for (o, c) in rows {
                        tr { th scope="row" { (o.label()) } td { (c) } td { (percent(*c, n)) "%" } }
                    }
                }
                tfoot { tr { th scope="row" { "合计" } td { (n) } td { "100%" } } }
            }
        }
    }
}

fn share_section(counted: &[Counted], n: usize) -> Markup {
    let counts = by_outcome(counted);
    let count = |o: Outcome| counts.iter().find(|r| r.0 == o).map_or(0, |r| r.1);
    let mut rows: Vec<(String, usize)> = SOFT
        .iter()
        .map(|&o| (o.label().to_string(), count(o)))
        .collect();
    let soft: usize = rows.iter().map(|r| r.1).sum();
    rows.push(("三项合计".into(), soft));
    let bars = rows
        .iter()
        .map(|(label, c)| Bar {
            label: label.clone(),
            len: percent(*c, n) as f64,
            text: format!("{} 件，{}%", c, percent(*c, n)),
            value: c.to_string(),
            percent: Some(percent(*c, n)),
            class: if label == "三项合计" {
                "soft total"
            } else {
                "soft"
            },
        })
        .collect();
    let no_penalty = count(Outcome::NoPenalty);
    html! {
        section.stat #soft-share aria-labelledby="soft-share-h" {
            h2 #soft-share-h { "柔性执法：不予处罚、从轻和减轻处罚的比例" }
            p.stat-summary {
                "全部 " (n) " 件处罚决定中，不予处罚、从轻处罚和减轻处罚的共 " strong { (soft) } " 件，占 " strong { (percent(soft, n)) "%" }
                "，其中不予处罚 " (no_penalty) " 件，占 " (percent(no_penalty, n)) "%。"
            }
            div.stat-body {
                (chart(&Chart {
                    id: "soft-share",
                    title: format!("图：不予处罚、从轻、减轻处罚占全部 {n} 件决定的比例"),
                    category: "裁量结果",
                    axis: "占全部处罚决定的比例（%）",
                    layout: Layout::Beside,
                    scale: Scale::Percent,
                    bars,
                }))
                table.stats #soft-share-table {
                    caption { "表：不予处罚、从轻、减轻处罚的件数和比例（全部 " (n) " 件）" }
                    thead { tr { th scope="col" { "裁量结果" } th scope="col" { "件数" } th scope="col" { "占全部决定" } } }
                    tbody {
                        @for (label, c) in &rows {
                            tr { th scope="row" { (label) } td { (c) } td { (percent(*c, n)) "%" } }
                        }
                    }
                }
            }
        }
    }
}

fn fines_section(counted: &[Counted]) -> Markup {
    let rows = fines_by_year(counted);
    let total: u64 = rows.iter().map(|r| r.2).sum();
    let fined: usize = rows.iter().map(|r| r.1).sum();
    let latest = rows.last();
    let bars = rows
        .iter()
        .map(|(y, _, a)| Bar {
            label: format!("{y}年"),
            len: *a as f64,
            text: layout::yuan(*a),
            value: a.to_string(),
            percent: None,
            class: "",
        })
        .collect();
    html! {
        section.stat #fines aria-labelledby="fines-h" {
            h2 #fines-h { "罚没金额：罚款和没收违法所得" }
            @if total == 0 {
                p.stat-summary { "统计的决定中没有罚款或者没收违法所得。" }
            } @else {
                p.stat-summary {
                    "统计的决定中，有 " (fined) " 件罚款或者没收违法所得，合计 " strong { (layout::yuan(total)) } "。"
                    @if let Some((y, _, a)) = latest { "其中" (y) "年作出的决定合计 " (layout::yuan(*a)) "。" }
                }
                div.stat-body {
                    (chart(&Chart {
                        id: "fines",
                        title: "图：每年作出的决定的罚没金额（元）".into(),
                        category: "决定年份",
                        axis: "罚没金额（元）",
                        layout: Layout::Beside,
                        scale: Scale::Yuan,
                        bars,
                    }))
                    table.stats #fines-table {
                        caption { "表：每年作出的决定的罚没金额" }
                        thead { tr { th scope="col" { "决定年份" } th scope="col" { "有罚没的决定（件）" } th scope="col" { "罚没金额（元）" } } }
                        tbody {
                            @for (y, c, a) in &rows {
                                tr { th.stat-key scope="row" { (y) "年" } td { (c) } td { (grouped(*a)) } }
                            }
                        }
                        tfoot { tr { th scope="row" { "合计" } td { (fined) } td { (grouped(total)) } } }
                    }
                }
            }
        }
    }
}
