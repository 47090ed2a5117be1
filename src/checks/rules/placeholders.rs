//! Placeholders: no 待填写 left from a `gongshi new`, `gongshi init` or `gongshi import` file,
//! in any file (also one that does not parse). Every line that still has one is its own error,
//! at the placeholder, saying which field it is and, as the hint, what to write there: the
//! comment the kind's template (or the site template) gives that field, so staff see the same
//! words the template showed them.

use super::super::{Checker, PLACEHOLDER};
use crate::content::Source;
use crate::content::kinds::{ContentKind, with_kinds};
use crate::content::repository::SITE_TEMPLATE;
use crate::content::scaffold::hints;
use crate::diagnostics::{Code, Severity};

const GENERIC: &str = "把模板中的占位内容替换为实际内容后再发布";

impl Checker<'_> {
    pub(in crate::checks) fn placeholders(&mut self) {
        let lib = self.lib;
        macro_rules! each {
            ($($variant:ident $field:ident $ty:ty),+ $(,)?) => {
                $(for item in &lib.$field {
                    self.placeholders_in(&item.source, <$ty as ContentKind>::TEMPLATE);
                })+
            };
        }
        with_kinds!(each);
        self.placeholders_in(&lib.site_source, SITE_TEMPLATE);
        // Files that did not parse: every placeholder line, with the kind's hints.
        for u in &lib.unparsed {
            self.placeholders_in(&u.source, u.kind.template());
        }
    }

    /// One error per line with a placeholder. `template` is where hints come from.
    fn placeholders_in(&mut self, src: &Source, template: &str) {
        // Nearly every file has none: one search, not a walk over its lines.
        if !src.text.contains(PLACEHOLDER) {
            return;
        }
        let mut line_start = 0;
        for line in src.text.split_inclusive('\n') {
            if let Some(i) = line.find(PLACEHOLDER) {
                let offset = line_start + i;
                let (message, hint) = describe(src, template, offset);
                self.diags.push(src.diagnostic(
                    offset,
                    Severity::Error,
                    Code::Placeholder,
                    message,
                    Some(hint.unwrap_or_else(|| GENERIC.into())),
                ));
            }
            line_start += line.len();
        }
    }
}

/// The message and hint for a placeholder at `offset`: the field it is in and what to write.
fn describe(src: &Source, template: &str, offset: usize) -> (String, Option<String>) {
    if offset >= src.front_end && src.body_offset > 0 {
        let hint = hints::body_hint(template).map(|h| format!("正文应写：{h}"));
        return (format!("正文还是“{PLACEHOLDER}”"), hint);
    }
    let (table, key) = hints::field_at(src.front(), offset.saturating_sub(src.front_offset));
    let Some(key) = key else {
        return (format!("还有“{PLACEHOLDER}”的内容"), None);
    };
    let field = match table {
        Some(t) => format!("[[{t}]] 中的 `{key}`"),
        None => format!("`{key}`"),
    };
    let hint = hints::hint(template, table, key).map(|h| format!("应填：{h}"));
    (format!("{field} 还是“{PLACEHOLDER}”"), hint)
}
