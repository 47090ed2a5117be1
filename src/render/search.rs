//! The search results page: a shell rendered at build time in the site's one layout, and the
//! results fragment the server puts into it for each request (no JavaScript needed).

use maud::{Markup, PreEscaped, html};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

use super::layout::{self, PageSpec};
use super::{Ctx, RenderedPage};
use crate::routes;
use crate::search::documents::Answer;
use crate::search::engine::{Hit, NotFound, Response, Snippet};
use crate::search::query::MAX_QUERY_CHARS;

/// The server replaces what lies between these two markers in the shell with the results.
pub const MARKER_START: &str = "<!--gongshi:search-->";
pub const MARKER_END: &str = "<!--/gongshi:search-->";

/// The empty results page. Served as-is (no search service) it is a plain search form.
pub fn shell(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
    let markup = layout::page(
        ctx,
        PageSpec {
            title: routes::SEARCH_SHELL.title,
            section: Some(&routes::SEARCH_SHELL),
            crumbs: vec![],
            lead: None,
            body: html! { (PreEscaped(MARKER_START)) (form("")) (PreEscaped(MARKER_END)) },
        },
    );
    vec![RenderedPage::at(routes::SEARCH_SHELL.path, markup)]
}

/// Puts a results fragment into the shell in place of its default form, and names the query
/// in the title. Without a shell (site not built) the fragment alone is returned.
pub fn fill(shell: &str, query: &str, fragment: Markup) -> String {
    let Some((before, rest)) = shell.split_once(MARKER_START) else {
        return fragment.into_string();
    };
    let after = rest.split_once(MARKER_END).map_or("", |(_, after)| after);
    let before = if query.is_empty() {
        before.to_string()
    } else {
        let title = html! { (query) " - 搜索" }.into_string();
        before.replacen("<title>搜索", &format!("<title>{title}"), 1)
    };
    [before.as_str(), &fragment.0, after].concat()
}

fn form(q: &str) -> Markup {
    html! {
        form.search-page action=(routes::SEARCH) method="get" role="search" {
            label for="q" { "搜索内容" }
            div.row {
                input #q type="search" name="q" value=(q) maxlength=(MAX_QUERY_CHARS)
                    placeholder="如：门口摆摊、招牌、被罚款不服";
                button type="submit" { "搜索" }
            }
        }
    }
}

/// A request that could not be answered: the form again and what to change.
pub fn input_error(q: &str, message: &str) -> Markup {
    html! {
        (form(q))
        div.notice.error role="alert" {
            p { strong { "无法完成搜索：" } (message) }
            p { a href=(routes::SEARCH) { "重新搜索" } "，或浏览" (layout::link(&routes::RISKS)) "。" }
        }
    }
}

/// The results fragment for a response.
pub fn results(r: &Response) -> Markup {
    let offset = (r.page - 1) * r.per_page;
    html! {
        (form(&r.query))
        @if r.query.is_empty() && r.filters.is_empty() {
            (start(r))
        } @else {
            p.result-count role="status" {
                @if r.total == 0 { "没有找到结果" } @else { "找到 " strong { (r.total) } " 条结果" }
                @if r.pages > 1 { "，第 " (r.page) " / " (r.pages) " 页" }
                @if !r.facets.is_empty() && r.total > 0 { "　" a href="#facets" { "筛选结果" } }
            }
            @if !r.unmatched.is_empty() {
                p.unmatched {
                    "没有内容包含"
                    @for (i, w) in r.unmatched.iter().enumerate() {
                        @if i > 0 { "、" }
                        "“" (w) "”"
                    }
                    "，以下结果按其余词语查找。"
                }
            }
            @if let Some(a) = &r.answer { (answer(a)) }
            @if let Some(n) = &r.not_found { (not_found(n)) }
            @if !r.filters.is_empty() {
                p.active-filters {
                    "已筛选："
                    @for (dim, value) in &r.filters {
                        span.chip {
                            (label_of(r, dim, value))
                            " " a href=(href(r, &without(&r.filters, dim), 1)) aria-label={ "取消筛选" (label_of(r, dim, value)) } { "×" }
                        }
                        " "
                    }
                    a href=(href(r, &[], 1)) { "全部取消" }
                }
            }
            @if r.not_found.is_some() {
            } @else if r.total == 0 {
                (nothing_found(r))
            } @else if r.hits.is_empty() {
                p.notice { "没有第 " (r.page) " 页。" a href=(href(r, &r.filters, 1)) { "回到第 1 页" } }
            } @else {
                div.search-layout {
                    ol.results start=(offset + 1) {
                        @for hit in &r.hits { (hit_item(hit)) }
                    }
                    (facets(r))
                }
                (pagination(r))
                (expansions(r))
                p.subscribe {
                    a href=(feed_href(r)) type="application/atom+xml" { "订阅这个搜索（Atom）" }
                    "：有新内容符合这次搜索时，阅读器会收到。"
                }
            }
        }
    }
}

