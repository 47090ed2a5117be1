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

/// The separator between two digit groups starting at `e`: its kind and length, when a digit
/// follows. A line break (alone, or after a hyphen or space) is `\n`: staff paste numbers
/// that wrap; an em dash is a hyphen.
fn separator_at(t: &Chars, e: usize) -> Option<(char, usize)> {
    // `0571 - 8888`: a hyphen with a space each side.
    if t.at(e) == ' ' && matches!(t.at(e + 1), '-' | '—') && t.at(e + 2) == ' ' {
        return t.at(e + 3).is_ascii_digit().then_some(('-', 3));
    }
    let (sep, len) = match (t.at(e), t.at(e + 1)) {
        ('-' | '—' | ' ', '\n') | ('\r', '\n') | ('\n', ' ') => ('\n', 2),
        ('\n', _) => ('\n', 1),
        ('—', _) => ('-', 1),
        (c @ (' ' | '-' | '.'), _) => (c, 1),
        _ => return None,
    };
    t.at(e + len).is_ascii_digit().then_some((sep, len))
}

fn read_token(t: &Chars, i: usize) -> Option<Token> {
    let mut j = i;
    let (mut plus, mut paren) = (false, false);
    let mut groups = Vec::new();
    let mut seps = Vec::new();
    match t.c[i] {
        '+' if t.at(i + 1).is_ascii_digit() => {
            plus = true;
            j += 1;
        }
        // (+86) before a mobile.
        '(' if t.at(i + 1) == '+'
            && t.at(i + 2) == '8'
            && t.at(i + 3) == '6'
            && t.at(i + 4) == ')' =>
        {
            plus = true;
            groups.push(Group { s: i + 2, e: i + 4 });
            seps.push(')');
            j = i + 5;
            if t.at(j) == ' ' {
                j += 1;
            }
            if !t.at(j).is_ascii_digit() {
                return None;
            }
        }
        '(' => {
            paren = true;
            j += 1;
        }
        c if c.is_ascii_digit() => {}
        _ => return None,
    }
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
        if g.len() >= 3 && matches!(t.at(e), 'X' | 'x') && !t.at(e + 1).is_ascii_alphanumeric() {
            g.e += 1;
            groups.push(g);
            break;
        }
        groups.push(g);
        if groups.len() < 12
            && let Some((sep, len)) = separator_at(t, e)
        {
            seps.push(sep);
            j = e + len;
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

/// Labels after which a long digit run is a bank account even without a card's Luhn digit
/// (开户行 accounts: 17–20 digits, `19-` + 15 at 农业银行).
static ACCOUNT_LABELS: LazyLock<Vec<Vec<char>>> =
    LazyLock::new(|| word_list("账号 帐号 账户 帐户 卡号 户号 卡"));

fn match_token(t: &Chars, tok: &Token, allowed: &Allowed, out: &mut Vec<Span>) {
    let m = tok.groups.len();
    // After 账号, 卡号 …, a long run of digits is an account whatever else it looks like.
    if labelled_account(t, tok) {
        out.push(Span {
            start: tok.start,
            end: tok.groups[m - 1].e,
            kind: PiiKind::BankCard,
        });
        return;
    }
    let mut k = 0;
    while k < m {
        let start_ok = k == 0 || matches!(tok.seps[k - 1], ' ' | '\n');
        if start_ok && let Some(mut mt) = match_at(tok, k) {
            let last = mt.last;
            let end_ok = if last + 1 == m {
                tok.right_ok
            } else {
                matches!(tok.seps[last], ' ' | '\n')
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

/// A token of 12–25 digits (in groups) right after an account label.
fn labelled_account(t: &Chars, tok: &Token) -> bool {
    tok.right_ok
        && !tok.plus
        && !tok.paren
        && tok.seps.iter().all(|s| matches!(s, ' ' | '-' | '\n'))
        && (12..=25).contains(&tok.strs.iter().map(String::len).sum::<usize>())
        && tok.strs.iter().all(|s| all_digits(s))
        && t.label_before(tok.start, &ACCOUNT_LABELS, ":： 为是", 3)
}

pub(super) fn is_mobile(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 11 && all_digits(s) && b[0] == b'1' && (b'3'..=b'9').contains(&b[1])
}

/// An ID number of either length, with a right check digit, or a wrong one (a typo in an ID
/// is still an ID: [`plausible_id18`]).
fn id_number(s: &str) -> bool {
    match s.len() {
        18 => valid_id18(s) || plausible_id18(s),
        15 => valid_id15(s),
        _ => false,
    }
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
    if id_number(g0) {
        return Some(mk(PiiKind::IdNumber, k, first, None));
    }
    if left >= 3
        && matches!(sep(0), ' ' | '-')
        && sep(1) == sep(0)
        && len(0) == 6
        && len(1) == 8
        && len(2) == 4
    {
        let joined = format!("{}{}{}", strs[k], strs[k + 1], strs[k + 2]);
        if id_number(&joined) {
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

    // Mobiles, with or without 86 (+86, (+86), 0086).
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
            && matches!(s[kk], ' ' | '-' | '.')
            && s[kk + 1] == s[kk]
        {
            let joined = format!("{}{}{}", strs[kk], strs[kk + 1], strs[kk + 2]);
            if is_mobile(&joined) {
                return Some((kk + 2, joined));
            }
        }
        None
    };
    let country = (g0 == "86" || g0 == "0086") && left >= 2;
    if country
        && matches!(sep(0), ' ' | '-' | ')')
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

    // Landlines: area code (with its 0, or after 86 without it) and local number.
    // Area codes are 0 and then 1–9 (010, 0571); 00 starts an international number.
    let area_ok = (3..=4).contains(&g0.len())
        && g0.starts_with('0')
        && !g0[1..].starts_with('0')
        && all_digits(g0);
    let foreign_area = country
        && tok.plus
        && left >= 3
        && matches!(sep(0), ' ' | '-')
        && (2..=3).contains(&len(1))
        && !strs[k + 1].starts_with('0');
    let (area, at) = if foreign_area {
        (format!("0{}", strs[k + 1]), 1)
    } else {
        (g0.to_string(), 0)
    };
    let sep_ok = || matches!(sep(at), ' ' | '-' | '\n') || (sep(0) == ')' && k == 0 && tok.paren);
    if (area_ok || foreign_area) && left >= at + 2 && sep_ok() {
        let start = if sep(0) == ')' || foreign_area {
            tok.start
        } else {
            first
        };
        let l = k + at + 1;
        let local_first_ok = !strs[l].starts_with('0') && all_digits(&strs[l]);
        let mut found = None;
        if local_first_ok && (7..=8).contains(&g[l].len()) {
            found = Some((l, strs[l].clone()));
        } else if local_first_ok
            && l + 1 < g.len()
            && (3..=4).contains(&g[l].len())
            && g[l + 1].len() == 4
            && matches!(s[l], ' ' | '-')
            && all_digits(&strs[l + 1])
        {
            found = Some((l + 1, format!("{}{}", strs[l], strs[l + 1])));
        }
        if let Some((mut last, local)) = found {
            let digits = format!("{area}{local}");
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
    wrapped(tok, k).map(|(kind, last, digits)| mk(kind, last, first, digits))
}

/// A number that a line break splits (`178\n71345148`, `2301031974\n07259292`): the groups
/// from `k` joined across at most three separators of which one is a line break, read as an ID
/// number, a mobile, a bank card or a landline. Without the line break these groupings are
/// not how anyone writes a number, so they are not tried, except for an ID number whose check
/// character is right (`4403041985 0101 123X`), which nothing else is.
fn wrapped(tok: &Token, k: usize) -> Option<(PiiKind, usize, Option<String>)> {
    let mut joined = tok.strs[k].clone();
    let mut has_break = false;
    for j in k + 1..tok.groups.len().min(k + 4) {
        let sep = tok.seps[j - 1];
        if !matches!(sep, ' ' | '-' | '.' | '\n') {
            return None;
        }
        has_break |= sep == '\n';
        joined.push_str(&tok.strs[j]);
        if !has_break {
            if sep != '.' && valid_id18(&joined) {
                return Some((PiiKind::IdNumber, j, None));
            }
            continue;
        }
        if id_number(&joined) {
            return Some((PiiKind::IdNumber, j, None));
        }
        if is_mobile(&joined) {
            return Some((PiiKind::Phone, j, Some(joined)));
        }
        if bank_ok(&joined) {
            return Some((PiiKind::BankCard, j, None));
        }
        let area = tok.strs[k].len();
        if (11..=12).contains(&joined.len())
            && (3..=4).contains(&area)
            && all_digits(&joined)
            && joined.starts_with('0')
            && !joined[area..].starts_with('0')
        {
            return Some((PiiKind::Phone, j, Some(joined)));
        }
        if joined.len() > 19 {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests;
