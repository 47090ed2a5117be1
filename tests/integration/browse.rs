//! The decisions browser on the sample site: every browse page (month, 领域, violation, agency,
//! outcome, procedure) lists exactly the standing decisions with that value, counted
//! independently from the content files.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// A decision's front matter as a TOML table.
fn front(path: &Path) -> toml::Table {
    let text = fs::read_to_string(path).unwrap();
    let body = text.strip_prefix("+++\n").unwrap();
    let end = body.find("\n+++").unwrap();
    toml::from_str(&body[..end]).unwrap()
}

/// Links to decision pages in a list page's table, following `rel="next"` pages.
fn listed(output: &Path, address: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut next = Some(address.to_string());
    while let Some(addr) = next.take() {
        let html = fs::read_to_string(output.join(addr.trim_matches('/')).join("index.html"))
            .unwrap_or_else(|_| panic!("{addr} exists"));
        let main = crate::util::main_of(&html);
        let table = &main[main.find("<tbody>").expect("a table")..main.find("</tbody>").unwrap()];
        for part in table.split("href=\"/decisions/").skip(1) {
            let id = part.split('/').next().unwrap();
            ids.insert(id.to_string());
        }
        next = main
            .split("rel=\"next\"")
            .next()
            .filter(|_| main.contains("rel=\"next\""))
            .and_then(|before| before.rsplit("href=\"").next())
            .map(|s| s.split('"').next().unwrap().to_string());
    }
    ids
}

/// (label, address, count) of each link in the index's `<nav aria-labelledby="by-KEY">`.
fn index_links(index: &str, key: &str) -> Vec<(String, String, usize)> {
    let start = index
        .find(&format!("aria-labelledby=\"by-{key}\""))
        .expect(key);
    let nav = &index[start..start + index[start..].find("</nav>").unwrap()];
    nav.split("<a href=\"")
        .skip(1)
        .map(|part| {
            let address = part.split('"').next().unwrap().to_string();
            let label = part
                .split('>')
                .nth(1)
                .unwrap()
                .split('<')
                .next()
                .unwrap()
                .to_string();
            let count = part
                .split("(")
                .nth(1)
                .unwrap()
                .split(|c: char| !c.is_ascii_digit())
                .next()
                .unwrap();
            (label, address, count.parse().unwrap())
        })
        .collect()
}

#[test]
fn each_browse_page_lists_exactly_the_decisions_with_its_value() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let (_dir, output, report) = crate::util::build_site(&content, crate::util::sample_day());
    let taken: BTreeSet<String> = report.taken_down.iter().map(|t| t.id.clone()).collect();

    // Independently: (dimension, label) → ids, from the files.
    let agencies: BTreeMap<String, String> = walk(&content.join("agencies"))
        .iter()
        .map(|f| {
            let t = front(f);
            (
                t["id"].as_str().unwrap().into(),
                t["name"].as_str().unwrap().into(),
            )
        })
        .collect();
    let risks: BTreeMap<String, String> = walk(&content.join("risks"))
        .iter()
        .map(|f| {
            let t = front(f);
            (
                t["id"].as_str().unwrap().into(),
                t["title"].as_str().unwrap().into(),
            )
        })
        .collect();
    let site: toml::Table =
        toml::from_str(&fs::read_to_string(content.join("site.toml")).unwrap()).unwrap();
    let publish_no_penalty = site
        .get("publication")
        .and_then(|p| p.get("publish_no_penalty"))
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    let mut want: BTreeMap<(&str, String), BTreeSet<String>> = BTreeMap::new();
    let mut standing = 0;
    for f in walk(&content.join("decisions")) {
        let t = front(&f);
        let id = t["id"].as_str().unwrap().to_string();
        let unpublished = t["outcome"].as_str() == Some("不予处罚") && !publish_no_penalty;
        if taken.contains(&id) || unpublished {
            continue;
        }
        let decided = t["decided"].to_string();
        let (y, m) = (&decided[..4], decided[5..7].trim_start_matches('0'));
        // Month pages list withdrawn decisions too (their notices), like year pages.
        want.entry(("month", format!("{y}-{m}")))
            .or_default()
            .insert(id.clone());
        if t["status"].as_str() != Some("有效") {
            continue;
        }
        standing += 1;
        let s = |k: &str| t[k].as_str().unwrap().to_string();
        let mut add = |dim, label: String| {
            want.entry((dim, label)).or_default().insert(id.clone());
        };
        add("domain", s("domain"));
        add("agency", agencies[&s("agency")].clone());
        add("outcome", s("outcome"));
        add("procedure", s("procedure"));
        for r in t["risks"].as_array().unwrap() {
            add("violation", risks[r.as_str().unwrap()].clone());
        }
    }
    assert!(
        standing > 20,
        "the sample has standing decisions: {standing}"
    );

    let index = fs::read_to_string(output.join("decisions/index.html")).unwrap();
    let mut seen = 0;
    for dim in ["domain", "violation", "agency", "outcome", "procedure"] {
        let links = index_links(&index, dim);
        let expected: BTreeSet<&String> = want
            .keys()
            .filter(|(d, _)| *d == dim)
            .map(|(_, l)| l)
            .collect();
        let got: BTreeSet<&String> = links.iter().map(|(l, _, _)| l).collect();
        assert_eq!(
            got, expected,
            "{dim}: the index offers exactly the values in use"
        );
        for (label, address, count) in &links {
            let ids = listed(&output, address);
            assert_eq!(
                &ids,
                &want[&(dim, label.clone())],
                "{dim} = {label} at {address}"
            );
            assert_eq!(*count, ids.len(), "{dim} = {label}: the count on the index");
            seen += 1;
        }
    }
    // Months: the links under each year.
    let nav = &index[index.find("aria-labelledby=\"by-date\"").unwrap()..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    for part in nav.split("<a href=\"/decisions/").skip(1) {
        let address = part.split('"').next().unwrap();
        let segs: Vec<&str> = address.trim_end_matches('/').split('/').collect();
        if segs.len() != 2 {
            continue; // a year link
        }
        let key = format!("{}-{}", segs[0], segs[1].trim_start_matches('0'));
        let ids = listed(&output, &format!("/decisions/{address}"));
        assert_eq!(&ids, &want[&("month", key.clone())], "month {key}");
        seen += 1;
    }
    let months = want.keys().filter(|(d, _)| *d == "month").count();
    assert!(seen > months + 20, "browse pages checked: {seen}");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.path().to_path_buf())
        .collect()
}
