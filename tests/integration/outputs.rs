//! Machine-readable outputs: `/sitemap.xml`, `/robots.txt`, the Atom feeds and the open data
//! under `/data/`. Every address they name must exist in the built site, withdrawn decisions
//! must appear in none of them, and the expected items are counted from the content files
//! themselves, not through the library under test.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use atom_syndication::Feed;
use serde_json::Value;

use crate::util::built_minimal;

/// The lists published as open data, by file name (= content directory).
const LISTS: [&str; 8] = [
    "risks",
    "powers",
    "guides",
    "inspections",
    "exemptions",
    "benchmarks",
    "decisions",
    "cases",
];

const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

fn base_url(content: &Path) -> String {
    let text = fs::read_to_string(content.join("site.toml")).unwrap();
    let table: toml::Table = text.parse().unwrap();
    table["base_url"]
        .as_str()
        .unwrap()
        .trim_end_matches('/')
        .to_string()
}

/// The site address of an absolute URL on this site.
fn address<'a>(base: &str, absolute: &'a str) -> &'a str {
    absolute
        .strip_prefix(base)
        .unwrap_or_else(|| panic!("`{absolute}` is not under {base}"))
}

/// The file an address is served from (`/risks/R-1/` → `risks/R-1/index.html`).
fn file_for(output: &Path, address: &str) -> PathBuf {
    let rel = address.trim_start_matches('/');
    if rel.is_empty() || rel.ends_with('/') {
        output.join(rel).join("index.html")
    } else {
        output.join(rel)
    }
}

fn assert_served(output: &Path, address: &str, what: &str) {
    assert!(
        file_for(output, address).is_file(),
        "{what} names {address}, which the build did not write"
    );
}

/// The front matter of a content file (between the `+++` fences).
fn front(text: &str) -> &str {
    let rest = text.trim_start().strip_prefix("+++").unwrap();
    &rest[..rest.find("\n+++").unwrap()]
}

/// The string value of a top-level `key = "value"` line of a front matter.
fn value_of<'a>(front: &'a str, key: &str) -> Option<&'a str> {
    front.lines().find_map(|line| {
        let (k, v) = line.split_once('=')?;
        (k.trim() == key).then(|| v.trim().trim_matches('"'))
    })
}

/// (id → withdrawn) of every item in a content directory, read from the files directly.
/// A decision is withdrawn when its status is anything but 有效 or it has a `[withdrawal]`.
fn content_ids(content: &Path, dir: &str) -> BTreeMap<String, bool> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(content.join(dir)) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = fs::read_to_string(entry.path()).unwrap();
        let fm = front(&text);
        let id = value_of(fm, "id")
            .expect("every item has an id")
            .to_string();
        let withdrawn = dir == "decisions"
            && (value_of(fm, "status") != Some("有效")
                || fm.lines().any(|l| l.trim() == "[withdrawal]"));
        out.insert(id, withdrawn);
    }
    out
}

fn published_ids(content: &Path, dir: &str) -> BTreeSet<String> {
    content_ids(content, dir)
        .into_iter()
        .filter(|(_, withdrawn)| !withdrawn)
        .map(|(id, _)| id)
        .collect()
}

fn withdrawn_ids(content: &Path) -> BTreeSet<String> {
    content_ids(content, "decisions")
        .into_iter()
        .filter(|(_, withdrawn)| *withdrawn)
        .map(|(id, _)| id)
        .collect()
}

/// Every HTML page the build wrote, as site addresses.
fn html_pages(output: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(output)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(output).unwrap().to_string_lossy();
            match rel.strip_suffix("index.html") {
                Some(dir) => format!("/{dir}"),
                None => format!("/{rel}"),
            }
        })
        .collect()
}

