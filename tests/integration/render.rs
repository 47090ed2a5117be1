//! The rendered `<main>` of every page kind, as reviewed snapshots, plus properties every
//! page must have (sample notice, language, no script, withdrawn content hidden).

use std::fs;

use gongshi::publish::build;

use crate::util::{built_minimal, main_of, minimal_with, paths};

const PAGES: &[(&str, &str)] = &[
    ("home", "index.html"),
    ("risk_list", "risks/index.html"),
    ("risk", "risks/R-1/index.html"),
    ("power_list", "powers/index.html"),
    ("power", "powers/P-1/index.html"),
    ("exemption_list", "exemptions/index.html"),
    ("exemption", "exemptions/E-1/index.html"),
    ("benchmark_list", "benchmarks/index.html"),
    ("benchmark", "benchmarks/B-1/index.html"),
    ("decision_index", "decisions/index.html"),
    ("decision_year", "decisions/2024/index.html"),
    ("decision", "decisions/D-1/index.html"),
    ("decision_withdrawn", "decisions/D-2/index.html"),
    ("case_list", "cases/index.html"),
    ("case", "cases/C-1/index.html"),
    ("agency_list", "agencies/index.html"),
    ("agency", "agencies/city/index.html"),
    ("page", "pages/about/index.html"),
    ("remedies", "remedies/index.html"),
    ("ticket", "ticket/index.html"),
    ("not_found", "404.html"),
    ("guide_list", "guides/index.html"),
    ("guide", "guides/stacking/index.html"),
    ("inspection_list", "inspections/index.html"),
    ("inspection", "inspections/JC-1/index.html"),
    ("inspection_plan", "inspections/plan-2024/index.html"),
    ("inspection_results", "inspections/results-2023/index.html"),
    ("register", "av-recording/index.html"),
    ("site_map", "sitemap/index.html"),
];

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, _content, output) = built_minimal(None);
    (dir, output)
}

#[test]
fn main_element_of_each_page_kind() {
    let (_dir, output) = built();
    for (name, path) in PAGES {
        let html = fs::read_to_string(output.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        insta::assert_snapshot!(*name, main_of(&html).replace("><", ">\n<"));
    }
}

#[test]
fn every_page_is_chinese_sample_marked_and_script_free() {
    let (_dir, output) = built();
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&output) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = fs::read_to_string(entry.path()).unwrap();
        let p = entry.path().display();
        assert!(
            html.starts_with("<!DOCTYPE html><html lang=\"zh-CN\">"),
            "{p}"
        );
        assert!(html.contains("示例数据"), "{p} lacks the sample notice");
        assert!(!html.contains("<script"), "{p} has a script");
        assert!(html.contains("name=\"viewport\""), "{p}");
        assert_eq!(html.matches("<h1>").count(), 1, "{p} must have one h1");
        pages += 1;
    }
    // Content pages, the decision browse lists (year, month and five dimensions) and the
    // search shell: a floor, so a kind of page that stops being written is noticed.
    assert!(pages >= 31, "only {pages} pages");
}

#[test]
fn sample_notice_follows_the_setting() {
    let (dir, content) = minimal_with(None);
    let site = fs::read_to_string(content.join("site.toml")).unwrap();
    fs::write(
        content.join("site.toml"),
        site.replace("sample_data = true", "sample_data = false"),
    )
    .unwrap();
    let output = dir.path().join("public");
    build(&paths(&content, &output)).unwrap();
    let html = fs::read_to_string(output.join("index.html")).unwrap();
    assert!(!html.contains("示例数据"));
}

#[test]
fn withdrawn_decision_shows_only_its_notice() {
    let (_dir, output) = built();
    let html = fs::read_to_string(output.join("decisions/D-2/index.html")).unwrap();
    let main = main_of(&html);
    assert!(main.contains("撤回说明"));
    assert!(main.contains("经行政复议，测试市人民政府决定撤销该处罚决定。"));
    assert!(!main.contains("原决定内容"), "withdrawn body leaked");
    assert!(!main.contains("李某"), "withdrawn party leaked");
    let year = fs::read_to_string(output.join("decisions/2024/index.html")).unwrap();
    assert!(!year.contains("李某"));
    let risk = fs::read_to_string(output.join("risks/R-1/index.html")).unwrap();
    assert!(risk.contains("测城执罚决字〔2024〕第0001号"));
    assert!(
        !risk.contains("测城执罚决字〔2024〕第0002号"),
        "withdrawn decision listed on risk page"
    );
}

