//! One table row (or, for benchmarks, the rows of one benchmark) into the values of a kind's
//! template: the cells read through [`super::cells`] and [`super::citations`], the site's
//! 领域 and 行政相对人 vocabularies and its agencies, the mapping file's defaults and value
//! maps. Every cell that does not fit is a finding at its row and column; a row with an
//! error is not written.

use chrono::NaiveDate;

use super::cells::{self, Bad};
use super::citations;
use super::columns::{Mapping, Target};
use super::grid::Sheet;
use super::layout::Table;
use crate::content::model::*;
use crate::content::scaffold::{Entry, Filled, Value};
use crate::content::site::SiteSettings;

/// Something to tell staff about one row (and column, when one cell is at fault).
#[derive(Debug, Clone)]
pub struct Finding {
    pub row: usize,
    pub col: Option<usize>,
    pub error: bool,
    pub message: String,
    pub hint: String,
}

/// What rows are read against.
pub struct Ctx<'a> {
    pub site: &'a SiteSettings,
    /// The repository's statute table, when it has one: benchmarks take their statutory
    /// ranges from it.
    pub statutes: Option<&'a crate::content::statutes::Statutes>,
    /// (id, 权责事项 ids) of every risk point already in the repository: an exemption imported
    /// without a risk column applies to the risk points of its own 权责事项.
    pub risk_powers: &'a [(String, Vec<String>)],
    /// (id, name, short name) of every agency.
    pub agencies: &'a [(String, String, String)],
    pub mapping: &'a Mapping,
    pub sheet: &'a Sheet,
    pub table: &'a Table,
}

/// A row made into a file's values.
#[derive(Debug, Clone)]
pub struct Record {
    pub id: String,
    /// Decisions go into the folder of the year they were made.
    pub year: Option<i32>,
    pub filled: Filled,
    pub row: usize,
}

/// Counters for the ids made up for rows without one.
#[derive(Debug, Default)]
pub struct Seq(std::collections::BTreeMap<String, usize>);

impl Seq {
    pub fn next(&mut self, prefix: &str) -> usize {
        let n = self.0.entry(prefix.to_string()).or_default();
        *n += 1;
        *n
    }
}

/// Reading one row's cells.
pub struct Conv<'c> {
    pub ctx: &'c Ctx<'c>,
    pub row: usize,
    pub findings: Vec<Finding>,
    pub ok: bool,
}

/// A cell's text, the column it came from (`None` for a mapping default) and its unit.
type Cell = (String, Option<usize>, u64);

impl<'c> Conv<'c> {
    pub fn new(ctx: &'c Ctx<'c>, row: usize) -> Self {
        Conv {
            ctx,
            row,
            findings: Vec::new(),
            ok: true,
        }
    }

    /// The cell of `key` in this row (several columns joined with ；), or the mapping's default,
    /// with the mapping's value map applied.
    pub fn cell(&self, key: &str) -> Option<Cell> {
        let mut found: Vec<(String, usize, u64)> = Vec::new();
        for col in self.ctx.table.columns_for(key) {
            let v = self.ctx.sheet.cell(self.row, col.index).trim();
            let factor = match col.target {
                Target::Field(_, f) => f,
                _ => 1,
            };
            if !v.is_empty() && !found.iter().any(|(f, _, _)| f == v) {
                found.push((v.to_string(), col.index, factor));
            }
        }
        let (text, col, factor) = match found.as_slice() {
            [] => (self.ctx.mapping.default_text(key)?, None, 1),
            [(v, c, f)] => (v.clone(), Some(*c), *f),
            [(_, c, f), ..] => (
                found
                    .iter()
                    .map(|(v, _, _)| v.as_str())
                    .collect::<Vec<_>>()
                    .join("；"),
                Some(*c),
                *f,
            ),
        };
        let text = self
            .ctx
            .mapping
            .values
            .get(key)
            .and_then(|m| m.get(&text))
            .cloned()
            .unwrap_or(text);
        (!text.trim().is_empty()).then_some((text, col, factor))
    }

    pub fn error(&mut self, col: Option<usize>, bad: Bad) {
        self.ok = false;
        self.findings.push(Finding {
            row: self.row,
            col,
            error: true,
            message: bad.message,
            hint: bad.hint,
        });
    }

    pub fn warn(&mut self, col: Option<usize>, message: String, hint: &str) {
        self.findings.push(Finding {
            row: self.row,
            col,
            error: false,
            message,
            hint: hint.into(),
        });
    }

