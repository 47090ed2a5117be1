//! 经营前自查 (`/self-check/`): the sample site built as of 2026-11-22, checked against what the
//! content files say, read here with `toml` directly rather than through the library under test.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use toml::{Table, Value};

/// The sample site built into a temp dir: the guard and the built `public/`.
fn built_sample() -> (tempfile::TempDir, PathBuf) {
    build(&content())
}

fn build(content: &Path) -> (tempfile::TempDir, PathBuf) {
    let (dir, output, _) = crate::util::build_site(content, crate::util::sample_day());
    (dir, output)
}

fn content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// The front matter of a content file: the lines between the first two `+++` lines.
fn front_matter(path: &Path) -> Table {
    let text = fs::read_to_string(path).unwrap();
    let mut fences = 0;
    let mut front = String::new();
    for line in text.lines() {
        if line.trim_end() == "+++" {
            fences += 1;
            if fences == 2 {
                break;
            }
        } else if fences == 1 {
            front.push_str(line);
            front.push('\n');
        }
    }
    assert_eq!(fences, 2, "{} has two +++ fences", path.display());
    front
        .parse()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// id → front matter of every item of a content directory.
fn items(dir: &str) -> BTreeMap<String, Table> {
    walkdir::WalkDir::new(content().join(dir))
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| {
            let t = front_matter(e.path());
            (t["id"].as_str().unwrap().to_string(), t)
        })
        .collect()
}

