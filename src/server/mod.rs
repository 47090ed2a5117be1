//! The HTTP server: `app(state) -> Router` serving the built site from `public/` ([`files`])
//! with compression and cache headers, the search page and JSON API over the live index
//! ([`search`]), the guards every response passes ([`guards`]), 长者模式 ([`elder`]), index hot
//! reload, the 我的罚单 timeline ([`ticket`]), graceful shutdown on Ctrl-C/SIGTERM, the page feedback form's one POST
//! ([`feedback`]) and the staff preview ([`preview`]).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use axum::routing::{get, post};
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

mod elder;
mod feedback;
mod files;
mod guards;
pub mod preview;
mod search;
mod ticket;

pub use elder::{ELDER_COOKIE, is_html, rewrite_html};
pub use feedback::{FeedbackLimit, LIMIT_POSTS, LIMIT_WINDOW, MAX_BODY_BYTES};
pub use guards::{CONTENT_SECURITY_POLICY, REQUEST_TIMEOUT, RateLimit, rate_limited};

use crate::routes;
use crate::search::live::Live;
use crate::usage::Usage;

/// How often the server looks for a new index build.
pub const RELOAD_EVERY: Duration = Duration::from_secs(2);

/// What the server needs to answer requests.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The built site (`public/`).
    pub public_dir: PathBuf,
    /// The search index being served.
    pub search: Live,
    /// Where searches that found nothing and page feedback are recorded ([`Usage::off`]: not).
    pub usage: Usage,
    /// Feedback posts per client, in memory only.
    pub feedback_limit: FeedbackLimit,
}

impl AppState {
    /// The site in `public_dir` and its index, recording nothing.
    pub fn new(public_dir: PathBuf, search: Live) -> AppState {
        AppState {
            public_dir,
            search,
            usage: Usage::off(),
            feedback_limit: FeedbackLimit::default(),
        }
    }

    /// The same, recording to `usage`.
    pub fn with_usage(self, usage: Usage) -> AppState {
        AppState { usage, ..self }
    }
}

/// The whole HTTP surface, built so tests can drive it with `tower::ServiceExt::oneshot`.
pub fn app(state: AppState) -> Router {
    let not_found = ServeFile::new(
        state
            .public_dir
            .join(routes::file_of(routes::NOT_FOUND.path)),
    );
    let files = files::Files::new(
        &state.public_dir,
        ServeDir::new(&state.public_dir)
            .append_index_html_on_directories(true)
            .not_found_service(not_found.clone()),
    );
    // Feed readers and browsers recognise Atom by its media type, not by `.xml`.
    let feeds = tower_http::set_header::SetResponseHeader::overriding(
        ServeDir::new(state.public_dir.join(routes::file_of(routes::FEEDS_DIR)))
            .not_found_service(not_found),
        header::CONTENT_TYPE,
        |res: &Response<_>| {
            res.status()
                .is_success()
                .then_some(HeaderValue::from_static(
                    "application/atom+xml; charset=utf-8",
                ))
        },
    );
    Router::new()
        .nest_service(routes::FEEDS_DIR, feeds)
        .route(routes::ELDER_ON, get(elder::elder_on))
        .route(routes::ELDER_OFF, get(elder::elder_off))
        .route(routes::HEALTH, get(search::healthz))
        .route(routes::SEARCH, get(search::search_page))
        .route(routes::SEARCH_API, get(search::search_api))
        .route(routes::SEARCH_FEED, get(search::search_feed))
        .route(routes::TICKET.path, get(ticket::ticket_page))
        .route(routes::TICKET_ICS, get(ticket::ticket_ics))
        .route(routes::FEEDBACK, post(feedback::feedback))
        .with_state(state)
        .fallback(files::files_from_memory)
        .layer(axum::Extension(files))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=300"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(axum::middleware::from_fn(elder::elder_mode))
        .layer(CompressionLayer::new())
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(axum::middleware::from_fn(guards::read_only))
}

