//! Legal citations against the statute table (`statutes.toml`): the law is listed (LAW001),
//! the article is listed for it (LAW002), it has not been replaced for what the item concerns
//! (LAW003), and a quoted excerpt is the article's text (LAW004).

use super::super::{At, Checker};
use crate::content::Item;
use crate::content::kinds::{ContentKind, with_kinds};
use crate::content::model::{Date, ItemStatus, LegalRef};
use crate::content::statutes::{Found, Law, Statutes};
use crate::diagnostics::Code;

impl Checker<'_> {
    pub(in crate::checks) fn citations(&mut self) {
        let lib = self.lib;
        let Some(statutes) = &lib.statutes else {
            return;
        };
        macro_rules! each {
            ($($variant:ident $field:ident $ty:ty),+ $(,)?) => {
                $(self.citations_of::<$ty>(statutes, &lib.$field);)+
            };
        }
        with_kinds!(each);
        // The referral table's bases, judged as they stand today.
        let mut nth = 0;
        for r in &lib.referrals.referral {
            if let Some(b) = &r.basis {
                self.citation_at(statutes, &lib.referrals_source, b, None, true, None, nth);
                nth += 1;
            }
        }
    }

    fn citations_of<T: ContentKind>(&mut self, statutes: &Statutes, items: &[Item<T>]) {
        for item in items {
            // A decision is judged by the law of its day; a list item while it is in force.
            let day = item.meta.decided_on();
            let current = item
                .meta
                .lifecycle()
                .is_none_or(|l| l.status != ItemStatus::Repealed);
            // A decision that states the 从旧兼从轻 ground (行政处罚法 第三十七条) applies the law
            // in force when the act was committed, which may have been replaced since.
            let cites = item.meta.citations();
            // The day of the act, when the decision states that ground: only an act before the
            // law was replaced may be judged by it.
            let old_law_ground = item
                .meta
                .act_day()
                .filter(|_| cites.iter().any(|r| states_old_law_ground(r)));
            for r in cites {
                self.citation(statutes, &item.source, r, day, current, old_law_ground);
            }
        }
    }

    /// Checks one citation; `law_key`/`article_key` locate it in the file.
    pub(super) fn citation(
        &mut self,
        statutes: &Statutes,
        src: &crate::content::Source,
        r: &LegalRef,
        day: Option<Date>,
        current: bool,
        old_law_ground: Option<Date>,
    ) {
        self.citation_at(statutes, src, r, day, current, old_law_ground, 0);
    }

    /// [`Self::citation`] for the `nth` citation block of a file with several (a table).
    #[allow(clippy::too_many_arguments)]
    fn citation_at(
        &mut self,
        statutes: &Statutes,
        src: &crate::content::Source,
        r: &LegalRef,
        day: Option<Date>,
        current: bool,
        old_law_ground: Option<Date>,
        nth: usize,
    ) {
        let at_law = At {
            key: "law",
            nth,
            needle: Some(&r.law),
        };
        let at_article = At {
            key: "article",
            nth,
            needle: Some(&r.article),
        };
        match statutes.find(&r.law, &r.article) {
            Found::UnknownLaw => {
                let near = nearest_law(statutes, &r.law);
                let msg = format!("条文表中没有《{}》", r.law);
                let hint = match near {
                    Some(n) => format!(
                        "是不是《{n}》？法律法规名称照 statutes.toml 写，不加书名号，不写“中华人民共和国”；确需引用新的法律法规，请法制科核对原文后先加入 statutes.toml"
                    ),
                    None => "法律法规名称照 statutes.toml 写，不加书名号，不写“中华人民共和国”；确需引用新的法律法规，请法制科核对原文后先加入 statutes.toml".into(),
                };
                self.error(src, at_law, Code::UnknownLaw, msg, &hint);
            }
            Found::UnknownArticle(law) => {
                let near = statutes.nearest_articles(law, &r.article, 3);
                let msg = format!("条文表中没有《{}》{}", r.law, r.article);
                let hint = format!(
                    "核对条款序号{}；如果条文表漏列了这一条，请法制科核对原文后补入 statutes.toml",
                    if near.is_empty() {
                        String::new()
                    } else {
                        format!("（条文表中最接近的：{}）", near.join("、"))
                    }
                );
                self.error(src, at_article, Code::UnknownArticle, msg, &hint);
            }
            Found::Article(law, article) => {
                if let Some(msg) = superseded(law, day, current, old_law_ground) {
                    let hint = if day.is_some() {
                        format!(
                            "改为引用现行的《{}》中对应的条款；违法行为发生在旧法被取代之前、依照从旧兼从轻仍适用旧法的（新法处罚不比旧法轻），保留旧法条款，并在法律依据中写明行政处罚法第三十七条",
                            law.superseded_by
                        )
                    } else {
                        format!(
                            "改为引用现行的《{}》中对应的条款；决定作出时旧法仍有效的，不必修改",
                            law.superseded_by
                        )
                    };
                    self.error(src, at_law, Code::SupersededLaw, msg, &hint);
                }
                if let Some(text) = &r.text
                    && article.verified
                    && !excerpt_of(text, &article.text)
                {
                    let msg = format!("《{}》{}的摘录与条文原文不一致", r.law, r.article);
                    let start: String = text.chars().take(8).collect();
                    self.error(
                        src,
                        At {
                            key: "text",
                            nth: 0,
                            needle: Some(&start),
                        },
                        Code::ExcerptMismatch,
                        msg,
                        "照 statutes.toml 中的原文摘录，一字不改；省略的部分写“……”",
                    );
                }
            }
        }
    }
}

