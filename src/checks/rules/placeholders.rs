//! Placeholders: no 待填写 left from a `gongshi new` template, in any file (also one that does
//! not parse).

use super::super::{Checker, PLACEHOLDER};
use crate::diagnostics::{Code, Severity};

impl Checker<'_> {
    pub(in crate::checks) fn placeholders(&mut self) {
        let lib = self.lib;
        for src in lib.all_sources() {
            if let Some(offset) = src.text.find(PLACEHOLDER) {
                self.diags.push(src.diagnostic(
                    offset,
                    Severity::Error,
                    Code::Placeholder,
                    format!("还有“{PLACEHOLDER}”的内容"),
                    Some("把模板中的占位内容替换为实际内容后再发布".into()),
                ));
            }
        }
    }
}
