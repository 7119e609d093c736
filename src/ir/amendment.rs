//! Amendments: a contract that changes over its term.
//!
//! An amendment carries clauses that take effect on a date. Each replaces
//! the clauses of the contract in force with the same identity (a tier by
//! its id, an availability promise or credit by its service, the
//! exclusions as a whole ...) or, with a new identity, is added. The
//! contract in force on a date is the original with every amendment
//! effective on or before it applied in date order ([`Contract::versions`],
//! [`Contract::in_force_on`]); `docs/semantics.md` says which version
//! judges which period and incident.

use super::{
    Availability, Citation, Contract, Credit, Durability, Entitlement, EscalationThreshold, Exclusion, LiabilityCap,
    MaintenancePolicy, Objective, Penalty, Tier,
};
use crate::source::Span;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the terms before any amendment are called in the report.
pub const ORIGINAL_TERMS: &str = "original";

/// `amendment "2025-07" effective 2025-07-01 § "补充协议 2" { ... }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amendment {
    pub name: String,
    /// The first day its clauses are in force (in the contract's zone).
    pub effective: NaiveDate,
    pub clauses: AmendedClauses,
    pub span: Span,
    pub citation: Option<Citation>,
}

/// The clauses one amendment carries; a kind it does not touch is empty
/// (or `None`) and left as it was.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AmendedClauses {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tiers: Vec<Tier>,
    /// The contract's escalation thresholds, replaced as a whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escalation: Option<Vec<EscalationThreshold>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub availability: Vec<Availability>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub durability: Vec<Durability>,
    /// The maintenance policy, replaced as a whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maintenance: Option<MaintenancePolicy>,
    /// The exclusions, replaced as a whole, with the span of their block.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exclusions: Option<(Vec<Exclusion>, Option<Span>)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub credits: Vec<Credit>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entitlements: Vec<Entitlement>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub penalties: Vec<Penalty>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub liability: Vec<LiabilityCap>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub objectives: Vec<Objective>,
}

/// Which terms judge a period (month, quarter, year) that an amendment's
/// effective date falls inside of: `amendments apply from period start`
/// (the default) or `... period end`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StraddleRule {
    /// The terms in force on the period's first day.
    #[default]
    PeriodStart,
    /// The terms in force on the period's last day.
    PeriodEnd,
}

/// The contract's `amendments apply from period start|end` line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StraddleClause {
    pub rule: StraddleRule,
    pub span: Span,
}

/// One version of a contract: the terms in force over a range of dates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    /// `original`, or the name of the amendment that made it.
    pub terms: String,
    /// First day in force; `None` for the original (from the term's start).
    pub from: Option<NaiveDate>,
    /// The first day no longer in force; `None` for the last version.
    pub until: Option<NaiveDate>,
    /// The whole contract as in force then, without amendments of its own.
    pub contract: Contract,
}

impl Version {
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.until.is_none_or(|u| date < u)
    }
}

impl Contract {
    /// The amendments in the order they take effect (the order written
    /// among those of one date, which the checker refuses).
    pub fn amendments_in_order(&self) -> Vec<&Amendment> {
        let mut list: Vec<&Amendment> = self.amendments.iter().collect();
        list.sort_by_key(|a| a.effective);
        list
    }

    /// Every version of the contract, the original first, each with the
    /// dates it is in force. A contract without amendments has one.
    pub fn versions(&self) -> Vec<Version> {
        let mut current = Contract { amendments: Vec::new(), ..self.clone() };
        let order = self.amendments_in_order();
        let mut out = Vec::with_capacity(order.len() + 1);
        let mut terms = ORIGINAL_TERMS.to_owned();
        let mut from = None;
        for a in order {
            out.push(Version { terms, from, until: Some(a.effective), contract: current.clone() });
            current.apply(&a.clauses);
            terms = a.name.clone();
            from = Some(a.effective);
        }
        out.push(Version { terms, from, until: None, contract: current });
        out
    }

    /// The contract in force on `date`: the original with every amendment
    /// effective on or before it applied.
    pub fn in_force_on(&self, date: NaiveDate) -> Contract {
        let mut current = Contract { amendments: Vec::new(), ..self.clone() };
        for a in self.amendments_in_order().into_iter().filter(|a| a.effective <= date) {
            current.apply(&a.clauses);
        }
        current
    }

    /// The name of the terms in force on `date`: `original` or the latest
    /// amendment effective on or before it.
    pub fn terms_on(&self, date: NaiveDate) -> &str {
        self.amendments_in_order()
            .into_iter()
            .rfind(|a| a.effective <= date)
            .map_or(ORIGINAL_TERMS, |a| a.name.as_str())
    }

    /// The rule for periods an amendment falls inside of.
    pub fn straddle_rule(&self) -> StraddleRule {
        self.straddle.map(|s| s.rule).unwrap_or_default()
    }

    /// Put one amendment's clauses in force: each replaces the clauses of
    /// its identity, in their place, or is added at the end.
    pub fn apply(&mut self, a: &AmendedClauses) {
        replace(&mut self.tiers, &a.tiers, |t| t.id.as_str());
        if let Some(e) = &a.escalation {
            self.escalation = e.clone();
        }
        replace(&mut self.availability, &a.availability, |x| x.service.as_str());
        replace(&mut self.durability, &a.durability, |x| x.service.as_str());
        if let Some(m) = &a.maintenance {
            self.maintenance = m.clone();
        }
        if let Some((list, span)) = &a.exclusions {
            self.exclusions = list.clone();
            self.exclusions_span = *span;
        }
        replace(&mut self.credits, &a.credits, |x| x.service.as_str());
        replace(&mut self.entitlements, &a.entitlements, |x| x.service.as_str());
        replace(&mut self.penalties, &a.penalties, |x| x.id.as_str());
        replace(&mut self.liability, &a.liability, |x| x.id.as_str());
        replace(&mut self.objectives, &a.objectives, |x| x.name.as_str());
    }
}

/// Every clause of `base` whose key one of `new` has is taken out, and the
/// new clauses of that key go where the first of them was (so the order of
/// tiers, which label matching and lints follow, stays); a new key goes at
/// the end. A service with two availability promises, amended with one,
/// has that one.
fn replace<T: Clone>(base: &mut Vec<T>, new: &[T], key: impl Fn(&T) -> &str) {
    let mut keys: Vec<&str> = Vec::new();
    for n in new {
        if !keys.contains(&key(n)) {
            keys.push(key(n));
        }
    }
    for k in keys {
        let at = base.iter().position(|b| key(b) == k);
        base.retain(|b| key(b) != k);
        let items = new.iter().filter(|n| key(n) == k).cloned();
        match at {
            Some(i) => {
                let tail = base.split_off(i.min(base.len()));
                base.extend(items);
                base.extend(tail);
            }
            None => base.extend(items),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::replace;

    #[test]
    fn a_replacement_takes_the_place_of_the_first_it_replaces() {
        let mut base = vec![("a", 1), ("b", 1), ("a", 2), ("c", 1)];
        replace(&mut base, &[("a", 9), ("d", 1)], |x| x.0);
        assert_eq!(base, [("a", 9), ("b", 1), ("c", 1), ("d", 1)]);
    }

    #[test]
    fn nothing_new_changes_nothing() {
        let mut base = vec![("a", 1)];
        replace(&mut base, &[], |x: &(&str, i32)| x.0);
        assert_eq!(base, [("a", 1)]);
    }
}
