//! The CI files staff copy into their content repository (`deploy/content-ci/`): the gongshi
//! steps are read out of the YAML and run, as the runner would run them, on a fixture content
//! repository — clean, with a planted personal-data mistake, and as a pull request that sees
//! only its own files' warnings. And the `.gitignore` files (the project's and the content
//! repository's) keep every build output out of `git add .`.

use std::path::{Path, PathBuf};
use std::process::Command;

use yaml_rust2::{Yaml, YamlLoader};

use crate::util::minimal_with;

fn load(file: &str) -> Yaml {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("deploy/content-ci")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    YamlLoader::load_from_str(&text).unwrap().remove(0)
}

fn mentions_gongshi_step(script: &str) -> bool {
    script.lines().any(|l| {
        let l = l.trim_start();
        l.starts_with("gongshi check ") || l.starts_with("gongshi build ")
    })
}

/// The GitHub workflow's `run:` scripts that call gongshi, in order, with their step names.
fn github_scripts() -> Vec<(String, String)> {
    let wf = load("github/workflows/gongshi.yml");
    let steps = wf["jobs"]["check"]["steps"]
        .as_vec()
        .expect("check job steps");
    steps
        .iter()
        .filter_map(|s| {
            Some((
                s["name"].as_str()?.to_string(),
                s["run"].as_str()?.to_string(),
            ))
        })
        .filter(|(_, run)| mentions_gongshi_step(run))
        .collect()
}

/// The GitLab jobs whose scripts call gongshi (not deploy, which runs over SSH), in file order.
fn gitlab_scripts() -> Vec<(String, String)> {
    let ci = load("gitlab-ci.yml");
    let jobs = ci.as_hash().expect("gitlab-ci is a mapping");
    jobs.iter()
        .filter_map(|(name, job)| {
            let name = name.as_str()?;
            let lines: Vec<&str> = job["script"]
                .as_vec()?
                .iter()
                .filter_map(Yaml::as_str)
                .collect();
            Some((name.to_string(), lines.join("\n")))
        })
        .filter(|(name, script)| name != "deploy" && mentions_gongshi_step(script))
        .collect()
}

/// Runs git in the repository as the clerk would; its standard output.
fn git(root: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=法制科",
            "-c",
            "user.email=fzk@test.example.gov.cn",
        ])
        .args(args)
        .current_dir(root)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A content repository like an agency's: `content/` at the root, in git.
fn repo(overlay: Option<&Path>) -> (tempfile::TempDir, PathBuf) {
    let (dir, _content) = minimal_with(overlay);
    let root = dir.path().to_path_buf();
    git(&root, &["init", "-q", "-b", "main"]);
    git(&root, &["add", "content"]);
    git(&root, &["commit", "-q", "-m", "初始内容"]);
    (dir, root)
}

/// Runs a step script with bash in the repository, gongshi on PATH, the workflow's time zone.
fn run(root: &Path, script: &str) -> std::process::Output {
    run_with(root, script, &[])
}

/// [`run`] with the CI system's variables.
fn run_with(root: &Path, script: &str, vars: &[(&str, &str)]) -> std::process::Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_gongshi")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("bash")
        .args(["-eo", "pipefail", "-c", script])
        .current_dir(root)
        .env("PATH", path)
        .env("TZ", "CST-8")
        .env_remove("BASE_SHA")
        .env_remove("CI_MERGE_REQUEST_DIFF_BASE_SHA")
        .envs(vars.iter().copied())
        .output()
        .unwrap()
}

#[test]
fn the_ci_files_run_check_expiry_and_build() {
    let gh: Vec<_> = github_scripts().into_iter().map(|(_, s)| s).collect();
    assert_eq!(gh.len(), 3, "{gh:#?}");
    assert!(gh[0].contains("--format github"));
    assert!(gh[1].contains("--as-of"));
    assert!(gh[2].contains("gongshi build"));
    let gl: Vec<_> = gitlab_scripts().into_iter().map(|(n, _)| n).collect();
    assert_eq!(gl, ["check", "expiring", "build"]);
}

#[test]
fn clean_content_passes_every_step_and_builds_site_and_index() {
    let (_dir, root) = repo(None);
    for (name, script) in github_scripts().into_iter().chain(gitlab_scripts()) {
        let out = run(&root, &script);
        assert!(
            out.status.success(),
            "{name}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(root.join("public/index.html").exists());
    assert!(root.join("index/gongshi-index.json").exists());
    assert!(root.join("public/sitemap.xml").exists());
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root.join("gl-code-quality-report.json")).unwrap())
            .unwrap();
    assert_eq!(report, serde_json::json!([]));
}

#[test]
fn a_planted_phone_number_fails_the_check_with_an_inline_annotation() {
    let (_dir, root) = repo(None);
    let file = root.join("content/decisions/2024/D-1.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{text}当事人联系电话13912345678。\n")).unwrap();
    let line = text.lines().count() + 1;

    let (name, gh_check) = github_scripts().remove(0);
    let out = run(&root, &gh_check);
    assert!(!out.status.success(), "{name} must fail");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let want =
        format!("::error file=content/decisions/2024/D-1.md,line={line},col=8,title=PII002 错误::");
    assert!(stdout.starts_with(&want), "{stdout}");

    let (_, gl_check) = gitlab_scripts().remove(0);
    let out = run(&root, &gl_check);
    assert!(
        !out.status.success(),
        "the GitLab check job must fail after writing its report"
    );
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root.join("gl-code-quality-report.json")).unwrap())
            .unwrap();
    assert_eq!(report[0]["check_name"], "PII002");
    assert_eq!(report[0]["location"]["lines"]["begin"], line);
    assert!(String::from_utf8_lossy(&out.stderr).contains("错误[PII002]"));

    // The build refuses, and nothing is published.
    let (_, build) = github_scripts().remove(2);
    assert!(!run(&root, &build).status.success());
    assert!(!root.join("public").exists());
}

