//! Money amounts written the ways people and statutes write them: 二百元, 两千块, 一千五百元,
//! 五千块钱, 2,000元, 1.5万元, 5万块. The bigram tokenizer adds one whole-number token (`#2000`)
//! for every amount in a document, whatever its form, and a query's amounts are rewritten to
//! digits before analysis ([`normalize_query`]) and searched by that token, so 罚款两千块 finds
//! 处二千元以上 and 罚款2,000元 alike. Only numbers followed by 元 or 块 are amounts: 千万不要,
//! 一般 and 三包 are words, not numbers.

/// One amount found in a text: the character range of its number (without the 元/块) and its
/// value in yuan, rounded down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount {
    /// First character of the number (a char index, not a byte offset).
    pub start: usize,
    /// One past the number's last character.
    pub end: usize,
    pub value: u64,
    /// The number was written as plain ASCII digits only (`2000元`): the digit run already
    /// carries its whole-number token.
    pub plain_digits: bool,
}

/// A Chinese numeral digit's value (小写 and 大写 forms).
fn digit(c: char) -> Option<u64> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' => 1,
        '二' | '两' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// A Chinese numeral unit below 万.
fn small_unit(c: char) -> Option<u64> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

fn big_unit(c: char) -> Option<u64> {
    Some(match c {
        '万' => 10_000,
        '亿' => 100_000_000,
        _ => return None,
    })
}

fn is_numeral(c: char) -> bool {
    digit(c).is_some() || small_unit(c).is_some() || big_unit(c).is_some()
}

/// The value of a Chinese numeral: 二百 200, 两千 2000, 一千五百 1500, 十五 15, 一万二千 12000,
/// and the spoken shorthand 一千五 (1500) and 两万五 (25000), where a last digit after a unit
/// counts in the next unit down. `None` for what is not a well-formed numeral (两两, 百百).
pub fn parse_chinese(s: &str) -> Option<u64> {
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return None;
    }
    let (mut total, mut section, mut pending): (u64, u64, Option<u64>) = (0, 0, None);
    let mut last_unit = 0u64;
    let mut zero_seen = false;
    for &c in &chars {
        if let Some(d) = digit(c) {
            if pending.is_some() {
                return None;
            }
            if d == 0 {
                zero_seen = true;
                continue;
            }
            pending = Some(d);
        } else if let Some(u) = small_unit(c) {
            // 十五 starts with a bare 十.
            let d = pending.take().unwrap_or(1);
            if last_unit != 0 && u >= last_unit {
                return None;
            }
            section += d * u;
            last_unit = u;
            zero_seen = false;
        } else if let Some(u) = big_unit(c) {
            let part = section + pending.take().unwrap_or(0);
            if part == 0 {
                return None;
            }
            total = total.checked_add(part.checked_mul(u)?)?;
            section = 0;
            last_unit = 0;
            zero_seen = false;
            // 两万五: the digit after 万 counts in thousands.
            if u == 10_000 {
                last_unit = 10_000;
            }
        } else {
            return None;
        }
    }
    if let Some(d) = pending {
        // 一千五 = 1500 (no 零 between), 一千零五 = 1005.
        let scale = if zero_seen || last_unit < 10 {
            1
        } else {
            last_unit / 10
        };
        section += d * scale;
    }
    let value = total + section;
    (value > 0 || chars.iter().all(|&c| digit(c) == Some(0))).then_some(value)
}

/// Is `c` the start of the currency word after a number (元, 块, 圆)?
fn is_currency(c: char) -> bool {
    matches!(c, '元' | '块' | '圆')
}

