//! Spreadsheets in and out. `gongshi import` reads the tables agencies already keep (.xlsx,
//! .xls, .ods, .csv in UTF-8 or GBK) and writes one content file per row through the kind's
//! `gongshi new` template, so imported files have exactly the shape staff know; every row it
//! cannot map is a finding at its cell (`权责清单.xlsx!D17`). `gongshi export` writes a kind's
//! list as the spreadsheet agencies submit upward, with the kind's open-data columns, which
//! `import` reads back to the same files.
//!
//! | file | owns |
//! |---|---|
//! | [`grid`] | reading workbooks and CSV (encodings, merged cells) into text cells |
//! | [`layout`] | finding the header and the data rows in a sheet laid out for people |
//! | [`columns`] | which header is which field: open-data labels, variants, the mapping file |
//! | [`cells`], [`citations`] | reading one cell as a date, amount, choice, list or citation |
//! | [`rows`], `benchmarks`, `decisions` | one row (a benchmark's rows) into a kind's template values |
//! | [`export`] | writing a kind's list as .xlsx |

mod benchmarks;
pub mod cells;
pub mod citations;
pub mod columns;
mod decisions;
pub mod export;
pub mod grid;
pub mod layout;
pub mod rows;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::content::kinds::{Benchmark, ContentKind, Decision, Exemption, PowerItem, RiskPoint};
use crate::content::scaffold::{self, PLACEHOLDER, hints};
use crate::content::{Kind, Library};
use columns::{Mapping, Target};
use layout::{Table, column_name};
use rows::{Conv, Ctx, Finding, Record, Seq};

/// The kinds that come as tables and go out as them.
pub const KINDS: &[Kind] = &[
    Kind::Power,
    Kind::Risk,
    Kind::Exemption,
    Kind::Benchmark,
    Kind::Decision,
];

/// A finding about a place in a spreadsheet: `权责清单.xlsx!D17`, or with the sheet named when
/// the workbook has several (`权责清单.xlsx!行政处罚!D17`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetDiagnostic {
    pub place: String,
    pub error: bool,
    pub message: String,
    pub hint: String,
}

impl fmt::Display for SheetDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = if self.error { "错误" } else { "警告" };
        write!(f, "{}: {sev}: {}", self.place, self.message)?;
        if !self.hint.is_empty() {
            write!(f, "（提示：{}）", self.hint)?;
        }
        Ok(())
    }
}

/// What `import` is asked to do.
pub struct ImportOptions<'a> {
    pub kind: Kind,
    pub file: &'a Path,
    /// The content directory written into; its site.toml and agencies are read first.
    pub content: &'a Path,
    pub mapping: Mapping,
    /// Overwrite files that exist.
    pub force: bool,
    /// The date templates get where the table gives none (施行日期, 公开日期 …).
    pub today: chrono::NaiveDate,
}

/// What `import` did.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Files written, under the content directory.
    pub written: Vec<PathBuf>,
    /// Files that existed and were left as they were (no `--force`).
    pub kept: Vec<PathBuf>,
    /// Data rows read (for benchmarks, grade rows).
    pub rows: usize,
    /// Rows under headers passed over: blank, numbering, sections, notes.
    pub skipped: usize,
    /// Rows not written because of an error.
    pub failed: usize,
    pub diagnostics: Vec<SheetDiagnostic>,
}

impl ImportReport {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.error).count()
    }
}

/// The (label → key) pairs of a kind's open-data fields: the headers `export` writes.
fn labels(kind: Kind, lib: &Library) -> Vec<(String, String)> {
    let fields = match kind {
        Kind::Power => PowerItem::data_fields(&lib.site),
        Kind::Risk => RiskPoint::data_fields(&lib.site),
        Kind::Exemption => Exemption::data_fields(&lib.site),
        Kind::Benchmark => Benchmark::data_fields(&lib.site),
        Kind::Decision => Decision::data_fields(&lib.site),
        _ => None,
    };
    let mut out: Vec<(String, String)> = fields
        .unwrap_or_default()
        .into_iter()
        .map(|f| (f.label.to_string(), f.key.to_string()))
        .collect();
    out.extend(
        export::part_labels(kind)
            .iter()
            .map(|(k, l)| (l.to_string(), k.to_string())),
    );
    out
}

