//! `gongshi explain CODE`: a diagnostic code's entry from the quick-reference card, in the
//! terminal, where a clerk reads the code.

use std::process::ExitCode;

use clap::Args;
use gongshi::diagnostics::{self, Code};

#[derive(Args)]
pub struct ExplainArgs {
    /// A diagnostic code (PII002, fm006); every code when omitted.
    #[arg(
        value_name = "代码",
        help = "检查结果中的代码，例如 PII002（大小写均可）；不写时列出全部代码"
    )]
    code: Option<String>,
}

pub fn run(args: &ExplainArgs) -> ExitCode {
    let Some(wanted) = &args.code else {
        for &c in Code::ALL {
            let i = c.info();
            println!("{}\t{}\t{}", i.id, i.severity, i.title);
        }
        return ExitCode::SUCCESS;
    };
    match Code::ALL
        .iter()
        .find(|c| c.as_str().eq_ignore_ascii_case(wanted.trim()))
    {
        Some(&c) => {
            print!("{}", diagnostics::entry(c));
            println!("\n（速查卡全文：{}）", diagnostics::CARD_PATH);
            ExitCode::SUCCESS
        }
        None => {
            eprintln!("没有 `{wanted}` 这个检查代码。运行 gongshi explain 列出全部代码。");
            ExitCode::FAILURE
        }
    }
}
