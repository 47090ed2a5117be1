//! "这个页面有帮助吗？": the one POST the server takes. Checks the form (size, type, a page
//! of this site), limits each client in memory, screens the comment for personal data and
//! hands the answer to the usage log; the visitor gets a thank-you page with a way back.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};

use super::AppState;
use super::guards::client_of;
use crate::render::feedback::notice;
use crate::usage::{Feedback, MAX_PAGE_BYTES};

/// Largest form body accepted.
pub const MAX_BODY_BYTES: usize = 4 * 1024;
/// Posts one client may make per [`LIMIT_WINDOW`].
pub const LIMIT_POSTS: usize = 5;
pub const LIMIT_WINDOW: Duration = Duration::from_secs(10 * 60);
/// Clients remembered at most; past this, clients idle for a window are forgotten first.
const LIMIT_CLIENTS: usize = 100_000;

/// Recent posts per client, in memory only: the addresses are never written anywhere and are
/// forgotten once their window has passed.
#[derive(Clone, Default)]
pub struct FeedbackLimit {
    clients: Arc<Mutex<HashMap<IpAddr, VecDeque<Instant>>>>,
}

impl std::fmt::Debug for FeedbackLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FeedbackLimit").finish_non_exhaustive()
    }
}

impl FeedbackLimit {
    /// Counts a post from `client`; `Err(wait)` when it is over the limit.
    fn admit(&self, client: IpAddr, now: Instant) -> Result<(), Duration> {
        let mut clients = self.clients.lock().unwrap_or_else(|e| e.into_inner());
        let recent = |t: &Instant| now.saturating_duration_since(*t) < LIMIT_WINDOW;
        if clients.len() >= LIMIT_CLIENTS && !clients.contains_key(&client) {
            clients.retain(|_, posts| posts.back().is_some_and(recent));
            if clients.len() >= LIMIT_CLIENTS {
                return Err(LIMIT_WINDOW);
            }
        }
        let posts = clients.entry(client).or_default();
        while posts.front().is_some_and(|t| !recent(t)) {
            posts.pop_front();
        }
        if posts.len() >= LIMIT_POSTS {
            let oldest = posts.front().copied().unwrap_or(now);
            return Err(LIMIT_WINDOW.saturating_sub(now.saturating_duration_since(oldest)));
        }
        posts.push_back(now);
        Ok(())
    }
}

/// The form's fields.
#[derive(Debug, Default, PartialEq, Eq)]
struct Form {
    page: Option<String>,
    helpful: Option<String>,
    comment: Option<String>,
}

/// `application/x-www-form-urlencoded`, strictly: invalid UTF-8 is an error; the first of a
/// repeated field counts; unknown fields are ignored.
fn parse_form(body: &[u8]) -> Option<Form> {
    let text = std::str::from_utf8(body).ok()?;
    let mut form = Form::default();
    for pair in text.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let decode = |s: &str| {
            percent_encoding::percent_decode_str(&s.replace('+', " "))
                .decode_utf8()
                .map(|c| c.into_owned())
                .ok()
        };
        let (k, v) = (decode(k)?, decode(v)?);
        let slot = match k.as_str() {
            "page" => &mut form.page,
            "helpful" => &mut form.helpful,
            "comment" => &mut form.comment,
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(v);
        }
    }
    Some(form)
}

/// The page a vote is about: an address on this site whose file exists in `public/`. Only
/// its path is kept (no query, no fragment); anything else is `None`, so neither junk nor
/// another site's address reaches the log or the "back" link.
fn site_page(public_dir: &Path, page: &str) -> Option<String> {
    let page = page.split(['?', '#']).next()?;
    let ok = page.starts_with('/')
        && !page.starts_with("//")
        && page.len() <= MAX_PAGE_BYTES
        && page
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/-_.~%".contains(&b));
    if !ok {
        return None;
    }
    for seg in page.split('/').skip(1) {
        if seg.starts_with('.') || seg.contains('%') {
            return None;
        }
    }
    let file = public_dir.join(crate::routes::file_of(page));
    file.is_file().then(|| page.to_string())
}

fn page(status: StatusCode, title: &str, message: &str, back: Option<&str>) -> Response {
    (
        status,
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        Html(notice(title, message, back).into_string()),
    )
        .into_response()
}

fn refused(status: StatusCode, message: &str) -> Response {
    page(status, "未能提交反馈", message, None)
}

