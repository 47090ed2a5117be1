//! Reading a spreadsheet into plain text cells: .xlsx, .xls and .ods through calamine (merged
//! cells filled with their top-left value, so a header merged over two columns or an item
//! merged down its grade rows reads the same in every cell), and .csv in UTF-8 (with or
//! without a byte-order mark), UTF-16 (Excel's “Unicode text”) or GB18030, the superset of the
//! GBK that Excel writes on Chinese Windows.

use std::path::Path;

use calamine::{Data, Reader};

/// One sheet as text, rows and columns from A1.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    pub rows: Vec<Vec<String>>,
}

impl Sheet {
    pub fn cell(&self, row: usize, col: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .map_or("", String::as_str)
    }
}

/// Why a file could not be read, in Chinese.
pub type ReadError = String;

/// Every sheet of a workbook, or the one table of a CSV file.
pub fn read(path: &Path) -> Result<Vec<Sheet>, ReadError> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "csv" | "txt" => {
            let bytes = std::fs::read(path).map_err(|e| format!("无法读取文件：{e}"))?;
            let name = path
                .file_stem()
                .map_or(String::new(), |s| s.to_string_lossy().into_owned());
            Ok(vec![csv_sheet(&bytes, name)?])
        }
        "xlsx" | "xlsm" | "xls" | "ods" => workbook(path),
        _ => Err(format!(
            "不支持的文件类型“.{ext}”：请另存为 .xlsx、.xls、.ods 或 .csv"
        )),
    }
}

fn workbook(path: &Path) -> Result<Vec<Sheet>, ReadError> {
    let mut wb = calamine::open_workbook_auto(path).map_err(|e| {
        format!("无法打开表格（文件损坏、加了密码，或者不是它的扩展名所说的格式）：{e}")
    })?;
    let names = wb.sheet_names();
    let mut sheets = Vec::new();
    for name in names {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| format!("无法读取工作表“{name}”：{e}"))?;
        let mut rows: Vec<Vec<String>> = Vec::new();
        if let Some((r0, c0)) = range.start() {
            for (r, c, v) in range.cells() {
                let (r, c) = (r + r0 as usize, c + c0 as usize);
                put(&mut rows, r, c, text_of(v));
            }
        }
        let merges = match &mut wb {
            calamine::Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            calamine::Sheets::Xls(x) => x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            _ => Vec::new(),
        };
        for m in merges {
            let (sr, sc) = (m.start.0 as usize, m.start.1 as usize);
            let value = rows
                .get(sr)
                .and_then(|r| r.get(sc))
                .cloned()
                .unwrap_or_default();
            for r in sr..=m.end.0 as usize {
                for c in sc..=m.end.1 as usize {
                    put(&mut rows, r, c, value.clone());
                }
            }
        }
        sheets.push(Sheet { name, rows });
    }
    Ok(sheets)
}

fn put(rows: &mut Vec<Vec<String>>, r: usize, c: usize, v: String) {
    if v.is_empty() && rows.get(r).is_none_or(|row| row.len() <= c) {
        return;
    }
    if rows.len() <= r {
        rows.resize(r + 1, Vec::new());
    }
    let row = &mut rows[r];
    if row.len() <= c {
        row.resize(c + 1, String::new());
    }
    row[c] = v;
}

/// A cell as staff typed it: whole numbers without `.0`, dates as `2024-03-05`.
fn text_of(v: &Data) -> String {
    match v {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(true) => "是".into(),
        Data::Bool(false) => "否".into(),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{d:02}")
        }
        Data::DateTimeIso(s) => s.split('T').next().unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
    }
}

/// Decodes CSV bytes: a UTF-8 or UTF-16 byte-order mark decides; otherwise valid UTF-8 is
/// UTF-8 and anything else is GB18030 (GBK and GB2312 are subsets), which is what Excel's
/// “CSV (逗号分隔)” writes on Chinese Windows.
pub fn decode(bytes: &[u8]) -> Result<String, ReadError> {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            return Err(format!("文件不是有效的 {} 编码", enc.name()));
        }
        return Ok(text.into_owned());
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err("无法识别文件编码：既不是 UTF-8，也不是 GBK/GB18030。请在 Excel 中另存为“CSV UTF-8（逗号分隔）”".into());
    }
    Ok(text.into_owned())
}

fn csv_sheet(bytes: &[u8], name: String) -> Result<Sheet, ReadError> {
    let text = decode(bytes)?;
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    // Excel's “Unicode text” is tab-separated; some locales write semicolons.
    let delimiter = [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    // The reader passes over blank lines; Excel shows each as an empty row, and findings must
    // name the row Excel shows. A blank line outside quotes becomes a row of one blank cell.
    let mut kept = String::with_capacity(text.len());
    let mut quoted = false;
    for line in text.split_inclusive('\n') {
        if !quoted && line.trim().is_empty() {
            kept.push_str(" \n");
        } else {
            kept.push_str(line);
        }
        quoted ^= line.matches('"').count() % 2 == 1;
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(kept.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("CSV 格式有误：{e}"))?;
        rows.push(record.iter().map(|c| c.trim().to_string()).collect());
    }
    Ok(Sheet { name, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_with_and_without_bom_utf16_and_gbk() {
        let s = "事项名称,职权类型\n";
        assert_eq!(decode(s.as_bytes()).unwrap(), s);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(s.as_bytes());
        assert_eq!(decode(&bom).unwrap(), s);
        let (gbk, _, _) = encoding_rs::GBK.encode(s);
        assert_eq!(decode(&gbk).unwrap(), s);
        let mut utf16 = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&utf16).unwrap(), s);
    }

    #[test]
    fn csv_picks_the_delimiter_of_the_first_line() {
        let sheet = csv_sheet("a\tb\n1\t2,3\n".as_bytes(), "t".into()).unwrap();
        assert_eq!(sheet.rows[1], ["1", "2,3"]);
    }

    #[test]
    fn csv_rows_are_numbered_as_excel_shows_them() {
        let sheet = csv_sheet("a,b\n\"x\ny\",1\n\n\nc,2\n".as_bytes(), "t".into()).unwrap();
        assert_eq!(sheet.rows.len(), 5);
        assert!(sheet.rows[2].iter().all(|c| c.is_empty()));
        assert_eq!(sheet.rows[1][0], "x\ny");
        assert_eq!(sheet.rows[4], ["c", "2"]);
    }
}
