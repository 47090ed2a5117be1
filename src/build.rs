//! The build pipeline: load, validate, render into a staging directory (the site before the
//! last swap, rewritten in place), then swap it in, so a failed build leaves the live site
//! exactly as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::content::{self, Library};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::links::Links;
use crate::render::{self, Ctx};
use crate::search;
use crate::validate;

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
    pub links: Option<Links>,
    pub diagnostics: Vec<Diagnostic>,
    pub errors: usize,
    pub warnings: usize,
}

/// Loads and validates a content tree; writes nothing.
pub fn check(content_dir: &Path) -> Checked {
    let (library, mut diags) = content::load(content_dir);
    let links = library.as_ref().map(|lib| {
        let links = Links::build(lib);
        validate::validate(lib, &links, &mut diags);
        links
    });
    finish(library, links, diags)
}

fn finish(library: Option<Library>, links: Option<Links>, diags: Diagnostics) -> Checked {
    let (errors, warnings) = (diags.error_count(), diags.warning_count());
    Checked {
        library,
        links,
        diagnostics: diags.into_sorted(),
        errors,
        warnings,
    }
}

/// What a successful build produced.
#[derive(Debug)]
pub struct Report {
    pub pages: usize,
    /// Documents in the search index (0 when no index was asked for).
    pub indexed: usize,
    /// Decisions left out because their publication period had ended.
    pub taken_down: Vec<crate::publication::TakenDown>,
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

/// The library and links of a check without errors; otherwise the diagnostics as an error.
/// The warnings come along for the report.
fn valid(checked: Checked) -> Result<(Library, Links, Vec<Diagnostic>), BuildError> {
    match (checked.library, checked.links) {
        (Some(lib), Some(links)) if checked.errors == 0 => Ok((lib, links, checked.diagnostics)),
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
    crate::publication::take_down_expired(&mut lib, as_of);
    Ok(lib)
}

/// Checks, renders into a fresh sibling directory, and swaps it in place of `output`.
pub fn build(paths: &Paths) -> Result<Report, BuildError> {
    let started = Instant::now();
    let mut phases = Phases::new();
    let (mut lib, mut links, warnings) = valid(check(&paths.content))?;
    phases.done("load + check");
    let (taken_down, history) = std::thread::scope(|s| {
        // git runs (only when the site shows history) while expired records are taken down.
        let history = lib
            .site
            .history
            .then(|| s.spawn(|| crate::history::History::read(&paths.content)));
        // Expired records leave before rendering and indexing, so pages, lists, backlinks and
        // the index all agree; the links are rebuilt without them.
        let taken_down = crate::publication::take_down_expired(&mut lib, paths.as_of);
        if !taken_down.is_empty() {
            links = Links::build(&lib);
        }
        let history = history.and_then(|h| h.join().ok()).unwrap_or_default();
        (taken_down, history)
    });
    phases.done("take down expired");
    let ctx = Ctx {
        lib: &lib,
        links: &links,
        history: &history,
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
        Some(dir) => write_index(&lib, dir).and_then(|(n, index_staging, manifest)| {
            // The API description lists exactly the filter values this index has.
            let spec = search::index::openapi_for(crate::OPENAPI_JSON, &manifest)
                .map_err(|e| BuildError::Io(io::Error::other(e)))
                .and_then(|spec| {
                    write_if_changed(&staging.join("static/openapi.json"), spec.as_bytes())
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
        taken_down,
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
    lib: &Library,
    index_dir: &Path,
) -> Result<(usize, PathBuf, search::index::Manifest), BuildError> {
    let docs = search::documents::documents(lib);
    let (staging, _) = staging_dir(index_dir, Reuse::Nothing)?;
    let inputs = search::index::IndexInputs {
        synonyms: &lib.synonyms.synonym,
        agency_names: lib
            .agencies
            .iter()
            .map(|a| (a.meta.id.to_string(), a.meta.name.clone()))
            .collect(),
        domains: &lib.site.domains,
        build_id: staging
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
    };
    match search::index::write(&staging, &docs, inputs) {
        Ok(manifest) => Ok((docs.len(), staging, manifest)),
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            Err(e.into())
        }
    }
}

/// Removes staging directories left by builds that were killed: their process is gone.
/// Directories of a build still running (another process) are left alone.
fn remove_abandoned_staging(parent: &Path, name: &str) {
    let prefix = format!(".{name}.staging-");
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let Some(pid) = rest.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
            continue;
        };
        let alive = pid == std::process::id() || Path::new(&format!("/proc/{pid}")).exists();
        if !alive && cfg!(target_os = "linux") {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// What a new staging directory starts from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reuse {
    /// An empty directory (the search index: tantivy writes a new one).
    Nothing,
    /// The site before the last swap (`.NAME.previous`), when there is one: pages are
    /// rewritten in place, unchanged ones not at all, and files the build did not produce are
    /// removed before the swap. Creating and deleting a whole tree of files on every build
    /// cost more than rendering it (ext4, 100,000 decisions: 40 s against 18 s for a first
    /// build), and unchanged pages keep their Last-Modified, so visitors' caches stay valid.
    Previous,
}

/// Where the site before the last swap is kept for the next build.
fn previous_dir(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.previous"))
}

/// A staging directory beside `output` (same filesystem, so the swap is a rename): empty, or
/// the previous site renamed into place (then `true`).
fn staging_dir(output: &Path, reuse: Reuse) -> io::Result<(PathBuf, bool)> {
    let (parent, name) = parent_and_name(output);
    fs::create_dir_all(&parent)?;
    remove_abandoned_staging(&parent, &name);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let dir = parent.join(format!(".{name}.staging-{}-{nanos}", std::process::id()));
    // Another build running at the same time may take it first; then this one starts empty.
    if reuse == Reuse::Previous && fs::rename(previous_dir(&parent, &name), &dir).is_ok() {
        return Ok((dir, true));
    }
    fs::create_dir(&dir)?;
    Ok((dir, false))
}

fn parent_and_name(output: &Path) -> (PathBuf, String) {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = output
        .file_name()
        .map_or("public".into(), |n| n.to_string_lossy().into_owned());
    (parent, name)
}

/// Writes `bytes` to `path` unless the file already holds exactly them (a reused tree).
fn write_if_changed(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Ok(meta) = fs::metadata(path)
        && meta.is_file()
        && meta.len() == bytes.len() as u64
        && fs::read(path)? == bytes
    {
        return Ok(());
    }
    if let Some(parent) = path.parent()
        && fs::create_dir_all(parent).is_err()
    {
        // A file of an older site where this one needs a directory.
        let mut blocking = parent;
        while !blocking.is_dir() {
            if blocking.is_file() {
                fs::remove_file(blocking)?;
                break;
            }
            blocking = blocking.parent().unwrap_or(blocking);
        }
        fs::create_dir_all(parent)?;
    }
    if fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
        fs::remove_dir_all(path)?;
    }
    fs::write(path, bytes)
}

/// Removes from `dir` every file not in `keep` (paths relative to `dir`), then the
/// directories left empty: what is left of an older site in a reused tree.
fn remove_others(dir: &Path, keep: &std::collections::HashSet<PathBuf>) -> io::Result<()> {
    // Only directories that lost a file can have become empty: trying every directory
    // (one per page) cost as much again as the walk.
    let mut emptied = std::collections::BTreeSet::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.map_err(io::Error::other)?;
        let rel = entry.path().strip_prefix(dir).map_err(io::Error::other)?;
        if !entry.file_type().is_dir() && !keep.contains(rel) {
            fs::remove_file(entry.path())?;
            emptied.extend(entry.path().parent().map(Path::to_path_buf));
        }
    }
    // Deepest first, then up while the parents empty too; a directory that still has files
    // (or holds a page) refuses, which is what we want.
    for d in emptied.iter().rev() {
        let mut d = d.as_path();
        while d != dir && fs::remove_dir(d).is_ok() {
            d = d.parent().unwrap_or(dir);
        }
    }
    Ok(())
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
        let rel = Path::new("static").join(name);
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
        _ => put_static("style.css".as_ref(), crate::STYLE_CSS.as_bytes())?,
    }
    // The API description belongs to this program, not to a site's static files.
    put_static("openapi.json".as_ref(), crate::OPENAPI_JSON.as_bytes())?;
    if reused {
        remove_others(dir, &keep)?;
    }
    Ok(rendered)
}

/// Puts `staging` where `output` is. On Linux both directories are exchanged in one atomic
/// `renameat2(RENAME_EXCHANGE)`, so a reader never sees a missing or half-written site.
/// Returns the tree that was live before when the caller is to remove it (it is then under
/// the staging name, which the next build removes if this one dies first); with
/// `Reuse::Previous` it is kept as `.NAME.previous` instead.
fn swap_in(staging: &Path, output: &Path, reuse: Reuse) -> io::Result<Option<PathBuf>> {
    if !output.exists() {
        return fs::rename(staging, output).map(|()| None);
    }
    if exchange(staging, output).is_err() {
        // Not atomic, but the window is two renames long and the old site is kept until the end.
        let old = staging.with_extension("old");
        fs::rename(output, &old)?;
        if let Err(e) = fs::rename(staging, output) {
            fs::rename(&old, output)?;
            return Err(e);
        }
        return Ok(Some(old));
    }
    // `staging` now holds the previous site: kept for the next build to rewrite, or removed.
    if reuse == Reuse::Previous {
        let (parent, name) = parent_and_name(output);
        let previous = previous_dir(&parent, &name);
        if !previous.exists() && fs::rename(staging, &previous).is_ok() {
            return Ok(None);
        }
    }
    Ok(Some(staging.to_path_buf()))
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes())?;
    let cb = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both pointers are valid NUL-terminated paths for the duration of the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "no atomic exchange",
    ))
}
