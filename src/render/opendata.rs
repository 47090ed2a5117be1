//! Open data under `/data/`: for each list a JSON file, a CSV file (UTF-8 with BOM, Chinese
//! headers) and the JSON Schema (draft 2020-12) of the JSON file.
//!
//! Each kind declares its fields once (key, Chinese label, schema, CSV cell) and its records as
//! serde structs whose keys are exactly those fields ([`ContentKind::data_fields`]), so the JSON
//! file, its schema and the CSV columns cannot disagree. This module writes the files for every
//! kind that has a data set. Withdrawn decisions are left out.

use serde::Serialize;
use serde_json::{Value, json};

use super::syndication::file;
use super::{Ctx, RenderedPage};
use crate::content::Library;
use crate::content::kinds::open_data::{Field, date, legal_ref_schema, object};
use crate::content::kinds::{ContentKind, Kind, with_kinds};
use crate::content::model::*;
use crate::routes;

/// The `$schema` of every schema file.
const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// Every open-data file.
pub fn files(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
    let mut out = Vec::new();
    macro_rules! each {
        ($($variant:ident $field:ident $ty:ty),+ $(,)?) => {
            $(out.extend(dataset::<$ty>(ctx));)+
        };
    }
    with_kinds!(each);
    out
}

/// The kinds that have a data set, with their public item counts.
fn sets(lib: &Library) -> Vec<(Kind, usize)> {
    let mut out = Vec::new();
    macro_rules! each {
        ($($variant:ident $field:ident $ty:ty),+ $(,)?) => {
            $(if <$ty as ContentKind>::data_fields(&lib.site).is_some() {
                let n = lib.$field.iter().filter(|i| i.meta.is_public()).count();
                out.push((<$ty as ContentKind>::KIND, n));
            })+
        };
    }
    with_kinds!(each);
    out
}

/// `/open-data/`: the public's page for every download (JSON, CSV, schema), the feeds and
/// the sitemap.
pub fn page(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
    use super::layout::{self, PageSpec};
    use maud::html;
    let sets = sets(ctx.lib);
    let body = html! {
        p { "本站公开的各类清单，可以整份下载，供研究、转载和开发使用。每个条目都有固定的编号和网址；内容以本机关网站公布的为准。" }
        table.list {
            caption { "数据下载" }
            thead { tr { th scope="col" { "数据" } th scope="col" { "条数" } th scope="col" { "下载" } } }
            tbody {
                @for (kind, n) in &sets {
                    tr {
                        td data-label="数据" { (title(*kind)) }
                        td data-label="条数" { (n) }
                        td data-label="下载" {
                            a href=(routes::data(kind.dir(), "csv")) { "CSV 表格" } "　"
                            a href=(routes::data(kind.dir(), "json")) { "JSON" } "　"
                            a href=(routes::data(kind.dir(), "schema.json")) { "字段说明（JSON Schema）" }
                        }
                    }
                }
            }
        }
        ul {
            li { "CSV 文件为 UTF-8 编码（带 BOM），可以直接用 Excel 或 WPS 打开；多个值之间用“；”分隔。" }
            li { "已撤回的处罚决定和公示期限已满的处罚决定不在数据中。" }
            li { "数据随网站内容一起更新。" }
        }
        h2 { "订阅更新" }
        ul {
            li { a href=(routes::FEED_DECISIONS.path) { "新公开的行政处罚决定（Atom 订阅）" } }
            li { a href=(routes::FEED_CHANGES.path) { "清单调整（Atom 订阅）" } }
            li { a href=(routes::SITEMAP) { "网站地图（sitemap.xml）" } }
        }
        p {
            "只关心一部分内容的，可以订阅更小的范围：每个清单（如" a href=(routes::feed_of(routes::RISKS.path)) { (routes::RISKS.title) } "）、"
            "每个领域和违法行为的处罚决定、每个执法主体、每种经营类型的自查清单，页面底部都有“订阅本页更新”；"
            "任何一次搜索也可以订阅，链接在搜索结果下方。"
        }
    };
    vec![RenderedPage::at(
        routes::OPEN_DATA.path,
        layout::page(
            ctx,
            PageSpec {
                title: routes::OPEN_DATA.title,
                section: None,
                crumbs: vec![],
                lead: Some("整份下载各类清单，或订阅处罚决定和清单的更新。".into()),
                body,
            },
        ),
    )]
}

