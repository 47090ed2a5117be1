//! 行政处罚裁量基准: grades of circumstances and the penalty range for each.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::open_data::{self as data, Field, LegalRefRecord, field, field_with};
use super::search_doc::{self, SearchDoc};
use super::{ContentKind, Lifecycle, Lookup, Refs, by_id};
use crate::content::Item;
use crate::content::model::*;
use crate::content::site::SiteSettings;
use crate::content::statutes::Party;
use crate::routes;

/// One grade (档次) of a discretion benchmark. Its fine range is either one range for every
/// party (`fine_min`/`fine_max`) or one per party type (`fine_min_individual` … `fine_max_unit`),
/// where the statute sets different ranges for 个人 and 单位.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenchmarkGrade {
    pub grade: Grade,
    pub circumstances: String,
    pub penalty: String,
    #[serde(default)]
    pub fine_min: Option<u64>,
    #[serde(default)]
    pub fine_max: Option<u64>,
    #[serde(default)]
    pub fine_min_individual: Option<u64>,
    #[serde(default)]
    pub fine_max_individual: Option<u64>,
    #[serde(default)]
    pub fine_min_unit: Option<u64>,
    #[serde(default)]
    pub fine_max_unit: Option<u64>,
}

/// A fine range: its lower and upper bound in yuan (either may be open).
pub type Range = (Option<u64>, Option<u64>);

impl BenchmarkGrade {
    /// The grade's fine range for a party: its own column when the grade has one, else the
    /// range for every party.
    pub fn range_for(&self, party: Party) -> Range {
        let split = match party {
            Party::Individual => (self.fine_min_individual, self.fine_max_individual),
            Party::Unit => (self.fine_min_unit, self.fine_max_unit),
            Party::Any => (None, None),
        };
        if split != (None, None) {
            split
        } else {
            (self.fine_min, self.fine_max)
        }
    }

    /// Whether the grade states separate ranges for 个人 and 单位.
    pub fn is_split(&self) -> bool {
        [
            self.fine_min_individual,
            self.fine_max_individual,
            self.fine_min_unit,
            self.fine_max_unit,
        ]
        .iter()
        .any(Option::is_some)
    }
}

/// 法定处罚幅度: what the penalty article allows for one type of party, stated once in the
/// benchmark and checked against the statute table; every grade must lie inside it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statutory {
    pub party: Party,
    pub law: String,
    pub article: String,
    /// The penalty kinds the article allows (a decision may impose only these).
    pub penalties: Vec<PenaltyKind>,
    /// Statutory fine bounds in yuan; leave out what the article does not set.
    #[serde(default)]
    pub fine_min: Option<u64>,
    #[serde(default)]
    pub fine_max: Option<u64>,
}

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

    /// Whether a decision made on `decided` citing `basis` applied this benchmark as recorded:
    /// yes if made after its last change, if it cites a provision the benchmark still rests
    /// on, or if the benchmark keeps its earlier versions. A benchmark re-based on another law
    /// without `[[versions]]` was applied in an earlier version whose grades are not on record.
    pub fn stands_for(&self, decided: Date, basis: &[LegalRef]) -> bool {
        !self.versions.is_empty()
            || decided >= self.updated
            || crate::content::statutes::shares_provision(basis, &self.penalty_basis)
    }

    /// The statutory declarations that apply to a party.
    pub fn statutory_for(&self, party: Party) -> impl Iterator<Item = &Statutory> {
        self.statutory.iter().filter(move |s| s.party.covers(party))
    }

    /// A grade of the benchmark.
    pub fn grade(&self, grade: Grade) -> Option<&BenchmarkGrade> {
        self.grades.iter().find(|g| g.grade == grade)
    }
}

/// 行政处罚裁量基准: grades of circumstances and the penalty range for each.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Benchmark {
    pub id: BenchmarkId,
    pub title: String,
    pub domain: String,
    pub powers: Vec<PowerId>,
    pub effective: Date,
    pub updated: Date,
    pub status: ItemStatus,
    #[serde(default)]
    pub violates: Vec<LegalRef>,
    pub penalty_basis: Vec<LegalRef>,
    /// 法定处罚幅度 per party type.
    #[serde(default)]
    pub statutory: Vec<Statutory>,
    pub grades: Vec<BenchmarkGrade>,
    /// Earlier versions, earliest first (从旧兼从轻 needs the grades in force on the day of
    /// the act).
    #[serde(default)]
    pub versions: Vec<EarlierVersion>,
}

