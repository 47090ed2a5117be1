//! The one page layout (header, navigation, sample-data notice, footer) and the small
//! components every page kind shares: badges, legal citations, link lists, field lists.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::Ctx;
use crate::content::markdown::Markdown;
use crate::content::model::*;
use crate::routes::{self, Place};

/// A page: title, where it sits, breadcrumbs (label, address), and its main content.
pub struct PageSpec<'a> {
    pub title: &'a str,
    /// The navigation entry the page belongs under (`aria-current`), if any.
    pub section: Option<&'static Place>,
    pub crumbs: Vec<(String, String)>,
    /// One sentence under the title saying what the page is for.
    pub lead: Option<String>,
    pub body: Markup,
}

pub fn page(ctx: &Ctx<'_>, spec: PageSpec<'_>) -> Markup {
    page_with_feeds(ctx, spec, &[])
}

/// A feed that follows what a page shows: announced in the head (`rel="alternate"`) and as a
/// visible 订阅 link under the content.
pub struct PageFeed {
    pub title: String,
    pub path: String,
}

/// [`page`] with the feeds that follow this page's content (the site-wide ones are on every
/// page).
pub fn page_with_feeds(ctx: &Ctx<'_>, spec: PageSpec<'_>, feeds: &[PageFeed]) -> Markup {
    let site = &ctx.lib.site;
    let full_title = if spec.section == Some(&routes::HOME) {
        site.name.clone()
    } else {
        format!("{} - {}", spec.title, site.short_name)
    };
    html! {
        (DOCTYPE)
        html lang="zh-CN" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (full_title) }
                @if let Some(lead) = &spec.lead { meta name="description" content=(lead); }
                link rel="stylesheet" href=(routes::STYLESHEET);
                // No icon file: an empty one stops every browser asking for /favicon.ico.
                link rel="icon" href="data:,";
                @for feed in feeds {
                    link rel="alternate" type="application/atom+xml" title=(feed.title) href=(feed.path);
                }
                @for feed in [&routes::FEED_DECISIONS, &routes::FEED_CHANGES] {
                    link rel="alternate" type="application/atom+xml" title=(feed.title) href=(feed.path);
                }
            }
            body {
                a.skip href="#main" { "跳到正文" }
                @if site.sample_data {
                    div.sample-notice role="note" {
                        strong { "示例数据" }
                        "：本站内容均为虚构，不是真实的执法信息。"
                    }
                }
                header.site-header {
                    div.wrap.header-row {
                        a.brand href=(routes::HOME.path) {
                            span.brand-name { (site.name) }
                            span.brand-sub { "行政执法公示与法律风险防控平台" }
                        }
                        // 长者模式: the server remembers the choice in a cookie and marks every
                        // page; CSS shows the link that applies.
                        a.mode-toggle.to-elder href=(routes::ELDER_ON) { "长者模式" span.wide-only { "（大字）" } }
                        a.mode-toggle.to-standard href=(routes::ELDER_OFF) { "标准字号" }
                    }
                    // One search box a page: the home page and the results page have their own.
                    @if spec.section != Some(&routes::HOME) && spec.section != Some(&routes::SEARCH_SHELL) {
                        div.wrap.header-search {
                            form.search-form action=(routes::SEARCH) method="get" role="search" {
                                label for="site-q" { "搜索" }
                                input #site-q type="search" name="q" placeholder="想做什么、遇到什么事" autocomplete="off";
                                button type="submit" { "搜索" }
                            }
                        }
                    }
                    nav.site-nav aria-label="主导航" {
                        ul.wrap {
                            @for place in routes::NAV {
                                li {
                                    @if spec.section == Some(place) {
                                        a href=(place.path) aria-current="page" { (place.nav) }
                                    } @else {
                                        a href=(place.path) { (place.nav) }
                                    }
                                }
                            }
                        }
                    }
                }
                main #main.wrap tabindex="-1" {
                    @if !spec.crumbs.is_empty() {
                        nav.crumbs aria-label="当前位置" {
                            ol {
                                li { a href=(routes::HOME.path) { (routes::HOME.title) } }
                                @for (label, href) in &spec.crumbs {
                                    li { a href=(href) { (label) } }
                                }
                                li aria-current="page" { (spec.title) }
                            }
                        }
                    }
                    h1 { (spec.title) }
                    @if let Some(lead) = &spec.lead { p.lead { (lead) } }
                    (spec.body)
                    @if !feeds.is_empty() {
                        p.subscribe {
                            "订阅本页更新："
                            @for (i, feed) in feeds.iter().enumerate() {
                                @if i > 0 { "、" }
                                a href=(feed.path) type="application/atom+xml" { (feed.title) "（Atom）" }
                            }
                            "。用阅读器订阅后，有新公开的决定或者清单调整时会收到通知。"
                        }
                    }
                }
                (feedback_form())
                (footer(ctx))
            }
        }
    }
}

