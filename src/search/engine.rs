//! Answering searches against one opened index: validating filters, ranking, facet counts,
//! snippets and suggestions. [`super::live::Live`] swaps in newly built indexes.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption, Value};
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, DocId, Index, IndexReader, ReloadPolicy, Score, SegmentReader, Term};
use tantivy::{Searcher, TantivyDocument};

use super::analysis::{ANALYZER_VERSION, Analyzer};
use super::correct::Vocabulary;
use super::index::{Fields, MANIFEST, Manifest, facet};
use super::query::{Expansion, InputError, MAX_PAGE, PER_PAGE, Params, Plan, Run, SynonymTable};
use crate::content::Kind;
use crate::content::kinds::search_doc::DIMENSIONS;

/// Characters of body text shown around the matches.
const SNIPPET_CHARS: usize = 120;
/// Candidate words tried (one count query each) when looking for suggestions.
const SUGGESTION_TRIES: usize = 30;

/// Why an index cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("找不到搜索索引 {0}：请先运行 gongshi build")]
    Missing(PathBuf),
    #[error(
        "搜索索引 {path} 由分析器版本 {found} 生成，本程序需要 {expected}：请运行 gongshi build 重建索引"
    )]
    VersionMismatch {
        path: PathBuf,
        found: String,
        expected: String,
    },
    #[error("搜索索引 {path} 的清单无法读取：{reason}")]
    BadManifest { path: PathBuf, reason: String },
    #[error("无法打开搜索索引 {path}：{source}")]
    Tantivy {
        path: PathBuf,
        source: tantivy::TantivyError,
    },
}

/// A checked request: filters known to exist in this index.
#[derive(Debug, Clone)]
pub struct Request {
    pub q: String,
    pub filters: Vec<(String, String)>,
    pub page: usize,
}

/// One result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub id: String,
    pub kind: String,
    pub kind_label: String,
    pub title: String,
    pub url: String,
    pub summary: String,
    pub snippet: Snippet,
    pub score: f32,
}

/// A piece of body text with the matched words marked (character ranges into `text`).
#[derive(Debug, Clone, Serialize)]
pub struct Snippet {
    pub text: String,
    /// Byte ranges into `text` of the words that matched.
    pub highlights: Vec<Range<usize>>,
}

/// The counts of one filter dimension among the current results.
#[derive(Debug, Clone, Serialize)]
pub struct FacetGroup {
    pub dimension: String,
    pub label: String,
    pub values: Vec<FacetValue>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FacetValue {
    pub value: String,
    pub label: String,
    pub count: u64,
    pub selected: bool,
}

/// Everything a results page or the API needs.
#[derive(Debug, Clone, Serialize)]
pub struct Response {
    pub query: String,
    pub filters: Vec<(String, String)>,
    pub expansions: Vec<Expansion>,
    pub total: usize,
    pub page: usize,
    pub pages: usize,
    pub per_page: usize,
    pub hits: Vec<Hit>,
    pub facets: Vec<FacetGroup>,
    /// Offered when nothing matched: words that do match something.
    pub suggestions: Vec<String>,
}

/// One opened index and what is needed to query it.
pub struct Engine {
    reader: IndexReader,
    fields: Fields,
    manifest: Manifest,
    analyzer: Analyzer,
    synonyms: SynonymTable,
    vocabulary: Vocabulary,
    dir: PathBuf,
    /// Answers already computed on this index, by request. People ask the same few things
    /// (门口摆摊, 油烟) over and over; a new index brings a new engine and an empty cache, so
    /// an answer can never outlive the index it came from.
    answers: quick_cache::sync::Cache<String, Response>,
}

/// Answers kept per index (a few kilobytes each).
const CACHED_ANSWERS: usize = 10_000;

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine")
            .field("dir", &self.dir)
            .field("build_id", &self.manifest.build_id)
            .finish_non_exhaustive()
    }
}

/// Reads only the manifest (cheap): used to notice a new build.
pub fn read_manifest(dir: &Path) -> Result<Manifest, OpenError> {
    let path = dir.join(MANIFEST);
    let bytes = std::fs::read(&path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            OpenError::Missing(dir.to_path_buf())
        } else {
            OpenError::BadManifest {
                path: path.clone(),
                reason: e.to_string(),
            }
        }
    })?;
    serde_json::from_slice(&bytes).map_err(|e| OpenError::BadManifest {
        path,
        reason: e.to_string(),
    })
}

impl Engine {
    /// Opens the index in `dir`, refusing one written by another analyzer version.
    pub fn open(dir: &Path) -> Result<Engine, OpenError> {
        Engine::open_with(dir, read_manifest(dir)?)
    }

