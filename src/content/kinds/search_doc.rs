//! What a content kind offers search: one [`SearchDoc`] per public page (and per anchored
//! section of a page), built from the parsed content (never from rendered HTML), with the text
//! to match, the text to show, the facet values to filter by, the answer targets question
//! intents prefer, and for a risk point the short answer shown above the results. Each kind
//! builds its own in its module; list pages and referral rows are built here; `search` indexes
//! them and knows nothing of the kinds.

use serde::{Deserialize, Serialize};

use super::{ContentKind, Kind};
use crate::content::answers::Referral;
use crate::content::markdown::Section;
use crate::content::model::{ItemStatus, LegalRef};
use crate::routes::Place;

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

/// What a search document is: a content item's page (or a section of it), a list page, or a
/// row of the referral table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocKind {
    Item(Kind),
    /// 清单: a list page (权责清单 …).
    List,
    /// 职责边界: a matter another department handles.
    Referral,
}

impl DocKind {
    /// The `kind` facet value and API field.
    pub fn key(self) -> &'static str {
        match self {
            DocKind::Item(k) => k.cli_name(),
            DocKind::List => "list",
            DocKind::Referral => "referral",
        }
    }

    /// What the public sees next to a result.
    pub fn label(self) -> &'static str {
        match self {
            DocKind::Item(k) => k.label(),
            DocKind::List => "清单",
            DocKind::Referral => "职责边界",
        }
    }

    pub fn from_key(key: &str) -> Option<DocKind> {
        match key {
            "list" => Some(DocKind::List),
            "referral" => Some(DocKind::Referral),
            k => Kind::from_cli_name(k).map(DocKind::Item),
        }
    }
}

/// The short answer to a question, stored with the document that gives it and shown above
/// the results when that document ranks first (or, for a risk point, near the top).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Answer {
    /// A risk point in four lines: 能不能 / 罚多少 / 第一次会不会罚 / 怎样做才合规.
    Risk {
        id: String,
        title: String,
        url: String,
        /// (question, answer), in that order.
        lines: Vec<(String, String)>,
    },
    /// Not the agency's matter: who handles it.
    Referral {
        key: String,
        matter: String,
        department: String,
        contact: String,
        /// `《动物防疫法》第三十条第二款`, when verified.
        basis: Option<String>,
        boundary: String,
        url: String,
    },
}

/// One searchable page.
#[derive(Debug, Clone)]
pub struct SearchDoc {
    pub kind: DocKind,
    pub id: String,
    pub url: String,
    /// Shown as the result's link text and matched with the highest weight.
    pub title: String,
    /// Identifiers matched exactly by substring: id, 文号, 统一社会信用代码.
    pub code: String,
    /// A decision's own number (id and 文号) and nothing else: a number query must match it.
    pub number: String,
    /// One line under the title: domain, level, date and so on.
    pub summary: String,
    /// Matched, and the source of snippets.
    pub body: String,
    /// `(dimension, value)` pairs; a dimension may repeat (several audiences).
    pub facets: Vec<(&'static str, String)>,
    /// Multiplies the text score: list items first, then cases, then single decisions.
    pub weight: f32,
    /// The `prefer` values of `intents.toml` this document satisfies: its kind (`risk`), and
    /// for pages their id (`report`), for sections `page#anchor`, for lists `list:risks`,
    /// for referral rows `referral:key`.
    pub targets: Vec<String>,
    /// The short answer this document gives, if any.
    pub answer: Option<Answer>,
}

/// A list page ranks like a page: below the items it lists unless the question asks for it.
const LIST_WEIGHT: f32 = 1.5;
/// A referral row is only ever the answer to a question about its matter.
const REFERRAL_WEIGHT: f32 = 1.5;

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
            kind: DocKind::Item(T::KIND),
            id: item.id().to_string(),
            url: item.address(),
            title: title.to_string(),
            code: item.id().to_string(),
            number: String::new(),
            summary,
            body: join(body),
            facets: vec![("kind", T::KEY.to_string())],
            weight: T::SEARCH_WEIGHT,
            targets: vec![T::KEY.to_string()],
            answer: None,
        }
    }

    /// A section of `item`'s page: its own address (`#anchor`), title (`page title：section`),
    /// body and target (`page#anchor` with the page's own targets), same kind and weight.
    pub fn section<T: ContentKind>(item: &T, page_title: &str, section: &Section) -> Self {
        let mut doc = SearchDoc::of(
            item,
            &format!("{page_title}：{}", section.title),
            page_title.to_string(),
            vec![section.text.clone()],
        );
        doc.id = format!("{}#{}", item.id(), section.anchor);
        doc.url = format!("{}#{}", item.address(), section.anchor);
        doc.code = String::new();
        doc.targets
            .push(format!("{}#{}", item.id(), section.anchor));
        doc
    }

    /// The list page of kind `T` at `place`: found by the list's name and what it is for.
    pub fn list<T: ContentKind>(place: &Place, count: usize) -> Self {
        SearchDoc {
            kind: DocKind::List,
            id: format!("list:{}", T::DIR),
            url: place.path.to_string(),
            title: place.title.to_string(),
            code: String::new(),
            number: String::new(),
            summary: format!("{} · 共 {count} 项", T::LABEL),
            body: join(vec![place.nav.to_string(), place.about.to_string()]),
            facets: vec![("kind", DocKind::List.key().to_string())],
            weight: LIST_WEIGHT,
            targets: vec![format!("list:{}", T::DIR)],
            answer: None,
        }
    }

    /// A row of the referral table, at its anchor on the referrals page.
    pub fn referral(r: &Referral, page: &Place) -> Self {
        let basis = r.basis.as_ref().map(LegalRef::cite);
        let url = format!("{}#{}", page.path, r.anchor());
        SearchDoc {
            kind: DocKind::Referral,
            id: format!("referral:{}", r.key),
            url: url.clone(),
            title: format!("{}：请找{}", r.matter, r.department),
            code: String::new(),
            number: String::new(),
            summary: format!("联系方式：{}", r.contact),
            body: join(vec![
                r.words.join("；"),
                r.department.clone(),
                r.contact.clone(),
                r.basis
                    .as_ref()
                    .map(|b| refs(std::slice::from_ref(b)))
                    .unwrap_or_default(),
                // Not the boundary: it names matters 城管 does handle, which must not call up
                // this row.
            ]),
            facets: vec![("kind", DocKind::Referral.key().to_string())],
            weight: REFERRAL_WEIGHT,
            targets: vec![
                DocKind::Referral.key().to_string(),
                format!("referral:{}", r.key),
            ],
            answer: Some(Answer::Referral {
                key: r.key.clone(),
                matter: r.matter.clone(),
                department: r.department.clone(),
                contact: r.contact.clone(),
                basis,
                boundary: r.boundary.clone(),
                url,
            }),
        }
    }

    /// Adds an answer target.
    pub fn target(mut self, target: impl Into<String>) -> Self {
        self.targets.push(target.into());
        self
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
