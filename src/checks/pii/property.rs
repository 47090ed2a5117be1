//! Real-property certificate numbers (不动产权证号): `浙（2021）杭州市不动产权第0123456号`,
//! 不动产登记证明, and the older 房屋所有权证 (`杭房权证西移字第12345678号`, `沪房地浦字（2008）第
//! 012345号`) and land certificates (`杭西国用（2008）第012345号`, 集用, 集建). A `第…号` with at
//! least three digits is one when a certificate word stands shortly before it.

use super::*;

/// Words of a certificate's number, before its 第…号.
static KEYWORDS: LazyLock<Vec<Vec<char>>> =
    LazyLock::new(|| word_list("不动产权 不动产证明 房权证 房地 国用 集用 集建 房产证 土地证"));

/// Characters that end the going-back to the start of the number (the label before it).
static STOPS: LazyLock<HashSet<char>> =
    LazyLock::new(|| char_set("为 是 号 的 证 书 码 编 于 在 即 系 载 明 称 有 及 和 与 或"));

pub(super) fn scan_property(t: &Chars, out: &mut Vec<Span>) {
    for i in 0..t.c.len() {
        if t.c[i] != '第' {
            continue;
        }
        let e = t.digits_end(i + 1);
        if e - i - 1 < 3 || t.at(e) != '号' {
            continue;
        }
        let Some(k) = keyword_before(t, i) else {
            continue;
        };
        out.push(Span {
            start: number_start(t, k),
            end: e + 1,
            kind: PiiKind::PropertyCert,
        });
    }
}

/// The start of a certificate word within 25 characters before `i`, with only Chinese
/// characters, digits and brackets between (no punctuation: the same number).
fn keyword_before(t: &Chars, i: usize) -> Option<usize> {
    let mut b = i;
    while b > 0 && i - b < 25 {
        let c = t.c[b - 1];
        if !(is_han(c) || c.is_ascii_digit() || matches!(c, '（' | '）' | '(' | ')')) {
            return None;
        }
        b -= 1;
        if KEYWORDS.iter().any(|w| t.starts_with(b, w)) {
            return Some(b);
        }
    }
    None
}

/// Where the number starts, going back from its certificate word over the issuing place and
/// a `（2021）` year: at most 8 characters, stopping at a label.
fn number_start(t: &Chars, k: usize) -> usize {
    let mut b = k;
    while b > 0 && k - b < 12 {
        let c = t.c[b - 1];
        let year = matches!(c, '）' | ')')
            && b >= 6
            && t.c[b - 5..b - 1].iter().all(char::is_ascii_digit)
            && matches!(t.c[b - 6], '（' | '(');
        if year {
            b -= 6;
        } else if is_han(c) && !STOPS.contains(&c) {
            b -= 1;
        } else {
            break;
        }
    }
    b
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn certificate_numbers() {
        one(
            "不动产权证书号为浙（2021）杭州市不动产权第0123456号，",
            PiiKind::PropertyCert,
            "浙（2021）杭州市不动产权第0123456号",
        );
        one(
            "不动产权证号苏(2019)南京市不动产权第0087654号，",
            PiiKind::PropertyCert,
            "苏(2019)南京市不动产权第0087654号",
        );
        one(
            "房屋所有权证号：杭房权证西移字第12345678号",
            PiiKind::PropertyCert,
            "杭房权证西移字第12345678号",
        );
        one(
            "房屋所有权证（示房权证东字第00123456号）",
            PiiKind::PropertyCert,
            "示房权证东字第00123456号",
        );
        one(
            "土地证号：杭西国用（2008）第012345号",
            PiiKind::PropertyCert,
            "杭西国用（2008）第012345号",
        );
        one(
            "所有权证号为沪房地浦字（2008）第012345号。",
            PiiKind::PropertyCert,
            "沪房地浦字（2008）第012345号",
        );
    }

    #[test]
    fn document_numbers_are_not_certificates() {
        nothing("示城执罚决字〔2026〕第0012号、国办发〔2018〕118号");
        nothing("房地产开发企业，第2号楼");
        nothing("不动产权证书载明，第0123号文件");
    }
}
