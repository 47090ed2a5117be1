//! Helpers the detectors' tests share.

use super::*;
use std::path::{Path, PathBuf};

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

// ---- the sample site's public contacts ---------------------------------------------

pub(super) fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("read content dir")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            markdown_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "md") {
            out.push(p);
        }
    }
}

pub(super) fn front_matter(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("+++")?;
    let end = rest.find("\n+++")?;
    Some(&rest[..end])
}

pub(super) fn sample_allowed(content: &Path) -> Allowed {
    let mut allowed = Allowed::default();
    let site_text = std::fs::read_to_string(content.join("site.toml")).expect("site.toml");
    let site: toml::Value = toml::from_str(&site_text).expect("site.toml parses");
    for h in site
        .get("hotlines")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
    {
        if let Some(n) = h.get("number").and_then(|v| v.as_str()) {
            allowed.phone(n);
        }
    }
    for e in site
        .get("emails")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str())
    {
        allowed.email(e);
    }
    for a in site
        .get("addresses")
        .and_then(|v| v.as_array())
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str())
    {
        allowed.address(a);
    }
    let mut agencies = Vec::new();
    markdown_files(&content.join("agencies"), &mut agencies);
    assert!(
        !agencies.is_empty(),
        "no agencies under {}",
        content.display()
    );
    for path in agencies {
        let text = std::fs::read_to_string(&path).expect("agency file");
        let fm: toml::Value = toml::from_str(front_matter(&text).expect("front matter"))
            .expect("front matter parses");
        let s = |k: &str| fm.get(k).and_then(|v| v.as_str());
        for k in ["phone", "complaint_phone"] {
            if let Some(v) = s(k) {
                allowed.phone(v);
            }
        }
        if let Some(v) = s("email") {
            allowed.email(v);
        }
        if let Some(v) = s("address") {
            allowed.address(v);
        }
        for staff in fm
            .get("staff")
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
        {
            if let Some(n) = staff.get("name").and_then(|v| v.as_str()) {
                allowed.name(n);
            }
        }
    }
    allowed
}

/// Line and column (in characters, from 1) of a byte offset.
pub(super) fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    (line, col)
}
