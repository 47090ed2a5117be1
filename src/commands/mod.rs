//! The command line (binary only: clap stays out of the library). One file per verb, each the
//! same shape: an argument struct and `run(args) -> ExitCode` that calls the library and prints
//! what staff read, in Chinese. Shared arguments are defined once here.
//!
//! Everything a clerk reads is Chinese, `--help` and clap's own errors included: every argument
//! has a Chinese `help`, [`localize`] replaces clap's English headings, usage lines and help
//! and version flags, and [`explain`] words clap's errors in Chinese. The English doc comments
//! are for developers.

mod build;
mod check;
mod explain;
mod export;
mod export_search;
mod import;
mod init;
mod new;
mod report;
mod search;
mod serve;
mod synth;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use gongshi::diagnostics::Diagnostic;

#[derive(Parser)]
#[command(
    name = "gongshi",
    version,
    about = "城市管理行政执法公示平台：把内容目录编译成公示网站并提供服务",
    after_help = "每个命令的用法：gongshi 命令 --help，例如 gongshi check --help。内容格式和检查代码见 docs/content-format.md、docs/diagnostic-codes.md。"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check the content and build the site into the output directory.
    #[command(about = "检查内容，生成网站并替换上线（有错误时不发布，原网站不变）")]
    Build(build::BuildArgs),
    /// Run every check and print diagnostics; writes nothing.
    #[command(about = "检查全部内容，列出问题（文件:行:列、代码、说明和提示），不写任何文件")]
    Check(check::CheckArgs),
    /// Create a new content file with every field commented.
    #[command(about = "新建一个内容文件：每个字段都有中文说明，或者以已有的处罚决定为起点")]
    New(new::NewArgs),
    /// Create a content repository for an agency, with placeholders to fill.
    #[command(
        about = "为本局新建内容仓库：站点设置、执法主体和各类清单的文件夹，待填写的地方由 check 逐项指出"
    )]
    Init(init::InitArgs),
    /// Write one content file per row of a spreadsheet (.xlsx, .xls, .ods, .csv).
    #[command(about = "从表格（.xlsx、.xls、.ods、.csv）导入清单：每一行写成一个内容文件")]
    Import(import::ImportArgs),
    /// Write a list as an Excel workbook for review and reporting.
    #[command(about = "把清单导出为 Excel 表格，供审核和上报")]
    Export(export::ExportArgs),
    /// Search the built index from the terminal, as the public would.
    #[command(about = "在命令行中搜索已生成的索引，结果与网站搜索相同")]
    Search(search::SearchArgs),
    /// Grow a content tree to many decisions for benchmarks.
    #[command(about = "生成任意数量处罚决定的合成测试内容（用于性能测试）")]
    Synth(synth::SynthArgs),
    /// Write the search documents a build would index, for OpenSearch or Quickwit, to
    /// standard output.
    #[command(about = "导出构建时会编入索引的搜索文档（供 OpenSearch 或 Quickwit 使用）")]
    ExportSearch(export_search::ExportArgs),
    /// Explain a diagnostic code from the quick-reference card.
    #[command(about = "说明一个检查代码：是什么意思、怎样改、举例（同 docs/diagnostic-codes.md）")]
    Explain(explain::ExplainArgs),
    /// Build the site, then serve it on 127.0.0.1.
    #[command(about = "生成网站并在本机提供服务；加 --watch 为工作人员预览模式")]
    Serve(serve::ServeArgs),
    /// Print what the public searched for without results and what they said about pages,
    /// from one or more usage files.
    #[command(
        about = "使用情况报告：搜索没有结果的查询和“这个页面有帮助吗”的反馈，供补充同义词和问法"
    )]
    Report(report::ReportArgs),
}

/// The help page's layout, with Chinese headings.
const HELP_TEMPLATE: &str = "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

