//! 长者模式 (large text) without JavaScript: a cookie set by two addresses, and every HTML
//! page marked for it on the way out.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::routes;

/// Cookie that keeps 长者模式 on across pages (a display preference, nothing else).
pub const ELDER_COOKIE: &str = "gongshi_mode=elder";

/// Where to go back to after switching modes: the referring page's path on this site, or home.
fn back_to(headers: &axum::http::HeaderMap) -> String {
    let referer = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("/");
    // Only a path is used, never another site's address.
    let path = match referer.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => referer,
    };
    let safe = path.starts_with('/')
        && !path.starts_with("//")
        && !path.starts_with(routes::ELDER_ON)
        && !path.starts_with(routes::ELDER_OFF)
        && !path.contains(['\r', '\n', '\\']);
    if safe {
        path.to_string()
    } else {
        "/".to_string()
    }
}

fn switch_mode(headers: &axum::http::HeaderMap, cookie: &'static str) -> Response {
    let location = back_to(headers);
    let mut res = StatusCode::SEE_OTHER.into_response();
    let h = res.headers_mut();
    h.insert(header::SET_COOKIE, HeaderValue::from_static(cookie));
    if let Ok(v) = HeaderValue::from_str(&location) {
        h.insert(header::LOCATION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

pub(super) async fn elder_on(headers: axum::http::HeaderMap) -> Response {
    switch_mode(
        &headers,
        "gongshi_mode=elder; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly",
    )
}

pub(super) async fn elder_off(headers: axum::http::HeaderMap) -> Response {
    switch_mode(
        &headers,
        "gongshi_mode=; Path=/; Max-Age=0; SameSite=Lax; HttpOnly",
    )
}

/// Marks HTML pages `class="elder"` when the visitor chose 长者模式; every HTML response
/// varies by cookie, so shared caches keep the two forms apart.
pub(super) async fn elder_mode(
    mut req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let elder = req
        .headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .any(|c| c.trim() == ELDER_COOKIE);
    if elder {
        // A cached standard page must not come back as "not modified".
        req.headers_mut().remove(header::IF_MODIFIED_SINCE);
        req.headers_mut().remove(header::IF_NONE_MATCH);
    }
    let res = next.run(req).await;
    if !is_html(&res) {
        return res;
    }
    let mut res = if elder {
        rewrite_html(res, |page| {
            page.replacen(
                "<html lang=\"zh-CN\">",
                "<html lang=\"zh-CN\" class=\"elder\">",
                1,
            )
        })
        .await
    } else {
        res
    };
    res.headers_mut()
        .append(header::VARY, HeaderValue::from_static("Cookie"));
    res
}

/// Whether a response is an HTML page.
pub fn is_html(res: &Response) -> bool {
    res.headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

/// Largest page rewritten in flight; bigger bodies pass through untouched.
const MAX_REWRITE_BYTES: usize = 16 * 1024 * 1024;

/// Rewrites an HTML body; validators and length no longer hold afterwards and are dropped.
pub async fn rewrite_html(res: Response, f: impl FnOnce(String) -> String) -> Response {
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_REWRITE_BYTES).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "页面过大").into_response();
    };
    let page = f(String::from_utf8_lossy(&bytes).into_owned());
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.remove(header::ETAG);
    parts.headers.remove(header::LAST_MODIFIED);
    Response::from_parts(parts, axum::body::Body::from(page))
}