fn strs(t: &Table, key: &str) -> Vec<String> {
    t.get(key)
        .and_then(Value::as_array)
        .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

fn status(t: &Table) -> &str {
    t["status"].as_str().unwrap()
}

/// Risks whose status is not 已废止 and whose audiences include `audience`.
fn expected_risks(risks: &BTreeMap<String, Table>, audience: &str) -> BTreeSet<String> {
    risks
        .iter()
        .filter(|(_, t)| status(t) != "已废止")
        .filter(|(_, t)| strs(t, "audiences").iter().any(|a| a == audience))
        .map(|(id, _)| id.clone())
        .collect()
}

fn page(output: &Path, address: &str) -> String {
    let file = output
        .join(address.trim_start_matches('/'))
        .join("index.html");
    fs::read_to_string(&file).unwrap_or_else(|e| panic!("{address}: {e}"))
}

/// Every `href="/risks/ID/"` in a piece of HTML, in order.
fn risk_links(html: &str) -> Vec<String> {
    html.split("href=\"/risks/")
        .skip(1)
        .filter_map(|rest| {
            let id = &rest[..rest.find('"')?];
            id.strip_suffix('/')
                .filter(|id| !id.is_empty())
                .map(str::to_string)
        })
        .collect()
}

/// Each risk's `<article>` on a self-check page: risk id → its HTML.
fn risk_blocks(html: &str) -> BTreeMap<String, &str> {
    let mut out = BTreeMap::new();
    for part in html.split("<article").skip(1) {
        let block = &part[..part.find("</article>").expect("article closes")];
        let ids = risk_links(block);
        assert_eq!(ids.len(), 1, "one risk link per block: {block}");
        assert!(
            out.insert(ids[0].clone(), block).is_none(),
            "{} twice",
            ids[0]
        );
    }
    out
}

/// (slug, audience name) of every link in the index's `<main>`, in page order.
fn index_links(html: &str) -> Vec<(String, String)> {
    crate::util::main_of(html)
        .split("<a href=\"/self-check/")
        .skip(1)
        .map(|rest| {
            let slug = &rest[..rest.find("/\"").expect("slug ends in /")];
            let text = &rest[rest.find('>').unwrap() + 1..rest.find("</a>").unwrap()];
            (slug.to_string(), text.to_string())
        })
        .collect()
}

/// Audiences declared in a site.toml, in order.
fn declared_audiences(content: &Path) -> Vec<String> {
    let site: Table = fs::read_to_string(content.join("site.toml"))
        .unwrap()
        .parse()
        .unwrap();
    strs(&site, "audiences")
}

/// `layout::yuan`, written again: digits grouped by three, then 元.
fn yuan(n: i64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out + "元"
}

/// What the page must say about a risk's penalty, from its standing benchmarks' grades.
fn expected_penalty(risk: &Table, benchmarks: &BTreeMap<String, Table>) -> String {
    let linked: Vec<&Table> = strs(risk, "benchmarks")
        .iter()
        .filter_map(|id| benchmarks.get(id))
        .filter(|b| status(b) != "已废止")
        .collect();
    if linked.is_empty() {
        return "暂无裁量基准".into();
    }
    let grades: Vec<&Table> = linked
        .iter()
        .flat_map(|b| b["grades"].as_array().unwrap())
        .map(|g| g.as_table().unwrap())
        .collect();
    let int = |g: &Table, k: &str| g.get(k).and_then(Value::as_integer);
    // Grades split by party (个人/单位) give one range per party.
    let split = grades
        .iter()
        .any(|g| g.keys().any(|k| k.ends_with("_individual")));
    let fined_for = |suffix: &str| -> Vec<(i64, i64)> {
        grades
            .iter()
            .filter_map(|g| {
                let key = |k: &str| format!("{k}{suffix}");
                let max = int(g, &key("fine_max"))
                    .or_else(|| int(g, "fine_max"))
                    .filter(|m| *m > 0)?;
                Some((
                    int(g, &key("fine_min"))
                        .or_else(|| int(g, "fine_min"))
                        .unwrap_or(0),
                    max,
                ))
            })
            .collect()
    };
    let range = |fined: &[(i64, i64)]| {
        let min = fined.iter().map(|f| f.0).min().unwrap();
        let max = fined.iter().map(|f| f.1).max().unwrap();
        if min == max {
            format!("罚款 {}", yuan(max))
        } else if min == 0 {
            format!("罚款 {}以下", yuan(max))
        } else {
            format!("罚款 {}至{}", yuan(min), yuan(max))
        }
    };
    if split {
        return [("_individual", "个人"), ("_unit", "单位")]
            .iter()
            .filter_map(|(suffix, label)| {
                let f = fined_for(suffix);
                (!f.is_empty()).then(|| format!("对{label}{}", range(&f)))
            })
            .collect::<Vec<_>>()
            .join("；");
    }
    let fined = fined_for("");
    if fined.is_empty() {
        return grades
            .iter()
            .map(|g| {
                format!(
                    "{}：{}",
                    g["grade"].as_str().unwrap(),
                    g["penalty"].as_str().unwrap()
                )
            })
            .collect::<Vec<_>>()
            .join("；");
    }
    range(&fined)
}

/// Every self-check page of a build: the index and each page it links, with its audience.
fn all_pages(output: &Path) -> Vec<(String, String, String)> {
    let index = page(output, "/self-check/");
    index_links(&index)
        .into_iter()
        .map(|(slug, name)| {
            let html = page(output, &format!("/self-check/{slug}/"));
            (slug, name, html)
        })
        .collect()
}

#[test]
fn canyin_lists_exactly_its_standing_risks_with_a_box_per_measure() {
    let (_dir, output) = built_sample();
    let risks = items("risks");
    let expected = expected_risks(&risks, "餐饮");
    assert!(
        expected.len() >= 5,
        "the sample has several 餐饮 risks: {expected:?}"
    );

    let html = page(&output, "/self-check/canyin/");
    let linked: BTreeSet<String> = risk_links(&html).into_iter().collect();
    assert_eq!(
        linked, expected,
        "risk pages linked from /self-check/canyin/"
    );
    assert!(html.contains("<h1>经营前自查：餐饮</h1>"));
    for (id, block) in risk_blocks(&html) {
        let measures = strs(&risks[&id], "measures");
        assert_eq!(
            block.matches('☐').count(),
            measures.len(),
            "{id}: one box per measure"
        );
        for m in &measures {
            assert!(block.contains(m.as_str()), "{id}: measure `{m}` missing");
        }
        let manifestation = risks[&id]["manifestation"].as_str().unwrap();
        assert!(block.contains(manifestation), "{id}: 不要这样做 missing");
    }

    // A repealed risk is on no self-check page, even for an audience it names.
    let repealed: Vec<&String> = risks
        .iter()
        .filter(|(_, t)| status(t) == "已废止")
        .map(|(id, _)| id)
        .collect();
    assert!(!repealed.is_empty(), "the sample has a repealed risk");
    for (slug, _, html) in all_pages(&output) {
        for id in &repealed {
            assert!(
                !risk_links(&html).contains(id),
                "{id} is 已废止 but on /self-check/{slug}/"
            );
        }
    }
}

#[test]
fn every_page_groups_its_risks_under_the_right_level() {
    let (_dir, output) = built_sample();
    let risks = items("risks");
    let levels = [
        ("level-high", "高"),
        ("level-medium", "中"),
        ("level-low", "低"),
    ];
    for (slug, name, html) in all_pages(&output) {
        let mut seen = BTreeSet::new();
        let mut last = None;
        for part in html.split("<h2 id=\"").skip(1) {
            let n = levels
                .iter()
                .position(|(id, _)| part.starts_with(&format!("{id}\"")))
                .unwrap_or_else(|| panic!("{slug}: an h2 that is not a level heading"));
            let (_, level) = levels[n];
            assert!(last < Some(n), "{slug}: levels in order 高, 中, 低");
            last = Some(n);
            let heading = &part[..part.find("</h2>").unwrap()];
            assert!(
                heading.contains(&format!("{level}风险")),
                "{slug}: heading {heading}"
            );
            for id in risk_links(part) {
                assert_eq!(
                    risks[&id]["level"].as_str(),
                    Some(level),
                    "/self-check/{slug}/: {id} is under {level}风险"
                );
                seen.insert(id);
            }
        }
        assert_eq!(
            seen,
            expected_risks(&risks, &name),
            "/self-check/{slug}/ ({name})"
        );
    }
}

#[test]
fn penalty_ranges_come_from_the_linked_benchmarks() {
    let (_dir, output) = built_sample();
    let (risks, benchmarks) = (items("risks"), items("benchmarks"));
    let html = page(&output, "/self-check/canyin/");
    let blocks = risk_blocks(&html);
    // The one this test was written against: B-010 grades run from 5,000 to 50,000 yuan.
    assert!(blocks["R-010-1"].contains("罚款 5,000元至50,000元"));
    let mut kinds = BTreeSet::new();
    for (id, block) in &blocks {
        let expected = expected_penalty(&risks[id], &benchmarks);
        kinds.insert(expected.split(' ').next().unwrap().to_string());
        assert!(
            block.contains(&expected),
            "{id}: expected `{expected}` in {block}"
        );
        for b in strs(&risks[id], "benchmarks") {
            assert!(
                block.contains(&format!("href=\"/benchmarks/{b}/\"")),
                "{id}: links {b}"
            );
        }
    }
    assert!(kinds.contains("罚款"), "{kinds:?}");
    assert!(
        kinds.contains("暂无裁量基准"),
        "the sample has a 餐饮 risk without a benchmark: {kinds:?}"
    );
}

#[test]
fn first_offence_statement_follows_the_exemption_list() {
    let (_dir, output) = built_sample();
    let (risks, exemptions) = (items("risks"), items("exemptions"));
    let html = page(&output, "/self-check/canyin/");
    let (mut free_seen, mut not_free_seen) = (false, false);
    for (id, block) in risk_blocks(&html) {
        let free: Vec<String> = strs(&risks[&id], "exemptions")
            .into_iter()
            .filter(|e| {
                let t = &exemptions[e];
                status(t) != "已废止" && matches!(t["kind"].as_str(), Some("轻微不罚" | "首违免罚"))
            })
            .collect();
        if free.is_empty() {
            not_free_seen = true;
            assert!(
                block.contains("本项不在包容免罚清单内") && !block.contains("可以不予处罚"),
                "{id}: no 不予处罚 exemption, so decided case by case: {block}"
            );
        } else {
            free_seen = true;
            assert!(
                block.contains("首次轻微违法可以不予处罚") && !block.contains("不在包容免罚清单内"),
                "{id}: has a 不予处罚 exemption: {block}"
            );
            for e in &free {
                assert!(
                    block.contains(&format!("href=\"/exemptions/{e}/\"")),
                    "{id}: links {e}"
                );
                for c in strs(&exemptions[e], "conditions") {
                    assert!(block.contains(&c), "{id}: condition `{c}` of {e}");
                }
            }
        }
    }
    assert!(free_seen && not_free_seen, "the 餐饮 sample has both cases");
}

#[test]
fn index_links_every_used_audience_and_no_other() {
    // The sample with one more declared audience that no risk names.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("content");
    crate::util::copy_tree(&content(), &copy);
    let site = copy.join("site.toml");
    let text = fs::read_to_string(&site).unwrap();
    let declared = "\"机关企事业单位\"]";
    assert!(
        text.contains(declared),
        "site.toml declares 机关企事业单位 last"
    );
    fs::write(
        &site,
        text.replace(declared, "\"机关企事业单位\", \"宠物店\"]"),
    )
    .unwrap();
    let (_out, output) = build(&copy);
    let risks = items("risks");
    let index = page(&output, "/self-check/");
    assert!(index.contains("以法律法规和执法机关认定为准"));
    assert!(index.contains("不是法律意见"));

    let links = index_links(&index);
    let names: Vec<String> = links.iter().map(|(_, n)| n.clone()).collect();
    let declared = declared_audiences(&copy);
    let used: Vec<String> = declared
        .iter()
        .filter(|a| !expected_risks(&risks, a).is_empty())
        .cloned()
        .collect();
    assert!(used.len() >= 5, "{used:?}");
    assert!(
        used.len() < declared.len(),
        "some declared audience is unused: {declared:?}"
    );
    assert_eq!(
        names, used,
        "one link per used audience, in site.toml order"
    );

    let slugs: Vec<&str> = links.iter().map(|(s, _)| s.as_str()).collect();
    let unique: HashSet<&&str> = slugs.iter().collect();
    assert_eq!(unique.len(), slugs.len(), "slugs are unique: {slugs:?}");
    for s in &slugs {
        assert!(
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "slug `{s}` is lowercase ASCII"
        );
    }
    let by_name: BTreeMap<&str, &str> = links
        .iter()
        .map(|(s, n)| (n.as_str(), s.as_str()))
        .collect();
    assert_eq!(by_name["餐饮"], "canyin");
    assert_eq!(by_name["美容美发"], "meirongmeifa");

    // Counts on the index match the pages.
    for (slug, name) in &links {
        let n = expected_risks(&risks, name).len();
        let after = &index[index.find(&format!("/self-check/{slug}/")).unwrap()..];
        assert!(
            after.contains(&format!("（{n} 项风险")),
            "{name}: count {n} on the index"
        );
    }

    // No page for an audience no risk names.
    let written: BTreeSet<String> = fs::read_dir(output.join("self-check"))
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let linked: BTreeSet<String> = slugs.iter().map(|s| s.to_string()).collect();
    assert_eq!(written, linked, "pages written = pages linked");
}

#[test]
fn pages_have_no_script_no_inline_style_and_a_print_hint() {
    let (_dir, output) = built_sample();
    let index = page(&output, "/self-check/");
    let pages = all_pages(&output);
    assert!(!pages.is_empty());
    for (address, html) in std::iter::once(("/self-check/".to_string(), &index)).chain(
        pages
            .iter()
            .map(|(s, _, h)| (format!("/self-check/{s}/"), h)),
    ) {
        let lower = html.to_lowercase();
        assert!(!lower.contains("<script"), "{address} has a <script>");
        assert!(
            !lower.contains(" style="),
            "{address} has a style attribute"
        );
        assert!(!lower.contains("<style"), "{address} has a <style> element");
        assert!(lower.contains("以法律法规和执法机关认定为准"), "{address}");
    }
    for (slug, _, html) in &pages {
        assert!(html.contains("打印本页自查清单"), "/self-check/{slug}/");
    }
    let css = fs::read_to_string(output.join("static/style.css")).unwrap();
    assert!(css.contains("/* self-check"), "the print rules ship");
}
