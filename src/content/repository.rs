//! `gongshi init`: a content repository for a real agency. `site.toml` without sample data, the
//! agency's own file, every agency-specific value a 待填写 placeholder that `check` refuses
//! (one error per field, hinted from [`SITE_TEMPLATE`] and the kind templates); the real
//! working-day calendar and the default synonym table copied from the sample; one empty folder
//! per kind with a README holding its commented template (READMEs are never loaded); the CI
//! files and review checklist of `deploy/content-ci`; a `.gitignore` for every build output;
//! a staff README in Chinese.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::kinds::Kind;
use super::scaffold::{self, Filled, PLACEHOLDER, Value};

/// `site.toml` as `gongshi init` writes it. `{name}`, `{short_name}`, `{region}`, `{base_url}`
/// and `{agency}` are filled from the command line or left as 待填写. The comment on each line
/// is the hint `check` gives while the field is unfilled.
pub const SITE_TEMPLATE: &str = r#"# 站点设置。字段说明见 gongshi 的 docs/content-format.md 第三部分。
# 引号里是占位词的字段，都要换成本局的实际内容，gongshi check 才会通过；每行注释说明写什么。

name = "{name}"                     # 网站全称，一般是执法局全称，如“某某市城市管理综合行政执法局”
short_name = "{short_name}"         # 网站简称，用于页面标题和导航，如“某某市城管执法”
region = "{region}"                 # 所属行政区域，如“某某市”“某某区”
base_url = "{base_url}"             # 网站正式地址，以 https:// 开头，如 https://cgzf.example.gov.cn
sample_data = false                 # 真实站点：不显示“示例数据”提示
default_agency = "{agency}"         # 默认执法主体：agencies/ 中本局文件的编号（文件名去掉 .md）

# 领域，按清单显示的顺序排列；按本局职责增删，改动须经法制科同意
domains = ["市容环境", "环境卫生", "园林绿化", "市政设施", "规划建设", "燃气管理", "户外广告", "建筑垃圾", "大气污染防治", "噪声污染防治"]

# 行政相对人类别，用于风险点和“经营前自查”；按本局实际增删
audiences = ["沿街商户", "餐饮", "零售", "美容美发", "流动摊贩", "建筑工地", "装修施工", "物业", "广告设置人", "运输企业", "燃气用户", "居民个人", "机关企事业单位"]

emails = ["待填写"]                  # 本局公开的电子邮箱，如 gongkai@cgzf.example.gov.cn；没有就写 []
addresses = ["待填写"]               # 本局公开的办公地址，如“某某市某某区政务大道1号”

# 政府网站页脚标识（政府网站发展指引），显示在每个页面底部；按备案和主管部门核发的编号填写，不得编造
host = "待填写"                      # 主办单位，一般是本局全称
site_code = "待填写"                 # 政府网站标识码，由政府网站主管部门核发
icp_record = "待填写"                # ICP备案编号，如“某ICP备00000000号”
psb_record = "待填写"                # 公安机关备案号，如“某公网安备00000000000000号”
error_report_url = "待填写"          # “我为政府网站找错”的网址，按本级政府网站主管单位的要求填写

[[hotlines]]                        # 公开的热线电话，显示在每个页面底部和《权利救济指南》中
name = "12345政务服务便民热线"
number = "12345"

[[hotlines]]
name = "执法监督投诉电话"
number = "待填写"                    # 本局的投诉监督电话，如 0000-12319001

[publication]
# 处罚决定自作出之日起多少个工作日内公开（国办发〔2018〕118号：7个工作日）
decision_deadline_days = 7
# 决定变更、撤销或者被确认违法、无效后，多少个工作日内撤回（行政处罚法第四十八条：3个工作日）
withdrawal_deadline_days = 3

# 公示期限（月）。各地规定不同，按本地规定填写。
[publication.period_months]
warning = 3       # 警告、通报批评
simple = 3        # 简易程序
ordinary = 12     # 一般处罚
serious = 36      # 较重处罚
"#;

/// The working-day calendar: the State Council's notices, one file a year, as the sample has
/// them (a test checks that every year of the sample is here).
pub const CALENDAR: &[(&str, &str)] = &[
    (
        "2023.toml",
        include_str!("../../content/calendar/2023.toml"),
    ),
    (
        "2024.toml",
        include_str!("../../content/calendar/2024.toml"),
    ),
    (
        "2025.toml",
        include_str!("../../content/calendar/2025.toml"),
    ),
    (
        "2026.toml",
        include_str!("../../content/calendar/2026.toml"),
    ),
    (
        "README.md",
        include_str!("../../content/calendar/README.md"),
    ),
];

