//! The index on disk: its schema, writing it from [`SearchDoc`]s, and the manifest that records
//! the analyzer version, the site's dictionary words, synonyms and filter vocabularies, so the
//! server analyses queries exactly as the index was analysed.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy::schema::{
    FAST, Facet, FacetOptions, Field, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions,
};
use tantivy::{Index, IndexWriter, TantivyDocument};

use super::analysis::{ANALYZER_VERSION, Analyzer, BIGRAMS, WORDS};
use super::documents::SearchDoc;
use super::intent::ReferralWords;
use crate::content::Library;
use crate::content::answers::Intent;
use crate::content::site::{PeriodFrom, PeriodMonths, Synonym};

/// The manifest's file name inside the index directory.
pub const MANIFEST: &str = "gongshi-index.json";

/// Written last, read first: what a server must know to use this index.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub analyzer_version: String,
    /// Changes on every build; the server reloads when it sees a new one.
    pub build_id: String,
    pub documents: usize,
    /// Words added to jieba on top of the built-in domain words (from the synonym table).
    pub extra_words: Vec<String>,
    pub synonyms: Vec<Synonym>,
    /// Every value of every filter dimension, for validating requests and labelling facets.
    pub facet_values: BTreeMap<String, BTreeSet<String>>,
    /// Display names of agencies by id.
    pub agency_names: BTreeMap<String, String>,
    /// First lay word of each synonym row and the domains: offered when nothing matches.
    pub suggestions: Vec<String>,
    /// How people ask (`intents.toml`).
    #[serde(default)]
    pub intents: Vec<Intent>,
    /// The words of each referral row (`referrals.toml`).
    #[serde(default)]
    pub referral_words: Vec<ReferralWords>,
    /// Filler words of spoken queries, dropped before searching.
    #[serde(default)]
    pub fillers: Vec<String>,
    /// When decisions are published and for how long: what a search for a decision number
    /// that is not on the site explains.
    #[serde(default)]
    pub decision_rules: DecisionRules,
    /// The site, for the search feed ([`crate::routes::SEARCH_FEED`]): its name, its base
    /// address and the newest date of its content.
    #[serde(default)]
    pub site: SiteIdentity,
}

/// What a search feed says about the site it searches.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct SiteIdentity {
    pub name: String,
    pub base_url: String,
    /// The newest `updated`/published date of any item (`2026-12-06`): when the searched content
    /// last changed.
    pub newest: Option<String>,
}

/// The publication rules a "no such decision" answer states (from site settings).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct DecisionRules {
    /// Working days after the decision by which it is published.
    pub decision_deadline_days: u32,
    /// Working days after a decision is changed or annulled by which it is taken down.
    pub withdrawal_deadline_days: u32,
    pub period_months: PeriodMonths,
    /// The day periods count from.
    pub period_from: PeriodFrom,
    /// Whether 不予处罚 decisions are published one by one.
    pub publish_no_penalty: bool,
}

impl Manifest {
    /// The analyzer this index was written with.
    pub fn analyzer(&self) -> Analyzer {
        Analyzer::new(self.extra_words.iter().map(String::as_str))
    }
}

/// The search API's description with each filter parameter limited to the values this index
/// has (an empty value means "no filter"), so the published spec is exact for the site: a
/// value the spec allows is one the server accepts, and the rest get 400 `unknown_filter`.
pub fn openapi_for(spec: &str, manifest: &Manifest) -> serde_json::Result<String> {
    let mut doc: serde_json::Value = serde_json::from_str(spec)?;
    for path in [
        "/paths/~1api~1search/get/parameters",
        "/paths/~1api~1search.atom/get/parameters",
    ] {
        let Some(params) = doc.pointer_mut(path).and_then(|p| p.as_array_mut()) else {
            continue;
        };
        for p in params {
            let Some(name) = p.get("name").and_then(|n| n.as_str()) else {
                continue;
            };
            let Some(values) = manifest.facet_values.get(name) else {
                continue;
            };
            let allowed: Vec<&str> = std::iter::once("")
                .chain(values.iter().map(String::as_str))
                .collect();
            p["schema"] = serde_json::json!({ "type": "string", "enum": allowed });
        }
    }
    serde_json::to_string_pretty(&doc)
}

