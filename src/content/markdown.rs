//! The one place pulldown-cmark is configured: markdown bodies become HTML for pages and
//! plain text for search, in one parse, and raw HTML or unsafe links become diagnostics.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::diagnostics::Code;

/// A rendered markdown body.
#[derive(Debug, Clone, Default)]
pub struct Markdown {
    /// Safe HTML: raw HTML is dropped and unsafe links are neutralised.
    pub html: String,
    /// Plain text, paragraphs separated by newlines, for search and summaries.
    pub text: String,
    /// The top-level sections whose heading has an anchor (`## 听证 {#hearing}`): each
    /// answers a question of its own, so search indexes it on its own.
    pub sections: Vec<Section>,
}

/// A top-level section of a body with its own anchor.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    /// The heading's `{#anchor}`.
    pub anchor: String,
    /// The heading's text.
    pub title: String,
    /// Plain text of the section, sub-headings included, up to the next top-level heading.
    pub text: String,
}

/// A problem in a body, positioned by byte offset within the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownIssue {
    pub offset: usize,
    pub code: Code,
    pub message: String,
    pub hint: String,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Schemes a link may use; anything else with a colon before the first slash is refused.
fn is_safe_url(url: &str) -> bool {
    let lowered: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match lowered.split_once(':') {
        None => true,
        Some((scheme, _))
            if scheme.contains('/') || scheme.contains('?') || scheme.contains('#') =>
        {
            true
        }
        Some((scheme, _)) => matches!(scheme, "http" | "https" | "mailto" | "tel"),
    }
}

/// Deepest nesting of lists and quotes a body may have: real content needs three or four
/// levels; hundreds are an attack on readers' browsers.
pub const MAX_NESTING: usize = 8;

/// Renders a markdown body. Headings are shifted down one level: pages own the `<h1>`.
pub fn render(body: &str) -> (Markdown, Vec<MarkdownIssue>) {
    let mut issues = Vec::new();
    let mut text = String::new();
    let mut events = Vec::new();
    let mut depth = 0usize;
    let mut sections: Vec<Section> = Vec::new();
    // The section being read, and whether its heading is being read.
    let mut section: Option<usize> = None;
    let mut in_title = false;
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        match &event {
            Event::Start(Tag::List(_) | Tag::BlockQuote(_)) => {
                depth += 1;
                if depth == MAX_NESTING + 1 {
                    issues.push(MarkdownIssue {
                        offset: range.start,
                        code: Code::DeepNesting,
                        message: format!("列表或引用嵌套超过 {MAX_NESTING} 层"),
                        hint: "把内容拆成几段或几个并列的列表；公示内容不需要这么多层".into(),
                    });
                }
            }
            Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_)) => depth = depth.saturating_sub(1),
            _ => {}
        }
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                issues.push(MarkdownIssue {
                    offset: range.start,
                    code: Code::RawHtml,
                    message: format!("正文中不允许使用 HTML 标签：`{}`", first_line(&html)),
                    hint: "请改用 Markdown 写法；换行可直接空一行，强调用 **文字**".into(),
                });
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if !is_safe_url(&dest_url) => {
                issues.push(unsafe_link(range.start, &dest_url));
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: CowStr::Borrowed("#"),
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) if !is_safe_url(&dest_url) => {
                issues.push(unsafe_link(range.start, &dest_url));
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: CowStr::Borrowed(""),
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                if level <= pulldown_cmark::HeadingLevel::H2 {
                    section = id.as_ref().map(|anchor| {
                        sections.push(Section {
                            anchor: anchor.to_string(),
                            ..Section::default()
                        });
                        sections.len() - 1
                    });
                    in_title = section.is_some();
                }
                let level = shift(level);
                events.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                push_break(&mut text);
                if let Some(s) = section.filter(|_| !in_title) {
                    push_break(&mut sections[s].text);
                }
                in_title = false;
                events.push(Event::End(TagEnd::Heading(shift(level))));
            }
            Event::Text(t) | Event::Code(t) => {
                text.push_str(&t);
                if let Some(s) = section {
                    let target = if in_title {
                        &mut sections[s].title
                    } else {
                        &mut sections[s].text
                    };
                    target.push_str(&t);
                }
                events.push(Event::Text(t));
            }
            Event::SoftBreak | Event::HardBreak => {
                events.push(event);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableRow) => {
                push_break(&mut text);
                if let Some(s) = section {
                    push_break(&mut sections[s].text);
                }
                events.push(event);
            }
            Event::End(TagEnd::TableCell) => {
                text.push(' ');
                if let Some(s) = section {
                    sections[s].text.push(' ');
                }
                events.push(event);
            }
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let text = text.trim().to_string();
    for s in &mut sections {
        s.title = s.title.trim().to_string();
        s.text = s.text.trim().to_string();
    }
    (
        Markdown {
            html,
            text,
            sections,
        },
        issues,
    )
}

