//! Vehicle identification numbers (车辆识别代号, 车架号): 17 characters whose ninth is the check
//! digit of ISO 3779 / GB 16735, wherever they stand (one line break inside is read through);
//! right after a VIN label, any 17 VIN characters (a mistyped VIN is still one). Other
//! 17-character codes (report and contract numbers) fail the check digit.

use super::*;

/// Labels before a VIN.
static LABELS: LazyLock<Vec<Vec<char>>> = LazyLock::new(|| {
    word_list("车架号 车架号码 车辆识别代号 车辆识别代码 车辆识别号 识别代号 VIN VIN码 底盘号")
});

pub(super) fn scan_vins(t: &Chars, out: &mut Vec<Span>) {
    let n = t.c.len();
    let mut i = 0;
    while i < n {
        if !is_vin_char(t.c[i]) || t.before(i).is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        // The run of VIN characters, possibly across one line break.
        let mut chars = Vec::with_capacity(17);
        let mut e = i;
        let mut broke = false;
        loop {
            while is_vin_char(t.at(e)) && chars.len() < 18 {
                chars.push(t.c[e]);
                e += 1;
            }
            if !broke && chars.len() < 17 && t.at(e) == '\n' && is_vin_char(t.at(e + 1)) {
                broke = true;
                e += 1;
                continue;
            }
            break;
        }
        let labelled = || t.label_before(i, &LABELS, "：: （()）为是", 3);
        if chars.len() == 17
            && !t.at(e).is_ascii_alphanumeric()
            && (vin_ok(&chars) || (vin_shaped(&chars) && labelled()))
        {
            out.push(Span {
                start: i,
                end: e,
                kind: PiiKind::Vin,
            });
        }
        i = e.max(i + 1);
        while t.at(i).is_ascii_alphanumeric() {
            i += 1;
        }
    }
}

/// Letters and digits a VIN may use (no I, O or Q).
fn is_vin_char(c: char) -> bool {
    c.is_ascii_digit() || (c.is_ascii_uppercase() && !matches!(c, 'I' | 'O' | 'Q'))
}

/// Letters and digits both present, as in every VIN.
fn vin_shaped(v: &[char]) -> bool {
    v.iter().any(char::is_ascii_digit) && v.iter().filter(|c| c.is_ascii_uppercase()).count() >= 2
}

/// The check digit (position 9) of a 17-character VIN, and letters and digits both present.
fn vin_ok(v: &[char]) -> bool {
    const WEIGHTS: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
    let value = |c: char| -> u32 {
        match c {
            '0'..='9' => c as u32 - '0' as u32,
            'A'..='H' => c as u32 - 'A' as u32 + 1,
            'J'..='N' => c as u32 - 'J' as u32 + 1,
            'P' => 7,
            'R' => 9,
            'S'..='Z' => c as u32 - 'S' as u32 + 2,
            _ => 0,
        }
    };
    let sum: u32 = v.iter().zip(WEIGHTS).map(|(&c, w)| value(c) * w).sum();
    let check = match sum % 11 {
        10 => 'X',
        d => char::from_digit(d, 10).unwrap_or('?'),
    };
    v[8] == check && vin_shaped(v)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn vins_with_their_check_digit() {
        one(
            "车架号：LSVHU1K10FL609354",
            PiiKind::Vin,
            "LSVHU1K10FL609354",
        );
        one(
            "识别代号LFP8F9T85HG722543，",
            PiiKind::Vin,
            "LFP8F9T85HG722543",
        );
        one(
            "底盘号LSGAN66W3\nL3350010（",
            PiiKind::Vin,
            "LSGAN66W3\nL3350010",
        );
    }

    #[test]
    fn other_codes_are_not_vins() {
        nothing("合同编号LSVHU1K19FL609354"); // check digit wrong, not labelled a VIN
        one(
            "车架号LSVHU1K19FL609354，",
            PiiKind::Vin,
            "LSVHU1K19FL609354",
        ); // a mistyped VIN
        nothing("LSVHU1K10FL6093541"); // 18 characters
        nothing("型号ZL50G、KFR-35GW");
    }
}
