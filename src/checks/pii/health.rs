//! Health status (健康状况): illness, disability, pregnancy, treatment. A statement starts at a
//! word that only speaks of a person's health (患有, 确诊, 怀孕, 透析, 系…残疾 …) and runs to the
//! end of its clause. Words that speak of places or the public (患者家属套餐, 隐患, 住院部,
//! 残疾人专用停车位) do not start one.

use super::labels::Labels;
use super::*;

/// Words that start a health statement wherever they stand.
static TRIGGERS: LazyLock<Labels> = LazyLock::new(|| {
    Labels::new(
        "患有 确诊 诊断为 怀孕 妊娠 因病 住院 化疗 放疗 透析 手术 骨折 偏瘫 瘫痪 卧床 后遗症 残疾人证 \
         听力障碍 视力障碍 智力障碍 语言障碍 精神障碍 行动不便 失明 失聪 聋哑 \
         精神病 精神疾病 病史 服药 心脏病 高血压 糖尿病 癌症",
    )
});

/// Characters that end a clause.
fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '，' | ',' | '。' | '；' | ';' | '\n' | '\0' | '）' | ')' | '、'
    )
}

pub(super) fn scan_health(t: &Chars, out: &mut Vec<Span>) {
    let n = t.c.len();
    let mut i = 0;
    while i < n {
        let start = TRIGGERS
            .ending_at(t, i)
            .filter(|&s| trigger_ok(t, s, i + 1))
            .or_else(|| illness_after_huan(t, i))
            .or_else(|| disability(t, i));
        let Some(start) = start else {
            i += 1;
            continue;
        };
        let mut e = i + 1;
        while !ends_clause(t.at(e)) {
            e += 1;
        }
        out.push(Span {
            start,
            end: e,
            kind: PiiKind::Health,
        });
        i = e;
    }
}

/// Whether a trigger word at `s..e` speaks of a person here (not 住院部, 手术室).
fn trigger_ok(t: &Chars, s: usize, e: usize) -> bool {
    let next = t.at(e);
    match &t.c[s..e] {
        ['住', '院'] => next != '部',
        ['手', '术'] => !matches!(next, '室' | '台'),
        _ => true,
    }
}

/// 患 followed by an illness (患尿毒症), not 患者 or 隐患.
fn illness_after_huan(t: &Chars, i: usize) -> Option<usize> {
    let ok = t.c[i] == '患'
        && is_han(t.at(i + 1))
        && !matches!(t.at(i + 1), '者' | '有')
        && !matches!(t.before(i), '隐' | '后' | '忧' | '祸' | '病');
    ok.then_some(i)
}

/// A disability: 系/属 + a kind + 残疾 (系肢体残疾二级, 系听力残疾人), a kind of disability
/// (身体残疾, 视力残疾), or 残疾 with its grade.
fn disability(t: &Chars, i: usize) -> Option<usize> {
    if !(t.c[i] == '疾' && t.before(i) == '残') {
        return None;
    }
    let s = i - 1;
    let graded = "一二三四".contains(t.at(i + 1)) && t.at(i + 2) == '级';
    let body = s >= 2
        && matches!(
            [t.c[s - 2], t.c[s - 1]],
            ['身', '体']
                | ['肢', '体']
                | ['视', '力']
                | ['听', '力']
                | ['智', '力']
                | ['精', '神']
                | ['言', '语']
        );
    (1..=5)
        .take_while(|&d| s >= d && is_han(t.c[s - d]))
        .find(|&d| matches!(t.c[s - d], '系' | '属'))
        .map(|d| s - d)
        .or((graded || body).then(|| if body { s - 2 } else { s }))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn health_statements() {
        one(
            "当事人称其患有精神分裂症，长期如此。",
            PiiKind::Health,
            "患有精神分裂症",
        );
        one(
            "当事人系肢体残疾二级，请求",
            PiiKind::Health,
            "系肢体残疾二级",
        );
        one("当事人患尿毒症，需", PiiKind::Health, "患尿毒症");
        one(
            "听证期间当事人因病住院治疗，",
            PiiKind::Health,
            "因病住院治疗",
        );
        one("当事人怀孕七个月，", PiiKind::Health, "怀孕七个月");
        assert_eq!(
            found("当事人身体残疾，行动不便。", &none()),
            vec![(PiiKind::Health, "身体残疾"), (PiiKind::Health, "行动不便")]
        );
        one("当事人有听力障碍。", PiiKind::Health, "听力障碍");
    }

    #[test]
    fn places_and_the_public_are_not_health_data() {
        nothing("现场所见“患者家属优惠套餐”系其自行设置的促销标语");
        nothing("存在坠落隐患，住院部北侧的临时摊点");
        nothing("残疾人专用停车位被占用，残疾人无障碍坡道已整改");
        nothing("病媒生物防制工作");
    }
}
