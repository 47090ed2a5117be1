//! Benchmarks: at least one grade, grades in order, each fine range the right way round.

use super::super::{At, Checker, at};
use crate::content::model::Grade;
use crate::diagnostics::Code;

impl Checker<'_> {
    pub(in crate::checks) fn benchmarks(&mut self) {
        for i in &self.lib.benchmarks {
            if i.meta.grades.is_empty() {
                self.error(
                    &i.source,
                    at("id"),
                    Code::MissingField,
                    "裁量基准至少要有一个 [[grades]] 档次".into(),
                    "",
                );
            }
            let mut last: Option<Grade> = None;
            for (n, g) in i.meta.grades.iter().enumerate() {
                if let (Some(lo), Some(hi)) = (g.fine_min, g.fine_max)
                    && lo > hi
                {
                    let msg = format!("“{}”档罚款下限 {lo} 元高于上限 {hi} 元", g.grade);
                    self.error(
                        &i.source,
                        At {
                            key: "fine_min",
                            nth: n,
                            needle: None,
                        },
                        Code::BenchmarkRange,
                        msg,
                        "",
                    );
                }
                if last.is_some_and(|l| l >= g.grade) {
                    let msg = format!("档次“{}”顺序不对或重复", g.grade);
                    self.error(
                        &i.source,
                        At {
                            key: "grade",
                            nth: n,
                            needle: None,
                        },
                        Code::BenchmarkRange,
                        msg,
                        "按 轻微、一般、较重、严重 的顺序排列，每档一次",
                    );
                }
                last = Some(g.grade);
            }
        }
    }
}
