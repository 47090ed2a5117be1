//! Publishing rules (issue 4): working-day deadlines at the holiday boundaries, the calendar
//! files, withdrawal pages, `check --as-of` and the CI output formats, change history from git.

use std::fs;
use std::path::Path;
use std::process::Command;

use gongshi::publish::check;

use crate::util::{fixtures, minimal_with, paths};

/// Rewrites `key = …` lines of a fixture file (first occurrence of each key).
fn set(file: &Path, pairs: &[(&str, &str)]) {
    let mut text = fs::read_to_string(file).unwrap();
    for (key, value) in pairs {
        let start = text
            .find(&format!("\n{key} = "))
            .unwrap_or_else(|| panic!("{key} in {}", file.display()))
            + 1;
        let end = start + text[start..].find('\n').unwrap();
        text.replace_range(start..end, &format!("{key} = {value}"));
    }
    fs::write(file, text).unwrap();
}

/// Codes and messages of every diagnostic with `code`.
fn with_code(content: &Path, code: &str) -> Vec<String> {
    check(content)
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == code)
        .map(|d| d.to_string())
        .collect()
}

/// D-1 decided on `decided` and published on `published`: the DL001 warnings.
fn publish_warnings(decided: &str, published: &str) -> Vec<String> {
    let (_dir, content) = minimal_with(None);
    set(
        &content.join("decisions/2024/D-1.md"),
        &[("decided", decided), ("published", published)],
    );
    with_code(&content, "DL001")
}

#[test]
fn publication_deadline_counts_make_up_workdays_around_labour_day_2024() {
    // 国办发明电〔2023〕7号: 5月1日至5日放假；4月28日（星期日）、5月11日（星期六）上班.
    // From Fri 26 April, the 7 working days are 28 (Sun), 29, 30 April, 6, 7, 8, 9 May.
    assert!(publish_warnings("2024-04-26", "2024-05-09").is_empty());
    let late = publish_warnings("2024-04-26", "2024-05-10");
    assert_eq!(late.len(), 1, "{late:?}");
    assert!(
        late[0].starts_with("content/decisions/2024/D-1.md:15:1: 警告[DL001]"),
        "{late:?}"
    );
    assert!(late[0].contains("最迟 2024-05-09"), "{late:?}");
    // The hint says what docs/publishing.md says: explain the delay in the merge request.
    assert!(late[0].contains("逾期原因在合并请求中说明"), "{late:?}");
    assert!(!late[0].contains("内部审核记录"), "{late:?}");
    let guide = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/publishing.md"),
    )
    .unwrap();
    assert!(guide.contains("超期的原因在合并请求中说明"));
    // Counted in calendar days, 7 days after 26 April would already be late on 4 May.
    assert!(publish_warnings("2024-04-26", "2024-05-06").is_empty());
}

#[test]
fn publication_deadline_can_fall_on_a_make_up_sunday_spring_festival_2024() {
    // 春节 2月10日至17日放假；2月4日（星期日）、2月18日（星期日）上班. From Fri 2 February:
    // 4 (Sun), 5, 6, 7, 8, 9, 18 (Sun) February.
    assert!(publish_warnings("2024-02-02", "2024-02-18").is_empty());
    let late = publish_warnings("2024-02-02", "2024-02-19");
    assert_eq!(late.len(), 1, "{late:?}");
    assert!(late[0].contains("最迟 2024-02-18"), "{late:?}");
}

/// D-2 (withdrawn) changed on `changed` and withdrawn on `date`: the DL002 warnings.
fn withdrawal_warnings(changed: &str, date: &str) -> Vec<String> {
    let (dir, content) = minimal_with(None);
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("content/calendar/2026.toml"),
        content.join("calendar/2026.toml"),
    )
    .unwrap();
    let file = content.join("decisions/2024/D-2.md");
    set(&file, &[("changed", changed), ("date", date)]);
    let warnings = with_code(&content, "DL002");
    drop(dir);
    warnings
}

