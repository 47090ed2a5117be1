//! 我的罚单: one party's timeline from the day they received a 行政处罚事先告知书 or a decision:
//! the hearing request (5 working days, 行政处罚法 第六十四条第（一）项 and 第八十五条), the last
//! day to pay (15 days, 第六十七条第三款), the 3%-a-day 加处罚款 up to the fine itself (第七十二条
//! 第一款第（一）项, 行政强制法 第四十五条第二款), 复议 (60 days) and 诉讼 (6 months) last days
//! ([`super::remedies`]), and the publication period with the first day 信用修复 may end it
//! ([`super::publication`]). Every last day is rolled past days off the same way as on decision
//! pages ([`remedies::rolled`]); a year without a calendar file leaves the counted day and says so.
//!
//! The input is checked here ([`read`]), in Chinese, field by field; nothing is stored.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::calendar::{Calendar, CalendarData};
use super::publication::{self, Period};
use super::remedies::{self, LastDay, Unknown};
use crate::content::Library;
use crate::content::model::Procedure;
use crate::content::site::{LargeFine, Publication};
use crate::content::statutes::Party;

/// Everything the tool needs besides the input. The build writes it next to the form, so the
/// server answers from the built site alone (like search), without the content tree.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    pub calendar: CalendarData,
    pub agencies: Vec<AgencyRules>,
    /// Whom to ask for 复议 when no agency is chosen.
    pub region_government: String,
    pub publication: Publication,
    pub large_fine: Option<LargeFine>,
}

/// An agency the form offers, with the government that hears 复议 against it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgencyRules {
    pub id: String,
    pub name: String,
    pub government: String,
}

impl Rules {
    pub fn of(lib: &Library, cal: &Calendar) -> Rules {
        Rules {
            calendar: cal.data(),
            agencies: lib
                .agencies
                .iter()
                .map(|a| AgencyRules {
                    id: a.meta.id.to_string(),
                    name: a.meta.name.clone(),
                    government: a.meta.government.clone(),
                })
                .collect(),
            region_government: format!("{}人民政府", lib.site.region),
            publication: lib.site.publication.clone(),
            large_fine: lib.site.large_fine.clone(),
        }
    }
}

/// The day the party gives: what happened on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// 收到行政处罚事先告知书: no decision yet; 陈述、申辩 and 听证 are still open.
    Notice,
    /// 收到（送达）处罚决定书.
    Served,
    /// 决定日期 (for a decision handed over on the spot, the same day).
    Decided,
}

impl Anchor {
    pub const ALL: [Anchor; 3] = [Anchor::Served, Anchor::Decided, Anchor::Notice];

    /// The form's value.
    pub fn value(self) -> &'static str {
        match self {
            Anchor::Notice => "notice",
            Anchor::Served => "served",
            Anchor::Decided => "decided",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Anchor::Notice => "收到行政处罚事先告知书的日期（还没有作出处罚决定）",
            Anchor::Served => "收到行政处罚决定书的日期（送达日期）",
            Anchor::Decided => "决定日期（当场处罚的，就是当场交给您的日期）",
        }
    }
}

/// The largest fine the tool counts, in yuan: above any fine city-management law sets.
pub const MAX_AMOUNT: u64 = 10_000_000;
/// The earliest day the tool counts from: the 2023 行政复议法 applies from 1 January 2024 (its
/// articles 20 and 23 are the ones cited).
pub const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(2024, 1, 1) {
    Some(d) => d,
    None => panic!("valid date"),
};
/// What the form echoes back of a value, at most.
const ECHO_CHARS: usize = 40;

/// A checked request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub anchor: Anchor,
    pub date: NaiveDate,
    pub procedure: Procedure,
    /// 罚款 in yuan.
    pub amount: Option<u64>,
    pub party: Party,
    /// An agency id of [`Rules::agencies`].
    pub agency: Option<String>,
}

/// The form's values as given (shortened), to show them again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Form {
    pub anchor: String,
    pub date: String,
    pub procedure: String,
    pub amount: String,
    pub party: String,
    pub agency: String,
}

/// What is wrong with one field, in Chinese.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The form field's name.
    pub field: &'static str,
    pub message: String,
}

/// The outcome of reading the form: nothing asked yet, a checked input, or what to correct.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Read {
    Empty,
    Input(Input),
    Invalid(Vec<FieldError>),
}

