//! Publishing is all or nothing: a failed build leaves the previous site byte-for-byte intact.

use std::fs;
use std::path::Path;

use gongshi::build::{BuildError, build};

use crate::util::{built_minimal, fixtures, paths};

fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn failed_build_keeps_previous_site() {
    let (dir, content, output) = built_minimal(None);
    let paths = paths(&content, &output);
    let before = snapshot(&output);

    // Plant a mistake and rebuild.
    copy_case(dir.path(), "dangling-reference");
    match build(&paths) {
        Err(BuildError::Invalid {
            errors,
            diagnostics,
        }) => {
            assert_eq!(errors, 1);
            assert_eq!(diagnostics[0].code.as_str(), "REF001");
        }
        other => panic!("expected refusal, got {other:?}"),
    }
    assert_eq!(snapshot(&output), before, "previous site changed");
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "staging left behind: {leftovers:?}");
}

#[test]
fn successful_rebuild_replaces_site_and_removes_stale_pages() {
    let (dir, content, output) = built_minimal(None);
    let paths = paths(&content, &output);
    assert!(output.join("cases/C-1/index.html").exists());
    fs::remove_file(content.join("cases/C-1.md")).unwrap();
    build(&paths).unwrap();
    assert!(
        !output.join("cases/C-1/index.html").exists(),
        "stale page survived"
    );
    assert!(output.join("index.html").exists());
    let siblings: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        siblings.len(),
        3,
        "only content/, public/ and index/ remain: {siblings:?}"
    );
}

fn copy_case(root: &Path, case: &str) {
    crate::util::copy_tree(&fixtures().join("errors").join(case), root);
}
