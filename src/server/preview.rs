//! The staff preview (`gongshi serve --watch`): rebuilds when a content file is saved, shows
//! the current diagnostics at the top of every page, and reloads the open browser page after
//! each rebuild. Only the preview injects a script; the published site has none.

use std::path::Path;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use maud::{Markup, html};

use crate::diagnostics::Diagnostic;
use crate::publish::{self as build, BuildError, Paths};
use crate::routes;

/// Quiet time after the last file event before rebuilding (editors write several events).
pub const DEBOUNCE: Duration = Duration::from_millis(250);

/// The outcome of the latest build, shown in every page.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub diagnostics: Vec<Diagnostic>,
    /// `None` after a successful build; the reason the site was not updated otherwise.
    pub failure: Option<String>,
    /// `HH:MM:SS` of the build, local time.
    pub finished_at: String,
}

/// What every page shows: the panel of the latest build, rendered once per build, and that
/// build's generation, which the page's reload script compares against the event stream.
#[derive(Debug, Clone)]
struct Shown {
    generation: u64,
    panel: Arc<str>,
}

/// Shared preview state: what pages show, and the generation channel the event stream follows.
#[derive(Debug, Clone)]
pub struct Preview {
    shown: Arc<RwLock<Shown>>,
    generation: tokio::sync::watch::Sender<u64>,
}

impl Default for Preview {
    fn default() -> Self {
        let shown = Shown {
            generation: 0,
            panel: panel(&Outcome::default()).into_string().into(),
        };
        Preview {
            shown: Arc::new(RwLock::new(shown)),
            generation: tokio::sync::watch::Sender::new(0),
        }
    }
}

impl Preview {
    fn shown(&self) -> Shown {
        self.shown
            .read()
            .map(|s| s.clone())
            .unwrap_or_else(|e| e.into_inner().clone())
    }

    /// Builds once and publishes the outcome to open pages.
    pub fn rebuild(&self, paths: &Paths) -> Outcome {
        let finished = |diagnostics, failure| Outcome {
            diagnostics,
            failure,
            finished_at: chrono::Local::now().format("%H:%M:%S").to_string(),
        };
        let outcome = match build::build(paths) {
            Ok(report) => finished(report.warnings, None),
            Err(BuildError::Invalid { diagnostics, .. }) => finished(
                diagnostics,
                Some("内容有错误，网站仍是上一次成功构建的样子".into()),
            ),
            Err(e) => finished(Vec::new(), Some(e.to_string())),
        };
        let panel: Arc<str> = panel(&outcome).into_string().into();
        let generation = {
            let mut shown = self.shown.write().unwrap_or_else(|e| e.into_inner());
            shown.generation += 1;
            shown.panel = panel;
            shown.generation
        };
        self.generation.send_replace(generation);
        outcome
    }
}

/// Watches `paths.content` and rebuilds after each burst of changes, on a thread of its own.
/// The returned watcher must be kept alive for as long as the preview runs.
pub fn watch(
    paths: Paths,
    preview: Preview,
    after_build: impl Fn(&Outcome) + Send + 'static,
) -> notify::Result<notify::RecommendedWatcher> {
    use notify::Watcher;
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|e| !e.kind.is_access()) {
            let _ = tx.send(());
        }
    })?;
    watcher.watch(&paths.content, notify::RecursiveMode::Recursive)?;
    std::thread::spawn(move || {
        while rx.recv().is_ok() {
            // Wait for the burst to end.
            while rx.recv_timeout(DEBOUNCE).is_ok() {}
            let outcome = preview.rebuild(&paths);
            after_build(&outcome);
        }
    });
    Ok(watcher)
}

/// Adds the preview's routes and the page rewriting to the site's router.
pub fn wrap(site: Router, preview: Preview) -> Router {
    let routes = Router::new()
        .route(routes::PREVIEW_EVENTS, get(events))
        .route(routes::PREVIEW_SCRIPT, get(live_js))
        .route(routes::PREVIEW_STYLE, get(preview_css))
        .with_state(preview.clone());
    routes
        .merge(site)
        .layer(axum::middleware::from_fn_with_state(preview, inject))
}

const LIVE_JS: &str = r#"// gongshi preview only: reload this page after each rebuild.
(function () {
  var me = document.currentScript;
  var seen = me && me.getAttribute("data-generation");
  var events = new EventSource(me.getAttribute("data-events"));
  events.onmessage = function (e) {
    if (seen !== null && e.data !== seen) { location.reload(); }
    seen = e.data;
  };
})();
"#;

const PREVIEW_CSS: &str = "#gongshi-preview{font:1rem/1.6 sans-serif;margin:0;padding:.75rem 1rem;\
background:#fff;color:#1a1a1a;border-bottom:.3rem solid #1d6b35}\
#gongshi-preview.warned{border-color:#8a5a00}#gongshi-preview.failed{border-color:#b3261e;background:#fff5f5}\
#gongshi-preview .summary{margin:0;font-weight:bold}#gongshi-preview ol{margin:.5rem 0 0;padding-left:1.5rem}\
#gongshi-preview code{overflow-wrap:anywhere}#gongshi-preview .note{margin:.25rem 0 0;font-size:.875rem}\n";

async fn preview_css() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        PREVIEW_CSS,
    )
}

