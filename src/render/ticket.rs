//! 我的罚单: the form page (built empty, with the data the server needs beside it), the
//! timeline fragment the server puts into it for a filled form, and the same timeline as an
//! iCalendar file. The dates come from [`crate::legal_time::ticket`]; this module only says them.

use maud::{Markup, PreEscaped, html};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};

use super::layout::{self, PageSpec};
use super::{Ctx, RenderedPage};
use crate::content::model::Date;
use crate::content::site::PeriodFrom;
use crate::content::statutes::Party;
use crate::legal_time::publication::Period;
use crate::legal_time::remedies::Unknown;
use crate::legal_time::ticket::{Anchor, Deadline, FieldError, Form, Rules, Timeline, fen_as_yuan};
use crate::routes;

/// The server replaces what lies between these markers in the built page.
pub const MARKER_START: &str = "<!--gongshi:ticket-->";
pub const MARKER_END: &str = "<!--/gongshi:ticket-->";

/// The empty form page, and the rules file the server reads to fill it in.
pub fn shell(ctx: &Ctx<'_>) -> Vec<RenderedPage> {
    let rules = Rules::of(ctx.lib, ctx.calendar);
    let body = html! {
        (PreEscaped(MARKER_START))
        (form(&Form::default(), &rules, &[]))
        (PreEscaped(MARKER_END))
        (about())
    };
    let markup = layout::page(
        ctx,
        PageSpec {
            title: routes::TICKET.title,
            section: Some(&routes::REMEDIES),
            crumbs: vec![routes::REMEDIES.crumb()],
            lead: Some(routes::TICKET.about.into()),
            body,
        },
    );
    let json = serde_json::to_string(&rules).unwrap_or_default();
    vec![
        RenderedPage::at(routes::TICKET.path, markup),
        RenderedPage {
            path: routes::file_of(routes::TICKET_RULES),
            html: json,
        },
    ]
}

/// Puts a fragment into the built page in place of its empty form. Without the markers (no
/// built page) the fragment alone is returned.
pub fn fill(shell: &str, fragment: Markup) -> String {
    let Some((before, rest)) = shell.split_once(MARKER_START) else {
        return fragment.into_string();
    };
    let after = rest.split_once(MARKER_END).map_or("", |(_, after)| after);
    [before, &fragment.0, after].concat()
}

/// The form again with what to correct.
pub fn invalid(form_values: &Form, rules: &Rules, errors: &[FieldError]) -> Markup {
    html! {
        div.notice.error role="alert" {
            p { strong { "无法计算，请改正下面的内容：" } }
            ul { @for e in errors { li { a href={ "#ticket-" (e.field) } { (e.message) } } } }
        }
        (form(form_values, rules, errors))
    }
}

/// The query string of a filled form, for the calendar link.
pub fn query(f: &Form) -> String {
    let enc = |s: &str| utf8_percent_encode(s, NON_ALPHANUMERIC).to_string();
    [
        ("anchor", &f.anchor),
        ("date", &f.date),
        ("procedure", &f.procedure),
        ("amount", &f.amount),
        ("party", &f.party),
        ("agency", &f.agency),
    ]
    .iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{k}={}", enc(v)))
    .collect::<Vec<_>>()
    .join("&")
}

