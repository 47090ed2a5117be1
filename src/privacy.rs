//! Personal-data guard (个人信息检查): finds personal data that must never be published.
//!
//! 政府信息公开条例 art. 16 and the courts' rules on publishing judgments: a published decision
//! names natural persons as surname + 某 and carries no 身份证号, phone number, bank account,
//! e-mail address, vehicle plate, home address, or name of anyone other than the party. This
//! module finds those in plain text and nothing else: no I/O and no knowledge of the content
//! model. [`scan`] takes a text and the agency's own public contact data ([`Allowed`]) and
//! returns byte spans; the caller turns them into diagnostics.
//!
//! The scanner works on characters, not bytes: full-width ASCII (`１３８`, `（０５７１）`,
//! `＠`) is read as its half-width form, so a number typed in a Chinese input method is found
//! too. Spans are still byte offsets into the original text.
//!
//! What each kind means, precisely:
//!
//! - **身份证号** ([`PiiKind::IdNumber`]): 18 characters (17 digits + digit or `X`/`x`) whose
//!   GB 11643-1999 check character is right and whose birth date (characters 7–14) is a real
//!   date in 1900–2099; or 15 digits (old format) with a real 19YYMMDD date that is not a
//!   valid 15-digit 工商注册号 (MOD 11,10 check digit). The area code must
//!   start with 1–8. Also written as 6-8-4 groups separated by spaces.
//! - **电话号码** ([`PiiKind::Phone`]): a mainland mobile (`1[3-9]` + 9 digits, or 3-4-4 groups
//!   separated by spaces or hyphens), optionally after `+86`/`86`; a landline with an area code
//!   (`0` + 2–3 digits, optionally in parentheses), a `-`, space or nothing, and a 7–8 digit
//!   local number (optionally as two groups), with an optional `-` or `转` extension. A phone
//!   whose digits are an [`Allowed::phone`] is not reported.
//! - **银行卡号** ([`PiiKind::BankCard`]): 16–19 digits (or 4-digit groups separated by spaces or
//!   hyphens) starting with 3, 4, 5, 6 or 9 and passing the Luhn check, and not an ID number nor an
//!   all-digit 统一社会信用代码 with a valid GB 32100-2015 check character.
//! - **电子邮箱** ([`PiiKind::Email`]): `local@domain.tld`, unless an [`Allowed::email`].
//! - **车牌号** ([`PiiKind::Plate`]): province abbreviation + letter + optional separator
//!   (`·` `•` `・` `.` `-` space) + 5 characters with at least 3 digits, or 6 characters of a
//!   new-energy plate (D/F first, or last after 5 digits), or 4 characters + 挂/学/警/港/澳.
//!   A plate with `*` or `×` in it is masked and not reported.
//! - **详细住址** ([`PiiKind::Address`]): a road (路, 街, 大道, 巷, 弄, 里, 胡同) with a house
//!   number (`18号`, `12-3号`, `100弄5号`, `12号院`) followed by building, unit or room detail
//!   (`3幢`, `5号楼`, `A座`, `2单元`, `501室`, `3楼501`, `3-2-501`); or a residential estate
//!   (小区, 花园, 苑, 公寓, 新村, 家园) followed by a building and a unit or room. A road and
//!   number alone is a business address and is not reported. The span starts at the first
//!   character of the place name: going back over Chinese characters (at most 20), stopping at
//!   punctuation, digits and at 在 于 住 址 至 到 往 从 是 为 的 等 words that introduce an
//!   address. Anything inside an occurrence of an [`Allowed::address`] is not reported.
//! - **他人姓名** ([`PiiKind::PersonName`]): see [`scan`] for the rule.
//!
//! Performance: one pass per kind over a character array, each pass linear; every table is
//! built once (`LazyLock`). Jieba is loaded only when a name candidate needs checking.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use jieba_rs::Jieba;

/// What kind of personal data a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PiiKind {
    IdNumber,
    Phone,
    BankCard,
    Email,
    Plate,
    Address,
    PersonName,
}

impl PiiKind {
    /// Every kind, in declaration order.
    pub const ALL: [PiiKind; 7] = [
        PiiKind::IdNumber,
        PiiKind::Phone,
        PiiKind::BankCard,
        PiiKind::Email,
        PiiKind::Plate,
        PiiKind::Address,
        PiiKind::PersonName,
    ];

    /// The kind's name as staff know it.
    pub fn label(self) -> &'static str {
        match self {
            PiiKind::IdNumber => "身份证号",
            PiiKind::Phone => "电话号码",
            PiiKind::BankCard => "银行卡号",
            PiiKind::Email => "电子邮箱",
            PiiKind::Plate => "车牌号",
            PiiKind::Address => "详细住址",
            PiiKind::PersonName => "他人姓名",
        }
    }

    /// What a civil servant should do about a finding of this kind.
    pub fn hint(self) -> &'static str {
        match self {
            PiiKind::IdNumber => "公开的内容不得包含身份证号，请删除",
            PiiKind::Phone => {
                "公开的内容不得包含个人电话号码，请删除；本机关对外公开的电话请在站点设置或机关信息中登记"
            }
            PiiKind::BankCard => "公开的内容不得包含银行卡号或账号，请删除",
            PiiKind::Email => {
                "公开的内容不得包含个人电子邮箱，请删除；本机关对外公开的邮箱请在站点设置或机关信息中登记"
            }
            PiiKind::Plate => {
                "公开的内容不得包含完整的车牌号，请删除，或把中间几位改成*，如“浙A·***45”"
            }
            PiiKind::Address => {
                "公开的内容不得包含个人的详细住址，请删去楼幢、单元和房号，只写到道路或小区"
            }
            PiiKind::PersonName => {
                "除当事人外，不得公开其他人的姓名；确需提及时写成“姓+某”，如“张某”"
            }
        }
    }

    /// Short ASCII code: `id`, `phone`, `bank`, `email`, `plate`, `address`, `name`.
    pub fn code(self) -> &'static str {
        match self {
            PiiKind::IdNumber => "id",
            PiiKind::Phone => "phone",
            PiiKind::BankCard => "bank",
            PiiKind::Email => "email",
            PiiKind::Plate => "plate",
            PiiKind::Address => "address",
            PiiKind::PersonName => "name",
        }
    }

    /// The kind with this [`code`](Self::code).
    pub fn from_code(code: &str) -> Option<PiiKind> {
        PiiKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// One piece of personal data: `text[start..end]` is exactly the data (not the cue word
/// before it). Byte offsets into the scanned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub start: usize,
    pub end: usize,
    pub kind: PiiKind,
}

/// The agency's own public contact data, and the public names (enforcement staff are public
/// by law): never reported.
#[derive(Debug, Default, Clone)]
pub struct Allowed {
    /// Digits only, without a leading 86 country code on mobiles.
    phones: HashSet<String>,
    /// Lower case.
    emails: HashSet<String>,
    /// Normalised characters.
    addresses: Vec<Vec<char>>,
    names: HashSet<String>,
}

impl Allowed {
    /// A public phone or hotline as written in the settings (`12345`, `0000-12319001`,
    /// `(0571) 8888 1234`); compared by digits only.
    pub fn phone(&mut self, s: &str) {
        let digits = phone_key(
            &s.chars()
                .map(normalize_char)
                .filter(char::is_ascii_digit)
                .collect::<String>(),
        );
        if !digits.is_empty() {
            self.phones.insert(digits);
        }
    }

