//! What a search answers: the checked request and the response the results page and the JSON
//! API both serialise.

use serde::Serialize;

use super::documents::Answer;
use super::facets::FacetGroup;
use super::index::DecisionRules;
use super::query::Expansion;
use super::snippets::Hit;

/// A checked request: filters known to exist in this index.
#[derive(Debug, Clone)]
pub struct Request {
    pub q: String,
    pub filters: Vec<(String, String)>,
    pub page: usize,
}

/// Everything a results page or the API needs.
#[derive(Debug, Clone, Serialize)]
pub struct Response {
    pub query: String,
    pub filters: Vec<(String, String)>,
    pub expansions: Vec<Expansion>,
    pub total: usize,
    pub page: usize,
    pub pages: usize,
    pub per_page: usize,
    pub hits: Vec<Hit>,
    pub facets: Vec<FacetGroup>,
    /// Offered when nothing matched: words that do match something.
    pub suggestions: Vec<String>,
    /// The short answer shown above the results: the referral row or the risk point that
    /// answers the question (first page only).
    pub answer: Option<Answer>,
    /// The query was a decision number that no published decision has.
    pub not_found: Option<NotFound>,
    /// The question intents recognised (`first-offence`, `amount` …), strongest first.
    pub intents: Vec<String>,
    /// Words of the query that no document contains (nor a synonym or correction of them):
    /// the results were found by the other words, and the page says so.
    pub unmatched: Vec<String>,
}

/// A decision number that is not on the site, and the rules that say why it may not be.
#[derive(Debug, Clone, Serialize)]
pub struct NotFound {
    /// As the person typed it.
    pub number: String,
    pub rules: DecisionRules,
}
