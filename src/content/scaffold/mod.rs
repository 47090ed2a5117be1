//! `gongshi new <kind>`: writes a new content file from the kind's template (every field and a
//! short Chinese comment per field, declared in the kind's module), or, with `--from ID`, from
//! an existing item with the fields every item has its own of emptied (the kind's
//! [`ContentKind::COPY`](crate::content::kinds::ContentKind::COPY)). Placeholders say 待填写,
//! which `check` refuses until they are replaced, one diagnostic per field with the template's
//! comment as its hint ([`hints`]). [`fill`] writes values into a template for `gongshi init`
//! and `gongshi import`, so their files have the same shape.

pub mod fill;
pub mod hints;

pub use fill::{Entry, Filled, Value};

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::content::Kind;
use crate::content::kinds::CopyRule;

/// Text that templates write into fields the author still has to fill.
pub const PLACEHOLDER: &str = "待填写";

const DATE: &str = "{date}";
const ID: &str = "{id}";

/// Fills a template with an id and today's date.
pub fn render(kind: Kind, id: &str, today: chrono::NaiveDate) -> String {
    kind.template()
        .replace(ID, id)
        .replace(DATE, &today.format("%Y-%m-%d").to_string())
}

/// A fresh id for the kind that no file in its directory uses yet.
pub fn default_id(content: &Path, kind: Kind, today: chrono::NaiveDate) -> String {
    let prefix = kind.id_prefix();
    let stamp = today.format("%Y%m%d");
    (1..)
        .map(|n| format!("{prefix}-{stamp}-{n}"))
        .find(|id| !target(content, kind, id, today).exists())
        .expect("an unused id exists")
}

/// Where a new file goes: `<content>/<kind dir>/[<year>/]<id>.md`.
pub fn target(content: &Path, kind: Kind, id: &str, today: chrono::NaiveDate) -> PathBuf {
    let mut dir = content.join(kind.dir());
    if kind.nested() {
        dir = dir.join(today.format("%Y").to_string());
    }
    dir.join(format!("{id}.md"))
}

/// Writes the new file, refusing to overwrite an existing one.
pub fn create(
    content: &Path,
    kind: Kind,
    id: Option<&str>,
    today: chrono::NaiveDate,
) -> io::Result<PathBuf> {
    let id = id.map_or_else(|| default_id(content, kind, today), str::to_string);
    let path = target(content, kind, &id, today);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)?;
    io::Write::write_all(&mut file, render(kind, &id, today).as_bytes())?;
    Ok(path)
}

/// Finds the file of an item of `kind` by its id (`<id>.md` in the kind's folder, or one of
/// its year folders).
pub fn find(content: &Path, kind: Kind, id: &str) -> Option<PathBuf> {
    let name = format!("{id}.md");
    walkdir::WalkDir::new(content.join(kind.dir()))
        .max_depth(if kind.nested() { 2 } else { 1 })
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| e.file_type().is_file() && e.file_name().to_string_lossy() == name)
        .map(|e| e.into_path())
}

/// Writes a new item of `kind` copied from the item `from`, refusing to overwrite a file.
pub fn create_from(
    content: &Path,
    kind: Kind,
    from: &str,
    id: Option<&str>,
    today: chrono::NaiveDate,
) -> io::Result<PathBuf> {
    if kind.copy_rules().is_empty() {
        return Err(io::Error::other(format!(
            "{}不能用 --from 复制，请用模板新建",
            kind.label()
        )));
    }
    let source = find(content, kind, from).ok_or_else(|| {
        io::Error::other(format!(
            "找不到编号为 {from} 的{}（{}/ 中没有 {from}.md）",
            kind.label(),
            kind.dir()
        ))
    })?;
    let text = fs::read_to_string(&source)?;
    let id = id.map_or_else(|| default_id(content, kind, today), str::to_string);
    let copied = copy_from(kind, &text, from, &id, today);
    let path = target(content, kind, &id, today);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)?;
    io::Write::write_all(&mut file, copied.as_bytes())?;
    Ok(path)
}

