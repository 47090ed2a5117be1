//! The ticket timeline at holidays, month ends, leap days and missing years, and its input checks.

use super::*;
use crate::content::site::{PeriodMonths, RepairMonths};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn rules(years: &[&str]) -> Rules {
    let files: Vec<super::super::calendar::YearFile> =
        years.iter().map(|t| toml::from_str(t).unwrap()).collect();
    Rules {
        calendar: Calendar::new(&files).data(),
        agencies: vec![AgencyRules {
            id: "shicheng".into(),
            name: "示例市城市管理综合行政执法局".into(),
            government: "示例市人民政府".into(),
        }],
        region_government: "示例市人民政府".into(),
        publication: Publication {
            period_months: PeriodMonths::default(),
            repair_min_months: RepairMonths::default(),
            ..Publication::default()
        },
        large_fine: Some(LargeFine {
            individual: 3000,
            unit: 20000,
        }),
    }
}

const Y2024: &str = include_str!("../../../content/calendar/2024.toml");
const Y2026: &str = include_str!("../../../content/calendar/2026.toml");

fn input(anchor: Anchor, date: &str, procedure: Procedure, amount: Option<u64>) -> Input {
    Input {
        anchor,
        date: day(date),
        procedure,
        amount,
        party: Party::Individual,
        agency: None,
    }
}

fn last(d: Option<Deadline>) -> String {
    d.unwrap().last.unwrap().iso()
}

#[test]
fn a_pay_by_in_national_day_moves_past_the_holiday() {
    let t = timeline(
        input(Anchor::Served, "2026-09-16", Procedure::Ordinary, Some(500)),
        &rules(&[Y2026]),
    );
    let pay = t.pay_by.unwrap();
    assert_eq!(pay.nominal, Some(day("2026-10-01")));
    assert_eq!(pay.last.unwrap().iso(), "2026-10-08");
    // 加处罚款 starts the day after the (moved) last day: 15 yuan a day, 500 on day 34.
    let first = t.late_fines[0];
    assert_eq!((first.date, first.total_fen), (day("2026-10-09"), 1500));
    let f33 = t.late_fines[32];
    assert_eq!((f33.total_fen, f33.capped), (49_500, false));
    let f34 = t.late_fines[33];
    assert_eq!(
        (f34.date, f34.total_fen, f34.capped),
        (day("2026-11-11"), 50_000, true)
    );
    assert_eq!(t.late_fines.len(), 34);
    // 60 days: 15 November 2026 (Sunday) → Monday 16 November.
    assert_eq!(last(t.review_by), "2026-11-16");
    // 6 months: 16 March 2027, a year without a file: the counted day only.
    let suit = t.suit_by.unwrap();
    assert_eq!(suit.last, Err(Unknown::MissingYear(2027)));
    assert_eq!(suit.nominal, Some(day("2027-03-16")));
    assert!(!t.review_first);
    assert_eq!(t.government, "示例市人民政府");
}

#[test]
fn a_hearing_request_counts_working_days_across_two_holidays() {
    // ticket.md: notice on Wed 23 September 2026; 中秋 25–27 Sept and 国庆 1–7 Oct are not
    // counted; the 5th working day is Thu 8 October.
    let t = timeline(
        input(
            Anchor::Notice,
            "2026-09-23",
            Procedure::Ordinary,
            Some(5000),
        ),
        &rules(&[Y2026]),
    );
    assert_eq!(last(t.hearing_by), "2026-10-08");
    assert!(t.pay_by.is_none() && t.review_by.is_none() && t.period.is_none());
    assert!(t.late_fines.is_empty());
}

#[test]
fn leap_day_and_month_ends() {
    let t = timeline(
        input(Anchor::Decided, "2024-02-29", Procedure::Ordinary, None),
        &rules(&[Y2024]),
    );
    assert_eq!(last(t.pay_by), "2024-03-15");
    assert_eq!(last(t.review_by), "2024-04-29");
    assert_eq!(last(t.suit_by), "2024-08-29");
    // 31 August + 6 months: 28 February 2027 (no 31st), in a year without a file.
    let t = timeline(
        input(Anchor::Served, "2026-08-31", Procedure::Ordinary, None),
        &rules(&[Y2026]),
    );
    assert_eq!(t.suit_by.unwrap().nominal, Some(day("2027-02-28")));
    // 31 January + 60 days in a common year: 1 April.
    let t = timeline(
        input(Anchor::Served, "2026-01-31", Procedure::Ordinary, None),
        &rules(&[Y2026]),
    );
    assert_eq!(last(t.review_by), "2026-04-01");
    // Publication: an ordinary fine from 31 August: 3 months minimum → 30 November,
    // 12 months → 31 August next year.
    let t = timeline(
        input(
            Anchor::Decided,
            "2025-08-31",
            Procedure::Ordinary,
            Some(500),
        ),
        &rules(&[Y2026]),
    );
    let p = t.period.unwrap();
    assert_eq!(p.class, publication::PeriodClass::Ordinary);
    assert_eq!(
        (p.repair_from, p.ends),
        (day("2025-11-30"), day("2026-08-31"))
    );
}

