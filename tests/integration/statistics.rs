//! 执法统计 (`/statistics/`): the numbers in the page's tables are read back out of the built
//! HTML and compared with counts made here, independently, from the decision files (their
//! front matter parsed with `toml`; every decision that stands is counted, published or not,
//! withdrawn ones skipped; violations by their first risk point's title); every SVG
//! bar must carry the same number as its table row; every chart has a sentence and a table;
//! the page has no script and no inline style.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use roxmltree::{Document, Node};

use crate::util::{main_of, minimal_with};

/// Outcome labels in the order the site presents them (裁量结果).
const OUTCOMES: [&str; 5] = ["不予处罚", "从轻", "减轻", "一般", "从重"];
/// The soft-enforcement outcomes (柔性执法).
const SOFT: [&str; 3] = ["不予处罚", "从轻", "减轻"];

/// One published decision, as its file says.
struct Dec {
    /// `2026-04`.
    month: String,
    year: i32,
    domain: String,
    violation: String,
    outcome: String,
    /// 罚款 and 没收违法所得, in yuan.
    fine: u64,
}

/// Builds `content` as of `as_of` into a temp dir; the guard, the `/statistics/` page, and
/// the ids the build reported as taken down.
fn build(content: &Path, as_of: (i32, u32, u32)) -> (tempfile::TempDir, String, BTreeSet<String>) {
    let day = chrono::NaiveDate::from_ymd_opt(as_of.0, as_of.1, as_of.2).unwrap();
    let (dir, output, report) = crate::util::build_site(content, day);
    let taken_down = report.taken_down.iter().map(|t| t.id.clone()).collect();
    let html = fs::read_to_string(output.join("statistics/index.html"))
        .expect("the build writes /statistics/");
    (dir, html, taken_down)
}

/// The front matter of a content file: the text between the first two `+++` lines.
fn front_matter(text: &str) -> toml::Table {
    let mut lines = text.lines().skip_while(|l| l.trim() != "+++");
    lines.next().expect("opening +++");
    let front: Vec<&str> = lines.take_while(|l| l.trim() != "+++").collect();
    front.join("\n").parse().expect("front matter is TOML")
}

/// The title of a risk point, from its file.
fn risk_title(content: &Path, id: &str) -> Option<String> {
    let text = fs::read_to_string(content.join("risks").join(format!("{id}.md"))).ok()?;
    front_matter(&text)["title"].as_str().map(str::to_string)
}

/// The decisions the statistics of a site built from `content` count: every one with status
/// 有效, whether still published or not. Also returns how many decision files there are.
fn counted(content: &Path) -> (Vec<Dec>, usize) {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(content.join("decisions"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in &files {
        let t = front_matter(&fs::read_to_string(file).unwrap());
        let s = |k: &str| {
            t[k].as_str()
                .unwrap_or_else(|| panic!("{k} in {file:?}"))
                .to_string()
        };
        if s("status") != "有效" {
            continue;
        }
        let first_risk = t
            .get("risks")
            .and_then(|r| r.as_array())
            .and_then(|r| r.first())
            .and_then(|r| r.as_str());
        let violation = first_risk
            .and_then(|r| risk_title(content, r))
            .unwrap_or_else(|| s("violation"));
        // A bare TOML date (2026-04-05) or a quoted one.
        let decided = match &t["decided"] {
            toml::Value::Datetime(d) => d.to_string(),
            v => v.as_str().unwrap().to_string(),
        };
        let fine = t
            .get("penalties")
            .and_then(|p| p.as_array())
            .into_iter()
            .flatten()
            .filter(|p| matches!(p["kind"].as_str(), Some("罚款" | "没收违法所得")))
            .filter_map(|p| p.get("amount").and_then(|a| a.as_integer()))
            .map(|a| u64::try_from(a).unwrap())
            .sum();
        out.push(Dec {
            month: decided[..7].to_string(),
            year: decided[..4].parse().unwrap(),
            domain: s("domain"),
            violation,
            outcome: s("outcome"),
            fine,
        });
    }
    (out, files.len())
}

fn tally<'a>(keys: impl Iterator<Item = &'a str>) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for k in keys {
        *m.entry(k.to_string()).or_default() += 1;
    }
    m
}

