//! Hostile content (issue 8): each planted file gets a clear diagnostic naming it, the build
//! refuses, and nothing from the file reaches the published site, which stays as it was.

use std::fs;
use std::path::Path;

use gongshi::publish::{BuildError, build};

use crate::util::{minimal_with, paths};

/// A free page with `front` extra front-matter lines and `body`.
fn page(id: &str, extra: &str, body: &str) -> String {
    format!(
        "+++\nid = \"{id}\"\ntitle = \"恶意内容{id}\"\norder = 9\nupdated = 2024-01-01\n{extra}+++\n{body}\n"
    )
}

/// Builds the minimal tree once (the "previous" site), plants `plant` into it, builds again:
/// the second build must fail with `code` at `file`, and the site must be the first one.
fn refused(case: &str, code: &str, file: &str, plant: impl FnOnce(&Path)) {
    let (dir, content) = minimal_with(None);
    let output = dir.path().join("public");
    let p = paths(&content, &output);
    build(&p).expect("the clean tree builds");
    let before = snapshot(&output);
    plant(&content);
    let err = build(&p).expect_err(case);
    let BuildError::Invalid { diagnostics, .. } = err else {
        panic!("{case}: not a content error: {err}")
    };
    let shown: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(
        diagnostics
            .iter()
            .any(|d| d.code.as_str() == code && d.path.ends_with(file) && d.is_error()),
        "{case}: no {code} at {file}: {shown:#?}"
    );
    let after = snapshot(&output);
    assert!(
        !after.iter().any(|(_, text)| text.contains("恶意内容")),
        "{case}: something of the file was published"
    );
    assert_eq!(after, before, "{case}: the published site changed");
}

/// Every file of a built site with its text (lossy), sorted.
fn snapshot(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            (
                rel,
                String::from_utf8_lossy(&fs::read(e.path()).unwrap()).into_owned(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn invalid_utf8_is_refused() {
    refused("invalid UTF-8", "ENC001", "pages/gbk.md", |c| {
        let mut bytes = page("gbk", "", "").into_bytes();
        bytes.extend_from_slice(&[0xc7, 0xeb, 0xb2, 0xe9]); // 请查 in GBK
        fs::write(c.join("pages/gbk.md"), bytes).unwrap();
    });
}

#[test]
fn a_50_mb_file_is_refused_without_being_read() {
    refused("50 MB file", "IO001", "pages/huge.md", |c| {
        let f = fs::File::create(c.join("pages/huge.md")).unwrap();
        f.set_len(50 * 1024 * 1024).unwrap();
    });
}

#[test]
fn deeply_nested_lists_and_quotes_are_refused() {
    refused("nested lists", "MD003", "pages/lists.md", |c| {
        let body: Vec<String> = (0..200)
            .map(|i| format!("{}- 第{i}层", "  ".repeat(i)))
            .collect();
        fs::write(
            c.join("pages/lists.md"),
            page("lists", "", &body.join("\n")),
        )
        .unwrap();
    });
    refused("nested quotes", "MD003", "pages/quotes.md", |c| {
        let body = format!("{} 很深的引用", ">".repeat(20_000));
        fs::write(c.join("pages/quotes.md"), page("quotes", "", &body)).unwrap();
    });
}

#[test]
fn a_symlink_out_of_the_tree_is_refused_and_not_followed() {
    refused("symlink", "FILE001", "pages/link.md", |c| {
        let outside = c.parent().unwrap().join("secret.md");
        fs::write(&outside, page("secret", "", "恶意内容：树外的文件")).unwrap();
        std::os::unix::fs::symlink(&outside, c.join("pages/link.md")).unwrap();
    });
}

#[test]
fn script_tags_and_event_handlers_are_refused() {
    refused("script", "MD001", "pages/script.md", |c| {
        let body = "正文<script>alert(document.cookie)</script>";
        fs::write(c.join("pages/script.md"), page("script", "", body)).unwrap();
    });
    refused("onerror", "MD001", "pages/onerror.md", |c| {
        let body = "图片：<img src=x onerror=\"alert(1)\">";
        fs::write(c.join("pages/onerror.md"), page("onerror", "", body)).unwrap();
    });
}

#[test]
fn javascript_links_are_refused() {
    refused("javascript link", "MD002", "pages/js.md", |c| {
        let body = "[点这里](javascript:alert(1)) 和 [另一个](JaVaScRiPt&#58;alert(2))";
        fs::write(c.join("pages/js.md"), page("js", "", body)).unwrap();
    });
}

#[test]
fn a_front_matter_bomb_is_refused() {
    refused("nesting bomb", "FM002", "pages/bomb.md", |c| {
        let extra = format!("x = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
        fs::write(c.join("pages/bomb.md"), page("bomb", &extra, "")).unwrap();
    });
    refused("key bomb", "FM003", "pages/keys.md", |c| {
        let extra: String = (0..50_000)
            .map(|i| format!("k{i} = \"{}\"\n", "恶".repeat(20)))
            .collect();
        fs::write(c.join("pages/keys.md"), page("keys", &extra, "")).unwrap();
    });
}
