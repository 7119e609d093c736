//! The canonical event records `slac eval` works on (see `docs/inputs.md`).
//!
//! Every reader, whatever file format or export it reads, produces these.
//! Timestamps are instants (UTC); the evaluator puts them on the contract's
//! wall-clock grid. Each record remembers where it was read from, so that a
//! report or an error can point back at the row.

use crate::report::RowLocation;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// Where a record came from: a file and a line (CSV, NDJSON) or a JSON
/// pointer (JSON arrays and documents).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct RowRef {
    pub file: Arc<str>,
    /// 1-based line of the row (CSV: the row's first line; NDJSON: its line).
    pub line: Option<u64>,
    /// JSON pointer to the record, for JSON documents (`/incidents/3`).
    pub pointer: Option<String>,
}

/// Shown as the report shows it: `file:line` or `file at /pointer`.
impl fmt::Display for RowRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        RowLocation::from(self).fmt(f)
    }
}

/// The report's copy of a row reference (the report names no event type).
impl From<&RowRef> for RowLocation {
    fn from(r: &RowRef) -> Self {
        RowLocation { file: r.file.clone(), line: r.line, pointer: r.pointer.clone() }
    }
}

/// A text field of an incident. Shared, not owned: a reader gives every
/// row naming the same service or severity one copy of the name, and a
/// million incidents are held in a third less memory than as `String`s
/// (docs/performance.md, "A million incidents").
pub type Text = Arc<str>;

/// What an incident did to the service.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// Counts toward availability.
    Outage,
    Degraded,
    #[default]
    None,
}

/// A fault report (`--incidents`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Incident {
    pub id: Text,
    pub service: Option<Text>,
    pub severity: Option<Text>,
    pub opened_at: DateTime<Utc>,
    pub responded_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub impact: Impact,
    pub source: RowRef,
    /// The fields most rows leave empty, out of line: `None` when all are
    /// (see [`RareFields::boxed`]). A million incidents take a quarter
    /// less memory than with the four in every row.
    #[serde(default, flatten, skip_serializing_if = "Option::is_none")]
    pub rare: Option<Box<RareFields>>,
}

/// An incident's fields that most exports leave empty.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RareFields {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub instance: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cause: Option<Text>,
    /// Set on an outage window of another incident (the id of that
    /// incident): a status page incident that took two components down for
    /// different spans is one incident with two windows. A window counts
    /// toward availability; its response and resolution clocks are the
    /// other incident's, so it is not judged on a tier of its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outage_of: Option<Text>,
    /// The customer's region (`EMEA`), for a tier whose clock is chosen by
    /// region (`clock by region { ... }`); optional column `region`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Text>,
}

impl RareFields {
    /// The fields, boxed, or `None` when all are empty.
    pub fn boxed(self) -> Option<Box<RareFields>> {
        (self != RareFields::default()).then(|| Box::new(self))
    }
}

impl Incident {
    pub fn instance(&self) -> Option<&str> {
        self.rare.as_ref().and_then(|r| r.instance.as_deref())
    }

    pub fn cause(&self) -> Option<&str> {
        self.rare.as_ref().and_then(|r| r.cause.as_deref())
    }

    /// The incident this row is an outage window of.
    pub fn outage_of(&self) -> Option<&str> {
        self.rare.as_ref().and_then(|r| r.outage_of.as_deref())
    }

    pub fn region(&self) -> Option<&str> {
        self.rare.as_ref().and_then(|r| r.region.as_deref())
    }
}

/// What a [`StatusChange`] changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangedField {
    /// The incident's workflow status (`In Progress` to `Waiting for
    /// customer`): what pauses a clock.
    #[default]
    Status,
    /// Its severity or priority (`P3` to `P1`): what moves it to another
    /// tier.
    Severity,
}

/// One change in an incident's history (`--status-changes`): at `at`,
/// `field` went from `from` to `to`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub incident: String,
    pub at: DateTime<Utc>,
    pub field: ChangedField,
    /// The value before; absent when the history does not say.
    pub from: Option<String>,
    pub to: String,
    pub source: RowRef,
}

