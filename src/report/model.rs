//! The report `slac eval` produces: one serde model, rendered as a table,
//! JSON, Markdown or CSV. The JSON form is stable and documented in
//! `docs/report.md`; exact numbers are strings.

use super::status::{ClockKind, ClockStatus, DurabilityStatus, ObjectiveStatus, PeriodStatus, UpdatesStatus};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::Arc;

/// Everything one evaluation found.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Report {
    pub report_version: u32,
    pub contract: ContractInfo,
    /// The instant clocks were read at, RFC 3339 in the contract's zone.
    pub as_of: String,
    /// First and last month evaluated (`YYYY-MM`).
    pub from: String,
    pub to: String,
    pub inputs: Vec<InputSummary>,
    pub availability: Vec<AvailabilityLedger>,
    pub durability: Vec<DurabilityLedger>,
    /// Spooled to a temporary file when there are many (`incidents.rs`).
    pub incidents: super::incidents::IncidentList,
    pub credits: Vec<CreditLine>,
    pub entitlements: Vec<EntitlementLine>,
    pub penalties: Vec<PenaltyLine>,
    pub penalty_totals: Vec<PenaltyTotal>,
    pub liability: Vec<LiabilityLine>,
    pub objectives: Vec<ObjectiveLine>,
    pub totals: Totals,
    /// Causes on incidents that are no exclusion of the contract.
    pub unmatched_causes: Vec<UnmatchedCause>,
    pub notes: Vec<String>,
    pub verdict: Verdict,
    /// The versions of a contract with amendments, each with the dates it
    /// is in force; empty (and left out) for a contract without.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<TermsInForce>,
}

/// One version of an amended contract: `original` or an amendment.
#[derive(Clone, Debug, Default, Serialize)]
pub struct TermsInForce {
    pub terms: String,
    /// First day in force (`YYYY-MM-DD`); `None` for the original.
    pub from: Option<String>,
    /// Last day in force; `None` for the last version.
    pub to: Option<String>,
    /// The amendment's citation.
    pub citation: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct ContractInfo {
    pub id: String,
    pub title: Option<String>,
    pub provider: Option<String>,
    pub customer: Option<String>,
    pub timezone: String,
    pub currency: Option<String>,
    pub file: String,
}

/// Which input a file was given as; in JSON `incidents`, `maintenance`,
/// `probes`, `usage`, `metrics`, `status_changes`, `updates`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    #[default]
    Incidents,
    Maintenance,
    Probes,
    Usage,
    Metrics,
    StatusChanges,
    Updates,
    Inventory,
}

impl InputKind {
    pub fn name(self) -> &'static str {
        match self {
            InputKind::Incidents => "incidents",
            InputKind::Maintenance => "maintenance",
            InputKind::Probes => "probes",
            InputKind::Usage => "usage",
            InputKind::Metrics => "metrics",
            InputKind::StatusChanges => "status_changes",
            InputKind::Updates => "updates",
            InputKind::Inventory => "inventory",
        }
    }
}

impl std::fmt::Display for InputKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// What was read from one input file: a ledger that reconciles,
/// `rows_read == records + rows_skipped` (see `docs/report.md`).
#[derive(Clone, Debug, Default, Serialize)]
pub struct InputSummary {
    pub kind: InputKind,
    pub file: String,
    pub format: String,
    /// Source rows read: CSV rows, NDJSON lines, JSON array elements, an
    /// export's incidents and maintenances.
    pub rows_read: u64,
    /// Source rows used: each gave the evaluation one record (and maybe
    /// derived ones).
    pub records: u64,
    /// Records derived from used rows beyond their own: the outage
    /// window of each component a Statuspage incident took down, the
    /// copy for each further service a record names.
    pub records_derived: u64,
    /// Source rows set aside, each for one reason.
    pub rows_skipped: u64,
    /// How the records were used, e.g. `outages: 7`, `tier incidents: 10`;
    /// in JSON `[{"what": "outages", "count": 7}, ...]`.
    #[serde(serialize_with = "uses")]
    pub used: Vec<(String, u64)>,
    /// The rows set aside, one entry a row, in file order; the first
    /// thousand or so (the notes count the rest).
    pub skipped: Vec<SkippedRow>,
    /// Counts and remarks about the file: records set aside by reason,
    /// derived records not used, rows skipped but not listed.
    pub notes: Vec<String>,
}