/// (address, lastmod) of every `<url>` of the sitemap, checking its shape on the way.
fn sitemap(output: &Path, base: &str) -> Vec<(String, Option<String>)> {
    let text = fs::read_to_string(output.join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("sitemap.xml is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "urlset");
    assert_eq!(root.tag_name().namespace(), Some(SITEMAP_NS));
    root.children()
        .filter(|n| n.is_element())
        .map(|url| {
            assert_eq!(url.tag_name().name(), "url");
            let child = |name: &str| {
                url.children()
                    .find(|c| {
                        c.tag_name().name() == name && c.tag_name().namespace() == Some(SITEMAP_NS)
                    })
                    .and_then(|c| c.text())
                    .map(str::to_string)
            };
            let loc = child("loc").expect("every <url> has a <loc>");
            (address(base, &loc).to_string(), child("lastmod"))
        })
        .collect()
}

/// The sitemap, checked: every address once, each served, lastmod a W3C date, and exactly the
/// HTML pages the build wrote less the 404 page, the search shell and withdrawn decisions.
fn complete_sitemap(
    output: &Path,
    base: &str,
    withdrawn: &BTreeSet<String>,
) -> Vec<(String, Option<String>)> {
    let urls = sitemap(output, base);
    let addresses: BTreeSet<String> = urls.iter().map(|(a, _)| a.clone()).collect();
    assert_eq!(addresses.len(), urls.len(), "no address twice");
    for (a, lastmod) in &urls {
        assert_served(output, a, "sitemap.xml");
        if let Some(d) = lastmod {
            chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .unwrap_or_else(|_| panic!("lastmod of {a} is not a W3C date: {d}"));
        }
    }
    let mut expected = html_pages(output);
    assert!(expected.remove("/404.html"));
    assert!(expected.remove("/search/"));
    for id in withdrawn {
        let page = format!("/decisions/{id}/");
        // Expired decisions have no page at all; withdrawn ones keep theirs.
        expected.remove(&page);
    }
    assert_eq!(addresses, expected);
    urls
}

fn feed(output: &Path, name: &str) -> Feed {
    let file = fs::File::open(output.join("feeds").join(name)).unwrap();
    Feed::read_from(BufReader::new(file)).unwrap_or_else(|e| panic!("{name} is no Atom feed: {e}"))
}

/// The addresses an Atom feed's entries link to; each must exist.
fn feed_links(output: &Path, base: &str, feed: &Feed, name: &str) -> Vec<String> {
    feed.entries
        .iter()
        .map(|e| {
            let link = e
                .links
                .iter()
                .find(|l| l.rel == "alternate")
                .unwrap_or_else(|| panic!("{name}: entry `{}` has no link", e.id));
            let a = address(base, &link.href).to_string();
            assert_served(output, &a, name);
            a
        })
        .collect()
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap())
        .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// One list's open data, checked: the JSON validates against its schema (formats included),
/// `count` is the number of items, the CSV has a BOM, a header matching the schema's fields
/// and one row per item in the same order, and every item's `url` exists. Returns the ids.
fn open_data(output: &Path, base: &str, list: &str) -> Vec<String> {
    let data_dir = output.join("data");
    let data = read_json(&data_dir.join(format!("{list}.json")));
    let schema_address = data["schema"].as_str().expect("`schema` names the schema");
    assert_eq!(schema_address, format!("/data/{list}.schema.json"));
    let schema = read_json(&file_for(output, schema_address));
    jsonschema::meta::validate(&schema)
        .unwrap_or_else(|e| panic!("{list}.schema.json is not a valid JSON Schema: {e}"));
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&data)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{list}.json: {}", errors.join("\n"));

    let items = data["items"].as_array().unwrap();
    assert_eq!(
        data["count"].as_u64().unwrap() as usize,
        items.len(),
        "{list}: count"
    );
    let ids: Vec<String> = items
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();
    for item in items {
        assert_served(
            output,
            address(base, item["url"].as_str().unwrap()),
            &format!("{list}.json"),
        );
    }

    let bytes = fs::read(data_dir.join(format!("{list}.csv"))).unwrap();
    let body = bytes
        .strip_prefix("\u{FEFF}".as_bytes())
        .unwrap_or_else(|| panic!("{list}.csv starts with a UTF-8 BOM"));
    let mut reader = csv::Reader::from_reader(body);
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_string)
        .collect();
    let fields = schema["$defs"]["item"]["properties"].as_object().unwrap();
    let mut labels: Vec<&str> = fields
        .values()
        .map(|f| f["description"].as_str().unwrap())
        .collect();
    let mut sorted_header: Vec<&str> = header.iter().map(String::as_str).collect();
    labels.sort_unstable();
    sorted_header.sort_unstable();
    assert_eq!(
        sorted_header, labels,
        "{list}.csv: one column per field, named in Chinese"
    );
    assert!(
        ["编号", "事项编码", "检查事项编号"].contains(&header[0].as_str()),
        "{list}.csv: ids first"
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let csv_ids: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(
        csv_ids, ids,
        "{list}.csv: one row per JSON item, same ids, same order"
    );
    ids
}

#[test]
fn sitemap_lists_every_public_page_and_no_withdrawn_decision() {
    let (_dir, content, output) = built_minimal(None);
    let base = base_url(&content);
    let withdrawn = withdrawn_ids(&content);
    assert!(
        withdrawn.contains("D-2"),
        "the minimal fixture keeps one withdrawn decision: {withdrawn:?}"
    );
    assert!(
        file_for(&output, "/decisions/D-2/").is_file(),
        "a withdrawn decision keeps its page"
    );

    let urls = complete_sitemap(&output, &base, &withdrawn);
    let lastmod: BTreeMap<_, _> = urls.into_iter().collect();
    assert!(
        !lastmod.contains_key("/decisions/D-2/"),
        "withdrawn, not advertised"
    );
    assert_eq!(
        lastmod["/risks/R-1/"].as_deref(),
        Some("2024-06-01"),
        "updated"
    );
    assert_eq!(
        lastmod["/decisions/D-1/"].as_deref(),
        Some("2024-03-08"),
        "published"
    );
    assert_eq!(
        lastmod["/cases/C-1/"].as_deref(),
        Some("2024-06-01"),
        "case date"
    );
    assert_eq!(
        lastmod["/"].as_deref(),
        Some("2024-06-01"),
        "newest content"
    );

    let robots = fs::read_to_string(output.join("robots.txt")).unwrap();
    assert!(robots.contains("User-agent: *\n"), "{robots}");
    assert!(robots.contains("\nDisallow: /api/\n"), "{robots}");
    assert!(robots.contains("\nDisallow: /search\n"), "{robots}");
    assert!(
        robots.contains(&format!("\nSitemap: {base}/sitemap.xml\n")),
        "{robots}"
    );
}

#[test]
fn feeds_parse_and_link_to_pages_without_withdrawn_decisions() {
    let (_dir, content, output) = built_minimal(None);
    let base = base_url(&content);
    let withdrawn = withdrawn_ids(&content);

    let decisions = feed(&output, "decisions.xml");
    let links = feed_links(&output, &base, &decisions, "decisions.xml");
    let expected: Vec<String> = published_ids(&content, "decisions")
        .iter()
        .map(|id| format!("/decisions/{id}/"))
        .collect();
    assert_eq!(links, expected);
    let raw = fs::read_to_string(output.join("feeds/decisions.xml")).unwrap();
    for id in &withdrawn {
        assert!(
            !raw.contains(&format!("/decisions/{id}/")),
            "{id} is in the feed"
        );
    }
    let d1 = &decisions.entries[0];
    assert_eq!(
        d1.title.value,
        "测城执罚决字〔2024〕第0001号 擅自在街道两侧堆放物料"
    );
    assert_eq!(d1.updated.to_rfc3339(), "2024-03-08T00:00:00+08:00");
    assert_eq!(
        d1.published.map(|p| p.to_rfc3339()).as_deref(),
        Some("2024-03-08T00:00:00+08:00")
    );
    assert_eq!(d1.authors[0].name, "测试市城市管理综合行政执法局");
    let summary = d1.summary.as_ref().unwrap();
    assert!(
        summary.value.contains("测试市张某便利店"),
        "{}",
        summary.value
    );
    assert!(summary.value.contains("罚款200元"), "{}", summary.value);
    // The newest content date, not the time of the build: D-2 was withdrawn on 2024-05-06.
    assert_eq!(decisions.updated.to_rfc3339(), "2024-05-06T00:00:00+08:00");
    assert!(
        decisions
            .links
            .iter()
            .any(|l| l.rel == "self" && l.href == format!("{base}/feeds/decisions.xml"))
    );

    let changes = feed(&output, "changes.xml");
    let links = feed_links(&output, &base, &changes, "changes.xml");
    // R-1 changed last (2024-06-01); the others on 2024-01-01, in list order (the register of
    // 音像记录事项清单 is a managed list too).
    assert_eq!(
        links,
        [
            "/risks/R-1/",
            "/powers/P-1/",
            "/powers/P-2/",
            "/powers/P-JC-1/",
            "/exemptions/E-1/",
            "/benchmarks/B-1/",
            "/av-recording/"
        ]
    );
    assert_eq!(
        changes.entries[0].title.value,
        "【风险点】门店外摆放商品已更新（现行有效）"
    );
    assert_eq!(changes.updated.to_rfc3339(), "2024-06-01T00:00:00+08:00");
    let ids: BTreeSet<&str> = changes.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), changes.entries.len(), "entry ids are unique");
}

