//! TOML and serde errors as staff read them: a stable code, a Chinese message that says what is
//! wrong on that line, a hint, and the position. No English reaches a clerk: an error this
//! module does not know still gets a Chinese message of its own kind, never the parser's words.
//!
//! The line an error is on is read first, because what staff get wrong is usually visible
//! there: a date written `2026/11/20` or `2026年11月20日`, a full-width comma in a list, Chinese
//! quotation marks, a full-width equals sign, a unit after a number.

use super::ParseIssue;
use crate::content::model::DATE_ERROR_MARKER;
use crate::diagnostics::Code;

/// Date fields of every kind: a date-like value on one of these lines is a date written the
/// wrong way, whatever the parser made of it.
const DATE_KEYS: &[&str] = &[
    "decided",
    "published",
    "effective",
    "updated",
    "date",
    "changed",
];

/// The hint for syntax errors.
const SYNTAX_HINT: &str =
    "每行写一个 `字段 = 值`：文字用英文双引号括起来，列表写成 [\"甲\", \"乙\"]，数字和日期不加引号";

/// The hint for date errors.
const DATE_HINT: &str = "日期写作 2024-03-05 这样的格式，不加引号，且必须是真实存在的日期";

/// The line an error is on: where it starts, its key and its value without a trailing comment.
struct Line<'a> {
    start: usize,
    text: &'a str,
    key: Option<&'a str>,
    /// Offset of the value in the line, and the value (trimmed, comment removed).
    value_at: usize,
    value: &'a str,
}

impl<'a> Line<'a> {
    fn at(toml_text: &'a str, offset: usize) -> Line<'a> {
        let offset = offset.min(toml_text.len());
        let start = toml_text[..offset].rfind('\n').map_or(0, |p| p + 1);
        let end = toml_text[start..]
            .find('\n')
            .map_or(toml_text.len(), |p| start + p);
        let text = toml_text[start..end].trim_end_matches('\r');
        let code = &text[..comment_start(text)];
        let (key, value_at) = match code.find('=') {
            Some(eq) => {
                let k = code[..eq].trim().trim_matches('"');
                (Some(k), eq + 1)
            }
            None => (None, 0),
        };
        let raw_value = &code[value_at..];
        let value = raw_value.trim();
        let value_at = value_at + (raw_value.len() - raw_value.trim_start().len());
        Line {
            start,
            text,
            key,
            value_at,
            value,
        }
    }

    /// Offset (in the TOML text) of the first `c` on the line outside a quoted text (a Chinese
    /// comma or quotation mark inside `"…"` is just text).
    fn find(&self, c: char) -> Option<usize> {
        let mut quote: Option<char> = None;
        for (i, ch) in self.text.char_indices() {
            match quote {
                Some(q) if ch == q => quote = None,
                Some(_) => {}
                None if ch == '"' || ch == '\'' => quote = Some(ch),
                None if ch == c => return Some(self.start + i),
                None => {}
            }
        }
        None
    }

    fn value_offset(&self) -> usize {
        self.start + self.value_at
    }
}

/// Where a `#` comment starts on a line (outside quotes), or the line's length.
fn comment_start(line: &str) -> usize {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' && q == '"' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' => return i,
            None => {}
        }
    }
    line.len()
}

fn issue(offset: usize, code: Code, message: String, hint: impl Into<String>) -> ParseIssue {
    ParseIssue {
        offset,
        code,
        message,
        hint: Some(hint.into()),
    }
}

/// Maps a toml/serde error to a stable code and a Chinese message.
pub(super) fn classify(toml_text: &str, e: &toml::de::Error) -> ParseIssue {
    let raw = e.message();
    let offset = e.span().map_or(0, |s| s.start).min(toml_text.len());
    let line = Line::at(toml_text, offset);
    if let Some(i) = date_issue(&line, raw) {
        return i;
    }
    let ticked = backticked(raw);
    if raw.starts_with("unknown field") {
        let key = ticked.first().cloned().unwrap_or_default();
        let expected = ticked.get(1..).unwrap_or_default().join("、");
        // serde points at the value; authors look for the key, so move to the start of its line.
        let offset = super::key_offset(toml_text, &key, offset).unwrap_or(offset);
        let hint = if expected.is_empty() {
            "删除该字段，或检查拼写".to_string()
        } else {
            format!("字段名拼错了，或者这类内容没有这个字段。可用字段：{expected}")
        };
        return issue(offset, Code::UnknownKey, format!("未知字段 `{key}`"), hint);
    }
    if raw.starts_with("missing field") {
        let key = ticked.first().cloned().unwrap_or_default();
        return issue(
            offset,
            Code::MissingField,
            format!("缺少必填字段 `{key}`"),
            "参见 docs/content-format.md 中该类内容的字段表",
        );
    }
    if raw.starts_with("duplicate field") {
        let key = ticked.first().cloned().unwrap_or_default();
        return issue(
            offset,
            Code::TomlSyntax,
            format!("字段 `{key}` 写了两次"),
            "删掉其中一行",
        );
    }
    if raw.starts_with("unknown variant") {
        let value = ticked.first().cloned().unwrap_or_default();
        let expected = ticked.get(1..).unwrap_or_default().join("、");
        return issue(
            offset,
            Code::InvalidValue,
            format!("取值 `{value}` 不在可选范围内"),
            format!("可选：{expected}"),
        );
    }
    if raw.starts_with("invalid type")
        || raw.starts_with("invalid value")
        || raw.starts_with("invalid length")
    {
        return issue(
            offset,
            Code::InvalidValue,
            format!("字段类型不对：{}", type_error(raw)),
            "文字要用英文双引号括起来，列表写成 [\"甲\", \"乙\"]，数字和日期不加引号",
        );
    }
    syntax_issue(&line, raw, offset)
}

