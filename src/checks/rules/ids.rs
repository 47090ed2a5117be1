//! Ids: unique within their kind, usable in addresses, matching the file name; 文号 unique.

use super::super::{At, Checker, at};
use crate::content::Item;
use crate::content::kinds::{ContentKind, with_kinds};
use crate::diagnostics::{Code, Severity};

impl Checker<'_> {
    pub(in crate::checks) fn ids(&mut self) {
        let lib = self.lib;
        macro_rules! each {
            ($($variant:ident $field:ident $ty:ty),+ $(,)?) => {
                $(self.ids_of::<$ty>(&lib.$field);)+
            };
        }
        with_kinds!(each);
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

    fn ids_of<T: ContentKind>(&mut self, items: &[Item<T>]) {
        let duplicates: Vec<_> = self
            .ids
            .duplicates
            .iter()
            .filter(|(kind, _, _)| *kind == T::KIND)
            .map(|&(_, first, dup)| (first, dup))
            .collect();
        for (first, dup) in duplicates {
            let msg = format!(
                "{}编号 `{}` 与 {} 重复",
                T::LABEL,
                items[dup].meta.id(),
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
            let id = item.meta.id();
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
                    At {
                        key: "id",
                        nth: 0,
                        needle: None,
                    },
                    Severity::Warning,
                    Code::FileNameMismatch,
                    msg,
                    &format!("把文件改名为 {id}.md"),
                );
            }
        }
    }
}