#[test]
fn a_missing_year_gives_the_counted_day_and_no_rolling() {
    let t = timeline(
        input(Anchor::Served, "2026-12-20", Procedure::Simple, Some(200)),
        &rules(&[Y2026]),
    );
    let pay = t.pay_by.unwrap();
    assert_eq!(pay.last, Err(Unknown::MissingYear(2027)));
    assert_eq!(pay.nominal, Some(day("2027-01-04")));
    assert_eq!(pay.day(), Some(day("2027-01-04")));
    // The table still counts from the counted day.
    assert_eq!(t.late_fines[0].date, day("2027-01-05"));
    assert!(t.review_first && t.suit_by.is_none());
    // A working-day period cannot be counted at all without the year.
    let t = timeline(
        input(Anchor::Notice, "2026-12-28", Procedure::Ordinary, None),
        &rules(&[Y2026]),
    );
    assert_eq!(t.hearing_by.unwrap().last, Err(Unknown::MissingYear(2027)));
    // Simple procedure and a large fine classify the period.
    let t = timeline(
        input(Anchor::Decided, "2026-03-02", Procedure::Simple, Some(100)),
        &rules(&[Y2026]),
    );
    let p = t.period.unwrap();
    assert_eq!((p.min_months, p.max_months), (0, 3));
    assert_eq!(p.repair_from, day("2026-03-02"));
    let t = timeline(
        input(
            Anchor::Decided,
            "2026-03-02",
            Procedure::Ordinary,
            Some(3000),
        ),
        &rules(&[Y2026]),
    );
    assert_eq!(
        t.period.unwrap().class,
        publication::PeriodClass::Serious,
        "3,000 yuan is 较大数额 for an individual"
    );
}

fn pairs(q: &[(&str, &str)]) -> Vec<(String, String)> {
    q.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn bad_input_is_named_field_by_field() {
    let r = rules(&[Y2026]);
    let today = day("2026-12-06");
    let read_ = |q: &[(&str, &str)]| read(pairs(q), &r, today).1;
    assert_eq!(read_(&[]), Read::Empty);
    assert_eq!(read_(&[("date", ""), ("procedure", "")]), Read::Empty);
    let ok = read_(&[
        ("date", "2026-09-16"),
        ("procedure", "ordinary"),
        ("amount", "500"),
    ]);
    assert!(
        matches!(
            ok,
            Read::Input(Input {
                amount: Some(500),
                ..
            })
        ),
        "{ok:?}"
    );
    let fields = |q: &[(&str, &str)]| match read_(q) {
        Read::Invalid(e) => e.iter().map(|e| e.field).collect::<Vec<_>>(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        fields(&[("date", "2026/09/16"), ("procedure", "ordinary")]),
        ["date"]
    );
    assert_eq!(
        fields(&[("date", "2026-02-30"), ("procedure", "ordinary")]),
        ["date"]
    );
    assert_eq!(
        fields(&[("date", "2026-12-07"), ("procedure", "ordinary")]),
        ["date"]
    );
    assert_eq!(
        fields(&[("date", "1999-01-01"), ("procedure", "ordinary")]),
        ["date"]
    );
    assert_eq!(
        fields(&[
            ("date", "2026-09-16"),
            ("procedure", "x"),
            ("amount", "五百")
        ]),
        ["procedure", "amount"]
    );
    assert_eq!(
        fields(&[
            ("date", "2026-09-16"),
            ("procedure", "ordinary"),
            ("amount", "99999999999")
        ]),
        ["amount"]
    );
    assert_eq!(
        fields(&[
            ("date", "2026-09-16"),
            ("procedure", "simple"),
            ("amount", "500")
        ]),
        ["amount"],
        "500 yuan is above the on-the-spot limit for an individual"
    );
    assert_eq!(
        fields(&[
            ("date", "2026-09-16"),
            ("procedure", "ordinary"),
            ("agency", "nope")
        ]),
        ["agency"]
    );
    match read_(&[("date", "2026-12-07"), ("procedure", "ordinary")]) {
        Read::Invalid(e) => assert!(e[0].message.contains("不能晚于今天"), "{e:?}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn yuan_keeps_only_the_digits_needed() {
    assert_eq!(fen_as_yuan(1500), "15");
    assert_eq!(fen_as_yuan(150), "1.5");
    assert_eq!(fen_as_yuan(3), "0.03");
    assert_eq!(fen_as_yuan(49_500), "495");
}

#[test]
fn rules_survive_json() {
    let r = rules(&[Y2026]);
    let back: Rules = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
    assert_eq!(back.calendar, r.calendar);
    let cal = Calendar::from_data(&back.calendar);
    assert_eq!(cal.is_working_day(day("2026-10-01")), Ok(false));
    assert_eq!(
        cal.is_working_day(day("2026-09-20")),
        Ok(true),
        "make-up Sunday"
    );
}
