//! The two tables staff edit so that questions find answers: how people ask
//! (`intents.toml`: 问法, the kind of answer each question wants first, the filler words of
//! spoken queries) and what the agency does not handle (`referrals.toml`: 职责边界, who does,
//! how to reach them, on what legal basis). Search reads both through the index manifest; the
//! referral table is also a public page.

use serde::{Deserialize, Serialize};

use super::model::LegalRef;

/// The file of question intents under the content root.
pub const INTENTS_FILE: &str = "intents.toml";
/// The file of referrals under the content root.
pub const REFERRALS_FILE: &str = "referrals.toml";

/// `intents.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Intents {
    #[serde(default)]
    pub intent: Vec<Intent>,
    #[serde(default)]
    pub fillers: Fillers,
    /// What a query that names no question wants (documentation: the kinds' own search
    /// weights already give it).
    #[serde(default)]
    pub default: Option<DefaultIntent>,
    /// Worked examples of amounts as people write them, with their value: documentation for
    /// staff and test cases for the numeral reader.
    #[serde(default)]
    pub amount: Vec<Amount>,
}

/// 问法: one way of asking, and the answers it wants first.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Intent {
    /// Stable key (`first-offence`).
    pub key: String,
    /// 1–9: when a query matches several intents, the higher rank's answers come first.
    pub rank: u8,
    /// Phrases found as substrings of the (folded) query.
    pub phrases: Vec<String>,
    /// Answer targets in order of preference (see [`Target`]).
    pub prefer: Vec<String>,
    /// For colleagues; not used.
    #[serde(default, skip_serializing)]
    pub note: String,
}

/// Words of spoken queries that carry no topic (请问, 那个, 一下); dropped before searching.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fillers {
    #[serde(default)]
    pub words: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefaultIntent {
    #[serde(default)]
    pub prefer: Vec<String>,
    #[serde(default)]
    pub note: String,
}

/// `二百元` = 200.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Amount {
    pub text: String,
    #[serde(default)]
    pub value: Option<u64>,
    #[serde(default)]
    pub value_min: Option<u64>,
    #[serde(default)]
    pub value_max: Option<u64>,
}

/// What an intent may prefer. Search documents carry the same keys (see
/// `SearchDoc::targets`), so the table and the index meet on these strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target<'a> {
    /// Every item of a kind: `risk`, `exemption`, `benchmark`, `power`, `decision`, `case`,
    /// `agency`, `page`; `referral` for every row of the referral table.
    Kind(&'a str),
    /// A list page: `list:risks`.
    List(&'a str),
    /// One free page by id (`report`, `complain`, `remedies`) or a section of one
    /// (`remedies#review`).
    Page(&'a str),
}

impl<'a> Target<'a> {
    /// Reads a `prefer` value; `None` when it names nothing the site can have.
    pub fn parse(s: &'a str, kinds: &[&str], lists: &[&str]) -> Option<Target<'a>> {
        if let Some(list) = s.strip_prefix("list:") {
            return lists.contains(&list).then_some(Target::List(list));
        }
        if kinds.contains(&s) || s == "referral" {
            return Some(Target::Kind(s));
        }
        let (page, anchor) = s.split_once('#').unwrap_or((s, ""));
        let ok =
            |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        (ok(page) && (anchor.is_empty() || ok(anchor))).then_some(Target::Page(s))
    }

    /// Whether this target names one or two documents (a page, a section, a list) rather
    /// than a whole kind.
    pub fn is_specific(self) -> bool {
        !matches!(self, Target::Kind(_))
    }
}

/// `referrals.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Referrals {
    #[serde(default)]
    pub referral: Vec<Referral>,
}

/// 职责边界: a matter people bring to 城管 that another department handles.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Referral {
    /// Stable key, the anchor on the referrals page (`dog-leash`).
    pub key: String,
    /// What the matter is, as the public would say it.
    pub matter: String,
    /// How people put it: a query containing one of these gets this referral first.
    pub words: Vec<String>,
    /// Who handles it.
    pub department: String,
    /// How to reach them: nationwide public numbers and 12345 only.
    pub contact: String,
    /// The provision that gives the matter to that department; checked against the statute
    /// table. Leave out what could not be verified.
    #[serde(default)]
    pub basis: Option<LegalRef>,
    /// What nearby matters 城管 does handle (public).
    #[serde(default)]
    pub boundary: String,
    /// For colleagues; not published.
    #[serde(default, skip_serializing)]
    pub note: String,
}

impl Referral {
    /// The anchor of this row on the referrals page.
    pub fn anchor(&self) -> &str {
        &self.key
    }
}
