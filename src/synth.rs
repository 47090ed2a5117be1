//! Synthetic content for benchmarks (合成测试内容): grows a valid seed content tree (the sample,
//! by default) to any number of decisions, deterministically from a seed, in the project's own
//! format, so every page kind, list and cross-reference is exercised at scale.
//!
//! Every generated decision is a seed decision re-told: another agency, party, place and date,
//! with the seed's real violation, legal basis, discretion grade, penalties and body text (dates,
//! place and party rewritten in it). Its risk, power and benchmark references are the seed's, so
//! they resolve. Dates fall on working days inside the decision's publication period as of
//! `as_of`, published within the deadline, so a build on that day keeps them all; a seed decision
//! is re-told only on days when the laws it cites are in force. Cases (one per
//! 500 decisions) cite generated decisions; one extra agency per 10,000 decisions spreads them.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{Datelike, Duration, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;

use crate::content::kinds::Decision;
use crate::content::model::{Date, PartyType};
use crate::content::statutes::shares_provision;
use crate::content::{Item, Library};
use crate::legal_time::{Calendar, MissingYear, publication};

/// What to generate.
#[derive(Debug, Clone)]
pub struct Spec {
    /// A content tree without errors; it is copied whole, then grown.
    pub seed_dir: PathBuf,
    /// A directory that does not exist yet (or is empty).
    pub out: PathBuf,
    /// Generated decisions, on top of the seed's own.
    pub decisions: usize,
    pub seed: u64,
    /// The build day the dates are chosen for.
    pub as_of: NaiveDate,
}

/// What was written.
#[derive(Debug, Default)]
pub struct Summary {
    pub decisions: usize,
    pub cases: usize,
    pub agencies: usize,
    pub bytes: u64,
}

