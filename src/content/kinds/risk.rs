//! 风险点: one entry of the 法律风险防控清单.

use serde::{Deserialize, Serialize};

use super::BenchmarkGrade;
use super::open_data::{self as data, Field, LegalRefRecord, field, field_with};
use super::search_doc::{self, Answer, SearchDoc};
use super::{ContentKind, Lifecycle, Lookup, Refs, by_id};
use crate::content::Item;
use crate::content::model::*;
use crate::content::site::SiteSettings;
use crate::content::statutes::Party;
use crate::routes;

/// 风险点: one entry of the 法律风险防控清单.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskPoint {
    pub id: RiskId,
    pub title: String,
    /// 能不能: the answer to "may I?" in one plain sentence (可以吗？), the first line of the
    /// answer shown on the page and above search results. Without it the line says which
    /// provision the behaviour violates.
    #[serde(default)]
    pub answer: Option<String>,
    pub domain: String,
    pub audiences: Vec<String>,
    pub level: RiskLevel,
    /// 表现形式.
    pub manifestation: String,
    /// 法律后果.
    pub consequence: String,
    /// 防控措施.
    pub measures: Vec<String>,
    pub powers: Vec<PowerId>,
    #[serde(default)]
    pub exemptions: Vec<ExemptionId>,
    #[serde(default)]
    pub benchmarks: Vec<BenchmarkId>,
    pub effective: Date,
    pub updated: Date,
    pub status: ItemStatus,
    #[serde(default)]
    pub violates: Vec<LegalRef>,
    pub penalty_basis: Vec<LegalRef>,
}

/// The four questions a risk point answers first, in order.
pub const ANSWER_QUESTIONS: [&str; 4] = ["能不能", "罚多少", "第一次会不会罚", "怎样做才合规"];

/// The answers to [`ANSWER_QUESTIONS`], each one line, with where its facts come from.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerLines {
    pub allowed: String,
    pub fine: String,
    /// The exemption the line is about, if any (its id and address).
    pub fine_source: Option<(String, String)>,
    pub first: String,
    pub first_source: Option<(String, String)>,
    pub comply: String,
}

impl AnswerLines {
    /// (question, answer) pairs.
    pub fn pairs(&self) -> Vec<(String, String)> {
        ANSWER_QUESTIONS
            .iter()
            .zip([&self.allowed, &self.fine, &self.first, &self.comply])
            .map(|(q, a)| (q.to_string(), a.clone()))
            .collect()
    }

    fn into_answer(self, m: &RiskPoint) -> Answer {
        Answer::Risk {
            id: m.id.to_string(),
            title: m.title.clone(),
            url: m.address(),
            lines: self.pairs(),
        }
    }
}

impl RiskPoint {
    /// The short answer: may I (the author's line, else the provision violated), how much
    /// (the linked benchmark's grades, else the legal consequence), the first time (the linked
    /// exemption, else what 行政处罚法 article 33 allows), and how to comply (the first measure).
    pub fn answer_lines(&self, lookup: &dyn Lookup) -> AnswerLines {
        let allowed = self.answer.clone().unwrap_or_else(|| {
            match self.violates.first().or(self.penalty_basis.first()) {
                Some(r) => format!("不可以：这种做法违反{}。", r.cite()),
                None => "不可以：这种做法违反城市管理规定。".to_string(),
            }
        });
        let benchmark = self
            .benchmarks
            .iter()
            .filter_map(|id| super::find::<super::Benchmark>(lookup, id.as_str()))
            .find(|b| b.meta.status != ItemStatus::Repealed);
        let (fine, fine_source) = match benchmark.and_then(|b| fine_line(&b.meta).map(|l| (l, b))) {
            Some((line, b)) => (line, Some((b.meta.id.to_string(), b.meta.address()))),
            None => (first_sentence(&self.consequence), None),
        };
        let exemptions: Vec<&Item<super::Exemption>> = self
            .exemptions
            .iter()
            .filter_map(|id| super::find::<super::Exemption>(lookup, id.as_str()))
            .filter(|e| e.meta.status != ItemStatus::Repealed)
            .collect();
        let no_penalty = exemptions.iter().find(|e| {
            matches!(
                e.meta.kind,
                ExemptionKind::FirstOffenceNoPenalty | ExemptionKind::MinorNoPenalty
            )
        });
        let (first, first_source) = match no_penalty.or(exemptions.first()) {
            Some(e) => {
                let verdict = match e.meta.kind {
                    ExemptionKind::FirstOffenceNoPenalty => "可以不罚",
                    ExemptionKind::MinorNoPenalty => "不予处罚",
                    ExemptionKind::Lighter => "不在免罚清单内，但可以从轻处罚",
                    ExemptionKind::Mitigated => "不在免罚清单内，但可以减轻处罚",
                };
                (
                    format!(
                        "{verdict}：{}，须同时满足 {} 项条件。",
                        e.meta.title,
                        e.meta.conditions.len()
                    ),
                    Some((e.meta.id.to_string(), e.meta.address())),
                )
            }
            None => (
                "没有列入免罚清单。按行政处罚法第三十三条，初次违法且危害后果轻微并及时改正的，可以不予处罚。"
                    .to_string(),
                None,
            ),
        };
        let comply = match self.measures.as_slice() {
            [] => "见防控措施。".to_string(),
            [one] => one.clone(),
            [one, rest @ ..] => format!("{one}（另有 {} 条措施）", rest.len()),
        };
        AnswerLines {
            allowed,
            fine,
            fine_source,
            first,
            first_source,
            comply,
        }
    }
}