/// Reads decoded query pairs (unknown keys ignored; a repeated key: the last value).
pub fn read(
    pairs: impl IntoIterator<Item = (String, String)>,
    rules: &Rules,
    today: NaiveDate,
) -> (Form, Read) {
    let mut form = Form::default();
    for (k, v) in pairs {
        let v: String = v.trim().chars().take(ECHO_CHARS).collect();
        match k.as_str() {
            "anchor" => form.anchor = v,
            "date" => form.date = v,
            "procedure" => form.procedure = v,
            "amount" => form.amount = v,
            "party" => form.party = v,
            "agency" => form.agency = v,
            _ => {}
        }
    }
    if form == Form::default() {
        return (form, Read::Empty);
    }
    let mut errors = Vec::new();
    let mut err = |field, message: String| errors.push(FieldError { field, message });
    let anchor = match form.anchor.as_str() {
        "" | "served" => Some(Anchor::Served),
        "decided" => Some(Anchor::Decided),
        "notice" => Some(Anchor::Notice),
        _ => {
            err(
                "anchor",
                "请选择日期是哪一种：收到决定书、决定日期或者收到告知书".into(),
            );
            None
        }
    };
    let date = match NaiveDate::parse_from_str(&form.date, "%Y-%m-%d") {
        _ if form.date.is_empty() => {
            err("date", "请填写日期".into());
            None
        }
        Err(_) => {
            err(
                "date",
                format!(
                    "日期“{}”格式不对或者不存在，请按“年-月-日”填写，例如 2026-10-08",
                    form.date
                ),
            );
            None
        }
        Ok(d) if d > today => {
            err(
                "date",
                format!("日期不能晚于今天（{}），请填写已经收到的日期", zh(today)),
            );
            None
        }
        Ok(d) if d < EARLIEST => {
            err(
                "date",
                "本工具按2024年1月1日起施行的行政复议法计算，只能计算2024年1月1日以后的日期".into(),
            );
            None
        }
        Ok(d) => Some(d),
    };
    let procedure = match form.procedure.as_str() {
        "simple" => Some(Procedure::Simple),
        "ordinary" => Some(Procedure::Ordinary),
        "" => {
            err("procedure", "请选择程序：简易程序或者普通程序".into());
            None
        }
        _ => {
            err("procedure", "程序只能是简易程序或者普通程序".into());
            None
        }
    };
    let party = match form.party.as_str() {
        "" | "individual" => Party::Individual,
        "unit" => Party::Unit,
        _ => {
            err("party", "当事人只能是个人或者单位".into());
            Party::Individual
        }
    };
    let amount = if form.amount.is_empty() {
        None
    } else {
        match form.amount.parse::<u64>() {
            Ok(0) => {
                err(
                    "amount",
                    "罚款金额应当大于 0；没有罚款的，不填这一项".into(),
                );
                None
            }
            Ok(n) if n > MAX_AMOUNT => {
                err(
                    "amount",
                    "罚款金额过大，请核对决定书上的金额（以元为单位）".into(),
                );
                None
            }
            Ok(n) => Some(n),
            Err(_) => {
                err("amount", "罚款金额请只填数字（整数元），例如 500".into());
                None
            }
        }
    };
    if let (Some(Procedure::Simple), Some(n)) = (procedure, amount) {
        // 行政处罚法 第五十一条: on the spot, a warning or up to 200 / 3,000 yuan.
        let limit = crate::content::kinds::simple_procedure_limit(party);
        if n > limit {
            err(
                "amount",
                format!(
                    "简易程序（当场处罚）的罚款，个人不超过200元、单位不超过3000元（行政处罚法第五十一条）；{n}元的罚款应当是普通程序，请核对决定书"
                ),
            );
        }
    }
    let agency = match form.agency.as_str() {
        "" => None,
        id if rules.agencies.iter().any(|a| a.id == id) => Some(id.to_string()),
        _ => {
            err("agency", "请从列表中选择作出决定的机关".into());
            None
        }
    };
    let read = match (anchor, date, procedure) {
        (Some(anchor), Some(date), Some(procedure)) if errors.is_empty() => Read::Input(Input {
            anchor,
            date,
            procedure,
            amount,
            party,
            agency,
        }),
        _ => Read::Invalid(errors),
    };
    (form, read)
}

fn zh(d: NaiveDate) -> String {
    crate::content::model::Date(d).zh()
}

/// A last day: the day the count gives, and that day moved past days off (or why not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    /// The counted day before rolling (`None` for working-day periods the calendar cannot count).
    pub nominal: Option<NaiveDate>,
    pub last: LastDay,
}

