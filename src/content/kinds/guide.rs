//! 办事指南: how to do lawfully what the risk list forbids, one 行政许可 at a time.

use serde::{Deserialize, Serialize};

use super::open_data::{self as data, Field, LegalRefRecord, field, field_with};
use super::search_doc::{self, SearchDoc};
use super::{ContentKind, Lookup, PowerItem, Refs, by_id};
use crate::content::Item;
use crate::content::model::*;
use crate::content::site::SiteSettings;
use crate::routes;

/// 办事指南: who may apply for a permit, on what conditions, with which materials, where, how
/// long it takes and what it costs. It belongs to one 行政许可 power item and names the risk
/// points it is the lawful way out of (合法的做法); those pages link back.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Guide {
    pub id: GuideId,
    pub title: String,
    /// The 行政许可 power item (权责事项) the guide belongs to.
    pub power: PowerId,
    pub domain: String,
    /// 办理机关, when it is not the power item's 实施主体 (the permit moved to another office).
    #[serde(default)]
    pub handled_by: Option<String>,
    /// 申请人: who may apply.
    pub applicants: String,
    /// 申请条件.
    pub conditions: Vec<String>,
    /// 申请材料.
    pub materials: Vec<String>,
    #[serde(default)]
    pub materials_note: Option<String>,
    /// 办理地点.
    #[serde(rename = "where")]
    pub office: String,
    /// 网上办理.
    #[serde(default)]
    pub online: Option<String>,
    /// 法定办理时限, working days (行政许可法 第八十二条).
    pub time_limit_days: u32,
    /// Working days the head of the agency may add.
    #[serde(default)]
    pub extension_days: Option<u32>,
    /// 承诺办理时限, working days.
    #[serde(default)]
    pub promised_days: Option<u32>,
    #[serde(default)]
    pub time_limit_note: Option<String>,
    /// 收费: `不收费`, or what is charged.
    pub fee: String,
    #[serde(default)]
    pub fee_note: Option<String>,
    /// Risk points this permit is the lawful way out of (合法的做法).
    #[serde(default)]
    pub risks: Vec<RiskId>,
    pub updated: Date,
    /// 办理依据.
    pub basis: Vec<LegalRef>,
}

impl Guide {
    /// The office that handles it: `handled_by`, else the power item's 实施主体.
    pub fn office_name<'a>(&'a self, lookup: &'a dyn Lookup) -> &'a str {
        if let Some(h) = &self.handled_by {
            return h;
        }
        match super::find::<PowerItem>(lookup, self.power.as_str()) {
            Some(p) => lookup.agency_name(&p.meta.agency),
            None => "",
        }
    }
}

