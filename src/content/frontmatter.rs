//! Splitting a content file into TOML front matter and markdown body, parsing the front
//! matter into a typed struct, and turning parser errors into author diagnostics.

use serde::de::DeserializeOwned;

use crate::diagnostics::Code;

mod errors;

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

/// Parses TOML into `T`; errors carry byte offsets relative to `toml_text`. Only the first
/// error; [`parse_all`] finds them all.
pub fn parse<T: DeserializeOwned>(toml_text: &str) -> Result<T, ParseIssue> {
    toml::from_str(toml_text).map_err(|e| errors::classify(toml_text, &e))
}

/// How many errors one file's front matter reports at most.
const MAX_ISSUES: usize = 20;

/// What could be read of a front matter with errors.
#[derive(Debug, Clone, Default)]
pub struct Recovered {
    /// Every error found, in the order of the text.
    pub issues: Vec<ParseIssue>,
    /// The fields that could be read, without the entries that had errors (for the preview's
    /// draft of a broken file); `None` when even that could not be read.
    pub fields: Option<toml::Table>,
}

/// Parses TOML into `T` and reports every error in it, not only the first: after an error, the
/// entry it is in (the key's line and its continuation lines, or a whole table) is blanked out
/// and the rest is parsed again. So a syntax error in one field does not hide a bad date in
/// another. A required field whose entry was blanked is not reported again as missing.
pub fn parse_all<T: DeserializeOwned>(toml_text: &str) -> Result<T, Recovered> {
    let first = match toml::from_str::<T>(toml_text) {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    let mut text = toml_text.to_string();
    let mut issues: Vec<ParseIssue> = Vec::new();
    let mut blanked_keys: Vec<String> = Vec::new();
    let mut error = Some(first);
    while let Some(e) = error.take() {
        let issue = errors::classify(&text, &e);
        let missing = issue.code == Code::MissingField;
        if missing
            && blanked_keys
                .iter()
                .any(|k| issue.message.contains(&format!("`{k}`")))
        {
            break;
        }
        let repeated = issues
            .iter()
            .any(|i| i.offset == issue.offset && i.code == issue.code);
        if repeated {
            break;
        }
        let at = issue.offset;
        issues.push(issue);
        if missing || issues.len() >= MAX_ISSUES {
            break;
        }
        let (start, end, key) = entry_around(&text, at);
        if start >= end {
            break;
        }
        blank(&mut text, start, end);
        blanked_keys.extend(key);
        error = toml::from_str::<T>(&text).err();
    }
    issues.sort_by_key(|i| i.offset);
    let fields = toml::from_str::<toml::Table>(&text).ok();
    Err(Recovered { issues, fields })
}

/// The entry a byte offset is in: from the line that starts it (a `key =` line or a table
/// header) to the next line that starts another; with its key. A table header's entry runs
/// to the next header, so its fields do not fall into the table before it.
fn entry_around(text: &str, at: usize) -> (usize, usize, Option<String>) {
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .scan(0, |pos, l| {
            let here = *pos;
            *pos += l.len();
            Some((here, l))
        })
        .collect();
    let Some(mut i) = lines.iter().rposition(|&(s, _)| s <= at) else {
        return (0, 0, None);
    };
    while i > 0 && !starts_entry(lines[i].1) {
        i -= 1;
    }
    let header = lines[i].1.trim_start().starts_with('[');
    let mut j = i + 1;
    while j < lines.len() {
        let l = lines[j].1;
        let next = starts_entry(l) && (!header || l.trim_start().starts_with('['));
        if next {
            break;
        }
        j += 1;
    }
    let start = lines[i].0;
    let end = lines.get(j).map_or(text.len(), |&(s, _)| s);
    let key = lines[i]
        .1
        .split(['=', '＝'])
        .next()
        .map(|k| k.trim().trim_matches('"').to_string())
        .filter(|k| !k.is_empty() && !header);
    (start, end, key)
}

/// Whether a line starts an entry: a table header, or `key =` (also with a full-width ＝ or a
/// key staff typed in Chinese), not an array's continuation, a comment or a blank line.
fn starts_entry(line: &str) -> bool {
    let t = line.trim_start();
    match t.chars().next() {
        None | Some('#' | '"' | '\'' | ']' | '}' | ',' | '-' | '+') => false,
        Some('[') => !t[1..].trim_start().starts_with(['"', '\'', ']']),
        Some(c) if c.is_ascii_digit() => false,
        Some(_) => t.contains('=') || t.contains('＝'),
    }
}

/// Replaces `text[start..end]` with spaces, keeping line breaks and every byte offset.
fn blank(text: &mut String, start: usize, end: usize) {
    let blanked: String = text[start..end]
        .chars()
        .flat_map(|c| {
            let n = if c == '\n' { 0 } else { c.len_utf8() };
            std::iter::repeat_n(' ', n).chain((c == '\n').then_some('\n'))
        })
        .collect();
    text.replace_range(start..end, &blanked);
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
