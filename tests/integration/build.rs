//! Publishing is all or nothing: a failed build leaves the previous site byte-for-byte intact.

use std::fs;
use std::path::Path;

use gongshi::publish::{BuildError, build};

use crate::util::{built_minimal, fixtures, paths};

#[test]
fn failed_build_keeps_previous_site() {
    let (dir, content, output) = built_minimal(None);
    let paths = paths(&content, &output);
    let before = crate::util::snapshot(&output);

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
    assert_eq!(
        crate::util::snapshot(&output),
        before,
        "previous site changed"
    );
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
    let mut siblings: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    siblings.sort();
    assert_eq!(
        siblings,
        [".public.previous", "content", "index", "public"],
        "no staging left; the previous site kept for the next build"
    );
}

#[test]
fn rebuilds_rewrite_the_previous_site_in_place_and_leave_nothing_of_it_behind() {
    let (dir, content, output) = built_minimal(None);
    let paths = paths(&content, &output);
    let mtime = |p: &Path| fs::metadata(p).unwrap().modified().unwrap();
    // Second build: the first site becomes .public.previous.
    build(&paths).unwrap();
    let previous = dir.path().join(".public.previous");
    assert!(previous.join("index.html").exists());
    // Things only the old tree has, which the next build must not publish.
    fs::create_dir_all(previous.join("risks/R-OLD")).unwrap();
    fs::write(previous.join("risks/R-OLD/index.html"), "old").unwrap();
    fs::write(previous.join("stray.txt"), "stray").unwrap();
    fs::create_dir_all(previous.join("old/deep/er")).unwrap();
    fs::write(previous.join("old/deep/er/index.html"), "old").unwrap();
    // An old file where the new site needs a directory, and an old directory where it
    // needs a file.
    fs::remove_dir_all(previous.join("cases/C-1")).unwrap();
    fs::write(previous.join("cases/C-1"), "file in the way").unwrap();
    fs::remove_file(previous.join("robots.txt")).unwrap();
    fs::create_dir_all(previous.join("robots.txt/x")).unwrap();
    // A page whose text is the same but whose bytes the old tree got wrong.
    let risk = previous.join("risks/R-1/index.html");
    let good = fs::read(output.join("risks/R-1/index.html")).unwrap();
    let mut bad = good.clone();
    bad[0] = b'X';
    fs::write(&risk, &bad).unwrap();
    let unchanged = previous.join("agencies/index.html");
    let unchanged_before = mtime(&unchanged);
    std::thread::sleep(std::time::Duration::from_millis(20));

    // One content change, then the third build rewrites .public.previous into the new site.
    let decision = fs::read_dir(content.join("decisions/2024"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .unwrap();
    let text = fs::read_to_string(&decision).unwrap();
    fs::write(&decision, format!("{text}\n补充说明：当事人已整改。\n")).unwrap();
    let reference = tempfile::tempdir().unwrap();
    let fresh = reference.path().join("public");
    build(&crate::util::paths(&content, &fresh)).unwrap();
    build(&paths).unwrap();

    assert_eq!(
        crate::util::snapshot(&output),
        crate::util::snapshot(&fresh),
        "a rewritten tree equals a fresh build"
    );
    let dirs = |root: &Path| {
        let mut d: Vec<String> = walkdir::WalkDir::new(root)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_dir())
            .map(|e| e.path().strip_prefix(root).unwrap().display().to_string())
            .collect();
        d.sort();
        d
    };
    assert_eq!(
        dirs(&output),
        dirs(&fresh),
        "no directory of the old tree is left"
    );
    assert_eq!(fs::read(output.join("risks/R-1/index.html")).unwrap(), good);
    assert_eq!(
        mtime(&output.join("agencies/index.html")),
        unchanged_before,
        "an unchanged page is not written again"
    );
}

fn copy_case(root: &Path, case: &str) {
    crate::util::copy_tree(&fixtures().join("errors").join(case), root);
}
