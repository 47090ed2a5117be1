//! Legal time: the working-day calendar and every period the law counts on it: working-day
//! deadlines for publishing and withdrawing decisions, remedy dates, and publication periods
//! (with taking expired and repaired records down), and the 我的罚单 timeline ([`ticket`]). One
//! policy for a year without a calendar file:
//! report it ([`calendar::MissingYear`]), never approximate.

pub mod calendar;
pub mod deadlines;
pub mod publication;
pub mod remedies;
pub mod ticket;

pub use calendar::{Calendar, MissingYear};

/// Today in China (UTC+8), whatever the machine's time zone: the day a party's dates and a
/// repair date are measured against.
pub fn today() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::TimeDelta::hours(8)).date_naive()
}
