//! Cross-references between content items: id lookup per kind and the reverse links
//! (which decisions cite this risk point, which risks use this power item …).

use std::collections::HashMap;

use crate::content::Library;

/// Id → position in its kind's vector, plus the positions of duplicates.
#[derive(Debug, Default)]
pub struct IdIndex {
    by_id: HashMap<String, usize>,
    /// (first, duplicate) positions sharing an id.
    pub duplicates: Vec<(usize, usize)>,
}

impl IdIndex {
    fn build<'a>(ids: impl Iterator<Item = &'a str>) -> Self {
        let mut index = IdIndex::default();
        for (i, id) in ids.enumerate() {
            if let Some(&first) = index.by_id.get(id) {
                index.duplicates.push((first, i));
            } else {
                index.by_id.insert(id.to_string(), i);
            }
        }
        index
    }

    pub fn get(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }
}

/// Reverse links, one vector of source positions per target position.
pub type Backlinks = Vec<Vec<usize>>;

fn backlinks<'a, T>(
    targets: &IdIndex,
    target_count: usize,
    sources: &'a [T],
    refs: impl Fn(&'a T) -> Vec<&'a str>,
) -> Backlinks {
    let mut out = vec![Vec::new(); target_count];
    for (i, s) in sources.iter().enumerate() {
        for id in refs(s) {
            // Sources are visited in order, so a repeat can only be the last entry: O(1).
            if let Some(t) = targets.get(id)
                && out[t].last() != Some(&i)
            {
                out[t].push(i);
            }
        }
    }
    out
}

/// Every index and reverse link of a library, computed once per build in linear time.
#[derive(Debug)]
pub struct Links {
    pub agencies: IdIndex,
    pub risks: IdIndex,
    pub powers: IdIndex,
    pub exemptions: IdIndex,
    pub benchmarks: IdIndex,
    pub decisions: IdIndex,
    pub cases: IdIndex,
    pub pages: IdIndex,
    /// Per power item: risk points that apply it.
    pub power_risks: Backlinks,
    /// Per power item: exemption items under it.
    pub power_exemptions: Backlinks,
    /// Per power item: benchmarks for it.
    pub power_benchmarks: Backlinks,
    /// Per power item: decisions made under it.
    pub power_decisions: Backlinks,
    /// Per exemption item: risk points it softens.
    pub exemption_risks: Backlinks,
    /// Per exemption item: decisions that applied it.
    pub exemption_decisions: Backlinks,
    /// Per benchmark: risk points it grades.
    pub benchmark_risks: Backlinks,
    /// Per benchmark: decisions that applied it.
    pub benchmark_decisions: Backlinks,
    /// Per risk point: decisions that cite it.
    pub risk_decisions: Backlinks,
    /// Per risk point: typical cases that cite it.
    pub risk_cases: Backlinks,
    /// Per decision: typical cases that cite it.
    pub decision_cases: Backlinks,
    /// Per agency: power items it holds.
    pub agency_powers: Backlinks,
    /// Per agency: decisions it made.
    pub agency_decisions: Backlinks,
}

fn strs<T: AsRef<str>>(v: &[T]) -> Vec<&str> {
    v.iter().map(|s| s.as_ref()).collect()
}

macro_rules! impl_as_ref {
    ($($t:ty),*) => { $(impl AsRef<str> for $t { fn as_ref(&self) -> &str { &self.0 } })* };
}
use crate::content::model::*;
impl_as_ref!(
    AgencyId,
    RiskId,
    PowerId,
    ExemptionId,
    BenchmarkId,
    DecisionId,
    CaseId,
    PageId
);

impl Links {
    pub fn build(lib: &Library) -> Links {
        let agencies = IdIndex::build(lib.agencies.iter().map(|i| i.meta.id.as_str()));
        let risks = IdIndex::build(lib.risks.iter().map(|i| i.meta.id.as_str()));
        let powers = IdIndex::build(lib.powers.iter().map(|i| i.meta.id.as_str()));
        let exemptions = IdIndex::build(lib.exemptions.iter().map(|i| i.meta.id.as_str()));
        let benchmarks = IdIndex::build(lib.benchmarks.iter().map(|i| i.meta.id.as_str()));
        let decisions = IdIndex::build(lib.decisions.iter().map(|i| i.meta.id.as_str()));
        let cases = IdIndex::build(lib.cases.iter().map(|i| i.meta.id.as_str()));
        let pages = IdIndex::build(lib.pages.iter().map(|i| i.meta.id.as_str()));
        let (np, ne, nb, nr, nd, na) = (
            lib.powers.len(),
            lib.exemptions.len(),
            lib.benchmarks.len(),
            lib.risks.len(),
            lib.decisions.len(),
            lib.agencies.len(),
        );
        Links {
            power_risks: backlinks(&powers, np, &lib.risks, |i| strs(&i.meta.powers)),
            power_exemptions: backlinks(&powers, np, &lib.exemptions, |i| strs(&i.meta.powers)),
            power_benchmarks: backlinks(&powers, np, &lib.benchmarks, |i| strs(&i.meta.powers)),
            power_decisions: backlinks(&powers, np, &lib.decisions, |i| strs(&i.meta.powers)),
            exemption_risks: backlinks(&exemptions, ne, &lib.risks, |i| strs(&i.meta.exemptions)),
            exemption_decisions: backlinks(&exemptions, ne, &lib.decisions, |i| {
                strs(&i.meta.exemptions)
            }),
            benchmark_risks: backlinks(&benchmarks, nb, &lib.risks, |i| strs(&i.meta.benchmarks)),
            benchmark_decisions: backlinks(&benchmarks, nb, &lib.decisions, |i| {
                strs(&i.meta.benchmarks)
            }),
            risk_decisions: backlinks(&risks, nr, &lib.decisions, |i| strs(&i.meta.risks)),
            risk_cases: backlinks(&risks, nr, &lib.cases, |i| strs(&i.meta.risks)),
            decision_cases: backlinks(&decisions, nd, &lib.cases, |i| strs(&i.meta.decisions)),
            agency_powers: backlinks(&agencies, na, &lib.powers, |i| vec![i.meta.agency.as_str()]),
            agency_decisions: backlinks(&agencies, na, &lib.decisions, |i| {
                vec![i.meta.agency.as_str()]
            }),
            agencies,
            risks,
            powers,
            exemptions,
            benchmarks,
            decisions,
            cases,
            pages,
        }
    }
}
