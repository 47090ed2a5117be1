//! A discretion benchmark from an agency's 裁量基准 table: one row per grade, the benchmark's
//! own cells repeated (or merged down its rows, or left blank under the first row in a CSV);
//! fines from the table's columns or, without them, from the penalty in words.

use super::cells;
use super::rows::{Conv, Ctx, Record, Seq, set};
use crate::content::model::Grade;
use crate::content::scaffold::{Entry, Filled, Value};
use crate::content::statutes::{Found, Party, Statutes};

/// The rows of each benchmark: a row whose id (or, without an id column, title) is empty
/// continues the benchmark above it, as a table with merged cells reads once saved as CSV.
pub fn groups(ctx: &Ctx<'_>) -> Vec<Vec<usize>> {
    let key = if ctx.table.columns_for("id").next().is_some() {
        "id"
    } else {
        "title"
    };
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for &r in &ctx.table.rows {
        let c = Conv::new(ctx, r);
        let k = c.cell(key).map(|(t, _, _)| cells::text(&t));
        match (k, groups.last_mut()) {
            (Some(k), Some((last, rows))) if *last == k => rows.push(r),
            (None, Some((_, rows))) => rows.push(r),
            (Some(k), _) => groups.push((k, vec![r])),
            (None, None) => groups.push((String::new(), vec![r])),
        }
    }
    groups.into_iter().map(|(_, rows)| rows).collect()
}

/// 裁量基准: the benchmark's fields from its first row, one grade per row. Ids made up as
/// B-NNN.
pub fn benchmark(c: &mut Conv, rows: &[usize], seq: &mut Seq) -> Option<Record> {
    let mut f = Filled::default();
    c.row = rows[0];
    let title = c.required("title", "违法行为");
    let id = c.own_id();
    set(&mut f, "title", title.map(Value::Text));
    set(&mut f, "domain", c.domain().map(Value::Text));
    set(&mut f, "powers", c.ids("powers").map(Value::Texts));
    c.lifecycle(&mut f);
    f.table("violates", c.citations("violates").unwrap_or_default());
    if let Some(b) = c.citations("penalty_basis") {
        if let Some(first) = b.first() {
            f.table("statutory", statutory(c.ctx.statutes, first));
        }
        f.table("penalty_basis", b);
    }
    c.body(&mut f);
    let fines_in_table = c.col_of("fine_min").is_some() || c.col_of("fine_max").is_some();
    let grade_labels: Vec<&str> = Grade::ALL.iter().map(|g| g.label()).collect();
    let mut grades: Vec<(usize, Entry)> = Vec::new();
    for &r in rows {
        c.row = r;
        let Some(grade) = c.choice("grade", &grade_labels) else {
            if c.cell("grade").is_none() {
                let col = c.col_of("grade");
                c.error(
                    col,
                    cells::bad(
                        "这一行没有裁量档次",
                        format!("写 {} 之一；每一档一行", grade_labels.join("、")),
                    ),
                );
            }
            continue;
        };
        let mut e: Entry = vec![("grade".into(), Value::Text(grade.clone()))];
        if let Some(t) = c.text("circumstances") {
            e.push(("circumstances".into(), Value::Text(t)));
        }
        let penalty = c.text("penalty");
        if let Some(t) = &penalty {
            e.push(("penalty".into(), Value::Text(t.clone())));
        }
        let (lo, hi) = if fines_in_table {
            (c.yuan("fine_min"), c.yuan("fine_max"))
        } else {
            penalty.as_deref().map_or((None, None), fine_range)
        };
        if let (Some(lo), Some(hi)) = (lo, hi) {
            e.push(("fine_min".into(), Value::Int(lo)));
            e.push(("fine_max".into(), Value::Int(hi)));
        }
        let order = grade_labels.iter().position(|g| *g == grade).unwrap_or(0);
        grades.push((order, e));
    }
    grades.sort_by_key(|(order, _)| *order);
    f.table("grades", grades.into_iter().map(|(_, e)| e).collect());
    c.row = rows[0];
    let id = id.unwrap_or_else(|| format!("B-{:03}", seq.next("B")));
    super::rows::done(c, id, f)
}

/// 法定处罚幅度 for the penalty basis, from the statute table: one entry per party range
/// the article sets (个人/单位, or 任何), with its penalty kinds. An article the table does not
/// have, or a repository without a table, gives one entry for any party with the citation
/// only: `check` then asks for what is missing, and nothing is made up.
fn statutory(statutes: Option<&Statutes>, basis: &Entry) -> Vec<Entry> {
    let text = |key: &str| {
        basis
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| match v {
                Value::Text(t) => Some(t.clone()),
                _ => None,
            })
    };
    let (Some(law), Some(article)) = (text("law"), text("article")) else {
        return Vec::new();
    };
    let entry = |party: Party, kinds: Vec<String>, min: Option<u64>, max: Option<u64>| {
        let mut e: Entry = vec![
            ("party".into(), Value::Text(party_label(party).into())),
            ("law".into(), Value::Text(law.clone())),
            ("article".into(), Value::Text(article.clone())),
            ("penalties".into(), Value::Texts(kinds)),
        ];
        if let Some(lo) = min {
            e.push(("fine_min".into(), Value::Int(lo)));
        }
        if let Some(hi) = max {
            e.push(("fine_max".into(), Value::Int(hi)));
        }
        e
    };
    match statutes.map(|s| s.find(&law, &article)) {
        Some(Found::Article(_, a)) => {
            let kinds: Vec<String> = a
                .penalty_kinds
                .iter()
                .map(|k| k.label().to_string())
                .collect();
            let fixed: Vec<_> = a.fine.iter().filter(|f| f.rate_min.is_none()).collect();
            if fixed.is_empty() {
                vec![entry(Party::Any, kinds, None, None)]
            } else {
                fixed
                    .iter()
                    .map(|f| entry(f.party, kinds.clone(), f.min.or(Some(0)), f.max))
                    .collect()
            }
        }
        _ => vec![entry(Party::Any, Vec::new(), None, None)],
    }
}

/// The party as authors write it in `[[statutory]]`.
fn party_label(p: Party) -> &'static str {
    match p {
        Party::Individual => "个人",
        Party::Unit => "单位",
        Party::Any => "任何",
    }
}

/// The fine range a penalty written in words states: `处100元以上500元以下罚款`,
/// `100元至500元`, `1万元以上5万元以下`. Both ends or nothing.
pub fn fine_range(text: &str) -> (Option<u64>, Option<u64>) {
    let amounts: Vec<u64> = cells::amounts(text);
    let between = ["以上", "至", "—", "-", "~", "～", "到"]
        .iter()
        .any(|w| text.contains(w));
    match amounts.as_slice() {
        [lo, hi] if between && lo <= hi => (Some(*lo), Some(*hi)),
        _ => (None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fine_ranges_from_words() {
        assert_eq!(
            fine_range("处100元以上500元以下罚款"),
            (Some(100), Some(500))
        );
        assert_eq!(
            fine_range("处1万元以上5万元以下罚款"),
            (Some(10_000), Some(50_000))
        );
        assert_eq!(fine_range("警告，或者处500元以下罚款"), (None, None));
        assert_eq!(fine_range("不予处罚"), (None, None));
    }
}
