//! Vehicle plates (车牌号): province + letter + five or six characters; masked plates pass.

use super::*;

static PROVINCES: LazyLock<CharSet> = LazyLock::new(|| {
    CharSet::new(char_set(
        "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼",
    ))
});

pub(super) fn scan_plates(t: &Chars, out: &mut Vec<Span>) {
    let is_serial = |c: char| c.is_ascii_uppercase() || c.is_ascii_digit();
    for i in 0..t.c.len() {
        if !PROVINCES.contains(t.c[i]) {
            continue;
        }
        // 桂 H 24738: a space after the province too.
        let letter = if t.at(i + 1) == ' ' { i + 2 } else { i + 1 };
        if !t.at(letter).is_ascii_uppercase() {
            continue;
        }
        let mut j = letter + 1;
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

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn plates() {
        one("车牌浙A·12345的", PiiKind::Plate, "浙A·12345");
        one("车牌浙A12345，", PiiKind::Plate, "浙A12345");
        one("车牌浙A 12345", PiiKind::Plate, "浙A 12345");
        one("号牌为桂 H 24738，", PiiKind::Plate, "桂 H 24738");
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
}