impl InputSummary {
    /// A row set aside: counted, and kept for the list.
    pub fn skip(&mut self, row: SkippedRow) {
        self.rows_skipped += 1;
        self.skipped.push(row);
    }

    /// Puts the listed rows in file order, keeps the first `max`, and
    /// says in the notes how many more there are.
    pub fn finish(&mut self, max: usize) {
        self.skipped.sort_by_key(SkippedRow::position);
        self.skipped.truncate(max);
        let unlisted = self.rows_skipped.saturating_sub(self.skipped.len() as u64);
        if unlisted > 0 {
            self.notes.push(format!("{unlisted} more skipped row(s) are not listed (the first {max} are)"));
        }
    }
}

/// `used` as objects, not as anonymous pairs.
fn uses<S: serde::Serializer>(used: &[(String, u64)], s: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Use<'a> {
        what: &'a str,
        count: u64,
    }
    s.collect_seq(used.iter().map(|(what, count)| Use { what, count: *count }))
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct SkippedRow {
    /// In JSON `incidents.csv:7` or `events.json at /3`.
    pub location: RowLocation,
    pub reason: String,
}

impl SkippedRow {
    /// Where in its file the row is, for listing rows in file order: the
    /// line, then the index a JSON pointer starts with.
    pub fn position(&self) -> (u64, u64) {
        let index = self.location.pointer.as_deref().and_then(|p| p.split('/').find(|s| !s.is_empty()));
        (self.location.line.unwrap_or(0), index.and_then(|i| i.parse().ok()).unwrap_or(0))
    }
}

/// Where a row of an input file is: the file, and the row's line (CSV,
/// NDJSON) or JSON pointer (`/incidents/3`). Shown and serialised as
/// `file:line` or `file at /pointer`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct RowLocation {
    pub file: Arc<str>,
    pub line: Option<u64>,
    pub pointer: Option<String>,
}

impl fmt::Display for RowLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(p) = &self.pointer {
            write!(f, " at {p}")?;
        }
        Ok(())
    }
}

impl Serialize for RowLocation {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// An exact ratio with its truncated display.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Ratio {
    pub numerator: i64,
    pub denominator: i64,
    /// The ratio as a percentage, truncated (never rounded up) to 4 places.
    pub percent: String,
}

