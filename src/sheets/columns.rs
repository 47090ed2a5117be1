//! Which column is which field: the headers each kind's open-data fields declare (what
//! `gongshi export` writes), the variants provincial catalogue systems, agency tables and case
//! systems use for the same column, and an optional mapping file for anything else.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::content::Kind;

/// Header variants by field key, per kind. Keys are front-matter keys, or for parts of a
/// table entry `grade`, `circumstances`, `penalty`, `fine_min`, `fine_max` (benchmark grades),
/// `penalty_kind`, `amount` (decision penalties) and `agency_name` (an agency by name).
pub fn aliases(kind: Kind) -> &'static [(&'static str, &'static [&'static str])] {
    match kind {
        Kind::Power => &[
            (
                "id",
                &[
                    "事项编码",
                    "编码",
                    "权力编码",
                    "职权编码",
                    "事项代码",
                    "基本编码",
                    "编号",
                    "事项编号",
                ],
            ),
            (
                "title",
                &[
                    "事项名称",
                    "职权名称",
                    "权力名称",
                    "权责事项",
                    "权力事项名称",
                    "事项",
                    "权责事项名称",
                ],
            ),
            (
                "power_type",
                &[
                    "职权类型",
                    "权力类型",
                    "事项类型",
                    "职权类别",
                    "权力类别",
                    "类型",
                ],
            ),
            ("domain", &["领域", "所属领域", "行业领域"]),
            ("agency", &["实施主体编号", "执法主体编号"]),
            (
                "agency_name",
                &[
                    "实施主体",
                    "实施机关",
                    "行使主体",
                    "执法主体",
                    "责任主体",
                    "实施部门",
                ],
            ),
            (
                "accountability",
                &["追责情形", "问责情形", "责任追究情形", "追责情形及依据"],
            ),
            (
                "supervision_phone",
                &["监督电话", "监督投诉电话", "投诉电话"],
            ),
            (
                "basis",
                &[
                    "设定依据",
                    "实施依据",
                    "法律依据",
                    "依据",
                    "设定和实施依据",
                    "职权依据",
                    "行使依据",
                ],
            ),
            ("responsibilities", &["责任事项", "责任事项内容"]),
        ],
        Kind::Risk => &[
            ("id", &["编号", "风险点编号", "风险编号", "序列号"]),
            ("title", &["风险点名称", "风险点", "风险事项", "风险名称"]),
            ("domain", &["领域", "所属领域", "行业领域"]),
            (
                "audiences",
                &[
                    "行政相对人",
                    "适用对象",
                    "涉及主体",
                    "风险主体",
                    "相对人类别",
                ],
            ),
            ("level", &["风险等级", "风险级别", "等级"]),
            (
                "manifestation",
                &["表现形式", "风险表现", "主要表现", "风险描述", "风险点描述"],
            ),
            ("consequence", &["法律后果", "处罚后果", "法律责任"]),
            (
                "measures",
                &["防控措施", "防范措施", "合规建议", "风险防控措施"],
            ),
            (
                "powers",
                &[
                    "关联权责事项",
                    "对应权责事项",
                    "对应权责事项编码",
                    "权责事项编码",
                ],
            ),
            (
                "exemptions",
                &["关联免罚或从轻减轻事项", "对应免罚事项", "免罚事项编号"],
            ),
            (
                "benchmarks",
                &["关联裁量基准", "对应裁量基准", "裁量基准编号"],
            ),
            (
                "violates",
                &[
                    "违反的规定",
                    "违法依据",
                    "违反条款",
                    "违反规定",
                    "违反的法律规定",
                ],
            ),
            ("penalty_basis", &["处罚依据", "处罚条款"]),
        ],
        Kind::Exemption => &[
            ("id", &["编号", "事项编号"]),
            (
                "title",
                &["事项名称", "违法行为", "违法行为名称", "具体违法行为"],
            ),
            (
                "kind",
                &["类别", "类型", "免罚类型", "清单类型", "事项类别"],
            ),
            ("domain", &["领域", "所属领域", "行业领域"]),
            (
                "risks",
                &["适用风险点", "关联风险点", "对应风险点", "风险点编号"],
            ),
            (
                "conditions",
                &[
                    "适用条件",
                    "免罚条件",
                    "适用情形",
                    "从轻减轻情形",
                    "免罚情形",
                ],
            ),
            (
                "commitment_required",
                &[
                    "是否需签署承诺书",
                    "是否需要承诺书",
                    "承诺书",
                    "是否签署承诺书",
                    "是否需要签署承诺书",
                ],
            ),
            ("discretion", &["裁量幅度", "从轻减轻幅度", "处罚幅度"]),
            ("powers", &["关联权责事项", "对应权责事项", "权责事项编码"]),
            (
                "basis",
                &[
                    "法律依据",
                    "依据",
                    "免罚依据",
                    "设定依据",
                    "实施依据",
                    "处罚依据",
                ],
            ),
            ("body", &["处理方式", "实施方式", "适用方式", "说明"]),
        ],
        Kind::Benchmark => &[
            ("id", &["编号", "基准编号"]),
            ("title", &["违法行为", "违法行为名称", "事项名称"]),
            ("domain", &["领域", "所属领域", "行业领域"]),
            ("powers", &["关联权责事项", "对应权责事项", "权责事项编码"]),
            (
                "violates",
                &["违反的规定", "违法依据", "违反条款", "违反规定"],
            ),
            (
                "penalty_basis",
                &["处罚依据", "法律依据", "依据", "处罚条款"],
            ),
            (
                "grade",
                &[
                    "档次",
                    "违法程度",
                    "裁量阶次",
                    "情节",
                    "裁量等次",
                    "裁量档次",
                    "情节程度",
                    "违法情节等级",
                    "裁量等级",
                ],
            ),
            (
                "circumstances",
                &[
                    "违法情节",
                    "适用情形",
                    "具体情形",
                    "情节描述",
                    "裁量情形",
                    "违法情形",
                    "具体情节",
                    "适用条件",
                ],
            ),
            (
                "penalty",
                &[
                    "处罚标准",
                    "裁量标准",
                    "处罚幅度",
                    "处罚结果",
                    "处罚种类和幅度",
                    "裁量幅度",
                ],
            ),
            ("fine_min", &["罚款下限", "最低罚款", "罚款金额下限"]),
            ("fine_max", &["罚款上限", "最高罚款", "罚款金额上限"]),
        ],
        Kind::Decision => &[
            ("id", &["编号", "决定编号"]),
            (
                "number",
                &[
                    "决定书文号",
                    "文书号",
                    "处罚决定书文号",
                    "行政处罚决定书文号",
                    "文号",
                    "决定文书号",
                ],
            ),
            ("agency", &["执法主体编号"]),
            (
                "agency_name",
                &[
                    "执法主体",
                    "处罚机关",
                    "作出处罚决定的机关",
                    "处罚决定机关",
                    "决定机关",
                    "作出决定机关",
                    "处罚机关名称",
                ],
            ),
            (
                "party_type",
                &[
                    "当事人类型",
                    "相对人类型",
                    "行政相对人类别",
                    "处罚对象类型",
                    "当事人类别",
                ],
            ),
            (
                "party",
                &[
                    "当事人",
                    "当事人名称",
                    "行政相对人名称",
                    "被处罚人",
                    "相对人名称",
                    "当事人姓名或名称",
                    "当事人姓名",
                ],
            ),
            (
                "credit_code",
                &["统一社会信用代码", "信用代码", "行政相对人代码"],
            ),
            (
                "violation",
                &["违法行为", "违法行为类型", "案由", "违法事项"],
            ),
            ("domain", &["领域", "所属领域", "行业领域"]),
            ("location", &["违法地点", "地点", "案发地点"]),
            ("outcome", &["裁量结果", "裁量情形"]),
            ("procedure", &["程序", "适用程序", "办案程序", "程序类型"]),
            (
                "decided",
                &[
                    "决定日期",
                    "处罚决定日期",
                    "作出决定日期",
                    "处罚日期",
                    "作出处罚决定日期",
                ],
            ),
            ("published", &["公开日期", "公示日期", "发布日期"]),
            ("status", &["状态", "决定状态"]),
            ("risks", &["关联风险点", "对应风险点"]),
            ("powers", &["关联权责事项", "对应权责事项"]),
            ("benchmarks", &["关联裁量基准", "适用的裁量基准"]),
            ("exemptions", &["关联免罚或从轻减轻事项", "适用的免罚事项"]),
            ("basis", &["法律依据", "处罚依据", "依据"]),
            ("penalties", &["处罚内容", "处罚结果", "处罚决定内容"]),
            ("penalty_kind", &["处罚种类", "处罚类别", "处罚类型"]),
            ("amount", &["罚款金额", "金额", "罚没金额", "罚款数额"]),
            (
                "body",
                &[
                    "违法事实",
                    "主要违法事实",
                    "案情",
                    "案情简介",
                    "违法事实与处罚理由",
                    "基本案情",
                ],
            ),
        ],
        Kind::Agency
        | Kind::Case
        | Kind::Page
        | Kind::Guide
        | Kind::Register
        | Kind::Inspection
        | Kind::InspectionReport => &[],
    }
}