/// What lay words were searched as: shown under the results, where it explains the ranking
/// without pushing the first result down.
fn expansions(r: &Response) -> Markup {
    html! {
        @if !r.expansions.is_empty() {
            p.expansions {
                "同时查找了清单中的说法："
                @for (i, e) in r.expansions.iter().enumerate() {
                    @if i > 0 { "；" }
                    "“" (e.lay) "” → " (e.legal.join("、"))
                }
            }
        }
    }
}

/// The short answer above the results: a risk point's four lines, or who handles a matter
/// the agency does not.
pub fn answer(a: &Answer) -> Markup {
    match a {
        Answer::Risk {
            title, url, lines, ..
        } => html! {
            section.answer aria-labelledby="answer-title" {
                h2 #answer-title { "简要回答：" a href=(url) { (title) } }
                (answer_lines(lines))
                p.answer-more { a href=(url) { "看完整说明、法律依据和罚款标准" } }
            }
        },
        Answer::Referral {
            matter,
            department,
            contact,
            basis,
            boundary,
            url,
            ..
        } => html! {
            section.answer.referral aria-labelledby="answer-title" {
                h2 #answer-title { "这件事不归城管执法部门管" }
                dl.answer-lines {
                    div { dt { "什么事" } dd { (matter) } }
                    div { dt { "请找" } dd { strong { (department) } } }
                    div { dt { "怎么联系" } dd { (contact) } }
                    @if let Some(b) = basis { div { dt { "依据" } dd { (b) } } }
                }
                @if !boundary.is_empty() { p.answer-note { (boundary) } }
                p.answer-more { a href=(url) { "看全部不归城管管的事" } }
            }
        },
    }
}

/// The four answer lines of a risk point (also the top of its page).
pub fn answer_lines(lines: &[(String, String)]) -> Markup {
    html! {
        dl.answer-lines {
            @for (q, a) in lines {
                div { dt { (q) } dd { (a) } }
            }
        }
    }
}

/// A decision number no published decision has: say so, and why that can be.
fn not_found(n: &NotFound) -> Markup {
    let r = &n.rules;
    let m = &r.period_months;
    html! {
        section.notice.not-found aria-labelledby="not-found-title" {
            h2 #not-found-title { "本站没有文号为“" (n.number) "”的处罚决定" }
            p { "请先核对文号。文号没有写错的，可能是因为：" }
            ol {
                li {
                    strong { "还没到公开的时候。" }
                    "处罚决定在作出之日起 " (r.decision_deadline_days) " 个工作日内公开，刚作出的决定可能还没有公开。"
                }
                li {
                    strong { "公示期限已满，已经撤下。" }
                    "从" (r.period_from.label()) "起算，警告、通报批评公示 " (m.warning) " 个月，简易程序作出的处罚 " (m.simple) " 个月，其他处罚 " (m.ordinary) " 个月，较大数额罚款等情节严重的处罚 " (m.serious) " 个月。"
                }
                li {
                    strong { "决定已经撤回。" }
                    "决定被依法变更、撤销或者被确认违法、无效的，执法机关在 " (r.withdrawal_deadline_days) " 个工作日内撤下原决定。"
                }
            }
            p {
                "另外，"
                @if !r.publish_no_penalty { "不予处罚的决定只计入统计、不逐件公开；" }
                "涉及国家秘密、商业秘密、个人隐私的内容依法不公开。需要查证的，请向作出决定的执法机关咨询（电话见页面底部）。"
            }
            p { a href=(routes::DECISIONS.path) { "按年份、月份浏览已公开的处罚决定" } }
        }
    }
}

fn start(r: &Response) -> Markup {
    html! {
        p { "输入您遇到的事情或想了解的规定，用平常的说法就可以，例如“门口摆摊”“装修垃圾”“被罚款不服”。" }
        @if !r.suggestions.is_empty() {
            (suggestion_list("常见搜索", &r.suggestions))
        }
        (browse_lists())
    }
}

fn hit_item(hit: &Hit) -> Markup {
    html! {
        li.result {
            p.result-kind { span.badge { (hit.kind_label) } }
            h2 { a href=(hit.url) { (hit.title) } }
            @if !hit.summary.is_empty() { p.result-meta { (hit.summary) } }
            p.snippet { (snippet(&hit.snippet)) "……" }
        }
    }
}

/// Snippet text with the matched words in `<mark>`; everything else escaped.
pub fn snippet(s: &Snippet) -> Markup {
    // (text, highlighted) pieces; ranges that overlap or fall off a character are ignored.
    let mut pieces: Vec<(&str, bool)> = Vec::new();
    let mut at = 0;
    for r in &s.highlights {
        let valid = r.start >= at
            && r.start < r.end
            && r.end <= s.text.len()
            && s.text.is_char_boundary(r.start)
            && s.text.is_char_boundary(r.end);
        if valid {
            pieces.push((&s.text[at..r.start], false));
            pieces.push((&s.text[r.start..r.end], true));
            at = r.end;
        }
    }
    pieces.push((&s.text[at..], false));
    html! {
        @for (text, marked) in pieces {
            @if marked { mark { (text) } } @else { (text) }
        }
    }
}

