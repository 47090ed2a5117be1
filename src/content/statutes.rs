//! The statute table (`statutes.toml`, 法律条文表): the laws and articles content may cite,
//! with the version in force, what each article governs, the penalty kinds it allows and its
//! fine range per party type, and its verbatim text. Staff keep it like the calendar: `checks`
//! validates every citation against it (a law or article not in the table, a superseded law)
//! and every fine range a benchmark or decision states.

use serde::Deserialize;

use super::model::{Date, LegalRef, PenaltyKind};

/// `statutes.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statutes {
    #[serde(default)]
    pub law: Vec<Law>,
}

/// One law, regulation or rule (法律、行政法规、部门规章 …).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Law {
    /// As content cites it (`law = "城市市容和环境卫生管理条例"`).
    pub name: String,
    pub full_name: String,
    pub issuer: String,
    /// 法律 | 行政法规 | 部门规章 | 地方性法规 | 地方政府规章 …
    pub kind: String,
    /// First in force.
    pub effective: Date,
    /// The revision in force (its date).
    pub version: Date,
    #[serde(default)]
    pub version_effective: Option<Date>,
    /// Where the text was read.
    pub source: String,
    /// The law that replaced this one, if any.
    #[serde(default)]
    pub superseded_by: String,
    /// The day the replacement took effect: citing this law for a decision made on or after it
    /// is an error.
    #[serde(default)]
    pub superseded_on: Option<Date>,
    #[serde(default)]
    pub version_note: String,
    #[serde(default)]
    pub article: Vec<Article>,
}

/// One article (or paragraph or item, where content cites them separately).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// As content cites it: `第三十六条`, `第一百一十一条第一款第（四）项`.
    pub number: String,
    /// What it prohibits or authorises, in one line.
    pub governs: String,
    /// Whether the sample content cites it (documentation for reviewers).
    #[serde(default)]
    pub cited: bool,
    /// The 行政处罚 kinds it allows (names from 行政处罚法 第九条).
    #[serde(default)]
    pub penalty_kinds: Vec<PenaltyKind>,
    /// Measures that are not penalties (责令改正, 责令限期拆除 …).
    #[serde(default)]
    pub measures: Vec<String>,
    /// It allows a fine but sets no amount (a local rule does).
    #[serde(default)]
    pub fine_unspecified: bool,
    /// Its fine ranges, one per party type where they differ.
    #[serde(default)]
    pub fine: Vec<Fine>,
    pub text: String,
    /// Whether the text was checked against a source.
    pub verified: bool,
    #[serde(default)]
    pub note: String,
}

/// A statutory fine range for one type of party.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fine {
    pub party: Party,
    #[serde(default)]
    pub min: Option<u64>,
    #[serde(default)]
    pub max: Option<u64>,
    /// A fine set as a share of something (建设工程造价的百分之五至百分之十).
    #[serde(default)]
    pub rate_min: Option<f64>,
    #[serde(default)]
    pub rate_max: Option<f64>,
    #[serde(default)]
    pub rate_base: Option<String>,
    #[serde(default)]
    pub note: String,
}

/// Whom a fine range applies to, as statutes say it: 个人 (公民) or 单位 (法人或者其他组织).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
pub enum Party {
    #[serde(rename = "个人")]
    Individual,
    #[serde(rename = "单位")]
    Unit,
    /// The same range for every party.
    #[serde(rename = "任何")]
    Any,
}

impl Party {
    pub fn label(self) -> &'static str {
        match self {
            Party::Individual => "个人",
            Party::Unit => "单位",
            Party::Any => "任何当事人",
        }
    }

    /// Whether a range stated for `self` applies to a party of type `party`.
    pub fn covers(self, party: Party) -> bool {
        self == Party::Any || self == party || party == Party::Any
    }
}

/// What the table says of a citation.
#[derive(Debug, Clone, Copy)]
pub enum Found<'a> {
    /// The law is not in the table.
    UnknownLaw,
    /// The law is, the article is not.
    UnknownArticle(&'a Law),
    /// The article (or the article a cited paragraph or item belongs to).
    Article(&'a Law, &'a Article),
}

impl Statutes {
    pub fn law(&self, name: &str) -> Option<&Law> {
        self.law
            .iter()
            .find(|l| l.name == name || l.full_name == name)
    }

    /// The entry for a citation: the exact article if listed, else the longest listed article
    /// the citation is part of (`第三十六条` for `第三十六条第（二）项`).
    pub fn find(&self, law: &str, article: &str) -> Found<'_> {
        let Some(l) = self.law(law) else {
            return Found::UnknownLaw;
        };
        let article = normalize(article);
        let best = l
            .article
            .iter()
            .filter(|a| {
                let n = normalize(&a.number);
                article == n || (article.starts_with(&n) && article[n.len()..].starts_with('第'))
            })
            .max_by_key(|a| a.number.len());
        match best {
            Some(a) => Found::Article(l, a),
            None => Found::UnknownArticle(l),
        }
    }

    /// The nearest listed article numbers of a law, for a hint.
    pub fn nearest_articles(&self, law: &Law, article: &str, n: usize) -> Vec<String> {
        let base = article_base(article);
        let mut scored: Vec<(usize, &str)> = law
            .article
            .iter()
            .map(|a| {
                (
                    strsim::levenshtein(article_base(&a.number), base),
                    a.number.as_str(),
                )
            })
            .collect();
        scored.sort();
        scored.dedup_by(|a, b| a.1 == b.1);
        scored
            .into_iter()
            .take(n)
            .map(|(_, s)| s.to_string())
            .collect()
    }
}