/// Headers read and deliberately left out: numbering, addresses the site makes, totals it
/// computes.
pub const IGNORED: &[&str] = &["序号", "网址", "罚没金额合计", "罚没金额合计（元）"];

/// Headers of personal data a case system may export: never imported, and said so.
pub const PERSONAL: &[&str] = &[
    "身份证号",
    "身份证号码",
    "证件号码",
    "证件号",
    "联系电话",
    "电话",
    "手机",
    "手机号码",
    "住址",
    "家庭住址",
    "住所",
    "法定代表人",
    "法定代表人姓名",
    "法定代表人身份证号",
    "车牌号",
    "车牌号码",
    "银行账号",
];

/// A header as compared: no spaces or line breaks, no required-field stars or 必填/选填
/// notes, full-width brackets; and the unit it carries (`（万元）` → 10000 yuan).
pub fn normalise(header: &str) -> (String, u64) {
    let mut h: String = header
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '＊' | '★' | '\u{3000}'))
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect();
    for note in ["（必填）", "（选填）", "（可选）"] {
        h = h.replace(note, "");
    }
    let mut factor = 1;
    for (unit, f) in [("（万元）", 10_000), ("（元）", 1)] {
        if let Some(stripped) = h.strip_suffix(unit) {
            h = stripped.to_string();
            factor = f;
        }
    }
    (h, factor)
}

