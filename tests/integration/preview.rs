//! `gongshi serve --watch` as staff use it: the real binary on 127.0.0.1 port 0, a content
//! file saved with a mistake and then fixed, the page's diagnostics panel and the reload signal.

use std::io::{Read, Write};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use crate::util::{http_get, minimal_with, spawn_gongshi};

/// Polls `path` until its response satisfies `ok`, for up to 60 s.
fn wait_for(addr: SocketAddr, path: &str, what: &str, ok: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let page = http_get(addr, path);
        if ok(&page) {
            return page;
        }
        assert!(
            Instant::now() < deadline,
            "{what}: never happened; last page: {page}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Reads a server-sent-events stream until an event carries `data: {want}`.
fn wait_for_event(stream: &mut std::net::TcpStream, want: u64) {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut seen = String::new();
    let mut buf = [0u8; 1024];
    while !seen.contains(&format!("data: {want}\n")) {
        assert!(Instant::now() < deadline, "no event {want}: {seen}");
        match stream.read(&mut buf) {
            Ok(0) => panic!("event stream closed: {seen}"),
            Ok(n) => seen.push_str(&String::from_utf8_lossy(&buf[..n])),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(e) if e.kind() == std::io::ErrorKind::TimedOut => {}
            Err(e) => panic!("{e}"),
        }
    }
}

fn generation(page: &str) -> u64 {
    let at = page.find("data-generation=\"").expect("reload script") + "data-generation=\"".len();
    page[at..].split('"').next().unwrap().parse().unwrap()
}

#[test]
fn preview_rebuilds_on_save_and_shows_diagnostics_in_the_page() {
    let (dir, content) = minimal_with(None);
    let (running, addr) = spawn_gongshi(
        &["serve", "--watch", "--port", "0"],
        dir.path(),
        "预览已启动：http://",
    );
    assert!(addr.ip().is_loopback());

    // A clean tree: the panel says so, the page is the built page, caching is off.
    let page = http_get(addr, "/risks/R-1/");
    assert!(page.starts_with("HTTP/1.1 200 OK"), "{page:.300}");
    assert!(page.contains("cache-control: no-store"), "{page:.600}");
    assert!(page.contains("id=\"gongshi-preview\""), "{page}");
    assert!(page.contains("0 个错误，0 个警告"), "{page}");
    assert!(page.contains("门店外摆放商品"));
    let first = generation(&page);
    assert!(http_get(addr, "/__preview/live.js").contains("EventSource"));

    // The reload signal: an event stream that announces each new build.
    let mut events = std::net::TcpStream::connect(addr).unwrap();
    events
        .set_read_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    write!(
        events,
        "GET /__preview/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    wait_for_event(&mut events, first);

    // Save a mistake: the panel shows it with file, line, column and code; the site keeps
    // the last good build.
    let risk = content.join("risks/R-1.md");
    let good = std::fs::read_to_string(&risk).unwrap();
    std::fs::write(
        &risk,
        good.replace("powers = [\"P-1\"]", "powers = [\"P-404\"]"),
    )
    .unwrap();
    let page = wait_for(addr, "/risks/R-1/", "error shown", |p| p.contains("REF001"));
    assert!(page.contains("content/risks/R-1.md:10:"), "{page}");
    // Each code links to its entry on the quick-reference card, which the preview serves.
    assert!(page.contains("href=\"/__preview/codes#ref001\""), "{page}");
    let card = http_get(addr, "/__preview/codes");
    assert!(
        card.contains("<h2 id=\"ref001\">REF001</h2>"),
        "{card:.600}"
    );
    assert!(card.contains("最接近的已有编号"), "{card:.600}");
    assert!(page.contains("网站仍是上一次成功构建的样子"), "{page}");
    assert!(
        page.contains("门店外摆放商品"),
        "previous build still served"
    );
    wait_for_event(&mut events, first + 1);

    // Fix it: the panel clears.
    std::fs::write(&risk, &good).unwrap();
    let page = wait_for(addr, "/risks/R-1/", "error cleared", |p| {
        p.contains("0 个错误") && !p.contains("REF001")
    });
    assert!(generation(&page) > first + 1);

    // A page that does not exist still shows the panel.
    let missing = http_get(addr, "/no-such-page/");
    assert!(missing.starts_with("HTTP/1.1 404"), "{missing:.200}");
    assert!(missing.contains("id=\"gongshi-preview\""), "{missing}");
    drop(running);
    drop(dir);
}

#[test]
fn without_a_good_build_the_pages_being_edited_show_as_drafts_with_their_problems_on_top() {
    let (dir, content) = minimal_with(None);
    // Before the first build: a risk point that does not parse, and a decision that parses but
    // names a risk point that does not exist.
    let risk = content.join("risks/R-1.md");
    let good_risk = std::fs::read_to_string(&risk).unwrap();
    std::fs::write(
        &risk,
        good_risk.replace("effective = 2024-01-01", "effective = 2024/01/01"),
    )
    .unwrap();
    let decision = content.join("decisions/2024/D-1.md");
    let good_decision = std::fs::read_to_string(&decision).unwrap();
    std::fs::write(
        &decision,
        good_decision.replace("risks = [\"R-1\"]", "risks = [\"R-9\"]"),
    )
    .unwrap();
    let (running, addr) = spawn_gongshi(
        &["serve", "--watch", "--port", "0"],
        dir.path(),
        "预览已启动：http://",
    );

    // The file that does not parse: what could be read of it, its problem first, and no claim
    // that an earlier site is live.
    let page = http_get(addr, "/risks/R-1/");
    assert!(page.starts_with("HTTP/1.1 200 OK"), "{page:.300}");
    assert!(page.contains("草稿"), "{page}");
    assert!(
        page.contains("门店外摆放商品"),
        "the fields that could be read: {page}"
    );
    assert!(page.contains("先看清楚再经营"), "the body: {page}");
    assert!(page.contains("还没有成功构建过"), "{page}");
    assert!(!page.contains("上一次成功构建"), "{page}");
    let own = page.find("本页（").expect("its own problems");
    assert!(
        page[own..].find("FM006").unwrap() < page[own..].find("REF001").unwrap(),
        "{page}"
    );

    // The decision that parses: its real page, from what could be read.
    let page = http_get(addr, "/decisions/D-1/");
    assert!(page.starts_with("HTTP/1.1 200 OK"), "{page:.300}");
    assert!(page.contains("测城执罚决字〔2024〕第0001号"), "{page}");
    let own = page.find("本页（").expect("its own problems");
    assert!(
        page[own..].find("REF001").unwrap() < page[own..].find("FM006").unwrap(),
        "{page}"
    );

    // Elsewhere nothing was built: the page says so and links the drafts; the stylesheet is
    // there for them.
    let home = http_get(addr, "/");
    assert!(home.starts_with("HTTP/1.1 404"), "{home:.300}");
    assert!(home.contains("href=\"/risks/R-1/\""), "{home}");
    assert!(home.contains("href=\"/decisions/D-1/\""), "{home}");
    assert!(http_get(addr, "/static/style.css").starts_with("HTTP/1.1 200 OK"));

    // Fixed: the real site, no drafts.
    std::fs::write(&risk, &good_risk).unwrap();
    std::fs::write(&decision, &good_decision).unwrap();
    let page = wait_for(addr, "/risks/R-1/", "site built", |p| {
        p.contains("0 个错误") && !p.contains("草稿")
    });
    assert!(page.contains("门店外摆放商品"));
    drop(running);
    drop(dir);
}
