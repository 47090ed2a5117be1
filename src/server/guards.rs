//! What every response goes through: the security headers' policy, GET and HEAD only, the
//! request timeout, and the per-client rate limit.

use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// Pages have no inline script or style, so the policy needs no `unsafe-inline`; nothing is
/// loaded from elsewhere, and no other site may frame the portal.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; img-src 'self' data:; \
    style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; \
    form-action 'self'; frame-ancestors 'none'";

/// Longest a request may take before the server answers 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// The portal only publishes: GET and HEAD, and POST to the one feedback address; anything
/// else is 405 with `Allow`.
pub(super) async fn read_only(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    use axum::http::Method;
    if req.method() == Method::GET || req.method() == Method::HEAD {
        return next.run(req).await;
    }
    if req.method() == Method::POST && req.uri().path() == crate::routes::FEEDBACK {
        return next.run(req).await;
    }
    (
        StatusCode::METHOD_NOT_ALLOWED,
        [(header::ALLOW, "GET, HEAD")],
        "只支持 GET 和 HEAD 请求",
    )
        .into_response()
}

/// Requests a client may make: `per_second` on average, `burst` at once. Behind the proxy the
/// client is `X-Real-IP` (the proxy sets it to the connecting address), else the last address
/// of `X-Forwarded-For` (the one the proxy appended; earlier ones are the client's own claim);
/// the server listens on 127.0.0.1 only, so only the proxy reaches it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub per_second: u32,
    pub burst: u32,
}

impl RateLimit {
    /// Requests per second by default: generous for a person reading pages, tight for a
    /// scraper hammering search.
    pub const DEFAULT_PER_SECOND: u32 = 20;

    /// `per_second` on average with bursts of three times as many; `None` for 0 (no limit).
    pub fn per_second(per_second: u32) -> Option<RateLimit> {
        (per_second > 0).then(|| RateLimit {
            per_second,
            burst: per_second.saturating_mul(3),
        })
    }
}

/// Who a request comes from, for the rate limit.
#[derive(Debug, Clone, Copy)]
struct Client;

impl tower_governor::key_extractor::KeyExtractor for Client {
    type Key = std::net::IpAddr;

    fn extract<T>(
        &self,
        req: &axum::http::Request<T>,
    ) -> Result<Self::Key, tower_governor::GovernorError> {
        Ok(client_of(req))
    }
}

/// Who a request comes from: the rate limit's key, also the feedback limit's (kept in memory
/// only, never written).
pub(super) fn client_of<T>(req: &axum::http::Request<T>) -> std::net::IpAddr {
    let h = req.headers();
    let forwarded = h
        .get("x-real-ip")
        .and_then(|v| v.to_str().ok())
        .or_else(|| {
            h.get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.rsplit(',').next())
        })
        .and_then(|v| v.trim().parse().ok());
    let peer = || {
        req.extensions()
            .get::<axum::extract::ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip())
    };
    forwarded
        .or_else(peer)
        .unwrap_or(std::net::IpAddr::from([127, 0, 0, 1]))
}

/// Adds the per-client rate limit; over it, 429 with `Retry-After` and a Chinese message.
/// Returns the router and a task that forgets idle clients once a minute.
pub fn rate_limited(router: Router, limit: RateLimit) -> (Router, tokio::task::JoinHandle<()>) {
    use tower_governor::GovernorError;
    use tower_governor::governor::GovernorConfigBuilder;
    let period = Duration::from_nanos(1_000_000_000 / u64::from(limit.per_second.max(1)));
    let config = std::sync::Arc::new(
        GovernorConfigBuilder::default()
            .period(period)
            .burst_size(limit.burst.max(1))
            .key_extractor(Client)
            .finish()
            .expect("a positive period and burst"),
    );
    let limiter = config.limiter().clone();
    let cleaner = tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        loop {
            tick.tick().await;
            limiter.retain_recent();
        }
    });
    let layer = tower_governor::GovernorLayer::new(config).error_handler(|e| {
        let wait = match e {
            GovernorError::TooManyRequests { wait_time, .. } => wait_time.max(1),
            _ => 1,
        };
        let mut res = (
            StatusCode::TOO_MANY_REQUESTS,
            [(header::CACHE_CONTROL, "no-store")],
            format!("请求过于频繁，请 {wait} 秒后再试。"),
        )
            .into_response();
        if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        res
    });
    (router.layer(layer), cleaner)
}
