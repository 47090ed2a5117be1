//! Static files from `public/`: small ones answered from memory or read on the worker thread
//! with ServeDir's exact headers; ranges, validators, redirects and odd paths go to ServeDir.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower_http::services::{ServeDir, ServeFile};

/// Largest file kept in memory; bigger ones (open data) are read from disk each time.
const MAX_CACHED_FILE: usize = 512 * 1024;
/// Memory for cached files, all together.
const CACHED_FILES_BYTES: u64 = 64 * 1024 * 1024;
/// How long a cached file is trusted. A build swaps in another `public/` (see [`FileKey`]: its
/// cache entries are never found again); this bounds how long a file changed by hand in
/// place can be served in its old form.
const CACHED_FILE_TTL: Duration = Duration::from_secs(5);

pub(super) type DiskFiles = ServeDir<tower_http::set_status::SetStatus<ServeFile>>;

/// `public/` served by ServeDir, with the answers to plain GETs of small files kept in
/// memory: ServeDir opens, stats and reads each file through tokio's blocking pool, three
/// thread hand-offs per request, which halved static throughput against nginx.
#[derive(Clone)]
pub(super) struct Files {
    dir: PathBuf,
    disk: DiskFiles,
    memory: Arc<quick_cache::sync::Cache<FileKey, Arc<CachedFile>, FileWeight>>,
}

/// The `public/` directory's (device, inode, change time) and the request path. A build swaps
/// in another directory, and the rename sets that directory's change time: a site rebuilt
/// into a fresh directory, or into the one swapped out two builds ago (`.public.previous`,
/// the same inode again), never meets the entries of the site that was served before.
type FileKey = (u64, u64, i64, i64, String);

struct CachedFile {
    at: std::time::Instant,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
}

#[derive(Clone)]
struct FileWeight;

impl quick_cache::Weighter<FileKey, Arc<CachedFile>> for FileWeight {
    fn weight(&self, key: &FileKey, val: &Arc<CachedFile>) -> u64 {
        (key.4.len() + val.body.len() + 512) as u64
    }
}

impl Files {
    pub(super) fn new(dir: &std::path::Path, disk: DiskFiles) -> Files {
        let memory = quick_cache::sync::Cache::with_weighter(
            (CACHED_FILES_BYTES / 8192) as usize,
            CACHED_FILES_BYTES,
            FileWeight,
        );
        Files {
            dir: dir.to_path_buf(),
            disk,
            memory: Arc::new(memory),
        }
    }

    /// The cache key of a request, when its answer may come from memory: a GET without
    /// ranges or validators (those go to ServeDir, which answers them properly).
    fn key(&self, req: &axum::extract::Request) -> Option<FileKey> {
        use std::os::unix::fs::MetadataExt;
        let conditional = [
            header::RANGE,
            header::IF_RANGE,
            header::IF_MATCH,
            header::IF_NONE_MATCH,
            header::IF_MODIFIED_SINCE,
            header::IF_UNMODIFIED_SINCE,
        ];
        if req.method() != axum::http::Method::GET
            || conditional.iter().any(|h| req.headers().contains_key(h))
        {
            return None;
        }
        let dir = std::fs::metadata(&self.dir).ok()?;
        Some((
            dir.dev(),
            dir.ino(),
            dir.ctime(),
            dir.ctime_nsec(),
            req.uri().path().to_owned(),
        ))
    }
}

impl Files {
    /// A small file for a plain GET, read on the calling thread as nginx does: for pages in
    /// the page cache that is a few microseconds, where ServeDir's three blocking-pool
    /// hand-offs held throughput to a quarter of nginx's once the pages in use no longer fit
    /// the memory cache (50,000 pages at 1M decisions). The answer is ServeDir's, header for
    /// header (a test compares them). Anything else (a directory without its slash, a hidden
    /// or odd path, a missing or large file) is `None` and goes to ServeDir.
    fn read_small(&self, uri_path: &str) -> Option<CachedFile> {
        use std::io::Read;
        let decoded = percent_encoding::percent_decode_str(uri_path.strip_prefix('/')?)
            .decode_utf8()
            .ok()?;
        let mut path = self.dir.clone();
        let mut segments = decoded.split('/').peekable();
        while let Some(seg) = segments.next() {
            let last = segments.peek().is_none();
            if seg.is_empty() && last {
                path.push("index.html");
            } else if seg.is_empty() || seg.starts_with('.') || seg.contains(['\\', '\0', ':']) {
                return None;
            } else {
                path.push(seg);
            }
        }
        let mut file = std::fs::File::open(&path).ok()?;
        let meta = file.metadata().ok()?;
        if !meta.is_file() || meta.len() > MAX_CACHED_FILE as u64 {
            return None;
        }
        let mut body = Vec::with_capacity(meta.len() as usize);
        file.read_to_end(&mut body).ok()?;
        let modified = meta.modified().ok()?;
        let since_epoch = modified.duration_since(std::time::UNIX_EPOCH).ok()?;
        let mime = mime_guess::from_path(&path)
            .first_raw()
            .unwrap_or("application/octet-stream");
        let mut headers = axum::http::HeaderMap::new();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
        headers.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
        headers.insert(
            header::LAST_MODIFIED,
            HeaderValue::from_str(&httpdate::fmt_http_date(modified)).ok()?,
        );
        // ServeDir's ETag, byte for byte, so its answers to If-None-Match agree with ours.
        let etag = format!(
            "\"{:x}.{:08x}-{:x}\"",
            since_epoch.as_secs(),
            since_epoch.subsec_nanos(),
            body.len()
        );
        headers.insert(header::ETAG, HeaderValue::from_str(&etag).ok()?);
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
        Some(CachedFile {
            at: std::time::Instant::now(),
            headers,
            body: body.into(),
        })
    }
}

