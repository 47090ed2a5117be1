//! Labels before a value (`护照号码：`, `微信号为`, `QQ（号码`): the word lists the labelled
//! detectors (passports, WeChat, QQ, VINs, health, minors …) look for, found by their last
//! character in one pass, and the connective text between a label and its value.

use super::*;

/// A list of label words, looked up by the character they end with.
pub(super) struct Labels {
    /// The last characters, tested first: most characters end no label.
    last: CharSet,
    by_last: HashMap<char, Vec<Vec<char>>>,
}

impl Labels {
    pub(super) fn new(words: &str) -> Labels {
        let mut by_last: HashMap<char, Vec<Vec<char>>> = HashMap::new();
        for w in word_list(words) {
            by_last
                .entry(*w.last().expect("a word"))
                .or_default()
                .push(w);
        }
        for v in by_last.values_mut() {
            v.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
        Labels {
            last: CharSet::new(by_last.keys().copied()),
            by_last,
        }
    }

    /// The longest label ending at character `i` (inclusive): its start.
    pub(super) fn ending_at(&self, t: &Chars, i: usize) -> Option<usize> {
        if !self.last.contains(t.c[i]) {
            return None;
        }
        let words = self.by_last.get(&t.c[i])?;
        words
            .iter()
            .find(|w| i + 1 >= w.len() && t.c[i + 1 - w.len()..=i] == w[..])
            .map(|w| i + 1 - w.len())
    }
}

/// Where the value after a label starts: past at most `gap` characters of `skip` (and an `ID:`
/// inside them, as in `微信（ID：…）`).
pub(super) fn value_start(t: &Chars, mut p: usize, skip: &str, gap: usize) -> usize {
    let from = p;
    while p - from < gap {
        let c = t.at(p);
        if skip.contains(c) && c != '\0' {
            p += 1;
        } else if matches!((c, t.at(p + 1), t.at(p + 2)), ('I' | 'i', 'D' | 'd', ':')) {
            p += 3;
        } else {
            break;
        }
    }
    p
}

/// Characters between a label and its value: colons, spaces, brackets, quotes, 为/是, and the
/// 号/码 of 号码.
pub(super) const CONNECTIVES: &str = "：: 为是（(“”\"'号码";
