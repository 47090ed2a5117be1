//! Reading the content tree: finding files, splitting and parsing front matter into the typed
//! model, rendering bodies once, and collecting every problem as a diagnostic.

pub mod frontmatter;
pub mod model;
pub mod site;

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, LineIndex, Severity};
use crate::markdown::{self, Markdown};
use model::*;
use site::{SiteSettings, Synonyms};

/// Files larger than this are refused: no real list entry is anywhere near it.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// The text of one content file and where its parts start, for positioning diagnostics.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path as staff see it, e.g. `content/risks/R-001-1.md`.
    pub path: PathBuf,
    pub text: String,
    pub front_offset: usize,
    pub front_end: usize,
    pub body_offset: usize,
}

impl Source {
    fn new(path: PathBuf, text: String) -> Self {
        Source {
            path,
            text,
            front_offset: 0,
            front_end: 0,
            body_offset: 0,
        }
    }

    /// A diagnostic at a byte offset of the whole file.
    pub fn diagnostic(
        &self,
        offset: usize,
        severity: Severity,
        code: Code,
        message: impl Into<String>,
        hint: Option<String>,
    ) -> Diagnostic {
        let (line, column) = LineIndex::new(&self.text).position(offset);
        Diagnostic {
            path: self.path.clone(),
            line,
            column,
            severity,
            code,
            message: message.into(),
            hint,
        }
    }

    /// The front matter text.
    pub fn front(&self) -> &str {
        &self.text[self.front_offset..self.front_end]
    }

    /// Byte offset (in the whole file) of a key's value, see [`frontmatter::locate`].
    pub fn at_key(&self, key: &str, nth: usize, needle: Option<&str>) -> usize {
        self.front_offset + frontmatter::locate(self.front(), key, nth, needle)
    }
}

/// One parsed content item: typed front matter, rendered body, and its source.
#[derive(Debug, Clone)]
pub struct Item<T> {
    pub meta: T,
    pub body: Markdown,
    pub source: Source,
}

/// Everything in a content tree, parsed. Cross-references are checked by `validate`
/// and resolved into links by [`crate::links::Links`].
#[derive(Debug)]
pub struct Library {
    pub site: SiteSettings,
    pub synonyms: Synonyms,
    pub agencies: Vec<Item<Agency>>,
    pub risks: Vec<Item<RiskPoint>>,
    pub powers: Vec<Item<PowerItem>>,
    pub exemptions: Vec<Item<Exemption>>,
    pub benchmarks: Vec<Item<Benchmark>>,
    pub decisions: Vec<Item<Decision>>,
    pub cases: Vec<Item<Case>>,
    pub pages: Vec<Item<Page>>,
    /// Sources of settings files, for positioning settings diagnostics.
    pub site_source: Source,
    /// Working days, from `calendar/YYYY.toml`.
    pub calendar: crate::calendar::Calendar,
    /// (kind, id) of files that failed to parse: references to them are not reported again.
    pub unparsed_ids: std::collections::HashSet<(Kind, String)>,
}

impl Library {
    /// Decisions that still stand (not withdrawn), newest first: what lists, feeds, data,
    /// statistics and the index show. Withdrawn ones keep only their notice page.
    pub fn standing_decisions(&self) -> impl Iterator<Item = &Item<Decision>> {
        self.decisions
            .iter()
            .filter(|d| !d.meta.status.is_withdrawn())
    }

    /// The source of every item, kind by kind.
    pub fn sources(&self) -> impl Iterator<Item = &Source> {
        self.agencies
            .iter()
            .map(|i| &i.source)
            .chain(self.risks.iter().map(|i| &i.source))
            .chain(self.powers.iter().map(|i| &i.source))
            .chain(self.exemptions.iter().map(|i| &i.source))
            .chain(self.benchmarks.iter().map(|i| &i.source))
            .chain(self.decisions.iter().map(|i| &i.source))
            .chain(self.cases.iter().map(|i| &i.source))
            .chain(self.pages.iter().map(|i| &i.source))
    }
}

