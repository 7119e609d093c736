//! Availability and durability promises.

use super::denominator::TotalMinutes;
use super::eligibility::Eligibility;
use super::exclusion::{Exclusion, MaintenancePolicy};
use super::values::{Citation, Percent, PeriodKind, Seconds};
use crate::source::Span;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// `availability esign { target 99.99% ... }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Availability {
    /// The service the promise is about.
    pub service: String,
    pub target: Percent,
    pub target_span: Span,
    /// `None` where the contract is silent: evaluation uses the default and
    /// the linter says so. The same holds for every `Option` policy below.
    pub period: Option<PeriodKind>,
    pub partial: Option<PartialPolicy>,
    pub minute_rule: Option<MinuteRule>,
    /// A minute with no probe samples: available unless the contract says
    /// `missing data counts as down`.
    pub missing_data_down: bool,
    pub minimum_outage: Option<Seconds>,
    pub formula: Option<Formula>,
    /// Prose claims about the error budget, to be checked against the target.
    pub budget_claims: Vec<BudgetClaim>,
    pub span: Span,
    pub citation: Option<Citation>,
    /// `set down when all instances are down`: how the instances of a
    /// service measured as a whole make it down. `None`: as before, any
    /// record of any instance, and probe rows of every instance added up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_down: Option<SetRule>,
    /// `outages by duration over 60s`: each outage measured by its own
    /// length rather than by the grid minutes it touches. `None`: the grid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outages: Option<OutageMeasure>,
    /// Exclusions written inside this promise's block: they excuse minutes
    /// of this promise only, on top of the contract's (`exclusions { .. }`
    /// inside `availability`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exclusions: Vec<Exclusion>,
    /// Maintenance notice rules written inside this promise's block; where
    /// one is silent, the contract's policy decides.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maintenance: Option<MaintenancePolicy>,
    /// `covers when ...`: the promise covers a series only in periods where
    /// every condition holds on the inventory; otherwise "not covered".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub eligibility: Vec<Eligibility>,
    /// `total minutes ...`: T from the inventory rather than the calendar
    /// period; `None`: the period's minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_minutes: Option<TotalMinutes>,
    /// `slice clock hour down over 6min no charge`: the period cut into
    /// slices on the contract's local clock, each bad when its down minutes
    /// pass a threshold, with the remedy a bad slice earns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slices: Option<SliceRule>,
    /// `per region`: the promise is judged for each region the incident
    /// rows name, each (service, region) cell with its own ledger and credit.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub per_region: bool,
}

/// Sub-period slices: how long a slice is, when it is bad, what it earns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SliceRule {
    pub size: SliceSize,
    /// A slice with more down minutes than this is bad.
    pub over_minutes: i64,
    /// `no charge`: a bad slice's share of the monthly fee is credited.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_charge: bool,
}

/// The length of a slice, on the contract's local clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SliceSize {
    /// Whole minutes that divide an hour (1, 5, 15, 60 ...): slices start
    /// at the local hour and every `n` minutes after it.
    Minutes(u32),
    /// The local calendar day, as long as it is (23 or 25 hours on a DST
    /// change).
    Day,
}

impl SliceSize {
    /// `clock hour`, `5 minutes`, `minute`, `day`.
    pub fn text(self) -> String {
        match self {
            SliceSize::Minutes(60) => "clock hour".into(),
            SliceSize::Minutes(1) => "minute".into(),
            SliceSize::Minutes(n) => format!("{n} minutes"),
            SliceSize::Day => "day".into(),
        }
    }

    /// The plural used for a count of slices: `clock hours`, `days`.
    pub fn plural(self) -> String {
        match self {
            SliceSize::Minutes(60) => "clock hours".into(),
            SliceSize::Minutes(1) => "minutes".into(),
            SliceSize::Minutes(n) => format!("{n}-minute slices"),
            SliceSize::Day => "days".into(),
        }
    }
}

impl SliceRule {
    /// `clock hour down over 6min`, as the ledger names the rule.
    pub fn text(&self) -> String {
        let remedy = if self.no_charge { ", no charge" } else { "" };
        format!("{} down over {}min{remedy}", self.size.text(), self.over_minutes)
    }
}

