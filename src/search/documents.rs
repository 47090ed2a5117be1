//! What is searchable: one [`SearchDoc`] per public page, built from the parsed content (never
//! from rendered HTML), with the text to match, the text to show and the facet values to filter by.

use crate::content::model::{ItemStatus, LegalRef};
use crate::content::{Kind, Library};
use crate::render::url;

/// Filter dimensions, in the order the results page shows them. The first element is the query
/// parameter and facet root, the second the label the public sees.
pub const DIMENSIONS: &[(&str, &str)] = &[
    ("kind", "类别"),
    ("domain", "领域"),
    ("level", "风险等级"),
    ("audience", "适用对象"),
    ("outcome", "裁量结果"),
    ("procedure", "程序"),
    ("agency", "执法机关"),
    ("year", "年份"),
    ("status", "状态"),
];

/// One searchable page.
#[derive(Debug, Clone)]
pub struct SearchDoc {
    pub kind: Kind,
    pub id: String,
    pub url: String,
    /// Shown as the result's link text and matched with the highest weight.
    pub title: String,
    /// Identifiers matched exactly by substring: id, 文号, 统一社会信用代码.
    pub code: String,
    /// One line under the title: domain, level, date and so on.
    pub summary: String,
    /// Matched, and the source of snippets.
    pub body: String,
    /// `(dimension, value)` pairs; a dimension may repeat (several audiences).
    pub facets: Vec<(&'static str, String)>,
    /// Multiplies the text score: list items first, then cases, then single decisions.
    pub weight: f32,
}

/// How much a kind's pages are preferred when text scores are close. A shop owner should meet
/// the rule (risk point) and the way out (exemption) before any single decision.
pub fn kind_weight(kind: Kind) -> f32 {
    match kind {
        Kind::Risk => 2.0,
        Kind::Exemption => 1.5,
        Kind::Page => 1.5,
        Kind::Benchmark => 1.0,
        Kind::Power => 0.9,
        Kind::Case => 0.9,
        Kind::Agency => 0.8,
        Kind::Decision => 0.5,
    }
}

fn status_weight(status: ItemStatus) -> f32 {
    match status {
        ItemStatus::Current => 1.0,
        ItemStatus::Amended => 0.9,
        ItemStatus::Repealed => 0.4,
    }
}

impl SearchDoc {
    /// A document whose code is its id, with its kind as a facet and its kind's weight.
    fn new(
        kind: Kind,
        id: &str,
        url: String,
        title: &str,
        summary: String,
        body: Vec<String>,
    ) -> Self {
        SearchDoc {
            kind,
            id: id.to_string(),
            url,
            title: title.to_string(),
            code: id.to_string(),
            summary,
            body: join(body),
            facets: vec![("kind", kind.cli_name().to_string())],
            weight: kind_weight(kind),
        }
    }

    fn facet(mut self, dimension: &'static str, value: impl Into<String>) -> Self {
        self.facets.push((dimension, value.into()));
        self
    }

