//! Working-day deadlines of decisions: publication (DL001) and withdrawal (DL002), counted on
//! the calendar; a year without a calendar file, for these or for the remedy dates decision
//! pages show, is reported once (CAL002), never guessed.

use super::super::{Checker, at};
use crate::content::model::Date;
use crate::diagnostics::{Code, Severity};
use crate::legal_time::MissingYear;
use crate::legal_time::remedies::{self, Unknown};

/// One working-day deadline of a decision: from one date, within `days`, done on another.
struct Deadline {
    from: Date,
    days: u32,
    done: Date,
    /// The front-matter key the warning points at.
    key: &'static str,
    code: Code,
    /// (what happened on `from`, what was done on `done`).
    what: (&'static str, &'static str),
    hint: &'static str,
}

impl Checker<'_> {
    /// Working-day deadlines counted on the calendar: publishing a decision (DL001) and
    /// withdrawing a changed one (DL002). A year without a calendar file is reported once
    /// (CAL002) rather than guessed.
    pub(in crate::checks) fn deadlines(&mut self) {
        let lib = self.lib;
        let p = &lib.site.publication;
        // Per missing year: deadlines that could not be checked, decisions whose remedy dates
        // cannot be shown.
        let mut missing: std::collections::BTreeMap<i32, (usize, usize)> = Default::default();
        for i in &lib.decisions {
            let m = &i.meta;
            if !m.status.is_withdrawn() {
                let r = remedies::remedy_dates(m.decided.0, self.calendar);
                let years: std::collections::BTreeSet<i32> = [r.review_by, r.suit_by]
                    .into_iter()
                    .filter_map(|d| match d {
                        Err(Unknown::MissingYear(y)) => Some(y),
                        _ => None,
                    })
                    .collect();
                for y in years {
                    missing.entry(y).or_default().1 += 1;
                }
            }
            let mut checks = vec![Deadline {
                from: m.decided,
                days: p.decision_deadline_days,
                done: m.published,
                key: "published",
                code: Code::PublishLate,
                what: ("作出", "公开"),
                hint: "按实际公开日期填写，不要改早；逾期原因在合并请求中说明，并报法制科（国办发〔2018〕118号：作出决定之日起7个工作日内公开）",
            }];
            if let Some(w) = &m.withdrawal {
                checks.push(Deadline {
                    from: w.changed,
                    days: p.withdrawal_deadline_days,
                    done: w.date,
                    key: "date",
                    code: Code::WithdrawLate,
                    what: ("被变更、撤销或确认违法、无效", "撤回"),
                    hint: "按实际撤回日期填写，不要改早；逾期原因在合并请求中说明，并报法制科（行政处罚法第四十八条：3个工作日内撤回并公开理由）",
                });
            }
            for c in checks {
                match self.calendar.missed_deadline(c.from.0, c.days, c.done.0) {
                    Ok(Some(deadline)) => {
                        let (happened, acted) = c.what;
                        let msg = format!(
                            "决定于 {} {happened}，{} 才{acted}，晚于 {} 个工作日的{acted}时限（最迟 {}）",
                            c.from.iso(),
                            c.done.iso(),
                            c.days,
                            deadline.format("%Y-%m-%d"),
                        );
                        self.report(&i.source, at(c.key), Severity::Warning, c.code, msg, c.hint);
                    }
                    Ok(None) => {}
                    Err(MissingYear(y)) => missing.entry(y).or_default().0 += 1,
                }
            }
        }
        let dir = lib
            .site_source
            .path
            .parent()
            .unwrap_or(std::path::Path::new(""))
            .join(crate::content::CALENDAR_DIR);
        for (year, (deadlines, remedy)) in missing {
            let calendar_file = dir.join(format!("{year}.toml"));
            let hint = format!(
                "国务院办公厅公布 {year} 年部分节假日安排后，照 calendar/ 中其他年份的格式添加 {year}.toml"
            );
            let mut warn = |code, message| {
                self.diags.push(crate::diagnostics::Diagnostic {
                    path: calendar_file.clone(),
                    line: 1,
                    column: 1,
                    severity: Severity::Warning,
                    code,
                    message,
                    hint: Some(hint.clone()),
                })
            };
            if deadlines > 0 {
                warn(
                    Code::CalendarMissing,
                    format!("缺少 {year} 年的节假日安排，{deadlines} 处公开或撤回时限无法核对"),
                );
            }
            if remedy > 0 {
                warn(
                    Code::RemedyDatesUnknown,
                    format!(
                        "缺少 {year} 年的节假日安排，{remedy} 份决定的复议、诉讼截止日期无法按节假日顺延，页面只写按期限推算的届满日并提示遇节假日顺延"
                    ),
                );
            }
        }
    }
}
