//! The content kinds. Each kind is one module that declares, once, everything the rest of the
//! program needs to know about it through [`ContentKind`]: its directory, command-line key,
//! Chinese label and list, how to read its id, sort it and date it, its 领域, its address, the
//! items it refers to, its search document, its open-data fields and its `gongshi new`
//! template. [`with_kinds!`] is the one registration list; the [`Kind`] enum, the
//! [`Library`](super::Library) fields, parsing by kind and rendering every kind's pages are
//! generated from it, so a new kind cannot be half-registered.
//!
//! Adding a kind: a module here (copy the closest one), one line in [`with_kinds!`], its
//! addresses in [`crate::routes`] and its pages in `render/` (the compiler asks for the
//! `render::Pages` impl). ARCHITECTURE.md lists the steps.

mod agency;
mod benchmark;
mod case;
mod decision;
mod exemption;
mod guide;
mod inspection;
mod inspection_report;
pub mod open_data;
mod page;
mod power;
mod register;
mod risk;
pub mod search_doc;

pub use agency::{
    Agency, Camera, STAFF_HEADING, STAFF_NOTE, SUPERVISION_HEADING, Staff, supervision_text,
};
pub use benchmark::{Applied, Benchmark, BenchmarkGrade, EarlierVersion, Version};
pub use case::Case;
pub use decision::{Decision, Penalty, Withdrawal, party_of, simple_procedure_limit};
pub use exemption::Exemption;
pub use guide::Guide;
pub use inspection::Inspection;
pub use inspection_report::{
    COUNT_KEYS, COUNT_LABELS, InspectionReport, PlanLine, ResultRow, ResultTotal,
};
pub use page::Page;
pub use power::{PowerItem, Responsibility};
pub use register::{Cell, Column, Note, Register};
pub use risk::{ANSWER_QUESTIONS, RiskPoint};

use std::cmp::Ordering;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::model::{AgencyId, Date, ItemStatus, LegalRef};
use super::site::SiteSettings;
use super::{Item, Source};
use crate::routes::Place;
use open_data::Field;
use search_doc::SearchDoc;

/// Calls `$m! { Variant field Type, … }` with every content kind, in the order documentation,
/// navigation and the changes feed present them. This is the registration: one line a kind.
macro_rules! with_kinds {
    ($m:ident) => {
        $m! {
            Agency agencies $crate::content::kinds::Agency,
            Risk risks $crate::content::kinds::RiskPoint,
            Power powers $crate::content::kinds::PowerItem,
            Guide guides $crate::content::kinds::Guide,
            Inspection inspections $crate::content::kinds::Inspection,
            InspectionReport inspection_reports $crate::content::kinds::InspectionReport,
            Exemption exemptions $crate::content::kinds::Exemption,
            Benchmark benchmarks $crate::content::kinds::Benchmark,
            Decision decisions $crate::content::kinds::Decision,
            Case cases $crate::content::kinds::Case,
            Register registers $crate::content::kinds::Register,
            Page pages $crate::content::kinds::Page,
        }
    };
}
pub(crate) use with_kinds;

