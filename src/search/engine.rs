//! Answering searches against one opened index: validating filters, ranking, facet counts,
//! snippets and suggestions. [`super::live::Live`] swaps in newly built indexes.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use tantivy::Searcher;
use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::{DocId, Index, IndexReader, ReloadPolicy, Score, SegmentReader, Term};

use super::analysis::{ANALYZER_VERSION, Analyzer};
use super::correct::Vocabulary;
use super::documents::DocKind;
use super::facets;
use super::index::{Fields, MANIFEST, Manifest, facet};
use super::intent::FillerTable;
use super::intent::{Detected, IntentTable, Preference};
use super::number::DecisionNumber;
use super::query::{InputError, MAX_PAGE, PER_PAGE, Params, Plan, Run, SynonymTable};
use super::rank::{SLACK, TargetBoost, best_answer, diversify, share_of};
use crate::content::kinds::search_doc::DIMENSIONS;

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

pub use super::facets::{FacetGroup, FacetValue, dimension_label};
pub use super::response::{NotFound, Request, Response};
pub use super::snippets::{Hit, Snippet};

/// One opened index and what is needed to query it.
pub struct Engine {
    reader: IndexReader,
    fields: Fields,
    manifest: Manifest,
    analyzer: Analyzer,
    synonyms: SynonymTable,
    fillers: FillerTable,
    intents: IntentTable,
    vocabulary: Vocabulary,
    dir: PathBuf,
    /// Answers already computed on this index, by request. People ask the same few things
    /// (门口摆摊, 油烟) over and over; a new index brings a new engine and an empty cache, so
    /// an answer can never outlive the index it came from.
    answers: super::cache::Answers,
}

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
        let fillers = FillerTable::new(&manifest.fillers);
        let intents = IntentTable::new(&manifest.intents, &manifest.referral_words, |w| {
            Plan::new(&analyzer, &SynonymTable::default(), &fillers, w, &[]).words
        });
        Ok(Engine {
            reader,
            fields,
            manifest,
            analyzer,
            synonyms,
            fillers,
            intents,
            vocabulary,
            dir: dir.to_path_buf(),
            answers: super::cache::answers(),
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

    /// Runs a checked request against the index: the query without its filler words is
    /// either a decision number (only decisions with all its numbers answer it, and none is
    /// an answer too) or text, ranked by BM25 times each kind's weight times how much the
    /// question's intent prefers the kind, with the lists, sections and referral rows the
    /// question asks for placed first.
    pub fn search_uncached(&self, req: &Request) -> tantivy::Result<Response> {
        let searcher = self.reader.searcher();
        let f = self.fields;
        let q = self.fillers.strip(&req.q);
        let number = DecisionNumber::parse(&q);
        let plan = self.plan(&searcher, &q)?;
        let detected = match number {
            Some(_) => Detected::default(),
            None => self.intents.detect(&q, &plan.words),
        };
        let plain: Option<Box<dyn Query>> = (!plan.is_empty()).then(|| plan.to_query(&f));
        if plain.is_none() && req.filters.is_empty() {
            return Ok(self.empty_response(req, plan));
        }
        let text: Option<Box<dyn Query>> = match (&number, &plain) {
            (Some(n), text) => Some(self.number_query(&searcher, n, text.as_deref())?),
            (None, Some(text)) => Some(self.with_targets(text.box_clone(), &detected.preferences)),
            (None, None) => None,
        };
        let query = self.filtered(text.as_deref(), &req.filters, None);
        let offset = (req.page - 1) * PER_PAGE;
        let preferences = std::sync::Arc::new(detected.preferences.clone());
        let tweak = |preferences: std::sync::Arc<Vec<Preference>>| {
            move |segment: &SegmentReader| {
                let weight = segment
                    .fast_fields()
                    .f64("weight")
                    .ok()
                    .map(|c| c.first_or_default_col(1.0));
                let boost = TargetBoost::for_segment(segment, &preferences);
                move |doc: DocId, score: Score| {
                    let w = weight.as_ref().map_or(1.0, |c| c.get_val(doc)) as f32;
                    boost.apply(doc, score * w)
                }
            }
        };
        let top =
            TopDocs::with_limit(offset + PER_PAGE + SLACK).tweak_score(tweak(preferences.clone()));
        let mut facets = FacetCollector::for_field("facets");
        for (dim, _) in DIMENSIONS {
            if !req.filters.iter().any(|(d, _)| d == dim) {
                facets.add_facet(Facet::from_path([*dim]));
            }
        }
        let (mut candidates, total, facet_counts) =
            searcher.search(&query, &(top, Count, facets))?;

        // The specific targets the question asks for, with their own text scores, each
        // lifted to its share of the best text match.
        let specific: Vec<&Preference> = preferences.iter().filter(|p| p.specific).collect();
        if let (None, Some(plain), false) = (&number, &plain, specific.is_empty()) {
            let targets = BooleanQuery::new(
                specific
                    .iter()
                    .map(|p| {
                        let t = Term::from_field_text(f.targets, &p.target);
                        let q: Box<dyn Query> =
                            Box::new(TermQuery::new(t, IndexRecordOption::Basic));
                        (Occur::Should, q)
                    })
                    .collect(),
            );
            let wanted = BooleanQuery::new(vec![
                (
                    Occur::Must,
                    Box::new(BoostQuery::new(Box::new(targets), 0.0)) as Box<dyn Query>,
                ),
                (Occur::Should, plain.box_clone()),
            ]);
            let wanted = self.filtered(Some(&wanted), &req.filters, None);
            let found = searcher.search(
                &wanted,
                &TopDocs::with_limit(specific.len() * 4 + 4)
                    .tweak_score(tweak(preferences.clone())),
            )?;
            let best = candidates
                .first()
                .map_or(1.0, |(s, _)| *s)
                .max(f32::MIN_POSITIVE);
            for (score, addr) in found {
                let Some(share) = share_of(&searcher, addr, &specific)? else {
                    continue;
                };
                let lifted = score.max(best * share);
                match candidates.iter_mut().find(|(_, a)| *a == addr) {
                    Some(c) => c.0 = c.0.max(lifted),
                    None => candidates.push((lifted, addr)),
                }
            }
        }
        let top_docs = diversify(&searcher, candidates, offset)?;

        // Counts for a dimension that is filtered on come from the results without that filter,
        // so the other values stay visible and choosable.
        let mut counts: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
        for (dim, _) in DIMENSIONS {
            if req.filters.iter().any(|(d, _)| d == dim) {
                let q = self.filtered(text.as_deref(), &req.filters, Some(dim));
                let mut fc = FacetCollector::for_field("facets");
                fc.add_facet(Facet::from_path([*dim]));
                let fc = searcher.search(&q, &fc)?;
                counts.insert(dim.to_string(), facets::children(&fc, dim));
            } else {
                counts.insert(dim.to_string(), facets::children(&facet_counts, dim));
            }
        }

        let (hits, answers) = super::snippets::hits(&searcher, self.fields, &plan, &top_docs)?;
        let pages = total.div_ceil(PER_PAGE).clamp(1, MAX_PAGE);
        let suggestions = if total == 0 && number.is_none() {
            self.suggestions(&searcher, &q)?
        } else {
            Vec::new()
        };
        let unmatched = if number.is_none() && total > 0 {
            self.unmatched(&searcher, &plan)?
        } else {
            Vec::new()
        };
        let not_found = (number.is_some() && total == 0).then(|| NotFound {
            number: req.q.clone(),
            rules: self.manifest.decision_rules.clone(),
        });
        let answer = if req.page == 1 {
            best_answer(answers)
        } else {
            None
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
            facets: facets::groups(&counts, &req.filters, |d, v| self.value_label(d, v)),
            suggestions,
            answer,
            not_found,
            intents: detected.intents,
            unmatched,
        })
    }

    /// The query's words that no document contains, as a word or as a substring, and that no
    /// synonym row or correction searched for in other words: all query words are optional,
    /// so such a word was in effect dropped, and the page names it. Empty when every word is
    /// missing (the results then come from synonyms alone) or when the query has one word.
    fn unmatched(&self, searcher: &Searcher, plan: &Plan) -> tantivy::Result<Vec<String>> {
        let core = &plan.core;
        if core.len() < 2 {
            return Ok(Vec::new());
        }
        let f = self.fields;
        let mut missing = Vec::new();
        for w in core {
            if plan
                .expansions
                .iter()
                .any(|e| e.lay.contains(w.as_str()) || w.contains(&e.lay))
            {
                continue;
            }
            let in_words = [f.title, f.body].iter().any(|&field| {
                let t = Term::from_field_text(field, w);
                searcher.doc_freq(&t).is_ok_and(|n| n > 0)
            });
            if in_words {
                continue;
            }
            let run = Run::new(&super::analysis::normalize(w));
            let in_grams = match run.query(f.body_grams) {
                Some(query) => searcher.search(&*query, &Count)? > 0,
                None => true,
            };
            if !in_grams {
                missing.push(w.clone());
            }
        }
        if missing.len() == core.len() {
            missing.clear();
        }
        Ok(missing)
    }

    /// A decision-number query: decisions whose own number has every number typed, the id's
    /// letters, and each run of other characters typed that some decision number has (滨城执罚
    /// 决字 tells the district's decisions from the city's; a mistyped 执法决字 is ignored);
    /// ranked by how much of the rest matches.
    fn number_query(
        &self,
        searcher: &Searcher,
        n: &DecisionNumber,
        text: Option<&dyn Query>,
    ) -> tantivy::Result<Box<dyn Query>> {
        let f = self.fields;
        let kind =
            Term::from_field_text(f.kind, DocKind::Item(crate::content::Kind::Decision).key());
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(
            Occur::Must,
            Box::new(BoostQuery::new(
                Box::new(TermQuery::new(kind, IndexRecordOption::Basic)),
                0.0,
            )),
        )];
        for q in n.required(&f) {
            clauses.push((Occur::Must, q));
        }
        for prefix in &n.prefixes {
            if let Some(q) = Run::new(prefix).query(f.number)
                && searcher.search(&q, &Count)? > 0
            {
                clauses.push((Occur::Must, Box::new(BoostQuery::new(q, 0.0))));
            }
        }
        if let Some(text) = text {
            clauses.push((Occur::Should, text.box_clone()));
        }
        Ok(Box::new(BooleanQuery::new(clauses)))
    }

    /// The text query, plus the specific targets the question asks for, matched or not.
    fn with_targets(&self, text: Box<dyn Query>, preferences: &[Preference]) -> Box<dyn Query> {
        let specific: Vec<(Occur, Box<dyn Query>)> = preferences
            .iter()
            .filter(|p| p.specific)
            .map(|p| {
                let t = Term::from_field_text(self.fields.targets, &p.target);
                let q: Box<dyn Query> = Box::new(BoostQuery::new(
                    Box::new(TermQuery::new(t, IndexRecordOption::Basic)),
                    0.0,
                ));
                (Occur::Should, q)
            })
            .collect();
        if specific.is_empty() {
            return text;
        }
        let mut clauses = vec![(Occur::Should, text)];
        clauses.extend(specific);
        Box::new(BooleanQuery::new(clauses))
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
        // 那个 is not a slip for 哪个: fillers and stop words are never corrected.
        let corrections: Vec<_> = corrections
            .into_iter()
            .filter(|c| {
                !self
                    .fillers
                    .is_filler(&super::analysis::normalize(&c.typed))
            })
            .collect();
        Ok(Plan::new(
            &self.analyzer,
            &self.synonyms,
            &self.fillers,
            q,
            &corrections,
        ))
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
            answer: None,
            not_found: None,
            intents: Vec::new(),
            unmatched: Vec::new(),
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

    /// What the public sees for a filter value.
    pub fn value_label(&self, dim: &str, value: &str) -> String {
        match dim {
            "kind" => DocKind::from_key(value)
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
            let plan = Plan::new(&self.analyzer, &self.synonyms, &self.fillers, w, &[]);
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
