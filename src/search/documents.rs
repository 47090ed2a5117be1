//! What is searchable: every public item's [`SearchDoc`] and its sections, as its kind
//! declares them ([`ContentKind::search_doc`], [`ContentKind::section_docs`]), every list
//! page, and every row of the referral table. Nothing here knows a kind.

pub use crate::content::kinds::search_doc::{Answer, DIMENSIONS, DocKind, SearchDoc};
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
    docs.extend(
        links
            .lib()
            .referrals
            .referral
            .iter()
            .map(|r| SearchDoc::referral(r, &crate::routes::REFERRALS)),
    );
    docs
}

fn of_kind<T: ContentKind>(links: &Links<'_>, docs: &mut Vec<SearchDoc>) {
    let items = links.lib().all::<T>();
    let public = items.iter().filter(|i| i.meta.is_public());
    if let Some(place) = T::LIST {
        docs.push(SearchDoc::list::<T>(place, public.clone().count()));
    }
    for item in public {
        docs.push(T::search_doc(item, links));
        docs.extend(T::section_docs(item, links));
    }
}