/// What `gongshi new --from` does with one field (`key`, or `table.key` inside an array of
/// tables) of the item it copies. Fields not declared are copied as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyRule {
    /// Replaced by 待填写: no two items share it (文号, the party). The comment says why.
    Empty(&'static str),
    /// Set to today's date, to be corrected.
    Today,
    /// Set to `0` with a 待填写 comment, so `check` refuses it until someone has looked at it.
    Zero(&'static str),
    /// Kept, with a comment asking the author to check it.
    Check(&'static str),
    /// Set to this value (a status back to 有效).
    Reset(&'static str),
    /// Left out with the whole table (`[withdrawal]`).
    Drop,
}

/// One kind's declaration. Everything about a kind that is not how its pages look.
pub trait ContentKind: Stored + DeserializeOwned + Send + Sync + Sized + 'static {
    /// Which kind this is.
    const KIND: Kind;
    /// Directory under the content root.
    const DIR: &'static str;
    /// Name on the command line (`gongshi new risk`) and in the search `kind` facet.
    const KEY: &'static str;
    /// Chinese name of one item, as messages and search results say it.
    const LABEL: &'static str;
    /// The public list of this kind, if it has one.
    const LIST: Option<&'static Place>;
    /// Files may sit in subfolders (decisions by year).
    const NESTED: bool = false;
    /// A dynamically managed list (动态调整): items carry effective and updated dates and a
    /// status ([`ContentKind::lifecycle`]), and their changes are published as a feed.
    const MANAGED: bool = false;
    /// Prefix of the ids `gongshi new` makes up (`R-20261122-1`).
    const ID_PREFIX: &'static str;
    /// An id as staff write them, for hints (`R-001-1`).
    const ID_EXAMPLE: &'static str;
    /// The file `gongshi new` writes: every field with a Chinese comment, `{id}` and `{date}`
    /// filled in, 待填写 where staff must write.
    const TEMPLATE: &'static str;
    /// How much search prefers this kind when text scores are close. A shop owner should meet
    /// the rule (risk point) and the way out (exemption) before any single decision.
    const SEARCH_WEIGHT: f32;
    /// What `gongshi new --from ID` does with each field of the item it copies: the fields
    /// every item has its own of are emptied, the rest are kept for the author to check.
    /// Empty: the kind cannot be copied.
    const COPY: &'static [(&'static str, CopyRule)] = &[];

    /// The item's id (file name and address segment).
    fn id(&self) -> &str;
    /// Its name as lists and feeds show it.
    fn title(&self) -> &str;
    /// Its address on the site.
    fn address(&self) -> String;
    /// The order of items within the kind (lists, data, feeds).
    fn order(a: &Self, b: &Self) -> Ordering;
    /// Its 领域, checked against site.toml.
    fn domain(&self) -> Option<&str> {
        None
    }
    /// The agency responsible for it (实施主体, 执法主体).
    fn agency(&self) -> Option<&AgencyId> {
        None
    }
    /// For the dynamically managed lists (动态调整): effective, updated and status.
    fn lifecycle(&self) -> Option<Lifecycle> {
        None
    }
    /// The newest date on which what the public sees of it changed.
    fn changed(&self) -> Date;
    /// Whether it is published as a record (a withdrawn decision keeps only its notice page).
    fn is_public(&self) -> bool {
        true
    }
    /// The items it refers to, by front-matter key.
    fn references(&self) -> Vec<Refs<'_>> {
        Vec::new()
    }
    /// The day of the act it records (a decision's decision date), by which the law that
    /// applied is judged; `None` for items judged as they stand today.
    fn decided_on(&self) -> Option<Date> {
        None
    }
    /// For a decision, the day of the act (`acted`, else the decision day): the day whose law
    /// 行政处罚法 第三十七条 applies.
    fn act_day(&self) -> Option<Date> {
        self.decided_on()
    }
    /// The legal provisions it cites (checked against the statute table).
    fn citations(&self) -> Vec<&LegalRef> {
        Vec::new()
    }
    /// What search indexes for it (called only for public items).
    fn search_doc(item: &Item<Self>, lookup: &dyn Lookup) -> SearchDoc;
    /// Parts of its page that answer a question of their own (a guide's sections, an
    /// agency's supervision channels), each a search document with its anchor.
    fn section_docs(_item: &Item<Self>, _lookup: &dyn Lookup) -> Vec<SearchDoc> {
        Vec::new()
    }

    /// One open-data record (`()` for kinds without a data set).
    type Record<'a>: Serialize
    where
        Self: 'a;
    /// The open-data fields, in column order; `None` for kinds without a data set.
    fn data_fields(_site: &SiteSettings) -> Option<Vec<Field>> {
        None
    }
    /// The open-data record of one public item.
    fn data_record<'a>(item: &'a Item<Self>, lookup: &'a dyn Lookup) -> Self::Record<'a>;
}