    /// A public e-mail address; compared case-insensitively.
    pub fn email(&mut self, s: &str) {
        let e: String = s
            .trim()
            .chars()
            .map(normalize_char)
            .collect::<String>()
            .to_lowercase();
        if !e.is_empty() {
            self.emails.insert(e);
        }
    }

    /// An agency address: nothing inside an occurrence of it is reported.
    pub fn address(&mut self, s: &str) {
        let a: Vec<char> = s.trim().chars().map(normalize_char).collect();
        if !a.is_empty() && !self.addresses.contains(&a) {
            self.addresses.push(a);
        }
    }

    /// A public name (enforcement staff): never reported as [`PiiKind::PersonName`].
    pub fn name(&mut self, s: &str) {
        let n: String = s.trim().chars().filter(|c| !c.is_whitespace()).collect();
        if !n.is_empty() {
            self.names.insert(n);
        }
    }

    fn has_phone(&self, digits: &str) -> bool {
        self.phones.contains(&phone_key(digits))
    }
}

/// A phone's digits as compared with [`Allowed`]: a mobile's 86 country code dropped.
fn phone_key(digits: &str) -> String {
    match digits.strip_prefix("86") {
        Some(rest) if digits.len() == 13 && is_mobile(rest) => rest.to_string(),
        _ => digits.to_string(),
    }
}

/// True for an anonymised natural-person name: a surname followed by 某 or 某某 (张某, 欧阳某,
/// 张某某). A single-character surname is any Chinese character other than 某 (the surname
/// list is not exhaustive, and a rare surname must not be taken for an unanonymised name); a
/// two-character surname must be one of the compound surnames in `privacy/surnames.txt`.
/// False for 张三, 某某, 张, 张某三.
pub fn is_anonymised_name(s: &str) -> bool {
    let c: Vec<char> = s.trim().chars().collect();
    let rest = |n: usize| {
        let tail = &c[n..];
        tail == ['某'] || tail == ['某', '某']
    };
    let single = c.len() >= 2 && is_han(c[0]) && c[0] != '某' && rest(1);
    let compound = c.len() >= 3 && SURNAMES.compound.contains(&[c[0], c[1]]) && rest(2);
    single || compound
}

/// Every finding in `text`, sorted by start, non-overlapping (where two candidates overlap
/// the longer is kept).
///
/// # The name rule (他人姓名)
///
/// A name is only looked for right after a role word (证人, 邻居, 店员, 司机, 负责人, 法定代表人,
/// 委托代理人, 投诉人, 房东, 妻子, 当事人, 姓名 … see `CUES`), optionally followed by `：`,
/// `:` or spaces, or (after roles that take a name, such as 法定代表人 and 联系人) by 为 or 是.
/// Then must come, in order:
///
/// 1. a surname from `privacy/surnames.txt` (compound surnames tried first);
/// 2. a given name of 2 or 1 Chinese characters (2 tried first), none of which is a function
///    or procedure character that does not occur in given names (的 在 于 对 未 应 当 将 日 月
///    时 罚 款 违 法 … see `BAD_GIVEN`), not starting with 某 (that is an anonymised name), and
///    not a title (先生 女士 师傅 老板 经理 队长 …, or 总 工 姐 哥 as a one-character name);
/// 3. a boundary: the end of the text, any character that is not Chinese (punctuation, digit,
///    letter), a function character that typically follows a name (在 于 称 说 因 将 等 的 与 和
///    及 系 是 为 …), or a two-character word that does (表示 承认 驾驶 经营 陈述 证实 反映 …).
///    A two-character given name whose second character starts such a word is tried as one
///    character instead (证人王华承认 → 王华).
/// 4. the candidate is not a common word in jieba's dictionary: a two-character candidate
///    must not be in it at all (管理, 严格, 权利; its person-name tag is unreliable: 张贴,
///    师傅, 查明 carry it), a longer one not with a tag other than a person, place or
///    organisation name; and a two-character given name must not be an adverb, preposition,
///    conjunction, particle, pronoun, numeral, measure or locality word;
/// 5. jieba, cutting the text around the candidate, agrees that the role word stands on its
///    own: no longer word swallows it (居民楼) and it starts or ends a word (not 邻居 in
///    相邻居民楼); and for a surname that is also a function word (向 于 曾 方 常 …) the name
///    ends a word (not 向联 in 向联系人).
///
/// A candidate equal to an [`Allowed::name`] is skipped. After a name, `、`, 和, 及 or 与
/// followed by another name (checked the same way) is also reported (证人张三、李四称).
///
/// Why: a decision mentions other people by role (证人, 店员, 房东 …), and the role word is what
/// makes a surname-shaped character a surname; the boundary and the character and word filters
/// keep 当事人于当日, 当事人管理的, 负责人表示, 经营者应当 and the like from looking like names.
/// Names without a role word before them are not found: surname-shaped characters start far
/// too many ordinary words (方便, 高度, 管理, 曾经) for that to be safe. Measured when this was
/// written: no finding on the sample content nor on 25,000 sentences made from it by swapping
/// every role word for every other; 2,966 of 3,000 generated names (common surnames and given
/// names in 16 role contexts) found, the misses being names that are dictionary words (白雪,
/// 江波, 温静). A name followed by a word outside the boundary lists (证人张三拿着) is missed.
pub fn scan(text: &str, allowed: &Allowed) -> Vec<Finding> {
    if text.is_empty() {
        return Vec::new();
    }
    let t = Chars::new(text);
    let mut raw: Vec<Span> = Vec::new();
    scan_numbers(&t, allowed, &mut raw);
    scan_emails(&t, allowed, &mut raw);
    scan_plates(&t, &mut raw);
    scan_addresses(&t, &mut raw);
    scan_names(&t, allowed, &mut raw);

    if !allowed.addresses.is_empty() && !raw.is_empty() {
        let mut inside: Vec<(usize, usize)> = Vec::new();
        for a in &allowed.addresses {
            let mut i = 0;
            while i + a.len() <= t.c.len() {
                if t.c[i..i + a.len()] == a[..] {
                    inside.push((i, i + a.len()));
                    i += a.len();
                } else {
                    i += 1;
                }
            }
        }
        raw.retain(|s| {
            let in_occurrence = inside.iter().any(|&(a, b)| a <= s.start && s.end <= b);
            let part_of_allowed = s.kind == PiiKind::Address
                && allowed.addresses.iter().any(|a| {
                    a.windows(s.end - s.start)
                        .any(|w| w == &t.c[s.start..s.end])
                });
            !in_occurrence && !part_of_allowed
        });
    }

    raw.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut kept: Vec<Span> = Vec::with_capacity(raw.len());
    for s in raw {
        match kept.last_mut() {
            Some(last) if s.start < last.end => {
                if s.end - s.start > last.end - last.start {
                    *last = s;
                }
            }
            _ => kept.push(s),
        }
    }
    kept.into_iter()
        .map(|s| Finding {
            start: t.off[s.start],
            end: t.off[s.end],
            kind: s.kind,
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Characters

/// A finding in character indices.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: usize,
    end: usize,
    kind: PiiKind,
}

/// The text as normalised characters, with each character's byte offset (and the text's
/// length after the last).
struct Chars {
    c: Vec<char>,
    off: Vec<usize>,
}

impl Chars {
    fn new(text: &str) -> Chars {
        let mut c = Vec::with_capacity(text.len() / 2);
        let mut off = Vec::with_capacity(text.len() / 2 + 1);
        for (i, ch) in text.char_indices() {
            c.push(normalize_char(ch));
            off.push(i);
        }
        off.push(text.len());
        Chars { c, off }
    }

    /// The character at `i`, or NUL past the end.
    fn at(&self, i: usize) -> char {
        self.c.get(i).copied().unwrap_or('\0')
    }

    /// The character before `i`, or NUL at the start.
    fn before(&self, i: usize) -> char {
        if i == 0 { '\0' } else { self.c[i - 1] }
    }

    fn starts_with(&self, i: usize, s: &[char]) -> bool {
        self.c.get(i..i + s.len()) == Some(s)
    }

    /// End of the run of ASCII digits starting at `i`.
    fn digits_end(&self, mut i: usize) -> usize {
        while self.at(i).is_ascii_digit() {
            i += 1;
        }
        i
    }

    fn string(&self, s: usize, e: usize) -> String {
        self.c[s..e].iter().collect()
    }
}

/// Full-width ASCII as half-width, ideographic and no-break spaces as a space.
fn normalize_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' => ' ',
        _ => c,
    }
}

