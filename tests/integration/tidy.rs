//! Tidy checks on the source tree itself, in the spirit of rust-analyzer's `tidy.rs`: what
//! reviews keep catching, caught by the test run instead.
//!
//! - **Layers.** `src/` is a pipeline; a module may import only modules of lower layers (and its
//!   own). The layers are listed in [`LAYERS`] and in ARCHITECTURE.md.
//! - **No cycles.** Between sibling files (not a module and its own parent or children, which
//!   Rust makes one unit) the import graph has no cycle.
//! - **Addresses spelled once.** A string literal that is a site address appears only in
//!   `src/routes.rs`.
//! - **Size.** A source file past [`MAX_LINES`] lines needs an entry in [`ALLOWED_LONG`] saying
//!   why it is one file.
//! - **Doc.** Every source file starts with a `//!` line saying what it owns.
//!
//! Each check is a function over the tree's text, so a test below can show it failing on a
//! planted mistake.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Top-level modules by layer, lowest first. Same-layer modules may not import each other.
const LAYERS: &[&[&str]] = &[
    &["routes", "diagnostics"],
    &["content"],
    &["legal_time"],
    &["checks", "search"],
    &["render", "sheets"],
    &["publish", "usage"],
    &["server", "synth"],
    &["commands", "main", "lib"],
];

/// Lines a source file may have before it needs a reason.
const MAX_LINES: usize = 600;

/// Files allowed past [`MAX_LINES`], each with its reason.
const ALLOWED_LONG: &[(&str, &str)] = &[];

/// One source file: its path under `src/` and its text.
struct File {
    rel: PathBuf,
    text: String,
}

fn sources(root: &Path) -> Vec<File> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(File {
                    rel: path.strip_prefix(root).unwrap().to_path_buf(),
                    text: std::fs::read_to_string(&path).unwrap(),
                });
            }
        }
    }
    out.sort_by(|a, b| a.rel.cmp(&b.rel));
    out
}

fn src_tree() -> Vec<File> {
    sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"))
}

/// The module path of a file: `content/kinds/mod.rs` → `["content", "kinds"]`.
fn module_of(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

fn layer_of(top: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&top))
}

/// A file's code without its test modules: an inline `#[cfg(test)] mod … {` block and what
/// follows it (tests sit at the end of a file), and the whole file when it is a test-only
/// module (`tests.rs`, `test_support.rs`).
fn code_of(file: &File) -> &str {
    let name = file.rel.file_name().unwrap().to_string_lossy();
    if name == "tests.rs" || name == "test_support.rs" {
        return "";
    }
    let mut at = 0;
    while let Some(i) = file.text[at..].find("#[cfg(test)]") {
        let start = at + i;
        let rest = file.text[start + "#[cfg(test)]".len()..].trim_start();
        if rest.starts_with("mod ") && rest.split('\n').next().is_some_and(|l| l.contains('{')) {
            return &file.text[..start];
        }
        at = start + 1;
    }
    &file.text
}

/// Every `crate::a::b…` path a file names (in `use` and in code), as segments, with the line.
/// Grouped imports (`crate::a::{b, c::d}`) give one path per member.
fn crate_paths(code: &str) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    for (n, line) in code.lines().enumerate() {
        let line = line.split("//").next().unwrap_or("");
        let mut rest = line;
        while let Some(i) = rest.find("crate::") {
            let after = &rest[i + "crate::".len()..];
            let path: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let segs: Vec<String> = path
                .split("::")
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            rest = &after[path.len()..];
            // A group (`crate::a::{b, c}`) is read member by member below.
            if !segs.is_empty() && !rest.starts_with('{') {
                out.push((n + 1, segs));
            }
        }
    }
    // `use crate::a::{b, c};` spread over lines: the group's members.
    let mut in_group: Option<(usize, Vec<String>, String)> = None;
    for (n, line) in code.lines().enumerate() {
        if let Some((start, base, mut body)) = in_group.take() {
            body.push_str(line);
            if line.contains("};") {
                push_group(&mut out, start, &base, &body);
            } else {
                in_group = Some((start, base, body));
            }
            continue;
        }
        let t = line.trim_start();
        if let Some(rest) = t
            .strip_prefix("use crate::")
            .or(t.strip_prefix("pub use crate::"))
            && let Some(brace) = rest.find("::{")
        {
            let base: Vec<String> = rest[..brace].split("::").map(str::to_string).collect();
            let body = rest[brace + 3..].to_string();
            if body.contains("};") {
                push_group(&mut out, n + 1, &base, &body);
            } else {
                in_group = Some((n + 1, base, body));
            }
        }
    }
    out
}

fn push_group(out: &mut Vec<(usize, Vec<String>)>, line: usize, base: &[String], body: &str) {
    let body = body.split("};").next().unwrap_or("");
    for member in body.split(',') {
        let member = member.trim().trim_start_matches('{').trim_end_matches('}');
        let first = member.split(" as ").next().unwrap_or("").trim();
        if first.is_empty() || first == "self" || first.starts_with('{') {
            continue;
        }
        let mut segs = base.to_vec();
        segs.extend(first.split("::").map(|s| s.trim().to_string()));
        out.push((line, segs));
    }
}