impl ContentKind for Benchmark {
    const KIND: super::Kind = super::Kind::Benchmark;
    const DIR: &'static str = "benchmarks";
    const KEY: &'static str = "benchmark";
    const LABEL: &'static str = "裁量基准";
    const LIST: Option<&'static routes::Place> = Some(&routes::BENCHMARKS);
    const MANAGED: bool = true;
    const ID_PREFIX: &'static str = "B";
    const ID_EXAMPLE: &'static str = "B-001";
    const SEARCH_WEIGHT: f32 = 1.0;
    const TEMPLATE: &'static str = r#"+++
id = "{id}"                         # 编号，如 B-001
title = "待填写"                     # 违法行为
domain = "待填写"                    # 领域，须为 site.toml 中 domains 之一
powers = ["待填写"]                  # 对应权责事项编号
effective = {date}                  # 生效日期
updated = {date}                    # 最近修改日期
status = "现行有效"                  # 状态：现行有效 | 已修改 | 已废止

[[violates]]                        # 违反的条款（可删除）
law = "待填写"
article = "待填写"

[[penalty_basis]]                   # 处罚依据
law = "待填写"
article = "待填写"

[[statutory]]                       # 法定处罚幅度：处罚依据条款对这类当事人的规定，个人、单位不同的各写一段
party = "任何"                       # 当事人：个人 | 单位 | 任何（个人、单位相同）
law = "待填写"                       # 处罚依据的法律法规名称
article = "待填写"                   # 条款
penalties = ["罚款"]                 # 该条款规定的处罚种类：警告 | 罚款 | 没收违法所得 | 没收非法财物 | …
fine_min = 0                        # 法定罚款下限（元）；条款只规定上限时写 0，未规定数额时删除
fine_max = 0                        # 法定罚款上限（元）；未规定数额时删除

[[grades]]                          # 裁量档次，按 轻微、一般、较重、严重 顺序，可重复
grade = "轻微"                       # 档次：轻微 | 一般 | 较重 | 严重
circumstances = "待填写"             # 违法情形
penalty = "待填写"                   # 处罚标准
fine_min = 0                        # 罚款下限（元，可删除）
fine_max = 0                        # 罚款上限（元，可删除）
# fine_min_individual = 0           # 个人、单位幅度不同时，删除上面两行，改写这四行
# fine_max_individual = 0
# fine_min_unit = 0
# fine_max_unit = 0
+++
"#;

    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn title(&self) -> &str {
        &self.title
    }
    fn address(&self) -> String {
        routes::benchmark(self.id.as_str())
    }
    fn order(a: &Self, b: &Self) -> std::cmp::Ordering {
        by_id(a, b)
    }
    fn domain(&self) -> Option<&str> {
        Some(&self.domain)
    }
    fn lifecycle(&self) -> Option<Lifecycle> {
        Some(Lifecycle {
            effective: self.effective,
            updated: self.updated,
            status: self.status,
        })
    }
    fn changed(&self) -> Date {
        self.updated
    }
    fn citations(&self) -> Vec<&LegalRef> {
        self.violates.iter().chain(&self.penalty_basis).collect()
    }
    fn references(&self) -> Vec<Refs<'_>> {
        vec![Refs::to::<super::PowerItem, _>("powers", &self.powers).required()]
    }

    fn search_doc(item: &Item<Self>, _lookup: &dyn Lookup) -> SearchDoc {
        let m = &item.meta;
        let mut body: Vec<String> = m
            .grades
            .iter()
            .map(|g| format!("{}：{}，{}", g.grade.label(), g.circumstances, g.penalty))
            .collect();
        body.extend([
            search_doc::refs(&m.violates),
            search_doc::refs(&m.penalty_basis),
            item.body.text.clone(),
        ]);
        let summary = format!("{} · 裁量基准 · {}档", m.domain, m.grades.len());
        SearchDoc::of(m, &m.title, summary, body)
            .facet("domain", &m.domain)
            .status(m.status)
    }

    type Record<'a> = Record<'a>;

    fn data_fields(site: &SiteSettings) -> Option<Vec<Field>> {
        let mut f = data::head("编号");
        f.extend([
            field("title", "违法行为", data::non_empty()),
            field("domain", "领域", data::domain(site)),
            field("powers", "关联权责事项", data::strings()),
        ]);
        f.extend(data::lifecycle());
        f.extend([
            field_with(
                "violates",
                "违反的规定",
                data::legal_refs(),
                data::citations,
            ),
            field_with(
                "penalty_basis",
                "处罚依据",
                data::legal_refs(),
                data::citations,
            ),
            field_with(
                "grades",
                "裁量档次",
                data::array_of(data::object([
                    (
                        "grade",
                        data::described(data::one_of(Grade::ALL.iter().map(|g| g.label())), "档次"),
                    ),
                    ("circumstances", data::described(data::string(), "违法情节")),
                    ("penalty", data::described(data::string(), "处罚标准")),
                    ("fine_min", data::yuan("罚款下限（元）")),
                    ("fine_max", data::yuan("罚款上限（元）")),
                ])),
                grades_cell,
            ),
            field("body", "说明", data::string()),
        ]);
        Some(f)
    }

    fn data_record<'a>(item: &'a Item<Self>, lookup: &'a dyn Lookup) -> Record<'a> {
        let m = &item.meta;
        Record {
            id: m.id.as_str(),
            url: data::absolute(lookup.site(), &m.address()),
            title: &m.title,
            domain: &m.domain,
            powers: data::ids(&m.powers),
            effective: m.effective.iso(),
            updated: m.updated.iso(),
            status: m.status,
            violates: data::refs(&m.violates),
            penalty_basis: data::refs(&m.penalty_basis),
            grades: m
                .grades
                .iter()
                .map(|g| GradeRecord {
                    grade: g.grade,
                    circumstances: &g.circumstances,
                    penalty: &g.penalty,
                    fine_min: g.fine_min,
                    fine_max: g.fine_max,
                })
                .collect(),
            body: item.body.text.trim(),
        }
    }
}

