//! The command line (binary only: clap stays out of the library). One file per verb, each the
//! same shape: an argument struct and `run(args) -> ExitCode` that calls the library and prints
//! what staff read, in Chinese. Shared arguments are defined once here.

mod build;
mod check;
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

use clap::{Args, Parser, Subcommand};
use gongshi::diagnostics::Diagnostic;

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

#[derive(Subcommand)]
enum Command {
    /// Check the content and build the site into the output directory (构建网站).
    Build(build::BuildArgs),
    /// Run every check and print diagnostics; writes nothing (检查内容).
    Check(check::CheckArgs),
    /// Create a new content file with every field commented (新建内容文件).
    New(new::NewArgs),
    /// Create a content repository for an agency, with placeholders to fill (新建内容仓库).
    Init(init::InitArgs),
    /// Write one content file per row of a spreadsheet (.xlsx, .xls, .ods, .csv) (从表格导入).
    Import(import::ImportArgs),
    /// Write a list as an Excel workbook for review and reporting (导出表格).
    Export(export::ExportArgs),
    /// Search the built index from the terminal, as the public would (搜索测试).
    Search(search::SearchArgs),
    /// Grow a content tree to many decisions for benchmarks (生成合成测试内容).
    Synth(synth::SynthArgs),
    /// Write the search documents a build would index, for OpenSearch or Quickwit, to
    /// standard output (导出搜索文档).
    ExportSearch(export_search::ExportArgs),
    /// Build the site, then serve it on 127.0.0.1 (构建并预览).
    Serve(serve::ServeArgs),
    /// Print what the public searched for without results and what they said about pages,
    /// from one or more usage files (使用情况报告).
    Report(report::ReportArgs),
}

pub fn main() -> ExitCode {
    match Cli::parse().command {
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
    }
}

/// `--content`: the content directory.
#[derive(Args, Clone)]
struct ContentArg {
    /// Content directory (内容目录).
    #[arg(long, default_value = "content")]
    content: PathBuf,
}

/// `--as-of`: the day publication periods are measured against.
#[derive(Args, Clone)]
struct AsOfArg {
    /// Measure publication periods against this day (YYYY-MM-DD) instead of today.
    #[arg(long = "as-of")]
    as_of: Option<chrono::NaiveDate>,
}

impl AsOfArg {
    fn day(&self) -> chrono::NaiveDate {
        self.as_of.unwrap_or_else(today)
    }
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

fn print_diagnostics(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{d}");
    }
}
