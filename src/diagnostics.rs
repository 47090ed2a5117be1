//! Author-facing diagnostics: stable codes, Chinese messages, and line:column positions. The
//! codes and what staff read about each (the quick-reference card) are one table, in
//! [`codes`]; every printed diagnostic points to its code's entry on the card.

use std::fmt;

mod codes;
pub use codes::{CARD_PATH, Code, CodeInfo, entry, reference_card};
use std::path::{Path, PathBuf};

/// How bad a finding is: errors stop `build`; warnings are shown but publish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        }
    }
}

/// One finding about one place in one content file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Path relative to the content root's parent (what staff see in their repository).
    pub path: PathBuf,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters (not bytes), so 汉字 count as one.
    pub column: usize,
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (&Path, usize, usize, Code) {
        (&self.path, self.line, self.column, self.code)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}[{}]: {}",
            self.path.display(),
            self.line,
            self.column,
            self.severity.label(),
            self.code.as_str(),
            self.message
        )?;
        write!(f, "（{}）", self.hint_and_card())
    }
}

/// Maps byte offsets in one file to line:column, the way authors count.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// 1-based (line, column) of a byte offset; columns count characters.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        let column = self.text[start..end].chars().count() + 1;
        (line + 1, column)
    }
}

/// Collects diagnostics from every stage, then sorts them for printing.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Sorted by file, line, column, code; duplicates removed.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.items.dedup();
        self.items
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// The closing line printed after the list: `共 N 个错误，M 个警告`.
    pub fn summary(&self) -> String {
        format!(
            "共 {} 个错误，{} 个警告",
            self.error_count(),
            self.warning_count()
        )
    }
}

/// How `check` prints its findings: for people, or for a CI system to annotate a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// One line per finding: `path:line:column: 错误[CODE]: message（提示：hint）`.
    #[default]
    Text,
    /// GitHub Actions workflow commands (`::error file=…,line=…,col=…::…`): inline annotations.
    Github,
    /// A GitLab Code Quality report (JSON array): inline findings in merge requests.
    Gitlab,
    /// `{"errors", "warnings", "diagnostics": […]}` for other tools.
    Json,
}

#[derive(serde::Serialize)]
struct JsonDiagnostic<'a> {
    path: String,
    line: usize,
    column: usize,
    severity: &'static str,
    code: &'static str,
    message: &'a str,
    hint: Option<&'a str>,
    /// The code's entry on the quick-reference card.
    doc: String,
}

impl Diagnostic {
    fn json(&self) -> JsonDiagnostic<'_> {
        JsonDiagnostic {
            path: self.path.to_string_lossy().replace('\\', "/"),
            line: self.line,
            column: self.column,
            severity: match self.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            code: self.code.as_str(),
            message: &self.message,
            hint: self.hint.as_deref(),
            doc: self.code.doc_ref(),
        }
    }

    /// The hint and where the card explains the code: `提示：…；说明见 docs/…#pii002`.
    fn hint_and_card(&self) -> String {
        let card = format!("说明见 {}", self.code.doc_ref());
        match &self.hint {
            Some(h) => format!("提示：{h}；{card}"),
            None => card,
        }
    }

    /// The message with its hint, as one sentence for annotations.
    fn message_with_hint(&self) -> String {
        format!("{}（{}）", self.message, self.hint_and_card())
    }

    /// A GitHub Actions workflow command, escaped as the runner expects.
    pub fn github(&self) -> String {
        fn data(s: &str) -> String {
            s.replace('%', "%25")
                .replace('\r', "%0D")
                .replace('\n', "%0A")
        }
        fn property(s: &str) -> String {
            data(s).replace(':', "%3A").replace(',', "%2C")
        }
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        format!(
            "::{level} file={},line={},col={},title={}::{}",
            property(&self.path.to_string_lossy()),
            self.line,
            self.column,
            property(&format!("{} {}", self.code.as_str(), self.severity.label())),
            data(&self.message_with_hint())
        )
    }
}

#[derive(serde::Serialize)]
struct CodeQuality {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: CodeQualityLocation,
}

#[derive(serde::Serialize)]
struct CodeQualityLocation {
    path: String,
    lines: CodeQualityLines,
}

#[derive(serde::Serialize)]
struct CodeQualityLines {
    begin: usize,
}

/// FNV-1a, 64 bits: a fingerprint that is stable across runs and Rust versions.
fn fnv1a(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0u8]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

/// Renders findings in a format; `extra` adds top-level JSON fields (`expiring`).
pub fn render(
    diags: &[Diagnostic],
    format: Format,
    extra: Option<(&str, serde_json::Value)>,
) -> String {
    match format {
        Format::Text => diags.iter().map(|d| format!("{d}\n")).collect(),
        Format::Github => diags.iter().map(|d| d.github() + "\n").collect(),
        Format::Gitlab => {
            let items: Vec<_> = diags
                .iter()
                .map(|d| {
                    let path = d.path.to_string_lossy().replace('\\', "/");
                    CodeQuality {
                        description: format!("{} {}", d.code.as_str(), d.message_with_hint()),
                        check_name: d.code.as_str(),
                        fingerprint: fnv1a(&[
                            &path,
                            &d.line.to_string(),
                            &d.column.to_string(),
                            d.code.as_str(),
                            &d.message,
                        ]),
                        severity: match d.severity {
                            Severity::Error => "critical",
                            Severity::Warning => "minor",
                        },
                        location: CodeQualityLocation {
                            path,
                            lines: CodeQualityLines { begin: d.line },
                        },
                    }
                })
                .collect();
            serde_json::to_string_pretty(&items).unwrap_or_default() + "\n"
        }
        Format::Json => {
            let errors = diags.iter().filter(|d| d.is_error()).count();
            let mut obj = serde_json::json!({
                "errors": errors,
                "warnings": diags.len() - errors,
                "diagnostics": diags.iter().map(Diagnostic::json).collect::<Vec<_>>(),
            });
            if let (Some((key, value)), Some(map)) = (extra, obj.as_object_mut()) {
                map.insert(key.to_string(), value);
            }
            serde_json::to_string_pretty(&obj).unwrap_or_default() + "\n"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let text = "第一行\nab汉字c\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(0), (1, 1));
        let c = text.find('c').unwrap();
        assert_eq!(idx.position(c), (2, 5));
        assert_eq!(idx.position(text.len()), (3, 1));
    }

    #[test]
    fn display_matches_documented_format() {
        let d = Diagnostic {
            path: "content/decisions/2024/SC-2024-0012.md".into(),
            line: 7,
            column: 9,
            severity: Severity::Error,
            code: Code::DanglingReference,
            message: "引用的风险点 `R-999-1` 不存在".into(),
            hint: Some("检查编号是否写错".into()),
        };
        assert_eq!(
            d.to_string(),
            "content/decisions/2024/SC-2024-0012.md:7:9: 错误[REF001]: 引用的风险点 `R-999-1` 不存在（提示：检查编号是否写错；说明见 docs/diagnostic-codes.md#ref001）"
        );
    }
}
