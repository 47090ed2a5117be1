//! ID numbers (身份证号), phones and bank cards: digit groups read as one token, then matched
//! against each form with its check digit or Luhn test.

use super::checksums::*;
use super::*;

/// A run of digits (possibly ending in X) inside a number token.
#[derive(Debug, Clone, Copy)]
struct Group {
    s: usize,
    e: usize,
}

impl Group {
    fn len(self) -> usize {
        self.e - self.s
    }
}

/// Digit groups joined by single spaces or hyphens (and a parenthesised area code).
struct Token {
    /// First character: the `+` or `(` if there is one, else the first digit.
    start: usize,
    plus: bool,
    paren: bool,
    groups: Vec<Group>,
    /// `seps[k]` is between `groups[k]` and `groups[k + 1]`; `)` after a parenthesised area.
    seps: Vec<char>,
    strs: Vec<String>,
    /// Whether the text after the last group ends a number (no letter, `*`, decimal point).
    right_ok: bool,
}

/// Whether a number may start at `i`: not inside a longer alphanumeric run, a masked number,
/// a decimal, or a code such as SC-2023-0008.
fn left_ok(t: &Chars, i: usize) -> bool {
    let p = t.before(i);
    if p.is_ascii_alphanumeric() || matches!(p, '*' | '×') {
        return false;
    }
    let pp = if i >= 2 { t.c[i - 2] } else { '\0' };
    !(matches!(p, '.' | '-' | '_') && pp.is_ascii_alphanumeric())
}

/// Whether a number may end before `e`.
fn right_ok(t: &Chars, e: usize) -> bool {
    let n = t.at(e);
    if n.is_ascii_alphanumeric() || matches!(n, '*' | '×') {
        return false;
    }
    !(matches!(n, '.' | '-' | '_') && t.at(e + 1).is_ascii_alphanumeric())
}

fn read_token(t: &Chars, i: usize) -> Option<Token> {
    let mut j = i;
    let (mut plus, mut paren) = (false, false);
    match t.c[i] {
        '+' if t.at(i + 1).is_ascii_digit() => {
            plus = true;
            j += 1;
        }
        '(' => {
            paren = true;
            j += 1;
        }
        c if c.is_ascii_digit() => {}
        _ => return None,
    }
    let mut groups = Vec::new();
    let mut seps = Vec::new();
    if paren {
        let e = t.digits_end(j);
        if !(3..=4).contains(&(e - j)) || t.c[j] != '0' || t.at(e) != ')' {
            return None;
        }
        groups.push(Group { s: j, e });
        seps.push(')');
        j = e + 1;
        if t.at(j) == ' ' {
            j += 1;
        }
        if !t.at(j).is_ascii_digit() {
            return None;
        }
    }
    loop {
        let e = t.digits_end(j);
        let mut g = Group { s: j, e };
        if matches!(g.len(), 3 | 17)
            && matches!(t.at(e), 'X' | 'x')
            && !t.at(e + 1).is_ascii_alphanumeric()
        {
            g.e += 1;
            groups.push(g);
            break;
        }
        groups.push(g);
        let s = t.at(e);
        if matches!(s, ' ' | '-') && t.at(e + 1).is_ascii_digit() && groups.len() < 12 {
            seps.push(s);
            j = e + 1;
            continue;
        }
        break;
    }
    let end = groups.last().map_or(i, |g| g.e);
    let strs = groups.iter().map(|g| t.string(g.s, g.e)).collect();
    Some(Token {
        start: i,
        plus,
        paren,
        groups,
        seps,
        strs,
        right_ok: right_ok(t, end),
    })
}

pub(super) fn scan_numbers(t: &Chars, allowed: &Allowed, out: &mut Vec<Span>) {
    let n = t.c.len();
    let mut i = 0;
    while i < n {
        let ch = t.c[i];
        if !(ch.is_ascii_digit() || ch == '+' || ch == '(') {
            i += 1;
            continue;
        }
        if !left_ok(t, i) {
            i += 1;
            while t.at(i).is_ascii_alphanumeric() {
                i += 1;
            }
            continue;
        }
        match read_token(t, i) {
            Some(tok) => {
                match_token(t, &tok, allowed, out);
                i = tok.groups.last().map_or(i + 1, |g| g.e.max(i + 1));
            }
            None => i += 1,
        }
    }
}

