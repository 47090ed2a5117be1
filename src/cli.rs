//! The command line: one function per verb (`build`, `check`, `new`, `serve`), all of the same
//! shape: parse options, call the library, print diagnostics, return an exit code.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::build::{self, BuildError, Paths};
use crate::content::Kind;
use crate::diagnostics::{self, Diagnostic, Format};
use crate::{scaffold, server};

#[derive(Parser)]
#[command(
    name = "gongshi",
    version,
    about = "城市管理行政执法公示平台：把内容目录编译成公示网站并提供服务"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone)]
struct Locations {
    /// Content directory (内容目录).
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// Output directory for the built site.
    #[arg(long, default_value = "public")]
    output: PathBuf,
    /// Static assets copied to /static/.
    #[arg(long = "static", default_value = "static")]
    static_dir: PathBuf,
    /// Search index directory (搜索索引).
    #[arg(long, default_value = "index")]
    index: PathBuf,
    /// Measure publication periods against this day (YYYY-MM-DD) instead of today.
    #[arg(long = "as-of")]
    as_of: Option<chrono::NaiveDate>,
    /// Print how long each build step took (for benchmarks).
    #[arg(long)]
    timings: bool,
}

impl Locations {
    fn paths(&self) -> Paths {
        Paths {
            content: self.content.clone(),
            output: self.output.clone(),
            static_dir: Some(self.static_dir.clone()),
            index: Some(self.index.clone()),
            as_of: self
                .as_of
                .unwrap_or_else(|| chrono::Local::now().date_naive()),
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Check the content and build the site into the output directory (构建网站).
    Build(Locations),
    /// Run every check and print diagnostics; writes nothing (检查内容).
    Check {
        /// Content directory.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// How to print findings: text for people; github, gitlab or json for CI annotations.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Also list the decisions whose publication period will have ended by this day
        /// (YYYY-MM-DD): what a build on that day takes down.
        #[arg(long = "as-of")]
        as_of: Option<chrono::NaiveDate>,
    },
    /// Create a new content file with every field commented (新建内容文件).
    New {
        /// agency | risk | power | exemption | benchmark | decision | case | page
        kind: String,
        /// The new item's id; a fresh one is chosen when omitted.
        #[arg(long)]
        id: Option<String>,
        /// Content directory.
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
    /// Search the built index from the terminal, as the public would (搜索测试).
    Search {
        /// What to search for.
        query: String,
        /// Search index directory.
        #[arg(long, default_value = "index")]
        index: PathBuf,
        /// Filters as dimension=value, e.g. --filter kind=risk.
        #[arg(long = "filter")]
        filters: Vec<String>,
    },
    /// Grow a content tree to many decisions for benchmarks (生成合成测试内容).
    Synth {
        /// The seed content tree, copied whole and used as templates.
        #[arg(long, default_value = "content")]
        from: PathBuf,
        /// Where to write; must not exist or be empty.
        #[arg(long)]
        out: PathBuf,
        /// How many decisions to generate on top of the seed's.
        #[arg(long)]
        decisions: usize,
        /// Random seed: the same seed gives the same files.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The build day the dates are chosen for (YYYY-MM-DD); today when omitted.
        #[arg(long = "as-of")]
        as_of: Option<chrono::NaiveDate>,
    },
    /// Write the search documents a build would index, for OpenSearch or Quickwit, to
    /// standard output (导出搜索文档).
    ExportSearch {
        /// Content directory.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// ndjson: one document per line; opensearch: a `_bulk` request body.
        #[arg(long, value_enum, default_value = "ndjson")]
        format: crate::search::export::Format,
        /// Measure publication periods against this day (YYYY-MM-DD) instead of today.
        #[arg(long = "as-of")]
        as_of: Option<chrono::NaiveDate>,
    },
    /// Build the site, then serve it on 127.0.0.1 (构建并预览).
    Serve {
        #[command(flatten)]
        locations: Locations,
        /// Port to listen on.
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Address to listen on. Only 127.0.0.1 unless a proxy in front needs more (a
        /// container behind nginx or a Kubernetes Service: 0.0.0.0).
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Serve the existing output and index directories without building first
        /// (containers and search replicas, which carry an index built elsewhere).
        #[arg(long = "no-build", conflicts_with = "watch")]
        no_build: bool,
        /// Preview for staff: rebuild on save, show diagnostics in every page, reload the
        /// open page (预览模式).
        #[arg(long)]
        watch: bool,
        /// Requests per second each client may make on average (bursts of three times as
        /// many); 0 turns the limit off (load tests).
        #[arg(long = "rate-limit", default_value_t = crate::server::RateLimit::DEFAULT_PER_SECOND)]
        rate_limit: u32,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(loc) => run_build(&loc),
        Command::Check {
            content,
            format,
            as_of,
        } => run_check(&content, format, as_of),
        Command::New { kind, id, content } => run_new(&kind, id.as_deref(), &content),
        Command::Serve {
            locations,
            port,
            bind,
            watch: false,
            no_build,
            rate_limit,
        } => run_serve(&locations, (bind, port), !no_build, rate_limit),
        Command::Serve {
            locations,
            port,
            bind,
            watch: true,
            ..
        } => run_preview(&locations, (bind, port)),
        Command::Search {
            query,
            index,
            filters,
        } => run_search(&query, &index, &filters),
        Command::ExportSearch {
            content,
            format,
            as_of,
        } => run_export_search(
            &content,
            format,
            as_of.unwrap_or_else(|| chrono::Local::now().date_naive()),
        ),
        Command::Synth {
            from,
            out,
            decisions,
            seed,
            as_of,
        } => run_synth(crate::synth::Spec {
            seed_dir: from,
            out,
            decisions,
            seed,
            as_of: as_of.unwrap_or_else(|| chrono::Local::now().date_naive()),
        }),
    }
}

fn run_export_search(
    content: &std::path::Path,
    format: crate::search::export::Format,
    as_of: chrono::NaiveDate,
) -> ExitCode {
    use crate::search::{documents, export, index};
    let lib = match build::publishable(content, as_of) {
        Ok(lib) => lib,
        Err(e) => {
            if let build::BuildError::Invalid { diagnostics, .. } = &e {
                print_diagnostics(diagnostics);
            }
            eprintln!("导出失败：{e}");
            return ExitCode::FAILURE;
        }
    };
    let docs = documents::documents(&lib);
    let extra = index::extra_words(&lib.synonyms.synonym);
    let analyzer = crate::search::analysis::Analyzer::new(extra.iter().map(String::as_str));
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match export::write(&docs, &analyzer, format, &mut out) {
        Ok(n) => {
            eprintln!(
                "已导出 {n} 条搜索文档（分析器 {}）",
                crate::search::analysis::ANALYZER_VERSION
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("导出失败：{e}");
            ExitCode::FAILURE
        }
    }
}

fn run_synth(spec: crate::synth::Spec) -> ExitCode {
    let started = std::time::Instant::now();
    match crate::synth::generate(&spec) {
        Ok(s) => {
            eprintln!(
                "已生成：{} 份处罚决定、{} 个典型案例、{} 个执法主体，共 {:.1} MB，写入 {}（{:.1} 秒）",
                s.decisions,
                s.cases,
                s.agencies,
                s.bytes as f64 / 1e6,
                spec.out.display(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("生成失败：{e}");
            ExitCode::FAILURE
        }
    }
}

fn print_diagnostics(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{d}");
    }
}

fn run_check(
    content: &std::path::Path,
    format: Format,
    as_of: Option<chrono::NaiveDate>,
) -> ExitCode {
    let checked = build::check(content);
    let expiring = match (as_of, &checked.library) {
        (Some(day), Some(lib)) => crate::publication::expiring(lib, day),
        _ => Vec::new(),
    };
    let extra = as_of.map(|day| {
        let list: Vec<_> = expiring
            .iter()
            .map(|t| {
                serde_json::json!({
                    "id": t.id,
                    "number": t.number,
                    "class": t.class.label(),
                    "expires_on": t.expired_on.to_string(),
                })
            })
            .collect();
        (
            "expiring",
            serde_json::json!({ "as_of": day.to_string(), "decisions": list }),
        )
    });
    let rendered = diagnostics::render(&checked.diagnostics, format, extra);
    match format {
        // People read diagnostics on stderr; machine formats go to stdout for redirection.
        Format::Text => eprint!("{rendered}"),
        _ => print!("{rendered}"),
    }
    if let Some(day) = as_of {
        // Already past today: every build takes these down; list only what is still to come.
        let today = chrono::Local::now().date_naive();
        let (past, coming): (Vec<_>, Vec<_>) = expiring.iter().partition(|t| t.expired_on <= today);
        eprintln!(
            "到 {day} 为止，{} 份处罚决定的公示期限届满，届时构建会将其撤下（其中 {} 份在今天 {today} 之前已届满，每次构建都已撤下）{}",
            expiring.len(),
            past.len(),
            if coming.is_empty() {
                ""
            } else {
                "。即将届满的："
            }
        );
        for t in coming {
            eprintln!(
                "  {}（{}），{}公示期限于 {} 届满",
                t.number,
                t.id,
                t.class.label(),
                t.expired_on
            );
        }
    }
    eprintln!(
        "检查完成：共 {} 个错误，{} 个警告",
        checked.errors, checked.warnings
    );
    if checked.errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn run_build(loc: &Locations) -> ExitCode {
    match build::build(&loc.paths()) {
        Ok(report) => {
            print_diagnostics(&report.warnings);
            for t in &report.taken_down {
                eprintln!(
                    "已撤下：{}（{}），{}公示期限于 {} 届满",
                    t.number,
                    t.id,
                    t.class.label(),
                    t.expired_on
                );
            }
            eprintln!(
                "构建完成：{} 个页面，{:.1} MB，搜索索引 {} 条，撤下到期决定 {} 条，用时 {:.2} 秒，{} 个警告，输出到 {}",
                report.pages,
                report.bytes as f64 / 1_048_576.0,
                report.indexed,
                report.taken_down.len(),
                report.elapsed.as_secs_f64(),
                report.warnings.len(),
                loc.output.display()
            );
            if loc.timings {
                for (phase, took) in &report.phases {
                    eprintln!("  {phase}: {:.3} s", took.as_secs_f64());
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => report_build_error(e),
    }
}

fn report_build_error(e: BuildError) -> ExitCode {
    if let BuildError::Invalid { diagnostics, .. } = &e {
        print_diagnostics(diagnostics);
    }
    eprintln!("构建失败：{e}；原有网站保持不变");
    ExitCode::FAILURE
}

fn run_new(kind: &str, id: Option<&str>, content: &std::path::Path) -> ExitCode {
    let Some(kind) = Kind::from_cli_name(kind) else {
        let names: Vec<_> = Kind::ALL.iter().map(|k| k.cli_name()).collect();
        eprintln!("未知的内容类别 `{kind}`，可选：{}", names.join("、"));
        return ExitCode::FAILURE;
    };
    let today = chrono::Local::now().date_naive();
    match scaffold::create(content, kind, id, today) {
        Ok(path) => {
            println!("{}", path.display());
            eprintln!(
                "已新建{}文件：{}。把“待填写”替换为实际内容，再运行 gongshi check。",
                kind.label(),
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("新建文件失败：{e}");
            ExitCode::FAILURE
        }
    }
}

fn run_search(q: &str, index: &std::path::Path, filters: &[String]) -> ExitCode {
    use crate::search::engine::Engine;
    let engine = match Engine::open(index) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let params = crate::search::query::Params {
        q: q.to_string(),
        filters: filters
            .iter()
            .map(|f| {
                let (d, v) = f.split_once('=').unwrap_or((f, ""));
                (d.to_string(), v.to_string())
            })
            .collect(),
        page: 1,
    };
    let request = match engine.check(params) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let started = std::time::Instant::now();
    match engine.search(&request) {
        Ok(r) => {
            let elapsed = started.elapsed();
            for e in &r.expansions {
                println!("同时查找：{} → {}", e.lay, e.legal.join("、"));
            }
            println!(
                "共 {} 条结果（{:.1} 毫秒）",
                r.total,
                elapsed.as_secs_f64() * 1000.0
            );
            for (i, h) in r.hits.iter().enumerate() {
                println!(
                    "{:>2}. [{}] {}  {}  ({:.2})",
                    i + 1,
                    h.kind_label,
                    h.title,
                    h.url,
                    h.score
                );
            }
            if r.total == 0 && !r.suggestions.is_empty() {
                println!("可以试试：{}", r.suggestions.join("、"));
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("搜索出错：{e}");
            ExitCode::FAILURE
        }
    }
}

fn run_serve(
    loc: &Locations,
    (ip, port): (std::net::IpAddr, u16),
    build_first: bool,
    rate_limit: u32,
) -> ExitCode {
    if build_first {
        let code = run_build(loc);
        if code != ExitCode::SUCCESS {
            return code;
        }
    } else if !loc.output.join("index.html").is_file() {
        eprintln!(
            "无法启动服务：{} 中没有构建好的网站（--no-build 需要先运行 gongshi build）",
            loc.output.display()
        );
        return ExitCode::FAILURE;
    }
    let (search, runtime) = match live_index(&loc.index) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("无法启动服务：{e}");
            return ExitCode::FAILURE;
        }
    };
    let state = server::AppState {
        public_dir: loc.output.clone(),
        search,
    };
    let result = runtime.block_on(async move {
        let listener = server::bind_to(ip, port).await?;
        eprintln!(
            "网站已启动：http://{}/ （按 Ctrl-C 停止）",
            listener.local_addr()?
        );
        let search = state.search.clone();
        let limit = server::RateLimit::per_second(rate_limit);
        server::serve_router(listener, server::app(state), search, limit).await
    });
    served(result, port)
}

/// `serve --watch`: the staff preview. Starts even when the content has errors, so they
/// show in the page.
fn run_preview(loc: &Locations, (ip, port): (std::net::IpAddr, u16)) -> ExitCode {
    use crate::preview::{self, Preview};
    let paths = loc.paths();
    let preview = Preview::default();
    let first = preview.rebuild(&paths);
    print_diagnostics(&first.diagnostics);
    if let Some(f) = &first.failure {
        eprintln!("{f}");
    }
    let started = preview::ensure_index(&loc.index)
        .map_err(|e| e.to_string())
        .and_then(|()| live_index(&loc.index));
    let (search, runtime) = match started {
        Ok(s) => s,
        Err(e) => {
            eprintln!("无法启动预览：{e}");
            return ExitCode::FAILURE;
        }
    };
    let live = search.clone();
    let watcher = preview::watch(paths, preview.clone(), move |outcome| {
        let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
        eprintln!(
            "{} 已重新构建：{} 个错误，{} 个警告",
            outcome.finished_at,
            errors,
            outcome.diagnostics.len() - errors
        );
        if let Err(e) = live.reload_if_changed() {
            eprintln!("载入新索引失败，继续使用原索引：{e}");
        }
    });
    let _watcher = match watcher {
        Ok(w) => w,
        Err(e) => {
            eprintln!("无法监视内容目录 {}：{e}", loc.content.display());
            return ExitCode::FAILURE;
        }
    };
    let state = server::AppState {
        public_dir: loc.output.clone(),
        search: search.clone(),
    };
    let result = runtime.block_on(async move {
        let listener = server::bind_to(ip, port).await?;
        eprintln!(
            "预览已启动：http://{}/ 保存内容文件后自动重新构建（按 Ctrl-C 停止）",
            listener.local_addr()?
        );
        let app = preview::wrap(server::app(state), preview);
        server::serve_router(listener, app, search, None).await
    });
    served(result, port)
}

/// The index to serve, and the runtime to serve it on.
fn live_index(
    index: &std::path::Path,
) -> Result<(crate::search::engine::Live, tokio::runtime::Runtime), String> {
    let search = crate::search::engine::Live::open(index).map_err(|e| e.to_string())?;
    let runtime = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    Ok((search, runtime))
}

fn served(result: std::io::Result<()>, port: u16) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("服务出错：{e}（端口 {port} 可能已被占用，可用 --port 指定其他端口）");
            ExitCode::FAILURE
        }
    }
}
