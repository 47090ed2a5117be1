//! Legal citations as tables write them — `《中华人民共和国城乡规划法》第六十四条第一款第（二）项`,
//! `依据《城市市容和环境卫生管理条例》第十四条、第三十六条`, several in one cell — into the
//! `law` and `article` of `[[basis]]`-style entries, the way the content writes them: the law
//! without 《》 and without a leading 中华人民共和国, the article as written.

use super::cells::{Bad, bad};

/// One citation: the law's name and the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub law: String,
    pub article: String,
}

const HINT: &str = "写成《法律法规名称》第X条（可以写到款、项），多个依据用“；”隔开";

/// Every citation in a cell. Text after an article (the provision quoted) is not kept: an
/// excerpt is published only when checked word for word (`text`, written by hand); `quoted`
/// says whether there was any.
pub fn parse(cell: &str) -> Result<(Vec<Citation>, bool), Bad> {
    let mut out = Vec::new();
    let mut quoted = false;
    let mut rest = cell.trim();
    if !rest.contains('《') {
        return Err(bad(
            format!("没有找到《》括起的法律法规名称：“{}”", short(cell)),
            HINT,
        ));
    }
    while let Some(open) = rest.find('《') {
        let after = &rest[open + '《'.len_utf8()..];
        let close = after
            .find('》')
            .ok_or_else(|| bad(format!("书名号没有闭合：“{}”", short(cell)), HINT))?;
        let law = law_name(&after[..close]);
        let tail = &after[close + '》'.len_utf8()..];
        let next = tail.find('《').unwrap_or(tail.len());
        let (articles, extra) = articles(&tail[..next]);
        if articles.is_empty() {
            return Err(bad(
                format!("《{law}》后面没有写条款"),
                "在书名号后写条款，如《城市市容和环境卫生管理条例》第三十六条",
            ));
        }
        quoted |= extra;
        out.extend(articles.into_iter().map(|article| Citation {
            law: law.clone(),
            article,
        }));
        rest = &tail[next..];
    }
    Ok((out, quoted))
}

fn short(s: &str) -> String {
    let t: String = s.trim().chars().take(30).collect();
    if s.trim().chars().count() > 30 {
        format!("{t}…")
    } else {
        t
    }
}

/// The law as the content names it: no 中华人民共和国, no revision note (（2021年修订）).
fn law_name(raw: &str) -> String {
    let mut law: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(s) = law.strip_prefix("中华人民共和国") {
        law = s.to_string();
    }
    if let Some(open) = law.rfind(['（', '(']) {
        let note = &law[open..];
        if note.ends_with(['）', ')'])
            && (note.contains("修订") || note.contains("修正") || note.contains('年'))
        {
            law.truncate(open);
        }
    }
    law
}

const NUM: &str = "零〇一二三四五六七八九十百千两0123456789";

/// The articles after one law: `第十四条、第三十六条第（二）项` → two. A part that names only a
/// paragraph or item (`第二款`) belongs to the article before it. Returns whether other text
/// (a quoted provision) followed.
fn articles(s: &str) -> (Vec<String>, bool) {
    let chars: Vec<char> = s.chars().collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    let mut extra = false;
    while i < chars.len() {
        if chars[i] != '第' {
            if !is_joiner(chars[i]) {
                extra = true;
                // A quoted provision runs to the next law; its own 第X条 are not citations.
                break;
            }
            i += 1;
            continue;
        }
        let (part, len) = reference(&chars[i..]);
        if len == 0 {
            extra = true;
            break;
        }
        match (part.contains('条'), out.last_mut()) {
            (false, Some(last)) => {
                // 第三十三条第一款、第二款 → 第三十三条第二款
                let article = last.split_inclusive('条').next().unwrap_or("").to_string();
                out.push(format!("{article}{part}"));
            }
            _ => out.push(part),
        }
        i += len;
    }
    (out, extra)
}

fn is_joiner(c: char) -> bool {
    c.is_whitespace() || "、，,；;和及与或以及。:：".contains(c)
}

/// `第…条[之…][第…款][第（…）项]` at the start of `c`, with its length in characters.
fn reference(c: &[char]) -> (String, usize) {
    let mut i = 0;
    let mut last_ok = 0;
    while i < c.len() && c[i] == '第' {
        let mut j = i + 1;
        let paren = matches!(c.get(j), Some('（' | '('));
        if paren {
            j += 1;
        }
        let digits = c[j..].iter().take_while(|d| NUM.contains(**d)).count();
        if digits == 0 {
            break;
        }
        j += digits;
        if paren {
            if !matches!(c.get(j), Some('）' | ')')) {
                break;
            }
            j += 1;
        }
        if !matches!(c.get(j), Some('条' | '款' | '项' | '目')) {
            break;
        }
        j += 1;
        // 第二十一条之一
        if c[j - 1] == '条' && c.get(j) == Some(&'之') {
            let n = c[j + 1..].iter().take_while(|d| NUM.contains(**d)).count();
            if n > 0 {
                j += 1 + n;
            }
        }
        i = j;
        last_ok = j;
    }
    (c[..last_ok].iter().collect(), last_ok)
}

/// Citations back into one cell: what `gongshi export` writes (`《law》article；…`).
pub fn cell(list: &[(String, String)]) -> String {
    list.iter()
        .map(|(law, article)| format!("《{law}》{article}"))
        .collect::<Vec<_>>()
        .join("；")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cites(s: &str) -> Vec<(String, String)> {
        parse(s)
            .unwrap()
            .0
            .into_iter()
            .map(|c| (c.law, c.article))
            .collect()
    }

    fn c(law: &str, article: &str) -> (String, String) {
        (law.into(), article.into())
    }

    #[test]
    fn citations_as_agencies_write_them() {
        assert_eq!(
            cites("《中华人民共和国城乡规划法》第六十四条第一款第（二）项"),
            [c("城乡规划法", "第六十四条第一款第（二）项")]
        );
        assert_eq!(
            cites("《城市市容和环境卫生管理条例》第三十六条"),
            [c("城市市容和环境卫生管理条例", "第三十六条")]
        );
        assert_eq!(
            cites(
                "依据《城市市容和环境卫生管理条例》第十四条、第三十六条第（二）项；《中华人民共和国行政处罚法》第三十三条第一款、第二款"
            ),
            [
                c("城市市容和环境卫生管理条例", "第十四条"),
                c("城市市容和环境卫生管理条例", "第三十六条第（二）项"),
                c("行政处罚法", "第三十三条第一款"),
                c("行政处罚法", "第三十三条第二款"),
            ]
        );
        assert_eq!(
            cites("《中华人民共和国行政处罚法（2021年修订）》第33条"),
            [c("行政处罚法", "第33条")]
        );
        let (list, quoted) =
            parse("《城市市容和环境卫生管理条例》第三十六条 有下列行为之一者，依照第十条处理")
                .unwrap();
        assert_eq!(list.len(), 1);
        assert!(quoted);
    }

    #[test]
    fn cells_without_a_law_or_an_article_are_refused() {
        assert!(parse("城乡规划法第六十四条").is_err());
        assert!(parse("《城乡规划法》").is_err());
        assert!(parse("《城乡规划法第六十四条").is_err());
    }

    #[test]
    fn the_exported_cell_reads_back() {
        let list = vec![
            c("行政处罚法", "第三十三条第一款"),
            c("城市绿化条例", "第二十七条"),
        ];
        assert_eq!(cites(&cell(&list)), list);
    }
}
