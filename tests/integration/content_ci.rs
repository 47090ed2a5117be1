//! The CI files staff copy into their content repository (`deploy/content-ci/`): the gongshi
//! steps are read out of the YAML and run, as the runner would run them, on a fixture content
//! repository — clean, and with a planted personal-data mistake.

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

/// A content repository like an agency's: `content/` at the root, in git.
fn repo(overlay: Option<&Path>) -> (tempfile::TempDir, PathBuf) {
    let (dir, _content) = minimal_with(overlay);
    let root = dir.path().to_path_buf();
    for args in [
        &["init", "-q", "-b", "main"][..],
        &["add", "content"],
        &[
            "-c",
            "user.name=法制科",
            "-c",
            "user.email=fzk@test.example.gov.cn",
            "commit",
            "-q",
            "-m",
            "初始内容",
        ],
    ] {
        let ok = Command::new("git")
            .args(args)
            .current_dir(&root)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", &root)
            .status()
            .unwrap()
            .success();
        assert!(ok, "git {args:?}");
    }
    (dir, root)
}

/// Runs a step script with bash in the repository, gongshi on PATH, the workflow's time zone.
fn run(root: &Path, script: &str) -> std::process::Output {
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
