//! 办事指南 and registers: a guide belongs to a 行政许可 power item (GUIDE001) and promises no
//! more than the law allows (GUIDE002); a register's rows use only the columns it declares
//! (REG001). Whether the power and risk ids exist is the references rule's (REF001).

use super::super::{At, Checker, at};
use crate::content::Kind;
use crate::content::model::PowerType;
use crate::diagnostics::Code;

impl Checker<'_> {
    pub(in crate::checks) fn guides(&mut self) {
        let lib = self.lib;
        for g in &lib.guides {
            let m = &g.meta;
            let power = self
                .ids
                .position(Kind::Power, m.power.as_str())
                .map(|i| &lib.powers[i].meta);
            if let Some(p) = power
                && p.power_type != PowerType::Licensing
            {
                let msg = format!(
                    "办事指南的权责事项 {} 是“{}”，不是行政许可",
                    p.id,
                    p.power_type.label()
                );
                self.error(
                    &g.source,
                    At {
                        key: "power",
                        nth: 0,
                        needle: Some(m.power.as_str()),
                    },
                    Code::GuidePower,
                    msg,
                    "power 填写权责清单中对应的行政许可事项编码（P-XK-…）",
                );
            }
            if let Some(promised) = m.promised_days
                && promised > m.time_limit_days
            {
                let msg = format!(
                    "承诺时限 {promised} 个工作日超过法定时限 {} 个工作日",
                    m.time_limit_days
                );
                self.error(
                    &g.source,
                    at("promised_days"),
                    Code::GuideTimeLimit,
                    msg,
                    "承诺只能在法定时限内压缩：promised_days 不得大于 time_limit_days",
                );
            }
        }
    }

    pub(in crate::checks) fn registers(&mut self) {
        for r in &self.lib.registers {
            for (row, key) in r.meta.undeclared() {
                let msg = format!("第 {row} 行的字段 `{key}` 不在 columns 中，页面上不会显示");
                // The key's own occurrence: how many earlier rows have it too (not the row
                // number, which counts rows without it).
                let nth = r.meta.rows[..row - 1]
                    .iter()
                    .filter(|x| x.contains_key(key))
                    .count();
                self.error(
                    &r.source,
                    At {
                        key,
                        nth,
                        needle: None,
                    },
                    Code::RegisterColumn,
                    msg,
                    "把它加入 columns（写明表头），或者改成已有列的字段名",
                );
            }
        }
    }
}
