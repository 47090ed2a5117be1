//! Decisions: withdrawal records match the status, a 信用修复 record is possible (after the
//! decision and its minimum period, not in the future), penalties match the outcome and carry
//! amounts, 简易程序 stays within its limits, credit codes are well-formed.

use super::super::{At, Checker, at};
use crate::content::Source;
use crate::content::kinds::Decision;
use crate::content::model::*;
use crate::diagnostics::Code;

impl Checker<'_> {
    pub(in crate::checks) fn decisions(&mut self) {
        for i in &self.lib.decisions {
            let m = &i.meta;
            let src = &i.source;
            match (&m.withdrawal, m.status.is_withdrawn()) {
                (None, true) => {
                    let msg = format!("状态为“{}”的决定必须写明撤回信息", m.status);
                    self.error(
                        src,
                        at("status"),
                        Code::Withdrawal,
                        msg,
                        "添加 [withdrawal] 表，写明 date（撤回日期）和 reason（公开的撤回理由）",
                    );
                }
                (Some(_), false) => {
                    self.error(
                        src,
                        at("status"),
                        Code::Withdrawal,
                        "状态为“有效”的决定不应有撤回信息".into(),
                        "删除 [withdrawal]，或把 status 改为 已变更/已撤销/确认违法/确认无效",
                    );
                }
                (Some(w), true) => {
                    if w.reason.trim().is_empty() {
                        self.error(
                            src,
                            at("reason"),
                            Code::Withdrawal,
                            "撤回理由不能为空".into(),
                            "写明公开的撤回理由，如“经行政复议决定撤销”",
                        );
                    }
                    if w.changed < m.decided {
                        let msg = format!(
                            "决定变更、撤销等的日期 {} 早于决定日期 {}",
                            w.changed.iso(),
                            m.decided.iso()
                        );
                        self.error(src, at("changed"), Code::DateOrder, msg, "");
                    }
                    if w.date < w.changed {
                        let msg = format!(
                            "撤回日期 {} 早于决定变更、撤销等的日期 {}",
                            w.date.iso(),
                            w.changed.iso()
                        );
                        self.error(
                            src,
                            at("date"),
                            Code::DateOrder,
                            msg,
                            "changed 写复议决定、判决或本机关纠错决定的日期，date 写从网站撤回的日期",
                        );
                    }
                }
                (None, false) => {}
            }
            self.decision_penalties(src, m);
            self.decision_repair(src, m);
            if let Some(code) = &m.credit_code {
                let ok = code.len() == 18
                    && code
                        .chars()
                        .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase());
                if !ok {
                    let msg = format!("统一社会信用代码 `{code}` 格式不对");
                    self.error(
                        src,
                        at("credit_code"),
                        Code::InvalidValue,
                        msg,
                        "应为 18 位数字或大写字母",
                    );
                }
                if m.party_type == PartyType::NaturalPerson {
                    self.error(
                        src,
                        at("credit_code"),
                        Code::DecisionConsistency,
                        "自然人不应填写统一社会信用代码".into(),
                        "删除 credit_code，或更正 party_type",
                    );
                }
            }
        }
    }

    fn decision_repair(&mut self, src: &Source, m: &Decision) {
        let Some(r) = &m.repair else { return };
        let day = r.repaired;
        let period = crate::legal_time::publication::period(m, &self.lib.site);
        let today = crate::legal_time::today();
        if day < m.decided {
            let msg = format!(
                "信用修复日期 {} 早于决定日期 {}",
                day.iso(),
                m.decided.iso()
            );
            self.error(
                src,
                at("repaired"),
                Code::Repair,
                msg,
                "repaired 写信用修复决定作出（停止公示）的日期",
            );
        } else if day.0 < period.repair_from {
            let msg = format!(
                "信用修复日期 {} 早于最短公示期届满日 {}：{}最短公示 {} 个月，期满前不能修复",
                day.iso(),
                period.repair_from,
                period.class.label(),
                period.min_months
            );
            self.error(
                src,
                at("repaired"),
                Code::Repair,
                msg,
                "核对修复决定的日期；最短公示期未满的，删除 [repair]",
            );
        }
        if day.0 > today {
            let msg = format!("信用修复日期 {} 晚于今天 {today}", day.iso());
            self.error(
                src,
                at("repaired"),
                Code::Repair,
                msg,
                "修复完成后再填写 [repair]，日期写实际修复的日期",
            );
        }
        for (key, value, hint) in [
            ("document", &r.document, "写明信用修复决定的文号或说明"),
            ("approved_by", &r.approved_by, "写明作出修复决定的机关"),
        ] {
            if value.trim().is_empty() {
                self.error(
                    src,
                    at(key),
                    Code::Repair,
                    format!("[repair] 的 {key} 不能为空"),
                    hint,
                );
            }
        }
    }

    fn decision_penalties(&mut self, src: &Source, m: &Decision) {
        let no_penalty = m.outcome == Outcome::NoPenalty;
        if no_penalty && !m.penalties.is_empty() {
            self.error(
                src,
                at("outcome"),
                Code::DecisionConsistency,
                "裁量结果为“不予处罚”，但列出了处罚".into(),
                "不予处罚的决定不写 [[penalties]]",
            );
        }
        if !no_penalty && m.penalties.is_empty() {
            let msg = format!("裁量结果为“{}”，但没有列出处罚", m.outcome);
            self.error(
                src,
                at("outcome"),
                Code::DecisionConsistency,
                msg,
                "添加 [[penalties]]，写明处罚种类和金额",
            );
        }
        for (n, p) in m.penalties.iter().enumerate() {
            let needs_amount = matches!(p.kind, PenaltyKind::Fine | PenaltyKind::ConfiscateGains);
            if needs_amount && p.amount.is_none() {
                let msg = format!("“{}”必须写明金额", p.kind);
                self.error(
                    src,
                    At {
                        key: "kind",
                        nth: n,
                        needle: None,
                    },
                    Code::DecisionConsistency,
                    msg,
                    "添加 amount = 金额（元）",
                );
            }
        }
        if m.procedure == Procedure::Simple {
            // 行政处罚法 第五十一条: on the spot only for a warning, or a small fine; an 个体工商户
            // counts as the site says (`individual_business_as`), as for every other range.
            let limit = crate::content::kinds::simple_procedure_limit(
                m.party(self.lib.site.individual_business_as),
            );
            let allowed = m
                .penalties
                .iter()
                .all(|p| matches!(p.kind, PenaltyKind::Warning | PenaltyKind::Fine));
            if !allowed || m.total_amount() > limit {
                let msg =
                    format!("简易程序只能给予警告或{limit}元以下罚款（行政处罚法第五十一条）");
                self.error(
                    src,
                    at("procedure"),
                    Code::DecisionConsistency,
                    msg,
                    "改为 普通程序，或更正处罚",
                );
            }
        }
    }
}
