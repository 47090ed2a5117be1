//! The binary's verbs as staff run them: exit codes, printed diagnostics, `new` templates.

use std::process::Command;

use crate::util::minimal_with;

fn gongshi(args: &[&str], dir: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gongshi"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn check_exits_nonzero_with_sorted_diagnostics_and_a_count() {
    let (dir, _content) = minimal_with(Some(
        &crate::util::fixtures().join("errors/dangling-reference"),
    ));
    let out = gongshi(&["check"], dir.path());
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("content/decisions/2024/D-1.md:17:11: 错误[REF001]"),
        "{stderr}"
    );
    assert!(
        stderr
            .trim_end()
            .ends_with("检查完成：共 1 个错误，0 个警告"),
        "{stderr}"
    );
    assert!(
        !dir.path().join("public").exists(),
        "check must write nothing"
    );
}

#[test]
fn build_then_check_succeed_on_clean_content() {
    let (dir, _content) = minimal_with(None);
    let out = gongshi(&["check"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = gongshi(&["build"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("构建完成"));
    assert!(dir.path().join("public/index.html").exists());
}

#[test]
fn new_writes_every_kind_and_check_demands_it_be_filled() {
    for kind in [
        "agency",
        "risk",
        "power",
        "exemption",
        "benchmark",
        "decision",
        "case",
        "page",
    ] {
        let (dir, _content) = minimal_with(None);
        let out = gongshi(&["new", kind, "--id", "NEW-1"], dir.path());
        assert!(
            out.status.success(),
            "{kind}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let path = String::from_utf8(out.stdout).unwrap();
        let text = std::fs::read_to_string(dir.path().join(path.trim())).unwrap();
        assert!(text.contains("# "), "{kind} template has no comments");
        let out = gongshi(&["check"], dir.path());
        assert!(
            !out.status.success(),
            "{kind}: unfilled template passed check"
        );
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains("[TODO001]"), "{kind}: {stderr}");
        // A second `new` with the same id must not overwrite the first.
        let again = gongshi(&["new", kind, "--id", "NEW-1"], dir.path());
        assert!(
            !again.status.success(),
            "{kind}: overwrote an existing file"
        );
    }
}

#[test]
fn unknown_kind_lists_the_choices() {
    let (dir, _content) = minimal_with(None);
    let out = gongshi(&["new", "widget"], dir.path());
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("可选：agency、risk"));
}

/// What containers and search replicas run: an existing site and index, served as they are.
#[test]
fn serve_no_build_serves_what_is_there_and_refuses_an_empty_directory() {
    let (dir, content) = minimal_with(None);
    let out = gongshi(&["serve", "--no-build", "--port", "0"], dir.path());
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--no-build 需要先运行 gongshi build"),
        "{stderr}"
    );

    assert!(gongshi(&["build"], dir.path()).status.success());
    // Without the content the site can no longer be built, so a served page proves no build ran.
    std::fs::remove_dir_all(&content).unwrap();
    let (_server, addr) = crate::util::spawn_gongshi(
        &["serve", "--no-build", "--port", "0", "--bind", "127.0.0.1"],
        dir.path(),
        "网站已启动：http://",
    );
    let home = crate::util::http_get(addr, "/");
    assert!(home.starts_with("HTTP/1.1 200 OK"), "{home:.300}");
    let api = crate::util::http_get(addr, "/api/search?q=%E6%91%86%E6%91%8A");
    assert!(api.starts_with("HTTP/1.1 200 OK"), "{api:.300}");
    assert!(api.contains("\"total\""), "{api:.600}");
}

/// Parses NDJSON output into values.
fn json_lines(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8(out.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn export_search_writes_what_a_build_indexes_for_other_engines() {
    let (dir, _content) = minimal_with(None);
    let day = ["--as-of", "2024-05-01"];
    let built = gongshi(&[&["build"][..], &day].concat(), dir.path());
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let manifest: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.path().join("index/gongshi-index.json")).unwrap(),
    )
    .unwrap();
    let indexed = manifest["documents"].as_u64().unwrap() as usize;

    let out = gongshi(&[&["export-search"][..], &day].concat(), dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docs = json_lines(&out.stdout);
    assert_eq!(docs.len(), indexed);
    assert!(String::from_utf8_lossy(&out.stderr).contains(&format!("已导出 {indexed} 条")));
    let risk = docs
        .iter()
        .find(|d| d["url"] == "/risks/R-1/")
        .expect("risk R-1 exported");
    assert_eq!(risk["kind"], "risk");
    let title = risk["title"].as_str().unwrap();
    let words: Vec<&str> = risk["title_words"].as_str().unwrap().split(' ').collect();
    assert!(words.len() > 1, "{words:?}");
    for w in &words {
        assert!(title.contains(w), "{w} not in {title}");
    }
    assert!(risk["facets"].as_object().is_some_and(|f| !f.is_empty()));
    assert!(docs.iter().all(|d| d["weight"].as_f64().unwrap() > 0.0));

    // The OpenSearch bulk body: an index action with the address as _id before each document.
    let bulk = gongshi(
        &[&["export-search", "--format", "opensearch"][..], &day].concat(),
        dir.path(),
    );
    assert!(bulk.status.success());
    let lines = json_lines(&bulk.stdout);
    assert_eq!(lines.len(), 2 * indexed);
    for pair in lines.chunks(2) {
        assert_eq!(pair[0]["index"]["_id"], pair[1]["url"]);
    }

    // Both engines' mappings are strict: every exported field must be declared there, and
    // every declared field exported (facets are one object of keyword fields).
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("deploy");
    let exported: std::collections::BTreeSet<String> = docs
        .iter()
        .flat_map(|d| d.as_object().unwrap().keys().cloned())
        .collect();
    let opensearch: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root.join("opensearch/index.json")).unwrap())
            .unwrap();
    assert_eq!(opensearch["mappings"]["dynamic"], "strict");
    let declared: std::collections::BTreeSet<String> = opensearch["mappings"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(exported, declared, "deploy/opensearch/index.json");
    let opensearch_fields = declared;
    let quickwit = yaml_rust2::YamlLoader::load_from_str(
        &std::fs::read_to_string(root.join("quickwit/gongshi.yaml")).unwrap(),
    )
    .unwrap()
    .remove(0);
    assert_eq!(quickwit["doc_mapping"]["mode"].as_str(), Some("strict"));
    let declared: std::collections::BTreeSet<String> = quickwit["doc_mapping"]["field_mappings"]
        .as_vec()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(exported, declared, "deploy/quickwit/gongshi.yaml");
    // The example query names only declared fields (facets.* are the exported facet names).
    fn fields_named(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    match (k.as_str(), v) {
                        ("fields", serde_json::Value::Array(fs)) => out.extend(
                            fs.iter()
                                .map(|f| f.as_str().unwrap().split('^').next().unwrap().into()),
                        ),
                        ("field", serde_json::Value::String(f)) => out.push(f.clone()),
                        ("term", serde_json::Value::Object(t)) => out.extend(t.keys().cloned()),
                        _ => {}
                    }
                    fields_named(v, out);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|i| fields_named(i, out)),
            _ => {}
        }
    }
    let query: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root.join("opensearch/query.json")).unwrap())
            .unwrap();
    let mut named = Vec::new();
    fields_named(&query, &mut named);
    assert!(named.len() >= 8, "{named:?}");
    let facets: Vec<&String> = docs
        .iter()
        .flat_map(|d| d["facets"].as_object().unwrap().keys())
        .collect();
    for field in &named {
        let known = match field.strip_prefix("facets.") {
            Some(facet) => facets.iter().any(|f| *f == facet),
            None => opensearch_fields.contains(field),
        };
        assert!(
            known,
            "deploy/opensearch/query.json names {field}, which is not exported"
        );
    }

    // Years later every decision's publication period has ended: none is exported.
    let later = gongshi(&["export-search", "--as-of", "2040-01-01"], dir.path());
    let later = json_lines(&later.stdout);
    assert!(docs.iter().any(|d| d["kind"] == "decision"));
    assert!(later.iter().all(|d| d["kind"] != "decision"));
    assert!(later.len() < docs.len());
}