/// Whether a citation is the 从旧兼从轻 rule: 行政处罚法 第三十七条 (an act is judged by the law
/// in force when it was committed, unless the new law is lighter).
fn states_old_law_ground(r: &LegalRef) -> bool {
    r.law == "行政处罚法" && r.article.trim().starts_with("第三十七条")
}

/// Why citing `law` is wrong, if it is: it was replaced before `day` (a decision, unless the
/// decision states that it applies the law of the day of the act, `old_law_ground`, and that
/// day came before the replacement), or is replaced and the item is in force.
fn superseded(
    law: &Law,
    day: Option<Date>,
    current: bool,
    old_law_ground: Option<Date>,
) -> Option<String> {
    if law.superseded_by.is_empty() {
        return None;
    }
    let since = law.superseded_on;
    let wrong = match (day, since) {
        (Some(d), Some(s)) => d >= s && old_law_ground.is_none_or(|acted| acted >= s),
        (None, _) => current,
        (Some(_), None) => true,
    };
    wrong.then(|| match since {
        Some(s) => format!(
            "《{}》已于 {} 被《{}》取代",
            law.name,
            s.zh(),
            law.superseded_by
        ),
        None => format!("《{}》已被《{}》取代", law.name, law.superseded_by),
    })
}

/// The listed law whose name is closest to a mistyped one.
fn nearest_law<'s>(statutes: &'s Statutes, name: &str) -> Option<&'s str> {
    let bare = name
        .trim_start_matches("中华人民共和国")
        .trim_matches(['《', '》']);
    statutes
        .law
        .iter()
        .map(|l| (strsim::levenshtein(&l.name, bare), l.name.as_str()))
        .filter(|(d, n)| *d <= n.chars().count() / 2)
        .min()
        .map(|(_, n)| n)
}

/// Whether `excerpt` is taken from `text`: each part between “……” appears in it, in order,
/// punctuation and spaces aside.
fn excerpt_of(excerpt: &str, text: &str) -> bool {
    let text = squash(text);
    let mut from = 0;
    for part in excerpt.split('…').map(squash).filter(|p| !p.is_empty()) {
        match text[from..].find(&part) {
            Some(i) => from += i + part.len(),
            None => return false,
        }
    }
    true
}

/// Letters and digits only (full-width folded), so quotes that differ only in punctuation or
/// spacing still match.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn replaced(on: &str) -> Law {
        toml::from_str(&format!(
            r#"
            name = "大气污染防治法"
            full_name = "中华人民共和国大气污染防治法"
            issuer = "全国人民代表大会常务委员会"
            kind = "法律"
            effective = 1988-06-01
            version = 2018-10-26
            source = "测试"
            superseded_by = "生态环境法典"
            superseded_on = {on}
            "#
        ))
        .unwrap()
    }

    #[test]
    fn a_replaced_law_is_wrong_after_the_day_unless_the_old_law_ground_is_stated() {
        let law = replaced("2026-08-15");
        let day = |s: &str| Some(Date(s.parse().unwrap()));
        // A decision made before the day applies the old law.
        assert!(superseded(&law, day("2026-08-14"), true, None).is_none());
        // After it, only when it states 行政处罚法 第三十七条 for an act before the day.
        assert!(superseded(&law, day("2026-08-15"), true, None).is_some());
        assert!(superseded(&law, day("2026-09-01"), true, day("2026-08-12")).is_none());
        // The ground does not excuse an act on or after the day: the old law never applied.
        assert!(superseded(&law, day("2026-09-01"), true, day("2026-08-15")).is_some());
        // A list item in force may not cite it, whatever it states.
        assert!(superseded(&law, None, true, day("2026-08-12")).is_some());
        assert!(superseded(&law, None, false, None).is_none());
        let ground = |law: &str, article: &str| {
            states_old_law_ground(&LegalRef {
                law: law.into(),
                article: article.into(),
                text: None,
            })
        };
        assert!(ground("行政处罚法", "第三十七条"));
        assert!(!ground("行政处罚法", "第三十二条第（一）项"));
        assert!(!ground("生态环境法典", "第三十七条"));
    }

    #[test]
    fn excerpts_are_matched_part_by_part_ignoring_punctuation() {
        let text = "有下列行为之一者，可以并处警告、罚款：（一）随地吐痰的；（二）乱贴的；";
        assert!(excerpt_of("有下列行为之一者……（二）乱贴的", text));
        assert!(excerpt_of("可以并处警告，罚款", text));
        assert!(!excerpt_of("可以并处罚款", text));
        assert!(
            !excerpt_of("（二）乱贴的……（一）随地吐痰的", text),
            "order matters"
        );
    }
}
