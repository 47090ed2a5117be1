//! Front-matter errors as staff meet them: each in Chinese, every one of a file reported.

use super::super::parse_all;
use super::*;
use crate::content::model::Date;

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Probe {
    title: String,
    updated: Date,
    #[serde(default)]
    ids: Vec<String>,
    #[serde(default)]
    amount: u64,
    #[serde(default)]
    flag: bool,
}

const GOOD: &str =
    "title = \"门店\"\nupdated = 2024-03-05\nids = [\"a\", \"b\"]\namount = 300\nflag = true\n";

/// English words left in a message once field names, values and examples are taken out.
fn english(s: &str) -> Vec<String> {
    const ALLOWED: &[&str] = &[
        "title", "decided", "amount", "true", "false", "docs", "content", "format", "md",
    ];
    // Field names staff must type are listed in English.
    let s = s.split("可用字段：").next().unwrap_or(s);
    let mut out = String::new();
    let mut skip: Option<char> = None;
    for c in s.chars() {
        match skip {
            Some(end) if c == end => skip = None,
            Some(_) => {}
            None if c == '`' => skip = Some('`'),
            None if c == '"' => skip = Some('"'),
            None => out.push(c),
        }
    }
    out.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3 && !ALLOWED.contains(w))
        .map(str::to_string)
        .collect()
}

#[test]
fn every_error_reads_in_chinese() {
    let edits: &[(&str, &str)] = &[
        ("title = \"门店\"", "title = 门店"),
        ("title = \"门店\"", "title = “门店”"),
        ("title = \"门店\"", "title ＝ \"门店\""),
        ("title = \"门店\"", "title：\"门店\""),
        ("title = \"门店\"", "title = \"门店"),
        ("title = \"门店\"", "title = 'x"),
        ("title = \"门店\"", "title = \"a\\q\""),
        ("title = \"门店\"", "title ="),
        ("title = \"门店\"", "标题 = \"门店\""),
        ("title = \"门店\"", "title = \"门店\"\ntitle = \"又\""),
        ("title = \"门店\"", "title = 5"),
        ("updated = 2024-03-05", "updated = 2024/03/05"),
        ("updated = 2024-03-05", "updated = 2024.3.5"),
        ("updated = 2024-03-05", "updated = \"2024年3月5日\""),
        ("updated = 2024-03-05", "updated = 2024-02-30   # 日期"),
        ("updated = 2024-03-05", "updated = 2024-13-01"),
        ("updated = 2024-03-05", "updated = 2024-1-5"),
        ("ids = [\"a\", \"b\"]", "ids = [\"a\"，\"b\"]"),
        ("ids = [\"a\", \"b\"]", "ids = [\"a\" \"b\"]"),
        ("ids = [\"a\", \"b\"]", "ids = [\"a\",,]"),
        ("ids = [\"a\", \"b\"]", "ids = [\"a\""),
        ("ids = [\"a\", \"b\"]", "ids = 【\"a\"】"),
        ("ids = [\"a\", \"b\"]", "ids = [\"a\"]]"),
        ("ids = [\"a\", \"b\"]", "ids = \"a\""),
        ("ids = [\"a\", \"b\"]", "ids = [1]"),
        ("ids = [\"a\", \"b\"]", "ids = {a = 1}"),
        ("amount = 300", "amount = 300元"),
        ("amount = 300", "amount = 1,000"),
        ("amount = 300", "amount = -300"),
        ("amount = 300", "amount = 3.5"),
        ("amount = 300", "amount = \"300\""),
        ("amount = 300", "amount = ３００"),
        ("amount = 300", "amount = 0300"),
        ("flag = true", "flag = 是"),
        ("flag = true", "flag = yes"),
        ("flag = true", "flag = true\ncolour = 1"),
        ("flag = true", "flag = true\n[table"),
        ("flag = true", "flag = true\n[[table]"),
    ];
    for (from, to) in edits {
        let text = GOOD.replacen(from, to, 1);
        let issues = match parse_all::<Probe>(&text) {
            Ok(_) => panic!("{to:?} parsed"),
            Err(r) => r.issues,
        };
        assert!(!issues.is_empty(), "{to:?}");
        for i in &issues {
            let hint = i.hint.clone().unwrap_or_default();
            let left = english(&format!("{}{hint}", i.message));
            assert!(left.is_empty(), "{to:?}: {} / {hint}: {left:?}", i.message);
        }
    }
}

#[test]
fn every_error_of_a_file_is_reported() {
    let text =
        "title = 门店\nupdated = 2024/3/5\nids = [\"a\"，\"b\"]\namount = 300元\nflag = true\n";
    let issues = parse_all::<Probe>(text).unwrap_err().issues;
    let codes: Vec<Code> = issues.iter().map(|i| i.code).collect();
    assert_eq!(
        codes,
        [
            Code::TomlSyntax,
            Code::InvalidDate,
            Code::TomlSyntax,
            Code::TomlSyntax
        ],
        "{issues:#?}"
    );
    assert_eq!(
        issues[1].hint.as_deref(),
        Some("日期写作 2024-03-05，不加引号")
    );
    assert!(issues[2].message.contains("中文逗号"));
    // A blanked required field is not reported again as missing.
    assert!(issues.iter().all(|i| i.code != Code::MissingField));
}

#[test]
fn dates_are_read_loosely() {
    assert_eq!(loose_date("2026/11/20"), Some((2026, 11, 20)));
    assert_eq!(loose_date("2026.1.5"), Some((2026, 1, 5)));
    assert_eq!(loose_date("2026年11月20日"), Some((2026, 11, 20)));
    assert_eq!(loose_date("2026-11-31"), Some((2026, 11, 31)));
    assert_eq!(loose_date("2026/11-20"), None);
    assert_eq!(loose_date("26/11/20"), None);
    assert_eq!(loose_date("二〇二六年"), None);
}

#[test]
fn comments_are_cut_outside_quotes_only() {
    assert_eq!(comment_start("a = 1   # 注释"), 8);
    assert_eq!(
        comment_start("a = \"第#1号\" # 注释"),
        "a = \"第#1号\" ".len()
    );
    assert_eq!(comment_start("a = 1"), 5);
}

#[test]
fn mangled_front_matter_never_panics() {
    // A small deterministic fuzz: characters staff mistype, inserted and deleted anywhere.
    let alphabet: Vec<char> = "\"'[]，“”＝=#\n 0-/年月日x[[".chars().collect();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..2000 {
        let mut chars: Vec<char> = GOOD.chars().collect();
        for _ in 0..(next() % 4 + 1) {
            let at = (next() % (chars.len() as u64 + 1)) as usize;
            if next() % 2 == 0 && at < chars.len() {
                chars.remove(at);
            } else {
                chars.insert(at, alphabet[(next() % alphabet.len() as u64) as usize]);
            }
        }
        let text: String = chars.into_iter().collect();
        if let Err(r) = parse_all::<Probe>(&text) {
            assert!(!r.issues.is_empty(), "{text:?}");
            for i in &r.issues {
                assert!(
                    i.offset <= text.len() && text.is_char_boundary(i.offset),
                    "{text:?}"
                );
            }
        }
    }
}
