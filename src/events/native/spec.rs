//! What the column reader ([`super::table`]) reads: which column or key
//! holds each field, how timestamps are written, and how the export's
//! labels translate. The native CSV and JSON formats are presets of it; a
//! mapping file (`--incidents-map`) is a spec of the user's, or adjusts a
//! preset.

use super::NativeFormat;
use crate::events::model::Impact;
use chrono_tz::Tz;
use std::collections::BTreeMap;

/// A canonical incident field a spec fills.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Id,
    Service,
    Instance,
    Severity,
    OpenedAt,
    RespondedAt,
    /// Seconds from `opened_at` to the first response (`seconds_to_first_ack`).
    RespondedAfter,
    ResolvedAt,
    /// Seconds from `opened_at` to resolution (`seconds_to_resolve`).
    ResolvedAfter,
    Impact,
    Cause,
    /// The customer's region, which picks a tier's calendar (`clock by
    /// region`).
    Region,
}

impl Field {
    pub const ALL: [Field; 12] = [
        Field::Id,
        Field::Service,
        Field::Instance,
        Field::Severity,
        Field::OpenedAt,
        Field::RespondedAt,
        Field::RespondedAfter,
        Field::ResolvedAt,
        Field::ResolvedAfter,
        Field::Impact,
        Field::Cause,
        Field::Region,
    ];

    /// The key under `[columns]`.
    pub fn key(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Service => "service",
            Field::Instance => "instance",
            Field::Severity => "severity",
            Field::OpenedAt => "opened_at",
            Field::RespondedAt => "responded_at",
            Field::RespondedAfter => "responded_after",
            Field::ResolvedAt => "resolved_at",
            Field::ResolvedAfter => "resolved_after",
            Field::Impact => "impact",
            Field::Cause => "cause",
            Field::Region => "region",
        }
    }
}

/// Where one field is read from: alternatives, the first that holds a
/// value in a row wins.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// CSV header names (`Created`) or positions (`#5`); JSON paths
    /// (`service.summary`, `affected_products[].title`).
    pub names: Vec<String>,
    /// A CSV header must have one of the names (a mapping's columns); a
    /// preset's optional columns may be missing from an export.
    pub strict: bool,
    /// A value that cannot be read leaves the field empty instead of
    /// failing the row; the report counts such rows.
    pub soft: bool,
}

/// How to read one kind of export.
#[derive(Clone, Debug, Default)]
pub struct Spec {
    /// The reader or mapping, for the report: `jsm`, `mapping map.toml`.
    pub name: String,
    /// Where its keys are defined, for messages: `map.toml`, `the jsm reader`.
    pub origin: String,
    /// JSON: the path of the record array inside the document; `None`: the
    /// document itself, or one of `record_keys`.
    pub records: Option<String>,
    /// JSON: top-level keys that hold the records when `records` is not given.
    pub record_keys: Vec<String>,
    pub columns: BTreeMap<Field, Source>,
    /// strftime layouts tried on timestamps before slac's own forms.
    pub timestamp_formats: Vec<String>,
    /// The zone of naive timestamps; default: the contract's.
    pub zone: Option<Tz>,
    /// Impact labels (matched ignoring case), before `outage`, `degraded`
    /// and `none` themselves.
    pub impacts: Vec<(String, Impact)>,
    /// Severity labels to the contract's tier labels or ids.
    pub severity: Vec<(String, String)>,
    /// Cause labels to exclusion categories.
    pub causes: Vec<(String, String)>,
    /// Service and component names to the contract's; `-` for "not ours".
    pub services: Vec<(String, String)>,
    /// Constant values for fields the file lacks.
    pub defaults: BTreeMap<Field, String>,
    /// CSV: the byte between cells (default `,`).
    pub delimiter: Option<u8>,
}

fn source(names: &[&str]) -> Source {
    Source { names: names.iter().map(|n| n.to_string()).collect(), strict: false, soft: false }
}

fn required(names: &[&str]) -> Source {
    Source { strict: true, ..source(names) }
}

/// The default impacts of Statuspage labels, component statuses first.
pub fn statuspage_impacts() -> Vec<(String, Impact)> {
    [
        ("major_outage", Impact::Outage),
        ("partial_outage", Impact::Outage),
        ("degraded_performance", Impact::Degraded),
        ("under_maintenance", Impact::Outage),
        ("operational", Impact::None),
        // the incident's own impact, when no update names a component
        ("critical", Impact::Outage),
        ("major", Impact::Outage),
        ("minor", Impact::Degraded),
        ("maintenance", Impact::Outage),
    ]
    .into_iter()
    .map(|(l, i)| (l.to_string(), i))
    .collect()
}

