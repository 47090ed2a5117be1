//! 风险点: one entry of the 法律风险防控清单.

use serde::{Deserialize, Serialize};

use super::open_data::{self as data, Field, LegalRefRecord, field, field_with};
use super::search_doc::{self, SearchDoc};
use super::{ContentKind, Lifecycle, Lookup, Refs, by_id};
use crate::content::Item;
use crate::content::model::*;
use crate::content::site::SiteSettings;
use crate::routes;

/// 风险点: one entry of the 法律风险防控清单.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskPoint {
    pub id: RiskId,
    pub title: String,
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

    fn search_doc(item: &Item<Self>) -> SearchDoc {
        let m = &item.meta;
        let mut body = vec![m.manifestation.clone(), m.consequence.clone()];
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
