//! The shipped sample site: zero errors, and at least the volume the foundation issue asks for.

use std::collections::HashSet;
use std::path::Path;

use gongshi::content::model::*;
use gongshi::publish::check;

#[test]
fn sample_site_is_clean_and_complete() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let checked = check(&content);
    let errors: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    // The personal-data guard gives no false positive on the whole sample.
    let pii: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str().starts_with("PII"))
        .collect();
    assert!(pii.is_empty(), "{pii:#?}");
    let lib = checked.library.expect("library");
    assert!(
        lib.site.sample_data,
        "the sample site must be marked as sample data"
    );

    assert!(lib.risks.len() >= 60, "risks: {}", lib.risks.len());
    let domains: HashSet<_> = lib.risks.iter().map(|r| r.meta.domain.as_str()).collect();
    assert!(domains.len() >= 8, "risk domains: {domains:?}");
    let audiences: HashSet<_> = lib
        .risks
        .iter()
        .flat_map(|r| r.meta.audiences.iter())
        .collect();
    assert!(audiences.len() >= 8, "audiences: {audiences:?}");
    let levels: HashSet<_> = lib.risks.iter().map(|r| r.meta.level).collect();
    assert_eq!(levels.len(), 3);

    assert!(lib.powers.len() >= 40, "powers: {}", lib.powers.len());
    assert!(
        lib.exemptions.len() >= 20,
        "exemptions: {}",
        lib.exemptions.len()
    );
    let kinds: HashSet<_> = lib.exemptions.iter().map(|e| e.meta.kind).collect();
    assert_eq!(
        kinds.len(),
        ExemptionKind::ALL.len(),
        "every exemption kind: {kinds:?}"
    );
    assert!(
        lib.benchmarks.len() >= 15,
        "benchmarks: {}",
        lib.benchmarks.len()
    );

    assert!(
        lib.decisions.len() >= 120,
        "decisions: {}",
        lib.decisions.len()
    );
    let outcomes: HashSet<_> = lib.decisions.iter().map(|d| d.meta.outcome).collect();
    assert_eq!(outcomes.len(), Outcome::ALL.len(), "outcomes: {outcomes:?}");
    let procedures: HashSet<_> = lib.decisions.iter().map(|d| d.meta.procedure).collect();
    assert_eq!(procedures.len(), 2);
    let years: HashSet<_> = lib
        .decisions
        .iter()
        .map(|d| d.meta.decided.year())
        .collect();
    for y in 2023..=2026 {
        assert!(years.contains(&y), "no decisions in {y}");
    }
    let withdrawn = lib
        .decisions
        .iter()
        .filter(|d| d.meta.status.is_withdrawn())
        .count();
    assert!(withdrawn >= 2, "withdrawn: {withdrawn}");

    assert!(lib.cases.len() >= 10, "cases: {}", lib.cases.len());
    assert_eq!(lib.agencies.len(), 2);
}

#[test]
fn natural_person_parties_are_surname_plus_mou() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let lib = check(&content).library.expect("library");
    for d in &lib.decisions {
        if d.meta.party_type == PartyType::NaturalPerson {
            let p = &d.meta.party;
            let chars: Vec<char> = p.chars().collect();
            assert!(
                (2..=3).contains(&chars.len()) && p.ends_with('某'),
                "{}: party {p} is not surname + 某",
                d.source.path.display()
            );
        }
    }
}

/// The sample's standing decisions on a plain build today and a year from now: a newcomer who
/// runs the README's command must see a full decisions list, not one the periods have emptied.
#[test]
fn the_sample_publishes_its_decisions_on_any_build_day() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let today = chrono::Local::now().date_naive();
    let mut counts = Vec::new();
    for day in [today, today + chrono::Days::new(366)] {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let mut p = crate::util::paths(&content, &output);
        p.as_of = day;
        gongshi::publish::build(&p).unwrap();
        let data: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(output.join("data/decisions.json")).unwrap(),
        )
        .unwrap();
        let items = data["items"]
            .as_array()
            .expect("decisions.json lists items");
        assert_eq!(data["count"].as_u64(), Some(items.len() as u64));
        counts.push(items.len());
    }
    assert!(
        counts.iter().all(|&n| n >= 80),
        "standing decisions today and in a year: {counts:?}"
    );
    assert_eq!(
        counts[0], counts[1],
        "the sample looks the same on any build day"
    );
}
