//! Publication periods (公示期限): how long each decision stays public, and taking down the
//! ones whose period has ended before anything is rendered or indexed, so site and index agree.
//! Periods count from the decision date by default (发改办财金〔2019〕527号 and the
//! credit-repair rules; `period_from` in site.toml switches to the publication date of
//! 市场监管总局令第45号). 不予处罚 decisions are not 行政处罚 (行政处罚法 第四十八条 covers
//! penalties): unless the site publishes them, they leave with the expired ones. Both are still
//! counted, without a record, in the statistics ([`Counted`]).

use chrono::{Months, NaiveDate};

use crate::content::Library;
use crate::content::kinds::Decision;
use crate::content::model::{
    BenchmarkId, Date, Grade, LegalRef, Outcome, PartyType, PenaltyKind, Procedure, RiskId,
};
use crate::content::site::{LargeFine, PeriodFrom, Publication, RepairMonths, SiteSettings};
use crate::content::statutes::Party;

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

    /// The credit rules' category of the class (as reported: 轻微, 一般, 严重 失信信息). Which
    /// penalties fall in which category is the site's reading (see its settings), not a
    /// verified article.
    pub fn credit_category(self) -> &'static str {
        match self {
            PeriodClass::Warning | PeriodClass::Simple => "轻微失信信息",
            PeriodClass::Ordinary => "一般失信信息",
            PeriodClass::Serious => "严重失信信息",
        }
    }

    /// The minimum period before 信用修复 may end publication.
    pub fn min_months(self, p: &RepairMonths) -> u32 {
        match self {
            PeriodClass::Warning => p.warning,
            PeriodClass::Simple => p.simple,
            PeriodClass::Ordinary => p.ordinary,
            PeriodClass::Serious => p.serious,
        }
    }

    pub fn months(self, p: &crate::content::site::PeriodMonths) -> u32 {
        match self {
            PeriodClass::Warning => p.warning,
            PeriodClass::Simple => p.simple,
            PeriodClass::Ordinary => p.ordinary,
            PeriodClass::Serious => p.serious,
        }
    }
}

/// The class of a decision: serious for the heavier penalty kinds and for a 较大数额罚款
/// (the site's threshold for the party), a warning class for 不予处罚 and warnings alone, then
/// simple and ordinary procedure.
pub fn class(d: &Decision, site: &SiteSettings) -> PeriodClass {
    use PenaltyKind::*;
    let kinds = || d.penalties.iter().map(|p| p.kind);
    let heavy = kinds().any(|k| {
        matches!(
            k,
            SuspendBusiness
                | Close
                | RevokeLicence
                | Downgrade
                | RestrictBusiness
                | RestrictPractice
        )
    });
    let warning_only =
        d.outcome == Outcome::NoPenalty || kinds().all(|k| matches!(k, Warning | Criticism));
    class_of(
        heavy,
        warning_only,
        d.procedure,
        d.fines().sum::<u64>(),
        d.party(site.individual_business_as),
        site.large_fine.as_ref(),
    )
}

/// The class from what decides it: a heavier penalty kind, only a warning (or no penalty), the
/// procedure, the fines' total and the party (for the 较大数额 threshold). The ticket tool
/// classifies a fine it knows only by these.
pub fn class_of(
    heavy: bool,
    warning_only: bool,
    procedure: Procedure,
    fines: u64,
    party: Party,
    large_fine: Option<&LargeFine>,
) -> PeriodClass {
    let large_fine = large_fine.is_some_and(|t| fines >= t.for_party(party));
    if large_fine || heavy {
        PeriodClass::Serious
    } else if warning_only {
        PeriodClass::Warning
    } else if procedure == Procedure::Simple {
        PeriodClass::Simple
    } else {
        PeriodClass::Ordinary
    }
}

/// A decision's publication period: its class, the day it counts from, the first day 信用修复
/// may end it (the minimum period reached) and the first day it is no longer public.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub class: PeriodClass,
    pub from: NaiveDate,
    pub min_months: u32,
    pub max_months: u32,
    /// The minimum period is reached: repair may be asked for (and approved) from this day.
    pub repair_from: NaiveDate,
    /// The first day the record is no longer public.
    pub ends: NaiveDate,
}

/// The period of a decision of `class` counted from `from`.
pub fn period_of(class: PeriodClass, from: NaiveDate, p: &Publication) -> Period {
    let (min, max) = (
        class.min_months(&p.repair_min_months),
        class.months(&p.period_months),
    );
    let add = |m: u32| {
        from.checked_add_months(Months::new(m))
            .unwrap_or(NaiveDate::MAX)
    };
    Period {
        class,
        from,
        min_months: min,
        max_months: max,
        repair_from: add(min.min(max)),
        ends: add(max),
    }
}

/// The period of a decision, counted from the decision or the publication date as the site
/// says.
pub fn period(d: &Decision, site: &SiteSettings) -> Period {
    let start = match site.publication.period_from {
        PeriodFrom::Decided => d.decided.0,
        PeriodFrom::Published => d.published.0,
    };
    period_of(class(d, site), start, &site.publication)
}

/// The first day the decision is no longer public: the period, counted from the decision or
/// the publication date as the site says.
pub fn expires_on(d: &Decision, site: &SiteSettings) -> NaiveDate {
    period(d, site).ends
}

/// Why a decision is not published as a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Its publication period has ended.
    Expired,
    /// A 不予处罚 decision on a site that does not publish them.
    NotPublished,
    /// 信用修复 ended publication early (`[repair]`).
    Repaired,
}

