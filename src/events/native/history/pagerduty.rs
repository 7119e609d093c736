//! PagerDuty log entries, as the REST API lists them
//! (`/log_entries` or `/incidents/{id}/log_entries`: `{"log_entries":
//! [...]}`, or a bare list).
//!
//! An incident is `triggered`, `acknowledged` or `resolved`; its log
//! records each move: `trigger_log_entry` (triggered),
//! `acknowledge_log_entry` (acknowledged), `unacknowledge_log_entry`
//! (back to triggered, an acknowledgement that timed out) and
//! `resolve_log_entry` (resolved), at `created_at`, for `incident.id`.
//! Each is a status change from the status before it in the log.
//! `priority_change_log_entry` is a severity change: to the priority its
//! `channel.new_priority` names, else the one its `summary` ends with
//! (`Priority changed from "P3" to "P1"`), from `channel.old_priority` or
//! the summary's `from`. Every other entry (notify,
//! assign, escalate, annotate, snooze, urgency change...) is counted by
//! type: none says what a status or a priority became.

use super::HistoryRead;
use crate::events::error::{EventError, EventErrorKind};
use crate::events::model::{ChangedField, StatusChange};
use crate::events::native::jsonpath::{self, key, scalar, text};
use crate::events::native::times::TimeReader;
use crate::events::native::{NativeOptions, at_pointer, file_error, parse_json};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;

/// The kind of a log entry's `type` (`acknowledge` of
/// `acknowledge_log_entry` or `acknowledge_log_entry_reference`).
pub fn entry_type(name: &str) -> Option<&str> {
    let name = name.strip_suffix("_reference").unwrap_or(name);
    name.strip_suffix("_log_entry").filter(|k| !k.is_empty())
}

/// What an entry of this kind does: a status it moves to, or a priority
/// change.
enum Move {
    Status(&'static str),
    Priority,
}

fn move_of(kind: &str) -> Option<Move> {
    Some(match kind {
        "trigger" | "unacknowledge" => Move::Status("triggered"),
        "acknowledge" => Move::Status("acknowledged"),
        "resolve" => Move::Status("resolved"),
        "priority_change" => Move::Priority,
        _ => return None,
    })
}

/// Reads a PagerDuty log entries document.
pub fn read(bytes: &[u8], file: &Arc<str>, options: &NativeOptions) -> Result<HistoryRead, EventError> {
    let doc = parse_json(bytes, file)?;
    let Some((prefix, entries)) = super::records(&doc, "log_entries") else {
        return Err(file_error(
            file,
            "expected PagerDuty log entries: `{\"log_entries\": [...]}` from /log_entries or /incidents/ID/log_entries",
        ));
    };
    let mut times = TimeReader::new(options.date_formats.clone(), options.date_zone.unwrap_or(options.zone));
    let mut out = HistoryRead::new(file.clone(), "pagerduty log entries (json)");
    for (i, entry) in entries.iter().enumerate() {
        let at = at_pointer(file, format!("{prefix}/{i}"));
        let type_name = key(entry, "type").and_then(scalar).unwrap_or_default();
        let Some(what) = entry_type(&type_name).and_then(move_of) else {
            if entry.is_object() {
                out.ignore(if type_name.is_empty() { "(no type)" } else { &type_name });
                continue;
            }
            out.rows += 1;
            let kind = EventErrorKind::NotAnObject { found: jsonpath::kind_of(entry) };
            out.bad(EventError { at, field: None, kind: Box::new(kind) }, options.skip_bad_rows)?;
            continue;
        };
        out.rows += 1;
        let fault = |name: &str, kind: EventErrorKind| EventError {
            at: at.clone(),
            field: Some(name.into()),
            kind: Box::new(kind),
        };
        let built = (|| {
            let incident = text(entry, "incident.id").ok_or_else(|| fault("incident.id", EventErrorKind::Required))?;
            let created = key(entry, "created_at")
                .and_then(scalar)
                .ok_or_else(|| fault("created_at", EventErrorKind::Required))?;
            let when = times.read(&created).map_err(|k| fault("created_at", k))?;
            let (field, from, to) = match what {
                Move::Status(status) => (ChangedField::Status, None, status.to_string()),
                Move::Priority => {
                    let to = priority(entry, "new_priority").or_else(|| summary_target(entry)).ok_or_else(|| {
                        fault(
                            "channel.new_priority",
                            EventErrorKind::Export {
                                message: "names no priority, and the summary does not end with one".into(),
                            },
                        )
                    })?;
                    let from = priority(entry, "old_priority").or_else(|| summary_source(entry));
                    (ChangedField::Severity, from, to)
                }
            };
            Ok(StatusChange { incident, at: when, field, from, to, source: at.clone() })
        })();
        match built {
            Ok(change) => out.changes.push(change),
            Err(e) => out.bad(e, options.skip_bad_rows)?,
        }
    }
    fill_previous_statuses(&mut out.changes);
    Ok(out)
}

/// A priority the entry's channel names (`summary`, else `name`).
fn priority(entry: &Value, which: &str) -> Option<String> {
    text(entry, &format!("channel.{which}.summary")).or_else(|| text(entry, &format!("channel.{which}.name")))
}

/// The priority a summary ends with: `... to "P1"`, `... to P1.`.
fn summary_target(entry: &Value) -> Option<String> {
    let summary = key(entry, "summary").and_then(scalar)?;
    let (_, tail) = summary.rsplit_once(" to ")?;
    let label = tail.trim().trim_end_matches('.').trim_matches(|c| c == '"' || c == '\'').trim();
    (!label.is_empty()).then(|| label.to_string())
}

/// The priority a summary names as the one before: `from "P3" to ...`.
fn summary_source(entry: &Value) -> Option<String> {
    let summary = key(entry, "summary").and_then(scalar)?;
    let (_, tail) = summary.split_once(" from ")?;
    let (label, _) = tail.rsplit_once(" to ")?;
    let label = label.trim().trim_matches(|c| c == '"' || c == '\'').trim();
    (!label.is_empty()).then(|| label.to_string())
}

/// Each status change comes from the status before it in its incident's
/// log (the log itself names only where a move went).
fn fill_previous_statuses(changes: &mut [StatusChange]) {
    let mut order: Vec<usize> = (0..changes.len()).filter(|&i| changes[i].field == ChangedField::Status).collect();
    order.sort_by(|&a, &b| (&changes[a].incident, changes[a].at).cmp(&(&changes[b].incident, changes[b].at)));
    let mut last: HashMap<String, String> = HashMap::new();
    for i in order {
        let c = &mut changes[i];
        c.from = last.insert(c.incident.clone(), c.to.clone());
    }
}