#[test]
fn withdrawal_deadline_around_national_day_2026() {
    // 国办发明电〔2025〕7号: 10月1日至7日放假；9月20日（周日）、10月10日（周六）上班.
    // Changed on Wed 30 September: 8, 9, 10 (Sat) October are the 3 working days.
    assert!(withdrawal_warnings("2026-09-30", "2026-10-09").is_empty());
    assert!(withdrawal_warnings("2026-09-30", "2026-10-10").is_empty());
    // Sunday 11 October is after the last working day, even though no working day passed.
    let late = withdrawal_warnings("2026-09-30", "2026-10-11");
    assert_eq!(late.len(), 1, "{late:?}");
    assert!(late[0].contains("[DL002]"), "{late:?}");
    assert!(late[0].contains("最迟 2026-10-10"), "{late:?}");
    assert_eq!(withdrawal_warnings("2026-09-30", "2026-10-12").len(), 1);
}

#[test]
fn a_year_without_a_calendar_file_is_one_warning_not_a_guess() {
    let (_dir, content) = minimal_with(None);
    fs::remove_file(content.join("calendar/2024.toml")).unwrap();
    let missing = with_code(&content, "CAL002");
    assert_eq!(
        missing,
        [
            "content/calendar/2024.toml:1:1: 警告[CAL002]: 缺少 2024 年的节假日安排，3 处公开或撤回时限无法核对（提示：国务院办公厅公布 2024 年部分节假日安排后，照 calendar/ 中其他年份的格式添加 2024.toml；说明见 docs/diagnostic-codes.md#cal002）"
        ],
    );
    assert!(with_code(&content, "DL001").is_empty());
}

#[test]
fn shipped_calendar_files_are_valid_and_cover_every_sample_decision_year() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let checked = check(&root);
    let calendar: Vec<_> = checked
        .diagnostics
        .iter()
        // CAL003 (remedy dates reaching into a year without a file) is not about these files.
        .filter(|d| d.code.as_str().starts_with("CAL") && d.code.as_str() != "CAL003")
        .collect();
    assert!(calendar.is_empty(), "{calendar:#?}");
    let cal = checked.calendar;
    let lib = checked.library.unwrap();
    for d in &lib.decisions {
        use chrono::Datelike;
        assert!(cal.covers(d.meta.decided.0.year()), "{}", d.meta.id);
    }
    // Spot checks against the notices: 2025 春节 1月28日至2月4日, 1月26日、2月8日上班.
    let day = |s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    assert_eq!(cal.is_working_day(day("2025-01-26")), Ok(true));
    assert_eq!(cal.is_working_day(day("2025-02-04")), Ok(false));
    assert_eq!(cal.is_working_day(day("2025-02-08")), Ok(true));
    assert_eq!(cal.is_working_day(day("2023-06-25")), Ok(true));
    assert_eq!(cal.is_working_day(day("2026-02-23")), Ok(false));
}

#[test]
fn withdrawn_decision_page_shows_only_the_notice() {
    let (_dir, content) = minimal_with(None);
    let output = content.with_file_name("public");
    gongshi::publish::build(&paths(&content, &output)).unwrap();
    let html = fs::read_to_string(output.join("decisions/D-2/index.html")).unwrap();
    let main = crate::util::main_of(&html);
    let source = fs::read_to_string(content.join("decisions/2024/D-2.md")).unwrap();
    assert!(main.contains("撤回说明"), "{main}");
    assert!(
        main.contains("经行政复议，测试市人民政府决定撤销该处罚决定。"),
        "{main}"
    );
    assert!(main.contains("2024年5月6日"), "{main}");
    // Nothing of the decision itself: party, violation, penalty, body.
    for field in ["party", "violation"] {
        let line = source
            .lines()
            .find(|l| l.starts_with(&format!("{field} = ")))
            .unwrap();
        let value = line.split('"').nth(1).unwrap();
        assert!(!main.contains(value), "{field} `{value}` leaked: {main}");
    }
    let body = source.rsplit("+++").next().unwrap().trim();
    assert!(!main.contains(body), "body leaked");
    for label in ["当事人", "违法行为", "处罚内容"] {
        assert!(!main.contains(label), "{label} shown: {main}");
    }
}