    /// Opens the index in `dir` whose manifest has already been read.
    pub(super) fn open_with(dir: &Path, manifest: Manifest) -> Result<Engine, OpenError> {
        if manifest.analyzer_version != ANALYZER_VERSION {
            return Err(OpenError::VersionMismatch {
                path: dir.to_path_buf(),
                found: manifest.analyzer_version,
                expected: ANALYZER_VERSION.to_string(),
            });
        }
        let tantivy_err = |source| OpenError::Tantivy {
            path: dir.to_path_buf(),
            source,
        };
        let files =
            MmapDirectory::open(dir).map_err(|e| tantivy_err(tantivy::TantivyError::from(e)))?;
        let index = Index::open(super::read_only::ReadOnly(files)).map_err(tantivy_err)?;
        let analyzer = manifest.analyzer();
        analyzer.register(&index);
        let fields = Fields::from_schema(&index.schema()).map_err(tantivy_err)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(tantivy_err)?;
        let vocabulary = vocabulary(&reader.searcher(), fields, &manifest).map_err(tantivy_err)?;
        let synonyms = SynonymTable::new(&analyzer, &manifest.synonyms);
        Ok(Engine {
            reader,
            fields,
            manifest,
            analyzer,
            synonyms,
            vocabulary,
            dir: dir.to_path_buf(),
            answers: quick_cache::sync::Cache::new(CACHED_ANSWERS),
        })
    }

    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Checks filter values against the index's vocabularies.
    pub fn check(&self, params: Params) -> Result<Request, InputError> {
        for (dim, value) in &params.filters {
            let known = self
                .manifest
                .facet_values
                .get(dim)
                .is_some_and(|values| values.contains(value));
            if !known {
                return Err(InputError::UnknownFilter {
                    dimension: dimension_label(dim).to_string(),
                    value: value.chars().take(30).collect(),
                });
            }
        }
        Ok(Request {
            q: params.q,
            filters: params.filters,
            page: params.page,
        })
    }

    /// Runs a checked request, or returns the answer this index already gave it. Errors are
    /// index I/O failures, not bad input.
    pub fn search(&self, req: &Request) -> tantivy::Result<Response> {
        let key = format!("{}\u{1f}{:?}\u{1f}{}", req.q, req.filters, req.page);
        // Concurrent askers of the same thing wait for one computation instead of each
        // running it (a popular query after a new index would otherwise run 50 times at once).
        self.answers
            .get_or_insert_with(&key, || self.search_uncached(req))
    }

    /// Runs a checked request against the index.
    pub fn search_uncached(&self, req: &Request) -> tantivy::Result<Response> {
        let searcher = self.reader.searcher();
        let f = self.fields;
        let plan = self.plan(&searcher, &req.q)?;
        let text: Option<Box<dyn Query>> = (!plan.is_empty()).then(|| plan.to_query(&f));
        let browsing = text.is_none();
        if browsing && req.filters.is_empty() {
            return Ok(self.empty_response(req, plan));
        }
        let query = self.filtered(text.as_deref(), &req.filters, None);
        let offset = (req.page - 1) * PER_PAGE;
        let top = TopDocs::with_limit(PER_PAGE)
            .and_offset(offset)
            .tweak_score(move |segment: &SegmentReader| {
                let weight = segment
                    .fast_fields()
                    .f64("weight")
                    .ok()
                    .map(|c| c.first_or_default_col(1.0));
                move |doc: DocId, score: Score| {
                    let w = weight.as_ref().map_or(1.0, |c| c.get_val(doc)) as f32;
                    score * w
                }
            });
        let mut facets = FacetCollector::for_field("facets");
        for (dim, _) in DIMENSIONS {
            if !req.filters.iter().any(|(d, _)| d == dim) {
                facets.add_facet(Facet::from_path([*dim]));
            }
        }
        let (top_docs, total, facet_counts) = searcher.search(&query, &(top, Count, facets))?;

        // Counts for a dimension that is filtered on come from the results without that filter,
        // so the other values stay visible and choosable.
        let mut counts: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
        for (dim, _) in DIMENSIONS {
            if req.filters.iter().any(|(d, _)| d == dim) {
                let q = self.filtered(text.as_deref(), &req.filters, Some(dim));
                let mut fc = FacetCollector::for_field("facets");
                fc.add_facet(Facet::from_path([*dim]));
                let fc = searcher.search(&q, &fc)?;
                counts.insert(dim.to_string(), children(&fc, dim));
            } else {
                counts.insert(dim.to_string(), children(&facet_counts, dim));
            }
        }

        let hits = self.hits(&searcher, &plan, &top_docs)?;
        let pages = total.div_ceil(PER_PAGE).clamp(1, MAX_PAGE);
        let suggestions = if total == 0 {
            self.suggestions(&searcher, &req.q)?
        } else {
            Vec::new()
        };
        Ok(Response {
            query: req.q.clone(),
            filters: req.filters.clone(),
            expansions: plan.expansions,
            total,
            page: req.page,
            pages,
            per_page: PER_PAGE,
            hits,
            facets: self.facet_groups(&counts, &req.filters),
            suggestions,
        })
    }