/// Whole per cent, rounded half up.
fn pct(n: usize, total: usize) -> String {
    format!("{}%", (n as f64 * 100.0 / total as f64).round() as u64)
}

fn num(s: &str) -> u64 {
    s.replace(',', "")
        .parse()
        .unwrap_or_else(|_| panic!("`{s}` is not a number"))
}

fn text(n: Node<'_, '_>) -> String {
    n.descendants()
        .filter(|d| d.is_text())
        .map(|d| d.text().unwrap())
        .collect::<String>()
        .trim()
        .to_string()
}

fn by_id<'a, 'i>(doc: &'a Document<'i>, id: &str) -> Option<Node<'a, 'i>> {
    doc.descendants().find(|n| n.attribute("id") == Some(id))
}

fn children<'a, 'i>(n: Node<'a, 'i>, tag: &str) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == tag)
}

fn child<'a, 'i>(n: Node<'a, 'i>, tag: &str) -> Node<'a, 'i> {
    children(n, tag)
        .next()
        .unwrap_or_else(|| panic!("<{}> has no <{tag}>", n.tag_name().name()))
}

/// The cells (`th` and `td`) of every row of one table part (`tbody`, `tfoot`).
fn rows(table: Node<'_, '_>, part: &str) -> Vec<Vec<String>> {
    children(table, part)
        .flat_map(|p| children(p, "tr"))
        .map(|tr| tr.children().filter(|c| c.is_element()).map(text).collect())
        .collect()
}

/// A statistics table by id, checked for a caption and header scopes; its body rows.
fn table(doc: &Document<'_>, id: &str) -> Vec<Vec<String>> {
    let t = by_id(doc, id).unwrap_or_else(|| panic!("no table #{id}"));
    assert_eq!(t.tag_name().name(), "table");
    assert!(!text(child(t, "caption")).is_empty(), "#{id} has a caption");
    for th in child(t, "thead")
        .descendants()
        .filter(|n| n.has_tag_name("th"))
    {
        assert_eq!(
            th.attribute("scope"),
            Some("col"),
            "#{id}: header {}",
            text(th)
        );
    }
    for part in ["tbody", "tfoot"] {
        for tr in children(t, part).flat_map(|p| children(p, "tr")) {
            let th = child(tr, "th");
            assert_eq!(
                th.attribute("scope"),
                Some("row"),
                "#{id}: row {}",
                text(th)
            );
        }
    }
    rows(t, "tbody")
}

/// The `tfoot` row of a table.
fn footer(doc: &Document<'_>, id: &str) -> Vec<String> {
    let t = by_id(doc, id).unwrap();
    rows(t, "tfoot")
        .pop()
        .unwrap_or_else(|| panic!("#{id} has no total row"))
}

/// The sentence before a chart.
fn summary(doc: &Document<'_>, section: &str) -> String {
    let s = by_id(doc, section).unwrap_or_else(|| panic!("no section #{section}"));
    text(
        s.descendants()
            .find(|n| n.attribute("class") == Some("stat-summary"))
            .unwrap_or_else(|| panic!("#{section} has no summary sentence")),
    )
}