async fn live_js() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        LIVE_JS,
    )
}

/// Server-sent events: the current generation at once, then each new one.
async fn events(State(preview): State<Preview>) -> impl IntoResponse {
    let rx = preview.generation.subscribe();
    let stream = futures_util::stream::unfold((rx, true), |(mut rx, first)| async move {
        if !first && rx.changed().await.is_err() {
            return None;
        }
        let g = *rx.borrow_and_update();
        Some((
            Ok::<_, std::convert::Infallible>(Event::default().data(g.to_string())),
            (rx, false),
        ))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// Puts the diagnostics panel and the reload script into every HTML page, and never lets the
/// browser reuse a cached page (the panel changes with each build).
async fn inject(State(preview): State<Preview>, mut req: Request, next: Next) -> Response {
    let headers = req.headers_mut();
    headers.remove(header::IF_MODIFIED_SINCE);
    headers.remove(header::IF_NONE_MATCH);
    headers.remove(header::ACCEPT_ENCODING);
    let res = next.run(req).await;
    let is_html = crate::server::is_html(&res);
    if !is_html && res.status() != StatusCode::NOT_FOUND {
        return res;
    }
    let Shown { generation, panel } = preview.shown();
    let mut res = crate::server::rewrite_html(res, |page| {
        let page = if is_html {
            page
        } else {
            // No page at all (nothing built yet, or a missing 404.html): still show the panel.
            "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>预览</title></head>\
             <body><main><h1>找不到这个页面</h1><p>网站可能还没有成功构建过，请先修正下面列出的错误。</p></main></body></html>"
                .to_string()
        };
        splice(&page, &panel, generation)
    })
    .await;
    let headers = res.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    res
}

/// Inserts the panel right after `<body …>` and the script before `</body>`.
fn splice(page: &str, panel: &str, generation: u64) -> String {
    let script = format!(
        "<script src=\"{}\" data-events=\"{}\" data-generation=\"{generation}\"></script>",
        routes::PREVIEW_SCRIPT,
        routes::PREVIEW_EVENTS
    );
    let body_open = page
        .find("<body")
        .and_then(|i| page[i..].find('>').map(|j| i + j + 1));
    let mut out = String::with_capacity(page.len() + 4096);
    match body_open {
        Some(at) => {
            out.push_str(&page[..at]);
            out.push_str(panel);
            out.push_str(&page[at..]);
        }
        None => {
            out.push_str(panel);
            out.push_str(page);
        }
    }
    match out.rfind("</body>") {
        Some(at) => out.insert_str(at, &script),
        None => out.push_str(&script),
    }
    out
}

/// The diagnostics panel: what the last build said, in the words staff read in the terminal.
pub fn panel(outcome: &Outcome) -> Markup {
    let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = outcome.diagnostics.len() - errors;
    let class = if outcome.failure.is_some() {
        "preview-panel failed"
    } else if warnings > 0 {
        "preview-panel warned"
    } else {
        "preview-panel ok"
    };
    html! {
        aside id="gongshi-preview" class=(class) role="region" aria-label="预览：检查结果" {
            link rel="stylesheet" href=(routes::PREVIEW_STYLE);
            p.summary {
                "预览模式 · " (outcome.finished_at) " 构建 · "
                (errors) " 个错误，" (warnings) " 个警告"
                @if let Some(f) = &outcome.failure { " · " (f) }
                @if outcome.diagnostics.is_empty() && outcome.failure.is_none() { " · 没有发现问题" }
            }
            @if !outcome.diagnostics.is_empty() {
                ol {
                    // Errors first: they are what stops publishing.
                    @for d in outcome.diagnostics.iter().filter(|d| d.is_error()).chain(outcome.diagnostics.iter().filter(|d| !d.is_error())) {
                        li {
                            code { (d.path.display()) ":" (d.line) ":" (d.column) }
                            " " strong { (d.severity.label()) "[" (d.code.as_str()) "]" } " " (d.message)
                            @if let Some(h) = &d.hint { br; span { "提示：" (h) } }
                        }
                    }
                }
            }
            p.note { "保存文件后自动重新构建，本页会自动刷新。此提示只在预览中出现。" }
        }
    }
}

/// An empty index, so a preview whose first build failed can still start and search later.
pub fn ensure_index(dir: &Path) -> Result<(), BuildError> {
    if dir.join(crate::search::index::MANIFEST).exists() {
        return Ok(());
    }
    std::fs::create_dir_all(dir)?;
    let inputs = crate::search::index::IndexInputs::empty("preview-empty".into());
    crate::search::index::write(dir, &[], inputs)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panel_goes_after_body_and_script_before_its_end() {
        let outcome = Outcome {
            diagnostics: Vec::new(),
            failure: None,
            finished_at: "10:00:00".into(),
        };
        let page = "<!DOCTYPE html><html><body class=\"x\"><main>正文</main></body></html>";
        let out = splice(page, &panel(&outcome).into_string(), 7);
        let panel_at = out.find("gongshi-preview").unwrap();
        assert!(out.find("<body class=\"x\">").unwrap() < panel_at);
        assert!(panel_at < out.find("<main>").unwrap());
        assert!(out.contains("data-generation=\"7\"></script></body>"));
        assert!(out.contains("没有发现问题"));
    }
}
