//! Search quality on the sample site: MRR@10 and recall@5 over the lay query set in
//! `tests/search/queries.toml`, for gongshi's index and for a plain single-field jieba baseline.
//! Fails when quality drops below the floors; raise them as quality improves.

use std::collections::BTreeMap;
use std::path::Path;

use gongshi::search::documents::{self, SearchDoc};
use gongshi::search::engine::{Engine, Request};
use serde::Deserialize;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value};
use tantivy::tokenizer::TokenStream;
use tantivy::{Index, TantivyDocument};

/// Floors for gongshi's index on the full set (see docs/search.md for the measured values).
const MIN_MRR: f64 = 0.80;
const MIN_RECALL: f64 = 0.82;

#[derive(Deserialize)]
struct QuerySet {
    query: Vec<Query>,
}

#[derive(Deserialize)]
struct Query {
    q: String,
    #[allow(dead_code)]
    who: String,
    style: String,
    expect: Vec<String>,
}

#[derive(Default, Clone, Copy)]
struct Score {
    n: usize,
    rr: f64,
    recall: f64,
}

impl Score {
    fn add(&mut self, expect: &[String], ranked: &[String]) -> (f64, f64) {
        let rr = ranked
            .iter()
            .take(10)
            .position(|u| expect.contains(u))
            .map_or(0.0, |i| 1.0 / (i + 1) as f64);
        let found = expect
            .iter()
            .filter(|e| ranked.iter().take(5).any(|u| u == *e))
            .count();
        let recall = found as f64 / expect.len() as f64;
        self.n += 1;
        self.rr += rr;
        self.recall += recall;
        (rr, recall)
    }
    fn mrr(&self) -> f64 {
        self.rr / self.n.max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.recall / self.n.max(1) as f64
    }
}

fn sample_docs() -> (gongshi::content::Library, Vec<SearchDoc>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let checked = gongshi::publish::check(&root.join("content"));
    assert_eq!(checked.errors, 0, "sample content must be valid");
    let mut lib = checked.library.unwrap();
    // What the site publishes on a fixed day (the query set was written on 2026-11-22).
    gongshi::legal_time::publication::take_down_expired(
        &mut lib,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap(),
    );
    let docs = documents::documents(&gongshi::content::links::Links::build(&lib));
    (lib, docs)
}

/// gongshi's own index of the sample site, in a temp dir.
fn gongshi_engine(
    lib: &gongshi::content::Library,
    docs: &[SearchDoc],
) -> (tempfile::TempDir, Engine) {
    let dir = tempfile::tempdir().unwrap();
    gongshi::search::index::write(
        dir.path(),
        docs,
        gongshi::search::index::IndexInputs {
            synonyms: &lib.synonyms.synonym,
            agency_names: Default::default(),
            domains: &lib.site.domains,
            build_id: "quality".into(),
        },
    )
    .unwrap();
    let engine = Engine::open(dir.path()).unwrap();
    (dir, engine)
}

/// The baseline: title and body in one field, tantivy-jieba's tokenizer, tantivy's query parser.
struct Baseline {
    index: Index,
    text: tantivy::schema::Field,
    url: tantivy::schema::Field,
}

impl Baseline {
    fn new(docs: &[SearchDoc]) -> Baseline {
        let mut b = Schema::builder();
        let text = b.add_text_field(
            "text",
            TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer("jieba")
                    .set_index_option(tantivy::schema::IndexRecordOption::WithFreqsAndPositions),
            ),
        );
        let url = b.add_text_field("url", STRING | STORED);
        let index = Index::create_in_ram(b.build());
        index
            .tokenizers()
            .register("jieba", tantivy_jieba::JiebaTokenizer::new());
        // One thread, one segment: ties rank the same way on every run.
        let mut w = index.writer_with_num_threads(1, 50_000_000).unwrap();
        for d in docs {
            let mut doc = TantivyDocument::default();
            doc.add_text(text, format!("{}\n{}", d.title, d.body));
            doc.add_text(url, &d.url);
            w.add_document(doc).unwrap();
        }
        w.commit().unwrap();
        Baseline { index, text, url }
    }

    /// `parser`: tantivy's query parser, as a first integration would use it (a term that
    /// segments into several words becomes a phrase). Otherwise every jieba token is an optional
    /// term: the fairer baseline.
    fn search(&self, q: &str, parser: bool) -> Vec<String> {
        let query: Box<dyn tantivy::query::Query> = if parser {
            QueryParser::for_index(&self.index, vec![self.text])
                .parse_query_lenient(q)
                .0
        } else {
            let mut tokenizer = self.index.tokenizer_for_field(self.text).unwrap();
            let mut stream = tokenizer.token_stream(q);
            let mut terms = Vec::new();
            while let Some(t) = stream.next() {
                terms.push(tantivy::Term::from_field_text(self.text, &t.text));
            }
            Box::new(tantivy::query::BooleanQuery::new_multiterms_query(terms))
        };
        let searcher = self.index.reader().unwrap().searcher();
        let top = searcher
            .search(&query, &TopDocs::with_limit(10).order_by_score())
            .unwrap();
        top.into_iter()
            .map(|(_, addr)| {
                let doc: TantivyDocument = searcher.doc(addr).unwrap();
                doc.get_first(self.url)
                    .and_then(|v| v.as_str())
                    .unwrap()
                    .to_string()
            })
            .collect()
    }
}

