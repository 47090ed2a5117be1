//! The HTTP surface through `oneshot` on an app over a built fixture site, and one real
//! server on 127.0.0.1 port 0.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use gongshi::server::{AppState, app, bind, serve};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::util::{built_minimal, http_get};

fn site() -> (tempfile::TempDir, AppState) {
    let (dir, _content, output) = built_minimal(None);
    let search = gongshi::search::live::Live::open(&output.with_file_name("index")).unwrap();
    (dir, AppState::new(output, search))
}

async fn send(state: &AppState, req: Request<Body>) -> (StatusCode, axum::http::HeaderMap, String) {
    let resp = app(state.clone()).oneshot(req).await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = resp.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

async fn get(state: &AppState, uri: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    send(state, Request::get(uri).body(Body::empty()).unwrap()).await
}

#[tokio::test]
async fn pages_are_served_with_cache_headers() {
    let (_dir, state) = site();
    let (status, headers, body) = get(&state, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("测试市城市管理综合行政执法局"));
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=300");
    assert!(headers.contains_key(header::LAST_MODIFIED));
    let (status, _, body) = get(&state, "/risks/R-1/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("门店外摆放商品"));
    let (status, headers, _) = get(&state, "/static/style.css").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
}

#[tokio::test]
async fn unknown_pages_get_the_chinese_404() {
    let (_dir, state) = site();
    let (status, _, body) = get(&state, "/risks/R-404/").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("页面不存在"));
    // Traversal out of public/ is refused; the file outside is never read.
    for uri in [
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2f..%2fCargo.toml",
    ] {
        let (status, _, body) = get(&state, uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert!(!body.contains("root:"), "{uri}");
    }
}

#[tokio::test]
async fn health_check_answers() {
    let (_dir, state) = site();
    let (status, headers, body) = get(&state, "/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers.get("cache-control").unwrap(), "no-store");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["status"], "ok");
    assert!(v["index"]["documents"].as_u64().unwrap() > 5, "{body}");
}

#[tokio::test]
async fn gzip_is_negotiated() {
    let (_dir, state) = site();
    let req = Request::get("/risks/")
        .header(header::ACCEPT_ENCODING, "gzip")
        .body(Body::empty())
        .unwrap();
    let (status, headers, _) = send(&state, req).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_ENCODING], "gzip");
}

/// One HTTP/1.1 GET over a fresh connection; the whole response as text.
#[test]
fn real_server_on_port_zero() {
    let (_dir, state) = site();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let listener = rt.block_on(bind(0)).unwrap();
    let addr = listener.local_addr().unwrap();
    assert!(addr.ip().is_loopback());
    let server = rt.spawn(serve(listener, state));

    let response = http_get(addr, "/decisions/D-1/");
    assert!(response.starts_with("HTTP/1.1 200 OK"), "{response:.200}");
    assert!(response.contains("测城执罚决字〔2024〕第0001号"));

    let response = http_get(addr, "/api/search?q=%E6%91%86%E6%94%BE");
    assert!(response.starts_with("HTTP/1.1 200 OK"), "{response:.200}");
    assert!(
        response.contains("\"url\":\"/risks/R-1/\""),
        "{response:.400}"
    );
    server.abort();
}

#[tokio::test]
async fn feeds_are_served_as_atom_and_a_missing_feed_is_the_404_page() {
    let (_dir, state) = site();
    let (status, headers, body) = get(&state, "/feeds/decisions.xml").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers[header::CONTENT_TYPE],
        "application/atom+xml; charset=utf-8"
    );
    assert!(body.contains("<feed"), "{body}");
    let (status, headers, body) = get(&state, "/feeds/nope.xml").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(body.contains("<main"), "{body}");
    let (status, headers, body) = get(&state, "/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(
        body.contains("type=\"application/atom+xml\""),
        "feed discovery link"
    );
}

#[tokio::test]
async fn elder_mode_is_remembered_across_pages_without_javascript() {
    let (_dir, state) = site();
    let switch = |uri: &'static str, referer: &'static str| {
        Request::get(uri)
            .header(header::REFERER, referer)
            .body(Body::empty())
            .unwrap()
    };
    let (status, headers, _) = send(
        &state,
        switch("/mode/elder", "https://test.example.gov.cn/risks/R-1/"),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/risks/R-1/");
    let cookie = headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("gongshi_mode=elder;"), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));

    let with_cookie = |uri: &'static str| {
        Request::get(uri)
            .header(header::COOKIE, "other=1; gongshi_mode=elder")
            .header(header::IF_MODIFIED_SINCE, "Sun, 01 Jan 2090 00:00:00 GMT")
            .body(Body::empty())
            .unwrap()
    };
    for uri in ["/", "/risks/R-1/", "/decisions/D-1/", "/no-such-page/"] {
        let (_, headers, body) = send(&state, with_cookie(uri)).await;
        assert!(
            body.contains("<html lang=\"zh-CN\" class=\"elder\">"),
            "{uri}: {body:.200}"
        );
        assert!(
            headers.get_all(header::VARY).iter().any(|v| v == "Cookie"),
            "{uri}"
        );
    }
    let (_, headers, body) = get(&state, "/risks/R-1/").await;
    assert!(body.starts_with("<!DOCTYPE html><html lang=\"zh-CN\"><head>"));
    assert!(headers.get_all(header::VARY).iter().any(|v| v == "Cookie"));
    assert!(body.contains("href=\"/mode/elder\"") && body.contains("href=\"/mode/standard\""));

    // Switching back clears the cookie; other sites' addresses are never a destination.
    let (status, headers, _) = send(
        &state,
        switch("/mode/standard", "https://evil.example//evil.example/"),
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/");
    assert!(
        headers[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
    let (_, headers, _) = send(&state, switch("/mode/elder", "javascript:alert(1)")).await;
    assert_eq!(headers[header::LOCATION], "/");
    // Non-HTML files are untouched by the mode.
    let (_, headers, _) = send(&state, with_cookie("/static/style.css")).await;
    assert!(headers.get(header::VARY).is_none_or(|v| v != "Cookie"));
}

#[tokio::test]
async fn security_headers_and_read_only_methods() {
    let (_dir, state) = site();
    for uri in [
        "/",
        "/risks/R-1/",
        "/search?q=%E6%91%86%E6%94%BE",
        "/api/search?q=x",
        "/nope/",
    ] {
        let (_, headers, _) = get(&state, uri).await;
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(
            !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
            "{csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"));
        assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{uri}");
        assert_eq!(
            headers[header::REFERRER_POLICY],
            "strict-origin-when-cross-origin"
        );
    }
    for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
        let req = Request::builder()
            .method(method)
            .uri("/search?q=x")
            .body(Body::empty())
            .unwrap();
        let (status, headers, _) = send(&state, req).await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{method}");
        assert_eq!(headers[header::ALLOW], "GET, HEAD");
    }
    let req = Request::head("/risks/R-1/").body(Body::empty()).unwrap();
    let (status, _, body) = send(&state, req).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.is_empty());
}

