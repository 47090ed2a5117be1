//! Splitting a content file into TOML front matter and markdown body, parsing the front
//! matter into a typed struct, and turning parser errors into author diagnostics.

use serde::de::DeserializeOwned;

use super::model::DATE_ERROR_MARKER;
use crate::diagnostics::Code;

/// A content file split at its `+++` fences. Offsets are byte offsets into the whole file.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    pub front: &'a str,
    pub front_offset: usize,
    pub body: &'a str,
    pub body_offset: usize,
}

/// A finding made while splitting or parsing, positioned by byte offset in the whole file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseIssue {
    pub offset: usize,
    pub code: Code,
    pub message: String,
    pub hint: Option<String>,
}

const FENCE: &str = "+++";

/// Splits `text` at its front-matter fences: the first line must be `+++`, and the block
/// ends at the next line that is exactly `+++` (trailing spaces and `\r` are tolerated).
pub fn split(text: &str) -> Result<Split<'_>, ParseIssue> {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut lines = line_spans(text, start);
    let missing = |offset| ParseIssue {
        offset,
        code: Code::NoFrontMatter,
        message: "文件开头缺少 `+++` 包围的元数据块".into(),
        hint: Some("第一行写 `+++`，元数据写完后再写一行 `+++`，正文写在其后".into()),
    };
    match lines.next() {
        Some((s, e)) if text[s..e].trim_end() == FENCE => {}
        _ => return Err(missing(start)),
    }
    let front_offset = lines.clone().next().map_or(text.len(), |(s, _)| s);
    for (s, e) in lines {
        if text[s..e].trim_end() == FENCE {
            let body_offset = (e + 1).min(text.len());
            return Ok(Split {
                front: &text[front_offset..s],
                front_offset,
                body: &text[body_offset..],
                body_offset,
            });
        }
    }
    Err(ParseIssue {
        offset: start,
        code: Code::NoFrontMatter,
        message: "元数据块没有结束的 `+++` 行".into(),
        hint: Some("在元数据最后一行之后单独写一行 `+++`".into()),
    })
}

/// (start, end) byte spans of each line, without the newline.
fn line_spans(text: &str, from: usize) -> impl Iterator<Item = (usize, usize)> + Clone + '_ {
    let mut pos = from;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let span = (pos, end);
        pos = end + 1;
        Some(span)
    })
}

/// Parses TOML into `T`; errors carry byte offsets relative to `toml_text`.
pub fn parse<T: DeserializeOwned>(toml_text: &str) -> Result<T, ParseIssue> {
    toml::from_str(toml_text).map_err(|e| classify(toml_text, &e))
}

/// Maps a toml/serde error to a stable code and a Chinese message.
fn classify(toml_text: &str, e: &toml::de::Error) -> ParseIssue {
    let raw = e.message();
    let offset = e.span().map_or(0, |s| s.start);
    let ticked = backticked(raw);
    if let Some(rest) = raw.split(DATE_ERROR_MARKER).nth(1) {
        return invalid_date(offset, rest.trim());
    }
    if raw.contains("invalid date") || raw.contains("invalid time") {
        let line_start = toml_text[..offset.min(toml_text.len())]
            .rfind('\n')
            .map_or(0, |p| p + 1);
        let line = toml_text[line_start..].lines().next().unwrap_or("");
        let value = line.split_once('=').map_or(line, |(_, v)| v).trim();
        return invalid_date(offset, value);
    }
    if raw.starts_with("unknown field") {
        let key = ticked.first().cloned().unwrap_or_default();
        let expected = ticked.get(1..).unwrap_or_default().join("、");
        // serde points at the value; authors look for the key, so move to the start of its line.
        let offset = key_offset(toml_text, &key, offset).unwrap_or(offset);
        return ParseIssue {
            offset,
            code: Code::UnknownKey,
            message: format!("未知字段 `{key}`"),
            hint: Some(if expected.is_empty() {
                "删除该字段，或检查拼写".into()
            } else {
                format!("可用字段：{expected}")
            }),
        };
    }
    if raw.starts_with("missing field") {
        let key = ticked.first().cloned().unwrap_or_default();
        return ParseIssue {
            offset,
            code: Code::MissingField,
            message: format!("缺少必填字段 `{key}`"),
            hint: Some("参见 docs/content-format.md 中该类内容的字段表".into()),
        };
    }
    if raw.starts_with("unknown variant") {
        let value = ticked.first().cloned().unwrap_or_default();
        let expected = ticked.get(1..).unwrap_or_default().join("、");
        return ParseIssue {
            offset,
            code: Code::InvalidValue,
            message: format!("取值 `{value}` 不在可选范围内"),
            hint: Some(format!("可选：{expected}")),
        };
    }
    if raw.starts_with("invalid type") || raw.starts_with("invalid value") {
        return ParseIssue {
            offset,
            code: Code::InvalidValue,
            message: format!("字段类型不对：{}", translate_type_error(raw)),
            hint: Some(
                "文字要用英文双引号括起来，列表写成 [\"甲\", \"乙\"]，数字和日期不加引号".into(),
            ),
        };
    }
    ParseIssue {
        offset,
        code: Code::TomlSyntax,
        message: format!(
            "元数据不是有效的 TOML：{}",
            translate_syntax_error(raw.trim())
        ),
        hint: Some("检查引号、括号是否成对，每行是否为 `字段 = 值` 的形式".into()),
    }
}

