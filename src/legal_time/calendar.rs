//! Working-day calendar (工作日): the State Council's holidays and make-up workdays (调休上班),
//! one data file per year under `content/calendar/`. Deadline arithmetic on top of it is in
//! [`super::deadlines`]; every question about a year without a file is answered with
//! [`MissingYear`], never with a weekend-only guess.
//!
//! 行政处罚法 第八十五条: the law's 三日, 五日 and 七日 are working days, holidays excluded; the
//! day a period starts on is not counted (民法典 第二百零一条). A day is a working day when it
//! is a make-up workday, or a Monday to Friday that is not inside a holiday range.

use std::collections::{BTreeSet, HashSet};

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Deserialize;

use crate::content::{self, CALENDAR_DIR, model::Date};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Severity};
use std::path::Path;

/// One `content/calendar/YYYY.toml` file: 国务院办公厅关于YYYY年部分节假日安排的通知.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearFile {
    pub year: i32,
    /// The notice the dates come from (title and 文号), so a reviewer can check them.
    pub source: String,
    #[serde(default, rename = "holiday")]
    pub holidays: Vec<Holiday>,
}

/// One holiday of a year: the days off (a closed range, weekends inside it included) and the
/// weekend days worked in exchange.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Holiday {
    pub name: String,
    pub start: Date,
    pub end: Date,
    #[serde(default)]
    pub workdays: Vec<Date>,
}

/// A problem in a year file, pointing at a key (and value) for the diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearIssue {
    pub key: &'static str,
    /// Which repetition of the key (`start` of the 3rd holiday → 2).
    pub nth: usize,
    pub needle: Option<String>,
    pub message: String,
    pub hint: &'static str,
}

impl YearFile {
    /// Checks one file against the year its name gives: the dates belong to that year (元旦
    /// may start on the previous 31 December), ranges are in order, make-up workdays fall on
    /// weekends and outside every holiday.
    pub fn problems(&self, file_year: i32) -> Vec<YearIssue> {
        let mut out = Vec::new();
        let mut issue = |key, nth, needle: Option<String>, message: String, hint| {
            out.push(YearIssue {
                key,
                nth,
                needle,
                message,
                hint,
            })
        };
        if file_year != self.year {
            issue(
                "year",
                0,
                None,
                format!("文件名是 {file_year}.toml，但 year = {}", self.year),
                "文件名写年份，如 2027.toml，与 year 一致",
            );
        }
        let in_year = |d: NaiveDate| d.year() == self.year;
        let mut workday_n = 0;
        for (n, h) in self.holidays.iter().enumerate() {
            let (s, e) = (h.start.0, h.end.0);
            let starts_ok = in_year(s) || (s.year() == self.year - 1 && s.month() == 12);
            if !starts_ok {
                issue(
                    "start",
                    n,
                    None,
                    format!(
                        "{}的放假开始日期 {} 不在 {} 年",
                        h.name,
                        h.start.iso(),
                        self.year
                    ),
                    "只有元旦可以从上一年12月开始，其余日期都应在本年内",
                );
            }
            if !in_year(e) {
                issue(
                    "end",
                    n,
                    None,
                    format!(
                        "{}的放假结束日期 {} 不在 {} 年",
                        h.name,
                        h.end.iso(),
                        self.year
                    ),
                    "每个年份文件只写本年的安排",
                );
            } else if e < s {
                issue(
                    "end",
                    n,
                    None,
                    format!(
                        "{}的放假结束日期 {} 早于开始日期 {}",
                        h.name,
                        h.end.iso(),
                        h.start.iso()
                    ),
                    "start 写第一天，end 写最后一天",
                );
            }
            for w in &h.workdays {
                let day = w.0;
                let needle = Some(w.iso());
                if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                    issue(
                        "workdays",
                        workday_n,
                        needle.clone(),
                        format!(
                            "调休上班日 {} 是{}，本来就是工作日",
                            w.iso(),
                            weekday_zh(day)
                        ),
                        "workdays 只写通知中“上班”的周六、周日",
                    );
                }
                if self
                    .holidays
                    .iter()
                    .any(|o| o.start.0 <= day && day <= o.end.0)
                {
                    issue(
                        "workdays",
                        workday_n,
                        needle.clone(),
                        format!("调休上班日 {} 落在放假期间", w.iso()),
                        "核对通知原文：上班日不会在放假期间",
                    );
                }
                if !in_year(day) {
                    issue(
                        "workdays",
                        workday_n,
                        needle,
                        format!("调休上班日 {} 不在 {} 年", w.iso(), self.year),
                        "每个年份文件只写本年的安排",
                    );
                }
            }
            if !h.workdays.is_empty() {
                workday_n += 1;
            }
        }
        out
    }
}