#[test]
fn cross_references_link_both_ways() {
    let (_dir, output) = built();
    let read = |p: &str| fs::read_to_string(output.join(p)).unwrap();
    let risk = read("risks/R-1/index.html");
    for link in [
        "/powers/P-1/",
        "/exemptions/E-1/",
        "/benchmarks/B-1/",
        "/decisions/D-1/",
        "/cases/C-1/",
    ] {
        assert!(
            risk.contains(&format!("href=\"{link}\"")),
            "risk page lacks {link}"
        );
    }
    let decision = read("decisions/D-1/index.html");
    for link in [
        "/risks/R-1/",
        "/powers/P-1/",
        "/benchmarks/B-1/",
        "/agencies/city/",
    ] {
        assert!(
            decision.contains(&format!("href=\"{link}\"")),
            "decision lacks {link}"
        );
    }
    for (page, back) in [
        ("powers/P-1/index.html", "/risks/R-1/"),
        ("exemptions/E-1/index.html", "/risks/R-1/"),
        ("benchmarks/B-1/index.html", "/risks/R-1/"),
        ("cases/C-1/index.html", "/decisions/D-1/"),
    ] {
        assert!(
            read(page).contains(&format!("href=\"{back}\"")),
            "{page} lacks backlink {back}"
        );
    }
}

#[test]
fn remedy_dates_without_the_years_calendar_give_the_counted_day_and_the_caveat() {
    let (dir, content) = minimal_with(None);
    fs::remove_file(content.join("calendar/2024.toml")).unwrap();
    let output = dir.path().join("public");
    build(&paths(&content, &output)).unwrap();
    let html = fs::read_to_string(output.join("decisions/D-1/index.html")).unwrap();
    let main = main_of(&html);
    // With the 2024 file the review deadline (60 days from 2024-03-05 is Saturday 4 May, in the
    // 劳动节 holiday) rolls to 2024-05-06, as the snapshot shows; without it the page gives the
    // count's own last day and says that a holiday would move it, never a guessed roll.
    assert!(!main.contains("最迟为"), "a rolled date without a calendar");
    assert!(
        main.contains(
            "期限届满日为 <time datetime=\"2024-05-04\">2024年5月4日</time>（2024 年节假日安排尚未公布"
        ),
        "{main}"
    );
}

#[test]
fn a_benchmark_re_based_after_a_decision_does_not_judge_it_by_the_new_grades() {
    // B-1 re-based on another provision after D-1 (2024-03-05): D-1 applied the earlier
    // version, so its fine is listed but not placed against the current grades.
    let (dir, content) = minimal_with(None);
    let path = content.join("benchmarks/B-1.md");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        text.replacen("updated = 2024-01-01", "updated = 2024-04-01", 1)
            .replacen(
                "[[penalty_basis]]\nlaw = \"城市市容和环境卫生管理条例\"\narticle = \"第三十六条第（二）项\"",
                "[[penalty_basis]]\nlaw = \"城市市容和环境卫生管理条例\"\narticle = \"第十四条\"",
                1,
            ),
    )
    .unwrap();
    let output = dir.path().join("public");
    build(&paths(&content, &output)).unwrap();
    let main =
        main_of(&fs::read_to_string(output.join("benchmarks/B-1/index.html")).unwrap()).to_string();
    let section = &main[main
        .find("id=\"consistency\"")
        .expect("consistency section")..];
    assert!(
        section.contains("其中 1 件依照本基准 <time datetime=\"2024-04-01\">"),
        "{section}"
    );
    // The 一般 row: one decision, none inside/below/above, one from the earlier version, 200 yuan.
    assert!(
        crate::util::without_labels(section).contains("<th scope=\"row\">一般</th><td>100元至500元</td><td>1</td><td>0</td><td>0</td><td>0</td><td>1</td><td>200</td>"),
        "{section}"
    );
}
