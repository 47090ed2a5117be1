//! The usage log (learning from use): searches that found nothing and the answers to
//! "这个页面有帮助吗？", kept in an embedded SQLite file so staff can improve the synonyms,
//! intent rows and pages (`gongshi report`).
//!
//! What it keeps is deliberately little: the normalised query text, a page address, a vote, an
//! optional one-sentence comment, the day (China time) and a count per (text, day). No IP
//! address, user agent, cookie or time finer than the day is ever written; comments and rows
//! are aggregated per day, so their order inside a day is not kept either. Every text passes
//! the personal-data scanner ([`crate::checks::pii`]) first; a text it flags is not stored and
//! only counted.
//!
//! Recording never slows or fails a request: [`Usage`] hands events to one writer thread over
//! a bounded queue and drops them (counting the drop) when it is full; the writer batches them
//! into one transaction. A file that cannot be opened leaves the server running without a log.

pub mod report;
mod store;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, TrySendError};
use std::time::{Duration, Instant};

pub use store::{Store, TABLES};

/// Days rows are kept by default; older ones are deleted at start-up and once a day.
pub const DEFAULT_RETENTION_DAYS: u32 = 180;
/// Longest comment kept, in characters (the form's `maxlength`).
pub use crate::render::feedback::MAX_COMMENT_CHARS;
/// Longest page address accepted, in bytes.
pub const MAX_PAGE_BYTES: usize = 300;
/// Events waiting for the writer; past this they are dropped and counted.
const QUEUE: usize = 4096;
/// Most events written in one transaction.
const BATCH: usize = 2048;
/// How long the writer gathers events after the first one before writing them together.
const GATHER: Duration = Duration::from_millis(500);
/// How often old rows are deleted while the server runs.
const PURGE_EVERY: Duration = Duration::from_secs(24 * 60 * 60);

/// Why a text was not stored (the `reason` column of the `dropped` table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dropped {
    /// A zero-result query the personal-data scanner flagged.
    QueryPersonal,
    /// A feedback comment the scanner flagged (the vote was kept).
    CommentPersonal,
    /// The writer's queue was full.
    QueueFull,
}

impl Dropped {
    pub const ALL: [Dropped; 3] = [
        Dropped::QueryPersonal,
        Dropped::CommentPersonal,
        Dropped::QueueFull,
    ];

    /// The value stored in the file.
    pub fn code(self) -> &'static str {
        match self {
            Dropped::QueryPersonal => "query_personal",
            Dropped::CommentPersonal => "comment_personal",
            Dropped::QueueFull => "queue_full",
        }
    }

    /// What staff read in `gongshi report`.
    pub fn label(self) -> &'static str {
        match self {
            Dropped::QueryPersonal => "含个人信息、未记录的无结果查询",
            Dropped::CommentPersonal => "含个人信息、未保存的留言（评价已保存）",
            Dropped::QueueFull => "访问过多、来不及记录而放弃的记录",
        }
    }

    pub fn from_code(code: &str) -> Option<Dropped> {
        Dropped::ALL.into_iter().find(|d| d.code() == code)
    }
}

/// True when the personal-data scanner finds anything in `text`.
pub fn has_personal_data(text: &str) -> bool {
    let allowed = crate::checks::pii::Allowed::default();
    !crate::checks::pii::scan(text, &allowed).is_empty()
}

/// A query as it is stored: folded like the index folds it, whitespace collapsed, control
/// characters dropped; `None` when nothing is left.
pub fn clean_query(raw: &str) -> Option<String> {
    let folded = crate::search::analysis::normalize(raw);
    let cleaned = one_line(&folded, crate::search::query::MAX_QUERY_CHARS);
    (!cleaned.is_empty()).then_some(cleaned)
}