fn is_han(c: char) -> bool {
    matches!(
        c,
        '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{3134F}'
    )
}

fn char_set(s: &str) -> HashSet<char> {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn word_list(s: &str) -> Vec<Vec<char>> {
    s.split_whitespace().map(|w| w.chars().collect()).collect()
}

// ---------------------------------------------------------------------------------------------
// Numbers: ID numbers, phones, bank cards

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

fn scan_numbers(t: &Chars, allowed: &Allowed, out: &mut Vec<Span>) {
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

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_mobile(s: &str) -> bool {
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

/// A real calendar date.
fn valid_date(y: u32, m: u32, d: u32) -> bool {
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

fn num(s: &str) -> u32 {
    s.bytes().fold(0, |n, b| n * 10 + u32::from(b - b'0'))
}

/// An 18-character ID number: check character (GB 11643-1999) and birth date.
fn valid_id18(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) || !(b'1'..=b'8').contains(&b[0]) {
        return false;
    }
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: &[u8; 11] = b"10X98765432";
    let sum: u32 = b[..17]
        .iter()
        .zip(W)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    let want = CHECK[(sum % 11) as usize];
    if b[17].to_ascii_uppercase() != want {
        return false;
    }
    let y = num(&s[6..10]);
    (1900..=2099).contains(&y) && valid_date(y, num(&s[10..12]), num(&s[12..14]))
}

/// A 15-digit old-format ID number: area code and a real 19YYMMDD birth date, and not a
/// 15-digit 工商注册号 (whose last digit is an ISO 7064 MOD 11,10 check digit).
fn valid_id15(s: &str) -> bool {
    all_digits(s)
        && s.len() == 15
        && (b'1'..=b'8').contains(&s.as_bytes()[0])
        && valid_date(1900 + num(&s[6..8]), num(&s[8..10]), num(&s[10..12]))
        && !valid_registration_number(s)
}

/// A 15-digit 工商注册号 (GS15-2006): ISO 7064 MOD 11,10 check digit.
fn valid_registration_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut p = 10;
    for &d in &b[..14] {
        let mut t = (p + u32::from(d - b'0')) % 10;
        if t == 0 {
            t = 10;
        }
        p = (t * 2) % 11;
    }
    (11 - p) % 10 == u32::from(b[14] - b'0')
}

fn luhn(s: &str) -> bool {
    let sum: u32 = s
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                if d * 2 > 9 { d * 2 - 9 } else { d * 2 }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// 16–19 digits, starting as card numbers do (3, 4, 5, 6 or 9), Luhn-valid, and not an all-digit
/// 统一社会信用代码.
fn bank_ok(s: &str) -> bool {
    all_digits(s)
        && (16..=19).contains(&s.len())
        && matches!(s.as_bytes()[0], b'3' | b'4' | b'5' | b'6' | b'9')
        && luhn(s)
        && !(s.len() == 18 && valid_credit_code(s))
}

/// A 统一社会信用代码 with a valid check character (GB 32100-2015).
fn valid_credit_code(s: &str) -> bool {
    const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    const W: [usize; 17] = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ];
    let b = s.as_bytes();
    if b.len() != 18 {
        return false;
    }
    let mut sum = 0;
    for (i, &ch) in b[..17].iter().enumerate() {
        match ALPHABET.iter().position(|&a| a == ch) {
            Some(v) => sum += v * W[i],
            None => return false,
        }
    }
    ALPHABET[(31 - sum % 31) % 31] == b[17]
}

// ---------------------------------------------------------------------------------------------
// E-mail

fn scan_emails(t: &Chars, allowed: &Allowed, out: &mut Vec<Span>) {
    let is_local = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-');
    let is_domain = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-');
    for (i, &ch) in t.c.iter().enumerate() {
        if ch != '@' {
            continue;
        }
        let mut l = i;
        while l > 0 && is_local(t.c[l - 1]) {
            l -= 1;
        }
        while l < i && matches!(t.c[l], '.' | '_' | '%' | '+' | '-') {
            l += 1;
        }
        if l == i {
            continue;
        }
        let mut r = i + 1;
        while is_domain(t.at(r)) {
            r += 1;
        }
        while r > i + 1 && matches!(t.c[r - 1], '.' | '-') {
            r -= 1;
        }
        let domain = t.string(i + 1, r);
        let labels: Vec<&str> = domain.split('.').collect();
        let ok = labels.len() >= 2
            && labels
                .iter()
                .all(|l| !l.is_empty() && !l.starts_with('-') && !l.ends_with('-'))
            && labels
                .last()
                .is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()));
        if ok && !allowed.emails.contains(&t.string(l, r).to_lowercase()) {
            out.push(Span {
                start: l,
                end: r,
                kind: PiiKind::Email,
            });
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Vehicle plates

static PROVINCES: LazyLock<HashSet<char>> =
    LazyLock::new(|| char_set("京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"));

fn scan_plates(t: &Chars, out: &mut Vec<Span>) {
    let is_serial = |c: char| c.is_ascii_uppercase() || c.is_ascii_digit();
    for i in 0..t.c.len() {
        if !PROVINCES.contains(&t.c[i]) || !t.at(i + 1).is_ascii_uppercase() {
            continue;
        }
        let mut j = i + 2;
        if matches!(t.at(j), '·' | '•' | '・' | '.' | '-' | ' ') && is_serial(t.at(j + 1)) {
            j += 1;
        }
        let mut k = j;
        while is_serial(t.at(k)) {
            k += 1;
        }
        let next = t.at(k);
        if next.is_ascii_alphanumeric() || matches!(next, '*' | '×') {
            continue;
        }
        let serial = &t.c[j..k];
        let digits = serial.iter().filter(|c| c.is_ascii_digit()).count();
        let end = match serial.len() {
            4 if digits >= 2 && matches!(next, '挂' | '学' | '警' | '港' | '澳') => {
                Some(k + 1)
            }
            5 if digits >= 3 => Some(k),
            6 => {
                let small =
                    matches!(serial[0], 'D' | 'F') && serial[2..].iter().all(char::is_ascii_digit);
                let large =
                    serial[..5].iter().all(char::is_ascii_digit) && matches!(serial[5], 'D' | 'F');
                (small || large).then_some(k)
            }
            _ => None,
        };
        if let Some(end) = end {
            out.push(Span {
                start: i,
                end,
                kind: PiiKind::Plate,
            });
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Home addresses

/// Characters (and the chinese numerals) that may number a building, unit or room.
fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || c.is_ascii_uppercase() || "一二三四五六七八九十〇零百".contains(c)
}

static UNIT_WORDS: LazyLock<Vec<Vec<char>>> =
    LazyLock::new(|| word_list("号楼 单元 幢 栋 座 室 户 楼 层"));
static ESTATES: LazyLock<Vec<Vec<char>>> =
    LazyLock::new(|| word_list("小区 花园 苑 公寓 新村 家园"));
/// Characters before a place name that end the going-back (they introduce the address).
static ADDRESS_STOPS: LazyLock<HashSet<char>> = LazyLock::new(|| {
    char_set(
        "在 于 住 址 至 到 往 从 是 为 系 的 与 及 或 对 将 把 某 号 等 其 即 称 籍 经 处 这 那 室 栋 幢",
    )
});

/// Building, unit and room detail starting at `p`: its end and whether it makes the address a
/// home address (`3幢`, `2单元`, `501室`, `3楼501`, `3-2-501`). `need_building` (the estate
/// form) requires a building first and then a unit or room.
fn parse_units(t: &Chars, mut p: usize, need_building: bool) -> Option<usize> {
    let mut end = None;
    let mut last_word: Option<&[char]> = None;
    let mut building = false;
    let mut unit_or_room = false;
    loop {
        let q = p;
        // 3-2-501(室): building-unit-room shorthand.
        if t.at(q).is_ascii_digit() {
            let mut r = t.digits_end(q);
            let mut dashes = 0;
            while t.at(r) == '-' && t.at(r + 1).is_ascii_digit() {
                r = t.digits_end(r + 1);
                dashes += 1;
            }
            if dashes >= 1
                && last_word.is_none()
                && (dashes >= 2 || t.at(r) == '室')
                && !need_building
            {
                if t.at(r) == '室' {
                    r += 1;
                }
                if t.at(r).is_ascii_alphanumeric() {
                    return None;
                }
                return Some(r);
            }
        }
        let mut r = q;
        while is_numeral(t.at(r)) {
            r += 1;
        }
        if r == q {
            break;
        }
        if let Some(w) = UNIT_WORDS.iter().find(|w| t.starts_with(r, w)) {
            let word: &[char] = w;
            match word {
                ['号', '楼'] | ['幢'] | ['栋'] | ['座'] => building = true,
                ['单', '元'] | ['室'] | ['户'] => unit_or_room = true,
                _ => {}
            }
            if need_building && end.is_none() && !building {
                return None;
            }
            p = r + word.len();
            last_word = Some(word);
            end = Some(p);
            continue;
        }
        // A bare room number after a unit or floor: 2单元501, 3楼501.
        let bare_digits = t.c[q..r].iter().all(char::is_ascii_digit);
        if bare_digits
            && (2..=4).contains(&(r - q))
            && !matches!(t.at(r), '号' | '米' | '元' | '-' | '.')
            && !t.at(r).is_ascii_alphanumeric()
            && matches!(
                last_word,
                Some(['单', '元'] | ['楼'] | ['层'] | ['幢'] | ['栋'] | ['号', '楼'])
            )
        {
            unit_or_room = true;
            end = Some(r);
        }
        break;
    }
    let ok = if need_building {
        building && unit_or_room
    } else {
        building || unit_or_room
    };
    if ok { end } else { None }
}

/// The first character of the place name that ends just before `s`.
fn place_start(t: &Chars, s: usize) -> usize {
    let mut b = s;
    while b > 0 && s - b < 20 {
        let ch = t.c[b - 1];
        if !is_han(ch) || ADDRESS_STOPS.contains(&ch) {
            break;
        }
        b -= 1;
    }
    b
}

fn scan_addresses(t: &Chars, out: &mut Vec<Span>) {
    let n = t.c.len();
    for i in 0..n {
        let ch = t.c[i];
        // Road form: the road suffix ends at i, a house number follows.
        let road_len = match ch {
            '路' | '街' | '巷' | '弄' | '里' => 1,
            '道' if t.before(i) == '大' => 2,
            '同' if t.before(i) == '胡' => 2,
            _ => 0,
        };
        if road_len > 0 && t.at(i + 1).is_ascii_digit() {
            let name_start = i + 1 - road_len;
            let start = place_start(t, name_start);
            if let Some(end) = road_address(t, i + 1)
                && start < name_start
            {
                out.push(Span {
                    start,
                    end,
                    kind: PiiKind::Address,
                });
            }
        }
        // Estate form: 小区/花园/… followed by building and unit or room.
        if let Some(w) = ESTATES.iter().find(|w| t.starts_with(i, w)) {
            let after = i + w.len();
            if is_numeral(t.at(after)) {
                let start = place_start(t, i);
                if start < i
                    && let Some(end) = parse_units(t, after, true)
                {
                    out.push(Span {
                        start,
                        end,
                        kind: PiiKind::Address,
                    });
                }
            }
        }
    }
}

/// House number and detail after a road name: `18号3幢2单元501室`. The end of the address.
fn road_address(t: &Chars, j: usize) -> Option<usize> {
    let mut p = t.digits_end(j);
    if t.at(p) == '-' && t.at(p + 1).is_ascii_digit() {
        p = t.digits_end(p + 1);
    }
    if t.at(p) == '弄' && t.at(p + 1).is_ascii_digit() {
        p = t.digits_end(p + 1);
        if t.at(p) == '-' && t.at(p + 1).is_ascii_digit() {
            p = t.digits_end(p + 1);
        }
    }
    if t.at(p) != '号' {
        return None;
    }
    p += 1;
    match t.at(p) {
        '院' => p += 1,
        // 18号楼3单元: the house number is the building's.
        '楼' => return parse_units(t, p + 1, false),
        _ => {}
    }
    // An estate name between the house number and the building: 18号和平小区3幢…
    if is_han(t.at(p)) {
        let mut q = p;
        while q < p + 10 && is_han(t.at(q)) {
            q += 1;
            if ESTATES
                .iter()
                .any(|w| q >= w.len() && t.c[q - w.len()..q] == w[..])
                && is_numeral(t.at(q))
            {
                return parse_units(t, q, false);
            }
        }
        return None;
    }
    parse_units(t, p, false)
}

// ---------------------------------------------------------------------------------------------
// Names

struct Surnames {
    single: HashSet<char>,
    compound: HashSet<[char; 2]>,
}

static SURNAMES: LazyLock<Surnames> = LazyLock::new(|| {
    let mut single = HashSet::new();
    let mut compound = HashSet::new();
    for line in include_str!("privacy/surnames.txt").lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let c: Vec<char> = line.chars().collect();
        match c[..] {
            [a] => {
                single.insert(a);
            }
            [a, b] => {
                compound.insert([a, b]);
            }
            _ => {}
        }
    }
    Surnames { single, compound }
});

/// Role words after which a name may follow.
const CUES: &str = "证人 见证人 证明人 在场人 邻居 邻人 店员 营业员 收银员 服务员 员工 雇员 工人 工友 厨师 保安 保洁员 \
    门卫 快递员 外卖员 司机 驾驶员 驾驶人 车主 负责人 法定代表人 法人代表 经营者 实际经营人 实际控制人 投资人 股东 \
    合伙人 委托代理人 代理人 联系人 经办人 投诉人 被投诉人 举报人 被举报人 受害人 被害人 报案人 申请人 被申请人 \
    第三人 利害关系人 客户 顾客 业主 房东 房主 户主 租户 承租人 出租人 摊主 店主 雇主 妻子 丈夫 配偶 爱人 儿子 女儿 父亲 母亲 \
    哥哥 姐姐 弟弟 妹妹 儿媳 女婿 孙子 孙女 亲属 家属 同事 朋友 路人 居民 村民 当事人 监护人 被监护人 未成年人 学生 \
    施工人员 工作人员 姓名";

/// Role words that may be followed by 为/是 before the name (法定代表人为张三).
const LINK_CUES: &str = "法定代表人 法人代表 负责人 联系人 经办人 委托代理人 代理人 经营者 实际经营人 实际控制人 投资人 \
    业主 房东 房主 户主 车主 监护人 承租人 出租人 当事人 姓名";

struct Cues {
    /// Cue words by their last character.
    by_last: HashMap<char, Vec<Vec<char>>>,
    link: HashSet<Vec<char>>,
}

static CUE_TABLE: LazyLock<Cues> = LazyLock::new(|| {
    let mut by_last: HashMap<char, Vec<Vec<char>>> = HashMap::new();
    for w in word_list(CUES) {
        by_last.entry(*w.last().expect("cue")).or_default().push(w);
    }
    for v in by_last.values_mut() {
        v.sort_by_key(|w| std::cmp::Reverse(w.len()));
    }
    Cues {
        by_last,
        link: word_list(LINK_CUES).into_iter().collect(),
    }
});

/// Characters that do not occur in given names: function words, and words of procedure and
/// place that follow a role word in decisions (当事人于当日, 经营者应当, 负责人表示).
static BAD_GIVEN: LazyLock<HashSet<char>> = LazyLock::new(|| {
    char_set(
        "的 了 着 过 均 则 亦 到 在 于 对 向 从 自 与 和 及 或 并 且 而 但 却 等 是 为 系 有 无 不 没 未 也 都 就 又 再 已 曾 要 会 能 可 以 \
         其 之 所 此 该 这 那 个 们 人 者 某 日 月 年 时 分 秒 号 元 米 称 说 表 示 因 由 按 依 据 经 即 后 前 上 下 内 外 处 罚 \
         款 违 规 责 令 改 拆 除 执 法 请 当 应 将 把 被 让 给 吗 呢 吧 啊 哪 谁 什 么 怎 样 些 每 各 另 位 次 部 门 单 机 关 \
         府 局 队 站 点 件 条 项 第 批 准 申 诉 讼 议 审 核 查 检 测 拒 绝 认 识 记 录 签 署 提 交 施 工 设 置 占 用 路 街 区 \
         市 县 省 乡 村 店 铺 面 理 营 务 作 产 品 物 料 车 辆 午 晚 早 夜 今 昨 场 地 况 问 题 知 告 随 仍 只 还 才 便 很 最 \
         更 太 非 证 具 份 名 称 式 面 额 费 收 付 缴 纳 欠 告 诫 止 停 擅 拆 未 经 许 可 及 时 理 整 改 配 合 调 查 询 \
         问 笔 录 现 场 照 片 视 频 节 期 同 意 签 字 确 认 陈 述 申 辩 听 证 复 议 起 诉 讼 执 行 决",
    )
});

/// Characters that end a name by themselves (all of them also in `BAD_GIVEN`).
static FOLLOW1: LazyLock<HashSet<char>> = LazyLock::new(|| {
    char_set(
        "在 于 称 说 因 将 等 的 与 和 及 系 是 为 到 从 向 对 把 被 已 也 都 曾 均 未 不 没 并 就 又 即 则 拒 之 所 了 仍 还 亦 便",
    )
});

/// Words that typically follow a name (证人张三表示).
static FOLLOW2: LazyLock<HashSet<[char; 2]>> = LazyLock::new(|| {
    "表示 承认 驾驶 驾车 经营 陈述 证实 证明 作证 反映 投诉 举报 提出 提供 提交 出具 出示 拨打 报警 报案 确认 同意 居住 \
     住在 住址 现住 介绍 告知 告诉 持有 签字 签名 签署 当场 当即 当日 当天 随即 随后 多次 离开 看到 看见 发现 目睹 负责 \
     一直 一起 一同 一家 家中 家住 家属 夫妇 夫妻 父子 母子 本人 自述 自称 见到 听到 要求 请求 委托 雇用 雇佣 租用 \
     承租 出租 身份 年龄 电话 手机 联系 住所 户籍 核对 核实 签收 陪同 代为 前来 前往 接受 领取 \
     辨认 指认 参与 参加 认可"
        .split_whitespace()
        .filter_map(|w| {
            let c: Vec<char> = w.chars().collect();
            (c.len() == 2).then(|| [c[0], c[1]])
        })
        .collect()
});

/// A one-character "given name" that is really a title or kinship word (王总, 李工, 张姐).
static TITLE1: LazyLock<HashSet<char>> = LazyLock::new(|| {
    char_set(
        "总 工 姐 哥 叔 婶 姨 伯 爷 奶 嫂 某 氏 老 师 董 局 处 科 所 队 主 经 女 先 姓 家 父 母 妈 爸 娘 兄 弟 妹 宝 少 生 士",
    )
});

/// Two-character titles after a surname (张先生, 李师傅).
static TITLE2: LazyLock<HashSet<Vec<char>>> = LazyLock::new(|| {
    word_list(
        "先生 女士 小姐 师傅 师父 老板 老师 经理 队长 主任 科长 处长 所长 局长 站长 书记 医生 同学 同志 律师 会计 总监 \
         董事 阿姨 大爷 大妈 大姐 大哥 大叔 大娘 大婶 老太 老汉 老伯 某某 警官 教授 院长 校长 厂长 村长 组长 班长 店长 \
         总经 工长 主管 部长 社长 行长 园长 馆长 会长 家人 一家 姓氏",
    )
    .into_iter()
    .collect()
});

static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

/// Jieba tags of given names that are not names: adverbs, prepositions, conjunctions,
/// particles, pronouns, numerals, measure words, locality words. (Not time words: 国庆 is a
/// common given name; 当日, 上午 and the like are caught by `BAD_GIVEN`.)
const NON_NAME_TAGS: [&str; 11] = ["d", "p", "c", "u", "r", "m", "q", "f", "ad", "uj", "ul"];

/// Jieba tags that a whole candidate may have and still be a name: person, place and
/// organisation names (江波, 白洋 are words too).
const NAME_LIKE_TAGS: [&str; 4] = ["nr", "ns", "nt", "nz"];

/// Whether jieba knows `word` as one word with a tag for which `pred` holds.
fn dictionary_word(word: &str, pred: impl Fn(&str) -> bool) -> bool {
    let tags = JIEBA.tag(word, false);
    matches!(tags[..], [ref one] if one.word == word && pred(one.tag))
}

/// Whether a candidate (surname + given name) is a common word rather than a name. jieba's
/// dictionary tags many two-character words as person names (张贴, 师傅, 查明, 周转), so a
/// two-character candidate that is in the dictionary at all is taken for a word; a longer one
/// only when its tag is not that of a name.
fn is_common_word(name: &str, given: &str, given_len: usize) -> bool {
    let name_is_word = if given_len == 1 && name.chars().count() == 2 {
        dictionary_word(name, |_| true)
    } else {
        dictionary_word(name, |tag| {
            !NAME_LIKE_TAGS.iter().any(|n| tag.starts_with(n))
        })
    };
    name_is_word || (given_len == 2 && dictionary_word(given, |tag| NON_NAME_TAGS.contains(&tag)))
}

enum NameAt {
    /// A name ending here.
    Found(usize),
    /// A public name ending here.
    Allowed(usize),
    None,
}

/// A surname + given name starting at `p` (see [`scan`]); `agrees` has the last word on a
/// candidate ending at the given index.
fn name_at(t: &Chars, p: usize, allowed: &Allowed, agrees: impl Fn(usize) -> bool) -> NameAt {
    let mut surname_lens = Vec::with_capacity(2);
    if SURNAMES.compound.contains(&[t.at(p), t.at(p + 1)]) {
        surname_lens.push(2);
    }
    if SURNAMES.single.contains(&t.at(p)) {
        surname_lens.push(1);
    }
    for sl in surname_lens {
        let gs = p + sl;
        for gl in [2, 1] {
            let given = &t.c[gs.min(t.c.len())..(gs + gl).min(t.c.len())];
            if given.len() != gl || !given.iter().all(|&c| is_han(c)) {
                continue;
            }
            if given[0] == '某' || given.iter().any(|c| BAD_GIVEN.contains(c)) {
                continue;
            }
            if (gl == 1 && TITLE1.contains(&given[0])) || (gl == 2 && TITLE2.contains(given)) {
                continue;
            }
            let e = gs + gl;
            let next = t.at(e);
            if gl == 2 && FOLLOW2.contains(&[given[1], next]) {
                continue;
            }
            let boundary = e >= t.c.len()
                || !is_han(next)
                || FOLLOW1.contains(&next)
                || FOLLOW2.contains(&[next, t.at(e + 1)]);
            if !boundary {
                continue;
            }
            let name = t.string(p, e);
            if allowed.names.contains(&name) {
                return NameAt::Allowed(e);
            }
            let given: String = given.iter().collect();
            if is_common_word(&name, &given, gl) || !agrees(e) {
                continue;
            }
            return NameAt::Found(e);
        }
    }
    NameAt::None
}

fn scan_names(t: &Chars, allowed: &Allowed, out: &mut Vec<Span>) {
    let cues = &*CUE_TABLE;
    for i in 0..t.c.len() {
        let Some(words) = cues.by_last.get(&t.c[i]) else {
            continue;
        };
        let Some(cue) = words
            .iter()
            .find(|w| i + 1 >= w.len() && t.c[i + 1 - w.len()..=i] == w[..])
        else {
            continue;
        };
        let cue_start = i + 1 - cue.len();
        let mut p = i + 1;
        if matches!(t.at(p), ':' | ' ') {
            p += 1;
            while t.at(p) == ' ' {
                p += 1;
            }
        } else if matches!(t.at(p), '为' | '是') && cues.link.contains(cue) {
            p += 1;
        }
        let mut first = true;
        loop {
            let cue_span = first.then_some((cue_start, i + 1));
            let e = match name_at(t, p, allowed, |e| jieba_agrees(t, cue_span, p, e)) {
                NameAt::Found(e) => {
                    out.push(Span {
                        start: p,
                        end: e,
                        kind: PiiKind::PersonName,
                    });
                    e
                }
                NameAt::Allowed(e) => e,
                NameAt::None => break,
            };
            first = false;
            // 证人张三、李四称: the next name in a list.
            if matches!(t.at(e), '、' | '和' | '及' | '与' | ',') {
                p = e + 1;
            } else {
                break;
            }
        }
    }
}

/// Surnames that are also everyday function words (向 "towards", 于 "at", 曾 "once", 方 …):
/// a name with one of these must also end where jieba ends a word (not 向联系人, 向/联系人).
static AMBIGUOUS_SURNAMES: LazyLock<HashSet<char>> = LazyLock::new(|| {
    char_set(
        "向 于 曾 方 常 时 全 应 成 安 文 明 高 万 从 任 和 平 关 尚 丰 满 连 强 花 海 单 解 计 宁",
    )
});

/// Whether jieba, cutting the text around a candidate, agrees that the role word stands on its
/// own: no longer word swallows it (居民楼), and it starts or ends a word, or the name starts
/// one (not so for 邻居 in 相邻居民楼, cut 相邻/居民楼). jieba often joins a role's last
/// character to the surname (投诉/人马/琴, 房/东吴/琴), so any one of those boundaries will
/// do. With an ambiguous surname the name must also end a word. `cue` is `None` for the
/// second name of a list.
fn jieba_agrees(
    t: &Chars,
    cue: Option<(usize, usize)>,
    name_start: usize,
    name_end: usize,
) -> bool {
    let ambiguous = AMBIGUOUS_SURNAMES.contains(&t.c[name_start]);
    let Some((cue_start, cue_end)) = cue else {
        return !ambiguous
            || words(t, name_start.saturating_sub(2), name_end)
                .iter()
                .any(|w| w.1 == name_end);
    };
    let words = words(t, cue_start.saturating_sub(4), name_end);
    let ends = |b: usize| words.iter().any(|w| w.1 == b);
    let swallowed = words.iter().any(|&(a, b)| a <= cue_start && b > cue_end);
    let stands = cue_start == 0 || ends(cue_start) || ends(cue_end) || ends(name_start);
    !swallowed && stands && (!ambiguous || ends(name_end))
}

/// The words (character spans) as jieba cuts `c[from..name_end + 2]`.
fn words(t: &Chars, from: usize, name_end: usize) -> Vec<(usize, usize)> {
    let to = (name_end + 2).min(t.c.len());
    let window = t.string(from, to);
    JIEBA
        .cut(&window, false)
        .iter()
        .map(|w| (w.start + from, w.end + from))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    fn found<'a>(text: &'a str, allowed: &Allowed) -> Vec<(PiiKind, &'a str)> {
        scan(text, allowed)
            .into_iter()
            .map(|f| (f.kind, &text[f.start..f.end]))
            .collect()
    }

    fn none() -> Allowed {
        Allowed::default()
    }

    fn kinds(text: &str) -> Vec<PiiKind> {
        scan(text, &none()).into_iter().map(|f| f.kind).collect()
    }

    /// Asserts that `text` has exactly one finding, of `kind`, covering `item`.
    #[track_caller]
    fn one(text: &str, kind: PiiKind, item: &str) {
        assert_eq!(found(text, &none()), vec![(kind, item)], "in {text:?}");
    }

    #[track_caller]
    fn nothing(text: &str) {
        assert_eq!(found(text, &none()), vec![], "in {text:?}");
    }

    // ---- 身份证号 --------------------------------------------------------------------------

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

    #[test]
    fn emails() {
        one("邮箱zhangsan@163.com。", PiiKind::Email, "zhangsan@163.com");
        one(
            "邮箱：li.si_1990@qq.com；",
            PiiKind::Email,
            "li.si_1990@qq.com",
        );
        one(
            "E-mail:user+tag@sub.mail.example.org.",
            PiiKind::Email,
            "user+tag@sub.mail.example.org",
        );
        one("邮箱kefu＠example.com", PiiKind::Email, "kefu＠example.com");
        nothing("@某某 a@b 微博@城管 user@localhost");
        let mut a = Allowed::default();
        a.email("GongKai@cgzf.example.gov.cn");
        assert_eq!(found("gongkai@CGZF.example.gov.cn", &a), vec![]);
        assert_eq!(found("gongkai2@cgzf.example.gov.cn", &a).len(), 1);
    }

    // ---- 车牌号 ----------------------------------------------------------------------------

    #[test]
    fn plates() {
        one("车牌浙A·12345的", PiiKind::Plate, "浙A·12345");
        one("车牌浙A12345，", PiiKind::Plate, "浙A12345");
        one("车牌浙A 12345", PiiKind::Plate, "浙A 12345");
        one("车牌沪B•6G789", PiiKind::Plate, "沪B•6G789");
        one("粤B·D12345号新能源车", PiiKind::Plate, "粤B·D12345");
        one("京AD12345", PiiKind::Plate, "京AD12345");
        one("苏E12345F", PiiKind::Plate, "苏E12345F");
        one("教练车鲁A1234学", PiiKind::Plate, "鲁A1234学");
        one("挂车冀B5678挂", PiiKind::Plate, "冀B5678挂");
        one("警车京A0123警", PiiKind::Plate, "京A0123警");
    }

    #[test]
    fn plate_lookalikes_are_not_plates() {
        nothing("浙A·***45、浙A·1**45、沪C××123、浙A·XXX45");
        nothing("浙A123456"); // six characters, not a new-energy plate
        nothing("浙A1234"); // too short
        nothing("浙A12345X");
        nothing("浙a12345");
        nothing("浙江省、新A380客机、粤ICP备12345678号、浙B2-20080224");
    }

    // ---- 详细住址 --------------------------------------------------------------------------

    #[test]
    fn home_addresses() {
        one(
            "住锦绣路18号3幢2单元501室。",
            PiiKind::Address,
            "锦绣路18号3幢2单元501室",
        );
        one(
            "住址：和平里小区5号楼301室",
            PiiKind::Address,
            "和平里小区5号楼301室",
        );
        one(
            "家住新城区锦绣路18号3栋502室，",
            PiiKind::Address,
            "新城区锦绣路18号3栋502室",
        );
        one(
            "位于人民大道99号A座1203室的",
            PiiKind::Address,
            "人民大道99号A座1203室",
        );
        one(
            "居住在长乐路100弄5号602室",
            PiiKind::Address,
            "长乐路100弄5号602室",
        );
        one(
            "住在文化路22-1号2单元402室",
            PiiKind::Address,
            "文化路22-1号2单元402室",
        );
        one(
            "家住光华巷7号3-2-501，",
            PiiKind::Address,
            "光华巷7号3-2-501",
        );
        one(
            "住建设路3号1栋4楼402",
            PiiKind::Address,
            "建设路3号1栋4楼402",
        );
        one(
            "在滨河路66号和平小区3幢二单元1201室",
            PiiKind::Address,
            "滨河路66号和平小区3幢二单元1201室",
        );
        one(
            "住所为江滨花园12幢1单元1102室",
            PiiKind::Address,
            "江滨花园12幢1单元1102室",
        );
        one(
            "住东四胡同12号院3号楼2单元",
            PiiKind::Address,
            "东四胡同12号院3号楼2单元",
        );
    }

    #[test]
    fn business_addresses_are_not_home_addresses() {
        nothing("当事人在新城区锦绣路18号经营便利店");
        nothing("在锦绣路18号门前约3米处");
        nothing("在锦绣路18号3楼经营茶室");
        nothing("锦绣路18号楼下");
        nothing("锦绣路18号楼一层商铺");
        nothing("建设路3号院内");
        nothing("江滨花园小区门口");
        nothing("江滨花园12幢楼下"); // an estate form needs a unit or room after the building
        let mut a = Allowed::default();
        a.address("示例市东湖区和平路6号2号楼301室");
        assert_eq!(
            found("来访请至示例市东湖区和平路6号2号楼301室。", &a),
            vec![]
        );
        assert_eq!(found("请至和平路6号2号楼301室信访窗口", &a), vec![]);
        assert_eq!(found("住和平路6号2号楼302室", &a).len(), 1);
    }

    // ---- 他人姓名 --------------------------------------------------------------------------

    #[test]
    fn names_after_role_words() {
        one("证人王小明称", PiiKind::PersonName, "王小明");
        one("证人：王小明。", PiiKind::PersonName, "王小明");
        one("邻居 李华在场", PiiKind::PersonName, "李华");
        one("房东欧阳娜娜表示", PiiKind::PersonName, "欧阳娜娜");
        one("法定代表人为陈建国，", PiiKind::PersonName, "陈建国");
        one("驾驶人冯伟承认", PiiKind::PersonName, "冯伟");
        one("当事人张三于2023年", PiiKind::PersonName, "张三");
        one("投诉人郑晓燕反映", PiiKind::PersonName, "郑晓燕");
        one("由经办人何静核对", PiiKind::PersonName, "何静");
        one("联系人：韩梅梅", PiiKind::PersonName, "韩梅梅");
        assert_eq!(
            found("证人钱小红、孙丽在场", &none()),
            vec![
                (PiiKind::PersonName, "钱小红"),
                (PiiKind::PersonName, "孙丽")
            ]
        );
    }

    #[test]
    fn role_words_followed_by_other_words_are_not_names() {
        nothing("当事人对上述事实无异议");
        nothing("当事人于2023年3月5日、当事人于当日、当事人于上午9时");
        nothing("当事人未在期限内改正");
        nothing("经营者应当履行义务");
        nothing("负责人表示配合");
        nothing("驾驶人员应当密闭运输");
        nothing("当事人管理的门店、当事人为单位的、当事人为方便经营、当事人为施工单位");
        nothing("当事人严格按照要求、当事人全部清除、当事人马上停止");
        nothing("相邻居民楼窗户、负责人民路街道、联系人向联系人明确");
        nothing("业主张贴的告示、当事人张贴的广告、司机师傅称、房东方面表示、司机关闭了");
    }

    #[test]
    fn anonymised_names_titles_and_public_names_are_not_reported() {
        nothing("当事人张某、证人欧阳某、邻居张某某称");
        nothing("证人王先生称，店主李师傅表示，房东刘女士，司机王某");
        nothing("证人张某三"); // not anonymised, but 某 as a given name is not a name we can read
        let mut a = Allowed::default();
        a.name("李明");
        assert_eq!(found("经办人李明核对", &a), vec![]);
        assert_eq!(
            found("经办人李明、王五核对", &a),
            vec![(PiiKind::PersonName, "王五")]
        );
    }

    #[test]
    fn anonymised_name_forms() {
        for yes in ["张某", "欧阳某", "张某某", "欧阳某某", "禤某"] {
            assert!(is_anonymised_name(yes), "{yes}");
        }
        for no in [
            "张三",
            "某某",
            "张",
            "张某三",
            "某",
            "",
            "欧阳",
            "A某",
            "张某某某",
            "张三某",
        ] {
            assert!(!is_anonymised_name(no), "{no}");
        }
    }

    // ---- the whole ----------------------------------------------------------------------

    #[test]
    fn kinds_have_chinese_labels_hints_and_codes() {
        for kind in PiiKind::ALL {
            assert!(kind.label().chars().all(is_han), "{kind:?}");
            assert!(kind.hint().chars().any(is_han), "{kind:?}");
            assert_eq!(PiiKind::from_code(kind.code()), Some(kind));
        }
        assert_eq!(PiiKind::IdNumber.label(), "身份证号");
        assert_eq!(PiiKind::PersonName.label(), "他人姓名");
    }

    #[test]
    fn tables_are_consistent() {
        assert!(
            SURNAMES.single.len() >= 300,
            "{} single surnames",
            SURNAMES.single.len()
        );
        assert!(
            SURNAMES.compound.len() >= 40,
            "{} compound surnames",
            SURNAMES.compound.len()
        );
        for c in FOLLOW1.iter() {
            assert!(
                BAD_GIVEN.contains(c),
                "{c} ends a name but could be part of one"
            );
        }
        assert!(!SURNAMES.single.contains(&'某'));
    }

    #[test]
    fn findings_are_sorted_disjoint_and_on_char_boundaries() {
        // A small deterministic fuzz over characters the scanners care about.
        let alphabet: Vec<char> =
            "0123456789 -+()（）·*@.Xx号路室幢单元小区浙A张王某证人称于的，。、\n138１"
                .chars()
                .collect();
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..3000 {
            let len = (next() % 60) as usize;
            let text: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            let fs = scan(&text, &none());
            for w in fs.windows(2) {
                assert!(w[0].end <= w[1].start, "{text:?}: {fs:?}");
            }
            for f in &fs {
                assert!(
                    f.start < f.end
                        && text.is_char_boundary(f.start)
                        && text.is_char_boundary(f.end)
                );
            }
        }
    }

    #[test]
    fn mixed_text_reports_each_item_once_in_order() {
        let text = "当事人张某（身份证号110105199003071239，手机13812345678，邮箱a.b@qq.com）驾驶浙A·12345，\
                    住锦绣路18号3幢2单元501室，证人王小明称其银行卡号为6222021234567890128。";
        let got: Vec<PiiKind> = kinds(text);
        assert_eq!(
            got,
            vec![
                PiiKind::IdNumber,
                PiiKind::Phone,
                PiiKind::Email,
                PiiKind::Plate,
                PiiKind::Address,
                PiiKind::PersonName,
                PiiKind::BankCard
            ]
        );
        assert!(scan("", &none()).is_empty());
    }

    // ---- sample site --------------------------------------------------------------------

    fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("read content dir")
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                markdown_files(&p, out);
            } else if p.extension().is_some_and(|e| e == "md") {
                out.push(p);
            }
        }
    }

    fn front_matter(text: &str) -> Option<&str> {
        let rest = text.strip_prefix("+++")?;
        let end = rest.find("\n+++")?;
        Some(&rest[..end])
    }

    fn sample_allowed(content: &Path) -> Allowed {
        let mut allowed = Allowed::default();
        let site_text = std::fs::read_to_string(content.join("site.toml")).expect("site.toml");
        let site: toml::Value = toml::from_str(&site_text).expect("site.toml parses");
        for h in site
            .get("hotlines")
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
        {
            if let Some(n) = h.get("number").and_then(|v| v.as_str()) {
                allowed.phone(n);
            }
        }
        for e in site
            .get("emails")
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str())
        {
            allowed.email(e);
        }
        for a in site
            .get("addresses")
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str())
        {
            allowed.address(a);
        }
        let mut agencies = Vec::new();
        markdown_files(&content.join("agencies"), &mut agencies);
        assert!(
            !agencies.is_empty(),
            "no agencies under {}",
            content.display()
        );
        for path in agencies {
            let text = std::fs::read_to_string(&path).expect("agency file");
            let fm: toml::Value = toml::from_str(front_matter(&text).expect("front matter"))
                .expect("front matter parses");
            let s = |k: &str| fm.get(k).and_then(|v| v.as_str());
            for k in ["phone", "complaint_phone"] {
                if let Some(v) = s(k) {
                    allowed.phone(v);
                }
            }
            if let Some(v) = s("email") {
                allowed.email(v);
            }
            if let Some(v) = s("address") {
                allowed.address(v);
            }
            for staff in fm
                .get("staff")
                .and_then(|v| v.as_array())
                .into_iter()
                .flatten()
            {
                if let Some(n) = staff.get("name").and_then(|v| v.as_str()) {
                    allowed.name(n);
                }
            }
        }
        allowed
    }

    /// Line and column (in characters, from 1) of a byte offset.
    fn line_col(text: &str, at: usize) -> (usize, usize) {
        let before = &text[..at];
        let line = before.matches('\n').count() + 1;
        let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
            .chars()
            .count()
            + 1;
        (line, col)
    }

    // ---- planted corpus -----------------------------------------------------------------

    /// The corpus without its `⟦kind:text⟧` markers, and the marked spans.
    fn strip_markers(marked: &str) -> (String, Vec<(usize, usize, PiiKind)>) {
        let mut text = String::with_capacity(marked.len());
        let mut spans = Vec::new();
        let mut rest = marked;
        while let Some(open) = rest.find('⟦') {
            text.push_str(&rest[..open]);
            let inner = &rest[open + '⟦'.len_utf8()..];
            let close = inner.find('⟧').expect("unclosed ⟦");
            let (code, item) = inner[..close].split_once(':').expect("⟦kind:text⟧");
            let kind = PiiKind::from_code(code).unwrap_or_else(|| panic!("unknown kind {code}"));
            spans.push((text.len(), text.len() + item.len(), kind));
            text.push_str(item);
            rest = &inner[close + '⟧'.len_utf8()..];
        }
        text.push_str(rest);
        (text, spans)
    }

    fn corpus_allowed() -> Allowed {
        let mut a = Allowed::default();
        for p in ["12345", "12319", "0000-12319001", "(0571) 8888 1234"] {
            a.phone(p);
        }
        a.email("gongkai@cgzf.example.gov.cn");
        a.address("示例市滨江区政务大道1号");
        a.address("示例市东湖区和平路6号2号楼301室");
        a.name("李明");
        a.name("王海燕");
        a
    }

    #[test]
    fn planted_corpus_is_found_exactly() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pii/corpus.txt");
        let marked = std::fs::read_to_string(&path).expect("corpus");
        assert!(
            marked.lines().count() >= 60,
            "the corpus needs at least 60 lines"
        );
        let (text, expected) = strip_markers(&marked);
        for kind in PiiKind::ALL {
            let n = expected.iter().filter(|e| e.2 == kind).count();
            assert!(n >= 6, "only {n} planted {}", kind.code());
        }
        let got: Vec<(usize, usize, PiiKind)> = scan(&text, &corpus_allowed())
            .into_iter()
            .map(|f| (f.start, f.end, f.kind))
            .collect();
        let describe = |&(s, e, k): &(usize, usize, PiiKind)| {
            format!(
                "line {}: {} {:?}",
                line_col(&text, s).0,
                k.code(),
                &text[s..e]
            )
        };
        let mut report = Vec::new();
        for e in expected.iter().filter(|e| !got.contains(e)) {
            report.push(format!("missed {}", describe(e)));
        }
        for g in got.iter().filter(|g| !expected.contains(g)) {
            report.push(format!("extra  {}", describe(g)));
        }
        assert!(
            report.is_empty(),
            "{} differences:\n{}",
            report.len(),
            report.join("\n")
        );
    }

    #[test]
    fn sample_site_has_no_findings() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let allowed = sample_allowed(&content);
        let mut files = Vec::new();
        markdown_files(&content, &mut files);
        assert!(
            files.len() > 100,
            "expected the sample content, found {} files",
            files.len()
        );
        let mut report = Vec::new();
        for path in &files {
            let text = std::fs::read_to_string(path).expect("content file");
            for f in scan(&text, &allowed) {
                let (line, col) = line_col(&text, f.start);
                report.push(format!(
                    "{}:{line}:{col}: {} {:?}",
                    path.display(),
                    f.kind.label(),
                    &text[f.start..f.end]
                ));
            }
        }
        assert!(
            report.is_empty(),
            "{} findings in the sample content:\n{}",
            report.len(),
            report.join("\n")
        );
    }
}
