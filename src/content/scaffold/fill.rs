//! Filling a kind's template with values (`gongshi init` for the agency file, `gongshi import`
//! for every row): the file keeps the template's shape, order and comments, so an imported file
//! looks exactly like one staff made with `gongshi new` and then typed in.
//!
//! The template is edited line by line, which is exact for the flat TOML templates are written
//! in: `key = value  # comment` lines, commented optional lines (`# key = ""  # comment`) and
//! `[[table]]` blocks separated by blank lines.

use chrono::NaiveDate;

/// A value for one front-matter key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Texts(Vec<String>),
    Int(u64),
    Bool(bool),
    Date(NaiveDate),
}

impl Value {
    /// The value as TOML writes it inline.
    pub fn toml(&self) -> String {
        match self {
            Value::Text(s) => quote(s),
            Value::Texts(items) => {
                let items: Vec<String> = items.iter().map(|s| quote(s)).collect();
                format!("[{}]", items.join(", "))
            }
            Value::Int(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }
}

/// A TOML basic string: quotes, backslashes and control characters escaped.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One `[[table]]` entry: its keys and values, in any order (the template gives the order).
pub type Entry = Vec<(String, Value)>;

/// What to write into a template.
#[derive(Debug, Clone, Default)]
pub struct Filled {
    /// Top-level keys. A key the template has only as a commented line is uncommented.
    pub fields: Vec<(String, Value)>,
    /// Top-level keys whose template line is removed (an optional field with a sample value).
    pub removed: Vec<String>,
    /// `[[table]]` entries by table. A table given with no entries loses its template block; a
    /// table not given keeps it as the template has it.
    pub tables: Vec<(String, Vec<Entry>)>,
    /// The body; `None` keeps the template's.
    pub body: Option<String>,
}

impl Filled {
    pub fn set(&mut self, key: &str, value: Value) {
        self.fields.retain(|(k, _)| k != key);
        self.fields.push((key.to_string(), value));
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.fields.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn table(&mut self, key: &str, entries: Vec<Entry>) {
        self.tables.retain(|(k, _)| k != key);
        self.tables.push((key.to_string(), entries));
    }

    fn field(&self, key: &str) -> Option<&Value> {
        self.get(key)
    }

    fn entries(&self, key: &str) -> Option<&[Entry]> {
        self.tables
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, e)| e.as_slice())
    }
}

/// A template line taken apart: `[# ]key = value[  # comment]`.
struct Assign<'a> {
    commented: bool,
    key: &'a str,
    value: &'a str,
    /// Column where the comment starts (in characters), and the comment with its `#`.
    comment: Option<(usize, &'a str)>,
}

/// Reads `key = value  # comment` (or the same commented out). Template values never contain
/// `#`, so the first `#` after the value starts the comment.
fn assign(line: &str) -> Option<Assign<'_>> {
    let (commented, rest) = match line.strip_prefix('#') {
        Some(r) => (true, r.trim_start()),
        None => (false, line),
    };
    let key_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let key = &rest[..key_len];
    let after = rest[key_len..].trim_start().strip_prefix('=')?;
    if key.is_empty() {
        return None;
    }
    let after_start = line.len() - after.len();
    let (value, comment) = match after.find('#') {
        Some(i) => {
            let at = after_start + i;
            (
                after[..i].trim(),
                Some((line[..at].chars().count(), &line[at..])),
            )
        }
        None => (after.trim(), None),
    };
    Some(Assign {
        commented,
        key,
        value,
        comment,
    })
}

/// `key = value`, with the comment at the template's column (or two spaces after a longer
/// value). Long lists are written one item a line, as the sample content writes them.
fn line_with(
    key: &str,
    value: &Value,
    comment: Option<(usize, &str)>,
    keep_comment: bool,
) -> String {
    let comment = comment.filter(|_| keep_comment);
    if let Value::Texts(items) = value {
        let inline = format!("{key} = {}", value.toml());
        if items.len() > 1 && inline.chars().count() > 60 {
            let mut out = format!("{key} = [");
            if let Some((col, c)) = comment {
                pad_to(&mut out, col);
                out.push_str(c);
            }
            for item in items {
                out.push_str("\n  ");
                out.push_str(&quote(item));
                out.push(',');
            }
            out.push_str("\n]");
            return out;
        }
    }
    let mut out = format!("{key} = {}", value.toml());
    if let Some((col, c)) = comment {
        pad_to(&mut out, col);
        out.push_str(c);
    }
    out
}

fn pad_to(out: &mut String, col: usize) {
    let len = out.chars().count();
    let spaces = if len + 2 <= col { col - len } else { 2 };
    out.extend(std::iter::repeat_n(' ', spaces));
}

fn is_header(line: &str) -> Option<&str> {
    let t = line.trim();
    let t = t.split('#').next().unwrap_or("").trim();
    t.strip_prefix("[[")?.strip_suffix("]]").map(str::trim)
}

fn contains_placeholder(s: &str) -> bool {
    s.contains(crate::content::scaffold::PLACEHOLDER)
}

