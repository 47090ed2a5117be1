//! 行政处罚决定: an anonymised, published penalty decision.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::open_data::{self as data, Field, LegalRefRecord, field, field_with};
use super::search_doc::{self, SearchDoc};
use super::{ContentKind, CopyRule, Lookup, Refs};
use crate::content::Item;
use crate::content::model::*;
use crate::content::site::SiteSettings;
use crate::content::statutes::Party;
use crate::routes;

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

/// 信用修复: the party corrected the violation and the credit-repair authority approved early
/// removal (终止公示); the decision leaves publication on `repaired`, as if its period ended.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Repair {
    /// 修复日期: the day repair was approved and publication ends.
    pub repaired: Date,
    /// 文号 or a description of the repair decision.
    pub document: String,
    /// Who approved it (the agency, or the credit authority).
    pub approved_by: String,
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
    /// The grade of the cited benchmark that was applied (裁量档次).
    #[serde(default)]
    pub grade: Option<Grade>,
    pub procedure: Procedure,
    /// 违法行为发生日期: the day of the act, when it is not the day of the decision; it selects
    /// the benchmark version that applies (行政处罚法第三十七条).
    #[serde(default)]
    pub acted: Option<Date>,
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
    /// 信用修复 completed: the decision leaves publication before its period ends.
    #[serde(default)]
    pub repair: Option<Repair>,
}

impl Decision {
    /// The party as statutes name parties: 个人 or 单位. A 个体工商户 is treated as the site
    /// says (`individual_business_as`), by default as an individual.
    pub fn party(&self, individual_business_as: Party) -> Party {
        party_of(self.party_type, individual_business_as)
    }

    /// The day of the act: `acted`, else the day of the decision.
    pub fn acted_on(&self) -> Date {
        self.acted.unwrap_or(self.decided)
    }

    /// The 罚款 amounts, in yuan.
    pub fn fines(&self) -> impl Iterator<Item = u64> + '_ {
        self.penalties
            .iter()
            .filter(|p| p.kind == PenaltyKind::Fine)
            .filter_map(|p| p.amount)
    }

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

impl ContentKind for Decision {
    const KIND: super::Kind = super::Kind::Decision;
    const DIR: &'static str = "decisions";
    const KEY: &'static str = "decision";
    const LABEL: &'static str = "处罚决定";
    const LIST: Option<&'static routes::Place> = Some(&routes::DECISIONS);
    const NESTED: bool = true;
    const ID_PREFIX: &'static str = "D";
    const ID_EXAMPLE: &'static str = "SC-2026-0001";
    const SEARCH_WEIGHT: f32 = 0.5;
    /// A new decision usually starts from one of the same violation: its legal basis,
    /// references and outcome are often the same, but its number, party, place, dates, amounts
    /// and facts never are. Those are emptied so that `check` refuses the file until they are
    /// written; an amount copied by mistake would publish a wrong penalty.
    const COPY: &'static [(&'static str, CopyRule)] = &[
        ("number", CopyRule::Empty("新决定书的文号")),
        ("party_type", CopyRule::Check("当事人类型")),
        ("party", CopyRule::Empty("当事人：自然人只写“姓+某”")),
        (
            "credit_code",
            CopyRule::Empty("统一社会信用代码；当事人是自然人时删除此行"),
        ),
        ("violation", CopyRule::Check("违法行为")),
        ("location", CopyRule::Empty("违法地点，只写到道路或区域")),
        ("outcome", CopyRule::Check("裁量结果")),
        ("procedure", CopyRule::Check("程序")),
        ("acted", CopyRule::Today),
        ("decided", CopyRule::Today),
        ("published", CopyRule::Today),
        ("status", CopyRule::Reset("\"有效\"")),
        ("risks", CopyRule::Check("对应风险点")),
        ("powers", CopyRule::Check("对应权责事项")),
        ("benchmarks", CopyRule::Check("适用的裁量基准")),
        ("exemptions", CopyRule::Check("适用的免罚、从轻减轻事项")),
        (
            "penalties.amount",
            CopyRule::Zero("按本案的裁量结果填写金额（元）"),
        ),
        ("penalties.note", CopyRule::Empty("补充说明")),
        ("withdrawal", CopyRule::Drop),
        ("repair", CopyRule::Drop),
    ];
    const TEMPLATE: &'static str = r#"+++