fn weekday_zh(d: NaiveDate) -> &'static str {
    ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
        [d.weekday().num_days_from_monday() as usize]
}

/// A date falls in a year the calendar has no file for, so working days cannot be counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MissingYear(pub i32);

/// The working-day calendar of every year that has a file.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    years: BTreeSet<i32>,
    off: HashSet<NaiveDate>,
    workdays: HashSet<NaiveDate>,
}

impl Calendar {
    pub fn new(files: &[YearFile]) -> Self {
        let mut cal = Calendar::default();
        for f in files {
            cal.years.insert(f.year);
            for h in &f.holidays {
                let mut d = h.start.0;
                while d <= h.end.0 {
                    cal.off.insert(d);
                    d = d + Days::new(1);
                }
                cal.workdays.extend(h.workdays.iter().map(|w| w.0));
            }
        }
        cal
    }

    pub fn covers(&self, year: i32) -> bool {
        self.years.contains(&year)
    }

    pub fn is_working_day(&self, d: NaiveDate) -> Result<bool, MissingYear> {
        if !self.covers(d.year()) {
            return Err(MissingYear(d.year()));
        }
        if self.workdays.contains(&d) {
            return Ok(true);
        }
        let weekend = matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
        Ok(!weekend && !self.off.contains(&d))
    }
}

/// The calendar as plain data (the years it covers, every day off, every make-up workday), for
/// a server that has the built site but not the content: the 我的罚单 tool reads it back.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarData {
    pub years: Vec<i32>,
    pub off: Vec<Date>,
    pub workdays: Vec<Date>,
}

impl Calendar {
    pub fn data(&self) -> CalendarData {
        let sorted = |days: &HashSet<NaiveDate>| {
            let mut v: Vec<Date> = days.iter().copied().map(Date).collect();
            v.sort();
            v
        };
        CalendarData {
            years: self.years.iter().copied().collect(),
            off: sorted(&self.off),
            workdays: sorted(&self.workdays),
        }
    }

    pub fn from_data(d: &CalendarData) -> Calendar {
        Calendar {
            years: d.years.iter().copied().collect(),
            off: d.off.iter().map(|d| d.0).collect(),
            workdays: d.workdays.iter().map(|d| d.0).collect(),
        }
    }
}