/// Changes one line of a content file.
fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_pull_request_sees_the_warnings_of_its_own_files_and_every_error() {
    let (_dir, root) = repo(None);
    // On main: an old late decision (a warning) and a page left with a placeholder (an error).
    edit(
        &root,
        "content/decisions/2024/D-2.md",
        "published = 2024-04-03",
        "published = 2024-04-30",
    );
    edit(&root, "content/pages/about.md", "谁执法谁公示。", "待填写");
    git(&root, &["commit", "-q", "-am", "旧的问题"]);
    let base = git(&root, &["rev-parse", "HEAD"]).trim().to_string();
    // The pull request: another late decision, committed, and a new file not yet committed.
    git(&root, &["switch", "-q", "-c", "decision-D-1"]);
    edit(
        &root,
        "content/decisions/2024/D-1.md",
        "published = 2024-03-08",
        "published = 2024-04-30",
    );
    git(&root, &["commit", "-q", "-am", "公开处罚决定D-1"]);

    let (name, gh_check) = github_scripts().remove(0);
    let out = run_with(&root, &gh_check, &[("BASE_SHA", &base)]);
    assert!(
        !out.status.success(),
        "{name}: the error still fails the check"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("::warning file=content/decisions/2024/D-1.md,line=15,col=1,title=DL001"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("D-2.md"),
        "an old warning in an unchanged file: {stdout}"
    );
    assert!(
        stdout.contains("::error file=content/pages/about.md"),
        "{stdout}"
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("另有 1 个警告在本次没有改动的文件中"),
        "{stderr}"
    );

    // Outside a pull request (a push to main), every warning.
    let out = run(&root, &gh_check);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("D-1.md") && stdout.contains("D-2.md"),
        "{stdout}"
    );

    // GitLab: the merge request's diff base.
    let (_, gl_check) = gitlab_scripts().remove(0);
    let out = run_with(
        &root,
        &gl_check,
        &[("CI_MERGE_REQUEST_DIFF_BASE_SHA", &base)],
    );
    assert!(!out.status.success());
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root.join("gl-code-quality-report.json")).unwrap())
            .unwrap();
    let paths: Vec<&str> = report
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["location"]["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        ["content/decisions/2024/D-1.md", "content/pages/about.md"],
        "{report}"
    );

    // A new file not yet committed counts as changed too.
    let new = root.join("content/decisions/2024/D-3.md");
    std::fs::write(
        &new,
        std::fs::read_to_string(root.join("content/decisions/2024/D-1.md"))
            .unwrap()
            .replace("id = \"D-1\"", "id = \"D-3\"")
            .replace("第0001号", "第0003号"),
    )
    .unwrap();
    let out = run_with(&root, &gh_check, &[("BASE_SHA", &base)]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("::warning file=content/decisions/2024/D-3.md"),
        "{stdout}"
    );
}

/// What git would add after builds (and, in a content repository, the CI steps) in a
/// repository with this `.gitignore`.
fn untracked_after_builds(gitignore: &Path, content_repo: bool) -> String {
    let (_dir, root) = repo(None);
    std::fs::copy(gitignore, root.join(".gitignore")).unwrap();
    git(&root, &["add", ".gitignore"]);
    git(&root, &["commit", "-q", "-m", "忽略生成的文件"]);
    // Every CI step (check report, as-of list, build), a second build (the first site becomes
    // .public.previous), the preview's build, and what a killed build leaves behind.
    if content_repo {
        for (name, script) in github_scripts().into_iter().chain(gitlab_scripts()) {
            assert!(run(&root, &script).status.success(), "{name}");
        }
    }
    let build = "gongshi build --content content --output public --index index";
    assert!(run(&root, build).status.success());
    assert!(run(&root, build).status.success());
    assert!(
        root.join(".public.previous").is_dir(),
        "the second build keeps the first site"
    );
    for leftover in [
        ".public.staging-99999-1",
        ".index.staging-99999-1",
        ".public.staging-99999-2.old",
    ] {
        std::fs::create_dir_all(root.join(leftover).join("risks")).unwrap();
        std::fs::write(root.join(leftover).join("risks/index.html"), "x").unwrap();
    }
    git(&root, &["status", "--porcelain", "--untracked-files=all"])
}

#[test]
fn build_outputs_are_never_committable() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (gitignore, content_repo) in [
        (manifest.join("deploy/content-ci/gitignore"), true),
        (manifest.join(".gitignore"), false),
    ] {
        let status = untracked_after_builds(&gitignore, content_repo);
        assert!(
            status.is_empty(),
            "{}: git would add\n{status}",
            gitignore.display()
        );
    }
}

#[test]
fn without_the_gitignore_a_build_would_be_committed() {
    // The check above can fail: with no rules, git offers the whole built site.
    let empty = tempfile::NamedTempFile::new().unwrap();
    let status = untracked_after_builds(empty.path(), false);
    assert!(status.contains(".public.previous/"), "{status}");
    assert!(status.contains("public/index.html"), "{status}");
}
