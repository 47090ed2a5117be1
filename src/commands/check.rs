//! `gongshi check`: every rule, printed for people or for CI; writes nothing.

use std::process::ExitCode;

use clap::{Args, ValueEnum};
use gongshi::content::history;
use gongshi::diagnostics::{self, Format};
use gongshi::legal_time::publication;
use gongshi::publish;

use super::{AsOfArg, ContentArg};

#[derive(Args)]
pub struct CheckArgs {
    #[command(flatten)]
    content: ContentArg,
    /// How to print findings: text for people; github, gitlab or json for CI annotations.
    #[arg(
        long,
        value_enum,
        default_value_t = CheckFormat::Text,
        value_name = "格式",
        help = "输出格式：text（给人看，默认）；github、gitlab（在合并请求的改动旁标出问题）；json"
    )]
    format: CheckFormat,
    /// Show warnings only for files changed since this git revision (errors everywhere).
    #[arg(
        long = "changed-since",
        value_name = "版本",
        help = "只显示自这个 git 版本（分支、标签或提交，例如 origin/main）以来改动过的文件中的警告；错误仍然全部显示"
    )]
    changed_since: Option<String>,
    /// Also list the decisions whose publication period will have ended by this day
    /// (YYYY-MM-DD): what a build on that day takes down.
    #[command(flatten)]
    as_of: AsOfArg,
}

/// [`Format`] on the command line.
#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    /// One line per finding: `path:line:column: 错误[CODE]: message（提示：hint）`.
    Text,
    /// GitHub Actions workflow commands: inline annotations.
    Github,
    /// A GitLab Code Quality report: inline findings in merge requests.
    Gitlab,
    /// `{"errors", "warnings", "diagnostics": […]}` for other tools.
    Json,
}

impl From<CheckFormat> for Format {
    fn from(f: CheckFormat) -> Format {
        match f {
            CheckFormat::Text => Format::Text,
            CheckFormat::Github => Format::Github,
            CheckFormat::Gitlab => Format::Gitlab,
            CheckFormat::Json => Format::Json,
        }
    }
}

pub fn run(args: &CheckArgs) -> ExitCode {
    let (format, as_of) = (args.format.into(), args.as_of.as_of);
    let mut checked = publish::check(&args.content.content);
    // In a pull request: the warnings of the files it changes, every error.
    let mut hidden = 0;
    if let Some(since) = &args.changed_since {
        match history::changed_since(&args.content.content, since) {
            Ok(changed) => {
                let before = checked.diagnostics.len();
                checked
                    .diagnostics
                    .retain(|d| d.is_error() || changed.contains(&d.path));
                hidden = before - checked.diagnostics.len();
                checked.warnings -= hidden;
            }
            Err(e) => eprintln!("无法确定自 {since} 以来改动的文件（{e}），显示全部警告"),
        }
    }
    let expiring = match (as_of, &checked.library) {
        (Some(day), Some(lib)) => publication::expiring(lib, day),
        _ => Vec::new(),
    };
    let extra = as_of.map(|day| {
        let list: Vec<_> = expiring
            .iter()
            .map(|t| {
                serde_json::json!({
                    "id": t.id,
                    "number": t.number,
                    "class": t.class.label(),
                    "expires_on": t.expired_on.to_string(),
                    "repaired": t.reason == publication::Reason::Repaired,
                })
            })
            .collect();
        (
            "expiring",
            serde_json::json!({ "as_of": day.to_string(), "decisions": list }),
        )
    });
    let rendered = diagnostics::render(&checked.diagnostics, format, extra);
    match format {
        // People read diagnostics on stderr; machine formats go to stdout for redirection.
        Format::Text => eprint!("{rendered}"),
        _ => print!("{rendered}"),
    }
    if let Some(day) = as_of {
        // Already past today: every build takes these down; list only what is still to come.
        let today = super::today();
        let (past, coming): (Vec<_>, Vec<_>) = expiring.iter().partition(|t| t.expired_on <= today);
        eprintln!(
            "到 {day} 为止，{} 份处罚决定的公示期限届满或者完成信用修复，届时构建会将其撤下（其中 {} 份在今天 {today} 之前已届满，每次构建都已撤下）{}",
            expiring.len(),
            past.len(),
            if coming.is_empty() {
                ""
            } else {
                "。即将届满的："
            }
        );
        for t in coming {
            eprintln!("  {}（{}），{}", t.number, t.id, t.why());
        }
    }
    eprintln!(
        "检查完成：共 {} 个错误，{} 个警告{}",
        checked.errors,
        checked.warnings,
        if hidden > 0 {
            format!("（另有 {hidden} 个警告在本次没有改动的文件中，未显示）")
        } else {
            String::new()
        }
    );
    if checked.errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
