//! `slac diff`: two versions of one contract compared by meaning.
//!
//! Clauses are matched by identity (a service's availability promise by
//! its service, a tier by its id, an exclusion by its category, a window or
//! a calendar by its id), never by position or text. Each difference is a
//! [`Change`] with both values, both citations and a [`Verdict`] for the
//! customer. A direction is stated only where it holds whatever the data;
//! where it depends on the data the verdict is [`Verdict::Changed`] and
//! `why` says on what.

mod availability;
mod calendars;
mod desk;
mod excused;
mod money;
mod promises;
pub mod render;
mod services;
#[cfg(test)]
mod tests;
mod tiers;
mod unweighed;

use crate::ir::{Citation, Contract};
use serde::Serialize;
use std::cmp::Ordering;

/// What a change means for the customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The customer is promised less, or gets less when it is missed.
    Weaker,
    /// The direction depends on the data; `why` says on what.
    Changed,
    /// The customer is promised more.
    Stronger,
    /// Wording, prose or a citation: no effect on any result.
    Neutral,
}

impl Verdict {
    pub fn name(self) -> &'static str {
        match self {
            Verdict::Weaker => "weaker",
            Verdict::Stronger => "stronger",
            Verdict::Neutral => "neutral",
            Verdict::Changed => "changed",
        }
    }

    /// The verdict for a figure where more is better for the customer
    /// (a target, a credit, a notice); `None` when it did not change.
    pub fn more_is_better<T: PartialOrd>(old: &T, new: &T) -> Option<Verdict> {
        match new.partial_cmp(old)? {
            Ordering::Equal => None,
            Ordering::Greater => Some(Verdict::Stronger),
            Ordering::Less => Some(Verdict::Weaker),
        }
    }

    /// The verdict for a figure where less is better for the customer (a
    /// time limit, a minimum outage, a period).
    pub fn less_is_better<T: PartialOrd>(old: &T, new: &T) -> Option<Verdict> {
        Verdict::more_is_better(new, old)
    }

    /// The verdict of the opposite change.
    pub fn reversed(self) -> Verdict {
        match self {
            Verdict::Weaker => Verdict::Stronger,
            Verdict::Stronger => Verdict::Weaker,
            other => other,
        }
    }
}

/// One difference between the two versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The clause, by identity: `availability oss`, `tier P1`,
    /// `exclusion third_party`, `maintenance window sat_night`.
    pub clause: String,
    /// What of it changed: `target`, `period`, `response`, `clause` for a
    /// clause added or removed.
    pub field: String,
    /// The value in each version, as the language writes it; `None` where
    /// that version does not have it.
    pub old: Option<String>,
    pub new: Option<String>,
    /// The section each version cites for the clause, if any.
    pub old_citation: Option<String>,
    pub new_citation: Option<String>,
    pub verdict: Verdict,
    /// Why the verdict, with the figures where they can be computed.
    pub why: String,
}

/// The clause a change is in, with the citation of each version.
#[derive(Clone, Debug)]
pub(crate) struct Clause {
    name: String,
    old_citation: Option<String>,
    new_citation: Option<String>,
}

impl Clause {
    pub(crate) fn new(name: impl Into<String>, old: Option<&Citation>, new: Option<&Citation>) -> Clause {
        Clause {
            name: name.into(),
            old_citation: old.map(|c| c.section.clone()),
            new_citation: new.map(|c| c.section.clone()),
        }
    }

    /// A change of one field.
    pub(crate) fn change(
        &self,
        field: &str,
        old: Option<String>,
        new: Option<String>,
        verdict: Verdict,
        why: impl Into<String>,
    ) -> Change {
        Change {
            clause: self.name.clone(),
            field: field.to_owned(),
            old,
            new,
            old_citation: self.old_citation.clone(),
            new_citation: self.new_citation.clone(),
            verdict,
            why: why.into(),
        }
    }

    /// The change when the citation alone moved, if it did.
    pub(crate) fn citation_moved(&self) -> Option<Change> {
        (self.old_citation != self.new_citation).then(|| {
            self.change(
                "citation",
                self.old_citation.clone(),
                self.new_citation.clone(),
                Verdict::Neutral,
                "the clause cites another section; what it promises is compared field by field",
            )
        })
    }
}

/// Every difference between two versions of a contract, clause by clause
/// in the order the clauses appear in the new version (removed ones after
/// the ones they stood among).
pub fn diff(old: &Contract, new: &Contract) -> Vec<Change> {
    let mut out = Vec::new();
    header(old, new, &mut out);
    availability::diff(old, new, &mut out);
    calendars::diff(old, new, &mut out);
    tiers::diff(old, new, &mut out);
    excused::diff(old, new, &mut out);
    money::diff(old, new, &mut out);
    promises::diff(old, new, &mut out);
    services::diff(old, new, &mut out);
    prose(old, new, &mut out);
    unweighed::contract(old, new, &mut out);
    out
}

/// Does any change weaken the contract for the customer?
pub fn any_weaker(changes: &[Change]) -> bool {
    changes.iter().any(|c| c.verdict == Verdict::Weaker)
}

/// Pairs clauses of the two versions by a key: those in both, in the new
/// version's order, then those only in the old one.
pub(crate) fn pair_by<'a, T, K: PartialEq>(
    old: &'a [T],
    new: &'a [T],
    key: impl Fn(&T) -> K,
) -> Vec<(Option<&'a T>, Option<&'a T>)> {
    let mut pairs: Vec<(Option<&T>, Option<&T>)> =
        new.iter().map(|n| (old.iter().find(|o| key(o) == key(n)), Some(n))).collect();
    pairs.extend(old.iter().filter(|o| !new.iter().any(|n| key(n) == key(o))).map(|o| (Some(o), None)));
    pairs
}

fn header(old: &Contract, new: &Contract, out: &mut Vec<Change>) {
    let clause = Clause::new("contract", None, None);
    let fields = [
        ("title", &old.header.title, &new.header.title),
        ("provider", &old.header.provider, &new.header.provider),
        ("customer", &old.header.customer, &new.header.customer),
        ("version", &old.header.version, &new.header.version),
        ("source", &old.header.source, &new.header.source),
    ];
    for (field, o, n) in fields {
        if o != n {
            out.push(clause.change(field, o.clone(), n.clone(), Verdict::Neutral, "wording of the header"));
        }
    }
    if old.header.timezone != new.header.timezone {
        out.push(clause.change(
            "timezone",
            Some(old.header.timezone.name().to_owned()),
            Some(new.header.timezone.name().to_owned()),
            Verdict::Changed,
            "periods, business hours and windows are read in another zone; which incidents move across a boundary depends on when they happen",
        ));
    }
}

fn prose(old: &Contract, new: &Contract, out: &mut Vec<Change>) {
    for (o, n) in pair_by(&old.prose, &new.prose, |p| p.id.clone().or_else(|| p.title.clone())) {
        let any = o.or(n).map(|p| p.id.clone().or_else(|| p.title.clone()).unwrap_or_default()).unwrap_or_default();
        let clause = Clause::new(
            format!("prose {any}"),
            o.and_then(|p| p.citation.as_ref()),
            n.and_then(|p| p.citation.as_ref()),
        );
        let text = |p: Option<&crate::ir::Prose>| p.map(|p| p.text.trim().to_owned());
        if text(o) != text(n) {
            let why = "prose: no machine checks it, so no result changes; read it";
            out.push(clause.change("text", text(o), text(n), Verdict::Neutral, why));
        } else if let Some(c) = clause.citation_moved() {
            out.push(c);
        }
    }
}
