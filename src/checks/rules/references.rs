//! References: every id an item names under a key (its kind's
//! [`references`](crate::content::kinds::ContentKind::references)) exists, and required keys
//! name at least one.

use super::super::{At, Checker};
use crate::content::Item;
use crate::content::kinds::{ContentKind, Refs, with_kinds};
use crate::diagnostics::Code;

impl Checker<'_> {
    pub(in crate::checks) fn references(&mut self) {
        let lib = self.lib;
        macro_rules! each {
            ($($variant:ident $field:ident $ty:ty),+ $(,)?) => {
                $(self.references_of::<$ty>(&lib.$field);)+
            };
        }
        with_kinds!(each);
    }

    fn references_of<T: ContentKind>(&mut self, items: &[Item<T>]) {
        for item in items {
            for refs in item.meta.references() {
                self.refs(item, &refs);
            }
        }
    }

    fn refs<T>(&mut self, item: &Item<T>, refs: &Refs<'_>) {
        let src = &item.source;
        let target = refs.target;
        if refs.required && refs.ids.is_empty() {
            let msg = format!("`{}` 至少要填写一个{}", refs.key, target.label());
            let hint = format!(
                "填写适用的{}编号，如 [\"{}\"]",
                target.label(),
                target.id_example()
            );
            self.error(
                src,
                At {
                    key: refs.key,
                    nth: 0,
                    needle: None,
                },
                Code::MissingField,
                msg,
                &hint,
            );
        }
        for id in &refs.ids {
            // A reference to a file that failed to parse was already reported at that file.
            let unparsed = self.lib.unparsed_ids.contains(&(target, id.to_string()));
            if self.ids.contains(target, id) || unparsed {
                continue;
            }
            let msg = format!("引用的{} `{id}` 不存在", target.label());
            let near = self.ids.nearest(target, id);
            let hint = if near.is_empty() {
                format!("检查编号是否写错，或先在 {}/ 中建立该事项", target.dir())
            } else {
                format!(
                    "最接近的已有{}编号是 {}，是否写错了？否则先在 {}/ 中建立该事项",
                    target.label(),
                    near.join("、"),
                    target.dir()
                )
            };
            self.error(
                src,
                At {
                    key: refs.key,
                    nth: 0,
                    needle: Some(id),
                },
                Code::DanglingReference,
                msg,
                &hint,
            );
        }
    }
}
