//! Fines that must be lawful: a benchmark declares its statutory range per party type, which
//! must be the one the statute table records (BM003); every grade lies inside it (BM002); a
//! decision names the grade it applied (DEC002); its fine lies inside that grade, below it only
//! when 减轻 (DEC003), never outside the statutory range (DEC004); 从轻 and 减轻 rest on a
//! statutory ground (DEC005); and it imposes only penalty kinds the article provides (DEC006).

use super::super::{At, Checker, at};
use crate::content::Item;
use crate::content::Kind;
use crate::content::kinds::{Benchmark, Decision, Version};
use crate::content::model::Grade;
use crate::content::model::{LegalRef, Outcome, PenaltyKind};
use crate::content::statutes::{Found, Party};
use crate::diagnostics::{Code, Severity};

/// A fine range in yuan; either end may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Bounds {
    min: Option<u64>,
    max: Option<u64>,
}

impl Bounds {
    fn show(self) -> String {
        match (self.min, self.max) {
            (Some(a), Some(b)) => format!("{a}—{b}元"),
            (Some(a), None) => format!("{a}元以上"),
            (None, Some(b)) => format!("{b}元以下"),
            (None, None) => "未规定数额".into(),
        }
    }

    /// The widest range covering several.
    /// An open lower end is 0; an open upper end stays open.
    fn union(all: impl Iterator<Item = Bounds>) -> Option<Bounds> {
        all.filter(|b| b.min.is_some() || b.max.is_some())
            .reduce(|a, b| Bounds {
                min: Some(a.min.unwrap_or(0).min(b.min.unwrap_or(0))),
                max: match (a.max, b.max) {
                    (Some(x), Some(y)) => Some(x.max(y)),
                    _ => None,
                },
            })
    }
}

/// The parties a benchmark version states ranges for: 个人 and 单位 when it splits them, else
/// one range for every party.
fn parties(v: &Version<'_>) -> Vec<Party> {
    let split =
        v.statutory.iter().any(|s| s.party != Party::Any) || v.grades.iter().any(|g| g.is_split());
    if split {
        vec![Party::Individual, Party::Unit]
    } else {
        vec![Party::Any]
    }
}

/// What a benchmark version declares as statutory for a party.
fn statutory_bounds(v: &Version<'_>, party: Party) -> Option<Bounds> {
    Bounds::union(v.statutory_for(party).map(|s| Bounds {
        min: s.fine_min,
        max: s.fine_max,
    }))
}

/// A version's range for a party under a grade, as the hint shows it: the grade's range, else
/// the statutory one, or that the version does not provide for the party.
fn version_range(v: &Version<'_>, grade: Option<Grade>, party: Party) -> String {
    if !v.covers(party) {
        return format!("没有规定对{}的处罚", party.label());
    }
    match grade.and_then(|g| v.grade(g)) {
        Some(g) => {
            let (min, max) = g.range_for(party);
            format!("“{}”档 {}", g.grade, Bounds { min, max }.show())
        }
        None => statutory_bounds(v, party).map_or("未规定数额".into(), |b| b.show()),
    }
}

/// Whether a decision's basis names a statutory ground for 从轻 or 减轻: 行政处罚法 第三十条,
/// 第三十一条, or an item of 第三十二条.
fn has_mitigation_ground(basis: &[LegalRef]) -> bool {
    basis.iter().any(|r| {
        r.law == "行政处罚法"
            && (r.article.starts_with("第三十条")
                || r.article.starts_with("第三十一条")
                || r.article.starts_with("第三十二条第"))
    })
}

fn cites_article_32_bare(basis: &[LegalRef]) -> bool {
    basis
        .iter()
        .any(|r| r.law == "行政处罚法" && r.article.trim() == "第三十二条")
}

