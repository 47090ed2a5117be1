//! The usage log's SQLite file: its schema, batched writes (one transaction per batch, counts
//! added to the day's rows) and the retention purge.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use super::Dropped;

/// Every table and its columns. Nothing here can hold an IP address, a user agent, a cookie or
/// a time finer than the day; a test reads the schema back and compares it with this list.
pub const TABLES: &[(&str, &[&str])] = &[
    ("zero_results", &["day", "query", "count"]),
    ("feedback_votes", &["day", "page", "helpful", "count"]),
    (
        "feedback_comments",
        &["day", "page", "helpful", "comment", "count"],
    ),
    ("dropped", &["day", "reason", "count"]),
];

/// The schema's version (`PRAGMA user_version`).
const VERSION: i64 = 1;

/// `WITHOUT ROWID` tables keyed by day and text: rows are stored in key order, so nothing in
/// the file tells in which order a day's searches or comments came.
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS zero_results (
    day TEXT NOT NULL,
    query TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (day, query)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS feedback_votes (
    day TEXT NOT NULL,
    page TEXT NOT NULL,
    helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    count INTEGER NOT NULL,
    PRIMARY KEY (day, page, helpful)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS feedback_comments (
    day TEXT NOT NULL,
    page TEXT NOT NULL,
    helpful INTEGER NOT NULL CHECK (helpful IN (0, 1)),
    comment TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (day, page, helpful, comment)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS dropped (
    day TEXT NOT NULL,
    reason TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (day, reason)
) WITHOUT ROWID;
";

/// Why the file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("文件的格式版本是 {0}，本程序只认识版本 {VERSION}")]
    Version(i64),
}

/// Events gathered for one transaction, already counted per key.
#[derive(Debug, Default)]
pub(super) struct Batch {
    pub events: usize,
    pub queries: BTreeMap<String, u64>,
    pub votes: BTreeMap<(String, bool), u64>,
    pub comments: BTreeMap<(String, bool, String), u64>,
    pub dropped: BTreeMap<Dropped, u64>,
}

impl Batch {
    pub fn is_empty(&self) -> bool {
        self.queries.is_empty()
            && self.votes.is_empty()
            && self.comments.is_empty()
            && self.dropped.is_empty()
    }
}

/// An open usage file.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens or creates the file (and its parent directory) and its tables.
    pub fn open(path: &Path) -> Result<Store, OpenError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // A rollback journal, not WAL: the file alone is the whole log, so copying it from a
        // replica (docs/scaling.md) copies everything.
        conn.pragma_update(None, "journal_mode", "DELETE")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > VERSION {
            return Err(OpenError::Version(version));
        }
        conn.execute_batch(SCHEMA)?;
        conn.pragma_update(None, "user_version", VERSION)?;
        Ok(Store { conn })
    }

    /// The connection, for tests and the report.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Adds a batch to `day`'s rows in one transaction.
    pub(super) fn write(&mut self, day: NaiveDate, batch: &Batch) -> rusqlite::Result<()> {
        let day = day.format("%Y-%m-%d").to_string();
        let tx = self.conn.transaction()?;
        {
            let mut q = tx.prepare_cached(
                "INSERT INTO zero_results (day, query, count) VALUES (?1, ?2, ?3)
                 ON CONFLICT (day, query) DO UPDATE SET count = count + excluded.count",
            )?;
            for (query, n) in &batch.queries {
                q.execute(params![day, query, *n as i64])?;
            }
            let mut v = tx.prepare_cached(
                "INSERT INTO feedback_votes (day, page, helpful, count) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (day, page, helpful) DO UPDATE SET count = count + excluded.count",
            )?;
            for ((page, helpful), n) in &batch.votes {
                v.execute(params![day, page, *helpful, *n as i64])?;
            }
            let mut c = tx.prepare_cached(
                "INSERT INTO feedback_comments (day, page, helpful, comment, count)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (day, page, helpful, comment) DO UPDATE SET count = count + excluded.count",
            )?;
            for ((page, helpful, comment), n) in &batch.comments {
                c.execute(params![day, page, *helpful, comment, *n as i64])?;
            }
            let mut d = tx.prepare_cached(
                "INSERT INTO dropped (day, reason, count) VALUES (?1, ?2, ?3)
                 ON CONFLICT (day, reason) DO UPDATE SET count = count + excluded.count",
            )?;
            for (reason, n) in &batch.dropped {
                d.execute(params![day, reason.code(), *n as i64])?;
            }
        }
        tx.commit()
    }

    /// Deletes every row of a day more than `retention_days` before `today`; returns how many.
    pub fn purge(&self, today: NaiveDate, retention_days: u32) -> rusqlite::Result<usize> {
        let first_kept = today - chrono::TimeDelta::days(i64::from(retention_days));
        let first_kept = first_kept.format("%Y-%m-%d").to_string();
        let mut deleted = 0;
        for (table, _) in TABLES {
            deleted += self.conn.execute(
                &format!("DELETE FROM {table} WHERE day < ?1"),
                [&first_kept],
            )?;
        }
        Ok(deleted)
    }
}