/// The content kinds by directory, in the order documentation lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Agency,
    Risk,
    Power,
    Exemption,
    Benchmark,
    Decision,
    Case,
    Page,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Agency,
        Kind::Risk,
        Kind::Power,
        Kind::Exemption,
        Kind::Benchmark,
        Kind::Decision,
        Kind::Case,
        Kind::Page,
    ];

    /// Directory under the content root.
    pub fn dir(self) -> &'static str {
        match self {
            Kind::Agency => "agencies",
            Kind::Risk => "risks",
            Kind::Power => "powers",
            Kind::Exemption => "exemptions",
            Kind::Benchmark => "benchmarks",
            Kind::Decision => "decisions",
            Kind::Case => "cases",
            Kind::Page => "pages",
        }
    }

    /// Name used on the command line (`gongshi new risk`).
    pub fn cli_name(self) -> &'static str {
        match self {
            Kind::Agency => "agency",
            Kind::Risk => "risk",
            Kind::Power => "power",
            Kind::Exemption => "exemption",
            Kind::Benchmark => "benchmark",
            Kind::Decision => "decision",
            Kind::Case => "case",
            Kind::Page => "page",
        }
    }

    pub fn from_cli_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.cli_name() == name)
    }

    /// Chinese name of the kind, as used in messages and headings.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Agency => "执法主体",
            Kind::Risk => "风险点",
            Kind::Power => "权责事项",
            Kind::Exemption => "免罚/从轻减轻事项",
            Kind::Benchmark => "裁量基准",
            Kind::Decision => "处罚决定",
            Kind::Case => "典型案例",
            Kind::Page => "页面",
        }
    }

    fn from_dir(dir: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.dir() == dir)
    }
}

enum Parsed {
    Agency(Item<Agency>),
    Risk(Item<RiskPoint>),
    Power(Item<PowerItem>),
    Exemption(Item<Exemption>),
    Benchmark(Item<Benchmark>),
    Decision(Item<Decision>),
    Case(Item<Case>),
    Page(Item<Page>),
}

/// Loads a content tree. Returns the library when site settings could be read (even if
/// items had errors, so every problem is reported at once), plus all diagnostics.
pub fn load(root: &Path) -> (Option<Library>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let display_root = PathBuf::from(root.file_name().unwrap_or(root.as_os_str()));
    let (files, calendar_files, found) = discover(root, &display_root);
    diags.extend(found);

    let results: Vec<(Kind, Loaded)> = files
        .par_iter()
        .map(|(kind, path, shown)| (*kind, load_item(*kind, path, shown.clone())))
        .collect();

    let mut lib_parts = Parts::default();
    for (kind, (parsed, found)) in results {
        match parsed {
            Ok(p) => lib_parts.add(p),
            Err(Some(id)) => {
                lib_parts.unparsed_ids.insert((kind, id));
            }
            Err(None) => {}
        }
        diags.extend(found);
    }

    let site_path = root.join("site.toml");
    let site_shown = display_root.join("site.toml");
    let (site, site_source) =
        load_settings::<SiteSettings>(&site_path, site_shown, true, &mut diags);
    let syn_shown = display_root.join("synonyms.toml");
    let (synonyms, _) =
        load_settings::<Synonyms>(&root.join("synonyms.toml"), syn_shown, false, &mut diags);
    let calendar = load_calendar(&calendar_files, &mut diags);
    let library = site.map(|site| {
        lib_parts.into_library(site, synonyms.unwrap_or_default(), site_source, calendar)
    });
    (library, diags)
}

/// Directory of the working-day calendar, one `YYYY.toml` per year.
pub const CALENDAR_DIR: &str = "calendar";

/// Reads every year file of the calendar; a file with problems is reported and left out.
fn load_calendar(
    files: &[(PathBuf, PathBuf)],
    diags: &mut Diagnostics,
) -> crate::calendar::Calendar {
    use crate::calendar::YearFile;
    let mut years = Vec::new();
    for (path, shown) in files {
        let (parsed, source) = load_settings::<YearFile>(path, shown.clone(), true, diags);
        let Some(year) = parsed else { continue };
        let file_year = path
            .file_stem()
            .and_then(|s| s.to_str())
            .and_then(|s| s.parse::<i32>().ok());
        let Some(file_year) = file_year else {
            diags.push(source.diagnostic(
                0,
                Severity::Error,
                Code::Calendar,
                "日历文件名应为年份，如 2027.toml",
                Some("每年一个文件，文件名就是年份".into()),
            ));
            continue;
        };
        let problems = year.problems(file_year);
        for p in &problems {
            let offset = source.at_key(p.key, p.nth, p.needle.as_deref());
            diags.push(source.diagnostic(
                offset,
                Severity::Error,
                Code::Calendar,
                p.message.clone(),
                Some(p.hint.into()),
            ));
        }
        if problems.is_empty() {
            years.push(year);
        }
    }
    crate::calendar::Calendar::new(&years)
}

#[derive(Default)]
struct Parts {
    agencies: Vec<Item<Agency>>,
    risks: Vec<Item<RiskPoint>>,
    powers: Vec<Item<PowerItem>>,
    exemptions: Vec<Item<Exemption>>,
    benchmarks: Vec<Item<Benchmark>>,
    decisions: Vec<Item<Decision>>,
    cases: Vec<Item<Case>>,
    pages: Vec<Item<Page>>,
    unparsed_ids: std::collections::HashSet<(Kind, String)>,
}

