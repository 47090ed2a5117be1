//! From what a person typed to a tantivy query: reading the raw query string safely, folding and
//! segmenting the words, expanding lay words through the synonym table, and weighting fields.
//! User input never reaches tantivy's query parser, so quotes, colons and operators are just text.

use std::collections::BTreeSet;

use percent_encoding::percent_decode;
use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, RegexQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

use super::analysis::{self, Analyzer};
use super::correct::Correction;
use super::index::Fields;
use crate::content::kinds::search_doc::DIMENSIONS;
use crate::content::site::Synonym;

/// Longest query accepted, in characters; longer ones get a clear message, not a slow search.
pub const MAX_QUERY_CHARS: usize = 100;
/// Results per page.
pub const PER_PAGE: usize = 10;
/// Deepest page served: nobody reads past result 500, and deep pages cost memory.
pub const MAX_PAGE: usize = 50;

/// Words dropped from questions: they carry no topic (怎么办, 吗, 我).
const STOP_WORDS: &[&str] = &[
    "的",
    "了",
    "吗",
    "呢",
    "吧",
    "啊",
    "呀",
    "么",
    "我",
    "我们",
    "你",
    "您",
    "他",
    "她",
    "它",
    "在",
    "是",
    "有",
    "被",
    "把",
    "和",
    "与",
    "或",
    "及",
    "就",
    "都",
    "也",
    "还",
    "又",
    "这",
    "那",
    "个",
    "一",
    "不",
    "没",
    "要",
    "会",
    "能",
    "可以",
    "可",
    "怎么",
    "怎么办",
    "怎样",
    "如何",
    "什么",
    "为什么",
    "哪里",
    "哪儿",
    "多少",
    "请问",
    "咨询",
    "一下",
    "是否",
    "吗?",
];

/// Parameters as received, before they are checked against the index's vocabularies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    pub q: String,
    /// `(dimension, value)` in request order; at most one value per dimension.
    pub filters: Vec<(String, String)>,
    pub page: usize,
}

/// Why a request cannot be answered as asked. Each has a stable code and a Chinese message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("搜索内容含有无法识别的字符，请重新输入")]
    InvalidEncoding,
    #[error("搜索内容太长（{chars} 个字），请控制在 {max} 个字以内")]
    TooLong { chars: usize, max: usize },
    #[error("页码“{0}”无效，页码应为 1 到 {max} 之间的整数", max = MAX_PAGE)]
    BadPage(String),
    #[error("筛选条件“{dimension}={value}”不存在，请从页面上的筛选项中选择")]
    UnknownFilter { dimension: String, value: String },
    #[error("同一筛选条件“{0}”只能选择一个值")]
    RepeatedFilter(String),
}

impl InputError {
    /// Stable machine-readable code, used by the JSON API.
    pub fn code(&self) -> &'static str {
        match self {
            InputError::InvalidEncoding => "invalid_encoding",
            InputError::TooLong { .. } => "query_too_long",
            InputError::BadPage(_) => "bad_page",
            InputError::UnknownFilter { .. } => "unknown_filter",
            InputError::RepeatedFilter(_) => "repeated_filter",
        }
    }
}