impl Article {
    /// Every fine range the article sets for a party, in table order (an article may set tiers,
    /// such as a higher range for refusing to correct): the entries for exactly that party,
    /// else those for any party.
    pub fn fines_for(&self, party: Party) -> Vec<&Fine> {
        let exact: Vec<&Fine> = self.fine.iter().filter(|f| f.party == party).collect();
        if exact.is_empty() {
            self.fine.iter().filter(|f| f.party == Party::Any).collect()
        } else {
            exact
        }
    }
}

/// Whether a decision's basis cites a provision of a benchmark's 处罚依据 (the same article, or
/// a paragraph or item of it, or the article a cited paragraph belongs to). A benchmark re-based
/// on another law (a replaced law's successor) no longer shares one with decisions made under
/// the old law.
pub fn shares_provision(basis: &[LegalRef], penalty_basis: &[LegalRef]) -> bool {
    basis.iter().any(|d| {
        penalty_basis.iter().any(|b| {
            let (x, y) = (normalize(&d.article), normalize(&b.article));
            d.law == b.law && (x.starts_with(&y) || y.starts_with(&x))
        })
    })
}

/// Full-width and half-width brackets written the same way; spaces dropped.
fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect()
}

/// `第三十六条第（二）项` → `第三十六条`.
fn article_base(s: &str) -> &str {
    match s.find('条') {
        Some(i) => &s[..i + '条'.len_utf8()],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Statutes {
        toml::from_str(
            r#"
            [[law]]
            name = "城市市容和环境卫生管理条例"
            full_name = "城市市容和环境卫生管理条例"
            issuer = "国务院"
            kind = "行政法规"
            effective = 1992-08-01
            version = 2017-03-01
            source = "x"
            [[law.article]]
            number = "第三十六条"
            governs = "x"
            text = "x"
            verified = true
            [[law.article]]
            number = "第三十六条第（一）项"
            governs = "大型户外广告"
            text = "x"
            verified = true
            [[law.article.fine]]
            party = "单位"
            min = 100
            max = 200
            "#,
        )
        .unwrap()
    }

    #[test]
    fn a_cited_item_finds_its_own_entry_or_its_article() {
        let t = table();
        let number = |f: Found<'_>| match f {
            Found::Article(_, a) => a.number.clone(),
            _ => "-".into(),
        };
        assert_eq!(
            number(t.find("城市市容和环境卫生管理条例", "第三十六条第(一)项")),
            "第三十六条第（一）项"
        );
        assert_eq!(
            number(t.find("城市市容和环境卫生管理条例", "第三十六条第（二）项")),
            "第三十六条"
        );
        assert!(matches!(
            t.find("城市市容和环境卫生管理条例", "第三十七条"),
            Found::UnknownArticle(_)
        ));
        assert!(matches!(
            t.find("城市市容和环境卫生管理条例", "第三百六十条"),
            Found::UnknownArticle(_)
        ));
        assert!(matches!(
            t.find("市容条例", "第三十六条"),
            Found::UnknownLaw
        ));
    }

    #[test]
    fn fines_by_party() {
        let t = table();
        let Found::Article(_, a) = t.find("城市市容和环境卫生管理条例", "第三十六条第（一）项")
        else {
            panic!()
        };
        assert_eq!(
            a.fines_for(Party::Unit).first().and_then(|f| f.max),
            Some(200)
        );
        assert!(a.fines_for(Party::Individual).is_empty());
        assert!(Party::Any.covers(Party::Unit) && !Party::Unit.covers(Party::Individual));
    }

    #[test]
    fn an_article_may_set_tiers_for_one_party() {
        let t: Statutes = toml::from_str(
            r#"
            [[law]]
            name = "生态环境法典"
            full_name = "中华人民共和国生态环境法典"
            issuer = "全国人民代表大会"
            kind = "法律"
            effective = 2026-08-15
            version = 2026-03-12
            source = "测试"
            [[law.article]]
            number = "第一千一百三十二条第三款"
            governs = "露天烧烤"
            text = "……并处五百元以上五千元以下的罚款；拒不改正的，处五千元以上二万元以下的罚款。"
            verified = true
            [[law.article.fine]]
            party = "任何"
            min = 500
            max = 5000
            [[law.article.fine]]
            party = "任何"
            min = 5000
            max = 20000
            "#,
        )
        .unwrap();
        let Found::Article(_, a) = t.find("生态环境法典", "第一千一百三十二条第三款")
        else {
            panic!()
        };
        let tiers: Vec<_> = a
            .fines_for(Party::Individual)
            .iter()
            .map(|f| (f.min, f.max))
            .collect();
        assert_eq!(tiers, [(Some(500), Some(5000)), (Some(5000), Some(20000))]);
        assert_eq!(
            a.fines_for(Party::Unit).first().and_then(|f| f.max),
            Some(5000)
        );
    }
}
