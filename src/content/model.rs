//! The types every content kind shares: closed choices as enums whose serde names are the
//! Chinese labels authors write, ids as newtypes, dates, legal citations. Each kind's own
//! struct lives in its module under [`super::kinds`].

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

/// Written as `2024-03-05` (the data the server's tools read back).
impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
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
        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str { &self.0 }
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
id_type!(
    /// Id (slug) of a permit guide (办事指南).
    GuideId
);
id_type!(
    /// Id (slug) of a register (音像记录事项清单, 法制审核目录 …).
    RegisterId
);
id_type!(
    /// Id of an enterprise-related inspection item (涉企行政检查事项, `JC-I-001`).
    InspectionId
);
id_type!(
    /// Id (slug) of a year's inspection plan or results (`plan-2026`, `results-2025`).
    InspectionReportId
);

/// A citation of a legal provision: law name, article, and an optional verbatim excerpt.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
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

/// An amount as the public reads it: `2,000元`.
pub fn yuan(amount: u64) -> String {
    let digits = amount.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("{out}元")
}

/// A fine range as the public reads it: `100元至500元`, `不罚款`, `2,000元以下` ….
pub fn range_text(range: (Option<u64>, Option<u64>)) -> String {
    match range {
        (Some(0), Some(0)) => "不罚款".into(),
        (Some(lo), Some(hi)) if lo == hi => yuan(lo),
        (Some(0), Some(hi)) | (None, Some(hi)) => format!("{}以下", yuan(hi)),
        (Some(lo), Some(hi)) => format!("{}至{}", yuan(lo), yuan(hi)),
        (Some(lo), None) => format!("{}以上", yuan(lo)),
        (None, None) => "—".into(),
    }
}
