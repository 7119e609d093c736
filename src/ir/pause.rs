//! Pause conditions (`pause resolution when status "等待客户反馈"`) and the
//! rule for incidents whose severity changes (`reprioritised from start`).

use super::tier::TierClock;
use super::values::Citation;
use crate::source::Span;
use serde::{Deserialize, Serialize};

/// `pause resolution when status "Waiting for customer", "等待客户反馈"`:
/// while an incident's status is one of these, the clock does not run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    pub clock: PauseClock,
    /// The statuses as written; compared trimmed and ignoring ASCII case.
    pub statuses: Vec<String>,
    /// Where each status is written, for the checker's messages.
    #[serde(skip)]
    pub status_spans: Vec<Span>,
    pub span: Span,
    pub citation: Option<Citation>,
}

impl Pause {
    /// Does this clause stop the given clock?
    pub fn follows(&self, clock: TierClock) -> bool {
        match self.clock {
            PauseClock::Both => true,
            PauseClock::Response => clock == TierClock::Response,
            PauseClock::Resolution => clock == TierClock::Resolution,
        }
    }
}

/// Which clock a `pause` clause stops.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PauseClock {
    /// `pause when status ...`: both clocks.
    #[default]
    Both,
    /// `pause response when status ...`.
    Response,
    /// `pause resolution when status ...` (the advice clock of an advisory
    /// tier too).
    Resolution,
}

impl PauseClock {
    /// As the language writes it.
    pub fn name(self) -> &'static str {
        match self {
            PauseClock::Both => "both",
            PauseClock::Response => "response",
            PauseClock::Resolution => "resolution",
        }
    }
}

/// Two statuses are the same status when they are equal once trimmed,
/// ignoring ASCII case (`Waiting for Customer` is `waiting for customer`;
/// Chinese text is compared as written).
pub fn same_status(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// How a clock is judged when the incident's severity moves it to another
/// tier while the clock runs (`reprioritised from start`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reprioritisation {
    /// As if the incident had always been of the new tier: the new tier's
    /// limit, calendar and pauses, measured from the opening. The default,
    /// as Jira Service Management recalculates and ServiceNow's
    /// retroactive start do.
    #[default]
    FromStart,
    /// The clock starts again at the change, under the new tier's limit,
    /// calendar and pauses; the old tier's clock is cancelled.
    FromChange,
}

impl Reprioritisation {
    /// As the language and the report write it.
    pub fn name(self) -> &'static str {
        match self {
            Reprioritisation::FromStart => "from start",
            Reprioritisation::FromChange => "from change",
        }
    }
}

/// The contract's `reprioritised from ...` clause.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReprioritisationRule {
    pub rule: Reprioritisation,
    pub span: Span,
    pub citation: Option<Citation>,
}
