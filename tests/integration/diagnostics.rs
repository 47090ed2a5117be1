//! Each diagnostic code is planted in a copy of the minimal tree and must be reported with
//! the exact file, line, column, code and message recorded in the case's `expected.txt`.

use std::fs;

use gongshi::publish::check;

use crate::util::{fixtures, minimal_with};

#[test]
fn minimal_fixture_is_clean() {
    let (_dir, content) = minimal_with(None);
    let checked = check(&content);
    assert!(checked.diagnostics.is_empty(), "{:#?}", checked.diagnostics);
}

#[test]
fn every_planted_mistake_is_reported_exactly() {
    let cases = fs::read_dir(fixtures().join("errors")).unwrap();
    let mut seen = 0;
    for case in cases {
        let case = case.unwrap().path();
        let expected = fs::read_to_string(case.join("expected.txt")).unwrap();
        let (_dir, content) = minimal_with(Some(&case));
        let got: Vec<String> = check(&content)
            .diagnostics
            .iter()
            .map(|d| d.to_string())
            .collect();
        let want: Vec<&str> = expected.lines().collect();
        assert_eq!(got, want, "case {}", case.display());
        assert!(!want.is_empty(), "case {} expects nothing", case.display());
        seen += 1;
    }
    // The issue names seven mistakes; the tree holds more. Guard against an empty directory.
    assert!(seen >= 33, "only {seen} cases found");
}

#[test]
fn required_mistakes_have_their_codes() {
    for (case, code) in [
        ("bad-date", "[FM006]"),
        ("unknown-key", "[FM003]"),
        ("unknown-enum", "[FM005]"),
        ("dangling-reference", "[REF001]"),
        ("duplicate-id", "[ID001]"),
        ("raw-html", "[MD001]"),
        ("missing-field", "[FM004]"),
        ("personal-data", "[PII001]"),
        ("personal-data", "[PII002]"),
        ("personal-data", "[PII003]"),
        ("personal-data", "[PII004]"),
        ("personal-data", "[PII005]"),
        ("personal-data", "[PII006]"),
        ("personal-data", "[PII007]"),
        ("personal-data", "[PII008]"),
        ("version-old-lighter", "[DEC007]"),
        ("version-new-lighter", "[DEC007]"),
        ("benchmark-versions", "[BM004]"),
        ("law-unknown", "[LAW001]"),
        ("law-article", "[LAW002]"),
        ("law-superseded", "[LAW003]"),
        ("law-excerpt", "[LAW004]"),
        ("grade-outside-statute", "[BM002]"),
        ("statutory-range", "[BM003]"),
        ("statutory-missing", "[BM003]"),
        ("missing-grade", "[DEC002]"),
        ("fine-outside-grade", "[DEC003]"),
        ("fine-outside-statute", "[DEC004]"),
        ("mitigation-ground", "[DEC005]"),
        ("penalty-kind", "[DEC006]"),
        ("exemption-scope", "[EXM001]"),
        ("sample-only", "[SITE002]"),
        ("guide-power", "[REF001]"),
        ("guide-power", "[GUIDE001]"),
        ("guide-time-limit", "[GUIDE002]"),
        ("register-column", "[REG001]"),
        ("inspection-power", "[INSP001]"),
        ("inspection-power", "[REF001]"),
        ("inspection-limit", "[INSP002]"),
        ("inspection-totals", "[INSP003]"),
        ("footer-identification", "[SITE003]"),
        // A syntax error hides nothing else in its file: the other lines, the header's personal
        // data and the body are all reported in the same run.
        ("toml-syntax-all-findings", "[FM002]"),
        ("toml-syntax-all-findings", "[FM006]"),
        ("toml-syntax-all-findings", "[PII006]"),
        ("toml-syntax-all-findings", "[PII007]"),
        ("toml-syntax-all-findings", "[PII002]"),
        ("date-forms", "日期写作 2024-01-01，不加引号"),
        ("date-forms", "日期写作 2024-06-01，不加引号"),
        ("full-width-comma", "中文逗号"),
        ("personal-data-categories", "[PII001]"),
        ("personal-data-categories", "[PII006]"),
        ("personal-data-categories", "[PII009]"),
        ("personal-data-categories", "[PII010]"),
        ("personal-data-categories", "[PII011]"),
        ("personal-data-categories", "[PII012]"),
        ("personal-data-categories", "[PII013]"),
        ("personal-data-categories", "[PII014]"),
        ("personal-data-categories", "[PII015]"),
        ("personal-data-categories", "[PII016]"),
    ] {
        let expected =
            fs::read_to_string(fixtures().join("errors").join(case).join("expected.txt")).unwrap();
        assert!(expected.contains(code), "{case} lacks {code}");
    }
}

