//! Integration tests, one module per feature, all on fixture trees under `tests/fixtures/`.

mod browse;
mod build;
mod cli;
mod content_ci;
mod diagnostics;
mod fuzz_regressions;
mod guides;
mod hostile;
mod init;
mod outputs;
mod preview;
mod publishing;
mod render;
mod sample;
mod search;
mod search_quality;
mod selfcheck;
mod server;
mod sheet_fixtures;
mod sheets;
mod statistics;
mod synth;
mod tidy;
mod usage;
mod util;