/// A decision a build left out.
#[derive(Debug, Clone)]
pub struct TakenDown {
    pub id: String,
    pub number: String,
    pub class: PeriodClass,
    /// When its period ends (or ended); for a repaired decision, the day of the repair.
    pub expired_on: NaiveDate,
    pub reason: Reason,
}

/// What the statistics count of a decision, without anything that identifies the party: the
/// one form in which a decision that left the site is still counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counted {
    pub decided: Date,
    /// The day of the act (the decision's `acted`, else `decided`): with `decided`, which
    /// version of a benchmark applied.
    pub acted: Date,
    pub domain: String,
    pub outcome: Outcome,
    pub procedure: Procedure,
    pub risks: Vec<RiskId>,
    pub violation: String,
    pub total_amount: u64,
    /// The benchmarks applied and the grade, the party's type and the 罚款 alone: what the
    /// benchmark pages' consistency tables (同案同罚) compare with the grades.
    pub benchmarks: Vec<BenchmarkId>,
    pub grade: Option<Grade>,
    pub party_type: PartyType,
    pub fine: Option<u64>,
    /// The decision's legal basis (for [`Benchmark::stands_for`](crate::content::kinds::Benchmark::stands_for)).
    pub basis: Vec<LegalRef>,
}

impl Counted {
    pub fn of(d: &Decision) -> Counted {
        let fines: Vec<u64> = d.fines().collect();
        Counted {
            benchmarks: d.benchmarks.clone(),
            grade: d.grade,
            party_type: d.party_type,
            basis: d.basis.clone(),
            fine: (!fines.is_empty()).then(|| fines.iter().sum()),
            decided: d.decided,
            acted: d.acted_on(),
            domain: d.domain.clone(),
            outcome: d.outcome,
            procedure: d.procedure,
            risks: d.risks.clone(),
            violation: d.violation.clone(),
            total_amount: d.total_amount(),
        }
    }
}

/// The decision's take-down on `as_of`, if it is not to be published. Withdrawn decisions are
/// never taken down: their page shows only the withdrawal notice.
fn due(d: &Decision, site: &SiteSettings, as_of: NaiveDate) -> Option<TakenDown> {
    if d.status.is_withdrawn() {
        return None;
    }
    let ends = expires_on(d, site);
    let repaired = d
        .repair
        .as_ref()
        .map(|r| r.repaired.0)
        .filter(|r| *r < ends);
    let (expired_on, reason) = if let Some(day) = repaired.filter(|r| *r <= as_of) {
        (day, Reason::Repaired)
    } else if ends <= as_of {
        (ends, Reason::Expired)
    } else if d.outcome == Outcome::NoPenalty && !site.publication.publish_no_penalty {
        (ends, Reason::NotPublished)
    } else {
        return None;
    };
    Some(TakenDown {
        id: d.id.to_string(),
        number: d.number.clone(),
        class: class(d, site),
        expired_on,
        reason,
    })
}

/// The day publication periods are measured against: `as_of`, except that a sample site is
/// never shown later than its `sample_as_of` (so it looks the same on any build day).
pub fn effective_as_of(site: &SiteSettings, as_of: NaiveDate) -> NaiveDate {
    match site.sample_as_of {
        Some(day) if site.sample_data => as_of.min(day.0),
        _ => as_of,
    }
}

/// What a build on `as_of` leaves out of the published library.
#[derive(Debug, Default)]
pub struct TakeDown {
    /// Every decision left out, expired or not published.
    pub taken: Vec<TakenDown>,
    /// What the statistics still count of them.
    pub counted: Vec<Counted>,
}

impl TakeDown {
    /// The decisions whose period ended or that were repaired (what the build reports by name).
    pub fn expired(&self) -> impl Iterator<Item = &TakenDown> {
        self.taken
            .iter()
            .filter(|t| t.reason != Reason::NotPublished)
    }
}

impl TakenDown {
    /// Why it left, after its number: `一般处罚公示期限于 2026-03-05 届满` or `已于 … 完成信用修复`.
    pub fn why(&self) -> String {
        match self.reason {
            Reason::Repaired => format!(
                "{}，已于 {} 完成信用修复，提前停止公示",
                self.class.label(),
                self.expired_on
            ),
            _ => format!("{}公示期限于 {} 届满", self.class.label(), self.expired_on),
        }
    }
}

/// Removes every decision whose period has ended on `as_of`, and the 不予处罚 decisions the
/// site does not publish, and says which.
pub fn take_down(lib: &mut Library, as_of: NaiveDate) -> TakeDown {
    let site = lib.site.clone();
    let as_of = effective_as_of(&site, as_of);
    let mut out = TakeDown::default();
    lib.decisions
        .retain(|item| match due(&item.meta, &site, as_of) {
            Some(t) => {
                out.taken.push(t);
                out.counted.push(Counted::of(&item.meta));
                false
            }
            None => true,
        });
    out
}

/// Removes every decision whose period has ended on `as_of` (and the unpublished 不予处罚
/// ones) and returns those whose period ended.
pub fn take_down_expired(lib: &mut Library, as_of: NaiveDate) -> Vec<TakenDown> {
    take_down(lib, as_of).expired().cloned().collect()
}

/// What a build on `as_of` would take down because its period ended or 信用修复 ended it,
/// without changing anything (`check --as-of`), soonest first.
pub fn expiring(lib: &Library, as_of: NaiveDate) -> Vec<TakenDown> {
    let as_of = effective_as_of(&lib.site, as_of);
    let mut out: Vec<_> = lib
        .decisions
        .iter()
        .filter_map(|item| due(&item.meta, &lib.site, as_of))
        .filter(|t| t.reason != Reason::NotPublished)
        .collect();
    out.sort_by(|a, b| (a.expired_on, &a.id).cmp(&(b.expired_on, &b.id)));
    out
}
