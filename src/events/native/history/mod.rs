//! Status and priority histories as tools export them, for
//! `--status-changes` (`docs/inputs.md`, "Status histories from tools"):
//!
//! | format | what | reader |
//! |---|---|---|
//! | `jira` | Jira REST issues with `expand=changelog` (a search result, or one issue) | [`jira`] |
//! | `servicenow` | ServiceNow `sys_audit` rows, Table API JSON or CSV | [`servicenow`] |
//! | `pagerduty` | PagerDuty REST API log entries | [`pagerduty`] |
//!
//! Each reader gives canonical [`StatusChange`]s straight away: a history
//! has no services or tiers to translate, only labels, which the
//! severity map translates later like any severity label. Entries of
//! fields slac does not read (an assignee, a comment) are no rows of the
//! history: they are counted by field in the notes, never dropped
//! silently.

pub mod jira;
pub mod pagerduty;
pub mod servicenow;

#[cfg(test)]
mod tests;

use super::jsonpath::key;
use super::{NativeOptions, strip_bom};
use crate::events::error::EventError;
use crate::events::format::Format;
use crate::events::model::StatusChange;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

/// A tool whose status history slac reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum HistoryFormat {
    Jira,
    ServiceNow,
    PagerDuty,
}

impl HistoryFormat {
    pub const ALL: [HistoryFormat; 3] = [HistoryFormat::Jira, HistoryFormat::ServiceNow, HistoryFormat::PagerDuty];

    /// The name `--status-changes-format` takes.
    pub fn name(self) -> &'static str {
        match self {
            HistoryFormat::Jira => "jira",
            HistoryFormat::ServiceNow => "servicenow",
            HistoryFormat::PagerDuty => "pagerduty",
        }
    }
}

impl fmt::Display for HistoryFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A name `--status-changes-format` does not know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownHistoryFormat(pub String);

impl fmt::Display for UnknownHistoryFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = HistoryFormat::ALL.iter().map(|n| n.name()).collect();
        write!(f, "unknown history format `{}`; slac reads {}, and csv, json, ndjson", self.0, names.join(", "))
    }
}

impl std::error::Error for UnknownHistoryFormat {}

impl FromStr for HistoryFormat {
    type Err = UnknownHistoryFormat;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = s.trim().to_ascii_lowercase().replace('_', "-");
        Ok(match key.as_str() {
            "jira" | "jsm" | "jira-changelog" | "jira-service-management" => HistoryFormat::Jira,
            "servicenow" | "snow" | "sys-audit" | "servicenow-audit" | "servicenow-csv" | "servicenow-json" => {
                HistoryFormat::ServiceNow
            }
            "pagerduty" | "pd" | "pagerduty-log-entries" | "log-entries" => HistoryFormat::PagerDuty,
            _ => return Err(UnknownHistoryFormat(s.to_string())),
        })
    }
}

/// What reading one history export gave.
#[derive(Clone, Debug)]
pub struct HistoryRead {
    pub file: Arc<str>,
    /// How the file was read, for the report: `jira changelog (json)`.
    pub format: String,
    /// Entries of the fields slac reads: each gave a change or is skipped.
    pub rows: u64,
    pub changes: Vec<StatusChange>,
    /// Bad entries set aside with `skip_bad_rows`, each with its error.
    pub skipped: Vec<EventError>,
    /// Entries not read, by what they changed (`assignee`, `notify_log_entry`).
    pub ignored: BTreeMap<String, u64>,
    /// Remarks about the file as a whole, for the report.
    pub notes: Vec<String>,
}

impl HistoryRead {
    pub fn new(file: Arc<str>, format: impl Into<String>) -> HistoryRead {
        HistoryRead {
            file,
            format: format.into(),
            rows: 0,
            changes: Vec::new(),
            skipped: Vec::new(),
            ignored: BTreeMap::new(),
            notes: Vec::new(),
        }
    }

