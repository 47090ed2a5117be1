//! The publishing pipeline: load and check the content, take down records past their
//! publication period, link, render into a staging directory and write the search index, then
//! swap both in ([`staging`]), so a failed build leaves the live site exactly as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod staging;

use staging::{Reuse, remove_others, staging_dir, swap_in, write_if_changed};

use crate::checks;
use crate::content::history::History;
use crate::content::links::Links;
use crate::content::{self, Library};
use crate::diagnostics::Diagnostic;
use crate::legal_time::{Calendar, calendar, publication};
use crate::render::{self, Ctx};
use crate::search;

/// Where content comes from and where the site goes.
#[derive(Debug, Clone)]
pub struct Paths {
    pub content: PathBuf,
    pub output: PathBuf,
    /// Static assets copied to `/static/` (stylesheet).
    pub static_dir: Option<PathBuf>,
    /// The search index directory; `None` builds the site only.
    pub index: Option<PathBuf>,
    /// The day publication periods are measured against (today, normally).
    pub as_of: chrono::NaiveDate,
}

/// The result of checking a content tree.
pub struct Checked {
    pub library: Option<Library>,
    /// Working days, from `calendar/YYYY.toml`.
    pub calendar: Calendar,
    pub diagnostics: Vec<Diagnostic>,
    pub errors: usize,
    pub warnings: usize,
}

/// Loads and checks a content tree (every file, including records whose publication period
/// has ended: they are still in the repository); writes nothing.
pub fn check(content_dir: &Path) -> Checked {
    let (library, mut diags) = content::load(content_dir);
    let (calendar, found) = calendar::load(content_dir);
    diags.extend(found);
    if let Some(lib) = &library {
        checks::check(lib, &calendar, &mut diags);
    }
    let (errors, warnings) = (diags.error_count(), diags.warning_count());
    Checked {
        library,
        calendar,
        diagnostics: diags.into_sorted(),
        errors,
        warnings,
    }
}

/// Whether a commit summary must not be shown in a page's change history: it holds personal
/// data the checker would refuse in a file.
pub fn withhold_summary(summary: &str) -> bool {
    !checks::pii::scan(summary, &checks::pii::Allowed::default()).is_empty()
}

