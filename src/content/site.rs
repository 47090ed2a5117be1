//! Site settings (`site.toml`) and the staff-editable lay-to-legal synonym table (`synonyms.toml`).

use serde::Deserialize;

use super::model::{AgencyId, Date};
use super::statutes::Party;

/// A public telephone channel (hotline), shown on every page footer and the remedies guide.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hotline {
    pub name: String,
    pub number: String,
}

/// Publication periods in months, by penalty class (公示期限). Local rules differ, so these are settings.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct PeriodMonths {
    /// 警告、通报批评: in principle not published, at most 3 months.
    pub warning: u32,
    /// 简易程序 penalties.
    pub simple: u32,
    /// Ordinary penalties: 3 months to 1 year.
    pub ordinary: u32,
    /// Serious penalties: 1 to 3 years.
    pub serious: u32,
}

impl Default for PeriodMonths {
    fn default() -> Self {
        PeriodMonths {
            warning: 3,
            simple: 3,
            ordinary: 12,
            serious: 36,
        }
    }
}

/// Minimum publication periods in months, by penalty class: before them a party may not ask for
/// 信用修复 (the credit-repair rules as reported: 轻微 none, once the penalty is fulfilled; 一般
/// 3 months; 严重 1 year). Local rules differ, so these are settings too.
#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct RepairMonths {
    pub warning: u32,
    pub simple: u32,
    pub ordinary: u32,
    pub serious: u32,
}

impl Default for RepairMonths {
    fn default() -> Self {
        RepairMonths {
            warning: 0,
            simple: 0,
            ordinary: 3,
            serious: 12,
        }
    }
}

/// The day a publication period counts from (公示期限起算日).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
pub enum PeriodFrom {
    /// 发改办财金〔2019〕527号 and the credit-repair rules: from the decision date.
    #[default]
    #[serde(rename = "决定日期")]
    Decided,
    /// 市场监管总局令第45号: from the publication date.
    #[serde(rename = "公开日期")]
    Published,
}

impl PeriodFrom {
    /// `决定日期` or `公开日期`, as the public reads it.
    pub fn label(self) -> &'static str {
        match self {
            PeriodFrom::Decided => "决定日期",
            PeriodFrom::Published => "公开日期",
        }
    }
}

/// Deadlines (in working days) and publication periods.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Publication {
    /// 国办发〔2018〕118号: penalty decisions within 7 working days.
    pub decision_deadline_days: u32,
    /// 行政处罚法 第四十八条: withdrawal within 3 working days.
    pub withdrawal_deadline_days: u32,
    pub period_months: PeriodMonths,
    /// The minimum periods, before which 信用修复 cannot take a decision down.
    pub repair_min_months: RepairMonths,
    /// The day periods count from.
    pub period_from: PeriodFrom,
    /// Whether 不予处罚 decisions are published as records. They are not 行政处罚 (行政处罚法
    /// 第四十八条 covers penalties) and naming a business for a non-penalty harms it, so by
    /// default they are only counted in the statistics.
    pub publish_no_penalty: bool,
}

impl Default for Publication {
    fn default() -> Self {
        Publication {
            decision_deadline_days: 7,
            withdrawal_deadline_days: 3,
            period_months: PeriodMonths::default(),
            repair_min_months: RepairMonths::default(),
            period_from: PeriodFrom::default(),
            publish_no_penalty: false,
        }
    }
}

/// 较大数额罚款 (行政处罚法 第六十三条) as the province sets it, per party type: a fine at or
/// above it gives the party a right to a hearing and makes the decision a serious one for the
/// publication period.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct LargeFine {
    pub individual: u64,
    pub unit: u64,
}

impl LargeFine {
    pub fn for_party(&self, party: Party) -> u64 {
        match party {
            Party::Individual => self.individual,
            Party::Unit | Party::Any => self.unit,
        }
    }
}

/// `content/site.toml`: who publishes, their public channels, vocabularies and legal settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteSettings {
    pub name: String,
    pub short_name: String,
    pub region: String,
    pub base_url: String,
    /// When true, every page carries a visible 示例数据 notice.
    #[serde(default)]
    pub sample_data: bool,
    pub default_agency: AgencyId,
    /// 领域 vocabulary, in the order lists present it.
    pub domains: Vec<String>,
    /// 行政相对人 vocabulary, in the order the self-check presents it.
    pub audiences: Vec<String>,
    #[serde(default)]
    pub hotlines: Vec<Hotline>,
    #[serde(default)]
    pub emails: Vec<String>,
    #[serde(default)]
    pub addresses: Vec<String>,
    #[serde(default)]
    pub publication: Publication,
    /// 较大数额罚款 thresholds; without them no fine counts as large.
    #[serde(default)]
    pub large_fine: Option<LargeFine>,
    /// How statutes' 个人/单位 ranges apply to a 个体工商户 (default: 个人).
    #[serde(default = "individual")]
    pub individual_business_as: Party,
    /// Sample sites only: the day the sample shows, so it looks like a living agency whenever
    /// it is built. Publication periods are measured against this day when the build day is
    /// later. `check` refuses it on a site that is not marked sample data.
    #[serde(default)]
    pub sample_as_of: Option<Date>,
    /// 修改记录: show each list item's change history (dates and commit summaries) from git,
    /// when the content directory is in a git repository.
    #[serde(default = "default_true")]
    pub history: bool,
    /// 主办单位, as every government site's footer names it (政府网站发展指引).
    #[serde(default)]
    pub host: Option<String>,
    /// 政府网站标识码.
    #[serde(default)]
    pub site_code: Option<String>,
    /// ICP备案编号.
    #[serde(default)]
    pub icp_record: Option<String>,
    /// 公安机关备案号.
    #[serde(default)]
    pub psb_record: Option<String>,
    /// 我为政府网站找错: where the public reports an error on the site.
    #[serde(default)]
    pub error_report_url: Option<String>,
}

impl SiteSettings {
    /// The footer's identification lines (label, value), in the order government sites show
    /// them; unset ones are left out.
    pub fn footer_ids(&self) -> Vec<(&'static str, &str)> {
        [
            ("主办单位", &self.host),
            ("网站标识码", &self.site_code),
            ("ICP备案编号", &self.icp_record),
            ("公安机关备案号", &self.psb_record),
        ]
        .into_iter()
        .filter_map(|(label, v)| v.as_deref().map(|v| (label, v)))
        .collect()
    }
}

fn default_true() -> bool {
    true
}

fn individual() -> Party {
    Party::Individual
}

/// One row of the synonym table: what the public types, and the words the lists use.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Synonym {
    pub lay: Vec<String>,
    pub legal: Vec<String>,
}

/// `content/synonyms.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Synonyms {
    #[serde(default)]
    pub synonym: Vec<Synonym>,
}