/// What a kind may ask about the rest of the library while describing one of its items
/// (implemented by [`Links`](super::links::Links), which resolves the references).
pub trait Lookup {
    /// The site's settings.
    fn site(&self) -> &SiteSettings;
    /// The name of an agency, or its id when there is no such agency.
    fn agency_name<'s>(&'s self, id: &'s AgencyId) -> &'s str;
    /// Whether the item of `kind` with this id exists and is public.
    fn is_public(&self, kind: Kind, id: &str) -> bool;
    /// The item of `kind` with this id, as `&Item<T>` for that kind's `T` (see [`find`]).
    fn item(&self, kind: Kind, id: &str) -> Option<&dyn std::any::Any>;
}

/// The item of kind `T` with this id, through a [`Lookup`].
pub fn find<'a, T: ContentKind>(lookup: &'a dyn Lookup, id: &str) -> Option<&'a Item<T>> {
    lookup.item(T::KIND, id)?.downcast_ref()
}

/// The dates and status every dynamically managed list item shows.
#[derive(Debug, Clone, Copy)]
pub struct Lifecycle {
    pub effective: Date,
    pub updated: Date,
    pub status: ItemStatus,
}

/// The ids an item gives under one front-matter key, all of one target kind.
#[derive(Debug, Clone)]
pub struct Refs<'a> {
    pub key: &'static str,
    pub target: Kind,
    pub ids: Vec<&'a str>,
    /// The key must name at least one item.
    pub required: bool,
}

impl<'a> Refs<'a> {
    /// References under `key` to items of `T`, optional.
    pub fn to<T: ContentKind, I: AsRef<str>>(key: &'static str, ids: &'a [I]) -> Self {
        Refs {
            key,
            target: T::KIND,
            ids: ids.iter().map(AsRef::as_ref).collect(),
            required: false,
        }
    }

    /// A single reference under `key`.
    pub fn one<T: ContentKind>(key: &'static str, id: &'a str) -> Self {
        Refs {
            key,
            target: T::KIND,
            ids: vec![id],
            required: false,
        }
    }

    /// The key must name at least one item.
    pub fn required(mut self) -> Self {
        self.required = true;
        self
    }
}

/// An id type that names an item of one kind (`RiskId` → `RiskPoint`), so a list of ids
/// resolves to items without saying the kind again.
pub trait Ref: AsRef<str> {
    type Target: ContentKind;
}

/// Where a kind's items are kept in a [`Library`](super::Library); generated for every
/// registered kind.
pub trait Stored: Sized {
    fn all(items: &Items) -> &[Item<Self>];
    fn all_mut(items: &mut Items) -> &mut Vec<Item<Self>>;
}

/// A parsed file, or what could be read of a file that failed to parse, with its diagnostics.
pub type Loaded = (
    Result<AnyItem, Box<super::Unparsed>>,
    Vec<crate::diagnostics::Diagnostic>,
);

