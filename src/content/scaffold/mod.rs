//! `gongshi new <kind>`: writes a new content file from the kind's template (every field and a
//! short Chinese comment per field, declared in the kind's module). Placeholders say 待填写,
//! which `check` refuses until they are replaced, one diagnostic per field with the template's
//! comment as its hint ([`hints`]). [`fill`] writes values into a template for `gongshi init`
//! and `gongshi import`, so their files have the same shape.

pub mod fill;
pub mod hints;

pub use fill::{Entry, Filled, Value};

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::content::Kind;

/// Text that templates write into fields the author still has to fill.
pub const PLACEHOLDER: &str = "待填写";

const DATE: &str = "{date}";
const ID: &str = "{id}";

/// Fills a template with an id and today's date.
pub fn render(kind: Kind, id: &str, today: chrono::NaiveDate) -> String {
    kind.template()
        .replace(ID, id)
        .replace(DATE, &today.format("%Y-%m-%d").to_string())
}

/// A fresh id for the kind that no file in its directory uses yet.
pub fn default_id(content: &Path, kind: Kind, today: chrono::NaiveDate) -> String {
    let prefix = kind.id_prefix();
    let stamp = today.format("%Y%m%d");
    (1..)
        .map(|n| format!("{prefix}-{stamp}-{n}"))
        .find(|id| !target(content, kind, id, today).exists())
        .expect("an unused id exists")
}

/// Where a new file goes: `<content>/<kind dir>/[<year>/]<id>.md`.
pub fn target(content: &Path, kind: Kind, id: &str, today: chrono::NaiveDate) -> PathBuf {
    let mut dir = content.join(kind.dir());
    if kind.nested() {
        dir = dir.join(today.format("%Y").to_string());
    }
    dir.join(format!("{id}.md"))
}

/// Writes the new file, refusing to overwrite an existing one.
pub fn create(
    content: &Path,
    kind: Kind,
    id: Option<&str>,
    today: chrono::NaiveDate,
) -> io::Result<PathBuf> {
    let id = id.map_or_else(|| default_id(content, kind, today), str::to_string);
    let path = target(content, kind, &id, today);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)?;
    io::Write::write_all(&mut file, render(kind, &id, today).as_bytes())?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::frontmatter;

    #[test]
    fn every_template_is_valid_toml_with_placeholders() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        for &kind in Kind::ALL {
            let text = render(kind, "X-1", today);
            let split = frontmatter::split(&text).expect("fenced");
            let parsed: Result<toml::Table, _> = toml::from_str(split.front);
            assert!(parsed.is_ok(), "{kind:?}: {parsed:?}");
            assert!(text.contains("待填写"), "{kind:?} has no placeholder");
            assert!(text.contains("id = \"X-1\""));
        }
    }
}