/// A pattern matched in a token: its kind, its last group, its character span, and for a
/// phone the digits compared with [`Allowed`].
struct NumMatch {
    kind: PiiKind,
    last: usize,
    start: usize,
    end: usize,
    phone: Option<String>,
}

fn match_token(t: &Chars, tok: &Token, allowed: &Allowed, out: &mut Vec<Span>) {
    let m = tok.groups.len();
    let mut k = 0;
    while k < m {
        let start_ok = k == 0 || tok.seps[k - 1] == ' ';
        if start_ok && let Some(mut mt) = match_at(tok, k) {
            let last = mt.last;
            let end_ok = if last + 1 == m {
                tok.right_ok
            } else {
                tok.seps[last] == ' '
            };
            if end_ok {
                // 转 extension after a landline.
                if last + 1 == m && mt.kind == PiiKind::Phone && t.at(mt.end) == '转' {
                    let e = t.digits_end(mt.end + 1);
                    if (1..=6).contains(&(e - mt.end - 1)) && right_ok(t, e) {
                        mt.end = e;
                    }
                }
                let is_allowed = mt.phone.as_deref().is_some_and(|d| allowed.has_phone(d));
                if !is_allowed {
                    out.push(Span {
                        start: mt.start,
                        end: mt.end,
                        kind: mt.kind,
                    });
                }
                k = last + 1;
                continue;
            }
        }
        k += 1;
    }
}

pub(super) fn is_mobile(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 11 && all_digits(s) && b[0] == b'1' && (b'3'..=b'9').contains(&b[1])
}