impl Checker<'_> {
    pub(in crate::checks) fn fines(&mut self) {
        for b in &self.lib.benchmarks {
            for v in b.meta.versions() {
                let bases = super::benchmarks::version_bases(&b.source, v.earlier);
                self.benchmark_statutory(b, &v, bases.party);
                self.benchmark_grades(b, &v, bases.grade);
            }
        }
        for d in &self.lib.decisions {
            if !d.meta.status.is_withdrawn() {
                self.decision_fine(d);
            }
        }
    }

    /// BM003: a statutory range stated, and stated as the statute table records it.
    /// `base`: how many `party` keys of the file come before the version's own.
    fn benchmark_statutory(&mut self, b: &Item<Benchmark>, v: &Version<'_>, base: usize) {
        let m = v;
        let fined = m.grades.iter().any(|g| {
            [Party::Individual, Party::Unit]
                .iter()
                .any(|&p| g.range_for(p).1.is_some_and(|x| x > 0))
        });
        if m.statutory.is_empty() {
            // An earlier version may be on record without its statutory range.
            if fined && v.earlier.is_none() {
                self.error(
                    &b.source,
                    at("penalty_basis"),
                    Code::StatutoryRange,
                    "裁量基准没有写明法定处罚幅度（[[statutory]]）".into(),
                    "照 gongshi new benchmark 的模板，为处罚依据条款写一段 [[statutory]]：当事人类型、法律、条款、处罚种类和法定罚款上下限；个人、单位幅度不同的各写一段",
                );
            }
            return;
        }
        let Some(statutes) = &self.lib.statutes else {
            return;
        };
        for (n, s) in m.statutory.iter().enumerate() {
            let at_s = |needle| At {
                key: "party",
                nth: base + n,
                needle,
            };
            let (law, article) = match statutes.find(&s.law, &s.article) {
                Found::Article(law, a) => (law, a),
                Found::UnknownLaw | Found::UnknownArticle(_) => {
                    let msg = format!("法定处罚幅度引用的《{}》{}不在条文表中", s.law, s.article);
                    self.error(
                        &b.source,
                        at_s(None),
                        Code::UnknownArticle,
                        msg,
                        "核对法律法规名称和条款；条文表漏列的，请法制科核对原文后补入 statutes.toml",
                    );
                    continue;
                }
            };
            let cite = format!("《{}》{}", law.name, article.number);
            // An article may set tiers for the same party (五百元以上五千元以下；拒不改正的，处五千元
            // 以上二万元以下): a declared range must be one of them.
            let tiers = article.fines_for(s.party);
            let declared_is_a_tier = tiers
                .iter()
                .any(|f| f.min.unwrap_or(0) == s.fine_min.unwrap_or(0) && f.max == s.fine_max);
            if let Some(f) = tiers.first()
                && f.rate_min.is_none()
                && !declared_is_a_tier
            {
                let declared = Bounds {
                    min: s.fine_min,
                    max: s.fine_max,
                };
                let table: Vec<String> = tiers
                    .iter()
                    .map(|f| {
                        Bounds {
                            min: f.min,
                            max: f.max,
                        }
                        .show()
                    })
                    .collect();
                let msg = format!(
                    "对{}的法定罚款幅度写作 {}，条文表中{}规定的是 {}",
                    s.party.label(),
                    declared.show(),
                    cite,
                    table.join("；")
                );
                self.error(
                    &b.source,
                    at_s(None),
                    Code::StatutoryRange,
                    msg,
                    "照条文原文填写 fine_min、fine_max；处罚依据不是这一条的，改正 law、article",
                );
            }
            if !article.penalty_kinds.is_empty() {
                for k in &s.penalties {
                    if !article.penalty_kinds.contains(k) && *k != PenaltyKind::Other {
                        let msg = format!("{cite}没有规定“{k}”");
                        let allowed: Vec<_> =
                            article.penalty_kinds.iter().map(|k| k.label()).collect();
                        self.error(
                            &b.source,
                            at_s(None),
                            Code::StatutoryRange,
                            msg,
                            &format!("该条规定的处罚种类：{}", allowed.join("、")),
                        );
                    }
                }
            }
        }
    }

    /// BM002: every grade inside the statutory range of each party it applies to.
    /// `base`: how many `grade` keys of the file come before the version's own.
    fn benchmark_grades(&mut self, b: &Item<Benchmark>, v: &Version<'_>, base: usize) {
        let m = v;
        for (n, g) in m.grades.iter().enumerate() {
            for party in parties(m) {
                let (lo, hi) = g.range_for(party);
                if (lo, hi) == (Some(0), Some(0)) || (lo.is_none() && hi.is_none()) {
                    continue;
                }
                let Some(stat) = statutory_bounds(m, party) else {
                    continue;
                };
                let below = lo.zip(stat.min).is_some_and(|(l, s)| l < s);
                let above = match (hi, stat.max) {
                    (Some(h), Some(s)) => h > s,
                    (None, Some(_)) => true,
                    _ => false,
                };
                if below || above {
                    let whom = match party {
                        Party::Any => String::new(),
                        p => format!("对{}", p.label()),
                    };
                    let msg = format!(
                        "“{}”档{whom}的罚款幅度 {} 超出法定幅度 {}",
                        g.grade,
                        Bounds { min: lo, max: hi }.show(),
                        stat.show()
                    );
                    let hint = if party != Party::Any && !g.is_split() {
                        "个人、单位的法定幅度不同：改用 fine_min_individual、fine_max_individual、fine_min_unit、fine_max_unit 分别填写"
                    } else {
                        "档次的罚款上下限必须在 [[statutory]] 写明的法定幅度之内"
                    };
                    self.error(
                        &b.source,
                        At {
                            key: "grade",
                            nth: base + n,
                            needle: None,
                        },
                        Code::GradeOutsideStatute,
                        msg,
                        hint,
                    );
                }
            }
        }
    }

    /// DEC002–DEC006 for one decision that stands.
    fn decision_fine(&mut self, d: &Item<Decision>) {
        let m = &d.meta;
        let src = &d.source;
        let party = m.party(self.lib.site.individual_business_as);
        let benchmark = m
            .benchmarks
            .iter()
            .find_map(|id| self.ids.position(Kind::Benchmark, id.as_str()))
            .map(|i| &self.lib.benchmarks[i].meta);
        let fines: Vec<u64> = m.fines().collect();
        let fine = (!fines.is_empty()).then(|| fines.iter().sum::<u64>());
        // The version of the benchmark the decision applied (行政处罚法第三十七条): the one in
        // force on the day of the act, unless the one in force on the day of the decision is
        // lighter. A benchmark re-based on another law after the decision without keeping its
        // earlier version (`stands_for`) is not judged: that version's grades are not on record.
        let benchmark_named = benchmark;
        let applied = benchmark
            .filter(|b| b.stands_for(m.decided, &m.basis))
            .map(|b| (b, b.applied(m.acted_on(), m.decided, m.grade, party)));
        let version = applied.map(|(_, a)| a.version);

        // DEC002: the grade applied.
        let grade = match (benchmark_named, m.grade) {
            (Some(b), None) => {
                let grades_of = version.map_or(&b.grades[..], |v| v.grades);
                let msg = format!("适用了裁量基准 {}，但没有写明适用的档次", b.id);
                let grades: Vec<_> = grades_of.iter().map(|g| g.grade.label()).collect();
                // The grade whose range holds the fine, as a starting point.
                let likely = fine
                    .and_then(|f| {
                        grades_of.iter().find(|g| {
                            let (lo, hi) = g.range_for(party);
                            lo.is_none_or(|l| f >= l) && hi.is_some_and(|h| f <= h && h > 0)
                        })
                    })
                    .map_or("一般", |g| g.grade.label());
                self.error(
                    src,
                    at("benchmarks"),
                    Code::MissingGrade,
                    msg,
                    &format!(
                        "添加 grade = \"{likely}\"，写明适用的档次（该基准的档次：{}）",
                        grades.join("、")
                    ),
                );
                None
            }
            (Some(_), Some(g)) => match applied.map(|(b, a)| (b, a.version, a.version.grade(g))) {
                None => None,
                Some((_, _, Some(bg))) => Some(bg),
                Some((b, v, None)) => {
                    let grades: Vec<_> = v.grades.iter().map(|g| g.grade.label()).collect();
                    let which = if v.earlier.is_some() || v.from_change {
                        format!("（{}）", v.label())
                    } else {
                        String::new()
                    };
                    let msg = format!("裁量基准 {}{which}没有“{g}”档", b.id);
                    self.error(
                        src,
                        at("grade"),
                        Code::MissingGrade,
                        msg,
                        &format!("该基准的档次：{}", grades.join("、")),
                    );
                    None
                }
            },
            _ => None,
        };

        // DEC005: 从轻 and 减轻 need a statutory ground.
        if matches!(m.outcome, Outcome::Lighter | Outcome::Mitigated)
            && !has_mitigation_ground(&m.basis)
        {
            let msg = format!(
                "裁量结果为“{}”，但法律依据没有写明法定的从轻、减轻情形",
                m.outcome
            );
            let hint = if cites_article_32_bare(&m.basis) {
                "写明适用行政处罚法第三十二条的第几项（如 article = \"第三十二条第（一）项\"）并在正文说明事实；初次违法、认错态度好、经营困难不是第三十二条规定的情形"
            } else {
                "从轻、减轻只能依据行政处罚法第三十条至第三十二条（如主动消除或者减轻违法行为危害后果）；理由不属于这些情形的，裁量结果写“一般”"
            };
            self.error(src, at("outcome"), Code::MitigationGround, msg, hint);
        }

        let Some(fine) = fine else {
            self.penalty_kinds(d, version, party);
            return;
        };
        let statutory = version
            .and_then(|v| statutory_bounds(&v, party))
            .or_else(|| self.basis_bounds(&m.basis, party));

        // DEC007: the act and the decision fall under different versions; the fine may not
        // exceed what the lighter of the two allows.
        let mut above_lighter = false;
        if let Some((b, a)) = applied
            && a.spans_change()
            && let Some(ceiling) = a.version.ceiling(m.grade, party)
            && fine > ceiling
        {
            above_lighter = true;
            let acted = m.acted_on();
            let msg = format!(
                "罚款 {fine} 元超过从旧兼从轻应当适用的幅度：违法行为发生时（{}）施行的是裁量基准 {} {}，{}；作出决定时（{}）施行的是{}，{}；应当适用较轻的{}",
                acted.zh(),
                b.id,
                a.old.label(),
                version_range(&a.old, m.grade, party),
                m.decided.zh(),
                a.new.label(),
                version_range(&a.new, m.grade, party),
                a.version.label()
            );
            self.error(
                src,
                at("amount"),
                Code::FineAboveLighterVersion,
                msg,
                "行政处罚法第三十七条：“实施行政处罚，适用违法行为发生时的法律、法规、规章的规定。但是，作出行政处罚决定时，法律、法规、规章已被修改或者废止，且新的规定处罚较轻或者不认为是违法的，适用新的规定。”按较轻版本的档次确定罚款，并核对违法行为发生日期（acted）",
            );
        }

        // DEC003: inside the grade (a grade whose own range is reversed is BM001's).
        if let Some(g) = grade
            && !matches!(g.range_for(party), (Some(lo), Some(hi)) if lo > hi)
        {
            let (lo, hi) = g.range_for(party);
            let range = Bounds { min: lo, max: hi };
            if above_lighter {
                // Reported as DEC007, naming both versions.
            } else if hi.is_some_and(|h| fine > h) {
                let msg = format!(
                    "罚款 {fine} 元高于裁量基准“{}”档的幅度 {}",
                    g.grade,
                    range.show()
                );
                self.error(
                    src,
                    at("amount"),
                    Code::FineOutsideGrade,
                    msg,
                    "从重处罚也只能在所适用档次的幅度内；情节更重的，适用更高的档次",
                );
            } else if lo.is_some_and(|l| fine < l) && m.outcome != Outcome::Mitigated {
                let msg = format!(
                    "罚款 {fine} 元低于裁量基准“{}”档的幅度 {}",
                    g.grade,
                    range.show()
                );
                self.error(src, at("amount"), Code::FineOutsideGrade, msg, "从轻处罚也在档次幅度内；低于档次下限只能是减轻处罚（outcome = \"减轻\"，并写明法定减轻情形）");
            }
        }

        // DEC004: inside the statute, and 减轻 really below its minimum.
        if let Some(stat) = statutory {
            if stat.max.is_some_and(|s| fine > s) {
                let msg = format!("罚款 {fine} 元超过法定最高数额（{}）", stat.show());
                self.error(
                    src,
                    at("amount"),
                    Code::FineOutsideStatute,
                    msg,
                    "任何情况下罚款都不能超过法律规定的上限；核对适用的条款和当事人类型",
                );
            } else if stat.min.is_some_and(|s| fine < s) && m.outcome != Outcome::Mitigated {
                let msg = format!(
                    "罚款 {fine} 元低于法定最低数额（{}），但裁量结果不是“减轻”",
                    stat.show()
                );
                self.error(src, at("amount"), Code::FineOutsideStatute, msg, "低于法定最低数额只能减轻处罚：outcome = \"减轻\" 并写明法定减轻情形；否则按法定幅度处罚");
            } else if m.outcome == Outcome::Mitigated
                && stat.min.is_some_and(|s| s > 0 && fine >= s)
            {
                let msg = format!(
                    "裁量结果为“减轻”，但罚款 {fine} 元不低于法定最低数额（{}）",
                    stat.show()
                );
                self.report(
                    src,
                    at("outcome"),
                    Severity::Error,
                    Code::FineOutsideStatute,
                    msg,
                    "减轻处罚是在法定最低数额以下处罚；在法定幅度内从低处罚的，写“从轻”",
                );
            }
        }
        self.penalty_kinds(d, version, party);
    }

    /// DEC006: only the penalty kinds the applicable article provides.
    fn penalty_kinds(&mut self, d: &Item<Decision>, version: Option<Version<'_>>, party: Party) {
        let m = &d.meta;
        let mut allowed: Vec<PenaltyKind> = version
            .map(|b| {
                b.statutory_for(party)
                    .flat_map(|s| s.penalties.iter().copied())
                    .collect()
            })
            .unwrap_or_default();
        let source = if allowed.is_empty() {
            allowed = self.basis_kinds(&m.basis);
            "所引条款"
        } else {
            "裁量基准写明的处罚依据"
        };
        if allowed.is_empty() {
            return;
        }
        for (n, p) in m.penalties.iter().enumerate() {
            if !allowed.contains(&p.kind) {
                let names: Vec<_> = allowed.iter().map(|k| k.label()).collect();
                let msg = format!("{source}没有规定“{}”", p.kind);
                self.error(
                    &d.source,
                    At {
                        key: "kind",
                        nth: n,
                        needle: None,
                    },
                    Code::PenaltyKindNotAllowed,
                    msg,
                    &format!("可以给予的处罚：{}", names.join("、")),
                );
            }
        }
    }

    /// The statutory fine range of a decision's cited articles for a party, from the table.
    fn basis_bounds(&self, basis: &[LegalRef], party: Party) -> Option<Bounds> {
        let statutes = self.lib.statutes.as_ref()?;
        Bounds::union(
            basis
                .iter()
                // Every tier of the article counts (拒不改正 may raise the range).
                .flat_map(|r| match statutes.find(&r.law, &r.article) {
                    Found::Article(_, a) => a.fines_for(party),
                    _ => Vec::new(),
                })
                .filter(|f| f.rate_min.is_none())
                .map(|f| Bounds {
                    min: f.min,
                    max: f.max,
                }),
        )
    }

    /// The penalty kinds a decision's cited articles provide, from the table.
    fn basis_kinds(&self, basis: &[LegalRef]) -> Vec<PenaltyKind> {
        let Some(statutes) = &self.lib.statutes else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for r in basis {
            if let Found::Article(_, a) = statutes.find(&r.law, &r.article) {
                out.extend(a.penalty_kinds.iter().copied());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::statutes::shares_provision;

    fn cite(law: &str, article: &str) -> LegalRef {
        LegalRef {
            law: law.into(),
            article: article.into(),
            text: None,
        }
    }

    #[test]
    fn a_decision_shares_a_provision_with_a_benchmark_by_article_paragraph_or_item() {
        let benchmark = [cite("生态环境法典", "第一千一百三十二条第三款")];
        // The same paragraph, or the article it belongs to.
        assert!(shares_provision(
            &[cite("生态环境法典", "第一千一百三十二条第三款")],
            &benchmark
        ));
        assert!(shares_provision(
            &[cite("生态环境法典", "第一千一百三十二条")],
            &benchmark
        ));
        // The law it replaced, or another paragraph: an earlier version of the benchmark.
        assert!(!shares_provision(
            &[cite("大气污染防治法", "第一百一十八条第三款")],
            &benchmark
        ));
        assert!(!shares_provision(
            &[cite("生态环境法典", "第一千一百三十二条第一款")],
            &benchmark
        ));
        assert!(shares_provision(
            &[cite("城市市容和环境卫生管理条例", "第三十六条第(二)项")],
            &[cite("城市市容和环境卫生管理条例", "第三十六条第（二）项")]
        ));
    }
}
