//! `gongshi report`: what the public searched for without results and what they said about
//! pages, read from one or more usage files (each replica keeps its own) and printed in
//! Chinese for the staff who maintain the synonyms, intent rows and pages.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use gongshi::usage::report::{self, Report};

#[derive(Args)]
pub struct ReportArgs {
    /// A usage file (`gongshi serve --usage-db`); repeat for several replicas, whose counts
    /// are added together. Default: usage.sqlite.
    #[arg(
        long = "db",
        value_name = "文件",
        help = "使用记录文件（gongshi serve --usage-db 写的）；有几台服务器就写几次 --db，数字相加；默认 usage.sqlite"
    )]
    db: Vec<PathBuf>,
    /// Days covered, ending with --until.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=3650), value_name = "天数", help = "统计最近多少天（到 --until 为止）")]
    days: u32,
    /// Queries and pages listed at most.
    #[arg(
        long,
        default_value_t = 20,
        value_name = "条数",
        help = "每一部分最多列出多少条"
    )]
    top: usize,
    /// Last day covered (YYYY-MM-DD); default today, China time.
    #[arg(
        long,
        value_name = "日期",
        help = "统计到哪一天（如 2026-12-06），默认今天（北京时间）"
    )]
    until: Option<chrono::NaiveDate>,
}

pub fn run(args: &ReportArgs) -> ExitCode {
    let files = if args.db.is_empty() {
        vec![PathBuf::from("usage.sqlite")]
    } else {
        args.db.clone()
    };
    let until = args.until.unwrap_or_else(gongshi::legal_time::today);
    match report::read(&files, until, args.days, args.top) {
        Ok(r) => {
            print!("{}", render(&r, args.days));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("无法生成报告：{e}");
            ExitCode::FAILURE
        }
    }
}

/// The report as staff read it. Columns are padded for a terminal, where a Chinese character
/// is two columns wide: a header of n Chinese characters gets n fewer padding characters.
fn render(r: &Report, days: u32) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "使用情况报告：{} 至 {}（{days} 天），读取 {} 个记录文件\n",
        r.from, r.to, r.files
    );
    let _ = writeln!(
        out,
        "一、搜索没有结果的查询（共 {} 种，按次数列出前 {} 种）",
        r.distinct_queries,
        r.queries.len()
    );
    if r.queries.is_empty() {
        let _ = writeln!(out, "  （没有记录）");
    } else {
        let _ = writeln!(
            out,
            "  {:>6}  {:>4}  {:<10}  查询",
            "次数", "天数", "最近一天"
        );
        for q in &r.queries {
            let _ = writeln!(
                out,
                "  {:>8}  {:>6}  {:<14}  {}",
                q.total, q.days, q.last, q.query
            );
        }
    }
    let _ = writeln!(
        out,
        "\n二、页面反馈（共 {} 次评价，“没帮助”多的页面在前，列出前 {} 个）",
        r.votes,
        r.pages.len()
    );
    if r.pages.is_empty() {
        let _ = writeln!(out, "  （没有记录）");
    } else {
        let _ = writeln!(out, "  {:>5}  {:>5}  页面", "有帮助", "没帮助");
        for p in &r.pages {
            let _ = writeln!(out, "  {:>8}  {:>8}  {}", p.yes, p.no, p.page);
            for c in &p.comments {
                let vote = if c.helpful { "有帮助" } else { "没帮助" };
                let times = if c.count > 1 {
                    format!("（{} 次）", c.count)
                } else {
                    String::new()
                };
                let _ = writeln!(out, "{:22}{} {vote}：{}{times}", "", c.day, c.text);
            }
        }
    }
    let _ = writeln!(out, "\n三、为保护个人信息或因访问过多而未保存的记录");
    if r.dropped.values().all(|n| *n == 0) {
        let _ = writeln!(out, "  （没有）");
    } else {
        for (d, n) in &r.dropped {
            let _ = writeln!(out, "  {}：{n} 条", d.label());
        }
    }
    let _ = writeln!(
        out,
        "\n下一步：把常搜却没有结果的说法加进 content/synonyms.toml（群众说法 → 清单用语）或补充意图条目，让群众下次能搜到；“没帮助”多的页面请考虑改写。"
    );
    out
}
