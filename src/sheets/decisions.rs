//! A penalty decision from a case system's export: the party anonymised or refused (a natural
//! person is written surname + 某, and a full name is reported, never written), the party type
//! inferred when the table has none, the penalties read from 处罚内容 (`罚款200元；警告`) or from
//! separate kind and amount columns, and an id made from the 文号.

use super::cells;
use super::rows::{Conv, Record, Seq, set};
use crate::checks::pii;
use crate::content::model::*;
use crate::content::scaffold::{Entry, Filled, Value};

pub fn decision(c: &mut Conv, seq: &mut Seq) -> Option<Record> {
    let mut f = Filled::default();
    let number = c.required("number", "决定书文号");
    let party = c.required("party", "当事人");
    let violation = c.required("violation", "违法行为");
    let decided = c.date("decided");
    if decided.is_none() && c.cell("decided").is_none() {
        let col = c.col_of("decided");
        c.error(
            col,
            cells::bad(
                "这一行没有决定日期，无法导入",
                "写作出处罚决定的日期，如 2024-03-05",
            ),
        );
    }
    let id = c.own_id();
    let agency = c.agency();
    let credit_code = c.text("credit_code");
    let party_type = party_type(c, party.as_deref(), credit_code.as_deref());
    if let (Some("自然人"), Some(p)) = (party_type.as_deref(), party.as_deref())
        && !pii::is_anonymised_name(p)
    {
        let col = c.col_of("party");
        c.error(
            col,
            cells::bad(
                "自然人当事人写了全名，不能公开，这一行没有导入",
                format!("在表中改为“{}某”（只写姓氏加“某”）后再导入", surname(p)),
            ),
        );
    }
    set(&mut f, "number", number.clone().map(Value::Text));
    set(&mut f, "agency", agency.clone().map(Value::Text));
    set(&mut f, "party_type", party_type.clone().map(Value::Text));
    set(&mut f, "party", party.map(Value::Text));
    if party_type.as_deref() != Some("自然人") {
        set(&mut f, "credit_code", credit_code.map(Value::Text));
    }
    set(&mut f, "violation", violation.map(Value::Text));
    set(&mut f, "domain", c.domain().map(Value::Text));
    set(&mut f, "location", c.text("location").map(Value::Text));
    let penalties = penalties(c);
    let outcomes: Vec<&str> = Outcome::ALL.iter().map(|o| o.label()).collect();
    let outcome = c.choice("outcome", &outcomes).or_else(|| {
        penalties
            .as_ref()
            .filter(|p| p.is_empty())
            .map(|_| "不予处罚".to_string())
    });
    set(&mut f, "outcome", outcome.clone().map(Value::Text));
    let procedures: Vec<&str> = Procedure::ALL.iter().map(|p| p.label()).collect();
    set(
        &mut f,
        "procedure",
        c.choice("procedure", &procedures).map(Value::Text),
    );
    set(&mut f, "decided", decided.map(Value::Date));
    set(&mut f, "published", c.date("published").map(Value::Date));
    let statuses: Vec<&str> = DecisionStatus::ALL.iter().map(|s| s.label()).collect();
    if let Some(s) = c.choice("status", &statuses) {
        if s != "有效" {
            let col = c.col_of("status");
            c.error(
                col,
                cells::bad(
                    format!("状态为“{s}”的决定不公开，没有导入"),
                    "导入只用于有效的决定；撤回已公开的决定见 docs/publishing.md 第八部分",
                ),
            );
        }
        f.set("status", Value::Text(s));
    }
    for key in ["risks", "powers", "benchmarks", "exemptions"] {
        set(&mut f, key, c.ids(key).map(Value::Texts));
    }
    if let Some(b) = c.citations("basis") {
        f.table("basis", b);
    }
    match penalties {
        Some(p) => f.table("penalties", p),
        None if outcome.as_deref() == Some("不予处罚") => f.table("penalties", Vec::new()),
        None => {}
    }
    c.body(&mut f);
    let year = decided.map(|d| chrono::Datelike::year(&d));
    let id = id.unwrap_or_else(|| {
        let agency = agency.unwrap_or_else(|| "D".into());
        match number.as_deref().and_then(number_parts) {
            Some((y, n)) => format!("{agency}-{y}-{n:04}"),
            None => format!("{agency}-{}-{:04}", year.unwrap_or(0), seq.next("D")),
        }
    });
    c.ok.then_some(Record {
        id,
        year,
        filled: f,
        row: c.row,
    })
}