/// Every amount in `chars` (already folded: half-width digits).
pub fn find(chars: &[char]) -> Vec<Amount> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let start = i;
            let mut digits = String::new();
            let mut plain = true;
            while i < chars.len() {
                let c = chars[i];
                if c.is_ascii_digit() {
                    digits.push(c);
                    i += 1;
                } else if c == ','
                    && i + 3 < chars.len() + 1
                    && chars[i + 1..]
                        .iter()
                        .take(3)
                        .filter(|c| c.is_ascii_digit())
                        .count()
                        == 3
                    && chars.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
                {
                    // 2,000: a thousands separator, not a list comma (3 digits follow exactly).
                    plain = false;
                    i += 1;
                } else {
                    break;
                }
            }
            let mut fraction = String::new();
            if chars.get(i) == Some(&'.') && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
                plain = false;
                i += 1;
                while i < chars.len() && chars[i].is_ascii_digit() {
                    fraction.push(chars[i]);
                    i += 1;
                }
            }
            let mut multiplier = 1u64;
            if let Some(u) = chars.get(i).and_then(|&c| small_unit(c).or(big_unit(c))) {
                multiplier = u;
                plain = false;
                i += 1;
            }
            let end = i;
            if chars.get(i).copied().is_some_and(is_currency) {
                let whole: u64 = digits.parse().unwrap_or(0);
                let frac = format!("0.{}", if fraction.is_empty() { "0" } else { &fraction })
                    .parse::<f64>()
                    .unwrap_or(0.0);
                let value = whole
                    .saturating_mul(multiplier)
                    .saturating_add((frac * multiplier as f64) as u64);
                if !digits.is_empty() {
                    out.push(Amount {
                        start,
                        end,
                        value,
                        plain_digits: plain,
                    });
                }
            }
            continue;
        }
        if is_numeral(c) {
            let start = i;
            while i < chars.len() && is_numeral(chars[i]) {
                i += 1;
            }
            if chars.get(i).copied().is_some_and(is_currency) {
                let text: String = chars[start..i].iter().collect();
                if let Some(value) = parse_chinese(&text) {
                    out.push(Amount {
                        start,
                        end: i,
                        value,
                        plain_digits: false,
                    });
                }
            }
            continue;
        }
        i += 1;
    }
    out
}

/// A query with its amounts in digits and 块(钱) as 元: 罚了两千块钱 → 罚了2000元. Other text
/// is left as typed.
pub fn normalize_query(q: &str) -> String {
    let chars: Vec<char> = q
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '，' => ',',
            '．' => '.',
            _ => c,
        })
        .collect();
    let amounts = find(&chars);
    if amounts.is_empty() {
        return q.to_string();
    }
    let mut out = String::new();
    let mut at = 0;
    for a in amounts {
        out.extend(&chars[at..a.start]);
        out.push_str(&a.value.to_string());
        out.push('元');
        // Skip the currency word: 元, 块, 块钱, 元钱, 圆.
        let mut i = a.end + 1;
        if chars.get(i) == Some(&'钱') {
            i += 1;
        }
        at = i;
    }
    out.extend(&chars[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals_as_statutes_and_people_write_them() {
        for (s, v) in [
            ("二百", 200),
            ("两千", 2000),
            ("二千", 2000),
            ("一千五百", 1500),
            ("一千五", 1500),
            ("一千零五", 1005),
            ("十五", 15),
            ("五十", 50),
            ("一万", 10_000),
            ("两万五", 25_000),
            ("一万二千", 12_000),
            ("十万", 100_000),
            ("一百万", 1_000_000),
            ("伍仟", 5000),
            ("五", 5),
        ] {
            assert_eq!(parse_chinese(s), Some(v), "{s}");
        }
        for s in ["两两", "百百", "千百千", ""] {
            assert_eq!(parse_chinese(s), None, "{s}");
        }
    }

    fn values(s: &str) -> Vec<u64> {
        let chars: Vec<char> = s.chars().collect();
        find(&chars).iter().map(|a| a.value).collect()
    }

    #[test]
    fn only_numbers_before_a_currency_word_are_amounts() {
        assert_eq!(values("处二百元以上二千元以下的罚款"), vec![200, 2000]);
        assert_eq!(values("罚款100元至5,000元"), vec![100, 5000]);
        assert_eq!(values("1.5万元，5万块，2千元"), vec![15_000, 50_000, 2000]);
        assert!(values("千万不要在门前三包区域一般性堆放").is_empty());
        assert!(values("第三十六条第（二）项，2026年").is_empty());
        // A list comma is not a thousands separator.
        assert_eq!(values("1,2,3元"), vec![3]);
        // Absurd input saturates instead of overflowing (a query must never panic).
        assert_eq!(values("18446744073709551615.5万元"), vec![u64::MAX]);
    }

    #[test]
    fn queries_get_digits_and_one_currency_word() {
        assert_eq!(normalize_query("罚了两千块钱怎么办"), "罚了2000元怎么办");
        assert_eq!(normalize_query("罚款二百元合法吗"), "罚款200元合法吗");
        assert_eq!(normalize_query("被罚５千块"), "被罚5000元");
        assert_eq!(normalize_query("门口摆摊"), "门口摆摊");
        assert_eq!(normalize_query("千万别罚我"), "千万别罚我");
    }
}
