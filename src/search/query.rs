//! From what a person typed to a tantivy query: folding and segmenting the words (the raw
//! query string is read by [`super::params`]), expanding lay words through the synonym table,
//! and weighting fields. User input never reaches tantivy's query parser, so quotes, colons and
//! operators are just text.

use std::collections::BTreeSet;

use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, RegexQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::Token;

use super::amounts;
use super::analysis::{self, Analyzer};
use super::correct::Correction;
use super::index::Fields;
use super::intent::FillerTable;
use crate::content::site::Synonym;

pub use super::params::{
    InputError, MAX_PAGE, MAX_QUERY_CHARS, PER_PAGE, Params, parse_params, q_lossy,
};

/// Words that name the agency or the act of asking rather than the matter (城管 is in nearly
/// every spoken question): dropped when the query has other words, searched when alone.
const GENERIC_WORDS: &[&str] = &["城管", "城管局", "执法局", "执法"];

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
            words: words(&analyzer.words(written), &FillerTable::default()),
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
    /// The whole-number tokens of the amounts typed (两千块 → `#2000`), matched against every
    /// spelling of the amount in documents ([`analysis::bigrams`]).
    pub amounts: Vec<String>,
    /// The words the query asks about: jieba's whole words (not the dictionary words stacked
    /// inside them), without fillers, stop words and the generic 城管 words, each once.
    pub core: Vec<String>,
}

impl Plan {
    /// Analyses `q`: corrections first (full weight), then every synonym row the query (or a
    /// correction) triggers; a row adds its legal words not already typed.
    pub fn new(
        analyzer: &Analyzer,
        synonyms: &SynonymTable,
        fillers: &FillerTable,
        q: &str,
        corrections: &[Correction],
    ) -> Plan {
        let normalized = amounts::normalize_query(q);
        let q = normalized.as_str();
        // jieba runs once per query; words, runs and core words all come from its tokens.
        let tokens = analyzer.words(q);
        let runs = Run::all(&without_fillers(q, &tokens, fillers));
        let typed_chars: usize = runs.iter().map(|r| r.text.chars().count()).sum();
        let mut plan = Plan {
            words: words(&tokens, fillers),
            runs,
            amounts: amount_tokens(q),
            core: core_words(&tokens, fillers),
            ..Plan::default()
        };
        let mut folded = analysis::normalize(q);
        let mut seen_legal = BTreeSet::new();
        for c in corrections {
            folded.push(' ');
            folded.push_str(&c.meant);
            seen_legal.insert(c.meant.clone());
            // 要求听正 → 要求听证 searches 听证: the words typed right are searched already.
            let mut meant = Legal::new(analyzer, &c.meant);
            meant.words.retain(|w| !plan.words.contains(w));
            plan.expand(&c.typed, &[&meant], 1.0);
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
        for t in &self.amounts {
            add(Some(term(f.title_grams, t)), 2.0);
            add(Some(term(f.body_grams, t)), 1.0);
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

/// jieba tokens without stop words and fillers, each once; without the generic words too
/// when anything else is left.
fn words(tokens: &[Token], fillers: &FillerTable) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let words: Vec<String> = tokens
        .iter()
        .map(|t| t.text.clone())
        .filter(|t| !fillers.is_filler(t) && seen.insert(t.clone()))
        .collect();
    if words.iter().all(|w| GENERIC_WORDS.contains(&w.as_str())) {
        return words;
    }
    words
        .into_iter()
        .filter(|w| !GENERIC_WORDS.contains(&w.as_str()))
        .collect()
}

/// The whole words among jieba's tokens: the first at each position (the dictionary words
/// inside a word are stacked after it at the same position).
fn whole(tokens: &[Token]) -> impl Iterator<Item = &Token> {
    tokens
        .iter()
        .enumerate()
        .filter(|(i, t)| *i == 0 || tokens[i - 1].position != t.position)
        .map(|(_, t)| t)
}

/// [`Plan::core`]: whole words without fillers, stop words and the generic words, each once.
fn core_words(tokens: &[Token], fillers: &FillerTable) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in whole(tokens) {
        if !fillers.is_filler(&t.text)
            && !GENERIC_WORDS.contains(&t.text.as_str())
            && !out.contains(&t.text)
        {
            out.push(t.text.clone());
        }
    }
    out
}

/// `text` with its filler and stop words (whole words only) blanked out, so they do not glue
/// onto the matter in an exact-substring run: 那个门口摆摊 searches the run 门口摆摊.
fn without_fillers(text: &str, tokens: &[Token], fillers: &FillerTable) -> String {
    let mut out = text.to_string();
    let blanks: Vec<(usize, usize)> = whole(tokens)
        .filter(|t| fillers.is_filler(&t.text))
        .map(|t| (t.offset_from, t.offset_to))
        .collect();
    // From the end, so earlier offsets stay valid.
    for (from, to) in blanks.into_iter().rev() {
        out.replace_range(from..to, " ");
    }
    out
}

/// The whole-number tokens (`#2000`) of a query's amounts, after [`amounts::normalize_query`].
fn amount_tokens(normalized: &str) -> Vec<String> {
    let chars: Vec<char> = normalized.chars().collect();
    let mut seen = Vec::new();
    for a in amounts::find(&chars) {
        let t = format!("{}{}", analysis::NUMBER_PREFIX, a.value);
        if !seen.contains(&t) {
            seen.push(t);
        }
    }
    seen
}

pub(super) fn term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_typed_become_whole_number_tokens_once() {
        assert_eq!(
            amount_tokens("罚了2000元和500元，又罚2000元"),
            vec!["#2000", "#500"]
        );
        assert!(amount_tokens("门口摆摊").is_empty());
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
        let plan = Plan::new(&a, &table, &FillerTable::default(), "门口摆摊怎么办", &[]);
        assert_eq!(plan.expansions[0].lay, "门口摆摊");
        assert!(plan.expansion_words.iter().any(|(w, _)| w == "占道经营"));
        assert!(
            !plan.words.contains(&"怎么办".to_string()),
            "{:?}",
            plan.words
        );
        // The first legal word triggers its row; a later one does not.
        assert_eq!(
            Plan::new(&a, &table, &FillerTable::default(), "占道经营", &[])
                .expansions
                .len(),
            0
        );
        assert!(
            Plan::new(&a, &table, &FillerTable::default(), "招牌", &[])
                .expansions
                .is_empty()
        );
        assert_eq!(
            Plan::new(&a, &table, &FillerTable::default(), "沿街商户", &[]).expansions[0].legal,
            ["招牌"]
        );
    }
}
