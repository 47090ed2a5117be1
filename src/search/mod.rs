//! Full-text search: what is indexed ([`documents`]), how Chinese text is analysed
//! ([`analysis`]), forgiving typos and pinyin ([`correct`]), writing the index ([`index`]), answering queries ([`engine`]), and the same documents for
//! another engine ([`export`]).

pub mod analysis;
pub mod correct;
pub mod documents;
pub mod engine;
pub mod export;
pub mod index;
pub mod query;
