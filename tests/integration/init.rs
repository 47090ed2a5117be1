//! `gongshi init` end to end, as an agency's IT contact runs it on day one: init → check lists
//! one TODO001 per unfilled field → fill each at the line and column it names → check passes →
//! serve shows the empty site, every list saying plainly that nothing is published yet.

use std::path::{Path, PathBuf};
use std::process::Command;

fn gongshi(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_gongshi"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// What a member of staff writes for a field, by the key the diagnostic names.
fn value_for(key: &str) -> &'static str {
    match key {
        "short_name" => "某某市城管执法",
        "base_url" => "https://cgzf.example.gov.cn",
        "emails" | "email" => "gongkai@cgzf.example.gov.cn",
        "addresses" | "address" => "某某市政务大道1号",
        "number" | "phone" | "complaint_phone" => "0000-12319001",
        "office_hours" => "工作日 9:00—17:00",
        "duties" => "依法查处违反市容环境卫生管理规定的行为",
        "procedures" => "简易程序：违法事实确凿、有法定依据的，可以当场作出处罚决定。",
        "name" => "李明",
        "certificate" => "某0100001",
        "unit" => "执法一大队",
        "location" => "人民路与解放路交叉口",
        "purpose" => "占道经营",
        "host" => "某某市城市管理综合行政执法局",
        "site_code" => "0000000000",
        "icp_record" => "某ICP备00000000号",
        "psb_record" => "某公网安备00000000000000号",
        "error_report_url" => "https://cgzf.example.gov.cn/zhaocuo/",
        "正文" => "本局是某某市人民政府的工作部门，负责城市管理综合行政执法。",
        other => panic!("no value for field {other}"),
    }
}

/// Replaces the 待填写 each TODO001 line of `stderr` points at (path:line:column); returns how
/// many it filled.
fn fill_placeholders(root: &Path, stderr: &str) -> usize {
    let mut n = 0;
    for line in stderr.lines().filter(|l| l.contains("[TODO001]")) {
        let mut parts = line.splitn(4, ':');
        let (path, row, col) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        let (row, col): (usize, usize) = (row.parse().unwrap(), col.parse().unwrap());
        let key = match line.split('`').nth(1) {
            Some(k) => k,
            None if line.contains("正文还是") => "正文",
            None => panic!("TODO001 without a field: {line}"),
        };
        assert!(
            line.contains("（提示：应填：") || line.contains("（提示：正文应写："),
            "every placeholder has a field hint: {line}"
        );
        let file = root.join(path);
        let text = std::fs::read_to_string(&file).unwrap();
        let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
        let target = &mut lines[row - 1];
        let start: usize = target.char_indices().nth(col - 1).unwrap().0;
        assert!(
            target[start..].starts_with("待填写"),
            "{line} does not point at 待填写: {target}"
        );
        let mut rest = target[start + "待填写".len()..].to_string();
        if key == "正文" {
            rest = String::new();
        }
        *target = format!("{}{}{rest}", &target[..start], value_for(key));
        std::fs::write(&file, lines.join("\n")).unwrap();
        n += 1;
    }
    n
}

/// A content repository made by `gongshi init` and filled in the way its diagnostics ask.
/// Returns the temp dir and the repository root.
pub fn initialised() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = gongshi(
        &[
            "init",
            "repo",
            "--agency",
            "某某市城市管理综合行政执法局",
            "--city",
            "某某市",
            "--agency-id",
            "mscg",
        ],
        dir.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let root = dir.path().join("repo");
    let check = gongshi(&["check"], &root);
    assert!(
        !check.status.success(),
        "an unfilled repository must not pass"
    );
    let stderr = String::from_utf8(check.stderr).unwrap();
    let filled = fill_placeholders(&root, &stderr);
    assert!(filled >= 15, "{stderr}");
    (dir, root)
}

