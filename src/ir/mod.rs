//! The typed intermediate representation: what the checker builds and the
//! evaluator and linter consume.
//!
//! Every value is already normalised (durations in seconds, percentages as
//! exact decimals, money as decimal with its currency) and every node keeps
//! the [`Span`] it was written at and the clause it cites. The IR is plain
//! data: it serialises to the JSON that `slac compile --emit ir` prints
//! (documented in `docs/ir.md`).

pub mod amendment;
pub mod availability;
pub mod calendar;
mod checked;
pub mod compensation;
pub mod denominator;
pub mod eligibility;
pub mod example;
pub mod exclusion;
pub mod objective;
pub mod pause;
pub mod tier;
pub mod tier_label;
pub mod updates;
pub mod values;

pub use amendment::{AmendedClauses, Amendment, ORIGINAL_TERMS, StraddleClause, StraddleRule, Version};
pub use availability::*;
pub use calendar::*;
pub use checked::CheckedContract;
pub use compensation::*;
pub use denominator::TotalMinutes;
pub use eligibility::{Condition, Eligibility};
pub use example::*;
pub use exclusion::*;
pub use objective::*;
pub use pause::*;
pub use tier::*;
pub use tier_label::{LabelMatch, describe_tiers, match_label, why_no_tier};
pub use updates::UpdateCadence;
pub use values::*;

use crate::source::Span;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The version of the IR's JSON shape; bumped when it changes incompatibly.
pub const IR_VERSION: u32 = 1;

/// One checked contract. `Contract::default()` is empty and of no IR
/// version (0): the checker starts from it and stamps [`IR_VERSION`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contract {
    pub ir_version: u32,
    pub id: String,
    pub header: Header,
    pub services: Vec<Service>,
    pub holiday_sets: Vec<HolidaySetDecl>,
    pub calendars: Vec<Calendar>,
    pub channels: Vec<Channel>,
    pub tiers: Vec<Tier>,
    /// Thresholds for every tier that has none of its own.
    pub escalation: Vec<EscalationThreshold>,
    pub availability: Vec<Availability>,
    pub durability: Vec<Durability>,
    pub maintenance: MaintenancePolicy,
    pub exclusions: Vec<Exclusion>,
    pub exclusions_span: Option<Span>,
    pub credits: Vec<Credit>,
    pub entitlements: Vec<Entitlement>,
    pub penalties: Vec<Penalty>,
    pub liability: Vec<LiabilityCap>,
    pub objectives: Vec<Objective>,
    pub backups: Vec<Backup>,
    pub duties: Vec<Duty>,
    pub locations: Vec<DataLocation>,
    pub retention: Vec<Retention>,
    pub prose: Vec<Prose>,
    /// `#[allow(...)]` and friends, for the linter.
    pub lint_attributes: Vec<LintAttribute>,
    pub span: Span,
    /// Amendments with their effective dates, as written (see
    /// [`Contract::versions`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub amendments: Vec<Amendment>,
    /// `amendments apply from period start|end`, where written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub straddle: Option<StraddleClause>,
    /// `pause ... when status ...` at the top level: for every tier that
    /// states no pause of its own for that clock.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pauses: Vec<Pause>,
    /// `reprioritised from start|change`; `None`: the default, from start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reprioritised: Option<ReprioritisationRule>,
    /// `example` blocks, for `slac test`; evaluation never reads them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
    /// `update every ...` at the top level: for every tier that states no
    /// cadence of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updates: Option<UpdateCadence>,
}

impl Contract {
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }

    pub fn calendar(&self, id: &str) -> Option<&Calendar> {
        self.calendars.iter().find(|c| c.id == id)
    }

    pub fn tier(&self, id: &str) -> Option<&Tier> {
        self.tiers.iter().find(|t| t.id == id)
    }

    /// What an event's severity label names among the tiers: the one rule
    /// every reader uses ([`tier_label`]).
    pub fn tier_for_label(&self, label: &str) -> LabelMatch {
        match_label(&self.tiers, label)
    }

    /// The exclusion an incident's cause names, if any.
    pub fn exclusion_for_cause(&self, cause: &str) -> Option<&Exclusion> {
        self.exclusions.iter().filter(|e| !is_maintenance_category(&e.category)).find(|e| e.matches_cause(cause))
    }

    /// The exclusion that excuses an incident with this cause for one
    /// promise: the promise's own first, then the contract's. The flag says
    /// whether the promise's own rule applied.
    pub fn exclusion_for_cause_in<'a>(
        &'a self,
        promise: &'a Availability,
        cause: &str,
    ) -> Option<(&'a Exclusion, bool)> {
        let own = promise
            .exclusions
            .iter()
            .filter(|e| !is_maintenance_category(&e.category))
            .find(|e| e.matches_cause(cause));
        own.map(|e| (e, true)).or_else(|| self.exclusion_for_cause(cause).map(|e| (e, false)))
    }

    /// Is this cause an exclusion anywhere in the contract: its own list or
    /// any promise's? (For the account of causes that matched nothing.)
    pub fn cause_is_known(&self, cause: &str) -> bool {
        self.exclusion_for_cause(cause).is_some()
            || self.availability.iter().any(|a| self.exclusion_for_cause_in(a, cause).is_some_and(|(_, own)| own))
    }

    /// The escalation thresholds that watch one clock of a tier: the tier's
    /// own that follow that clock, or, when it has none for it, the
    /// contract's that do. (A tier's `escalation on response` leaves the
    /// contract's thresholds on resolution in force for it.)
    pub fn escalation_for<'a>(
        &'a self,
        tier: &'a Tier,
        clock: TierClock,
    ) -> impl Iterator<Item = &'a EscalationThreshold> + 'a {
        let own = tier.escalation.iter().any(|e| e.follows(clock));
        let from = if own { &tier.escalation } else { &self.escalation };
        from.iter().filter(move |e| e.follows(clock))
    }

    /// The pause clauses that stop one clock of a tier: the tier's own that
    /// follow that clock, or, when it has none for it, the contract's that
    /// do (as [`Contract::escalation_for`]).
    pub fn pauses_for<'a>(&'a self, tier: &'a Tier, clock: TierClock) -> impl Iterator<Item = &'a Pause> + 'a {
        let own = tier.pauses.iter().any(|p| p.follows(clock));
        let from = if own { &tier.pauses } else { &self.pauses };
        from.iter().filter(move |p| p.follows(clock))
    }

    /// Whether `status` stops that clock of that tier.
    pub fn pauses_on(&self, tier: &Tier, clock: TierClock, status: &str) -> bool {
        self.pauses_for(tier, clock).any(|p| p.statuses.iter().any(|s| same_status(s, status)))
    }

    /// The update cadence of a tier: its own, else the contract's.
    pub fn cadence_for<'a>(&'a self, tier: &'a Tier) -> Option<&'a UpdateCadence> {
        tier.updates.as_ref().or(self.updates.as_ref())
    }

    /// The re-prioritisation rule in force, with the default applied.
    pub fn reprioritisation(&self) -> Reprioritisation {
        self.reprioritised.as_ref().map(|r| r.rule).unwrap_or_default()
    }
}

