//! `gongshi export-search`: the documents a build would index, for OpenSearch or Quickwit.

use std::process::ExitCode;

use clap::{Args, ValueEnum};
use gongshi::content::links::Links;
use gongshi::publish;
use gongshi::search::{documents, export};

use super::{AsOfArg, ContentArg, print_diagnostics};

#[derive(Args)]
pub struct ExportArgs {
    #[command(flatten)]
    content: ContentArg,
    /// ndjson: one document per line; opensearch: a `_bulk` request body.
    #[arg(
        long,
        value_enum,
        default_value = "ndjson",
        value_name = "格式",
        help = "输出格式：ndjson（每行一个文档，默认）或 opensearch（_bulk 请求体）"
    )]
    format: ExportFormat,
    #[command(flatten)]
    as_of: AsOfArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    /// One document per line (Quickwit `ingest`, or any NDJSON loader).
    Ndjson,
    /// An OpenSearch/Elasticsearch `_bulk` body.
    Opensearch,
}

pub fn run(args: &ExportArgs) -> ExitCode {
    let lib = match publish::publishable(&args.content.content, args.as_of.day()) {
        Ok(lib) => lib,
        Err(e) => {
            if let publish::BuildError::Invalid { diagnostics, .. } = &e {
                print_diagnostics(diagnostics);
            }
            eprintln!("导出失败：{e}");
            return ExitCode::FAILURE;
        }
    };
    let docs = documents::documents(&Links::build(&lib));
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let format = match args.format {
        ExportFormat::Ndjson => export::Format::Ndjson,
        ExportFormat::Opensearch => export::Format::Opensearch,
    };
    match export::write(&docs, &lib.synonyms.synonym, format, &mut out) {
        Ok(n) => {
            eprintln!(
                "已导出 {n} 条搜索文档（分析器 {}）",
                gongshi::search::analysis::ANALYZER_VERSION
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("导出失败：{e}");
            ExitCode::FAILURE
        }
    }
}
