//! `gongshi import KIND FILE`: one content file per row of a spreadsheet the agency already
//! keeps, through the kind's `gongshi new` template.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use gongshi::content::Kind;
use gongshi::sheets::{self, ImportOptions, columns::Mapping};

use super::ContentArg;

#[derive(Args)]
pub struct ImportArgs {
    /// power | risk | exemption | benchmark | decision
    kind: String,
    /// The table: .xlsx, .xls, .ods or .csv (UTF-8 or GBK).
    file: PathBuf,
    /// A TOML file naming columns the import does not know, defaults and value maps.
    #[arg(long)]
    mapping: Option<PathBuf>,
    /// Replace files that already exist.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    content: ContentArg,
}

pub fn run(args: &ImportArgs) -> ExitCode {
    let Some(kind) = Kind::from_cli_name(&args.kind).filter(|k| sheets::KINDS.contains(k)) else {
        let names: Vec<_> = sheets::KINDS.iter().map(|k| k.cli_name()).collect();
        eprintln!("不能导入“{}”，可选：{}", args.kind, names.join("、"));
        return ExitCode::FAILURE;
    };
    let mapping = match &args.mapping {
        None => Mapping::default(),
        Some(path) => match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|t| toml::from_str::<Mapping>(&t).map_err(|e| e.to_string()))
        {
            Ok(m) => m,
            Err(e) => {
                eprintln!("映射文件 {} 有误：{e}", path.display());
                return ExitCode::FAILURE;
            }
        },
    };
    let opts = ImportOptions {
        kind,
        file: &args.file,
        content: &args.content.content,
        mapping,
        force: args.force,
        today: super::today(),
    };
    let report = match sheets::import(&opts) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("导入失败：{e}");
            return ExitCode::FAILURE;
        }
    };
    for d in &report.diagnostics {
        eprintln!("{d}");
    }
    for p in &report.written {
        println!("{}", args.content.content.join(p).display());
    }
    let warnings = report.diagnostics.len() - report.errors();
    eprintln!(
        "导入完成：读取 {} 行，写入 {} 个{}文件，{} 个已存在未覆盖，{} 行有错误未导入，跳过 {} 行说明、空行或分组行；{} 个错误，{} 个警告。下一步运行 gongshi check。",
        report.rows,
        report.written.len(),
        kind.label(),
        report.kept.len(),
        report.failed,
        report.skipped,
        report.errors(),
        warnings,
    );
    if report.errors() > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