#[test]
fn init_then_fill_what_check_points_at_then_check_passes_and_serve_shows_the_empty_site() {
    let (_dir, root) = initialised();
    for f in [
        ".gitignore",
        "README.md",
        ".github/workflows/gongshi.yml",
        ".gitlab-ci.yml",
        ".github/pull_request_template.md",
        ".gitlab/merge_request_templates/Default.md",
        "content/synonyms.toml",
        "content/calendar/2026.toml",
        "content/calendar/README.md",
        "content/risks/README.md",
        "content/decisions/README.md",
    ] {
        assert!(root.join(f).is_file(), "{f} missing");
    }
    let site = std::fs::read_to_string(root.join("content/site.toml")).unwrap();
    assert!(
        site.contains("sample_data = false") && !site.contains("示例市"),
        "{site}"
    );
    let check = gongshi(&["check"], &root);
    let stderr = String::from_utf8_lossy(&check.stderr);
    assert!(check.status.success(), "{stderr}");
    assert!(
        stderr.contains("检查完成：共 0 个错误，0 个警告"),
        "{stderr}"
    );

    let (_server, addr) =
        crate::util::spawn_gongshi(&["serve", "--port", "0"], &root, "网站已启动：http://");
    use gongshi::routes;
    let pages = [
        (routes::HOME.path, "（尚未公布）"),
        (routes::RISKS.path, "目前尚未公布风险点"),
        (routes::POWERS.path, "目前尚未公布权责事项"),
        (routes::EXEMPTIONS.path, "目前尚未公布免罚和从轻减轻事项"),
        (routes::BENCHMARKS.path, "目前尚未公布裁量基准"),
        (routes::DECISIONS.path, "目前尚未公开行政处罚决定"),
        (routes::CASES.path, "目前尚未发布典型案例"),
        (routes::STATISTICS.path, "目前没有可以统计的行政处罚决定"),
        (routes::SELF_CHECK.path, "目前还没有按经营类型整理的风险点"),
        (routes::AGENCIES.path, "某某市城市管理综合行政执法局"),
        (routes::REMEDIES.path, "0000-12319001"),
    ];
    for (path, says) in pages {
        let page = crate::util::http_get(addr, path);
        assert!(page.starts_with("HTTP/1.1 200 OK"), "{path}: {page:.300}");
        let main = crate::util::main_of(&page);
        assert!(main.contains(says), "{path} does not say {says}: {main}");
        assert!(
            !main.contains("<tbody></tbody>"),
            "{path} shows an empty table"
        );
        assert!(!main.contains("共 0"), "{path} counts zero");
    }
    // The home page has no empty list of latest decisions.
    let home = crate::util::http_get(addr, routes::HOME.path);
    assert!(crate::util::main_of(&home).contains("目前尚未公开行政处罚决定"));
}

#[test]
fn init_refuses_an_existing_content_directory_and_kind_readmes_are_not_published() {
    let (_dir, root) = initialised();
    let again = gongshi(&["init", "."], &root);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("已经存在"));
    // The README in each kind folder holds a commented template with 待填写: not loaded.
    let readme = std::fs::read_to_string(root.join("content/powers/README.md")).unwrap();
    assert!(readme.contains("待填写") && readme.contains("gongshi new power"));
    let (lib, diags) = gongshi::content::load(&root.join("content"));
    assert_eq!(diags.error_count() + diags.warning_count(), 0);
    assert_eq!(lib.unwrap().powers.len(), 0);
}

#[test]
fn gitignore_covers_every_build_output() {
    let (_dir, root) = initialised();
    let build = gongshi(&["build"], &root);
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    // A second build leaves the previous site beside the new one.
    assert!(gongshi(&["build"], &root).status.success());
    let git = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(&root)
            .output()
            .unwrap()
    };
    assert!(git(&["init", "-q"]).status.success());
    let status = git(&["status", "--porcelain", "--untracked-files=all"]);
    let listed = String::from_utf8(status.stdout).unwrap();
    // The outputs the .gitignore must cover are really there.
    assert!(root.join("public").is_dir() && root.join(".public.previous").is_dir());
    for line in listed.lines() {
        let path = line[3..].trim_matches('"');
        assert!(
            !(path.starts_with("public")
                || path.starts_with("index")
                || path.starts_with(".public")
                || path.starts_with(".index")),
            "build output not ignored: {path}"
        );
    }
    assert!(listed.contains("content/site.toml"), "{listed}");
}