#[test]
fn open_data_validates_and_matches_the_content_files() {
    let (_dir, content, output) = built_minimal(None);
    let base = base_url(&content);
    for list in LISTS {
        let ids = open_data(&output, &base, list);
        let expected = published_ids(&content, list);
        assert_eq!(
            ids.iter().cloned().collect::<BTreeSet<_>>(),
            expected,
            "{list}: the non-withdrawn items of content/{list}/"
        );
        assert_eq!(ids.len(), expected.len(), "{list}: no item twice");
    }
    let decisions = read_json(&output.join("data/decisions.json"));
    let d1 = &decisions["items"][0];
    assert_eq!(d1["id"], "D-1");
    assert_eq!(
        d1["party_type"], "个体工商户",
        "labels as authors write them"
    );
    assert_eq!(
        d1["basis"][0]["citation"],
        "《城市市容和环境卫生管理条例》第三十六条第（二）项"
    );
    assert_eq!(d1["url"], format!("{base}/decisions/D-1/"));
    assert_eq!(d1["total_amount"], 200);
    assert_eq!(decisions["generated_from"], "2024-05-06");
    let raw = fs::read_to_string(output.join("data/decisions.csv")).unwrap();
    assert!(
        !raw.contains("D-2") && !raw.contains("李某"),
        "withdrawn decision in CSV"
    );
    // The case cites D-1 and nothing withdrawn.
    let cases = read_json(&output.join("data/cases.json"));
    assert_eq!(cases["items"][0]["decisions"], serde_json::json!(["D-1"]));
}

