//! Publishing atomically: staging directories beside the output (the site before the last
//! swap, rewritten in place), writing only files whose bytes changed, removing what a build no
//! longer produces, and swapping staging and live in one `renameat2(RENAME_EXCHANGE)`.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

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
pub(super) enum Reuse {
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
pub(super) fn staging_dir(output: &Path, reuse: Reuse) -> io::Result<(PathBuf, bool)> {
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
pub(super) fn write_if_changed(path: &Path, bytes: &[u8]) -> io::Result<()> {
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
pub(super) fn remove_others(
    dir: &Path,
    keep: &std::collections::HashSet<PathBuf>,
) -> io::Result<()> {
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

/// Puts `staging` where `output` is. On Linux both directories are exchanged in one atomic
/// `renameat2(RENAME_EXCHANGE)`, so a reader never sees a missing or half-written site.
/// Returns the tree that was live before when the caller is to remove it (it is then under
/// the staging name, which the next build removes if this one dies first); with
/// `Reuse::Previous` it is kept as `.NAME.previous` instead.
pub(super) fn swap_in(staging: &Path, output: &Path, reuse: Reuse) -> io::Result<Option<PathBuf>> {
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