#[derive(Debug, thiserror::Error)]
pub enum SynthError {
    #[error("种子内容有 {0} 个错误，请先用 gongshi check 修正")]
    Seed(usize),
    #[error("种子内容中没有状态为“有效”的处罚决定，无法以其为模板")]
    NoTemplates,
    #[error("输出目录 {0} 已存在且不为空")]
    NotEmpty(PathBuf),
    #[error("写入失败：{0}")]
    Io(#[from] io::Error),
}

/// Decisions per generated case (典型案例).
const DECISIONS_PER_CASE: usize = 500;
/// Decisions per extra agency: a province aggregating its cities and districts.
const DECISIONS_PER_AGENCY: usize = 10_000;
/// Generated decisions per directory, so no directory grows past a few thousand entries.
const PER_DIRECTORY: usize = 2_000;

/// Brand words for generated firms and shops (字号).
const BRANDS: &[&str] = &[
    "恒通", "华盛", "鑫源", "永安", "瑞丰", "德润", "金桥", "宏达", "嘉禾", "安泰", "盛世", "东方",
    "新华", "福顺", "广源", "利民", "祥和", "天成", "汇丰", "锦华", "明珠", "兴隆", "四海", "康宁",
    "百川", "景程", "和美", "聚贤", "海纳", "同舟", "春晖", "鼎盛", "青禾", "阳光", "长青", "乐活",
];
/// Names for generated districts (区县).
const DISTRICTS: &[&str] = &[
    "东城", "西城", "南湖", "北塘", "临江", "清河", "石桥", "云溪", "枫林", "桃源", "凤岭", "金沙",
    "白鹭", "青山", "玉泉", "龙湾", "梅园", "柳营", "松岗", "竹溪",
];
/// Road names for generated places (路名).
const ROADS: &[&str] = &[
    "人民路",
    "解放路",
    "建设路",
    "中山路",
    "和平街",
    "文化路",
    "胜利街",
    "光明路",
    "新华路",
    "青年路",
    "朝阳路",
    "幸福街",
    "工业大道",
    "滨河路",
    "学院路",
    "长江路",
    "黄河路",
    "友谊路",
    "健康路",
    "团结街",
    "商业街",
    "步行街",
    "沿河大道",
    "环城北路",
    "环城南路",
    "站前路",
    "农贸市场周边",
    "夜市片区",
];

/// Copies the seed tree into `spec.out` and adds the generated agencies, decisions and cases.
pub fn generate(spec: &Spec) -> Result<Summary, SynthError> {
    let checked = crate::publish::check(&spec.seed_dir);
    let calendar = checked.calendar;
    let lib = match checked.library {
        Some(lib) if checked.errors == 0 => lib,
        _ => return Err(SynthError::Seed(checked.errors.max(1))),
    };
    if spec.out.exists() && fs::read_dir(&spec.out)?.next().is_some() {
        return Err(SynthError::NotEmpty(spec.out.clone()));
    }
    let mut summary = Summary::default();
    summary.bytes += copy_tree(&spec.seed_dir, &spec.out)?;

    let templates: Vec<&Item<Decision>> = lib
        .decisions
        .iter()
        // A repaired decision's [repair] date belongs to its own dates: not a template.
        .filter(|d| {
            d.meta.withdrawal.is_none() && d.meta.repair.is_none() && !d.meta.status.is_withdrawn()
        })
        .collect();
    if templates.is_empty() {
        return Err(SynthError::NoTemplates);
    }
    let agencies = extra_agencies(&lib, spec)?;
    summary.agencies = agencies.len();
    summary.bytes += agencies.iter().map(|a| a.bytes).sum::<u64>();
    let mut pool: Vec<AgencyRef> = lib
        .agencies
        .iter()
        .map(|a| AgencyRef {
            id: a.meta.id.to_string(),
            district: None,
            bytes: 0,
        })
        .collect();
    pool.extend(agencies);

    let generator = Generator {
        lib: &lib,
        calendar: &calendar,
        templates,
        agencies: pool,
        spec,
    };
    let written: Result<Vec<(u64, Option<CaseSeed>)>, io::Error> = (0..spec.decisions)
        .into_par_iter()
        .map(|i| generator.decision(i))
        .collect();
    let written = written?;
    summary.decisions = written.len();
    summary.bytes += written.iter().map(|(b, _)| b).sum::<u64>();

    let case_seeds: Vec<CaseSeed> = written.into_iter().filter_map(|(_, c)| c).collect();
    summary.cases = case_seeds.len();
    for (n, c) in case_seeds.iter().enumerate() {
        summary.bytes += generator.case(n, c)?;
    }
    Ok(summary)
}

/// Copies every file of the seed (dot files left out), keeping the layout.
fn copy_tree(from: &Path, to: &Path) -> io::Result<u64> {
    let mut bytes = 0;
    let walker = walkdir::WalkDir::new(from)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(io::Error::other)?;
        let rel = entry.path().strip_prefix(from).map_err(io::Error::other)?;
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target)?;
        } else if entry.file_type().is_file() {
            bytes += fs::copy(entry.path(), &target)?;
        }
    }
    Ok(bytes)
}

struct AgencyRef {
    id: String,
    /// The district name of a generated agency; seed agencies keep their template's place.
    district: Option<String>,
    bytes: u64,
}

/// One extra agency per [`DECISIONS_PER_AGENCY`]: a copy of a seed agency under a new id,
/// name and district, keeping its (allowed) contact channels.
fn extra_agencies(lib: &Library, spec: &Spec) -> io::Result<Vec<AgencyRef>> {
    let template = &lib.agencies[0];
    let old_name = template.meta.name.as_str();
    let old_short = template.meta.short_name.as_str();
    let count = spec.decisions / DECISIONS_PER_AGENCY;
    let dir = spec.out.join("agencies");
    (0..count)
        .map(|n| {
            let district = format!(
                "{}{}区",
                DISTRICTS[n % DISTRICTS.len()],
                if n < DISTRICTS.len() {
                    String::new()
                } else {
                    (n / DISTRICTS.len() + 1).to_string()
                }
            );
            let id = format!("syn{n:03}");
            let name = format!("示例市{district}城市管理综合行政执法局");
            let short = format!("{district}城管执法局");
            let text = replace_field(&template.source.text, "id", &quoted(&id));
            let text =
                text.replacen(old_name, &name, usize::MAX)
                    .replacen(old_short, &short, usize::MAX);
            let path = dir.join(format!("{id}.md"));
            fs::write(&path, &text)?;
            Ok(AgencyRef {
                id,
                district: Some(district),
                bytes: text.len() as u64,
            })
        })
        .collect()
}

