//! 我的罚单 (`/ticket/`, `/ticket/ticket.ics`) through `oneshot` over the built minimal fixture,
//! and 信用修复: a decision's `[repair]` takes it down like expiry (page, index, feeds, data,
//! the build report and `check --as-of`), and its page states the period and the repair day.

use std::fs;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use gongshi::legal_time::publication::{self, Reason};
use gongshi::server::{AppState, app};
use http_body_util::BodyExt;
use tower::ServiceExt;

use crate::util::{built_minimal, main_of, minimal_with, paths};

fn site() -> (tempfile::TempDir, AppState) {
    let (dir, _content, output) = built_minimal(None);
    let search = gongshi::search::live::Live::open(&output.with_file_name("index")).unwrap();
    (dir, AppState::new(output, search))
}

async fn get(state: &AppState, uri: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let req = Request::get(uri).body(Body::empty()).unwrap();
    let resp = app(state.clone()).oneshot(req).await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = resp.into_body().collect().await.unwrap().to_bytes();
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

const SERVED: &str = "anchor=served&date=2024-04-16&procedure=ordinary&amount=500&agency=city";

#[tokio::test]
async fn the_static_page_is_the_empty_form_and_the_server_fills_in_the_dates() {
    let (_dir, state) = site();
    let built = fs::read_to_string(state.public_dir.join("ticket/index.html")).unwrap();
    assert!(built.contains(r#"<form class="ticket-form" action="/ticket/" method="get">"#));
    assert!(!built.contains("您的期限"), "the built page has no result");
    assert!(state.public_dir.join("ticket/rules.json").exists());
    let (status, headers, body) = get(&state, "/ticket/").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, built, "without a query: the built page as it is");
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");

    let (status, headers, body) = get(&state, &format!("/ticket/?{SERVED}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CACHE_CONTROL], "no-store", "nothing kept");
    let main = main_of(&body);
    // 15 days from 16 April is 1 May, inside 劳动节 (1–5 May): Monday 6 May.
    assert!(
        main.contains(r#"缴纳罚款</th><td data-label="日期">最迟为 <time datetime="2024-05-06">2024年5月6日</time>"#),
        "{main}"
    );
    assert!(main.contains("行政处罚法第六十七条第三款"));
    // 60 days: Saturday 15 June → Monday 17 June; to the agency's government.
    assert!(main.contains(r#"最迟为 <time datetime="2024-06-17">"#));
    assert!(main.contains("向<strong>测试市人民政府</strong>申请"));
    // 6 months: 16 October, a Wednesday after 国庆.
    assert!(main.contains(r#"最迟为 <time datetime="2024-10-16">"#));
    assert!(main.contains("行政诉讼法第四十六条"));
    // 加处罚款: 15 yuan a day from 7 May; the 34th day (9 June) reaches 500 and stops.
    assert!(main.contains("每日加处 15 元"));
    assert!(main.contains(r#"<time datetime="2024-05-07">"#));
    assert!(main.contains(r#"<td data-label="累计加处罚款（元）">495</td>"#));
    assert!(main.contains(r#"<td data-label="累计加处罚款（元）">500（已达上限）</td>"#));
    assert_eq!(
        main.matches("第 ").count(),
        34,
        "one row per day up to the cap"
    );
    assert!(main.contains("行政强制法第四十五条第二款"));
    // Before the decision only: said so.
    assert!(main.contains("陈述、申辩和听证</th><td data-label=\"日期\">已经结束"));
    // Publication: ordinary, 3 to 12 months; repair from 16 July.
    assert!(main.contains("一般失信信息：最短 3 个月，最长 12 个月"));
    assert!(
        main.contains(r#"可以申请信用修复</th><td data-label="日期"><time datetime="2024-07-16">"#)
    );
    assert!(main.contains("www.creditchina.gov.cn"));
    // Counted from the day of service, the period is only an upper bound: said so.
    assert!(main.contains("本表按您填写的日期推算，决定日期与之不同的，以决定日期为准"));
    // The calendar link carries the same query.
    assert!(main.contains(
        "/ticket/ticket.ics?anchor=served&amp;date=2024%2D04%2D16&amp;procedure=ordinary&amp;amount=500&amp;agency=city"
    ));
    // The form keeps what was typed.
    assert!(main.contains(r#"name="date" value="2024-04-16""#));

    // 简易程序: 复议 first, no 6-month suit date.
    let (status, _, body) = get(
        &state,
        "/ticket/?anchor=decided&date=2024-04-16&procedure=simple&amount=200",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let main = main_of(&body);
    assert!(main.contains("行政复议法第二十条、第二十三条"));
    assert!(main.contains("当场作出的行政处罚决定，应当先申请行政复议"));
    assert!(!main.contains(r#"<time datetime="2024-10-16">"#));
    assert!(
        !main.contains("本表按您填写的日期推算"),
        "the decision date was given"
    );

    // A notice, before any decision: the hearing deadline in working days, nothing to pay yet.
    let (_, _, body) = get(
        &state,
        "/ticket/?anchor=notice&date=2024-04-26&procedure=ordinary&amount=5000",
    )
    .await;
    let main = main_of(&body);
    // Fri 26 April: Sun 28 April (make-up), Mon 29, Tue 30, then 劳动节, Mon 6, Tue 7 May.
    assert!(
        main.contains(r#"要求听证</th><td data-label="日期">最迟为 <time datetime="2024-05-07">"#),
        "{main}"
    );
    assert!(!main.contains("缴纳罚款</th>"));
}

#[tokio::test]
async fn a_year_without_a_calendar_gives_the_counted_day_and_the_caveat() {
    let (_dir, state) = site();
    // The fixture has 2024 only: 20 December + 15 days is 4 January 2025.
    let (status, _, body) = get(
        &state,
        "/ticket/?date=2024-12-20&procedure=ordinary&amount=100",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        main_of(&body).contains(
            r#"期限届满日为 <time datetime="2025-01-04">2025年1月4日</time>（2025 年节假日安排尚未公布；该日如为法定节假日，顺延至节假日后的第一个工作日）"#
        ),
        "{}",
        main_of(&body)
    );
}

#[tokio::test]
async fn bad_input_is_a_400_with_the_form_and_a_chinese_message() {
    let (_dir, state) = site();
    for (query, message) in [
        (
            "date=2024%2F04%2F16&procedure=ordinary",
            "日期“2024/04/16”格式不对",
        ),
        (
            "date=2024-02-30&procedure=ordinary",
            "日期“2024-02-30”格式不对或者不存在",
        ),
        ("date=2099-01-01&procedure=ordinary", "日期不能晚于今天"),
        (
            "date=2024-04-16&procedure=ordinary&amount=abc",
            "罚款金额请只填数字",
        ),
        (
            "date=2024-04-16&procedure=ordinary&amount=-5",
            "罚款金额请只填数字",
        ),
        (
            "date=2024-04-16&procedure=ordinary&amount=100000000000",
            "罚款金额过大",
        ),
        ("date=2024-04-16&procedure=simple&amount=5000", "简易程序"),
        ("date=2024-04-16&procedure=arrest", "程序只能是"),
        (
            "date=2024-04-16&procedure=ordinary&agency=nobody",
            "请从列表中选择",
        ),
        ("date=2024-04-16", "请选择程序"),
        ("date=%FF&procedure=ordinary", "无法识别的字符"),
        ("date=1900-01-01&procedure=ordinary", "2024年1月1日以后"),
    ] {
        let (status, headers, body) = get(&state, &format!("/ticket/?{query}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        assert!(
            headers[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "{query}"
        );
        let main = main_of(&body);
        assert!(main.contains(message), "{query}: {main}");
        assert!(main.contains(r#"role="alert""#), "{query}");
        assert!(
            main.contains(r#"class="ticket-form""#),
            "{query}: the form again"
        );
        assert!(!main.contains("您的期限"), "{query}: no result");
        assert!(
            !main.contains("value=\"2024-02-30\"") && !main.contains("value=\"2024/04/16\""),
            "{query}: an invalid date is not put back into the date input"
        );
    }
    let (status, headers, body) = get(
        &state,
        "/ticket/ticket.ics?date=tomorrow&procedure=ordinary",
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/plain")
    );
    assert!(body.contains("日期“tomorrow”格式不对"));
}

#[tokio::test]
async fn the_calendar_file_has_one_all_day_event_per_date() {
    let (_dir, state) = site();
    let (status, headers, body) = get(&state, &format!("/ticket/ticket.ics?{SERVED}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers[header::CONTENT_TYPE],
        "text/calendar; charset=utf-8"
    );
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    assert!(body.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(body.ends_with("END:VCALENDAR\r\n"));
    assert!(
        !body.replace("\r\n", "").contains('\n'),
        "every line ends in CRLF"
    );
    for line in body.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    // Pay, 复议, 诉讼, 加处罚款 cap, repair, end of publication.
    assert_eq!(body.matches("BEGIN:VEVENT\r\n").count(), 6);
    assert_eq!(body.matches("END:VEVENT\r\n").count(), 6);
    for day in [
        "20240506", "20240617", "20241016", "20240609", "20240716", "20250416",
    ] {
        assert!(
            body.contains(&format!("DTSTART;VALUE=DATE:{day}\r\n")),
            "{day}\n{body}"
        );
    }
    assert!(
        body.contains("DTEND;VALUE=DATE:20240507\r\n"),
        "all-day: the next day"
    );
    let unfolded = body.replace("\r\n ", "");
    assert!(unfolded.contains("SUMMARY:缴纳罚款的最后一天\r\n"));
    assert!(unfolded.contains("DESCRIPTION:依据：行政处罚法第六十七条第三款\r\n"));
}

/// D-1 (普通程序, decided 2024-03-05): 3 months minimum, so repair is possible from 5 June.
fn with_repair(day: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, content) = minimal_with(None);
    let file = content.join("decisions/2024/D-1.md");
    let text = fs::read_to_string(&file).unwrap().replacen(
        "amount = 200\n+++",
        &format!(
            "amount = 200\n\n[repair]\nrepaired = {day}\ndocument = \"测城执信修〔2024〕第1号\"\napproved_by = \"测试市城市管理综合行政执法局\"\n+++"
        ),
        1,
    );
    fs::write(&file, text).unwrap();
    (dir, content)
}

#[tokio::test]
async fn a_repaired_decision_leaves_page_index_feeds_and_data() {
    let (dir, content) = with_repair("2024-06-20");
    let output = dir.path().join("public");
    let mut p = paths(&content, &output);
    // Before the repair day it is public, with its period and repair day on its page.
    p.as_of = chrono::NaiveDate::from_ymd_opt(2024, 6, 19).unwrap();
    let report = gongshi::publish::build(&p).unwrap();
    assert!(report.taken_down.is_empty());
    let page = fs::read_to_string(output.join("decisions/D-1/index.html")).unwrap();
    let main = main_of(&page);
    assert!(main.contains("公示期限与信用修复"));
    assert!(main.contains("一般处罚（一般失信信息）"));
    assert!(main.contains("最短 3 个月，最长 12 个月，自决定日期起算"));
    assert!(
        main.contains(r#"<dt>可以申请信用修复</dt><dd><time datetime="2024-06-05">"#),
        "{main}"
    );
    assert!(main.contains(r#"<dt>最迟公示到</dt><dd><time datetime="2025-03-04">"#));
    assert!(main.contains("算一算我的期限"));
    assert!(main.contains("/ticket/?anchor=decided&amp;date=2024%2D03%2D05&amp;procedure=ordinary&amp;amount=200&amp;party=individual&amp;agency=city"));
    for file in [
        "sitemap.xml",
        "feeds/decisions.xml",
        "data/decisions.json",
        "data/decisions.csv",
    ] {
        let text = fs::read_to_string(output.join(file)).unwrap();
        assert!(
            text.contains("/decisions/D-1/") || text.contains("第0001号"),
            "{file}"
        );
    }
    assert!(find_d1(&output).await > 0, "the index has it");
    // `check --as-of` names it ahead of the day.
    let lib = gongshi::publish::check(&content).library.unwrap();
    let coming = publication::expiring(&lib, chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap());
    let d1 = coming.iter().find(|t| t.id == "D-1").expect("listed");
    assert_eq!(d1.reason, Reason::Repaired);
    assert_eq!(d1.expired_on.to_string(), "2024-06-20");
    assert_eq!(
        d1.why(),
        "一般处罚，已于 2024-06-20 完成信用修复，提前停止公示"
    );

    // On the repair day it goes, like an expired one, and the build says so.
    p.as_of = chrono::NaiveDate::from_ymd_opt(2024, 6, 20).unwrap();
    let report = gongshi::publish::build(&p).unwrap();
    let ids: Vec<_> = report
        .taken_down
        .iter()
        .map(|t| (t.id.as_str(), t.reason))
        .collect();
    assert_eq!(ids, [("D-1", Reason::Repaired)]);
    assert!(
        !output.join("decisions/D-1/index.html").exists(),
        "its page is gone"
    );
    for file in [
        "sitemap.xml",
        "feeds/decisions.xml",
        "data/decisions.json",
        "data/decisions.csv",
        "decisions/index.html",
    ] {
        let text = fs::read_to_string(output.join(file)).unwrap();
        assert!(
            !text.contains("/decisions/D-1/"),
            "{file} still links to it"
        );
        assert!(!text.contains("第0001号"), "{file} still names it");
    }
    // The index no longer finds it.
    assert_eq!(find_d1(&output).await, 0, "the index no longer has it");
}

/// How many search results for D-1's number link to D-1.
async fn find_d1(output: &std::path::Path) -> usize {
    let search = gongshi::search::live::Live::open(&output.with_file_name("index")).unwrap();
    let state = AppState::new(output.to_path_buf(), search);
    let (status, _, body) = get(&state, "/api/search?q=%E7%AC%AC0001%E5%8F%B7").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body.matches("/decisions/D-1/").count()
}

#[test]
fn a_repair_date_in_the_future_or_before_the_decision_is_refused() {
    for (day, message) in [
        ("2099-01-01", "晚于今天"),
        ("2024-03-01", "早于决定日期 2024-03-05"),
        ("2024-05-01", "早于最短公示期届满日 2024-06-05"),
    ] {
        let (_dir, content) = with_repair(day);
        let checked = gongshi::publish::check(&content);
        let rep: Vec<_> = checked
            .diagnostics
            .iter()
            .filter(|d| d.code.as_str() == "REP001")
            .collect();
        assert_eq!(rep.len(), 1, "{day}: {rep:?}");
        assert!(
            rep[0].message.contains(message),
            "{day}: {}",
            rep[0].message
        );
        assert_eq!(rep[0].line, 35, "{day}: at repaired =");
        assert!(rep[0].hint.is_some());
    }
    let (_dir, content) = with_repair("2024-06-05");
    let checked = gongshi::publish::check(&content);
    assert_eq!(checked.errors, 0, "{:?}", checked.diagnostics);
}