#[test]
fn check_as_of_lists_what_a_build_that_day_takes_down() {
    let (dir, content) = minimal_with(None);
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_gongshi"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    // D-1 (罚款 200 元, ordinary procedure, decided 2024-03-05, published 2024-03-08) has a
    // 12-month period, counted from the decision date (发改办财金〔2019〕527号).
    let before = run(&["check", "--as-of", "2025-03-04"]);
    let stderr = String::from_utf8(before.stderr).unwrap();
    assert!(before.status.success(), "{stderr}");
    assert!(
        stderr.contains("到 2025-03-04 为止，0 份处罚决定"),
        "{stderr}"
    );
    let after = run(&["check", "--as-of", "2025-03-05"]);
    let stderr = String::from_utf8(after.stderr).unwrap();
    assert!(
        stderr.contains(
            "到 2025-03-05 为止，1 份处罚决定的公示期限届满或者完成信用修复，届时构建会将其撤下（其中 1 份在今天"
        ),
        "{stderr}"
    );
    let json = run(&["check", "--as-of", "2025-03-05", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["errors"], 0);
    assert_eq!(v["expiring"]["as_of"], "2025-03-05");
    assert_eq!(v["expiring"]["decisions"][0]["id"], "D-1");
    assert_eq!(v["expiring"]["decisions"][0]["expires_on"], "2025-03-05");

    // 市场监管总局令第45号 counts from publication: the site setting moves the day.
    let site = content.join("site.toml");
    let text = fs::read_to_string(&site).unwrap();
    fs::write(
        &site,
        format!("{text}\n[publication]\nperiod_from = \"公开日期\"\n"),
    )
    .unwrap();
    let before = run(&["check", "--as-of", "2025-03-07"]);
    let stderr = String::from_utf8(before.stderr).unwrap();
    assert!(
        stderr.contains("到 2025-03-07 为止，0 份处罚决定"),
        "{stderr}"
    );
    let json = run(&["check", "--as-of", "2025-03-08", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["expiring"]["decisions"][0]["expires_on"], "2025-03-08");
}

#[test]
fn check_as_of_names_the_decisions_still_to_expire() {
    use chrono::Months;
    let (dir, content) = minimal_with(None);
    // D-1 published a month ago: its 12-month period ends 11 months from today.
    let today = chrono::Local::now().date_naive();
    let published = today - Months::new(1);
    let day = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
    set(
        &content.join("decisions/2024/D-1.md"),
        &[("decided", &day(published)), ("published", &day(published))],
    );
    let ends = published + Months::new(12);
    let out = Command::new(env!("CARGO_BIN_EXE_gongshi"))
        .args(["check", "--as-of", &day(ends)])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("（其中 0 份在今天"), "{stderr}");
    let line = format!(
        "  测城执罚决字〔2024〕第0001号（D-1），一般处罚公示期限于 {} 届满",
        day(ends)
    );
    assert!(stderr.contains(&line), "{stderr}");
    // A day earlier it is not due yet.
    let out = Command::new(env!("CARGO_BIN_EXE_gongshi"))
        .args(["check", "--as-of", &day(ends.pred_opt().unwrap())])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("为止，0 份处罚决定"), "{stderr}");
}

#[test]
fn ci_formats_carry_file_line_column_and_code() {
    let (dir, _content) = minimal_with(Some(&fixtures().join("errors/dangling-reference")));
    let run = |format: &str| {
        Command::new(env!("CARGO_BIN_EXE_gongshi"))
            .args(["check", "--format", format])
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let gh = run("github");
    assert!(!gh.status.success());
    let line = String::from_utf8(gh.stdout).unwrap();
    assert!(
        line.starts_with(
            "::error file=content/decisions/2024/D-1.md,line=17,col=11,title=REF001 错误::"
        ),
        "{line}"
    );
    assert_eq!(line.lines().count(), 1, "{line}");

    let gl = run("gitlab");
    assert!(!gl.status.success());
    let report: serde_json::Value = serde_json::from_slice(&gl.stdout).unwrap();
    let item = &report[0];
    assert_eq!(item["check_name"], "REF001");
    assert_eq!(item["severity"], "critical");
    assert_eq!(item["location"]["path"], "content/decisions/2024/D-1.md");
    assert_eq!(item["location"]["lines"]["begin"], 17);
    assert_eq!(item["fingerprint"].as_str().unwrap().len(), 16);

    let json = run("json");
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["errors"], 1);
    assert_eq!(v["diagnostics"][0]["column"], 11);
    assert_eq!(v["diagnostics"][0]["severity"], "error");
}

#[test]
fn github_annotations_escape_what_the_runner_would_misread() {
    let d = gongshi::diagnostics::Diagnostic {
        path: "content/a,b:c.md".into(),
        line: 2,
        column: 3,
        severity: gongshi::diagnostics::Severity::Warning,
        code: gongshi::diagnostics::Code::PublishLate,
        message: "100% 逾期\n第二行".into(),
        hint: None,
    };
    assert_eq!(
        d.github(),
        "::warning file=content/a%2Cb%3Ac.md,line=2,col=3,title=DL001 警告::100%25 逾期%0A第二行（说明见 docs/diagnostic-codes.md#dl001）"
    );
}