id = "{id}"                         # 编号，如 SC-2026-0001
number = "待填写"                    # 决定书文号
agency = "待填写"                    # 执法主体编号（agencies/ 中的 id）
party_type = "自然人"                # 当事人类型：自然人 | 个体工商户 | 法人或其他组织
party = "待填写"                     # 当事人：自然人只写“姓+某”，如 张某
# credit_code = ""                  # 统一社会信用代码（自然人删除此行）
violation = "待填写"                 # 违法行为
domain = "待填写"                    # 领域，须为 site.toml 中 domains 之一
# location = ""                     # 违法地点，只写到道路或区域，不写门牌号
outcome = "一般"                     # 裁量结果：不予处罚 | 从轻 | 减轻 | 一般 | 从重
grade = "一般"                       # 适用的裁量基准档次：轻微 | 一般 | 较重 | 严重（没有适用裁量基准时删除）
procedure = "普通程序"               # 程序：简易程序 | 普通程序
# acted = {date}                    # 违法行为发生日期（与决定日期不同时写；裁量基准修改过的，据此确定适用的版本）
decided = {date}                    # 决定日期
published = {date}                  # 公开日期（决定后7个工作日内）
status = "有效"                      # 状态：有效 | 已变更 | 已撤销 | 确认违法 | 确认无效
risks = []                          # 对应风险点编号
powers = []                         # 对应权责事项编号
benchmarks = []                     # 适用的裁量基准编号
exemptions = []                     # 适用的免罚/从轻减轻事项编号

[[basis]]                           # 法律依据，可重复
law = "待填写"
article = "待填写"

[[penalties]]                       # 处罚内容，可重复；不予处罚时删除整段
kind = "罚款"                        # 警告 | 通报批评 | 罚款 | 没收违法所得 | 没收非法财物 | 暂扣许可证件 | …
amount = 0                          # 金额（元），罚款和没收违法所得必填
# note = ""                         # 补充说明（可选）

# [withdrawal]                      # 决定被变更、撤销、确认违法或无效时填写
# changed = {date}                  # 决定被变更、撤销或者确认违法、无效的日期
# date = {date}                     # 撤回日期（changed 之后3个工作日内）
# reason = ""                       # 公开的撤回理由