fn form(f: &Form, rules: &Rules, errors: &[FieldError]) -> Markup {
    let error = |field: &str| errors.iter().find(|e| e.field == field);
    let anchor = if f.anchor.is_empty() {
        Anchor::Served.value()
    } else {
        f.anchor.as_str()
    };
    let field_error = |field: &str| {
        html! {
            @if let Some(e) = error(field) {
                p.field-error id={ "ticket-" (field) "-error" } { (e.message) }
            }
        }
    };
    let invalid = |field: &str| error(field).map(|_| "true");
    let described = |field: &str| error(field).map(|_| format!("ticket-{field}-error"));
    html! {
        form.ticket-form action=(routes::TICKET.path) method="get" {
            fieldset #ticket-anchor {
                legend { "您填写的日期是" }
                @for a in Anchor::ALL {
                    label.choice {
                        input type="radio" name="anchor" value=(a.value()) checked[anchor == a.value()];
                        " " (a.label())
                    }
                }
                (field_error("anchor"))
            }
            div.field {
                label for="ticket-date" { "日期" }
                // A date input only holds a valid date (the message quotes what was typed).
                input #ticket-date type="date" name="date" value=(valid_date(&f.date)) required
                    aria-invalid=[invalid("date")] aria-describedby=[described("date")];
                (field_error("date"))
            }
            div.field {
                label for="ticket-procedure" { "程序（决定书上写明；当场开具的是简易程序）" }
                select #ticket-procedure name="procedure" required
                    aria-invalid=[invalid("procedure")] aria-describedby=[described("procedure")] {
                    option value="" selected[f.procedure.is_empty()] { "请选择" }
                    option value="simple" selected[f.procedure == "simple"] { "简易程序（当场处罚）" }
                    option value="ordinary" selected[f.procedure == "ordinary"] { "普通程序" }
                }
                (field_error("procedure"))
            }
            div.field {
                label for="ticket-amount" { "罚款金额（元，整数；没有罚款的不填）" }
                input #ticket-amount type="text" inputmode="numeric" name="amount" value=(f.amount)
                    maxlength="12" autocomplete="off"
                    aria-invalid=[invalid("amount")] aria-describedby=[described("amount")];
                (field_error("amount"))
            }
            div.field {
                label for="ticket-party" { "当事人" }
                select #ticket-party name="party" aria-invalid=[invalid("party")] aria-describedby=[described("party")] {
                    option value="individual" selected[f.party != "unit"] { "个人（含个体工商户）" }
                    option value="unit" selected[f.party == "unit"] { "单位" }
                }
                (field_error("party"))
            }
            div.field {
                label for="ticket-agency" { "决定机关（可不选）" }
                select #ticket-agency name="agency" aria-invalid=[invalid("agency")] aria-describedby=[described("agency")] {
                    option value="" selected[f.agency.is_empty()] { "不选" }
                    @for a in &rules.agencies {
                        option value=(a.id) selected[f.agency == a.id] { (a.name) }
                    }
                }
                (field_error("agency"))
            }
            button type="submit" { "计算我的期限" }
            p.muted { "本页不保存、不记录您填写的任何内容。计算结果仅供参考，以作出决定的机关、复议机关和法院的认定为准。" }
        }
    }
}

fn valid_date(s: &str) -> &str {
    match chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        Ok(_) => s,
        Err(_) => "",
    }
}

/// What the page explains whether or not a form was filled.
fn about() -> Markup {
    html! {
        section.ticket-about {
            h2 { "怎样计算" }
            ul {
                li { "期间开始的当日不计入，从第二天开始计算。" }
                li { "“五日”“七日”这类短期间按工作日计算（行政处罚法第八十五条），周末和法定节假日不算；十五日、六十日、六个月按自然日、自然月计算，最后一天是周末或者法定节假日的，顺延到之后的第一个工作日。" }
                li { "复议、诉讼的期限从“知道或者应当知道”处罚决定之日起算；本工具以您填写的日期为准，实际知道的日期不同的，请按实际日期计算。" }
                li { "节假日按国务院办公厅每年公布的安排计算；某一年的安排尚未公布时，只给出按天数推算的日期，并提示遇节假日顺延。" }
            }
            p { "不服处罚怎么办，见" (layout::link(&routes::REMEDIES)) "。" }
        }
    }
}

/// One row of the timeline: what, when, on what basis.
fn row(what: &str, when: Markup, basis: &str, note: Markup) -> Markup {
    html! {
        tr {
            th scope="row" data-label="事项" { (what) }
            td data-label="日期" { (when) }
            td data-label="依据" { (basis) }
            td data-label="说明" { (note) }
        }
    }
}

fn deadline(d: &Deadline) -> Markup {
    match d.last {
        Err(Unknown::MissingYear(year)) if d.nominal.is_none() => html! {
            "无法推算（" (year) " 年节假日安排尚未公布，工作日无法计算）"
        },
        _ => layout::last_day(d.last, d.nominal),
    }
}

