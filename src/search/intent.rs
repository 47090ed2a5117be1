//! What a question asks for: the intents of `intents.toml` (罚多少 → benchmarks, 第一次 → the
//! 免罚 list, 不服 → remedies …) and the referral rows whose words the query contains, read from
//! the index manifest and matched against the folded query, giving an ordered list of answer
//! targets the engine ranks by; and the filler words of spoken queries ([`FillerTable`]).

use std::collections::BTreeSet;

use super::analysis::{self, normalize};
use crate::content::answers::Intent;

/// Words dropped from questions: they carry no topic (怎么办, 吗, 我).
pub(super) const STOP_WORDS: &[&str] = &[
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

/// One answer target a query prefers, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Preference {
    /// A `targets` value of search documents (`risk`, `list:exemptions`, `remedies#review`,
    /// `referral:dog-leash`).
    pub target: String,
    /// One or two documents (a page, a section, a list, a referral row) rather than a kind:
    /// such a target is fetched even when its text does not match, and ranked near the top.
    pub specific: bool,
    /// The rank of the intent that wants it (1–9; a referral row's words, 10): how strongly.
    pub rank: u8,
}

/// The rank given to a referral row a query names.
pub const REFERRAL_RANK: u8 = 10;

/// A referral row's key and the words that call for it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ReferralWords {
    pub key: String,
    pub words: Vec<String>,
}

/// A referral word, folded, and the query words it is made of.
type ReferralWord = (String, Vec<String>);

/// The intents and referral words of one index, folded once.
#[derive(Debug, Clone, Default)]
pub struct IntentTable {
    /// (rank, key, folded phrases, prefer) in table order.
    intents: Vec<(u8, String, Vec<String>, Vec<String>)>,
    /// (key, words): each word folded, with the query words it is made of.
    referrals: Vec<(String, Vec<ReferralWord>)>,
}

/// What [`IntentTable::detect`] found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Detected {
    /// Keys of the matched intents, strongest first.
    pub intents: Vec<String>,
    /// Keys of the matched referral rows.
    pub referrals: Vec<String>,
    pub preferences: Vec<Preference>,
}

impl IntentTable {
    /// `segment` splits a referral word into the query words it is made of (the engine's
    /// analyzer, stop words removed).
    pub fn new(
        intents: &[Intent],
        referrals: &[ReferralWords],
        segment: impl Fn(&str) -> Vec<String>,
    ) -> IntentTable {
        IntentTable {
            intents: intents
                .iter()
                .map(|i| {
                    (
                        i.rank,
                        i.key.clone(),
                        i.phrases.iter().map(|p| normalize(p.trim())).collect(),
                        i.prefer.clone(),
                    )
                })
                .collect(),
            referrals: referrals
                .iter()
                .map(|r| {
                    let words = r
                        .words
                        .iter()
                        .map(|w| {
                            let folded = normalize(w.trim());
                            let parts = segment(&folded);
                            (folded, parts)
                        })
                        .collect();
                    (r.key.clone(), words)
                })
                .collect(),
        }
    }

    /// The intents and referrals in `query` (any form: it is folded here) and the targets
    /// they prefer: referral rows first, then each matched intent's `prefer` list, stronger
    /// intents first (higher rank, then longer phrase, then earlier in the query), repeats
    /// removed. A referral word is in the query as a substring, or when the query's words
    /// (`query_words`, as the engine segmented them) contain all of its two or more words:
    /// 邻居噪音 is in 邻居半夜噪音扰民.
    pub fn detect(&self, query: &str, query_words: &[String]) -> Detected {
        let folded = normalize(query);
        let mut out = Detected::default();
        let push = |out: &mut Detected, target: &str, rank: u8| {
            if !out.preferences.iter().any(|p| p.target == target) {
                out.preferences.push(Preference {
                    target: target.to_string(),
                    specific: is_specific(target),
                    rank,
                });
            }
        };
        for (key, words) in &self.referrals {
            let named = words.iter().any(|(w, parts)| {
                (!w.is_empty() && folded.contains(w.as_str()))
                    || (parts.len() >= 2 && parts.iter().all(|p| query_words.contains(p)))
            });
            if named {
                out.referrals.push(key.clone());
                push(&mut out, &format!("referral:{key}"), REFERRAL_RANK);
            }
        }
        // (rank, phrase length, first position, table index)
        let mut matched: Vec<(u8, usize, usize, usize)> = Vec::new();
        for (i, (rank, _, phrases, _)) in self.intents.iter().enumerate() {
            let best = phrases
                .iter()
                .filter(|p| !p.is_empty())
                .filter_map(|p| folded.find(p.as_str()).map(|at| (p.chars().count(), at)))
                .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
            if let Some((len, at)) = best {
                matched.push((*rank, len, at, i));
            }
        }
        matched.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        for (_, _, _, i) in matched {
            let (rank, key, _, prefer) = &self.intents[i];
            out.intents.push(key.clone());
            for target in prefer {
                push(&mut out, target, *rank);
            }
        }
        out
    }
}