    /// The column of `key` in this table, for findings about it.
    pub fn col_of(&self, key: &str) -> Option<usize> {
        self.ctx.table.columns_for(key).next().map(|c| c.index)
    }

    fn parse<T>(&mut self, key: &str, f: impl FnOnce(&str, u64) -> Result<T, Bad>) -> Option<T> {
        let (text, col, factor) = self.cell(key)?;
        match f(&text, factor) {
            Ok(v) => Some(v),
            Err(b) => {
                self.error(col, b);
                None
            }
        }
    }

    pub fn text(&mut self, key: &str) -> Option<String> {
        self.cell(key).map(|(t, _, _)| cells::text(&t))
    }

    /// A field the row cannot do without: its absence is an error at the row.
    pub fn required(&mut self, key: &str, label: &str) -> Option<String> {
        let v = self.text(key);
        if v.is_none() {
            let col = self.col_of(key);
            self.error(
                col,
                cells::bad(
                    format!("这一行没有“{label}”，无法导入"),
                    "补上这一格，或者删除这一行（说明、合计等行不要放在表格中间）",
                ),
            );
        }
        v
    }

    pub fn choice(&mut self, key: &str, labels: &[&str]) -> Option<String> {
        self.parse(key, |t, _| cells::choice(key, t, labels))
    }

    pub fn date(&mut self, key: &str) -> Option<NaiveDate> {
        self.parse(key, |t, _| cells::date(t))
    }

    pub fn yuan(&mut self, key: &str) -> Option<u64> {
        self.parse(key, cells::yuan)
    }

    pub fn yes_no(&mut self, key: &str) -> Option<bool> {
        self.parse(key, |t, _| cells::yes_no(t))
    }

    pub fn items(&mut self, key: &str) -> Option<Vec<String>> {
        self.cell(key)
            .map(|(t, _, _)| cells::items(&t))
            .filter(|v| !v.is_empty())
    }

    /// Ids of other items; a malformed one is an error.
    pub fn ids(&mut self, key: &str) -> Option<Vec<String>> {
        let (text, col, _) = self.cell(key)?;
        let ids = cells::ids(&text);
        if ids.iter().any(|i| !cells::valid_id(i)) || ids.is_empty() {
            self.error(
                col,
                cells::bad(
                    format!("“{text}”不是编号列表"),
                    "写编号，如 P-CF-001；多个编号用“；”隔开",
                ),
            );
            return None;
        }
        Some(ids)
    }

    /// This row's own id, when the table has one.
    pub fn own_id(&mut self) -> Option<String> {
        let (text, col, _) = self.cell("id")?;
        let id = text.trim().to_string();
        if !cells::valid_id(&id) {
            self.error(
                col,
                cells::bad(
                    format!("编号“{id}”含有不能用于文件名和网址的字符"),
                    "编号只能用英文字母、数字、- 和 _，如 P-CF-001；没有编号列时会自动编号",
                ),
            );
            return None;
        }
        Some(id)
    }

    /// Citations as `[[key]]` entries.
    pub fn citations(&mut self, key: &str) -> Option<Vec<Entry>> {
        let (list, _) = self.parse(key, |t, _| citations::parse(t))?;
        Some(
            list.into_iter()
                .map(|c| {
                    vec![
                        ("law".to_string(), Value::Text(c.law)),
                        ("article".to_string(), Value::Text(c.article)),
                    ]
                })
                .collect(),
        )
    }

    /// A 领域 from site.toml.
    pub fn domain(&mut self) -> Option<String> {
        let domains: Vec<&str> = self.ctx.site.domains.iter().map(String::as_str).collect();
        self.parse("domain", |t, _| {
            cells::choice("domain", t, &domains).map_err(|_| {
                cells::bad(
                    format!("领域“{}”不在 site.toml 的 domains 中", t.trim()),
                    format!("领域须为 site.toml 中 domains 之一（{}）；表中写法不同的，在映射文件 [values.domain] 中对应", domains.join("、")),
                )
            })
        })
    }

    /// 行政相对人 from site.toml.
    pub fn audiences(&mut self) -> Option<Vec<String>> {
        let known: Vec<&str> = self.ctx.site.audiences.iter().map(String::as_str).collect();
        self.parse("audiences", |t, _| {
            cells::words(t)
                .iter()
                .map(|w| {
                    cells::choice("audiences", w, &known).map_err(|_| {
                        cells::bad(
                            format!("行政相对人“{w}”不在 site.toml 的 audiences 中"),
                            format!("可选：{}；在映射文件 [values.audiences] 中对应，或经法制科同意后在 site.toml 中增加", known.join("、")),
                        )
                    })
                })
                .collect()
        })
    }

