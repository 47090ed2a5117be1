//! `gongshi init DIR`: a content repository for a real agency, every agency-specific value a
//! placeholder that `check` points at.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use gongshi::content::repository::{self, Agency};

#[derive(Args)]
pub struct InitArgs {
    /// Directory of the new content repository (created if missing; must not hold content/).
    #[arg(
        value_name = "目录",
        help = "新内容仓库的目录：不存在会新建，其中不能已有 content/"
    )]
    dir: PathBuf,
    /// The agency's full name (执法局全称).
    #[arg(
        long,
        value_name = "全称",
        help = "执法局全称，如“某某市城市管理综合行政执法局”"
    )]
    agency: Option<String>,
    /// The city or district (所属行政区域).
    #[arg(long, value_name = "行政区域", help = "所属行政区域，如“某某市”")]
    city: Option<String>,
    /// The agency file's id, used in addresses.
    #[arg(
        long = "agency-id",
        value_name = "编号",
        help = "执法主体文件的编号，用在网址中：只用小写字母、数字和 -；默认是行政区域的拼音"
    )]
    agency_id: Option<String>,
    /// The site's short name (网站简称).
    #[arg(
        long = "short-name",
        value_name = "简称",
        help = "网站简称，如“某某市城管执法”"
    )]
    short_name: Option<String>,
    /// The site's public address.
    #[arg(
        long = "base-url",
        value_name = "网址",
        help = "网站正式地址，如 `https://cgzf.example.gov.cn`"
    )]
    base_url: Option<String>,
}

pub fn run(args: &InitArgs) -> ExitCode {
    let id = args.agency_id.clone().unwrap_or_else(|| {
        args.city
            .as_deref()
            .map(gongshi::routes::slug)
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "agency".into())
    });
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        eprintln!("执法主体编号 `{id}` 只能用英文字母、数字、- 和 _（--agency-id）");
        return ExitCode::FAILURE;
    }
    let agency = Agency {
        name: args.agency.clone(),
        city: args.city.clone(),
        id,
        short_name: args.short_name.clone(),
        base_url: args.base_url.clone(),
    };
    match repository::init(&args.dir, &agency, super::today()) {
        Ok(files) => {
            for f in &files {
                println!("{}", args.dir.join(f).display());
            }
            eprintln!(
                "已在 {} 中新建内容仓库（{} 个文件）。下一步：进入该目录运行 gongshi check，按提示把每个“待填写”换成本局的实际内容；全部填好后运行 gongshi serve 预览。",
                args.dir.display(),
                files.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("新建内容仓库失败：{e}");
            ExitCode::FAILURE
        }
    }
}