/// One period of one availability promise for one service or instance.
#[derive(Clone, Debug, Default, Serialize)]
pub struct AvailabilityLedger {
    pub service: String,
    pub instance: Option<String>,
    pub period: String,
    pub status: PeriodStatus,
    pub in_progress: bool,
    /// Why the period is partial (cut by the term or the evaluated range).
    pub partial: Option<String>,
    pub target: String,
    pub formula: String,
    /// T: the period's minutes.
    pub total_minutes: i64,
    /// E: down minutes an exclusion excused.
    pub excused_minutes: i64,
    /// U: minutes of counted outage runs.
    pub unavailable_minutes: i64,
    /// `None` when the period has no ratio (skipped, or T - E = 0).
    pub ratio: Option<Ratio>,
    /// Minutes the target allows, exactly.
    #[serde(with = "rust_decimal::serde::str_option")]
    pub allowed_minutes: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub remaining_minutes: Option<Decimal>,
    pub counted_runs: Vec<Run>,
    pub short_runs: Vec<Run>,
    pub short_run_minutes: i64,
    pub excused: Vec<ExcusedInterval>,
    pub maintenance_not_excused: Vec<MaintenanceNote>,
    pub citation: Option<String>,
    /// The terms that judged it (`original` or an amendment's name); only
    /// in the report of a contract with amendments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terms: Option<String>,
    /// How a set's instances made it down (`set down when ...`), with the
    /// instances judged: "down when all instances are down (i-1, i-2)".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set_rule: Option<String>,
    /// Why the promise does not cover this series in this period (status
    /// `not_covered`): the `covers when` condition the inventory fails.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_covered: Option<String>,
    /// How T was derived when the contract does not take the calendar
    /// period (`total minutes ...`): "days purchased: 15 day(s) from ...".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_from: Option<String>,
    /// `slice clock hour down over 6min`: the slices of the period that
    /// were bad. Left out when the promise has no slice rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slices: Option<SliceLedger>,
    /// `per region`: the region this ledger is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

/// The bad slices of one period under a promise's slice rule.
#[derive(Clone, Debug, Default, Serialize)]
pub struct SliceLedger {
    /// The rule: `clock hour down over 6min, no charge`.
    pub rule: String,
    /// How many slices were bad.
    pub bad_slices: u32,
    /// Each bad slice, in time order.
    pub bad: Vec<BadSlice>,
}

/// A slice with more down minutes than its rule allows.
#[derive(Clone, Debug, Default, Serialize)]
pub struct BadSlice {
    /// Start and end on the contract's local clock (RFC 3339).
    pub start: String,
    pub end: String,
    /// The slice's length in minutes (a local day may be 1,380 or 1,500).
    pub minutes: i64,
    /// Its counted down minutes inside the period.
    pub down_minutes: i64,
}

/// A run of consecutive unexcused down minutes.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Run {
    pub start: String,
    pub end: String,
    /// Length of the whole run (it may reach into other periods).
    pub minutes: i64,
    /// Minutes of the run inside this period.
    pub minutes_in_period: i64,
    /// What made the minutes down: `incident A2`, `maintenance M2`, `probes`.
    /// Shared with the other runs of the same cause.
    pub causes: Vec<std::sync::Arc<str>>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct ExcusedInterval {
    pub start: String,
    pub end: String,
    /// Down minutes inside this period that the exclusion excused.
    pub minutes_in_period: i64,
    /// The exclusion and the record: `force_majeure (incident A6)`.
    pub rule: String,
    pub citation: Option<String>,
    /// The promise whose own rule excused it (`availability vm (§ 2.1)`);
    /// absent when the rule is the contract's, for every promise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct MaintenanceNote {
    pub id: String,
    pub start: String,
    pub end: String,
    pub reason: String,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct DurabilityLedger {
    pub service: String,
    pub instance: Option<String>,
    pub period: String,
    pub status: DurabilityStatus,
    pub target: String,
    pub objects_total: Option<u64>,
    pub objects_lost: Option<u64>,
    pub ratio: Option<Ratio>,
    pub note: Option<String>,
    pub citation: Option<String>,
    /// The terms that judged it (`original` or an amendment's name); only
    /// in the report of a contract with amendments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terms: Option<String>,
}

/// One incident judged against its tier.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct IncidentReport {
    pub id: String,
    pub source: String,
    pub service: Option<String>,
    pub instance: Option<String>,
    pub severity: Option<String>,
    pub tier: Option<String>,
    pub tier_name: Option<String>,
    pub opened_at: String,
    pub cause: Option<String>,
    /// The override whose dates decided the limits.
    pub override_name: Option<String>,
    /// `24x7` or the calendar's id.
    pub clock: Option<String>,
    pub response: Option<ClockResult>,
    pub resolution: Option<ClockResult>,
    pub citation: Option<String>,
    /// The terms that judged it (`original` or an amendment's name); only
    /// in the report of a contract with amendments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terms: Option<String>,
    /// The incident's moves from tier to tier after its opening, from its
    /// severity changes, in time order; omitted when there were none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tier_history: Vec<TierChange>,
    /// The update cadence, judged on the customer-facing updates; omitted
    /// when the incident's tier has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updates: Option<UpdatesResult>,
}

/// An incident's update cadence (`update every 1h while open`).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct UpdatesResult {
    /// The longest a gap may be, in business seconds of the tier's clock.
    pub every_seconds: i64,
    /// The longest the first update may take, when the cadence says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_within_seconds: Option<i64>,
    /// A cadence in business days, as written (`2 business days`): each gap
    /// is then held to a deadline instant and `every_seconds` is nominal
    /// (24 h a day); omitted for open time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub every_rule: Option<String>,
    /// The same for a first-update limit in business days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_within_rule: Option<String>,
    pub status: UpdatesStatus,
    /// Where the obligation starts: the opening, or under `reprioritised
    /// from change` the change that set the tier.
    pub measured_from: String,
    /// Where it stops: the resolution, or as_of when still open.
    pub measured_until: String,
    /// Customer-facing updates within the run (a stretch between two of
    /// them is a gap).
    pub updates: u64,
    /// Internal updates within the run: listed, never counted as updates.
    pub internal: u64,
    /// Updates before the start or after the stop: not counted.
    pub outside: u64,
    /// Gaps longer than the cadence.
    pub missed: u32,
    /// The longest gap, in business seconds.
    pub longest_gap_seconds: i64,
    /// For an open incident, when the next update is due (the pauses known
    /// at as_of taken out).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_due: Option<String>,
    /// Each gap longer than the cadence, in time order.
    pub gaps: Vec<UpdateGap>,
    pub note: Option<String>,
}

