//! Facet counts for the results page and API: the values of each filter dimension among the
//! current results, labelled for the public.

use std::collections::BTreeMap;

use serde::Serialize;
use tantivy::schema::Facet;

use crate::content::kinds::search_doc::DIMENSIONS;

/// The counts of one filter dimension among the current results.
#[derive(Debug, Clone, Serialize)]
pub struct FacetGroup {
    pub dimension: String,
    pub label: String,
    pub values: Vec<FacetValue>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FacetValue {
    pub value: String,
    pub label: String,
    pub count: u64,
    pub selected: bool,
}

pub(super) fn groups(
    counts: &BTreeMap<String, BTreeMap<String, u64>>,
    filters: &[(String, String)],
    value_label: impl Fn(&str, &str) -> String,
) -> Vec<FacetGroup> {
    DIMENSIONS
        .iter()
        .filter_map(|(dim, label)| {
            let c = counts.get(*dim)?;
            let mut values: Vec<FacetValue> = c
                .iter()
                .map(|(value, count)| FacetValue {
                    value: value.clone(),
                    label: value_label(dim, value),
                    count: *count,
                    selected: filters.iter().any(|(d, v)| d == dim && v == value),
                })
                .collect();
            if values.len() < 2 && !values.iter().any(|v| v.selected) {
                return None;
            }
            match *dim {
                "year" => values.sort_by(|a, b| b.value.cmp(&a.value)),
                _ => values.sort_by(|a, b| b.count.cmp(&a.count).then(a.value.cmp(&b.value))),
            }
            Some(FacetGroup {
                dimension: dim.to_string(),
                label: label.to_string(),
                values,
            })
        })
        .collect()
}

pub fn dimension_label(dim: &str) -> &str {
    DIMENSIONS
        .iter()
        .find(|(d, _)| *d == dim)
        .map_or(dim, |(_, l)| l)
}

pub(super) fn children(fc: &tantivy::collector::FacetCounts, dim: &str) -> BTreeMap<String, u64> {
    fc.get(Facet::from_path([dim]))
        .filter_map(|(facet, count)| {
            let value = facet.to_path().last()?.to_string();
            Some((value, count))
        })
        .collect()
}