/// How an outage's minutes are counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "by")]
pub enum OutageMeasure {
    /// Every minute an interval touches is down (the default).
    MinuteGrid,
    /// An outage's length is its end minus its start, rounded up to whole
    /// minutes; one no longer than `over` is not counted.
    Duration {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        over: Option<Seconds>,
    },
}

/// When a service measured as a whole (a set of instances) is down in a
/// minute, judged the same way for incidents, maintenance and probes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SetRule {
    /// Down while any one instance is down.
    Any,
    /// Down only while every instance is down: up while one is up.
    All,
}

impl SetRule {
    /// The rule as the contract writes it, for the report.
    pub fn text(self) -> &'static str {
        match self {
            SetRule::Any => "down when any instance is down",
            SetRule::All => "down when all instances are down",
        }
    }
}

impl Availability {
    /// Does this promise carry rules of its own about what is excused?
    pub fn has_scoped_rules(&self) -> bool {
        !self.exclusions.is_empty() || self.maintenance.is_some()
    }

    /// How the report names this promise as the owner of a rule:
    /// `availability vm` or `availability vm (§ 2.1)`.
    pub fn scope_name(&self) -> String {
        match &self.citation {
            Some(c) => format!("availability {} (§ {})", self.service, c.section),
            None => format!("availability {}", self.service),
        }
    }

    pub fn period_or_default(&self) -> PeriodKind {
        self.period.unwrap_or(PeriodKind::Month)
    }

    pub fn partial_or_default(&self) -> PartialPolicy {
        self.partial.unwrap_or(PartialPolicy::Skipped)
    }

    pub fn minute_rule_or_default(&self) -> MinuteRule {
        self.minute_rule.unwrap_or(MinuteRule::SuccessBelow(Percent(Decimal::from(90))))
    }

    /// The minimum run of unexcused minutes that counts, in minutes.
    pub fn minimum_outage_minutes(&self) -> i64 {
        self.minimum_outage.map(|s| (s.0 + 59) / 60).unwrap_or(1).max(1)
    }

    pub fn formula_or_default(&self) -> Formula {
        self.formula.unwrap_or(Formula::ExcludingExcused)
    }
}

/// How a period cut by the contract term or the evaluated range is treated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartialPolicy {
    /// Not evaluated; reported as skipped.
    Skipped,
    /// Evaluated with the whole period's minutes as T.
    AsWhole,
}

/// When a minute is down by its probe samples.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "threshold")]
pub enum MinuteRule {
    /// Down when `ok / total` is below the threshold (exactly at it is up).
    SuccessBelow(Percent),
    /// Down only when every attempt failed (`total > 0 && ok == 0`).
    AllAttemptsFail,
}

/// The availability formula.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Formula {
    /// `available / (available + unavailable)`: `(T - E - U) / (T - E)`.
    ExcludingExcused,
    /// `(total - unavailable) / total`: `(T - U) / T`.
    OverTotal,
}

/// "at most 21.6 minutes a month": a claim that should follow from the
/// target.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetClaim {
    /// The budget in whole seconds (rounded down when `exact` is given).
    pub at_most: Seconds,
    /// The budget in seconds exactly, where it is not a whole number of
    /// seconds: `4.32min` (99.99% of a 30-day month) is 259.2 s.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exact: Option<Decimal>,
    pub per: PeriodKind,
    pub span: Span,
    pub citation: Option<Citation>,
    /// `assuming 30 days`: the length of period the agreement computed the
    /// budget for; the budget is compared with that length only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumes_days: Option<u32>,
}

/// `durability esign { target 99.99999999% per month }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Durability {
    pub service: String,
    pub target: Percent,
    pub target_span: Span,
    pub period: Option<PeriodKind>,
    pub partial: Option<PartialPolicy>,
    /// What is counted: `objects`, `disks`.
    pub unit: Option<String>,
    /// "at most 1 in 10^10 per month".
    pub one_in: Option<OneInClaim>,
    pub span: Span,
    pub citation: Option<Citation>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OneInClaim {
    #[serde(with = "rust_decimal::serde::str")]
    pub n: Decimal,
    pub span: Span,
    pub citation: Option<Citation>,
}