/// One update about an incident (`--updates`): a comment, a status-page
/// post, a note, sent or written at `at`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentUpdate {
    pub incident: String,
    pub at: DateTime<Utc>,
    /// What kind of update, as the file writes it (`customer`, `public`,
    /// `internal`); `None`: the file does not say.
    pub kind: Option<String>,
    pub source: RowRef,
}

/// The one kind of update the customer does not see.
pub const INTERNAL_UPDATE: &str = "internal";

impl IncidentUpdate {
    /// Did the customer see it? Every update is customer-facing but an
    /// `internal` one (compared trimmed, ignoring ASCII case): a file of
    /// updates lists what was sent unless it says otherwise.
    pub fn customer_facing(&self) -> bool {
        !self.kind.as_deref().is_some_and(|k| k.trim().eq_ignore_ascii_case(INTERNAL_UPDATE))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaintenanceKind {
    Planned,
    Emergency,
}

/// A maintenance window actually used (`--maintenance`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaintenanceRecord {
    pub id: String,
    pub service: Option<String>,
    pub instance: Option<String>,
    pub kind: MaintenanceKind,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub announced_at: DateTime<Utc>,
    /// `false` when the record says `impact none`: the service stayed up.
    pub downtime: bool,
    pub source: RowRef,
}

/// Probe counts for one minute (`--probes`). Rows for the same service,
/// instance and minute add up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProbeSample {
    /// The instant the sample is for (any second inside the minute).
    pub ts: DateTime<Utc>,
    pub service: Option<Arc<str>>,
    pub instance: Option<Arc<str>>,
    pub ok: u64,
    pub total: u64,
    /// The region, for a promise judged `per region`; optional column
    /// `region`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Arc<str>>,
}

/// Fees and durability counts for a period (`--usage`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsageRow {
    /// The first day of the period's first month, as `YYYY-MM`.
    pub period: String,
    pub service: Option<String>,
    pub instance: Option<String>,
    pub monthly_fee: Option<crate::ir::Money>,
    pub objects_total: Option<u64>,
    pub objects_lost: Option<u64>,
    pub source: RowRef,
    /// Parts of the period's fee a credit basis may leave out (`basis
    /// monthly_fee excluding vouchers, coupons, upfront`), and the fees paid
    /// (`cap 100% of fees_paid`).
    #[serde(default, skip_serializing_if = "FeeParts::is_empty")]
    pub fee_parts: FeeParts,
}

/// Amounts of a usage row beside its fee: paid with vouchers or coupons,
/// paid up front, and paid in all.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeParts {
    pub vouchers: Option<crate::ir::Money>,
    pub coupons: Option<crate::ir::Money>,
    pub upfront: Option<crate::ir::Money>,
    pub paid: Option<crate::ir::Money>,
}

impl FeeParts {
    pub fn is_empty(&self) -> bool {
        self == &FeeParts::default()
    }

    /// The amount of one adjustment, if the row gives it.
    pub fn get(&self, adjustment: crate::ir::FeeAdjustment) -> Option<&crate::ir::Money> {
        match adjustment {
            crate::ir::FeeAdjustment::Vouchers => self.vouchers.as_ref(),
            crate::ir::FeeAdjustment::Coupons => self.coupons.as_ref(),
            crate::ir::FeeAdjustment::Upfront => self.upfront.as_ref(),
        }
    }
}

/// One instance a customer runs (`--inventory`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InventoryRow {
    pub service: Option<String>,
    pub instance: String,
    /// The availability zone it is deployed in.
    pub zone: Option<String>,
    /// The availability set it belongs to.
    pub set: Option<String>,
    /// Its storage kind (`premium`, `standard`).
    pub storage: Option<String>,
    /// When it was started and stopped; absent: before and after any
    /// evaluated range.
    pub started: Option<DateTime<Utc>>,
    pub stopped: Option<DateTime<Utc>>,
    pub source: RowRef,
}

/// A measured figure for a general objective (`--metrics`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetricRow {
    pub period: String,
    pub objective: String,
    pub service: Option<String>,
    #[serde(with = "rust_decimal::serde::str")]
    pub value: Decimal,
    pub unit: Option<String>,
    pub source: RowRef,
}
