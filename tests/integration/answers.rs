//! Answers, not lists (issue 18), through the HTTP surface on the shipped sample: sections and
//! lists as hits, question intent, referrals to the department that handles a matter, decision
//! numbers that are not published, the answer card, traditional characters, spoken fillers,
//! amounts in words, and the report and complaint pages. Each test asks as a person would and
//! checks both the results page (HTML) and the API.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::util::hit_urls as urls;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use gongshi::search::live::Live;
use gongshi::server::{AppState, app};
use http_body_util::BodyExt;
use tower::ServiceExt;

/// The sample site, built once for this module (as of the query set's day).
fn site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, output) = SITE.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let output = dir.path().join("public");
        let mut p = crate::util::paths(&content, &output);
        p.as_of = crate::util::sample_day();
        gongshi::publish::build(&p).expect("the sample builds");
        (dir, output)
    });
    output
}

fn state() -> AppState {
    let output = site();
    AppState::new(
        output.to_path_buf(),
        Live::open(&output.with_file_name("index")).unwrap(),
    )
}

fn enc(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

async fn get(uri: &str) -> (StatusCode, String) {
    let req = Request::get(uri).body(Body::empty()).unwrap();
    let resp = app(state()).oneshot(req).await.unwrap();
    let status = resp.status();
    let body = resp.into_body().collect().await.unwrap().to_bytes();
    (status, String::from_utf8_lossy(&body).into_owned())
}

async fn api(q: &str) -> serde_json::Value {
    let (status, body) = get(&format!("/api/search?q={}", enc(q))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).unwrap()
}

async fn page(q: &str) -> String {
    let (status, body) = get(&format!("/search?q={}", enc(q))).await;
    assert_eq!(status, StatusCode::OK);
    let start = body.find("<main").unwrap();
    body[start..body.rfind("</main>").unwrap()].to_string()
}

fn top(v: &serde_json::Value, n: usize) -> Vec<String> {
    urls(v).into_iter().take(n).collect()
}

#[tokio::test]
async fn sections_of_the_remedies_guide_and_the_lists_are_hits_of_their_own() {
    // 听证 has its own anchored section, titled as such, first.
    let v = api("听证").await;
    assert_eq!(urls(&v)[0], "/remedies/#hearing", "{:?}", urls(&v));
    assert!(v["hits"][0]["title"].as_str().unwrap().contains("听证"));
    let html = page("听证").await;
    assert!(html.contains("href=\"/remedies/#hearing\""));
    // Money the party cannot pay: the 暂缓/分期 section within the first three.
    let v = api("罚款交不起").await;
    assert!(
        top(&v, 3).iter().any(|u| u.starts_with("/remedies/#")),
        "{:?}",
        urls(&v)
    );
    // A list asked for by name is a hit, not only its items.
    let v = api("免罚清单").await;
    assert!(
        top(&v, 3).contains(&"/exemptions/".to_string()),
        "{:?}",
        urls(&v)
    );
}

#[tokio::test]
async fn a_first_offence_question_finds_the_no_penalty_list() {
    for q in ["第一次违规罚不罚", "第一次被抓会罚款吗"] {
        let v = api(q).await;
        let top3 = top(&v, 3);
        assert!(
            top3.iter()
                .any(|u| u == "/exemptions/" || u.starts_with("/exemptions/E-")),
            "{q}: {top3:?}"
        );
        assert!(
            !v["intents"].as_array().unwrap().is_empty(),
            "{q}: the intent is reported to API clients: {v}"
        );
    }
    // 罚多少 asks for the fine: a benchmark within the first three.
    let v = api("占道经营罚多少").await;
    assert!(
        top(&v, 3).iter().any(|u| u.starts_with("/benchmarks/B-")),
        "{:?}",
        urls(&v)
    );
}

#[tokio::test]
async fn a_matter_the_agency_does_not_handle_is_referred_first() {
    let v = api("狗没拴绳").await;
    assert_eq!(urls(&v)[0], "/referrals/#dog-leash");
    let answer = &v["answer"];
    assert_eq!(answer["type"], "referral", "{v}");
    assert!(answer["department"].as_str().unwrap().contains("公安"));
    assert!(answer["basis"].as_str().unwrap().contains("动物防疫法"));
    let html = page("狗没拴绳").await;
    let card = html
        .find("公安机关")
        .expect("the referral card names the department");
    let first_hit = html.find("<ol").expect("the list of hits");
    assert!(
        card < first_hit,
        "the referral comes before the list of hits"
    );
    // The referrals page lists every row with its department.
    let (status, referrals) = get("/referrals/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(referrals.contains("id=\"dog-leash\""));
}

#[tokio::test]
async fn a_decision_number_not_published_gets_zero_hits_and_the_reasons() {
    let number = "示城执罚决字〔2026〕第9999号";
    let v = api(number).await;
    assert_eq!(v["total"], 0, "{v}");
    assert_eq!(v["not_found"]["number"], number);
    assert_eq!(v["not_found"]["rules"]["decision_deadline_days"], 7);
    let html = page(number).await;
    for reason in [
        "还没到公开的时候",
        "公示期限已满",
        "决定已经撤回",
        "7 个工作日",
    ] {
        assert!(html.contains(reason), "{reason}");
    }
    // A published number finds exactly its decision first.
    let v = api("示城执简罚字〔2026〕第0064号").await;
    assert_eq!(urls(&v)[0], "/decisions/SC-2026-0064/");
    // /decisions/ has the lookup box, narrowed to decisions.
    let (_, list) = get("/decisions/").await;
    assert!(list.contains("id=\"lookup-q\""));
    assert!(list.contains("name=\"kind\" value=\"decision\""));
}

