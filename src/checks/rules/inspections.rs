//! 涉企行政检查: an inspection item exercises a 行政检查 power item (INSP001) and states a
//! positive yearly ceiling with its source (INSP002); a year's results state totals that are
//! the sums of their rows (INSP003). Whether the ids exist is the references rule's (REF001).

use super::super::{At, Checker, at};
use crate::content::Kind;
use crate::content::kinds::{COUNT_KEYS, COUNT_LABELS};
use crate::content::model::PowerType;
use crate::diagnostics::Code;

impl Checker<'_> {
    pub(in crate::checks) fn inspections(&mut self) {
        let lib = self.lib;
        for i in &lib.inspections {
            let m = &i.meta;
            let power = self
                .ids
                .position(Kind::Power, m.power.as_str())
                .map(|n| &lib.powers[n].meta);
            if let Some(p) = power
                && p.power_type != PowerType::Inspection
            {
                let msg = format!(
                    "检查事项所行使的权责事项 {} 是“{}”，不是行政检查",
                    p.id,
                    p.power_type.label()
                );
                self.error(
                    &i.source,
                    At {
                        key: "power",
                        nth: 0,
                        needle: Some(m.power.as_str()),
                    },
                    Code::InspectionPower,
                    msg,
                    "power 填写权责清单中对应的行政检查事项编码（P-JC-…）",
                );
            }
            if m.max_per_year <= 0 {
                let msg = format!("年度频次上限是 {}，必须是大于 0 的整数", m.max_per_year);
                self.error(
                    &i.source,
                    at("max_per_year"),
                    Code::InspectionLimit,
                    msg,
                    "写同一检查对象每年最多检查的次数，如 max_per_year = 2",
                );
            }
            if m.max_basis.trim().is_empty() {
                self.error(
                    &i.source,
                    at("max_basis"),
                    Code::InspectionLimit,
                    "年度频次上限没有写明来源".to_string(),
                    "max_basis 写明上限由谁、依据什么确定（主管部门公布的上限，或者本局自定及其依据）",
                );
            }
        }
        for r in &lib.inspection_reports {
            let rows = r.meta.rows.len();
            for (n, k, stated, sum) in r.meta.wrong_totals() {
                let label = COUNT_LABELS[k];
                let whose = match &r.meta.totals[n].agency {
                    Some(a) => format!("{a} 的"),
                    None => "全部".to_string(),
                };
                let msg = format!(
                    "第 {} 个合计的“{label}”是 {stated}，{whose}各行相加是 {sum}",
                    n + 1
                );
                self.error(
                    &r.source,
                    // The key's occurrences count every row's before the totals'.
                    At {
                        key: COUNT_KEYS[k],
                        nth: rows + n,
                        needle: None,
                    },
                    Code::InspectionTotals,
                    msg,
                    "重新相加各行，改正合计或者有误的行",
                );
            }
        }
    }
}
