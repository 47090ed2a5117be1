//! What a content kind offers search: one [`SearchDoc`] per public page, built from the parsed
//! content (never from rendered HTML), with the text to match, the text to show and the facet
//! values to filter by. Each kind builds its own in its module; `search` indexes them and knows
//! nothing of the kinds.

use super::{ContentKind, Kind};
use crate::content::model::{ItemStatus, LegalRef};

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

fn status_weight(status: ItemStatus) -> f32 {
    match status {
        ItemStatus::Current => 1.0,
        ItemStatus::Amended => 0.9,
        ItemStatus::Repealed => 0.4,
    }
}

impl SearchDoc {
    /// The document of `item`, titled `title`: its code is its id, its kind a facet, its
    /// weight its kind's. Empty body parts are dropped.
    pub fn of<T: ContentKind>(item: &T, title: &str, summary: String, body: Vec<String>) -> Self {
        SearchDoc {
            kind: T::KIND,
            id: item.id().to_string(),
            url: item.address(),
            title: title.to_string(),
            code: item.id().to_string(),
            summary,
            body: join(body),
            facets: vec![("kind", T::KEY.to_string())],
            weight: T::SEARCH_WEIGHT,
        }
    }

    pub fn facet(mut self, dimension: &'static str, value: impl Into<String>) -> Self {
        self.facets.push((dimension, value.into()));
        self
    }

    /// A list item's status: a facet, and a repealed item ranks lower.
    pub fn status(self, status: ItemStatus) -> Self {
        let mut doc = self.facet("status", status.label());
        doc.weight *= status_weight(status);
        doc
    }
}

/// Legal citations as searchable lines: `《法》第X条：摘录`.
pub fn refs(refs: &[LegalRef]) -> String {
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