pub(super) async fn feedback(State(state): State<AppState>, req: Request) -> Response {
    // Only this site's own pages post here (a browser says so where it can).
    let cross_site = req
        .headers()
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes() == b"cross-site");
    if cross_site {
        return refused(StatusCode::FORBIDDEN, "只接受本站页面提交的反馈。");
    }
    let form_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| {
            v.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        });
    if !form_type {
        return refused(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "请使用页面下方的反馈表单提交。",
        );
    }
    if let Err(wait) = state.feedback_limit.admit(client_of(&req), Instant::now()) {
        let minutes = wait.as_secs().div_ceil(60).max(1);
        let mut res = refused(
            StatusCode::TOO_MANY_REQUESTS,
            &format!("您提交得太频繁了，请 {minutes} 分钟后再试。感谢您的耐心。"),
        );
        if let Ok(v) = HeaderValue::from_str(&wait.as_secs().max(1).to_string()) {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return res;
    }
    let Ok(body) = axum::body::to_bytes(req.into_body(), MAX_BODY_BYTES).await else {
        return refused(
            StatusCode::PAYLOAD_TOO_LARGE,
            "提交的内容太长了，留言请控制在一句话以内。",
        );
    };
    let Some(form) = parse_form(&body) else {
        return refused(StatusCode::BAD_REQUEST, "无法识别提交的内容。");
    };
    let helpful = match form.helpful.as_deref() {
        Some("yes") => true,
        Some("no") => false,
        _ => {
            return refused(StatusCode::BAD_REQUEST, "请选择“有”或“没有”后再提交。");
        }
    };
    let Some(page_path) = form
        .page
        .as_deref()
        .and_then(|p| site_page(&state.public_dir, p))
    else {
        return refused(StatusCode::BAD_REQUEST, "无法识别是哪个页面的反馈。");
    };
    let comment = form.comment;
    let screened = {
        let page_path = page_path.clone();
        tokio::task::spawn_blocking(move || Feedback::new(&page_path, helpful, comment.as_deref()))
            .await
    };
    let Ok(feedback) = screened else {
        return refused(
            StatusCode::SERVICE_UNAVAILABLE,
            "暂时无法接收反馈，请稍后再试。",
        );
    };
    let message = if feedback.comment_dropped() {
        "已记下您的评价。您的留言里似乎有电话、证件号码等个人信息，为保护隐私，留言没有保存。"
    } else {
        "已记下您的评价。我们会根据大家的反馈改进网站内容。"
    };
    state.usage.feedback(feedback);
    page(StatusCode::OK, "谢谢您的反馈", message, Some(&page_path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_is_decoded_strictly() {
        let f = parse_form("page=%2Frisks%2FR-1%2F&helpful=no&comment=%E7%9C%8B+%E4%B8%8D%E6%87%82&x=1&helpful=yes".as_bytes()).unwrap();
        assert_eq!(f.page.as_deref(), Some("/risks/R-1/"));
        assert_eq!(f.helpful.as_deref(), Some("no"));
        assert_eq!(f.comment.as_deref(), Some("看 不懂"));
        assert!(parse_form(b"comment=%FF").is_none());
        assert!(parse_form(&[0xff]).is_none());
    }

    #[test]
    fn only_pages_of_this_site_are_accepted() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("risks/R-1")).unwrap();
        std::fs::write(dir.path().join("risks/R-1/index.html"), "x").unwrap();
        std::fs::write(dir.path().join("index.html"), "x").unwrap();
        let p = dir.path();
        assert_eq!(site_page(p, "/risks/R-1/").as_deref(), Some("/risks/R-1/"));
        assert_eq!(
            site_page(p, "/risks/R-1/?q=1#x").as_deref(),
            Some("/risks/R-1/")
        );
        assert_eq!(site_page(p, "/").as_deref(), Some("/"));
        for bad in [
            "https://evil.example/",
            "//evil.example/",
            "/risks/R-2/",
            "/../index.html",
            "/risks/../index.html",
            "/%2e%2e/",
            "risks/R-1/",
            "/\\evil",
            "{{gongshi:this-page}}",
            "",
        ] {
            assert_eq!(site_page(p, bad), None, "{bad}");
        }
        assert_eq!(site_page(p, &format!("/{}", "a".repeat(400))), None);
    }

    #[test]
    fn each_client_gets_five_posts_per_window() {
        let limit = FeedbackLimit::default();
        let a: IpAddr = [10, 0, 0, 1].into();
        let b: IpAddr = [10, 0, 0, 2].into();
        let t0 = Instant::now();
        for i in 0..5 {
            assert!(limit.admit(a, t0 + Duration::from_secs(i)).is_ok());
        }
        let wait = limit.admit(a, t0 + Duration::from_secs(60)).unwrap_err();
        assert_eq!(wait, LIMIT_WINDOW - Duration::from_secs(60));
        assert!(limit.admit(b, t0 + Duration::from_secs(60)).is_ok());
        // Once the first post is older than the window, one more is allowed.
        assert!(limit.admit(a, t0 + LIMIT_WINDOW).is_ok());
        assert!(limit.admit(a, t0 + LIMIT_WINDOW).is_err());
    }
}
