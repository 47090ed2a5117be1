//! 典型案例: a case used to explain the law (以案释法).

use serde::{Deserialize, Serialize};

use super::open_data::{self as data, Field, field};
use super::search_doc::SearchDoc;
use super::{ContentKind, Decision, Lookup, Refs};
use crate::content::Item;
use crate::content::model::*;
use crate::content::site::SiteSettings;
use crate::routes;

/// 典型案例: a case used to explain the law (以案释法).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub id: CaseId,
    pub title: String,
    pub domain: String,
    pub date: Date,
    pub summary: String,
    #[serde(default)]
    pub risks: Vec<RiskId>,
    #[serde(default)]
    pub decisions: Vec<DecisionId>,
}

impl ContentKind for Case {
    const KIND: super::Kind = super::Kind::Case;
    const DIR: &'static str = "cases";
    const KEY: &'static str = "case";
    const LABEL: &'static str = "典型案例";
    const LIST: Option<&'static routes::Place> = Some(&routes::CASES);
    const ID_PREFIX: &'static str = "C";
    const ID_EXAMPLE: &'static str = "C-001";
    const SEARCH_WEIGHT: f32 = 0.9;
    const TEMPLATE: &'static str = r#"+++
id = "{id}"                         # 编号，如 C-001
title = "待填写"                     # 案例标题
domain = "待填写"                    # 领域，须为 site.toml 中 domains 之一
date = {date}                       # 日期
summary = "待填写"                   # 一句话概括
risks = []                          # 相关风险点编号
decisions = []                      # 相关处罚决定编号
+++
## 基本案情

待填写

## 处理结果

待填写

## 以案释法

待填写
"#;

    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn title(&self) -> &str {
        &self.title
    }
    fn address(&self) -> String {
        routes::case(self.id.as_str())
    }
    /// Newest first, then by id.
    fn order(a: &Self, b: &Self) -> std::cmp::Ordering {
        (b.date, &a.id).cmp(&(a.date, &b.id))
    }
    fn domain(&self) -> Option<&str> {
        Some(&self.domain)
    }
    fn changed(&self) -> Date {
        self.date
    }
    fn references(&self) -> Vec<Refs<'_>> {
        vec![
            Refs::to::<super::RiskPoint, _>("risks", &self.risks),
            Refs::to::<Decision, _>("decisions", &self.decisions),
        ]
    }

    fn search_doc(item: &Item<Self>, _lookup: &dyn Lookup) -> SearchDoc {
        let m = &item.meta;
        let body = vec![m.summary.clone(), item.body.text.clone()];
        let summary = format!("{} · 典型案例 · {}", m.domain, m.date.zh());
        SearchDoc::of(m, &m.title, summary, body)
            .facet("domain", &m.domain)
            .facet("year", m.date.year().to_string())
    }

    type Record<'a> = Record<'a>;

    fn data_fields(site: &SiteSettings) -> Option<Vec<Field>> {
        let mut f = data::head("编号");
        f.extend([
            field("title", "案例名称", data::non_empty()),
            field("domain", "领域", data::domain(site)),
            field("date", "日期", data::date()),
            field("summary", "摘要", data::string()),
            field("risks", "相关风险点", data::strings()),
            field("decisions", "相关处罚决定", data::strings()),
            field("body", "案情与释法", data::string()),
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
            date: m.date.iso(),
            summary: &m.summary,
            risks: data::ids(&m.risks),
            // Only decisions that are still published: not withdrawn, not expired.
            decisions: m
                .decisions
                .iter()
                .filter(|id| lookup.is_public(Decision::KIND, id.as_str()))
                .map(DecisionId::as_str)
                .collect(),
            body: item.body.text.trim(),
        }
    }
}

/// A typical case in `/data/cases.json`.
#[derive(Serialize)]
pub struct Record<'a> {
    id: &'a str,
    url: String,
    title: &'a str,
    domain: &'a str,
    date: String,
    summary: &'a str,
    risks: Vec<&'a str>,
    decisions: Vec<&'a str>,
    body: &'a str,
}
