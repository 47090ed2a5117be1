//! A benchmark's versions: the earlier ones kept in `[[versions]]`, which one was in force on
//! a day, and which one a decision applied under 行政处罚法第三十七条 (从旧兼从轻).

use serde::Deserialize;

use super::{Benchmark, BenchmarkGrade, Statutory};
use crate::content::model::*;
use crate::content::statutes::Party;

/// An earlier version of a benchmark (`[[versions]]`): in force from the previous version's
/// `until` (or the benchmark's `effective`) up to, not including, `until`, the day the next
/// version took effect.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EarlierVersion {
    pub until: Date,
    pub penalty_basis: Vec<LegalRef>,
    #[serde(default)]
    pub statutory: Vec<Statutory>,
    pub grades: Vec<BenchmarkGrade>,
}

/// One version of a benchmark, earlier or current, with the days it was in force.
#[derive(Debug, Clone, Copy)]
pub struct Version<'a> {
    /// Position in `[[versions]]`; `None` for the current version.
    pub earlier: Option<usize>,
    /// First day in force (the benchmark's `effective` for the first version).
    pub from: Date,
    /// Whether `from` is the day an earlier version ended (not just `effective`).
    pub from_change: bool,
    /// First day no longer in force; `None` for the current version.
    pub until: Option<Date>,
    pub penalty_basis: &'a [LegalRef],
    pub statutory: &'a [Statutory],
    pub grades: &'a [BenchmarkGrade],
}

impl<'a> Version<'a> {
    /// A grade of this version.
    pub fn grade(&self, grade: Grade) -> Option<&'a BenchmarkGrade> {
        self.grades.iter().find(|g| g.grade == grade)
    }

    /// The statutory declarations that apply to a party.
    pub fn statutory_for(&self, party: Party) -> impl Iterator<Item = &'a Statutory> {
        self.statutory.iter().filter(move |s| s.party.covers(party))
    }

    /// Whether this version provides for a party at all: it states no statutory range, or one
    /// that covers the party (a version for 个人 only says nothing about a 单位).
    pub fn covers(&self, party: Party) -> bool {
        self.statutory.is_empty() || self.statutory_for(party).next().is_some()
    }

    /// The most this version allows a party to be fined under a grade: the grade's upper bound,
    /// else the statutory one. `None` when neither is set.
    pub fn ceiling(&self, grade: Option<Grade>, party: Party) -> Option<u64> {
        grade
            .and_then(|g| self.grade(g))
            .and_then(|g| g.range_for(party).1)
            .or_else(|| self.statutory_for(party).filter_map(|s| s.fine_max).max())
    }

    /// The version as the public names it: `2026年8月15日以前的版本`, or for the current one
    /// `现行版本（2026年8月15日起施行）` (`现行版本` when it has no predecessor).
    pub fn label(&self) -> String {
        match (self.until, self.from_change) {
            (Some(u), false) => format!("{}以前的版本", u.zh()),
            (Some(u), true) => format!("{}至{}以前的版本", self.from.zh(), u.zh()),
            (None, true) => format!("现行版本（{}起施行）", self.from.zh()),
            (None, false) => "现行版本".into(),
        }
    }

    /// The page anchor of an earlier version (`version-1` …); the current version has none.
    pub fn anchor(&self) -> Option<String> {
        self.earlier.map(|n| format!("version-{}", n + 1))
    }
}

/// Which version of a benchmark a decision applied under 行政处罚法第三十七条 (从旧兼从轻): the
/// version in force when the act was committed, unless the version in force when the decision
/// was made is lighter for the decision's grade and party.
#[derive(Debug, Clone, Copy)]
pub struct Applied<'a> {
    /// In force on the day of the act.
    pub old: Version<'a>,
    /// In force on the day of the decision.
    pub new: Version<'a>,
    /// The one that applies.
    pub version: Version<'a>,
}

impl Applied<'_> {
    /// Whether the act and the decision fall under different versions.
    pub fn spans_change(&self) -> bool {
        self.old.earlier != self.new.earlier
    }
}

