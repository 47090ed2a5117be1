//! What is searchable: every public item's [`SearchDoc`], as its kind declares it
//! ([`ContentKind::search_doc`]). Nothing here knows a kind.

pub use crate::content::kinds::search_doc::{DIMENSIONS, SearchDoc};
use crate::content::kinds::{ContentKind, with_kinds};
use crate::content::links::Links;

/// Every searchable document of the library `links` describes. Withdrawn decisions are left
/// out; the caller passes only records that are still inside their publication period.
pub fn documents(links: &Links<'_>) -> Vec<SearchDoc> {
    let mut docs = Vec::new();
    macro_rules! each {
        ($($variant:ident $field:ident $ty:ty),+ $(,)?) => {
            $(of_kind::<$ty>(links, &mut docs);)+
        };
    }
    with_kinds!(each);
    docs
}

fn of_kind<T: ContentKind>(links: &Links<'_>, docs: &mut Vec<SearchDoc>) {
    docs.extend(
        links
            .lib()
            .all::<T>()
            .iter()
            .filter(|i| i.meta.is_public())
            .map(T::search_doc),
    );
}