/// `罚款 200元至2,000元，按情节分 4 档（情节轻微的不罚款）`, from a benchmark's grades;
/// `None` when no grade sets a fine.
fn fine_line(b: &super::Benchmark) -> Option<String> {
    let per_party = |party: Party| -> Option<(u64, u64)> {
        let ranges: Vec<(u64, u64)> = b
            .grades
            .iter()
            .filter_map(|g| match g.range_for(party) {
                (Some(lo), Some(hi)) if hi > 0 => Some((lo, hi)),
                (None, Some(hi)) if hi > 0 => Some((0, hi)),
                _ => None,
            })
            .collect();
        let lo = ranges.iter().map(|r| r.0).min()?;
        let hi = ranges.iter().map(|r| r.1).max()?;
        Some((lo, hi))
    };
    let text = |r: (u64, u64)| range_text((Some(r.0), Some(r.1)));
    let split = b.grades.iter().any(BenchmarkGrade::is_split);
    let amount = if split {
        let parts: Vec<String> = [(Party::Individual, "个人"), (Party::Unit, "单位")]
            .into_iter()
            .filter_map(|(p, label)| per_party(p).map(|r| format!("{label}罚款 {}", text(r))))
            .collect();
        if parts.is_empty() {
            return None;
        }
        parts.join("，")
    } else {
        format!("罚款 {}", text(per_party(Party::Any)?))
    };
    let no_fine = b
        .grades
        .iter()
        .any(|g| g.fine_max == Some(0) && !g.is_split());
    Some(format!(
        "{amount}，按情节分 {} 档{}。",
        b.grades.len(),
        if no_fine {
            "（情节轻微的不罚款）"
        } else {
            ""
        }
    ))
}

/// The text up to the first full stop or semicolon, with a full stop.
fn first_sentence(text: &str) -> String {
    let end = text.find(['。', '；']).unwrap_or(text.len());
    format!("{}。", text[..end].trim_end_matches(['，', '。']))
}