/// Every rule of the page, against the decisions `expected` from the files.
fn check_page(html: &str, decs: &[Dec]) {
    assert!(!html.contains("<script"), "the page has a script");
    assert!(!html.contains("style="), "the page has an inline style");
    let main = main_of(html);
    let doc = Document::parse(main).expect("<main> is well-formed");
    let main_text = text(doc.root_element());
    assert!(
        main_text.contains("已撤回的决定") && main_text.contains("公示期限已满"),
        "the page says withdrawn decisions are not counted and expired ones are"
    );
    let n = decs.len();
    let svgs: Vec<Node> = doc
        .descendants()
        .filter(|e| e.has_tag_name("svg"))
        .collect();
    if n == 0 {
        assert!(svgs.is_empty(), "no chart without data");
        assert!(!doc.descendants().any(|e| e.has_tag_name("table")));
        assert!(main_text.contains("暂无统计数据"), "a sentence says so");
        return;
    }
    assert!(
        main_text.contains(&format!("统计的行政处罚决定共 {n} 件")),
        "the overview counts {n}"
    );

    // 1. By month: the last 24 calendar months up to the latest with a decision.
    let months = tally(decs.iter().map(|d| d.month.as_str()));
    let rows_m = table(&doc, "by-month-table");
    let shown: Vec<(String, u64)> = by_id(&doc, "by-month-table")
        .unwrap()
        .descendants()
        .filter(|e| e.has_tag_name("time"))
        .map(|t| t.attribute("datetime").unwrap().to_string())
        .zip(rows_m.iter().map(|r| num(&r[1])))
        .collect();
    assert_eq!(
        shown.len(),
        rows_m.len(),
        "every month row has its datetime"
    );
    let index = |m: &str| m[..4].parse::<i32>().unwrap() * 12 + m[5..].parse::<i32>().unwrap();
    let (first, last) = (
        index(months.keys().next().unwrap()),
        index(months.keys().last().unwrap()),
    );
    assert_eq!(shown.len() as i32, (last - first + 1).min(24));
    assert_eq!(index(&shown.last().unwrap().0), last);
    for (i, (month, count)) in shown.iter().enumerate() {
        assert_eq!(
            index(month),
            last - (shown.len() - 1 - i) as i32,
            "months are consecutive"
        );
        assert_eq!(
            *count,
            months.get(month).copied().unwrap_or(0) as u64,
            "{month}"
        );
    }
    let in_chart: u64 = shown.iter().map(|r| r.1).sum();
    assert_eq!(num(&footer(&doc, "by-month-table")[1]), in_chart);
    if in_chart < n as u64 {
        assert!(summary(&doc, "by-month").contains(&format!("另有 {} 件", n as u64 - in_chart)));
    }

    // 2. By 领域, every domain, most first.
    let domains = tally(decs.iter().map(|d| d.domain.as_str()));
    let rows_d = table(&doc, "by-domain-table");
    let got: BTreeMap<String, usize> = rows_d
        .iter()
        .map(|r| (r[0].clone(), num(&r[1]) as usize))
        .collect();
    assert_eq!(got, domains, "by domain");
    assert_eq!(rows_d.len(), domains.len(), "no domain twice");
    for r in &rows_d {
        assert_eq!(r[2], pct(num(&r[1]) as usize, n), "share of {}", r[0]);
    }
    assert!(rows_d.windows(2).all(|w| num(&w[0][1]) >= num(&w[1][1])));
    assert_eq!(num(&footer(&doc, "by-domain-table")[1]), n as u64);
    let (top_domain, top_count) = domains.iter().max_by_key(|d| d.1).unwrap();
    assert!(summary(&doc, "by-domain").contains(&format!(
        "，{top_count} 件，占全部 {n} 件的 {}",
        pct(*top_count, n)
    )));
    assert_eq!(
        domains[&rows_d[0][0]], *top_count,
        "{top_domain} or a tie comes first"
    );

    // 3. The ten most frequent violations.
    let violations = tally(decs.iter().map(|d| d.violation.as_str()));
    let rows_v = table(&doc, "by-violation-table");
    assert_eq!(rows_v.len(), violations.len().min(10));
    for r in &rows_v {
        assert_eq!(num(&r[1]) as usize, violations[&r[0]], "{}", r[0]);
    }
    assert!(rows_v.windows(2).all(|w| num(&w[0][1]) >= num(&w[1][1])));
    let listed: BTreeSet<&str> = rows_v.iter().map(|r| r[0].as_str()).collect();
    let floor = num(&rows_v.last().unwrap()[1]) as usize;
    for (v, c) in &violations {
        assert!(
            listed.contains(v.as_str()) || *c <= floor,
            "{v} ({c}) should be listed"
        );
    }

    // 4. By outcome, all five in order.
    let outcomes = tally(decs.iter().map(|d| d.outcome.as_str()));
    let count = |o: &str| outcomes.get(o).copied().unwrap_or(0);
    let rows_o = table(&doc, "by-outcome-table");
    let expected: Vec<Vec<String>> = OUTCOMES
        .iter()
        .map(|o| vec![o.to_string(), count(o).to_string(), pct(count(o), n)])
        .collect();
    assert_eq!(rows_o, expected, "by outcome");

    // 5. The share of 不予处罚, 从轻 and 减轻.
    let soft: usize = SOFT.iter().map(|o| count(o)).sum();
    let mut expected: Vec<Vec<String>> = SOFT
        .iter()
        .map(|o| vec![o.to_string(), count(o).to_string(), pct(count(o), n)])
        .collect();
    expected.push(vec!["三项合计".into(), soft.to_string(), pct(soft, n)]);
    assert_eq!(table(&doc, "soft-share-table"), expected, "soft share");
    assert!(summary(&doc, "soft-share").contains(&format!("共 {soft} 件，占 {}", pct(soft, n))));

    // 6. Fines per year of decision, and in total.
    let mut years: BTreeMap<i32, (u64, u64)> = BTreeMap::new();
    for d in decs {
        let y = years.entry(d.year).or_default();
        y.0 += u64::from(d.fine > 0);
        y.1 += d.fine;
    }
    let total: u64 = decs.iter().map(|d| d.fine).sum();
    if total > 0 {
        let rows_f = table(&doc, "fines-table");
        let got: Vec<(String, u64, u64)> = rows_f
            .iter()
            .map(|r| (r[0].clone(), num(&r[1]), num(&r[2])))
            .collect();
        let want: Vec<(String, u64, u64)> = years
            .iter()
            .map(|(y, (c, a))| (format!("{y}年"), *c, *a))
            .collect();
        assert_eq!(got, want, "fines by year");
        let foot = footer(&doc, "fines-table");
        assert_eq!(num(&foot[2]), total, "total fines");
        let fined: u64 = years.values().map(|v| v.0).sum();
        assert_eq!(num(&foot[1]), fined);
        let yuan = format!("{}元", grouped(total));
        assert!(
            summary(&doc, "fines").contains(&yuan),
            "the sentence gives {yuan}"
        );
    } else {
        assert!(by_id(&doc, "fines-table").is_none());
    }

    // Every chart: an accessible SVG whose bars carry the table's numbers, preceded by a
    // sentence with a figure and followed by its table.
    assert_eq!(svgs.len(), if total > 0 { 6 } else { 5 });
    for svg in &svgs {
        check_chart(&doc, *svg);
    }
}

