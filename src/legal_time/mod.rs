//! Legal time: the working-day calendar and every period the law counts on it: working-day
//! deadlines for publishing and withdrawing decisions, remedy dates, and publication periods
//! (with taking expired records down). One policy for a year without a calendar file:
//! report it ([`calendar::MissingYear`]), never approximate.

pub mod calendar;
pub mod deadlines;
pub mod publication;
pub mod remedies;

pub use calendar::{Calendar, MissingYear};
