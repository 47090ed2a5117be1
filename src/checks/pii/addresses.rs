//! Home addresses (详细住址): a road and house number followed by building, unit or room
//! detail, or an estate followed by building and unit or room. A road and number alone is a
//! business's premises and passes.

use super::*;

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

/// Words that show the text around an address is about a business (its registered seat or
/// premises are public), not a person's home.
static BUSINESS: LazyLock<Vec<Vec<char>>> = LazyLock::new(|| {
    word_list(
        "公司 统一社会信用代码 营业执照 经营场所 营业场所 注册地址 办公地址 合作社 商行 经营部 个体工商户 集团",
    )
});

/// Whether the text before `at` (its line and the two before it, at most 200 characters) is
/// about a business: a company's name or its credit code. (Not 法定代表人: the address after
/// `法定代表人为陈某，其住所地为` is that person's home.)
pub(super) fn business_context(t: &Chars, at: usize) -> bool {
    let mut b = at;
    let mut lines = 0;
    while b > 0 && at - b < 200 {
        if t.c[b - 1] == '\n' {
            lines += 1;
            if lines > 2 {
                break;
            }
        }
        b -= 1;
    }
    (b..at).any(|i| BUSINESS.iter().any(|w| t.starts_with(i, w)))
}

pub(super) fn scan_addresses(t: &Chars, out: &mut Vec<Span>) {
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
                && !business_context(t, start)
            {
                out.push(Span {
                    start,
                    end,
                    kind: PiiKind::Address,
                });
            }
        }
        // Estate form: 小区/花园/… followed by building and unit or room.
        let estate_start = matches!(ch, '小' | '花' | '苑' | '公' | '新' | '家');
        if let Some(w) = ESTATES.iter().find(|w| estate_start && t.starts_with(i, w)) {
            let after = i + w.len();
            if is_numeral(t.at(after)) {
                let start = place_start(t, i);
                if start < i
                    && let Some(end) = parse_units(t, after, true)
                    && !business_context(t, start)
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

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

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
}