/// The party type as written, or inferred: a 统一社会信用代码 starting 92 is a 个体工商户, any
/// other code an organisation; a name with 某 a natural person; a name with the words
/// organisations have (公司, 店, 厂 …) an organisation or, for shops, a 个体工商户.
fn party_type(c: &mut Conv, party: Option<&str>, code: Option<&str>) -> Option<String> {
    let labels: Vec<&str> = PartyType::ALL.iter().map(|p| p.label()).collect();
    if c.cell("party_type").is_some() {
        return c.choice("party_type", &labels);
    }
    let party = party?;
    if let Some(code) = code {
        return Some(
            if code.starts_with("92") {
                "个体工商户"
            } else {
                "法人或其他组织"
            }
            .into(),
        );
    }
    if party.contains('某') && party.chars().count() <= 4 {
        return Some("自然人".into());
    }
    let shop = ["店", "馆", "部", "坊", "摊", "铺", "行", "社", "厅", "屋"];
    let org = [
        "公司",
        "厂",
        "中心",
        "合作社",
        "集团",
        "协会",
        "医院",
        "学校",
        "有限",
        "委员会",
        "局",
    ];
    if org.iter().any(|w| party.contains(w)) {
        return Some("法人或其他组织".into());
    }
    if shop.iter().any(|w| party.contains(w)) {
        return Some("个体工商户".into());
    }
    // Two to four Chinese characters and nothing else: a person's name.
    if (2..=4).contains(&party.chars().count())
        && party
            .chars()
            .all(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch))
    {
        return Some("自然人".into());
    }
    let col = c.col_of("party");
    c.error(
        col,
        cells::bad(
            "看不出当事人是自然人、个体工商户还是单位",
            "在表中加一列“当事人类型”（自然人、个体工商户、法人或其他组织）",
        ),
    );
    None
}

/// The surname of a full name (a compound surname when it is one), for the hint.
fn surname(name: &str) -> String {
    let c: Vec<char> = name.trim().chars().collect();
    if c.len() >= 3 {
        let two: String = c[..2].iter().collect();
        if pii::is_anonymised_name(&format!("{two}某")) {
            return two;
        }
    }
    c.first().map(|ch| ch.to_string()).unwrap_or_default()
}

/// 〔2024〕 and 第0012号 of a 文号.
fn number_parts(number: &str) -> Option<(u32, u32)> {
    let open = number.find(['〔', '[', '（', '(', '【'])?;
    let rest = &number[open..];
    let year: String = rest
        .chars()
        .skip(1)
        .take_while(char::is_ascii_digit)
        .collect();
    let after = rest.split(['〕', ']', '）', ')', '】']).nth(1)?;
    let n: String = after
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    Some((year.parse().ok().filter(|y| *y > 1949)?, n.parse().ok()?))
}

