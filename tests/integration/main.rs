//! Integration tests, one module per feature, all on fixture trees under `tests/fixtures/`.

mod build;
mod cli;
mod diagnostics;
mod render;
mod sample;
mod search;
mod search_quality;
mod server;
mod util;