macro_rules! declare_kinds {
    ($($variant:ident $field:ident $ty:ty),+ $(,)?) => {
        /// The content kinds, in registration order.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Kind {
            $($variant),+
        }

        impl Kind {
            pub const ALL: &'static [Kind] = &[$(Kind::$variant),+];

            /// Directory under the content root.
            pub fn dir(self) -> &'static str {
                match self { $(Kind::$variant => <$ty as ContentKind>::DIR),+ }
            }
            /// Name on the command line (`gongshi new risk`).
            pub fn cli_name(self) -> &'static str {
                match self { $(Kind::$variant => <$ty as ContentKind>::KEY),+ }
            }
            /// Chinese name of one item.
            pub fn label(self) -> &'static str {
                match self { $(Kind::$variant => <$ty as ContentKind>::LABEL),+ }
            }
            /// The kind's public list.
            pub fn list(self) -> Option<&'static Place> {
                match self { $(Kind::$variant => <$ty as ContentKind>::LIST),+ }
            }
            /// Files may sit in subfolders.
            pub fn nested(self) -> bool {
                match self { $(Kind::$variant => <$ty as ContentKind>::NESTED),+ }
            }
            /// The `gongshi new` template.
            pub fn template(self) -> &'static str {
                match self { $(Kind::$variant => <$ty as ContentKind>::TEMPLATE),+ }
            }
            /// What `gongshi new --from` does with each field (empty: cannot be copied).
            pub fn copy_rules(self) -> &'static [(&'static str, CopyRule)] {
                match self { $(Kind::$variant => <$ty as ContentKind>::COPY),+ }
            }
            /// Prefix of made-up ids.
            pub fn id_prefix(self) -> &'static str {
                match self { $(Kind::$variant => <$ty as ContentKind>::ID_PREFIX),+ }
            }
            /// An id as staff write them, for hints.
            pub fn id_example(self) -> &'static str {
                match self { $(Kind::$variant => <$ty as ContentKind>::ID_EXAMPLE),+ }
            }
            pub fn from_cli_name(name: &str) -> Option<Kind> {
                Kind::ALL.iter().copied().find(|k| k.cli_name() == name)
            }
            pub fn from_dir(dir: &str) -> Option<Kind> {
                Kind::ALL.iter().copied().find(|k| k.dir() == dir)
            }
            /// Parses one file of this kind.
            pub fn parse(self, source: Source) -> Loaded {
                match self {
                    $(Kind::$variant => {
                        let (item, diags) = super::parse_item::<$ty>(source);
                        (item.map(AnyItem::$variant), diags)
                    })+
                }
            }
        }

        /// Every item of every kind, each kind in its own order once [`Items::sort`] ran.
        #[derive(Debug, Default)]
        pub struct Items {
            $(pub $field: Vec<Item<$ty>>,)+
        }

        $(impl Stored for $ty {
            fn all(items: &Items) -> &[Item<Self>] {
                &items.$field
            }
            fn all_mut(items: &mut Items) -> &mut Vec<Item<Self>> {
                &mut items.$field
            }
        })+

        /// One parsed item of any kind.
        pub enum AnyItem {
            $($variant(Item<$ty>)),+
        }

        impl Items {
            pub fn add(&mut self, item: AnyItem) {
                match item {
                    $(AnyItem::$variant(i) => self.$field.push(i)),+
                }
            }

            /// Puts each kind in its list order.
            pub fn sort(&mut self) {
                $(self.$field.sort_by(|a, b| <$ty as ContentKind>::order(&a.meta, &b.meta));)+
            }

            /// The source of every item, kind by kind.
            pub fn sources(&self) -> impl Iterator<Item = &Source> {
                std::iter::empty()
                    $(.chain(self.$field.iter().map(|i| &i.source)))+
            }

            /// The newest [`ContentKind::changed`] date of a kind's items; `None` when empty.
            pub fn newest(&self, kind: Kind) -> Option<Date> {
                match kind {
                    $(Kind::$variant => self.$field.iter().map(|i| i.meta.changed()).max()),+
                }
            }

            /// How many items of a kind there are.
            pub fn count(&self, kind: Kind) -> usize {
                match kind {
                    $(Kind::$variant => self.$field.len()),+
                }
            }
        }
    };
}

with_kinds!(declare_kinds);

impl Items {
    /// The items of one kind.
    pub fn all<T: ContentKind>(&self) -> &[Item<T>] {
        T::all(self)
    }

    /// Decisions that still stand (not withdrawn), newest first: what lists, feeds, data,
    /// statistics and the index show. Withdrawn ones keep only their notice page.
    pub fn standing_decisions(&self) -> impl Iterator<Item = &Item<Decision>> {
        self.decisions.iter().filter(|d| d.meta.is_public())
    }
}

/// Items by id order, the order of every list but decisions, cases and pages.
pub(crate) fn by_id<T: ContentKind>(a: &T, b: &T) -> Ordering {
    a.id().cmp(b.id())
}

/// Declares the [`Ref`] target of id types.
macro_rules! ref_targets {
    ($($id:ty => $target:ty),+ $(,)?) => {
        $(impl Ref for $id { type Target = $target; })+
    };
}

use super::model::{
    BenchmarkId, CaseId, DecisionId, ExemptionId, GuideId, PageId, PowerId, RegisterId, RiskId,
};
ref_targets!(
    AgencyId => Agency,
    RiskId => RiskPoint,
    PowerId => PowerItem,
    ExemptionId => Exemption,
    BenchmarkId => Benchmark,
    DecisionId => Decision,
    CaseId => Case,
    PageId => Page,
    GuideId => Guide,
    RegisterId => Register,
);
