//! Publication periods (公示期限): how long each decision stays public, and taking down the
//! ones whose period has ended before anything is rendered or indexed, so site and index agree.

use chrono::{Months, NaiveDate};

use crate::content::Library;
use crate::content::kinds::Decision;
use crate::content::model::{Outcome, PenaltyKind, Procedure};
use crate::content::site::PeriodMonths;

/// Which period applies to a decision (DOMAIN.md: credit rules and 市场监管总局令第45号).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodClass {
    /// 不予处罚, or only 警告/通报批评.
    Warning,
    /// 简易程序 penalties.
    Simple,
    Ordinary,
    /// 责令停产停业、责令关闭、吊销或降级、限制经营或从业.
    Serious,
}

impl PeriodClass {
    pub fn label(self) -> &'static str {
        match self {
            PeriodClass::Warning => "警告类",
            PeriodClass::Simple => "简易程序",
            PeriodClass::Ordinary => "一般处罚",
            PeriodClass::Serious => "严重处罚",
        }
    }

    pub fn months(self, p: &PeriodMonths) -> u32 {
        match self {
            PeriodClass::Warning => p.warning,
            PeriodClass::Simple => p.simple,
            PeriodClass::Ordinary => p.ordinary,
            PeriodClass::Serious => p.serious,
        }
    }
}

pub fn class(d: &Decision) -> PeriodClass {
    use PenaltyKind::*;
    let kinds = || d.penalties.iter().map(|p| p.kind);
    if kinds().any(|k| {
        matches!(
            k,
            SuspendBusiness
                | Close
                | RevokeLicence
                | Downgrade
                | RestrictBusiness
                | RestrictPractice
        )
    }) {
        PeriodClass::Serious
    } else if d.outcome == Outcome::NoPenalty || kinds().all(|k| matches!(k, Warning | Criticism)) {
        PeriodClass::Warning
    } else if d.procedure == Procedure::Simple {
        PeriodClass::Simple
    } else {
        PeriodClass::Ordinary
    }
}

/// The first day the decision is no longer public: its publication date plus the period.
pub fn expires_on(d: &Decision, periods: &PeriodMonths) -> NaiveDate {
    let start = d.published.0;
    start
        .checked_add_months(Months::new(class(d).months(periods)))
        .unwrap_or(NaiveDate::MAX)
}

/// A decision a build left out because its period ended.
#[derive(Debug, Clone)]
pub struct TakenDown {
    pub id: String,
    pub number: String,
    pub class: PeriodClass,
    pub expired_on: NaiveDate,
}

/// The decision's take-down if its period has ended on `as_of`. Withdrawn decisions are
/// never taken down: their page shows only the withdrawal notice.
fn due(d: &Decision, periods: &PeriodMonths, as_of: NaiveDate) -> Option<TakenDown> {
    if d.status.is_withdrawn() {
        return None;
    }
    let expired_on = expires_on(d, periods);
    (expired_on <= as_of).then(|| TakenDown {
        id: d.id.to_string(),
        number: d.number.clone(),
        class: class(d),
        expired_on,
    })
}

/// Removes every decision whose period has ended on `as_of` and says which.
pub fn take_down_expired(lib: &mut Library, as_of: NaiveDate) -> Vec<TakenDown> {
    let periods = lib.site.publication.period_months.clone();
    let mut taken = Vec::new();
    lib.decisions
        .retain(|item| match due(&item.meta, &periods, as_of) {
            Some(t) => {
                taken.push(t);
                false
            }
            None => true,
        });
    taken
}

/// What a build on `as_of` would take down, without changing anything (`check --as-of`),
/// soonest first.
pub fn expiring(lib: &Library, as_of: NaiveDate) -> Vec<TakenDown> {
    let periods = &lib.site.publication.period_months;
    let mut out: Vec<_> = lib
        .decisions
        .iter()
        .filter_map(|item| due(&item.meta, periods, as_of))
        .collect();
    out.sort_by(|a, b| (a.expired_on, &a.id).cmp(&(b.expired_on, &b.id)));
    out
}
