//! Change history of content files from git (修改记录): the date and summary of every commit
//! that touched a file, read with one `git log` per build. Commit summaries are public, so a
//! summary the caller's `withhold` test flags (the publish pipeline passes the personal-data
//! scanner) is replaced, never shown.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;

use super::Source;

/// One change to a content file: when it was committed and what the commit said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub date: NaiveDate,
    pub summary: String,
}

/// Shown instead of a commit summary that must not be published.
pub const WITHHELD_SUMMARY: &str = "修改内容（摘要未公开）";

/// Changes per file, newest first, keyed by the path relative to the content root.
#[derive(Debug, Clone, Default)]
pub struct History {
    by_path: HashMap<PathBuf, Vec<Change>>,
}

/// Separators git prints between commits and between a commit's fields.
const RECORD: char = '\u{1e}';
const FIELD: char = '\u{1f}';

impl History {
    /// Reads the history of every file under `content_root`. Outside a git work tree, with
    /// git missing, or when git fails, the history is empty: items then show no record.
    pub fn read(content_root: &Path, withhold: &dyn Fn(&str) -> bool) -> History {
        let output = Command::new("git")
            .arg("-C")
            .arg(content_root)
            .args([
                "log",
                "--no-merges",
                "--no-renames",
                "--relative",
                "--name-only",
                "--format=%x1e%as%x1f%s",
                "--",
                ".",
            ])
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output();
        match output {
            Ok(out) if out.status.success() => {
                History::parse(&String::from_utf8_lossy(&out.stdout), withhold)
            }
            _ => History::default(),
        }
    }

    /// Parses `git log --format=%x1e%as%x1f%s --name-only` output.
    pub fn parse(log: &str, withhold: &dyn Fn(&str) -> bool) -> History {
        let mut by_path: HashMap<PathBuf, Vec<Change>> = HashMap::new();
        for record in log.split(RECORD).filter(|r| !r.trim().is_empty()) {
            let mut lines = record.lines();
            let Some((date, summary)) = lines.next().and_then(|l| l.split_once(FIELD)) else {
                continue;
            };
            let Ok(date) = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d") else {
                continue;
            };
            let summary = summary.trim();
            let summary = if summary.is_empty() || withhold(summary) {
                WITHHELD_SUMMARY.to_string()
            } else {
                summary.to_string()
            };
            for path in lines.map(str::trim).filter(|p| !p.is_empty()) {
                by_path
                    .entry(PathBuf::from(path))
                    .or_default()
                    .push(Change {
                        date,
                        summary: summary.clone(),
                    });
            }
        }
        History { by_path }
    }

    /// The changes of one item's file, newest first.
    pub fn of(&self, source: &Source) -> &[Change] {
        // `source.path` starts with the content directory's own name (`content/risks/…`).
        let mut parts = source.path.components();
        parts.next();
        self.by_path.get(parts.as_path()).map_or(&[], Vec::as_slice)
    }
}

/// Runs git in `dir` and returns its standard output, or git's own complaint.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .map_err(|e| format!("无法运行 git：{e}"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
    }
}

/// The content files changed since git revision `since` (a branch, tag or commit): committed
/// since the current branch left it (`git merge-base`), changed in the work tree, or new and
/// not ignored. Paths as staff see them (`content/decisions/…`), as diagnostics have them.
/// For `check --changed-since`: a pull request's warnings are those of the files it changes.
pub fn changed_since(content_root: &Path, since: &str) -> Result<HashSet<PathBuf>, String> {
    let commit = format!("{since}^{{commit}}");
    git(content_root, &["rev-parse", "--verify", "--quiet", &commit])
        .map_err(|_| format!("git 中找不到 `{since}`（分支、标签或提交）"))?;
    let base = git(content_root, &["merge-base", since, "HEAD"])
        .ok()
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .filter(|b| !b.is_empty())
        .unwrap_or_else(|| since.to_string());
    let diffed = git(
        content_root,
        &[
            "diff",
            "--name-only",
            "--no-renames",
            "--relative",
            "-z",
            &base,
            "--",
            ".",
        ],
    )?;
    let untracked = git(
        content_root,
        &[
            "ls-files",
            "-z",
            "--others",
            "--exclude-standard",
            "--",
            ".",
        ],
    )?;
    let shown = super::display_root(content_root);
    Ok(diffed
        .split(|&b| b == 0)
        .chain(untracked.split(|&b| b == 0))
        .filter(|p| !p.is_empty())
        .map(|p| shown.join(String::from_utf8_lossy(p).as_ref()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_records_and_withholds_flagged_summaries() {
        let log = "\u{1e}2024-05-02\u{1f}调整占道经营风险点的防控措施\n\nrisks/R-1.md\nrisks/R-2.md\n\
                   \u{1e}2024-03-01\u{1f}应张三要求修改，电话13812345678\n\nrisks/R-1.md\n";
        let h = History::parse(log, &|s: &str| s.contains("电话"));
        let src = |p: &str| Source {
            path: PathBuf::from(p),
            text: String::new(),
            front_offset: 0,
            front_end: 0,
            body_offset: 0,
        };
        let r1 = h.of(&src("content/risks/R-1.md"));
        assert_eq!(r1.len(), 2);
        assert_eq!(r1[0].summary, "调整占道经营风险点的防控措施");
        assert_eq!(r1[0].date, NaiveDate::from_ymd_opt(2024, 5, 2).unwrap());
        assert_eq!(r1[1].summary, WITHHELD_SUMMARY);
        assert_eq!(h.of(&src("content/risks/R-2.md")).len(), 1);
        assert!(h.of(&src("content/risks/R-3.md")).is_empty());
    }
}