#[test]
fn machine_outputs_are_deterministic() {
    let (_a, _, first) = built_minimal(None);
    let (_b, _, second) = built_minimal(None);
    let mut files = vec![
        "sitemap.xml".to_string(),
        "robots.txt".to_string(),
        "feeds/decisions.xml".to_string(),
        "feeds/changes.xml".to_string(),
    ];
    for list in LISTS {
        for ext in ["json", "csv", "schema.json"] {
            files.push(format!("data/{list}.{ext}"));
        }
    }
    for f in files {
        assert_eq!(
            fs::read(first.join(&f)).unwrap(),
            fs::read(second.join(&f)).unwrap(),
            "{f} differs between two builds of the same content"
        );
    }
}

#[test]
fn sample_site_publishes_only_standing_decisions() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let (_dir, output, _) = crate::util::build_site(&content, crate::util::sample_day());
    let base = base_url(&content);

    let all = content_ids(&content, "decisions");
    let withdrawn = withdrawn_ids(&content);
    assert!(!withdrawn.is_empty(), "the sample has withdrawn decisions");

    let ids = open_data(&output, &base, "decisions");
    assert!(!ids.is_empty());
    for id in &ids {
        assert_eq!(
            all.get(id),
            Some(&false),
            "{id}: in decisions.json but withdrawn or unknown"
        );
        let page = fs::read_to_string(file_for(&output, &format!("/decisions/{id}/"))).unwrap();
        assert!(
            !page.contains("撤回说明"),
            "{id}: its page is a withdrawal notice"
        );
    }
    for list in LISTS {
        open_data(&output, &base, list);
    }

    let advertised: BTreeSet<String> = complete_sitemap(&output, &base, &withdrawn)
        .into_iter()
        .map(|(a, _)| a)
        .collect();
    let decisions_feed = feed(&output, "decisions.xml");
    let in_feed = feed_links(&output, &base, &decisions_feed, "decisions.xml");
    assert!(in_feed.len() <= 100);
    feed_links(&output, &base, &feed(&output, "changes.xml"), "changes.xml");
    for id in &withdrawn {
        let page = format!("/decisions/{id}/");
        assert!(
            !advertised.contains(&page),
            "{id} withdrawn but in the sitemap"
        );
        assert!(!in_feed.contains(&page), "{id} withdrawn but in the feed");
        assert!(!ids.contains(id), "{id} withdrawn but in decisions.json");
    }
    // Everything in decisions.json is in the sitemap, and the feed holds the newest of them.
    for id in &ids {
        assert!(
            advertised.contains(&format!("/decisions/{id}/")),
            "{id} not in the sitemap"
        );
    }
    assert_eq!(in_feed.len(), ids.len().min(100));
}

