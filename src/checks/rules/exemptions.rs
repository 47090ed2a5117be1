//! Exemptions apply only where they say they do: a risk point links only exemptions that name
//! it in their `risks`, and a decision applies only exemptions that cover one of its risk
//! points (EXM001). An exemption whose conditions contradict the behaviour a risk describes
//! (E-010-A requires the purifier to be installed; R-010-1 is about not installing it) cannot be
//! promised on that risk's page.

use super::super::{At, Checker};
use crate::content::Kind;
use crate::content::model::{ExemptionId, RiskId};
use crate::diagnostics::Code;

impl Checker<'_> {
    pub(in crate::checks) fn exemption_scope(&mut self) {
        let lib = self.lib;
        let covers = |e: &ExemptionId, r: &RiskId| {
            self.ids
                .position(Kind::Exemption, e.as_str())
                .map(|i| lib.exemptions[i].meta.risks.contains(r))
        };
        for risk in &lib.risks {
            for e in &risk.meta.exemptions {
                if covers(e, &risk.meta.id) == Some(false) {
                    let msg = format!("免罚/从轻减轻事项 {e} 的适用范围不包括本风险点");
                    let hint = format!(
                        "核对 {e} 的适用条件：不适用于本风险点描述的行为的，从 exemptions 中删除；确实适用的，在 {e} 的 risks 中加入 {}",
                        risk.meta.id
                    );
                    self.error(
                        &risk.source,
                        At {
                            key: "exemptions",
                            nth: 0,
                            needle: Some(e.as_str()),
                        },
                        Code::ExemptionScope,
                        msg,
                        &hint,
                    );
                }
            }
        }
        for d in &lib.decisions {
            let m = &d.meta;
            if m.risks.is_empty() {
                continue;
            }
            for e in &m.exemptions {
                let any = m.risks.iter().map(|r| covers(e, r)).collect::<Vec<_>>();
                if !any.is_empty() && any.iter().all(|c| *c == Some(false)) {
                    let msg = format!("适用的免罚/从轻减轻事项 {e} 不适用于本决定的违法行为");
                    self.error(
                        &d.source,
                        At {
                            key: "exemptions",
                            nth: 0,
                            needle: Some(e.as_str()),
                        },
                        Code::ExemptionScope,
                        msg,
                        "核对该事项的适用条件和 risks；不适用的，删除并按裁量基准处理",
                    );
                }
            }
        }
    }
}