/// A date written the wrong way (`2026/11/20`, `2026.11.20`, `2026年11月20日`, quoted or not)
/// or one that does not exist (`2026-11-31`), on a date field's line or reported by the date
/// parser. The value is quoted without its trailing comment.
fn date_issue(line: &Line<'_>, raw: &str) -> Option<ParseIssue> {
    let date_error = raw.contains(DATE_ERROR_MARKER)
        || raw.starts_with("invalid date")
        || raw.starts_with("invalid time");
    let date_key = line.key.is_some_and(|k| DATE_KEYS.contains(&k));
    let value = line.value.trim_matches(|c| c == '"' || c == '\'').trim();
    let loose = loose_date(value);
    // A quoted 2024-03-05 is read as a date too; only other forms are wrong.
    let iso = value.len() == 10 && chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").is_ok();
    if !(date_error || (date_key && loose.is_some() && !iso)) {
        return None;
    }
    let at = line.value_offset();
    Some(match loose {
        Some((y, m, d)) => match chrono::NaiveDate::from_ymd_opt(y, m, d) {
            Some(day) if value == day.format("%Y-%m-%d").to_string() && line.value == value => {
                // Written right; the parser's complaint is about something else on the line.
                issue(
                    at,
                    Code::InvalidDate,
                    format!("日期 `{value}` 无效"),
                    DATE_HINT,
                )
            }
            Some(day) => issue(
                at,
                Code::InvalidDate,
                format!("日期 `{}` 的写法不对", line.value),
                format!("日期写作 {}，不加引号", day.format("%Y-%m-%d")),
            ),
            None if !(1..=12).contains(&m) => issue(
                at,
                Code::InvalidDate,
                format!("日期 `{value}` 不存在：没有 {m} 月"),
                DATE_HINT,
            ),
            None => issue(
                at,
                Code::InvalidDate,
                format!("日期 `{value}` 不存在：{y} 年 {m} 月没有 {d} 日"),
                DATE_HINT,
            ),
        },
        None => issue(
            at,
            Code::InvalidDate,
            format!("日期 `{value}` 无效"),
            DATE_HINT,
        ),
    })
}

/// Year, month and day of `2026-11-20`, `2026/11/20`, `2026.11.20`, `2026年11月20日` (one- or
/// two-digit month and day, spaces allowed around the separators).
fn loose_date(v: &str) -> Option<(i32, u32, u32)> {
    let mut parts = Vec::with_capacity(3);
    let mut cur = String::new();
    let mut seps = Vec::new();
    for c in v.chars() {
        match c {
            '0'..='9' => cur.push(c),
            '-' | '/' | '.' | '年' | '月' | '日' | ' ' => {
                if !cur.is_empty() {
                    parts.push(std::mem::take(&mut cur));
                }
                if c != ' ' {
                    seps.push(c);
                }
            }
            _ => return None,
        }
    }
    if !cur.is_empty() {
        parts.push(cur);
    }
    let ok_seps = matches!(
        seps[..],
        ['-', '-'] | ['/', '/'] | ['.', '.'] | ['年', '月'] | ['年', '月', '日']
    );
    if parts.len() != 3
        || !ok_seps
        || parts[0].len() != 4
        || parts[1].len() > 2
        || parts[2].len() > 2
    {
        return None;
    }
    Some((
        parts[0].parse().ok()?,
        parts[1].parse().ok()?,
        parts[2].parse().ok()?,
    ))
}