/// Reads every year file of `calendar/` under the content root; a file with problems is
/// reported and left out, so its year counts as missing rather than wrong.
pub fn load(root: &Path) -> (Calendar, Vec<Diagnostic>) {
    let mut diags = Diagnostics::default();
    let dir = root.join(CALENDAR_DIR);
    let shown_dir = content::display_root(root).join(CALENDAR_DIR);
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name())
        .filter(|n| !n.to_string_lossy().starts_with('.'))
        .collect();
    names.sort();
    let mut years = Vec::new();
    for name in names {
        let (path, shown) = (dir.join(&name), shown_dir.join(&name));
        if path.is_dir() {
            continue;
        }
        match path.extension().and_then(|e| e.to_str()) {
            Some("toml") => {}
            Some("md") => continue,
            _ => {
                diags.push(Diagnostic {
                    path: shown,
                    line: 1,
                    column: 1,
                    severity: Severity::Warning,
                    code: Code::UnexpectedFile,
                    message: "日历文件夹中只放 YYYY.toml 文件".into(),
                    hint: Some("参见 docs/content-format.md 中的目录结构".into()),
                });
                continue;
            }
        }
        let (parsed, source) = content::load_settings::<YearFile>(&path, shown, true, &mut diags);
        let Some(year) = parsed else { continue };
        let file_year = path
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| s.parse::<i32>().ok());
        let Some(file_year) = file_year else {
            diags.push(source.diagnostic(
                0,
                Severity::Error,
                Code::Calendar,
                "日历文件名应为年份，如 2027.toml",
                Some("每年一个文件，文件名就是年份".into()),
            ));
            continue;
        };
        let problems = year.problems(file_year);
        for p in &problems {
            let offset = source.at_key(p.key, p.nth, p.needle.as_deref());
            diags.push(source.diagnostic(
                offset,
                Severity::Error,
                Code::Calendar,
                p.message.clone(),
                Some(p.hint.into()),
            ));
        }
        if problems.is_empty() {
            years.push(year);
        }
    }
    (Calendar::new(&years), diags.into_sorted())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn file(text: &str) -> YearFile {
        toml::from_str(text).unwrap()
    }

    /// 国办发明电〔2023〕7号, 劳动节: 5月1日至5日放假调休，4月28日（星期日）、5月11日（星期六）上班.
    fn labour_day_2024() -> Calendar {
        Calendar::new(&[file(
            r#"
            year = 2024
            source = "国办发明电〔2023〕7号"
            [[holiday]]
            name = "劳动节"
            start = 2024-05-01
            end = 2024-05-05
            workdays = [2024-04-28, 2024-05-11]
            "#,
        )])
    }

    #[test]
    fn make_up_weekend_counts_and_holiday_does_not() {
        let cal = labour_day_2024();
        assert_eq!(
            cal.is_working_day(day("2024-04-28")),
            Ok(true),
            "Sunday make-up day"
        );
        assert_eq!(
            cal.is_working_day(day("2024-04-27")),
            Ok(false),
            "plain Saturday"
        );
        assert_eq!(
            cal.is_working_day(day("2024-05-02")),
            Ok(false),
            "Thursday off"
        );
        assert_eq!(cal.is_working_day(day("2024-05-06")), Ok(true));
        assert_eq!(
            cal.is_working_day(day("2024-05-11")),
            Ok(true),
            "Saturday make-up day"
        );
    }

    #[test]
    fn year_file_problems_are_found() {
        let f = file(
            r#"
            year = 2025
            source = "x"
            [[holiday]]
            name = "春节"
            start = 2025-02-04
            end = 2025-01-28
            workdays = [2025-01-27, 2024-12-28]
            [[holiday]]
            name = "国庆节"
            start = 2025-10-01
            end = 2025-10-08
            workdays = [2025-10-05]
            "#,
        );
        let problems = f.problems(2026);
        let keys: Vec<_> = problems.iter().map(|p| (p.key, p.nth)).collect();
        assert_eq!(
            keys,
            [
                ("year", 0),
                ("end", 0),
                ("workdays", 0), // 2025-01-27 is a Monday
                ("workdays", 0), // 2024-12-28 is in another year
                ("workdays", 1), // 2025-10-05 is inside the holiday
            ],
            "{problems:#?}"
        );
    }

    #[test]
    fn new_year_may_start_in_december() {
        let f = file(
            r#"
            year = 2023
            source = "国办发明电〔2022〕16号"
            [[holiday]]
            name = "元旦"
            start = 2022-12-31
            end = 2023-01-02
            "#,
        );
        assert!(f.problems(2023).is_empty());
    }
}