/// "这个页面有帮助吗？" under every page's content: a vote and an optional sentence, posted
/// without JavaScript to [`routes::FEEDBACK`] with the page's own address (filled in when the
/// page is written, see [`super::THIS_PAGE`]).
fn feedback_form() -> Markup {
    html! {
        div.wrap {
            // Named by its legend, the form is a landmark of its own.
            form.feedback method="post" action=(routes::FEEDBACK) aria-labelledby="feedback-legend" {
                fieldset {
                    legend #feedback-legend { "这个页面有帮助吗？" }
                    input type="hidden" name="page" value=(super::THIS_PAGE);
                    div.feedback-vote {
                        input #feedback-yes type="radio" name="helpful" value="yes" required;
                        label for="feedback-yes" { "有" }
                        input #feedback-no type="radio" name="helpful" value="no";
                        label for="feedback-no" { "没有" }
                    }
                    label for="feedback-comment" { "想告诉我们什么？（选填，一句话）" }
                    input #feedback-comment type="text" name="comment" maxlength=(super::feedback::MAX_COMMENT_CHARS) autocomplete="off" aria-describedby="feedback-note";
                    p #feedback-note.muted { "请不要填写姓名、电话、身份证号等个人信息。需要咨询或投诉，请拨打页面下方的电话。" }
                    button type="submit" { "提交" }
                }
            }
        }
    }
}

fn footer(ctx: &Ctx<'_>) -> Markup {
    let site = &ctx.lib.site;
    html! {
        footer.site-footer {
            div.wrap {
                p { strong { (site.name) } }
                @if !site.hotlines.is_empty() {
                    ul.channels aria-label="咨询与投诉电话" {
                        @for h in &site.hotlines {
                            li { (h.name) "：" a href={ "tel:" (h.number) } { (h.number) } }
                        }
                    }
                }
                @for e in &site.emails {
                    p { "电子邮箱：" a href={ "mailto:" (e) } { (e) } }
                }
                @for a in &site.addresses {
                    p { "地址：" (a) }
                }
                nav.footer-links aria-label="页脚链接" {
                    ul {
                        @for p in &ctx.lib.pages {
                            li { a href=(routes::page(p.meta.id.as_str())) { (p.meta.title) } }
                        }
                        @if !ctx.lib.pages.iter().any(|p| p.meta.id.as_str() == routes::REMEDIES_PAGE_ID) {
                            li { (link(&routes::REMEDIES)) }
                        }
                        li { (link(&routes::STATISTICS)) }
                        li { (link(&routes::OPEN_DATA)) }
                        li { (link(&routes::SITE_MAP)) }
                        @if let Some(url) = &site.error_report_url {
                            li { a href=(url) { "我为政府网站找错" } }
                        }
                    }
                }
                @let ids = site.footer_ids();
                @if !ids.is_empty() {
                    ul.site-ids aria-label="网站信息" {
                        @for (label, value) in ids { li { (label) "：" (value) } }
                    }
                }
                @if site.sample_data {
                    p.sample-foot { "本站为示例站点，数据均为虚构。" }
                }
            }
        }
    }
}

/// A link to a place, named by its one public name.
pub fn link(place: &Place) -> Markup {
    html! { a href=(place.path) { (place.title) } }
}

/// Rendered markdown body; safe because raw HTML was dropped when it was parsed.
pub fn prose(body: &Markdown) -> Markup {
    html! {
        @if !body.html.trim().is_empty() {
            div.prose { (PreEscaped(&body.html)) }
        }
    }
}

pub fn item_status(status: ItemStatus) -> Markup {
    let class = match status {
        ItemStatus::Current => "badge status-current",
        ItemStatus::Amended => "badge status-amended",
        ItemStatus::Repealed => "badge status-repealed",
    };
    html! { span class=(class) { (status.label()) } }
}

pub fn level_badge(level: RiskLevel) -> Markup {
    let class = match level {
        RiskLevel::High => "badge level-high",
        RiskLevel::Medium => "badge level-medium",
        RiskLevel::Low => "badge level-low",
    };
    html! { span class=(class) { (level.label()) "风险" } }
}

