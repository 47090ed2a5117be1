//! QQ numbers: 5 to 11 digits after QQ, qq or 扣扣 (full-width ＱＱ reads as QQ).

use super::labels::{CONNECTIVES, Labels, value_start};
use super::*;

static LABELS: LazyLock<Labels> = LazyLock::new(|| Labels::new("QQ qq Qq 扣扣"));

pub(super) fn scan_qq(t: &Chars, out: &mut Vec<Span>) {
    for i in 0..t.c.len() {
        let Some(label) = LABELS.ending_at(t, i) else {
            continue;
        };
        // Not the QQ inside a code such as 91990104MAYQQ1WR1U.
        if t.before(label).is_ascii_alphanumeric() || t.at(i + 1).is_ascii_alphabetic() {
            continue;
        }
        let p = value_start(t, i + 1, CONNECTIVES, 6);
        if !('1'..='9').contains(&t.at(p)) || t.before(p).is_ascii_alphanumeric() {
            continue;
        }
        let e = t.digits_end(p);
        let bounded = !t.at(e).is_ascii_alphanumeric()
            && t.at(e) != '@'
            && !(t.at(e) == '.' && t.at(e + 1).is_ascii_digit());
        if (5..=11).contains(&(e - p)) && bounded {
            out.push(Span {
                start: p,
                end: e,
                kind: PiiKind::Qq,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn qq_numbers() {
        one("当事人QQ号：28374651", PiiKind::Qq, "28374651");
        one(
            "ＱＱ号３４５６７８９０１２",
            PiiKind::Qq,
            "３４５６７８９０１２",
        );
        one("QQ（号码519283746）", PiiKind::Qq, "519283746");
        one("当事人QQ 3018274653，", PiiKind::Qq, "3018274653");
        one("所留“扣扣”号2738491经查", PiiKind::Qq, "2738491");
    }

    #[test]
    fn qq_lookalikes() {
        nothing("统一社会信用代码：91990104MAYQQ1WR1U");
        nothing("QQ号1234"); // too short
        nothing("QQ群、QQ空间");
        assert_eq!(kinds("QQ邮箱1028374651@qq.com"), vec![PiiKind::Email]);
    }
}
