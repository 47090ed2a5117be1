#![no_main]
//! Arbitrary bytes as a raw query string: reading it strictly and leniently, then checking
//! and running it against an index of the minimal fixture (built once). Input errors are
//! the expected answer; a panic or a search error is a bug.

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::query(data));
