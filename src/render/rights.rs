//! What a party can do about a decision, on its page: 不服本决定怎么办 (复议 and 诉讼 with their
//! last days), 信用修复 (the publication class and period, when repair may be asked for), and
//! the 我的罚单 link prefilled with the decision.

use maud::{Markup, html};

use super::Ctx;
use super::layout;
use crate::content::kinds::*;
use crate::content::model::*;
use crate::legal_time::remedies::{self, LastDay};
use crate::routes;

/// The 我的罚单 page filled in with this decision (decision date, procedure, fine, party,
/// agency), or the empty form for a decision older than the tool counts.
pub(super) fn ticket_link(ctx: &Ctx<'_>, m: &Decision) -> String {
    use crate::content::statutes::Party;
    if m.decided.0 < crate::legal_time::ticket::EARLIEST {
        return routes::TICKET.path.to_string();
    }
    let fines: u64 = m.fines().sum();
    let form = crate::legal_time::ticket::Form {
        anchor: crate::legal_time::ticket::Anchor::Decided.value().into(),
        date: m.decided.iso(),
        procedure: match m.procedure {
            Procedure::Simple => "simple".into(),
            Procedure::Ordinary => "ordinary".into(),
        },
        amount: if fines > 0 {
            fines.to_string()
        } else {
            String::new()
        },
        party: match m.party(ctx.lib.site.individual_business_as) {
            Party::Unit => "unit".into(),
            _ => "individual".into(),
        },
        agency: m.agency.to_string(),
    };
    routes::ticket_for(&super::ticket::query(&form))
}

/// 信用修复: the decision's publication class and period, the first day the party may ask for
/// repair, and how (信用中国). Completed repair takes the page down ([`Decision::repair`]).
pub(super) fn credit_box(ctx: &Ctx<'_>, m: &Decision) -> Markup {
    let p = crate::legal_time::publication::period(m, &ctx.lib.site);
    let from_label = ctx.lib.site.publication.period_from.label();
    let last_public = p.ends.pred_opt().unwrap_or(p.ends);
    html! {
        aside.credit-repair aria-labelledby="credit-repair-title" {
            h2 #credit-repair-title { "公示期限与信用修复" }
            (layout::fields(vec![
                ("公示类别", html! { (p.class.label()) "（" (p.class.credit_category()) "）" }),
                ("公示期限", html! { "最短 " (p.min_months) " 个月，最长 " (p.max_months) " 个月，自" (from_label) "起算" }),
                ("最迟公示到", layout::date(Date(last_public))),
                ("可以申请信用修复", html! {
                    (layout::date(Date(p.repair_from))) " 起"
                    @if p.min_months == 0 { "（履行完处罚决定后即可申请）" }
                    @else { "（最短公示期满，且已履行处罚决定）" }
                }),
            ]))
            (super::ticket::repair_how())
        }
    }
}

/// 救济途径 with dates counted from the decision date, as a worked example for the party
/// ([`remedies::remedy_dates`]). When the last day falls in a year whose holiday schedule is
/// not yet on file, the page gives the day the period ends by the count alone and says that a
/// holiday would move it, rather than guessing which days will be off; `check` reports the
/// missing year (CAL003).
pub(super) fn remedies_box(
    m: &Decision,
    government: &str,
    dates: remedies::RemedyDates,
    ticket: &str,
) -> Markup {
    let known = m.decided.0;
    let review_by = worked(dates.review_by, remedies::review_last_day(known));
    let suit_by = worked(dates.suit_by, remedies::suit_last_day(known));
    html! {
        aside.remedies aria-labelledby="remedies-title" {
            h2 #remedies-title { "不服本决定怎么办" }
            ul {
                li {
                    strong { "申请行政复议：" }
                    "自知道该决定之日起 60 日内，向" (government) "申请（行政复议法第二十条、第二十四条）。"
                    (review_by)
                }
                @if m.procedure == Procedure::Simple {
                    li { strong { "先复议、后诉讼：" } "本决定为当场作出的行政处罚（简易程序），应当先申请行政复议；对复议决定不服的，可在收到复议决定书之日起 15 日内提起行政诉讼（行政复议法第二十三条，行政诉讼法第四十五条）。" }
                } @else {
                    li {
                        strong { "提起行政诉讼：" }
                        "自知道该决定之日起 6 个月内，向有管辖权的人民法院起诉（行政诉讼法第四十六条）。"
                        (suit_by)
                        "已申请复议的，对复议决定不服，在收到复议决定书之日起 15 日内起诉（行政诉讼法第四十五条）。"
                    }
                }
                li { "申请复议或者起诉期间，处罚决定原则上不停止执行（行政处罚法第七十三条）。确有经济困难的，可以申请暂缓或者分期缴纳罚款。" }
            }
            p.note { "期限的最后一日是法定节假日的，顺延至节假日后的第一个工作日。详见" (layout::link(&routes::REMEDIES)) "。" }
            p.ticket-link { a href=(ticket) { "算一算我的期限" } "：按您收到决定书的日期，算出缴纳罚款、加处罚款、复议和诉讼的最后一天。" }
        }
    }
}

/// The worked last day of one remedy: the rolled date when the calendar knows the year, else
/// the count's own last day with the holiday caveat ([`layout::last_day`]), else nothing.
fn worked(last: LastDay, nominal: Option<chrono::NaiveDate>) -> Markup {
    let day = layout::last_day(last, nominal);
    if day.0.is_empty() {
        return day;
    }
    html! { "如在决定当日收到决定书，" (day) "。" }
}
