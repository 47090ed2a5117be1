//! site.toml: the default agency exists, vocabularies are non-empty and without repeats, no
//! minimum publication period (信用修复) is longer than its maximum, and a real site's footer
//! carries the identification government sites must show (SITE003).

use std::collections::HashSet;

use super::super::{At, Checker, at};
use crate::content::Kind;
use crate::diagnostics::Code;

impl Checker<'_> {
    pub(in crate::checks) fn settings(&mut self) {
        let site = &self.lib.site;
        let src = &self.lib.site_source;
        if site.sample_as_of.is_some() && !site.sample_data {
            self.error(
                src,
                at("sample_as_of"),
                Code::SampleOnly,
                "sample_as_of 只能用于示例站点：真实站点的公示期限必须按实际日期计算".into(),
                "删除 sample_as_of（示例站点才同时写 sample_data = true）",
            );
        }
        if !site.sample_data {
            let missing: Vec<&str> = [
                ("主办单位（host）", site.host.is_none()),
                ("网站标识码（site_code）", site.site_code.is_none()),
                ("ICP备案编号（icp_record）", site.icp_record.is_none()),
                ("公安机关备案号（psb_record）", site.psb_record.is_none()),
                (
                    "“我为政府网站找错”网址（error_report_url）",
                    site.error_report_url.is_none(),
                ),
            ]
            .into_iter()
            .filter_map(|(label, absent)| absent.then_some(label))
            .collect();
            if !missing.is_empty() {
                self.report(
                    src,
                    at("name"),
                    crate::diagnostics::Severity::Warning,
                    Code::FooterIdentification,
                    format!("页面底部缺少政府网站标识：{}", missing.join("、")),
                    "按核发的编号在 site.toml 中填写这些字段，不得编造（政府网站发展指引）",
                );
            }
        }
        if !self
            .ids
            .contains(Kind::Agency, site.default_agency.as_str())
        {
            let msg = format!("默认执法主体 `{}` 不存在", site.default_agency);
            self.error(
                src,
                at("default_agency"),
                Code::DanglingReference,
                msg,
                "填写 agencies/ 中某个执法主体的 id",
            );
        }
        let (min, max) = (
            &site.publication.repair_min_months,
            &site.publication.period_months,
        );
        for (class, lo, hi) in [
            ("warning", min.warning, max.warning),
            ("simple", min.simple, max.simple),
            ("ordinary", min.ordinary, max.ordinary),
            ("serious", min.serious, max.serious),
        ] {
            if lo > hi {
                let msg = format!(
                    "repair_min_months.{class} = {lo} 长于公示期限 period_months.{class} = {hi}"
                );
                self.error(
                    src,
                    at("repair_min_months"),
                    Code::Settings,
                    msg,
                    "最短公示期不能长于最长公示期",
                );
            }
        }
        for (key, list) in [("domains", &site.domains), ("audiences", &site.audiences)] {
            if list.is_empty() {
                self.error(
                    src,
                    at(key),
                    Code::Settings,
                    format!("`{key}` 不能为空"),
                    "",
                );
            }
            let mut seen = HashSet::new();
            for v in list {
                if !seen.insert(v) {
                    let msg = format!("`{key}` 中 `{v}` 重复");
                    self.error(
                        src,
                        At {
                            key,
                            nth: 0,
                            needle: Some(v),
                        },
                        Code::Settings,
                        msg,
                        "",
                    );
                }
            }
        }
    }
}
