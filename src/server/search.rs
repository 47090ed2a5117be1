//! The search page and the JSON API over the live index; both check input the same way
//! (`search::query`) and fail with one error type.

use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Json, Response};

use super::AppState;
use crate::render::search as page;
use crate::search::query::{self, InputError};

/// Liveness and the index being served; never cached, so probes see the current index.
pub(super) async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    let engine = state.search.engine();
    let m = engine.manifest();
    (
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        Json(serde_json::json!({
            "status": "ok",
            "index": { "build_id": m.build_id, "documents": m.documents },
        })),
    )
}

/// Why a search could not be answered: the one error type of both search front ends.
pub enum SearchError {
    /// The request is wrong: 400 with what to change.
    Input(InputError),
    /// The index failed: 503, logged.
    Index(String),
}

impl SearchError {
    fn status(&self) -> StatusCode {
        match self {
            SearchError::Input(_) => StatusCode::BAD_REQUEST,
            SearchError::Index(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// What the public reads.
    fn message(&self) -> String {
        match self {
            SearchError::Input(e) => e.to_string(),
            SearchError::Index(e) => {
                eprintln!("搜索出错：{e}");
                "搜索服务暂时不可用，请稍后再试".to_string()
            }
        }
    }

    fn code(&self) -> &'static str {
        match self {
            SearchError::Input(e) => e.code(),
            SearchError::Index(_) => "unavailable",
        }
    }
}

/// The JSON API's error body.
impl IntoResponse for SearchError {
    fn into_response(self) -> Response {
        let body =
            serde_json::json!({ "error": { "code": self.code(), "message": self.message() } });
        (self.status(), Json(body)).into_response()
    }
}

/// Parses, checks and runs a search on a blocking thread (tantivy work is CPU-bound).
async fn run_search(
    state: &AppState,
    raw: Option<String>,
) -> Result<crate::search::engine::Response, SearchError> {
    let engine = state.search.engine();
    tokio::task::spawn_blocking(move || {
        let params = query::parse_params(raw.as_deref()).map_err(SearchError::Input)?;
        let request = engine.check(params).map_err(SearchError::Input)?;
        engine
            .search(&request)
            .map_err(|e| SearchError::Index(e.to_string()))
    })
    .await
    .unwrap_or_else(|e| Err(SearchError::Index(e.to_string())))
}

/// The usage log's one hook: a query of its own (no filters, first page) that found nothing.
/// A queue push; the log cleans and screens it on its own thread.
fn record(state: &AppState, r: &crate::search::engine::Response) {
    if r.total == 0 && r.filters.is_empty() && r.page == 1 {
        state.usage.zero_result(&r.query);
    }
}

const SEARCH_CACHE: HeaderValue = HeaderValue::from_static("public, max-age=60");

pub(super) async fn search_page(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Response {
    let shell_file = state
        .public_dir
        .join(crate::routes::file_of(crate::routes::SEARCH_SHELL.path));
    let shell = tokio::fs::read_to_string(shell_file)
        .await
        .unwrap_or_default();
    let (status, q, fragment) = match run_search(&state, raw.clone()).await {
        Ok(r) => {
            record(&state, &r);
            (StatusCode::OK, r.query.clone(), page::results(&r))
        }
        Err(e) => {
            let q = query::q_lossy(raw.as_deref());
            let message = match &e {
                SearchError::Input(_) => e.message(),
                SearchError::Index(_) => format!("{}，或直接浏览清单。", e.message()),
            };
            (e.status(), q.clone(), page::input_error(&q, &message))
        }
    };
    (
        status,
        [(header::CACHE_CONTROL, SEARCH_CACHE)],
        Html(page::fill(&shell, &q, fragment)),
    )
        .into_response()
}

/// The Atom feed of a search (`/api/search.atom?q=…`): the results page's first page as
/// entries, for a feed reader to follow.
pub(super) async fn search_feed(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Response {
    let query_string = raw.clone().unwrap_or_default();
    match run_search(&state, raw).await {
        Ok(r) => {
            let site = state.search.engine().manifest().site.clone();
            let body = crate::render::feeds::search_feed(&site, &query_string, &r);
            (
                [
                    (
                        header::CONTENT_TYPE,
                        HeaderValue::from_static("application/atom+xml; charset=utf-8"),
                    ),
                    (header::CACHE_CONTROL, SEARCH_CACHE),
                ],
                body,
            )
                .into_response()
        }
        Err(e) => e.into_response(),
    }
}

pub(super) async fn search_api(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Response {
    match run_search(&state, raw).await {
        Ok(r) => {
            record(&state, &r);
            ([(header::CACHE_CONTROL, SEARCH_CACHE)], Json(r)).into_response()
        }
        Err(e) => e.into_response(),
    }
}
