//! The answers an index already gave, bounded by the bytes they hold: a popular query after a
//! new index is computed once, and a day of distinct queries cannot grow the server without
//! limit (an answer of ten hits with facets is about 8 KB).

use super::response::Response;

/// Answers kept per index, at most (the byte budget usually binds first).
const CACHED_ANSWERS: usize = 10_000;
/// Heap the cached answers of one index may hold, all together: roughly the 2,000 most recent.
const CACHED_ANSWER_BYTES: u64 = 16 * 1024 * 1024;

/// The cache of one index's answers, by request.
pub type Answers = quick_cache::sync::Cache<String, Response, AnswerWeight>;

/// An empty cache for a newly opened index.
pub fn answers() -> Answers {
    quick_cache::sync::Cache::with_weighter(CACHED_ANSWERS, CACHED_ANSWER_BYTES, AnswerWeight)
}

/// An answer's approximate heap size: its strings plus a fixed cost per element.
#[derive(Debug, Clone)]
pub struct AnswerWeight;

impl quick_cache::Weighter<String, Response> for AnswerWeight {
    fn weight(&self, key: &String, r: &Response) -> u64 {
        let hits: usize = r
            .hits
            .iter()
            .map(|h| {
                h.id.len()
                    + h.kind.len()
                    + h.kind_label.len()
                    + h.title.len()
                    + h.url.len()
                    + h.summary.len()
                    + h.snippet.text.len()
                    + h.snippet.highlights.len() * 16
                    + 200
            })
            .sum();
        let facets: usize = r
            .facets
            .iter()
            .map(|g| {
                g.dimension.len()
                    + g.label.len()
                    + 80
                    + g.values
                        .iter()
                        .map(|v| v.value.len() + v.label.len() + 64)
                        .sum::<usize>()
            })
            .sum();
        let rest: usize = r.query.len()
            + r.filters
                .iter()
                .map(|(d, v)| d.len() + v.len() + 48)
                .sum::<usize>()
            + r.suggestions.iter().map(|s| s.len() + 24).sum::<usize>()
            + r.expansions
                .iter()
                .map(|e| e.lay.len() + e.legal.iter().map(|l| l.len() + 24).sum::<usize>() + 48)
                .sum::<usize>()
            + r.answer.as_ref().map_or(0, |_| 600)
            + r.intents.iter().map(|i| i.len() + 24).sum::<usize>();
        (key.len() + hits + facets + rest + 256) as u64
    }
}