// ---------------------------------------------------------------------------------------------
// The files of one list.

/// The JSON file: `{ schema, generated_from, count, items }`.
#[derive(Serialize)]
struct Dataset<T> {
    schema: String,
    generated_from: Option<String>,
    count: usize,
    items: Vec<T>,
}

/// A data set's title: its list's one public name.
fn title(kind: Kind) -> &'static str {
    kind.list().map_or(kind.label(), |l| l.title)
}

/// The three files of a kind's data set, named after its directory (`risks.json`,
/// `risks.csv`, `risks.schema.json`); nothing for a kind without one.
fn dataset<T: ContentKind>(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
    let lib = ctx.lib;
    let Some(fields) = T::data_fields(&lib.site) else {
        return Vec::new();
    };
    let name = T::DIR;
    let schema_address = routes::data(name, "schema.json");
    let items: Vec<_> = lib
        .all::<T>()
        .iter()
        .filter(|i| i.meta.is_public())
        .map(|i| T::data_record(i, ctx.links))
        .collect();
    // The CSV cells read JSON values, made one record at a time (a million of them at once
    // would cost gigabytes); the JSON file is written from the records themselves, so its keys
    // keep the records' order (`id` first) rather than serde_json's sorted maps.
    let csv = csv_text(&fields, &items);
    let data = Dataset {
        schema: schema_address.clone(),
        generated_from: lib.newest(T::KIND).map(Date::iso),
        count: items.len(),
        items,
    };
    let json = serde_json::to_string_pretty(&data).expect("records serialise") + "\n";
    let schema = schema(lib, T::KIND, title(T::KIND), &fields);
    let schema_text = serde_json::to_string_pretty(&schema).expect("schemas serialise") + "\n";
    vec![
        file(&routes::data(name, "json"), json),
        file(&routes::data(name, "csv"), csv),
        file(&schema_address, schema_text),
    ]
}

/// UTF-8 with a byte-order mark (so spreadsheet software reads Chinese correctly), a Chinese
/// header row, one row per item.
fn csv_text<T: Serialize>(fields: &[Field], items: &[T]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer
        .write_record(fields.iter().map(|f| f.label))
        .expect("writing CSV into memory cannot fail");
    for item in items {
        let item = serde_json::to_value(item).expect("records serialise");
        writer
            .write_record(
                fields
                    .iter()
                    .map(|f| (f.cell)(item.get(f.key).unwrap_or(&Value::Null))),
            )
            .expect("writing CSV into memory cannot fail");
    }
    let bytes = writer
        .into_inner()
        .expect("writing CSV into memory cannot fail");
    let text = String::from_utf8(bytes).expect("CSV of UTF-8 strings is UTF-8");
    format!("\u{FEFF}{text}")
}

/// The JSON Schema of a list's JSON file.
fn schema(lib: &Library, kind: Kind, title: &str, fields: &[Field]) -> Value {
    let name = kind.dir();
    let address = routes::data(name, "schema.json");
    let item = object(fields.iter().map(|f| {
        let mut s = f.schema.clone();
        if let Some(o) = s.as_object_mut() {
            o.insert("description".into(), f.label.into());
        }
        (f.key, s)
    }));
    json!({
        "$schema": DRAFT,
        "$id": routes::absolute(&lib.site.base_url, &address),
        "title": format!("{}：{title}", lib.site.name),
        "description": format!("{title}开放数据（{}）。内容以本机关公布为准。", routes::data(name, "json")),
        "type": "object",
        "properties": {
            "schema": { "const": address, "description": "本文件的 JSON Schema 地址" },
            "generated_from": {
                "anyOf": [date(), { "type": "null" }],
                "description": "数据截至日期：清单中最新的更新、公开或撤回日期",
            },
            "count": { "type": "integer", "minimum": 0, "description": "条目数" },
            "items": { "type": "array", "items": { "$ref": "#/$defs/item" } },
        },
        "required": ["schema", "generated_from", "count", "items"],
        "additionalProperties": false,
        "$defs": {
            "item": item,
            "legal_ref": legal_ref_schema(),
        },
    })
}
