//! Native exports of incident and status tools, and mapped files.
//!
//! Nobody keeps incidents in slac's canonical schema: ops teams export from
//! their tools. This module reads those exports as they come:
//!
//! | format | what | reader |
//! |---|---|---|
//! | `statuspage` | Atlassian Statuspage incident JSON (public API v2, manage API, webhooks) | [`statuspage`] |
//! | `pagerduty` | PagerDuty REST API incidents (and Analytics raw incidents) as JSON | a preset of [`table`] |
//! | `pagerduty-csv` | PagerDuty's incident CSV download | a preset of [`table`] |
//! | `jsm` | Jira Service Management CSV export | a preset of [`table`] |
//! | `gcp` | Google Cloud status `incidents.json` | a preset of [`table`] |
//!
//! and any other CSV, JSON or NDJSON through a mapping file
//! ([`super::mapping`]), which is the same column reader with the user's
//! columns.
//!
//! Reading is in two steps. A reader turns the file into [`RawIncident`]s
//! and [`RawMaintenance`] records: the export's own names and labels, with
//! timestamps read and windows worked out. [`translate`] then puts them in
//! the contract's terms: severity labels to tiers, service and component
//! names to the contract's services, causes to exclusion categories, and
//! produces canonical [`Incident`](super::Incident)s and
//! [`MaintenanceRecord`](super::MaintenanceRecord)s. Nothing is dropped
//! silently: a source record that yields nothing is listed, with why, in
//! [`NativeRead::set_aside`].
//!
//! Exports are small (thousands of records), so these readers hold the
//! file in memory, unlike the canonical streaming readers.

pub mod comments;
pub mod detect;
pub mod history;
pub mod jsonpath;
pub mod spec;
pub mod statuspage;
pub mod table;
pub mod times;
pub mod translate;

#[cfg(test)]
mod tests;

use super::error::{EventError, EventErrorKind};
use super::format::Format;
use super::json_rows::without_position;
use super::model::{Impact, MaintenanceKind, RowRef};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

pub use spec::Spec;

/// A tool whose export slac reads natively.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NativeFormat {
    Statuspage,
    Pagerduty,
    PagerdutyCsv,
    Jsm,
    Gcp,
}

impl NativeFormat {
    pub const ALL: [NativeFormat; 5] = [
        NativeFormat::Statuspage,
        NativeFormat::Pagerduty,
        NativeFormat::PagerdutyCsv,
        NativeFormat::Jsm,
        NativeFormat::Gcp,
    ];

    /// The name `--incidents-format` takes.
    pub fn name(self) -> &'static str {
        match self {
            NativeFormat::Statuspage => "statuspage",
            NativeFormat::Pagerduty => "pagerduty",
            NativeFormat::PagerdutyCsv => "pagerduty-csv",
            NativeFormat::Jsm => "jsm",
            NativeFormat::Gcp => "gcp",
        }
    }

    /// The tool and the export, for reports.
    pub fn describe(self) -> &'static str {
        match self {
            NativeFormat::Statuspage => "Atlassian Statuspage incidents (JSON)",
            NativeFormat::Pagerduty => "PagerDuty incidents (REST API JSON)",
            NativeFormat::PagerdutyCsv => "PagerDuty incidents (CSV download)",
            NativeFormat::Jsm => "Jira Service Management (CSV export)",
            NativeFormat::Gcp => "Google Cloud status incidents.json",
        }
    }

    /// The file layout the export always has.
    pub fn layout(self) -> Format {
        match self {
            NativeFormat::PagerdutyCsv | NativeFormat::Jsm => Format::Csv,
            NativeFormat::Statuspage | NativeFormat::Pagerduty | NativeFormat::Gcp => Format::Json,
        }
    }
}

impl fmt::Display for NativeFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name `--incidents-format` does not know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownNativeFormat(pub String);

impl fmt::Display for UnknownNativeFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = NativeFormat::ALL.iter().map(|n| n.name()).collect();
        write!(f, "unknown export format `{}`; slac reads {}, and csv, json, ndjson", self.0, names.join(", "))
    }
}

impl std::error::Error for UnknownNativeFormat {}

impl FromStr for NativeFormat {
    type Err = UnknownNativeFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = s.trim().to_ascii_lowercase().replace('_', "-");
        Ok(match key.as_str() {
            "statuspage" | "atlassian-statuspage" | "statuspage-io" => NativeFormat::Statuspage,
            "pagerduty" | "pagerduty-json" | "pd" => NativeFormat::Pagerduty,
            "pagerduty-csv" | "pd-csv" => NativeFormat::PagerdutyCsv,
            "jsm" | "jira" | "jira-service-management" | "jira-csv" => NativeFormat::Jsm,
            "gcp" | "google-cloud" | "gcp-status" | "google-cloud-status" => NativeFormat::Gcp,
            _ => return Err(UnknownNativeFormat(s.to_string())),
        })
    }
}