    /// The agency by id, name or short name; the site's default agency when the table has none.
    pub fn agency(&mut self) -> Option<String> {
        let agencies = self.ctx.agencies;
        let find = |t: &str| {
            agencies
                .iter()
                .find(|(id, name, short)| id == t || name == t || short == t)
                .map(|(id, _, _)| id.clone())
        };
        for key in ["agency", "agency_name"] {
            if let Some((text, col, _)) = self.cell(key) {
                let t = cells::text(&text);
                return match find(&t) {
                    Some(id) => Some(id),
                    None => {
                        let names: Vec<&str> =
                            agencies.iter().map(|(_, n, _)| n.as_str()).collect();
                        self.error(
                            col,
                            cells::bad(
                                format!("执法主体“{t}”不在 agencies/ 中"),
                                format!("现有：{}；先用 gongshi new agency 新建，或在映射文件 [values.{key}] 中对应到编号", names.join("、")),
                            ),
                        );
                        None
                    }
                };
            }
        }
        Some(self.ctx.site.default_agency.to_string())
    }

    /// 施行日期, 更新日期 and 状态 of a managed list item.
    pub fn lifecycle(&mut self, f: &mut Filled) {
        let effective = self.date("effective");
        let updated = self.date("updated");
        if let Some(d) = effective {
            f.set("effective", Value::Date(d));
        }
        if let Some(d) = updated.or(effective) {
            f.set("updated", Value::Date(d));
        }
        let labels: Vec<&str> = ItemStatus::ALL.iter().map(|s| s.label()).collect();
        set(f, "status", self.choice("status", &labels).map(Value::Text));
    }

    /// The body: the cell as written (markdown, line breaks kept).
    pub fn body(&mut self, f: &mut Filled) {
        if let Some((text, _, _)) = self.cell("body") {
            f.body = Some(text.trim().to_string());
        }
    }
}

pub fn set(f: &mut Filled, key: &str, v: Option<Value>) {
    if let Some(v) = v {
        f.set(key, v);
    }
}