impl Spec {
    /// The spec of a native CSV or JSON export.
    pub fn preset(format: NativeFormat) -> Spec {
        let mut columns = BTreeMap::new();
        let mut spec = Spec { name: format.name().into(), origin: format!("the {format} reader"), ..Spec::default() };
        match format {
            NativeFormat::Jsm => {
                columns.insert(Field::Id, required(&["Issue key"]));
                columns.insert(Field::Severity, source(&["Priority"]));
                columns.insert(Field::OpenedAt, required(&["Created"]));
                columns.insert(Field::ResolvedAt, source(&["Resolved"]));
                // The SLA field exports the time left on the goal in some
                // sites and the instant in others: read it when it is an
                // instant, count it when it is not.
                let mut responded = source(&[
                    "Date of First Response",
                    "Custom field (Date of First Response)",
                    "Time to first response",
                    "Custom field (Time to first response)",
                ]);
                responded.soft = true;
                columns.insert(Field::RespondedAt, responded);
                columns.insert(
                    Field::Service,
                    source(&["Component/s", "Components", "Custom field (Affected services)", "Affected services"]),
                );
                spec.timestamp_formats = ["%d/%b/%y %I:%M %p", "%d/%b/%Y %I:%M %p", "%d/%b/%y %H:%M", "%d/%b/%Y %H:%M"]
                    .into_iter()
                    .map(String::from)
                    .collect();
            }
            NativeFormat::PagerdutyCsv => {
                columns.insert(Field::Id, required(&["id", "incident_number"]));
                columns.insert(Field::OpenedAt, required(&["created_on", "created_at"]));
                columns.insert(Field::ResolvedAt, source(&["resolved_on", "resolved_at"]));
                columns.insert(Field::ResolvedAfter, source(&["seconds_to_resolve"]));
                columns.insert(Field::RespondedAfter, source(&["seconds_to_first_ack"]));
                columns.insert(Field::Severity, source(&["priority_name", "priority", "urgency"]));
                columns.insert(Field::Service, source(&["service_name"]));
            }
            NativeFormat::Pagerduty => {
                spec.record_keys = vec!["incidents".into(), "incident".into(), "data".into()];
                columns.insert(Field::Id, source(&["id", "incident_number"]));
                columns.insert(Field::OpenedAt, source(&["created_at"]));
                columns.insert(Field::ResolvedAt, source(&["resolved_at", "last_status_change_at?status=resolved"]));
                columns.insert(Field::ResolvedAfter, source(&["seconds_to_resolve"]));
                columns.insert(
                    Field::RespondedAt,
                    source(&[
                        "acknowledgements[].at",
                        "log_entries[type=acknowledge_log_entry].created_at",
                        "first_acknowledged_at",
                    ]),
                );
                columns.insert(Field::RespondedAfter, source(&["seconds_to_first_ack"]));
                columns.insert(Field::Severity, source(&["priority.summary", "priority_name", "urgency"]));
                columns.insert(Field::Service, source(&["service.summary", "service_name"]));
            }
            NativeFormat::Gcp => {
                spec.record_keys = vec!["incidents".into()];
                columns.insert(Field::Id, source(&["id", "number"]));
                columns.insert(Field::OpenedAt, source(&["begin"]));
                columns.insert(Field::ResolvedAt, source(&["end"]));
                columns.insert(Field::RespondedAt, source(&["created"]));
                columns.insert(Field::Severity, source(&["severity"]));
                columns.insert(Field::Impact, source(&["status_impact", "severity"]));
                columns.insert(Field::Service, source(&["affected_products[].title", "service_name"]));
                spec.impacts = [
                    ("SERVICE_OUTAGE", Impact::Outage),
                    ("SERVICE_DISRUPTION", Impact::Degraded),
                    ("SERVICE_INFORMATION", Impact::None),
                    ("high", Impact::Outage),
                    ("medium", Impact::Degraded),
                    ("low", Impact::None),
                ]
                .into_iter()
                .map(|(l, i)| (l.to_string(), i))
                .collect();
            }
            NativeFormat::Statuspage => {
                spec.impacts = statuspage_impacts();
            }
        }
        spec.columns = columns;
        spec
    }

    /// This spec with `user`'s settings on top: its columns replace the
    /// preset's field by field, its labels are looked up first.
    pub fn overlaid(&self, user: &Spec) -> Spec {
        let mut out = self.clone();
        out.name = if user.name.is_empty() { self.name.clone() } else { format!("{} with {}", self.name, user.name) };
        if !user.origin.is_empty() {
            out.origin = user.origin.clone();
        }
        if user.records.is_some() {
            out.records = user.records.clone();
        }
        for (field, source) in &user.columns {
            out.columns.insert(*field, source.clone());
        }
        if !user.timestamp_formats.is_empty() {
            out.timestamp_formats = user.timestamp_formats.clone();
        }
        if user.zone.is_some() {
            out.zone = user.zone;
        }
        if user.delimiter.is_some() {
            out.delimiter = user.delimiter;
        }
        out.impacts = user.impacts.iter().chain(&self.impacts).cloned().collect();
        out.severity = user.severity.iter().chain(&self.severity).cloned().collect();
        out.causes = user.causes.iter().chain(&self.causes).cloned().collect();
        out.services = user.services.iter().chain(&self.services).cloned().collect();
        for (field, value) in &user.defaults {
            out.defaults.insert(*field, value.clone());
        }
        out
    }

    /// The impact of a label: the spec's table, then the canonical words.
    pub fn impact(&self, label: &str) -> Option<Impact> {
        impact_of(&self.impacts, label)
    }
}

/// Looks a label up in an impact table, then as a canonical impact word.
pub fn impact_of(table: &[(String, Impact)], label: &str) -> Option<Impact> {
    let label = label.trim();
    table.iter().find(|(l, _)| l.eq_ignore_ascii_case(label)).map(|(_, i)| *i).or_else(|| canonical_impact(label))
}

/// `outage`, `degraded`, `none`.
pub fn canonical_impact(label: &str) -> Option<Impact> {
    match label.trim().to_ascii_lowercase().as_str() {
        "outage" => Some(Impact::Outage),
        "degraded" => Some(Impact::Degraded),
        "none" => Some(Impact::None),
        _ => None,
    }
}

/// Looks a label up in a translation table: exactly, else ignoring case.
pub fn lookup<'t>(table: &'t [(String, String)], label: &str) -> Option<&'t str> {
    let label = label.trim();
    table
        .iter()
        .find(|(l, _)| l == label)
        .or_else(|| table.iter().find(|(l, _)| l.eq_ignore_ascii_case(label)))
        .map(|(_, v)| v.as_str())
}
