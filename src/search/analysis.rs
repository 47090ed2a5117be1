//! Chinese text analysis for the index and for queries: normalisation, jieba with the domain
//! dictionary, and character bigrams. This is the one place tokenizers are defined and registered;
//! the indexer and the server both call [`Analyzer::register`].

use std::sync::Arc;

use jieba_rs::Jieba;
use tantivy::Index;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

/// Bumped whenever tokenization changes in a way that makes an old index disagree with queries.
/// The index records it and the server refuses an index with another version.
pub const ANALYZER_VERSION: &str = "gongshi-zh-7";

/// Tokenizer name for the jieba word fields.
pub const WORDS: &str = "gongshi_words";
/// Marks the whole-number token the bigram tokenizer adds for every run of digits.
pub const NUMBER_PREFIX: char = '#';

/// Tokenizer name for the character-bigram fields.
pub const BIGRAMS: &str = "gongshi_bigrams";

/// Words of the domain that jieba's general dictionary splits or lacks (占道 is not in it).
/// Synonym-table words are added on top at index time and recorded in the index manifest.
const DOMAIN_WORDS: &str = include_str!("domain_words.txt");

/// Folds full-width ASCII to half-width, the ideographic space to a space, traditional and
/// variant characters to simplified ([`super::variants`]), and case to lower. One character
/// in, one character out, so offsets map back to the original text.
pub fn fold_char(c: char) -> char {
    let c = match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => super::variants::simplified(c),
    };
    if c.is_ascii_uppercase() {
        c.to_ascii_lowercase()
    } else if c.is_uppercase() {
        c.to_lowercase().next().unwrap_or(c)
    } else {
        c
    }
}

/// The folded form of a whole string (used for queries and synonym matching).
pub fn normalize(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// Characters that separate searchable runs: anything that is not a letter or digit.
fn is_separator(c: char) -> bool {
    !c.is_alphanumeric()
}

/// The shared analysis state: jieba loaded with the domain dictionary and the site's words.
#[derive(Clone)]
pub struct Analyzer {
    jieba: Arc<Jieba>,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer").finish_non_exhaustive()
    }
}

