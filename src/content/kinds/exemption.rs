//! 免罚/从轻减轻事项: one entry of the 包容免罚清单 or 从轻减轻清单 (两轻一免).

use serde::{Deserialize, Serialize};
use serde_json::json;

use super::open_data::{self as data, Field, LegalRefRecord, field, field_with};
use super::search_doc::{self, SearchDoc};
use super::{ContentKind, Lifecycle, Lookup, Refs, by_id};
use crate::content::Item;
use crate::content::model::*;
use crate::content::site::SiteSettings;
use crate::routes;

/// 免罚/从轻减轻事项: one entry of the 包容免罚清单 or 从轻减轻清单.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exemption {
    pub id: ExemptionId,
    pub title: String,
    pub kind: ExemptionKind,
    pub domain: String,
    pub conditions: Vec<String>,
    /// Whether the party signs a 承诺书 (告知承诺制).
    pub commitment_required: bool,
    /// 裁量幅度 for 从轻/减轻.
    #[serde(default)]
    pub discretion: Option<String>,
    pub powers: Vec<PowerId>,
    /// The risk points whose behaviour it can apply to: a risk may link only exemptions that
    /// name it here.
    #[serde(default)]
    pub risks: Vec<RiskId>,
    pub effective: Date,
    pub updated: Date,
    pub status: ItemStatus,
    pub basis: Vec<LegalRef>,
}

impl ContentKind for Exemption {
    const KIND: super::Kind = super::Kind::Exemption;
    const DIR: &'static str = "exemptions";
    const KEY: &'static str = "exemption";
    const LABEL: &'static str = "免罚/从轻减轻事项";
    const LIST: Option<&'static routes::Place> = Some(&routes::EXEMPTIONS);
    const MANAGED: bool = true;
    const ID_PREFIX: &'static str = "E";
    const ID_EXAMPLE: &'static str = "E-001-A";
    const SEARCH_WEIGHT: f32 = 1.5;
    const TEMPLATE: &'static str = r#"+++
id = "{id}"                         # 编号，如 E-001-A
title = "待填写"                     # 违法行为
kind = "首违免罚"                    # 类型：轻微不罚 | 首违免罚 | 从轻处罚 | 减轻处罚
domain = "待填写"                    # 领域，须为 site.toml 中 domains 之一
conditions = ["待填写"]              # 适用条件，须同时满足，每条一项
commitment_required = true          # 是否需要签署承诺书：true 或 false
# discretion = ""                   # 从轻/减轻的裁量幅度（不罚类可删除）
powers = ["待填写"]                  # 对应权责事项编号
risks = ["待填写"]                   # 可以适用本项的风险点编号（风险点只能链接列出它的免罚事项）
effective = {date}                  # 生效日期
updated = {date}                    # 最近修改日期
status = "现行有效"                  # 状态：现行有效 | 已修改 | 已废止

[[basis]]                           # 法律依据，可重复
law = "行政处罚法"
article = "第三十三条第一款"
+++
待填写：实践中如何适用（教育、责令改正、承诺书、回访）。
"#;

    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn title(&self) -> &str {
        &self.title
    }
    fn address(&self) -> String {
        routes::exemption(self.id.as_str())
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
        self.basis.iter().collect()
    }
    fn references(&self) -> Vec<Refs<'_>> {
        vec![
            Refs::to::<super::PowerItem, _>("powers", &self.powers).required(),
            Refs::to::<super::RiskPoint, _>("risks", &self.risks).required(),
        ]
    }

    fn search_doc(item: &Item<Self>, _lookup: &dyn Lookup) -> SearchDoc {
        let m = &item.meta;
        let mut body = m.conditions.clone();
        body.extend(m.discretion.iter().cloned());
        body.extend([search_doc::refs(&m.basis), item.body.text.clone()]);
        let summary = format!("{} · {}", m.domain, m.kind.label());
        SearchDoc::of(m, &m.title, summary, body)
            .facet("domain", &m.domain)
            .status(m.status)
    }

    type Record<'a> = Record<'a>;

    fn data_fields(site: &SiteSettings) -> Option<Vec<Field>> {
        let mut f = data::head("编号");
        f.extend([
            field("title", "事项名称", data::non_empty()),
            field(
                "kind",
                "类别",
                data::one_of(ExemptionKind::ALL.iter().map(|k| k.label())),
            ),
            field("domain", "领域", data::domain(site)),
            field("conditions", "适用条件", data::strings()),
            field(
                "commitment_required",
                "是否需签署承诺书",
                json!({ "type": "boolean" }),
            ),
            field("discretion", "裁量幅度", data::opt_string()),
            field("powers", "关联权责事项", data::strings()),
        ]);
        f.extend(data::lifecycle());
        f.extend([
            field_with("basis", "法律依据", data::legal_refs(), data::citations),
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
            kind: m.kind,
            domain: &m.domain,
            conditions: &m.conditions,
            commitment_required: m.commitment_required,
            discretion: m.discretion.as_deref(),
            powers: data::ids(&m.powers),
            effective: m.effective.iso(),
            updated: m.updated.iso(),
            status: m.status,
            basis: data::refs(&m.basis),
            body: item.body.text.trim(),
        }
    }
}

/// An exemption item in `/data/exemptions.json`.
#[derive(Serialize)]
pub struct Record<'a> {
    id: &'a str,
    url: String,
    title: &'a str,
    kind: ExemptionKind,
    domain: &'a str,
    conditions: &'a [String],
    commitment_required: bool,
    discretion: Option<&'a str>,
    powers: Vec<&'a str>,
    effective: String,
    updated: String,
    status: ItemStatus,
    basis: Vec<LegalRefRecord<'a>>,
    body: &'a str,
}