/// One gap between customer-facing updates that was longer than allowed.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct UpdateGap {
    /// The update (or the start) the gap runs from.
    pub from: String,
    /// The update (or the resolution, or as_of) that ends it.
    pub until: String,
    /// Open time of the tier's clock in the gap, paused stretches left out.
    pub business_seconds: i64,
    #[serde(with = "rust_decimal::serde::str")]
    pub business_minutes: Decimal,
    /// The limit it was held to: the first-update limit or the cadence.
    pub limit_seconds: i64,
    /// By how much it exceeded the limit, in business seconds.
    pub over_seconds: i64,
    /// The wait for the first update.
    pub first: bool,
    /// Still running at as_of.
    pub open: bool,
}

/// One severity change that moved an incident to another tier.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct TierChange {
    pub at: String,
    /// Tier ids.
    pub from: String,
    pub to: String,
    /// The severity labels as the history writes them.
    pub from_severity: Option<String>,
    pub to_severity: String,
}

/// One stretch during which a clock did not run, because the incident's
/// status was one its tier's `pause` clause names.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct PausedInterval {
    /// Where the stretch begins within the clock's run (a pause that began
    /// before the clock started is shown from the start).
    pub from: String,
    /// Where it ends; `None`: still paused at as_of.
    pub until: Option<String>,
    /// The open time of the clock's calendar the stretch took.
    pub business_seconds: i64,
    /// The status that paused the clock, as the history writes it.
    pub status: String,
}

/// One clock (response or resolution) of one incident.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ClockResult {
    pub kind: ClockKind,
    pub limit_seconds: i64,
    pub deadline: String,
    /// When the clock stopped, if it did.
    pub stopped_at: Option<String>,
    /// Business time from opening to the stop (or to as_of).
    pub business_seconds: i64,
    #[serde(with = "rust_decimal::serde::str")]
    pub business_minutes: Decimal,
    pub status: ClockStatus,
    /// Business seconds beyond the limit, when breached.
    pub over_seconds: Option<i64>,
    /// For running clocks: elapsed / limit, as a percentage (truncated).
    pub elapsed_percent: Option<String>,
    /// For running clocks: the highest escalation threshold crossed among
    /// those that watch this clock, with its action (`100% 技术总监介入`).
    pub escalation: Option<String>,
    /// The clock(s) that threshold's `escalation` clause follows:
    /// `response`, `resolution` or `both`.
    pub escalation_on: Option<String>,
    /// The section that escalation clause cites.
    pub escalation_citation: Option<String>,
    pub note: Option<String>,
    /// The stretches the clock was paused, in time order; omitted when
    /// none. `business_seconds` excludes them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paused: Vec<PausedInterval>,
    /// Their total open time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paused_seconds: Option<i64>,
    /// For an incident whose severity changed before this clock stopped:
    /// the tier that judged it, ...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub judged_by_tier: Option<String>,
    /// ... under which rule (`from start`, `from change`) ...
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reprioritised: Option<String>,
    /// ... measured from when (the opening, or the last change).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measured_from: Option<String>,
    /// A limit that is a rule, as the language writes it (`2 business
    /// days`, `by 16:00 next business day`); omitted for open time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<String>,
    /// How that rule set the deadline for this incident, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline_rule: Option<String>,
    /// When the clock starts counting, where the tier's cut-off moved it
    /// past the opening (received the next business day).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counted_from: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct CreditLine {
    pub service: String,
    pub instance: Option<String>,
    pub period: String,
    pub achieved: String,
    /// The band that applied: `[99.00%, 99.80%) => 10%`.
    pub band: String,
    pub basis: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub basis_amount: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    pub capped: bool,
    /// The period was in progress at as_of: the credit may still change.
    pub provisional: bool,
    pub currency: String,
    pub form: String,
    pub claim_opens: Option<String>,
    pub claim_closes: Option<String>,
    pub citation: Option<String>,
    /// The terms that judged it (`original` or an amendment's name); only
    /// in the report of a contract with amendments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terms: Option<String>,
    /// Why nothing is owed although a band applies: below the minimum
    /// credit, or not claimable beside a larger credit of its group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_owed: Option<String>,
    /// The credit the band gave, when it is not owed (`amount` is then 0).
    #[serde(skip_serializing_if = "Option::is_none", with = "rust_decimal::serde::str_option")]
    pub withheld: Option<Decimal>,
    /// `basis monthly_fee excluding ...`: each part left out of the fee and
    /// its amount over the period; omitted when the basis excludes none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub basis_excluded: Vec<BasisPart>,
    /// `per region`: the region whose ledger earned the credit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

