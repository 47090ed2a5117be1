//! Search through the HTTP surface (`oneshot` on an app over the minimal fixture's index):
//! the results page, the JSON API, facets, bad input, hot reload and the analyzer version check.

use std::fs;

use crate::util::hit_urls as urls;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use gongshi::search::engine::{Engine, OpenError};
use gongshi::search::live::Live;
use gongshi::server::{AppState, app};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::util::{built_minimal, paths};

fn state(output: &std::path::Path) -> AppState {
    AppState::new(
        output.to_path_buf(),
        Live::open(&output.with_file_name("index")).unwrap(),
    )
}

async fn get(state: &AppState, uri: &str) -> (StatusCode, String) {
    let req = Request::get(uri).body(Body::empty()).unwrap();
    let resp = app(state.clone()).oneshot(req).await.unwrap();
    let status = resp.status();
    let body = resp.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&body).into_owned())
}

async fn api(state: &AppState, query: &str) -> (StatusCode, serde_json::Value) {
    let (status, body) = get(state, &format!("/api/search?{query}")).await;
    let json = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"));
    (status, json)
}

fn enc(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

#[tokio::test]
async fn lay_words_find_the_risk_point_first_with_marked_snippets() {
    let (_dir, _content, output) = built_minimal(None);
    let s = state(&output);
    let (status, html) = get(&s, &format!("/search?q={}", enc("门口摆摊"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("<title>门口摆摊 - 搜索"),
        "title names the query"
    );
    assert!(html.contains("示例数据"), "rendered in the site layout");
    assert!(!html.contains("<script"), "works without JavaScript");
    assert!(
        html.contains("value=\"门口摆摊\""),
        "the form keeps the query"
    );
    assert!(
        html.contains("“门口摆摊” → 摆放商品、店外经营"),
        "says what it also searched"
    );
    let first = html.find("<ol class=\"results\"").expect("a results list");
    let risk = html[first..]
        .find("/risks/R-1/")
        .expect("risk point listed");
    let decision = html[first..].find("/decisions/D-1/").unwrap_or(usize::MAX);
    assert!(risk < decision, "the risk point comes before decisions");
    assert!(html.contains("<mark>"), "snippets mark the matched words");

    let (status, v) = api(&s, &format!("q={}", enc("门口摆摊"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(urls(&v)[0], "/risks/R-1/");
    assert_eq!(v["query"], "门口摆摊");
    let hit = &v["hits"][0];
    for key in [
        "id",
        "kind",
        "kind_label",
        "title",
        "url",
        "summary",
        "snippet",
        "score",
    ] {
        assert!(!hit[key].is_null(), "hit has {key}");
    }
    let hl = &hit["snippet"]["highlights"][0];
    let text = hit["snippet"]["text"].as_str().unwrap();
    let (a, b) = (
        hl["start"].as_u64().unwrap() as usize,
        hl["end"].as_u64().unwrap() as usize,
    );
    assert!(
        !text[a..b].is_empty(),
        "highlight ranges point into the snippet"
    );
}

#[tokio::test]
async fn withdrawn_decisions_are_not_found_but_valid_ones_are_by_number() {
    let (_dir, _content, output) = built_minimal(None);
    let s = state(&output);
    let (_, v) = api(&s, &format!("q={}", enc("2024第1号"))).await;
    assert_eq!(
        urls(&v).first().map(String::as_str),
        Some("/decisions/D-1/")
    );
    let (_, v) = api(&s, "q=D-2").await;
    assert!(
        !urls(&v).contains(&"/decisions/D-2/".to_string()),
        "withdrawn D-2 is not indexed"
    );
}

#[tokio::test]
async fn facets_count_and_narrow() {
    let (_dir, _content, output) = built_minimal(None);
    let s = state(&output);
    let (_, all) = api(&s, &format!("q={}", enc("摆放"))).await;
    let kinds = all["facets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["dimension"] == "kind")
        .expect("a kind facet");
    let total: u64 = kinds["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["count"].as_u64().unwrap())
        .sum();
    assert_eq!(
        total,
        all["total"].as_u64().unwrap(),
        "kind counts add up to the total"
    );

    let (status, risks) = api(&s, &format!("q={}&kind=risk", enc("摆放"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        urls(&risks).iter().all(|u| u.starts_with("/risks/")),
        "{:?}",
        urls(&risks)
    );
    assert!(!urls(&risks).is_empty());
    // The selected dimension still offers the other values.
    let kinds = risks["facets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["dimension"] == "kind")
        .unwrap();
    assert!(kinds["values"].as_array().unwrap().len() > 1);

    let (_, html) = get(&s, &format!("/search?q={}&kind=risk", enc("摆放"))).await;
    assert!(html.contains("已筛选："), "active filters are shown");
    assert!(
        html.contains("aria-current=\"true\""),
        "the chosen facet is marked"
    );
    // Filters alone browse: every risk point of the fixture.
    let (status, v) = api(&s, "kind=risk").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(urls(&v), ["/risks/R-1/"]);
}

#[tokio::test]
async fn bad_input_gets_a_clear_answer_never_a_server_error() {
    let (_dir, _content, output) = built_minimal(None);
    let s = state(&output);
    // 10,000 characters (the URI limit of the http crate is 64 KiB, so not all are Chinese).
    let long = format!("{}{}", "摆".repeat(5_000), "a".repeat(5_000));
    let cases: Vec<(String, StatusCode, &str)> = vec![
        (String::new(), StatusCode::OK, ""),
        ("q=".into(), StatusCode::OK, ""),
        ("q=%20%20".into(), StatusCode::OK, ""),
        (
            format!("q={}", enc(&long)),
            StatusCode::BAD_REQUEST,
            "query_too_long",
        ),
        (
            format!(
                "q={}",
                enc("\"门店\" AND title:摆放 (商品) -外 +店 * ~2 ^3 [a TO b] {x}")
            ),
            StatusCode::OK,
            "",
        ),
        (format!("q={}", enc("::::\"\"\"((()))")), StatusCode::OK, ""),
        (
            format!("q={}&level={}", enc("门店"), enc("超高")),
            StatusCode::BAD_REQUEST,
            "unknown_filter",
        ),
        (
            "q=a&kind=nonsense".into(),
            StatusCode::BAD_REQUEST,
            "unknown_filter",
        ),
        (
            "q=a&kind=risk&kind=case".into(),
            StatusCode::BAD_REQUEST,
            "repeated_filter",
        ),
        (
            "q=a&page=99999999999999999999".into(),
            StatusCode::BAD_REQUEST,
            "bad_page",
        ),
        ("q=a&page=-1".into(), StatusCode::BAD_REQUEST, "bad_page"),
        ("q=a&page=abc".into(), StatusCode::BAD_REQUEST, "bad_page"),
        ("q=%E6%91%86&page=50".into(), StatusCode::OK, ""),
        (
            "q=%FF%FE%FD".into(),
            StatusCode::BAD_REQUEST,
            "invalid_encoding",
        ),
        (
            "q=%E6%91".into(),
            StatusCode::BAD_REQUEST,
            "invalid_encoding",
        ),
        ("q=%zz%".into(), StatusCode::OK, ""),
        ("%FF=1".into(), StatusCode::BAD_REQUEST, "invalid_encoding"),
        ("unknown=1&q=x".into(), StatusCode::OK, ""),
    ];
    for (query, want, code) in &cases {
        let (status, v) = api(&s, query).await;
        assert_eq!(status, *want, "api ?{}: {v}", &query[..query.len().min(60)]);
        if !code.is_empty() {
            assert_eq!(v["error"]["code"], *code, "api ?{query:.60}");
            assert!(
                v["error"]["message"]
                    .as_str()
                    .unwrap()
                    .chars()
                    .any(|c| c > '\u{4e00}'),
                "Chinese message"
            );
        }
        let (status, html) = get(&s, &format!("/search?{query}")).await;
        assert_eq!(status, *want, "page ?{query:.60}");
        assert!(html.contains("<main"), "page ?{query:.60} is a full page");
        if *want == StatusCode::BAD_REQUEST {
            assert!(html.contains("无法完成搜索"), "page ?{query:.60} explains");
        }
    }
    // Past the last page: a page that says so, not an error.
    let (status, html) = get(&s, "/search?q=%E6%91%86&page=5").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("没有第 5 页"));
}

#[tokio::test]
async fn nothing_found_suggests_words_and_lists() {
    let (_dir, _content, output) = built_minimal(None);
    let s = state(&output);
    let (status, html) = get(&s, &format!("/search?q={}", enc("量子计算机"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("没有找到与“量子计算机”相关的内容"));
    assert!(html.contains("href=\"/risks/\""), "links to the lists");
    let (_, v) = api(&s, &format!("q={}", enc("量子计算机"))).await;
    assert_eq!(v["total"], 0);
    assert!(!v["suggestions"].as_array().unwrap().is_empty(), "{v}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_build_is_picked_up_without_a_failed_request() {
    let (_dir, content, output) = built_minimal(None);
    let s = state(&output);
    let (_, v) = api(&s, &format!("q={}", enc("共享单车"))).await;
    assert_eq!(v["total"], 0);
    // Requests keep flowing, on another worker thread, from before the first rebuild until
    // after the last reload: the site is rebuilt and the index reloaded three times meanwhile.
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let done = Arc::new(AtomicBool::new(false));
    let answered = Arc::new(AtomicUsize::new(0));
    let load = {
        let (s, done, answered) = (s.clone(), done.clone(), answered.clone());
        tokio::spawn(async move {
            let mut statuses = Vec::new();
            while !done.load(Ordering::Relaxed) {
                statuses.push(get(&s, "/search?q=%E6%91%86%E6%91%8A").await.0);
                statuses.push(get(&s, "/api/search?q=%E5%A0%86%E6%94%BE").await.0);
                answered.fetch_add(2, Ordering::Relaxed);
            }
            statuses
        })
    };
    let before = answered.load(Ordering::Relaxed);
    let risk = fs::read_to_string(content.join("risks/R-1.md")).unwrap();
    for n in 0..3 {
        let new = risk.replace("门店外摆放商品", &format!("门店外摆放共享单车{n}"));
        fs::write(content.join("risks/R-1.md"), new).unwrap();
        let c = content.clone();
        let o = output.clone();
        tokio::task::spawn_blocking(move || gongshi::publish::build(&paths(&c, &o)).unwrap())
            .await
            .unwrap();
        let live = s.search.clone();
        let reloaded = tokio::task::spawn_blocking(move || live.reload_if_changed())
            .await
            .unwrap();
        assert!(reloaded.unwrap(), "the new build id is noticed");
    }
    let during = answered.load(Ordering::Relaxed) - before;
    done.store(true, Ordering::Relaxed);
    let statuses = load.await.unwrap();
    assert!(
        during > 0,
        "requests were answered while rebuilding and reloading"
    );
    assert!(
        statuses.iter().all(|s| *s == StatusCode::OK),
        "{statuses:?}"
    );
    let (_, v) = api(&s, &format!("q={}", enc("共享单车"))).await;
    assert_eq!(urls(&v), ["/risks/R-1/"]);
    assert!(
        v["hits"][0]["title"]
            .as_str()
            .unwrap()
            .contains("共享单车2")
    );
    // Nothing changed: no reload.
    assert!(!s.search.reload_if_changed().unwrap());
}

#[tokio::test]
async fn a_broken_new_index_leaves_the_old_one_serving() {
    let (_dir, _content, output) = built_minimal(None);
    let s = state(&output);
    let index = output.with_file_name("index");
    fs::write(index.join("gongshi-index.json"), b"{ not json").unwrap();
    let err = s.search.reload_if_changed().unwrap_err();
    assert!(matches!(err, OpenError::BadManifest { .. }), "{err}");
    let (status, v) = api(&s, &format!("q={}", enc("摆放"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(v["total"].as_u64().unwrap() > 0);
}

#[test]
fn an_index_from_another_analyzer_version_is_refused_with_a_clear_message() {
    let (_dir, _content, output) = built_minimal(None);
    let index = output.with_file_name("index");
    let manifest = index.join("gongshi-index.json");
    let text = fs::read_to_string(&manifest).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["analyzer_version"] = "gongshi-zh-0".into();
    fs::write(&manifest, v.to_string()).unwrap();
    let err = Engine::open(&index).unwrap_err();
    assert!(matches!(err, OpenError::VersionMismatch { .. }));
    let msg = err.to_string();
    assert!(
        msg.contains("gongshi-zh-0") && msg.contains("gongshi build"),
        "{msg}"
    );
    let missing = Engine::open(&index.join("nowhere")).unwrap_err();
    assert!(missing.to_string().contains("gongshi build"), "{missing}");
}

/// Checks `value` against the subset of JSON Schema the OpenAPI file uses: `$ref`, `type`,
/// `required`, `properties`, `items`, `enum`, `minimum`.
fn conforms(
    spec: &serde_json::Value,
    schema: &serde_json::Value,
    value: &serde_json::Value,
    path: &str,
) {
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.trim_start_matches("#/components/schemas/");
        return conforms(spec, &spec["components"]["schemas"][name], value, path);
    }
    match schema["type"].as_str() {
        Some("object") => {
            let obj = value
                .as_object()
                .unwrap_or_else(|| panic!("{path}: not an object: {value}"));
            for key in schema["required"].as_array().into_iter().flatten() {
                let key = key.as_str().unwrap();
                assert!(obj.contains_key(key), "{path}: missing {key}");
            }
            if let Some(props) = schema["properties"].as_object() {
                for (k, v) in obj {
                    let sub = props
                        .get(k)
                        .unwrap_or_else(|| panic!("{path}: undocumented {k}"));
                    conforms(spec, sub, v, &format!("{path}.{k}"));
                }
            }
        }
        Some("array") => {
            for (i, item) in value
                .as_array()
                .unwrap_or_else(|| panic!("{path}: not an array"))
                .iter()
                .enumerate()
            {
                conforms(spec, &schema["items"], item, &format!("{path}[{i}]"));
            }
        }
        Some("string") => assert!(value.is_string(), "{path}: not a string"),
        Some("integer") => {
            assert!(value.is_u64() || value.is_i64(), "{path}: not an integer");
            if let Some(min) = schema["minimum"].as_i64() {
                assert!(value.as_i64().unwrap() >= min, "{path}: below {min}");
            }
        }
        Some("number") => assert!(value.is_number(), "{path}: not a number"),
        Some("boolean") => assert!(value.is_boolean(), "{path}: not a boolean"),
        _ => {}
    }
    if let Some(allowed) = schema["enum"].as_array() {
        assert!(
            allowed.contains(value),
            "{path}: {value} not in {allowed:?}"
        );
    }
}

#[tokio::test]
async fn api_responses_match_the_shipped_openapi_file() {
    let (_dir, _content, output) = built_minimal(None);
    let s = state(&output);
    let (status, text) = get(&s, "/static/openapi.json").await;
    assert_eq!(
        status,
        StatusCode::OK,
        "the OpenAPI file ships with the site"
    );
    let spec: serde_json::Value = serde_json::from_str(&text).unwrap();
    let op = &spec["paths"]["/api/search"]["get"];
    let documented: Vec<&str> = op["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for (dim, _) in gongshi::search::documents::DIMENSIONS {
        assert!(documented.contains(dim), "parameter {dim} is documented");
    }
    for query in [
        "q=%E6%91%86%E6%91%8A",
        "q=",
        "kind=risk",
        "q=%E6%91%86&kind=decision",
        "q=zzzz",
        "q=a&page=abc",
        "q=a&level=x",
    ] {
        let (status, v) = api(&s, query).await;
        let schema =
            &op["responses"][status.as_u16().to_string()]["content"]["application/json"]["schema"];
        assert!(!schema.is_null(), "status {status} is documented");
        conforms(&spec, schema, &v, query);
    }
    let (_, health) = get(&s, "/healthz").await;
    let health: serde_json::Value = serde_json::from_str(&health).unwrap();
    conforms(
        &spec,
        &spec["components"]["schemas"]["Health"],
        &health,
        "healthz",
    );
}

#[test]
fn a_decision_past_its_publication_period_leaves_site_and_index() {
    let (dir, content) = crate::util::minimal_with(None);
    let output = dir.path().join("public");
    let mut p = paths(&content, &output);
    // D-1 (普通程序, decided 2024-03-05) is public for 12 months from its decision date
    // under the default periods.
    p.as_of = chrono::NaiveDate::from_ymd_opt(2025, 3, 4).unwrap();
    let report = gongshi::publish::build(&p).unwrap();
    assert!(report.taken_down.is_empty());
    assert!(output.join("decisions/D-1/index.html").exists());
    // Before: every machine-readable output carries it.
    let outputs = [
        "sitemap.xml",
        "feeds/decisions.xml",
        "data/decisions.json",
        "data/decisions.csv",
    ];
    for file in outputs {
        let text = fs::read_to_string(output.join(file)).unwrap();
        assert!(
            text.contains("/decisions/D-1/") || text.contains("第0001号"),
            "{file} lists D-1 before it expires"
        );
    }

    p.as_of = chrono::NaiveDate::from_ymd_opt(2025, 3, 5).unwrap();
    let report = gongshi::publish::build(&p).unwrap();
    let ids: Vec<_> = report.taken_down.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["D-1"]);
    assert_eq!(report.taken_down[0].expired_on.to_string(), "2025-03-05");
    assert!(
        !output.join("decisions/D-1/index.html").exists(),
        "its page is gone"
    );
    let listing = fs::read_to_string(output.join("decisions/index.html")).unwrap();
    assert!(!listing.contains("/decisions/D-1/"), "and it is not listed");
    for (path, page) in walk_text(&output) {
        assert!(
            !page.contains("/decisions/D-1/"),
            "{path} still links to it"
        );
        assert!(!page.contains("第0001号"), "{path} still names it");
    }
    for file in outputs {
        assert!(output.join(file).exists(), "{file} is still written");
    }
    let engine = Engine::open(&output.with_file_name("index")).unwrap();
    let req = engine
        .check(gongshi::search::query::Params {
            q: "第0001号".into(),
            filters: vec![],
            page: 1,
        })
        .unwrap();
    let r = engine.search(&req).unwrap();
    assert!(
        r.hits.iter().all(|h| h.url != "/decisions/D-1/"),
        "it is not indexed"
    );
    // The withdrawn D-2 keeps its notice page.
    assert!(output.join("decisions/D-2/index.html").exists());
}

/// Every text file of a built site (pages, sitemap, robots, feeds, open data), with its path.
fn walk_text(dir: &std::path::Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let text = fs::read_to_string(e.path()).ok()?;
            Some((e.path().display().to_string(), text))
        })
        .collect()
}

/// Containers and `ProtectSystem=strict` serve the index from a read-only filesystem: opening
/// and searching it must not create a file in it (tantivy's readers would take a lock file).
#[tokio::test]
async fn serving_writes_nothing_into_the_index_directory() {
    let (_dir, _content, output) = built_minimal(None);
    let index = output.with_file_name("index");
    let listing = || {
        let mut names: Vec<String> = fs::read_dir(&index)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !n.ends_with(".lock"))
            .collect();
        names.sort();
        names
    };
    for e in fs::read_dir(&index).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_some_and(|x| x == "lock") {
            fs::remove_file(path).unwrap();
        }
    }
    let before = listing();
    let state = state(&output);
    let (status, json) = api(&state, &format!("q={}", enc("摆摊"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!urls(&json).is_empty(), "{json}");
    let after: Vec<String> = fs::read_dir(&index)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let mut after_sorted = after.clone();
    after_sorted.sort();
    assert_eq!(
        after_sorted, before,
        "serving created or removed files in the index"
    );
}
