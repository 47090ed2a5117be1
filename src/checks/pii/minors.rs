//! Details about a minor (未成年人信息): an age under 18 (`12岁`, `15周岁`) or a birth date, with
//! a school, grade or class after it (`就读于……小学五年级三班`, `幼儿园大班`, `已辍学`) or a
//! child before it (其子、孙女、未成年子女（3岁）). The finding runs from the age to the end of
//! the school detail, or of the age's clause.

use super::labels::Labels;
use super::*;

/// Words of school and class that make an age a pupil's.
static SCHOOL: LazyLock<Labels> = LazyLock::new(|| {
    Labels::new(
        "小学 中学 初中 高中 职高 中专 技校 学校 学院 幼儿园 托儿所 年级 学生 就读 辍学 休学 大班 中班 小班 \
         初一 初二 初三 高一 高二 高三 七年级 八年级 九年级 班",
    )
});

/// Words for a child, before an age.
static CHILD: LazyLock<Labels> = LazyLock::new(|| {
    Labels::new(
        "未成年 未成年人 子女 儿童 孩子 小孩 其子 其女 儿子 女儿 孙子 孙女 外孙 外孙女 之子 之女 之孙 幼童 学生",
    )
});

/// Characters that end a sentence: the school detail must be in the age's sentence.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '\n' | '\0')
}

fn ends_clause(c: char) -> bool {
    ends_sentence(c) || matches!(c, '，' | ',' | '）' | ')' | '、')
}

pub(super) fn scan_minors(t: &Chars, out: &mut Vec<Span>) {
    let n = t.c.len();
    let mut i = 0;
    while i < n {
        let Some((start, age_end)) = age_at(t, i) else {
            i += 1;
            continue;
        };
        let school_end = school_after(t, age_end);
        let child_before =
            (start.saturating_sub(12)..start).any(|j| CHILD.ending_at(t, j).is_some());
        let end = match school_end {
            Some(e) => Some(e),
            None if child_before && !generic_age(t, age_end) => {
                let mut e = age_end;
                while !ends_clause(t.at(e)) {
                    e += 1;
                }
                Some(e)
            }
            None => None,
        };
        if let Some(end) = end {
            out.push(Span {
                start,
                end,
                kind: PiiKind::Minor,
            });
            i = end;
        } else {
            i = age_end;
        }
    }
}

/// `以下`, `以上`, `以内` after an age: a rule about ages, not a child's.
fn generic_age(t: &Chars, e: usize) -> bool {
    matches!(
        (t.at(e), t.at(e + 1)),
        ('以', '下' | '上' | '内') | ('至' | '到' | '-', _)
    )
}

/// An age under 18 (`12岁`, `十五周岁`) or a birth date (`2012年5月出生`, `出生于2009年4月7日`)
/// starting at `i`: its span.
fn age_at(t: &Chars, i: usize) -> Option<(usize, usize)> {
    // 出生于YYYY年…
    let c = t.c[i];
    if c == '出' && t.starts_with(i, &['出', '生', '于']) && t.at(i + 3).is_ascii_digit() {
        let e = date_end(t, i + 3)?;
        return Some((i, e));
    }
    if c.is_ascii_digit() && !t.before(i).is_ascii_digit() {
        let e = t.digits_end(i);
        // YYYY年M月(D日)出生
        if e - i == 4 && t.at(e) == '年' {
            let d = date_end(t, i)?;
            return (t.starts_with(d, &['出', '生']) && !t.starts_with(d, &['出', '生', '地']))
                .then_some((i, d + 2));
        }
        let age: u32 = t.string(i, e).parse().ok()?;
        return years(t, e)
            .filter(|_| age < 18 && e - i <= 2)
            .map(|y| (i, y));
    }
    const NUMERALS: &str = "一二三四五六七八九十";
    let numeral = |c: char| {
        matches!(
            c,
            '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
        )
    };
    if numeral(c) && !numeral(t.before(i)) {
        let mut e = i;
        while numeral(t.at(e)) {
            e += 1;
        }
        let s: String = t.c[i..e].iter().collect();
        let age = match s.as_str() {
            "十" => 10,
            _ if s.starts_with('十') => 10 + NUMERALS.find(t.c[i + 1]).map_or(0, |b| b / 3 + 1),
            _ if e - i == 1 => NUMERALS.find(c).map_or(99, |b| b / 3 + 1),
            _ => 99,
        };
        return years(t, e).filter(|_| age < 18).map(|y| (i, y));
    }
    None
}

/// The end of `岁` or `周岁` at `e`.
fn years(t: &Chars, e: usize) -> Option<usize> {
    match (t.at(e), t.at(e + 1)) {
        ('岁', _) => Some(e + 1),
        ('周', '岁') => Some(e + 2),
        _ => None,
    }
}

/// The end of a date `YYYY年M月(D日)` starting at `i`.
fn date_end(t: &Chars, i: usize) -> Option<usize> {
    let mut e = t.digits_end(i);
    if e - i != 4 || t.at(e) != '年' {
        return None;
    }
    let m = t.digits_end(e + 1);
    if !(1..=2).contains(&(m - e - 1)) || t.at(m) != '月' {
        return None;
    }
    e = m + 1;
    let d = t.digits_end(e);
    if (1..=2).contains(&(d - e)) && t.at(d) == '日' {
        e = d + 1;
    }
    Some(e)
}

/// The end of a school detail in the sentence after `e` (within 30 characters): the school
/// word and what follows it up to the end of its clause.
fn school_after(t: &Chars, e: usize) -> Option<usize> {
    let mut found = None;
    let mut j = e;
    while j < e + 30 && !ends_sentence(t.at(j)) {
        if SCHOOL.ending_at(t, j).is_some() {
            found = Some(j + 1);
        }
        j += 1;
    }
    let mut end = found?;
    while !ends_clause(t.at(end)) {
        end += 1;
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn ages_with_schools() {
        one(
            "其子（12岁，就读于示例市第二小学五年级三班）放学后",
            PiiKind::Minor,
            "12岁，就读于示例市第二小学五年级三班",
        );
        one(
            "之女王某某（2012年5月出生，示例市实验中学初一（3）班学生）当晚",
            PiiKind::Minor,
            "2012年5月出生，示例市实验中学初一（3）班学生",
        );
        one(
            "帮工陈某某（16岁，已辍学），",
            PiiKind::Minor,
            "16岁，已辍学",
        );
        assert_eq!(
            kinds("未成年子女（3岁，患先天性心脏病）"),
            vec![PiiKind::Minor, PiiKind::Health]
        );
    }

    #[test]
    fn adults_and_rules_about_ages_are_not_minors() {
        nothing("当事人35岁，在示例市第二小学门前摆摊");
        nothing("示例市第二小学门前路段，学校周边200米");
        nothing("不满14周岁的未成年人不予行政处罚；儿童3岁以下");
        nothing("当事人于2012年5月出生地");
    }
}
