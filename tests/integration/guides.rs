//! 办事指南, registers, the footer's identification lines and the HTML site map (issue 19):
//! parsing, the worked time limit on the calendar, the backlinks from risk, power and
//! self-check pages, search for lay permit questions on the sample, every footer, /sitemap/.

use std::fs;
use std::path::Path;

use gongshi::content::model::PowerType;
use gongshi::search::engine::{Engine, Request};

use crate::util::{built_minimal, main_of};

fn page(output: &Path, path: &str) -> String {
    fs::read_to_string(output.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn a_guide_parses_with_its_fields() {
    let (_dir, content, _output) = built_minimal(None);
    let checked = gongshi::publish::check(&content);
    assert_eq!(checked.errors, 0);
    let lib = checked.library.unwrap();
    assert_eq!(lib.guides.len(), 1);
    let g = &lib.guides[0].meta;
    assert_eq!(g.id.as_str(), "stacking");
    assert_eq!(g.power.as_str(), "P-2");
    assert_eq!(g.office, "测试市政务服务中心 城管窗口");
    assert_eq!(
        (g.time_limit_days, g.extension_days, g.promised_days),
        (20, Some(10), Some(5))
    );
    assert_eq!(g.materials, ["申请书", "堆放位置平面图"]);
    assert_eq!(g.risks.len(), 1);
    assert_eq!(g.basis[0].article, "第十四条");
    let r = &lib.registers[0].meta;
    assert_eq!(r.rows.len(), 1);
    assert_eq!(r.columns.len(), 3);
    assert!(r.undeclared().is_empty());
}

#[test]
fn the_guide_counts_its_time_limits_on_the_working_day_calendar() {
    let (_dir, _content, output) = built_minimal(None);
    let html = page(&output, "guides/stacking/index.html");
    let main = main_of(&html);
    // Accepted 2024-05-01 (the fixture's day), 劳动节 5月1日至5日 off and 5月11日 (Saturday)
    // worked: the 5th working day is 5月10日, the 20th is 5月30日.
    assert!(main.contains("datetime=\"2024-05-01\""), "{main}");
    assert!(
        main.contains("按承诺最迟 <time datetime=\"2024-05-10\">"),
        "{main}"
    );
    assert!(
        main.contains("按法定时限最迟 <time datetime=\"2024-05-30\">"),
        "{main}"
    );
    assert!(!main.contains("尚未公布"), "2024 is on file: no caveat");
    assert!(main.contains("20 个工作日") && main.contains("不收费"));
    assert!(main.contains("href=\"/powers/P-2/\""));
    assert!(main.contains("href=\"/risks/R-1/\""));
}

#[test]
fn risk_power_and_self_check_pages_link_the_lawful_way() {
    let (_dir, _content, output) = built_minimal(None);
    let risk = page(&output, "risks/R-1/index.html");
    let lawful = main_of(&risk)
        .split("合法的做法")
        .nth(1)
        .expect("risk page has 合法的做法");
    assert!(lawful.contains("href=\"/guides/stacking/\""), "{lawful}");
    let power = page(&output, "powers/P-2/index.html");
    assert!(main_of(&power).contains("href=\"/guides/stacking/\""));
    let other = page(&output, "powers/P-1/index.html");
    assert!(!main_of(&other).contains("/guides/"), "P-1 has no guide");
    let self_check = fs::read_dir(output.join("self-check"))
        .unwrap()
        .filter_map(|e| fs::read_to_string(e.unwrap().path().join("index.html")).ok())
        .find(|h| h.contains("href=\"/risks/R-1/\"") && h.contains("sc-risk"))
        .expect("a self-check page lists R-1");
    assert!(self_check.contains("合法的做法") && self_check.contains("href=\"/guides/stacking/\""));
}

#[test]
fn every_footer_carries_the_site_identification_and_the_site_map() {
    let (_dir, _content, output) = built_minimal(None);
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&output) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = fs::read_to_string(entry.path()).unwrap();
        let footer = html.split("<footer").nth(1).expect("a footer");
        for want in [
            "主办单位：测试市城市管理综合行政执法局",
            "网站标识码：测试标识码0001",
            "ICP备案编号：测ICP备00000001号",
            "公安机关备案号：测公网安备00000000000001号",
            "href=\"https://test.example.gov.cn/zhaocuo/\">我为政府网站找错",
            "href=\"/sitemap/\">网站地图",
        ] {
            assert!(footer.contains(want), "{}: {want}", entry.path().display());
        }
        pages += 1;
    }
    assert!(pages > 30);
}