pub fn decision_status(status: DecisionStatus) -> Markup {
    let class = if status.is_withdrawn() {
        "badge status-repealed"
    } else {
        "badge status-current"
    };
    html! { span class=(class) { (status.label()) } }
}

/// A list of legal citations with their excerpts.
pub fn legal_refs(refs: &[LegalRef]) -> Markup {
    html! {
        @if refs.is_empty() {
            p.muted { "（无）" }
        } @else {
            ul.legal {
                @for r in refs {
                    li {
                        span.cite { (r.cite()) }
                        @if let Some(t) = &r.text { blockquote { (t) } }
                    }
                }
            }
        }
    }
}

/// A definition list of (label, value) rows.
pub fn fields(rows: Vec<(&str, Markup)>) -> Markup {
    html! {
        dl.fields {
            @for (k, v) in rows {
                div { dt { (k) } dd { (v) } }
            }
        }
    }
}

/// A list of links, or a muted note when empty.
pub fn link_list(items: Vec<(String, String)>, empty: &str) -> Markup {
    html! {
        @if items.is_empty() {
            p.muted { (empty) }
        } @else {
            ul.links {
                @for (href, label) in items { li { a href=(href) { (label) } } }
            }
        }
    }
}

/// The dates and status every list item shows (动态调整).
pub fn item_dates(
    effective: Date,
    updated: Date,
    status: ItemStatus,
) -> Vec<(&'static str, Markup)> {
    vec![
        ("状态", item_status(status)),
        (
            "生效日期",
            html! { time datetime=(effective.iso()) { (effective.zh()) } },
        ),
        (
            "最近修改",
            html! { time datetime=(updated.iso()) { (updated.zh()) } },
        ),
    ]
}

/// 修改记录: the item's changes from git, newest first; nothing when there are none.
pub fn history(changes: &[crate::content::history::Change]) -> Markup {
    html! {
        @if !changes.is_empty() {
            section.history id="history" {
                h2 { "修改记录" }
                ol {
                    @for c in changes {
                        li {
                            time datetime=(c.date.format("%Y-%m-%d")) { (Date(c.date).zh()) }
                            "：" (c.summary)
                        }
                    }
                }
            }
        }
    }
}

pub fn date(d: Date) -> Markup {
    html! { time datetime=(d.iso()) { (d.zh()) } }
}

/// A period's last day as the public reads it: `最迟为 <date>` once rolled past days off, or,
/// in a year whose holiday schedule is not on file, the counted day with the caveat that a
/// holiday moves it (never a guess at which days will be off); nothing when neither is known.
/// Decision pages and the ticket tool both say it this way.
pub fn last_day(
    last: crate::legal_time::remedies::LastDay,
    counted: Option<chrono::NaiveDate>,
) -> Markup {
    use crate::legal_time::remedies::Unknown;
    match (last, counted) {
        (Ok(by), _) => html! { "最迟为 " (date(by)) },
        (Err(Unknown::MissingYear(year)), Some(end)) => html! {
            "期限届满日为 " (date(Date(end)))
            "（" (year) " 年节假日安排尚未公布；该日如为法定节假日，顺延至节假日后的第一个工作日）"
        },
        _ => html! {},
    }
}

pub use crate::content::model::yuan;

/// Table of contents for grouped lists: (anchor, label, count).
pub fn toc(groups: &[(String, String, usize)]) -> Markup {
    html! {
        @if !groups.is_empty() { nav.toc aria-label="本页目录" {
            ul {
                @for (anchor, label, count) in groups {
                    li { a href={ "#" (anchor) } { (label) } " " span.count { "(" (count) ")" } }
                }
            }
        } }
    }
}

/// How many items a list has, to start its first paragraph: `共 12 项。`, or for an empty
/// list (a site just set up) a plain `目前尚未公布风险点。` instead of a zero and an empty table.
pub fn total(n: usize, unit: &str, what: &str) -> Markup {
    html! {
        @if n == 0 { strong.empty { "目前尚未公布" (what) "。" } }
        @else { "共 " (n) (unit) "。" }
    }
}

/// A count after a link on the home page: `（12 项）`, or `（尚未公布）`.
pub fn count_note(n: usize) -> Markup {
    html! {
        @if n == 0 { "（尚未公布）" } @else { "（" (n) " 项）" }
    }
}

/// Anchor for a group heading; ids must be ASCII-safe but may be any stable string.
pub fn anchor(prefix: &str, n: usize) -> String {
    format!("{prefix}-{n}")
}
