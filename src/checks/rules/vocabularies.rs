//! Vocabularies declared in site.toml: every item's 领域, and the 行政相对人 of risk points.

use std::collections::HashSet;

use super::super::{At, Checker, at};
use crate::content::Item;
use crate::content::kinds::{ContentKind, with_kinds};
use crate::diagnostics::Code;

impl Checker<'_> {
    pub(in crate::checks) fn vocabularies(&mut self) {
        let lib = self.lib;
        macro_rules! each {
            ($($variant:ident $field:ident $ty:ty),+ $(,)?) => {
                $(self.domains_of::<$ty>(&lib.$field);)+
            };
        }
        with_kinds!(each);
        let audiences: HashSet<&str> = lib.site.audiences.iter().map(String::as_str).collect();
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

    fn domains_of<T: ContentKind>(&mut self, items: &[Item<T>]) {
        let domains = &self.lib.site.domains;
        for item in items {
            let Some(d) = item.meta.domain() else {
                continue;
            };
            if !domains.iter().any(|x| x == d) {
                let msg = format!("领域 `{d}` 未在 site.toml 中登记");
                let hint = format!(
                    "可选：{}；如需新领域，先在 site.toml 的 domains 中添加",
                    domains.join("、")
                );
                self.error(
                    &item.source,
                    At {
                        key: "domain",
                        nth: 0,
                        needle: Some(d),
                    },
                    Code::Vocabulary,
                    msg,
                    &hint,
                );
            }
        }
    }
}