/// The timeline fragment: the dates, then the form again.
pub fn result(form_values: &Form, rules: &Rules, t: &Timeline) -> Markup {
    let i = &t.input;
    let ics = routes::ticket_ics_for(&query(form_values));
    // The dates first: on a phone the form would push them a screen down.
    html! {
        section.ticket-result aria-labelledby="ticket-result-title" {
            h2 #ticket-result-title { "您的期限" }
            p.ticket-summary {
                (i.anchor.label()) "：" (layout::date(Date(i.date))) "；" (i.procedure.label())
                @if let Some(a) = i.amount { "；罚款 " (crate::content::model::yuan(a)) }
                "；当事人：" (if i.party == Party::Unit { "单位" } else { "个人" })
                @if let Some(name) = &t.agency_name { "；决定机关：" (name) }
                "。"
            }
            table.list.timeline {
                caption.visually-hidden { "期限一览" }
                thead { tr { th scope="col" { "事项" } th scope="col" { "日期" } th scope="col" { "依据" } th scope="col" { "说明" } } }
                tbody {
                    @if let Some(h) = &t.hearing_by {
                        (row("陈述、申辩", html! { "告知书写明的期限内" }, "行政处罚法第四十四条、第四十五条",
                            html! { "这是作出处罚决定之前的权利：执法机关必须听取您的意见，不得因您陈述、申辩而给予更重的处罚。" }))
                        (row("要求听证", deadline(h), "行政处罚法第六十四条第（一）项、第八十五条",
                            html! { "告知书写明您有权要求听证的（较大数额罚款、责令停产停业等），在告知后五个工作日内提出。" }))
                    } @else {
                        (row("陈述、申辩和听证", html! { "已经结束" }, "行政处罚法第四十四条、第四十五条、第六十四条",
                            html! { "陈述、申辩和要求听证是在作出处罚决定之前（收到行政处罚事先告知书时）的权利；已经作出决定的，请看下面的复议和诉讼。" }))
                    }
                    @if let Some(p) = &t.pay_by {
                        (row("缴纳罚款", deadline(p), "行政处罚法第六十七条第三款",
                            html! { "自收到行政处罚决定书之日起十五日内，到指定的银行或者通过电子支付系统缴纳。确有经济困难的，可以在期限内申请暂缓或者分期缴纳（行政处罚法第六十六条第二款）。" }))
                    }
                    @if let Some(first) = t.late_fines.first() {
                        (row("开始加处罚款", layout::date(Date(first.date)), "行政处罚法第七十二条第一款第（一）项；行政强制法第四十五条第二款",
                            html! { "到期不缴纳的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额。明细见下表。" }))
                    }
                    @if let Some(r) = &t.review_by {
                        (row("申请行政复议", deadline(r), if t.review_first { "行政复议法第二十条、第二十三条、第二十四条" } else { "行政复议法第二十条、第二十四条" },
                            html! {
                                "自知道处罚决定之日起六十日内，向" strong { (t.government) } "申请。"
                                @if t.review_first { "当场作出的行政处罚决定，应当先申请行政复议，不能直接起诉；复议申请也可以交给作出处罚的机关转送。" }
                            }))
                    }
                    @if let Some(s) = &t.suit_by {
                        (row("提起行政诉讼", deadline(s), "行政诉讼法第四十六条",
                            html! { "不经复议直接起诉的，自知道处罚决定之日起六个月内向人民法院起诉；已申请复议的，收到复议决定书之日起十五日内起诉（行政诉讼法第四十五条）。" }))
                    } @else if t.review_by.is_some() {
                        (row("提起行政诉讼", html! { "收到复议决定书之日起十五日内" }, "行政复议法第二十三条；行政诉讼法第四十五条",
                            html! { "先复议、后诉讼：对复议决定不服的，再向人民法院起诉。" }))
                    }
                    @if let Some(p) = &t.period { (period_rows(p, rules, i.anchor)) }
                }
            }
            @if !t.late_fines.is_empty() { (late_fines(t)) }
            @if t.period.is_some() { (repair_how()) }
            p.ticket-actions {
                a href=(ics) download="ticket.ics" { "下载日历文件（.ics），把这些日期加入手机或电脑日历" }
                " · " a href=(routes::TICKET.path) { "重新计算" }
            }
            p.muted.print-hint { "要打印，请使用浏览器的“打印”功能，本页按A4纸排版。" }
            p.note { "申请复议或者起诉期间，处罚决定原则上不停止执行，但加处罚款的数额在复议、诉讼期间不予计算（行政处罚法第七十三条）。" }
        }
        h2.ticket-again { "改一改，重新计算" }
        (form(form_values, rules, &[]))
    }
}

