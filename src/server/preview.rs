//! The staff preview (`gongshi serve --watch`): rebuilds when a content file is saved, shows
//! the current diagnostics at the top of every page, and reloads the open browser page after
//! each rebuild. Only the preview injects a script; the published site has none.
//!
//! While the content has errors the site is not rebuilt, so the page being edited would be
//! the old one, or missing when there has never been a good build. The preview then shows a
//! draft of every file with errors at its address instead: an item that parsed is rendered
//! with its real page template from the content that could be read; a file that did not parse
//! shows the fields that could be read and its body. Either way that file's problems come
//! first in the panel on top.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
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

use crate::content::history::History;
use crate::content::kinds::with_kinds;
use crate::content::links::Links;
use crate::content::{Kind, Unparsed, markdown};
use crate::diagnostics::Diagnostic;
use crate::publish::{self as build, BuildError, Paths};
use crate::render::{Ctx, Pages};
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

/// The draft of a file with errors: the page, and the panel with that file's problems first.
#[derive(Debug)]
struct Draft {
    html: String,
    panel: String,
}

/// Drafts by the page's file under the site root (`risks/R-1/index.html`).
type Drafts = HashMap<String, Draft>;

/// What every page shows: the panel of the latest build, rendered once per build, and that
/// build's generation, which the page's reload script compares against the event stream; and
/// while the content has errors, the drafts of the files that have them.
#[derive(Debug, Clone)]
struct Shown {
    generation: u64,
    panel: Arc<str>,
    drafts: Arc<Drafts>,
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
            panel: panel(&Outcome::default(), None).into_string().into(),
            drafts: Arc::default(),
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
        let mut drafts = Drafts::new();
        let outcome = match build::build(paths) {
            Ok(report) => finished(report.warnings, None),
            Err(BuildError::Invalid { diagnostics, .. }) => {
                // The site is only ever swapped in after a good build: a site there is one.
                let built_before = paths.output.join("index.html").exists();
                let failure = if built_before {
                    "内容有错误，网站仍是上一次成功构建的样子；有错误的文件显示为草稿"
                } else {
                    "内容有错误，网站还没有成功构建过；有错误的文件按能读懂的内容显示为草稿"
                };
                let outcome = finished(diagnostics, Some(failure.into()));
                drafts = make_drafts(paths, &outcome);
                outcome
            }
            Err(e) => finished(Vec::new(), Some(e.to_string())),
        };
        let panel: Arc<str> = panel(&outcome, None).into_string().into();
        let generation = {
            let mut shown = self.shown.write().unwrap_or_else(|e| e.into_inner());
            shown.generation += 1;
            shown.panel = panel;
            shown.drafts = Arc::new(drafts);
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
        .route(routes::PREVIEW_CODES, get(codes_card))
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

/// The quick-reference card, so every code in the panel is a link to what it means.
async fn codes_card() -> impl IntoResponse {
    let card = markdown::render(&crate::diagnostics::reference_card())
        .0
        .html;
    // The card's headings are `## PII002`: give them the ids its links use.
    let card = crate::diagnostics::Code::ALL.iter().fold(card, |html, c| {
        html.replacen(
            &format!("<h2>{}</h2>", c.as_str()),
            &format!(
                "<h2 id=\"{}\">{}</h2>",
                c.as_str().to_ascii_lowercase(),
                c.as_str()
            ),
            1,
        )
    });
    let page = html! {
        (maud::DOCTYPE)
        html lang="zh-CN" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "检查代码速查卡" }
                link rel="stylesheet" href=(routes::STYLESHEET);
            }
            body { main { (maud::PreEscaped(card)) } }
        }
    };
    preview_page(StatusCode::OK, page.into_string())
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
    let Shown {
        generation,
        panel,
        drafts,
    } = preview.shown();
    let path = req.uri().path().to_string();
    if let Some(draft) = drafts.get(&routes::file_of(&path)) {
        let page = splice(&draft.html, &draft.panel, generation);
        return preview_page(StatusCode::OK, page);
    }
    let res = next.run(req).await;
    if path == routes::STYLESHEET && res.status() == StatusCode::NOT_FOUND {
        // Drafts before any good build: the stylesheet is this program's own.
        let css = [(header::CONTENT_TYPE, "text/css; charset=utf-8")];
        return (css, crate::STYLE_CSS).into_response();
    }
    let is_html = crate::server::is_html(&res);
    if !is_html && res.status() != StatusCode::NOT_FOUND {
        return res;
    }
    let mut res = crate::server::rewrite_html(res, |page| {
        let page = if is_html {
            page
        } else {
            // No page at all (nothing built yet, or a missing 404.html): still show the panel,
            // and the drafts there are.
            not_found(&drafts).into_string()
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

/// A page the preview makes itself, never cached.
fn preview_page(status: StatusCode, page: String) -> Response {
    let headers = [
        (header::CONTENT_TYPE, "text/html; charset=utf-8"),
        (header::CACHE_CONTROL, "no-store"),
    ];
    (status, headers, page).into_response()
}

/// The page for an address with nothing there: what to do, and links to the drafts.
fn not_found(drafts: &Drafts) -> Markup {
    let mut pages: Vec<&String> = drafts.keys().collect();
    pages.sort();
    html! {
        (maud::DOCTYPE)
        html lang="zh-CN" {
            head { meta charset="utf-8"; title { "预览" } link rel="stylesheet" href=(routes::STYLESHEET); }
            body { main {
                h1 { "这里没有页面" }
                @if pages.is_empty() {
                    p { "网站可能还没有成功构建过，请先修正上面列出的错误。" }
                } @else {
                    p { "有错误的文件显示为草稿：" }
                    ul { @for p in pages {
                        @let address = format!("/{}", p.trim_end_matches("index.html"));
                        li { a href=(address) { (address) } }
                    } }
                }
            } }
        }
    }
}

/// Drafts of the files with errors (see the module doc).
fn make_drafts(paths: &Paths, outcome: &Outcome) -> Drafts {
    let broken: HashSet<&Path> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.path.as_path())
        .collect();
    let checked = build::check(&paths.content);
    let Some(lib) = &checked.library else {
        return Drafts::new();
    };
    let mut pages: Vec<(PathBuf, String, String)> = Vec::new();
    // A page template meeting content no check has passed must not take the preview down.
    let rendered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let links = Links::build(lib);
        let history = History::default();
        let ctx = Ctx {
            lib,
            links: &links,
            calendar: &checked.calendar,
            history: &history,
            counted: &[],
            as_of: crate::legal_time::publication::effective_as_of(
                &lib.site,
                crate::legal_time::today(),
            ),
            list_changes: Default::default(),
        };
        let mut out = Vec::new();
        macro_rules! each {
            ($($variant:ident $field:ident $ty:ty),+ $(,)?) => {$(
                for item in lib.$field.iter().filter(|i| broken.contains(i.source.path.as_path())) {
                    if let Some(p) = <$ty as Pages>::detail(&ctx, item) {
                        out.push((item.source.path.clone(), p.path, p.html));
                    }
                }
            )+};
        }
        with_kinds!(each);
        out
    }));
    pages.extend(rendered.unwrap_or_default());
    for u in lib
        .unparsed
        .iter()
        .filter(|u| broken.contains(u.source.path.as_path()))
    {
        let (address, html) = unparsed_draft(u);
        pages.push((u.source.path.clone(), routes::file_of(&address), html));
    }
    pages
        .into_iter()
        .map(|(file, page, html)| {
            let panel = panel(outcome, Some(&file)).into_string();
            (page, Draft { html, panel })
        })
        .collect()
}

