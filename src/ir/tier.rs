//! Fault tiers: response and resolution limits, overrides, escalation.

use super::calendar::ClockRef;
use super::values::{Citation, Percent, Seconds};
use crate::source::Span;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One fault tier (`tier L1 "一级故障" { ... }`). Tiers are listed most
/// severe first: declaration order is severity order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tier {
    pub id: String,
    pub name: Option<String>,
    /// Severity labels that exports use for this tier (`"1"`, `"一级"`, `P0`).
    /// The id and the name match too.
    pub labels: Vec<String>,
    pub description: Option<String>,
    pub response: Option<Limit>,
    /// The resolution limit, or the advice limit for advisory tiers.
    pub resolution: Option<Limit>,
    pub resolution_kind: ResolutionKind,
    /// When the resolution (or advice) clock starts.
    #[serde(default)]
    pub resolution_from: ClockStart,
    /// `None`: the tier did not say, and the clock is `24x7` by default.
    pub clock: Option<ClockRef>,
    pub channel: Option<String>,
    pub responders: Vec<String>,
    pub notify: Vec<String>,
    /// Exclusion categories whose incidents are exempt from the resolution
    /// clock (`exempt third_party from resolution`).
    pub exempt_from_resolution: Vec<String>,
    pub overrides: Vec<TierOverride>,
    /// Tier-specific escalation thresholds; empty: the contract's.
    pub escalation: Vec<EscalationThreshold>,
    pub span: Span,
    pub citation: Option<Citation>,
    /// Tier-specific pause conditions; none for a clock: the contract's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pauses: Vec<super::pause::Pause>,
    /// `update every 1h while open`: the tier's own update cadence; `None`:
    /// the contract's, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updates: Option<super::updates::UpdateCadence>,
}

impl Tier {
    /// A tier with its id and nothing promised yet; the checker fills in
    /// what the clause says.
    pub fn new(id: impl Into<String>, span: Span) -> Tier {
        Tier {
            id: id.into(),
            name: None,
            labels: Vec::new(),
            description: None,
            response: None,
            resolution: None,
            resolution_kind: ResolutionKind::Resolve,
            resolution_from: ClockStart::Report,
            clock: None,
            channel: None,
            responders: Vec::new(),
            notify: Vec::new(),
            exempt_from_resolution: Vec::new(),
            overrides: Vec::new(),
            escalation: Vec::new(),
            span,
            citation: None,
            pauses: Vec::new(),
            updates: None,
        }
    }

    /// The clock the tier's limits run on, with the default applied.
    pub fn clock_or_default(&self) -> ClockRef {
        self.clock.clone().unwrap_or(ClockRef::Always)
    }
}

/// A time limit with the span it was written at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limit {
    pub seconds: Seconds,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResolutionKind {
    /// Service restored (`resolve within 2h`).
    Resolve,
    /// A proposed solution given (`advise within 24h`).
    Advise,
}

/// The moment a resolution clock starts from (`resolve within 2h from
/// confirmation` [seed 003 1.2.1: 解决时间 runs from 问题确认]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockStart {
    /// From the report (`opened_at`), as the response clock.
    #[default]
    Report,
    /// From the provider's confirmation of the problem. Event files carry no
    /// confirmation time yet, so evaluation measures from `opened_at`, which
    /// is never later.
    Confirmation,
}

/// Limits that replace a tier's own for a range of dates (`override
/// 2025-06-01..2025-06-18 "618" { respond within 10min }`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TierOverride {
    pub name: Option<String>,
    /// First and last local date, both included.
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub response: Option<Limit>,
    pub resolution: Option<Limit>,
    pub span: Span,
    pub citation: Option<Citation>,
}

/// `at 80% "预警"`: when a running clock reaches this share of its limit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationThreshold {
    pub at: Percent,
    pub action: Option<String>,
    /// The clock whose share is measured (`escalation on resolution`).
    #[serde(default)]
    pub clock: EscalationClock,
    /// Whether the clause wrote its clock (`on ...`) or left the default.
    #[serde(default)]
    pub clock_written: bool,
    pub span: Span,
    pub citation: Option<Citation>,
}

impl EscalationThreshold {
    /// Does this threshold watch the given clock?
    pub fn follows(&self, clock: TierClock) -> bool {
        match self.clock {
            EscalationClock::Both => true,
            EscalationClock::Response => clock == TierClock::Response,
            EscalationClock::Resolution => clock == TierClock::Resolution,
        }
    }
}

/// Which of a tier's clocks an `escalation` block follows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EscalationClock {
    /// No `on` (or `on both`): the response and the resolution clock.
    #[default]
    Both,
    /// `escalation on response`.
    Response,
    /// `escalation on resolution`: the resolution clock, or the advice
    /// clock of an advisory tier.
    Resolution,
}

impl EscalationClock {
    /// As the report and the language write it.
    pub fn name(self) -> &'static str {
        match self {
            EscalationClock::Both => "both",
            EscalationClock::Response => "response",
            EscalationClock::Resolution => "resolution",
        }
    }
}

/// One of an incident's two clocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TierClock {
    Response,
    /// Resolution, or advice for an advisory tier.
    Resolution,
}