#[test]
fn an_unset_footer_line_is_left_out() {
    let (dir, content) = crate::util::minimal_with(None);
    let site = fs::read_to_string(content.join("site.toml")).unwrap();
    let site: String = site
        .lines()
        .filter(|l| !l.starts_with("site_code") && !l.starts_with("error_report_url"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(content.join("site.toml"), site).unwrap();
    let output = dir.path().join("public");
    gongshi::publish::build(&crate::util::paths(&content, &output)).unwrap();
    let home = page(&output, "index.html");
    assert!(!home.contains("网站标识码") && !home.contains("我为政府网站找错"));
    assert!(home.contains("主办单位："));
}

#[test]
fn the_html_site_map_lists_every_list_and_page_but_not_each_decision() {
    let (_dir, _content, output) = built_minimal(None);
    let html = page(&output, "sitemap/index.html");
    let main = main_of(&html);
    for path in [
        "/risks/",
        "/self-check/",
        "/guides/",
        "/guides/stacking/",
        "/powers/",
        "/exemptions/",
        "/benchmarks/",
        "/cases/",
        "/decisions/",
        "/decisions/2024/",
        "/agencies/",
        "/agencies/city/",
        "/av-recording/",
        "/remedies/",
        "/pages/about/",
        "/statistics/",
        "/open-data/",
    ] {
        assert!(
            main.contains(&format!("href=\"{path}\"")),
            "site map lacks {path}"
        );
    }
    assert!(
        !main.contains("/decisions/D-1/"),
        "decisions are listed by year only"
    );
    // The XML sitemap has the new pages too.
    let xml = page(&output, "sitemap.xml");
    for path in ["/guides/stacking/", "/av-recording/", "/sitemap/"] {
        assert!(
            xml.contains(&format!("{path}</loc>")),
            "sitemap.xml lacks {path}"
        );
    }
}

#[test]
fn registers_are_published_at_their_place_and_linked_from_the_agency() {
    let (_dir, _content, output) = built_minimal(None);
    let html = page(&output, "av-recording/index.html");
    let main = main_of(&html);
    assert!(main.contains("<h1>音像记录事项清单</h1>"), "{main}");
    assert!(main.contains("查封场所、设施或者财物") && main.contains("<li>清点、张贴封条</li>"));
    let agency = page(&output, "agencies/city/index.html");
    assert!(main_of(&agency).contains("href=\"/av-recording/\""));
    let home = page(&output, "index.html");
    assert!(main_of(&home).contains("href=\"/av-recording/\""));
}

#[test]
fn guides_are_open_data() {
    let (_dir, _content, output) = built_minimal(None);
    let data: serde_json::Value = serde_json::from_str(&page(&output, "data/guides.json")).unwrap();
    let text = data.to_string();
    assert!(
        text.contains("\"stacking\"") && text.contains("\"time_limit_days\":20"),
        "{text}"
    );
}

/// The sample site's library and search engine on its display day.
fn sample_engine() -> (tempfile::TempDir, Engine, gongshi::content::Library) {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let checked = gongshi::publish::check(&content);
    assert_eq!(checked.errors, 0, "sample content must be valid");
    let lib = checked.library.unwrap();
    let docs = gongshi::search::documents::documents(&gongshi::content::links::Links::build(&lib));
    let dir = tempfile::tempdir().unwrap();
    gongshi::search::index::write(
        dir.path(),
        &docs,
        gongshi::search::index::IndexInputs::of(&lib, "guides".into()),
    )
    .unwrap();
    let engine = Engine::open(dir.path()).unwrap();
    (dir, engine, lib)
}

#[test]
fn every_permit_of_the_sample_has_a_guide_and_lay_questions_find_it() {
    let (_dir, engine, lib) = sample_engine();
    for p in lib
        .powers
        .iter()
        .filter(|p| p.meta.power_type == PowerType::Licensing)
    {
        assert!(
            lib.guides.iter().any(|g| g.meta.power == p.meta.id),
            "{} has no guide",
            p.meta.id
        );
    }
    for (q, want) in [
        ("怎么申请挖路", "/guides/road-excavation/"),
        ("招牌审批", "/guides/outdoor-sign/"),
        ("砍树要审批吗", "/guides/tree-felling/"),
        ("建筑垃圾处置核准怎么办", "/guides/construction-waste/"),
    ] {
        let r = engine
            .search(&Request {
                q: q.into(),
                filters: vec![],
                page: 1,
            })
            .unwrap();
        let top: Vec<&str> = r.hits.iter().take(3).map(|h| h.url.as_str()).collect();
        assert!(top.contains(&want), "{q}: {top:?}");
    }
}
