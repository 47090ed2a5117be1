//! What a hit shows: its stored fields and a snippet of its body with the matched words
//! marked, starting where a clause starts (not mid-sentence) and with touching marks joined.

use std::collections::BTreeSet;
use std::ops::Range;

use serde::Serialize;
use tantivy::schema::Value;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Score, Searcher, TantivyDocument};

use super::documents::{Answer, DocKind};
use super::index::Fields;
use super::query::Plan;

/// Characters of body text shown around the matches.
const SNIPPET_CHARS: usize = 120;
/// How far back (in characters) a snippet may reach for the start of its clause.
const CLAUSE_REACH: usize = 40;

/// One result.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub id: String,
    pub kind: String,
    pub kind_label: String,
    pub title: String,
    pub url: String,
    pub summary: String,
    pub snippet: Snippet,
    pub score: f32,
}

/// A piece of body text with the matched words marked (character ranges into `text`).
#[derive(Debug, Clone, Serialize)]
pub struct Snippet {
    pub text: String,
    /// Byte ranges into `text` of the words that matched.
    pub highlights: Vec<Range<usize>>,
}

/// The hits of `top`, with the stored answer of each (if it has one).
pub(super) fn hits(
    searcher: &Searcher,
    f: Fields,
    plan: &Plan,
    top: &[(Score, DocAddress)],
) -> tantivy::Result<(Vec<Hit>, Vec<Option<Answer>>)> {
    let generator = |terms: BTreeSet<String>, field| -> tantivy::Result<SnippetGenerator> {
        Ok(SnippetGenerator::new(
            terms.into_iter().map(|t| (t, 1.0)).collect(),
            searcher.index().tokenizer_for_field(field)?,
            field,
            SNIPPET_CHARS,
        ))
    };
    let word_snippets = generator(plan.highlight_words(), f.body)?;
    let gram_snippets = generator(plan.highlight_grams(), f.body_grams)?;
    let mut hits = Vec::with_capacity(top.len());
    let mut answers = Vec::with_capacity(top.len());
    for (score, addr) in top {
        let doc: TantivyDocument = searcher.doc(*addr)?;
        let get = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let body = get(f.body);
        let mut snippet = word_snippets.snippet(&body);
        if snippet.highlighted().is_empty() {
            let by_grams = gram_snippets.snippet(&body);
            if !by_grams.highlighted().is_empty() {
                snippet = by_grams;
            }
        }
        let snippet = if snippet.fragment().is_empty() {
            Snippet {
                text: body.chars().take(SNIPPET_CHARS / 2).collect(),
                highlights: Vec::new(),
            }
        } else {
            // Moved back to the start of its clause, so it does not begin mid-sentence.
            let highlights = merge_touching(snippet.highlighted(), snippet.fragment());
            at_clause(&body, snippet.fragment(), &highlights)
        };
        let kind = get(f.kind);
        answers.push(
            doc.get_first(f.answer)
                .and_then(|v| v.as_str())
                .and_then(|json| serde_json::from_str::<Answer>(json).ok()),
        );
        hits.push(Hit {
            id: get(f.id),
            kind_label: DocKind::from_key(&kind)
                .map_or("", |k| k.label())
                .to_string(),
            kind,
            title: get(f.title),
            url: get(f.url),
            summary: get(f.summary),
            snippet,
            score: *score,
        });
    }
    Ok((hits, answers))
}

