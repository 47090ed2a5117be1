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

/// Reads a raw query string (`q=...&domain=...&page=2`). Percent-decoding is strict: bytes that
/// are not UTF-8 are an error rather than silently replaced. Unknown parameters are ignored.
pub fn parse_params(raw: Option<&str>, dimensions: &[&str]) -> Result<Params, InputError> {
    let mut params = Params {
        page: 1,
        ..Params::default()
    };
    for pair in raw.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let key = decode(k)?;
        let value = decode(v)?;
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
                    _ => return Err(InputError::BadPage(truncate(v, 20))),
                };
            }
            k if dimensions.contains(&k) => {
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

fn decode(s: &str) -> Result<String, InputError> {
    let plus = s.replace('+', " ");
    percent_decode(plus.as_bytes())
        .decode_utf8()
        .map(|c| c.into_owned())
        .map_err(|_| InputError::InvalidEncoding)
}

fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// A lay word the query contained and the legal words searched for it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Expansion {
    pub lay: String,
    pub legal: Vec<String>,
}

/// The analysed query.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// jieba tokens of the query (sub-words included), stop words removed.
    pub words: Vec<String>,
    /// Letter-and-digit runs, each matched as an exact substring through bigrams.
    pub runs: Vec<String>,
    pub expansions: Vec<Expansion>,
    /// jieba tokens and runs of the legal words from expansions, each with a weight: an
    /// expansion of a word that is only a small part of the query counts for less.
    pub expansion_words: Vec<(String, f32)>,
    pub expansion_runs: Vec<(String, f32)>,
}

