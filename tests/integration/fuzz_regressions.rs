//! Replays the fuzz inputs through the fuzz targets' own calls (`fuzz/harness.rs`): every
//! saved crash in `fuzz/regressions/<target>/` and every seed in `fuzz/seeds/<target>/`.
//! A panic names the file. Run the fuzzers with `fuzz/run.sh`.

use std::path::{Path, PathBuf};

#[path = "../../fuzz/harness.rs"]
mod harness;

fn inputs(target: &str) -> Vec<PathBuf> {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files = Vec::new();
    for dir in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(fuzz.join(dir).join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            // README files and `.gitkeep` describe the directory; they are not inputs.
            let name = path.file_name().unwrap().to_string_lossy();
            if path.is_file() && !name.starts_with('.') && name != "README.md" {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

fn replay(target: &str, run: fn(&[u8])) {
    let files = inputs(target);
    assert!(!files.is_empty(), "no seeds for fuzz target {target}");
    for path in files {
        let data = std::fs::read(&path).unwrap();
        let outcome = std::panic::catch_unwind(|| run(&data));
        assert!(outcome.is_ok(), "fuzz input {} panics", path.display());
    }
}

#[test]
fn content_inputs_do_not_panic() {
    replay("content", harness::content);
}

#[test]
fn query_inputs_do_not_panic() {
    replay("query", harness::query);
}