fn labels<T: Copy>(all: &[T], label: fn(T) -> &'static str) -> Vec<&'static str> {
    all.iter().map(|t| label(*t)).collect()
}

/// 权责事项. Ids made up as P-<type code>-NNN.
pub fn power(c: &mut Conv, seq: &mut Seq) -> Option<Record> {
    let mut f = Filled::default();
    let title = c.required("title", "事项名称");
    let power_type = c.choice("power_type", &labels(PowerType::ALL, PowerType::label));
    let id = c.own_id();
    set(&mut f, "title", title.map(Value::Text));
    set(&mut f, "domain", c.domain().map(Value::Text));
    set(&mut f, "agency", c.agency().map(Value::Text));
    set(
        &mut f,
        "accountability",
        c.items("accountability").map(Value::Texts),
    );
    set(
        &mut f,
        "supervision_phone",
        c.text("supervision_phone").map(Value::Text),
    );
    c.lifecycle(&mut f);
    if let Some(b) = c.citations("basis") {
        f.table("basis", b);
    }
    if let Some(r) = responsibilities(c) {
        f.table("responsibilities", r);
    }
    c.body(&mut f);
    let code = match power_type.as_deref() {
        Some("行政强制") => "QZ",
        Some("行政检查") => "JC",
        Some("行政许可") => "XK",
        Some("行政确认") => "QR",
        Some("其他") => "QT",
        _ => "CF",
    };
    set(&mut f, "power_type", power_type.map(Value::Text));
    let id = id.unwrap_or_else(|| format!("P-{code}-{:03}", seq.next(code)));
    done(c, id, f)
}

pub(super) fn done(c: &Conv, id: String, filled: Filled) -> Option<Record> {
    c.ok.then_some(Record {
        id,
        year: None,
        filled,
        row: c.row,
    })
}

/// The stages of exercising a power as the content names them.
const STAGES: &[&str] = &[
    "立案",
    "调查",
    "调查取证",
    "审查",
    "告知",
    "决定",
    "送达",
    "执行",
    "检查",
];

/// 责任事项: `1.立案责任：…；2.调查责任：…` into stage and duty; a part without `：` continues
/// the duty before it.
fn responsibilities(c: &mut Conv) -> Option<Vec<Entry>> {
    let (text, col, _) = c.cell("responsibilities")?;
    let mut out: Vec<(String, String)> = Vec::new();
    for item in cells::items(&text) {
        match item.split_once(['：', ':']) {
            Some((stage, duty)) if stage.chars().count() <= 20 => {
                // 立案责任 → 立案, as the content names the standard stages; others as written.
                let stage = stage.trim();
                let stage = stage
                    .strip_suffix("责任")
                    .filter(|s| STAGES.contains(s))
                    .unwrap_or(stage);
                out.push((stage.to_string(), duty.trim().to_string()));
            }
            _ => match out.last_mut() {
                Some((_, duty)) => {
                    duty.push('；');
                    duty.push_str(&item);
                }
                None => {
                    c.error(
                        col,
                        cells::bad(
                            "责任事项看不出环节",
                            "每项写成“环节：责任”，如“立案：对发现的违法行为进行初步核实……”，各项用“；”隔开",
                        ),
                    );
                    return None;
                }
            },
        }
    }
    Some(
        out.into_iter()
            .map(|(stage, duty)| {
                vec![
                    ("stage".to_string(), Value::Text(stage)),
                    ("duty".to_string(), Value::Text(duty)),
                ]
            })
            .collect(),
    )
}

/// 风险点. Ids made up as R-NNN-1.
pub fn risk(c: &mut Conv, seq: &mut Seq) -> Option<Record> {
    let mut f = Filled::default();
    let title = c.required("title", "风险点名称");
    let id = c.own_id();
    set(&mut f, "title", title.map(Value::Text));
    set(&mut f, "domain", c.domain().map(Value::Text));
    set(&mut f, "audiences", c.audiences().map(Value::Texts));
    let levels = labels(RiskLevel::ALL, RiskLevel::label);
    set(&mut f, "level", c.choice("level", &levels).map(Value::Text));
    set(
        &mut f,
        "manifestation",
        c.text("manifestation").map(Value::Text),
    );
    set(
        &mut f,
        "consequence",
        c.text("consequence").map(Value::Text),
    );
    set(&mut f, "measures", c.items("measures").map(Value::Texts));
    for key in ["powers", "exemptions", "benchmarks"] {
        set(&mut f, key, c.ids(key).map(Value::Texts));
    }
    c.lifecycle(&mut f);
    f.table("violates", c.citations("violates").unwrap_or_default());
    if let Some(b) = c.citations("penalty_basis") {
        f.table("penalty_basis", b);
    }
    if c.cell("body").is_some() {
        c.body(&mut f);
    } else {
        f.body = Some(String::new());
    }
    let id = id.unwrap_or_else(|| format!("R-{:03}-1", seq.next("R")));
    done(c, id, f)
}

/// 免罚/从轻减轻事项. Ids made up as E-NNN-A (不罚) or E-NNN-B (从轻、减轻).
pub fn exemption(c: &mut Conv, seq: &mut Seq) -> Option<Record> {
    let mut f = Filled::default();
    let title = c.required("title", "违法行为");
    let id = c.own_id();
    let kind = c.choice("kind", &labels(ExemptionKind::ALL, ExemptionKind::label));
    set(&mut f, "title", title.map(Value::Text));
    set(&mut f, "domain", c.domain().map(Value::Text));
    set(
        &mut f,
        "conditions",
        c.items("conditions").map(Value::Texts),
    );
    set(
        &mut f,
        "commitment_required",
        c.yes_no("commitment_required").map(Value::Bool),
    );
    set(&mut f, "discretion", c.text("discretion").map(Value::Text));
    let powers = c.ids("powers");
    // 适用风险点: the table's column, else the risk points that share its 权责事项 (the same
    // violation); with neither, the placeholder stays for staff to fill.
    let risks = c.ids("risks").or_else(|| {
        let powers = powers.as_ref()?;
        let shared: Vec<String> = c
            .ctx
            .risk_powers
            .iter()
            .filter(|(_, p)| p.iter().any(|x| powers.contains(x)))
            .map(|(id, _)| id.clone())
            .collect();
        (!shared.is_empty()).then_some(shared)
    });
    set(&mut f, "risks", risks.map(Value::Texts));
    set(&mut f, "powers", powers.map(Value::Texts));
    c.lifecycle(&mut f);
    if let Some(b) = c.citations("basis") {
        f.table("basis", b);
    }
    c.body(&mut f);
    let letter = match kind.as_deref() {
        Some("从轻处罚" | "减轻处罚") => "B",
        _ => "A",
    };
    set(&mut f, "kind", kind.map(Value::Text));
    let id = id.unwrap_or_else(|| format!("E-{:03}-{letter}", seq.next("E")));
    done(c, id, f)
}
