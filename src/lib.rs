//! gongshi (公示): compiles a content tree of markdown files with typed front matter into the
//! disclosure website of a city-management enforcement agency, and serves it.
//!
//! Data flows one way: [`content`] (read and parse) → [`links`] and [`validate`] (cross-references
//! and rules, as [`diagnostics`]) → [`render`] (HTML) → [`build`] (atomic publish) → [`server`].

pub mod build;
pub mod calendar;
pub mod cli;
pub mod content;
pub mod diagnostics;
pub mod history;
pub mod links;
pub mod markdown;
pub mod preview;
pub mod privacy;
pub mod publication;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod server;
pub mod synth;
pub mod validate;

/// The stylesheet, embedded so a build works even without the `static/` directory.
pub const STYLE_CSS: &str = include_str!("../static/style.css");

/// The search API's description, served at `/static/openapi.json`.
pub const OPENAPI_JSON: &str = include_str!("../static/openapi.json");