#[test]
fn open_data_page_links_every_download_and_feed_and_the_footer_links_it() {
    let (_dir, _content, output) = crate::util::built_minimal(None);
    let html = fs::read_to_string(output.join("open-data/index.html")).unwrap();
    let main = crate::util::main_of(&html);
    let links: Vec<&str> = main
        .split("href=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    for list in [
        "risks",
        "powers",
        "exemptions",
        "benchmarks",
        "decisions",
        "cases",
    ] {
        for ext in ["json", "csv", "schema.json"] {
            let address = format!("/data/{list}.{ext}");
            assert!(links.contains(&address.as_str()), "{address} not linked");
        }
    }
    for address in ["/feeds/decisions.xml", "/feeds/changes.xml", "/sitemap.xml"] {
        assert!(links.contains(&address), "{address} not linked");
    }
    for address in &links {
        assert!(
            output.join(address.trim_start_matches('/')).exists(),
            "{address} is linked but not written"
        );
    }
    let home = fs::read_to_string(output.join("index.html")).unwrap();
    assert!(home.contains("href=\"/open-data/\""), "the footer links it");
}

#[test]
fn the_published_api_description_lists_the_filter_values_of_this_site() {
    let (dir, _content, output) = crate::util::built_minimal(None);
    let spec: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(output.join("static/openapi.json")).unwrap())
            .unwrap();
    let manifest: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(dir.path().join("index/gongshi-index.json")).unwrap(),
    )
    .unwrap();
    let params = spec
        .pointer("/paths/~1api~1search/get/parameters")
        .unwrap()
        .as_array()
        .unwrap();
    let mut checked = 0;
    for p in params {
        let name = p["name"].as_str().unwrap();
        let Some(values) = manifest["facet_values"].get(name) else {
            continue;
        };
        let mut want = vec![serde_json::Value::from("")];
        want.extend(values.as_array().unwrap().iter().cloned());
        assert_eq!(p["schema"]["enum"], serde_json::Value::from(want), "{name}");
        checked += 1;
    }
    assert!(checked >= 8, "filters with values: {checked}");
    let year = params.iter().find(|p| p["name"] == "year").unwrap();
    assert!(
        year["schema"]["enum"]
            .as_array()
            .unwrap()
            .contains(&"2024".into())
    );
}