const SYNONYMS: &str = include_str!("../../content/synonyms.toml");
/// The statute table of the national laws and regulations city management enforces, as
/// verified for the sample: local regulations are added by the legal office.
const STATUTES: &str = include_str!("../../content/statutes.toml");

/// The CI files and review checklist of `deploy/content-ci`, where a content repository keeps
/// them.
const CI_FILES: &[(&str, &str)] = &[
    (
        ".github/workflows/gongshi.yml",
        include_str!("../../deploy/content-ci/github/workflows/gongshi.yml"),
    ),
    (
        ".gitlab-ci.yml",
        include_str!("../../deploy/content-ci/gitlab-ci.yml"),
    ),
    (
        ".github/pull_request_template.md",
        include_str!("../../deploy/content-ci/pull_request_template.md"),
    ),
    (
        ".gitlab/merge_request_templates/Default.md",
        include_str!("../../deploy/content-ci/pull_request_template.md"),
    ),
];

/// Every build output a content repository's working copy can hold: the site and index of
/// `gongshi build`/`serve` and CI, their staging, previous and killed-build directories, and
/// what GitLab CI leaves.
pub const GITIGNORE: &str = "\
# gongshi 生成的网站和搜索索引：每次构建重新生成，不要提交
/public/
/index/
# 构建过程中的临时目录、上一次的网站（.public.previous）、中断的构建留下的目录
/.public.*
/.index.*
# GitLab CI：缓存的 gongshi 程序和检查报告
/.gongshi-bin/
/gl-code-quality-report.json
";

/// Who the repository is for. `None` fields are written as 待填写.
#[derive(Debug, Clone, Default)]
pub struct Agency {
    /// Full name: 某某市城市管理综合行政执法局.
    pub name: Option<String>,
    /// The city or district: 某某市.
    pub city: Option<String>,
    /// The agency file's id (its address segment), ASCII.
    pub id: String,
    pub short_name: Option<String>,
    pub base_url: Option<String>,
}

/// Writes a new content repository into `root` (created if missing). Writes nothing when
/// `root/content` or any file it would write exists. Returns every file written, relative to
/// `root`.
pub fn init(root: &Path, agency: &Agency, today: chrono::NaiveDate) -> io::Result<Vec<PathBuf>> {
    let content = root.join("content");
    if content.exists() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} 已经存在，没有改动任何文件", content.display()),
        ));
    }
    let mut files: Vec<(String, String)> = vec![
        ("README.md".into(), staff_readme(agency)),
        (".gitignore".into(), GITIGNORE.into()),
    ];
    files.extend(
        CI_FILES
            .iter()
            .map(|(rel, text)| (rel.to_string(), text.to_string())),
    );
    files.push(("content/site.toml".into(), site_toml(agency)));
    files.push(("content/synonyms.toml".into(), SYNONYMS.into()));
    files.push((format!("content/{}", super::STATUTES_FILE), STATUTES.into()));
    for (name, text) in CALENDAR {
        files.push((format!("content/calendar/{name}"), text.to_string()));
    }
    for &kind in Kind::ALL {
        files.push((
            format!("content/{}/README.md", kind.dir()),
            kind_readme(kind, today),
        ));
    }
    files.push((
        format!("content/agencies/{}.md", agency.id),
        agency_file(agency, today),
    ));
    // All or nothing: a repository half written over an existing one helps nobody.
    if let Some((rel, _)) = files.iter().find(|(rel, _)| root.join(rel).exists()) {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} 已经存在，没有改动任何文件", root.join(rel).display()),
        ));
    }
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = root.join(&rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)?;
        io::Write::write_all(&mut f, text.as_bytes())?;
        written.push(PathBuf::from(rel));
    }
    Ok(written)
}

fn or_placeholder(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or(PLACEHOLDER)
}

pub fn site_toml(a: &Agency) -> String {
    SITE_TEMPLATE
        .replace("{name}", or_placeholder(&a.name))
        .replace("{short_name}", or_placeholder(&a.short_name))
        .replace("{region}", or_placeholder(&a.city))
        .replace("{base_url}", or_placeholder(&a.base_url))
        .replace("{agency}", &a.id)
}

/// The agency's own file: the agency template with what the command line says filled in.
fn agency_file(a: &Agency, today: chrono::NaiveDate) -> String {
    let template = scaffold::render(Kind::Agency, &a.id, today);
    let mut f = Filled::default();
    if let Some(name) = &a.name {
        f.set("name", Value::Text(name.clone()));
    }
    if let Some(city) = &a.city {
        f.set("government", Value::Text(format!("{city}人民政府")));
    }
    scaffold::fill::fill(&template, &f)
}

