//! Reading the content tree: finding files, splitting and parsing front matter into the typed
//! model, rendering bodies once, and collecting every problem as a diagnostic.

pub mod answers;
pub mod frontmatter;
pub mod history;
pub mod kinds;
pub mod links;
pub mod markdown;
pub mod model;
pub mod repository;
pub mod scaffold;
pub mod site;
pub mod statutes;

use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use crate::diagnostics::{Code, Diagnostic, Diagnostics, LineIndex, Severity};
use kinds::{ContentKind, Loaded};
pub use kinds::{Items, Kind};
use markdown::Markdown;
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

/// Everything in a content tree, parsed: each kind's items (reached through `Deref`, so
/// `lib.risks`), the site settings, the synonym, intent and referral tables. Cross-references
/// are checked by `checks` and resolved by [`links::Links`]; the working-day calendar is
/// loaded by `legal_time`.
#[derive(Debug)]
pub struct Library {
    pub site: SiteSettings,
    pub synonyms: Synonyms,
    /// How people ask (`intents.toml`).
    pub intents: answers::Intents,
    pub intents_source: Source,
    /// What others handle (`referrals.toml`).
    pub referrals: answers::Referrals,
    pub referrals_source: Source,
    /// Source of the settings file, for positioning settings diagnostics.
    pub site_source: Source,
    /// (kind, id) of files that failed to parse: references to them are not reported again.
    pub unparsed_ids: std::collections::HashSet<(Kind, String)>,
    /// The statute table (`statutes.toml`), when the site has one.
    pub statutes: Option<statutes::Statutes>,
    /// Source of the statute table, for positioning its diagnostics.
    pub statutes_source: Source,
    /// Files that failed to parse, with what could be read of them.
    pub unparsed: Vec<Unparsed>,
    pub items: Items,
}

/// A content file that could not be parsed as its kind. It is kept so that the checks that
/// read text (personal data, placeholders) still see every line of it, and so that the preview
/// can show a draft of it; it is never published.
#[derive(Debug, Clone)]
pub struct Unparsed {
    pub kind: Kind,
    /// The id it seems to declare.
    pub id: Option<String>,
    pub source: Source,
    /// The front-matter fields that could be read, the entries with errors left out.
    pub fields: Option<toml::Table>,
}

impl Library {
    /// The source of every content file, parsed or not: what text-reading checks scan.
    pub fn all_sources(&self) -> impl Iterator<Item = &Source> {
        self.items
            .sources()
            .chain(self.unparsed.iter().map(|u| &u.source))
    }
}

impl std::ops::Deref for Library {
    type Target = Items;
    fn deref(&self) -> &Items {
        &self.items
    }
}

impl std::ops::DerefMut for Library {
    fn deref_mut(&mut self) -> &mut Items {
        &mut self.items
    }
}