/// The words a site adds to jieba's dictionary: every word of its synonym table, sorted.
/// The index records them in its manifest, so the server, the index writer and
/// `export-search` build the same analyzer.
pub fn site_words(synonyms: &[crate::content::site::Synonym]) -> Vec<String> {
    synonyms
        .iter()
        .flat_map(|s| s.lay.iter().chain(&s.legal))
        .cloned()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

impl Analyzer {
    /// The analyzer of a site with this synonym table (see [`site_words`]).
    pub fn for_site(synonyms: &[crate::content::site::Synonym]) -> Analyzer {
        Analyzer::new(site_words(synonyms).iter().map(String::as_str))
    }

    /// jieba's default dictionary plus the built-in domain words plus `extra_words` (from the
    /// site's synonym table). Loading takes ~0.2 s, so build one and share it.
    pub fn new<'a>(extra_words: impl IntoIterator<Item = &'a str>) -> Analyzer {
        let mut jieba = Jieba::new();
        let builtin = domain_words().map(|w| -> &'a str { w });
        for word in builtin.chain(extra_words) {
            let word = normalize(word.trim());
            // Single characters and phrases with spaces are not dictionary words.
            if word.chars().count() >= 2 && !word.chars().any(is_separator) {
                jieba.add_word(&word, None, None);
            }
        }
        Analyzer {
            jieba: Arc::new(jieba),
        }
    }

    /// Registers both tokenizers on an index. Call before indexing and before searching.
    pub fn register(&self, index: &Index) {
        index
            .tokenizers()
            .register(WORDS, TextAnalyzer::from(WordTokenizer(self.clone())));
        index
            .tokenizers()
            .register(BIGRAMS, TextAnalyzer::from(BigramTokenizer));
    }

    /// jieba search-mode tokens: every precise word at its ordinal position, with the dictionary
    /// words inside it (2 and 3 characters) stacked at the same position, like synonyms. Positions
    /// are ordinals of precise words, not character offsets, so phrase queries work.
    pub fn words(&self, text: &str) -> Vec<Token> {
        let folded_text = normalize(text);
        let byte_at = char_byte_offsets(text);
        let mut out = Vec::new();
        let mut position = 0usize;
        for word in self.jieba.cut(&folded_text, true) {
            if word.word.chars().all(is_separator) {
                continue;
            }
            let chars: Vec<char> = word.word.chars().collect();
            let mut emit = |from: usize, to: usize, s: String| {
                out.push(Token {
                    offset_from: byte_at[word.start + from],
                    offset_to: byte_at[word.start + to],
                    position,
                    text: s,
                    position_length: 1,
                });
            };
            // The whole word first, then its parts by start: offsets never go backwards, which
            // tantivy's snippet generator relies on.
            emit(0, chars.len(), word.word.to_string());
            let mut parts = Vec::new();
            for n in [2usize, 3] {
                if chars.len() > n {
                    for i in 0..=chars.len() - n {
                        let gram: String = chars[i..i + n].iter().collect();
                        if self.jieba.has_word(&gram) {
                            parts.push((i, n, gram));
                        }
                    }
                }
            }
            parts.sort_by_key(|(i, n, _)| (*i, *n));
            for (i, n, gram) in parts {
                emit(i, i + n, gram);
            }
            position += 1;
        }
        out
    }
}

/// Byte offset of every character of `text`, plus the end.
fn char_byte_offsets(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect()
}

/// Overlapping character bigrams of every run of letters, or of digits; a one-character run is
/// one token. A run of digits also gives one whole-number token without leading zeros (`#23`
/// for 0023), stacked on its first position: 第23号 then finds 第0023号 exactly, not every 2023.
/// Positions are ordinals, with a gap between runs so a phrase never spans a break.
pub fn bigrams(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut run: Vec<(usize, char)> = Vec::new();
    let mut position = 0usize;
    let flush = |run: &mut Vec<(usize, char)>, out: &mut Vec<Token>, position: &mut usize| {
        let (Some(&(first, _)), Some(&(last, last_c))) = (run.first(), run.last()) else {
            return;
        };
        let mut push = |from: usize, to: usize, position: usize, text: String| {
            out.push(Token {
                offset_from: from,
                offset_to: to,
                position,
                text,
                position_length: 1,
            })
        };
        let folded: Vec<char> = run.iter().map(|(_, c)| fold_char(*c)).collect();
        if folded[0].is_ascii_digit() {
            let digits: String = folded.iter().collect();
            let trimmed = digits.trim_start_matches('0');
            let number = if trimmed.is_empty() { "0" } else { trimmed };
            push(
                first,
                last + last_c.len_utf8(),
                *position,
                format!("{NUMBER_PREFIX}{number}"),
            );
        }
        if run.len() == 1 {
            push(
                first,
                last + last_c.len_utf8(),
                *position,
                folded[0].to_string(),
            );
            *position += 1;
        }
        for (i, pair) in run.windows(2).enumerate() {
            let ((a_at, _), (b_at, b)) = (pair[0], pair[1]);
            let text = [folded[i], folded[i + 1]].iter().collect();
            push(a_at, b_at + b.len_utf8(), *position, text);
            *position += 1;
        }
        *position += 1;
        run.clear();
    };
    for (at, c) in text.char_indices() {
        let c_folded = fold_char(c);
        if is_separator(c_folded) {
            flush(&mut run, &mut out, &mut position);
            continue;
        }
        // Digits and letters form separate runs: 第0023号 is 第 / 0023 / 号, so 23号 and 0023
        // find it whatever surrounds the number.
        if let Some((_, prev)) = run.last()
            && fold_char(*prev).is_ascii_digit() != c_folded.is_ascii_digit()
        {
            flush(&mut run, &mut out, &mut position);
        }
        run.push((at, c));
    }
    flush(&mut run, &mut out, &mut position);
    add_amounts(text, &mut out);
    out
}

/// Adds the whole-number token of every amount not written in plain digits (二千元, 2,000元,
/// 1.5万元: see [`super::amounts`]), stacked on the first token of its number, so an amount
/// finds its other spellings. Offsets stay in order.
fn add_amounts(text: &str, out: &mut Vec<Token>) {
    let folded: Vec<char> = text.chars().map(fold_char).collect();
    let amounts = super::amounts::find(&folded);
    if amounts.iter().all(|a| a.plain_digits) {
        return;
    }
    let byte_at = char_byte_offsets(text);
    for a in amounts.into_iter().filter(|a| !a.plain_digits) {
        let (from, to) = (byte_at[a.start], byte_at[a.end]);
        let Some(at) = out.iter().position(|t| t.offset_from >= from) else {
            continue;
        };
        let token = Token {
            offset_from: from,
            offset_to: to,
            position: out[at].position,
            text: format!("{NUMBER_PREFIX}{}", a.value),
            position_length: 1,
        };
        out.insert(at, token);
    }
}

/// The runs of a query as [`bigrams`] sees them (letters, or digits, between separators),
/// folded: each becomes one bigram phrase.
pub fn runs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run = String::new();
    for c in normalize(text).chars() {
        let boundary = is_separator(c)
            || run
                .chars()
                .last()
                .is_some_and(|p| p.is_ascii_digit() != c.is_ascii_digit());
        if boundary && !run.is_empty() {
            out.push(std::mem::take(&mut run));
        }
        if !is_separator(c) {
            run.push(c);
        }
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

/// The built-in domain words (for the correction vocabulary).
pub fn domain_words() -> impl Iterator<Item = &'static str> {
    DOMAIN_WORDS
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

#[derive(Clone)]
struct WordTokenizer(Analyzer);

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream::new(self.0.words(text))
    }
}