    /// A bad entry: set aside when asked, else the read stops.
    pub(crate) fn bad(&mut self, error: EventError, skip_bad_rows: bool) -> Result<(), EventError> {
        if skip_bad_rows {
            self.skipped.push(error);
            Ok(())
        } else {
            Err(error)
        }
    }

    /// An entry of a field slac does not read.
    pub(crate) fn ignore(&mut self, what: &str) {
        *self.ignored.entry(what.to_string()).or_default() += 1;
    }
}

/// Reads a tool's history export laid out as `layout` (ServiceNow
/// exports CSV or JSON; the others JSON only).
pub fn read_history(
    bytes: &[u8],
    file: &str,
    format: HistoryFormat,
    layout: Format,
    options: &NativeOptions,
) -> Result<HistoryRead, EventError> {
    let file: Arc<str> = Arc::from(file);
    match format {
        HistoryFormat::Jira => jira::read(bytes, &file, options),
        HistoryFormat::ServiceNow => servicenow::read(bytes, &file, layout, options),
        HistoryFormat::PagerDuty => pagerduty::read(bytes, &file, options),
    }
}

/// Which tool's history a file is, when it is one:
///
/// | looks like | is read as |
/// |---|---|
/// | JSON issues (`issues[]`, one issue, a list) with `changelog` | `jira` |
/// | JSON `result[]` (or a list) of rows with `documentkey` and `fieldname` | `servicenow` |
/// | a CSV header with `documentkey` and `fieldname` | `servicenow` |
/// | JSON `log_entries[]` (or a list) of objects whose `type` ends in `_log_entry` | `pagerduty` |
///
/// Anything else is slac's own schema.
/// The records of a tool's JSON document: the array under `name` (with its
/// JSON pointer, for locating a bad entry), or the document itself when it
/// is an array.
pub(crate) fn records<'a>(doc: &'a Value, name: &str) -> Option<(String, &'a [Value])> {
    match (doc, key(doc, name)) {
        (_, Some(Value::Array(list))) => Some((format!("/{name}"), list.as_slice())),
        (Value::Array(list), _) => Some((String::new(), list.as_slice())),
        _ => None,
    }
}

pub fn detect(bytes: &[u8], layout: Format) -> Option<HistoryFormat> {
    match layout {
        Format::Csv => {
            let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(strip_bom(bytes));
            let mut record = csv::StringRecord::new();
            reader.read_record(&mut record).ok()?;
            let header: Vec<String> = record.iter().map(servicenow::column_key).collect();
            servicenow::is_audit_header(&header).then_some(HistoryFormat::ServiceNow)
        }
        Format::Json => from_json(&serde_json::from_slice::<Value>(strip_bom(bytes)).ok()?),
        Format::Ndjson => None,
    }
}

fn from_json(doc: &Value) -> Option<HistoryFormat> {
    let first = |items: Option<&Value>| -> Vec<Value> {
        match items {
            Some(Value::Array(items)) => items.iter().take(3).cloned().collect(),
            _ => Vec::new(),
        }
    };
    let records: Vec<Value> = match doc {
        Value::Array(_) => first(Some(doc)),
        Value::Object(_) if key(doc, "changelog").is_some() => vec![doc.clone()],
        Value::Object(_) => ["issues", "result", "log_entries"].iter().flat_map(|k| first(key(doc, k))).collect(),
        _ => Vec::new(),
    };
    records.iter().find_map(|r| {
        let has = |k: &str| key(r, k).is_some();
        if has("changelog") {
            Some(HistoryFormat::Jira)
        } else if has("documentkey") && has("fieldname") {
            Some(HistoryFormat::ServiceNow)
        } else if key(r, "type").and_then(Value::as_str).is_some_and(|t| pagerduty::entry_type(t).is_some()) {
            Some(HistoryFormat::PagerDuty)
        } else {
            None
        }
    })
}