/// Loads a content tree. Returns the library when site settings could be read (even if
/// items had errors, so every problem is reported at once), plus all diagnostics.
pub fn load(root: &Path) -> (Option<Library>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let display_root = display_root(root);
    let (files, found) = discover(root, &display_root);
    diags.extend(found);

    let results: Vec<(Kind, Loaded)> = files
        .par_iter()
        .map(|(kind, path, shown)| (*kind, load_item(*kind, path, shown.clone())))
        .collect();

    let mut items = Items::default();
    let mut unparsed_ids = std::collections::HashSet::new();
    let mut unparsed = Vec::new();
    for (kind, (parsed, found)) in results {
        match parsed {
            Ok(item) => items.add(item),
            Err(u) => {
                if let Some(id) = &u.id {
                    unparsed_ids.insert((kind, id.clone()));
                }
                unparsed.push(*u);
            }
        }
        diags.extend(found);
    }
    items.sort();
    unparsed.sort_by(|a, b| a.source.path.cmp(&b.source.path));

    let site_shown = display_root.join("site.toml");
    let (site, site_source) =
        load_settings::<SiteSettings>(&root.join("site.toml"), site_shown, true, &mut diags);
    let syn_shown = display_root.join("synonyms.toml");
    let (synonyms, _) =
        load_settings::<Synonyms>(&root.join("synonyms.toml"), syn_shown, false, &mut diags);
    let (intents, intents_source) = load_settings::<answers::Intents>(
        &root.join(answers::INTENTS_FILE),
        display_root.join(answers::INTENTS_FILE),
        false,
        &mut diags,
    );
    let (referrals, referrals_source) = load_settings::<answers::Referrals>(
        &root.join(answers::REFERRALS_FILE),
        display_root.join(answers::REFERRALS_FILE),
        false,
        &mut diags,
    );
    let statutes_shown = display_root.join(STATUTES_FILE);
    let (statutes, statutes_source) = load_settings::<statutes::Statutes>(
        &root.join(STATUTES_FILE),
        statutes_shown,
        false,
        &mut diags,
    );
    let library = site.map(|site| Library {
        site,
        synonyms: synonyms.unwrap_or_default(),
        intents: intents.unwrap_or_default(),
        intents_source,
        referrals: referrals.unwrap_or_default(),
        referrals_source,
        site_source,
        unparsed_ids,
        statutes,
        statutes_source,
        unparsed,
        items,
    });
    (library, diags)
}

/// The content root as staff see it in messages: its own name (`content/risks/…`).
pub fn display_root(root: &Path) -> PathBuf {
    PathBuf::from(root.file_name().unwrap_or(root.as_os_str()))
}

/// The statute table's file name under the content root.
pub const STATUTES_FILE: &str = "statutes.toml";

/// Directory of the working-day calendar (one `YYYY.toml` per year), read by `legal_time`.
pub const CALENDAR_DIR: &str = "calendar";

/// Notes for staff in the content root and in kind folders (at any depth); never published.
pub const README: &str = "README.md";

/// Content files by kind (path, shown path), and diagnostics.
type Discovered = (Vec<(Kind, PathBuf, PathBuf)>, Vec<Diagnostic>);

/// Lists content files by kind, and reports files and directories the tree does not use.
/// The calendar folder is `legal_time`'s to read.
fn discover(root: &Path, display_root: &Path) -> Discovered {
    let mut files = Vec::new();
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
                let hint = err
                    .io_error()
                    .map_or_else(|| "检查目录是否存在、能否打开".into(), io_hint);
                diags.push(file_diag(shown, Code::Io, "无法读取目录", hint));
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
            continue;
        }
        match Kind::from_dir(&top) {
            // A folder's README (what `gongshi init` writes: what goes here, with a commented
            // example) is for staff browsing the repository, never published.
            Some(_) if rel.file_name().is_some_and(|n| n == README) => {}
            _ if entry.depth() == 1 => {
                let name = rel.to_string_lossy();
                let known = [
                    "site.toml",
                    "synonyms.toml",
                    STATUTES_FILE,
                    answers::INTENTS_FILE,
                    answers::REFERRALS_FILE,
                    README,
                ];
                if !known.contains(&name.as_ref()) {
                    diags.push(warn_diag(shown, "内容目录顶层有无法识别的文件，不会发布"));
                }
            }
            Some(kind) if is_md && (entry.depth() == 2 || kind.nested()) => {
                files.push((kind, entry.path().to_path_buf(), shown));
            }
            Some(_) => diags.push(warn_diag(
                shown,
                "该位置的文件不会发布：内容文件应为 .md，放在对应类别的文件夹中",
            )),
            None => {}
        }
    }
    (files, diags)
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

