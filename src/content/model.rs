//! The typed content model: one struct per content kind, closed choices as enums, ids as newtypes.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};
use std::fmt;

/// Declares an enum whose serialised form is its Chinese label.
macro_rules! label_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $label)] $variant),+
        }
        impl $name {
            /// Every choice, in the order lists present them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The Chinese label authors write and the public reads.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.label()) }
        }
    };
}

label_enum!(
    /// 风险等级: how likely and how costly a violation is for the person concerned.
    RiskLevel { High => "高", Medium => "中", Low => "低" }
);

label_enum!(
    /// 职权类型: the kind of power an item in the 权责清单 grants.
    PowerType {
        Penalty => "行政处罚",
        Coercion => "行政强制",
        Inspection => "行政检查",
        Licensing => "行政许可",
        Confirmation => "行政确认",
        Other => "其他",
    }
);

label_enum!(
    /// 免罚/从轻减轻 category of an exemption item (两轻一免).
    ExemptionKind {
        MinorNoPenalty => "轻微不罚",
        FirstOffenceNoPenalty => "首违免罚",
        Lighter => "从轻处罚",
        Mitigated => "减轻处罚",
    }
);

label_enum!(
    /// 裁量档次: the grade of circumstances in a discretion benchmark.
    Grade { Minor => "轻微", Ordinary => "一般", Serious => "较重", Grave => "严重" }
);

label_enum!(
    /// 裁量结果: how the discretion benchmark was applied in a decision.
    Outcome {
        NoPenalty => "不予处罚",
        Lighter => "从轻",
        Mitigated => "减轻",
        Ordinary => "一般",
        Heavier => "从重",
    }
);

label_enum!(
    /// 程序: on-the-spot simple procedure or the ordinary procedure.
    Procedure { Simple => "简易程序", Ordinary => "普通程序" }
);

label_enum!(
    /// 决定状态: whether a published decision still stands.
    DecisionStatus {
        Valid => "有效",
        Changed => "已变更",
        Revoked => "已撤销",
        ConfirmedIllegal => "确认违法",
        ConfirmedInvalid => "确认无效",
    }
);

impl DecisionStatus {
    /// Any status but 有效 means the decision must be withdrawn from publication (撤回).
    pub fn is_withdrawn(self) -> bool {
        self != DecisionStatus::Valid
    }

    /// What happened to the decision, as the withdrawal notice says it: 已变更, 已被确认违法 ….
    pub fn as_event(self) -> &'static str {
        match self {
            DecisionStatus::Valid => "有效",
            DecisionStatus::Changed => "已变更",
            DecisionStatus::Revoked => "已撤销",
            DecisionStatus::ConfirmedIllegal => "已被确认违法",
            DecisionStatus::ConfirmedInvalid => "已被确认无效",
        }
    }
}

label_enum!(
    /// 清单状态: lists are dynamically managed (动态调整); items change and are repealed.
    ItemStatus { Current => "现行有效", Amended => "已修改", Repealed => "已废止" }
);

label_enum!(
    /// 当事人类型: natural persons are anonymised, organisations keep their names.
    PartyType {
        NaturalPerson => "自然人",
        IndividualBusiness => "个体工商户",
        Organisation => "法人或其他组织",
    }
);

label_enum!(
    /// 处罚种类, as listed in 行政处罚法 第九条.
    PenaltyKind {
        Warning => "警告",
        Criticism => "通报批评",
        Fine => "罚款",
        ConfiscateGains => "没收违法所得",
        ConfiscateProperty => "没收非法财物",
        SuspendLicence => "暂扣许可证件",
        Downgrade => "降低资质等级",
        RevokeLicence => "吊销许可证件",
        RestrictBusiness => "限制开展生产经营活动",
        SuspendBusiness => "责令停产停业",
        Close => "责令关闭",
        RestrictPractice => "限制从业",
        Other => "其他",
    }
);

/// A calendar date written as a bare TOML date (`2024-03-05`) or a quoted string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub NaiveDate);

/// Prefix the front-matter parser uses to recognise date errors and give them their own code.
pub const DATE_ERROR_MARKER: &str = "gongshi-invalid-date:";

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let value = toml::Value::deserialize(d)?;
        let text = match &value {
            toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt.to_string(),
            toml::Value::String(s) => s.trim().to_string(),
            other => {
                return Err(D::Error::custom(format!("{DATE_ERROR_MARKER}{other}")));
            }
        };
        NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .map(Date)
            .map_err(|_| D::Error::custom(format!("{DATE_ERROR_MARKER}{text}")))
    }
}

