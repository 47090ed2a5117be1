//! Forgiving the way people mistype: a vocabulary of the site's words (domain dictionary, synonym
//! table, words of titles) used to correct one-character slips (渣士车 → 渣土车, 违张建筑 →
//! 违章建筑) and to read pinyin (zhandao jingying → 占道经营).

use std::collections::{HashMap, HashSet};

use pinyin::{ToPinyin, ToPinyinMulti};

use super::analysis::normalize;

/// Longest word considered for correction, in characters.
const MAX_LEN: usize = 6;

/// A word the query probably meant.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Correction {
    pub typed: String,
    pub meant: String,
}

/// The site's words, indexed for one-substitution and pinyin lookup.
#[derive(Debug, Default)]
pub struct Vocabulary {
    words: HashSet<String>,
    /// A word with one character replaced by `*` → the words it comes from.
    neighbours: HashMap<String, Vec<String>>,
    /// Toneless pinyin without spaces → the word (the first one seen wins).
    by_pinyin: HashMap<String, String>,
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// Toneless pinyin of a word, or `None` when a character has none.
fn pinyin_key(word: &str) -> Option<String> {
    let mut key = String::new();
    for p in word.to_pinyin() {
        key.push_str(p?.plain());
    }
    Some(key)
}

/// Whether two characters share a reading (tones ignored): 午/舞, 张/章, 拉/垃.
fn homophones(a: char, b: char) -> bool {
    let (Some(pa), Some(pb)) = (a.to_pinyin_multi(), b.to_pinyin_multi()) else {
        return false;
    };
    pa.into_iter()
        .any(|x| pb.into_iter().any(|y| x.plain() == y.plain()))
}

impl Vocabulary {
    /// Words of 2 to 6 Chinese characters from `words`; others are ignored.
    pub fn new<I, S>(words: I) -> Vocabulary
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut v = Vocabulary::default();
        for w in words {
            let w = normalize(w.as_ref().trim());
            let n = w.chars().count();
            if !(2..=MAX_LEN).contains(&n) || !w.chars().all(is_han) || v.words.contains(&w) {
                continue;
            }
            let chars: Vec<char> = w.chars().collect();
            for i in 0..n {
                v.neighbours
                    .entry(masked(&chars, i))
                    .or_default()
                    .push(w.clone());
            }
            if let Some(key) = pinyin_key(&w) {
                v.by_pinyin.entry(key).or_insert_with(|| w.clone());
            }
            v.words.insert(w);
        }
        v
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Corrections for a query. `occurs(text)` says whether a piece of text appears anywhere in
    /// the index: a window that does occur is never "corrected".
    pub fn corrections(
        &self,
        query: &str,
        mut occurs: impl FnMut(&str) -> bool,
    ) -> Vec<Correction> {
        let folded = normalize(query);
        let mut out: Vec<Correction> = Vec::new();
        // Pinyin: the letters of the query, spaces removed, read as one word.
        let letters: String = folded.chars().filter(char::is_ascii_lowercase).collect();
        if letters.len() >= 4
            && let Some(word) = self.by_pinyin.get(&letters)
        {
            out.push(Correction {
                typed: folded.trim().to_string(),
                meant: word.clone(),
            });
        }
        // One wrong character in a run of Chinese: longest windows first.
        let runs: Vec<Vec<char>> = folded
            .split(|c: char| !is_han(c))
            .filter(|r| r.chars().count() >= 2)
            .map(|r| r.chars().collect())
            .collect();
        for run in runs {
            let mut covered = vec![false; run.len()];
            for len in (2..=MAX_LEN.min(run.len())).rev() {
                for start in 0..=run.len() - len {
                    if covered[start..start + len].iter().all(|c| *c) {
                        continue;
                    }
                    let window = &run[start..start + len];
                    let text: String = window.iter().collect();
                    if self.words.contains(&text) {
                        covered[start..start + len]
                            .iter_mut()
                            .for_each(|c| *c = true);
                        continue;
                    }
                    if let Some(meant) = self.neighbour(window)
                        && !occurs(&text)
                    {
                        covered[start..start + len]
                            .iter_mut()
                            .for_each(|c| *c = true);
                        out.push(Correction { typed: text, meant });
                    }
                }
            }
        }
        out.dedup_by(|a, b| a.meant == b.meant);
        out
    }

    /// The vocabulary word one substitution away: a character that sounds the same (烧考 → 烧烤),
    /// or any character inside a longer word (渣士车 → 渣土车).
    fn neighbour(&self, window: &[char]) -> Option<String> {
        for i in 0..window.len() {
            let Some(cands) = self.neighbours.get(&masked(window, i)) else {
                continue;
            };
            let typed = window[i];
            let mut best: Option<&String> = None;
            for cand in cands {
                let meant = cand.chars().nth(i)?;
                if meant == typed {
                    continue;
                }
                let sounds_same = homophones(typed, meant);
                // A slip that does not sound alike must sit inside a word of three or more
                // characters: at the edge of a window it is more likely a different word
                // (门口能 is not 门口脏).
                let interior = i > 0 && i + 1 < window.len();
                if sounds_same || interior {
                    // Prefer a homophone when there are several.
                    if best.is_none() || sounds_same {
                        best = Some(cand);
                    }
                    if sounds_same {
                        break;
                    }
                }
            }
            if let Some(b) = best {
                return Some(b.clone());
            }
        }
        None
    }
}

fn masked(chars: &[char], i: usize) -> String {
    chars
        .iter()
        .enumerate()
        .map(|(j, c)| if j == i { '*' } else { *c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab() -> Vocabulary {
        Vocabulary::new([
            "渣土车",
            "违章建筑",
            "垃圾",
            "广场舞",
            "烧烤",
            "净化",
            "占道经营",
            "油烟",
            "装修",
        ])
    }

    fn meant(q: &str) -> Vec<String> {
        vocab()
            .corrections(q, |_| false)
            .into_iter()
            .map(|c| c.meant)
            .collect()
    }

    #[test]
    fn one_character_slips_are_corrected() {
        assert_eq!(meant("渣士车"), ["渣土车"]);
        assert_eq!(meant("违张建筑"), ["违章建筑"]);
        assert_eq!(meant("装修拉圾"), ["垃圾"]);
        assert_eq!(meant("广场午太吵"), ["广场舞"]);
        assert_eq!(meant("露天烧考"), ["烧烤"]);
    }

    #[test]
    fn pinyin_is_read() {
        assert_eq!(meant("zhandao jingying"), ["占道经营"]);
        assert_eq!(meant("YouYan"), ["油烟"]);
    }

    #[test]
    fn correct_text_and_text_that_occurs_are_left_alone() {
        assert!(meant("油烟").is_empty());
        assert!(meant("装修垃圾").is_empty());
        // Two characters that do not sound alike are not a slip, nor is a different last one.
        assert!(meant("烧饭").is_empty());
        assert!(
            Vocabulary::new(["门口脏"])
                .corrections("门口能", |_| false)
                .is_empty()
        );
        assert!(vocab().corrections("渣士车", |_| true).is_empty());
    }
}