fn invalid_date(offset: usize, value: &str) -> ParseIssue {
    ParseIssue {
        offset,
        code: Code::InvalidDate,
        message: format!("日期 `{value}` 无效"),
        hint: Some("日期写成 2024-03-05 这样的格式，且必须是真实存在的日期".into()),
    }
}

/// Chinese for the TOML syntax errors staff meet most; others keep the parser's words.
fn translate_syntax_error(raw: &str) -> String {
    const KNOWN: &[(&str, &str)] = &[
        ("string values must be quoted", "文字必须用英文双引号括起来"),
        ("duplicate key", "同一个字段写了两次"),
        ("unclosed array", "列表缺少右方括号 ]"),
        ("unclosed table", "表头缺少右方括号 ]"),
        (
            "invalid basic string",
            "引号没有成对，或文字中含有未转义的双引号",
        ),
        ("unterminated", "引号没有成对"),
        ("expected `=`", "字段名后面缺少 ="),
        ("invalid key", "字段名只能用英文字母、数字、_ 和 -"),
    ];
    KNOWN
        .iter()
        .find(|(en, _)| raw.contains(en))
        .map_or_else(|| raw.to_string(), |(_, zh)| (*zh).to_string())
}

fn translate_type_error(raw: &str) -> String {
    raw.replace("invalid type: ", "")
        .replace("expected a sequence", "应为列表")
        .replace("expected a string", "应为文字")
        .replace("expected a boolean", "应为 true 或 false")
        .replace("expected u64", "应为非负整数")
        .replace("expected i64", "应为整数")
        .replace("string", "文字")
        .replace("integer", "整数")
        .replace("sequence", "列表")
}

/// The texts between backticks in a serde message.
fn backticked(raw: &str) -> Vec<String> {
    raw.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_string())
        .collect()
}

/// Offset of the line that assigns `key`, searching backwards from `near` first.
fn key_offset(toml_text: &str, key: &str, near: usize) -> Option<usize> {
    let near = near.min(toml_text.len());
    let line_start = |i: usize| toml_text[..i].rfind('\n').map_or(0, |p| p + 1);
    let mut best = None;
    let mut pos = 0;
    for line in toml_text.split_inclusive('\n') {
        if assigns(line, key) {
            let indent = line.len() - line.trim_start().len();
            let start = pos + indent;
            if start <= near || best.is_none() {
                best = Some(start);
            }
        }
        pos += line.len();
    }
    best.or_else(|| Some(line_start(near)))
}

/// Whether a TOML line assigns `key` (`key = …`, with optional spaces and quotes).
pub fn assigns(line: &str, key: &str) -> bool {
    let t = line.trim_start();
    let t = t.strip_prefix('"').unwrap_or(t);
    match t.strip_prefix(key) {
        Some(rest) => {
            let rest = rest.strip_prefix('"').unwrap_or(rest);
            rest.trim_start().starts_with('=')
        }
        None => false,
    }
}

/// Finds where a value is written in the front matter, for diagnostics after parsing.
///
/// `key` is the field; `nth` counts repeated keys (arrays of tables); `needle`, when given,
/// is a string value to find on the key's line or its continuation lines (array items).
/// Returns a byte offset into `front`; falls back to the key, then to 0.
pub fn locate(front: &str, key: &str, nth: usize, needle: Option<&str>) -> usize {
    let mut pos = 0;
    let mut seen = 0;
    let mut lines = front.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let here = pos;
        pos += line.len();
        if !assigns(line, key) {
            continue;
        }
        if seen < nth {
            seen += 1;
            continue;
        }
        let key_at = here + (line.len() - line.trim_start().len());
        let Some(needle) = needle else {
            return key_at;
        };
        let quoted = format!("\"{needle}\"");
        // Search this line and continuation lines until the next assignment or table header.
        let mut search_line = line;
        let mut search_at = here;
        loop {
            if let Some(i) = search_line.find(&quoted) {
                return search_at + i + 1;
            }
            match lines.peek() {
                Some(next) if !starts_new_entry(next) => {
                    search_at += search_line.len();
                    search_line = next;
                    lines.next();
                }
                _ => return key_at,
            }
        }
    }
    0
}

