//! 涉企行政检查事项: what an agency may inspect in a business, on what basis, by which
//! standard and method, how often at most in a year (and who set that ceiling), and the
//! 行政检查 power item it exercises. Unpublished inspection items may not be carried out
//! (国办发〔2024〕54号), so the list is the whole of what may be inspected.

use serde::{Deserialize, Serialize};

use super::open_data::{self as data, Field, LegalRefRecord, field, field_with};
use super::search_doc::{self, SearchDoc};
use super::{Agency, ContentKind, Lookup, PowerItem, Refs};
use crate::content::Item;
use crate::content::model::*;
use crate::content::site::SiteSettings;
use crate::routes;

/// 涉企行政检查事项: one kind of inspection of businesses, with its basis, standard, method,
/// targets, the yearly ceiling per business (年度频次上限) and where that ceiling comes from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inspection {
    pub id: InspectionId,
    pub title: String,
    /// The 行政检查 power item (权责事项) it exercises.
    pub power: PowerId,
    /// 检查主体.
    pub agency: AgencyId,
    pub domain: String,
    /// 日常检查, 个案检查 or 专项检查.
    pub check_type: String,
    /// 检查对象.
    pub targets: Vec<String>,
    /// 检查方式 (非现场, 现场检查, 书面检查 …).
    pub method: Vec<String>,
    #[serde(default)]
    pub method_note: Option<String>,
    /// 检查标准: what is looked at, one line each.
    pub standard: Vec<String>,
    /// 年度频次上限: inspections of one business in a year at most. Signed so that a zero or
    /// negative number reaches the check (INSP002) instead of failing to parse.
    pub max_per_year: i64,
    /// What the ceiling counts (入店现场检查 …).
    pub max_scope: String,
    /// Who set the ceiling, and on what ground.
    pub max_basis: String,
    /// Inspections the ceiling does not count (complaints, the business's own request …).
    #[serde(default)]
    pub limit_exceptions: Vec<String>,
    #[serde(default)]
    pub limit_exceptions_basis: Option<String>,
    /// Whether the results are published (in the year's aggregate results).
    #[serde(default)]
    pub results_public: bool,
    pub updated: Date,
    /// 检查依据.
    pub basis: Vec<LegalRef>,
}