/// Fills a rendered template (`+++` front matter and body) with `filled`.
pub fn fill(template: &str, filled: &Filled) -> String {
    let Ok(split) = crate::content::frontmatter::split(template) else {
        return template.to_string();
    };
    let lines: Vec<&str> = split.front.lines().collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if let Some(table) = is_header(line) {
            let end = (i + 1..lines.len())
                .find(|&j| lines[j].trim().is_empty() || is_header(lines[j]).is_some())
                .unwrap_or(lines.len());
            let block = &lines[i..end];
            match filled.entries(table) {
                None => out.extend(block.iter().map(|l| l.to_string())),
                Some([]) => {
                    // Drop the block and the blank line that separated it from the previous one.
                    if out.last().is_some_and(|l| l.trim().is_empty()) {
                        out.pop();
                    }
                }
                Some(entries) => {
                    for (n, entry) in entries.iter().enumerate() {
                        if n > 0 {
                            out.push(String::new());
                        }
                        fill_block(block, entry, n == 0, &mut out);
                    }
                }
            }
            i = end;
            continue;
        }
        match assign(line) {
            Some(a) if filled.removed.iter().any(|k| k == a.key) && !a.commented => {}
            Some(a) => match filled.field(a.key) {
                Some(v) => out.push(line_with(a.key, v, a.comment, true)),
                None => out.push(line.to_string()),
            },
            None => out.push(line.to_string()),
        }
        i += 1;
    }
    let body = match &filled.body {
        Some(b) if b.trim().is_empty() => String::new(),
        Some(b) => format!("{}\n", b.trim_end()),
        None => split.body.to_string(),
    };
    format!("+++\n{}\n+++\n{body}", out.join("\n"))
}

/// One `[[table]]` block for one entry. The first keeps the template's comments; the others
/// are bare, as staff write repeated blocks.
fn fill_block(block: &[&str], entry: &Entry, first: bool, out: &mut Vec<String>) {
    let header = if first {
        block[0].to_string()
    } else {
        block[0]
            .split('#')
            .next()
            .unwrap_or("")
            .trim_end()
            .to_string()
    };
    out.push(header);
    for line in &block[1..] {
        let Some(a) = assign(line) else {
            if first {
                out.push(line.to_string());
            }
            continue;
        };
        match entry.iter().find(|(k, _)| k == a.key) {
            Some((_, v)) => out.push(line_with(a.key, v, a.comment, first)),
            // A commented optional key the entry does not have: as the template has it.
            None if a.commented && first => out.push(line.to_string()),
            None if a.commented => {}
            // A required key left for staff keeps its placeholder; an optional one with a
            // sample value (fine_min = 0, amount = 0) is dropped.
            None if contains_placeholder(a.value) => out.push(if first {
                line.to_string()
            } else {
                format!("{} = {}", a.key, a.value)
            }),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "+++\nid = \"X\"                 # 编号\ntitle = \"待填写\"         # 名称\n# note = \"\"              # 说明（可选）\nlist = [\"待填写\"]        # 列表\n\n[[basis]]                # 依据\nlaw = \"待填写\"\narticle = \"待填写\"\n# text = \"\"              # 原文\n\n[[grades]]\ngrade = \"轻微\"\nfine_min = 0             # 下限\n+++\n待填写：正文\n";

    #[test]
    fn fills_values_keeps_comments_and_repeats_blocks() {
        let mut f = Filled::default();
        f.set("title", Value::Text("店外经营".into()));
        f.set("note", Value::Text("有\"引号\"".into()));
        f.table(
            "basis",
            vec![
                vec![
                    ("law".into(), Value::Text("行政处罚法".into())),
                    ("article".into(), Value::Text("第三十三条".into())),
                ],
                vec![
                    (
                        "law".into(),
                        Value::Text("城市市容和环境卫生管理条例".into()),
                    ),
                    ("article".into(), Value::Text("第三十六条".into())),
                ],
            ],
        );
        f.table(
            "grades",
            vec![vec![("grade".into(), Value::Text("一般".into()))]],
        );
        f.body = Some("正文".into());
        let out = fill(T, &f);
        assert_eq!(
            out,
            "+++\nid = \"X\"                 # 编号\ntitle = \"店外经营\"        # 名称\nnote = \"有\\\"引号\\\"\"         # 说明（可选）\nlist = [\"待填写\"]        # 列表\n\n[[basis]]                # 依据\nlaw = \"行政处罚法\"\narticle = \"第三十三条\"\n# text = \"\"              # 原文\n\n[[basis]]\nlaw = \"城市市容和环境卫生管理条例\"\narticle = \"第三十六条\"\n\n[[grades]]\ngrade = \"一般\"\n+++\n正文\n"
        );
        let parsed: toml::Table = toml::from_str(out.split("+++").nth(1).unwrap()).unwrap();
        assert_eq!(parsed["note"].as_str(), Some("有\"引号\""));
    }

    #[test]
    fn empty_tables_lose_their_block_and_long_lists_break() {
        let mut f = Filled::default();
        f.table("grades", vec![]);
        let items =
            vec!["一二三四五六七八九十一二三四五六七八九十".to_string(); 3];
        f.set("list", Value::Texts(items));
        let out = fill(T, &f);
        assert!(!out.contains("[[grades]]"), "{out}");
        assert!(out.contains("# 列表\n  \"一二三"), "{out}");
        assert!(out.contains("\"待填写\"\n# text"), "{out}");
    }
}
