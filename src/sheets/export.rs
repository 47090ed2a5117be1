//! `gongshi export KIND --format xlsx`: a kind's list as the spreadsheet agencies submit upward
//! and review in Excel — a title row, then a header of the kind's open-data labels (its
//! `data_fields`, so the columns are those of the published data set), one row per item, the
//! body as staff wrote it (markdown). A benchmark has one row per grade with its own columns
//! merged down them, the way agency 裁量基准 tables are laid out. `gongshi import` reads the
//! file back to the same content files.

use std::path::Path;

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use serde_json::Value;

use crate::content::kinds::{
    Benchmark, ContentKind, Decision, Exemption, PowerItem, RiskPoint, open_data::Field,
};
use crate::content::links::Links;
use crate::content::{Item, Kind, Library};

/// Columns left out: the address the site gives each item.
const LEFT_OUT: &[&str] = &["url"];

/// The grade columns of a benchmark row, in order, as (key, header): the descriptions of the
/// `grades` field's parts.
pub fn part_labels(kind: Kind) -> &'static [(&'static str, &'static str)] {
    match kind {
        Kind::Benchmark => &[
            ("grade", "档次"),
            ("circumstances", "违法情节"),
            ("penalty", "处罚标准"),
            ("fine_min", "罚款下限（元）"),
            ("fine_max", "罚款上限（元）"),
        ],
        _ => &[],
    }
}

/// One cell: text, or a number Excel can sum.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Text(String),
    Number(f64),
}

/// The sheet before it is written: header and rows, and for each row whether its item cells
/// merge with the rows below (benchmarks).
struct Sheet {
    title: String,
    header: Vec<String>,
    /// Rows of one item, with how many leading columns of each row belong to the item.
    items: Vec<Vec<Vec<Cell>>>,
    item_columns: usize,
}

/// Writes the `kind` list of `lib` to `path`; returns the number of items. Decisions are those
/// that still stand (a withdrawn decision is published only as its notice).
pub fn export(lib: &Library, kind: Kind, path: &Path) -> Result<usize, String> {
    let links = Links::build(lib);
    let sheet = match kind {
        Kind::Power => sheet::<PowerItem>(lib, &links, lib.powers.iter().collect()),
        Kind::Risk => sheet::<RiskPoint>(lib, &links, lib.risks.iter().collect()),
        Kind::Exemption => sheet::<Exemption>(lib, &links, lib.exemptions.iter().collect()),
        Kind::Benchmark => sheet::<Benchmark>(lib, &links, lib.benchmarks.iter().collect()),
        Kind::Decision => sheet::<Decision>(lib, &links, lib.standing_decisions().collect()),
        _ => {
            let names: Vec<&str> = super::KINDS.iter().map(|k| k.cli_name()).collect();
            return Err(format!(
                "{}没有表格格式，可导出：{}",
                kind.label(),
                names.join("、")
            ));
        }
    };
    let n = sheet.items.len();
    write(&sheet, kind, path).map_err(|e| format!("无法写入 {}：{e}", path.display()))?;
    Ok(n)
}

fn sheet<T: ContentKind>(lib: &Library, links: &Links<'_>, items: Vec<&Item<T>>) -> Sheet {
    let fields: Vec<Field> = T::data_fields(&lib.site)
        .unwrap_or_default()
        .into_iter()
        .filter(|f| !LEFT_OUT.contains(&f.key))
        .collect();
    let parts = part_labels(T::KIND);
    let own: Vec<&Field> = fields.iter().filter(|f| f.key != "grades").collect();
    let mut header = vec!["序号".to_string()];
    header.extend(own.iter().map(|f| f.label.to_string()));
    let item_columns = header.len();
    header.extend(parts.iter().map(|(_, l)| l.to_string()));
    let mut rows = Vec::new();
    for (n, item) in items.iter().enumerate() {
        let record = serde_json::to_value(T::data_record(item, links)).unwrap_or(Value::Null);
        let mut cells = vec![Cell::Number((n + 1) as f64)];
        for f in &own {
            cells.push(if f.key == "body" {
                Cell::Text(raw_body(item))
            } else {
                cell(f, &record[f.key])
            });
        }
        let grades = record["grades"].as_array().cloned().unwrap_or_default();
        if parts.is_empty() || grades.is_empty() {
            cells.extend(parts.iter().map(|_| Cell::Text(String::new())));
            rows.push(vec![cells]);
            continue;
        }
        rows.push(
            grades
                .iter()
                .map(|g| {
                    let mut row = cells.clone();
                    row.extend(parts.iter().map(|(k, _)| match &g[*k] {
                        Value::Number(n) => Cell::Number(n.as_f64().unwrap_or(0.0)),
                        v => Cell::Text(v.as_str().unwrap_or("").to_string()),
                    }));
                    row
                })
                .collect(),
        );
    }
    let list = T::LIST.map_or(T::LABEL, |p| p.title);
    Sheet {
        title: format!("{}{list}", lib.site.name),
        header,
        items: rows,
        item_columns,
    }
}

/// The markdown body as the file has it.
fn raw_body<T>(item: &Item<T>) -> String {
    let s = &item.source;
    s.text.get(s.body_offset..).unwrap_or("").trim().to_string()
}

fn cell(f: &Field, v: &Value) -> Cell {
    match v {
        Value::Number(n) => Cell::Number(n.as_f64().unwrap_or(0.0)),
        v => Cell::Text((f.cell)(v)),
    }
}

fn write(sheet: &Sheet, kind: Kind, path: &Path) -> Result<(), XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let name = kind.list().map_or(kind.label(), |p| p.title);
    ws.set_name(name)?;
    let title = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Center);
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin)
        .set_background_color("#E7EEF7");
    let body = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let last_col = (sheet.header.len().max(2) - 1) as u16;
    ws.merge_range(0, 0, 0, last_col, &sheet.title, &title)?;
    for (c, h) in sheet.header.iter().enumerate() {
        ws.write_string_with_format(1, c as u16, h, &head)?;
        let width = match h.as_str() {
            "序号" => 6.0,
            _ if h.contains("日期") || h == "状态" || h == "档次" => 12.0,
            _ => 24.0,
        };
        ws.set_column_width(c as u16, width)?;
    }
    ws.set_freeze_panes(2, 0)?;
    let mut r: u32 = 2;
    for rows in &sheet.items {
        let first = r;
        for row in rows {
            for (c, v) in row.iter().enumerate() {
                put(ws, r, c as u16, v, &body)?;
            }
            r += 1;
        }
        // An item over several rows (a benchmark's grades): its own cells merged down them.
        if rows.len() > 1 {
            for (c, cell) in rows[0].iter().enumerate().take(sheet.item_columns) {
                let text = match cell {
                    Cell::Text(t) => t.clone(),
                    Cell::Number(n) => n.to_string(),
                };
                ws.merge_range(first, c as u16, r - 1, c as u16, &text, &body)?;
            }
        }
    }
    if r > 2 {
        ws.autofilter(1, 0, r - 1, last_col)?;
    }
    wb.save(path)
}

fn put(ws: &mut Worksheet, r: u32, c: u16, v: &Cell, f: &Format) -> Result<(), XlsxError> {
    match v {
        Cell::Text(t) if t.is_empty() => ws.write_blank(r, c, f).map(|_| ()),
        Cell::Text(t) => ws.write_string_with_format(r, c, t, f).map(|_| ()),
        Cell::Number(n) => ws.write_number_with_format(r, c, *n, f).map(|_| ()),
    }
}