/// The penalties of a row: `Some(vec![])` when the table says there are none.
fn penalties(c: &mut Conv) -> Option<Vec<Entry>> {
    let kinds: Vec<&str> = PenaltyKind::ALL.iter().map(|k| k.label()).collect();
    if let Some((text, col, _)) = c.cell("penalties") {
        if text.contains("不予处罚") || text.contains("不予行政处罚") {
            return Some(Vec::new());
        }
        let mut out = Vec::new();
        for part in split_penalties(&text) {
            match penalty(&part, &kinds) {
                Some(e) => out.push(e),
                None => {
                    c.error(
                        col,
                        cells::bad(
                            format!("看不懂处罚内容“{part}”"),
                            format!(
                                "每项写处罚种类和金额，如“罚款500元；警告”；种类为 {}",
                                kinds.join("、")
                            ),
                        ),
                    );
                    return None;
                }
            }
        }
        return Some(out);
    }
    let kind_cell = c.cell("penalty_kind");
    let amount = c.yuan("amount");
    let mut out: Vec<Entry> = Vec::new();
    if let Some((text, col, _)) = kind_cell {
        for w in cells::words(&text) {
            match cells::choice("penalty_kind", &w, &kinds) {
                Ok(k) => out.push(vec![("kind".into(), Value::Text(k))]),
                Err(b) => {
                    c.error(col, b);
                    return None;
                }
            }
        }
    } else if amount.is_some() {
        out.push(vec![("kind".into(), Value::Text("罚款".into()))]);
    } else {
        return None;
    }
    if let Some(a) = amount
        && let Some(e) = out
            .iter_mut()
            .find(|e| matches!(&e[0].1, Value::Text(k) if k == "罚款" || k == "没收违法所得"))
    {
        e.push(("amount".into(), Value::Int(a)));
    }
    Some(out)
}

/// `罚款200元；警告（当场）`, `警告，并处罚款200元` → its parts.
fn split_penalties(text: &str) -> Vec<String> {
    text.replace("并处", "；")
        .split(['；', ';', '，', ',', '、', '\n'])
        .map(|p| {
            p.trim()
                .trim_start_matches('处')
                .trim_start_matches('并')
                .trim()
                .to_string()
        })
        .filter(|p| !p.is_empty() && p != "人民币")
        .collect()
}

/// One penalty: its kind (the longest label it contains), an amount in yuan and a note in
/// brackets.
fn penalty(part: &str, kinds: &[&str]) -> Option<Entry> {
    let (main, note) = match part.find(['（', '(']) {
        Some(i) if part.ends_with(['）', ')']) => {
            let close = part.char_indices().last().map_or(part.len(), |(i, _)| i);
            let open_len = part[i..].chars().next().map_or(1, char::len_utf8);
            (&part[..i], Some(part[i + open_len..close].to_string()))
        }
        _ => (part, None),
    };
    let kind = kinds
        .iter()
        .filter(|k| main.contains(**k))
        .max_by_key(|k| k.chars().count())?;
    let mut e: Entry = vec![("kind".into(), Value::Text((*kind).to_string()))];
    let amounts = cells::amounts(main);
    match amounts.as_slice() {
        [a] => e.push(("amount".into(), Value::Int(*a))),
        // 罚款 and 没收违法所得 need their amount in digits.
        [] if matches!(*kind, "罚款" | "没收违法所得") => return None,
        [] => {}
        _ => return None,
    }
    if let Some(n) = note.filter(|n| !n.is_empty()) {
        e.push(("note".into(), Value::Text(n)));
    }
    Some(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn penalties_read_as_exported_and_as_case_systems_write_them() {
        let kinds: Vec<&str> = PenaltyKind::ALL.iter().map(|k| k.label()).collect();
        let parts = split_penalties("罚款200元；警告（当场）");
        assert_eq!(parts, ["罚款200元", "警告（当场）"]);
        let p = penalty(&parts[1], &kinds).unwrap();
        assert_eq!(p[1], ("note".into(), Value::Text("当场".into())));
        let parts = split_penalties("警告，并处罚款人民币1.2万元");
        let p = penalty(&parts[1], &kinds).unwrap();
        assert_eq!(
            p,
            vec![
                ("kind".into(), Value::Text("罚款".into())),
                ("amount".into(), Value::Int(12_000))
            ]
        );
        let p = penalty("没收违法所得300元", &kinds).unwrap();
        assert_eq!(p[0].1, Value::Text("没收违法所得".into()));
        assert!(penalty("罚款伍佰元", &kinds).is_none());
        assert!(penalty("批评教育", &kinds).is_none());
    }

    #[test]
    fn numbers_and_surnames() {
        assert_eq!(
            number_parts("示城执罚决字〔2024〕第0012号"),
            Some((2024, 12))
        );
        assert_eq!(number_parts("某城管罚字[2025]18号"), Some((2025, 18)));
        assert_eq!(surname("欧阳小明"), "欧阳");
        assert_eq!(surname("张三"), "张");
    }
}