/// One line of at most `max` characters: control characters and runs of whitespace become one
/// space, ends trimmed.
fn one_line(text: &str, max: usize) -> String {
    let mut out = String::new();
    for word in text.split(|c: char| c.is_whitespace() || c.is_control()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.chars().take(max).collect()
}

/// One answer to "这个页面有帮助吗？", screened: build it with [`Feedback::new`], which drops a
/// comment with personal data (that takes the scanner's time: call it off the async workers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feedback {
    page: String,
    helpful: bool,
    comment: Option<String>,
    comment_dropped: bool,
}

impl Feedback {
    /// `page` must already be a checked address on the site. The comment is trimmed to one line
    /// of [`MAX_COMMENT_CHARS`]; with personal data in it, it is dropped and the vote kept.
    pub fn new(page: &str, helpful: bool, comment: Option<&str>) -> Feedback {
        let comment = comment
            .map(|c| one_line(c, MAX_COMMENT_CHARS))
            .filter(|c| !c.is_empty());
        let comment_dropped = comment.as_deref().is_some_and(has_personal_data);
        Feedback {
            page: page.chars().take(MAX_PAGE_BYTES).collect(),
            helpful,
            comment: comment.filter(|_| !comment_dropped),
            comment_dropped,
        }
    }

    /// The comment was dropped for personal data (the page tells the visitor so).
    pub fn comment_dropped(&self) -> bool {
        self.comment_dropped
    }
}

enum Event {
    ZeroResult(String),
    Feedback(Feedback),
    /// Write everything queued so far, then answer.
    Flush(SyncSender<()>),
}

/// The handle requests record through; cheap to clone. [`Usage::off`] (the default) records
/// nothing.
#[derive(Clone, Default)]
pub struct Usage {
    inner: Option<Arc<Inner>>,
}

impl std::fmt::Debug for Usage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Usage")
            .field("recording", &self.inner.is_some())
            .finish()
    }
}

struct Inner {
    tx: SyncSender<Event>,
    full: Arc<AtomicU64>,
}

impl Usage {
    /// Records nothing.
    pub fn off() -> Usage {
        Usage::default()
    }

    /// Opens (or creates, with its parent directory) the file at `path`, deletes rows older than
    /// `retention_days`, and starts the writer thread.
    pub fn open(path: &Path, retention_days: u32) -> Result<Usage, store::OpenError> {
        let store = Store::open(path)?;
        store.purge(crate::legal_time::today(), retention_days)?;
        let (tx, rx) = std::sync::mpsc::sync_channel(QUEUE);
        let full = Arc::new(AtomicU64::new(0));
        let writer = Writer {
            store,
            path: path.to_path_buf(),
            retention_days,
            full: full.clone(),
            purged: Instant::now(),
        };
        std::thread::Builder::new()
            .name("gongshi-usage".into())
            .spawn(move || writer.run(rx))
            .map_err(store::OpenError::Io)?;
        Ok(Usage {
            inner: Some(Arc::new(Inner { tx, full })),
        })
    }

    /// Whether anything is recorded.
    pub fn is_recording(&self) -> bool {
        self.inner.is_some()
    }

    fn send(&self, event: Event) {
        if let Some(inner) = &self.inner {
            match inner.tx.try_send(event) {
                Ok(()) => {}
                Err(TrySendError::Full(_)) => {
                    inner.full.fetch_add(1, Ordering::Relaxed);
                }
                Err(TrySendError::Disconnected(_)) => {}
            }
        }
    }

    /// A search for `q` found nothing. Costs one queue push: cleaning and the personal-data
    /// check happen on the writer thread.
    pub fn zero_result(&self, q: &str) {
        if q.trim().is_empty() {
            return;
        }
        // The query module caps input at 100 characters; this only bounds the queue's memory.
        let q: String = q
            .chars()
            .take(4 * crate::search::query::MAX_QUERY_CHARS)
            .collect();
        self.send(Event::ZeroResult(q));
    }

    /// A visitor answered "这个页面有帮助吗？".
    pub fn feedback(&self, feedback: Feedback) {
        self.send(Event::Feedback(feedback));
    }

