//! Shared helpers: copying fixture trees and overlaying planted mistakes.

use std::fs;
use std::path::{Path, PathBuf};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A temporary copy of the minimal valid tree, with `overlay` (if any) copied over it.
/// Returns the temp dir guard and the path of its `content/`.
pub fn minimal_with(overlay: Option<&Path>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join("minimal"), dir.path());
    if let Some(o) = overlay {
        copy_tree(o, dir.path());
    }
    let content = dir.path().join("content");
    (dir, content)
}

/// The `<main>` element of a page, for snapshots that ignore the layout chrome.
pub fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("page has <main>");
    let end = html.rfind("</main>").expect("page closes </main>") + "</main>".len();
    &html[start..end]
}

/// Builds the minimal tree (plus `overlay`) into `<tmp>/public`; returns the guard, the
/// content path and the output path.
pub fn built_minimal(overlay: Option<&Path>) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let (dir, content) = minimal_with(overlay);
    let output = dir.path().join("public");
    gongshi::publish::build(&paths(&content, &output)).expect("minimal fixture builds");
    (dir, content, output)
}

pub fn paths(content: &Path, output: &Path) -> gongshi::publish::Paths {
    gongshi::publish::Paths {
        content: content.to_path_buf(),
        output: output.to_path_buf(),
        static_dir: None,
        index: Some(output.with_file_name("index")),
        // Inside every fixture decision's publication period, so pages do not change with time.
        as_of: chrono::NaiveDate::from_ymd_opt(2024, 5, 1).unwrap(),
    }
}

/// One GET over a fresh connection to a real server; the whole response, headers included.
pub fn http_get(addr: std::net::SocketAddr, path: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    String::from_utf8_lossy(&response).into_owned()
}

/// The day the sample's search query set was written; tests that build the sample measure
/// publication periods against it, so their expectations do not change with the date.
pub fn sample_day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// Builds a content tree (site only, no index) as of a day into a temp dir; returns the guard,
/// the output directory and the build report.
pub fn build_site(
    content: &Path,
    as_of: chrono::NaiveDate,
) -> (tempfile::TempDir, PathBuf, gongshi::publish::Report) {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("public");
    let mut p = paths(content, &output);
    p.index = None;
    p.as_of = as_of;
    let report = gongshi::publish::build(&p).expect("the site builds");
    (dir, output, report)
}

/// Kills a spawned server when the test ends, whatever happens.
pub struct Running(pub std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Runs the real binary with `args` in `dir` and waits (up to 120 s) for the line on stderr
/// that starts with `banner` followed by the address it listens on.
pub fn spawn_gongshi(args: &[&str], dir: &Path, banner: &str) -> (Running, std::net::SocketAddr) {
    use std::io::BufRead;
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_gongshi"))
        .args(args)
        .current_dir(dir)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut running = Running(child);
    let stderr = running.0.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(line);
        }
    });
    let addr = loop {
        let line = rx
            .recv_timeout(std::time::Duration::from_secs(120))
            .unwrap_or_else(|_| panic!("{args:?} never printed {banner}"));
        if let Some(rest) = line.split(banner).nth(1) {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
    };
    (running, addr)
}

/// Every file under `dir` with its bytes, by relative path.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// The `url` of every hit of an `/api/search` response, in order.
pub fn hit_urls(v: &serde_json::Value) -> Vec<String> {
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["url"].as_str().unwrap().to_string())
        .collect()
}

/// `html` without its `data-label="…"` attributes (the phone card labels of list tables), so a
/// test can read a table row as its cells.
pub fn without_labels(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(" data-label=\"") {
        out.push_str(&rest[..at]);
        let value = &rest[at + " data-label=\"".len()..];
        rest = &value[value.find('"').map_or(value.len(), |end| end + 1)..];
    }
    out.push_str(rest);
    out
}