/// A part of the fee a credit's basis left out (`vouchers`, `coupons`,
/// `upfront`) and its amount.
#[derive(Clone, Debug, Default, Serialize)]
pub struct BasisPart {
    pub part: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct EntitlementLine {
    pub service: String,
    pub instance: Option<String>,
    pub period: String,
    /// Counted outages touching the missed period: one entitlement each.
    pub outages: u32,
    /// What each outage earns, at the customer's choice.
    pub options: Vec<String>,
    pub cash: bool,
    /// The period was in progress at as_of: more outages may follow.
    pub provisional: bool,
    pub citation: Option<String>,
    /// The terms that judged it (`original` or an amendment's name); only
    /// in the report of a contract with amendments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terms: Option<String>,
    /// `per region`: the region whose ledger missed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct PenaltyLine {
    pub penalty: String,
    pub incident: String,
    pub tier: String,
    pub clock: String,
    pub over_seconds: i64,
    pub hours: i64,
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
    pub currency: String,
    pub provisional: bool,
    pub citation: Option<String>,
    /// The terms that judged it (`original` or an amendment's name); only
    /// in the report of a contract with amendments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terms: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct PenaltyTotal {
    pub penalty: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub before_cap: Decimal,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub cap: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::str")]
    pub total: Decimal,
    pub currency: String,
    pub note: Option<String>,
    /// The terms that judged it (`original` or an amendment's name); only
    /// in the report of a contract with amendments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terms: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct LiabilityLine {
    pub id: String,
    pub description: Option<String>,
    /// `2x contract_value`.
    pub cap: String,
    #[serde(with = "rust_decimal::serde::str_option")]
    pub amount: Option<Decimal>,
    pub currency: Option<String>,
    pub citation: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct ObjectiveLine {
    pub objective: String,
    pub period: String,
    pub target: String,
    pub measured: Option<String>,
    pub status: ObjectiveStatus,
    pub citation: Option<String>,
    /// The terms that judged it (`original` or an amendment's name); only
    /// in the report of a contract with amendments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub terms: Option<String>,
}

/// Money owed per period and in all, per currency.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Totals {
    pub per_period: Vec<PeriodTotal>,
    #[serde(with = "rust_decimal::serde::str")]
    pub credits: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub penalties: Decimal,
    pub currency: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct PeriodTotal {
    pub period: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub credits: Decimal,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct UnmatchedCause {
    pub cause: String,
    pub incidents: Vec<String>,
    pub note: String,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Verdict {
    /// Every evaluated commitment was met.
    pub all_met: bool,
    pub availability_missed: u32,
    pub durability_missed: u32,
    pub clocks_breached: u32,
    pub objectives_missed: u32,
    /// Gaps between updates longer than their cadence; only in the report of
    /// a contract with an update cadence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updates_missed: Option<u32>,
    /// Incidents whose cadence could not be measured (no update history).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updates_not_measured: Option<u32>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(line: Option<u64>, pointer: Option<&str>) -> SkippedRow {
        let location = RowLocation { file: "f".into(), line, pointer: pointer.map(str::to_owned) };
        SkippedRow { location, reason: String::new() }
    }

    /// Rows are listed in file order: by line, then by the index a JSON
    /// pointer starts with, as a number (`/10` after `/9`).
    #[test]
    fn skipped_rows_sort_by_line_then_json_index() {
        let mut s = InputSummary::default();
        for r in [row(None, Some("/10/opened_at")), row(None, Some("/9")), row(Some(12), None), row(Some(3), None)] {
            s.skip(r);
        }
        s.finish(10);
        let shown: Vec<String> = s.skipped.iter().map(|r| r.location.to_string()).collect();
        assert_eq!(shown, ["f at /9", "f at /10/opened_at", "f:3", "f:12"]);
        assert_eq!(serde_json::to_string(&s.skipped[2]).ok().as_deref(), Some(r#"{"location":"f:3","reason":""}"#));
    }
}
