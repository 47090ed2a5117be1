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
            if let Some(acted) = m.acted
                && acted > m.decided
            {
                let msg = format!(
                    "违法行为发生日期 {} 晚于决定日期 {}",
                    acted.iso(),
                    m.decided.iso()
                );
                self.error(
                    &i.source,
                    at("acted"),
                    Code::DateOrder,
                    msg,
                    "acted 写违法行为发生的日期（连续或者继续状态的写终了的日期），不晚于作出决定的日期",
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