fn git(dir: &Path, args: &[&str], date: &str) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", format!("{date}T10:00:00+08:00"))
        .env("GIT_COMMITTER_DATE", format!("{date}T10:00:00+08:00"))
        .env("GIT_AUTHOR_NAME", "法制科")
        .env("GIT_AUTHOR_EMAIL", "fzk@test.example.gov.cn")
        .env("GIT_COMMITTER_NAME", "法制科")
        .env("GIT_COMMITTER_EMAIL", "fzk@test.example.gov.cn")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn item_pages_show_their_change_history_from_git() {
    let (dir, content) = minimal_with(None);
    let root = dir.path();
    git(root, &["init", "-q", "-b", "main"], "2024-01-02");
    git(root, &["add", "."], "2024-01-02");
    git(
        root,
        &["commit", "-q", "-m", "首次发布风险点和处罚决定"],
        "2024-01-02",
    );
    let risk = content.join("risks/R-1.md");
    let text = fs::read_to_string(&risk).unwrap();
    fs::write(&risk, format!("{text}\n补充说明。\n")).unwrap();
    git(
        root,
        &["commit", "-q", "-am", "补充占道经营风险点的说明"],
        "2024-03-15",
    );
    fs::write(&risk, format!("{text}\n补充说明，联系13812345678。\n")).unwrap();
    git(
        root,
        &["commit", "-q", "-am", "按张三的电话13812345678修改"],
        "2024-04-01",
    );
    fs::write(&risk, format!("{text}\n补充说明。\n")).unwrap();
    git(root, &["commit", "-q", "-am", "删除误填内容"], "2024-04-02");

    let output = root.join("public");
    gongshi::publish::build(&paths(&content, &output)).unwrap();
    let html = fs::read_to_string(output.join("risks/R-1/index.html")).unwrap();
    let main = crate::util::main_of(&html);
    let history = &main[main.find("修改记录").expect("history section")..];
    let order: Vec<usize> = [
        "2024年4月2日",
        "删除误填内容",
        "2024年4月1日",
        gongshi::content::history::WITHHELD_SUMMARY,
        "2024年3月15日",
        "补充占道经营风险点的说明",
        "2024年1月2日",
        "首次发布风险点和处罚决定",
    ]
    .iter()
    .map(|s| {
        history
            .find(s)
            .unwrap_or_else(|| panic!("{s} missing: {history}"))
    })
    .collect();
    assert!(order.is_sorted(), "newest first: {history}");
    assert!(
        !html.contains("13812345678"),
        "a commit summary leaked personal data"
    );

    // An item changed once shows one record; turning history off removes the section.
    let power = fs::read_to_string(output.join("powers/P-1/index.html")).unwrap();
    assert_eq!(power.matches("<li><time").count(), 1, "{power}");
    let site = content.join("site.toml");
    let settings = fs::read_to_string(&site).unwrap();
    fs::write(&site, format!("history = false\n{settings}")).unwrap();
    gongshi::publish::build(&paths(&content, &output)).unwrap();
    let html = fs::read_to_string(output.join("risks/R-1/index.html")).unwrap();
    assert!(!html.contains("修改记录"));
}

/// D-1 made a 不予处罚 decision (no penalties, no grade).
fn no_penalty_d1(content: &Path) {
    let file = content.join("decisions/2024/D-1.md");
    let text = fs::read_to_string(&file).unwrap();
    let front_end = text.rfind("+++").unwrap();
    let (front, body) = text.split_at(front_end);
    let front = front
        .split("[[penalties]]")
        .next()
        .unwrap()
        .replace("outcome = \"从轻\"", "outcome = \"不予处罚\"")
        .replace("grade = \"一般\"", "grade = \"轻微\"");
    fs::write(&file, format!("{front}{body}")).unwrap();
}

