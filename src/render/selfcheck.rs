//! 经营前自查: the self-check index by type of business (行政相对人) and one printable
//! checklist page per type, with the pinyin slugs of their addresses.

use std::collections::HashSet;

use maud::{Markup, html};
use rayon::prelude::*;

use super::feeds::{self, ChangesOf};
use super::layout::{self, PageSpec};
use super::{Ctx, RenderedPage};
use crate::content::kinds::*;
use crate::content::links::Links;
use crate::content::model::*;
use crate::content::statutes::Party;
use crate::content::{Item, Kind, Library};
use crate::routes;

/// Shown on the index and on every checklist: what the check is and what it is not.
fn disclaimer() -> String {
    format!(
        "经营前自查按经营类型整理本局公布的{}，帮助您在开业和经营前对照检查、提前整改。{DISCLAIMER_REST}",
        routes::RISKS.title
    )
}
const DISCLAIMER_REST: &str = "\
本页内容是普法提示，不是法律意见，也不是执法承诺；具体行为是否违法、是否处罚以及处罚多少，以法律法规和执法机关认定为准。";

/// Longest printed address (without scheme) shown after a risk title on paper.
const MAX_PRINT_URL: usize = 48;

/// One type of business with the risk points that apply to it, in library order.
struct Audience<'a> {
    name: &'a str,
    slug: String,
    risks: Vec<&'a Item<RiskPoint>>,
}

/// The declared audiences that at least one standing risk point names, in site.toml order.
/// Slugs are given over the whole declared list, so adding a risk never renames a page.
fn audiences(lib: &Library) -> Vec<Audience<'_>> {
    let mut seen = HashSet::new();
    let declared: Vec<&str> = lib
        .site
        .audiences
        .iter()
        .map(String::as_str)
        .filter(|a| seen.insert(*a))
        .collect();
    declared
        .iter()
        .zip(routes::unique_slugs(&declared))
        .map(|(name, slug)| Audience {
            name,
            slug,
            risks: lib
                .risks
                .iter()
                .filter(|r| r.meta.status != ItemStatus::Repealed)
                .filter(|r| r.meta.audiences.iter().any(|a| a == name))
                .collect(),
        })
        .filter(|a| !a.risks.is_empty())
        .collect()
}

/// Every self-check page: the index (always, since other pages link to it) and one checklist
/// per type of business.
pub fn pages(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
    let types = audiences(ctx.lib);
    let mut out = vec![index(ctx, &types)];
    out.par_extend(types.par_iter().map(|a| checklist(ctx, a)));
    out.par_extend(types.par_iter().map(|a| feed(ctx, a)));
    out
}

/// A business type's checklist title.
fn title_of(a: &Audience<'_>) -> String {
    format!("经营前自查：{}", a.name)
}

/// A business type's feed: changes of its risk points and the decisions that applied them.
fn feed(ctx: &Ctx<'_>, a: &Audience<'_>) -> RenderedPage {
    let ids: Vec<&str> = a.risks.iter().map(|r| r.meta.id.as_str()).collect();
    // The decisions that applied these risk points, through their back-links (each once).
    let mut decisions: Vec<&Item<Decision>> = a
        .risks
        .iter()
        .flat_map(|r| ctx.links.referrers::<Decision, _>(&r.meta))
        .collect();
    decisions.sort_by_key(|d| d.meta.id.as_str());
    decisions.dedup_by_key(|d| d.meta.id.as_str());
    let changes = ChangesOf::Items(Kind::Risk, ids.iter().map(|s| s.to_string()).collect());
    feeds::scoped(
        ctx,
        &routes::self_check(&a.slug),
        &title_of(a),
        &decisions,
        &changes,
    )
}

fn level_id(level: RiskLevel) -> &'static str {
    match level {
        RiskLevel::High => "level-high",
        RiskLevel::Medium => "level-medium",
        RiskLevel::Low => "level-low",
    }
}