/// Arenas glibc's malloc may use in the server process.
///
/// Every index reload builds that index's analyzer (jieba's dictionary: about 30 MB of small
/// allocations) on whichever blocking thread runs it. With glibc's default of eight arenas per
/// core, successive reloads landed in different arenas, and each arena kept the memory the
/// previous analyzer freed: RSS grew by about 30 MB per rebuild (58 → 238 MB after ten
/// rebuilds under light load; 72 → 330 MB in 20 minutes of soak) until every arena held a
/// spare copy. With two arenas the same ten rebuilds stayed between 57 and 101 MB, and
/// [`release_freed_memory`] after each reload returns what is left.
pub const MALLOC_ARENAS: i32 = 2;

/// Applies [`MALLOC_ARENAS`] (glibc only; elsewhere nothing). Call before the process starts
/// threads.
pub fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tuning parameter of the allocator; called before any other
    // thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, MALLOC_ARENAS);
    }
}

/// Gives the heap the allocator holds free back to the system (glibc only; elsewhere
/// nothing). After a reload, once the replaced index is gone, this returns its analyzer's
/// memory: after ten rebuilds under load, RSS went from 126 MB back to 54 MB.
pub fn release_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only hands free pages of the heap back to the kernel.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// Checks for a new index build every [`RELOAD_EVERY`]; a failed reload keeps the old index.
/// A request still using the old index ends within [`REQUEST_TIMEOUT`]; after that its
/// memory is handed back ([`release_freed_memory`]).
pub fn spawn_reloader(live: Live) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(RELOAD_EVERY);
        loop {
            tick.tick().await;
            let l = live.clone();
            match tokio::task::spawn_blocking(move || l.reload_if_changed()).await {
                Ok(Ok(true)) => {
                    eprintln!("已载入新的搜索索引");
                    tokio::spawn(async {
                        tokio::time::sleep(REQUEST_TIMEOUT + Duration::from_secs(1)).await;
                        let _ = tokio::task::spawn_blocking(release_freed_memory).await;
                    });
                }
                Ok(Ok(false)) => {}
                Ok(Err(e)) => eprintln!("载入新索引失败，继续使用原索引：{e}"),
                Err(e) => eprintln!("载入新索引失败，继续使用原索引：{e}"),
            }
        }
    })
}

/// Serves [`app`] until Ctrl-C or SIGTERM, finishing requests in flight; picks up new index
/// builds.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    let search = state.search.clone();
    serve_router(listener, app(state), search, None).await
}

/// Serves any router built on [`app`] (the preview wraps it) with the index reloader and, when
/// given, the per-client rate limit.
pub async fn serve_router(
    listener: tokio::net::TcpListener,
    router: Router,
    search: Live,
    limit: Option<RateLimit>,
) -> std::io::Result<()> {
    let (router, cleaner) = match limit {
        Some(limit) => {
            let (router, cleaner) = rate_limited(router, limit);
            (router, Some(cleaner))
        }
        None => (router, None),
    };
    let reloader = spawn_reloader(search);
    use axum::serve::ListenerExt;
    // Without TCP_NODELAY a response written as headers then body waits for the client's
    // delayed ACK: 40 ms per static page (measured: 1,354 req/s against nginx's 64,527).
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    let result = axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await;
    reloader.abort();
    if let Some(c) = cleaner {
        c.abort();
    }
    result
}

/// Binds 127.0.0.1 only: the public reaches the site through a reverse proxy (see deploy/).
pub async fn bind(port: u16) -> std::io::Result<tokio::net::TcpListener> {
    bind_to(std::net::Ipv4Addr::LOCALHOST.into(), port).await
}

/// Binds on a chosen address: containers and search replicas behind a proxy use `0.0.0.0`.
pub async fn bind_to(ip: std::net::IpAddr, port: u16) -> std::io::Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind(SocketAddr::new(ip, port)).await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