#[tokio::test]
async fn the_best_risk_point_answers_in_four_lines_above_the_hits() {
    let v = api("门口摆摊").await;
    let answer = &v["answer"];
    assert_eq!(answer["type"], "risk", "{v}");
    let questions: Vec<&str> = answer["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l[0].as_str().unwrap())
        .collect();
    assert_eq!(
        questions,
        ["能不能", "罚多少", "第一次会不会罚", "怎样做才合规"]
    );
    let url = answer["url"].as_str().unwrap();
    // The card is the first risk point among the top three hits, not a later one.
    for q in ["门口摆摊", "招牌", "油烟", "门口摆桌子"] {
        let v = api(q).await;
        let first_risk = v["hits"].as_array().unwrap()[..3]
            .iter()
            .find(|h| h["kind"] == "risk")
            .map(|h| h["url"].clone());
        assert_eq!(first_risk, Some(v["answer"]["url"].clone()), "{q}");
    }
    let html = page("门口摆摊").await;
    let card = html.find("能不能").expect("answer card");
    assert!(card < html.find("<ol").unwrap(), "the answer comes first");
    assert!(html[card..].contains(&format!("href=\"{url}\"")));
    // The risk page itself opens with the same answer, its record data after it.
    let (_, risk) = get(url).await;
    let answer_at = risk.find("能不能").unwrap();
    let record_at = risk.find("本项信息").expect("record data section");
    assert!(answer_at < record_at);
}

#[tokio::test]
async fn traditional_characters_spoken_fillers_and_amounts_in_words_search_alike() {
    let plain = top(&api("门口摆摊").await, 3);
    assert_eq!(top(&api("門口擺攤").await, 3), plain, "traditional");
    assert_eq!(
        top(&api("请问一下那个门口摆摊").await, 3),
        plain,
        "fillers dropped"
    );
    // 5,000元 on the benchmark pages, 五千元 and 五千块 typed: the same documents.
    let digits = urls(&api("罚款5000元").await);
    assert!(!digits.is_empty());
    assert_eq!(urls(&api("罚款五千元").await), digits);
    assert_eq!(urls(&api("罚款五千块钱").await), digits);
}

#[tokio::test]
async fn report_and_complaint_pages_are_found_and_linked_from_home_and_agencies() {
    let v = api("举报违建").await;
    assert!(
        top(&v, 3).iter().any(|u| u.starts_with("/report/")),
        "{:?}",
        urls(&v)
    );
    let v = api("城管态度恶劣").await;
    assert!(
        top(&v, 3).iter().any(|u| u.starts_with("/complain/")),
        "{:?}",
        urls(&v)
    );
    let (status, report) = get("/report/").await;
    assert_eq!(status, StatusCode::OK);
    assert!(report.contains("12345"));
    let (_, home) = get("/").await;
    assert!(home.contains("href=\"/report/\"") && home.contains("href=\"/complain/\""));
    let (_, agency) = get("/agencies/shicheng/").await;
    assert!(
        agency.contains("href=\"/complain/\""),
        "every agency page links the complaint page"
    );
}

#[tokio::test]
async fn a_word_no_page_contains_is_named_and_the_rest_still_searched() {
    let v = api("门口摆摊 量子纠缠").await;
    assert_eq!(v["unmatched"], serde_json::json!(["量子", "纠缠"]), "{v}");
    // The other words still rank: the same first results (the longer query weighs the
    // synonyms of 门口摆摊 a little less, so their order may differ).
    let mut with = top(&v, 2);
    let mut without = top(&api("门口摆摊").await, 2);
    with.sort();
    without.sort();
    assert_eq!(with, without, "the other words still rank");
    let html = page("门口摆摊 量子纠缠").await;
    assert!(html.contains("没有内容包含“量子”、“纠缠”，以下结果按其余词语查找。"));
    // Every word found somewhere (or searched through a synonym): nothing is named.
    for q in ["门口摆摊", "油烟 罚款", "第一次违规罚不罚"] {
        assert_eq!(api(q).await["unmatched"], serde_json::json!([]), "{q}");
    }
}

#[tokio::test]
async fn any_search_can_be_followed_as_a_feed() {
    let (status, html) = get(&format!("/search?q={}", enc("油烟"))).await;
    assert_eq!(status, StatusCode::OK);
    let href = format!("/api/search.atom?q={}", enc("油烟"));
    assert!(
        html.contains(&format!("href=\"{href}\"")),
        "the results page links its feed"
    );
    let req = Request::get(&href).body(Body::empty()).unwrap();
    let resp = app(state()).oneshot(req).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(
        resp.headers()[axum::http::header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/atom+xml")
    );
    let body = resp.into_body().collect().await.unwrap().to_bytes();
    let feed = atom_syndication::Feed::read_from(&body[..]).unwrap();
    assert!(feed.title().as_str().contains("油烟"));
    let first = api("油烟").await["hits"][0]["url"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(feed.entries()[0].links()[0].href().ends_with(&first));
    // Bad input is a 400 with a Chinese message, as on the API.
    let (status, body) = get(&format!("/api/search.atom?q={}", "摆".repeat(101))).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("搜索内容太长"), "{body}");
}