impl Date {
    /// `2024年3月5日`, how Chinese official documents write dates.
    pub fn zh(self) -> String {
        use chrono::Datelike;
        format!("{}年{}月{}日", self.0.year(), self.0.month(), self.0.day())
    }

    pub fn iso(self) -> String {
        self.0.format("%Y-%m-%d").to_string()
    }

    pub fn year(self) -> i32 {
        use chrono::Datelike;
        self.0.year()
    }
}

/// Declares a string id newtype; ids become parts of web addresses.
macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, serde::Serialize)]
        #[serde(transparent)]
        pub struct $name(pub String);
        impl $name {
            pub fn as_str(&self) -> &str { &self.0 }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(&self.0) }
        }
    };
}

id_type!(
    /// Id of an agency (执法主体).
    AgencyId
);
id_type!(
    /// Id of a risk point (风险点).
    RiskId
);
id_type!(
    /// Id of a power item (权责事项编码).
    PowerId
);
id_type!(
    /// Id of an exemption item.
    ExemptionId
);
id_type!(
    /// Id of a discretion benchmark.
    BenchmarkId
);
id_type!(
    /// Id of a penalty decision.
    DecisionId
);
id_type!(
    /// Id of a typical case.
    CaseId
);
id_type!(
    /// Id (slug) of a free page.
    PageId
);

/// A citation of a legal provision: law name, article, and an optional verbatim excerpt.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct LegalRef {
    pub law: String,
    pub article: String,
    #[serde(default)]
    pub text: Option<String>,
}

impl LegalRef {
    /// `《城市市容和环境卫生管理条例》第十四条`.
    pub fn cite(&self) -> String {
        format!("《{}》{}", self.law, self.article)
    }
}

/// 执法人员: enforcement staff and their certificate numbers (public under 三项制度).
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Staff {
    pub name: String,
    pub certificate: String,
    #[serde(default)]
    pub unit: Option<String>,
}

/// A fixed enforcement camera (固定执法摄像设备) location.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Camera {
    pub location: String,
    pub purpose: String,
}

/// 执法主体: an enforcement agency and what it discloses before acting (事前公开).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    pub id: AgencyId,
    pub name: String,
    pub short_name: String,
    pub address: String,
    #[serde(default)]
    pub postcode: Option<String>,
    pub phone: String,
    pub complaint_phone: String,
    pub email: String,
    pub office_hours: String,
    /// 本级人民政府: where 行政复议 against this agency is applied for.
    pub government: String,
    pub duties: Vec<String>,
    pub legal_basis: Vec<String>,
    pub procedures: Vec<String>,
    pub updated: Date,
    #[serde(default)]
    pub staff: Vec<Staff>,
    #[serde(default)]
    pub cameras: Vec<Camera>,
}

/// 风险点: one entry of the 法律风险防控清单.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskPoint {
    pub id: RiskId,
    pub title: String,
    pub domain: String,
    pub audiences: Vec<String>,
    pub level: RiskLevel,
    /// 表现形式.
    pub manifestation: String,
    /// 法律后果.
    pub consequence: String,
    /// 防控措施.
    pub measures: Vec<String>,
    pub powers: Vec<PowerId>,
    #[serde(default)]
    pub exemptions: Vec<ExemptionId>,
    #[serde(default)]
    pub benchmarks: Vec<BenchmarkId>,
    pub effective: Date,
    pub updated: Date,
    pub status: ItemStatus,
    #[serde(default)]
    pub violates: Vec<LegalRef>,
    pub penalty_basis: Vec<LegalRef>,
}

/// 责任事项: one stage of exercising a power and the duty attached to it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Responsibility {
    pub stage: String,
    pub duty: String,
}

/// 权责事项: one entry of the 权责清单 / 执法事项清单.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PowerItem {
    pub id: PowerId,
    pub title: String,
    pub power_type: PowerType,
    pub domain: String,
    /// 实施主体.
    pub agency: AgencyId,
    /// 追责情形.
    pub accountability: Vec<String>,
    pub supervision_phone: String,
    pub effective: Date,
    pub updated: Date,
    pub status: ItemStatus,
    /// 设定依据.
    pub basis: Vec<LegalRef>,
    pub responsibilities: Vec<Responsibility>,
}