#[test]
fn export_search_refuses_content_with_errors() {
    let (dir, _content) = minimal_with(Some(
        &crate::util::fixtures().join("errors/dangling-reference"),
    ));
    let out = gongshi(&["export-search"], dir.path());
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("错误[REF001]"), "{stderr}");
    assert!(stderr.contains("导出失败"), "{stderr}");
}

#[test]
fn new_decision_from_an_existing_one_is_refused_until_its_own_fields_are_written() {
    let (dir, content) = minimal_with(None);
    let out = gongshi(
        &["new", "decision", "--from", "D-1", "--id", "D-9"],
        dir.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let path = std::path::PathBuf::from(String::from_utf8(out.stdout).unwrap().trim());
    let copy = std::fs::read_to_string(dir.path().join(&path)).unwrap();
    assert!(copy.contains("id = \"D-9\""), "{copy}");
    assert!(copy.contains("number = \"待填写\""), "{copy}");
    assert!(copy.contains("amount = 0   # 待填写"), "{copy}");
    assert!(
        copy.contains("violation = \"擅自在街道两侧堆放物料\""),
        "{copy}"
    );

    // check refuses the copy while its own fields are empty.
    let out = gongshi(&["check"], dir.path());
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("D-9.md:5:11: 错误[TODO001]"), "{stderr}");

    // Written in, it passes.
    let filled = copy
        .replace("number = \"待填写\"", "number = \"测城执罚决字〔2024〕第0009号\"")
        .replace("party = \"待填写\"", "party = \"测试市李某便利店\"")
        .replace("credit_code = \"待填写\"", "credit_code = \"92990000MA0000012X\"")
        .replace("location = \"待填写\"", "location = \"人民路\"")
        .replace("amount = 0   # 待填写：按本案的裁量结果填写金额（元）", "amount = 200")
        .replace(
            "待填写：违法事实（不得含身份证号、电话、住址、车牌等个人信息），以及处罚理由和裁量说明。",
            "当事人在店门外堆放货物。",
        );
    std::fs::write(dir.path().join(&path), filled).unwrap();
    let out = gongshi(&["check"], dir.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Only decisions are copied; an unknown id is named.
    let out = gongshi(&["new", "decision", "--from", "D-404"], dir.path());
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("找不到编号为 D-404 的处罚决定"));
    drop(content);
}