fn index(ctx: &Ctx<'_>, types: &[Audience<'_>]) -> RenderedPage {
    let body = html! {
        div.sc-page {
            p.sc-disclaimer { (disclaimer()) }
            h2 { "选择您的经营类型" }
            @if types.is_empty() {
                p.muted { "目前还没有按经营类型整理的风险点。" }
            } @else {
                ul.sc-types {
                    @for a in types {
                        @let high = a.risks.iter().filter(|r| r.meta.level == RiskLevel::High).count();
                        li {
                            a href=(routes::self_check(&a.slug)) { (a.name) }
                            " " span.count {
                                "（" (a.risks.len()) " 项风险"
                                @if high > 0 { "，其中高风险 " (high) " 项" }
                                "）"
                            }
                        }
                    }
                }
            }
            p.help {
                "没有找到您的经营类型？可以查看完整的" (layout::link(&routes::RISKS))
                "，或拨打页面底部的咨询电话。"
            }
        }
    };
    let markup = layout::page(
        ctx,
        PageSpec {
            title: routes::SELF_CHECK.title,
            section: Some(&routes::SELF_CHECK),
            crumbs: vec![],
            lead: Some(
                "选择您的经营类型，看看开业和经营中哪些做法会违法、可能受到什么处罚、怎样做才合规。"
                    .into(),
            ),
            body,
        },
    );
    RenderedPage::at(routes::SELF_CHECK.path, markup)
}

/// The items a list of ids names, skipping unknown and repealed ones.
fn linked<'a, R: Ref>(links: &Links<'a>, ids: &'a [R]) -> Vec<&'a Item<R::Target>> {
    links
        .resolve(ids)
        .filter(|i| {
            i.meta
                .lifecycle()
                .is_none_or(|l| l.status != ItemStatus::Repealed)
        })
        .collect()
}

/// The fine range over every graded fine (a grade with a maximum above zero), for one type
/// of party: `罚款 200元至2,000元`, `罚款 1,000元以下`, or `None` when no grade names an
/// amount. A benchmark split by party gives `对个人……；对单位……`.
fn fine_range<'a>(grades: impl Iterator<Item = &'a BenchmarkGrade> + Clone) -> Option<String> {
    let split = grades.clone().any(|g| g.is_split());
    let one = |party: Party| {
        let fined = grades
            .clone()
            .filter_map(move |g| match g.range_for(party) {
                (lo, Some(max)) if max > 0 => Some((lo.unwrap_or(0).min(max), max)),
                _ => None,
            });
        let (min, max) = fined.fold(None, |acc: Option<(u64, u64)>, (lo, hi)| match acc {
            None => Some((lo, hi)),
            Some((a, b)) => Some((a.min(lo), b.max(hi))),
        })?;
        Some(if min == max {
            format!("罚款 {}", layout::yuan(max))
        } else if min == 0 {
            format!("罚款 {}以下", layout::yuan(max))
        } else {
            format!("罚款 {}至{}", layout::yuan(min), layout::yuan(max))
        })
    };
    if split {
        let parts: Vec<String> = [(Party::Individual, "对个人"), (Party::Unit, "对单位")]
            .into_iter()
            .filter_map(|(p, whom)| one(p).map(|r| format!("{whom}{r}")))
            .collect();
        (!parts.is_empty()).then(|| parts.join("；"))
    } else {
        one(Party::Any)
    }
}

fn penalty(risk: &RiskPoint, benchmarks: &[&Item<Benchmark>]) -> Markup {
    if benchmarks.is_empty() {
        return html! {
            "暂无裁量基准。" span.sc-law { "法律规定：" (risk.consequence) }
        };
    }
    // Without amounts, each grade's penalty in words: `一般：对个人处100元以上……`.
    let text = fine_range(benchmarks.iter().flat_map(|b| &b.meta.grades)).unwrap_or_else(|| {
        let mut seen = HashSet::new();
        benchmarks
            .iter()
            .flat_map(|b| &b.meta.grades)
            .map(|g| format!("{}：{}", g.grade.label(), g.penalty))
            .filter(|p| seen.insert(p.clone()))
            .collect::<Vec<_>>()
            .join("；")
    });
    html! {
        span.sc-range { (text) } "，视情节轻重确定（裁量基准："
        @for (n, b) in benchmarks.iter().enumerate() {
            @if n > 0 { "、" }
            a href=(routes::benchmark(b.meta.id.as_str())) title=(b.meta.title) { (b.meta.id) }
        }
        "）"
    }
}

