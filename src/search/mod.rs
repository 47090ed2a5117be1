//! Full-text search: what is indexed ([`documents`]), how Chinese text is analysed
//! ([`analysis`]), forgiving typos and pinyin ([`correct`]), writing the index ([`index`]),
//! reading queries ([`query`]), answering them ([`engine`]), serving the newest index
//! ([`live`]), and the same documents for another engine ([`export`]). Nothing here knows HTTP
//! or a content kind.

pub mod analysis;
pub mod correct;
pub mod documents;
pub mod engine;
pub mod export;
pub mod index;
pub mod live;
pub mod query;
mod read_only;
