//! Remedy dates (救济期限) for a party who learns of a decision on a given day: the last day
//! to apply for 行政复议 (60 days, 行政复议法 第二十条) and to bring 行政诉讼 (6 months,
//! 行政诉讼法 第四十六条). The start day is not counted, a month without the same day ends on
//! its last day, and a last day that is a day off moves to the next working day.

use chrono::{Days, Months, NaiveDate};

use super::calendar::{Calendar, MissingYear};
use crate::content::model::Date;

/// A remedy's last day: a date, unknown because a year has no calendar file, or beyond the
/// calendar's range.
pub type LastDay = Result<Date, Unknown>;

/// Why a last day cannot be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unknown {
    /// The last day falls in (or rolls into) a year without a calendar file.
    MissingYear(i32),
    /// The date arithmetic left the calendar's range.
    OutOfRange,
}

impl From<MissingYear> for Unknown {
    fn from(m: MissingYear) -> Self {
        Unknown::MissingYear(m.0)
    }
}

/// The last days of both remedies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RemedyDates {
    /// 行政复议: 60 days.
    pub review_by: LastDay,
    /// 行政诉讼: 6 months.
    pub suit_by: LastDay,
}

/// The 60th day after `known`, before rolling past days off.
pub fn review_last_day(known: NaiveDate) -> Option<NaiveDate> {
    known.checked_add_days(Days::new(60))
}

/// The same day six months after `known` (or that month's last day), before rolling.
pub fn suit_last_day(known: NaiveDate) -> Option<NaiveDate> {
    known.checked_add_months(Months::new(6))
}

/// A period's counted last day (`None`: out of range) moved past days off: the one policy
/// every last day the public reads follows (decision pages, the ticket tool).
pub fn rolled(cal: &Calendar, nominal: Option<NaiveDate>) -> LastDay {
    let d = nominal.ok_or(Unknown::OutOfRange)?;
    Ok(Date(cal.roll_to_working_day(d)?))
}

/// Remedy last days for a party who learns of the decision on `known`.
pub fn remedy_dates(known: NaiveDate, cal: &Calendar) -> RemedyDates {
    RemedyDates {
        review_by: rolled(cal, review_last_day(known)),
        suit_by: rolled(cal, suit_last_day(known)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn iso(d: Option<NaiveDate>) -> String {
        d.unwrap().format("%Y-%m-%d").to_string()
    }

    fn calendar_2026() -> Calendar {
        let text = include_str!("../../content/calendar/2026.toml");
        Calendar::new(&[toml::from_str(text).unwrap()])
    }

    fn dates(known: &str, cal: &Calendar) -> (LastDay, LastDay) {
        let r = remedy_dates(day(known), cal);
        (r.review_by, r.suit_by)
    }

    #[test]
    fn month_ends_and_leap_years() {
        // 31 August + 6 months: February has no 31st, so its last day (29th in 2024).
        assert_eq!(iso(suit_last_day(day("2023-08-31"))), "2024-02-29");
        // 2025 is not a leap year: 28 February 2025 is a Friday.
        assert_eq!(iso(suit_last_day(day("2024-08-31"))), "2025-02-28");
        // 60 days from 1 January crosses February: 1 March in a leap year, 2 March otherwise.
        assert_eq!(iso(review_last_day(day("2024-01-01"))), "2024-03-01");
        assert_eq!(iso(review_last_day(day("2023-01-02"))), "2023-03-03");
        // 30 April + 6 months = 30 October; 31 October + 6 months = 30 April.
        assert_eq!(iso(suit_last_day(day("2023-04-30"))), "2023-10-30");
        assert_eq!(iso(suit_last_day(day("2023-10-31"))), "2024-04-30");
    }

    #[test]
    fn a_last_day_off_moves_to_the_next_working_day() {
        let cal = calendar_2026();
        // 2025-08-31 + 6 months = Sat 2026-02-28, a make-up workday in 2026: it stays.
        assert_eq!(
            dates("2025-08-31", &cal).1.map(Date::iso),
            Ok("2026-02-28".into())
        );
        // Without the calendar that Saturday is not moved to Monday 2 March on a guess: the
        // date is unknown until the 2026 file exists.
        assert_eq!(
            dates("2025-08-31", &Calendar::default()).1,
            Err(Unknown::MissingYear(2026))
        );
        // 2026-08-02 + 60 days = Thu 1 October, National Day: moves past the holiday (1-7
        // October) to Thu 8 October.
        assert_eq!(
            dates("2026-08-02", &cal).0.map(Date::iso),
            Ok("2026-10-08".into())
        );
        // 2026-03-31 + 6 months = 30 September (Wed), a working day.
        assert_eq!(
            dates("2026-03-31", &cal).1.map(Date::iso),
            Ok("2026-09-30".into())
        );
        // A decision of December 2026 has its 复议 deadline in 2027, which has no file here.
        assert_eq!(dates("2026-12-01", &cal).0, Err(Unknown::MissingYear(2027)));
    }
}
