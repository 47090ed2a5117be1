//! Full-text search: what is indexed ([`documents`]), how Chinese text is analysed
//! ([`analysis`]), forgiving typos and pinyin ([`correct`]), writing the index ([`index`]), and answering queries ([`engine`]).

pub mod analysis;
pub mod correct;
pub mod documents;
pub mod engine;
pub mod index;
pub mod query;