fn facets(r: &Response) -> Markup {
    html! {
        @if !r.facets.is_empty() {
            aside #facets.facets aria-label="筛选结果" {
                h2 { "筛选结果" }
                @for group in &r.facets {
                    section {
                        h3 { (group.label) }
                        ul {
                            @for v in &group.values {
                                li {
                                    @if v.selected {
                                        a href=(href(r, &without(&r.filters, &group.dimension), 1)) aria-current="true" title="取消这个筛选" {
                                            (v.label) " (" (v.count) ") ✓"
                                        }
                                    } @else {
                                        a href=(href(r, &with(&r.filters, &group.dimension, &v.value), 1)) {
                                            (v.label) " (" (v.count) ")"
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn pagination(r: &Response) -> Markup {
    if r.pages <= 1 {
        return html! {};
    }
    let from = r.page.saturating_sub(2).max(1);
    let to = (from + 4).min(r.pages);
    html! {
        nav.pagination aria-label="分页" {
            ul {
                @if r.page > 1 { li { a href=(href(r, &r.filters, r.page - 1)) rel="prev" { "上一页" } } }
                @for p in from..=to {
                    li {
                        @if p == r.page { span aria-current="page" { (p) } }
                        @else { a href=(href(r, &r.filters, p)) { (p) } }
                    }
                }
                @if r.page < r.pages { li { a href=(href(r, &r.filters, r.page + 1)) rel="next" { "下一页" } } }
            }
        }
    }
}

fn nothing_found(r: &Response) -> Markup {
    html! {
        div.no-results {
            p { "没有找到与“" (r.query) "”相关的内容。可以这样试试：" }
            ul {
                li { "换一种说法，或者只输入关键的一两个词，例如“招牌”而不是“我家店的招牌能不能挂”；" }
                li { "检查有没有错别字；" }
                @if !r.filters.is_empty() { li { a href=(href(r, &[], 1)) { "取消筛选条件" } "后再搜索；" } }
                li { "直接浏览下面的清单。" }
            }
            @if !r.suggestions.is_empty() { (suggestion_list("您可以试试", &r.suggestions)) }
            (browse_lists())
            p { "仍然找不到，可以拨打页面底部的咨询电话，工作人员会为您解答。" }
        }
    }
}

fn suggestion_list(title: &str, words: &[String]) -> Markup {
    html! {
        h2 { (title) }
        ul.suggestions {
            @for w in words { li { a href=(routes::search_for(&encode(w))) { (w) } } }
        }
    }
}

fn browse_lists() -> Markup {
    html! {
        h2 { "浏览清单" }
        ul.links {
            li { (layout::link(&routes::RISKS)) "：哪些做法会违法，怎样做才合规" }
            li { (layout::link(&routes::EXEMPTIONS)) "：首次轻微违法能否不罚" }
            li { (layout::link(&routes::BENCHMARKS)) "：罚多少" }
            li { (layout::link(&routes::DECISIONS)) }
            li { (layout::link(&routes::REMEDIES)) "：对处罚不服怎么办" }
            li { (layout::link(&routes::REPORT)) "、" (layout::link(&routes::COMPLAIN)) }
            li { (layout::link(&routes::REFERRALS)) }
        }
    }
}

fn label_of(r: &Response, dim: &str, value: &str) -> String {
    let group = r.facets.iter().find(|g| g.dimension == dim);
    let dim_label = crate::search::engine::dimension_label(dim);
    let value_label = group
        .and_then(|g| g.values.iter().find(|v| v.value == value))
        .map_or(value, |v| v.label.as_str());
    format!("{dim_label}：{value_label}")
}

fn with(filters: &[(String, String)], dim: &str, value: &str) -> Vec<(String, String)> {
    let mut out = without(filters, dim);
    out.push((dim.to_string(), value.to_string()));
    out
}

fn without(filters: &[(String, String)], dim: &str) -> Vec<(String, String)> {
    filters.iter().filter(|(d, _)| d != dim).cloned().collect()
}

fn encode(s: &str) -> String {
    utf8_percent_encode(s, NON_ALPHANUMERIC).to_string()
}

/// The search feed of this query and its filters.
fn feed_href(r: &Response) -> String {
    let results = href(r, &r.filters, 1);
    let query = results.split_once('?').map_or("", |(_, q)| q);
    format!("{}?{query}", routes::SEARCH_FEED)
}

/// The address of the results for this query with other filters and page.
fn href(r: &Response, filters: &[(String, String)], page: usize) -> String {
    let mut url = routes::search_for(&encode(&r.query));
    for (d, v) in filters {
        url.push_str(&format!("&{d}={}", encode(v)));
    }
    if page > 1 {
        url.push_str(&format!("&page={page}"));
    }
    url
}
