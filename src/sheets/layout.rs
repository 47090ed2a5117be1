//! Finding the table in a sheet laid out for people: title rows above the header, a header
//! over one or two rows (merged cells above their parts), a row of column numbers under it,
//! blank lines, section and notes rows (`注：…`) at the end. What is left are the data rows.

use super::columns::{Mapping, Target, target};
use super::grid::Sheet;
use crate::content::Kind;

/// One column of the table: where it is, what its header says, what it maps to.
#[derive(Debug, Clone)]
pub struct Column {
    pub index: usize,
    pub header: String,
    pub target: Target,
}

/// A table found in a sheet.
#[derive(Debug, Clone)]
pub struct Table {
    /// The last header row (0-based); findings about a missing column point here.
    pub header_row: usize,
    pub columns: Vec<Column>,
    /// Data rows (0-based).
    pub rows: Vec<usize>,
    /// Rows under the header passed over: blank, column numbers, repeated headers, sections,
    /// notes.
    pub skipped: usize,
}

impl Table {
    /// The columns that map to `key`.
    pub fn columns_for<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Column> + 'a {
        self.columns
            .iter()
            .filter(move |c| matches!(&c.target, Target::Field(k, _) if k == key))
    }
}

/// How many rows from the top a header may start.
const HEADER_SEARCH: usize = 30;

/// The header of `kind`'s table in `sheet`, one or two rows, and its data rows; `None` when no
/// row names two known columns.
pub fn find(
    sheet: &Sheet,
    kind: Kind,
    labels: &[(String, String)],
    mapping: &Mapping,
) -> Option<Table> {
    let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    let map = |h: &str| target(kind, h, labels, mapping);
    // The columns under a header of one row, or of two (a merged cell above its parts).
    // `None` when the lower row reads as data: a cell under a known header that is no header.
    let headers = |upper: usize, lower: Option<usize>| -> Option<Vec<Column>> {
        let mut cols = Vec::with_capacity(width);
        for c in 0..width {
            let up = sheet.cell(upper, c);
            let low = lower.map_or("", |l| sheet.cell(l, c));
            let mut candidates = vec![up.to_string()];
            if !low.is_empty() && low != up {
                candidates.insert(0, format!("{up}{low}"));
                candidates.insert(0, low.to_string());
            }
            let found = candidates
                .iter()
                .map(|h| (h.clone(), map(h)))
                .find(|(_, t)| *t != Target::Unknown);
            let from_lower = found.as_ref().is_some_and(|(h, _)| *h != up);
            if !low.is_empty() && low != up && !from_lower && map(up) != Target::Unknown {
                return None;
            }
            cols.push(match found {
                Some((header, target)) => Column {
                    index: c,
                    header,
                    target,
                },
                None => Column {
                    index: c,
                    header: candidates[0].clone(),
                    target: Target::Unknown,
                },
            });
        }
        Some(cols)
    };
    let score = |cols: &[Column]| {
        cols.iter()
            .filter(|c| matches!(c.target, Target::Field(..)))
            .count()
    };
    let range: Vec<usize> = match mapping.header_row {
        Some(r) if r > 0 => vec![r - 1],
        _ => (0..sheet.rows.len().min(HEADER_SEARCH)).collect(),
    };
    let mut best: Option<(usize, usize, Vec<Column>)> = None;
    for r in range {
        for lower in [Some(r + 1), None] {
            if lower.is_some_and(|l| l >= sheet.rows.len()) {
                continue;
            }
            let Some(cols) = headers(r, lower) else {
                continue;
            };
            let s = score(&cols);
            // A second header row under the best so far (parts under merged cells) wins a tie.
            let better = best
                .as_ref()
                .is_none_or(|(bs, row, _)| s > *bs || (s == *bs && lower.is_some() && r == *row));
            if better {
                best = Some((s, lower.unwrap_or(r), cols));
            }
        }
    }
    let (s, header_row, columns) = best?;
    if s < 2 {
        return None;
    }
    let mut rows = Vec::new();
    let mut skipped = 0;
    for r in header_row + 1..sheet.rows.len() {
        if is_data(sheet, r, &columns) {
            rows.push(r);
        } else {
            skipped += 1;
        }
    }
    Some(Table {
        header_row,
        columns,
        rows,
        skipped,
    })
}

/// Prefixes of notes under a table.
const NOTES: &[&str] = &[
    "注",
    "备注",
    "说明",
    "填表说明",
    "附注",
    "附件",
    "制表",
    "填报",
    "审核",
    "签发",
    "联系人",
];

/// Whether row `r` holds data: not blank, not the column numbers (1 2 3 …), not a repeated
/// header, not a title, section or note (one value, however many cells it is merged over).
fn is_data(sheet: &Sheet, r: usize, columns: &[Column]) -> bool {
    let row = &sheet.rows[r];
    let values: Vec<&str> = row
        .iter()
        .map(String::as_str)
        .filter(|c| !c.is_empty())
        .collect();
    if values.is_empty() {
        return false;
    }
    let numbers: Option<Vec<u64>> = values.iter().map(|v| v.parse().ok()).collect();
    if let Some(n) = numbers
        && n.len() >= 3
        && n.windows(2).all(|w| w[1] == w[0] + 1)
    {
        return false;
    }
    let mapped: Vec<&Column> = columns
        .iter()
        .filter(|c| matches!(c.target, Target::Field(..)))
        .collect();
    let repeats = mapped
        .iter()
        .filter(|c| sheet.cell(r, c.index) == c.header)
        .count();
    if repeats * 2 > mapped.len() {
        return false;
    }
    let mut distinct = values.clone();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() == 1 && mapped.len() > 1 {
        return false;
    }
    let first = values[0];
    if distinct.len() <= 2 && NOTES.iter().any(|p| first.starts_with(p)) {
        return false;
    }
    true
}

/// Excel's name of a column: 0 → A, 25 → Z, 26 → AA.
pub fn column_name(mut c: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            name: "s".into(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect(),
        }
    }

    #[test]
    fn finds_a_two_row_header_under_a_title_and_skips_numbers_and_notes() {
        let t = "某市城市管理综合行政执法局权责清单";
        let s = sheet(&[
            &[t, t, t, t],
            &["序号", "事项名称", "依据", "依据"],
            &["序号", "事项名称", "设定依据", "实施依据"],
            &["1", "2", "3", "4"],
            &["1", "对甲的处罚", "《甲法》第一条", ""],
            &["", "", "", ""],
            &["一、市容", "一、市容", "一、市容", "一、市容"],
            &["2", "对乙的处罚", "《乙法》第二条", ""],
            &["注：本表由系统导出", "", "", ""],
        ]);
        let table = find(&s, Kind::Power, &[], &Mapping::default()).unwrap();
        assert_eq!(table.header_row, 2);
        assert_eq!(table.rows, [4, 7]);
        assert_eq!(table.columns_for("basis").count(), 2);
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(27), "AB");
    }
}
