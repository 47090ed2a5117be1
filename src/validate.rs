//! Content rules beyond parsing: unique and well-formed ids, references that resolve,
//! declared vocabularies, date order, withdrawals, decision consistency, benchmark ranges.
//! Each rule appends diagnostics; nothing here writes files.

use std::collections::HashSet;

use crate::calendar::MissingYear;
use crate::content::model::*;
use crate::content::{Item, Kind, Library, Source};
use crate::diagnostics::{Code, Diagnostics, Severity};
use crate::links::{IdIndex, Links};
use crate::privacy;

/// One working-day deadline of a decision: from one date, within `days`, done on another.
struct Deadline {
    from: Date,
    days: u32,
    done: Date,
    /// The front-matter key the warning points at.
    key: &'static str,
    code: Code,
    /// (what happened on `from`, what was done on `done`).
    what: (&'static str, &'static str),
    hint: &'static str,
}

const PARTY_HINT: &str = "自然人只写“姓+某”，如“张某”“欧阳某”；个体工商户和单位写登记的名称，并把 party_type 改为对应类型";

/// Text that `gongshi new` writes into fields the author still has to fill.
pub const PLACEHOLDER: &str = "待填写";

/// Runs every rule over a loaded library.
pub fn validate(lib: &Library, links: &Links, diags: &mut Diagnostics) {
    let mut v = Validator { lib, links, diags };
    v.ids();
    v.settings();
    v.references();
    v.vocabularies();
    v.dates();
    v.decisions();
    v.deadlines();
    v.benchmarks();
    v.placeholders();
    v.personal_data();
}

struct Validator<'a> {
    lib: &'a Library,
    links: &'a Links,
    diags: &'a mut Diagnostics,
}

/// Where in a file a finding belongs: a key, its nth repetition, and optionally a value on it.
struct At<'s> {
    key: &'s str,
    nth: usize,
    needle: Option<&'s str>,
}

fn at(key: &str) -> At<'_> {
    At {
        key,
        nth: 0,
        needle: None,
    }
}

