//! A query that is a decision's number: recognised from how people write 文号 and ids, and
//! turned into what a decision's own number must contain.

use tantivy::query::Query;

use super::analysis;
use super::index::Fields;
use super::query::{Run, term};

/// A query that is a decision's number (文号, `示城执罚决字〔2026〕第23号`, `2026 12号`,
/// `第0019号`) or id (`SC-2026-0010`, `sc20260005`): its numbers must all be in a decision's
/// number for it to be the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionNumber {
    /// Whole-number tokens (`#2026`, `#23`), as the code field indexes them.
    pub numbers: Vec<String>,
    /// Letter runs of an id (`sc`).
    pub letters: Vec<String>,
    /// Runs of other characters typed with the number (`示城执罚决字`): required when some
    /// decision number has them.
    pub prefixes: Vec<String>,
}

impl DecisionNumber {
    /// Recognises a number query: digits with 号, a bracketed year (〔2026〕, [2026], (2026)),
    /// or letters followed by a year and a sequence number with nothing else but 号/第/年.
    pub fn parse(q: &str) -> Option<DecisionNumber> {
        let folded = analysis::normalize(q);
        let digit_runs: Vec<&str> = folded
            .split(|c: char| !c.is_ascii_digit())
            .filter(|r| !r.is_empty())
            .collect();
        if digit_runs.is_empty() {
            return None;
        }
        let letters: Vec<String> = folded
            .split(|c: char| !c.is_ascii_lowercase())
            .filter(|r| !r.is_empty())
            .map(str::to_string)
            .collect();
        let is_year = |r: &str| r.len() == 4 && (r.starts_with("19") || r.starts_with("20"));
        let bracketed = ["〔", "[", "(", "【", "（"].iter().any(|open| {
            digit_runs
                .iter()
                .any(|r| is_year(r) && folded.contains(&format!("{open}{r}")))
        });
        let cjk_other = folded.chars().any(|c| {
            !c.is_ascii() && !c.is_whitespace() && !matches!(c, '号' | '第' | '年' | '－' | '—')
        });
        let id_like = !letters.is_empty()
            && letters.iter().all(|l| l.len() <= 3)
            && digit_runs
                .iter()
                .any(|r| is_year(r) || (r.len() == 8 && is_year(&r[..4])))
            && !cjk_other;
        // 号 alone is an address or a building (幸福路12号门口摆摊, 3号楼噪音扰民): a number
        // query has a year, 第, or a word of a decision with it.
        let decision_word = ["决定", "罚", "决字", "文号"]
            .iter()
            .any(|w| folded.contains(w));
        let numbered = folded.contains('号')
            && (digit_runs.iter().any(|r| is_year(r)) || folded.contains('第') || decision_word);
        if !(numbered || bracketed || id_like) {
            return None;
        }
        let mut numbers = Vec::new();
        for r in digit_runs {
            // sc20260005: a year and a sequence written together.
            let parts: Vec<&str> = if r.len() == 8 && is_year(&r[..4]) {
                vec![&r[..4], &r[4..]]
            } else {
                vec![r]
            };
            for p in parts {
                let trimmed = p.trim_start_matches('0');
                let n = format!(
                    "{}{}",
                    analysis::NUMBER_PREFIX,
                    if trimmed.is_empty() { "0" } else { trimmed }
                );
                if !numbers.contains(&n) {
                    numbers.push(n);
                }
            }
        }
        let prefixes = analysis::runs(&folded)
            .into_iter()
            .filter(|r| r.chars().count() >= 2 && r.chars().all(|c| !c.is_ascii()))
            .collect();
        Some(DecisionNumber {
            numbers,
            letters: if id_like { letters } else { Vec::new() },
            prefixes,
        })
    }

    /// Required: every number (and id letter run) in a decision's own number.
    pub fn required(&self, f: &Fields) -> Vec<Box<dyn Query>> {
        let mut out: Vec<Box<dyn Query>> = self.numbers.iter().map(|n| term(f.number, n)).collect();
        out.extend(
            self.letters
                .iter()
                .filter_map(|l| Run::new(l).query(f.number)),
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_with_a_year_or_a_decision_word_is_a_decision_number_an_address_is_not() {
        for q in [
            "示城执罚决字〔2026〕第0006号",
            "2026 12号",
            "第16号决定",
            "决定书21号",
            "SC-2026-0010",
            "罚决字(2026)14号",
        ] {
            assert!(DecisionNumber::parse(q).is_some(), "{q}");
        }
        for q in [
            "幸福路12号门口摆摊",
            "3号楼噪音扰民",
            "门口摆摊",
            "罚款5000元",
        ] {
            assert!(DecisionNumber::parse(q).is_none(), "{q}");
        }
    }
}
