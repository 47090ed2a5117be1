//! Check digits and dates inside numbers: 身份证号 (GB 11643), 15-digit 工商注册号 (MOD 11,10),
//! bank cards (Luhn), 统一社会信用代码 (GB 32100). A number that passes one of these is what it
//! claims to be; the detectors in [`super::numbers`] decide which claim to test.

/// A real calendar date.
pub(super) fn valid_date(y: u32, m: u32, d: u32) -> bool {
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

pub(super) fn num(s: &str) -> u32 {
    s.bytes().fold(0, |n, b| n * 10 + u32::from(b - b'0'))
}

/// An 18-character ID number: check character (GB 11643-1999) and birth date.
pub(super) fn valid_id18(s: &str) -> bool {
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

/// An 18-character ID number whose check character is wrong but which is otherwise shaped like
/// one: a province code that exists (GB/T 2260: 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71,
/// 81–83), a real birth date in 1900–2099, 17 digits and a digit or X. A typo in an ID is still
/// an ID. An all-digit 统一社会信用代码 whose own check character (GB 32100) is right is not
/// taken for one.
pub(super) fn plausible_id18(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 18
        || !b[..17].iter().all(u8::is_ascii_digit)
        || !(b[17].is_ascii_digit() || matches!(b[17], b'X' | b'x'))
    {
        return false;
    }
    let province = num(&s[..2]);
    let province_ok = matches!(
        province,
        11..=15 | 21..=23 | 31..=37 | 41..=46 | 50..=54 | 61..=65 | 71 | 81..=83
    );
    let y = num(&s[6..10]);
    province_ok
        && (1900..=2099).contains(&y)
        && valid_date(y, num(&s[10..12]), num(&s[12..14]))
        && !valid_credit_code(&s.to_ascii_uppercase())
}

/// A 15-digit old-format ID number: area code and a real 19YYMMDD birth date, and not a
/// 15-digit 工商注册号 (whose last digit is an ISO 7064 MOD 11,10 check digit).
pub(super) fn valid_id15(s: &str) -> bool {
    all_digits(s)
        && s.len() == 15
        && (b'1'..=b'8').contains(&s.as_bytes()[0])
        && valid_date(1900 + num(&s[6..8]), num(&s[8..10]), num(&s[10..12]))
        && !valid_registration_number(s)
}

/// A 15-digit 工商注册号 (GS15-2006): ISO 7064 MOD 11,10 check digit.
pub(super) fn valid_registration_number(s: &str) -> bool {
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

pub(super) fn luhn(s: &str) -> bool {
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
pub(super) fn bank_ok(s: &str) -> bool {
    all_digits(s)
        && (16..=19).contains(&s.len())
        && matches!(s.as_bytes()[0], b'3' | b'4' | b'5' | b'6' | b'9')
        && luhn(s)
        && !(s.len() == 18 && valid_credit_code(s))
}

/// A 统一社会信用代码 with a valid check character (GB 32100-2015).
pub(super) fn valid_credit_code(s: &str) -> bool {
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

/// Whether a string is all ASCII digits.
pub(super) fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}