impl Validator<'_> {
    fn report(
        &mut self,
        src: &Source,
        at: At<'_>,
        sev: Severity,
        code: Code,
        msg: String,
        hint: &str,
    ) {
        let offset = src.at_key(at.key, at.nth, at.needle);
        let hint = (!hint.is_empty()).then(|| hint.to_string());
        self.diags
            .push(src.diagnostic(offset, sev, code, msg, hint));
    }

    fn error(&mut self, src: &Source, at: At<'_>, code: Code, msg: String, hint: &str) {
        self.report(src, at, Severity::Error, code, msg, hint);
    }

    fn ids(&mut self) {
        let lib = self.lib;
        let l = self.links;
        self.ids_of(Kind::Agency, &lib.agencies, &l.agencies, |m| m.id.as_str());
        self.ids_of(Kind::Risk, &lib.risks, &l.risks, |m| m.id.as_str());
        self.ids_of(Kind::Power, &lib.powers, &l.powers, |m| m.id.as_str());
        self.ids_of(Kind::Exemption, &lib.exemptions, &l.exemptions, |m| {
            m.id.as_str()
        });
        self.ids_of(Kind::Benchmark, &lib.benchmarks, &l.benchmarks, |m| {
            m.id.as_str()
        });
        self.ids_of(Kind::Decision, &lib.decisions, &l.decisions, |m| {
            m.id.as_str()
        });
        self.ids_of(Kind::Case, &lib.cases, &l.cases, |m| m.id.as_str());
        self.ids_of(Kind::Page, &lib.pages, &l.pages, |m| m.id.as_str());
        // 文号 must be unique too: the public looks decisions up by it.
        let mut numbers = std::collections::HashMap::new();
        for d in &lib.decisions {
            if let Some(first) = numbers.insert(d.meta.number.as_str(), &d.source.path) {
                let msg = format!("文号 `{}` 与 {} 重复", d.meta.number, first.display());
                self.error(
                    &d.source,
                    at("number"),
                    Code::DuplicateId,
                    msg,
                    "每份决定书的文号必须唯一",
                );
            }
        }
    }

    fn ids_of<T>(&mut self, kind: Kind, items: &[Item<T>], index: &IdIndex, id: fn(&T) -> &str) {
        for &(first, dup) in &index.duplicates {
            let msg = format!(
                "{}编号 `{}` 与 {} 重复",
                kind.label(),
                id(&items[dup].meta),
                items[first].source.path.display()
            );
            self.error(
                &items[dup].source,
                at("id"),
                Code::DuplicateId,
                msg,
                "每个事项的编号必须唯一；修改其中一个",
            );
        }
        for item in items {
            let id = id(&item.meta);
            let ok = !id.is_empty()
                && id.len() <= 64
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !ok {
                let msg = format!("编号 `{id}` 含有不能用于网址的字符");
                self.error(
                    &item.source,
                    at("id"),
                    Code::InvalidId,
                    msg,
                    "编号只能用英文字母、数字、- 和 _，例如 R-001-1",
                );
                continue;
            }
            let stem = item
                .source
                .path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned());
            if stem.as_deref() != Some(id) {
                let msg = format!("文件名与编号 `{id}` 不一致");
                self.report(
                    &item.source,
                    at("id"),
                    Severity::Warning,
                    Code::FileNameMismatch,
                    msg,
                    &format!("把文件改名为 {id}.md"),
                );
            }
        }
    }

    fn settings(&mut self) {
        let site = &self.lib.site;
        let src = &self.lib.site_source;
        if self
            .links
            .agencies
            .get(site.default_agency.as_str())
            .is_none()
        {
            let msg = format!("默认执法主体 `{}` 不存在", site.default_agency);
            self.error(
                src,
                at("default_agency"),
                Code::DanglingReference,
                msg,
                "填写 agencies/ 中某个执法主体的 id",
            );
        }
        for (key, list) in [("domains", &site.domains), ("audiences", &site.audiences)] {
            if list.is_empty() {
                self.error(
                    src,
                    at(key),
                    Code::Settings,
                    format!("`{key}` 不能为空"),
                    "",
                );
            }
            let mut seen = HashSet::new();
            for v in list {
                if !seen.insert(v) {
                    let msg = format!("`{key}` 中 `{v}` 重复");
                    self.error(
                        src,
                        At {
                            key,
                            nth: 0,
                            needle: Some(v),
                        },
                        Code::Settings,
                        msg,
                        "",
                    );
                }
            }
        }
    }

    fn reference<'k>(
        &mut self,
        src: &Source,
        key: &'k str,
        kind: Kind,
        index: &IdIndex,
        id: &'k str,
    ) {
        // A reference to a file that failed to parse was already reported at that file.
        if index.get(id).is_none() && !self.lib.unparsed_ids.contains(&(kind, id.to_string())) {
            let msg = format!("引用的{} `{id}` 不存在", kind.label());
            let hint = format!("检查编号是否写错，或先在 {}/ 中建立该事项", kind.dir());
            self.error(
                src,
                At {
                    key,
                    nth: 0,
                    needle: Some(id),
                },
                Code::DanglingReference,
                msg,
                &hint,
            );
        }
    }

    fn references(&mut self) {
        let (lib, l) = (self.lib, self.links);
        for i in &lib.risks {
            self.non_empty(&i.source, "powers", i.meta.powers.len(), Kind::Power);
            for r in &i.meta.powers {
                self.reference(&i.source, "powers", Kind::Power, &l.powers, r.as_str());
            }
            for r in &i.meta.exemptions {
                self.reference(
                    &i.source,
                    "exemptions",
                    Kind::Exemption,
                    &l.exemptions,
                    r.as_str(),
                );
            }
            for r in &i.meta.benchmarks {
                self.reference(
                    &i.source,
                    "benchmarks",
                    Kind::Benchmark,
                    &l.benchmarks,
                    r.as_str(),
                );
            }
        }
        for i in &lib.powers {
            self.reference(
                &i.source,
                "agency",
                Kind::Agency,
                &l.agencies,
                i.meta.agency.as_str(),
            );
        }
        for i in &lib.exemptions {
            self.non_empty(&i.source, "powers", i.meta.powers.len(), Kind::Power);
            for r in &i.meta.powers {
                self.reference(&i.source, "powers", Kind::Power, &l.powers, r.as_str());
            }
        }
        for i in &lib.benchmarks {
            self.non_empty(&i.source, "powers", i.meta.powers.len(), Kind::Power);
            for r in &i.meta.powers {
                self.reference(&i.source, "powers", Kind::Power, &l.powers, r.as_str());
            }
        }
        for i in &lib.decisions {
            let m = &i.meta;
            self.reference(
                &i.source,
                "agency",
                Kind::Agency,
                &l.agencies,
                m.agency.as_str(),
            );
            for r in &m.risks {
                self.reference(&i.source, "risks", Kind::Risk, &l.risks, r.as_str());
            }
            for r in &m.powers {
                self.reference(&i.source, "powers", Kind::Power, &l.powers, r.as_str());
            }
            for r in &m.benchmarks {
                self.reference(
                    &i.source,
                    "benchmarks",
                    Kind::Benchmark,
                    &l.benchmarks,
                    r.as_str(),
                );
            }
            for r in &m.exemptions {
                self.reference(
                    &i.source,
                    "exemptions",
                    Kind::Exemption,
                    &l.exemptions,
                    r.as_str(),
                );
            }
        }
        for i in &lib.cases {
            for r in &i.meta.risks {
                self.reference(&i.source, "risks", Kind::Risk, &l.risks, r.as_str());
            }
            for r in &i.meta.decisions {
                self.reference(
                    &i.source,
                    "decisions",
                    Kind::Decision,
                    &l.decisions,
                    r.as_str(),
                );
            }
        }
    }

    fn non_empty(&mut self, src: &Source, key: &str, len: usize, kind: Kind) {
        if len == 0 {
            let msg = format!("`{key}` 至少要填写一个{}", kind.label());
            self.error(
                src,
                at(key),
                Code::MissingField,
                msg,
                "填写适用的权责事项编号，如 [\"P-CF-001\"]",
            );
        }
    }

    fn vocabularies(&mut self) {
        let lib = self.lib;
        let domains: HashSet<&str> = lib.site.domains.iter().map(String::as_str).collect();
        let audiences: HashSet<&str> = lib.site.audiences.iter().map(String::as_str).collect();
        let domain_of = lib
            .risks
            .iter()
            .map(|i| (&i.source, i.meta.domain.as_str()))
            .chain(
                lib.powers
                    .iter()
                    .map(|i| (&i.source, i.meta.domain.as_str())),
            )
            .chain(
                lib.exemptions
                    .iter()
                    .map(|i| (&i.source, i.meta.domain.as_str())),
            )
            .chain(
                lib.benchmarks
                    .iter()
                    .map(|i| (&i.source, i.meta.domain.as_str())),
            )
            .chain(
                lib.decisions
                    .iter()
                    .map(|i| (&i.source, i.meta.domain.as_str())),
            )
            .chain(
                lib.cases
                    .iter()
                    .map(|i| (&i.source, i.meta.domain.as_str())),
            );
        let hint_domains = format!(
            "可选：{}；如需新领域，先在 site.toml 的 domains 中添加",
            lib.site.domains.join("、")
        );
        for (src, d) in domain_of {
            if !domains.contains(d) {
                let msg = format!("领域 `{d}` 未在 site.toml 中登记");
                self.error(
                    src,
                    At {
                        key: "domain",
                        nth: 0,
                        needle: Some(d),
                    },
                    Code::Vocabulary,
                    msg,
                    &hint_domains,
                );
            }
        }
        let hint_aud = format!("可选：{}", lib.site.audiences.join("、"));
        for i in &lib.risks {
            if i.meta.audiences.is_empty() {
                self.error(
                    &i.source,
                    at("audiences"),
                    Code::MissingField,
                    "`audiences` 至少要填写一类行政相对人".into(),
                    &hint_aud,
                );
            }
            for a in &i.meta.audiences {
                if !audiences.contains(a.as_str()) {
                    let msg = format!("行政相对人 `{a}` 未在 site.toml 中登记");
                    self.error(
                        &i.source,
                        At {
                            key: "audiences",
                            nth: 0,
                            needle: Some(a),
                        },
                        Code::Vocabulary,
                        msg,
                        &hint_aud,
                    );
                }
            }
        }
    }

    fn dates(&mut self) {
        let lib = self.lib;
        let items = lib
            .risks
            .iter()
            .map(|i| (&i.source, i.meta.effective, i.meta.updated))
            .chain(
                lib.powers
                    .iter()
                    .map(|i| (&i.source, i.meta.effective, i.meta.updated)),
            )
            .chain(
                lib.exemptions
                    .iter()
                    .map(|i| (&i.source, i.meta.effective, i.meta.updated)),
            )
            .chain(
                lib.benchmarks
                    .iter()
                    .map(|i| (&i.source, i.meta.effective, i.meta.updated)),
            );
        for (src, effective, updated) in items {
            if updated < effective {
                let msg = format!(
                    "更新日期 {} 早于生效日期 {}",
                    updated.iso(),
                    effective.iso()
                );
                self.error(
                    src,
                    at("updated"),
                    Code::DateOrder,
                    msg,
                    "更新日期应不早于生效日期",
                );
            }
        }
        for i in &lib.decisions {
            let m = &i.meta;
            if m.published < m.decided {
                let msg = format!(
                    "公开日期 {} 早于决定日期 {}",
                    m.published.iso(),
                    m.decided.iso()
                );
                self.error(
                    &i.source,
                    at("published"),
                    Code::DateOrder,
                    msg,
                    "先作出决定，后公开",
                );
            }
        }
    }

    fn decisions(&mut self) {
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
            // 行政处罚法 第五十一条: on the spot only for a warning, or a fine up to 200 yuan
            // (citizens) / 3,000 yuan (organisations).
            let limit = if m.party_type == PartyType::NaturalPerson {
                200
            } else {
                3000
            };
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

    fn benchmarks(&mut self) {
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

    /// Working-day deadlines counted on the calendar: publishing a decision (DL001) and
    /// withdrawing a changed one (DL002). A year without a calendar file is reported once
    /// (CAL002) rather than guessed.
    fn deadlines(&mut self) {
        let lib = self.lib;
        let p = &lib.site.publication;
        let mut missing: std::collections::BTreeMap<i32, usize> = Default::default();
        for i in &lib.decisions {
            let m = &i.meta;
            let mut checks = vec![Deadline {
                from: m.decided,
                days: p.decision_deadline_days,
                done: m.published,
                key: "published",
                code: Code::PublishLate,
                what: ("作出", "公开"),
                hint: "按实际公开日期填写，不要改早；逾期原因在内部审核记录中说明（国办发〔2018〕118号：作出决定之日起7个工作日内公开）",
            }];
            if let Some(w) = &m.withdrawal {
                checks.push(Deadline {
                    from: w.changed,
                    days: p.withdrawal_deadline_days,
                    done: w.date,
                    key: "date",
                    code: Code::WithdrawLate,
                    what: ("被变更、撤销或确认违法、无效", "撤回"),
                    hint: "按实际撤回日期填写（行政处罚法第四十八条：3个工作日内撤回并公开理由）",
                });
            }
            for c in checks {
                match lib.calendar.missed_deadline(c.from.0, c.days, c.done.0) {
                    Ok(Some(deadline)) => {
                        let (happened, acted) = c.what;
                        let msg = format!(
                            "决定于 {} {happened}，{} 才{acted}，晚于 {} 个工作日的{acted}时限（最迟 {}）",
                            c.from.iso(),
                            c.done.iso(),
                            c.days,
                            deadline.format("%Y-%m-%d"),
                        );
                        self.report(&i.source, at(c.key), Severity::Warning, c.code, msg, c.hint);
                    }
                    Ok(None) => {}
                    Err(MissingYear(y)) => *missing.entry(y).or_default() += 1,
                }
            }
        }
        let dir = lib
            .site_source
            .path
            .parent()
            .unwrap_or(std::path::Path::new(""))
            .join(crate::content::CALENDAR_DIR);
        for (year, n) in missing {
            self.diags.push(crate::diagnostics::Diagnostic {
                path: dir.join(format!("{year}.toml")),
                line: 1,
                column: 1,
                severity: Severity::Warning,
                code: Code::CalendarMissing,
                message: format!("缺少 {year} 年的节假日安排，{n} 处公开或撤回时限无法核对"),
                hint: Some(format!(
                    "国务院办公厅公布 {year} 年部分节假日安排后，照 calendar/ 中其他年份的格式添加 {year}.toml"
                )),
            });
        }
    }

    /// The personal-data guard over every file, front matter and body (PII001–PII008). The
    /// agency's own public channels and staff names (public under 三项制度) are allowed.
    fn personal_data(&mut self) {
        use rayon::prelude::*;
        let lib = self.lib;
        let mut allowed = privacy::Allowed::default();
        for h in &lib.site.hotlines {
            allowed.phone(&h.number);
        }
        lib.site.emails.iter().for_each(|e| allowed.email(e));
        lib.site.addresses.iter().for_each(|a| allowed.address(a));
        for a in &lib.agencies {
            let m = &a.meta;
            allowed.phone(&m.phone);
            allowed.phone(&m.complaint_phone);
            allowed.email(&m.email);
            allowed.address(&m.address);
            m.staff.iter().for_each(|s| allowed.name(&s.name));
        }
        lib.powers
            .iter()
            .for_each(|p| allowed.phone(&p.meta.supervision_phone));
        // The natural-person party each decision file names.
        let parties: std::collections::HashMap<&std::path::Path, &str> = lib
            .decisions
            .iter()
            .filter(|i| i.meta.party_type == PartyType::NaturalPerson)
            .map(|i| (i.source.path.as_path(), i.meta.party.as_str()))
            .collect();
        let sources: Vec<(&Source, Option<&str>)> = lib
            .sources()
            .map(|s| (s, parties.get(s.path.as_path()).copied()))
            .collect();
        let found: Vec<_> = sources
            .par_iter()
            .flat_map_iter(|&(src, party)| {
                privacy::scan(&src.text, &allowed)
                    .into_iter()
                    .map(move |f| finding_diagnostic(src, &f, party))
            })
            .collect();
        self.diags.extend(found);
        for i in &lib.decisions {
            let m = &i.meta;
            if m.party_type == PartyType::NaturalPerson && !privacy::is_anonymised_name(&m.party) {
                let msg = format!("自然人当事人“{}”没有匿名处理", m.party);
                self.error(&i.source, at("party"), Code::PartyName, msg, PARTY_HINT);
            }
        }
    }

    fn placeholders(&mut self) {
        let lib = self.lib;
        for src in lib.sources() {
            if let Some(offset) = src.text.find(PLACEHOLDER) {
                self.diags.push(src.diagnostic(
                    offset,
                    Severity::Error,
                    Code::Placeholder,
                    format!("还有“{PLACEHOLDER}”的内容"),
                    Some("把模板中的占位内容替换为实际内容后再发布".into()),
                ));
            }
        }
    }
}

/// A scanner finding as a diagnostic. A "name" that is the decision's own natural-person
/// party is reported as the party not being anonymised (PII007), not as someone else's name.
fn finding_diagnostic(
    src: &Source,
    f: &privacy::Finding,
    party: Option<&str>,
) -> crate::diagnostics::Diagnostic {
    use privacy::PiiKind;
    let text = &src.text[f.start..f.end];
    let (code, message) = match f.kind {
        PiiKind::PersonName if party == Some(text) => {
            (Code::PartyName, format!("自然人当事人“{text}”没有匿名处理"))
        }
        kind => (
            match kind {
                PiiKind::IdNumber => Code::IdNumber,
                PiiKind::Phone => Code::Phone,
                PiiKind::BankCard => Code::BankCard,
                PiiKind::Email => Code::Email,
                PiiKind::Plate => Code::Plate,
                PiiKind::Address => Code::HomeAddress,
                PiiKind::PersonName => Code::PersonName,
            },
            format!("疑似{}“{}”，不得公开", kind.label(), text),
        ),
    };
    let hint = match code {
        Code::PartyName => PARTY_HINT,
        _ => f.kind.hint(),
    };
    src.diagnostic(
        f.start,
        Severity::Error,
        code,
        message,
        Some(hint.to_string()),
    )
}
