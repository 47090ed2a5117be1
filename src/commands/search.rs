//! `gongshi search`: the built index searched from the terminal, with the same input checks
//! as `/search` and `/api/search`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use gongshi::search::engine::Engine;
use gongshi::search::query::Params;

#[derive(Args)]
pub struct SearchArgs {
    /// What to search for.
    #[arg(value_name = "搜索词", help = "要搜索的词，例如 门口摆摊")]
    query: String,
    /// Search index directory.
    #[arg(
        long,
        default_value = "index",
        value_name = "目录",
        help = "搜索索引目录，默认 index"
    )]
    index: PathBuf,
    /// Filters as dimension=value, e.g. --filter kind=risk.
    #[arg(
        long = "filter",
        value_name = "条件",
        help = "筛选条件，写作 维度=值，例如 --filter kind=risk；可以写多个"
    )]
    filters: Vec<String>,
}

pub fn run(args: &SearchArgs) -> ExitCode {
    let engine = match Engine::open(&args.index) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    // The same input limits as the HTTP front end: the query as the `q` parameter, each
    // filter as its dimension's parameter.
    let pairs = std::iter::once(("q".to_string(), args.query.clone())).chain(
        args.filters.iter().map(|f| {
            let (d, v) = f.split_once('=').unwrap_or((f, ""));
            (d.to_string(), v.to_string())
        }),
    );
    let request = match Params::from_pairs(pairs).and_then(|p| engine.check(p)) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let started = std::time::Instant::now();
    match engine.search(&request) {
        Ok(r) => {
            let elapsed = started.elapsed();
            for e in &r.expansions {
                println!("同时查找：{} → {}", e.lay, e.legal.join("、"));
            }
            println!(
                "共 {} 条结果（{:.1} 毫秒）",
                r.total,
                elapsed.as_secs_f64() * 1000.0
            );
            for (i, h) in r.hits.iter().enumerate() {
                println!(
                    "{:>2}. [{}] {}  {}  ({:.2})",
                    i + 1,
                    h.kind_label,
                    h.title,
                    h.url,
                    h.score
                );
            }
            if r.total == 0 && !r.suggestions.is_empty() {
                println!("可以试试：{}", r.suggestions.join("、"));
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("搜索出错：{e}");
            ExitCode::FAILURE
        }
    }
}