/// 裁量档次 as `一般：拒不改正，处罚款（100—500元）；…`.
fn grades_cell(v: &Value) -> String {
    data::each(v, |g| {
        let range = match (g["fine_min"].as_u64(), g["fine_max"].as_u64()) {
            (Some(a), Some(b)) => format!("（{a}—{b}元）"),
            (Some(a), None) => format!("（{a}元以上）"),
            (None, Some(b)) => format!("（{b}元以下）"),
            (None, None) => String::new(),
        };
        format!(
            "{}：{}，{}{range}",
            data::text_of(g, "grade"),
            data::text_of(g, "circumstances"),
            data::text_of(g, "penalty")
        )
    })
}

#[derive(Serialize)]
struct GradeRecord<'a> {
    grade: Grade,
    circumstances: &'a str,
    penalty: &'a str,
    fine_min: Option<u64>,
    fine_max: Option<u64>,
}

/// A benchmark in `/data/benchmarks.json`.
#[derive(Serialize)]
pub struct Record<'a> {
    id: &'a str,
    url: String,
    title: &'a str,
    domain: &'a str,
    powers: Vec<&'a str>,
    effective: String,
    updated: String,
    status: ItemStatus,
    violates: Vec<LegalRefRecord<'a>>,
    penalty_basis: Vec<LegalRefRecord<'a>>,
    grades: Vec<GradeRecord<'a>>,
    body: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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

    #[test]
    fn grade_cells() {
        assert_eq!(
            grades_cell(&json!([{
                "grade": "一般", "circumstances": "拒不改正", "penalty": "处罚款",
                "fine_min": 100, "fine_max": 500,
            }])),
            "一般：拒不改正，处罚款（100—500元）"
        );
    }
}