/// What an operating-system error means for staff, in Chinese (the system's own words are
/// English); its number for the IT department.
fn io_hint(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let what = match e.kind() {
        ErrorKind::NotFound => "文件或目录不存在",
        ErrorKind::PermissionDenied => "没有读取权限，请信息化部门检查文件权限",
        ErrorKind::IsADirectory => "这是一个文件夹，不是文件",
        ErrorKind::InvalidData => "内容无法读取",
        _ => "系统无法读取",
    };
    match e.raw_os_error() {
        Some(n) => format!("{what}（系统错误代码 {n}）"),
        None => what.to_string(),
    }
}

/// Reads a file as UTF-8 text within the size limit.
fn read_text(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let meta = fs::metadata(path)
        .map_err(|e| file_diag(shown.into(), Code::Io, "无法读取文件", io_hint(&e)))?;
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
        .map_err(|e| file_diag(shown.into(), Code::Io, "无法读取文件", io_hint(&e)))?;
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

fn load_item(kind: Kind, path: &Path, shown: PathBuf) -> Loaded {
    match read_text(path, &shown) {
        Ok(text) => kind.parse(Source::new(shown, text)),
        // Unreadable: nothing to scan (the size limit, or not UTF-8 from the bad byte on).
        Err(d) => {
            let unparsed = Unparsed {
                kind,
                id: None,
                source: Source::new(shown, String::new()),
                fields: None,
            };
            (Err(Box::new(unparsed)), vec![d])
        }
    }
}

/// The id a broken file declares, read by parsing its `id = …` line alone (comments and
/// quoting handled by the TOML parser), so references to it are not reported twice.
fn declared_id(front: &str) -> Option<String> {
    let line = front.lines().find(|l| frontmatter::assigns(l, "id"))?;
    let table: toml::Table = toml::from_str(line).ok()?;
    table.get("id")?.as_str().map(str::to_string)
}

/// Splits and parses one file of kind `T`; the body is rendered once, here. Every error of the
/// front matter is reported (see [`frontmatter::parse_all`]); a file with errors comes back as
/// [`Unparsed`], with its whole text, so the text checks still read it.
fn parse_item<T: ContentKind>(
    mut source: Source,
) -> (Result<Item<T>, Box<Unparsed>>, Vec<Diagnostic>) {
    let kind = Kind::from_dir(T::DIR).expect("a registered kind");
    let unparsed = |source: Source, id, fields| {
        Box::new(Unparsed {
            kind,
            id,
            source,
            fields,
        })
    };
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
            let id = declared_id(&source.text);
            // No fences: the whole file is the body as far as the text checks go.
            source.body_offset = 0;
            return (Err(unparsed(source, id, None)), vec![d]);
        }
    };
    let (front_offset, body_offset) = (split.front_offset, split.body_offset);
    let front_end = front_offset + split.front.len();
    let meta = frontmatter::parse_all::<T>(split.front);
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
        Ok(meta) => (Ok(Item { meta, body, source }), diags),
        Err(recovered) => {
            let id = declared_id(source.front());
            for issue in recovered.issues {
                diags.push(source.diagnostic(
                    front_offset + issue.offset,
                    Severity::Error,
                    issue.code,
                    issue.message,
                    issue.hint,
                ));
            }
            (Err(unparsed(source, id, recovered.fields)), diags)
        }
    }
}

/// Reads a TOML settings file (`site.toml`, `synonyms.toml`, a calendar year).
pub fn load_settings<T: DeserializeOwned>(
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
    match frontmatter::parse_all::<T>(&source.text) {
        Ok(v) => (Some(v), source),
        Err(recovered) => {
            for issue in recovered.issues {
                diags.push(source.diagnostic(
                    issue.offset,
                    Severity::Error,
                    issue.code,
                    issue.message,
                    issue.hint,
                ));
            }
            (None, source)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_errors_are_told_in_chinese() {
        let missing = std::io::Error::from_raw_os_error(2);
        assert_eq!(io_hint(&missing), "文件或目录不存在（系统错误代码 2）");
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert!(io_hint(&denied).starts_with("没有读取权限"));
    }
}
