//! `gongshi synth`: a deterministic synthetic site of any size, for benchmarks.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use gongshi::synth::Spec;

use super::AsOfArg;

#[derive(Args)]
pub struct SynthArgs {
    /// The seed content tree, copied whole and used as templates.
    #[arg(
        long,
        default_value = "content",
        value_name = "目录",
        help = "作为模板的内容目录，会整个复制，默认 content"
    )]
    from: PathBuf,
    /// Where to write; must not exist or be empty.
    #[arg(long, value_name = "目录", help = "写到这个目录（必须不存在或为空）")]
    out: PathBuf,
    /// How many decisions to generate on top of the seed's.
    #[arg(long, value_name = "数量", help = "在模板之外再生成多少份处罚决定")]
    decisions: usize,
    /// Random seed: the same seed gives the same files.
    #[arg(
        long,
        default_value_t = 1,
        value_name = "种子",
        help = "随机种子：种子相同，生成的文件相同，默认 1"
    )]
    seed: u64,
    /// The build day the dates are chosen for (YYYY-MM-DD); today when omitted.
    #[command(flatten)]
    as_of: AsOfArg,
}

pub fn run(args: SynthArgs) -> ExitCode {
    let spec = Spec {
        seed_dir: args.from,
        out: args.out,
        decisions: args.decisions,
        seed: args.seed,
        as_of: args.as_of.day(),
    };
    let started = std::time::Instant::now();
    match gongshi::synth::generate(&spec) {
        Ok(s) => {
            eprintln!(
                "已生成：{} 份处罚决定、{} 个典型案例、{} 个执法主体，共 {:.1} MB，写入 {}（{:.1} 秒）",
                s.decisions,
                s.cases,
                s.agencies,
                s.bytes as f64 / 1e6,
                spec.out.display(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("生成失败：{e}");
            ExitCode::FAILURE
        }
    }
}