#[test]
fn non_utf8_file_is_reported_at_the_bad_byte() {
    let (_dir, content) = minimal_with(None);
    let mut bytes = "+++\nid = \"about\"\ntitle = \"".as_bytes().to_vec();
    bytes.extend_from_slice(&[0xb9, 0xd8, 0xd3, 0xda]); // 关于 in GBK
    bytes.extend_from_slice(b"\"\n+++\n");
    fs::write(content.join("pages/about.md"), bytes).unwrap();
    let got: Vec<String> = check(&content)
        .diagnostics
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(got, vec![
        "content/pages/about.md:3:10: 错误[ENC001]: 文件不是 UTF-8 编码（提示：用编辑器“另存为 UTF-8”后再提交（不要用 GBK/GB2312）；说明见 docs/diagnostic-codes.md#enc001）".to_string()
    ]);
}

#[cfg(unix)]
#[test]
fn symlink_out_of_the_tree_is_refused() {
    let (dir, content) = minimal_with(None);
    let outside = dir.path().join("secret.md");
    fs::write(&outside, "+++\nid = \"x\"\n+++\n").unwrap();
    std::os::unix::fs::symlink(&outside, content.join("pages/x.md")).unwrap();
    let checked = check(&content);
    let got: Vec<String> = checked.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].starts_with("content/pages/x.md:1:1: 错误[FILE001]: 内容目录中不允许符号链接"),
        "{got:?}"
    );
}

#[test]
fn oversized_file_is_refused() {
    let (_dir, content) = minimal_with(None);
    let big = format!(
        "+++\nid = \"big\"\ntitle = \"大\"\nupdated = 2024-01-01\n+++\n{}",
        "字".repeat(1_500_000)
    );
    fs::write(content.join("pages/big.md"), big).unwrap();
    let checked = check(&content);
    assert_eq!(checked.errors, 1);
    assert!(checked.diagnostics[0].to_string().contains("文件过大"));
}

#[test]
fn a_broken_file_silences_only_references_to_its_own_kind() {
    // R-1 fails to parse (its id line carries a comment, as `gongshi new` writes it). References
    // to risk R-1 are not reported again, but a power reference to a missing `R-1` still is.
    let (_dir, content) = minimal_with(None);
    let risk = fs::read_to_string(content.join("risks/R-1.md")).unwrap();
    let broken = risk
        .replace("id = \"R-1\"", "id = \"R-1\"   # 风险点编号")
        .replace("level = \"高\"", "level = \"极高\"");
    fs::write(content.join("risks/R-1.md"), broken).unwrap();
    let e = fs::read_to_string(content.join("exemptions/E-1.md")).unwrap();
    fs::write(
        content.join("exemptions/E-1.md"),
        e.replace("powers = [\"P-1\"]", "powers = [\"R-1\"]"),
    )
    .unwrap();
    let got: Vec<String> = check(&content)
        .diagnostics
        .iter()
        .map(|d| format!("{} {}", d.path.display(), d.code.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            "content/exemptions/E-1.md REF001".to_string(),
            "content/risks/R-1.md FM005".to_string(),
        ]
    );
}

#[test]
fn an_invalid_date_is_quoted_without_its_comment() {
    let expected = fs::read_to_string(
        fixtures()
            .join("errors")
            .join("invalid-date-comment")
            .join("expected.txt"),
    )
    .unwrap();
    assert!(expected.contains("日期 `2024-02-30` 不存在"), "{expected}");
    assert!(
        !expected.contains("# ") && !expected.contains("生效日期"),
        "{expected}"
    );
}

#[test]
fn the_quick_reference_card_is_generated_from_the_code_table() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diagnostic-codes.md");
    let want = gongshi::diagnostics::reference_card();
    if std::env::var_os("GONGSHI_UPDATE_DOCS").is_some() {
        fs::write(&path, &want).unwrap();
    }
    let have = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "docs/diagnostic-codes.md is not what the code table in src/diagnostics/codes.rs makes; \
         regenerate it: GONGSHI_UPDATE_DOCS=1 cargo test --test integration diagnostics"
    );
    for &code in gongshi::diagnostics::Code::ALL {
        assert!(
            have.contains(&format!("\n## {}\n", code.as_str())),
            "{code:?}"
        );
    }
}

#[test]
fn every_printed_diagnostic_points_to_its_entry_on_the_card() {
    let card = fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diagnostic-codes.md"),
    )
    .unwrap();
    for case in fs::read_dir(fixtures().join("errors")).unwrap() {
        let expected = fs::read_to_string(case.unwrap().path().join("expected.txt")).unwrap();
        for line in expected.lines() {
            let code = line
                .split('[')
                .nth(1)
                .and_then(|r| r.split(']').next())
                .unwrap();
            let pointer = format!("说明见 docs/diagnostic-codes.md#{}）", code.to_lowercase());
            assert!(line.ends_with(&pointer), "{line}");
            assert!(
                card.contains(&format!("\n## {code}\n")),
                "{code} not on the card"
            );
        }
    }
}
