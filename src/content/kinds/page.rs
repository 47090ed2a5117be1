//! A free page (about, the 721 method, how to read the lists, the remedies guide …).

use serde::Deserialize;

use super::search_doc::SearchDoc;
use super::{ContentKind, Lookup};
use crate::content::Item;
use crate::content::model::*;
use crate::routes;

/// A free page (about, the 721 method, how to read the lists, the remedies guide …).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    pub id: PageId,
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub order: i64,
    pub updated: Date,
}

impl ContentKind for Page {
    const KIND: super::Kind = super::Kind::Page;
    const DIR: &'static str = "pages";
    const KEY: &'static str = "page";
    const LABEL: &'static str = "页面";
    const LIST: Option<&'static routes::Place> = None;
    const ID_PREFIX: &'static str = "page";
    const ID_EXAMPLE: &'static str = "about";
    const SEARCH_WEIGHT: f32 = 1.5;
    const TEMPLATE: &'static str = r#"+++
id = "{id}"                         # 页面编号，用小写英文和 -，用于网址
title = "待填写"                     # 页面标题
summary = "待填写"                   # 一句话简介（可删除）
order = 100                         # 排序，小的在前
updated = {date}                    # 更新日期
+++
待填写：正文。
"#;

    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn title(&self) -> &str {
        &self.title
    }
    fn address(&self) -> String {
        routes::page(self.id.as_str())
    }
    /// By `order`, then id.
    fn order(a: &Self, b: &Self) -> std::cmp::Ordering {
        (a.order, &a.id).cmp(&(b.order, &b.id))
    }
    fn changed(&self) -> Date {
        self.updated
    }

    fn search_doc(item: &Item<Self>, _lookup: &dyn Lookup) -> SearchDoc {
        let m = &item.meta;
        let summary = m.summary.clone().unwrap_or_default();
        let body = vec![summary.clone(), item.body.text.clone()];
        SearchDoc::of(m, &m.title, summary, body).target(m.id.as_str())
    }

    /// Each `## heading {#anchor}` section: 听证, 行政复议 … each answer a question.
    fn section_docs(item: &Item<Self>, _lookup: &dyn Lookup) -> Vec<SearchDoc> {
        let m = &item.meta;
        item.body
            .sections
            .iter()
            .map(|s| SearchDoc::section(m, &m.title, s))
            .collect()
    }

    /// Free pages are published as pages, not as a data set.
    type Record<'a> = ();
    fn data_record<'a>(_: &'a Item<Self>, _: &'a dyn Lookup) {}
}
