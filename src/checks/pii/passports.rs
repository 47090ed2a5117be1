//! Passport and travel-permit numbers (护照, 往来港澳通行证, 港澳居民来往内地通行证, 台胞证,
//! 往来台湾通行证): only after such a label, because the numbers themselves (8 or 9 digits, a
//! letter or two and digits) look like many other numbers.

use super::labels::{Labels, value_start};
use super::*;

static LABELS: LazyLock<Labels> = LazyLock::new(|| {
    Labels::new("护照 通行证 台胞证 回乡证 军官证 警官证 士兵证 居留证 居留许可 永久居留身份证")
});

/// What may stand between the label and the number: `护照号码：`, `通行证（`, `通行证，证件号`,
/// `护照，号码：`.
const SKIP: &str = "：: 为是（(“”\"'号码，,证件";

pub(super) fn scan_passports(t: &Chars, out: &mut Vec<Span>) {
    for i in 0..t.c.len() {
        if LABELS.ending_at(t, i).is_none() {
            continue;
        }
        let p = value_start(t, i + 1, SKIP, 8);
        if let Some(end) = passport_number(t, p) {
            out.push(Span {
                start: p,
                end,
                kind: PiiKind::Passport,
            });
        }
    }
}

/// A document number at `p`: 7 to 10 capital letters and digits, at least five of them digits
/// and at most four letters, standing alone.
fn passport_number(t: &Chars, p: usize) -> Option<usize> {
    if p > 0 && t.c[p - 1].is_ascii_alphanumeric() {
        return None;
    }
    let mut e = p;
    while t.at(e).is_ascii_uppercase() || t.at(e).is_ascii_digit() {
        e += 1;
    }
    let n = e - p;
    let digits = t.c[p..e].iter().filter(|c| c.is_ascii_digit()).count();
    let ok = (7..=10).contains(&n)
        && digits >= 5
        && n - digits <= 4
        && !t.at(e).is_ascii_alphanumeric()
        && !matches!(t.at(e), '@' | '_' | '-');
    ok.then_some(e)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn passports_and_permits_after_their_labels() {
        one("护照号码：EB6231847", PiiKind::Passport, "EB6231847");
        one(
            "往来港澳通行证（CF4729163）后",
            PiiKind::Passport,
            "CF4729163",
        );
        one(
            "来往内地通行证，证件号M10392847。",
            PiiKind::Passport,
            "M10392847",
        );
        one("台胞证号：10473829", PiiKind::Passport, "10473829");
        one("持军官证，证号为12345678。", PiiKind::Passport, "12345678");
        one(
            "德国护照（护照号C7F2K9L41）",
            PiiKind::Passport,
            "C7F2K9L41",
        );
        one(
            "护照：Ｅ８７２９３０４１",
            PiiKind::Passport,
            "Ｅ８７２９３０４１",
        );
    }

    #[test]
    fn other_numbers_and_unlabelled_ones_are_not_passports() {
        nothing("护照签证页显示其持工作类居留许可");
        nothing("编号E26547227");
        nothing("护照号码待补充，型号ZL50G");
    }
}
