//! Benchmarks: at least one grade, grades in order, each fine range the right way round
//! (BM001), in every version; earlier versions (`[[versions]]`) in date order (BM004).

use super::super::{At, Checker, at};
use crate::content::Source;
use crate::content::frontmatter::locate;
use crate::content::kinds::BenchmarkGrade;
use crate::content::model::Grade;
use crate::diagnostics::Code;

/// How many `grade`, `fine_min` and `party` keys of a benchmark file come before a version's
/// own, so that a finding in an earlier version points at its line. The current version's
/// keys come first (`[[versions]]` is written last, as documented).
pub(super) struct Bases {
    pub grade: usize,
    pub fine_min: usize,
    pub party: usize,
}

pub(super) fn version_bases(src: &Source, earlier: Option<usize>) -> Bases {
    let Some(n) = earlier else {
        return Bases {
            grade: 0,
            fine_min: 0,
            party: 0,
        };
    };
    let front = src.front();
    let until = locate(front, "until", n, None);
    let before = |key: &str| {
        let mut k = 0;
        loop {
            let p = locate(front, key, k, None);
            if p == 0 || p >= until {
                return k;
            }
            k += 1;
        }
    };
    Bases {
        grade: before("grade"),
        fine_min: before("fine_min"),
        party: before("party"),
    }
}

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
            for v in i.meta.versions() {
                let bases = version_bases(&i.source, v.earlier);
                self.grade_order(&i.source, v.grades, &bases);
            }
            // BM004: earlier versions after `effective`, in date order, not overlapping.
            let mut last = i.meta.effective;
            for (n, v) in i.meta.versions.iter().enumerate() {
                if v.until <= last {
                    let msg = if n == 0 {
                        format!(
                            "历史版本的施行截止日期 {} 不晚于基准的生效日期 {}",
                            v.until.iso(),
                            last.iso()
                        )
                    } else {
                        format!(
                            "历史版本的施行截止日期 {} 不晚于前一个版本的 {}：版本重叠或顺序颠倒",
                            v.until.iso(),
                            last.iso()
                        )
                    };
                    self.error(
                        &i.source,
                        At {
                            key: "until",
                            nth: n,
                            needle: None,
                        },
                        Code::BenchmarkVersions,
                        msg,
                        "[[versions]] 按从早到晚排列；until 写下一个版本开始施行的日期，每个版本的 until 晚于前一个，第一个晚于 effective",
                    );
                }
                if v.grades.is_empty() {
                    self.error(
                        &i.source,
                        At {
                            key: "until",
                            nth: n,
                            needle: None,
                        },
                        Code::MissingField,
                        "裁量基准的历史版本至少要有一个 [[versions.grades]] 档次".into(),
                        "",
                    );
                }
                last = last.max(v.until);
            }
        }
    }

    /// BM001 for one version's grades.
    fn grade_order(&mut self, src: &Source, grades: &[BenchmarkGrade], bases: &Bases) {
        let mut last: Option<Grade> = None;
        let mut fine_mins = 0;
        for (n, g) in grades.iter().enumerate() {
            if let (Some(lo), Some(hi)) = (g.fine_min, g.fine_max)
                && lo > hi
            {
                let msg = format!("“{}”档罚款下限 {lo} 元高于上限 {hi} 元", g.grade);
                self.error(
                    src,
                    At {
                        key: "fine_min",
                        nth: bases.fine_min + fine_mins,
                        needle: None,
                    },
                    Code::BenchmarkRange,
                    msg,
                    "",
                );
            }
            if g.fine_min.is_some() {
                fine_mins += 1;
            }
            if last.is_some_and(|l| l >= g.grade) {
                let msg = format!("档次“{}”顺序不对或重复", g.grade);
                self.error(
                    src,
                    At {
                        key: "grade",
                        nth: bases.grade + n,
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
