//! `gongshi export KIND --format xlsx`: a list as the spreadsheet agencies submit upward.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use gongshi::content::Kind;
use gongshi::sheets;

use super::ContentArg;

#[derive(Args)]
pub struct ExportArgs {
    /// power | risk | exemption | benchmark | decision
    #[arg(
        value_name = "类别",
        help = "导出哪一类：power 权责事项、risk 风险点、exemption 免罚事项、benchmark 裁量基准、decision 处罚决定"
    )]
    kind: String,
    /// The file format.
    #[arg(long, value_enum, default_value_t = SheetFormat::Xlsx, value_name = "格式", help = "文件格式，目前只有 xlsx（Excel）")]
    format: SheetFormat,
    /// Where to write (default: the list's name, e.g. 权责清单.xlsx).
    #[arg(
        long,
        value_name = "文件",
        help = "写到哪个文件，默认是清单名称，如“权责清单.xlsx”"
    )]
    output: Option<PathBuf>,
    #[command(flatten)]
    content: ContentArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum SheetFormat {
    /// An Excel workbook.
    Xlsx,
}

pub fn run(args: &ExportArgs) -> ExitCode {
    let Some(kind) = Kind::from_cli_name(&args.kind).filter(|k| sheets::KINDS.contains(k)) else {
        let names: Vec<_> = sheets::KINDS.iter().map(|k| k.cli_name()).collect();
        eprintln!("不能导出“{}”，可选：{}", args.kind, names.join("、"));
        return ExitCode::FAILURE;
    };
    let SheetFormat::Xlsx = args.format;
    let (lib, diags) = gongshi::content::load(&args.content.content);
    let errors = diags.error_count();
    let Some(lib) = lib else {
        super::print_diagnostics(&diags.into_sorted());
        eprintln!("导出失败：内容目录读不出来");
        return ExitCode::FAILURE;
    };
    if errors > 0 {
        eprintln!(
            "注意：内容中有 {errors} 个错误，有错误的文件不在导出的表格中；运行 gongshi check 查看"
        );
    }
    let output = args.output.clone().unwrap_or_else(|| {
        PathBuf::from(format!(
            "{}.xlsx",
            kind.list().map_or(kind.label(), |p| p.title)
        ))
    });
    match sheets::export::export(&lib, kind, &output) {
        Ok(n) => {
            println!("{}", output.display());
            eprintln!("已导出 {n} 项{}到 {}", kind.label(), output.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("导出失败：{e}");
            ExitCode::FAILURE
        }
    }
}
