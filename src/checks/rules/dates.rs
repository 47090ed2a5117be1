//! Date order: a list item is not updated before it took effect; a decision is not published
//! before it was made.

use super::super::{Checker, at};
use crate::content::Item;
use crate::content::kinds::{ContentKind, with_kinds};
use crate::diagnostics::Code;

impl Checker<'_> {
    pub(in crate::checks) fn dates(&mut self) {
        let lib = self.lib;
        macro_rules! each {
            ($($variant:ident $field:ident $ty:ty),+ $(,)?) => {
                $(self.lifecycle_of::<$ty>(&lib.$field);)+
            };
        }
        with_kinds!(each);
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

    fn lifecycle_of<T: ContentKind>(&mut self, items: &[Item<T>]) {
        for item in items {
            let Some(l) = item.meta.lifecycle() else {
                continue;
            };
            if l.updated < l.effective {
                let msg = format!(
                    "更新日期 {} 早于生效日期 {}",
                    l.updated.iso(),
                    l.effective.iso()
                );
                self.error(
                    &item.source,
                    at("updated"),
                    Code::DateOrder,
                    msg,
                    "更新日期应不早于生效日期",
                );
            }
        }
    }
}
