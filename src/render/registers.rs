//! 事项清单 kept as tables (音像记录事项清单, 重大执法决定法制审核目录): one page each, at its
//! own place when it has one, with its notes, its table and its text.

use maud::html;

use super::layout::{self, PageSpec};
use super::{Ctx, Pages, RenderedPage};
use crate::content::Item;
use crate::content::kinds::*;
use crate::routes;

impl Pages for Register {
    /// Each register is a list of its own; the agency pages, the home page and the site map
    /// link them.
    fn list(_: &Ctx<'_>) -> Vec<RenderedPage> {
        Vec::new()
    }
    fn detail(ctx: &Ctx<'_>, item: &Item<Self>) -> Option<RenderedPage> {
        Some(detail(ctx, item))
    }
}

/// Its public name: the place's title when it has one, else its own title.
pub fn name(r: &Register) -> &str {
    routes::register_place(r.id.as_str()).map_or(r.title.as_str(), |p| p.title)
}

fn detail(ctx: &Ctx<'_>, item: &Item<Register>) -> RenderedPage {
    let m = &item.meta;
    let mut rows = vec![(
        "制定机关",
        html! { a href=(routes::agency(m.agency.as_str())) { (ctx.agency_name(&m.agency)) } },
    )];
    rows.extend(layout::item_dates(m.effective, m.updated, m.status));
    let body = html! {
        (layout::fields(rows))
        @for n in &m.notes {
            p { strong { (n.label) "：" } (n.text) }
        }
        p { "共 " (m.rows.len()) " 项。" }
        table.list {
            caption.visually-hidden { (name(m)) }
            thead { tr { @for c in &m.columns { th scope="col" { (c.label) } } } }
            tbody {
                @for row in &m.rows {
                    tr {
                        @for c in &m.columns {
                            td data-label=(c.label) {
                                @match row.get(&c.key) {
                                    Some(Cell::List(items)) => { ul { @for x in items { li { (x) } } } }
                                    Some(cell) => { (cell.text()) }
                                    None => { "—" }
                                }
                            }
                        }
                    }
                }
            }
        }
        (layout::prose(&item.body))
        (layout::history(ctx.history.of(&item.source)))
    };
    let markup = layout::page(
        ctx,
        PageSpec {
            title: name(m),
            section: Some(&routes::AGENCIES),
            crumbs: vec![routes::AGENCIES.crumb()],
            lead: Some(m.title.clone()),
            body,
        },
    );
    RenderedPage::at(&m.address(), markup)
}
