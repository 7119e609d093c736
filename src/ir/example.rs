//! `example` blocks: a few events written into the contract and the
//! verdicts the contract must give on them. `slac test` runs them; the
//! evaluation of the contract never reads them.

use super::{Citation, Money, Percent, Seconds};
use crate::source::Span;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// `example "5-minute blip is not counted" § "4.8" { ... }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Example {
    pub name: String,
    /// The event files the example stands for, in the order written.
    pub events: Vec<ExampleEvents>,
    /// The instant clocks are read at, local time in the contract's zone.
    pub as_of: Option<NaiveDateTime>,
    /// First and last month to evaluate (`2025-03`).
    pub from: Option<String>,
    pub to: Option<String>,
    pub expectations: Vec<Expectation>,
    /// The example's name, where a message about the whole example points.
    pub span: Span,
    pub citation: Option<Citation>,
    /// `value CNY 100000.00`: the contract's total value, for a contract
    /// that leaves it to the events (as `slac eval --contract-value`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract_value: Option<Money>,
}

/// `incidents """ ... """`: one input written inline, in slac's own
/// schema (`docs/inputs.md`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExampleEvents {
    /// The input it is given as: `incidents`, `maintenance`, `probes`,
    /// `usage`, `metrics`.
    pub input: String,
    /// `csv` (the default), `json` or `ndjson`.
    pub format: String,
    pub text: String,
    /// The quoted text in the source, quotes included.
    pub span: Span,
}

/// One `expect` line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expectation {
    pub expect: Expect,
    pub span: Span,
}

/// What an `expect` line checks in the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Expect {
    /// `expect availability esign 2025-03 met, unavailable 0min`.
    Availability { service: String, instance: Option<String>, period: String, checks: Vec<AvailabilityCheck> },
    /// `expect incident INC-1 response met, resolution breached over 5min`.
    Incident { id: String, checks: Vec<IncidentCheck> },
    /// `expect credit esign 2025-03 CNY 120.00`; no amount: `expect no
    /// credit esign 2025-03`.
    Credit { service: String, instance: Option<String>, period: String, amount: Option<Money> },
    /// `expect penalty late_resolution CNY 500.00`: the penalty's total.
    Penalty { penalty: String, total: Money },
    /// `expect verdict met`: every evaluated commitment was met.
    Verdict { met: bool },
    /// `expect error "opened_at"`: the example's events are refused, with
    /// a message containing the text.
    Error { containing: Option<String> },
}

/// One item of an `expect availability` line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AvailabilityCheck {
    /// `met`, `missed`, `skipped` or `not_covered`.
    Status(String),
    /// `unavailable 5min`: minutes of counted outage runs.
    Unavailable(Seconds),
    /// `excused 30min`: down minutes an exclusion excused.
    Excused(Seconds),
    /// `percent 99.9537%`: the achieved ratio as the report shows it.
    Percent(Percent),
}

/// One item of an `expect incident` line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IncidentCheck {
    /// `tier L1`: the tier the incident was judged by.
    Tier(String),
    /// `response met`, `resolution deadline 2025-03-11 10:00`.
    Clock { clock: ExampleClock, check: ClockCheck },
    /// `updates missed 2`: the update cadence's status (`met`, `missed`,
    /// `open`, `not_measured`) and, when given, how many gaps were missed.
    Updates { status: String, missed: Option<u32> },
}

/// Which clock of an incident.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExampleClock {
    Response,
    /// The resolution clock (an advisory tier's advice clock too).
    Resolution,
}

impl ExampleClock {
    pub fn word(self) -> &'static str {
        match self {
            ExampleClock::Response => "response",
            ExampleClock::Resolution => "resolution",
        }
    }
}

/// What is checked on one clock.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockCheck {
    /// `met`, `breached`, `open`, `exempt` or `paused`.
    Status(String),
    /// `paused for 30min`: the clock's open time its pauses took.
    PausedFor(Seconds),
    /// `deadline 2025-03-11 10:00`, local time.
    Deadline(NaiveDateTime),
    /// `over 5min`: business time beyond the limit.
    Over(Seconds),
}