/// The schema's fields, looked up once.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub url: Field,
    pub kind: Field,
    pub id: Field,
    pub title: Field,
    pub title_grams: Field,
    pub code: Field,
    /// A decision's id and 文号 only, in bigrams: what a number query must match.
    pub number: Field,
    pub summary: Field,
    pub body: Field,
    pub body_grams: Field,
    pub facets: Field,
    pub weight: Field,
    /// The intent targets a document satisfies (`risk`, `list:risks`, `remedies#review`):
    /// indexed for fetching a target, a fast column for ranking by intent.
    pub targets: Field,
    /// The short answer (JSON of [`Answer`](super::documents::Answer)), stored only.
    pub answer: Field,
    /// The page a document is on (a hash of its address without `#anchor`): a page's
    /// sections do not fill the first results between them.
    pub group: Field,
}

pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = |tokenizer: &str, stored: bool| {
        let opts = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        if stored { opts.set_stored() } else { opts }
    };
    let fields = Fields {
        url: b.add_text_field("url", STRING | STORED),
        kind: b.add_text_field("kind", STRING | STORED),
        id: b.add_text_field("id", STRING | STORED),
        title: b.add_text_field("title", text(WORDS, true)),
        title_grams: b.add_text_field("title_grams", text(BIGRAMS, false)),
        code: b.add_text_field("code", text(BIGRAMS, false)),
        number: b.add_text_field("number", text(BIGRAMS, false)),
        summary: b.add_text_field("summary", STORED),
        body: b.add_text_field("body", text(WORDS, true)),
        body_grams: b.add_text_field("body_grams", text(BIGRAMS, false)),
        facets: b.add_facet_field("facets", FacetOptions::default()),
        weight: b.add_f64_field("weight", FAST | STORED),
        targets: b.add_text_field("targets", STRING | FAST),
        answer: b.add_text_field("answer", STORED),
        group: b.add_u64_field("group", FAST),
    };
    (b.build(), fields)
}

impl Fields {
    pub fn from_schema(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            url: f("url")?,
            kind: f("kind")?,
            id: f("id")?,
            title: f("title")?,
            title_grams: f("title_grams")?,
            code: f("code")?,
            number: f("number")?,
            summary: f("summary")?,
            body: f("body")?,
            body_grams: f("body_grams")?,
            facets: f("facets")?,
            weight: f("weight")?,
            targets: f("targets")?,
            answer: f("answer")?,
            group: f("group")?,
        })
    }
}

/// The page an address is on, as a number (equal for `/remedies/` and `/remedies/#review`).
pub fn page_group(url: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let page = url.split('#').next().unwrap_or(url);
    let mut h = std::hash::DefaultHasher::new();
    page.hash(&mut h);
    h.finish()
}

/// The facet path of one filter value, e.g. `/domain/市容环境`.
pub fn facet(dimension: &str, value: &str) -> Facet {
    Facet::from_path([dimension, value])
}

/// What goes into an index besides the documents.
pub struct IndexInputs<'a> {
    pub synonyms: &'a [Synonym],
    pub agency_names: BTreeMap<String, String>,
    pub domains: &'a [String],
    pub build_id: String,
    pub intents: &'a [Intent],
    pub referral_words: Vec<ReferralWords>,
    pub fillers: &'a [String],
    pub decision_rules: DecisionRules,
    pub site: SiteIdentity,
}