impl Parts {
    fn add(&mut self, p: Parsed) {
        match p {
            Parsed::Agency(i) => self.agencies.push(i),
            Parsed::Risk(i) => self.risks.push(i),
            Parsed::Power(i) => self.powers.push(i),
            Parsed::Exemption(i) => self.exemptions.push(i),
            Parsed::Benchmark(i) => self.benchmarks.push(i),
            Parsed::Decision(i) => self.decisions.push(i),
            Parsed::Case(i) => self.cases.push(i),
            Parsed::Page(i) => self.pages.push(i),
        }
    }

    fn into_library(
        mut self,
        site: SiteSettings,
        synonyms: Synonyms,
        site_source: Source,
        calendar: crate::calendar::Calendar,
    ) -> Library {
        self.agencies.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
        self.risks.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
        self.powers.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
        self.exemptions.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
        self.benchmarks.sort_by(|a, b| a.meta.id.cmp(&b.meta.id));
        // Newest first, as the public reads decision lists.
        self.decisions.sort_by(|a, b| {
            (b.meta.decided, &b.meta.number).cmp(&(a.meta.decided, &a.meta.number))
        });
        self.cases
            .sort_by(|a, b| (b.meta.date, &a.meta.id).cmp(&(a.meta.date, &b.meta.id)));
        self.pages
            .sort_by(|a, b| (a.meta.order, &a.meta.id).cmp(&(b.meta.order, &b.meta.id)));
        Library {
            site,
            synonyms,
            agencies: self.agencies,
            risks: self.risks,
            powers: self.powers,
            exemptions: self.exemptions,
            benchmarks: self.benchmarks,
            decisions: self.decisions,
            cases: self.cases,
            pages: self.pages,
            site_source,
            calendar,
            unparsed_ids: self.unparsed_ids,
        }
    }
}

/// Content files by kind (path, shown path), calendar year files, and diagnostics.
type Discovered = (
    Vec<(Kind, PathBuf, PathBuf)>,
    Vec<(PathBuf, PathBuf)>,
    Vec<Diagnostic>,
);

/// Lists content files by kind and the calendar files, and reports files and directories the
/// tree does not use.
fn discover(root: &Path, display_root: &Path) -> Discovered {
    let mut files = Vec::new();
    let mut calendar = Vec::new();
    let mut diags = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(err) => {
                let shown = err
                    .path()
                    .and_then(|p| p.strip_prefix(root).ok())
                    .map_or(display_root.to_path_buf(), |p| display_root.join(p));
                diags.push(file_diag(shown, Code::Io, "无法读取目录", err.to_string()));
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let shown = display_root.join(rel);
        let top = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .unwrap_or_default();
        if entry.path_is_symlink() {
            diags.push(file_diag(
                shown,
                Code::UnexpectedFile,
                "内容目录中不允许符号链接",
                "把文件本身放进内容目录，不要用链接指向别处".into(),
            ));
            continue;
        }
        if entry.file_type().is_dir() {
            if entry.depth() == 1 && Kind::from_dir(&top).is_none() && top != CALENDAR_DIR {
                diags.push(warn_diag(
                    shown,
                    "内容目录中有无法识别的文件夹，其中的文件不会发布",
                ));
            }
            continue;
        }
        let is_md = rel.extension().is_some_and(|e| e == "md");
        if top == CALENDAR_DIR && entry.depth() == 2 {
            if rel.extension().is_some_and(|e| e == "toml") {
                calendar.push((entry.path().to_path_buf(), shown));
            } else if !is_md {
                diags.push(warn_diag(shown, "日历文件夹中只放 YYYY.toml 文件"));
            }
            continue;
        }
        match Kind::from_dir(&top) {
            _ if entry.depth() == 1 => {
                let name = rel.to_string_lossy();
                if name != "site.toml" && name != "synonyms.toml" && name != "README.md" {
                    diags.push(warn_diag(shown, "内容目录顶层有无法识别的文件，不会发布"));
                }
            }
            Some(kind) if is_md && (entry.depth() == 2 || kind == Kind::Decision) => {
                files.push((kind, entry.path().to_path_buf(), shown));
            }
            Some(_) => diags.push(warn_diag(
                shown,
                "该位置的文件不会发布：内容文件应为 .md，放在对应类别的文件夹中",
            )),
            None => {}
        }
    }
    (files, calendar, diags)
}

fn file_diag(path: PathBuf, code: Code, message: &str, hint: String) -> Diagnostic {
    Diagnostic {
        path,
        line: 1,
        column: 1,
        severity: Severity::Error,
        code,
        message: message.into(),
        hint: Some(hint),
    }
}

fn warn_diag(path: PathBuf, message: &str) -> Diagnostic {
    Diagnostic {
        path,
        line: 1,
        column: 1,
        severity: Severity::Warning,
        code: Code::UnexpectedFile,
        message: message.into(),
        hint: Some("参见 docs/content-format.md 中的目录结构".into()),
    }
}

