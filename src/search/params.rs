//! Reading a search request safely: the raw query string percent-decoded strictly, the
//! input limits both front ends share (query length, page range, one value per filter), and
//! why a request cannot be answered as asked.

use percent_encoding::percent_decode;

use crate::content::kinds::search_doc::DIMENSIONS;

/// Longest query accepted, in characters; longer ones get a clear message, not a slow search.
pub const MAX_QUERY_CHARS: usize = 100;
/// Results per page.
pub const PER_PAGE: usize = 10;
/// Deepest page served: nobody reads past result 500, and deep pages cost memory.
pub const MAX_PAGE: usize = 50;

/// Parameters as received, before they are checked against the index's vocabularies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    pub q: String,
    /// `(dimension, value)` in request order; at most one value per dimension.
    pub filters: Vec<(String, String)>,
    pub page: usize,
}

/// Why a request cannot be answered as asked. Each has a stable code and a Chinese message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    #[error("搜索内容含有无法识别的字符，请重新输入")]
    InvalidEncoding,
    #[error("搜索内容太长（{chars} 个字），请控制在 {max} 个字以内")]
    TooLong { chars: usize, max: usize },
    #[error("页码“{0}”无效，页码应为 1 到 {max} 之间的整数", max = MAX_PAGE)]
    BadPage(String),
    #[error("筛选条件“{dimension}={value}”不存在，请从页面上的筛选项中选择")]
    UnknownFilter { dimension: String, value: String },
    #[error("同一筛选条件“{0}”只能选择一个值")]
    RepeatedFilter(String),
}

impl InputError {
    /// Stable machine-readable code, used by the JSON API.
    pub fn code(&self) -> &'static str {
        match self {
            InputError::InvalidEncoding => "invalid_encoding",
            InputError::TooLong { .. } => "query_too_long",
            InputError::BadPage(_) => "bad_page",
            InputError::UnknownFilter { .. } => "unknown_filter",
            InputError::RepeatedFilter(_) => "repeated_filter",
        }
    }
}

/// The `key=value` pairs of a raw query string, percent-decoded with `decode`.
fn pairs<T>(raw: Option<&str>, decode: impl Fn(&str) -> T) -> impl Iterator<Item = (T, T)> {
    raw.unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(move |pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
}

fn plus_as_space(s: &str) -> String {
    s.replace('+', " ")
}

/// Reads a raw query string (`q=...&domain=...&page=2`). Percent-decoding is strict: bytes that
/// are not UTF-8 are an error rather than silently replaced. Filters are the dimensions of
/// [`DIMENSIONS`]; unknown parameters are ignored.
pub fn parse_params(raw: Option<&str>) -> Result<Params, InputError> {
    let strict = |s: &str| {
        percent_decode(plus_as_space(s).as_bytes())
            .decode_utf8()
            .map(|c| c.into_owned())
            .map_err(|_| InputError::InvalidEncoding)
    };
    let mut decoded = Vec::new();
    for (key, value) in pairs(raw, strict) {
        decoded.push((key?, value?));
    }
    Params::from_pairs(decoded)
}

impl Params {
    /// Parameters from decoded (key, value) pairs, with every input limit both front ends
    /// share: the query's length (then trimmed), the page range, one value per filter
    /// dimension (empty values ignored). Unknown keys are ignored.
    pub fn from_pairs(
        pairs: impl IntoIterator<Item = (String, String)>,
    ) -> Result<Params, InputError> {
        let mut params = Params {
            page: 1,
            ..Params::default()
        };
        for (key, value) in pairs {
            match key.as_str() {
                "q" => {
                    let chars = value.chars().count();
                    if chars > MAX_QUERY_CHARS {
                        return Err(InputError::TooLong {
                            chars,
                            max: MAX_QUERY_CHARS,
                        });
                    }
                    params.q = value.trim().to_string();
                }
                "page" => {
                    let v = value.trim();
                    params.page = match v.parse::<usize>() {
                        Ok(n) if (1..=MAX_PAGE).contains(&n) => n,
                        _ if v.is_empty() => 1,
                        _ => return Err(InputError::BadPage(v.chars().take(20).collect())),
                    };
                }
                k if DIMENSIONS.iter().any(|(d, _)| *d == k) => {
                    let value = value.trim().to_string();
                    if value.is_empty() {
                        continue;
                    }
                    if params.filters.iter().any(|(d, _)| d == k) {
                        return Err(InputError::RepeatedFilter(k.to_string()));
                    }
                    params.filters.push((k.to_string(), value));
                }
                _ => {}
            }
        }
        Ok(params)
    }
}

/// The `q` of a query string that [`parse_params`] refused, decoded leniently, to put back in
/// the search box next to the error.
pub fn q_lossy(raw: Option<&str>) -> String {
    let lossy = |s: &str| {
        percent_decode(plus_as_space(s).as_bytes())
            .decode_utf8_lossy()
            .into_owned()
    };
    pairs(raw, lossy)
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v.chars().take(MAX_QUERY_CHARS).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_decode_strictly() {
        let p = parse_params(Some("q=%E6%91%86%E6%91%8A+x&domain=a&page=2&utm=1")).unwrap();
        assert_eq!(p.q, "摆摊 x");
        assert_eq!(p.filters, vec![("domain".to_string(), "a".to_string())]);
        assert_eq!(p.page, 2);
        assert_eq!(
            parse_params(Some("q=%FF%FE")),
            Err(InputError::InvalidEncoding)
        );
        assert!(matches!(
            parse_params(Some("page=99999999999999999999999")),
            Err(InputError::BadPage(_))
        ));
        assert!(matches!(
            parse_params(Some("page=0")),
            Err(InputError::BadPage(_))
        ));
        assert_eq!(
            parse_params(Some("kind=risk&kind=case")),
            Err(InputError::RepeatedFilter("kind".into()))
        );
        let long = "摆".repeat(MAX_QUERY_CHARS + 1);
        assert!(matches!(
            parse_params(Some(&format!("q={long}"))),
            Err(InputError::TooLong { .. })
        ));
        assert_eq!(parse_params(None).unwrap().page, 1);
        // What was typed goes back into the search box, whatever the error.
        assert_eq!(q_lossy(Some("page=x&q=%E6%91%86+%FF")), "摆 \u{FFFD}");
    }
}
