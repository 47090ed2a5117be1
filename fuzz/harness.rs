#![allow(dead_code)] // each fuzz target uses one of these functions
//! The calls each fuzz target makes, shared with the regression test
//! (`tests/integration/fuzz_regressions.rs`), so a saved crash replays exactly.
//! Any panic here is a bug in gongshi.

use std::path::Path;
use std::sync::OnceLock;

use gongshi::content::frontmatter;
use gongshi::content::kinds::{
    Agency, Benchmark, Case, Decision, Exemption, Page, PowerItem, RiskPoint,
};
use gongshi::diagnostics::LineIndex;
use gongshi::search::engine::Engine;
use gongshi::search::query::{self, MAX_QUERY_CHARS};

/// Keys `validate` locates in front matter, plus one that never occurs.
const KEYS: &[&str] = &[
    "id",
    "title",
    "date",
    "powers",
    "grade",
    "law",
    "audiences",
    "no-such-key",
];

/// `content`: bytes as a content file; invalid UTF-8 is skipped (the loader refuses it).
pub fn content(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let lines = LineIndex::new(text);
    // Privacy runs over the whole file, front matter included.
    for f in gongshi::checks::pii::scan(text, &gongshi::checks::pii::Allowed::default()) {
        assert!(f.start <= f.end, "finding {f:?} ends before it starts");
        let _ = &text[f.start..f.end]; // the documented contract: an exact slice
        lines.position(f.start);
    }
    let (front, body, front_offset, body_offset) = match frontmatter::split(text) {
        Ok(s) => (s.front, s.body, s.front_offset, s.body_offset),
        Err(issue) => {
            lines.position(issue.offset);
            // Still render the whole text as a body: markdown has no preconditions.
            let _ = gongshi::content::markdown::render(text);
            return;
        }
    };
    assert_eq!(&text[front_offset..front_offset + front.len()], front);
    assert_eq!(&text[body_offset..], body);
    parse_as::<Decision>(front, &lines, front_offset);
    parse_as::<RiskPoint>(front, &lines, front_offset);
    parse_as::<PowerItem>(front, &lines, front_offset);
    parse_as::<Exemption>(front, &lines, front_offset);
    parse_as::<Benchmark>(front, &lines, front_offset);
    parse_as::<Case>(front, &lines, front_offset);
    parse_as::<Agency>(front, &lines, front_offset);
    parse_as::<Page>(front, &lines, front_offset);
    // Fixed keys, and keys and quoted values taken from the input's own lines, so the
    // fuzzer steers `locate` as real front matter does.
    let mut probes: Vec<(&str, Option<&str>)> = KEYS
        .iter()
        .flat_map(|k| [(*k, None), (*k, Some("P-1")), (*k, Some(""))])
        .collect();
    for line in front.lines().take(8) {
        if let Some((key, value)) = line.split_once('=') {
            let needle = value.split('"').nth(1);
            probes.push((key.trim().trim_matches('"'), needle));
            probes.push((key, None));
        }
    }
    for (key, needle) in probes {
        for nth in 0..2 {
            let at = frontmatter::locate(front, key, nth, needle);
            lines.position(front_offset + at);
        }
    }
    let (md, issues) = gongshi::content::markdown::render(body);
    for i in issues {
        lines.position(body_offset + i.offset);
    }
    let _ = gongshi::checks::pii::scan(&md.text, &gongshi::checks::pii::Allowed::default());
}

fn parse_as<T: serde::de::DeserializeOwned>(front: &str, lines: &LineIndex, front_offset: usize) {
    if let Err(issue) = frontmatter::parse::<T>(front) {
        lines.position(front_offset + issue.offset);
    }
    // What the loader runs: every error, each entry in error blanked and the rest parsed again.
    if let Err(recovered) = frontmatter::parse_all::<T>(front) {
        assert!(!recovered.issues.is_empty(), "an error without an issue");
        for issue in recovered.issues {
            assert!(
                issue.offset <= front.len(),
                "{issue:?} outside the front matter"
            );
            lines.position(front_offset + issue.offset);
        }
    }
}

/// `query`: bytes as a raw query string (after `?`), read as the server reads it.
pub fn query(data: &[u8]) {
    // The server gets the query string as &str (axum's `RawQuery`): HTTP makes it ASCII, but
    // any &str must be handled.
    let Ok(raw) = std::str::from_utf8(data) else {
        return;
    };
    let lossy = query::q_lossy(Some(raw));
    assert!(lossy.chars().count() <= MAX_QUERY_CHARS);
    let Ok(params) = query::parse_params(Some(raw)) else {
        return; // an InputError: the expected answer to bad input
    };
    assert!(params.q.chars().count() <= MAX_QUERY_CHARS);
    let engine = engine();
    let Ok(req) = engine.check(params) else {
        return;
    };
    if let Err(e) = engine.search(&req) {
        panic!("search failed on a checked request {req:?}: {e}");
    }
}

/// The minimal fixture, built once into a temporary directory.
fn engine() -> &'static Engine {
    static ENGINE: OnceLock<(tempfile::TempDir, Engine)> = OnceLock::new();
    &ENGINE
        .get_or_init(|| {
            // CARGO_MANIFEST_DIR is fuzz/ in the fuzz crate, the repository in the tests.
            let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
            let repo = if manifest.join("tests/fixtures").is_dir() {
                manifest.to_path_buf()
            } else {
                manifest.join("..")
            };
            let dir = tempfile::tempdir().expect("temp dir");
            // A copy, as the tests do: the build reads `git log` of the content directory.
            let content = dir.path().join("content");
            copy_tree(&repo.join("tests/fixtures/minimal/content"), &content);
            let output = dir.path().join("public");
            let index = dir.path().join("index");
            let paths = gongshi::publish::Paths {
                content,
                output,
                static_dir: None,
                index: Some(index.clone()),
                as_of: chrono::NaiveDate::from_ymd_opt(2024, 5, 1).unwrap(),
            };
            gongshi::publish::build(&paths).expect("minimal fixture builds");
            let engine = Engine::open(&index).expect("index opens");
            (dir, engine)
        })
        .1
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create dir");
    for entry in std::fs::read_dir(from).expect("read fixture dir") {
        let entry = entry.expect("fixture entry");
        let dest = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_tree(&entry.path(), &dest);
        } else {
            std::fs::copy(entry.path(), &dest).expect("copy fixture file");
        }
    }
}