impl ContentKind for Inspection {
    const KIND: super::Kind = super::Kind::Inspection;
    const DIR: &'static str = "inspections";
    const KEY: &'static str = "inspection";
    const LABEL: &'static str = "涉企行政检查事项";
    const LIST: Option<&'static routes::Place> = Some(&routes::INSPECTIONS);
    const ID_PREFIX: &'static str = "JC-I";
    const ID_EXAMPLE: &'static str = "JC-I-001";
    const SEARCH_WEIGHT: f32 = 1.1;
    const TEMPLATE: &'static str = r#"+++
id = "{id}"                         # 检查事项编号，如 JC-I-001
title = "待填写"                     # 检查事项名称
power = "待填写"                     # 所行使的行政检查权责事项编码，如 P-JC-001（职权类型须为行政检查）
agency = "待填写"                    # 检查主体编号（agencies/ 中的 id）
domain = "待填写"                    # 领域，须为 site.toml 中 domains 之一
check_type = "日常检查"              # 日常检查 | 个案检查 | 专项检查
targets = ["待填写"]                 # 检查对象，每类一项
method = ["现场检查"]                # 检查方式：非现场 | 书面检查 | 现场检查，可以写多项
method_note = "待填写"               # 怎样检查：先用哪些非现场方式，什么情况下才进店（可删除）
standard = ["待填写"]                # 检查标准：每条写查什么，括号内写条款
max_per_year = 1                    # 年度频次上限：同一对象每年最多检查几次（正整数）
max_scope = "待填写"                 # 上限计哪些检查，如“入店现场检查”
max_basis = "待填写"                 # 上限由谁、依据什么确定（必须写明来源）
limit_exceptions = []               # 不计入上限的检查（投诉举报引发的、应企业申请的……）
limit_exceptions_basis = "待填写"    # 这些例外的依据（可删除）
results_public = true               # 检查结果是否在年度结果中公开
updated = {date}                    # 最近修改日期

[[basis]]                           # 检查依据，可重复；text 照 statutes.toml 原文摘录
law = "待填写"
article = "待填写"
+++
"#;

    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn title(&self) -> &str {
        &self.title
    }
    fn address(&self) -> String {
        routes::inspection(self.id.as_str())
    }
    fn order(a: &Self, b: &Self) -> std::cmp::Ordering {
        a.id.cmp(&b.id)
    }
    fn domain(&self) -> Option<&str> {
        Some(&self.domain)
    }
    fn agency(&self) -> Option<&AgencyId> {
        Some(&self.agency)
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
            Refs::one::<Agency>("agency", self.agency.as_str()),
        ]
    }

    fn search_doc(item: &Item<Self>, _lookup: &dyn Lookup) -> SearchDoc {
        let m = &item.meta;
        let mut body = vec![
            format!("检查对象：{}", m.targets.join("、")),
            format!(
                "多久检查一次：同一对象每年{}最多 {} 次",
                m.max_scope, m.max_per_year
            ),
            format!("检查方式：{}", m.method.join("、")),
        ];
        body.extend(m.method_note.iter().cloned());
        body.extend(m.standard.iter().cloned());
        body.extend(m.limit_exceptions.iter().cloned());
        body.extend([search_doc::refs(&m.basis), item.body.text.clone()]);
        let summary = format!(
            "{} · 涉企行政检查 · {} · 每年最多 {} 次",
            m.domain, m.check_type, m.max_per_year
        );
        SearchDoc::of(m, &m.title, summary, body)
            .facet("domain", &m.domain)
            .facet("agency", m.agency.to_string())
    }

    type Record<'a> = Record<'a>;

    fn data_fields(site: &SiteSettings) -> Option<Vec<Field>> {
        let mut f = data::head("检查事项编号");
        f.extend([
            field("title", "检查事项名称", data::non_empty()),
            field("power", "权责事项编码", data::string()),
            field("agency", "检查主体编号", data::string()),
            field("agency_name", "检查主体", data::string()),
            field("domain", "领域", data::domain(site)),
            field("check_type", "检查类别", data::string()),
            field("targets", "检查对象", data::strings()),
            field("method", "检查方式", data::strings()),
            field("standard", "检查标准", data::strings()),
            field("max_per_year", "年度频次上限", data::count()),
            field("max_scope", "上限计算范围", data::string()),
            field("max_basis", "上限来源", data::string()),
            field("limit_exceptions", "不计入上限的检查", data::strings()),
            field("updated", "最近修改", data::date()),
            field_with("basis", "检查依据", data::legal_refs(), data::citations),
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
            agency: m.agency.as_str(),
            agency_name: lookup.agency_name(&m.agency),
            domain: &m.domain,
            check_type: &m.check_type,
            targets: &m.targets,
            method: &m.method,
            standard: &m.standard,
            max_per_year: m.max_per_year.max(0) as u64,
            max_scope: &m.max_scope,
            max_basis: &m.max_basis,
            limit_exceptions: &m.limit_exceptions,
            updated: m.updated.iso(),
            basis: data::refs(&m.basis),
        }
    }
}

/// An inspection item in `/data/inspections.json`.
#[derive(Serialize)]
pub struct Record<'a> {
    id: &'a str,
    url: String,
    title: &'a str,
    power: &'a str,
    agency: &'a str,
    agency_name: &'a str,
    domain: &'a str,
    check_type: &'a str,
    targets: &'a [String],
    method: &'a [String],
    standard: &'a [String],
    max_per_year: u64,
    max_scope: &'a str,
    max_basis: &'a str,
    limit_exceptions: &'a [String],
    updated: String,
    basis: Vec<LegalRefRecord<'a>>,
}
