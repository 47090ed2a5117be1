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
    #[arg(
        value_name = "类别",
        help = "导入哪一类：power 权责事项、risk 风险点、exemption 免罚事项、benchmark 裁量基准、decision 处罚决定"
    )]
    kind: String,
    /// The table: .xlsx, .xls, .ods or .csv (UTF-8 or GBK).
    #[arg(
        value_name = "表格",
        help = "表格文件：.xlsx、.xls、.ods 或 .csv（UTF-8 或 GBK 编码）"
    )]
    file: PathBuf,
    /// A TOML file naming columns the import does not know, defaults and value maps.
    #[arg(
        long,
        value_name = "映射文件",
        help = "列名或取值认不出时用的映射文件（TOML），写法见《发布指南》第十四部分"
    )]
    mapping: Option<PathBuf>,
    /// Replace files that already exist.
    #[arg(long, help = "覆盖已有的同名文件（默认不覆盖）")]
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