/// Imports that go up the layers or across to a sibling of the same layer.
fn layer_violations(files: &[File]) -> Vec<String> {
    let mut out = Vec::new();
    for f in files {
        let module = module_of(&f.rel);
        let top = module.first().map_or("lib", String::as_str);
        let Some(own) = layer_of(top) else {
            out.push(format!(
                "{}: module `{top}` is in no layer",
                f.rel.display()
            ));
            continue;
        };
        for (line, segs) in crate_paths(code_of(f)) {
            let target = segs[0].as_str();
            if target == top || target.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            match layer_of(target) {
                Some(l) if l < own => {}
                Some(l) => out.push(format!(
                    "{}:{line}: `{top}` (layer {own}) imports `crate::{}` (layer {l})",
                    f.rel.display(),
                    segs.join("::")
                )),
                None => {}
            }
        }
    }
    out
}

/// The file a module path names, from the longest prefix that is a file.
fn file_of(modules: &BTreeMap<Vec<String>, PathBuf>, segs: &[String]) -> Option<PathBuf> {
    (1..=segs.len())
        .rev()
        .find_map(|n| modules.get(&segs[..n]).cloned())
}

/// Cycles in the import graph between files that are not ancestor and descendant.
fn cycles(files: &[File]) -> Vec<Vec<PathBuf>> {
    let modules: BTreeMap<Vec<String>, PathBuf> = files
        .iter()
        .map(|f| (module_of(&f.rel), f.rel.clone()))
        .collect();
    let mut edges: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    for f in files {
        let own = module_of(&f.rel);
        let mut targets = BTreeSet::new();
        let code = code_of(f);
        let mut paths: Vec<Vec<String>> = crate_paths(code).into_iter().map(|(_, s)| s).collect();
        // `super::x` from a file: relative to its parent module.
        for line in code.lines() {
            let line = line.split("//").next().unwrap_or("");
            let mut rest = line;
            while let Some(i) = rest.find("super::") {
                let mut base: Vec<String> = own.clone();
                let mut after = &rest[i..];
                while let Some(r) = after.strip_prefix("super::") {
                    base.pop();
                    after = r;
                }
                let name: String = after
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                base.extend(
                    name.split("::")
                        .filter(|s| !s.is_empty())
                        .map(str::to_string),
                );
                paths.push(base);
                rest = &after[name.len()..];
            }
        }
        for segs in paths {
            if let Some(target) = file_of(&modules, &segs) {
                let t = module_of(&target);
                let related = t.starts_with(&own) || own.starts_with(&t);
                if !related {
                    targets.insert(target);
                }
            }
        }
        edges.insert(f.rel.clone(), targets);
    }
    strongly_connected(&edges)
        .into_iter()
        .filter(|c| c.len() > 1)
        .collect()
}

/// Tarjan's strongly connected components.
fn strongly_connected(edges: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Vec<Vec<PathBuf>> {
    struct State<'a> {
        edges: &'a BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        index: BTreeMap<&'a PathBuf, usize>,
        low: BTreeMap<&'a PathBuf, usize>,
        stack: Vec<&'a PathBuf>,
        on_stack: BTreeSet<&'a PathBuf>,
        out: Vec<Vec<PathBuf>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a PathBuf) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.edges.get(v).into_iter().flatten() {
            let Some((w, _)) = s.edges.get_key_value(w) else {
                continue;
            };
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if s.on_stack.contains(w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.clone());
                if w == v {
                    break;
                }
            }
            s.out.push(component);
        }
    }
    let mut s = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in edges.keys() {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    s.out
}

/// The first segments of every address `routes.rs` spells (`risks`, `search`, `feeds` …).
fn route_roots(files: &[File]) -> BTreeSet<String> {
    let routes = files
        .iter()
        .find(|f| f.rel == Path::new("routes.rs"))
        .expect("src/routes.rs");
    let mut roots = BTreeSet::new();
    for piece in routes.text.split('"').skip(1).step_by(2) {
        if let Some(rest) = piece.strip_prefix('/') {
            let root: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_' || *c == '.')
                .collect();
            if !root.is_empty() && !root.contains('{') {
                roots.insert(root);
            }
        }
    }
    roots
}

/// String literals outside `routes.rs` that are site addresses: they start with `/` and a
/// segment `routes.rs` uses.
fn address_literals(files: &[File]) -> Vec<String> {
    let roots = route_roots(files);
    let mut out = Vec::new();
    for f in files {
        if f.rel == Path::new("routes.rs") {
            continue;
        }
        for (n, line) in code_of(f).lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for piece in code.split('"').skip(1).step_by(2) {
                let Some(rest) = piece.strip_prefix('/') else {
                    continue;
                };
                let root: String = rest
                    .chars()
                    .take_while(|c| {
                        c.is_ascii_alphanumeric() || *c == '-' || *c == '_' || *c == '.'
                    })
                    .collect();
                if roots.contains(&root) {
                    out.push(format!("{}:{}: \"{piece}\"", f.rel.display(), n + 1));
                }
            }
        }
    }
    out
}