/// A generated decision that a case will cite.
struct CaseSeed {
    decision: String,
    template: usize,
    agency_short: String,
    location: String,
    decided: NaiveDate,
}

struct Generator<'a> {
    lib: &'a Library,
    calendar: &'a Calendar,
    templates: Vec<&'a Item<Decision>>,
    agencies: Vec<AgencyRef>,
    spec: &'a Spec,
}

impl Generator<'_> {
    /// Writes generated decision `i`; its own random stream makes the result independent of
    /// thread scheduling.
    fn decision(&self, i: usize) -> io::Result<(u64, Option<CaseSeed>)> {
        let mut rng = ChaCha8Rng::seed_from_u64(
            self.spec.seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15),
        );
        // A template whose law was not in force on the drawn day (replaced by then, or not yet
        // in force) is drawn again, with its day.
        let mut tries = 0;
        let (t_index, decided, published) = loop {
            let t_index = rng.random_range(0..self.templates.len());
            let (decided, published) = self
                .dates(&self.templates[t_index].meta, &mut rng)
                .map_err(|MissingYear(y)| {
                    io::Error::other(format!(
                        "日历缺少 {y} 年的节假日安排，无法为合成决定选择工作日"
                    ))
                })?;
            if self.fits(self.templates[t_index], decided) {
                break (t_index, decided, published);
            }
            tries += 1;
            if tries >= 1000 {
                return Err(io::Error::other(format!(
                    "没有适用于 {decided} 的模板决定：所引法律在该日均未施行或者已被取代"
                )));
            }
        };
        let t = self.templates[t_index];
        let m = &t.meta;
        let agency = &self.agencies[rng.random_range(0..self.agencies.len())];
        let year = decided.year();
        let id = format!("SYN-{year}-{i:07}");
        let number = format!("示城执罚字〔{year}〕第S{i:07}号");
        let location = self.location(m, agency, &mut rng);
        let party = new_party(m, &mut rng);

        let front = &t.source.text[..t.source.body_offset];
        let mut text = front.to_string();
        for (key, value) in [
            ("id", quoted(&id)),
            ("number", quoted(&number)),
            ("agency", quoted(&agency.id)),
            ("party", quoted(&party)),
            ("decided", decided.to_string()),
            ("published", published.to_string()),
        ] {
            text = replace_field(&text, key, &value);
        }
        // The day of the act moves with the day of the decision.
        let acted = m.acted.map(|a| a.0 + (decided - m.decided.0));
        if let Some(a) = acted {
            text = replace_field(&text, "acted", &a.to_string());
        }
        if m.location.is_some() {
            text = replace_field(&text, "location", &quoted(&location));
        }
        if m.credit_code.is_some() {
            text = replace_field(&text, "credit_code", &quoted(&credit_code(&mut rng)));
        }
        let mut body = t.source.text[t.source.body_offset..].to_string();
        body = body.replace(&chinese_date(m.decided.0), &chinese_date(decided));
        if let (Some(old), Some(new)) = (m.acted, acted) {
            body = body.replace(&chinese_date(old.0), &chinese_date(new));
        }
        body = body.replace(&chinese_date(m.published.0), &chinese_date(published));
        if let Some(old) = &m.location {
            body = body.replace(old.as_str(), &location);
        }
        if m.party_type != PartyType::NaturalPerson {
            body = body.replace(m.party.as_str(), &party);
        }
        text.push_str(&body);

        let dir = self
            .spec
            .out
            .join("decisions")
            .join(year.to_string())
            .join(format!("{:04}", i / PER_DIRECTORY));
        fs::create_dir_all(&dir)?;
        fs::write(dir.join(format!("{id}.md")), &text)?;
        let case = (i % DECISIONS_PER_CASE == DECISIONS_PER_CASE - 1).then(|| CaseSeed {
            decision: id,
            template: t_index,
            agency_short: agency
                .district
                .clone()
                .unwrap_or_else(|| self.agency_short(&agency.id)),
            location,
            decided,
        });
        Ok((text.len() as u64, case))
    }

    /// Whether template `t` can be re-told on `day`: every law it cites is in force that day
    /// (a decision on a replaced law is right only for an act committed before the
    /// replacement, which a re-told decision cannot know), and its benchmark is judged the same
    /// way as for the template (a benchmark re-based on a new law after the template's day
    /// judges only decisions under the new law).
    fn fits(&self, t: &Item<Decision>, day: NaiveDate) -> bool {
        let m = &t.meta;
        let in_force = |law: &str| {
            self.lib
                .statutes
                .as_ref()
                .and_then(|s| s.law(law))
                .is_none_or(|l| l.effective.0 <= day && l.superseded_on.is_none_or(|s| day < s.0))
        };
        let benchmark_alike = m.benchmarks.iter().all(|id| {
            self.lib
                .benchmarks
                .iter()
                .find(|b| b.meta.id.as_str() == id.as_str())
                .is_none_or(|b| {
                    let b = &b.meta;
                    if !b.versions.is_empty() {
                        // The same versions in force on the (shifted) day of the act and on
                        // the day of the decision as for the template.
                        let acted = Date(m.acted_on().0 + (day - m.decided.0));
                        return b.in_force(m.acted_on()).earlier == b.in_force(acted).earlier
                            && b.in_force(m.decided).earlier == b.in_force(Date(day)).earlier;
                    }
                    shares_provision(&m.basis, &b.penalty_basis)
                        || (m.decided >= b.updated) == (day >= b.updated.0)
                })
        });
        m.basis.iter().all(|r| in_force(&r.law)) && benchmark_alike
    }

    fn agency_short(&self, id: &str) -> String {
        self.lib
            .agencies
            .iter()
            .find(|a| a.meta.id.as_str() == id)
            .map(|a| a.meta.short_name.clone())
            .unwrap_or_default()
    }

    /// A working day inside the decision's publication period as of the build day, and a
    /// publication 1–5 working days later (within the 7-working-day deadline).
    fn dates(
        &self,
        m: &Decision,
        rng: &mut ChaCha8Rng,
    ) -> Result<(NaiveDate, NaiveDate), MissingYear> {
        let cal = self.calendar;
        let months =
            publication::class(m, &self.lib.site).months(&self.lib.site.publication.period_months);
        let window = (i64::from(months) * 28 - 14).max(14);
        let mut decided = self.spec.as_of - Duration::days(rng.random_range(14..=window));
        while !cal.is_working_day(decided)?
            && decided > self.spec.as_of - Duration::days(window + 40)
        {
            decided -= Duration::days(1);
        }
        let mut published = decided;
        for _ in 0..rng.random_range(1..=5) {
            published = cal.working_days_after(published, 1)?;
        }
        Ok((decided, published))
    }

    /// A generated agency's own district and a road; seed agencies keep their district.
    fn location(&self, m: &Decision, agency: &AgencyRef, rng: &mut ChaCha8Rng) -> String {
        let road = ROADS[rng.random_range(0..ROADS.len())];
        match (&agency.district, &m.location) {
            (Some(d), _) => format!("{d}{road}"),
            (None, Some(old)) => match old.find('区') {
                Some(at) => format!("{}{road}", &old[..at + '区'.len_utf8()]),
                None => format!("{old}{road}"),
            },
            (None, None) => road.to_string(),
        }
    }

    /// A case citing generated decision `c.decision`: the template's facts re-told, the
    /// decision's outcome, and the law it applied.
    fn case(&self, n: usize, c: &CaseSeed) -> io::Result<u64> {
        let t = self.templates[c.template];
        let m = &t.meta;
        let id = format!("SYN-C-{n:06}");
        let title = format!("{}{}：{}", c.location, m.violation, m.outcome);
        let summary = format!(
            "{}在{}{}，{}。",
            c.agency_short,
            c.location,
            m.violation,
            m.penalty_summary()
        );
        let risks = m
            .risks
            .iter()
            .map(|r| quoted(r.as_str()))
            .collect::<Vec<_>>()
            .join(", ");
        let basis = m
            .basis
            .iter()
            .map(|b| format!("《{}》{}", b.law, b.article))
            .collect::<Vec<_>>()
            .join("、");
        let facts = t.source.text[t.source.body_offset..]
            .replace(&chinese_date(m.decided.0), &chinese_date(c.decided));
        let facts = match &m.location {
            Some(old) => facts.replace(old.as_str(), &c.location),
            None => facts,
        };
        let text = format!(
            "+++\nid = {}\ntitle = {}\ndomain = {}\ndate = {}\nsummary = {}\nrisks = [{risks}]\ndecisions = [{}]\n+++\n## 基本案情\n\n{}\n\n## 处理结果\n\n{}作出{}的决定（{}）。\n\n## 以案释法\n\n本案适用{basis}。经营者和市民可以对照法律风险防控清单自查，避免同类问题。\n",
            quoted(&id),
            quoted(&title),
            quoted(&m.domain),
            c.decided,
            quoted(&summary),
            quoted(&c.decision),
            facts.trim(),
            c.agency_short,
            m.penalty_summary(),
            m.outcome,
        );
        fs::write(self.spec.out.join("cases").join(format!("{id}.md")), &text)?;
        Ok(text.len() as u64)
    }
}