/// What a successful build produced.
#[derive(Debug)]
pub struct Report {
    pub pages: usize,
    /// Documents in the search index (0 when no index was asked for).
    pub indexed: usize,
    /// Decisions left out because their publication period had ended.
    pub taken_down: Vec<publication::TakenDown>,
    /// 不予处罚 decisions counted in the statistics but not published as records.
    pub unpublished: usize,
    pub bytes: u64,
    pub warnings: Vec<Diagnostic>,
    pub elapsed: Duration,
    /// How long each step took, in order (`build --timings` prints them).
    pub phases: Vec<(&'static str, Duration)>,
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// Content has errors; nothing was published.
    #[error("内容有 {errors} 个错误，未发布")]
    Invalid {
        errors: usize,
        diagnostics: Vec<Diagnostic>,
    },
    /// Writing the site failed; the previous site is untouched.
    #[error("写入网站文件失败：{0}")]
    Io(#[from] io::Error),
    /// Writing the search index failed; the previous site and index are untouched.
    #[error("写入搜索索引失败：{0}")]
    Index(#[from] tantivy::TantivyError),
}

/// The library and calendar of a check without errors; otherwise the diagnostics as an error.
/// The warnings come along for the report.
fn valid(checked: Checked) -> Result<(Library, Calendar, Vec<Diagnostic>), BuildError> {
    match checked.library {
        Some(lib) if checked.errors == 0 => Ok((lib, checked.calendar, checked.diagnostics)),
        _ => Err(BuildError::Invalid {
            errors: checked.errors.max(1),
            diagnostics: checked.diagnostics,
        }),
    }
}

/// What a build on `as_of` would publish: the checked library (errors refuse, as in
/// [`build`]) without the decisions whose publication period has ended.
pub fn publishable(content_dir: &Path, as_of: chrono::NaiveDate) -> Result<Library, BuildError> {
    let (mut lib, _, _) = valid(check(content_dir))?;
    publication::take_down_expired(&mut lib, as_of);
    Ok(lib)
}

/// Checks, renders into a fresh sibling directory, and swaps it in place of `output`.
pub fn build(paths: &Paths) -> Result<Report, BuildError> {
    let started = Instant::now();
    let mut phases = Phases::new();
    let (mut lib, calendar, warnings) = valid(check(&paths.content))?;
    phases.done("load + check");
    let (taken_down, history) = std::thread::scope(|s| {
        // git runs (only when the site shows history) while expired records are taken down.
        let history = lib
            .site
            .history
            .then(|| s.spawn(|| History::read(&paths.content, &withhold_summary)));
        // Expired records leave before linking, rendering and indexing, so pages, lists,
        // backlinks and the index all agree.
        let taken_down = publication::take_down(&mut lib, paths.as_of);
        let history = history.and_then(|h| h.join().ok()).unwrap_or_default();
        (taken_down, history)
    });
    phases.done("take down expired");
    let links = Links::build(&lib);
    let ctx = Ctx {
        lib: &lib,
        links: &links,
        calendar: &calendar,
        history: &history,
        counted: &taken_down.counted,
        as_of: publication::effective_as_of(&lib.site, paths.as_of),
        list_changes: Default::default(),
    };
    let (staging, reused) = staging_dir(&paths.output, Reuse::Previous)?;
    let written = write_pages(&staging, reused, &ctx, paths.static_dir.as_deref());
    let (pages, bytes) = match written {
        Ok(w) => {
            phases.done("render + write pages");
            (w.paths.len(), w.bytes)
        }
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(e.into());
        }
    };
    // The index goes live first: a page can then only ever be older than the index.
    let indexed = match &paths.index {
        Some(dir) => write_index(&links, dir).and_then(|(n, index_staging, manifest)| {
            // The API description lists exactly the filter values this index has.
            let spec = search::index::openapi_for(crate::OPENAPI_JSON, &manifest)
                .map_err(|e| BuildError::Io(io::Error::other(e)))
                .and_then(|spec| {
                    write_if_changed(
                        &staging.join(crate::routes::file_of(crate::routes::OPENAPI)),
                        spec.as_bytes(),
                    )
                    .map_err(BuildError::from)
                });
            spec.and_then(|()| {
                swap_in(&index_staging, dir, Reuse::Nothing)
                    .map(|old_index| (n, old_index))
                    .map_err(BuildError::from)
            })
            .inspect_err(|_| {
                let _ = fs::remove_dir_all(&index_staging);
            })
        }),
        None => Ok((0, None)),
    };
    let (indexed, old_index) = match indexed {
        Ok(n) => n,
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(e);
        }
    };
    phases.done("search index");
    // The site follows the index at once; the old index is removed only then, so the two go
    // live within two renames of each other, not a directory removal apart.
    let old_site = swap_in(&staging, &paths.output, Reuse::Previous);
    for old in old_index
        .iter()
        .chain(old_site.as_ref().ok().and_then(Option::as_ref))
    {
        let _ = fs::remove_dir_all(old);
    }
    old_site?;
    phases.done("swap in");
    Ok(Report {
        pages,
        indexed,
        unpublished: taken_down.taken.len() - taken_down.expired().count(),
        taken_down: taken_down.expired().cloned().collect(),
        bytes,
        warnings,
        elapsed: started.elapsed(),
        phases: phases.0,
    })
}

/// Step durations, each measured from the end of the previous one.
struct Phases(Vec<(&'static str, Duration)>, Instant);

impl Phases {
    fn new() -> Self {
        Phases(Vec::new(), Instant::now())
    }
    fn done(&mut self, name: &'static str) {
        let now = Instant::now();
        self.0.push((name, now - self.1));
        self.1 = now;
    }
}

/// Writes the search index into a fresh staging directory beside `index_dir`; returns the
/// document count, the staging directory (ready to swap in) and the manifest.
fn write_index(
    links: &Links<'_>,
    index_dir: &Path,
) -> Result<(usize, PathBuf, search::index::Manifest), BuildError> {
    let lib = links.lib();
    let docs = search::documents::documents(links);
    let (staging, _) = staging_dir(index_dir, Reuse::Nothing)?;
    let inputs = search::index::IndexInputs::of(
        lib,
        staging
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
    );
    match search::index::write(&staging, &docs, inputs) {
        Ok(manifest) => Ok((docs.len(), staging, manifest)),
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            Err(e.into())
        }
    }
}

fn write_pages(
    dir: &Path,
    reused: bool,
    ctx: &Ctx<'_>,
    static_dir: Option<&Path>,
) -> io::Result<render::Rendered> {
    let rendered = render::render_all(ctx, &|p| {
        write_if_changed(&dir.join(&p.path), p.html.as_bytes())?;
        Ok(p.html.len() as u64)
    })?;
    let mut keep: std::collections::HashSet<PathBuf> =
        rendered.paths.iter().map(PathBuf::from).collect();
    let mut put_static = |name: &std::ffi::OsStr, bytes: &[u8]| {
        let rel = Path::new(STATIC_DIR).join(name);
        let written = write_if_changed(&dir.join(&rel), bytes);
        keep.insert(rel);
        written
    };
    match static_dir {
        Some(src) if src.is_dir() => {
            for entry in fs::read_dir(src)? {
                let entry = entry?;
                if entry.file_type()?.is_file() {
                    put_static(&entry.file_name(), &fs::read(entry.path())?)?;
                }
            }
        }
        _ => put_static(
            file_name(crate::routes::STYLESHEET),
            crate::STYLE_CSS.as_bytes(),
        )?,
    }
    // The API description belongs to this program, not to a site's static files.
    put_static(
        file_name(crate::routes::OPENAPI),
        crate::OPENAPI_JSON.as_bytes(),
    )?;
    if reused {
        remove_others(dir, &keep)?;
    }
    Ok(rendered)
}

/// The directory under the site root that static assets go to (`/static/`).
const STATIC_DIR: &str = "static";

/// The file name of a static asset's address.
fn file_name(address: &str) -> &std::ffi::OsStr {
    address.rsplit('/').next().unwrap_or(address).as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn history_summaries_with_personal_data_are_withheld() {
        let log = "\u{1e}2024-05-02\u{1f}调整占道经营风险点的防控措施\n\nrisks/R-1.md\nrisks/R-2.md\n\
                   \u{1e}2024-03-01\u{1f}应张三要求修改，电话13812345678\n\nrisks/R-1.md\n";
        let h = History::parse(log, &withhold_summary);
        let src = content::Source {
            path: PathBuf::from("content/risks/R-1.md"),
            text: String::new(),
            front_offset: 0,
            front_end: 0,
            body_offset: 0,
        };
        let r1 = h.of(&src);
        assert_eq!(r1.len(), 2);
        assert_eq!(r1[0].summary, "调整占道经营风险点的防控措施");
        assert_eq!(r1[1].summary, content::history::WITHHELD_SUMMARY);
    }
}