    /// Analyses a query, correcting slips against the vocabulary first.
    pub fn plan(&self, searcher: &Searcher, q: &str) -> tantivy::Result<Plan> {
        let f = self.fields;
        let mut failure = None;
        let corrections = self.vocabulary.corrections(q, |text| {
            let run = Run::new(text);
            let query = BooleanQuery::new(
                [f.title_grams, f.body_grams]
                    .into_iter()
                    .filter_map(|field| run.query(field))
                    .map(|q| (Occur::Should, q))
                    .collect(),
            );
            match searcher.search(&query, &Count) {
                Ok(n) => n > 0,
                Err(e) => {
                    failure = Some(e);
                    true
                }
            }
        });
        if let Some(e) = failure {
            return Err(e);
        }
        Ok(Plan::new(&self.analyzer, &self.synonyms, q, &corrections))
    }

    fn empty_response(&self, req: &Request, plan: Plan) -> Response {
        Response {
            query: req.q.clone(),
            filters: Vec::new(),
            expansions: plan.expansions,
            total: 0,
            page: 1,
            pages: 1,
            per_page: PER_PAGE,
            hits: Vec::new(),
            facets: Vec::new(),
            suggestions: self.manifest.suggestions.iter().take(12).cloned().collect(),
        }
    }

    /// The text query (or all documents) restricted by every filter except `except`.
    fn filtered(
        &self,
        text: Option<&dyn Query>,
        filters: &[(String, String)],
        except: Option<&str>,
    ) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(
            Occur::Must,
            text.map_or_else(|| Box::new(AllQuery) as Box<dyn Query>, |q| q.box_clone()),
        )];
        for (dim, value) in filters {
            if Some(dim.as_str()) == except {
                continue;
            }
            let term = Term::from_facet(self.fields.facets, &facet(dim, value));
            // Required but worth nothing to the score: filters narrow, they do not rank.
            let filter = TermQuery::new(term, IndexRecordOption::Basic);
            clauses.push((
                Occur::Must,
                Box::new(BoostQuery::new(Box::new(filter), 0.0)),
            ));
        }
        Box::new(BooleanQuery::new(clauses))
    }

    fn hits(
        &self,
        searcher: &Searcher,
        plan: &Plan,
        top: &[(Score, DocAddress)],
    ) -> tantivy::Result<Vec<Hit>> {
        let f = self.fields;
        let generator = |terms: BTreeSet<String>, field| -> tantivy::Result<SnippetGenerator> {
            Ok(SnippetGenerator::new(
                terms.into_iter().map(|t| (t, 1.0)).collect(),
                searcher.index().tokenizer_for_field(field)?,
                field,
                SNIPPET_CHARS,
            ))
        };
        let word_snippets = generator(plan.highlight_words(), f.body)?;
        let gram_snippets = generator(plan.highlight_grams(), f.body_grams)?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            let doc: TantivyDocument = searcher.doc(*addr)?;
            let get = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            let body = get(f.body);
            let mut snippet = word_snippets.snippet(&body);
            if snippet.highlighted().is_empty() {
                let by_grams = gram_snippets.snippet(&body);
                if !by_grams.highlighted().is_empty() {
                    snippet = by_grams;
                }
            }
            let snippet = if snippet.fragment().is_empty() {
                Snippet {
                    text: body.chars().take(SNIPPET_CHARS / 2).collect(),
                    highlights: Vec::new(),
                }
            } else {
                Snippet {
                    text: snippet.fragment().to_string(),
                    highlights: merge_touching(snippet.highlighted(), snippet.fragment()),
                }
            };
            let kind = get(f.kind);
            hits.push(Hit {
                id: get(f.id),
                kind_label: Kind::from_cli_name(&kind)
                    .map_or("", |k| k.label())
                    .to_string(),
                kind,
                title: get(f.title),
                url: get(f.url),
                summary: get(f.summary),
                snippet,
                score: *score,
            });
        }
        Ok(hits)
    }

    fn facet_groups(
        &self,
        counts: &BTreeMap<String, BTreeMap<String, u64>>,
        filters: &[(String, String)],
    ) -> Vec<FacetGroup> {
        DIMENSIONS
            .iter()
            .filter_map(|(dim, label)| {
                let c = counts.get(*dim)?;
                let mut values: Vec<FacetValue> = c
                    .iter()
                    .map(|(value, count)| FacetValue {
                        value: value.clone(),
                        label: self.value_label(dim, value),
                        count: *count,
                        selected: filters.iter().any(|(d, v)| d == dim && v == value),
                    })
                    .collect();
                if values.len() < 2 && !values.iter().any(|v| v.selected) {
                    return None;
                }
                match *dim {
                    "year" => values.sort_by(|a, b| b.value.cmp(&a.value)),
                    _ => values.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value))),
                }
                Some(FacetGroup {
                    dimension: dim.to_string(),
                    label: label.to_string(),
                    values,
                })
            })
            .collect()
    }

    /// What the public sees for a filter value.
    pub fn value_label(&self, dim: &str, value: &str) -> String {
        match dim {
            "kind" => Kind::from_cli_name(value)
                .map_or(value, |k| k.label())
                .to_string(),
            "agency" => self
                .manifest
                .agency_names
                .get(value)
                .cloned()
                .unwrap_or_else(|| value.to_string()),
            "year" => format!("{value}年"),
            _ => value.to_string(),
        }
    }

    /// When nothing matched: synonym-table words that share most characters with the query and
    /// do find something (at most [`SUGGESTION_TRIES`] are tried), then the general ones.
    fn suggestions(&self, searcher: &Searcher, q: &str) -> tantivy::Result<Vec<String>> {
        let chars: BTreeSet<char> = super::analysis::normalize(q).chars().collect();
        let mut candidates: Vec<(usize, &str)> = self
            .synonyms
            .words()
            .map(|w| (w.chars().filter(|c| chars.contains(c)).count(), w))
            .filter(|(n, _)| *n > 0)
            .collect();
        candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
        candidates.dedup_by(|a, b| a.1 == b.1);
        let mut out: Vec<String> = Vec::new();
        for (_, w) in candidates.into_iter().take(SUGGESTION_TRIES) {
            if out.len() >= 6 {
                break;
            }
            let plan = Plan::new(&self.analyzer, &self.synonyms, w, &[]);
            if searcher.search(&plan.to_query(&self.fields), &Count)? > 0 {
                out.push(w.to_string());
            }
        }
        for w in &self.manifest.suggestions {
            if out.len() >= 10 {
                break;
            }
            if !out.contains(w) {
                out.push(w.clone());
            }
        }
        Ok(out)
    }
}

