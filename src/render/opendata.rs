//! Open data under `/data/`: for each list a JSON file, a CSV file (UTF-8 with BOM, Chinese
//! headers) and the JSON Schema (draft 2020-12) of the JSON file.
//!
//! Each list is described once, as a table of fields (key, Chinese label, schema, CSV cell);
//! the records are serde structs whose keys are exactly those fields, so the JSON file, its
//! schema and the CSV columns cannot disagree. Withdrawn decisions are left out.

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::syndication::{file, newest};
use super::{Ctx, RenderedPage, url};
use crate::content::model::*;
use crate::content::{Item, Kind, Library};

/// Separator of multi-valued CSV cells.
const JOIN: &str = "；";

/// The `$schema` of every schema file.
const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// Every open-data file.
pub fn files(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
    let lib = ctx.lib;
    let mut out = Vec::new();
    out.extend(dataset(
        lib,
        Kind::Risk,
        "法律风险防控清单",
        &risk_fields(lib),
        risks(lib),
    ));
    out.extend(dataset(
        lib,
        Kind::Power,
        "权责清单",
        &power_fields(lib),
        powers(ctx),
    ));
    out.extend(dataset(
        lib,
        Kind::Exemption,
        "包容免罚与从轻减轻清单",
        &exemption_fields(lib),
        exemptions(lib),
    ));
    out.extend(dataset(
        lib,
        Kind::Benchmark,
        "行政处罚裁量基准",
        &benchmark_fields(lib),
        benchmarks(lib),
    ));
    out.extend(dataset(
        lib,
        Kind::Decision,
        "行政处罚决定公开",
        &decision_fields(lib),
        decisions(ctx),
    ));
    out.extend(dataset(
        lib,
        Kind::Case,
        "典型案例",
        &case_fields(lib),
        cases(ctx),
    ));
    out
}