fn first_offence(exemptions: &[&Item<Exemption>]) -> Markup {
    let is_free = |e: &&&Item<Exemption>| {
        matches!(
            e.meta.kind,
            ExemptionKind::MinorNoPenalty | ExemptionKind::FirstOffenceNoPenalty
        )
    };
    let free: Vec<_> = exemptions.iter().filter(is_free).collect();
    let lighter: Vec<_> = exemptions.iter().filter(|e| !is_free(e)).collect();
    html! {
        @if free.is_empty() {
            p.sc-no-exemption {
                "本项不在包容免罚清单内。首次违法是否处罚、罚多少，由执法机关依照裁量基准、根据具体情节逐案决定。"
            }
        } @else {
            p.sc-exemption { strong { "首次轻微违法可以不予处罚" } "，但要同时符合下列条件：" }
            @for e in &free {
                div.sc-conditions {
                    span.badge.kind { (e.meta.kind.label()) } " "
                    a href=(routes::exemption(e.meta.id.as_str())) { (e.meta.title) } "："
                    (e.meta.conditions.join("；")) "。"
                    @if e.meta.commitment_required { "需签署承诺书。" }
                }
            }
        }
        @if !lighter.is_empty() {
            p.sc-lighter { "符合下列条件的，可以从轻或者减轻处罚：" }
            @for e in &lighter {
                div.sc-conditions {
                    span.badge.kind { (e.meta.kind.label()) } " "
                    a href=(routes::exemption(e.meta.id.as_str())) { (e.meta.title) } "："
                    (e.meta.conditions.join("；")) "。"
                }
            }
        }
    }
}

/// The address of a risk page as printed on paper, when it is short enough to type.
fn print_url(base_url: &str, path: &str) -> Option<String> {
    let absolute = routes::absolute(base_url, path);
    let bare = absolute
        .split_once("://")
        .map_or(absolute.as_str(), |(_, rest)| rest);
    (bare.chars().count() <= MAX_PRINT_URL).then(|| bare.to_string())
}

fn risk_block(ctx: &Ctx<'_>, item: &Item<RiskPoint>) -> Markup {
    let lib = ctx.lib;
    let m = &item.meta;
    let benchmarks = linked(ctx.links, &m.benchmarks);
    let exemptions = linked(ctx.links, &m.exemptions);
    let guides = super::guides::lawful_ways(ctx.links, m);
    let href = routes::risk(m.id.as_str());
    let anchor = format!("risk-{}", m.id);
    html! {
        article.sc-risk aria-labelledby=(anchor) {
            h3 id=(anchor) {
                @if let Some(printed) = print_url(&lib.site.base_url, &href) {
                    a href=(href) data-print-url=(printed) { (m.title) }
                } @else {
                    a href=(href) { (m.title) }
                }
            }
            dl.sc-facts {
                div { dt { "不要这样做" } dd { (m.manifestation) } }
                div { dt { "可能的处罚" } dd { (penalty(m, &benchmarks)) } }
                div { dt { "第一次轻微违法" } dd { (first_offence(&exemptions)) } }
                div.sc-do {
                    dt { "怎样做才合规" }
                    dd {
                        ul.sc-checklist {
                            @for x in &m.measures {
                                li { span.sc-box aria-hidden="true" { "☐" } " " (x) }
                            }
                        }
                    }
                }
                @if !guides.is_empty() {
                    div {
                        dt { "合法的做法" }
                        dd { ul { @for (href, title) in &guides { li { "先办理：" a href=(href) { (title) } } } } }
                    }
                }
            }
        }
    }
}

