//! Reading one cell as a field's value: dates in the ways Chinese tables write them, yuan
//! amounts (万元 included), yes/no, a choice from a closed list (with the variants other
//! systems use), lists split at ；, line breaks and 1. 2. / （1）（2）/ ①② numbering, and ids.
//! Each parser says in Chinese what it expected when the cell does not fit.

use chrono::NaiveDate;

/// A cell that does not fit: what is wrong and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bad {
    pub message: String,
    pub hint: String,
}

pub fn bad(message: impl Into<String>, hint: impl Into<String>) -> Bad {
    Bad {
        message: message.into(),
        hint: hint.into(),
    }
}

/// One line of text: line breaks inside a cell (Alt+Enter, mostly wrapping) joined.
pub fn text(s: &str) -> String {
    let parts: Vec<&str> = s.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let mut out = String::new();
    for p in parts {
        let ascii_edge = out
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && p.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
        if ascii_edge {
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}

/// `2024-03-05`, `2024/3/5`, `2024.3.5`, `2024年3月5日`, `20240305`.
pub fn date(s: &str) -> Result<NaiveDate, Bad> {
    let t = s.trim();
    let nums: Vec<&str> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    let parsed = match nums.as_slice() {
        [y, m, d] => NaiveDate::from_ymd_opt(
            y.parse().unwrap_or(0),
            m.parse().unwrap_or(0),
            d.parse().unwrap_or(0),
        ),
        [ymd] if ymd.len() == 8 => NaiveDate::parse_from_str(ymd, "%Y%m%d").ok(),
        _ => None,
    };
    parsed
        .filter(|d| (1949..=2100).contains(&chrono::Datelike::year(d)))
        .ok_or_else(|| {
            bad(
                format!("“{t}”不是日期"),
                "写成 2024-03-05 或 2024年3月5日，日期要真实存在",
            )
        })
}

/// Whole yuan: `500`, `500元`, `500.00`, `1.5万元`; `factor` is the column's unit (万元 →
/// 10000).
pub fn yuan(s: &str, factor: u64) -> Result<u64, Bad> {
    let t: String = s
        .trim()
        .trim_start_matches("人民币")
        .replace([',', '，', ' '], "");
    let (num, mul) = if let Some(n) = t.strip_suffix("万元").or(t.strip_suffix('万')) {
        (n.to_string(), 10_000)
    } else {
        (t.trim_end_matches('元').to_string(), factor)
    };
    let err = || {
        bad(
            format!("“{}”不是金额", s.trim()),
            "金额用阿拉伯数字写，单位：元，如 500 或 500元；不写大写数字",
        )
    };
    let v: f64 = num.parse().map_err(|_| err())?;
    let yuan = v * mul as f64;
    if !(0.0..1e13).contains(&yuan) || (yuan - yuan.round()).abs() > 1e-6 {
        return Err(err());
    }
    Ok(yuan.round() as u64)
}

/// 是/否 and the ways tables say it.
pub fn yes_no(s: &str) -> Result<bool, Bad> {
    let t = s.trim();
    let yes = [
        "是",
        "需要",
        "需",
        "要",
        "true",
        "TRUE",
        "True",
        "Y",
        "y",
        "√",
        "✓",
        "需签署",
        "是（需签署）",
    ];
    let no = [
        "否",
        "不需要",
        "无需",
        "不需",
        "false",
        "FALSE",
        "False",
        "N",
        "n",
        "×",
        "无",
        "不签署",
    ];
    if yes.contains(&t) {
        Ok(true)
    } else if no.contains(&t) {
        Ok(false)
    } else {
        Err(bad(format!("“{t}”应为“是”或“否”"), "写“是”或“否”"))
    }
}

/// Variants other systems write for a closed choice, by field key.
const VARIANTS: &[(&str, &str, &str)] = &[
    ("procedure", "一般程序", "普通程序"),
    ("procedure", "简易", "简易程序"),
    ("procedure", "普通", "普通程序"),
    ("party_type", "个人", "自然人"),
    ("party_type", "公民", "自然人"),
    ("party_type", "个体户", "个体工商户"),
    ("party_type", "个体", "个体工商户"),
    ("party_type", "法人", "法人或其他组织"),
    ("party_type", "企业", "法人或其他组织"),
    ("party_type", "单位", "法人或其他组织"),
    ("party_type", "其他组织", "法人或其他组织"),
    ("party_type", "法人及非法人组织", "法人或其他组织"),
    ("kind", "首违不罚", "首违免罚"),
    ("kind", "首次违法免罚", "首违免罚"),
    ("kind", "轻微免罚", "轻微不罚"),
    ("kind", "轻微违法不予处罚", "轻微不罚"),
    ("kind", "从轻", "从轻处罚"),
    ("kind", "减轻", "减轻处罚"),
    ("level", "高风险", "高"),
    ("level", "中风险", "中"),
    ("level", "低风险", "低"),
    ("status", "有效", "现行有效"),
    ("status", "现行", "现行有效"),
    ("status", "废止", "已废止"),
    ("status", "修改", "已修改"),
    ("status", "已修订", "已修改"),
    ("outcome", "不予行政处罚", "不予处罚"),
    ("outcome", "从轻处罚", "从轻"),
    ("outcome", "减轻处罚", "减轻"),
    ("outcome", "从重处罚", "从重"),
    ("outcome", "一般处罚", "一般"),
];

/// One of `labels`: exactly, as a known variant, or the only label the cell contains
/// (情节轻微 → 轻微).
pub fn choice(key: &str, s: &str, labels: &[&str]) -> Result<String, Bad> {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(l) = labels.iter().find(|l| **l == t) {
        return Ok((*l).to_string());
    }
    if let Some((_, _, to)) = VARIANTS
        .iter()
        .find(|(k, from, to)| *k == key && *from == t && labels.contains(to))
    {
        return Ok((*to).to_string());
    }
    let inside: Vec<&&str> = labels.iter().filter(|l| t.contains(**l)).collect();
    if let [one] = inside.as_slice() {
        return Ok((**one).to_string());
    }
    Err(bad(
        format!("“{}”不在可选范围内", s.trim()),
        format!(
            "可选：{}；表中另有写法的，在映射文件 [values.{key}] 中对应",
            labels.join("、")
        ),
    ))
}

/// List items: split at ；; and line breaks, and at numbering (1. 2.、（1）（2）、①②);
/// numbering and trailing punctuation removed.
pub fn items(s: &str) -> Vec<String> {
    let mut marked = String::new();
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let before = marked.trim_end_matches([' ', '\t', '\u{3000}']);
        let at_start =
            before.is_empty() || before.ends_with(['\n', '；', ';', '。', '，', ',', '\u{1}']);
        // （1） (1) ① anywhere; 1. 1、 一、 only where an item can start.
        if let Some(len) = numbering_at(&chars[i..], at_start) {
            marked.push('\u{1}');
            i += len;
            continue;
        }
        marked.push(c);
        i += 1;
    }
    marked
        .split(['\u{1}', '\n', '；', ';'])
        .map(|p| {
            p.trim()
                .trim_end_matches(['；', ';', '，', ',', '、'])
                .trim()
                .to_string()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

fn numbering_at(c: &[char], at_start: bool) -> Option<usize> {
    let first = *c.first()?;
    if ('①'..='⑳').contains(&first) {
        return Some(1);
    }
    if matches!(first, '（' | '(') {
        let digits = c[1..].iter().take_while(|d| d.is_ascii_digit()).count();
        if digits > 0 && matches!(c.get(1 + digits), Some('）' | ')')) {
            return Some(digits + 2);
        }
    }
    if at_start {
        let digits = c.iter().take_while(|d| d.is_ascii_digit()).count();
        if digits > 0 && matches!(c.get(digits), Some('.' | '、' | '．' | ')' | '）')) {
            return Some(digits + 1);
        }
        let han = c
            .iter()
            .take_while(|d| "一二三四五六七八九十".contains(**d))
            .count();
        if han > 0 && c.get(han) == Some(&'、') {
            return Some(han + 1);
        }
    }
    None
}

/// Short words (行政相对人 and the like): also split at 、 and commas.
pub fn words(s: &str) -> Vec<String> {
    s.split(['、', '，', ',', '；', ';', '\n', '/', '／'])
        .map(|w| w.trim().to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Ids of other items: split at anything that cannot be in an id.
pub fn ids(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether an id can be a file name and an address segment.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Every amount written in digits in a text, in yuan: `500元`, `1,000元`, `1.5万元` (the
/// search's amount reader, [`crate::search::amounts::find`]). Amounts in Chinese numerals
/// (五百元) are not taken: a table's fine must be in digits.
pub fn amounts(text: &str) -> Vec<u64> {
    let chars: Vec<char> = crate::search::analysis::normalize(text).chars().collect();
    crate::search::amounts::find(&chars)
        .into_iter()
        .filter(|a| chars[a.start].is_ascii_digit())
        .map(|a| a.value)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_tables_write_them() {
        let d = NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
        for s in [
            "2024-03-05",
            "2024/3/5",
            "2024.3.5",
            "2024年3月5日",
            "20240305",
        ] {
            assert_eq!(date(s), Ok(d), "{s}");
        }
        assert!(date("2024-02-30").is_err());
        assert!(date("三月五日").is_err());
    }

    #[test]
    fn amounts_in_yuan_and_wan() {
        assert_eq!(yuan("500", 1), Ok(500));
        assert_eq!(yuan("500元", 1), Ok(500));
        assert_eq!(yuan("1.5万元", 1), Ok(15_000));
        assert_eq!(yuan("0.05", 10_000), Ok(500));
        assert_eq!(yuan("1,000.00", 1), Ok(1000));
        assert!(yuan("五百元", 1).is_err());
        assert_eq!(amounts("处1,000元以上5,000元以下罚款"), vec![1000, 5000]);
        assert_eq!(
            amounts("处1万元以上5万元以下罚款；罚款五百元"),
            vec![10_000, 50_000]
        );
    }

    #[test]
    fn choices_accept_variants_and_contained_labels() {
        let grades = ["轻微", "一般", "较重", "严重"];
        assert_eq!(choice("grade", "情节轻微", &grades).unwrap(), "轻微");
        assert_eq!(choice("grade", "较重", &grades).unwrap(), "较重");
        assert!(choice("grade", "特别严重或者较重", &grades).is_err());
        let procedures = ["简易程序", "普通程序"];
        assert_eq!(
            choice("procedure", "一般程序", &procedures).unwrap(),
            "普通程序"
        );
    }

    #[test]
    fn items_split_at_numbering_and_separators() {
        assert_eq!(
            items("1.在店内经营；2.及时清理"),
            ["在店内经营", "及时清理"]
        );
        assert_eq!(
            items("（1）首次违法（2）及时改正。"),
            ["首次违法", "及时改正。"]
        );
        assert_eq!(items("①甲②乙"), ["甲", "乙"]);
        assert_eq!(items("一、甲\n二、乙"), ["甲", "乙"]);
        assert_eq!(items("面积在2.5平方米以下"), ["面积在2.5平方米以下"]);
        assert_eq!(words("沿街商户、餐饮"), ["沿街商户", "餐饮"]);
    }
}
