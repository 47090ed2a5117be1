//! Content rules beyond parsing, run on a loaded library: unique and well-formed ids,
//! references that resolve, declared vocabularies, date order, withdrawals, decision
//! consistency, benchmark ranges, working-day deadlines, placeholders and personal data.
//! One file per group of rules under `rules/`; the personal-data scanner under [`pii`], one
//! file per detector. Each rule appends diagnostics; nothing here writes files.

pub mod pii;
mod rules;

use crate::content::Library;
use crate::content::Source;
use crate::content::links::IdIndex;
use crate::diagnostics::{Code, Diagnostics, Severity};
use crate::legal_time::Calendar;

/// Text that `gongshi new` writes into fields the author still has to fill.
pub use crate::content::scaffold::PLACEHOLDER;

/// Runs every rule over a loaded library.
pub fn check(lib: &Library, calendar: &Calendar, diags: &mut Diagnostics) {
    let ids = IdIndex::build(lib);
    let mut c = Checker {
        lib,
        ids: &ids,
        calendar,
        diags,
    };
    c.ids();
    c.settings();
    c.answer_tables();
    c.references();
    c.vocabularies();
    c.dates();
    c.decisions();
    c.deadlines();
    c.benchmarks();
    c.citations();
    c.fines();
    c.exemption_scope();
    c.guides();
    c.inspections();
    c.registers();
    c.placeholders();
    c.personal_data();
}

/// What every rule works with.
struct Checker<'a> {
    lib: &'a Library,
    ids: &'a IdIndex<'a>,
    calendar: &'a Calendar,
    diags: &'a mut Diagnostics,
}

/// Where in a file a finding belongs: a key, its nth repetition, and optionally a value on it.
struct At<'s> {
    key: &'s str,
    nth: usize,
    needle: Option<&'s str>,
}

fn at(key: &str) -> At<'_> {
    At {
        key,
        nth: 0,
        needle: None,
    }
}

impl Checker<'_> {
    fn report(
        &mut self,
        src: &Source,
        at: At<'_>,
        sev: Severity,
        code: Code,
        msg: String,
        hint: &str,
    ) {
        let offset = src.at_key(at.key, at.nth, at.needle);
        let hint = (!hint.is_empty()).then(|| hint.to_string());
        self.diags
            .push(src.diagnostic(offset, sev, code, msg, hint));
    }

    fn error(&mut self, src: &Source, at: At<'_>, code: Code, msg: String, hint: &str) {
        self.report(src, at, Severity::Error, code, msg, hint);
    }
}
