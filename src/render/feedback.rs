//! Page feedback's limits and the small pages the server answers a feedback post with (thanks,
//! or what went wrong). The form itself is in the layout, on every page.

use maud::{DOCTYPE, Markup, html};

use crate::routes;

/// Longest comment, in characters: the form's `maxlength`, and what the server keeps.
pub const MAX_COMMENT_CHARS: usize = 200;

/// A page of its own (the server has no site content to hand): the site's stylesheet, a title,
/// one message and a way back to `back`, a path on this site the server has checked.
pub fn notice(title: &str, message: &str, back: Option<&str>) -> Markup {
    html! {
        (DOCTYPE)
        html lang="zh-CN" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex";
                title { (title) }
                link rel="stylesheet" href=(routes::STYLESHEET);
                link rel="icon" href="data:,";
            }
            body {
                main #main.wrap {
                    h1 { (title) }
                    p.lead { (message) }
                    ul.links {
                        @if let Some(back) = back {
                            li { a href=(back) { "返回刚才的页面" } }
                        }
                        li { a href=(routes::HOME.path) { "返回" (routes::HOME.title) } }
                    }
                }
            }
        }
    }
}