#[tokio::test]
async fn each_client_is_rate_limited_on_its_own() {
    let (_dir, state) = site();
    let limit = gongshi::server::RateLimit {
        per_second: 1,
        burst: 5,
    };
    let (router, cleaner) = gongshi::server::rate_limited(app(state), limit);
    // The proxy appends the connecting address to X-Forwarded-For; what comes before it is
    // the client's own claim and must not choose the key.
    let from = |ip: &str| {
        Request::get("/healthz")
            .header("x-forwarded-for", format!("10.9.9.9, {ip}"))
            .body(Body::empty())
            .unwrap()
    };
    for n in 0..5 {
        let res = router.clone().oneshot(from("203.0.113.7")).await.unwrap();
        assert_eq!(
            res.status(),
            StatusCode::OK,
            "request {n} is within the burst"
        );
    }
    let res = router.clone().oneshot(from("203.0.113.7")).await.unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = res.headers()[header::RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=2).contains(&wait), "Retry-After {wait}");
    let body = res.into_body().collect().await.unwrap().to_bytes();
    assert!(String::from_utf8_lossy(&body).contains("请求过于频繁"));
    // Another client is not affected; X-Real-IP, when the proxy sets it, decides.
    let res = router.clone().oneshot(from("198.51.100.2")).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let real = Request::get("/healthz")
        .header("x-real-ip", "192.0.2.44")
        .header("x-forwarded-for", "203.0.113.7")
        .body(Body::empty())
        .unwrap();
    assert_eq!(
        router.clone().oneshot(real).await.unwrap().status(),
        StatusCode::OK
    );
    cleaner.abort();
}

/// One router for several requests (the helpers above build a new app per request).
async fn via(
    router: &axum::Router,
    req: Request<Body>,
) -> (StatusCode, axum::http::HeaderMap, String) {
    let resp = router.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = resp.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

#[tokio::test]
async fn files_read_again_come_from_memory_until_the_site_is_rebuilt() {
    let (_dir, state) = site();
    let router = app(state.clone());
    let page = || Request::get("/risks/R-1/").body(Body::empty()).unwrap();
    let first = via(&router, page()).await;
    assert_eq!(first.0, StatusCode::OK);
    assert!(first.2.contains("门店外摆放商品"));
    assert!(first.1.contains_key(header::LAST_MODIFIED));

    // Changed in place, the file is still answered from memory, with the same headers.
    let file = state.public_dir.join("risks/R-1/index.html");
    std::fs::write(&file, "<p>改过</p>").unwrap();
    let again = via(&router, page()).await;
    assert_eq!(again, first);

    // Validators and ranges go to disk and are answered there. The stylesheet's own
    // Last-Modified is the validator: the build may write it a second after the page.
    let css = via(
        &router,
        Request::get("/static/style.css")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(css.0, StatusCode::OK);
    let lm = css.1[header::LAST_MODIFIED].clone();
    let req = Request::get("/static/style.css").header(header::IF_MODIFIED_SINCE, lm);
    let (status, _, _) = via(&router, req.body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    let ranged = Request::get("/risks/R-1/").header(header::RANGE, "bytes=0-5");
    let (status, _, body) = via(&router, ranged.body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(body, "<p>改");

    // A build swaps in a new directory: its files are read, not the old site's.
    let old = state.public_dir.with_file_name("public-old");
    std::fs::rename(&state.public_dir, &old).unwrap();
    std::fs::create_dir_all(state.public_dir.join("risks/R-1")).unwrap();
    std::fs::write(
        state.public_dir.join("risks/R-1/index.html"),
        "<p>新版本</p>",
    )
    .unwrap();
    let rebuilt = via(&router, page()).await;
    assert_eq!(rebuilt.0, StatusCode::OK);
    assert_eq!(rebuilt.2, "<p>新版本</p>");

    // The next build rewrites the site swapped out before (the same inode as the first one)
    // and swaps it back: its new files are read, not what was cached from it then.
    // (The pauses let the coarse kernel clock move between renames, as builds always do.)
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(old.join("risks/R-1/index.html"), "<p>第三版</p>").unwrap();
    let newer = state.public_dir.with_file_name("public-newer");
    std::fs::rename(&state.public_dir, &newer).unwrap();
    std::fs::rename(&old, &state.public_dir).unwrap();
    let third = via(&router, page()).await;
    assert_eq!(third.0, StatusCode::OK);
    assert_eq!(third.2, "<p>第三版</p>");
}