#[derive(Clone)]
struct BigramTokenizer;

impl Tokenizer for BigramTokenizer {
    type TokenStream<'a> = VecTokenStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream::new(bigrams(text))
    }
}

/// Tokens computed up front; both tokenizers need look-ahead, so streaming gains nothing.
pub struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl VecTokenStream {
    fn new(tokens: Vec<Token>) -> Self {
        VecTokenStream { tokens, next: 0 }
    }
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(tokens: &[Token]) -> Vec<(String, usize)> {
        tokens
            .iter()
            .map(|t| (t.text.clone(), t.position))
            .collect()
    }

    #[test]
    fn domain_words_stay_whole_and_sub_words_stack() {
        let a = Analyzer::new([]);
        let t = a.words("禁止占道经营");
        let words: Vec<_> = t.iter().map(|t| t.text.as_str()).collect();
        assert!(words.contains(&"占道经营"), "{words:?}");
        assert!(words.contains(&"经营"), "{words:?}");
        let whole = t.iter().find(|t| t.text == "占道经营").unwrap();
        let part = t.iter().find(|t| t.text == "经营").unwrap();
        assert_eq!(whole.position, part.position);
        assert_eq!(
            &"禁止占道经营"[whole.offset_from..whole.offset_to],
            "占道经营"
        );
    }

    #[test]
    fn offsets_never_go_backwards() {
        let a = Analyzer::new([]);
        let t = a.words("餐饮油烟净化设施不正常使用，中国农业发展银行");
        for pair in t.windows(2) {
            assert!(
                pair[0].offset_from <= pair[1].offset_from,
                "{:?}",
                texts(&t)
            );
            assert!(pair[0].position <= pair[1].position);
        }
        assert!(t.iter().any(|t| t.text == "农业"), "{:?}", texts(&t));
    }

    #[test]
    fn positions_are_ordinals_and_offsets_point_into_the_original() {
        let a = Analyzer::new([]);
        let text = "ＡＢＣ店 门口摆摊";
        let t = a.words(text);
        let max = t.iter().map(|t| t.position).max().unwrap();
        assert!(max < 6, "{:?}", texts(&t));
        for tok in &t {
            assert_eq!(normalize(&text[tok.offset_from..tok.offset_to]), tok.text);
        }
        assert!(t.iter().any(|t| t.text == "abc"), "{:?}", texts(&t));
    }

    #[test]
    fn runs_match_what_bigrams_index() {
        assert_eq!(runs("2026年23号，处罚"), ["2026", "年", "23", "号", "处罚"]);
    }

    #[test]
    fn amounts_get_their_whole_number_in_any_spelling() {
        // 二千元 and 2,000元 both carry #2000 at the first token of their number; plain
        // 2000元 has it from its digit run already (once, not twice).
        let t = bigrams("处二千元以上");
        let pos = |t: &[Token], s: &str| {
            t.iter()
                .filter(|x| x.text == s)
                .map(|x| x.position)
                .collect::<Vec<_>>()
        };
        assert_eq!(pos(&t, "#2000"), vec![pos(&t, "二千")[0]]);
        let t = bigrams("罚款2,000元");
        assert_eq!(pos(&t, "#2000").len(), 1);
        assert_eq!(
            bigrams("罚款2000元")
                .iter()
                .filter(|x| x.text == "#2000")
                .count(),
            1
        );
        // Offsets never go backwards after the insertion.
        let t = bigrams("处二百元以上二千元以下罚款，或者1.5万元");
        assert!(t.windows(2).all(|w| w[0].offset_from <= w[1].offset_from));
        assert!(t.iter().any(|x| x.text == "#15000"));
    }

    #[test]
    fn bigrams_fold_and_break_at_punctuation() {
        let t = bigrams("ＳＣ-2026，罚第07号");
        assert_eq!(
            texts(&t),
            vec![
                ("sc".into(), 0),
                ("#2026".into(), 2),
                ("20".into(), 2),
                ("02".into(), 3),
                ("26".into(), 4),
                ("罚第".into(), 6),
                ("#7".into(), 8),
                ("07".into(), 8),
                ("号".into(), 10),
            ]
        );
        assert_eq!(&"ＳＣ-2026，罚"[t[0].offset_from..t[0].offset_to], "ＳＣ");
    }
}
