//! What to write in a field, for the placeholder diagnostics: the comment the kind's template
//! (or the site template) gives the key, so `gongshi new`, `gongshi init` and `gongshi import`
//! files all point staff at the same words; a few keys shared by every kind (law, article …)
//! have one hint here.

/// Hints for keys whose template lines carry no comment of their own.
const SHARED: &[(&str, &str)] = &[
    (
        "law",
        "法律法规名称，不加书名号《》，也不加“中华人民共和国”，如 城市市容和环境卫生管理条例",
    ),
    ("article", "条款序号，用汉字数字，如 第三十六条第（二）项"),
    ("duty", "这一环节的责任"),
    (
        "stage",
        "环节，如 立案、调查取证、审查、告知、决定、送达、执行",
    ),
    ("name", "名称"),
    ("number", "号码"),
    ("certificate", "执法证号"),
    ("location", "位置，写到路口或路段"),
    ("purpose", "主要监控的违法行为"),
];

/// The table and key a byte offset of TOML text belongs to: the last `[[table]]` or `[table]`
/// header before it and the last `key =` line at or before it (a list may run over lines).
pub fn field_at(toml: &str, offset: usize) -> (Option<&str>, Option<&str>) {
    let mut table = None;
    let mut key = None;
    let mut pos = 0;
    for line in toml.split_inclusive('\n') {
        if pos > offset {
            break;
        }
        pos += line.len();
        let t = line.trim();
        if t.starts_with('#') || t.is_empty() {
            continue;
        }
        if let Some(h) = t.strip_prefix('[') {
            let name = h.trim_start_matches('[');
            let end = name.find(']').unwrap_or(name.len());
            table = Some(name[..end].trim());
            key = None;
            continue;
        }
        let k_len = t
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(t.len());
        if k_len > 0 && t[k_len..].trim_start().starts_with('=') {
            key = Some(&t[..k_len]);
        }
    }
    (table, key)
}

/// The comment a template gives `key` in `table` (top level when `None`), or a shared hint.
pub fn hint(template: &str, table: Option<&str>, key: &str) -> Option<String> {
    let front = template
        .strip_prefix("+++\n")
        .and_then(|t| t.split("\n+++").next())
        .unwrap_or(template);
    let mut current: Option<&str> = None;
    // A table repeated in the template (two [[hotlines]]) has the key more than once: the
    // commented line with the placeholder says most.
    let mut best: Option<(bool, String)> = None;
    for line in front.lines() {
        let t = line.trim();
        if let Some(h) = t.strip_prefix("[[").or(t.strip_prefix('[')) {
            let end = h.find(']').unwrap_or(h.len());
            current = Some(h[..end].trim());
            continue;
        }
        if current != table {
            continue;
        }
        let body = t.strip_prefix('#').map_or(t, str::trim_start);
        let Some(rest) = body.strip_prefix(key) else {
            continue;
        };
        let Some(value) = rest.trim_start().strip_prefix('=') else {
            continue;
        };
        if let Some(i) = value.find('#') {
            let comment = value[i + 1..].trim();
            let placeholder = value[..i].contains(crate::content::scaffold::PLACEHOLDER);
            if !comment.is_empty() && best.as_ref().is_none_or(|(p, _)| placeholder && !p) {
                best = Some((placeholder, comment.to_string()));
            }
        }
    }
    if let Some((_, comment)) = best {
        return Some(comment);
    }
    SHARED
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, h)| h.to_string())
}

/// What the template's body asks for: its placeholder line without `待填写：`.
pub fn body_hint(template: &str) -> Option<String> {
    let body = template.splitn(3, "+++\n").nth(2)?;
    let line = body
        .lines()
        .find(|l| l.contains(crate::content::scaffold::PLACEHOLDER))?;
    let text = line
        .replace(crate::content::scaffold::PLACEHOLDER, "")
        .trim_start_matches(['：', ':'])
        .trim()
        .to_string();
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: &str = "+++\nid = \"{id}\"   # 编号\ntitle = \"待填写\"   # 风险点名称\n# text = \"\"   # 原文\n\n[[basis]]   # 依据\nlaw = \"待填写\"\n\n[[grades]]\nfine_min = 0   # 罚款下限\n+++\n待填写：违法事实\n";

    #[test]
    fn hints_come_from_the_template_line_of_the_key() {
        assert_eq!(hint(T, None, "title").as_deref(), Some("风险点名称"));
        assert_eq!(hint(T, None, "text").as_deref(), Some("原文"));
        assert_eq!(
            hint(T, Some("grades"), "fine_min").as_deref(),
            Some("罚款下限")
        );
        assert!(
            hint(T, Some("basis"), "law")
                .unwrap()
                .contains("不加书名号")
        );
        assert_eq!(hint(T, None, "fine_min"), None);
        assert_eq!(body_hint(T).as_deref(), Some("违法事实"));
    }

    #[test]
    fn field_at_follows_tables_and_multi_line_lists() {
        let toml = "title = \"a\"\nmeasures = [\n  \"待填写\",\n]\n\n[[basis]]\nlaw = \"待填写\"\n";
        let at = |s: &str| field_at(toml, toml.find(s).unwrap());
        assert_eq!(at("\"待填写\","), (None, Some("measures")));
        assert_eq!(at("law"), (Some("basis"), Some("law")));
        assert_eq!(at("title"), (None, Some("title")));
    }
}
