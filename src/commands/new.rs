//! `gongshi new <kind>`: a new content file from the kind's template.

use std::process::ExitCode;

use clap::Args;
use gongshi::content::{Kind, scaffold};

use super::ContentArg;

#[derive(Args)]
pub struct NewArgs {
    /// agency | risk | power | exemption | benchmark | decision | case | page
    kind: String,
    /// The new item's id; a fresh one is chosen when omitted.
    #[arg(long)]
    id: Option<String>,
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