fn unsafe_link(offset: usize, url: &str) -> MarkdownIssue {
    MarkdownIssue {
        offset,
        code: Code::UnsafeLink,
        message: format!("不允许的链接地址：`{}`", first_line(url)),
        hint: "链接只能以 https://、http://、mailto: 、tel: 开头，或是站内路径".into(),
    }
}

fn shift(level: pulldown_cmark::HeadingLevel) -> pulldown_cmark::HeadingLevel {
    use pulldown_cmark::HeadingLevel::*;
    match level {
        H1 => H2,
        H2 => H2,
        H3 => H3,
        H4 => H4,
        H5 => H5,
        H6 => H6,
    }
}

fn push_break(text: &mut String) {
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
}

fn first_line(s: &str) -> String {
    let line = s.lines().next().unwrap_or("").trim();
    line.chars().take(60).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_markdown_and_text() {
        let (md, issues) = render("# 标题\n\n第一段**强调**。\n\n- 甲\n- 乙\n");
        assert!(issues.is_empty());
        assert!(md.html.contains("<h2>标题</h2>"));
        assert!(md.html.contains("<strong>强调</strong>"));
        assert_eq!(md.text, "标题\n第一段强调。\n甲\n乙");
        assert!(md.sections.is_empty());
    }

    #[test]
    fn anchored_top_level_headings_are_sections() {
        let body = [
            "导语。",
            "## 听证 {#hearing}",
            "五个工作日内提出。",
            "### 费用",
            "不收费。",
            "## 没有锚点",
            "不属于任何一节。",
            "## 复议 {#review}",
            "六十日内。",
        ]
        .join("\n\n");
        let (md, _) = render(&body);
        assert_eq!(md.sections.len(), 2);
        assert_eq!(md.sections[0].anchor, "hearing");
        assert_eq!(md.sections[0].title, "听证");
        assert_eq!(md.sections[0].text, "五个工作日内提出。\n费用\n不收费。");
        assert_eq!(md.sections[1].anchor, "review");
        assert_eq!(md.sections[1].text, "六十日内。");
        assert!(
            md.html.contains(r#"<h2 id="hearing">听证</h2>"#),
            "{}",
            md.html
        );
    }

    #[test]
    fn raw_html_is_reported_and_dropped() {
        let body = "正文\n\n<script>alert(1)</script>\n\n行内<img src=x onerror=alert(1)>结束\n";
        let (md, issues) = render(body);
        assert!(!md.html.contains("<script"));
        assert!(!md.html.contains("<img"));
        assert_eq!(issues.len(), 2, "{issues:?}");
        assert!(issues.iter().all(|i| i.code == Code::RawHtml));
        assert_eq!(&body[issues[0].offset..issues[0].offset + 7], "<script");
        assert_eq!(&body[issues[1].offset..issues[1].offset + 4], "<img");
    }

    #[test]
    fn unsafe_links_are_neutralised() {
        let table = [
            ("[a](javascript:alert(1))", false),
            ("[a]( JaVaScRiPt:alert(1))", false),
            ("[a](JAVASCRIPT:alert(1))", false),
            ("[a](<javascript:alert(1)>)", false),
            ("[a](data:text/html,x)", false),
            ("[a](vbscript:x)", false),
            ("[a](https://example.gov.cn/)", true),
            ("[a](/risks/R-001-1/)", true),
            ("[a](mailto:x@example.gov.cn)", true),
            ("[a](tel:12345)", true),
            ("[a](../x?y=a:b)", true),
        ];
        for (input, safe) in table {
            let (md, issues) = render(input);
            assert_eq!(issues.is_empty(), safe, "{input}: {issues:?}");
            if !safe {
                assert!(md.html.contains("href=\"#\""), "{input}: {}", md.html);
            }
        }
    }
}
