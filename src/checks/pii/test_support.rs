//! Helpers the detectors' tests share.

use super::*;

pub(super) fn found<'a>(text: &'a str, allowed: &Allowed) -> Vec<(PiiKind, &'a str)> {
    scan(text, allowed)
        .into_iter()
        .map(|f| (f.kind, &text[f.start..f.end]))
        .collect()
}

pub(super) fn none() -> Allowed {
    Allowed::default()
}

pub(super) fn kinds(text: &str) -> Vec<PiiKind> {
    scan(text, &none()).into_iter().map(|f| f.kind).collect()
}

/// Asserts that `text` has exactly one finding, of `kind`, covering `item`.
#[track_caller]
pub(super) fn one(text: &str, kind: PiiKind, item: &str) {
    assert_eq!(found(text, &none()), vec![(kind, item)], "in {text:?}");
}

#[track_caller]
pub(super) fn nothing(text: &str) {
    assert_eq!(found(text, &none()), vec![], "in {text:?}");
}

// ---- 身份证号 --------------------------------------------------------------------------
