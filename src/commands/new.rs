//! `gongshi new <kind>`: a new content file from the kind's template.

use std::process::ExitCode;

use clap::Args;
use gongshi::content::{Kind, scaffold};

use super::ContentArg;

#[derive(Args)]
pub struct NewArgs {
    /// agency | risk | power | exemption | benchmark | decision | case | page
    #[arg(
        value_name = "类别",
        help = "内容类别：agency（执法主体）、risk（风险点）、power（权责事项）、exemption（免罚事项）、benchmark（裁量基准）、decision（处罚决定）、case（典型案例）、page（说明页面）"
    )]
    kind: String,
    /// The new item's id; a fresh one is chosen when omitted.
    #[arg(
        long,
        value_name = "编号",
        help = "新内容的编号，例如 SC-2026-0013；不写时自动取一个未用的临时编号"
    )]
    id: Option<String>,
    /// Start from an existing item of the kind (decisions): a copy with the fields every item
    /// has its own of emptied.
    #[arg(
        long,
        value_name = "编号",
        help = "以一份已有的处罚决定为起点：复制它，清空文号、当事人、地点、日期、金额和正文，其余字段标“核对”"
    )]
    from: Option<String>,
    #[command(flatten)]
    content: ContentArg,
}

pub fn run(args: &NewArgs) -> ExitCode {
    let (kind, id, content) = (
        args.kind.as_str(),
        args.id.as_deref(),
        &args.content.content,
    );
    let Some(kind) = Kind::from_cli_name(kind) else {
        let names: Vec<_> = Kind::ALL.iter().map(|k| k.cli_name()).collect();
        eprintln!("未知的内容类别 `{kind}`，可选：{}", names.join("、"));
        return ExitCode::FAILURE;
    };
    let today = super::today();
    let created = match &args.from {
        Some(from) => scaffold::create_from(content, kind, from, id, today),
        None => scaffold::create(content, kind, id, today),
    };
    match created {
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