fn checklist(ctx: &Ctx<'_>, a: &Audience<'_>) -> RenderedPage {
    let groups: Vec<(RiskLevel, Vec<&Item<RiskPoint>>)> = RiskLevel::ALL
        .iter()
        .map(|level| {
            (
                *level,
                a.risks
                    .iter()
                    .copied()
                    .filter(|r| r.meta.level == *level)
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, rs)| !rs.is_empty())
        .collect();
    let toc: Vec<(String, String, usize)> = groups
        .iter()
        .map(|(level, rs)| {
            (
                level_id(*level).to_string(),
                format!("{}风险", level.label()),
                rs.len(),
            )
        })
        .collect();
    let counts = groups
        .iter()
        .map(|(level, rs)| format!("{}风险 {} 项", level.label(), rs.len()))
        .collect::<Vec<_>>()
        .join("、");
    let body = html! {
        div.sc-page {
            p.sc-disclaimer { (disclaimer()) }
            p.sc-print-hint {
                strong { "打印本页自查清单：" }
                "使用浏览器的“打印”功能（电脑上按 Ctrl+P，苹果电脑按 ⌘+P；手机在浏览器菜单里选“打印”或“分享→打印”），"
                "即可打印成 A4 纸质清单，对照“怎样做才合规”逐项检查，做到的打勾。"
            }
            p.sc-sign { "自查人：__________　　店名：____________________　　自查日期：______年____月____日" }
            (layout::toc(&toc))
            @for (level, risks) in &groups {
                section.sc-level aria-labelledby=(level_id(*level)) {
                    h2 id=(level_id(*level)) {
                        (layout::level_badge(*level)) " " span.count { "（" (risks.len()) " 项）" }
                    }
                    @for r in risks { (risk_block(ctx, r)) }
                }
            }
            p.help.sc-more {
                "其他经营类型见" (layout::link(&routes::SELF_CHECK))
                "；全部风险点见" (layout::link(&routes::RISKS))
                "；对处罚决定不服，请看" (layout::link(&routes::REMEDIES)) "。"
            }
        }
    };
    let title = title_of(a);
    let path = routes::self_check(&a.slug);
    let markup = layout::page_with_feeds(
        ctx,
        PageSpec {
            title: &title,
            section: Some(&routes::SELF_CHECK),
            crumbs: vec![routes::SELF_CHECK.crumb()],
            lead: Some(format!(
                "适用于{}的 {} 个法律风险点（{}），每项写明不要做什么、可能的处罚、首次轻微违法能否免罚和怎样做才合规。",
                a.name,
                a.risks.len(),
                counts
            )),
            body,
        },
        &[feeds::page_feed(&path, &title)],
    );
    RenderedPage::at(&path, markup)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_toneless_pinyin() {
        assert_eq!(
            routes::unique_slugs(&["餐饮", "美容美发", "沿街商户"]),
            ["canyin", "meirongmeifa", "yanjieshanghu"]
        );
    }

    #[test]
    fn slugs_are_ascii_unique_and_deterministic() {
        // 餐饮 and 参饮 read the same; ASCII is kept, other characters dropped.
        let names = ["餐饮", "参饮", "餐饮", "4S店", "·", "—", "canyin2"];
        let got = routes::unique_slugs(&names);
        assert_eq!(
            got,
            [
                "canyin", "canyin-2", "canyin-3", "4sdian", "item", "item-2", "canyin2"
            ]
        );
        assert_eq!(got, routes::unique_slugs(&names));
        let unique: HashSet<_> = got.iter().collect();
        assert_eq!(unique.len(), got.len());
        assert!(
            got.iter()
                .all(|s| s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        );
    }

    fn grade(min: Option<u64>, max: Option<u64>) -> BenchmarkGrade {
        BenchmarkGrade {
            grade: Grade::Ordinary,
            circumstances: String::new(),
            penalty: String::new(),
            fine_min: min,
            fine_max: max,
            fine_min_individual: None,
            fine_max_individual: None,
            fine_min_unit: None,
            fine_max_unit: None,
        }
    }

    #[test]
    fn split_ranges_are_shown_per_party() {
        let mut g = grade(None, None);
        g.fine_min_individual = Some(100);
        g.fine_max_individual = Some(400);
        g.fine_min_unit = Some(3000);
        g.fine_max_unit = Some(20000);
        assert_eq!(
            fine_range([g].iter()).as_deref(),
            Some("对个人罚款 100元至400元；对单位罚款 3,000元至20,000元")
        );
    }

    #[test]
    fn fine_ranges_skip_grades_without_a_fine() {
        let range = |g: &[BenchmarkGrade]| fine_range(g.iter());
        let no_penalty = grade(Some(0), Some(0));
        let warning = grade(None, None);
        assert_eq!(
            range(&[
                no_penalty.clone(),
                warning.clone(),
                grade(Some(200), Some(500)),
                grade(Some(500), Some(2000))
            ]),
            Some("罚款 200元至2,000元".into())
        );
        assert_eq!(
            range(&[grade(None, Some(1000))]),
            Some("罚款 1,000元以下".into())
        );
        assert_eq!(
            range(&[grade(Some(50), Some(50))]),
            Some("罚款 50元".into())
        );
        assert_eq!(range(&[no_penalty, warning]), None);
    }
}