#[test]
fn no_penalty_decisions_are_counted_but_not_published_unless_the_site_says_so() {
    let (dir, content) = minimal_with(None);
    no_penalty_d1(&content);
    let day = chrono::NaiveDate::from_ymd_opt(2024, 5, 1).unwrap();
    let output = dir.path().join("public");
    let mut p = paths(&content, &output);
    p.as_of = day;
    let report = gongshi::publish::build(&p).unwrap();
    assert_eq!(report.unpublished, 1, "not a 行政处罚: no record");
    assert!(report.taken_down.is_empty(), "and not reported as expired");
    assert!(!output.join("decisions/D-1/index.html").exists());
    let data = fs::read_to_string(output.join("data/decisions.json")).unwrap();
    assert!(!data.contains("\"D-1\""), "nor in the data");
    let stats = fs::read_to_string(output.join("statistics/index.html")).unwrap();
    assert!(
        stats.contains("统计的行政处罚决定共 <strong>1</strong> 件"),
        "still counted"
    );
    assert!(
        stats.contains("不逐件公开的不予处罚决定"),
        "and the page says how"
    );

    let site = content.join("site.toml");
    let text = fs::read_to_string(&site).unwrap();
    fs::write(
        &site,
        format!("{text}\n[publication]\npublish_no_penalty = true\n"),
    )
    .unwrap();
    let report = gongshi::publish::build(&p).unwrap();
    assert_eq!(report.unpublished, 0);
    assert!(
        output.join("decisions/D-1/index.html").exists(),
        "published on request"
    );
}

#[test]
fn a_large_fine_is_published_for_the_serious_period() {
    let (_dir, content) = minimal_with(None);
    let lib = |content: &Path| check(content).library.unwrap();
    let d1 = |lib: &gongshi::content::Library| {
        lib.decisions
            .iter()
            .find(|d| d.meta.id.as_str() == "D-1")
            .unwrap()
            .meta
            .clone()
    };
    // 罚款 200 元 to a 个体工商户 (treated as 个人): ordinary, 12 months from 2024-03-05.
    let l = lib(&content);
    assert_eq!(
        gongshi::legal_time::publication::expires_on(&d1(&l), &l.site).to_string(),
        "2025-03-05"
    );
    // With 较大数额 for individuals at 200 yuan, the same fine is serious: 36 months.
    let site = content.join("site.toml");
    let text = fs::read_to_string(&site).unwrap();
    fs::write(
        &site,
        format!("{text}\n[large_fine]\nindividual = 200\nunit = 20000\n"),
    )
    .unwrap();
    let l = lib(&content);
    assert_eq!(
        gongshi::legal_time::publication::class(&d1(&l), &l.site).label(),
        "严重处罚"
    );
    assert_eq!(
        gongshi::legal_time::publication::expires_on(&d1(&l), &l.site).to_string(),
        "2027-03-05"
    );
    // Treated as a 单位, the unit threshold applies and 200 yuan is not large.
    fs::write(&site, format!("individual_business_as = \"单位\"\n{text}\n[large_fine]\nindividual = 200\nunit = 20000\n")).unwrap();
    let l = lib(&content);
    assert_eq!(
        gongshi::legal_time::publication::class(&d1(&l), &l.site).label(),
        "一般处罚"
    );
}

#[test]
fn a_sample_site_is_shown_as_of_its_day_and_a_real_site_may_not_say_so() {
    let (dir, content) = minimal_with(None);
    let site = content.join("site.toml");
    let text = fs::read_to_string(&site).unwrap();
    // The fixture is sample data; shown as of 2024-06-01, D-1 is inside its period.
    fs::write(
        &site,
        text.replace(
            "sample_data = true",
            "sample_data = true\nsample_as_of = 2024-06-01",
        ),
    )
    .unwrap();
    let output = dir.path().join("public");
    let mut p = paths(&content, &output);
    for year in [2030, 2040] {
        p.as_of = chrono::NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
        let report = gongshi::publish::build(&p).unwrap();
        assert!(report.taken_down.is_empty(), "built in {year}");
        assert!(
            output.join("decisions/D-1/index.html").exists(),
            "built in {year}"
        );
    }
    // An earlier build day is still honoured (a sample never shows later than its day).
    p.as_of = chrono::NaiveDate::from_ymd_opt(2025, 3, 5).unwrap();
    let report = gongshi::publish::build(&p).unwrap();
    assert!(
        report.taken_down.is_empty(),
        "2025-03-05 is after 2024-06-01: shown as of the sample day"
    );
    // A real site cannot use it.
    fs::write(
        &site,
        text.replace(
            "sample_data = true",
            "sample_data = false\nsample_as_of = 2024-06-01",
        ),
    )
    .unwrap();
    let codes: Vec<_> = check(&content)
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(codes, ["SITE002"]);
}
