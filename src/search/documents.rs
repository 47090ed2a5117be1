//! What is searchable: one [`SearchDoc`] per public page, built from the parsed content (never
//! from rendered HTML), with the text to match, the text to show and the facet values to filter by.

use crate::content::model::{DecisionStatus, ItemStatus, LegalRef};
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

/// Every searchable document of a library. Withdrawn decisions are left out; the caller passes
/// only records that are still inside their publication period.
pub fn documents(lib: &Library) -> Vec<SearchDoc> {
    let mut docs = Vec::new();
    for item in &lib.risks {
        let m = &item.meta;
        let mut body = vec![m.manifestation.clone(), m.consequence.clone()];
        body.extend(m.measures.iter().cloned());
        body.push(refs(&m.violates));
        body.push(refs(&m.penalty_basis));
        body.push(item.body.text.clone());
        let mut facets = vec![
            ("domain", m.domain.clone()),
            ("level", m.level.label().to_string()),
            ("status", m.status.label().to_string()),
        ];
        facets.extend(m.audiences.iter().map(|a| ("audience", a.clone())));
        docs.push(SearchDoc {
            kind: Kind::Risk,
            id: m.id.to_string(),
            url: url::risk(m.id.as_str()),
            title: m.title.clone(),
            code: m.id.to_string(),
            summary: format!(
                "{} · {}风险 · 适用：{}",
                m.domain,
                m.level.label(),
                m.audiences.join("、")
            ),
            body: join(body),
            facets,
            weight: kind_weight(Kind::Risk) * status_weight(m.status),
        });
    }
    for item in &lib.exemptions {
        let m = &item.meta;
        let mut body = m.conditions.clone();
        body.extend(m.discretion.iter().cloned());
        body.push(refs(&m.basis));
        body.push(item.body.text.clone());
        docs.push(SearchDoc {
            kind: Kind::Exemption,
            id: m.id.to_string(),
            url: url::exemption(m.id.as_str()),
            title: m.title.clone(),
            code: m.id.to_string(),
            summary: format!("{} · {}", m.domain, m.kind.label()),
            body: join(body),
            facets: vec![
                ("domain", m.domain.clone()),
                ("status", m.status.label().to_string()),
            ],
            weight: kind_weight(Kind::Exemption) * status_weight(m.status),
        });
    }
    for item in &lib.powers {
        let m = &item.meta;
        let mut body: Vec<String> = m
            .responsibilities
            .iter()
            .map(|r| format!("{}：{}", r.stage, r.duty))
            .collect();
        body.extend(m.accountability.iter().cloned());
        body.push(refs(&m.basis));
        body.push(item.body.text.clone());
        docs.push(SearchDoc {
            kind: Kind::Power,
            id: m.id.to_string(),
            url: url::power(m.id.as_str()),
            title: m.title.clone(),
            code: m.id.to_string(),
            summary: format!("{} · {}", m.domain, m.power_type.label()),
            body: join(body),
            facets: vec![
                ("domain", m.domain.clone()),
                ("agency", m.agency.to_string()),
                ("status", m.status.label().to_string()),
            ],
            weight: kind_weight(Kind::Power) * status_weight(m.status),
        });
    }
    for item in &lib.benchmarks {
        let m = &item.meta;
        let mut body: Vec<String> = m
            .grades
            .iter()
            .map(|g| format!("{}：{}，{}", g.grade.label(), g.circumstances, g.penalty))
            .collect();
        body.push(refs(&m.violates));
        body.push(refs(&m.penalty_basis));
        body.push(item.body.text.clone());
        docs.push(SearchDoc {
            kind: Kind::Benchmark,
            id: m.id.to_string(),
            url: url::benchmark(m.id.as_str()),
            title: m.title.clone(),
            code: m.id.to_string(),
            summary: format!("{} · 裁量基准 · {}档", m.domain, m.grades.len()),
            body: join(body),
            facets: vec![
                ("domain", m.domain.clone()),
                ("status", m.status.label().to_string()),
            ],
            weight: kind_weight(Kind::Benchmark) * status_weight(m.status),
        });
    }
    for item in &lib.decisions {
        let m = &item.meta;
        if m.status.is_withdrawn() {
            continue;
        }
        let mut body = vec![
            m.party.clone(),
            m.violation.clone(),
            m.location.clone().unwrap_or_default(),
            format!("{}，{}", m.outcome.label(), m.penalty_summary()),
            refs(&m.basis),
        ];
        body.push(item.body.text.clone());
        let mut code = format!("{} {}", m.id, m.number);
        if let Some(credit) = &m.credit_code {
            code.push(' ');
            code.push_str(credit);
        }
        debug_assert!(m.status == DecisionStatus::Valid);
        docs.push(SearchDoc {
            kind: Kind::Decision,
            id: m.id.to_string(),
            url: url::decision(m.id.as_str()),
            title: format!("{}（{}）", m.violation, m.number),
            code,
            summary: format!(
                "{} · {} · {} · {}",
                m.decided.zh(),
                m.outcome.label(),
                m.procedure.label(),
                m.penalty_summary()
            ),
            body: join(body),
            facets: vec![
                ("domain", m.domain.clone()),
                ("outcome", m.outcome.label().to_string()),
                ("procedure", m.procedure.label().to_string()),
                ("agency", m.agency.to_string()),
                ("year", m.decided.year().to_string()),
            ],
            weight: kind_weight(Kind::Decision),
        });
    }
    for item in &lib.cases {
        let m = &item.meta;
        docs.push(SearchDoc {
            kind: Kind::Case,
            id: m.id.to_string(),
            url: url::case(m.id.as_str()),
            title: m.title.clone(),
            code: m.id.to_string(),
            summary: format!("{} · 典型案例 · {}", m.domain, m.date.zh()),
            body: join(vec![m.summary.clone(), item.body.text.clone()]),
            facets: vec![
                ("domain", m.domain.clone()),
                ("year", m.date.year().to_string()),
            ],
            weight: kind_weight(Kind::Case),
        });
    }
    for item in &lib.pages {
        let m = &item.meta;
        docs.push(SearchDoc {
            kind: Kind::Page,
            id: m.id.to_string(),
            url: url::page(m.id.as_str()),
            title: m.title.clone(),
            code: m.id.to_string(),
            summary: m.summary.clone().unwrap_or_default(),
            body: join(vec![
                m.summary.clone().unwrap_or_default(),
                item.body.text.clone(),
            ]),
            facets: Vec::new(),
            weight: kind_weight(Kind::Page),
        });
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
        docs.push(SearchDoc {
            kind: Kind::Agency,
            id: m.id.to_string(),
            url: url::agency(m.id.as_str()),
            title: m.name.clone(),
            code: m.id.to_string(),
            summary: format!("执法机关 · {}", m.address),
            body: join(body),
            facets: vec![("agency", m.id.to_string())],
            weight: kind_weight(Kind::Agency),
        });
    }
    for doc in &mut docs {
        doc.facets.push(("kind", doc.kind.cli_name().to_string()));
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
