//! `gongshi new <kind>`: writes a new content file with every field and a short Chinese
//! comment per field. Placeholders say 待填写, which `check` refuses until they are replaced.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::content::Kind;

const DATE: &str = "{date}";
const ID: &str = "{id}";

fn template(kind: Kind) -> &'static str {
    match kind {
        Kind::Agency => {
            r#"+++
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
"#
        }
        Kind::Risk => {
            r#"+++
id = "{id}"                         # 风险点编号，如 R-001-1
title = "待填写"                     # 风险点名称
domain = "待填写"                    # 领域，须为 site.toml 中 domains 之一
audiences = ["待填写"]               # 行政相对人，须为 site.toml 中 audiences 之一，可多个
level = "中"                        # 风险等级：高 | 中 | 低
manifestation = "待填写"             # 表现形式：这种行为在现实中是什么样子
consequence = "待填写"               # 法律后果：处罚种类和幅度，用通俗语言
measures = ["待填写"]                # 防控措施：怎样做才合规，每条一项
powers = ["待填写"]                  # 对应权责事项编号，至少一个
exemptions = []                     # 对应免罚/从轻减轻事项编号，没有就留空
benchmarks = []                     # 对应裁量基准编号，没有就留空
effective = {date}                  # 生效日期
updated = {date}                    # 最近修改日期
status = "现行有效"                  # 状态：现行有效 | 已修改 | 已废止

[[violates]]                        # 违反的条款，可重复；没有可删除
law = "待填写"                       # 法律法规名称，不加书名号
article = "待填写"                   # 条款，如 第十四条、第三十四条第（二）项
# text = ""                         # 条文原文摘录（可选，须与原文一致）

[[penalty_basis]]                   # 处罚依据条款，至少一个
law = "待填写"
article = "待填写"
+++
（可选）用通俗语言补充说明。
"#
        }
        Kind::Power => {
            r#"+++
id = "{id}"                         # 事项编码
title = "待填写"                     # 事项名称，如“对……的行政处罚”
power_type = "行政处罚"              # 职权类型：行政处罚 | 行政强制 | 行政检查 | 行政许可 | 行政确认 | 其他
domain = "待填写"                    # 领域，须为 site.toml 中 domains 之一
agency = "待填写"                    # 实施主体编号（agencies/ 中的 id）
accountability = ["待填写"]          # 追责情形，每条一项
supervision_phone = "待填写"         # 监督电话
effective = {date}                  # 生效日期
updated = {date}                    # 最近修改日期
status = "现行有效"                  # 状态：现行有效 | 已修改 | 已废止

[[basis]]                           # 设定依据，可重复
law = "待填写"
article = "待填写"

[[responsibilities]]                # 责任事项，每个环节一段，可重复
stage = "立案"                       # 环节：立案、调查取证、审查、告知、决定、送达、执行……
duty = "待填写"                      # 该环节的责任
+++
"#
        }
        Kind::Exemption => {
            r#"+++
id = "{id}"                         # 编号，如 E-001-A
title = "待填写"                     # 违法行为
kind = "首违免罚"                    # 类型：轻微不罚 | 首违免罚 | 从轻处罚 | 减轻处罚
domain = "待填写"                    # 领域，须为 site.toml 中 domains 之一
conditions = ["待填写"]              # 适用条件，须同时满足，每条一项
commitment_required = true          # 是否需要签署承诺书：true 或 false
# discretion = ""                   # 从轻/减轻的裁量幅度（不罚类可删除）
powers = ["待填写"]                  # 对应权责事项编号
effective = {date}                  # 生效日期
updated = {date}                    # 最近修改日期
status = "现行有效"                  # 状态：现行有效 | 已修改 | 已废止

[[basis]]                           # 法律依据，可重复
law = "行政处罚法"
article = "第三十三条第一款"
+++
待填写：实践中如何适用（教育、责令改正、承诺书、回访）。
"#
        }
        Kind::Benchmark => {
            r#"+++
id = "{id}"                         # 编号，如 B-001
title = "待填写"                     # 违法行为
domain = "待填写"                    # 领域，须为 site.toml 中 domains 之一
powers = ["待填写"]                  # 对应权责事项编号
effective = {date}                  # 生效日期
updated = {date}                    # 最近修改日期
status = "现行有效"                  # 状态：现行有效 | 已修改 | 已废止

[[violates]]                        # 违反的条款（可删除）
law = "待填写"
article = "待填写"

[[penalty_basis]]                   # 处罚依据
law = "待填写"
article = "待填写"

[[grades]]                          # 裁量档次，按 轻微、一般、较重、严重 顺序，可重复
grade = "轻微"                       # 档次：轻微 | 一般 | 较重 | 严重
circumstances = "待填写"             # 违法情形
penalty = "待填写"                   # 处罚标准
fine_min = 0                        # 罚款下限（元，可删除）
fine_max = 0                        # 罚款上限（元，可删除）
+++
"#
        }
        Kind::Decision => {
            r#"+++
id = "{id}"                         # 编号，如 SC-2026-0001
number = "待填写"                    # 决定书文号
agency = "待填写"                    # 执法主体编号（agencies/ 中的 id）
party_type = "自然人"                # 当事人类型：自然人 | 个体工商户 | 法人或其他组织
party = "待填写"                     # 当事人：自然人只写“姓+某”，如 张某
# credit_code = ""                  # 统一社会信用代码（自然人删除此行）
violation = "待填写"                 # 违法行为
domain = "待填写"                    # 领域，须为 site.toml 中 domains 之一
# location = ""                     # 违法地点，只写到道路或区域，不写门牌号
outcome = "一般"                     # 裁量结果：不予处罚 | 从轻 | 减轻 | 一般 | 从重
procedure = "普通程序"               # 程序：简易程序 | 普通程序
decided = {date}                    # 决定日期
published = {date}                  # 公开日期（决定后7个工作日内）
status = "有效"                      # 状态：有效 | 已变更 | 已撤销 | 确认违法 | 确认无效
risks = []                          # 对应风险点编号
powers = []                         # 对应权责事项编号
benchmarks = []                     # 适用的裁量基准编号
exemptions = []                     # 适用的免罚/从轻减轻事项编号

[[basis]]                           # 法律依据，可重复
law = "待填写"
article = "待填写"

[[penalties]]                       # 处罚内容，可重复；不予处罚时删除整段
kind = "罚款"                        # 警告 | 通报批评 | 罚款 | 没收违法所得 | 没收非法财物 | 暂扣许可证件 | …
amount = 0                          # 金额（元），罚款和没收违法所得必填
# note = ""                         # 补充说明（可选）

# [withdrawal]                      # 决定被变更、撤销、确认违法或无效时填写
# changed = {date}                  # 决定被变更、撤销或者确认违法、无效的日期
# date = {date}                     # 撤回日期（changed 之后3个工作日内）
# reason = ""                       # 公开的撤回理由
+++
待填写：违法事实（不得含身份证号、电话、住址、车牌等个人信息），以及处罚理由和裁量说明。
"#
        }
        Kind::Case => {
            r#"+++
id = "{id}"                         # 编号，如 C-001
title = "待填写"                     # 案例标题
domain = "待填写"                    # 领域，须为 site.toml 中 domains 之一
date = {date}                       # 日期
summary = "待填写"                   # 一句话概括
risks = []                          # 相关风险点编号
decisions = []                      # 相关处罚决定编号
+++
## 基本案情

待填写

## 处理结果

待填写

## 以案释法

待填写
"#
        }
        Kind::Page => {
            r#"+++
id = "{id}"                         # 页面编号，用小写英文和 -，用于网址
title = "待填写"                     # 页面标题
summary = "待填写"                   # 一句话简介（可删除）
order = 100                         # 排序，小的在前
updated = {date}                    # 更新日期
+++
待填写：正文。
"#
        }
    }
}

