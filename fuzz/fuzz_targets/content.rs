#![no_main]
//! Arbitrary bytes as a content file: fence splitting, front matter parsing into every
//! kind, `locate`, markdown rendering and the personal-data scanner must never panic.

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::content(data));
