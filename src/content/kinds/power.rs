//! 权责事项: one entry of the 权责清单 / 执法事项清单.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::open_data::{self as data, Field, LegalRefRecord, field, field_with};
use super::search_doc::{self, SearchDoc};
use super::{ContentKind, Lifecycle, Lookup, Refs, by_id};
use crate::content::Item;
use crate::content::model::*;
use crate::content::site::SiteSettings;
use crate::routes;

/// 责任事项: one stage of exercising a power and the duty attached to it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Responsibility {
    pub stage: String,
    pub duty: String,
}

/// 权责事项: one entry of the 权责清单 / 执法事项清单.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PowerItem {
    pub id: PowerId,
    pub title: String,
    pub power_type: PowerType,
    pub domain: String,
    /// 实施主体.
    pub agency: AgencyId,
    /// 追责情形.
    pub accountability: Vec<String>,
    pub supervision_phone: String,
    pub effective: Date,
    pub updated: Date,
    pub status: ItemStatus,
    /// 设定依据.
    pub basis: Vec<LegalRef>,
    pub responsibilities: Vec<Responsibility>,
}

impl ContentKind for PowerItem {
    const KIND: super::Kind = super::Kind::Power;
    const DIR: &'static str = "powers";
    const KEY: &'static str = "power";
    const LABEL: &'static str = "权责事项";
    const LIST: Option<&'static routes::Place> = Some(&routes::POWERS);
    const MANAGED: bool = true;
    const ID_PREFIX: &'static str = "P";
    const ID_EXAMPLE: &'static str = "P-CF-001";
    const SEARCH_WEIGHT: f32 = 0.9;
    const TEMPLATE: &'static str = r#"+++
id = "{id}"                         # 事项编码
title = "待填写"                     # 事项名称，如“对……的行政处罚”
power_type = "行政处罚"              # 职权类型：行政处罚 | 行政强制 | 行政检查 | 行政许可 | 行政确认 | 其他
domain = "待填写"                    # 领域，须为 site.toml 中 domains 之一
agency = "待填写"                    # 实施主体编号（agencies/ 中的 id）
accountability = ["待填写"]          # 追责情形，每条一项
supervision_phone = "待填写"         # 监督电话
effective = {date}                  # 生效日期
updated = {date}                    # 最近修改日期
status = "现行有效"                  # 状态：现行有效 | 已修改 | 已废止

[[basis]]                           # 设定依据，可重复
law = "待填写"
article = "待填写"

[[responsibilities]]                # 责任事项，每个环节一段，可重复
stage = "立案"                       # 环节：立案、调查取证、审查、告知、决定、送达、执行……
duty = "待填写"                      # 该环节的责任
+++
"#;

    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn title(&self) -> &str {
        &self.title
    }
    fn address(&self) -> String {
        routes::power(self.id.as_str())
    }
    fn order(a: &Self, b: &Self) -> std::cmp::Ordering {
        by_id(a, b)
    }
    fn domain(&self) -> Option<&str> {
        Some(&self.domain)
    }
    fn agency(&self) -> Option<&AgencyId> {
        Some(&self.agency)
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
        vec![Refs::one::<super::Agency>("agency", self.agency.as_str())]
    }

    fn search_doc(item: &Item<Self>, _lookup: &dyn Lookup) -> SearchDoc {
        let m = &item.meta;
        let mut body: Vec<String> = m
            .responsibilities
            .iter()
            .map(|r| format!("{}：{}", r.stage, r.duty))
            .collect();
        body.extend(m.accountability.iter().cloned());
        body.extend([search_doc::refs(&m.basis), item.body.text.clone()]);
        let summary = format!("{} · {}", m.domain, m.power_type.label());
        SearchDoc::of(m, &m.title, summary, body)
            .facet("domain", &m.domain)
            .facet("agency", m.agency.to_string())
            .status(m.status)
    }

    type Record<'a> = Record<'a>;

    fn data_fields(site: &SiteSettings) -> Option<Vec<Field>> {
        let mut f = data::head("事项编码");
        f.extend([
            field("title", "事项名称", data::non_empty()),
            field(
                "power_type",
                "职权类型",
                data::one_of(PowerType::ALL.iter().map(|t| t.label())),
            ),
            field("domain", "领域", data::domain(site)),
            field("agency", "实施主体编号", data::string()),
            field("agency_name", "实施主体", data::string()),
            field("accountability", "追责情形", data::strings()),
            field("supervision_phone", "监督电话", data::string()),
        ]);
        f.extend(data::lifecycle());
        f.extend([
            field_with("basis", "设定依据", data::legal_refs(), data::citations),
            field_with(
                "responsibilities",
                "责任事项",
                data::array_of(data::object([
                    ("stage", data::described(data::string(), "环节")),
                    ("duty", data::described(data::string(), "责任")),
                ])),
                responsibilities_cell,
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
            power_type: m.power_type,
            domain: &m.domain,
            agency: m.agency.as_str(),
            agency_name: lookup.agency_name(&m.agency),
            accountability: &m.accountability,
            supervision_phone: &m.supervision_phone,
            effective: m.effective.iso(),
            updated: m.updated.iso(),
            status: m.status,
            basis: data::refs(&m.basis),
            responsibilities: m
                .responsibilities
                .iter()
                .map(|r| ResponsibilityRecord {
                    stage: &r.stage,
                    duty: &r.duty,
                })
                .collect(),
            body: item.body.text.trim(),
        }
    }
}

/// 责任事项 as `立案：核实后立案；…`.
fn responsibilities_cell(v: &Value) -> String {
    data::each(v, |r| {
        format!(
            "{}：{}",
            data::text_of(r, "stage"),
            data::text_of(r, "duty")
        )
    })
}

#[derive(Serialize)]
struct ResponsibilityRecord<'a> {
    stage: &'a str,
    duty: &'a str,
}

/// A power item in `/data/powers.json`.
#[derive(Serialize)]
pub struct Record<'a> {
    id: &'a str,
    url: String,
    title: &'a str,
    power_type: PowerType,
    domain: &'a str,
    agency: &'a str,
    agency_name: &'a str,
    accountability: &'a [String],
    supervision_phone: &'a str,
    effective: String,
    updated: String,
    status: ItemStatus,
    basis: Vec<LegalRefRecord<'a>>,
    responsibilities: Vec<ResponsibilityRecord<'a>>,
    body: &'a str,
}