impl<'a> IndexInputs<'a> {
    /// Everything a library gives its index.
    pub fn of(lib: &'a Library, build_id: String) -> IndexInputs<'a> {
        let p = &lib.site.publication;
        IndexInputs {
            synonyms: &lib.synonyms.synonym,
            agency_names: lib
                .agencies
                .iter()
                .map(|a| (a.meta.id.to_string(), a.meta.name.clone()))
                .collect(),
            domains: &lib.site.domains,
            build_id,
            intents: &lib.intents.intent,
            referral_words: lib
                .referrals
                .referral
                .iter()
                .map(|r| ReferralWords {
                    key: r.key.clone(),
                    words: r.words.clone(),
                })
                .collect(),
            fillers: &lib.intents.fillers.words,
            decision_rules: DecisionRules {
                decision_deadline_days: p.decision_deadline_days,
                withdrawal_deadline_days: p.withdrawal_deadline_days,
                period_months: p.period_months.clone(),
                period_from: p.period_from,
                publish_no_penalty: p.publish_no_penalty,
            },
            site: SiteIdentity {
                name: lib.site.name.clone(),
                base_url: lib.site.base_url.clone(),
                newest: crate::content::Kind::ALL
                    .iter()
                    .filter_map(|k| lib.newest(*k))
                    .max()
                    .map(|d| d.iso()),
            },
        }
    }

    /// An index of nothing (a preview before its first good build).
    pub fn empty(build_id: String) -> IndexInputs<'static> {
        IndexInputs {
            synonyms: &[],
            agency_names: BTreeMap::new(),
            domains: &[],
            build_id,
            intents: &[],
            referral_words: Vec::new(),
            fillers: &[],
            decision_rules: DecisionRules::default(),
            site: SiteIdentity::default(),
        }
    }
}

/// Writes a complete index into `dir` (an empty directory), manifest last.
pub fn write(dir: &Path, docs: &[SearchDoc], inputs: IndexInputs<'_>) -> tantivy::Result<Manifest> {
    let (schema, f) = schema();
    let index = Index::create_in_dir(dir, schema)?;
    let extra_words = super::analysis::site_words(inputs.synonyms);
    let analyzer = Analyzer::new(extra_words.iter().map(String::as_str));
    analyzer.register(&index);
    // One indexing thread per 5,000 documents, up to the cores (at most 4), 64 MB each: a small
    // site is indexed by one thread into one segment, so its ranking ties break the same way on
    // every build; memory stays flat at any corpus size.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    let threads = (docs.len() / 5_000 + 1).min(cores);
    let mut writer: IndexWriter = index.writer_with_num_threads(threads, threads * 64_000_000)?;
    let mut facet_values: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for d in docs {
        let mut doc = TantivyDocument::default();
        doc.add_text(f.url, &d.url);
        doc.add_text(f.kind, d.kind.key());
        doc.add_text(f.id, &d.id);
        doc.add_text(f.title, &d.title);
        doc.add_text(f.title_grams, &d.title);
        doc.add_text(f.code, &d.code);
        if !d.number.is_empty() {
            doc.add_text(f.number, &d.number);
        }
        doc.add_text(f.summary, &d.summary);
        doc.add_text(f.body, &d.body);
        doc.add_text(f.body_grams, &d.body);
        for (dim, value) in &d.facets {
            doc.add_facet(f.facets, facet(dim, value));
            facet_values
                .entry((*dim).to_string())
                .or_default()
                .insert(value.clone());
        }
        doc.add_f64(f.weight, f64::from(d.weight));
        doc.add_u64(f.group, page_group(&d.url));
        for t in &d.targets {
            doc.add_text(f.targets, t);
        }
        if let Some(a) = &d.answer {
            doc.add_text(
                f.answer,
                serde_json::to_string(a).map_err(std::io::Error::other)?,
            );
        }
        writer.add_document(doc)?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    let mut suggestions: Vec<String> = inputs
        .synonyms
        .iter()
        .filter_map(|s| s.lay.first().cloned())
        .collect();
    suggestions.extend(inputs.domains.iter().cloned());
    let manifest = Manifest {
        analyzer_version: ANALYZER_VERSION.to_string(),
        build_id: inputs.build_id,
        documents: docs.len(),
        extra_words,
        synonyms: inputs.synonyms.to_vec(),
        facet_values,
        agency_names: inputs.agency_names,
        suggestions,
        intents: inputs.intents.to_vec(),
        referral_words: inputs.referral_words,
        fillers: inputs.fillers.to_vec(),
        decision_rules: inputs.decision_rules,
        site: inputs.site,
    };
    let json = serde_json::to_vec_pretty(&manifest).map_err(std::io::Error::other)?;
    std::fs::write(dir.join(MANIFEST), json)?;
    Ok(manifest)
}
