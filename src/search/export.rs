//! Search documents for another engine (OpenSearch, Quickwit): the same [`SearchDoc`]s the
//! tantivy index is written from, one JSON object per line, with the title and body also
//! segmented by this crate's analyzer, so an engine without jieba or the domain dictionary
//! indexes the same words gongshi does (see docs/scaling.md and deploy/opensearch/).

use std::collections::BTreeMap;
use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;

use super::analysis::Analyzer;
use super::documents::SearchDoc;
use crate::content::site::Synonym;

/// The shape of the lines written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One document per line (Quickwit `ingest`, or any NDJSON loader).
    Ndjson,
    /// An OpenSearch/Elasticsearch `_bulk` body: an `index` action line (the page address as
    /// `_id`, so a re-export replaces documents instead of duplicating them), then the document.
    Opensearch,
}

/// One exported document. Field names are the contract with deploy/opensearch/index.json.
#[derive(Debug, Serialize)]
struct Exported<'a> {
    url: &'a str,
    kind: &'static str,
    id: &'a str,
    title: &'a str,
    code: &'a str,
    summary: &'a str,
    body: &'a str,
    /// Dimension → values (a dimension may have several, e.g. audiences).
    facets: BTreeMap<&'static str, Vec<&'a str>>,
    /// The kind and status preference the tantivy ranking multiplies in.
    weight: f32,
    /// The title's jieba words (domain dictionary included), separated by spaces: index it
    /// with a whitespace analyzer.
    title_words: String,
    /// The body's words, likewise.
    body_words: String,
}

/// Documents per parallel batch: each batch is segmented on the rayon pool and written in
/// order, so memory stays at one batch of lines at any corpus size.
const BATCH: usize = 2_000;

/// Writes `docs` in `format`; returns how many documents were written.
pub fn write(
    docs: &[SearchDoc],
    synonyms: &[Synonym],
    format: Format,
    out: &mut impl Write,
) -> io::Result<usize> {
    let analyzer = &Analyzer::for_site(synonyms);
    for batch in docs.chunks(BATCH) {
        let lines: Vec<String> = batch
            .par_iter()
            .map(|d| line(d, analyzer, format))
            .collect::<serde_json::Result<_>>()?;
        for l in lines {
            out.write_all(l.as_bytes())?;
        }
    }
    out.flush()?;
    Ok(docs.len())
}

fn line(d: &SearchDoc, analyzer: &Analyzer, format: Format) -> serde_json::Result<String> {
    let mut facets: BTreeMap<&'static str, Vec<&str>> = BTreeMap::new();
    for (dim, value) in &d.facets {
        facets.entry(dim).or_default().push(value);
    }
    let doc = Exported {
        url: &d.url,
        kind: d.kind.key(),
        id: &d.id,
        title: &d.title,
        code: &d.code,
        summary: &d.summary,
        body: &d.body,
        facets,
        weight: d.weight,
        title_words: words(analyzer, &d.title),
        body_words: words(analyzer, &d.body),
    };
    let mut s = String::new();
    if format == Format::Opensearch {
        s.push_str(&serde_json::to_string(
            &serde_json::json!({ "index": { "_id": d.url } }),
        )?);
        s.push('\n');
    }
    s.push_str(&serde_json::to_string(&doc)?);
    s.push('\n');
    Ok(s)
}

/// The analyzer's tokens in order (each precise word, then the dictionary words inside it).
fn words(analyzer: &Analyzer, text: &str) -> String {
    let tokens = analyzer.words(text);
    let mut s = String::with_capacity(text.len() * 2);
    for t in tokens {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&t.text);
    }
    s
}
