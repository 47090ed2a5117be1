//! `gongshi report`'s data: the usage files of one or more replicas read together over a
//! window of days, merged (counts added, days united), ranked for staff.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags};

use super::Dropped;

/// A query that found nothing, over the window and every file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryRow {
    pub query: String,
    pub total: u64,
    /// Days on which it was asked (a day seen by two replicas counts once).
    pub days: usize,
    /// The last such day, `YYYY-MM-DD`.
    pub last: String,
}

/// A comment left with a vote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentRow {
    pub day: String,
    pub helpful: bool,
    pub text: String,
    pub count: u64,
}

/// The votes on one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRow {
    pub page: String,
    pub yes: u64,
    pub no: u64,
    /// The most recent comments, newest day first.
    pub comments: Vec<CommentRow>,
}

/// What `gongshi report` prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub files: usize,
    /// Most asked first; at most `top`.
    pub queries: Vec<QueryRow>,
    /// Every query that found nothing in the window (before `top` cut the list).
    pub distinct_queries: usize,
    /// Pages with the most 没有 votes first, then the most votes; at most `top`.
    pub pages: Vec<PageRow>,
    pub votes: u64,
    pub dropped: BTreeMap<Dropped, u64>,
}

/// Comments shown per page.
pub const COMMENTS_PER_PAGE: usize = 3;

/// Why a file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("找不到使用记录文件 {0}")]
    Missing(PathBuf),
    #[error("无法读取使用记录文件 {0}：{1}")]
    Sqlite(PathBuf, rusqlite::Error),
}

/// Reads `files` over the `days` days ending `today` and merges them.
pub fn read(
    files: &[PathBuf],
    today: NaiveDate,
    days: u32,
    top: usize,
) -> Result<Report, ReportError> {
    let from = today - chrono::TimeDelta::days(i64::from(days.max(1)) - 1);
    let first = from.format("%Y-%m-%d").to_string();
    // Both ends: `gongshi report --until` a past day must not count what came after it.
    let last = today.format("%Y-%m-%d").to_string();
    let span = [&first, &last];
    let mut queries: BTreeMap<String, (u64, BTreeSet<String>)> = BTreeMap::new();
    let mut pages: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    let mut comments: BTreeMap<(String, String, bool, String), u64> = BTreeMap::new();
    let mut dropped: BTreeMap<Dropped, u64> = BTreeMap::new();
    for path in files {
        let conn = open(path)?;
        let err = |e| ReportError::Sqlite(path.clone(), e);
        let mut s = conn
            .prepare("SELECT query, day, count FROM zero_results WHERE day >= ?1 AND day <= ?2")
            .map_err(err)?;
        let rows = s
            .query_map(span, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(err)?;
        for row in rows {
            let (q, day, n): (String, String, i64) = row.map_err(err)?;
            let e = queries.entry(q).or_default();
            e.0 += n.max(0) as u64;
            e.1.insert(day);
        }
        let mut s = conn
            .prepare(
                "SELECT page, helpful, count FROM feedback_votes WHERE day >= ?1 AND day <= ?2",
            )
            .map_err(err)?;
        let rows = s
            .query_map(span, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(err)?;
        for row in rows {
            let (page, helpful, n): (String, bool, i64) = row.map_err(err)?;
            let e = pages.entry(page).or_default();
            if helpful {
                e.0 += n.max(0) as u64;
            } else {
                e.1 += n.max(0) as u64;
            }
        }
        let mut s = conn
            .prepare(
                "SELECT page, day, helpful, comment, count FROM feedback_comments WHERE day >= ?1 AND day <= ?2",
            )
            .map_err(err)?;
        let rows = s
            .query_map(span, |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .map_err(err)?;
        for row in rows {
            let (page, day, helpful, text, n): (String, String, bool, String, i64) =
                row.map_err(err)?;
            *comments.entry((page, day, helpful, text)).or_default() += n.max(0) as u64;
        }
        let mut s = conn
            .prepare("SELECT reason, count FROM dropped WHERE day >= ?1 AND day <= ?2")
            .map_err(err)?;
        let rows = s
            .query_map(span, |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(err)?;
        for row in rows {
            let (reason, n): (String, i64) = row.map_err(err)?;
            if let Some(d) = Dropped::from_code(&reason) {
                *dropped.entry(d).or_default() += n.max(0) as u64;
            }
        }
    }

    let distinct_queries = queries.len();
    let mut queries: Vec<QueryRow> = queries
        .into_iter()
        .map(|(query, (total, days))| QueryRow {
            query,
            total,
            days: days.len(),
            last: days.last().cloned().unwrap_or_default(),
        })
        .collect();
    queries.sort_by(|a, b| {
        b.total
            .cmp(&a.total)
            .then(b.days.cmp(&a.days))
            .then(b.last.cmp(&a.last))
            .then(a.query.cmp(&b.query))
    });
    queries.truncate(top);

    let votes = pages.values().map(|(y, n)| y + n).sum();
    let mut by_page: BTreeMap<String, Vec<CommentRow>> = BTreeMap::new();
    for ((page, day, helpful, text), count) in comments {
        by_page.entry(page).or_default().push(CommentRow {
            day,
            helpful,
            text,
            count,
        });
    }
    let mut pages: Vec<PageRow> = pages
        .into_iter()
        .map(|(page, (yes, no))| {
            let mut comments = by_page.remove(&page).unwrap_or_default();
            comments.sort_by(|a, b| b.day.cmp(&a.day).then(a.text.cmp(&b.text)));
            comments.truncate(COMMENTS_PER_PAGE);
            PageRow {
                page,
                yes,
                no,
                comments,
            }
        })
        .collect();
    pages.sort_by(|a, b| {
        b.no.cmp(&a.no)
            .then((b.yes + b.no).cmp(&(a.yes + a.no)))
            .then(a.page.cmp(&b.page))
    });
    pages.truncate(top);

    Ok(Report {
        from,
        to: today,
        files: files.len(),
        queries,
        distinct_queries,
        pages,
        votes,
        dropped,
    })
}

/// Opens a file read-only: the report never changes a replica's log.
fn open(path: &Path) -> Result<Connection, ReportError> {
    if !path.is_file() {
        return Err(ReportError::Missing(path.to_path_buf()));
    }
    Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| ReportError::Sqlite(path.to_path_buf(), e))
}
