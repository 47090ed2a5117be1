//! 从旧兼从轻 (行政处罚法第三十七条): a benchmark keeps its earlier versions, a decision records
//! the day of the act, and the version that applied is checked, shown on the decision page and
//! used in the benchmark's 同案同罚 table.

use std::fs;

use gongshi::publish::{build, check};

use crate::util::{fixtures, main_of, minimal_with, paths};

/// The minimal tree with B-1 changed on 2024-03-01 (一般: 100—300 before, 100—500 since) and
/// D-1 (decided 2024-03-05, 200 yuan, 一般) made on an act of `acted`, if given.
fn versioned(acted: Option<&str>) -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, content) = minimal_with(None);
    fs::copy(
        fixtures().join("errors/version-old-lighter/content/benchmarks/B-1.md"),
        content.join("benchmarks/B-1.md"),
    )
    .unwrap();
    if let Some(day) = acted {
        let path = content.join("decisions/2024/D-1.md");
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains("amount = 200"));
        fs::write(
            &path,
            text.replacen(
                "decided = 2024-03-05",
                &format!("acted = {day}\ndecided = 2024-03-05"),
                1,
            ),
        )
        .unwrap();
    }
    (dir, content)
}

fn page(dir: &tempfile::TempDir, content: &std::path::Path, file: &str) -> String {
    let output = dir.path().join("public");
    if !output.exists() {
        build(&paths(content, &output)).unwrap();
    }
    main_of(&fs::read_to_string(output.join(file)).unwrap()).to_string()
}

#[test]
fn a_decision_on_an_act_before_the_change_inside_the_old_grade_passes() {
    let (_dir, content) = versioned(Some("2024-02-20"));
    let checked = check(&content);
    assert!(checked.diagnostics.is_empty(), "{:#?}", checked.diagnostics);
}

#[test]
fn the_decision_page_names_the_version_that_applied() {
    let (dir, content) = versioned(Some("2024-02-20"));
    let main = page(&dir, &content, "decisions/D-1/index.html");
    assert!(main.contains("违法行为发生日期"), "{main}");
    assert!(main.contains("<time datetime=\"2024-02-20\">"), "{main}");
    assert!(
        main.contains("<a href=\"/benchmarks/B-1/#version-1\">适用 2024年3月1日以前的裁量基准</a>"),
        "{main}"
    );
    assert!(
        main.contains("依照行政处罚法第三十七条适用违法行为发生时的规定"),
        "{main}"
    );
}

#[test]
fn a_decision_on_an_act_after_the_change_names_no_version() {
    let (dir, content) = versioned(None);
    assert!(check(&content).diagnostics.is_empty());
    let main = page(&dir, &content, "decisions/D-1/index.html");
    assert!(!main.contains("违法行为发生日期"), "{main}");
    assert!(!main.contains("适用的基准版本"), "{main}");
    // Judged by the current grade: 200 is inside 100—500, and no earlier row is listed.
    let bench = page(&dir, &content, "benchmarks/B-1/index.html");
    assert!(
        crate::util::without_labels(&bench).contains("<th scope=\"row\">一般</th><td>100元至500元</td><td>1</td><td>1</td><td>0</td><td>0</td><td>200</td>"),
        "{bench}"
    );
    assert!(!bench.contains("一般（2024年3月1日以前的版本）"), "{bench}");
}

#[test]
fn the_benchmark_page_lists_earlier_versions_and_places_old_fines_against_them() {
    let (dir, content) = versioned(Some("2024-02-20"));
    let main = page(&dir, &content, "benchmarks/B-1/index.html");
    let versions = &main[main.find("id=\"versions\"").expect("versions section")..];
    assert!(
        versions.contains("<h2 id=\"versions-h\">此前的版本</h2>"),
        "{versions}"
    );
    assert!(
        versions.contains("<section id=\"version-1\"><h3>2024年3月1日以前的版本</h3>"),
        "{versions}"
    );
    assert!(versions.contains("100元至300元"), "{versions}");
    let section = &main[main
        .find("id=\"consistency\"")
        .expect("consistency section")..];
    // The current 一般 row has no decision; the earlier version's 一般 row holds D-1, inside.
    assert!(
        crate::util::without_labels(section).contains("<th scope=\"row\">一般</th><td>100元至500元</td><td>0</td><td>0</td><td>0</td><td>0</td><td>—</td>"),
        "{section}"
    );
    assert!(
        crate::util::without_labels(section).contains("<th scope=\"row\">一般（2024年3月1日以前的版本）</th><td>100元至300元</td><td>1</td><td>1</td><td>0</td><td>0</td><td>200</td>"),
        "{section}"
    );
    assert!(
        section.contains("其中 1 件适用本基准此前的版本"),
        "{section}"
    );
    assert!(!section.contains("修改前作出"), "{section}");
}

#[test]
fn an_act_after_the_decision_is_refused_at_its_line() {
    let (_dir, content) = versioned(Some("2024-03-06"));
    let got: Vec<String> = check(&content)
        .diagnostics
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(got.len(), 1, "{got:#?}");
    assert!(
        got[0].starts_with("content/decisions/2024/D-1.md:14:1: 错误[")
            && got[0].contains("违法行为发生日期 2024-03-06 晚于决定日期 2024-03-05"),
        "{got:#?}"
    );
}