/// The publication period and the first repair day. The period counts from the decision (or
/// publication) date, which the party may not have given: then the dates are an upper bound.
fn period_rows(p: &Period, rules: &Rules, anchor: Anchor) -> Markup {
    let from = rules.publication.period_from.label();
    let approximate =
        anchor != Anchor::Decided || rules.publication.period_from != PeriodFrom::Decided;
    html! {
        (row("处罚信息公示", html! { "至 " (layout::date(Date(p.ends.pred_opt().unwrap_or(p.ends)))) }, "本站公示期限设置；信用修复管理办法",
            html! {
                "本站按“" (p.class.label()) "”公示，属于" (p.class.credit_category()) "：最短 " (p.min_months) " 个月，最长 " (p.max_months) " 个月，从" (from) "起算。"
                @if approximate { "本表按您填写的日期推算，" (from) "与之不同的，以" (from) "为准。" }
            }))
        (row("可以申请信用修复", layout::date(Date(p.repair_from)), "信用修复管理办法",
            html! {
                @if p.min_months == 0 { "履行完处罚决定（如缴清罚款）后即可申请。" }
                @else { "最短公示期满，并已履行处罚决定、作出信用承诺后可以申请。" }
            }))
    }
}

fn late_fines(t: &Timeline) -> Markup {
    let fine_fen = t.input.amount.unwrap_or(0) * 100;
    html! {
        section.late-fines aria-labelledby="late-fines-title" {
            h3 #late-fines-title { "逾期不缴：加处罚款明细" }
            p { "罚款 " (crate::content::model::yuan(t.input.amount.unwrap_or(0))) "，每日加处 " (fen_as_yuan(fine_fen * 3 / 100)) " 元；加处罚款累计达到罚款数额后不再增加。" }
            table.list {
                caption.visually-hidden { "加处罚款明细" }
                thead { tr { th scope="col" { "逾期第几日" } th scope="col" { "日期" } th scope="col" { "累计加处罚款（元）" } th scope="col" { "连同罚款共计（元）" } } }
                tbody {
                    @for f in &t.late_fines {
                        tr {
                            td data-label="逾期第几日" { "第 " (f.day) " 日" }
                            td data-label="日期" { (layout::date(Date(f.date))) }
                            td data-label="累计加处罚款（元）" { (fen_as_yuan(f.total_fen)) @if f.capped { "（已达上限）" } }
                            td data-label="连同罚款共计（元）" { (fen_as_yuan(fine_fen + f.total_fen)) }
                        }
                    }
                }
            }
        }
    }
}

/// How and where credit repair is asked for: the same words on decision pages.
pub fn repair_how() -> Markup {
    html! {
        div.repair-how {
            p {
                "信用修复统一在“信用中国”网站（" a href=(routes::CREDIT_CHINA) { "www.creditchina.gov.cn" } "）申请，按“谁认定、谁修复”由作出处罚的机关办理。"
                "2026年4月1日起施行的《信用修复管理办法》（国家发展改革委令2025年第36号）取代了《失信行为纠正后的信用信息修复管理办法（试行）》（国家发展改革委令2023年第58号）。"
            }
            p {
                "按国家发展改革委公布的内容：轻微失信信息原则上不予公示；行业主管部门认为确有必要公示的，公示期最长不超过3个月，且法定责任履行完毕即可申请修复。一般失信信息的最短公示期为3个月，最长为1年。严重失信信息的最短公示期为1年，最长为3年。"
                "申请修复还要纠正失信行为、完全履行处罚决定规定的义务，并公开作出信用承诺。修复完成后，本站提前撤下该决定。"
            }
            p.muted { "哪些处罚属于轻微、一般、严重，以办法和行业主管部门的规定为准；本站的分类和期限见站点设置。" }
        }
    }
}

