//! Author-facing diagnostics: stable codes, Chinese messages, and line:column positions.

use std::fmt;
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

/// Every diagnostic code the checker can emit. Codes are stable: staff search for them in docs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// The file could not be read.
    Io,
    /// The file is not valid UTF-8.
    Encoding,
    /// The file does not start with a `+++` front-matter block, or it is not closed.
    NoFrontMatter,
    /// The front matter is not valid TOML.
    TomlSyntax,
    /// A key that the kind does not have.
    UnknownKey,
    /// A required key is missing.
    MissingField,
    /// A value of the wrong type or outside a closed list of choices.
    InvalidValue,
    /// A date that is not a real calendar date in `YYYY-MM-DD` form.
    InvalidDate,
    /// Two items of one kind share an id.
    DuplicateId,
    /// An id with characters that cannot appear in a web address.
    InvalidId,
    /// The file name does not match the id.
    FileNameMismatch,
    /// A reference to an item that does not exist.
    DanglingReference,
    /// Raw HTML in markdown.
    RawHtml,
    /// A link with a scheme that could run code (`javascript:` …).
    UnsafeLink,
    /// Lists or quotes nested deeper than [`crate::markdown::MAX_NESTING`].
    DeepNesting,
    /// Dates in the wrong order (published before decided, updated before effective).
    DateOrder,
    /// A withdrawal that is missing, or present on a valid decision.
    Withdrawal,
    /// A 领域 or 行政相对人 value not declared in site.toml.
    Vocabulary,
    /// A decision whose procedure, outcome and penalties contradict each other.
    DecisionConsistency,
    /// A discretion benchmark grade whose fine range is inverted or out of order.
    BenchmarkRange,
    /// A file in a place the content tree does not use.
    UnexpectedFile,
    /// A problem in site.toml or synonyms.toml.
    Settings,
    /// A placeholder left from `gongshi new`.
    Placeholder,
    /// A working-day calendar file (`calendar/YYYY.toml`) with a wrong date.
    Calendar,
    /// A year the working-day calendar has no file for, so deadlines cannot be checked.
    CalendarMissing,
    /// A year the working-day calendar has no file for, so the remedy dates decision pages
    /// show (last day for 复议 and 诉讼) cannot be counted: the pages leave them out.
    RemedyDatesUnknown,
    /// A decision published later than the deadline in working days after it was made.
    PublishLate,
    /// A withdrawal recorded later than the deadline in working days after the change.
    WithdrawLate,
    /// 身份证号.
    IdNumber,
    /// A mobile or landline number that is not one of the agency's own.
    Phone,
    /// A bank card number (passes the Luhn check).
    BankCard,
    /// An email address that is not one of the agency's own.
    Email,
    /// A vehicle plate.
    Plate,
    /// A detailed home address (road, number, building, unit, room).
    HomeAddress,
    /// A natural-person party not written as surname + 某.
    PartyName,
    /// The full name of someone other than the party.
    PersonName,
    /// A passport or travel-permit number (护照, 港澳通行证, 台胞证 …).
    Passport,
    /// A WeChat id.
    WeChat,
    /// A QQ number.
    Qq,
    /// A vehicle identification number (车架号).
    Vin,
    /// A real-property certificate number (不动产权证书, 房产证, 土地证).
    PropertyCert,
    /// Health status (illness, disability, pregnancy, treatment).
    Health,
    /// Details about a minor (age with school or class).
    Minor,
    /// The name of a relative of the party (其妻张丽华).
    RelativeName,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::Io => "IO001",
            Code::Encoding => "ENC001",
            Code::NoFrontMatter => "FM001",
            Code::TomlSyntax => "FM002",
            Code::UnknownKey => "FM003",
            Code::MissingField => "FM004",
            Code::InvalidValue => "FM005",
            Code::InvalidDate => "FM006",
            Code::DuplicateId => "ID001",
            Code::InvalidId => "ID002",
            Code::FileNameMismatch => "ID003",
            Code::DanglingReference => "REF001",
            Code::RawHtml => "MD001",
            Code::UnsafeLink => "MD002",
            Code::DeepNesting => "MD003",
            Code::DateOrder => "DATE001",
            Code::Withdrawal => "WD001",
            Code::Vocabulary => "VOC001",
            Code::DecisionConsistency => "DEC001",
            Code::BenchmarkRange => "BM001",
            Code::UnexpectedFile => "FILE001",
            Code::Settings => "SITE001",
            Code::Placeholder => "TODO001",
            Code::Calendar => "CAL001",
            Code::CalendarMissing => "CAL002",
            Code::RemedyDatesUnknown => "CAL003",
            Code::PublishLate => "DL001",
            Code::WithdrawLate => "DL002",
            Code::IdNumber => "PII001",
            Code::Phone => "PII002",
            Code::BankCard => "PII003",
            Code::Email => "PII004",
            Code::Plate => "PII005",
            Code::HomeAddress => "PII006",
            Code::PartyName => "PII007",
            Code::PersonName => "PII008",
            Code::Passport => "PII009",
            Code::WeChat => "PII010",
            Code::Qq => "PII011",
            Code::Vin => "PII012",
            Code::PropertyCert => "PII013",
            Code::Health => "PII014",
            Code::Minor => "PII015",
            Code::RelativeName => "PII016",
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
        if let Some(hint) = &self.hint {
            write!(f, "（提示：{hint}）")?;
        }
        Ok(())
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
        }
    }

    /// The message with its hint, as one sentence for annotations.
    fn message_with_hint(&self) -> String {
        match &self.hint {
            Some(h) => format!("{}（提示：{h}）", self.message),
            None => self.message.clone(),
        }
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
            "content/decisions/2024/SC-2024-0012.md:7:9: 错误[REF001]: 引用的风险点 `R-999-1` 不存在（提示：检查编号是否写错）"
        );
    }
}
