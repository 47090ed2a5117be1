//! Full-text search: what is indexed ([`documents`]), how Chinese text is analysed
//! ([`analysis`], traditional characters folded by [`variants`], amounts in any spelling by
//! [`amounts`]), forgiving typos and pinyin
//! ([`correct`]), writing the index ([`index`]), reading queries ([`query`]) with what they
//! ask for ([`intent`]) and decision numbers ([`number`]), answering them ([`engine`], ranked
//! by [`rank`]), serving the newest index ([`live`]), and the same documents for another
//! engine ([`export`]). Nothing here knows HTTP or a content kind.

pub mod amounts;
pub mod analysis;
mod cache;
pub mod correct;
pub mod documents;
pub mod engine;
pub mod export;
pub mod facets;
pub mod index;
pub mod intent;
pub mod live;
pub mod number;
pub mod params;
pub mod query;
mod rank;
mod read_only;
pub mod response;
pub mod snippets;
pub mod variants;