/// The timeline as an iCalendar file: one all-day event per date (RFC 5545: CRLF line ends,
/// lines folded at 75 octets, text escaped).
pub fn ics(t: &Timeline) -> String {
    let stamp = format!("{}T000000Z", t.input.date.format("%Y%m%d"));
    let mut events: Vec<(&str, chrono::NaiveDate, String)> = Vec::new();
    let mut push = |key, d: &Deadline, summary: &str, basis: &str| {
        if let Some(day) = d.day() {
            let caveat = match d.last {
                Err(Unknown::MissingYear(y)) => {
                    format!(
                        "（{y}年节假日安排尚未公布，该日如为法定节假日，顺延至节假日后的第一个工作日）"
                    )
                }
                _ => String::new(),
            };
            events.push((key, day, format!("{summary}{caveat}\n依据：{basis}")));
        }
    };
    if let Some(h) = &t.hearing_by {
        push(
            "hearing",
            h,
            "要求听证的最后一天",
            "行政处罚法第六十四条第（一）项、第八十五条",
        );
    }
    if let Some(p) = &t.pay_by {
        push("pay", p, "缴纳罚款的最后一天", "行政处罚法第六十七条第三款");
    }
    if let Some(r) = &t.review_by {
        push(
            "review",
            r,
            &format!("申请行政复议的最后一天（向{}申请）", t.government),
            "行政复议法第二十条",
        );
    }
    if let Some(s) = &t.suit_by {
        push("suit", s, "提起行政诉讼的最后一天", "行政诉讼法第四十六条");
    }
    if let Some(cap) = t.late_fines.iter().find(|f| f.capped) {
        events.push((
            "late-fine-cap",
            cap.date,
            format!(
                "逾期不缴：加处罚款累计达到罚款数额（{} 元）\n依据：行政处罚法第七十二条第一款第（一）项；行政强制法第四十五条第二款",
                fen_as_yuan(cap.total_fen)
            ),
        ));
    }
    if let Some(p) = &t.period {
        if p.repair_from > t.input.date {
            events.push((
                "repair",
                p.repair_from,
                "处罚信息最短公示期满，可以在“信用中国”网站申请信用修复\n依据：信用修复管理办法"
                    .into(),
            ));
        }
        events.push((
            "published-until",
            p.ends,
            "处罚信息公示期满，停止公示".into(),
        ));
    }
    let mut out = String::new();
    let mut line = |s: &str| fold_into(&mut out, s);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//gongshi//ticket//ZH");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    for (key, day, text) in &events {
        let (summary, description) = text.split_once('\n').unwrap_or((text.as_str(), ""));
        let next = day.succ_opt().unwrap_or(*day);
        line("BEGIN:VEVENT");
        line(&format!(
            "UID:{key}-{}-{stamp}@gongshi",
            day.format("%Y%m%d")
        ));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("DTSTART;VALUE=DATE:{}", day.format("%Y%m%d")));
        line(&format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
        line(&format!("SUMMARY:{}", escape(summary)));
        if !description.is_empty() {
            line(&format!("DESCRIPTION:{}", escape(description)));
        }
        line("TRANSP:TRANSPARENT");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// RFC 5545 §3.3.11 TEXT escaping.
fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

/// Appends one content line, folded (RFC 5545 §3.1): no line longer than 75 octets, a
/// continuation starts with a space, never inside a character; every line ends in CRLF.
fn fold_into(out: &mut String, line: &str) {
    let mut len = 0;
    for c in line.chars() {
        if len + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            len = 1;
        }
        out.push(c);
        len += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let mut out = String::new();
        let text = format!("SUMMARY:{}", "缴".repeat(40));
        fold_into(&mut out, &text);
        let lines: Vec<&str> = out.split("\r\n").collect();
        assert_eq!(lines.last(), Some(&""), "ends in CRLF");
        for l in &lines {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        assert!(lines[1].starts_with(' '));
        let unfolded: String = out.trim_end().replace("\r\n ", "");
        assert_eq!(unfolded, text);
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn procedure_values_round_trip_in_the_query() {
        let f = Form {
            date: "2026-09-16".into(),
            procedure: "ordinary".into(),
            agency: "shicheng".into(),
            ..Form::default()
        };
        assert_eq!(
            query(&f),
            "date=2026%2D09%2D16&procedure=ordinary&agency=shicheng"
        );
    }
}
