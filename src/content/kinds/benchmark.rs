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

mod versions;
pub use versions::{Applied, EarlierVersion, Version};

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

impl Benchmark {
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
