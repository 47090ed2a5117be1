//! The tables search answers with: every `prefer` of intents.toml names something the site
//! has (a kind, a list, a page, a section), phrases are not empty or single characters, keys
//! do not repeat; every row of referrals.toml has a unique key usable as an anchor and words to
//! be found by (ANS001). Referral citations are checked with the others (`citations`).

use std::collections::HashSet;

use super::super::{At, Checker};
use crate::content::answers::Target;
use crate::content::kinds::{ContentKind, with_kinds};
use crate::diagnostics::Code;

impl Checker<'_> {
    pub(in crate::checks) fn answer_tables(&mut self) {
        self.intent_table();
        self.referral_table();
    }

    fn intent_table(&mut self) {
        let lib = self.lib;
        let src = &lib.intents_source;
        let mut kinds: Vec<&str> = Vec::new();
        let mut lists: Vec<&str> = Vec::new();
        macro_rules! each {
            ($($variant:ident $field:ident $ty:ty),+ $(,)?) => {
                $(
                    kinds.push(<$ty as ContentKind>::KEY);
                    if <$ty as ContentKind>::LIST.is_some() {
                        lists.push(<$ty as ContentKind>::DIR);
                    }
                )+
            };
        }
        with_kinds!(each);
        // Pages and their anchored sections, the targets a page id names.
        let mut pages: HashSet<String> = HashSet::new();
        for p in lib.pages.iter() {
            pages.insert(p.meta.id.to_string());
            for s in &p.body.sections {
                pages.insert(format!("{}#{}", p.meta.id, s.anchor));
            }
        }
        let mut keys = HashSet::new();
        for (i, intent) in lib.intents.intent.iter().enumerate() {
            fn at<'s>(key: &'s str, nth: usize, needle: Option<&'s str>) -> At<'s> {
                At { key, nth, needle }
            }
            if !keys.insert(intent.key.as_str()) {
                let msg = format!("问法 `{}` 重复", intent.key);
                let at_key = At {
                    key: "key",
                    nth: i,
                    needle: None,
                };
                self.error(
                    src,
                    at_key,
                    Code::AnswerTable,
                    msg,
                    "每组 [[intent]] 的 key 不能重复",
                );
            }
            if !(1..=9).contains(&intent.rank) {
                let msg = format!("问法 `{}` 的 rank 是 {}", intent.key, intent.rank);
                self.error(
                    src,
                    at("rank", i, None),
                    Code::AnswerTable,
                    msg,
                    "rank 写 1 到 9 的整数",
                );
            }
            if intent.phrases.is_empty() {
                let msg = format!("问法 `{}` 没有 phrases", intent.key);
                self.error(
                    src,
                    at("phrases", i, None),
                    Code::AnswerTable,
                    msg,
                    "至少写一个群众的说法",
                );
            }
            for p in &intent.phrases {
                if p.trim().chars().count() < 2 {
                    let msg = format!("问法 `{}` 的说法“{p}”太短", intent.key);
                    self.error(
                        src,
                        at("phrases", i, Some(p)),
                        Code::AnswerTable,
                        msg,
                        "说法至少两个字：单个字会在很多无关的查询里出现；“吗”“呢”写在 [fillers] 里",
                    );
                }
            }
            for target in &intent.prefer {
                let known = match Target::parse(target, &kinds, &lists) {
                    Some(Target::Page(p)) => pages.contains(p),
                    Some(_) => true,
                    None => false,
                };
                if !known {
                    let msg = format!("问法 `{}` 的 prefer 中“{target}”不存在", intent.key);
                    self.error(
                        src,
                        at("prefer", i, Some(target)),
                        Code::AnswerTable,
                        msg,
                        "写类别（risk、exemption、benchmark …）、清单（list:risks …）、页面编号（report、method-721 …）或页面小节（remedies#review）；页面小节要在页面的标题后写 {#锚点}",
                    );
                }
            }
        }
    }

    fn referral_table(&mut self) {
        let lib = self.lib;
        let src = &lib.referrals_source;
        let mut keys = HashSet::new();
        for (i, r) in lib.referrals.referral.iter().enumerate() {
            let at = |key: &'static str| At {
                key,
                nth: i,
                needle: None,
            };
            let anchor_ok = !r.key.is_empty()
                && r.key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !anchor_ok {
                let msg = format!("职责边界编号“{}”不能用作网址中的锚点", r.key);
                self.error(
                    src,
                    at("key"),
                    Code::AnswerTable,
                    msg,
                    "只用小写英文字母、数字和 -，如 dog-leash",
                );
            } else if !keys.insert(r.key.as_str()) {
                let msg = format!("职责边界编号 `{}` 重复", r.key);
                self.error(
                    src,
                    at("key"),
                    Code::AnswerTable,
                    msg,
                    "每一行的 key 不能重复",
                );
            }
            if r.words.iter().all(|w| w.trim().chars().count() < 2) {
                let msg = format!("职责边界 `{}` 没有可用的群众说法", r.key);
                self.error(
                    src,
                    at("words"),
                    Code::AnswerTable,
                    msg,
                    "words 至少写一个两字以上的说法，搜索靠它找到这一行",
                );
            }
        }
    }
}
