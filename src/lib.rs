//! gongshi (公示): compiles a content tree of markdown files with typed front matter into the
//! disclosure website of a city-management enforcement agency, and serves it.
//!
//! The folders are the pipeline, and imports only go down it (the tidy test holds this):
//!
//! | layer | module | what it owns |
//! |---|---|---|
//! | 0 | [`routes`], [`diagnostics`] | every site address and public name; author diagnostics |
//! | 1 | [`content`] | the content model, one module per kind, loading, cross-references |
//! | 2 | [`legal_time`] | the working-day calendar, deadlines, remedy dates, publication periods |
//! | 3 | [`checks`], [`search`] | content rules and the personal-data scanner; full-text search |
//! | 4 | [`render`], [`sheets`] | HTML pages, feeds, sitemap, open data; spreadsheets in and out |
//! | 5 | [`publish`], [`synth`], [`usage`] | check → take down → render → index → atomic swap; synthetic sites; the usage log (searches that found nothing, page feedback) |
//! | 6 | [`server`] | the HTTP server and the staff preview |
//!
//! The command line (`src/commands/`, clap) is the binary's, on top of all of these.

pub mod checks;
pub mod content;
pub mod diagnostics;
pub mod legal_time;
pub mod publish;
pub mod render;
pub mod routes;
pub mod search;
pub mod server;
pub mod sheets;
pub mod synth;
pub mod usage;

/// The stylesheet, embedded so a build works even without the `static/` directory.
pub const STYLE_CSS: &str = include_str!("../static/style.css");

/// The search API's description, served at `/static/openapi.json`.
pub const OPENAPI_JSON: &str = include_str!("../static/openapi.json");
