//! Cross-references between content items, resolved to items: an id index per kind (which
//! `checks` uses to find dangling references and duplicates) and, for rendering, the reverse
//! links (which decisions cite this risk point, which risks use this power item …), all built
//! from each kind's [`ContentKind::references`] in linear time.
//!
//! [`Links`] is built once per library it describes: the published library after expired
//! records were taken down, so no page can link to a record that left.

use std::collections::HashMap;

use super::Item;
use super::Library;
use super::kinds::{ContentKind, Kind, Lookup, Ref, with_kinds};
use super::model::AgencyId;
use super::site::SiteSettings;

/// Id → position in its kind's items, per kind, plus the positions sharing an id.
#[derive(Debug, Default)]
pub struct IdIndex<'a> {
    by_kind: HashMap<Kind, HashMap<&'a str, u32>>,
    /// (kind, first, duplicate) positions sharing an id.
    pub duplicates: Vec<(Kind, usize, usize)>,
}

impl<'a> IdIndex<'a> {
    pub fn build(lib: &'a Library) -> Self {
        let mut index = IdIndex::default();
        macro_rules! each {
            ($($variant:ident $field:ident $ty:ty),+ $(,)?) => {
                $(index.add::<$ty>(&lib.$field);)+
            };
        }
        with_kinds!(each);
        index
    }

    fn add<T: ContentKind>(&mut self, items: &'a [Item<T>]) {
        let ids = self.by_kind.entry(T::KIND).or_default();
        for (i, item) in items.iter().enumerate() {
            match ids.get(item.meta.id()) {
                Some(&first) => self.duplicates.push((T::KIND, first as usize, i)),
                None => {
                    ids.insert(item.meta.id(), i as u32);
                }
            }
        }
    }

    /// The position of the item of `kind` with this id.
    pub fn position(&self, kind: Kind, id: &str) -> Option<usize> {
        self.by_kind.get(&kind)?.get(id).map(|&i| i as usize)
    }

    pub fn contains(&self, kind: Kind, id: &str) -> bool {
        self.position(kind, id).is_some()
    }

    /// The existing ids of `kind` nearest to `id` by edit distance, for a hint when `id` does
    /// not exist (R-001-2 for a mistyped R-001-3): at most two edits away and fewer than half
    /// of its characters; up to three equally near ones, in order.
    pub fn nearest(&self, kind: Kind, id: &str) -> Vec<&'a str> {
        match self.by_kind.get(&kind) {
            Some(ids) => nearest(ids.keys().copied(), id),
            None => Vec::new(),
        }
    }
}

/// See [`IdIndex::nearest`].
fn nearest<'s>(candidates: impl Iterator<Item = &'s str>, id: &str) -> Vec<&'s str> {
    let limit = 2.min((id.chars().count().saturating_sub(1)) / 2);
    let mut best: Vec<(usize, &str)> = candidates
        .map(|c| (strsim::levenshtein(c, id), c))
        .filter(|&(d, _)| d <= limit)
        .collect();
    best.sort_unstable();
    let min = best.first().map(|&(d, _)| d);
    best.into_iter()
        .take_while(|&(d, _)| Some(d) == min)
        .take(3)
        .map(|(_, c)| c)
        .collect()
}

/// Reverse links of one (source kind, target kind) pair: per target position, the positions
/// of the sources that name it, in order.
type Backlinks = Vec<Vec<u32>>;

/// The resolved cross-references of one library.
#[derive(Debug)]
pub struct Links<'a> {
    lib: &'a Library,
    ids: IdIndex<'a>,
    back: HashMap<(Kind, Kind), Backlinks>,
}

impl<'a> Links<'a> {
    pub fn build(lib: &'a Library) -> Self {
        let ids = IdIndex::build(lib);
        let mut back = HashMap::new();
        macro_rules! each {
            ($($variant:ident $field:ident $ty:ty),+ $(,)?) => {
                $(backlinks::<$ty>(lib, &ids, &mut back);)+
            };
        }
        with_kinds!(each);
        Links { lib, ids, back }
    }