impl ContentKind for Guide {
    const KIND: super::Kind = super::Kind::Guide;
    const DIR: &'static str = "guides";
    const KEY: &'static str = "guide";
    const LABEL: &'static str = "办事指南";
    const LIST: Option<&'static routes::Place> = Some(&routes::GUIDES);
    const ID_PREFIX: &'static str = "guide";
    const ID_EXAMPLE: &'static str = "road-occupation";
    const SEARCH_WEIGHT: f32 = 1.3;
    const TEMPLATE: &'static str = r#"+++
id = "{id}"                         # 指南编号，用小写英文和 -，用于网址，如 road-occupation
title = "待填写"                     # 事项名称，与权责清单中的许可事项一致
power = "待填写"                     # 所属的行政许可权责事项编码，如 P-XK-003
domain = "待填写"                    # 领域，须为 site.toml 中 domains 之一
applicants = "待填写"                # 谁可以申请
conditions = ["待填写"]              # 申请条件，每条一项
materials = ["待填写"]               # 申请材料，每份一项
where = "待填写"                     # 办理地点（窗口、地址）
online = "待填写"                    # 网上办理的平台和网址（没有的删除这一行）
time_limit_days = 20                # 法定办理时限（工作日，行政许可法第四十二条、第八十二条）
extension_days = 10                 # 经负责人批准可以延长的工作日（不能延长的删除这一行）
promised_days = 5                   # 承诺办理时限（工作日，不得超过法定时限；没有承诺的删除这一行）
fee = "不收费"                       # 收费：不收费，或者收费项目和依据
risks = []                          # 本事项是哪些风险点的合法做法（风险点编号）
updated = {date}                    # 最近修改日期

[[basis]]                           # 办理依据，可重复；text 照 statutes.toml 原文摘录
law = "待填写"
article = "待填写"
+++
## 办理步骤

待填写
"#;

    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn title(&self) -> &str {
        &self.title
    }
    fn address(&self) -> String {
        routes::guide(self.id.as_str())
    }
    fn order(a: &Self, b: &Self) -> std::cmp::Ordering {
        (&a.power, &a.id).cmp(&(&b.power, &b.id)).then(by_id(a, b))
    }
    fn domain(&self) -> Option<&str> {
        Some(&self.domain)
    }
    fn changed(&self) -> Date {
        self.updated
    }
    fn citations(&self) -> Vec<&LegalRef> {
        self.basis.iter().collect()
    }
    fn references(&self) -> Vec<Refs<'_>> {
        vec![
            Refs::one::<PowerItem>("power", self.power.as_str()),
            Refs::to::<super::RiskPoint, _>("risks", &self.risks),
        ]
    }

    fn search_doc(item: &Item<Self>, lookup: &dyn Lookup) -> SearchDoc {
        let m = &item.meta;
        let mut body = vec![
            format!("怎么申请{}：{}", m.title, m.applicants),
            format!("办理地点：{}", m.office),
        ];
        body.extend(m.conditions.iter().cloned());
        body.extend(m.materials.iter().cloned());
        body.extend([
            format!("收费：{}", m.fee),
            search_doc::refs(&m.basis),
            item.body.text.clone(),
        ]);
        let summary = format!(
            "{} · 办事指南 · 法定 {} 个工作日{}",
            m.domain,
            m.time_limit_days,
            m.promised_days
                .map(|d| format!("，承诺 {d} 个工作日"))
                .unwrap_or_default()
        );
        let mut doc = SearchDoc::of(m, &m.title, summary, body).facet("domain", &m.domain);
        if let Some(p) = super::find::<PowerItem>(lookup, m.power.as_str()) {
            doc = doc.facet("agency", p.meta.agency.to_string());
        }
        doc
    }

    type Record<'a> = Record<'a>;

    fn data_fields(site: &SiteSettings) -> Option<Vec<Field>> {
        let mut f = data::head("编号");
        f.extend([
            field("title", "事项名称", data::non_empty()),
            field("power", "权责事项编码", data::string()),
            field("domain", "领域", data::domain(site)),
            field("handled_by", "办理机关", data::string()),
            field("applicants", "申请人", data::string()),
            field("conditions", "申请条件", data::strings()),
            field("materials", "申请材料", data::strings()),
            field("where", "办理地点", data::string()),
            field("online", "网上办理", data::string()),
            field("time_limit_days", "法定办理时限（工作日）", data::count()),
            field("promised_days", "承诺办理时限（工作日）", data::count()),
            field("fee", "收费", data::string()),
            field("risks", "相关风险点", data::strings()),
            field("updated", "最近修改", data::date()),
            field_with("basis", "办理依据", data::legal_refs(), data::citations),
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
            power: m.power.as_str(),
            domain: &m.domain,
            handled_by: m.office_name(lookup),
            applicants: &m.applicants,
            conditions: &m.conditions,
            materials: &m.materials,
            r#where: &m.office,
            online: m.online.as_deref().unwrap_or(""),
            time_limit_days: m.time_limit_days,
            promised_days: m.promised_days.unwrap_or(m.time_limit_days),
            fee: &m.fee,
            risks: data::ids(&m.risks),
            updated: m.updated.iso(),
            basis: data::refs(&m.basis),
            body: item.body.text.trim(),
        }
    }
}

/// A permit guide in `/data/guides.json`.
#[derive(Serialize)]
pub struct Record<'a> {
    id: &'a str,
    url: String,
    title: &'a str,
    power: &'a str,
    domain: &'a str,
    handled_by: &'a str,
    applicants: &'a str,
    conditions: &'a [String],
    materials: &'a [String],
    r#where: &'a str,
    online: &'a str,
    time_limit_days: u32,
    promised_days: u32,
    fee: &'a str,
    risks: Vec<&'a str>,
    updated: String,
    basis: Vec<LegalRefRecord<'a>>,
    body: &'a str,
}