impl Plan {
    /// Analyses `q`. A synonym row applies when the query (or a correction of it) contains one
    /// of the row's lay words or its first legal word; its legal words not already typed are
    /// added.
    pub fn new(
        analyzer: &Analyzer,
        synonyms: &[Synonym],
        q: &str,
        corrections: &[Correction],
    ) -> Plan {
        let words = words(analyzer, q);
        let runs = analysis::runs(q);
        let mut folded = analysis::normalize(q);
        for c in corrections {
            folded.push(' ');
            folded.push_str(&c.meant);
        }
        let mut expansions: Vec<Expansion> = corrections
            .iter()
            .map(|c| Expansion {
                lay: c.typed.clone(),
                legal: vec![c.meant.clone()],
            })
            .collect();
        let mut seen_legal: BTreeSet<String> =
            corrections.iter().map(|c| c.meant.clone()).collect();
        for row in synonyms {
            // The first legal word is the row's standard term: typing it also finds the row's
            // other legal words. Later legal words may belong to other topics (开店 → 招牌), so
            // they do not trigger the row.
            let Some(lay) = row
                .lay
                .iter()
                .chain(row.legal.first())
                .filter(|l| folded.contains(&analysis::normalize(l)))
                .max_by_key(|l| l.chars().count())
            else {
                continue;
            };
            let legal: Vec<String> = row
                .legal
                .iter()
                .filter(|l| !folded.contains(&analysis::normalize(l)))
                .filter(|l| seen_legal.insert((*l).clone()))
                .cloned()
                .collect();
            if !legal.is_empty() {
                expansions.push(Expansion {
                    lay: lay.clone(),
                    legal,
                });
            }
        }
        let typed_chars = analysis::runs(q)
            .iter()
            .map(|r| r.chars().count())
            .sum::<usize>();
        let mut expansion_words: Vec<(String, f32)> = Vec::new();
        let mut expansion_runs: Vec<(String, f32)> = Vec::new();
        for (i, e) in expansions.iter().enumerate() {
            let weight = if i < corrections.len() {
                1.0
            } else {
                (e.lay.chars().count() as f32 / typed_chars.max(1) as f32).clamp(0.35, 1.0)
            };
            for legal in &e.legal {
                for w in self::words(analyzer, legal) {
                    add_max(&mut expansion_words, w, weight);
                }
                for r in analysis::runs(legal) {
                    add_max(&mut expansion_runs, r, weight);
                }
            }
        }
        Plan {
            words,
            runs,
            expansions,
            expansion_words,
            expansion_runs,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.runs.is_empty() && self.expansion_words.is_empty()
    }

    /// The text query. Every part is optional (`Should`): a question of ten words still finds
    /// documents that share the important ones, and BM25 ranks documents sharing more first.
    pub fn to_query(&self, f: &Fields) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut add = |q: Box<dyn Query>, boost: f32| {
            clauses.push((Occur::Should, Box::new(BoostQuery::new(q, boost))));
        };
        for w in &self.words {
            add(term(f.title, w), 3.0);
            add(term(f.body, w), 1.0);
        }
        for run in &self.runs {
            if let Some(q) = gram_phrase(f.title_grams, run) {
                add(q, 2.0);
            }
            if let Some(q) = gram_phrase(f.body_grams, run) {
                add(q, 1.0);
            }
            if let Some(q) = gram_phrase(f.code, run) {
                add(q, 6.0);
            }
        }
        // Numbers typed (2026, 23, 0023) match the same numbers in a 文号 exactly; a document
        // whose code has all of them (year and sequence) gets far ahead of one that has one.
        let numbers: Vec<String> = self
            .runs
            .iter()
            .flat_map(|r| analysis::bigrams(r))
            .filter(|t| t.text.starts_with(analysis::NUMBER_PREFIX))
            .map(|t| t.text)
            .collect();
        for n in &numbers {
            add(term(f.code, n), 4.0);
        }
        if numbers.len() >= 2 {
            let all = numbers
                .iter()
                .map(|n| (Occur::Must, term(f.code, n)))
                .collect::<Vec<_>>();
            add(Box::new(BooleanQuery::new(all)), 20.0);
        }
        for (w, weight) in &self.expansion_words {
            add(term(f.title, w), 2.0 * weight);
            add(term(f.body, w), 0.7 * weight);
        }
        for (run, weight) in &self.expansion_runs {
            if let Some(q) = gram_phrase(f.title_grams, run) {
                add(q, 1.5 * weight);
            }
            if let Some(q) = gram_phrase(f.body_grams, run) {
                add(q, 0.7 * weight);
            }
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
}

/// jieba tokens of `text` without stop words.
fn words(analyzer: &Analyzer, text: &str) -> Vec<String> {
    dedup(
        analyzer
            .words(text)
            .into_iter()
            .map(|t| t.text)
            .filter(|t| !STOP_WORDS.contains(&t.as_str()))
            .collect(),
    )
}

/// Adds `word` with `weight`, keeping the larger weight if it is already there.
fn add_max(list: &mut Vec<(String, f32)>, word: String, weight: f32) {
    match list.iter_mut().find(|(w, _)| *w == word) {
        Some((_, w)) => *w = w.max(weight),
        None => list.push((word, weight)),
    }
}

fn dedup(v: Vec<String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    v.into_iter().filter(|s| seen.insert(s.clone())).collect()
}

fn term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

/// The exact-substring query for one run: its bigrams as a phrase (a single bigram or a
/// one-character run is a term).
pub(crate) fn gram_phrase(field: Field, run: &str) -> Option<Box<dyn Query>> {
    let grams: Vec<_> = analysis::bigrams(run)
        .into_iter()
        .filter(|t| !t.text.starts_with(analysis::NUMBER_PREFIX))
        .collect();
    match grams.len() {
        0 => None,
        // One character: itself, or the start of any bigram (吵 finds 吵闹).
        1 if run.chars().count() == 1 => {
            let c = &grams[0].text;
            let mut clauses = vec![(Occur::Should, term(field, c))];
            if c.chars().all(char::is_alphanumeric)
                && let Ok(prefix) = RegexQuery::from_pattern(&format!("{c}."), field)
            {
                clauses.push((Occur::Should, Box::new(prefix) as Box<dyn Query>));
            }
            Some(Box::new(BooleanQuery::new(clauses)))
        }
        1 => Some(term(field, &grams[0].text)),
        _ => Some(Box::new(PhraseQuery::new_with_offset(
            grams
                .iter()
                .map(|g| (g.position, Term::from_field_text(field, &g.text)))
                .collect(),
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DIMS: &[&str] = &["kind", "domain"];

    #[test]
    fn params_decode_strictly() {
        let p = parse_params(Some("q=%E6%91%86%E6%91%8A+x&domain=a&page=2&utm=1"), DIMS).unwrap();
        assert_eq!(p.q, "摆摊 x");
        assert_eq!(p.filters, vec![("domain".to_string(), "a".to_string())]);
        assert_eq!(p.page, 2);
        assert_eq!(
            parse_params(Some("q=%FF%FE"), DIMS),
            Err(InputError::InvalidEncoding)
        );
        assert!(matches!(
            parse_params(Some("page=99999999999999999999999"), DIMS),
            Err(InputError::BadPage(_))
        ));
        assert!(matches!(
            parse_params(Some("page=0"), DIMS),
            Err(InputError::BadPage(_))
        ));
        assert_eq!(
            parse_params(Some("kind=risk&kind=case"), DIMS),
            Err(InputError::RepeatedFilter("kind".into()))
        );
        let long = "摆".repeat(MAX_QUERY_CHARS + 1);
        assert!(matches!(
            parse_params(Some(&format!("q={long}")), DIMS),
            Err(InputError::TooLong { .. })
        ));
        assert_eq!(parse_params(None, DIMS).unwrap().page, 1);
    }

    #[test]
    fn plan_expands_lay_words_and_drops_stop_words() {
        let a = Analyzer::new([]);
        let syn = vec![Synonym {
            lay: vec!["摆摊".into(), "门口摆摊".into()],
            legal: vec!["占道经营".into()],
        }];
        let plan = Plan::new(&a, &syn, "门口摆摊怎么办", &[]);
        assert_eq!(plan.expansions[0].lay, "门口摆摊");
        assert!(plan.expansion_words.iter().any(|(w, _)| w == "占道经营"));
        assert!(
            !plan.words.contains(&"怎么办".to_string()),
            "{:?}",
            plan.words
        );
    }
}
