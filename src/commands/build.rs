//! `gongshi build`: check, render and swap in the site and its index.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use gongshi::publish::{self, BuildError, Paths};

use super::{AsOfArg, ContentArg, print_diagnostics};

/// Where content comes from and where site and index go.
#[derive(Args, Clone)]
pub struct BuildArgs {
    #[command(flatten)]
    content: ContentArg,
    /// Output directory for the built site.
    #[arg(
        long,
        default_value = "public",
        value_name = "目录",
        help = "生成的网站放在这个目录，默认 public"
    )]
    pub output: PathBuf,
    /// Static assets copied to /static/.
    #[arg(
        long = "static",
        default_value = "static",
        value_name = "目录",
        help = "样式表等静态文件所在目录，默认 static"
    )]
    static_dir: PathBuf,
    /// Search index directory.
    #[arg(
        long,
        default_value = "index",
        value_name = "目录",
        help = "搜索索引目录，默认 index"
    )]
    pub index: PathBuf,
    #[command(flatten)]
    as_of: AsOfArg,
    /// Print how long each build step took (for benchmarks).
    #[arg(long, help = "显示每个步骤用了多长时间（性能测试用）")]
    timings: bool,
}

impl BuildArgs {
    pub fn content(&self) -> &std::path::Path {
        &self.content.content
    }

    pub fn paths(&self) -> Paths {
        Paths {
            content: self.content.content.clone(),
            output: self.output.clone(),
            static_dir: Some(self.static_dir.clone()),
            index: Some(self.index.clone()),
            as_of: self.as_of.day(),
        }
    }
}

pub fn run(args: &BuildArgs) -> ExitCode {
    match publish::build(&args.paths()) {
        Ok(report) => {
            print_diagnostics(&report.warnings);
            for t in &report.taken_down {
                eprintln!("已撤下：{}（{}），{}", t.number, t.id, t.why());
            }
            if report.unpublished > 0 {
                eprintln!(
                    "不予处罚决定 {} 件只计入统计、不逐件公开（site.toml 的 publish_no_penalty）",
                    report.unpublished
                );
            }
            eprintln!(
                "构建完成：{} 个页面，{:.1} MB，搜索索引 {} 条，撤下到期决定 {} 条，用时 {:.2} 秒，{} 个警告，输出到 {}",
                report.pages,
                report.bytes as f64 / 1_048_576.0,
                report.indexed,
                report.taken_down.len(),
                report.elapsed.as_secs_f64(),
                report.warnings.len(),
                args.output.display()
            );
            if args.timings {
                for (phase, took) in &report.phases {
                    eprintln!("  {phase}: {:.3} s", took.as_secs_f64());
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => report_error(e),
    }
}

pub fn report_error(e: BuildError) -> ExitCode {
    if let BuildError::Invalid { diagnostics, .. } = &e {
        print_diagnostics(diagnostics);
    }
    eprintln!("构建失败：{e}；原有网站保持不变");
    ExitCode::FAILURE
}