    /// Waits (at most `timeout`) until everything recorded so far is in the file: at shutdown,
    /// and in tests. Blocks the calling thread.
    pub fn flush(&self, timeout: Duration) -> bool {
        let Some(inner) = &self.inner else {
            return true;
        };
        let (tx, rx) = std::sync::mpsc::sync_channel(1);
        if inner.tx.send(Event::Flush(tx)).is_err() {
            return false;
        }
        rx.recv_timeout(timeout).is_ok()
    }
}

/// The writer thread's state.
struct Writer {
    store: Store,
    path: PathBuf,
    retention_days: u32,
    full: Arc<AtomicU64>,
    purged: Instant,
}

impl Writer {
    fn run(mut self, rx: Receiver<Event>) {
        loop {
            let first = match rx.recv_timeout(Duration::from_secs(60)) {
                Ok(e) => Some(e),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => break,
            };
            let mut batch = store::Batch::default();
            let mut waiting = Vec::new();
            let mut closed = false;
            if let Some(first) = first {
                let deadline = Instant::now() + GATHER;
                let mut next = Some(first);
                while let Some(event) = next.take() {
                    match event {
                        Event::Flush(done) => waiting.push(done),
                        e => self.add(&mut batch, e),
                    }
                    if batch.events >= BATCH {
                        break;
                    }
                    if !waiting.is_empty() {
                        // A flush waits for nothing but what is already queued.
                        next = rx.try_recv().ok();
                        continue;
                    }
                    match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                        Ok(e) => next = Some(e),
                        Err(RecvTimeoutError::Timeout) => {}
                        Err(RecvTimeoutError::Disconnected) => closed = true,
                    }
                }
            }
            let full = self.full.swap(0, Ordering::Relaxed);
            if full > 0 {
                *batch.dropped.entry(Dropped::QueueFull).or_default() += full;
            }
            self.write(&batch);
            for done in waiting {
                let _ = done.send(());
            }
            if self.purged.elapsed() >= PURGE_EVERY {
                self.purged = Instant::now();
                if let Err(e) = self
                    .store
                    .purge(crate::legal_time::today(), self.retention_days)
                {
                    eprintln!("删除过期的使用记录失败（{}）：{e}", self.path.display());
                }
            }
            if closed {
                break;
            }
        }
    }

    fn add(&self, batch: &mut store::Batch, event: Event) {
        batch.events += 1;
        match event {
            Event::ZeroResult(raw) => match clean_query(&raw) {
                Some(q) if has_personal_data(&q) || has_personal_data(&raw) => {
                    *batch.dropped.entry(Dropped::QueryPersonal).or_default() += 1;
                }
                Some(q) => *batch.queries.entry(q).or_default() += 1,
                None => {}
            },
            Event::Feedback(f) => {
                if f.comment_dropped {
                    *batch.dropped.entry(Dropped::CommentPersonal).or_default() += 1;
                }
                *batch.votes.entry((f.page.clone(), f.helpful)).or_default() += 1;
                if let Some(c) = f.comment {
                    *batch.comments.entry((f.page, f.helpful, c)).or_default() += 1;
                }
            }
            Event::Flush(_) => {}
        }
    }

    fn write(&mut self, batch: &store::Batch) {
        if batch.is_empty() {
            return;
        }
        if let Err(e) = self.store.write(crate::legal_time::today(), batch) {
            // The log is a help, never a reason to fail: say so once per failed batch.
            eprintln!(
                "写入使用记录失败（{}），这批 {} 条记录已放弃：{e}",
                self.path.display(),
                batch.events
            );
        }
    }
}

/// The default file for a site built into `output`: `usage.sqlite` beside it.
pub fn default_path(output: &Path) -> PathBuf {
    match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.join("usage.sqlite"),
        _ => PathBuf::from("usage.sqlite"),
    }
}
