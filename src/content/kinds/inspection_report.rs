//! A year's 涉企行政检查 plan (年度检查计划: per inspection item, how many businesses are on
//! file, how many will be inspected, in which months) or its results in aggregate (检查结果:
//! inspections, problems found, orders, corrections, exemptions, cases per item), with the
//! totals the agency states, which the checks add up (INSP003).

use serde::Deserialize;

use super::search_doc::SearchDoc;
use super::{ContentKind, Inspection, Kind, Lookup, Refs};
use crate::content::Item;
use crate::content::model::*;
use crate::routes;

/// One line of a plan: an inspection item, its population on file and what is planned.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanLine {
    pub item: InspectionId,
    pub agency: AgencyId,
    /// 检查对象 as the plan narrows them.
    pub targets: String,
    /// 名录库数量: businesses of this kind on file.
    pub population: u32,
    /// 计划检查数.
    pub planned: u32,
    /// 双随机抽查比例 (0.2 = 20%).
    pub random_ratio: f64,
    /// Months in which the checks are concentrated (1–12).
    #[serde(default)]
    pub months: Vec<u32>,
    #[serde(default)]
    pub note: Option<String>,
}

/// The six counts of a results row or total, in table order.
pub const COUNT_LABELS: [&str; 6] = [
    "检查户次",
    "发现问题",
    "责令改正",
    "按期改正",
    "包容免罚",
    "立案",
];

/// The front-matter keys of the six counts, in the order of [`COUNT_LABELS`].
pub const COUNT_KEYS: [&str; 6] = [
    "inspections",
    "problems",
    "ordered",
    "corrected",
    "exempted",
    "cases",
];

/// One row of the results: an inspection item's counts for the year.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultRow {
    pub item: InspectionId,
    pub agency: AgencyId,
    pub inspections: u32,
    pub problems: u32,
    pub ordered: u32,
    pub corrected: u32,
    pub exempted: u32,
    pub cases: u32,
}

/// A total the agency states: of one agency's rows, or (without `agency`) of every row.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultTotal {
    #[serde(default)]
    pub agency: Option<AgencyId>,
    pub inspections: u32,
    pub problems: u32,
    pub ordered: u32,
    pub corrected: u32,
    pub exempted: u32,
    pub cases: u32,
}

impl ResultRow {
    pub fn counts(&self) -> [u64; 6] {
        [
            self.inspections,
            self.problems,
            self.ordered,
            self.corrected,
            self.exempted,
            self.cases,
        ]
        .map(u64::from)
    }
}

impl ResultTotal {
    pub fn counts(&self) -> [u64; 6] {
        [
            self.inspections,
            self.problems,
            self.ordered,
            self.corrected,
            self.exempted,
            self.cases,
        ]
        .map(u64::from)
    }
}

/// A year's inspection plan (`[[lines]]`) or results (`[[rows]]` and `[[totals]]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InspectionReport {
    pub id: InspectionReportId,
    pub title: String,
    pub year: i32,
    pub published: Date,
    /// 审批: who approved the plan.
    #[serde(default)]
    pub approved_by: Option<String>,
    /// 双随机、一公开: how targets and staff are drawn.
    #[serde(default)]
    pub random_method: Option<String>,
    #[serde(default)]
    pub random_ratio_note: Option<String>,
    #[serde(default)]
    pub special_checks_note: Option<String>,
    #[serde(default)]
    pub method_note: Option<String>,
    #[serde(default)]
    pub lines: Vec<PlanLine>,
    #[serde(default)]
    pub rows: Vec<ResultRow>,
    #[serde(default)]
    pub totals: Vec<ResultTotal>,
}

impl InspectionReport {
    /// Whether it is a plan (has plan lines) rather than results.
    pub fn is_plan(&self) -> bool {
        !self.lines.is_empty()
    }

    /// The sum of the rows a total covers (one agency's, or all).
    pub fn sum(&self, agency: Option<&AgencyId>) -> [u64; 6] {
        let mut sum = [0u64; 6];
        for row in self
            .rows
            .iter()
            .filter(|r| agency.is_none_or(|a| &r.agency == a))
        {
            for (s, c) in sum.iter_mut().zip(row.counts()) {
                *s += c;
            }
        }
        sum
    }

    /// Stated totals that are not the sum of their rows: (index, count, stated, sum), where
    /// count indexes [`COUNT_LABELS`] and [`COUNT_KEYS`].
    pub fn wrong_totals(&self) -> Vec<(usize, usize, u64, u64)> {
        let mut wrong = Vec::new();
        for (i, t) in self.totals.iter().enumerate() {
            let sum = self.sum(t.agency.as_ref());
            for (k, (stated, summed)) in t.counts().into_iter().zip(sum).enumerate() {
                if stated != summed {
                    wrong.push((i, k, stated, summed));
                }
            }
        }
        wrong
    }
}