fn long_files(files: &[File]) -> Vec<String> {
    files
        .iter()
        .filter(|f| f.text.lines().count() > MAX_LINES)
        .filter(|f| !ALLOWED_LONG.iter().any(|(p, _)| Path::new(p) == f.rel))
        .map(|f| format!("{}: {} lines", f.rel.display(), f.text.lines().count()))
        .collect()
}

fn undocumented(files: &[File]) -> Vec<String> {
    files
        .iter()
        .filter(|f| {
            !f.text.trim_start().starts_with("//!") && !f.text.trim_start().starts_with("#!")
        })
        .map(|f| f.rel.display().to_string())
        .collect()
}

#[test]
fn imports_follow_the_layers() {
    let v = layer_violations(&src_tree());
    assert!(
        v.is_empty(),
        "imports against the layers:\n{}",
        v.join("\n")
    );
}

#[test]
fn no_import_cycles_between_sibling_modules() {
    let c = cycles(&src_tree());
    assert!(c.is_empty(), "import cycles: {c:#?}");
}

#[test]
fn site_addresses_are_spelled_only_in_routes() {
    let v = address_literals(&src_tree());
    assert!(
        v.is_empty(),
        "address literals outside src/routes.rs:\n{}",
        v.join("\n")
    );
}

#[test]
fn long_files_have_a_reason() {
    let v = long_files(&src_tree());
    assert!(
        v.is_empty(),
        "files past {MAX_LINES} lines (split them, or add them to ALLOWED_LONG with a reason):\n{}",
        v.join("\n")
    );
    for (path, reason) in ALLOWED_LONG {
        assert!(!reason.trim().is_empty(), "{path}: no reason given");
    }
}

#[test]
fn every_source_file_says_what_it_owns() {
    let v = undocumented(&src_tree());
    assert!(v.is_empty(), "files without a //! line: {v:?}");
}

/// The tree with one file's text replaced or added, to plant a mistake.
fn planted(rel: &str, text: &str) -> Vec<File> {
    let mut files = src_tree();
    files.retain(|f| f.rel != Path::new(rel));
    files.push(File {
        rel: PathBuf::from(rel),
        text: text.to_string(),
    });
    files
}

#[test]
fn each_tidy_check_fails_on_a_planted_mistake() {
    // A content module importing the renderer: up two layers.
    let up = planted(
        "content/planted.rs",
        "//! planted\nuse crate::render::layout;\nfn f() { let _ = crate::publish::check; }\n",
    );
    let v = layer_violations(&up);
    assert_eq!(v.len(), 2, "{v:?}");
    assert!(v[0].contains("content/planted.rs:2"), "{v:?}");
    // The same layer: checks importing search.
    let across = planted(
        "checks/planted.rs",
        "//! planted\nuse crate::search::engine::Engine;\n",
    );
    assert_eq!(layer_violations(&across).len(), 1);
    // A grouped import is read member by member.
    let grouped = planted(
        "legal_time/planted.rs",
        "//! planted\nuse crate::{\n    content::Library,\n    render::Ctx,\n};\n",
    );
    assert!(
        layer_violations(&grouped).is_empty(),
        "use crate::{{…}} with a line break"
    );
    let grouped = planted(
        "legal_time/planted.rs",
        "//! planted\nuse crate::render::{Ctx, layout};\n",
    );
    assert_eq!(layer_violations(&grouped).len(), 2);
    // Two sibling render modules importing each other.
    let mut files = planted(
        "render/planted_a.rs",
        "//! a\nuse super::planted_b::B;\npub struct A;\n",
    );
    files.push(File {
        rel: PathBuf::from("render/planted_b.rs"),
        text: "//! b\nuse crate::render::planted_a::A;\npub struct B;\n".into(),
    });
    let c = cycles(&files);
    assert_eq!(c.len(), 1, "{c:?}");
    // An address literal in a page module, but not in a test module.
    let literal = planted(
        "render/planted.rs",
        "//! planted\nfn f() -> &'static str { \"/risks/\" }\n#[cfg(test)]\nmod tests {\n    const X: &str = \"/decisions/\";\n}\n",
    );
    assert_eq!(
        address_literals(&literal),
        ["render/planted.rs:2: \"/risks/\""]
    );
    // A long file without a reason, and a file without its doc line.
    let long = planted("render/planted.rs", &"//! long\n".repeat(MAX_LINES + 1));
    assert_eq!(long_files(&long).len(), 1);
    assert_eq!(
        undocumented(&planted("render/planted.rs", "fn f() {}\n")).len(),
        1
    );
}