/// The address of an item of `kind`.
fn address_of(kind: Kind, id: &str) -> String {
    match kind {
        Kind::Agency => routes::agency(id),
        Kind::Risk => routes::risk(id),
        Kind::Power => routes::power(id),
        Kind::Exemption => routes::exemption(id),
        Kind::Benchmark => routes::benchmark(id),
        Kind::Decision => routes::decision(id),
        Kind::Case => routes::case(id),
        Kind::Page => routes::page(id),
        Kind::Guide => routes::guide(id),
        Kind::Inspection | Kind::InspectionReport => routes::inspection(id),
        Kind::Register => routes::register(id),
    }
}

/// The draft of a file that did not parse: its address (from the id it declares, or its file
/// name) and a page with the fields that could be read and its body.
fn unparsed_draft(u: &Unparsed) -> (String, String) {
    let id = u.id.clone().unwrap_or_else(|| {
        u.source
            .path
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
    });
    let fields: Vec<(String, String)> = u
        .fields
        .iter()
        .flatten()
        .map(|(k, v)| {
            let shown = match v {
                toml::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            (k.clone(), shown)
        })
        .collect();
    let title = ["title", "number", "name"]
        .iter()
        .find_map(|k| fields.iter().find(|(f, _)| f == k).map(|(_, v)| v.clone()))
        .unwrap_or_else(|| id.clone());
    let body = if u.source.body_offset > 0 {
        markdown::render(&u.source.text[u.source.body_offset..])
            .0
            .html
    } else {
        String::new()
    };
    let page = html! {
        (maud::DOCTYPE)
        html lang="zh-CN" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · 草稿" }
                link rel="stylesheet" href=(routes::STYLESHEET);
            }
            body { main {
                p { strong { "草稿：" } (u.kind.label()) "文件还有错误，下面是能读懂的部分；改好之前网站上不会显示这个页面。" }
                h1 { (title) }
                @if !fields.is_empty() {
                    table { tbody { @for (k, v) in &fields {
                        tr { th scope="row" { code { (k) } } td { (v) } }
                    } } }
                }
                (maud::PreEscaped(body))
            } }
        }
    };
    (address_of(u.kind, &id), page.into_string())
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
/// On a draft, `page` is its file, whose problems are listed first.
pub fn panel(outcome: &Outcome, page: Option<&Path>) -> Markup {
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
            @if let Some(file) = page {
                p.summary { "本页（" code { (file.display()) } "）的问题：" }
                (list(outcome.diagnostics.iter().filter(|d| d.path == file)))
                @if outcome.diagnostics.iter().any(|d| d.path != file) {
                    p.summary { "其他文件的问题：" }
                    (list(outcome.diagnostics.iter().filter(|d| d.path != file)))
                }
            } @else if !outcome.diagnostics.is_empty() {
                (list(outcome.diagnostics.iter()))
            }
            p.note { "保存文件后自动重新构建，本页会自动刷新。此提示只在预览中出现。" }
        }
    }
}