/// `/open-data/`: the public's page for every download (JSON, CSV, schema), the feeds and
/// the sitemap.
pub fn page(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
    use super::layout::{self, PageSpec, Section};
    use maud::html;
    let lib = ctx.lib;
    let decisions = lib.standing_decisions().count();
    let sets = [
        (Kind::Risk, "法律风险防控清单", lib.risks.len()),
        (Kind::Power, "权责清单", lib.powers.len()),
        (
            Kind::Exemption,
            "包容免罚与从轻减轻清单",
            lib.exemptions.len(),
        ),
        (Kind::Benchmark, "行政处罚裁量基准", lib.benchmarks.len()),
        (Kind::Decision, "行政处罚决定公开", decisions),
        (Kind::Case, "典型案例", lib.cases.len()),
    ];
    let body = html! {
        p { "本站公开的各类清单，可以整份下载，供研究、转载和开发使用。每个条目都有固定的编号和网址；内容以本机关网站公布的为准。" }
        table.list {
            caption { "数据下载" }
            thead { tr { th scope="col" { "数据" } th scope="col" { "条数" } th scope="col" { "下载" } } }
            tbody {
                @for (kind, title, n) in &sets {
                    tr {
                        td data-label="数据" { (title) }
                        td data-label="条数" { (n) }
                        td data-label="下载" {
                            a href=(url::data(kind.dir(), "csv")) { "CSV 表格" } "　"
                            a href=(url::data(kind.dir(), "json")) { "JSON" } "　"
                            a href=(url::data(kind.dir(), "schema.json")) { "字段说明（JSON Schema）" }
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
            li { a href=(url::feed_decisions()) { "新公开的行政处罚决定（Atom 订阅）" } }
            li { a href=(url::feed_changes()) { "清单调整（Atom 订阅）" } }
            li { a href=(url::sitemap()) { "网站地图（sitemap.xml）" } }
        }
    };
    vec![RenderedPage::at(
        &url::open_data(),
        layout::page(
            ctx,
            PageSpec {
                title: "开放数据与订阅",
                section: Section::Pages,
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

/// One field of a list: its JSON key, its Chinese name (CSV header, schema description),
/// its schema, and how a CSV cell shows its JSON value.
struct Field {
    key: &'static str,
    label: &'static str,
    schema: Value,
    cell: fn(&Value) -> String,
}

fn field(key: &'static str, label: &'static str, schema: Value) -> Field {
    Field {
        key,
        label,
        schema,
        cell: plain,
    }
}

fn field_with(
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

/// The three files of a list, named after its directory (`risks.json`, `risks.csv`,
/// `risks.schema.json`).
fn dataset<T: Serialize>(
    lib: &Library,
    kind: Kind,
    title: &str,
    fields: &[Field],
    items: Vec<T>,
) -> Vec<RenderedPage> {
    let name = kind.dir();
    let schema_address = url::data(name, "schema.json");
    // The CSV cells read JSON values, made one record at a time (a million of them at once
    // would cost gigabytes); the JSON file is written from the records themselves, so its keys
    // keep the records' order (`id` first) rather than serde_json's sorted maps.
    let csv = csv_text(fields, &items);
    let data = Dataset {
        schema: schema_address.clone(),
        generated_from: newest(lib, kind).map(Date::iso),
        count: items.len(),
        items,
    };
    let json = serde_json::to_string_pretty(&data).expect("records serialise") + "\n";
    let schema = schema(lib, kind, title, fields);
    let schema_text = serde_json::to_string_pretty(&schema).expect("schemas serialise") + "\n";
    vec![
        file(&url::data(name, "json"), json),
        file(&url::data(name, "csv"), csv),
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
    let address = url::data(name, "schema.json");
    let item = object(fields.iter().map(|f| {
        let mut s = f.schema.clone();
        if let Some(o) = s.as_object_mut() {
            o.insert("description".into(), f.label.into());
        }
        (f.key, s)
    }));
    json!({
        "$schema": DRAFT,
        "$id": url::absolute(&lib.site.base_url, &address),
        "title": format!("{}：{title}", lib.site.name),
        "description": format!("{title}开放数据（{}）。内容以本机关公布为准。", url::data(name, "json")),
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
            "legal_ref": object([
                ("law", described(string(), "法律法规名称")),
                ("article", described(string(), "条款")),
                ("text", described(opt_string(), "条文摘录")),
                ("citation", described(string(), "引用（《名称》条款）")),
            ]),
        },
    })
}

/// An object schema whose properties are all required and the only ones allowed.
fn object<'a>(props: impl IntoIterator<Item = (&'a str, Value)>) -> Value {
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

fn described(mut schema: Value, description: &str) -> Value {
    if let Some(o) = schema.as_object_mut() {
        o.insert("description".into(), description.into());
    }
    schema
}

fn string() -> Value {
    json!({ "type": "string" })
}

fn non_empty() -> Value {
    json!({ "type": "string", "minLength": 1 })
}

fn opt_string() -> Value {
    json!({ "type": ["string", "null"] })
}

fn date() -> Value {
    json!({ "type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" })
}

fn uri() -> Value {
    json!({ "type": "string", "format": "uri" })
}

fn strings() -> Value {
    json!({ "type": "array", "items": { "type": "string" } })
}

fn one_of<'a>(labels: impl IntoIterator<Item = &'a str>) -> Value {
    json!({ "type": "string", "enum": labels.into_iter().collect::<Vec<_>>() })
}

fn many_of<'a>(labels: impl IntoIterator<Item = &'a str>) -> Value {
    json!({ "type": "array", "items": one_of(labels) })
}

fn legal_refs() -> Value {
    json!({ "type": "array", "items": { "$ref": "#/$defs/legal_ref" } })
}

fn array_of(item: Value) -> Value {
    json!({ "type": "array", "items": item })
}

fn domain(lib: &Library) -> Value {
    one_of(lib.site.domains.iter().map(String::as_str))
}

/// The fields every list item starts with.
fn head(id_label: &'static str) -> [Field; 2] {
    [
        field("id", id_label, non_empty()),
        field("url", "网址", uri()),
    ]
}

/// The dates and status of a dynamically managed list item.
fn lifecycle() -> [Field; 3] {
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

// ---------------------------------------------------------------------------------------------
// CSV cells.

/// Scalars as written; `true`/`false` as 是/否; arrays joined with "；".
fn plain(v: &Value) -> String {
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

fn text_of<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn each(v: &Value, one: impl Fn(&Value) -> String) -> String {
    v.as_array()
        .map(|items| items.iter().map(one).collect::<Vec<_>>().join(JOIN))
        .unwrap_or_default()
}

/// Legal references as citations: `《行政处罚法》第三十三条第一款；…`.
fn citations(v: &Value) -> String {
    each(v, |r| text_of(r, "citation").to_string())
}

/// 责任事项 as `立案：核实后立案；…`.
fn responsibilities_cell(v: &Value) -> String {
    each(v, |r| {
        format!("{}：{}", text_of(r, "stage"), text_of(r, "duty"))
    })
}

/// 裁量档次 as `一般：拒不改正，处罚款（100—500元）；…`.
fn grades_cell(v: &Value) -> String {
    each(v, |g| {
        let range = match (g["fine_min"].as_u64(), g["fine_max"].as_u64()) {
            (Some(a), Some(b)) => format!("（{a}—{b}元）"),
            (Some(a), None) => format!("（{a}元以上）"),
            (None, Some(b)) => format!("（{b}元以下）"),
            (None, None) => String::new(),
        };
        format!(
            "{}：{}，{}{range}",
            text_of(g, "grade"),
            text_of(g, "circumstances"),
            text_of(g, "penalty")
        )
    })
}

/// 处罚内容 as `罚款200元；警告`.
fn penalties_cell(v: &Value) -> String {
    each(v, |p| {
        let amount = p["amount"]
            .as_u64()
            .map_or(String::new(), |a| format!("{a}元"));
        let note = match text_of(p, "note") {
            "" => String::new(),
            n => format!("（{n}）"),
        };
        format!("{}{amount}{note}", text_of(p, "kind"))
    })
}

// ---------------------------------------------------------------------------------------------
// Shared record parts.

#[derive(Serialize)]
struct LegalRefRecord<'a> {
    law: &'a str,
    article: &'a str,
    text: Option<&'a str>,
    citation: String,
}

fn refs(refs: &[LegalRef]) -> Vec<LegalRefRecord<'_>> {
    refs.iter()
        .map(|r| LegalRefRecord {
            law: &r.law,
            article: &r.article,
            text: r.text.as_deref(),
            citation: r.cite(),
        })
        .collect()
}

fn ids<T>(ids: &[T], as_str: fn(&T) -> &str) -> Vec<&str> {
    ids.iter().map(as_str).collect()
}

fn absolute(lib: &Library, address: &str) -> String {
    url::absolute(&lib.site.base_url, address)
}

// ---------------------------------------------------------------------------------------------
// 法律风险防控清单

#[derive(Serialize)]
struct RiskRecord<'a> {
    id: &'a str,
    url: String,
    title: &'a str,
    domain: &'a str,
    audiences: &'a [String],
    level: RiskLevel,
    manifestation: &'a str,
    consequence: &'a str,
    measures: &'a [String],
    powers: Vec<&'a str>,
    exemptions: Vec<&'a str>,
    benchmarks: Vec<&'a str>,
    effective: String,
    updated: String,
    status: ItemStatus,
    violates: Vec<LegalRefRecord<'a>>,
    penalty_basis: Vec<LegalRefRecord<'a>>,
    body: &'a str,
}

fn risk_fields(lib: &Library) -> Vec<Field> {
    let mut f: Vec<Field> = head("编号").into();
    f.extend([
        field("title", "风险点名称", non_empty()),
        field("domain", "领域", domain(lib)),
        field(
            "audiences",
            "行政相对人",
            many_of(lib.site.audiences.iter().map(String::as_str)),
        ),
        field(
            "level",
            "风险等级",
            one_of(RiskLevel::ALL.iter().map(|l| l.label())),
        ),
        field("manifestation", "表现形式", string()),
        field("consequence", "法律后果", string()),
        field("measures", "防控措施", strings()),
        field("powers", "关联权责事项", strings()),
        field("exemptions", "关联免罚或从轻减轻事项", strings()),
        field("benchmarks", "关联裁量基准", strings()),
    ]);
    f.extend(lifecycle());
    f.extend([
        field_with("violates", "违反的规定", legal_refs(), citations),
        field_with("penalty_basis", "处罚依据", legal_refs(), citations),
        field("body", "说明", string()),
    ]);
    f
}

fn risks(lib: &Library) -> Vec<RiskRecord<'_>> {
    lib.risks
        .iter()
        .map(|Item { meta: m, body, .. }| RiskRecord {
            id: m.id.as_str(),
            url: absolute(lib, &url::risk(m.id.as_str())),
            title: &m.title,
            domain: &m.domain,
            audiences: &m.audiences,
            level: m.level,
            manifestation: &m.manifestation,
            consequence: &m.consequence,
            measures: &m.measures,
            powers: ids(&m.powers, PowerId::as_str),
            exemptions: ids(&m.exemptions, ExemptionId::as_str),
            benchmarks: ids(&m.benchmarks, BenchmarkId::as_str),
            effective: m.effective.iso(),
            updated: m.updated.iso(),
            status: m.status,
            violates: refs(&m.violates),
            penalty_basis: refs(&m.penalty_basis),
            body: body.text.trim(),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// 权责清单

#[derive(Serialize)]
struct ResponsibilityRecord<'a> {
    stage: &'a str,
    duty: &'a str,
}

#[derive(Serialize)]
struct PowerRecord<'a> {
    id: &'a str,
    url: String,
    title: &'a str,
    power_type: PowerType,
    domain: &'a str,
    agency: &'a str,
    agency_name: &'a str,
    accountability: &'a [String],
    supervision_phone: &'a str,
    effective: String,
    updated: String,
    status: ItemStatus,
    basis: Vec<LegalRefRecord<'a>>,
    responsibilities: Vec<ResponsibilityRecord<'a>>,
    body: &'a str,
}

fn power_fields(lib: &Library) -> Vec<Field> {
    let mut f: Vec<Field> = head("事项编码").into();
    f.extend([
        field("title", "事项名称", non_empty()),
        field(
            "power_type",
            "职权类型",
            one_of(PowerType::ALL.iter().map(|t| t.label())),
        ),
        field("domain", "领域", domain(lib)),
        field("agency", "实施主体编号", string()),
        field("agency_name", "实施主体", string()),
        field("accountability", "追责情形", strings()),
        field("supervision_phone", "监督电话", string()),
    ]);
    f.extend(lifecycle());
    f.extend([
        field_with("basis", "设定依据", legal_refs(), citations),
        field_with(
            "responsibilities",
            "责任事项",
            array_of(object([
                ("stage", described(string(), "环节")),
                ("duty", described(string(), "责任")),
            ])),
            responsibilities_cell,
        ),
        field("body", "说明", string()),
    ]);
    f
}

fn powers<'a>(ctx: &'a Ctx<'_>) -> Vec<PowerRecord<'a>> {
    let lib = ctx.lib;
    lib.powers
        .iter()
        .map(|Item { meta: m, body, .. }| PowerRecord {
            id: m.id.as_str(),
            url: absolute(lib, &url::power(m.id.as_str())),
            title: &m.title,
            power_type: m.power_type,
            domain: &m.domain,
            agency: m.agency.as_str(),
            agency_name: ctx.agency_name(&m.agency),
            accountability: &m.accountability,
            supervision_phone: &m.supervision_phone,
            effective: m.effective.iso(),
            updated: m.updated.iso(),
            status: m.status,
            basis: refs(&m.basis),
            responsibilities: m
                .responsibilities
                .iter()
                .map(|r| ResponsibilityRecord {
                    stage: &r.stage,
                    duty: &r.duty,
                })
                .collect(),
            body: body.text.trim(),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// 包容免罚与从轻减轻清单

#[derive(Serialize)]
struct ExemptionRecord<'a> {
    id: &'a str,
    url: String,
    title: &'a str,
    kind: ExemptionKind,
    domain: &'a str,
    conditions: &'a [String],
    commitment_required: bool,
    discretion: Option<&'a str>,
    powers: Vec<&'a str>,
    effective: String,
    updated: String,
    status: ItemStatus,
    basis: Vec<LegalRefRecord<'a>>,
    body: &'a str,
}

fn exemption_fields(lib: &Library) -> Vec<Field> {
    let mut f: Vec<Field> = head("编号").into();
    f.extend([
        field("title", "事项名称", non_empty()),
        field(
            "kind",
            "类别",
            one_of(ExemptionKind::ALL.iter().map(|k| k.label())),
        ),
        field("domain", "领域", domain(lib)),
        field("conditions", "适用条件", strings()),
        field(
            "commitment_required",
            "是否需签署承诺书",
            json!({ "type": "boolean" }),
        ),
        field("discretion", "裁量幅度", opt_string()),
        field("powers", "关联权责事项", strings()),
    ]);
    f.extend(lifecycle());
    f.extend([
        field_with("basis", "法律依据", legal_refs(), citations),
        field("body", "说明", string()),
    ]);
    f
}

fn exemptions(lib: &Library) -> Vec<ExemptionRecord<'_>> {
    lib.exemptions
        .iter()
        .map(|Item { meta: m, body, .. }| ExemptionRecord {
            id: m.id.as_str(),
            url: absolute(lib, &url::exemption(m.id.as_str())),
            title: &m.title,
            kind: m.kind,
            domain: &m.domain,
            conditions: &m.conditions,
            commitment_required: m.commitment_required,
            discretion: m.discretion.as_deref(),
            powers: ids(&m.powers, PowerId::as_str),
            effective: m.effective.iso(),
            updated: m.updated.iso(),
            status: m.status,
            basis: refs(&m.basis),
            body: body.text.trim(),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// 行政处罚裁量基准

#[derive(Serialize)]
struct GradeRecord<'a> {
    grade: Grade,
    circumstances: &'a str,
    penalty: &'a str,
    fine_min: Option<u64>,
    fine_max: Option<u64>,
}

#[derive(Serialize)]
struct BenchmarkRecord<'a> {
    id: &'a str,
    url: String,
    title: &'a str,
    domain: &'a str,
    powers: Vec<&'a str>,
    effective: String,
    updated: String,
    status: ItemStatus,
    violates: Vec<LegalRefRecord<'a>>,
    penalty_basis: Vec<LegalRefRecord<'a>>,
    grades: Vec<GradeRecord<'a>>,
    body: &'a str,
}

fn benchmark_fields(lib: &Library) -> Vec<Field> {
    let yuan = |d: &str| described(json!({ "type": ["integer", "null"], "minimum": 0 }), d);
    let mut f: Vec<Field> = head("编号").into();
    f.extend([
        field("title", "违法行为", non_empty()),
        field("domain", "领域", domain(lib)),
        field("powers", "关联权责事项", strings()),
    ]);
    f.extend(lifecycle());
    f.extend([
        field_with("violates", "违反的规定", legal_refs(), citations),
        field_with("penalty_basis", "处罚依据", legal_refs(), citations),
        field_with(
            "grades",
            "裁量档次",
            array_of(object([
                (
                    "grade",
                    described(one_of(Grade::ALL.iter().map(|g| g.label())), "档次"),
                ),
                ("circumstances", described(string(), "违法情节")),
                ("penalty", described(string(), "处罚标准")),
                ("fine_min", yuan("罚款下限（元）")),
                ("fine_max", yuan("罚款上限（元）")),
            ])),
            grades_cell,
        ),
        field("body", "说明", string()),
    ]);
    f
}

fn benchmarks(lib: &Library) -> Vec<BenchmarkRecord<'_>> {
    lib.benchmarks
        .iter()
        .map(|Item { meta: m, body, .. }| BenchmarkRecord {
            id: m.id.as_str(),
            url: absolute(lib, &url::benchmark(m.id.as_str())),
            title: &m.title,
            domain: &m.domain,
            powers: ids(&m.powers, PowerId::as_str),
            effective: m.effective.iso(),
            updated: m.updated.iso(),
            status: m.status,
            violates: refs(&m.violates),
            penalty_basis: refs(&m.penalty_basis),
            grades: m
                .grades
                .iter()
                .map(|g| GradeRecord {
                    grade: g.grade,
                    circumstances: &g.circumstances,
                    penalty: &g.penalty,
                    fine_min: g.fine_min,
                    fine_max: g.fine_max,
                })
                .collect(),
            body: body.text.trim(),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// 行政处罚决定公开

#[derive(Serialize)]
struct PenaltyRecord<'a> {
    kind: PenaltyKind,
    amount: Option<u64>,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct DecisionRecord<'a> {
    id: &'a str,
    url: String,
    number: &'a str,
    agency: &'a str,
    agency_name: &'a str,
    party_type: PartyType,
    party: &'a str,
    credit_code: Option<&'a str>,
    violation: &'a str,
    domain: &'a str,
    location: Option<&'a str>,
    outcome: Outcome,
    procedure: Procedure,
    decided: String,
    published: String,
    status: DecisionStatus,
    risks: Vec<&'a str>,
    powers: Vec<&'a str>,
    benchmarks: Vec<&'a str>,
    exemptions: Vec<&'a str>,
    basis: Vec<LegalRefRecord<'a>>,
    penalties: Vec<PenaltyRecord<'a>>,
    total_amount: u64,
    body: &'a str,
}

fn decision_fields(lib: &Library) -> Vec<Field> {
    let mut f: Vec<Field> = head("编号").into();
    f.extend([
        field("number", "决定书文号", non_empty()),
        field("agency", "执法主体编号", string()),
        field("agency_name", "执法主体", string()),
        field(
            "party_type",
            "当事人类型",
            one_of(PartyType::ALL.iter().map(|t| t.label())),
        ),
        field("party", "当事人", string()),
        field("credit_code", "统一社会信用代码", opt_string()),
        field("violation", "违法行为", string()),
        field("domain", "领域", domain(lib)),
        field("location", "违法地点", opt_string()),
        field(
            "outcome",
            "裁量结果",
            one_of(Outcome::ALL.iter().map(|o| o.label())),
        ),
        field(
            "procedure",
            "程序",
            one_of(Procedure::ALL.iter().map(|p| p.label())),
        ),
        field("decided", "决定日期", date()),
        field("published", "公开日期", date()),
        // Only decisions that still stand are published as data.
        field(
            "status",
            "状态",
            one_of(
                DecisionStatus::ALL
                    .iter()
                    .filter(|s| !s.is_withdrawn())
                    .map(|s| s.label()),
            ),
        ),
        field("risks", "关联风险点", strings()),
        field("powers", "关联权责事项", strings()),
        field("benchmarks", "关联裁量基准", strings()),
        field("exemptions", "关联免罚或从轻减轻事项", strings()),
        field_with("basis", "法律依据", legal_refs(), citations),
        field_with(
            "penalties",
            "处罚内容",
            array_of(object([
                (
                    "kind",
                    described(
                        one_of(PenaltyKind::ALL.iter().map(|k| k.label())),
                        "处罚种类",
                    ),
                ),
                (
                    "amount",
                    described(
                        json!({ "type": ["integer", "null"], "minimum": 0 }),
                        "金额（元）",
                    ),
                ),
                ("note", described(opt_string(), "说明")),
            ])),
            penalties_cell,
        ),
        field(
            "total_amount",
            "罚没金额合计（元）",
            json!({ "type": "integer", "minimum": 0 }),
        ),
        field("body", "违法事实与处罚理由", string()),
    ]);
    f
}

fn decisions<'a>(ctx: &'a Ctx<'_>) -> Vec<DecisionRecord<'a>> {
    let lib = ctx.lib;
    lib.standing_decisions()
        .map(|Item { meta: m, body, .. }| DecisionRecord {
            id: m.id.as_str(),
            url: absolute(lib, &url::decision(m.id.as_str())),
            number: &m.number,
            agency: m.agency.as_str(),
            agency_name: ctx.agency_name(&m.agency),
            party_type: m.party_type,
            party: &m.party,
            credit_code: m.credit_code.as_deref(),
            violation: &m.violation,
            domain: &m.domain,
            location: m.location.as_deref(),
            outcome: m.outcome,
            procedure: m.procedure,
            decided: m.decided.iso(),
            published: m.published.iso(),
            status: m.status,
            risks: ids(&m.risks, RiskId::as_str),
            powers: ids(&m.powers, PowerId::as_str),
            benchmarks: ids(&m.benchmarks, BenchmarkId::as_str),
            exemptions: ids(&m.exemptions, ExemptionId::as_str),
            basis: refs(&m.basis),
            penalties: m
                .penalties
                .iter()
                .map(|p| PenaltyRecord {
                    kind: p.kind,
                    amount: p.amount,
                    note: p.note.as_deref().filter(|n| !n.is_empty()),
                })
                .collect(),
            total_amount: m.total_amount(),
            body: body.text.trim(),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// 典型案例

#[derive(Serialize)]
struct CaseRecord<'a> {
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

fn case_fields(lib: &Library) -> Vec<Field> {
    let mut f: Vec<Field> = head("编号").into();
    f.extend([
        field("title", "案例名称", non_empty()),
        field("domain", "领域", domain(lib)),
        field("date", "日期", date()),
        field("summary", "摘要", string()),
        field("risks", "相关风险点", strings()),
        field("decisions", "相关处罚决定", strings()),
        field("body", "案情与释法", string()),
    ]);
    f
}

fn cases<'a>(ctx: &'a Ctx<'_>) -> Vec<CaseRecord<'a>> {
    let (lib, links) = (ctx.lib, ctx.links);
    lib.cases
        .iter()
        .map(|Item { meta: m, body, .. }| CaseRecord {
            id: m.id.as_str(),
            url: absolute(lib, &url::case(m.id.as_str())),
            title: &m.title,
            domain: &m.domain,
            date: m.date.iso(),
            summary: &m.summary,
            risks: ids(&m.risks, RiskId::as_str),
            // Only decisions that are still published: not withdrawn, not expired.
            decisions: m
                .decisions
                .iter()
                .filter(|id| {
                    links
                        .decisions
                        .get(id.as_str())
                        .is_some_and(|i| !lib.decisions[i].meta.status.is_withdrawn())
                })
                .map(DecisionId::as_str)
                .collect(),
            body: body.text.trim(),
        })
        .collect()
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
    fn structured_cells() {
        assert_eq!(
            penalties_cell(&json!([
                { "kind": "罚款", "amount": 200, "note": null },
                { "kind": "警告", "amount": null, "note": "当场" },
            ])),
            "罚款200元；警告（当场）"
        );
        assert_eq!(
            grades_cell(&json!([{
                "grade": "一般", "circumstances": "拒不改正", "penalty": "处罚款",
                "fine_min": 100, "fine_max": 500,
            }])),
            "一般：拒不改正，处罚款（100—500元）"
        );
        assert_eq!(
            citations(&json!([{ "law": "a", "article": "b", "text": null, "citation": "《a》b" }])),
            "《a》b"
        );
    }
}