/// The `key=value` pairs of a raw query string, percent-decoded with `decode`.
fn pairs<T>(raw: Option<&str>, decode: impl Fn(&str) -> T) -> impl Iterator<Item = (T, T)> {
    raw.unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(move |pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
}

fn plus_as_space(s: &str) -> String {
    s.replace('+', " ")
}

/// Reads a raw query string (`q=...&domain=...&page=2`). Percent-decoding is strict: bytes that
/// are not UTF-8 are an error rather than silently replaced. Filters are the dimensions of
/// [`DIMENSIONS`]; unknown parameters are ignored.
pub fn parse_params(raw: Option<&str>) -> Result<Params, InputError> {
    let strict = |s: &str| {
        percent_decode(plus_as_space(s).as_bytes())
            .decode_utf8()
            .map(|c| c.into_owned())
            .map_err(|_| InputError::InvalidEncoding)
    };
    let mut decoded = Vec::new();
    for (key, value) in pairs(raw, strict) {
        decoded.push((key?, value?));
    }
    Params::from_pairs(decoded)
}

impl Params {
    /// Parameters from decoded (key, value) pairs, with every input limit both front ends
    /// share: the query's length (then trimmed), the page range, one value per filter
    /// dimension (empty values ignored). Unknown keys are ignored.
    pub fn from_pairs(
        pairs: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Params, InputError> {
        let mut params = Params {
            page: 1,
            ..Params::default()
        };
        for (key, value) in pairs {
            match key.as_str() {
                "q" => {
                    let chars = value.chars().count();
                    if chars > MAX_QUERY_CHARS {
                        return Err(InputError::TooLong {
                            chars,
                            max: MAX_QUERY_CHARS,
                        });
                    }
                    params.q = value.trim().to_string();
                }
                "page" => {
                    let v = value.trim();
                    params.page = match v.parse::<usize>() {
                        Ok(n) if (1..=MAX_PAGE).contains(&n) => n,
                        _ if v.is_empty() => 1,
                        _ => return Err(InputError::BadPage(v.chars().take(20).collect())),
                    };
                }
                k if DIMENSIONS.iter().any(|(d, _)| *d == k) => {
                    let value = value.trim().to_string();
                    if value.is_empty() {
                        continue;
                    }
                    if params.filters.iter().any(|(d, _)| d == k) {
                        return Err(InputError::RepeatedFilter(k.to_string()));
                    }
                    params.filters.push((k.to_string(), value));
                }
                _ => {}
            }
        }
        Ok(params)
    }
}

/// The `q` of a query string that [`parse_params`] refused, decoded leniently, to put back in
/// the search box next to the error.
pub fn q_lossy(raw: Option<&str>) -> String {
    let lossy = |s: &str| {
        percent_decode(plus_as_space(s).as_bytes())
            .decode_utf8_lossy()
            .into_owned()
    };
    pairs(raw, lossy)
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v.chars().take(MAX_QUERY_CHARS).collect())
        .unwrap_or_default()
}

/// A lay word the query contained and the legal words searched for it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Expansion {
    pub lay: String,
    pub legal: Vec<String>,
}

/// One run of letters or digits, tokenized once: its bigrams at ordinal positions and, for a
/// number, its whole-number token.
#[derive(Debug, Clone)]
pub struct Run {
    pub text: String,
    grams: Vec<(usize, String)>,
    number: Option<String>,
}

impl Run {
    pub fn new(text: &str) -> Run {
        let mut grams = Vec::new();
        let mut number = None;
        for t in analysis::bigrams(text) {
            if t.text.starts_with(analysis::NUMBER_PREFIX) {
                number = Some(t.text);
            } else {
                grams.push((t.position, t.text));
            }
        }
        Run {
            text: text.to_string(),
            grams,
            number,
        }
    }

    /// The runs of a query as the bigram fields index them.
    pub fn all(text: &str) -> Vec<Run> {
        analysis::runs(text).iter().map(|r| Run::new(r)).collect()
    }

    /// The bigram terms, for highlighting.
    pub fn gram_terms(&self) -> impl Iterator<Item = &str> {
        self.grams.iter().map(|(_, g)| g.as_str())
    }

    /// The exact-substring query in `field`: the bigrams as a phrase; a single bigram is a
    /// term, and a single character also matches every bigram starting with it (吵 → 吵闹).
    pub fn query(&self, field: Field) -> Option<Box<dyn Query>> {
        match self.grams.as_slice() {
            [] => None,
            [(_, c)] if self.text.chars().count() == 1 => {
                let mut clauses = vec![(Occur::Should, term(field, c))];
                if c.chars().all(char::is_alphanumeric)
                    && let Ok(prefix) = RegexQuery::from_pattern(&format!("{c}."), field)
                {
                    clauses.push((Occur::Should, Box::new(prefix) as Box<dyn Query>));
                }
                Some(Box::new(BooleanQuery::new(clauses)))
            }
            [(_, g)] => Some(term(field, g)),
            grams => Some(Box::new(PhraseQuery::new_with_offset(
                grams
                    .iter()
                    .map(|(pos, g)| (*pos, Term::from_field_text(field, g)))
                    .collect(),
            ))),
        }
    }
}

/// A legal word of the synonym table (or a correction), analysed once.
#[derive(Debug, Clone)]
struct Legal {
    written: String,
    folded: String,
    words: Vec<String>,
    runs: Vec<Run>,
}

impl Legal {
    fn new(analyzer: &Analyzer, written: &str) -> Legal {
        Legal {
            written: written.to_string(),
            folded: analysis::normalize(written),
            words: words(analyzer, written),
            runs: Run::all(written),
        }
    }
}

#[derive(Debug, Clone)]
struct Row {
    /// (folded, as written): the lay words and the first legal word.
    triggers: Vec<(String, String)>,
    legal: Vec<Legal>,
}

/// The synonym table prepared once per index: folded, with every legal word already segmented,
/// so a query only does substring checks.
#[derive(Debug, Clone, Default)]
pub struct SynonymTable {
    rows: Vec<Row>,
}