fn match_at(tok: &Token, k: usize) -> Option<NumMatch> {
    let g = &tok.groups;
    let s = &tok.seps;
    let strs = &tok.strs;
    let left = g.len() - k;
    let len = |x: usize| g[k + x].len();
    let sep = |x: usize| s[k + x];
    let g0 = strs[k].as_str();
    let first = g[k].s;
    let mk = |kind, last: usize, start: usize, phone: Option<String>| NumMatch {
        kind,
        last,
        start,
        end: g[last].e,
        phone,
    };

    // 身份证号
    if (g0.len() == 18 && valid_id18(g0)) || (g0.len() == 15 && valid_id15(g0)) {
        return Some(mk(PiiKind::IdNumber, k, first, None));
    }
    if left >= 3 && sep(0) == ' ' && sep(1) == ' ' && len(0) == 6 && len(1) == 8 && len(2) == 4 {
        let joined = format!("{}{}{}", strs[k], strs[k + 1], strs[k + 2]);
        if valid_id18(&joined) {
            return Some(mk(PiiKind::IdNumber, k + 2, first, None));
        }
    }

    // 银行卡号
    if bank_ok(g0) {
        return Some(mk(PiiKind::BankCard, k, first, None));
    }
    if left >= 4
        && (0..4).all(|x| len(x) == 4)
        && matches!(sep(0), ' ' | '-')
        && sep(1) == sep(0)
        && sep(2) == sep(0)
    {
        let mut joined: String = strs[k..k + 4].concat();
        let mut last = k + 3;
        if left >= 5 && sep(3) == sep(0) && (1..=4).contains(&len(4)) {
            joined.push_str(&strs[k + 4]);
            last = k + 4;
        }
        if bank_ok(&joined) {
            return Some(mk(PiiKind::BankCard, last, first, None));
        }
    }

    // Mobiles, with or without 86.
    let plus_start = if k == 0 && tok.plus { tok.start } else { first };
    let mobile_at = |x: usize| -> Option<(usize, String)> {
        let kk = k + x;
        if kk >= g.len() {
            return None;
        }
        if is_mobile(&strs[kk]) {
            return Some((kk, strs[kk].clone()));
        }
        if kk + 2 < g.len()
            && g[kk].len() == 3
            && g[kk + 1].len() == 4
            && g[kk + 2].len() == 4
            && matches!(s[kk], ' ' | '-')
            && s[kk + 1] == s[kk]
        {
            let joined = format!("{}{}{}", strs[kk], strs[kk + 1], strs[kk + 2]);
            if is_mobile(&joined) {
                return Some((kk + 2, joined));
            }
        }
        None
    };
    if g0 == "86"
        && left >= 2
        && matches!(sep(0), ' ' | '-')
        && let Some((last, digits)) = mobile_at(1)
    {
        return Some(mk(PiiKind::Phone, last, plus_start, Some(digits)));
    }
    if g0.len() == 13 && g0.starts_with("86") && is_mobile(&g0[2..]) {
        return Some(mk(PiiKind::Phone, k, plus_start, Some(g0[2..].to_string())));
    }
    if let Some((last, digits)) = mobile_at(0) {
        return Some(mk(PiiKind::Phone, last, first, Some(digits)));
    }

    // Landlines.
    let area_ok = (3..=4).contains(&g0.len()) && g0.starts_with('0') && all_digits(g0);
    if area_ok
        && left >= 2
        && (matches!(sep(0), ' ' | '-') || (sep(0) == ')' && k == 0 && tok.paren))
    {
        let start = if sep(0) == ')' { tok.start } else { first };
        let local_first_ok = !strs[k + 1].starts_with('0') && all_digits(&strs[k + 1]);
        let mut found = None;
        if local_first_ok && (7..=8).contains(&len(1)) {
            found = Some((k + 1, strs[k + 1].clone()));
        } else if local_first_ok
            && left >= 3
            && (3..=4).contains(&len(1))
            && len(2) == 4
            && matches!(sep(1), ' ' | '-')
            && all_digits(&strs[k + 2])
        {
            found = Some((k + 2, format!("{}{}", strs[k + 1], strs[k + 2])));
        }
        if let Some((mut last, local)) = found {
            let digits = format!("{g0}{local}");
            if last + 1 < g.len()
                && s[last] == '-'
                && (1..=5).contains(&g[last + 1].len())
                && all_digits(&strs[last + 1])
            {
                last += 1;
            }
            return Some(mk(PiiKind::Phone, last, start, Some(digits)));
        }
    }
    if (11..=12).contains(&g0.len())
        && all_digits(g0)
        && g0.starts_with('0')
        && !g0[1..].starts_with('0')
    {
        return Some(mk(PiiKind::Phone, k, first, Some(g0.to_string())));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn id_numbers() {
        one(
            "身份证号110105199003071239，",
            PiiKind::IdNumber,
            "110105199003071239",
        );
        one(
            "身份证号：33010619850312001X。",
            PiiKind::IdNumber,
            "33010619850312001X",
        );
        one(
            "33010619850312001x",
            PiiKind::IdNumber,
            "33010619850312001x",
        );
        one(
            "旧证330106850312001号码",
            PiiKind::IdNumber,
            "330106850312001",
        );
        one(
            "号码 110105 19900307 1239 已核实",
            PiiKind::IdNumber,
            "110105 19900307 1239",
        );
        one(
            "证号１１０１０５１９９００３０７１２３９",
            PiiKind::IdNumber,
            "１１０１０５１９９００３０７１２３９",
        );
        one(
            "id_number = \"440304197812245616\"",
            PiiKind::IdNumber,
            "440304197812245616",
        );
    }

    #[test]
    fn id_lookalikes_are_not_id_numbers() {
        // Wrong check character, impossible dates, a year out of range.
        nothing("110105199003071238");
        nothing("110105199013071235"); // month 13
        nothing("110105200102291232"); // 2001-02-29
        nothing("110105189003071234");
        // Part of a longer alphanumeric run.
        nothing("A110105199003071239");
        nothing("1101051990030712391");
        nothing("110105199003071239B");
        nothing("SC-110105199003071239");
        // 统一社会信用代码, a 15-digit 工商注册号, dates.
        nothing("统一社会信用代码91990104MAHXLWT55Q");
        nothing("统一社会信用代码92990102MAR4YXYP6T，");
        nothing("注册号330106600123455");
        nothing("2023年3月5日、2023-03-05、20230305");
        assert!(valid_credit_code("91990104MAHXLWT55Q"));
    }

    // ---- 电话号码 --------------------------------------------------------------------------

    #[test]
    fn mobiles() {
        one("电话13812345678。", PiiKind::Phone, "13812345678");
        one("电话138 1234 5678。", PiiKind::Phone, "138 1234 5678");
        one("电话138-1234-5678", PiiKind::Phone, "138-1234-5678");
        one("电话+86 13812345678", PiiKind::Phone, "+86 13812345678");
        one("电话+8613812345678", PiiKind::Phone, "+8613812345678");
        one("电话86-138-1234-5678", PiiKind::Phone, "86-138-1234-5678");
        one("Tel:19912345678", PiiKind::Phone, "19912345678");
        one(
            "１３８１２３４５６７８",
            PiiKind::Phone,
            "１３８１２３４５６７８",
        );
        assert_eq!(
            kinds("13512345678/13612345679"),
            vec![PiiKind::Phone, PiiKind::Phone]
        );
    }

    #[test]
    fn landlines() {
        one("电话0571-87654321。", PiiKind::Phone, "0571-87654321");
        one("电话0571 87654321", PiiKind::Phone, "0571 87654321");
        one("电话057187654321", PiiKind::Phone, "057187654321");
        one("电话01065123456", PiiKind::Phone, "01065123456");
        one("电话(0571)87654321", PiiKind::Phone, "(0571)87654321");
        one("电话（0571）8765-4321", PiiKind::Phone, "（0571）8765-4321");
        one("电话(0571) 8765 4321", PiiKind::Phone, "(0571) 8765 4321");
        one("电话010-6512345-808", PiiKind::Phone, "010-6512345-808");
        one(
            "电话0571-87654321转806。",
            PiiKind::Phone,
            "0571-87654321转806",
        );
        one("电话021-6432123", PiiKind::Phone, "021-6432123");
    }

    #[test]
    fn phone_lookalikes_are_not_phones() {
        nothing("12345政务服务便民热线、12319城管热线");
        nothing("电话138****5678");
        nothing("电话1381234567"); // 10 digits
        nothing("电话138123456789"); // 12 digits
        nothing("电话12812345678"); // 12x is not a mobile prefix
        nothing("执法证号33010012345");
        nothing("执法证号示0100001");
        nothing("编号SC-2023-0008、P-CF-015、R-015-1，文号浙建〔2022〕5号");
        nothing("示城执罚决字〔2023〕第0008号");
        nothing("罚款11500元，人民币2000元，1,000,000元");
        nothing("邮编310000，2023-03-05，20230305，3.5平方米，约340米，5%");
        nothing("设备A13812345678、3.13812345678、HK-13812345678-01");
        nothing("客服电话400-800-1234");
        nothing("电话0571-0123456"); // a local number does not start with 0
    }

    #[test]
    fn allowed_phones_compare_digits() {
        let mut a = Allowed::default();
        a.phone("0000-12319001");
        a.phone("(0571) 8888 1234");
        a.phone("+86 138 0000 1111");
        assert_eq!(found("监督电话0000-12319001", &a), vec![]);
        assert_eq!(
            found("电话0571-88881234、057188881234、（0571）8888-1234", &a),
            vec![]
        );
        assert_eq!(found("电话0571-88881234转801", &a), vec![]);
        assert_eq!(found("电话13800001111、+8613800001111", &a), vec![]);
        assert_eq!(
            found("电话0571-88881235", &a),
            vec![(PiiKind::Phone, "0571-88881235")]
        );
    }

    // ---- 银行卡号 --------------------------------------------------------------------------

    #[test]
    fn bank_cards() {
        one(
            "卡号6222021234567890128。",
            PiiKind::BankCard,
            "6222021234567890128",
        );
        one(
            "卡号4367421234567896",
            PiiKind::BankCard,
            "4367421234567896",
        );
        one(
            "卡号6222 0212 3456 7890 128",
            PiiKind::BankCard,
            "6222 0212 3456 7890 128",
        );
        one(
            "卡号4367-4212-3456-7896",
            PiiKind::BankCard,
            "4367-4212-3456-7896",
        );
        one(
            "账号95588012345678903",
            PiiKind::BankCard,
            "95588012345678903",
        );
        one(
            "bank_account = \"520023123456789015\"",
            PiiKind::BankCard,
            "520023123456789015",
        );
    }

    #[test]
    fn bank_lookalikes_are_not_cards() {
        nothing("卡号6222021234567890127"); // fails Luhn
        nothing("缴款识别码2023000112345678901"); // Luhn-valid, but cards do not start with 2
        nothing("统一社会信用代码913301072679379809"); // all digits, Luhn-valid, a credit code
        nothing("卡号6222 0212 3456 78"); // too short
        nothing("尾号8888");
        assert!(luhn("913301072679379809") && valid_credit_code("913301072679379809"));
        // An ID number that also passes Luhn is reported once, as an ID number.
        assert_eq!(kinds("110105199003071239"), vec![PiiKind::IdNumber]);
    }

    // ---- 电子邮箱 --------------------------------------------------------------------------
}