/// Kind-wide targets are bare kind keys (`risk`, `page`, `referral`); everything else names a
/// page, a section, a list or a row.
fn is_specific(target: &str) -> bool {
    target.contains([':', '#'])
        || !matches!(
            target,
            "risk"
                | "power"
                | "exemption"
                | "benchmark"
                | "decision"
                | "case"
                | "guide"
                | "inspection"
                | "inspection-report"
                | "register"
                | "agency"
                | "page"
                | "referral"
        )
}

/// The filler words of spoken queries (请问一下, 那个, 就是), prepared once per index: phrases
/// of three characters or more are cut out of the query before segmentation; shorter ones
/// are dropped as whole words only, so 额 in 数额 or 吧 in 网吧 stay.
#[derive(Debug, Clone, Default)]
pub struct FillerTable {
    /// Folded, longest first.
    phrases: Vec<String>,
    words: BTreeSet<String>,
}

impl FillerTable {
    pub fn new(fillers: &[String]) -> FillerTable {
        let mut phrases = Vec::new();
        let mut words = BTreeSet::new();
        for f in fillers {
            let f = analysis::normalize(f.trim());
            match f.chars().count() {
                0 => {}
                1 | 2 => {
                    words.insert(f);
                }
                _ => phrases.push(f),
            }
        }
        phrases.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
        FillerTable { phrases, words }
    }

    /// `q` without its filler phrases (each replaced by a space, so words on either side stay
    /// apart).
    pub fn strip(&self, q: &str) -> String {
        let mut out = analysis::normalize(q);
        for p in &self.phrases {
            if out.contains(p.as_str()) {
                out = out.replace(p.as_str(), " ");
            }
        }
        out
    }

    /// Whether `word` (folded) is a filler or a stop word: never a typo to correct.
    pub fn is_filler(&self, word: &str) -> bool {
        self.words.contains(word) || STOP_WORDS.contains(&word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn intent(key: &str, rank: u8, phrases: &[&str], prefer: &[&str]) -> Intent {
        Intent {
            key: key.into(),
            rank,
            phrases: phrases.iter().map(|s| s.to_string()).collect(),
            prefer: prefer.iter().map(|s| s.to_string()).collect(),
            note: String::new(),
        }
    }

    #[test]
    fn orders_intents_by_rank_then_phrase_length_and_merges_preferences() {
        let segment = |w: &str| -> Vec<String> {
            match w {
                "邻居噪音" => vec!["邻居".into(), "噪音".into()],
                other => vec![other.to_string()],
            }
        };
        let table = IntentTable::new(
            &[
                intent(
                    "amount",
                    5,
                    &["罚多少"],
                    &["benchmark", "list:benchmarks", "risk"],
                ),
                intent("first", 9, &["第一次"], &["list:exemptions", "exemption"]),
                intent("allowed", 1, &["能不能"], &["risk", "exemption"]),
            ],
            &[
                ReferralWords {
                    key: "dog-leash".into(),
                    words: vec!["狗不拴绳".into()],
                },
                ReferralWords {
                    key: "neighbour-noise".into(),
                    words: vec!["邻居噪音".into()],
                },
            ],
            segment,
        );
        let d = table.detect("第一次占道摆摊罚多少", &[]);
        assert_eq!(d.intents, ["first", "amount"]);
        let targets: Vec<&str> = d.preferences.iter().map(|p| p.target.as_str()).collect();
        assert_eq!(
            targets,
            [
                "list:exemptions",
                "exemption",
                "benchmark",
                "list:benchmarks",
                "risk"
            ]
        );
        assert!(d.preferences[0].specific && !d.preferences[1].specific);

        // Referral rows come first; traditional characters are folded before matching.
        let d = table.detect("遛狗不拴繩能不能管", &[]);
        assert_eq!(d.referrals, ["dog-leash"]);
        assert_eq!(d.preferences[0].target, "referral:dog-leash");
        assert_eq!(d.intents, ["allowed"]);

        // All the words of a referral word, not next to each other.
        let words: Vec<String> = ["小区", "邻居", "半夜", "噪音", "扰民"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            table.detect("小区里邻居半夜噪音扰民", &words).referrals,
            ["neighbour-noise"]
        );
        assert_eq!(table.detect("油烟", &[]).preferences, []);
    }
}
