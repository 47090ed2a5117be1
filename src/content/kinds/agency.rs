//! 执法主体: an enforcement agency and what it discloses before acting (事前公开).

use serde::Deserialize;

use super::search_doc::SearchDoc;
use super::{ContentKind, Lookup, by_id};
use crate::content::Item;
use crate::content::markdown::Section;
use crate::content::model::*;
use crate::routes;

/// 执法人员: enforcement staff and their certificate numbers (public under 三项制度).
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Staff {
    pub name: String,
    pub certificate: String,
    #[serde(default)]
    pub unit: Option<String>,
}

/// A fixed enforcement camera (固定执法摄像设备) location.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Camera {
    pub location: String,
    pub purpose: String,
}

/// The heading and note of an agency's staff section (page and search alike).
pub const STAFF_HEADING: &str = "执法人员和执法证号";
pub const STAFF_NOTE: &str = "执法人员调查或者检查时，应当主动出示执法证件；不出示的，您有权拒绝接受调查或者检查（行政处罚法第五十五条）。执法人员不得少于两人，法律另有规定的除外（行政处罚法第四十二条）。可以凭下面的执法证号核实身份。";
/// The heading of an agency's supervision section.
pub const SUPERVISION_HEADING: &str = "投诉监督和救济";

/// What the supervision section says (page and search alike).
pub fn supervision_text(m: &Agency) -> String {
    format!(
        "对本机关作出的行政处罚不服的，可以向{}申请行政复议，或者依法提起行政诉讼。对执法人员的行为有意见，可以拨打投诉监督电话 {}，或者拨打 12345 政务服务便民热线。",
        m.government, m.complaint_phone
    )
}

/// 执法主体: an enforcement agency and what it discloses before acting (事前公开).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    pub id: AgencyId,
    pub name: String,
    pub short_name: String,
    pub address: String,
    #[serde(default)]
    pub postcode: Option<String>,
    pub phone: String,
    pub complaint_phone: String,
    pub email: String,
    pub office_hours: String,
    /// 本级人民政府: where 行政复议 against this agency is applied for.
    pub government: String,
    pub duties: Vec<String>,
    pub legal_basis: Vec<String>,
    pub procedures: Vec<String>,
    pub updated: Date,
    #[serde(default)]
    pub staff: Vec<Staff>,
    #[serde(default)]
    pub cameras: Vec<Camera>,
}

impl ContentKind for Agency {
    const KIND: super::Kind = super::Kind::Agency;
    const DIR: &'static str = "agencies";
    const KEY: &'static str = "agency";
    const LABEL: &'static str = "执法主体";
    const LIST: Option<&'static routes::Place> = Some(&routes::AGENCIES);
    const ID_PREFIX: &'static str = "agency";
    const ID_EXAMPLE: &'static str = "shicheng";
    const SEARCH_WEIGHT: f32 = 0.8;
    const TEMPLATE: &'static str = r#"+++
id = "{id}"                         # 编号：英文字母、数字和 -，用于网址
name = "待填写"                      # 执法主体全称
short_name = "待填写"                # 简称
address = "待填写"                   # 办公地址
postcode = "000000"                 # 邮编（可删除）
phone = "待填写"                     # 办公电话
complaint_phone = "待填写"           # 投诉监督电话
email = "待填写"                     # 公开电子邮箱
office_hours = "待填写"              # 办公时间
government = "待填写"                # 本级人民政府（行政复议机关）
duties = ["待填写"]                  # 主要职责，每条一项
legal_basis = ["中华人民共和国行政处罚法"]   # 执法依据（法律法规名称）
procedures = ["待填写"]              # 执法程序，用通俗语言
updated = {date}                    # 信息更新日期

[[staff]]                           # 执法人员，每人一段，可重复
name = "待填写"                      # 姓名
certificate = "待填写"               # 执法证号
unit = "待填写"                      # 所在单位（可删除）

[[cameras]]                         # 固定执法摄像设备，每处一段，可重复或删除
location = "待填写"                  # 位置
purpose = "待填写"                   # 主要用途
+++
待填写：机构简介、监督与投诉渠道。
"#;

    fn id(&self) -> &str {
        self.id.as_str()
    }
    fn title(&self) -> &str {
        &self.name
    }
    fn address(&self) -> String {
        routes::agency(self.id.as_str())
    }
    fn order(a: &Self, b: &Self) -> std::cmp::Ordering {
        by_id(a, b)
    }
    fn changed(&self) -> Date {
        self.updated
    }

    fn search_doc(item: &Item<Self>, _lookup: &dyn Lookup) -> SearchDoc {
        let m = &item.meta;
        let mut body = m.duties.clone();
        body.extend(m.procedures.iter().cloned());
        body.extend(m.legal_basis.iter().cloned());
        body.push(format!(
            "地址：{}；电话：{}；投诉：{}；办公时间：{}",
            m.address, m.phone, m.complaint_phone, m.office_hours
        ));
        body.push(item.body.text.clone());
        let summary = format!("执法机关 · {}", m.address);
        SearchDoc::of(m, &m.name, summary, body).facet("agency", m.id.to_string())
    }

    /// The staff list with certificate numbers (核对执法证) and the supervision channels
    /// (投诉监督), each found on its own.
    fn section_docs(item: &Item<Self>, _lookup: &dyn Lookup) -> Vec<SearchDoc> {
        let m = &item.meta;
        let mut docs = Vec::new();
        if !m.staff.is_empty() {
            let staff = Section {
                anchor: routes::AGENCY_STAFF_ANCHOR.to_string(),
                title: STAFF_HEADING.to_string(),
                text: std::iter::once(STAFF_NOTE.to_string())
                    .chain(
                        m.staff
                            .iter()
                            .map(|s| format!("{} {}", s.name, s.certificate)),
                    )
                    .collect::<Vec<_>>()
                    .join("\n"),
            };
            let mut doc = SearchDoc::section(m, &m.name, &staff).facet("agency", m.id.to_string());
            doc.code = m
                .staff
                .iter()
                .map(|s| s.certificate.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            docs.push(doc);
        }
        let supervision = Section {
            anchor: routes::AGENCY_SUPERVISION_ANCHOR.to_string(),
            title: SUPERVISION_HEADING.to_string(),
            text: supervision_text(m),
        };
        docs.push(SearchDoc::section(m, &m.name, &supervision).facet("agency", m.id.to_string()));
        docs
    }

    /// Agencies are published as pages, not as a data set.
    type Record<'a> = ();
    fn data_record<'a>(_: &'a Item<Self>, _: &'a dyn Lookup) {}
}