/// The snippet `fragment` of `body` moved to start at the beginning of its clause: back to
/// just after the nearest 。；！？ or line break within [`CLAUSE_REACH`] characters (else after a
/// comma), or, with none, at the body's start when that is near. Highlights move with it.
pub fn at_clause(body: &str, fragment: &str, highlights: &[Range<usize>]) -> Snippet {
    let unchanged = || Snippet {
        text: fragment.to_string(),
        highlights: highlights.to_vec(),
    };
    let Some(start) = body.find(fragment) else {
        return unchanged();
    };
    let before: Vec<(usize, char)> = body[..start].char_indices().collect();
    let reach = &before[before.len().saturating_sub(CLAUSE_REACH)..];
    let after = |set: &[char]| {
        reach
            .iter()
            .rev()
            .find(|(_, c)| set.contains(c))
            .map(|(at, c)| at + c.len_utf8())
    };
    let new_start = after(&['。', '；', '！', '？', '\n'])
        .or_else(|| after(&['，', '：', '、']))
        .or_else(|| (before.len() <= CLAUSE_REACH).then_some(0));
    let Some(new_start) = new_start else {
        return unchanged();
    };
    // Keep the snippet about as long: what is added in front comes off the end, at a clause
    // end where there is one.
    let added = start - new_start;
    let mut end = start + fragment.len();
    if body[new_start..end].chars().count() > SNIPPET_CHARS {
        let keep = fragment.len().saturating_sub(added);
        let mut cut = keep;
        while cut > 0 && !fragment.is_char_boundary(cut) {
            cut -= 1;
        }
        let last_mark = highlights.iter().map(|r| r.end).max().unwrap_or(0);
        let cut = cut.max(last_mark);
        let clause_end = fragment[..cut]
            .char_indices()
            .rev()
            .find(|(at, c)| *at >= last_mark && matches!(c, '。' | '；' | '，'))
            .map(|(at, c)| at + c.len_utf8());
        end = start + clause_end.unwrap_or(cut);
    }
    Snippet {
        text: body[new_start..end].trim_start().to_string(),
        highlights: highlights
            .iter()
            .map(|r| r.start + added..r.end + added)
            .filter(|r| r.end <= end - new_start)
            .collect(),
    }
    .trimmed(body[new_start..end].len() - body[new_start..end].trim_start().len())
}

impl Snippet {
    /// Shifts highlights left after `n` bytes were trimmed from the front.
    fn trimmed(mut self, n: usize) -> Snippet {
        if n > 0 {
            self.highlights = self
                .highlights
                .into_iter()
                .filter(|r| r.start >= n)
                .map(|r| r.start - n..r.end - n)
                .collect();
        }
        self
    }
}

/// Joins highlight ranges that overlap or are separated only by spaces: `城市` `道路` marks as
/// one `城市道路`.
fn merge_touching(ranges: &[Range<usize>], text: &str) -> Vec<Range<usize>> {
    let mut sorted = ranges.to_vec();
    sorted.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in sorted {
        if let Some(last) = out.last_mut()
            && (r.start <= last.end
                || text
                    .get(last.end..r.start)
                    .is_some_and(|gap| gap.trim().is_empty()))
        {
            last.end = last.end.max(r.end);
            continue;
        }
        out.push(r);
    }
    out
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    fn marked(s: &Snippet) -> Vec<&str> {
        s.highlights.iter().map(|r| &s.text[r.clone()]).collect()
    }

    #[test]
    fn a_snippet_starts_at_its_clause() {
        let body = "城市市容和环境卫生管理条例第十四条。任何单位和个人都不得在街道两侧和公共场地堆放物料，搭建建筑物、构筑物或者其他设施。";
        let fragment = "个人都不得在街道两侧和公共场地堆放物料，搭建建筑物";
        let at = fragment.find("堆放").unwrap();
        let s = at_clause(body, fragment, &[at..at + "堆放".len()]);
        assert!(s.text.starts_with("任何单位和个人"), "{}", s.text);
        assert_eq!(marked(&s), ["堆放"]);
    }

    #[test]
    fn a_snippet_at_the_start_of_the_body_or_without_a_clause_stays() {
        let body = "门前三包责任区";
        let s = at_clause(body, "三包责任区", &[0.."三包".len()]);
        assert_eq!(s.text, "门前三包责任区");
        assert_eq!(marked(&s), ["三包"]);
        let long = "甲".repeat(100) + "乙丙";
        let s = at_clause(&long, "乙丙", &[0.."乙".len()]);
        assert_eq!(s.text, "乙丙");
    }
}