impl ContentKind for RiskPoint {
    const KIND: super::Kind = super::Kind::Risk;
    const DIR: &'static str = "risks";
    const KEY: &'static str = "risk";
    const LABEL: &'static str = "风险点";
    const LIST: Option<&'static routes::Place> = Some(&routes::RISKS);
    const MANAGED: bool = true;
    const ID_PREFIX: &'static str = "R";
    const ID_EXAMPLE: &'static str = "R-001-1";
    const SEARCH_WEIGHT: f32 = 2.0;
    const TEMPLATE: &'static str = r#"+++
id = "{id}"                         # 风险点编号，如 R-001-1
title = "待填写"                     # 风险点名称
domain = "待填写"                    # 领域，须为 site.toml 中 domains 之一
audiences = ["待填写"]               # 行政相对人，须为 site.toml 中 audiences 之一，可多个
level = "中"                        # 风险等级：高 | 中 | 低
manifestation = "待填写"             # 表现形式：这种行为在现实中是什么样子
consequence = "待填写"               # 法律后果：处罚种类和幅度，用通俗语言
measures = ["待填写"]                # 防控措施：怎样做才合规，每条一项
powers = ["待填写"]                  # 对应权责事项编号，至少一个
exemptions = []                     # 对应免罚/从轻减轻事项编号，没有就留空
benchmarks = []                     # 对应裁量基准编号，没有就留空
effective = {date}                  # 生效日期
updated = {date}                    # 最近修改日期
status = "现行有效"                  # 状态：现行有效 | 已修改 | 已废止

[[violates]]                        # 违反的条款，可重复；没有可删除
law = "待填写"                       # 法律法规名称，不加书名号
article = "待填写"                   # 条款，如 第十四条、第三十四条第（二）项
# text = ""                         # 条文原文摘录（可选，须与原文一致）

[[penalty_basis]]                   # 处罚依据条款，至少一个
law = "待填写"
article = "待填写"
+++
（可选）用通俗语言补充说明。
"#;

    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn title(&self) -> &str {
        &self.title
    }
    fn address(&self) -> String {
        routes::risk(self.id.as_str())
    }
    fn order(a: &Self, b: &Self) -> std::cmp::Ordering {
        by_id(a, b)
    }
    fn domain(&self) -> Option<&str> {
        Some(&self.domain)
    }
    fn lifecycle(&self) -> Option<Lifecycle> {
        Some(Lifecycle {
            effective: self.effective,
            updated: self.updated,
            status: self.status,
        })
    }
    fn changed(&self) -> Date {
        self.updated
    }
    fn citations(&self) -> Vec<&LegalRef> {
        self.violates.iter().chain(&self.penalty_basis).collect()
    }
    fn references(&self) -> Vec<Refs<'_>> {
        vec![
            Refs::to::<super::PowerItem, _>("powers", &self.powers).required(),
            Refs::to::<super::Exemption, _>("exemptions", &self.exemptions),
            Refs::to::<super::Benchmark, _>("benchmarks", &self.benchmarks),
        ]
    }

    fn search_doc(item: &Item<Self>, lookup: &dyn Lookup) -> SearchDoc {
        let m = &item.meta;
        let mut body = vec![
            m.answer.clone().unwrap_or_default(),
            m.manifestation.clone(),
            m.consequence.clone(),
        ];
        body.extend(m.measures.iter().cloned());
        body.extend([
            search_doc::refs(&m.violates),
            search_doc::refs(&m.penalty_basis),
            item.body.text.clone(),
        ]);
        let summary = format!(
            "{} · {}风险 · 适用：{}",
            m.domain,
            m.level.label(),
            m.audiences.join("、")
        );
        let mut doc = SearchDoc::of(m, &m.title, summary, body)
            .facet("domain", &m.domain)
            .facet("level", m.level.label())
            .status(m.status);
        for a in &m.audiences {
            doc = doc.facet("audience", a);
        }
        doc.answer = Some(m.answer_lines(lookup).into_answer(m));
        doc
    }

    type Record<'a> = Record<'a>;

    fn data_fields(site: &SiteSettings) -> Option<Vec<Field>> {
        let mut f = data::head("编号");
        f.extend([
            field("title", "风险点名称", data::non_empty()),
            field("domain", "领域", data::domain(site)),
            field(
                "audiences",
                "行政相对人",
                data::many_of(site.audiences.iter().map(String::as_str)),
            ),
            field(
                "level",
                "风险等级",
                data::one_of(RiskLevel::ALL.iter().map(|l| l.label())),
            ),
            field("manifestation", "表现形式", data::string()),
            field("consequence", "法律后果", data::string()),
            field("measures", "防控措施", data::strings()),
            field("powers", "关联权责事项", data::strings()),
            field("exemptions", "关联免罚或从轻减轻事项", data::strings()),
            field("benchmarks", "关联裁量基准", data::strings()),
        ]);
        f.extend(data::lifecycle());
        f.extend([
            field_with(
                "violates",
                "违反的规定",
                data::legal_refs(),
                data::citations,
            ),
            field_with(
                "penalty_basis",
                "处罚依据",
                data::legal_refs(),
                data::citations,
            ),
            field("body", "说明", data::string()),
        ]);
        Some(f)
    }

    fn data_record<'a>(item: &'a Item<Self>, lookup: &'a dyn Lookup) -> Record<'a> {
        let m = &item.meta;
        Record {
            id: m.id.as_str(),
            url: data::absolute(lookup.site(), &m.address()),
            title: &m.title,
            domain: &m.domain,
            audiences: &m.audiences,
            level: m.level,
            manifestation: &m.manifestation,
            consequence: &m.consequence,
            measures: &m.measures,
            powers: data::ids(&m.powers),
            exemptions: data::ids(&m.exemptions),
            benchmarks: data::ids(&m.benchmarks),
            effective: m.effective.iso(),
            updated: m.updated.iso(),
            status: m.status,
            violates: data::refs(&m.violates),
            penalty_basis: data::refs(&m.penalty_basis),
            body: item.body.text.trim(),
        }
    }
}

/// A risk point in `/data/risks.json`.
#[derive(Serialize)]
pub struct Record<'a> {
    id: &'a str,
    url: String,
    title: &'a str,
    domain: &'a str,
    audiences: &'a [String],
    level: RiskLevel,
    manifestation: &'a str,
    consequence: &'a str,
    measures: &'a [String],
    powers: Vec<&'a str>,
    exemptions: Vec<&'a str>,
    benchmarks: Vec<&'a str>,
    effective: String,
    updated: String,
    status: ItemStatus,
    violates: Vec<LegalRefRecord<'a>>,
    penalty_basis: Vec<LegalRefRecord<'a>>,
    body: &'a str,
}