fn grouped(v: u64) -> String {
    let digits = v.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn check_chart(doc: &Document<'_>, svg: Node<'_, '_>) {
    let section = svg
        .ancestors()
        .find(|a| a.has_tag_name("section"))
        .expect("a chart sits in a section");
    let id = section.attribute("id").unwrap();
    assert_eq!(svg.attribute("role"), Some("img"), "#{id}");
    assert_eq!(svg.attribute("width"), Some("100%"), "#{id}");
    assert!(
        svg.attribute("viewBox").is_some(),
        "#{id} scales with viewBox"
    );
    let label = svg.attribute("aria-labelledby").expect("aria-labelledby");
    let title = by_id(doc, label).unwrap_or_else(|| panic!("#{id}: no element #{label}"));
    assert_eq!(title.tag_name().name(), "title", "#{id}");
    assert_eq!(title.parent(), Some(svg));
    assert!(!text(title).is_empty());

    // Sentence, chart, table: in this order within the section.
    let order: Vec<&str> = section
        .descendants()
        .filter_map(|e| match (e.tag_name().name(), e.attribute("class")) {
            ("p", Some("stat-summary")) => Some("sentence"),
            ("svg", _) => Some("chart"),
            ("table", _) => Some("table"),
            _ => None,
        })
        .collect();
    assert_eq!(order, ["sentence", "chart", "table"], "#{id}");
    assert!(
        summary(doc, id).chars().any(|c| c.is_ascii_digit()),
        "#{id}: the sentence has a figure"
    );

    // The bars against the table rows.
    let table_node = section
        .descendants()
        .find(|e| e.has_tag_name("table"))
        .unwrap();
    let table_rows = table(doc, table_node.attribute("id").unwrap());
    let value_col = if id == "fines" { 2 } else { 1 };
    let bars: Vec<Node> = svg
        .descendants()
        .filter(|e| e.attribute("data-value").is_some())
        .collect();
    assert_eq!(bars.len(), table_rows.len(), "#{id}: one bar per table row");
    for (bar, row) in bars.iter().zip(&table_rows) {
        let value = bar.attribute("data-value").unwrap();
        assert_eq!(bar.attribute("data-label"), Some(row[0].as_str()), "#{id}");
        assert_eq!(
            num(value),
            num(&row[value_col]),
            "#{id} {}: bar and table",
            row[0]
        );
        if let Some(p) = bar.attribute("data-percent") {
            assert_eq!(format!("{p}%"), row[2], "#{id} {}: bar and table", row[0]);
        }
        let texts: Vec<String> = bar
            .descendants()
            .filter(|e| e.has_tag_name("text"))
            .map(text)
            .collect();
        let [shown_label, shown_value] = &texts[..] else {
            panic!("#{id}: a bar has a label and a value text, got {texts:?}");
        };
        assert!(
            *shown_label == row[0]
                || shown_label
                    .strip_suffix('…')
                    .is_some_and(|s| row[0].starts_with(s)),
            "#{id}: label {shown_label} for {}",
            row[0]
        );
        let value_text = if id == "fines" {
            format!("{}元", grouped(num(value)))
        } else {
            format!("{value} 件")
        };
        assert!(
            shown_value.starts_with(&value_text),
            "#{id}: `{shown_value}` shows {value_text}"
        );
        let rect = bar
            .descendants()
            .rfind(|e| e.has_tag_name("rect"))
            .expect("a bar has a rect");
        let w: f64 = rect.attribute("width").unwrap().parse().unwrap();
        assert_eq!(
            w == 0.0,
            num(value) == 0,
            "#{id} {}: zero and only zero is an empty bar",
            row[0]
        );
    }
}

#[test]
fn sample_statistics_match_the_decision_files() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    // The day the search query set was written (as in search_quality.rs and outputs.rs).
    let (_dir, html, taken_down) = build(&content, (2026, 11, 22));
    let (decs, files) = counted(&content);
    assert!(!taken_down.is_empty(), "the sample has expired decisions");
    assert!(decs.len() < files, "the sample has withdrawn decisions");
    assert!(decs.len() >= 10, "enough decisions to chart");
    check_page(&html, &decs);
}

