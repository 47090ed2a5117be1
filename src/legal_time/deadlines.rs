//! Periods counted on the working-day calendar.
//!
//! 行政处罚法 第八十五条: the law's 三日, 五日 and 七日 are working days, holidays excluded;
//! the day a period starts on is not counted (民法典 第二百零一条). A period's last day that is
//! a day off moves to the next working day (民法典 第二百零三条, 行政复议法 第八十八条).
//! Every function here answers [`MissingYear`] for a year the calendar has no file for: a
//! deadline is reported as unknown, never approximated.

use chrono::{Days, NaiveDate};

use super::calendar::{Calendar, MissingYear};

impl Calendar {
    /// A period's last day, moved to the first working day after it when it falls on a day off.
    pub fn roll_to_working_day(&self, mut d: NaiveDate) -> Result<NaiveDate, MissingYear> {
        while !self.is_working_day(d)? {
            d = d + Days::new(1);
        }
        Ok(d)
    }

    /// The last allowed day of a period of `n` working days from `start`, if it falls before
    /// `done`: then `done` was late. Only the years up to `done` need a file.
    pub fn missed_deadline(
        &self,
        start: NaiveDate,
        n: u32,
        done: NaiveDate,
    ) -> Result<Option<NaiveDate>, MissingYear> {
        let mut d = start;
        let mut left = n;
        while d < done {
            if left == 0 {
                return Ok(Some(d));
            }
            d = d + Days::new(1);
            if self.is_working_day(d)? {
                left -= 1;
            }
        }
        Ok(None)
    }

    /// The day `n` working days after `start` (the start day not counted).
    pub fn working_days_after(&self, start: NaiveDate, n: u32) -> Result<NaiveDate, MissingYear> {
        let mut d = start;
        let mut left = n;
        while left > 0 {
            d = d + Days::new(1);
            if self.is_working_day(d)? {
                left -= 1;
            }
        }
        Ok(d)
    }

    /// [`Self::working_days_after`] as a worked example that always gives a day: through a
    /// year without a calendar file it counts Monday to Friday and names that year, because a
    /// holiday announced for it later may move the day.
    pub fn working_days_after_or_weekdays(
        &self,
        start: NaiveDate,
        n: u32,
    ) -> (NaiveDate, Option<i32>) {
        use chrono::{Datelike, Weekday};
        let mut d = start;
        let mut left = n;
        let mut missing = None;
        while left > 0 {
            d = d + Days::new(1);
            let working = self.is_working_day(d).unwrap_or_else(|MissingYear(y)| {
                missing.get_or_insert(y);
                !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
            });
            if working {
                left -= 1;
            }
        }
        (d, missing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::legal_time::calendar::YearFile;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// 国办发明电〔2023〕7号, 劳动节: 5月1日至5日放假调休，4月28日（星期日）、5月11日（星期六）上班.
    fn labour_day_2024() -> Calendar {
        let file: YearFile = toml::from_str(
            r#"
            year = 2024
            source = "国办发明电〔2023〕7号"
            [[holiday]]
            name = "劳动节"
            start = 2024-05-01
            end = 2024-05-05
            workdays = [2024-04-28, 2024-05-11]
            "#,
        )
        .unwrap();
        Calendar::new(&[file])
    }

    #[test]
    fn start_day_is_not_counted_and_holidays_are_skipped() {
        let cal = labour_day_2024();
        // Fri 26 Apr: 28 (Sun, worked), 29, 30, then 6, 7, 8, 9 May. A deadline shows as the
        // day a late action missed (any later day will do as `done`).
        let deadline = |n| cal.missed_deadline(day("2024-04-26"), n, day("2024-05-31"));
        assert_eq!(deadline(7), Ok(Some(day("2024-05-09"))));
        assert_eq!(deadline(1), Ok(Some(day("2024-04-28"))));
        assert_eq!(deadline(0), Ok(Some(day("2024-04-26"))));
        let missed = |done| cal.missed_deadline(day("2024-04-26"), 7, day(done));
        assert_eq!(missed("2024-05-09"), Ok(None));
        assert_eq!(missed("2024-05-10"), Ok(Some(day("2024-05-09"))));
        // Sat 11 May is a make-up workday: the 5th working day after Mon 6 May.
        let on_saturday = cal.missed_deadline(day("2024-05-06"), 5, day("2024-05-11"));
        assert_eq!(on_saturday, Ok(None));
        // Done on the Sunday after the last working day is late, though no working day passed.
        let on_sunday = cal.missed_deadline(day("2024-05-06"), 5, day("2024-05-12"));
        assert_eq!(on_sunday, Ok(Some(day("2024-05-11"))));
        assert_eq!(
            cal.working_days_after(day("2024-04-26"), 7),
            Ok(day("2024-05-09"))
        );
    }

    #[test]
    fn a_year_without_a_file_is_reported_not_guessed() {
        let cal = labour_day_2024();
        assert_eq!(
            cal.missed_deadline(day("2024-12-27"), 7, day("2025-01-31")),
            Err(MissingYear(2025))
        );
        assert_eq!(
            cal.is_working_day(day("2023-06-01")),
            Err(MissingYear(2023))
        );
        // A last day in a year without a file is not rolled over weekends alone.
        assert_eq!(
            cal.roll_to_working_day(day("2025-03-01")),
            Err(MissingYear(2025))
        );
        // 31 December 2024 is counted; 1 January 2025 is in a year without a file.
        assert_eq!(
            cal.working_days_after(day("2024-12-30"), 3),
            Err(MissingYear(2025))
        );
    }

    #[test]
    fn a_last_day_off_moves_past_the_holiday() {
        let cal = labour_day_2024();
        assert_eq!(
            cal.roll_to_working_day(day("2024-05-01")),
            Ok(day("2024-05-06"))
        );
        assert_eq!(
            cal.roll_to_working_day(day("2024-04-28")),
            Ok(day("2024-04-28")),
            "a make-up Sunday is a working day"
        );
    }

    #[test]
    fn worked_example_counts_weekdays_through_a_year_not_on_file() {
        let cal = labour_day_2024();
        // Within the year on file: the holiday is skipped, nothing is missing.
        assert_eq!(
            cal.working_days_after_or_weekdays(day("2024-04-30"), 2),
            (day("2024-05-07"), None)
        );
        // Into 2025, which has no file: Monday to Friday, and the year is named.
        assert_eq!(
            cal.working_days_after_or_weekdays(day("2024-12-30"), 3),
            (day("2025-01-02"), Some(2025))
        );
    }
}