/// What staff get wrong on a line the TOML parser cannot read, in Chinese.
fn syntax_issue(line: &Line<'_>, raw: &str, offset: usize) -> ParseIssue {
    let syntax = |at: usize, message: &str, hint: &str| {
        issue(at, Code::TomlSyntax, message.to_string(), hint)
    };
    // Full-width punctuation typed with a Chinese input method.
    if let Some(at) = line.find('，') {
        return syntax(
            at,
            "列表中的逗号写成了中文逗号“，”",
            "列表各项之间用英文逗号 , 分隔，例如 [\"R-001-1\", \"R-001-2\"]",
        );
    }
    if let Some(at) = line.find('“').or(line.find('”')).or(line.find('‘')) {
        return syntax(
            at,
            "文字用了中文引号“”",
            "文字要用英文双引号括起来，例如 title = \"门店外摆放商品\"",
        );
    }
    if let Some(at) = line.find('＝') {
        return syntax(at, "等号写成了中文“＝”", "字段名和值之间用英文等号 =");
    }
    if let Some(at) = line.find('［').or(line.find('【')) {
        return syntax(at, "方括号写成了中文方括号", "列表和表头用英文方括号 [ ]");
    }
    if line.key.is_none()
        && let Some(at) = line.find('：')
    {
        return syntax(
            at,
            "字段名后面写成了冒号",
            "字段名和值之间用英文等号 =，例如 title = \"门店外摆放商品\"",
        );
    }
    let value = line.value;
    if value.chars().any(|c| ('０'..='９').contains(&c)) {
        return syntax(
            line.value_offset(),
            "数字写成了全角数字",
            "用半角数字 0-9 书写，例如 amount = 300",
        );
    }
    let starts_digit = value.chars().next().is_some_and(|c| c.is_ascii_digit());
    if starts_digit && value.chars().any(|c| !c.is_ascii() || c == ',') && !value.starts_with('[') {
        return syntax(
            line.value_offset(),
            "数字后面多了单位、逗号或文字",
            "数字只写阿拉伯数字，不写单位和千位逗号，例如 amount = 1000；文字要用英文双引号括起来",
        );
    }
    let (message, hint) = syntax_message(raw, line);
    syntax(offset, &message, hint)
}