#[test]
fn minimal_statistics_match_the_decision_files() {
    let (_dir, content) = minimal_with(None);
    let (_out, html, _) = build(&content, (2024, 5, 1));
    let (decs, files) = counted(&content);
    assert!(
        !decs.is_empty() && decs.len() < files,
        "one standing, one withdrawn"
    );
    check_page(&html, &decs);
}

#[test]
fn no_published_decisions_is_a_sentence_not_a_chart() {
    let (_dir, content) = minimal_with(None);
    // Only the withdrawn decision is left: nothing stands, nothing is counted.
    fs::remove_file(content.join("decisions/2024/D-1.md")).unwrap();
    fs::remove_file(content.join("cases/C-1.md")).unwrap();
    let (_out, html, _) = build(&content, (2024, 5, 1));
    let (decs, _) = counted(&content);
    assert!(decs.is_empty());
    check_page(&html, &decs);
}

#[test]
fn month_chart_keeps_the_last_24_months() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    // Early enough that the 2023 decisions are still public: more than 24 months of data.
    let (_dir, html, _) = build(&content, (2024, 6, 1));
    let (decs, _) = counted(&content);
    let months: BTreeSet<&str> = decs.iter().map(|d| d.month.as_str()).collect();
    let span = |m: &str| m[..4].parse::<i32>().unwrap() * 12 + m[5..].parse::<i32>().unwrap();
    let (first, last) = (months.first().unwrap(), months.last().unwrap());
    assert!(
        span(last) - span(first) + 1 > 24,
        "the data span more than 24 months"
    );
    check_page(&html, &decs);
}