fn gongshi_search(engine: &Engine, q: &str) -> Vec<String> {
    let r = engine
        .search(&Request {
            q: q.to_string(),
            filters: vec![],
            page: 1,
        })
        .unwrap();
    r.hits.into_iter().map(|h| h.url).collect()
}

#[test]
fn quality_on_lay_queries_beats_the_baseline_and_the_floor() {
    let set: QuerySet = toml::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/search/queries.toml"),
        )
        .unwrap(),
    )
    .unwrap();
    assert!(
        set.query.len() >= 80,
        "the set has {} queries",
        set.query.len()
    );
    let (lib, docs) = sample_docs();
    let urls: std::collections::HashSet<&str> = docs.iter().map(|d| d.url.as_str()).collect();
    for q in &set.query {
        for e in &q.expect {
            assert!(
                urls.contains(e.as_str()),
                "query {:?} expects {e}, which is not indexed",
                q.q
            );
        }
    }
    let (_dir, engine) = gongshi_engine(&lib, &docs);
    let baseline = Baseline::new(&docs);

    let mut ours: BTreeMap<String, Score> = BTreeMap::new();
    let mut base: BTreeMap<String, Score> = BTreeMap::new();
    let mut parsed: BTreeMap<String, Score> = BTreeMap::new();
    let mut misses = Vec::new();
    for q in &set.query {
        let ranked = gongshi_search(&engine, &q.q);
        for key in ["全部".to_string(), q.style.clone()] {
            let (rr, recall) = ours.entry(key.clone()).or_default().add(&q.expect, &ranked);
            if key == "全部" && (rr < 1.0 || recall < 1.0) {
                misses.push(format!(
                    "  {:<16} rr={rr:.2} r@5={recall:.2} expect={:?} got={:?}",
                    q.q,
                    q.expect,
                    ranked.iter().take(5).collect::<Vec<_>>()
                ));
            }
            base.entry(key.clone())
                .or_default()
                .add(&q.expect, &baseline.search(&q.q, false));
            parsed
                .entry(key)
                .or_default()
                .add(&q.expect, &baseline.search(&q.q, true));
        }
    }
    let mut report = String::from(
        "| 写法 | 查询数 | gongshi MRR@10 | gongshi recall@5 | 单字段jieba MRR@10 | 单字段jieba recall@5 | 同上+查询解析器 MRR@10 | 同上+查询解析器 recall@5 |\n|---|---|---|---|---|---|---|---|\n",
    );
    for (style, s) in &ours {
        let (b, p) = (base[style], parsed[style]);
        report.push_str(&format!(
            "| {style} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} |\n",
            s.n,
            s.mrr(),
            s.recall(),
            b.mrr(),
            b.recall(),
            p.mrr(),
            p.recall()
        ));
    }
    eprintln!("{report}");
    if std::env::var_os("GONGSHI_QUALITY_VERBOSE").is_some() {
        eprintln!("not perfect:\n{}", misses.join("\n"));
    }
    let all = ours["全部"];
    let b = base["全部"];
    assert!(
        all.mrr() >= MIN_MRR && all.recall() >= MIN_RECALL,
        "quality fell: MRR@10 {:.3} (floor {MIN_MRR}), recall@5 {:.3} (floor {MIN_RECALL})\n{report}",
        all.mrr(),
        all.recall()
    );
    assert!(
        all.mrr() > b.mrr() && all.recall() > b.recall(),
        "gongshi must beat the single-field jieba baseline\n{report}"
    );
}