/// 免罚/从轻减轻事项: one entry of the 包容免罚清单 or 从轻减轻清单.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exemption {
    pub id: ExemptionId,
    pub title: String,
    pub kind: ExemptionKind,
    pub domain: String,
    pub conditions: Vec<String>,
    /// Whether the party signs a 承诺书 (告知承诺制).
    pub commitment_required: bool,
    /// 裁量幅度 for 从轻/减轻.
    #[serde(default)]
    pub discretion: Option<String>,
    pub powers: Vec<PowerId>,
    pub effective: Date,
    pub updated: Date,
    pub status: ItemStatus,
    pub basis: Vec<LegalRef>,
}

/// One grade (档次) of a discretion benchmark.
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
    pub grades: Vec<BenchmarkGrade>,
}

/// One penalty imposed by a decision.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Penalty {
    pub kind: PenaltyKind,
    /// Yuan, for 罚款 and 没收违法所得.
    #[serde(default)]
    pub amount: Option<u64>,
    #[serde(default)]
    pub note: Option<String>,
}

/// 撤回: when and why a published decision was withdrawn.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Withdrawal {
    /// 撤回日期: when the record was withdrawn from publication.
    pub date: Date,
    /// When the decision was changed, revoked, or confirmed illegal or invalid; the
    /// withdrawal deadline (3 working days) runs from here.
    pub changed: Date,
    pub reason: String,
}

/// 行政处罚决定: an anonymised, published penalty decision.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub id: DecisionId,
    /// 决定书文号.
    pub number: String,
    pub agency: AgencyId,
    pub party_type: PartyType,
    pub party: String,
    /// 统一社会信用代码, for organisations and 个体工商户.
    #[serde(default)]
    pub credit_code: Option<String>,
    pub violation: String,
    pub domain: String,
    #[serde(default)]
    pub location: Option<String>,
    pub outcome: Outcome,
    pub procedure: Procedure,
    pub decided: Date,
    pub published: Date,
    pub status: DecisionStatus,
    #[serde(default)]
    pub risks: Vec<RiskId>,
    #[serde(default)]
    pub powers: Vec<PowerId>,
    #[serde(default)]
    pub benchmarks: Vec<BenchmarkId>,
    #[serde(default)]
    pub exemptions: Vec<ExemptionId>,
    pub basis: Vec<LegalRef>,
    #[serde(default)]
    pub penalties: Vec<Penalty>,
    #[serde(default)]
    pub withdrawal: Option<Withdrawal>,
}

impl Decision {
    /// Total of 罚款 and 没收违法所得 amounts, in yuan (罚没金额).
    pub fn total_amount(&self) -> u64 {
        self.penalties
            .iter()
            .filter(|p| matches!(p.kind, PenaltyKind::Fine | PenaltyKind::ConfiscateGains))
            .filter_map(|p| p.amount)
            .sum()
    }

    /// `罚款500元；警告`, or `不予处罚`.
    pub fn penalty_summary(&self) -> String {
        if self.penalties.is_empty() {
            return "不予处罚".to_string();
        }
        self.penalties
            .iter()
            .map(|p| match p.amount {
                Some(a) => format!("{}{}元", p.kind.label(), a),
                None => p.kind.label().to_string(),
            })
            .collect::<Vec<_>>()
            .join("；")
    }
}

/// 典型案例: a case used to explain the law (以案释法).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    pub id: CaseId,
    pub title: String,
    pub domain: String,
    pub date: Date,
    pub summary: String,
    #[serde(default)]
    pub risks: Vec<RiskId>,
    #[serde(default)]
    pub decisions: Vec<DecisionId>,
}

/// A free page (about, the 721 method, how to read the lists, remedies guide …).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    pub id: PageId,
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub order: i64,
    pub updated: Date,
}

/// The fields the four dynamically managed lists (动态调整) share: risk points, power items,
/// exemptions and discretion benchmarks.
pub trait ListItem {
    fn id(&self) -> &str;
    fn title(&self) -> &str;
    fn domain(&self) -> &str;
    fn status(&self) -> ItemStatus;
    fn effective(&self) -> Date;
    fn updated(&self) -> Date;
}

macro_rules! list_item {
    ($($t:ty),*) => {$(
        impl ListItem for $t {
            fn id(&self) -> &str { self.id.as_str() }
            fn title(&self) -> &str { &self.title }
            fn domain(&self) -> &str { &self.domain }
            fn status(&self) -> ItemStatus { self.status }
            fn effective(&self) -> Date { self.effective }
            fn updated(&self) -> Date { self.updated }
        }
    )*};
}

list_item!(RiskPoint, PowerItem, Exemption, Benchmark);