    /// A list item's status: a facet, and a repealed item ranks lower.
    fn status(self, status: ItemStatus) -> Self {
        let mut doc = self.facet("status", status.label());
        doc.weight *= status_weight(status);
        doc
    }
}

/// Every searchable document of a library. Withdrawn decisions are left out; the caller passes
/// only records that are still inside their publication period.
pub fn documents(lib: &Library) -> Vec<SearchDoc> {
    let mut docs = Vec::new();
    for item in &lib.risks {
        let m = &item.meta;
        let mut body = vec![m.manifestation.clone(), m.consequence.clone()];
        body.extend(m.measures.iter().cloned());
        body.extend([
            refs(&m.violates),
            refs(&m.penalty_basis),
            item.body.text.clone(),
        ]);
        let summary = format!(
            "{} · {}风险 · 适用：{}",
            m.domain,
            m.level.label(),
            m.audiences.join("、")
        );
        let mut doc = SearchDoc::new(
            Kind::Risk,
            m.id.as_str(),
            url::risk(m.id.as_str()),
            &m.title,
            summary,
            body,
        )
        .facet("domain", &m.domain)
        .facet("level", m.level.label())
        .status(m.status);
        for a in &m.audiences {
            doc = doc.facet("audience", a);
        }
        docs.push(doc);
    }
    for item in &lib.exemptions {
        let m = &item.meta;
        let mut body = m.conditions.clone();
        body.extend(m.discretion.iter().cloned());
        body.extend([refs(&m.basis), item.body.text.clone()]);
        let summary = format!("{} · {}", m.domain, m.kind.label());
        let url = url::exemption(m.id.as_str());
        docs.push(
            SearchDoc::new(Kind::Exemption, m.id.as_str(), url, &m.title, summary, body)
                .facet("domain", &m.domain)
                .status(m.status),
        );
    }
    for item in &lib.powers {
        let m = &item.meta;
        let mut body: Vec<String> = m
            .responsibilities
            .iter()
            .map(|r| format!("{}：{}", r.stage, r.duty))
            .collect();
        body.extend(m.accountability.iter().cloned());
        body.extend([refs(&m.basis), item.body.text.clone()]);
        let summary = format!("{} · {}", m.domain, m.power_type.label());
        let url = url::power(m.id.as_str());
        docs.push(
            SearchDoc::new(Kind::Power, m.id.as_str(), url, &m.title, summary, body)
                .facet("domain", &m.domain)
                .facet("agency", m.agency.to_string())
                .status(m.status),
        );
    }
    for item in &lib.benchmarks {
        let m = &item.meta;
        let mut body: Vec<String> = m
            .grades
            .iter()
            .map(|g| format!("{}：{}，{}", g.grade.label(), g.circumstances, g.penalty))
            .collect();
        body.extend([
            refs(&m.violates),
            refs(&m.penalty_basis),
            item.body.text.clone(),
        ]);
        let summary = format!("{} · 裁量基准 · {}档", m.domain, m.grades.len());
        let url = url::benchmark(m.id.as_str());
        docs.push(
            SearchDoc::new(Kind::Benchmark, m.id.as_str(), url, &m.title, summary, body)
                .facet("domain", &m.domain)
                .status(m.status),
        );
    }
    for item in lib.standing_decisions() {
        let m = &item.meta;
        let body = vec![
            m.party.clone(),
            m.violation.clone(),
            m.location.clone().unwrap_or_default(),
            format!("{}，{}", m.outcome.label(), m.penalty_summary()),
            refs(&m.basis),
            item.body.text.clone(),
        ];
        let title = format!("{}（{}）", m.violation, m.number);
        let summary = format!(
            "{} · {} · {} · {}",
            m.decided.zh(),
            m.outcome.label(),
            m.procedure.label(),
            m.penalty_summary()
        );
        let url = url::decision(m.id.as_str());
        let mut doc = SearchDoc::new(Kind::Decision, m.id.as_str(), url, &title, summary, body)
            .facet("domain", &m.domain)
            .facet("outcome", m.outcome.label())
            .facet("procedure", m.procedure.label())
            .facet("agency", m.agency.to_string())
            .facet("year", m.decided.year().to_string());
        // 文号 and 统一社会信用代码 are matched like the id.
        doc.code = [
            m.id.as_str(),
            &m.number,
            m.credit_code.as_deref().unwrap_or(""),
        ]
        .join(" ");
        docs.push(doc);
    }
    for item in &lib.cases {
        let m = &item.meta;
        let body = vec![m.summary.clone(), item.body.text.clone()];
        let summary = format!("{} · 典型案例 · {}", m.domain, m.date.zh());
        let url = url::case(m.id.as_str());
        docs.push(
            SearchDoc::new(Kind::Case, m.id.as_str(), url, &m.title, summary, body)
                .facet("domain", &m.domain)
                .facet("year", m.date.year().to_string()),
        );
    }
    for item in &lib.pages {
        let m = &item.meta;
        let summary = m.summary.clone().unwrap_or_default();
        let body = vec![summary.clone(), item.body.text.clone()];
        let url = url::page(m.id.as_str());
        docs.push(SearchDoc::new(
            Kind::Page,
            m.id.as_str(),
            url,
            &m.title,
            summary,
            body,
        ));
    }
    for item in &lib.agencies {
        let m = &item.meta;
        let mut body = m.duties.clone();
        body.extend(m.procedures.iter().cloned());
        body.extend(m.legal_basis.iter().cloned());
        body.push(format!(
            "地址：{}；电话：{}；投诉：{}；办公时间：{}",
            m.address, m.phone, m.complaint_phone, m.office_hours
        ));
        body.push(item.body.text.clone());
        let summary = format!("执法机关 · {}", m.address);
        let url = url::agency(m.id.as_str());
        docs.push(
            SearchDoc::new(Kind::Agency, m.id.as_str(), url, &m.name, summary, body)
                .facet("agency", m.id.to_string()),
        );
    }
    docs
}

fn refs(refs: &[LegalRef]) -> String {
    refs.iter()
        .map(|r| match &r.text {
            Some(t) => format!("{}：{}", r.cite(), t),
            None => r.cite(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn join(parts: Vec<String>) -> String {
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}
