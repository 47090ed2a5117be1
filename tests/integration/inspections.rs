//! 涉企行政检查 (issue 19): inspection items parse with their fields, the item page shows the
//! ceiling and its source and links its 行政检查 power (which links back), the plan and the
//! results render as tables whose totals add up, the lists reach nav, home, agency page, site
//! map, sitemap.xml and open data, and lay questions find the items on the sample.

use std::fs;
use std::path::Path;

use gongshi::content::model::PowerType;
use gongshi::search::engine::{Engine, Request};

use crate::util::{built_minimal, main_of};

fn page(output: &Path, path: &str) -> String {
    fs::read_to_string(output.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn an_inspection_item_parses_with_its_fields() {
    let (_dir, content, _output) = built_minimal(None);
    let checked = gongshi::publish::check(&content);
    assert_eq!(checked.errors, 0);
    let lib = checked.library.unwrap();
    assert_eq!(lib.inspections.len(), 1);
    let i = &lib.inspections[0].meta;
    assert_eq!(i.id.as_str(), "JC-1");
    assert_eq!(i.power.as_str(), "P-JC-1");
    assert_eq!(i.agency.as_str(), "city");
    assert_eq!(i.max_per_year, 2);
    assert_eq!(i.max_basis, "测试市城管局自定（测试数据）");
    assert_eq!(i.method, ["非现场", "现场检查"]);
    assert_eq!(i.basis[0].article, "第十四条");
    let reports = &lib.inspection_reports;
    assert_eq!(reports.len(), 2);
    // Newest year first.
    assert_eq!(reports[0].meta.id.as_str(), "plan-2024");
    assert!(reports[0].meta.is_plan());
    assert_eq!(reports[0].meta.lines[0].planned, 50);
    assert!(!reports[1].meta.is_plan());
    assert_eq!(reports[1].meta.rows[0].inspections, 40);
}

#[test]
fn the_item_page_states_the_ceiling_its_source_and_the_power_which_links_back() {
    let (_dir, _content, output) = built_minimal(None);
    let item = page(&output, "inspections/JC-1/index.html");
    let main = main_of(&item);
    assert!(
        main.contains("每年最多 <strong>2 次</strong>（入店现场检查）"),
        "{main}"
    );
    assert!(main.contains("上限来源：测试市城管局自定（测试数据）"));
    assert!(main.contains("根据投诉举报确需检查的"));
    assert!(main.contains("href=\"/powers/P-JC-1/\""));
    assert!(main.contains("href=\"/agencies/city/\""));
    assert!(main.contains("城市市容和环境卫生管理条例"));
    let power = page(&output, "powers/P-JC-1/index.html");
    assert!(main_of(&power).contains("href=\"/inspections/JC-1/\""));
    let other = page(&output, "powers/P-1/index.html");
    assert!(!main_of(&other).contains("/inspections/JC-"));
    let agency = page(&output, "agencies/city/index.html");
    assert!(main_of(&agency).contains("href=\"/inspections/JC-1/\""));
}

#[test]
fn the_list_links_the_plan_and_results_and_every_place_lists_the_list() {
    let (_dir, _content, output) = built_minimal(None);
    let list = page(&output, "inspections/index.html");
    let main = main_of(&list);
    for href in [
        "/inspections/JC-1/",
        "/inspections/plan-2024/",
        "/inspections/results-2023/",
    ] {
        assert!(main.contains(&format!("href=\"{href}\"")), "{href}: {main}");
    }
    let home = page(&output, "index.html");
    assert!(
        home.matches("href=\"/inspections/\"").count() >= 2,
        "nav and the home entry"
    );
    let site_map = page(&output, "sitemap/index.html");
    for href in ["/inspections/", "/inspections/plan-2024/"] {
        assert!(site_map.contains(&format!("href=\"{href}\"")), "{href}");
    }
    let xml = page(&output, "sitemap.xml");
    for path in [
        "/inspections/",
        "/inspections/JC-1/",
        "/inspections/plan-2024/",
        "/inspections/results-2023/",
    ] {
        assert!(
            xml.contains(&format!("{path}</loc>")),
            "{path} in sitemap.xml"
        );
    }
    let data: serde_json::Value =
        serde_json::from_str(&page(&output, "data/inspections.json")).unwrap();
    let text = data.to_string();
    assert!(
        text.contains("\"JC-1\"") && text.contains("\"max_per_year\":2"),
        "{text}"
    );
}

#[test]
fn the_plan_and_the_results_render_as_tables_whose_totals_add_up() {
    let (_dir, _content, output) = built_minimal(None);
    let plan = page(&output, "inspections/plan-2024/index.html");
    let main = main_of(&plan);
    assert!(
        main.contains("主干道沿街商户") && main.contains("10%"),
        "{main}"
    );
    assert!(main.contains("3月、4月、5月"));
    let results = page(&output, "inspections/results-2023/index.html");
    let main = main_of(&results);
    assert!(
        main.contains("<th scope=\"row\" data-label=\"实施主体\">合计</th>"),
        "{main}"
    );
}

/// The sample's results: every stated total is the sum of its rows, and the rows' own order
/// of magnitude holds (no more problems than inspections, no more corrections than orders).
#[test]
fn the_sample_results_totals_equal_the_sum_of_their_rows() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let checked = gongshi::publish::check(&content);
    assert_eq!(checked.errors, 0, "sample content must be valid");
    let lib = checked.library.unwrap();
    let results: Vec<_> = lib
        .inspection_reports
        .iter()
        .filter(|r| !r.meta.rows.is_empty())
        .collect();
    assert!(!results.is_empty(), "the sample publishes a year's results");
    for r in results {
        let m = &r.meta;
        assert!(!m.totals.is_empty(), "{} states its totals", m.id);
        assert!(m.wrong_totals().is_empty(), "{:?}", m.wrong_totals());
        // Added here independently of wrong_totals: the grand total is every row's sum.
        let grand = m.totals.iter().find(|t| t.agency.is_none()).unwrap();
        let inspections: u32 = m.rows.iter().map(|x| x.inspections).sum();
        let cases: u32 = m.rows.iter().map(|x| x.cases).sum();
        assert_eq!((grand.inspections, grand.cases), (inspections, cases));
        for row in &m.rows {
            assert!(row.problems <= row.inspections, "{}", row.item);
            assert!(row.ordered <= row.problems, "{}", row.item);
            assert!(row.corrected <= row.ordered, "{}", row.item);
        }
    }
    // Every inspection item exercises a 行政检查 power, and every 行政检查 power page has one.
    for i in &lib.inspections {
        let p = lib
            .powers
            .iter()
            .find(|p| p.meta.id == i.meta.power)
            .unwrap();
        assert_eq!(p.meta.power_type, PowerType::Inspection, "{}", i.meta.id);
    }
}

#[test]
fn lay_questions_about_inspections_find_an_item_in_the_top_three() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let checked = gongshi::publish::check(&content);
    let lib = checked.library.unwrap();
    let docs = gongshi::search::documents::documents(&gongshi::content::links::Links::build(&lib));
    let dir = tempfile::tempdir().unwrap();
    gongshi::search::index::write(
        dir.path(),
        &docs,
        gongshi::search::index::IndexInputs::of(&lib, "inspections".into()),
    )
    .unwrap();
    let engine = Engine::open(dir.path()).unwrap();
    for (q, want) in [
        ("城管检查多久来一次", "/inspections/"),
        ("入店检查", "/inspections/JC-I-001/"),
        ("油烟检查一年几次", "/inspections/JC-I-004/"),
        ("工地扬尘检查", "/inspections/JC-I-002/"),
    ] {
        let r = engine
            .search(&Request {
                q: q.into(),
                filters: vec![],
                page: 1,
            })
            .unwrap();
        let top: Vec<&str> = r.hits.iter().take(3).map(|h| h.url.as_str()).collect();
        assert!(top.iter().any(|u| u.starts_with(want)), "{q}: {top:?}");
    }
}