/// Imports `opts.file` into `opts.content`. `Err` when nothing could be read at all.
pub fn import(opts: &ImportOptions<'_>) -> Result<ImportReport, String> {
    if !KINDS.contains(&opts.kind) {
        let names: Vec<&str> = KINDS.iter().map(|k| k.cli_name()).collect();
        return Err(format!(
            "不能从表格导入{}，可导入：{}",
            opts.kind.label(),
            names.join("、")
        ));
    }
    let (lib, _) = crate::content::load(opts.content);
    let lib = lib.ok_or_else(|| {
        format!(
            "{} 中没有可用的 site.toml：先用 gongshi init 新建内容仓库，或用 --content 指定内容目录",
            opts.content.display()
        )
    })?;
    let sheets = grid::read(opts.file)?;
    let file_name = opts
        .file
        .file_name()
        .map_or(String::new(), |n| n.to_string_lossy().into_owned());
    let labels = labels(opts.kind, &lib);
    let agencies: Vec<(String, String, String)> = lib
        .agencies
        .iter()
        .map(|a| {
            (
                a.meta.id.to_string(),
                a.meta.name.clone(),
                a.meta.short_name.clone(),
            )
        })
        .collect();
    let risk_powers: Vec<(String, Vec<String>)> = lib
        .risks
        .iter()
        .map(|r| {
            (
                r.meta.id.to_string(),
                r.meta.powers.iter().map(ToString::to_string).collect(),
            )
        })
        .collect();
    let mut report = ImportReport::default();
    let mut records: Vec<(String, Record)> = Vec::new();
    let mut seq = Seq::default();
    let several = sheets.len() > 1;
    for sheet in &sheets {
        let prefix = if several {
            format!("{file_name}!{}", sheet.name)
        } else {
            file_name.clone()
        };
        let place = |row: usize, col: Option<usize>| match col {
            Some(c) => format!("{prefix}!{}{}", column_name(c), row + 1),
            None => format!("{prefix}!第{}行", row + 1),
        };
        let Some(table) = layout::find(sheet, opts.kind, &labels, &opts.mapping) else {
            if !sheet.rows.iter().all(|r| r.iter().all(String::is_empty)) {
                report.diagnostics.push(SheetDiagnostic {
                    place: prefix.clone(),
                    error: !several,
                    message: format!("没有找到{}表的表头，这张表没有导入", opts.kind.label()),
                    hint: "表头至少要有两列能认出的列名（见 docs/publishing.md 中的列名表）；表头在第几行认不出时，在映射文件中写 header_row".into(),
                });
            }
            continue;
        };
        report.skipped += table.skipped;
        columns_notes(&table, &mut report, &place);
        let ctx = Ctx {
            site: &lib.site,
            statutes: lib.statutes.as_ref(),
            risk_powers: &risk_powers,
            agencies: &agencies,
            mapping: &opts.mapping,
            sheet,
            table: &table,
        };
        let mut findings: Vec<Finding> = Vec::new();
        let mut made: Vec<Record> = Vec::new();
        let groups: Vec<Vec<usize>> = if opts.kind == Kind::Benchmark {
            benchmarks::groups(&ctx)
        } else {
            table.rows.iter().map(|&r| vec![r]).collect()
        };
        for group in &groups {
            report.rows += group.len();
            let mut c = Conv::new(&ctx, group[0]);
            let record = match opts.kind {
                Kind::Power => rows::power(&mut c, &mut seq),
                Kind::Risk => rows::risk(&mut c, &mut seq),
                Kind::Exemption => rows::exemption(&mut c, &mut seq),
                Kind::Benchmark => benchmarks::benchmark(&mut c, group, &mut seq),
                _ => decisions::decision(&mut c, &mut seq),
            };
            findings.append(&mut c.findings);
            match record {
                Some(r) => made.push(r),
                None => report.failed += 1,
            }
        }
        placeholder_notes(opts, &table, &made, &mut findings);
        for f in findings {
            report.diagnostics.push(SheetDiagnostic {
                place: place(f.row, f.col),
                error: f.error,
                message: f.message,
                hint: f.hint,
            });
        }
        records.extend(made.into_iter().map(|r| (place(r.row, None), r)));
    }
    write_records(opts, records, &mut report);
    Ok(report)
}

/// Columns left out: personal data (said so, never read) and headers nothing maps to.
fn columns_notes(
    table: &Table,
    report: &mut ImportReport,
    place: &dyn Fn(usize, Option<usize>) -> String,
) {
    for col in &table.columns {
        let (message, hint) = match col.target {
            Target::Personal => (
                format!("“{}”是个人信息，这一列不导入", col.header),
                "公开的处罚决定不写身份证号、电话、住址等；这一列已跳过",
            ),
            Target::Unknown if !col.header.trim().is_empty() => (
                format!("列“{}”没有对应的字段，没有导入", col.header.trim()),
                "需要导入时，在映射文件 [columns] 中写 \"列名\" = \"字段名\"（字段名见 docs/content-format.md）",
            ),
            _ => continue,
        };
        report.diagnostics.push(SheetDiagnostic {
            place: place(table.header_row, Some(col.index)),
            error: false,
            message,
            hint: hint.into(),
        });
    }
}