#[test]
fn a_site_whose_static_folder_lacks_the_api_description_still_gets_one() {
    let (dir, content) = crate::util::minimal_with(None);
    let own_static = dir.path().join("static");
    fs::create_dir_all(&own_static).unwrap();
    fs::write(own_static.join("style.css"), "body{}").unwrap();
    let output = dir.path().join("public");
    let mut p = crate::util::paths(&content, &output);
    p.static_dir = Some(own_static);
    gongshi::publish::build(&p).expect("builds without static/openapi.json");
    let spec: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(output.join("static/openapi.json")).unwrap())
            .unwrap();
    assert!(spec["paths"]["/api/search"].is_object());
    assert_eq!(
        fs::read_to_string(output.join("static/style.css")).unwrap(),
        "body{}"
    );
}

/// Feeds scoped to what a reader follows (issue 19): each list, each browse page by 领域,
/// violation and agency, each agency and each business type has its own feed, announced in
/// the page's head and as a visible link, carrying its decisions and its list changes.
#[test]
fn scoped_feeds_follow_their_pages() {
    let (_dir, _content, output) = crate::util::built_minimal(None);
    let read = |p: &str| fs::read_to_string(output.join(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    let announced = |page: &str, feed: &str| {
        let html = read(page);
        let head = &html[..html.find("</head>").unwrap()];
        assert!(
            head.contains("type=\"application/atom+xml\"")
                && head.contains(&format!("href=\"{feed}\"")),
            "{page} does not announce {feed} in its head"
        );
        let body = &html[html.find("<main").unwrap()..];
        assert!(
            body.contains("订阅本页更新：") && body.contains(&format!("href=\"{feed}\"")),
            "{page} has no visible link to {feed}"
        );
    };
    // A list: its own changes only.
    announced("risks/index.html", "/feeds/risks.xml");
    let risks = read("feeds/risks.xml");
    assert!(
        risks.contains("/risks/R-1/") && !risks.contains("/powers/P-1/"),
        "{risks}"
    );
    // A 领域: its decisions and the changes of its items.
    let domain = read("feeds/decisions/by/domain/shironghuanjing.xml");
    assert!(domain.contains("/decisions/D-1/"), "{domain}");
    assert!(domain.contains("/risks/R-1/"), "{domain}");
    assert!(
        !domain.contains("/decisions/D-2/"),
        "a withdrawn decision is not an entry"
    );
    announced(
        "decisions/by/domain/shironghuanjing/index.html",
        "/feeds/decisions/by/domain/shironghuanjing.xml",
    );
    // A violation (risk point): its decisions and the risk point's own changes.
    let violation = read("feeds/decisions/by/violation/R-1.xml");
    assert!(violation.contains("/decisions/D-1/") && violation.contains("/risks/R-1/"));
    // An agency: its decisions.
    announced("agencies/city/index.html", "/feeds/agencies/city.xml");
    assert!(read("feeds/agencies/city.xml").contains("/decisions/D-1/"));
    // A business type: its risk points' changes and the decisions that applied them.
    let canyin = read("feeds/self-check/canyin.xml");
    assert!(
        canyin.contains("/risks/R-1/") && canyin.contains("/decisions/D-1/"),
        "{canyin}"
    );
    announced(
        "self-check/canyin/index.html",
        "/feeds/self-check/canyin.xml",
    );
    // Every scoped feed is well-formed Atom.
    for entry in walkdir::WalkDir::new(output.join("feeds")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "xml") {
            let text = fs::read_to_string(entry.path()).unwrap();
            atom_syndication::Feed::read_from(text.as_bytes())
                .unwrap_or_else(|e| panic!("{}: {e}", entry.path().display()));
        }
    }
}