/// A kind folder's README: what goes there, how to start a file, and the commented template.
fn kind_readme(kind: Kind, today: chrono::NaiveDate) -> String {
    let example = kind.id_example();
    let title = kind.list().map_or(kind.label(), |p| p.title);
    let place = if kind.nested() {
        format!(
            "按作出决定的年份分文件夹存放，例如 `{}/2026/{example}.md`",
            kind.dir()
        )
    } else {
        format!("文件名就是编号，例如 `{}/{example}.md`", kind.dir())
    };
    let template = scaffold::render(kind, example, today);
    format!(
        "# {title}（{dir}/）\n\n\
         这个文件夹存放{label}，一项一个文件，{place}。本说明文件不会发布。\n\n\
         - 新建一项：`gongshi new {key} --id {example}`，再把“待填写”换成实际内容；\n\
         - 已有 Excel 或 CSV 表格的权责清单、风险点、免罚清单、裁量基准和处罚决定，可以用 `gongshi import` 成批导入；\n\
         - 每个字段怎样填写，见 gongshi 的 docs/content-format.md；发布流程见 docs/publishing.md。\n\n\
         下面是 `gongshi new {key}` 生成的模板，每个字段后面的注释说明写什么（这里只是示例，不会发布）：\n\n\
         ```toml\n{template}```\n",
        dir = kind.dir(),
        label = kind.label(),
        key = kind.cli_name(),
    )
}

fn staff_readme(a: &Agency) -> String {
    let name = a.name.as_deref().unwrap_or("本局");
    format!(
        "# {name}公示网站内容仓库\n\n\
         本仓库保存{name}公示网站的全部内容：法律风险防控清单、权责清单、包容免罚清单、裁量基准、\
         行政处罚决定、典型案例、执法主体信息和说明页面。每一条都是 `content/` 中的一个文本文件，\
         由 gongshi 检查并生成网站。\n\n\
         ## 第一次使用：把“待填写”填好\n\n\
         1. 在本仓库的文件夹中运行 `gongshi check`。每条 `错误[TODO001]` 指出一个还没填写的字段：\
         “文件:行:列”是位置，“提示：应填：”后面是这里该写什么；\n\
         2. 需要填写的是 `content/site.toml`（网站名称、网址、公开的邮箱、地址和投诉电话）和 \
         `content/agencies/{id}.md`（本局的事前公开信息：地址、电话、职责、执法人员和执法证号等）；\n\
         3. 全部填好后，`gongshi check` 显示“检查完成：共 0 个错误”；运行 `gongshi serve`，\
         用浏览器打开 http://127.0.0.1:8080 预览。清单还没有内容时，每个清单页面都写明“尚未公布”。\n\n\
         ## 添加内容\n\n\
         - 一条一条添加：`gongshi new risk --id R-001-1`（种类见各文件夹中的 README.md）；\n\
         - 已有表格的，成批导入：`gongshi import power 权责清单.xlsx`（支持 .xlsx、.xls、.ods 和 .csv），\
         导入后运行 `gongshi check`；\n\
         - 导出表格供审核或上报：`gongshi export power --format xlsx`。\n\n\
         ## 发布流程\n\n\
         修改通过合并请求提交，自动检查通过、法制科审核同意后合并，网站自动更新。\
         完整的步骤见 gongshi 的《工作人员发布指南》（docs/publishing.md），\
         每类内容的字段见《内容格式说明》（docs/content-format.md）。\n\n\
         - `.github/workflows/gongshi.yml`、`.gitlab-ci.yml`：自动检查和发布的设置，\
         由技术人员按 gongshi 的 deploy/content-ci/README.md 填写其中的服务器信息；\n\
         - `.github/pull_request_template.md`、`.gitlab/merge_request_templates/Default.md`：法制科审核清单；\n\
         - `content/calendar/`：国务院办公厅公布的节假日安排，每年添加下一年的文件；\n\
         - `content/synonyms.toml`：搜索同义词表（群众说法 → 清单用语）。\n\n\
         提交说明是公开的（显示在条目的修改记录中），不要写个人信息。\n",
        id = a.id,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_calendar_year_of_the_sample_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/calendar");
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let embedded: Vec<&str> = CALENDAR.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, embedded, "add the new year's file to CALENDAR");
    }

    #[test]
    fn site_template_parses_and_leaves_placeholders() {
        let text = site_toml(&Agency {
            id: "cgj".into(),
            ..Agency::default()
        });
        let site: crate::content::site::SiteSettings = toml::from_str(&text).unwrap();
        assert_eq!(site.name, PLACEHOLDER);
        assert!(!site.sample_data);
        assert_eq!(site.default_agency.as_str(), "cgj");
    }
}