/// clap's command tree with everything English replaced: headings, usage lines (`[OPTIONS]`),
/// default values and choices (the Chinese help of each argument states them), and the help
/// and version flags.
fn localize(cmd: clap::Command, path: &str) -> clap::Command {
    let name = if path.is_empty() {
        cmd.get_name().to_string()
    } else {
        format!("{path} {}", cmd.get_name())
    };
    let positionals: Vec<String> = cmd
        .get_positionals()
        .map(|a| {
            let v = a
                .get_value_names()
                .and_then(|v| v.first())
                .map_or_else(|| a.get_id().to_string(), ToString::to_string);
            format!("<{v}>")
        })
        .collect();
    let has_subcommands = cmd.has_subcommands();
    let usage = if has_subcommands {
        format!("{name} <命令> [选项]")
    } else {
        format!("{name} [选项] {}", positionals.join(" "))
    };
    let mut cmd = cmd
        .disable_help_flag(true)
        .disable_version_flag(true)
        .disable_help_subcommand(true)
        .help_template(HELP_TEMPLATE)
        .override_usage(usage.trim_end().to_string())
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .mut_args(|a| {
            let heading = if a.is_positional() {
                "参数"
            } else {
                "选项"
            };
            let takes_value = a.get_action().takes_values();
            a.hide_default_value(takes_value)
                .hide_possible_values(takes_value)
                .help_heading(heading)
        })
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示本帮助")
                .help_heading("选项"),
        );
    if path.is_empty() {
        cmd = cmd.arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本号")
                .help_heading("选项"),
        );
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for sub in subs {
        cmd = cmd.mut_subcommand(&sub, |c| localize(c, &name));
    }
    cmd
}

/// The localized command line.
pub fn command() -> clap::Command {
    localize(Cli::command(), "")
}

/// One of clap's errors in Chinese: what was wrong and where to look.
fn explain(e: &clap::Error) -> String {
    let context = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join("、"),
        _ => String::new(),
    };
    let what = match e.kind() {
        ErrorKind::InvalidSubcommand => format!(
            "没有 `{}` 这个命令",
            context(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::UnknownArgument => {
            format!("没有 `{}` 这个选项", context(ContextKind::InvalidArg))
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => format!(
            "选项 {} 的值 `{}` 不对",
            context(ContextKind::InvalidArg),
            context(ContextKind::InvalidValue)
        ),
        ErrorKind::MissingRequiredArgument => {
            format!("缺少必需的参数：{}", context(ContextKind::InvalidArg))
        }
        ErrorKind::ArgumentConflict => format!(
            "选项 {} 和 {} 不能同时使用",
            context(ContextKind::InvalidArg),
            context(ContextKind::PriorArg)
        ),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "缺少命令".to_string()
        }
        ErrorKind::TooManyValues => {
            format!("选项 {} 的值太多", context(ContextKind::InvalidArg))
        }
        ErrorKind::NoEquals | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("选项 {} 缺少值", context(ContextKind::InvalidArg))
        }
        _ => "命令行写法不对".to_string(),
    };
    format!("命令行有误：{what}。运行 gongshi --help 查看用法。")
}

pub fn main() -> ExitCode {
    let matches = match command().try_get_matches() {
        Ok(m) => m,
        Err(e) => match e.kind() {
            ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                let _ = e.print();
                return ExitCode::from(2);
            }
            _ => {
                eprintln!("{}", explain(&e));
                return ExitCode::from(2);
            }
        },
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => {
            eprintln!("{}", explain(&e));
            return ExitCode::from(2);
        }
    };
    match cli.command {
        Command::Build(a) => build::run(&a),
        Command::Check(a) => check::run(&a),
        Command::New(a) => new::run(&a),
        Command::Init(a) => init::run(&a),
        Command::Import(a) => import::run(&a),
        Command::Export(a) => export::run(&a),
        Command::Search(a) => search::run(&a),
        Command::Synth(a) => synth::run(a),
        Command::ExportSearch(a) => export_search::run(&a),
        Command::Serve(a) => serve::run(&a),
        Command::Report(a) => report::run(&a),
        Command::Explain(a) => explain::run(&a),
    }
}

/// `--content`: the content directory.
#[derive(Args, Clone)]
struct ContentArg {
    /// Content directory.
    #[arg(
        long,
        default_value = "content",
        value_name = "目录",
        help = "内容目录，默认 content"
    )]
    content: PathBuf,
}

/// `--as-of`: the day publication periods are measured against.
#[derive(Args, Clone)]
struct AsOfArg {
    /// Measure publication periods against this day (YYYY-MM-DD) instead of today.
    #[arg(
        long = "as-of",
        value_name = "日期",
        help = "按这一天（写作 2026-11-20）计算公示期限，不写时为今天"
    )]
    as_of: Option<chrono::NaiveDate>,
}

impl AsOfArg {
    fn day(&self) -> chrono::NaiveDate {
        self.as_of.unwrap_or_else(today)
    }
}

/// Today in China Standard Time, the day every legal period is counted on (the machine may
/// run in another zone).
fn today() -> chrono::NaiveDate {
    gongshi::legal_time::today()
}

fn print_diagnostics(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{d}");
    }
}