    /// The library these links describe.
    pub fn lib(&self) -> &'a Library {
        self.lib
    }

    /// The item of kind `T` with this id.
    pub fn get<T: ContentKind>(&self, id: &str) -> Option<&'a Item<T>> {
        let i = self.ids.position(T::KIND, id)?;
        Some(&self.lib.all::<T>()[i])
    }

    /// The items a list of ids names, in its order; unknown ids are skipped (checks report
    /// them).
    pub fn resolve<'s, R: Ref>(
        &'s self,
        ids: &'s [R],
    ) -> impl Iterator<Item = &'a Item<R::Target>> + 's {
        ids.iter()
            .filter_map(|id| self.get::<R::Target>(id.as_ref()))
    }

    /// The items of kind `S` that refer to `target`, in `S`'s order.
    pub fn referrers<'s, S: ContentKind, T: ContentKind>(
        &'s self,
        target: &T,
    ) -> impl Iterator<Item = &'a Item<S>> + Clone + 's {
        let sources = self.lib.all::<S>();
        self.ids
            .position(T::KIND, target.id())
            .and_then(|t| self.back.get(&(S::KIND, T::KIND))?.get(t))
            .into_iter()
            .flatten()
            .map(move |&s| &sources[s as usize])
    }

    /// The name of an agency, or its id if there is no such agency (checks report that).
    pub fn agency_name<'s>(&self, id: &'s AgencyId) -> &'s str
    where
        'a: 's,
    {
        self.get::<super::kinds::Agency>(id.as_str())
            .map_or(id.as_str(), |a| a.meta.name.as_str())
    }
}

/// Adds the reverse links of every reference that items of `S` make.
fn backlinks<S: ContentKind>(
    lib: &Library,
    ids: &IdIndex<'_>,
    back: &mut HashMap<(Kind, Kind), Backlinks>,
) {
    for (i, item) in lib.all::<S>().iter().enumerate() {
        for refs in item.meta.references() {
            let targets = back
                .entry((S::KIND, refs.target))
                .or_insert_with(|| vec![Vec::new(); lib.count(refs.target)]);
            for id in refs.ids {
                // Sources are visited in order, so a repeat can only be the last entry: O(1).
                if let Some(t) = ids.position(refs.target, id)
                    && targets[t].last() != Some(&(i as u32))
                {
                    targets[t].push(i as u32);
                }
            }
        }
    }
}

impl Lookup for Links<'_> {
    fn site(&self) -> &SiteSettings {
        &self.lib.site
    }
    fn agency_name<'s>(&'s self, id: &'s AgencyId) -> &'s str {
        Links::agency_name(self, id)
    }
    fn is_public(&self, kind: Kind, id: &str) -> bool {
        self.ids.position(kind, id).is_some_and(|i| {
            let lib = self.lib;
            let mut public = true;
            macro_rules! each {
                ($($variant:ident $field:ident $ty:ty),+ $(,)?) => {
                    $(if kind == Kind::$variant {
                        public = lib.$field[i].meta.is_public();
                    })+
                };
            }
            with_kinds!(each);
            public
        })
    }
    fn item(&self, kind: Kind, id: &str) -> Option<&dyn std::any::Any> {
        let i = self.ids.position(kind, id)?;
        let lib = self.lib;
        let mut found: Option<&dyn std::any::Any> = None;
        macro_rules! each {
            ($($variant:ident $field:ident $ty:ty),+ $(,)?) => {
                $(if kind == Kind::$variant {
                    found = Some(&lib.$field[i]);
                })+
            };
        }
        with_kinds!(each);
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_id_is_suggested() {
        let ids = ["R-010-2", "R-001-2", "R-002-1", "R-001-1"];
        assert_eq!(nearest(ids.into_iter(), "R-001-3"), ["R-001-1", "R-001-2"]);
        assert_eq!(
            nearest(["R-001-2", "R-002-1"].into_iter(), "R-001-3"),
            ["R-001-2"]
        );
        assert_eq!(nearest(ids.into_iter(), "R-0012"), ["R-001-2"]);
        assert!(nearest(ids.into_iter(), "P-CF-001").is_empty());
        assert_eq!(nearest(["B-1"].into_iter(), "B-9"), ["B-1"]);
        assert!(nearest(["B-1"].into_iter(), "X").is_empty());
    }
}
