//! 事项清单 kept as one table each (音像记录事项清单, 重大执法决定法制审核目录 …): the columns
//! an agency chose, its rows in TOML, a few notes above the table. The registers with a place
//! of their own ([`routes::REGISTER_PLACES`]) are published at it under its public name.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::search_doc::SearchDoc;
use super::{Agency, ContentKind, Lifecycle, Lookup, Refs, by_id};
use crate::content::Item;
use crate::content::model::*;
use crate::routes;

/// One column of a register: the key its rows use and the heading the public reads.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Column {
    pub key: String,
    pub label: String,
}

/// A line above the table (审核机构, 保存期限 …).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub label: String,
    pub text: String,
}

/// One cell: a sentence, a number, or a list (steps, legal bases).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum Cell {
    Number(i64),
    Text(String),
    List(Vec<String>),
}

impl Cell {
    /// The cell as one line of text.
    pub fn text(&self) -> String {
        match self {
            Cell::Number(n) => n.to_string(),
            Cell::Text(t) => t.clone(),
            Cell::List(l) => l.join("；"),
        }
    }
}

/// A register: a list an agency publishes as one table (音像记录事项清单 …).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Register {
    pub id: RegisterId,
    /// The name as the agency adopted it (示例市……音像记录事项清单).
    pub title: String,
    pub agency: AgencyId,
    pub effective: Date,
    pub updated: Date,
    pub status: ItemStatus,
    #[serde(default)]
    pub notes: Vec<Note>,
    pub columns: Vec<Column>,
    pub rows: Vec<BTreeMap<String, Cell>>,
}

impl Register {
    /// Row keys no column declares, with the row's number (from 1).
    pub fn undeclared(&self) -> Vec<(usize, &str)> {
        self.rows
            .iter()
            .enumerate()
            .flat_map(|(n, row)| {
                row.keys()
                    .filter(|k| !self.columns.iter().any(|c| &c.key == *k))
                    .map(move |k| (n + 1, k.as_str()))
            })
            .collect()
    }
}

impl ContentKind for Register {
    const KIND: super::Kind = super::Kind::Register;
    const DIR: &'static str = "registers";
    const KEY: &'static str = "register";
    const LABEL: &'static str = "事项清单";
    const LIST: Option<&'static routes::Place> = None;
    const MANAGED: bool = true;
    const ID_PREFIX: &'static str = "register";
    const ID_EXAMPLE: &'static str = "av-recording";
    const SEARCH_WEIGHT: f32 = 0.9;
    const TEMPLATE: &'static str = r#"+++
id = "{id}"                         # 清单编号，用小写英文和 -；av-recording、legal-review 有固定网址
title = "待填写"                     # 清单全称，如“××局音像记录事项清单”
agency = "待填写"                    # 制定机关编号（agencies/ 中的 id）
effective = {date}                  # 生效日期
updated = {date}                    # 最近修改日期
status = "现行有效"                  # 状态：现行有效 | 已修改 | 已废止
columns = [                         # 表格的列：key 是每行用的字段名，label 是表头
  { key = "no", label = "序号" },
  { key = "item", label = "事项" },
]

[[notes]]                           # 表格上方的说明，可重复（可删除）
label = "待填写"
text = "待填写"

[[rows]]                            # 每行一段，字段名须在 columns 中；值可以是文字、数字或文字列表
no = 1
item = "待填写"
+++
"#;

    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn title(&self) -> &str {
        &self.title
    }
    fn address(&self) -> String {
        routes::register(self.id.as_str())
    }
    fn order(a: &Self, b: &Self) -> std::cmp::Ordering {
        by_id(a, b)
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
    fn references(&self) -> Vec<Refs<'_>> {
        vec![Refs::one::<Agency>("agency", self.agency.as_str())]
    }

    fn search_doc(item: &Item<Self>, _lookup: &dyn Lookup) -> SearchDoc {
        let m = &item.meta;
        let mut body: Vec<String> = m
            .notes
            .iter()
            .map(|n| format!("{}：{}", n.label, n.text))
            .collect();
        body.extend(m.rows.iter().map(|row| {
            m.columns
                .iter()
                .filter_map(|c| {
                    row.get(&c.key)
                        .map(|v| format!("{}：{}", c.label, v.text()))
                })
                .collect::<Vec<_>>()
                .join("　")
        }));
        body.push(item.body.text.clone());
        let title = routes::register_place(m.id.as_str()).map_or(m.title.as_str(), |p| p.title);
        let summary = format!("{} · 共 {} 项", m.title, m.rows.len());
        SearchDoc::of(m, title, summary, body)
            .facet("agency", m.agency.to_string())
            .status(m.status)
    }

    /// Published as its page; the table is small and has the agency's own columns.
    type Record<'a> = ();
    fn data_record<'a>(_: &'a Item<Self>, _: &'a dyn Lookup) {}
}
