//! Home addresses after a word that says someone lives there (住, 家住, 现住址, 户籍地址,
//! 居住于, 送达地址 …): any address with a house, room or village-group number, building
//! detail or not (当事人住人民路88号). Without such a word a road and number is a place (the
//! shop, the place of the violation) and passes; [`super::addresses`] still finds addresses
//! with building, unit and room detail wherever they stand.

use super::addresses::business_context;
use super::labels::Labels;
use super::*;

/// Words that say a natural person lives (or is registered, or is served papers) at the
/// address after them. 住所 and 住所地 are also a company's registered seat: after those, an
/// address in a company's context passes.
static CUES: LazyLock<Labels> = LazyLock::new(|| {
    Labels::new(
        "住 住在 住址 住处 住所 住所地 家住 现住 现住址 现居 现居于 现居住地 居住 居住于 居住在 居住地 居住地址 暂住 暂住于 暂住在 \
         户籍 户籍地 户籍地址 户籍所在地 户口在 户口所在地 家庭住址 家庭地址 实际居住地 送达地址 邮寄送达地址 \
         受送达人地址 邮寄地址 收件地址 联系地址 居所",
    )
});

/// Characters that name a place: an address has one before its number.
static PLACE_CHARS: LazyLock<HashSet<char>> = LazyLock::new(|| {
    char_set(
        "路 街 道 巷 弄 里 同 村 组 苑 园 区 府 庭 城 湾 院 屯 庄 寓 舍 楼 栋 幢 座 厦 坊 湖 山 港 桥 洲 岛",
    )
});

/// Characters that end an address's number part (号, 室, 组 …).
static TERMINALS: LazyLock<HashSet<char>> =
    LazyLock::new(|| char_set("号 室 组 栋 幢 楼 座 户 元 层 院 弄 队 排"));

/// Characters between the cue and the address.
const SKIP: &str = "：: 为是在于";

pub(super) fn scan_residences(t: &Chars, out: &mut Vec<Span>) {
    let n = t.c.len();
    let mut i = 0;
    while i < n {
        let Some(cue_start) = CUES.ending_at(t, i) else {
            i += 1;
            continue;
        };
        // A longer cue goes on from here (户籍 → 户籍地址): read that one.
        if (i + 1..(i + 4).min(n)).any(|j| CUES.ending_at(t, j) == Some(cue_start)) {
            i += 1;
            continue;
        }
        let cue = &t.c[cue_start..=i];
        // 住 alone only as a verb before a place: not 住建部, 住房, 住宅, 住院.
        if cue == ['住'] && "址所处房宅建院宿户在".contains(t.at(i + 1)) {
            i += 1;
            continue;
        }
        let mut p = i + 1;
        while p - i <= 2 && SKIP.contains(t.at(p)) && t.at(p) != '\0' {
            p += 1;
        }
        let seat = matches!(cue, ['住', '所'] | ['住', '所', '地']);
        match address_after(t, p) {
            Some(end) if !(seat && business_context(t, cue_start)) => {
                out.push(Span {
                    start: p,
                    end,
                    kind: PiiKind::Address,
                });
                i = end;
            }
            _ => i += 1,
        }
    }
}

/// The end of an address starting at `p`: a run of Chinese characters, digits, capital
/// letters and `-` (one line break allowed inside) up to the end of the clause, in which a place
/// character comes before a number part, ending at its last number part (`88号`, `501室`, `三组`,
/// `12-3-601`, `张大郢组`).
fn address_after(t: &Chars, p: usize) -> Option<usize> {
    let mut end = None;
    let mut place = false;
    let mut numbered = false;
    let mut broke = false;
    let mut j = p;
    while j < p + 40 {
        let c = t.at(j);
        if c == '\n' && !broke && is_han(t.at(j + 1)) && end.is_none() {
            broke = true;
            j += 1;
            continue;
        }
        let numeral = c.is_ascii_digit() || "一二三四五六七八九十〇零".contains(c) && c != '\0';
        if !(is_han(c) || numeral || c.is_ascii_uppercase() || c == '-') {
            break;
        }
        if numeral {
            numbered = true;
            if c.is_ascii_digit() && !t.at(j + 1).is_ascii_digit() && place {
                end = Some(j + 1);
            }
        }
        if TERMINALS.contains(&c) && place && (numbered || (c == '组' && j > p)) {
            end = Some(j + 1);
        }
        place |= PLACE_CHARS.contains(&c);
        j += 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;

    #[test]
    fn addresses_after_residence_words() {
        one("当事人住人民路88号，", PiiKind::Address, "人民路88号");
        one("当事人家住幸福路12号。", PiiKind::Address, "幸福路12号");
        one(
            "现居滨江区望江路17号。",
            PiiKind::Address,
            "滨江区望江路17号",
        );
        one(
            "户籍地址：浙江省示例县青山镇石桥村三组12号",
            PiiKind::Address,
            "浙江省示例县青山镇石桥村三组12号",
        );
        one(
            "当事人住青山镇新塘村十一组，",
            PiiKind::Address,
            "青山镇新塘村十一组",
        );
        one(
            "户籍所在地：三十铺镇新光村张大郢组",
            PiiKind::Address,
            "三十铺镇新光村张大郢组",
        );
        one(
            "当事人暂住于建国路168号3楼西侧出租屋内。",
            PiiKind::Address,
            "建国路168号3楼",
        );
        one(
            "家住中山路西段南侧\n福兴里15号，",
            PiiKind::Address,
            "中山路西段南侧\n福兴里15号",
        );
        one("住阳光花园12-3-601。", PiiKind::Address, "阳光花园12-3-601");
    }

    #[test]
    fn premises_and_other_words_are_not_homes() {
        nothing("门店位于人民路88号，当事人在人民路88号门前摆摊");
        nothing("依据住房和城乡建设部令第55号、住建部令第139号");
        nothing("当事人居住地与摆摊地点无关，住院部北侧");
        nothing("当事人：示例市宏远建设工程股份有限公司\n住所地：示例市高新区科技大道362-3号");
    }
}