/// The text of a new item copied from `text` (the file of item `from`), following the kind's
/// [`CopyRule`]s line by line, so the author's layout and comments stay; the body is replaced
/// by the template's, because facts are never the same.
pub fn copy_from(kind: Kind, text: &str, from: &str, id: &str, today: chrono::NaiveDate) -> String {
    let rules = kind.copy_rules();
    let date = today.format("%Y-%m-%d").to_string();
    let rule = |table: &str, key: &str| {
        let full = if table.is_empty() {
            key.to_string()
        } else {
            format!("{table}.{key}")
        };
        rules.iter().find(|(k, _)| *k == full).map(|&(_, r)| r)
    };
    let Some(split) = super::frontmatter::split(text).ok() else {
        return render(kind, id, today);
    };
    let mut out = String::from("+++\n");
    out.push_str(&format!(
        "# 以 {from} 为起点新建：每份都不同的字段（编号、文号、当事人、地点、日期、金额、正文）已清空或改为今天，\n\
         # 标“核对”的字段照抄自 {from}，请逐项核对后删去“核对”注释。\n"
    ));
    let mut table = String::new();
    let mut dropping = false;
    let mut skipping_value = false;
    for line in split.front.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(header) = trimmed.strip_prefix('[') {
            let name = header.trim_start_matches('[');
            let name = name.split(']').next().unwrap_or("").trim().to_string();
            skipping_value = false;
            dropping = rule("", &name) == Some(CopyRule::Drop);
            table = name;
            if !dropping {
                out.push_str(line);
            }
            continue;
        }
        if dropping {
            continue;
        }
        let key = trimmed
            .split_once('=')
            .map(|(k, _)| k.trim().trim_matches('"'))
            .filter(|k| !k.is_empty() && !k.contains([' ', '#', '[', ',']));
        let Some(key) = key else {
            if skipping_value {
                // The closing bracket ends the value left out.
                skipping_value = !trimmed.starts_with(']');
            } else {
                out.push_str(line);
            }
            continue;
        };
        skipping_value = false;
        let field = |value: &str, comment: &str| format!("{key} = {value}   # {comment}\n");
        let replaced = match (key, rule(&table, key)) {
            ("id", _) if table.is_empty() => Some(field(&format!("\"{id}\""), "编号")),
            (_, Some(CopyRule::Empty(why))) => Some(field("\"待填写\"", why)),
            (_, Some(CopyRule::Today)) => Some(field(&date, "已改为今天，按实际日期填写")),
            (_, Some(CopyRule::Zero(why))) => Some(field("0", &format!("待填写：{why}"))),
            (_, Some(CopyRule::Reset(value))) => Some(field(value, "新决定")),
            (_, Some(CopyRule::Drop)) => Some(String::new()),
            (_, Some(CopyRule::Check(what))) => {
                out.push_str(&format!("# 核对：{what}（照抄自 {from}）\n"));
                None
            }
            (_, None) => None,
        };
        match replaced {
            Some(new_line) => {
                out.push_str(&new_line);
                // A multi-line value (an array) goes with its key.
                let value = trimmed.split_once('=').map_or("", |(_, v)| v.trim());
                skipping_value = value.starts_with('[') && !value.contains(']');
            }
            None => out.push_str(line),
        }
    }
    out.push_str("+++\n");
    let body = kind
        .template()
        .split("\n+++\n")
        .nth(1)
        .unwrap_or("待填写\n");
    out.push_str(body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::frontmatter;

    #[test]
    fn every_template_is_valid_toml_with_placeholders() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        for &kind in Kind::ALL {
            let text = render(kind, "X-1", today);
            let split = frontmatter::split(&text).expect("fenced");
            let parsed: Result<toml::Table, _> = toml::from_str(split.front);
            assert!(parsed.is_ok(), "{kind:?}: {parsed:?}");
            assert!(text.contains("待填写"), "{kind:?} has no placeholder");
            assert!(text.contains("id = \"X-1\""));
        }
    }

    #[test]
    fn a_copied_decision_empties_what_every_decision_has_its_own_of() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let original = "+++\nid = \"SC-2026-0012\"   # 编号\nnumber = \"示城执罚决字〔2026〕第0012号\"\n\
            agency = \"shicheng\"\nparty_type = \"自然人\"\nparty = \"张某\"\nviolation = \"店外经营\"\n\
            domain = \"市容环境\"\nlocation = \"滨江区人民路\"\noutcome = \"一般\"\nprocedure = \"普通程序\"\n\
            decided = 2026-03-05\npublished = 2026-03-09\nstatus = \"已撤销\"\nrisks = [\n  \"R-001-1\",\n]\n\
            powers = [\"P-CF-001\"]\n\n[[basis]]\nlaw = \"城市市容和环境卫生管理条例\"\narticle = \"第三十六条\"\n\n\
            [[penalties]]\nkind = \"罚款\"\namount = 300\nnote = \"没收货架1个\"\n\n[withdrawal]\n\
            changed = 2026-04-01\ndate = 2026-04-02\nreason = \"经复议撤销\"\n+++\n当事人张某在人民路店外经营。\n";
        let copy = copy_from(
            Kind::Decision,
            original,
            "SC-2026-0012",
            "SC-2026-0013",
            today,
        );
        let front = frontmatter::split(&copy).expect("fenced").front;
        let t: toml::Table = toml::from_str(front).expect("valid TOML");
        let s = |k: &str| t[k].as_str().unwrap().to_string();
        assert_eq!(s("id"), "SC-2026-0013");
        assert_eq!(s("number"), "待填写");
        assert_eq!(s("party"), "待填写");
        assert_eq!(s("location"), "待填写");
        assert_eq!(s("status"), "有效");
        assert_eq!(t["decided"].to_string(), "2026-11-22");
        assert_eq!(t["published"].to_string(), "2026-11-22");
        // Kept for checking: the violation, references and legal basis.
        assert_eq!(s("violation"), "店外经营");
        assert_eq!(t["risks"].as_array().unwrap().len(), 1);
        assert_eq!(
            t["basis"].as_array().unwrap()[0]["law"].as_str(),
            Some("城市市容和环境卫生管理条例")
        );
        let penalty = &t["penalties"].as_array().unwrap()[0];
        assert_eq!(penalty["kind"].as_str(), Some("罚款"));
        assert_eq!(penalty["amount"].as_integer(), Some(0));
        assert_eq!(penalty["note"].as_str(), Some("待填写"));
        assert!(!t.contains_key("withdrawal"));
        assert!(copy.contains("# 核对：违法行为（照抄自 SC-2026-0012）"));
        assert!(copy.contains("amount = 0   # 待填写："));
        // The facts are never copied.
        assert!(!copy.contains("当事人张某在人民路店外经营"));
        assert!(copy.trim_end().ends_with("以及处罚理由和裁量说明。"));
    }
}
