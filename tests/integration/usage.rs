//! Learning from use (issue 18): the feedback form on every page, its one POST, the usage log
//! of searches that found nothing, what it refuses to keep, retention, and `gongshi report`.

use std::path::Path;
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use gongshi::legal_time::today as china_today;
use gongshi::server::{AppState, app};
use gongshi::usage::{Store, TABLES, Usage};
use http_body_util::BodyExt;
use rusqlite::Connection;
use tower::ServiceExt;

use crate::util::built_minimal;

const FORM: &str = "application/x-www-form-urlencoded";

/// The minimal site served with a usage log in its temp dir.
fn site() -> (tempfile::TempDir, AppState, std::path::PathBuf) {
    let (dir, _content, output) = built_minimal(None);
    let search = gongshi::search::live::Live::open(&output.with_file_name("index")).unwrap();
    // A directory that does not exist yet: the log creates it.
    let db = dir.path().join("var/log/usage.sqlite");
    let usage = Usage::open(&db, 180).unwrap();
    (dir, AppState::new(output, search).with_usage(usage), db)
}

async fn send(state: &AppState, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
    let resp = app(state.clone()).oneshot(req).await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = resp.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

fn post(body: &str, client: &str) -> Request<Body> {
    Request::post("/feedback")
        .header(header::CONTENT_TYPE, FORM)
        .header("x-real-ip", client)
        .body(Body::from(body.to_string()))
        .unwrap()
}

fn enc(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

fn flush(state: &AppState) {
    assert!(
        state.usage.flush(Duration::from_secs(10)),
        "usage log flushed"
    );
}

fn today() -> String {
    china_today().format("%Y-%m-%d").to_string()
}

fn rows(db: &Path, sql: &str) -> Vec<Vec<String>> {
    let conn = Connection::open(db).unwrap();
    let mut s = conn.prepare(sql).unwrap();
    let n = s.column_count();
    s.query_map([], |r| {
        (0..n)
            .map(|i| {
                let v: rusqlite::types::Value = r.get(i)?;
                Ok(match v {
                    rusqlite::types::Value::Integer(i) => i.to_string(),
                    rusqlite::types::Value::Text(t) => t,
                    other => format!("{other:?}"),
                })
            })
            .collect()
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

fn row(cells: &[&str]) -> Vec<String> {
    cells.iter().map(|c| c.to_string()).collect()
}

#[tokio::test]
async fn every_page_carries_the_form_with_its_own_address() {
    let (_dir, state, _db) = site();
    for (uri, page) in [
        ("/", "/"),
        ("/risks/R-1/", "/risks/R-1/"),
        ("/decisions/D-1/", "/decisions/D-1/"),
        ("/risks/R-404/", "/404.html"),
    ] {
        let (_, _, body) = send(&state, Request::get(uri).body(Body::empty()).unwrap()).await;
        assert!(body.contains("这个页面有帮助吗？"), "{uri}");
        assert!(
            body.contains(
                r#"<form class="feedback" method="post" action="/feedback" aria-labelledby="feedback-legend">"#
            ),
            "{uri}"
        );
        assert!(
            body.contains(&format!(r#"name="page" value="{page}""#)),
            "{uri}: {}",
            &body[body.find("feedback").unwrap_or(0)..][..400.min(body.len())]
        );
        // The form sits after the content, before the footer.
        let (main_end, form, footer) = (
            body.find("</main>").unwrap(),
            body.find(r#"class="feedback""#).unwrap(),
            body.find("<footer").unwrap(),
        );
        assert!(main_end < form && form < footer, "{uri}");
    }
    // No page anywhere keeps the placeholder.
    for e in walkdir::WalkDir::new(&state.public_dir) {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "html") {
            let html = std::fs::read_to_string(e.path()).unwrap();
            assert!(!html.contains("{{gongshi:"), "{}", e.path().display());
        }
    }
}

#[tokio::test]
async fn a_vote_and_its_comment_are_stored_by_day_without_the_client() {
    let (_dir, state, db) = site();
    assert!(db.is_file(), "the log's directory was created");
    let body = format!(
        "page=%2Frisks%2FR-1%2F&helpful=no&comment={}",
        enc("看不懂罚款是多少")
    );
    let (status, headers, page) = send(&state, post(&body, "203.0.113.7")).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    assert!(page.contains("谢谢您的反馈"), "{page}");
    assert!(
        page.contains(r#"<a href="/risks/R-1/">返回刚才的页面</a>"#),
        "{page}"
    );
    let (status, _, _) = send(
        &state,
        post("page=%2Frisks%2FR-1%2F&helpful=yes", "203.0.113.8"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    flush(&state);
    let d = today();
    assert_eq!(
        rows(
            &db,
            "SELECT day, page, helpful, count FROM feedback_votes ORDER BY helpful"
        ),
        [
            row(&[&d, "/risks/R-1/", "0", "1"]),
            row(&[&d, "/risks/R-1/", "1", "1"])
        ]
    );
    assert_eq!(
        rows(
            &db,
            "SELECT day, page, helpful, comment, count FROM feedback_comments"
        ),
        [row(&[&d, "/risks/R-1/", "0", "看不懂罚款是多少", "1"])]
    );
    // Nothing of the client anywhere in the file.
    let bytes = std::fs::read(&db).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(!text.contains("203.0.113"), "an address reached the file");
}

#[tokio::test]
async fn a_comment_with_personal_data_is_dropped_and_the_vote_kept() {
    let (_dir, state, db) = site();
    for (i, comment) in ["有事请打13812345678找我", "我的身份证11010519491231002X"]
        .iter()
        .enumerate()
    {
        let body = format!("page=%2F&helpful=no&comment={}", enc(comment));
        let (status, _, page) = send(&state, post(&body, &format!("198.51.100.{i}"))).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        assert!(page.contains("留言没有保存"), "{page}");
    }
    flush(&state);
    assert_eq!(
        rows(&db, "SELECT page, helpful, count FROM feedback_votes"),
        [row(&["/", "0", "2"])]
    );
    assert!(rows(&db, "SELECT * FROM feedback_comments").is_empty());
    assert_eq!(
        rows(&db, "SELECT reason, count FROM dropped"),
        [row(&["comment_personal", "2"])]
    );
    let text = String::from_utf8_lossy(&std::fs::read(&db).unwrap()).into_owned();
    assert!(!text.contains("13812345678") && !text.contains("11010519491231002X"));
}

#[tokio::test]
async fn the_sixth_post_in_ten_minutes_is_refused_with_429() {
    let (_dir, state, db) = site();
    for _ in 0..5 {
        let (status, _, _) = send(&state, post("page=%2F&helpful=yes", "192.0.2.1")).await;
        assert_eq!(status, StatusCode::OK);
    }
    let (status, headers, page) = send(&state, post("page=%2F&helpful=yes", "192.0.2.1")).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = headers[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((590..=600).contains(&wait), "{wait}");
    assert!(
        page.contains("您提交得太频繁了，请 10 分钟后再试"),
        "{page}"
    );
    // Another visitor is not affected.
    let (status, _, _) = send(&state, post("page=%2F&helpful=yes", "192.0.2.2")).await;
    assert_eq!(status, StatusCode::OK);
    flush(&state);
    assert_eq!(
        rows(&db, "SELECT helpful, count FROM feedback_votes"),
        [row(&["1", "6"])]
    );
}

#[tokio::test]
async fn bad_posts_are_refused_and_nothing_else_takes_a_post() {
    let (_dir, state, db) = site();
    for (method, uri) in [
        ("POST", "/"),
        ("POST", "/search"),
        ("POST", "/api/search"),
        ("POST", "/risks/R-1/"),
        ("POST", "/feedback/"),
        ("POST", "/mode/elder"),
        ("PUT", "/feedback"),
        ("DELETE", "/feedback"),
        ("PATCH", "/feedback"),
    ] {
        let req = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::CONTENT_TYPE, FORM)
            .body(Body::from("page=%2F&helpful=yes"))
            .unwrap();
        let (status, headers, _) = send(&state, req).await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {uri}");
        assert_eq!(headers[header::ALLOW], "GET, HEAD", "{method} {uri}");
    }
    let (status, _, _) = send(
        &state,
        Request::get("/feedback").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);

    let cases: [(&str, &str, String, StatusCode, &str); 7] = [
        (
            "text/plain",
            "1",
            "page=%2F&helpful=yes".into(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "请使用页面下方的反馈表单提交",
        ),
        (
            FORM,
            "2",
            format!("page=%2F&helpful=yes&comment={}", "x".repeat(5000)),
            StatusCode::PAYLOAD_TOO_LARGE,
            "提交的内容太长了",
        ),
        (
            FORM,
            "3",
            "page=https%3A%2F%2Fevil.example%2F&helpful=yes".into(),
            StatusCode::BAD_REQUEST,
            "无法识别是哪个页面的反馈",
        ),
        (
            FORM,
            "4",
            "page=%2Fno-such-page%2F&helpful=yes".into(),
            StatusCode::BAD_REQUEST,
            "无法识别是哪个页面的反馈",
        ),
        (
            FORM,
            "5",
            "page=%2F%2Fevil.example%2F&helpful=yes".into(),
            StatusCode::BAD_REQUEST,
            "无法识别是哪个页面的反馈",
        ),
        (
            FORM,
            "6",
            "page=%2F&helpful=maybe".into(),
            StatusCode::BAD_REQUEST,
            "请选择“有”或“没有”后再提交",
        ),
        (
            FORM,
            "7",
            "page=%2F&helpful=yes&comment=%FF".into(),
            StatusCode::BAD_REQUEST,
            "无法识别提交的内容",
        ),
    ];
    for (ctype, client, body, want, says) in cases {
        let req = Request::post("/feedback")
            .header(header::CONTENT_TYPE, ctype)
            .header("x-real-ip", format!("192.0.2.{client}"))
            .body(Body::from(body.clone()))
            .unwrap();
        let (status, _, page) = send(&state, req).await;
        assert_eq!(status, want, "{body:.80}");
        assert!(page.contains(says), "{body:.80}: {page}");
        assert!(!page.contains("evil.example"), "{page}");
    }
    let req = Request::post("/feedback")
        .header(header::CONTENT_TYPE, FORM)
        .header("sec-fetch-site", "cross-site")
        .body(Body::from("page=%2F&helpful=yes"))
        .unwrap();
    assert_eq!(send(&state, req).await.0, StatusCode::FORBIDDEN);
    flush(&state);
    assert!(rows(&db, "SELECT * FROM feedback_votes").is_empty());
}

#[tokio::test]
async fn a_search_that_found_nothing_is_recorded_folded_and_one_that_found_something_is_not() {
    let (_dir, state, db) = site();
    let get = |uri: String| Request::get(uri).body(Body::empty()).unwrap();
    // Full-width and upper-case letters: stored as the index folds them.
    let nothing = "ＸＹＺ完全不存在的说法";
    let (status, _, body) = send(&state, get(format!("/api/search?q={}", enc(nothing)))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(r#""total":0"#), "{body:.300}");
    let (status, _, _) = send(&state, get(format!("/search?q={}", enc(nothing)))).await;
    assert_eq!(status, StatusCode::OK);
    // Found something: not recorded.
    let (_, _, body) = send(&state, get(format!("/api/search?q={}", enc("摆放")))).await;
    assert!(!body.contains(r#""total":0"#), "{body:.300}");
    // Empty, or only filtering: not a query that found nothing.
    send(&state, get("/api/search?q=".into())).await;
    send(&state, get("/search?q=%20%20".into())).await;
    flush(&state);
    assert_eq!(
        rows(&db, "SELECT day, query, count FROM zero_results"),
        [row(&[&today(), "xyz完全不存在的说法", "2"])]
    );
}

#[tokio::test]
async fn a_query_with_personal_data_is_not_recorded_only_counted() {
    let (_dir, state, db) = site();
    for q in ["13812345678", "浙B67890 违停"] {
        let req = Request::get(format!("/api/search?q={}", enc(q)))
            .body(Body::empty())
            .unwrap();
        let (status, _, body) = send(&state, req).await;
        assert_eq!(status, StatusCode::OK);
        assert!(body.contains(r#""total":0"#), "{q}: {body:.300}");
    }
    flush(&state);
    assert!(rows(&db, "SELECT * FROM zero_results").is_empty());
    assert_eq!(
        rows(&db, "SELECT reason, count FROM dropped"),
        [row(&["query_personal", "2"])]
    );
}

#[tokio::test]
async fn without_a_log_search_and_feedback_still_answer() {
    let (_dir, _content, output) = built_minimal(None);
    let search = gongshi::search::live::Live::open(&output.with_file_name("index")).unwrap();
    let state = AppState::new(output, search);
    assert!(!state.usage.is_recording());
    let (status, _, _) = send(
        &state,
        Request::get("/api/search?q=xyzxyz")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, page) = send(&state, post("page=%2F&helpful=yes", "192.0.2.9")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("谢谢您的反馈"));
}

/// A usage file with rows written directly (as if recorded on the given days).
fn prepared(path: &Path, rows: &[&str]) {
    drop(Store::open(path).unwrap());
    let conn = Connection::open(path).unwrap();
    for sql in rows {
        conn.execute_batch(sql).unwrap();
    }
}

fn days_ago(n: i64) -> String {
    (china_today() - chrono::TimeDelta::days(n))
        .format("%Y-%m-%d")
        .to_string()
}

#[test]
fn retention_deletes_old_rows_at_start_up() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("usage.sqlite");
    let (old, kept, recent) = (days_ago(181), days_ago(180), days_ago(10));
    let mut sql = Vec::new();
    for day in [&old, &kept, &recent] {
        sql.push(format!(
            "INSERT INTO zero_results VALUES ('{day}', '查询', 1);
             INSERT INTO feedback_votes VALUES ('{day}', '/', 1, 1);
             INSERT INTO feedback_comments VALUES ('{day}', '/', 1, '好', 1);
             INSERT INTO dropped VALUES ('{day}', 'queue_full', 1);"
        ));
    }
    prepared(&db, &sql.iter().map(String::as_str).collect::<Vec<_>>());
    let usage = Usage::open(&db, 180).unwrap();
    assert!(usage.flush(Duration::from_secs(10)));
    for (table, _) in TABLES {
        assert_eq!(
            rows(&db, &format!("SELECT day FROM {table} ORDER BY day")),
            [row(&[&kept]), row(&[&recent])],
            "{table}"
        );
    }
    // A shorter retention, as the daily purge applies it.
    let store = Store::open(&db).unwrap();
    assert_eq!(store.purge(china_today(), 30).unwrap(), 4);
    assert_eq!(rows(&db, "SELECT day FROM zero_results"), [row(&[&recent])]);
}

#[test]
fn the_schema_has_nowhere_to_keep_a_client_or_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("usage.sqlite");
    let store = Store::open(&db).unwrap();
    let conn = store.connection();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut expected: Vec<&str> = TABLES.iter().map(|(t, _)| *t).collect();
    expected.sort();
    assert_eq!(tables, expected);
    for (table, columns) in TABLES {
        let got: Vec<(String, String)> = conn
            .prepare(&format!("PRAGMA table_info({table})"))
            .unwrap()
            .query_map([], |r| Ok((r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(&names, columns, "{table}");
        for (name, ty) in &got {
            for banned in [
                "ip", "addr", "agent", "cookie", "time", "host", "client", "user", "session",
            ] {
                assert!(!name.contains(banned), "{table}.{name}");
            }
            // Text columns are the day and the visitor-given texts; the rest are numbers.
            match name.as_str() {
                "day" | "query" | "page" | "comment" | "reason" => assert_eq!(ty, "TEXT"),
                _ => assert_eq!(ty, "INTEGER", "{table}.{name}"),
            }
        }
    }
    // No row id: a WITHOUT ROWID table keeps no order of arrival.
    for (table, _) in TABLES {
        assert!(
            conn.prepare(&format!("SELECT rowid FROM {table}")).is_err(),
            "{table} has a rowid"
        );
    }
}

fn gongshi(args: &[&str], dir: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gongshi"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn report_merges_replicas_over_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.sqlite"), dir.path().join("b.sqlite"));
    prepared(
        &a,
        &[
            "INSERT INTO zero_results VALUES ('2026-04-28', '门口卖菜', 5);
             INSERT INTO zero_results VALUES ('2026-04-29', '门口卖菜', 2);
             INSERT INTO zero_results VALUES ('2026-04-29', '噪音扰民', 1);
             INSERT INTO zero_results VALUES ('2026-03-01', '太早的查询', 99);
             INSERT INTO zero_results VALUES ('2026-05-03', '太晚的查询', 99);
             INSERT INTO feedback_votes VALUES ('2026-05-03', '/risks/R-1/', 0, 50);
             INSERT INTO feedback_votes VALUES ('2026-04-29', '/risks/R-1/', 0, 3);
             INSERT INTO feedback_votes VALUES ('2026-04-29', '/risks/R-1/', 1, 1);
             INSERT INTO feedback_comments VALUES ('2026-04-20', '/risks/R-1/', 0, '旧的留言', 1);
             INSERT INTO feedback_comments VALUES ('2026-04-29', '/risks/R-1/', 0, '看不懂罚款多少', 2);
             INSERT INTO dropped VALUES ('2026-04-29', 'comment_personal', 1);",
        ],
    );
    prepared(
        &b,
        &[
            "INSERT INTO zero_results VALUES ('2026-04-29', '门口卖菜', 4);
             INSERT INTO zero_results VALUES ('2026-04-30', '门口卖菜', 1);
             INSERT INTO zero_results VALUES ('2026-04-30', '噪音扰民', 1);
             INSERT INTO feedback_votes VALUES ('2026-04-30', '/risks/R-1/', 0, 1);
             INSERT INTO feedback_votes VALUES ('2026-04-30', '/', 1, 7);
             INSERT INTO feedback_comments VALUES ('2026-04-30', '/risks/R-1/', 1, '有用', 1);
             INSERT INTO dropped VALUES ('2026-04-30', 'query_personal', 3);",
        ],
    );
    let args = |files: &[&Path]| {
        let mut v: Vec<String> = vec!["report".into()];
        for f in files {
            v.push("--db".into());
            v.push(f.display().to_string());
        }
        v.extend(["--until", "2026-04-30", "--days", "30", "--top", "5"].map(String::from));
        v
    };
    let run = |files: &[&Path]| {
        let a = args(files);
        let out = gongshi(
            &a.iter().map(String::as_str).collect::<Vec<_>>(),
            dir.path(),
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let both = run(&[&a, &b]);
    assert!(
        both.starts_with("使用情况报告：2026-04-01 至 2026-04-30（30 天），读取 2 个记录文件"),
        "{both}"
    );
    let lines: Vec<&str> = both.lines().collect();
    let line = |needle: &str| {
        lines
            .iter()
            .find(|l| l.ends_with(needle))
            .unwrap_or_else(|| panic!("no line ending {needle}:\n{both}"))
            .split_whitespace()
            .collect::<Vec<_>>()
    };
    // 5 + 2 + 4 + 1 over three days (the 29th seen by both replicas counts once).
    assert_eq!(line("门口卖菜"), ["12", "3", "2026-04-30", "门口卖菜"]);
    assert_eq!(line("噪音扰民"), ["2", "2", "2026-04-30", "噪音扰民"]);
    assert!(!both.contains("太早的查询"), "outside the window:\n{both}");
    // Nor what came after --until (the 50 votes of 2026-05-03 are not among the 12).
    assert!(!both.contains("太晚的查询"), "after the window:\n{both}");
    assert!(both.contains("一、搜索没有结果的查询（共 2 种"), "{both}");
    // The most-asked query first.
    assert!(both.find("门口卖菜").unwrap() < both.find("噪音扰民").unwrap());
    assert!(both.contains("二、页面反馈（共 12 次评价"), "{both}");
    assert_eq!(line(" /risks/R-1/"), ["1", "4", "/risks/R-1/"]);
    assert_eq!(line(" /"), ["7", "0", "/"]);
    // Pages with the most 没帮助 first; comments newest first.
    assert!(both.find("/risks/R-1/").unwrap() < both.find(" /\n").expect("the / row"));
    let c1 = both
        .find("2026-04-30 有帮助：有用")
        .expect("newest comment");
    let c2 = both
        .find("2026-04-29 没帮助：看不懂罚款多少（2 次）")
        .expect("second comment");
    let c3 = both
        .find("2026-04-20 没帮助：旧的留言")
        .expect("oldest comment");
    assert!(c1 < c2 && c2 < c3, "{both}");
    assert!(
        both.contains("含个人信息、未记录的无结果查询：3 条"),
        "{both}"
    );
    assert!(
        both.contains("含个人信息、未保存的留言（评价已保存）：1 条"),
        "{both}"
    );
    assert!(
        lines.last().unwrap().contains("content/synonyms.toml")
            && lines.last().unwrap().contains("意图条目"),
        "{both}"
    );

    // One replica alone: its own counts.
    let one = run(&[&b]);
    assert_eq!(
        one.lines()
            .find(|l| l.ends_with("门口卖菜"))
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>(),
        ["5", "2", "2026-04-30", "门口卖菜"]
    );
    // A narrower window.
    let out = gongshi(
        &[
            "report",
            "--db",
            a.to_str().unwrap(),
            "--until",
            "2026-04-30",
            "--days",
            "1",
        ],
        dir.path(),
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("（没有记录）"), "{text}");
    // A missing file is an error in Chinese.
    let out = gongshi(&["report", "--db", "nope.sqlite"], dir.path());
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("找不到使用记录文件 nope.sqlite"), "{err}");
}

/// Runs `gongshi serve` and returns its stderr up to the banner, the process and the address.
fn serve(args: &[&str], dir: &Path) -> (String, crate::util::Running, std::net::SocketAddr) {
    use std::io::BufRead;
    let mut child = crate::util::Running(
        std::process::Command::new(env!("CARGO_BIN_EXE_gongshi"))
            .args(args)
            .current_dir(dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let stderr = child.0.stderr.take().unwrap();
    let mut lines = std::io::BufReader::new(stderr).lines();
    let mut seen = String::new();
    loop {
        let line = lines.next().expect("server printed its banner").unwrap();
        seen.push_str(&line);
        seen.push('\n');
        if let Some(rest) = line.split("网站已启动：http://").nth(1) {
            let addr = rest.split('/').next().unwrap().parse().unwrap();
            // Keep draining stderr so the server never blocks on a full pipe.
            std::thread::spawn(move || for _ in lines {});
            return (seen, child, addr);
        }
    }
}

#[test]
fn serve_records_where_told_and_runs_without_a_log_it_cannot_open() {
    let (dir, _content) = crate::util::minimal_with(None);
    assert!(gongshi(&["build"], dir.path()).status.success());
    // Default: usage.sqlite beside public/.
    let (said, server, addr) = serve(&["serve", "--no-build", "--port", "0"], dir.path());
    assert!(
        said.contains("使用记录（无结果的搜索、页面反馈）写入 usage.sqlite，保留 180 天"),
        "{said}"
    );
    let r = crate::util::http_get(addr, "/api/search?q=xyzxyz");
    assert!(r.starts_with("HTTP/1.1 200 OK"), "{r:.200}");
    drop(server);
    assert!(dir.path().join("usage.sqlite").is_file());

    // A path that cannot be a database (a directory): a warning, and the site still serves.
    std::fs::create_dir_all(dir.path().join("taken.sqlite")).unwrap();
    let (said, _server, addr) = serve(
        &[
            "serve",
            "--no-build",
            "--port",
            "0",
            "--usage-db",
            "taken.sqlite",
            "--usage-retention-days",
            "30",
        ],
        dir.path(),
    );
    assert!(
        said.contains("警告：无法打开使用记录文件 taken.sqlite"),
        "{said}"
    );
    assert!(said.contains("网站和搜索照常提供服务"), "{said}");
    let r = crate::util::http_get(addr, "/api/search?q=xyzxyz");
    assert!(r.starts_with("HTTP/1.1 200 OK"), "{r:.200}");
    let home = crate::util::http_get(addr, "/");
    assert!(home.contains("这个页面有帮助吗？"), "{home:.200}");
}