/// `--mapping FILE`: what staff add when their table names a column in a way not known here.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Header → field key (`""` leaves the column out).
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    /// Field key → the value every imported file gets when the table has no such column or the
    /// cell is empty.
    #[serde(default)]
    pub defaults: BTreeMap<String, toml::Value>,
    /// Field key → (value as the table writes it → value as the lists write it).
    #[serde(default)]
    pub values: BTreeMap<String, BTreeMap<String, String>>,
    /// The header's row (1 = the first row) when it is not found by itself.
    #[serde(default)]
    pub header_row: Option<usize>,
}

impl Mapping {
    /// A default as text, the way a cell would hold it.
    pub fn default_text(&self, key: &str) -> Option<String> {
        self.defaults.get(key).map(|v| match v {
            toml::Value::String(s) => s.clone(),
            toml::Value::Array(items) => items
                .iter()
                .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
                .collect::<Vec<_>>()
                .join("；"),
            other => other.to_string(),
        })
    }
}

/// How a column maps: to a field (with a unit factor), left out, or unknown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Field(String, u64),
    Ignored,
    Personal,
    Unknown,
}

/// The field a header names, for one kind: the mapping file first, then the kind's
/// open-data labels (`labels`: label → key), then the variants above.
pub fn target(kind: Kind, header: &str, labels: &[(String, String)], mapping: &Mapping) -> Target {
    let (h, factor) = normalise(header);
    if h.is_empty() {
        return Target::Unknown;
    }
    if let Some((_, key)) = mapping.columns.iter().find(|(k, _)| normalise(k).0 == h) {
        return if key.is_empty() {
            Target::Ignored
        } else {
            Target::Field(key.clone(), factor)
        };
    }
    if IGNORED.contains(&h.as_str()) {
        return Target::Ignored;
    }
    if PERSONAL.contains(&h.as_str()) {
        return Target::Personal;
    }
    if let Some((_, key)) = labels.iter().find(|(label, _)| normalise(label).0 == h) {
        return match key.as_str() {
            "url" | "total_amount" => Target::Ignored,
            key => Target::Field(key.to_string(), factor),
        };
    }
    for (key, names) in aliases(kind) {
        if names.iter().any(|n| *n == h) {
            return Target::Field((*key).to_string(), factor);
        }
    }
    Target::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_compared_without_stars_spaces_and_units() {
        assert_eq!(normalise("*事项 名称\n"), ("事项名称".into(), 1));
        assert_eq!(normalise("罚款金额(万元)"), ("罚款金额".into(), 10_000));
        let m = Mapping::default();
        assert_eq!(
            target(Kind::Power, "权力类型", &[], &m),
            Target::Field("power_type".into(), 1)
        );
        assert_eq!(
            target(Kind::Benchmark, "裁量阶次", &[], &m),
            Target::Field("grade".into(), 1)
        );
        assert_eq!(
            target(Kind::Decision, "身份证号码", &[], &m),
            Target::Personal
        );
        assert_eq!(target(Kind::Power, "办理时限", &[], &m), Target::Unknown);
    }
}