/// Reads a file as UTF-8 text within the size limit.
fn read_text(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let meta = fs::metadata(path)
        .map_err(|e| file_diag(shown.into(), Code::Io, "无法读取文件", e.to_string()))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(file_diag(
            shown.into(),
            Code::Io,
            &format!(
                "文件过大（{} 字节），上限为 {} 字节",
                meta.len(),
                MAX_FILE_BYTES
            ),
            "一个文件只写一个事项；图片等附件不要放进内容目录".into(),
        ));
    }
    let bytes = fs::read(path)
        .map_err(|e| file_diag(shown.into(), Code::Io, "无法读取文件", e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        Source::new(shown.into(), text).diagnostic(
            valid,
            Severity::Error,
            Code::Encoding,
            "文件不是 UTF-8 编码",
            Some("用编辑器“另存为 UTF-8”后再提交（不要用 GBK/GB2312）".into()),
        )
    })
}

/// A parsed item, or for a file that failed to parse the id it seems to declare.
type Loaded = (Result<Parsed, Option<String>>, Vec<Diagnostic>);

fn load_item(kind: Kind, path: &Path, shown: PathBuf) -> Loaded {
    let text = match read_text(path, &shown) {
        Ok(t) => t,
        Err(d) => return (Err(None), vec![d]),
    };
    let source = Source::new(shown, text);
    match kind {
        Kind::Agency => parse_item(source, Parsed::Agency),
        Kind::Risk => parse_item(source, Parsed::Risk),
        Kind::Power => parse_item(source, Parsed::Power),
        Kind::Exemption => parse_item(source, Parsed::Exemption),
        Kind::Benchmark => parse_item(source, Parsed::Benchmark),
        Kind::Decision => parse_item(source, Parsed::Decision),
        Kind::Case => parse_item(source, Parsed::Case),
        Kind::Page => parse_item(source, Parsed::Page),
    }
}

/// The id a broken file declares, read by parsing its `id = …` line alone (comments and
/// quoting handled by the TOML parser), so references to it are not reported twice.
fn declared_id(front: &str) -> Option<String> {
    let line = front.lines().find(|l| frontmatter::assigns(l, "id"))?;
    let table: toml::Table = toml::from_str(line).ok()?;
    table.get("id")?.as_str().map(str::to_string)
}

fn parse_item<T: DeserializeOwned>(mut source: Source, wrap: fn(Item<T>) -> Parsed) -> Loaded {
    let split = match frontmatter::split(&source.text) {
        Ok(s) => s,
        Err(issue) => {
            let d = source.diagnostic(
                issue.offset,
                Severity::Error,
                issue.code,
                issue.message,
                issue.hint,
            );
            return (Err(declared_id(&source.text)), vec![d]);
        }
    };
    let (front_offset, body_offset) = (split.front_offset, split.body_offset);
    let front_end = front_offset + split.front.len();
    let meta = frontmatter::parse::<T>(split.front);
    let (body, md_issues) = markdown::render(split.body);
    source.front_offset = front_offset;
    source.front_end = front_end;
    source.body_offset = body_offset;
    let mut diags: Vec<Diagnostic> = md_issues
        .into_iter()
        .map(|i| {
            source.diagnostic(
                body_offset + i.offset,
                Severity::Error,
                i.code,
                i.message,
                Some(i.hint),
            )
        })
        .collect();
    match meta {
        Ok(meta) => (Ok(wrap(Item { meta, body, source })), diags),
        Err(issue) => {
            let id = declared_id(source.front());
            diags.push(source.diagnostic(
                front_offset + issue.offset,
                Severity::Error,
                issue.code,
                issue.message,
                issue.hint,
            ));
            (Err(id), diags)
        }
    }
}

fn load_settings<T: DeserializeOwned>(
    path: &Path,
    shown: PathBuf,
    required: bool,
    diags: &mut Diagnostics,
) -> (Option<T>, Source) {
    if !path.exists() {
        if required {
            diags.push(file_diag(
                shown.clone(),
                Code::Settings,
                "缺少站点设置文件 site.toml",
                "参见 docs/content-format.md 中的 site.toml 说明".into(),
            ));
        }
        return (None, Source::new(shown, String::new()));
    }
    let text = match read_text(path, &shown) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return (None, Source::new(shown, String::new()));
        }
    };
    let mut source = Source::new(shown, text);
    source.front_end = source.text.len();
    match frontmatter::parse::<T>(&source.text) {
        Ok(v) => (Some(v), source),
        Err(issue) => {
            diags.push(source.diagnostic(
                issue.offset,
                Severity::Error,
                issue.code,
                issue.message,
                issue.hint,
            ));
            (None, source)
        }
    }
}
