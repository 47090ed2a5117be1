//! What a content kind offers as open data: its fields, each once as (key, Chinese label,
//! JSON Schema, CSV cell), and the serde record whose keys are exactly those fields, so the JSON
//! file, its schema and the CSV columns cannot disagree. Each kind declares its own in its
//! module; `render::opendata` writes the files and knows nothing of the kinds.

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::content::model::{ItemStatus, LegalRef};
use crate::content::site::SiteSettings;

/// Separator of multi-valued CSV cells.
pub const JOIN: &str = "；";

/// One field of a list: its JSON key, its Chinese name (CSV header, schema description),
/// its schema, and how a CSV cell shows its JSON value.
pub struct Field {
    pub key: &'static str,
    pub label: &'static str,
    pub schema: Value,
    pub cell: fn(&Value) -> String,
}

pub fn field(key: &'static str, label: &'static str, schema: Value) -> Field {
    Field {
        key,
        label,
        schema,
        cell: plain,
    }
}

pub fn field_with(
    key: &'static str,
    label: &'static str,
    schema: Value,
    cell: fn(&Value) -> String,
) -> Field {
    Field {
        key,
        label,
        schema,
        cell,
    }
}

/// An object schema whose properties are all required and the only ones allowed.
pub fn object<'a>(props: impl IntoIterator<Item = (&'a str, Value)>) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for (key, schema) in props {
        required.push(Value::from(key));
        properties.insert(key.to_string(), schema);
    }
    json!({
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    })
}

pub fn described(mut schema: Value, description: &str) -> Value {
    if let Some(o) = schema.as_object_mut() {
        o.insert("description".into(), description.into());
    }
    schema
}

pub fn string() -> Value {
    json!({ "type": "string" })
}

pub fn non_empty() -> Value {
    json!({ "type": "string", "minLength": 1 })
}

pub fn opt_string() -> Value {
    json!({ "type": ["string", "null"] })
}

pub fn date() -> Value {
    json!({ "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" })
}

pub fn uri() -> Value {
    json!({ "type": "string", "format": "uri" })
}

/// A whole number from 0 (days, counts).
pub fn count() -> Value {
    json!({ "type": "integer", "minimum": 0 })
}

pub fn strings() -> Value {
    json!({ "type": "array", "items": { "type": "string" } })
}

pub fn one_of<'a>(labels: impl IntoIterator<Item = &'a str>) -> Value {
    json!({ "type": "string", "enum": labels.into_iter().collect::<Vec<_>>() })
}

pub fn many_of<'a>(labels: impl IntoIterator<Item = &'a str>) -> Value {
    json!({ "type": "array", "items": one_of(labels) })
}

pub fn legal_refs() -> Value {
    json!({ "type": "array", "items": { "$ref": "#/$defs/legal_ref" } })
}

pub fn array_of(item: Value) -> Value {
    json!({ "type": "array", "items": item })
}

/// Non-negative yuan, or null.
pub fn yuan(description: &str) -> Value {
    described(
        json!({ "type": ["integer", "null"], "minimum": 0 }),
        description,
    )
}

/// One of the site's 领域.
pub fn domain(site: &SiteSettings) -> Value {
    one_of(site.domains.iter().map(String::as_str))
}

/// The fields every list item starts with.
pub fn head(id_label: &'static str) -> Vec<Field> {
    vec![
        field("id", id_label, non_empty()),
        field("url", "网址", uri()),
    ]
}

/// The dates and status of a dynamically managed list item.
pub fn lifecycle() -> [Field; 3] {
    [
        field("effective", "施行日期", date()),
        field("updated", "更新日期", date()),
        field(
            "status",
            "状态",
            one_of(ItemStatus::ALL.iter().map(|s| s.label())),
        ),
    ]
}

/// The schema of a legal citation record (`$defs/legal_ref`).
pub fn legal_ref_schema() -> Value {
    object([
        ("law", described(string(), "法律法规名称")),
        ("article", described(string(), "条款")),
        ("text", described(opt_string(), "条文摘录")),
        ("citation", described(string(), "引用（《名称》条款）")),
    ])
}

// CSV cells.

/// Scalars as written; `true`/`false` as 是/否; arrays joined with "；".
pub fn plain(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Bool(true) => "是".into(),
        Value::Bool(false) => "否".into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(plain).collect::<Vec<_>>().join(JOIN),
        Value::Object(_) => v.to_string(),
    }
}

pub fn text_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// The items of an array cell, each shown by `one`, joined with "；".
pub fn each(v: &Value, one: impl Fn(&Value) -> String) -> String {
    v.as_array()
        .map(|items| items.iter().map(one).collect::<Vec<_>>().join(JOIN))
        .unwrap_or_default()
}

/// Legal references as citations: `《行政处罚法》第三十三条第一款；…`.
pub fn citations(v: &Value) -> String {
    each(v, |r| text_of(r, "citation").to_string())
}

// Shared record parts.

#[derive(Serialize)]
pub struct LegalRefRecord<'a> {
    law: &'a str,
    article: &'a str,
    text: Option<&'a str>,
    citation: String,
}

pub fn refs(refs: &[LegalRef]) -> Vec<LegalRefRecord<'_>> {
    refs.iter()
        .map(|r| LegalRefRecord {
            law: &r.law,
            article: &r.article,
            text: r.text.as_deref(),
            citation: r.cite(),
        })
        .collect()
}

pub fn ids<T: AsRef<str>>(ids: &[T]) -> Vec<&str> {
    ids.iter().map(AsRef::as_ref).collect()
}

/// An item's address made absolute with the site's base address.
pub fn absolute(site: &SiteSettings, address: &str) -> String {
    crate::routes::absolute(&site.base_url, address)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_cells() {
        assert_eq!(plain(&json!(null)), "");
        assert_eq!(plain(&json!(true)), "是");
        assert_eq!(plain(&json!(["a", "b"])), "a；b");
        assert_eq!(plain(&json!(12)), "12");
    }

    #[test]
    fn citation_cells() {
        assert_eq!(
            citations(&json!([{ "law": "a", "article": "b", "text": null, "citation": "《a》b" }])),
            "《a》b"
        );
    }
}