/// Diagnostics as a list, errors first: they are what stops publishing.
fn list<'d>(diags: impl Iterator<Item = &'d Diagnostic> + Clone) -> Markup {
    html! {
        ol {
            @for d in diags.clone().filter(|d| d.is_error()).chain(diags.filter(|d| !d.is_error())) {
                li {
                    code { (d.path.display()) ":" (d.line) ":" (d.column) }
                    " " strong { (d.severity.label()) "[" a href=(code_link(d)) { (d.code.as_str()) } "]" } " " (d.message)
                    @if let Some(h) = &d.hint { br; span { "提示：" (h) } }
                }
            }
        }
    }
}

/// Where the preview shows a diagnostic's code on the card.
fn code_link(d: &Diagnostic) -> String {
    format!(
        "{}#{}",
        routes::PREVIEW_CODES,
        d.code.as_str().to_ascii_lowercase()
    )
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
        let out = splice(page, &panel(&outcome, None).into_string(), 7);
        let panel_at = out.find("gongshi-preview").unwrap();
        assert!(out.find("<body class=\"x\">").unwrap() < panel_at);
        assert!(panel_at < out.find("<main>").unwrap());
        assert!(out.contains("data-generation=\"7\"></script></body>"));
        assert!(out.contains("没有发现问题"));
    }
}