# [repair]                          # 当事人完成信用修复、提前停止公示时填写
# repaired = {date}                 # 信用修复完成（停止公示）的日期，不早于最短公示期届满
# document = ""                     # 修复决定的文号或说明
# approved_by = ""                  # 作出修复决定的机关
+++
待填写：违法事实（不得含身份证号、电话、住址、车牌等个人信息），以及处罚理由和裁量说明。
"#;

    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn title(&self) -> &str {
        &self.number
    }
    fn address(&self) -> String {
        routes::decision(self.id.as_str())
    }
    /// Newest first, as the public reads decision lists.
    fn order(a: &Self, b: &Self) -> std::cmp::Ordering {
        (b.decided, &b.number).cmp(&(a.decided, &a.number))
    }
    fn domain(&self) -> Option<&str> {
        Some(&self.domain)
    }
    fn agency(&self) -> Option<&AgencyId> {
        Some(&self.agency)
    }
    /// Publication, and withdrawal when there was one.
    fn changed(&self) -> Date {
        let withdrawn = self.withdrawal.as_ref().map(|w| w.date);
        withdrawn.map_or(self.published, |w| w.max(self.published))
    }
    /// Any status but 有效 means the decision is withdrawn (撤回): only its notice is public.
    fn is_public(&self) -> bool {
        !self.status.is_withdrawn()
    }
    fn decided_on(&self) -> Option<Date> {
        Some(self.decided)
    }
    fn act_day(&self) -> Option<Date> {
        Some(self.acted_on())
    }
    fn citations(&self) -> Vec<&LegalRef> {
        self.basis.iter().collect()
    }
    fn references(&self) -> Vec<Refs<'_>> {
        vec![
            Refs::one::<super::Agency>("agency", self.agency.as_str()),
            Refs::to::<super::RiskPoint, _>("risks", &self.risks),
            Refs::to::<super::PowerItem, _>("powers", &self.powers),
            Refs::to::<super::Benchmark, _>("benchmarks", &self.benchmarks),
            Refs::to::<super::Exemption, _>("exemptions", &self.exemptions),
        ]
    }

    fn search_doc(item: &Item<Self>, _lookup: &dyn Lookup) -> SearchDoc {
        let m = &item.meta;
        let body = vec![
            m.party.clone(),
            m.violation.clone(),
            m.location.clone().unwrap_or_default(),
            format!("{}，{}", m.outcome.label(), m.penalty_summary()),
            search_doc::refs(&m.basis),
            item.body.text.clone(),
        ];
        let title = format!("{}（{}）", m.violation, m.number);
        let summary = format!(
            "{} · {} · {} · {}",
            m.decided.zh(),
            m.outcome.label(),
            m.procedure.label(),
            m.penalty_summary()
        );
        let mut doc = SearchDoc::of(m, &title, summary, body)
            .facet("domain", &m.domain)
            .facet("outcome", m.outcome.label())
            .facet("procedure", m.procedure.label())
            .facet("agency", m.agency.to_string())
            .facet("year", m.decided.year().to_string());
        // 文号 and 统一社会信用代码 are matched like the id.
        doc.code = [
            m.id.as_str(),
            &m.number,
            m.credit_code.as_deref().unwrap_or(""),
        ]
        .join(" ");
        doc.number = format!("{} {}", m.id, m.number);
        doc
    }

    type Record<'a> = Record<'a>;

    fn data_fields(site: &SiteSettings) -> Option<Vec<Field>> {
        let mut f = data::head("编号");
        f.extend([
            field("number", "决定书文号", data::non_empty()),
            field("agency", "执法主体编号", data::string()),
            field("agency_name", "执法主体", data::string()),
            field(
                "party_type",
                "当事人类型",
                data::one_of(PartyType::ALL.iter().map(|t| t.label())),
            ),
            field("party", "当事人", data::string()),
            field("credit_code", "统一社会信用代码", data::opt_string()),
            field("violation", "违法行为", data::string()),
            field("domain", "领域", data::domain(site)),
            field("location", "违法地点", data::opt_string()),
            field(
                "outcome",
                "裁量结果",
                data::one_of(Outcome::ALL.iter().map(|o| o.label())),
            ),
            field(
                "procedure",
                "程序",
                data::one_of(Procedure::ALL.iter().map(|p| p.label())),
            ),
            field("decided", "决定日期", data::date()),
            field("published", "公开日期", data::date()),
            // Only decisions that still stand are published as data.
            field(
                "status",
                "状态",
                data::one_of(
                    DecisionStatus::ALL
                        .iter()
                        .filter(|s| !s.is_withdrawn())
                        .map(|s| s.label()),
                ),
            ),
            field("risks", "关联风险点", data::strings()),
            field("powers", "关联权责事项", data::strings()),
            field("benchmarks", "关联裁量基准", data::strings()),
            field("exemptions", "关联免罚或从轻减轻事项", data::strings()),
            field_with("basis", "法律依据", data::legal_refs(), data::citations),
            field_with(
                "penalties",
                "处罚内容",
                data::array_of(data::object([
                    (
                        "kind",
                        data::described(
                            data::one_of(PenaltyKind::ALL.iter().map(|k| k.label())),
                            "处罚种类",
                        ),
                    ),
                    ("amount", data::yuan("金额（元）")),
                    ("note", data::described(data::opt_string(), "说明")),
                ])),
                penalties_cell,
            ),
            field(
                "total_amount",
                "罚没金额合计（元）",
                json!({ "type": "integer", "minimum": 0 }),
            ),
            field("body", "违法事实与处罚理由", data::string()),
        ]);
        Some(f)
    }

    fn data_record<'a>(item: &'a Item<Self>, lookup: &'a dyn Lookup) -> Record<'a> {
        let m = &item.meta;
        Record {
            id: m.id.as_str(),
            url: data::absolute(lookup.site(), &m.address()),
            number: &m.number,
            agency: m.agency.as_str(),
            agency_name: lookup.agency_name(&m.agency),
            party_type: m.party_type,
            party: &m.party,
            credit_code: m.credit_code.as_deref(),
            violation: &m.violation,
            domain: &m.domain,
            location: m.location.as_deref(),
            outcome: m.outcome,
            procedure: m.procedure,
            decided: m.decided.iso(),
            published: m.published.iso(),
            status: m.status,
            risks: data::ids(&m.risks),
            powers: data::ids(&m.powers),
            benchmarks: data::ids(&m.benchmarks),
            exemptions: data::ids(&m.exemptions),
            basis: data::refs(&m.basis),
            penalties: m
                .penalties
                .iter()
                .map(|p| PenaltyRecord {
                    kind: p.kind,
                    amount: p.amount,
                    note: p.note.as_deref().filter(|n| !n.is_empty()),
                })
                .collect(),
            total_amount: m.total_amount(),
            body: item.body.text.trim(),
        }
    }
}

