//! The personal-data guard over every file, front matter and body (PII001–PII008), through
//! the scanner in [`crate::checks::pii`]; and natural-person parties written as surname + 某.

use super::super::{Checker, at};
use crate::checks::pii;
use crate::content::model::PartyType;
use crate::content::{Kind, Source};
use crate::diagnostics::{Code, Severity};

const PARTY_HINT: &str = "自然人只写“姓+某”，如“张某”“欧阳某”；个体工商户和单位写登记的名称，并把 party_type 改为对应类型";

impl Checker<'_> {
    /// The personal-data guard over every file, front matter and body (PII001–PII008). The
    /// agency's own public channels and staff names (public under 三项制度) are allowed.
    pub(in crate::checks) fn personal_data(&mut self) {
        use rayon::prelude::*;
        let lib = self.lib;
        let mut allowed = pii::Allowed::default();
        for h in &lib.site.hotlines {
            allowed.phone(&h.number);
        }
        lib.site.emails.iter().for_each(|e| allowed.email(e));
        lib.site.addresses.iter().for_each(|a| allowed.address(a));
        for a in &lib.agencies {
            let m = &a.meta;
            allowed.phone(&m.phone);
            allowed.phone(&m.complaint_phone);
            allowed.email(&m.email);
            allowed.address(&m.address);
            m.staff.iter().for_each(|s| allowed.name(&s.name));
        }
        lib.powers
            .iter()
            .for_each(|p| allowed.phone(&p.meta.supervision_phone));
        // The natural-person party each decision file names (also one that does not parse,
        // from its fields that could be read).
        let mut parties: std::collections::HashMap<&std::path::Path, &str> = lib
            .decisions
            .iter()
            .filter(|i| i.meta.party_type == PartyType::NaturalPerson)
            .map(|i| (i.source.path.as_path(), i.meta.party.as_str()))
            .collect();
        let unparsed_parties: Vec<(&Source, &str)> = lib
            .unparsed
            .iter()
            .filter(|u| u.kind == Kind::Decision)
            .filter_map(|u| {
                let field = |k: &str| u.fields.as_ref()?.get(k)?.as_str();
                let natural = field("party_type") == Some(PartyType::NaturalPerson.label());
                Some((&u.source, field("party").filter(|_| natural)?))
            })
            .collect();
        for &(src, party) in &unparsed_parties {
            parties.insert(src.path.as_path(), party);
        }
        // Every file, parsed or not: a syntax error must not hide personal data.
        let sources: Vec<(&Source, Option<&str>)> = lib
            .all_sources()
            .map(|s| (s, parties.get(s.path.as_path()).copied()))
            .collect();
        let found: Vec<_> = sources
            .par_iter()
            .flat_map_iter(|&(src, party)| {
                pii::scan(&src.text, &allowed)
                    .into_iter()
                    .map(move |f| finding_diagnostic(src, &f, party))
            })
            .collect();
        self.diags.extend(found);
        let natural_parties = lib
            .decisions
            .iter()
            .filter(|i| i.meta.party_type == PartyType::NaturalPerson)
            .map(|i| (&i.source, i.meta.party.as_str()))
            .chain(unparsed_parties);
        for (src, party) in natural_parties.collect::<Vec<_>>() {
            if !pii::is_anonymised_name(party) {
                let msg = format!("自然人当事人“{party}”没有匿名处理");
                self.error(src, at("party"), Code::PartyName, msg, PARTY_HINT);
            }
        }
    }
}

/// A scanner finding as a diagnostic. A "name" that is the decision's own natural-person
/// party is reported as the party not being anonymised (PII007), not as someone else's name.
fn finding_diagnostic(
    src: &Source,
    f: &pii::Finding,
    party: Option<&str>,
) -> crate::diagnostics::Diagnostic {
    use pii::PiiKind;
    let text = &src.text[f.start..f.end];
    let (code, message) = match f.kind {
        PiiKind::PersonName if party == Some(text) => {
            (Code::PartyName, format!("自然人当事人“{text}”没有匿名处理"))
        }
        kind => (
            match kind {
                PiiKind::IdNumber => Code::IdNumber,
                PiiKind::Phone => Code::Phone,
                PiiKind::BankCard => Code::BankCard,
                PiiKind::Email => Code::Email,
                PiiKind::Plate => Code::Plate,
                PiiKind::Address => Code::HomeAddress,
                PiiKind::PersonName => Code::PersonName,
                PiiKind::Passport => Code::Passport,
                PiiKind::WeChat => Code::WeChat,
                PiiKind::Qq => Code::Qq,
                PiiKind::Vin => Code::Vin,
                PiiKind::PropertyCert => Code::PropertyCert,
                PiiKind::Relative => Code::RelativeName,
                PiiKind::Health => Code::Health,
                PiiKind::Minor => Code::Minor,
            },
            format!("疑似{}“{}”，不得公开", kind.label(), text),
        ),
    };
    let hint = match code {
        Code::PartyName => PARTY_HINT,
        _ => f.kind.hint(),
    };
    src.diagnostic(
        f.start,
        Severity::Error,
        code,
        message,
        Some(hint.to_string()),
    )
}
