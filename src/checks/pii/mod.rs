//! Personal-data guard (个人信息检查): finds personal data that must never be published.
//!
//! 政府信息公开条例 art. 16, the courts' 2016 rules on publishing judgments (art. 10) and PIPL
//! art. 28: a published decision names natural persons as surname + 某 and carries no ID or
//! passport number, contact detail (phone, e-mail, WeChat, QQ), bank account, home address,
//! vehicle plate or VIN, property certificate number, health detail, anything about a minor,
//! or name of anyone other than the party. This module finds those in plain text and nothing
//! else: no I/O and no knowledge of the content model. [`scan`] takes a text and the agency's
//! own public contact data ([`Allowed`]) and returns byte spans; the caller turns them into
//! diagnostics. One file per detector; `kinds.rs` has the categories, `labels.rs` the label
//! lookup the labelled detectors share.
//!
//! The scanner works on characters, not bytes: full-width ASCII (`１３８`, `（０５７１）`,
//! `＠`) is read as its half-width form, so a number typed in a Chinese input method is found
//! too. Spans are still byte offsets into the original text.
//!
//! What each kind means, precisely:
//!
//! - **身份证号** ([`PiiKind::IdNumber`], `numbers.rs`): 18 characters (17 digits + digit or
//!   `X`/`x`) whose GB 11643-1999 check character is right and whose birth date (characters
//!   7–14) is a real date in 1900–2099 and area code starts with 1–8; or the same with a wrong
//!   check character when the province code exists (a typo'd ID is still an ID; an all-digit
//!   统一社会信用代码 with its own valid check character is not one); or 15 digits (old format)
//!   with a real 19YYMMDD date that is not a valid 15-digit 工商注册号 (MOD 11,10). Also written
//!   as 6-8-4 groups separated by spaces or hyphens.
//! - **电话号码** ([`PiiKind::Phone`]): a mainland mobile (`1[3-9]` + 9 digits, or 3-4-4 groups
//!   separated by spaces, hyphens or dots), optionally after `+86`, `86`, `0086` or `(+86)`; a
//!   landline with an area code (`0` + 2–3 digits, optionally in parentheses, or without its 0
//!   after +86), a `-`, `—`, space or nothing, and a 7–8 digit local number (optionally as two
//!   groups), with an optional `-` or `转` extension. A phone whose digits are an
//!   [`Allowed::phone`] is not reported.
//! - **银行卡号** ([`PiiKind::BankCard`]): 16–19 digits (or 4-digit groups separated by spaces or
//!   hyphens) starting with 3, 4, 5, 6 or 9 and passing the Luhn check, and not an ID number
//!   nor an all-digit 统一社会信用代码 with a valid GB 32100-2015 check character; or, after 账号,
//!   账户, 卡号, any 12–25 digits (accounts have no Luhn digit).
//! - Any of these three broken by a line break (pasted text) is read through it, when the
//!   joined digits pass the same test.
//! - **电子邮箱** ([`PiiKind::Email`]): `local@domain.tld`, unless an [`Allowed::email`].
//! - **车牌号** ([`PiiKind::Plate`]): province abbreviation + (space) letter + optional
//!   separator (`·` `•` `・` `.` `-` space) + 5 characters with at least 3 digits, or 6
//!   characters of a new-energy plate (D/F first, or last after 5 digits), or 4 characters +
//!   挂/学/警/港/澳. A plate with `*` or `×` in it is masked and not reported.
//! - **车辆识别代号** ([`PiiKind::Vin`], `vins.rs`): 17 VIN characters with a valid ninth check
//!   digit, anywhere.
//! - **护照或通行证号码** ([`PiiKind::Passport`], `passports.rs`), **微信号** (`wechat.rs`),
//!   **QQ号** (`qq.rs`): only after their labels (护照, 通行证, 台胞证; 微信, VX; QQ, 扣扣), as the
//!   numbers alone look like many others; a `wxid_` id anywhere.
//! - **不动产权证号** ([`PiiKind::PropertyCert`], `property.rs`): a `第…号` shortly after
//!   不动产权, 房权证, 国用, 集用 and the like.
//! - **详细住址** ([`PiiKind::Address`]): after a word that says a person lives there (住, 家住,
//!   现住址, 户籍地址, 送达地址 …, `residences.rs`), any address with a number; and anywhere, a
//!   road with a house number followed by building, unit or room detail, or an estate with a
//!   building and a unit or room (`addresses.rs`). A road and number alone is a place (a shop,
//!   the place of the violation) and is not reported; after 住所 or without a residence word,
//!   an address in a company's context (公司, 统一社会信用代码 in its line or the two before) is
//!   the company's seat and is not reported either. Anything inside an occurrence of an
//!   [`Allowed::address`] is not reported.
//! - **他人姓名** and **亲属姓名** ([`PiiKind::PersonName`], [`PiiKind::Relative`], `names.rs`):
//!   see [`scan`] for the rule; after a kinship word (其妻, 儿子, 岳父 …) the name is a
//!   relative's.
//! - **健康状况** ([`PiiKind::Health`], `health.rs`): from a word that only speaks of a person's
//!   health (患有, 确诊, 怀孕, 住院, 透析, 系…残疾 …) to the end of its clause.
//! - **未成年人信息** ([`PiiKind::Minor`], `minors.rs`): an age under 18 or a birth date with a
//!   school, grade or class in its sentence, or an age under 18 after a word for a child.
//!
//! Performance: one pass per kind over a character array, each pass linear (look-backs and
//! look-aheads are bounded); every table is built once (`LazyLock`). Jieba is loaded only when
//! a name candidate needs checking.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use jieba_rs::Jieba;

