//! `gongshi serve`: build, then serve the site and search on 127.0.0.1; `--watch` is the staff
//! preview; `--no-build` serves an existing build (containers, search replicas). Both record
//! searches that found nothing and page feedback in the usage log (`--usage-db`).

use std::process::ExitCode;

use clap::Args;
use gongshi::search::live::Live;
use gongshi::server::{
    self,
    preview::{self, Preview},
};
use gongshi::usage::{self, Usage};

use super::build::BuildArgs;
use super::print_diagnostics;

#[derive(Args)]
pub struct ServeArgs {
    #[command(flatten)]
    locations: BuildArgs,
    /// Port to listen on.
    #[arg(
        long,
        default_value_t = 8080,
        value_name = "端口",
        help = "监听的端口，默认 8080"
    )]
    port: u16,
    /// Address to listen on. Only 127.0.0.1 unless a proxy in front needs more (a
    /// container behind nginx or a Kubernetes Service: 0.0.0.0).
    #[arg(
        long,
        default_value = "127.0.0.1",
        value_name = "地址",
        help = "监听的地址，默认 127.0.0.1（只有本机能访问）；放在容器或代理后面时才改"
    )]
    bind: std::net::IpAddr,
    /// Serve the existing output and index directories without building first
    /// (containers and search replicas, which carry an index built elsewhere).
    #[arg(
        long = "no-build",
        conflicts_with = "watch",
        help = "不重新生成，直接提供已有的网站和索引（容器、搜索副本用）"
    )]
    no_build: bool,
    /// Preview for staff: rebuild on save, show diagnostics in every page, reload the
    /// open page.
    #[arg(
        long,
        help = "预览模式：保存文件后自动重新生成，每个页面顶部显示检查结果，浏览器自动刷新"
    )]
    watch: bool,
    /// Requests per second each client may make on average (bursts of three times as
    /// many); 0 turns the limit off (load tests).
    #[arg(
        long = "rate-limit",
        default_value_t = server::RateLimit::DEFAULT_PER_SECOND,
        value_name = "次数",
        help = "每个访问者每秒平均可以请求多少次（可短时达到三倍），0 表示不限制，默认 20"
    )]
    rate_limit: u32,
    #[command(flatten)]
    usage: UsageArgs,
}

/// Where searches that found nothing and page feedback are recorded (使用记录).
#[derive(Args)]
struct UsageArgs {
    /// SQLite file for searches that found nothing and page feedback (no IP address, no
    /// time finer than the day; docs/usage-log.md). Default: usage.sqlite beside the
    /// output directory (`public` → `usage.sqlite`). Its directory is created; each replica
    /// keeps its own file (`gongshi report --db a --db b` reads them together). A file that
    /// cannot be opened leaves the server running without recording.
    #[arg(
        long = "usage-db",
        value_name = "文件",
        help = "记录“搜索没有结果”和页面反馈的 SQLite 文件（不记 IP 地址，时间只到日；见 docs/usage-log.md）。默认是输出目录旁的 usage.sqlite；目录不存在会新建；每台服务器各用一个文件，gongshi report --db 甲 --db 乙 可以合在一起看；文件打不开时照常提供服务，只是不记录"
    )]
    db: Option<std::path::PathBuf>,
    /// Days the usage log keeps; older rows are deleted at start-up and once a day.
    #[arg(long = "usage-retention-days", value_name = "天数",
          default_value_t = usage::DEFAULT_RETENTION_DAYS,
          value_parser = clap::value_parser!(u32).range(1..=3650),
          help = "使用记录保留多少天，更早的在启动时和每天删除一次")]
    retention_days: u32,
    /// Record nothing.
    #[arg(long = "no-usage-log", conflicts_with = "db", help = "什么也不记录")]
    off: bool,
}

impl UsageArgs {
    /// The usage log, or none with a warning in Chinese: search never depends on it.
    fn open(&self, output: &std::path::Path) -> Usage {
        if self.off {
            return Usage::off();
        }
        let path = self
            .db
            .clone()
            .unwrap_or_else(|| usage::default_path(output));
        match Usage::open(&path, self.retention_days) {
            Ok(u) => {
                eprintln!(
                    "使用记录（无结果的搜索、页面反馈）写入 {}，保留 {} 天",
                    path.display(),
                    self.retention_days
                );
                u
            }
            Err(e) => {
                eprintln!(
                    "警告：无法打开使用记录文件 {}（{e}），本次运行不记录无结果的搜索和页面反馈，网站和搜索照常提供服务",
                    path.display()
                );
                Usage::off()
            }
        }
    }
}

pub fn run(args: &ServeArgs) -> ExitCode {
    // Before the build or the runtime start any thread (see the constant's measurements).
    server::limit_malloc_arenas();
    let at = (args.bind, args.port);
    if args.watch {
        run_preview(&args.locations, at, &args.usage)
    } else {
        run_serve(
            &args.locations,
            at,
            !args.no_build,
            args.rate_limit,
            &args.usage,
        )
    }
}

fn run_serve(
    loc: &BuildArgs,
    (ip, port): (std::net::IpAddr, u16),
    build_first: bool,
    rate_limit: u32,
    usage: &UsageArgs,
) -> ExitCode {
    if build_first {
        let code = super::build::run(loc);
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
    let usage = usage.open(&loc.output);
    let state = server::AppState::new(loc.output.clone(), search).with_usage(usage.clone());
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
    usage.flush(SHUTDOWN_FLUSH);
    served(result, port)
}

/// How long shutdown waits for the usage log to write what is queued.
const SHUTDOWN_FLUSH: std::time::Duration = std::time::Duration::from_secs(5);

fn run_preview(
    loc: &BuildArgs,
    (ip, port): (std::net::IpAddr, u16),
    usage: &UsageArgs,
) -> ExitCode {
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
        match live.reload_if_changed() {
            // Hand back what the previous index freed (one still held by a request in
            // flight is handed back after the next rebuild).
            Ok(true) => server::release_freed_memory(),
            Ok(false) => {}
            Err(e) => eprintln!("载入新索引失败，继续使用原索引：{e}"),
        }
    });
    let _watcher = match watcher {
        Ok(w) => w,
        Err(e) => {
            eprintln!("无法监视内容目录 {}：{e}", loc.content().display());
            return ExitCode::FAILURE;
        }
    };
    let usage = usage.open(&loc.output);
    let state = server::AppState::new(loc.output.clone(), search.clone()).with_usage(usage.clone());
    let result = runtime.block_on(async move {
        let listener = server::bind_to(ip, port).await?;
        eprintln!(
            "预览已启动：http://{}/ 保存内容文件后自动重新构建（按 Ctrl-C 停止）",
            listener.local_addr()?
        );
        let app = preview::wrap(server::app(state), preview);
        server::serve_router(listener, app, search, None).await
    });
    usage.flush(SHUTDOWN_FLUSH);
    served(result, port)
}

fn live_index(index: &std::path::Path) -> Result<(Live, tokio::runtime::Runtime), String> {
    let search = Live::open(index).map_err(|e| e.to_string())?;
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