impl SynonymTable {
    /// A row triggers on its lay words and on its first legal word, the row's standard term:
    /// later legal words may belong to other topics (开店 → 招牌), so they do not trigger it.
    pub fn new(analyzer: &Analyzer, synonyms: &[Synonym]) -> SynonymTable {
        let rows = synonyms
            .iter()
            .map(|row| Row {
                triggers: row
                    .lay
                    .iter()
                    .chain(row.legal.first())
                    .map(|w| (analysis::normalize(w), w.clone()))
                    .collect(),
                legal: row.legal.iter().map(|w| Legal::new(analyzer, w)).collect(),
            })
            .collect();
        SynonymTable { rows }
    }

    /// Every word of the table, lay and legal, as written.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.rows.iter().flat_map(|r| {
            r.triggers
                .iter()
                .map(|(_, w)| w.as_str())
                .chain(r.legal.iter().map(|l| l.written.as_str()))
        })
    }
}

/// The analysed query.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// jieba tokens of the query (sub-words included), stop words removed.
    pub words: Vec<String>,
    /// Letter-and-digit runs, each matched as an exact substring through bigrams.
    pub runs: Vec<Run>,
    pub expansions: Vec<Expansion>,
    /// jieba tokens and runs of the legal words from expansions, each with a weight: an
    /// expansion of a word that is only a small part of the query counts for less.
    pub expansion_words: Vec<(String, f32)>,
    pub expansion_runs: Vec<(Run, f32)>,
}

impl Plan {
    /// Analyses `q`: corrections first (full weight), then every synonym row the query (or a
    /// correction) triggers; a row adds its legal words not already typed.
    pub fn new(
        analyzer: &Analyzer,
        synonyms: &SynonymTable,
        q: &str,
        corrections: &[Correction],
    ) -> Plan {
        let runs = Run::all(q);
        let typed_chars: usize = runs.iter().map(|r| r.text.chars().count()).sum();
        let mut plan = Plan {
            words: words(analyzer, q),
            runs,
            ..Plan::default()
        };
        let mut folded = analysis::normalize(q);
        let mut seen_legal = BTreeSet::new();
        for c in corrections {
            folded.push(' ');
            folded.push_str(&c.meant);
            seen_legal.insert(c.meant.clone());
            plan.expand(&c.typed, &[&Legal::new(analyzer, &c.meant)], 1.0);
        }
        for row in &synonyms.rows {
            let Some((_, lay)) = row
                .triggers
                .iter()
                .filter(|(f, _)| folded.contains(f.as_str()))
                .max_by_key(|(f, _)| f.chars().count())
            else {
                continue;
            };
            let legal: Vec<&Legal> = row
                .legal
                .iter()
                .filter(|l| !folded.contains(&l.folded))
                .filter(|l| seen_legal.insert(l.written.clone()))
                .collect();
            if !legal.is_empty() {
                let weight =
                    (lay.chars().count() as f32 / typed_chars.max(1) as f32).clamp(0.35, 1.0);
                plan.expand(lay, &legal, weight);
            }
        }
        plan
    }