/// Fields a file is written with 待填写 in, because the table has no column for them (one
/// finding per field, at the header) or the row's cell is empty (one at the cell).
fn placeholder_notes(
    opts: &ImportOptions<'_>,
    table: &Table,
    made: &[Record],
    findings: &mut Vec<Finding>,
) {
    let mut missing: Vec<String> = Vec::new();
    for r in made {
        let text = scaffold::fill::fill(&scaffold::render(opts.kind, &r.id, opts.today), &r.filled);
        let Ok(split) = crate::content::frontmatter::split(&text) else {
            continue;
        };
        let mut seen: Vec<String> = Vec::new();
        let mut offset = 0;
        for line in split.front.split_inclusive('\n') {
            if line.contains(PLACEHOLDER) {
                let (t, k) = hints::field_at(split.front, offset);
                let key = k.unwrap_or("").to_string();
                let col_key = [key.as_str(), t.unwrap_or("")]
                    .into_iter()
                    .find(|k| !k.is_empty() && table.columns_for(k).next().is_some());
                let name = t.map_or(key.clone(), |t| format!("{t}.{key}"));
                if seen.contains(&name) {
                    offset += line.len();
                    continue;
                }
                seen.push(name.clone());
                match col_key.and_then(|k| table.columns_for(k).next()) {
                    Some(col) => findings.push(Finding {
                        row: r.row,
                        col: Some(col.index),
                        error: false,
                        message: format!("“{}”为空，文件中 {name} 留作“待填写”", col.header),
                        hint:
                            "导入后把“待填写”换成实际内容，或者在表中补上再导入（加 --force 覆盖）"
                                .into(),
                    }),
                    None if !missing.contains(&name) => missing.push(name),
                    None => {}
                }
            }
            offset += line.len();
        }
        if split.body.contains(PLACEHOLDER) && !missing.iter().any(|m| m == "正文") {
            missing.push("正文".into());
        }
    }
    for name in missing {
        findings.push(Finding {
            row: table.header_row,
            col: None,
            error: false,
            message: format!("表中没有 {name} 对应的列，导入的文件中留作“待填写”"),
            hint: "在映射文件 [defaults] 中给所有行统一填写，或导入后逐个填写；gongshi check 会指出每一处".into(),
        });
    }
}

/// Where a record's file goes under the content directory.
fn target(kind: Kind, r: &Record) -> PathBuf {
    let mut p = PathBuf::from(kind.dir());
    if let Some(y) = r.year.filter(|_| kind.nested()) {
        p.push(y.to_string());
    }
    p.join(format!("{}.md", r.id))
}

fn write_records(
    opts: &ImportOptions<'_>,
    records: Vec<(String, Record)>,
    report: &mut ImportReport,
) {
    let mut ids: Vec<(String, String)> = Vec::new();
    for (place, r) in records {
        if let Some((_, first)) = ids.iter().find(|(id, _)| *id == r.id) {
            report.failed += 1;
            report.diagnostics.push(SheetDiagnostic {
                place,
                error: true,
                message: format!("编号 {} 与 {first} 重复，这一行没有导入", r.id),
                hint: "每一项的编号必须唯一；同一项只留一行".into(),
            });
            continue;
        }
        ids.push((r.id.clone(), place.clone()));
        let rel = target(opts.kind, &r);
        let path = opts.content.join(&rel);
        if path.exists() && !opts.force {
            report.diagnostics.push(SheetDiagnostic {
                place,
                error: false,
                message: format!("{} 已经存在，没有覆盖", rel.display()),
                hint: "要用表格中的内容替换，加 --force".into(),
            });
            report.kept.push(rel);
            continue;
        }
        let text = scaffold::fill::fill(&scaffold::render(opts.kind, &r.id, opts.today), &r.filled);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, text));
        match written {
            Ok(()) => report.written.push(rel),
            Err(e) => report.diagnostics.push(SheetDiagnostic {
                place,
                error: true,
                message: format!("无法写入 {}：{e}", rel.display()),
                hint: String::new(),
            }),
        }
    }
}