/// The correction vocabulary: domain words, synonym-table words and every word of every title.
fn vocabulary(searcher: &Searcher, f: Fields, manifest: &Manifest) -> tantivy::Result<Vocabulary> {
    let mut words: Vec<String> = super::analysis::domain_words()
        .map(str::to_string)
        .collect();
    words.extend(manifest.extra_words.iter().cloned());
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(f.title)?;
        let mut stream = inverted.terms().stream()?;
        while stream.advance() {
            if let Ok(w) = std::str::from_utf8(stream.key()) {
                words.push(w.to_string());
            }
        }
    }
    Ok(Vocabulary::new(words))
}

pub fn dimension_label(dim: &str) -> &str {
    DIMENSIONS
        .iter()
        .find(|(d, _)| *d == dim)
        .map_or(dim, |(_, l)| l)
}

/// Joins highlight ranges that overlap or are separated only by spaces: `城市` `道路` marks as
/// one `城市道路`.
fn merge_touching(ranges: &[Range<usize>], text: &str) -> Vec<Range<usize>> {
    let mut sorted = ranges.to_vec();
    sorted.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in sorted {
        if let Some(last) = out.last_mut()
            && (r.start <= last.end
                || text
                    .get(last.end..r.start)
                    .is_some_and(|gap| gap.trim().is_empty()))
        {
            last.end = last.end.max(r.end);
            continue;
        }
        out.push(r);
    }
    out
}

fn children(fc: &tantivy::collector::FacetCounts, dim: &str) -> BTreeMap<String, u64> {
    fc.get(Facet::from_path([dim]))
        .filter_map(|(facet, count)| {
            let value = facet.to_path().last()?.to_string();
            Some((value, count))
        })
        .collect()
}