    fn expand(&mut self, lay: &str, legal: &[&Legal], weight: f32) {
        for l in legal {
            for w in &l.words {
                match self.expansion_words.iter_mut().find(|(x, _)| x == w) {
                    Some((_, old)) => *old = old.max(weight),
                    None => self.expansion_words.push((w.clone(), weight)),
                }
            }
            for r in &l.runs {
                match self
                    .expansion_runs
                    .iter_mut()
                    .find(|(x, _)| x.text == r.text)
                {
                    Some((_, old)) => *old = old.max(weight),
                    None => self.expansion_runs.push((r.clone(), weight)),
                }
            }
        }
        self.expansions.push(Expansion {
            lay: lay.to_string(),
            legal: legal.iter().map(|l| l.written.clone()).collect(),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.runs.is_empty() && self.expansion_words.is_empty()
    }

    /// The text query. Every part is optional (`Should`): a question of ten words still finds
    /// documents that share the important ones, and BM25 ranks documents sharing more first.
    pub fn to_query(&self, f: &Fields) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut add = |q: Option<Box<dyn Query>>, boost: f32| {
            if let Some(q) = q {
                clauses.push((Occur::Should, Box::new(BoostQuery::new(q, boost))));
            }
        };
        for w in &self.words {
            add(Some(term(f.title, w)), 3.0);
            add(Some(term(f.body, w)), 1.0);
        }
        for run in &self.runs {
            add(run.query(f.title_grams), 2.0);
            add(run.query(f.body_grams), 1.0);
            add(run.query(f.code), 6.0);
        }
        // Numbers typed (2026, 23, 0023) match the same numbers in a 文号 exactly; a document
        // whose code has all of them (year and sequence) gets far ahead of one that has one.
        let numbers: Vec<&String> = self.runs.iter().filter_map(|r| r.number.as_ref()).collect();
        for n in &numbers {
            add(Some(term(f.code, n)), 4.0);
        }
        if numbers.len() >= 2 {
            let all = numbers
                .iter()
                .map(|n| (Occur::Must, term(f.code, n)))
                .collect::<Vec<_>>();
            add(Some(Box::new(BooleanQuery::new(all))), 20.0);
        }
        for (w, weight) in &self.expansion_words {
            add(Some(term(f.title, w)), 2.0 * weight);
            add(Some(term(f.body, w)), 0.7 * weight);
        }
        for (run, weight) in &self.expansion_runs {
            add(run.query(f.title_grams), 1.5 * weight);
            add(run.query(f.body_grams), 0.7 * weight);
        }
        Box::new(BooleanQuery::new(clauses))
    }

    /// Words to highlight in snippets of the word field.
    pub fn highlight_words(&self) -> BTreeSet<String> {
        self.words
            .iter()
            .chain(self.expansion_words.iter().map(|(w, _)| w))
            .cloned()
            .collect()
    }

    /// Bigrams to highlight when no word matched (words jieba does not know).
    pub fn highlight_grams(&self) -> BTreeSet<String> {
        self.runs
            .iter()
            .chain(self.expansion_runs.iter().map(|(r, _)| r))
            .flat_map(Run::gram_terms)
            .map(str::to_string)
            .collect()
    }
}

/// jieba tokens of `text` without stop words, each once.
fn words(analyzer: &Analyzer, text: &str) -> Vec<String> {
    let mut seen = BTreeSet::new();
    analyzer
        .words(text)
        .into_iter()
        .map(|t| t.text)
        .filter(|t| !STOP_WORDS.contains(&t.as_str()) && seen.insert(t.clone()))
        .collect()
}

fn term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_decode_strictly() {
        let p = parse_params(Some("q=%E6%91%86%E6%91%8A+x&domain=a&page=2&utm=1")).unwrap();
        assert_eq!(p.q, "摆摊 x");
        assert_eq!(p.filters, vec![("domain".to_string(), "a".to_string())]);
        assert_eq!(p.page, 2);
        assert_eq!(
            parse_params(Some("q=%FF%FE")),
            Err(InputError::InvalidEncoding)
        );
        assert!(matches!(
            parse_params(Some("page=99999999999999999999999")),
            Err(InputError::BadPage(_))
        ));
        assert!(matches!(
            parse_params(Some("page=0")),
            Err(InputError::BadPage(_))
        ));
        assert_eq!(
            parse_params(Some("kind=risk&kind=case")),
            Err(InputError::RepeatedFilter("kind".into()))
        );
        let long = "摆".repeat(MAX_QUERY_CHARS + 1);
        assert!(matches!(
            parse_params(Some(&format!("q={long}"))),
            Err(InputError::TooLong { .. })
        ));
        assert_eq!(parse_params(None).unwrap().page, 1);
        // What was typed goes back into the search box, whatever the error.
        assert_eq!(q_lossy(Some("page=x&q=%E6%91%86+%FF")), "摆 \u{FFFD}");
    }

    #[test]
    fn plan_expands_lay_words_and_drops_stop_words() {
        let a = Analyzer::new([]);
        let syn = vec![
            Synonym {
                lay: vec!["摆摊".into(), "门口摆摊".into()],
                legal: vec!["占道经营".into()],
            },
            Synonym {
                lay: vec!["开店".into()],
                legal: vec!["沿街商户".into(), "招牌".into()],
            },
        ];
        let table = SynonymTable::new(&a, &syn);
        let plan = Plan::new(&a, &table, "门口摆摊怎么办", &[]);
        assert_eq!(plan.expansions[0].lay, "门口摆摊");
        assert!(plan.expansion_words.iter().any(|(w, _)| w == "占道经营"));
        assert!(
            !plan.words.contains(&"怎么办".to_string()),
            "{:?}",
            plan.words
        );
        // The first legal word triggers its row; a later one does not.
        assert_eq!(Plan::new(&a, &table, "占道经营", &[]).expansions.len(), 0);
        assert!(Plan::new(&a, &table, "招牌", &[]).expansions.is_empty());
        assert_eq!(
            Plan::new(&a, &table, "沿街商户", &[]).expansions[0].legal,
            ["招牌"]
        );
    }
}