impl ContentKind for InspectionReport {
    const KIND: Kind = Kind::InspectionReport;
    const DIR: &'static str = "inspection-reports";
    const KEY: &'static str = "inspection-report";
    const LABEL: &'static str = "涉企行政检查计划和结果";
    const LIST: Option<&'static routes::Place> = None;
    const ID_PREFIX: &'static str = "plan";
    const ID_EXAMPLE: &'static str = "plan-2026";
    const SEARCH_WEIGHT: f32 = 0.9;
    const TEMPLATE: &'static str = r#"+++
id = "{id}"                         # plan-年份（年度检查计划）或 results-年份（检查结果汇总）
title = "待填写"                     # 如“2026年度涉企行政检查计划”
year = 2026                         # 年度
published = {date}                  # 公布日期
approved_by = "待填写"               # 计划由谁批准（结果汇总删除这一行）
random_method = "待填写"             # 双随机、一公开的做法（结果汇总删除这一行）

# 年度计划：每个检查事项一段
[[lines]]
item = "待填写"                      # 检查事项编号，如 JC-I-001
agency = "待填写"                    # 检查主体编号
targets = "待填写"                   # 检查对象
population = 0                      # 名录库中的对象数量
planned = 0                         # 计划检查数
random_ratio = 0.1                  # 双随机抽查比例
months = [3, 4, 5]                  # 集中开展的月份

# 检查结果：每个检查事项一段 [[rows]]（item、agency、inspections 检查户次、problems 发现问题、
# ordered 责令改正、corrected 按期改正、exempted 包容免罚、cases 立案），
# 再写 [[totals]] 合计（每个主体一段写 agency，全部合计不写 agency），检查会核对合计是否等于各行之和
+++
"#;

    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn title(&self) -> &str {
        &self.title
    }
    fn address(&self) -> String {
        routes::inspection(self.id.as_str())
    }
    fn order(a: &Self, b: &Self) -> std::cmp::Ordering {
        (b.year, &a.id).cmp(&(a.year, &b.id))
    }
    fn changed(&self) -> Date {
        self.published
    }
    fn references(&self) -> Vec<Refs<'_>> {
        let mut agency_ids: Vec<&str> = self.lines.iter().map(|l| l.agency.as_str()).collect();
        agency_ids.extend(self.rows.iter().map(|r| r.agency.as_str()));
        agency_ids.extend(
            self.totals
                .iter()
                .filter_map(|t| t.agency.as_ref().map(|a| a.as_str())),
        );
        let mut item_ids: Vec<&str> = self.lines.iter().map(|l| l.item.as_str()).collect();
        item_ids.extend(self.rows.iter().map(|r| r.item.as_str()));
        vec![
            Refs {
                key: "item",
                target: Kind::Inspection,
                ids: item_ids,
                required: false,
            },
            Refs {
                key: "agency",
                target: Kind::Agency,
                ids: agency_ids,
                required: false,
            },
        ]
    }

    fn search_doc(item: &Item<Self>, lookup: &dyn Lookup) -> SearchDoc {
        let m = &item.meta;
        let title = |id: &InspectionId| {
            super::find::<Inspection>(lookup, id.as_str())
                .map_or(id.as_str().to_string(), |i| i.meta.title.clone())
        };
        let mut body: Vec<String> = [
            &m.approved_by,
            &m.random_method,
            &m.special_checks_note,
            &m.method_note,
        ]
        .into_iter()
        .flatten()
        .cloned()
        .collect();
        body.extend(m.lines.iter().map(|l| {
            format!(
                "{}：{}，计划检查 {} 个",
                title(&l.item),
                l.targets,
                l.planned
            )
        }));
        body.extend(
            m.rows
                .iter()
                .map(|r| format!("{}：检查 {} 户次", title(&r.item), r.inspections)),
        );
        body.push(item.body.text.clone());
        let summary = if m.is_plan() {
            format!("{} 年度检查计划 · {} 个检查事项", m.year, m.lines.len())
        } else {
            format!("{} 年度检查结果汇总 · {} 个检查事项", m.year, m.rows.len())
        };
        SearchDoc::of(m, &m.title, summary, body)
    }

    /// Published as its page: the tables are the data.
    type Record<'a> = ();
    fn data_record<'a>(_: &'a Item<Self>, _: &'a dyn Lookup) {}
}