/// The TOML parser's message in Chinese; every message `toml_parser` has is listed, and
/// anything else gets a general sentence.
fn syntax_message(raw: &str, line: &Line<'_>) -> (String, &'static str) {
    const KNOWN: &[(&str, &str)] = &[
        (
            "missing comma between array elements",
            "列表的两项之间缺少英文逗号 ,",
        ),
        ("extra comma in array", "列表中多了一个逗号"),
        ("unclosed array table", "表头 [[…]] 缺少右方括号 ]]"),
        ("unclosed array", "列表缺少右方括号 ]"),
        ("unclosed table", "表头 […] 缺少右方括号 ]"),
        ("unclosed inline table", "花括号 { } 没有成对"),
        ("string values must be quoted", "文字必须用英文双引号括起来"),
        ("invalid multi-line basic string", "三引号没有成对"),
        (
            "invalid basic string",
            "引号没有成对，或文字中含有未转义的双引号",
        ),
        ("invalid literal string", "单引号没有成对"),
        ("invalid multi-line literal string", "三个单引号没有成对"),
        ("missing escaped value", "文字中的反斜杠 \\ 后面写法不对"),
        (
            "too few unicode value digits",
            "文字中的反斜杠 \\ 后面写法不对",
        ),
        ("key with no value", "字段名后面缺少 = 和值"),
        ("missing value for key", "字段名后面缺少值"),
        ("missing value", "缺少值"),
        ("extra `=`", "多了一个等号 ="),
        (
            "extra assignment between key-value pairs",
            "一行只能写一个 `字段 = 值`",
        ),
        (
            "missing assignment between key-value pairs",
            "一行只能写一个 `字段 = 值`",
        ),
        ("invalid key-value pair", "这一行不是 `字段 = 值` 的写法"),
        (
            "unexpected key or value",
            "值后面多了内容：一行只能写一个 `字段 = 值`",
        ),
        (
            "unexpected content between comment and newline",
            "注释后面多了内容",
        ),
        ("unexpected content", "这一行多了内容"),
        ("missing comment start", "注释要以 # 开头"),
        ("invalid comment character", "注释中有不允许的控制字符"),
        ("unquoted keys cannot be empty", "字段名是空的"),
        ("invalid unquoted key", "字段名只能用英文字母、数字、_ 和 -"),
        ("keys cannot be multi-line", "字段名不能用三引号"),
        ("duplicate key", "同一个字段写了两次"),
        ("invalid float", "数字写法不对"),
        ("invalid integer", "数字写法不对"),
        ("invalid hexadecimal", "数字写法不对"),
        ("invalid octal", "数字写法不对"),
        ("invalid binary", "数字写法不对"),
        ("invalid boolean", "是否只能写 true 或 false"),
        ("invalid string", "文字的写法不对"),
        ("invalid date-time", "日期写法不对"),
        ("unexpected leading zero", "数字不能以 0 开头"),
        ("`_` may only go between digits", "数字写法不对"),
        ("redundant numeric sign", "数字前多了正负号"),
        ("unexpected sign", "数字前多了正负号"),
        ("redundant integer number prefix", "数字写法不对"),
        ("radix must be lowercase", "数字写法不对"),
        ("integers with a radix cannot be signed", "数字写法不对"),
        (
            "carriage return must be followed by newline",
            "文件中有单独的回车符",
        ),
        ("missing array opening", "列表缺少左方括号 ["),
        ("missing table open", "表头缺少左方括号 ["),
        ("missing inline table opening", "缺少左花括号 {"),
        ("missing opening quote", "缺少左引号"),
        ("unexpected `=` in array", "列表中不能写等号"),
        ("invalid inline table element", "花括号 { } 中的写法不对"),
        (
            "missing key for inline table element",
            "花括号 { } 中的写法不对",
        ),
        ("extra comma in inline table", "花括号 { } 中多了一个逗号"),
        (
            "missing comma between key-value pairs",
            "花括号 { } 中缺少逗号",
        ),
        ("cannot recurse further", "列表或表嵌套得太深"),
        ("invalid value", "值的写法不对"),
    ];
    let message = KNOWN
        .iter()
        .find(|(en, _)| raw.contains(en))
        .map_or("这一行的写法不对，程序读不懂", |(_, zh)| zh);
    // A list that is never closed is reported as a missing comma at its end.
    let message = if raw.contains("missing comma between array elements")
        && line.value.starts_with('[')
        && !line.value.contains(']')
    {
        "列表缺少右方括号 ]，或者两项之间缺少英文逗号 ,"
    } else {
        message
    };
    let hint = if message.contains("字段名只能用") {
        "字段名照 docs/content-format.md 的字段表写英文，如 title、decided"
    } else if message.contains("反斜杠") {
        "文字中要写反斜杠本身，请写成两个：\\\\"
    } else {
        SYNTAX_HINT
    };
    (format!("元数据写法有误：{message}"), hint)
}

/// `invalid type: integer `5`, expected a sequence` in Chinese.
fn type_error(raw: &str) -> String {
    if raw.starts_with("invalid length") {
        return "列表的项数不对".into();
    }
    let body = raw
        .strip_prefix("invalid type: ")
        .or_else(|| raw.strip_prefix("invalid value: "))
        .unwrap_or(raw);
    let (got, want) = body.split_once(", expected ").unwrap_or((body, ""));
    let shown = backticked(got).into_iter().next().or_else(|| {
        got.split_once('"')
            .map(|(_, r)| r.trim_end_matches('"').to_string())
    });
    let what = |s: &str| -> &'static str {
        if s.starts_with("integer") || s.starts_with("u64") || s.starts_with("i64") {
            "整数"
        } else if s.starts_with("floating point") || s.starts_with("float") {
            "小数"
        } else if s.starts_with("string") {
            "文字"
        } else if s.starts_with("boolean") {
            "true 或 false"
        } else if s.starts_with("map") {
            "一组字段"
        } else if s.starts_with("sequence") {
            "列表"
        } else {
            "这种值"
        }
    };
    let got_zh = match shown {
        Some(v) => format!("{} {v}", what(got)),
        None => what(got).to_string(),
    };
    let want_zh = if want.contains("sequence") {
        "列表，写成 [\"甲\", \"乙\"]"
    } else if want.contains("string") {
        "文字，用英文双引号括起来"
    } else if want.starts_with('u') {
        "不小于 0 的整数"
    } else if want.starts_with('i') || want.contains("integer") {
        "整数"
    } else if want.contains("boolean") {
        "true 或 false"
    } else if want.contains("map") || want.contains("struct") {
        "一组字段"
    } else {
        "另一种写法，见 docs/content-format.md 的字段表"
    };
    format!("写的是{got_zh}，这里应为{want_zh}")
}

/// The texts between backticks in a serde message.
fn backticked(raw: &str) -> Vec<String> {
    raw.split('`')
        .enumerate()
        .filter(|(i, _)| i % 2 == 1)
        .map(|(_, s)| s.to_string())
        .collect()
}

#[cfg(test)]
mod tests;
