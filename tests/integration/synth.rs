//! `gongshi synth`: the benchmark content is valid, deterministic and kept whole by a build on
//! its day.

use std::path::Path;

use gongshi::synth::{Spec, generate};

#[test]
fn synthetic_content_is_valid_deterministic_and_published_whole_on_its_day() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    // Any day: the dates are chosen for it, so the test holds whenever it runs.
    let as_of = chrono::Local::now().date_naive();
    let tmp = tempfile::tempdir().unwrap();
    let spec = |name: &str, seed: u64| Spec {
        seed_dir: sample.clone(),
        out: tmp.path().join(name),
        decisions: 1200,
        seed,
        as_of,
    };
    let summary = generate(&spec("a", 7)).unwrap();
    assert_eq!(summary.decisions, 1200);
    assert_eq!(summary.cases, 1200 / 500);

    // Every check passes: anonymised parties, deadlines, and every cross-reference resolves.
    let seed = gongshi::publish::check(&sample);
    let checked = gongshi::publish::check(&tmp.path().join("a"));
    let problems: Vec<String> = checked
        .diagnostics
        .iter()
        .map(|d| format!("{d:?}"))
        .take(5)
        .collect();
    assert_eq!(checked.errors, 0, "{problems:#?}");
    let (lib, seed_lib) = (checked.library.unwrap(), seed.library.unwrap());
    assert_eq!(lib.decisions.len(), seed_lib.decisions.len() + 1200);
    assert_eq!(lib.cases.len(), seed_lib.cases.len() + summary.cases);
    // Every kind the sample has, and more than one agency and violation among the new ones.
    assert_eq!(lib.risks.len(), seed_lib.risks.len());
    assert_eq!(lib.benchmarks.len(), seed_lib.benchmarks.len());
    let generated: Vec<_> = lib
        .decisions
        .iter()
        .filter(|d| !seed_lib.decisions.iter().any(|s| s.meta.id == d.meta.id))
        .collect();
    assert_eq!(generated.len(), 1200);
    let distinct =
        |f: &dyn Fn(&gongshi::content::Item<gongshi::content::kinds::Decision>) -> String| {
            generated
                .iter()
                .map(|d| f(d))
                .collect::<std::collections::BTreeSet<_>>()
                .len()
        };
    assert!(distinct(&|d| d.meta.agency.to_string()) > 1);
    assert!(distinct(&|d| d.meta.violation.clone()) > 5);
    assert!(distinct(&|d| d.meta.party.clone()) > 100);

    // The same seed writes the same bytes; another seed does not.
    generate(&spec("b", 7)).unwrap();
    generate(&spec("c", 8)).unwrap();
    let a = crate::util::snapshot(&tmp.path().join("a"));
    assert_eq!(a, crate::util::snapshot(&tmp.path().join("b")));
    assert_ne!(a, crate::util::snapshot(&tmp.path().join("c")));

    // A build on the day keeps every generated decision (only the sample's own may expire).
    let out = tmp.path().join("site/public");
    let mut paths = crate::util::paths(&tmp.path().join("a"), &out);
    paths.as_of = as_of;
    let report = gongshi::publish::build(&paths).unwrap();
    let gone: Vec<_> = report
        .taken_down
        .iter()
        .filter(|t| generated.iter().any(|d| d.meta.id.to_string() == t.id))
        .collect();
    assert!(gone.is_empty(), "{gone:?}");
    let d = generated[0];
    let page =
        std::fs::read_to_string(out.join(format!("decisions/{}/index.html", d.meta.id))).unwrap();
    assert!(page.contains(&d.meta.party), "{}", d.meta.party);
}