impl CachedFile {
    fn response(&self) -> Response {
        let mut res = Response::new(axum::body::Body::from(self.body.clone()));
        *res.headers_mut() = self.headers.clone();
        res
    }
}

/// Files from `public/`: from memory when the same file was read in the last few seconds.
pub(super) async fn files_from_memory(
    axum::Extension(files): axum::Extension<Files>,
    req: axum::extract::Request,
) -> Response {
    use tower::ServiceExt;
    let key = files.key(&req);
    if let Some(hit) = key.as_ref().and_then(|k| files.memory.get(k))
        && hit.at.elapsed() < CACHED_FILE_TTL
    {
        return hit.response();
    }
    if let Some(key) = &key
        && let Some(file) = files.read_small(&key.4)
    {
        let file = Arc::new(file);
        files.memory.insert(key.clone(), file.clone());
        return file.response();
    }
    let res = match files.disk.clone().oneshot(req).await {
        Ok(res) => res.map(axum::body::Body::new),
        Err(never) => match never {},
    };
    let small = res
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok())
        .is_some_and(|len| len <= MAX_CACHED_FILE);
    let Some(key) = key.filter(|_| res.status() == StatusCode::OK && small) else {
        return res;
    };
    let (parts, body) = res.into_parts();
    let Ok(body) = axum::body::to_bytes(body, MAX_CACHED_FILE).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let file = Arc::new(CachedFile {
        at: std::time::Instant::now(),
        headers: parts.headers,
        body,
    });
    files.memory.insert(key, file.clone());
    file.response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower::ServiceExt;

    fn files(dir: &std::path::Path) -> Files {
        let not_found = ServeFile::new(dir.join("404.html"));
        Files::new(
            dir,
            ServeDir::new(dir)
                .append_index_html_on_directories(true)
                .not_found_service(not_found),
        )
    }

    async fn from_disk(files: &Files, path: &str) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
        let req = axum::extract::Request::get(path)
            .body(axum::body::Body::empty())
            .unwrap();
        let res = files.disk.clone().oneshot(req).await.unwrap();
        let (parts, body) = res.into_parts();
        let body = axum::body::to_bytes(axum::body::Body::new(body), usize::MAX)
            .await
            .unwrap();
        (parts.status, parts.headers, body.to_vec())
    }

    #[tokio::test]
    async fn files_read_directly_are_answered_as_servedir_answers_them() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let write = |rel: &str, bytes: &[u8]| {
            let p = root.join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        };
        write("index.html", "<p>首页</p>".as_bytes());
        write("404.html", b"<p>404</p>");
        write("risks/R-1/index.html", "<p>风险</p>".as_bytes());
        write("static/style.css", b"body{}");
        write("data/decisions.csv", "文号,金额\n".as_bytes());
        write("data/decisions.schema.json", b"{}");
        write("feeds/x.unknownext", b"?");
        write("字/index.html", "<p>字</p>".as_bytes());
        write(".hidden/index.html", b"secret");
        write("big.bin", &vec![0u8; MAX_CACHED_FILE + 1]);
        let files = files(root);

        for path in [
            "/",
            "/risks/R-1/",
            "/static/style.css",
            "/data/decisions.csv",
            "/data/decisions.schema.json",
            "/feeds/x.unknownext",
            "/%E5%AD%97/",
        ] {
            let ours = files.read_small(path).unwrap_or_else(|| panic!("{path}"));
            let (status, headers, body) = from_disk(&files, path).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            assert_eq!(ours.headers, headers, "{path}");
            assert_eq!(ours.body.to_vec(), body, "{path}");
        }
        // Left to ServeDir: redirects, hidden and odd paths, missing and large files.
        for path in [
            "/risks/R-1",
            "/risks//R-1/",
            "/.hidden/",
            "/../index.html",
            "/%2e%2e/index.html",
            "/risks/R-1/../../index.html",
            "/missing/",
            "/big.bin",
            "/%FF/",
            "/a%5Cb/",
        ] {
            assert!(files.read_small(path).is_none(), "{path}");
        }
    }
}