/// Fills a template with an id and today's date.
pub fn render(kind: Kind, id: &str, today: chrono::NaiveDate) -> String {
    template(kind)
        .replace(ID, id)
        .replace(DATE, &today.format("%Y-%m-%d").to_string())
}

/// A fresh id for the kind that no file in its directory uses yet.
pub fn default_id(content: &Path, kind: Kind, today: chrono::NaiveDate) -> String {
    let prefix = match kind {
        Kind::Agency => "agency",
        Kind::Risk => "R",
        Kind::Power => "P",
        Kind::Exemption => "E",
        Kind::Benchmark => "B",
        Kind::Decision => "D",
        Kind::Case => "C",
        Kind::Page => "page",
    };
    let stamp = today.format("%Y%m%d");
    (1..)
        .map(|n| format!("{prefix}-{stamp}-{n}"))
        .find(|id| !target(content, kind, id, today).exists())
        .expect("an unused id exists")
}

/// Where a new file goes: `<content>/<kind dir>/[<year>/]<id>.md`.
pub fn target(content: &Path, kind: Kind, id: &str, today: chrono::NaiveDate) -> PathBuf {
    let mut dir = content.join(kind.dir());
    if kind == Kind::Decision {
        dir = dir.join(today.format("%Y").to_string());
    }
    dir.join(format!("{id}.md"))
}

/// Writes the new file, refusing to overwrite an existing one.
pub fn create(
    content: &Path,
    kind: Kind,
    id: Option<&str>,
    today: chrono::NaiveDate,
) -> io::Result<PathBuf> {
    let id = id.map_or_else(|| default_id(content, kind, today), str::to_string);
    let path = target(content, kind, &id, today);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)?;
    io::Write::write_all(&mut file, render(kind, &id, today).as_bytes())?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::frontmatter;

    #[test]
    fn every_template_is_valid_toml_with_placeholders() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        for kind in Kind::ALL {
            let text = render(kind, "X-1", today);
            let split = frontmatter::split(&text).expect("fenced");
            let parsed: Result<toml::Table, _> = toml::from_str(split.front);
            assert!(parsed.is_ok(), "{kind:?}: {parsed:?}");
            assert!(text.contains("待填写"), "{kind:?} has no placeholder");
            assert!(text.contains("id = \"X-1\""));
        }
    }
}
