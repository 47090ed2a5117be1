//! Properties of the scanner as a whole: tables, finding order, the planted corpus with exact
//! spans and the sample site without findings.

use super::names::{BAD_GIVEN, FOLLOW1};
use super::test_support::*;
use super::*;
use std::path::Path;

#[test]
fn kinds_have_chinese_labels_hints_and_codes() {
    for kind in PiiKind::ALL {
        assert!(
            kind.label()
                .chars()
                .all(|c| is_han(c) || c.is_ascii_uppercase() || c == '、'),
            "{kind:?}"
        );
        assert!(kind.hint().chars().any(is_han), "{kind:?}");
        assert_eq!(PiiKind::from_code(kind.code()), Some(kind));
    }
    assert_eq!(PiiKind::IdNumber.label(), "身份证号");
    assert_eq!(PiiKind::PersonName.label(), "他人姓名");
}

#[test]
fn tables_are_consistent() {
    assert!(
        SURNAMES.single.len() >= 300,
        "{} single surnames",
        SURNAMES.single.len()
    );
    assert!(
        SURNAMES.compound.len() >= 40,
        "{} compound surnames",
        SURNAMES.compound.len()
    );
    for c in FOLLOW1.iter() {
        assert!(
            BAD_GIVEN.contains(c),
            "{c} ends a name but could be part of one"
        );
    }
    assert!(!SURNAMES.single.contains(&'某'));
}

#[test]
fn findings_are_sorted_disjoint_and_on_char_boundaries() {
    // A small deterministic fuzz over characters the scanners care about.
    let alphabet: Vec<char> =
        "0123456789 -+()（）·*@.Xx号路室幢单元小区浙A张王某证人称于的，。、\n138１"
            .chars()
            .collect();
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let len = (next() % 60) as usize;
        let text: String = (0..len)
            .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
            .collect();
        let fs = scan(&text, &none());
        for w in fs.windows(2) {
            assert!(w[0].end <= w[1].start, "{text:?}: {fs:?}");
        }
        for f in &fs {
            assert!(
                f.start < f.end && text.is_char_boundary(f.start) && text.is_char_boundary(f.end)
            );
        }
    }
}

#[test]
fn mixed_text_reports_each_item_once_in_order() {
    let text = "当事人张某（身份证号110105199003071239，手机13812345678，邮箱a.b@qq.com）驾驶浙A·12345，\
                住锦绣路18号3幢2单元501室，证人王小明称其银行卡号为6222021234567890128。";
    let got: Vec<PiiKind> = kinds(text);
    assert_eq!(
        got,
        vec![
            PiiKind::IdNumber,
            PiiKind::Phone,
            PiiKind::Email,
            PiiKind::Plate,
            PiiKind::Address,
            PiiKind::PersonName,
            PiiKind::BankCard
        ]
    );
    assert!(scan("", &none()).is_empty());
}

// ---- sample site --------------------------------------------------------------------

// ---- planted corpus -----------------------------------------------------------------

/// The corpus without its `⟦kind:text⟧` markers, and the marked spans.
fn strip_markers(marked: &str) -> (String, Vec<(usize, usize, PiiKind)>) {
    let mut text = String::with_capacity(marked.len());
    let mut spans = Vec::new();
    let mut rest = marked;
    while let Some(open) = rest.find('⟦') {
        text.push_str(&rest[..open]);
        let inner = &rest[open + '⟦'.len_utf8()..];
        let close = inner.find('⟧').expect("unclosed ⟦");
        let (code, item) = inner[..close].split_once(':').expect("⟦kind:text⟧");
        let kind = PiiKind::from_code(code).unwrap_or_else(|| panic!("unknown kind {code}"));
        spans.push((text.len(), text.len() + item.len(), kind));
        text.push_str(item);
        rest = &inner[close + '⟧'.len_utf8()..];
    }
    text.push_str(rest);
    (text, spans)
}

fn corpus_allowed() -> Allowed {
    let mut a = Allowed::default();
    for p in ["12345", "12319", "0000-12319001", "(0571) 8888 1234"] {
        a.phone(p);
    }
    a.email("gongkai@cgzf.example.gov.cn");
    a.address("示例市滨江区政务大道1号");
    a.address("示例市东湖区和平路6号2号楼301室");
    a.name("李明");
    a.name("王海燕");
    a
}

#[test]
fn planted_corpus_is_found_exactly() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pii/corpus.txt");
    let marked = std::fs::read_to_string(&path).expect("corpus");
    assert!(
        marked.lines().count() >= 60,
        "the corpus needs at least 60 lines"
    );
    let (text, expected) = strip_markers(&marked);
    for kind in PiiKind::ALL {
        let n = expected.iter().filter(|e| e.2 == kind).count();
        assert!(n >= 6, "only {n} planted {}", kind.code());
    }
    let got: Vec<(usize, usize, PiiKind)> = scan(&text, &corpus_allowed())
        .into_iter()
        .map(|f| (f.start, f.end, f.kind))
        .collect();
    let describe = |&(s, e, k): &(usize, usize, PiiKind)| {
        format!(
            "line {}: {} {:?}",
            line_col(&text, s).0,
            k.code(),
            &text[s..e]
        )
    };
    let mut report = Vec::new();
    for e in expected.iter().filter(|e| !got.contains(e)) {
        report.push(format!("missed {}", describe(e)));
    }
    for g in got.iter().filter(|g| !expected.contains(g)) {
        report.push(format!("extra  {}", describe(g)));
    }
    assert!(
        report.is_empty(),
        "{} differences:\n{}",
        report.len(),
        report.join("\n")
    );
}

#[test]
fn sample_site_has_no_findings() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let allowed = sample_allowed(&content);
    let mut files = Vec::new();
    markdown_files(&content, &mut files);
    assert!(
        files.len() > 100,
        "expected the sample content, found {} files",
        files.len()
    );
    let mut report = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).expect("content file");
        for f in scan(&text, &allowed) {
            let (line, col) = line_col(&text, f.start);
            report.push(format!(
                "{}:{line}:{col}: {} {:?}",
                path.display(),
                f.kind.label(),
                &text[f.start..f.end]
            ));
        }
    }
    assert!(
        report.is_empty(),
        "{} findings in the sample content:\n{}",
        report.len(),
        report.join("\n")
    );
}