mod addresses;
mod checksums;
#[cfg(test)]
mod corpus;
mod emails;
mod health;
mod kinds;
mod labels;
mod minors;
mod names;
mod numbers;
mod passports;
mod plates;
mod property;
mod qq;
mod residences;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;
mod vins;
mod wechat;

use addresses::scan_addresses;
use emails::scan_emails;
use health::scan_health;
pub use kinds::PiiKind;
use minors::scan_minors;
use names::{SURNAMES, scan_names};
use numbers::{is_mobile, scan_numbers};
use passports::scan_passports;
use plates::scan_plates;
use property::scan_property;
use qq::scan_qq;
use residences::scan_residences;
use vins::scan_vins;
use wechat::scan_wechat;

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
    scan_residences(&t, &mut raw);
    scan_names(&t, allowed, &mut raw);
    scan_passports(&t, &mut raw);
    scan_wechat(&t, &mut raw);
    scan_qq(&t, &mut raw);
    scan_vins(&t, &mut raw);
    scan_property(&t, &mut raw);
    scan_health(&t, &mut raw);
    scan_minors(&t, &mut raw);

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

    /// Whether one of `words` ends at `i`, after going back over at most `gap` characters of
    /// `skip` (a label before a value: `账号：`, `微信号为`).
    fn label_before(&self, i: usize, words: &[Vec<char>], skip: &str, gap: usize) -> bool {
        let mut e = i;
        while e > 0 && i - e < gap && skip.contains(self.c[e - 1]) {
            e -= 1;
        }
        words
            .iter()
            .any(|w| e >= w.len() && self.c[e - w.len()..e] == w[..])
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

/// A set of characters tested for every character of every file: one bit per character of the
/// Basic Multilingual Plane (8 KB), a hash set for the rest. A hash lookup per character made
/// the detectors that look for a word's last character cost as much as all the others.
pub(super) struct CharSet {
    bits: Box<[u64; 1024]>,
    rest: HashSet<char>,
}

impl CharSet {
    pub(super) fn new(chars: impl IntoIterator<Item = char>) -> CharSet {
        let mut set = CharSet {
            bits: Box::new([0; 1024]),
            rest: HashSet::new(),
        };
        for c in chars {
            let u = c as usize;
            if u < 65536 {
                set.bits[u >> 6] |= 1 << (u & 63);
            } else {
                set.rest.insert(c);
            }
        }
        set
    }

    #[inline]
    pub(super) fn contains(&self, c: char) -> bool {
        let u = c as usize;
        if u < 65536 {
            self.bits[u >> 6] >> (u & 63) & 1 == 1
        } else {
            self.rest.contains(&c)
        }
    }
}

fn char_set(s: &str) -> HashSet<char> {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn word_list(s: &str) -> Vec<Vec<char>> {
    s.split_whitespace().map(|w| w.chars().collect()).collect()
}