/// 处罚内容 as `罚款200元；警告`.
fn penalties_cell(v: &Value) -> String {
    data::each(v, |p| {
        let amount = p["amount"]
            .as_u64()
            .map_or(String::new(), |a| format!("{a}元"));
        let note = match data::text_of(p, "note") {
            "" => String::new(),
            n => format!("（{n}）"),
        };
        format!("{}{amount}{note}", data::text_of(p, "kind"))
    })
}

#[derive(Serialize)]
struct PenaltyRecord<'a> {
    kind: PenaltyKind,
    amount: Option<u64>,
    note: Option<&'a str>,
}

/// A decision in `/data/decisions.json`.
#[derive(Serialize)]
pub struct Record<'a> {
    id: &'a str,
    url: String,
    number: &'a str,
    agency: &'a str,
    agency_name: &'a str,
    party_type: PartyType,
    party: &'a str,
    credit_code: Option<&'a str>,
    violation: &'a str,
    domain: &'a str,
    location: Option<&'a str>,
    outcome: Outcome,
    procedure: Procedure,
    decided: String,
    published: String,
    status: DecisionStatus,
    risks: Vec<&'a str>,
    powers: Vec<&'a str>,
    benchmarks: Vec<&'a str>,
    exemptions: Vec<&'a str>,
    basis: Vec<LegalRefRecord<'a>>,
    penalties: Vec<PenaltyRecord<'a>>,
    total_amount: u64,
    body: &'a str,
}

/// The most a fine decided on the spot (简易程序) may be, 行政处罚法 第五十一条: "对公民处以二百元以下、
/// 对法人或者其他组织处以三千元以下罚款" — 200 yuan for a person, 3,000 for a unit.
pub fn simple_procedure_limit(party: Party) -> u64 {
    if party == Party::Unit { 3000 } else { 200 }
}

/// The statute's party for a decision's party type: an 个体工商户 counts as the site says
/// (`individual_business_as`).
pub fn party_of(t: PartyType, individual_business_as: Party) -> Party {
    match t {
        PartyType::NaturalPerson => Party::Individual,
        PartyType::Organisation => Party::Unit,
        PartyType::IndividualBusiness => individual_business_as,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn penalty_cells() {
        assert_eq!(
            penalties_cell(&json!([
                { "kind": "罚款", "amount": 200, "note": null },
                { "kind": "警告", "amount": null, "note": "当场" },
            ])),
            "罚款200元；警告（当场）"
        );
    }
}