impl Benchmark {
    /// Every version, earliest first, the current one last.
    pub fn versions(&self) -> Vec<Version<'_>> {
        let mut from = self.effective;
        let mut out = Vec::with_capacity(self.versions.len() + 1);
        for (n, v) in self.versions.iter().enumerate() {
            out.push(Version {
                earlier: Some(n),
                from,
                from_change: n > 0,
                until: Some(v.until),
                penalty_basis: &v.penalty_basis,
                statutory: &v.statutory,
                grades: &v.grades,
            });
            from = v.until;
        }
        out.push(self.current());
        out
    }

    /// The version as it stands.
    pub fn current(&self) -> Version<'_> {
        Version {
            earlier: None,
            from: self.versions.last().map_or(self.effective, |v| v.until),
            from_change: !self.versions.is_empty(),
            until: None,
            penalty_basis: &self.penalty_basis,
            statutory: &self.statutory,
            grades: &self.grades,
        }
    }

    /// The version in force on `day`: the first earlier version whose `until` is after it
    /// (the `until` day itself belongs to the next version), else the current one. A day
    /// before `effective` gets the first version.
    pub fn in_force(&self, day: Date) -> Version<'_> {
        self.versions()
            .into_iter()
            .find(|v| v.until.is_none_or(|u| day < u))
            .unwrap_or_else(|| self.current())
    }

    /// The version a decision applied: the one in force on `acted`, unless the one in force on
    /// `decided` is lighter for `grade` and `party` (lower ceiling) and provides for the party.
    pub fn applied(
        &self,
        acted: Date,
        decided: Date,
        grade: Option<Grade>,
        party: Party,
    ) -> Applied<'_> {
        let old = self.in_force(acted);
        let new = self.in_force(decided);
        let new_lighter = old.earlier != new.earlier
            && new.covers(party)
            && match (new.ceiling(grade, party), old.ceiling(grade, party)) {
                (Some(n), Some(o)) => n < o,
                (Some(_), None) => true,
                _ => false,
            };
        Applied {
            old,
            new,
            version: if new_lighter { new } else { old },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn versioned() -> Benchmark {
        toml::from_str(
            r#"
            id = "B-016"
            title = "倾倒建筑垃圾"
            domain = "建筑垃圾"
            powers = ["P-CF-016"]
            effective = 2024-01-01
            updated = 2026-12-06
            status = "已修改"

            [[penalty_basis]]
            law = "生态环境法典"
            article = "第一千一百六十九条第三款"

            [[statutory]]
            party = "个人"
            law = "生态环境法典"
            article = "第一千一百六十九条第三款"
            penalties = ["罚款"]
            fine_min = 100
            fine_max = 1000

            [[grades]]
            grade = "一般"
            circumstances = "1至5立方米"
            penalty = "处200元以上400元以下罚款"
            fine_min = 200
            fine_max = 400

            [[versions]]
            until = 2025-06-01
            [[versions.penalty_basis]]
            law = "城市建筑垃圾管理规定"
            article = "第二十六条"
            [[versions.grades]]
            grade = "一般"
            circumstances = "1至5立方米"
            penalty = "处50元以上80元以下罚款"
            fine_min_individual = 50
            fine_max_individual = 80
            fine_min_unit = 10000
            fine_max_unit = 20000

            [[versions]]
            until = 2026-08-15
            [[versions.penalty_basis]]
            law = "城市建筑垃圾管理规定"
            article = "第二十六条"
            [[versions.statutory]]
            party = "个人"
            law = "城市建筑垃圾管理规定"
            article = "第二十六条"
            penalties = ["警告", "罚款"]
            fine_min = 0
            fine_max = 200
            [[versions.statutory]]
            party = "单位"
            law = "城市建筑垃圾管理规定"
            article = "第二十六条"
            penalties = ["警告", "罚款"]
            fine_min = 5000
            fine_max = 50000
            [[versions.grades]]
            grade = "一般"
            circumstances = "1至5立方米"
            penalty = "处50元以上100元以下罚款"
            fine_min_individual = 50
            fine_max_individual = 100
            fine_min_unit = 10000
            fine_max_unit = 20000
            "#,
        )
        .unwrap()
    }

    fn day(s: &str) -> Date {
        Date(s.parse().unwrap())
    }

    #[test]
    fn the_until_day_belongs_to_the_next_version() {
        let b = versioned();
        let at = |d: &str| b.in_force(day(d)).earlier;
        assert_eq!(at("2024-01-01"), Some(0));
        assert_eq!(at("2025-05-31"), Some(0));
        assert_eq!(at("2025-06-01"), Some(1));
        assert_eq!(at("2026-08-14"), Some(1));
        assert_eq!(at("2026-08-15"), None);
        assert_eq!(at("2027-01-01"), None);
        // Before the benchmark took effect: the first version.
        assert_eq!(at("2023-12-31"), Some(0));
        let all = b.versions();
        assert_eq!(all.len(), 3);
        assert_eq!(all[1].from, day("2025-06-01"));
        assert_eq!(all[1].until, Some(day("2026-08-15")));
        assert_eq!(b.current().from, day("2026-08-15"));
        assert_eq!(all[1].anchor().as_deref(), Some("version-2"));
        assert_eq!(b.current().anchor(), None);
        assert_eq!(all[0].label(), "2025年6月1日以前的版本");
        assert_eq!(all[1].label(), "2025年6月1日至2026年8月15日以前的版本");
        assert_eq!(b.current().label(), "现行版本（2026年8月15日起施行）");
    }

    #[test]
    fn the_old_version_applies_unless_the_new_one_is_lighter() {
        let b = versioned();
        let applied = |acted: &str, decided: &str, party| {
            b.applied(day(acted), day(decided), Some(Grade::Ordinary), party)
        };
        // An individual: old 一般 50–100 is lighter than new 200–400, so the old applies.
        let a = applied("2026-08-12", "2026-09-17", Party::Individual);
        assert!(a.spans_change());
        assert_eq!(a.version.earlier, Some(1));
        // A unit: the new version provides only for individuals, so the old applies.
        assert_eq!(
            applied("2026-08-12", "2026-09-17", Party::Unit)
                .version
                .earlier,
            Some(1)
        );
        // Both days under one version: that version.
        let a = applied("2026-08-15", "2026-09-17", Party::Individual);
        assert!(!a.spans_change());
        assert_eq!(a.version.earlier, None);
        // The second version is lighter than the first? No: 100 > 80, so the first applies.
        assert_eq!(
            applied("2025-05-01", "2025-07-01", Party::Individual)
                .version
                .earlier,
            Some(0)
        );
    }

    #[test]
    fn a_lighter_new_version_applies() {
        let mut b = versioned();
        // The current 一般 grade lowered below the old one.
        b.grades[0].fine_min = Some(20);
        b.grades[0].fine_max = Some(60);
        let a = b.applied(
            day("2026-08-12"),
            day("2026-09-17"),
            Some(Grade::Ordinary),
            Party::Individual,
        );
        assert_eq!(a.old.earlier, Some(1));
        assert_eq!(a.new.earlier, None);
        assert_eq!(a.version.earlier, None);
    }
}