/// A natural person keeps the 姓+某 form with another surname; a firm or shop gets another
/// brand (字号) under the same prefix and trade.
fn new_party(m: &Decision, rng: &mut ChaCha8Rng) -> String {
    const SURNAMES: &[&str] = &[
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
        "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
        "欧阳", "司马",
    ];
    if m.party_type == PartyType::NaturalPerson {
        return format!("{}某", SURNAMES[rng.random_range(0..SURNAMES.len())]);
    }
    let brand = BRANDS[rng.random_range(0..BRANDS.len())];
    let party = m.party.as_str();
    let prefix_end = party
        .char_indices()
        .take(7)
        .find(|(_, c)| *c == '区')
        .map(|(at, c)| at + c.len_utf8())
        .or_else(|| party.find('市').map(|at| at + '市'.len_utf8()))
        .unwrap_or(0);
    let (prefix, rest) = party.split_at(prefix_end);
    let trade: String = rest.chars().skip(2).collect();
    format!("{prefix}{brand}{trade}")
}

/// 18 characters of the 统一社会信用代码 alphabet, starting 91 (an enterprise).
fn credit_code(rng: &mut ChaCha8Rng) -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    let mut code = String::from("91");
    for _ in 0..16 {
        code.push(char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]));
    }
    code
}

fn chinese_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Replaces the value of the top-level `key = …` line of a front matter.
fn replace_field(text: &str, key: &str, value: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut done = false;
    for line in text.split_inclusive('\n') {
        let matches = !done
            && line
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='));
        if matches {
            out.push_str(key);
            out.push_str(" = ");
            out.push_str(value);
            out.push('\n');
            done = true;
        } else {
            out.push_str(line);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replace_field_changes_only_the_named_top_level_key() {
        let text = "+++\nid = \"A\"\nidentity = 1\nparty = \"王某\"\n+++\nid = body\n";
        let out = replace_field(text, "id", "\"B\"");
        assert_eq!(
            out,
            "+++\nid = \"B\"\nidentity = 1\nparty = \"王某\"\n+++\nid = body\n"
        );
    }
}