/// English words a clerk may meet in help: names they type (commands, kinds, formats, file
/// and directory names) and product names.
const TYPED: &[&str] = &[
    "gongshi",
    "build",
    "check",
    "new",
    "search",
    "synth",
    "export",
    "serve",
    "init",
    "import",
    "report",
    "explain",
    "xlsx",
    "xls",
    "ods",
    "csv",
    "Excel",
    "sqlite",
    "SQLite",
    "IP",
    "UTF",
    "GBK",
    "TOML",
    "usage",
    "log",
    "text",
    "github",
    "gitlab",
    "json",
    "ndjson",
    "opensearch",
    "OpenSearch",
    "Quickwit",
    "bulk",
    "content",
    "public",
    "static",
    "index",
    "origin",
    "main",
    "kind",
    "risk",
    "agency",
    "power",
    "exemption",
    "benchmark",
    "decision",
    "case",
    "page",
    "docs",
    "format",
    "diagnostic",
    "codes",
    "md",
    "help",
    "git",
    "SC",
    "explain",
    "PII",
];

fn english_words(text: &str) -> Vec<String> {
    // What the user typed is echoed between backticks.
    let text: String = text.split('`').step_by(2).collect::<Vec<_>>().join(" ");
    text.split(|c: char| c.is_whitespace() || !c.is_ascii())
        .filter(|w| !w.starts_with('-'))
        .flat_map(|w| {
            w.split(|c: char| !c.is_ascii_alphabetic())
                .filter(|p| p.len() >= 2 && !TYPED.contains(p))
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Every verb's help (which also runs clap's debug checks of the localized command in a debug
/// build: the binary's own unit tests do not run, `test = false`) and the usual mistakes.
#[test]
fn help_and_command_line_errors_are_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let mut runs: Vec<Vec<&str>> = vec![vec!["--help"], vec![]];
    for verb in [
        "build",
        "check",
        "new",
        "search",
        "synth",
        "export-search",
        "serve",
        "init",
        "import",
        "export",
        "report",
    ] {
        runs.push(vec![verb, "--help"]);
    }
    runs.extend([
        vec!["frob"],
        vec!["check", "--frob"],
        vec!["check", "--format", "xml"],
        vec!["check", "--as-of", "2026/1/1"],
        vec!["synth"],
        vec!["serve", "--watch", "--no-build"],
        vec!["new"],
        vec!["explain", "PII006"],
        vec!["explain", "X1"],
    ]);
    for args in runs {
        let out = gongshi(&args, dir.path());
        let text = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{args:?}: {text}"
        );
        let english = english_words(&text);
        assert!(english.is_empty(), "{args:?}: {english:?}\n{text}");
    }
}
