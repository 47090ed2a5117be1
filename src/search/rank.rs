//! How answers are ordered beyond text relevance: the kinds a question prefers multiply
//! scores ([`TargetBoost`]), the specific targets it asks for are lifted to a share of the best
//! match ([`share_of`]), one page's sections do not fill the first results ([`diversify`]), and
//! the short answer shown above them is chosen ([`best_answer`]).

use tantivy::{DocAddress, DocId, Score, Searcher, SegmentReader};

use super::documents::Answer;
use super::intent::Preference;
use super::query::PER_PAGE;

/// How much a kind a question prefers counts, by its place in the preference list: the
/// first preferred kind's documents score twice their text score.
pub(super) const KIND_PREFERENCE: [f32; 4] = [2.0, 1.6, 1.3, 1.15];
/// Candidates read beyond the requested page, so the intent and same-page adjustments can
/// move a document up into it.
pub(super) const SLACK: usize = 30;
/// Each further document from a page already ranked (a guide's other sections) counts this
/// much less than it would: one page does not fill the first results.
const SAME_PAGE_DECAY: f32 = 0.5;

/// A specific target the question asks for (a list, a section, a page, a referral row)
/// scores at least this share of the best text match: above it for the most specific intents
/// (第一次 rank 9: 1.23), below it for general ones (能不能 rank 1: 0.67), a fifth less for
/// each specific target before it.
pub(super) fn target_share(rank: u8, place: usize) -> f32 {
    (0.6 + 0.07 * f32::from(rank)) * 0.8f32.powi(place as i32)
}

/// The share of the best score the best specific target a document satisfies earns.
pub(super) fn share_of(
    searcher: &Searcher,
    addr: DocAddress,
    specific: &[&Preference],
) -> tantivy::Result<Option<f32>> {
    let segment = searcher.segment_reader(addr.segment_ord);
    let Some(col) = segment.fast_fields().str("targets")? else {
        return Ok(None);
    };
    let mut best: Option<f32> = None;
    let mut term = String::new();
    for ord in col.term_ords(addr.doc_id) {
        if !col.ord_to_str(ord, &mut term)? {
            continue;
        }
        if let Some(place) = specific.iter().position(|p| p.target == term) {
            let share = target_share(specific[place].rank, place);
            best = Some(best.map_or(share, |b: f32| b.max(share)));
        }
    }
    Ok(best)
}

/// Sorts candidates, counts each further document of a page already ranked for less
/// ([`SAME_PAGE_DECAY`]), and returns the requested page of them.
pub(super) fn diversify(
    searcher: &Searcher,
    mut candidates: Vec<(Score, DocAddress)>,
    offset: usize,
) -> tantivy::Result<Vec<(Score, DocAddress)>> {
    let by_score =
        |a: &(Score, DocAddress), b: &(Score, DocAddress)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    candidates.sort_by(by_score);
    let mut columns = std::collections::HashMap::new();
    let mut seen: std::collections::HashMap<u64, i32> = std::collections::HashMap::new();
    for c in &mut candidates {
        let col = match columns.entry(c.1.segment_ord) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(
                searcher
                    .segment_reader(c.1.segment_ord)
                    .fast_fields()
                    .u64("group")
                    .ok()
                    .map(|col| col.first_or_default_col(0)),
            ),
        };
        let Some(col) = col else { continue };
        let n = seen.entry(col.get_val(c.1.doc_id)).or_insert(0);
        c.0 *= SAME_PAGE_DECAY.powi(*n);
        *n += 1;
    }
    candidates.sort_by(by_score);
    Ok(candidates.into_iter().skip(offset).take(PER_PAGE).collect())
}

/// The answer to show above the results: the first hit's when it is a referral row (the
/// question is not the agency's), else the first risk point's among the top three hits.
/// `answers` holds each hit's answer, in hit order.
pub(super) fn best_answer(answers: Vec<Option<Answer>>) -> Option<Answer> {
    if let Some(Some(a @ Answer::Referral { .. })) = answers.first() {
        return Some(a.clone());
    }
    answers
        .into_iter()
        .take(3)
        .flatten()
        .find(|a| matches!(a, Answer::Risk { .. }))
}

/// Per segment: the ordinals of the kinds a question prefers in the `targets` column, and
/// the multiplier of each.
pub(super) struct TargetBoost {
    column: Option<tantivy::columnar::StrColumn>,
    /// (term ordinal, multiplier).
    ords: Vec<(u64, f32)>,
}

impl TargetBoost {
    /// The multipliers of the kinds the question prefers, by place ([`KIND_PREFERENCE`]).
    pub(super) fn for_segment(segment: &SegmentReader, preferences: &[Preference]) -> TargetBoost {
        let kinds: Vec<&Preference> = preferences.iter().filter(|p| !p.specific).collect();
        let column = match kinds.is_empty() {
            true => None,
            false => segment.fast_fields().str("targets").ok().flatten(),
        };
        let mut ords = Vec::new();
        if let Some(col) = &column {
            for (place, p) in kinds.iter().enumerate() {
                let m = KIND_PREFERENCE
                    .get(place)
                    .copied()
                    .unwrap_or(KIND_PREFERENCE[KIND_PREFERENCE.len() - 1]);
                if let Ok(Some(ord)) = col.dictionary().term_ord(p.target.as_bytes()) {
                    ords.push((ord, m));
                }
            }
        }
        TargetBoost { column, ords }
    }

    pub(super) fn apply(&self, doc: DocId, score: Score) -> Score {
        let (Some(col), false) = (&self.column, self.ords.is_empty()) else {
            return score;
        };
        let mut multiplier = 1.0f32;
        for ord in col.term_ords(doc) {
            for (o, m) in &self.ords {
                if *o == ord {
                    multiplier = multiplier.max(*m);
                }
            }
        }
        score * multiplier
    }
}

#[cfg(test)]
mod answer_tests {
    use super::*;

    fn risk(id: &str) -> Option<Answer> {
        Some(Answer::Risk {
            id: id.into(),
            title: String::new(),
            url: String::new(),
            lines: Vec::new(),
        })
    }

    fn id(a: Option<Answer>) -> Option<String> {
        match a {
            Some(Answer::Risk { id, .. }) => Some(id),
            _ => None,
        }
    }

    #[test]
    fn the_first_risk_point_among_the_top_three_answers() {
        // The first hit's own answer counts (it was skipped once, showing the second's).
        assert_eq!(
            id(best_answer(vec![risk("R-1"), risk("R-2")])),
            Some("R-1".into())
        );
        assert_eq!(
            id(best_answer(vec![risk("R-1"), None, None])),
            Some("R-1".into())
        );
        assert_eq!(
            id(best_answer(vec![None, None, risk("R-3")])),
            Some("R-3".into())
        );
        assert_eq!(id(best_answer(vec![None, None, None, risk("R-4")])), None);
    }
}