fn starts_new_entry(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('[') && !t.starts_with("[\"")
        || t.split_once('=')
            .is_some_and(|(k, _)| !k.trim().is_empty() && !k.contains('"') && !k.contains(','))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::{Date, RiskLevel};
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Probe {
        title: String,
        level: RiskLevel,
        when: Date,
        #[serde(default)]
        ids: Vec<String>,
    }

    #[test]
    fn split_table() {
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            ("+++\na = 1\n+++\nbody\n", Some(("a = 1\n", "body\n"))),
            ("+++\r\na = 1\r\n+++\r\nbody", Some(("a = 1\r\n", "body"))),
            ("\u{feff}+++\na = 1\n+++\n", Some(("a = 1\n", ""))),
            ("+++\n+++\n", Some(("", ""))),
            ("+++ \na = 1\n+++  \nx", Some(("a = 1\n", "x"))),
            ("a = 1\n+++\n", None),
            ("+++\na = 1\n", None),
            ("", None),
            ("++++\na=1\n+++\n", None),
        ];
        for (input, want) in cases {
            let got = split(input).ok().map(|s| (s.front, s.body));
            assert_eq!(&got, want, "input {input:?}");
        }
    }

    #[test]
    fn split_offsets_point_into_the_file() {
        let text = "+++\ntitle = \"x\"\n+++\n# 正文\n";
        let s = split(text).unwrap();
        assert_eq!(&text[s.front_offset..s.front_offset + 5], "title");
        assert_eq!(&text[s.body_offset..], "# 正文\n");
    }

    #[test]
    fn parse_errors_get_stable_codes() {
        let ok = "title = \"x\"\nlevel = \"高\"\nwhen = 2024-02-29\n";
        assert!(parse::<Probe>(ok).is_ok());
        let cases: &[(&str, Code, &str)] = &[
            (
                "title = \"x\"\nlevel = \"高\"\nwhen = 2023-02-29\n",
                Code::InvalidDate,
                "when",
            ),
            (
                "title = \"x\"\nlevel = \"高\"\nwhen = \"2023-13-01\"\n",
                Code::InvalidDate,
                "when",
            ),
            (
                "title = \"x\"\nlevel = \"极高\"\nwhen = 2024-01-01\n",
                Code::InvalidValue,
                "level",
            ),
            ("title = \"x\"\nlevel = \"高\"\n", Code::MissingField, ""),
            (
                "title = \"x\"\nlevel = \"高\"\nwhen = 2024-01-01\ncolour = 1\n",
                Code::UnknownKey,
                "colour",
            ),
            ("title = x\n", Code::TomlSyntax, "title"),
            (
                "title = 5\nlevel = \"高\"\nwhen = 2024-01-01\n",
                Code::InvalidValue,
                "title",
            ),
            (
                "title = \"x\"\nlevel = \"高\"\nwhen = 2024-01-01\nids = \"a\"\n",
                Code::InvalidValue,
                "ids",
            ),
        ];
        for (input, code, key) in cases {
            let issue = parse::<Probe>(input).unwrap_err();
            assert_eq!(issue.code, *code, "input {input:?}: {issue:?}");
            if !key.is_empty() {
                let line_of_key = input.find(&format!("{key} =")).unwrap();
                let line_start = input[..line_of_key].rfind('\n').map_or(0, |p| p + 1);
                let line_end = line_of_key + input[line_of_key..].find('\n').unwrap();
                assert!(
                    (line_start..=line_end).contains(&issue.offset),
                    "input {input:?}: offset {} not on the line of `{key}`",
                    issue.offset
                );
            }
        }
    }

    #[test]
    fn unknown_key_message_lists_allowed_keys() {
        let issue =
            parse::<Probe>("title = \"x\"\nlevel = \"高\"\nwhen = 2024-01-01\ncolour = 1\n")
                .unwrap_err();
        assert_eq!(issue.message, "未知字段 `colour`");
        assert!(issue.hint.unwrap().contains("title"));
    }

    #[test]
    fn locate_finds_values_in_multiline_arrays() {
        let front = "id = \"R-1\"\npowers = [\n  \"P-1\",\n  \"P-2\",\n]\nlevel = \"高\"\n[[grades]]\ngrade = \"轻微\"\n[[grades]]\ngrade = \"一般\"\n";
        let at = locate(front, "powers", 0, Some("P-2"));
        assert_eq!(&front[at..at + 3], "P-2");
        let at = locate(front, "grade", 1, None);
        assert!(front[at..].starts_with("grade = \"一般"));
        assert_eq!(locate(front, "missing", 0, None), 0);
        let at = locate(front, "powers", 0, Some("P-9"));
        assert_eq!(&front[at..at + 6], "powers");
    }
}