/// The contract's header: who, when, where.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub title: Option<String>,
    pub provider: Option<String>,
    pub customer: Option<String>,
    pub version: Option<String>,
    pub effective: Option<NaiveDate>,
    pub term: Option<Term>,
    /// The zone, read once by the checker; serialised as its IANA name.
    /// A contract without one has errors and is never evaluated.
    pub timezone: chrono_tz::Tz,
    pub timezone_span: Option<Span>,
    pub currency: Option<String>,
    pub value: Option<Money>,
    pub source: Option<String>,
    /// `underpins "bestsign-esign-platform"`: this is an internal agreement
    /// (an OLA) under the customer contract of that name, whose targets it
    /// must beat (lint `ola-not-stricter`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub underpins: Option<Underpins>,
}

/// The customer contract an internal agreement underpins, by the name its
/// `contract "..."` line gives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Underpins {
    pub contract: String,
    pub span: Span,
}

/// The contract term, both ends included; an open end runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub span: Span,
}

/// `service baas "区块链即服务 BaaS" { measured per instance }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    pub id: String,
    pub name: Option<String>,
    pub components: Vec<Component>,
    /// What availability is measured for: the service as a whole, each
    /// instance, or each component.
    pub measured: MeasuredBy,
    /// The fee for one period (one instance, where per instance).
    pub monthly_fee: Option<Money>,
    pub span: Span,
    pub citation: Option<Citation>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasuredBy {
    #[default]
    Service,
    Instance,
    Component,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Component {
    pub id: String,
    pub name: Option<String>,
    pub span: Span,
}

/// A support channel with its hours (`channel hotline "网站服务热线" { hours
/// hotline }`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Channel {
    pub id: String,
    pub name: Option<String>,
    pub hours: Option<ClockRef>,
    pub respond_within: Option<Seconds>,
    pub booking_notice: Option<Seconds>,
    pub note: Option<String>,
    pub span: Span,
    pub citation: Option<Citation>,
}

/// Text no machine checks, kept so the file can be the whole contract.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Prose {
    pub id: Option<String>,
    pub title: Option<String>,
    pub text: String,
    pub span: Span,
    pub citation: Option<Citation>,
}

/// A lint level written in an attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LintLevel {
    Allow,
    Warn,
    Deny,
}

/// `#[allow(missing-exclusions, reason = "...")]` on a clause, or
/// `#![allow(...)]` for the whole file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LintAttribute {
    pub level: LintLevel,
    /// Rule names or codes, each with its span.
    pub rules: Vec<(String, Span)>,
    pub reason: Option<String>,
    /// The clause it applies to; `None` for a whole-file attribute.
    pub scope: Option<Span>,
    pub span: Span,
}

#[cfg(test)]
mod tests {
    use super::Header;

    /// The zone is held as a `Tz` but written as the name the contract
    /// gave: every zone the checker accepts reads back to the same text, so
    /// the IR's JSON is what it was when the zone was a string.
    #[test]
    fn every_zone_is_written_as_the_name_it_was_read_from() {
        for zone in chrono_tz::TZ_VARIANTS {
            let name = zone.name();
            let parsed: chrono_tz::Tz = name.parse().unwrap_or_else(|e| panic!("{name}: {e}"));
            let header = Header { timezone: parsed, ..Header::default() };
            let json = serde_json::to_value(&header).unwrap_or_default();
            assert_eq!(json["timezone"], name);
            let back: Header = serde_json::from_value(json).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(back.timezone, parsed);
        }
    }
}