/// One incident as an export gives it: the export's own names and labels,
/// timestamps read, impact decided.
#[derive(Clone, Debug, PartialEq)]
pub struct RawIncident {
    pub id: String,
    /// Service or component names the record names, most relevant first;
    /// empty when it names none.
    pub services: Vec<String>,
    pub instance: Option<String>,
    /// The export's severity label (`critical`, `P1`, `High`).
    pub severity: Option<String>,
    pub opened_at: DateTime<Utc>,
    pub responded_at: Option<DateTime<Utc>>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub impact: Impact,
    /// The export's cause label, if it has one.
    pub cause: Option<String>,
    /// An outage window of another incident (see
    /// [`Incident::outage_of`](super::Incident::outage_of)).
    pub outage_of: Option<String>,
    pub source: RowRef,
    /// The customer's region, where a mapping names its column.
    pub region: Option<String>,
}

/// A maintenance window as an export gives it.
#[derive(Clone, Debug, PartialEq)]
pub struct RawMaintenance {
    pub id: String,
    pub services: Vec<String>,
    pub kind: MaintenanceKind,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub announced_at: DateTime<Utc>,
    pub downtime: bool,
    pub source: RowRef,
}

/// A source record that yields no record, and why. Not an error: the
/// report lists it so that every record is accounted for.
#[derive(Clone, Debug, PartialEq)]
pub struct SetAside {
    pub at: RowRef,
    pub reason: String,
}

/// What reading one export gave.
#[derive(Clone, Debug)]
pub struct NativeRead {
    pub file: Arc<str>,
    /// How the file was read, for the report: `statuspage (json)`.
    pub format: String,
    /// Source records seen: incidents, maintenances, rows.
    pub rows: u64,
    pub incidents: Vec<RawIncident>,
    pub maintenance: Vec<RawMaintenance>,
    /// Source records that yield nothing, one entry each.
    pub set_aside: Vec<SetAside>,
    /// Bad records set aside with `skip_bad_rows`, each with its error.
    pub skipped: Vec<EventError>,
    /// Remarks about the file as a whole (not rows): for the report.
    pub notes: Vec<String>,
}

impl NativeRead {
    pub fn new(file: Arc<str>, format: String) -> NativeRead {
        NativeRead {
            file,
            format,
            rows: 0,
            incidents: Vec::new(),
            maintenance: Vec::new(),
            set_aside: Vec::new(),
            skipped: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// A bad source record: set aside when asked, else the read stops.
    pub(crate) fn bad(&mut self, error: EventError, skip_bad_rows: bool) -> Result<(), EventError> {
        if skip_bad_rows {
            self.skipped.push(error);
            Ok(())
        } else {
            Err(error)
        }
    }
}

/// How to read one export.
#[derive(Clone, Debug)]
pub struct NativeOptions {
    /// The contract's zone: naive timestamps are read there unless
    /// `date_zone` says otherwise.
    pub zone: Tz,
    /// The zone the export's naive timestamps are in (`--date-zone`).
    pub date_zone: Option<Tz>,
    /// strftime layouts to try on timestamps before slac's own
    /// (`--date-format`).
    pub date_formats: Vec<String>,
    pub skip_bad_rows: bool,
}

impl NativeOptions {
    pub fn new(zone: Tz) -> NativeOptions {
        NativeOptions { zone, date_zone: None, date_formats: Vec::new(), skip_bad_rows: false }
    }
}

/// Reads an export of a known tool, with the tool's preset adjusted by
/// `spec` when a mapping file named the tool as its `format`.
pub fn read_native(
    bytes: &[u8],
    file: &str,
    format: NativeFormat,
    spec: Option<&Spec>,
    options: &NativeOptions,
) -> Result<NativeRead, EventError> {
    let file: Arc<str> = Arc::from(file);
    match format {
        NativeFormat::Statuspage => {
            let impacts = spec.map(|s| s.impacts.clone()).unwrap_or_default();
            statuspage::read(bytes, &file, &impacts, options)
        }
        other => {
            let preset = Spec::preset(other);
            let spec = match spec {
                Some(user) => preset.overlaid(user),
                None => preset,
            };
            table::read(bytes, &file, other.layout(), &spec, options)
        }
    }
}

/// Reads a CSV, JSON or NDJSON file through a mapping.
pub fn read_mapped(
    bytes: &[u8],
    file: &str,
    layout: Format,
    spec: &Spec,
    options: &NativeOptions,
) -> Result<NativeRead, EventError> {
    let file: Arc<str> = Arc::from(file);
    table::read(bytes, &file, layout, spec, options)
}

/// The file-level error for text that is not what the format needs.
pub(crate) fn file_error(file: &Arc<str>, message: impl Into<String>) -> EventError {
    EventError::in_file(file, EventErrorKind::Export { message: message.into() })
}

/// Drops a UTF-8 byte order mark.
pub(crate) fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Parses a whole JSON document, naming the line and column of a fault.
pub(crate) fn parse_json(bytes: &[u8], file: &Arc<str>) -> Result<serde_json::Value, EventError> {
    serde_json::from_slice(strip_bom(bytes)).map_err(|e| {
        let at = RowRef { file: file.clone(), line: Some(e.line() as u64), pointer: None };
        EventError {
            at,
            field: None,
            kind: Box::new(EventErrorKind::InvalidJson {
                message: without_position(&e),
                column: Some(e.column() as u64),
            }),
        }
    })
}

/// A RowRef for a JSON pointer.
pub(crate) fn at_pointer(file: &Arc<str>, pointer: String) -> RowRef {
    RowRef { file: file.clone(), line: None, pointer: Some(pointer) }
}