impl Deadline {
    fn rolled(cal: &Calendar, nominal: Option<NaiveDate>) -> Deadline {
        Deadline {
            nominal,
            last: remedies::rolled(cal, nominal),
        }
    }

    /// The day to put in a calendar: the rolled day, else the counted one.
    pub fn day(&self) -> Option<NaiveDate> {
        self.last.ok().map(|d| d.0).or(self.nominal)
    }
}

/// One day of 加处罚款: the day, and the total added by the end of it (in fen), capped at the fine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LateFine {
    pub day: u32,
    pub date: NaiveDate,
    pub total_fen: u64,
    /// The total has reached the fine: it grows no more.
    pub capped: bool,
}

/// One party's timeline.
#[derive(Debug, Clone)]
pub struct Timeline {
    pub input: Input,
    /// 要求听证: 5 working days after the notice (only before a decision).
    pub hearing_by: Option<Deadline>,
    /// 缴纳罚款: 15 days after service.
    pub pay_by: Option<Deadline>,
    /// 加处罚款 from the day after `pay_by`, until it equals the fine.
    pub late_fines: Vec<LateFine>,
    /// 行政复议: 60 days.
    pub review_by: Option<Deadline>,
    /// 行政诉讼: 6 months (not for 简易程序: 复议 first).
    pub suit_by: Option<Deadline>,
    /// 当场作出: 复议前置 (行政复议法 第二十三条第一款第（一）项).
    pub review_first: bool,
    /// 复议机关.
    pub government: String,
    pub agency_name: Option<String>,
    /// The publication period, counted from the day given.
    pub period: Option<Period>,
}

/// Days of 加处罚款 until it reaches the fine: 3% a day, so 34 (33 days make 99%).
pub const LATE_FINE_DAYS: u32 = 34;

/// The timeline for a checked input.
pub fn timeline(input: Input, rules: &Rules) -> Timeline {
    let cal = Calendar::from_data(&rules.calendar);
    let d = input.date;
    let agency = input
        .agency
        .as_deref()
        .and_then(|id| rules.agencies.iter().find(|a| a.id == id));
    let government = agency.map_or(rules.region_government.clone(), |a| a.government.clone());
    let decided = input.anchor != Anchor::Notice;
    let hearing_by = (!decided).then(|| {
        let last: LastDay = cal
            .working_days_after(d, 5)
            .map(crate::content::model::Date)
            .map_err(Unknown::from);
        Deadline {
            nominal: None,
            last,
        }
    });
    let pay_by = decided.then(|| Deadline::rolled(&cal, d.checked_add_days(Days::new(15))));
    let late_fines = match (pay_by.and_then(|p| p.day()), input.amount) {
        (Some(last), Some(amount)) => (1..=LATE_FINE_DAYS)
            .filter_map(|n| {
                let date = last.checked_add_days(Days::new(u64::from(n)))?;
                let fine_fen = amount * 100;
                let total = (amount * 3 * u64::from(n)).min(fine_fen);
                Some(LateFine {
                    day: n,
                    date,
                    total_fen: total,
                    capped: total == fine_fen,
                })
            })
            .collect(),
        _ => Vec::new(),
    };
    let review_first = input.procedure == Procedure::Simple;
    let review_by = decided.then(|| Deadline::rolled(&cal, remedies::review_last_day(d)));
    let suit_by =
        (decided && !review_first).then(|| Deadline::rolled(&cal, remedies::suit_last_day(d)));
    let period = decided.then(|| {
        let class = publication::class_of(
            false,
            false,
            input.procedure,
            input.amount.unwrap_or(0),
            input.party,
            rules.large_fine.as_ref(),
        );
        publication::period_of(class, d, &rules.publication)
    });
    Timeline {
        hearing_by,
        pay_by,
        late_fines,
        review_by,
        suit_by,
        review_first,
        government,
        agency_name: agency.map(|a| a.name.clone()),
        period,
        input,
    }
}

/// Fen as yuan: `15`, `1.5`, `0.03`.
pub fn fen_as_yuan(fen: u64) -> String {
    match fen % 100 {
        0 => format!("{}", fen / 100),
        r if r % 10 == 0 => format!("{}.{}", fen / 100, r / 10),
        r => format!("{}.{r:02}", fen / 100),
    }
}

#[cfg(test)]
mod tests;
