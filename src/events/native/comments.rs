//! Tools' comment and log histories read as incident updates (`--updates`,
//! `docs/inputs.md`, "Incident updates"): a Jira issue's comments, a
//! ServiceNow journal (`sys_journal_field`), PagerDuty log entries. Each
//! update the tool records is one row: its incident, when, and whether the
//! customer saw it (`public` or `internal`).

use super::jsonpath::{key, scalar};
use super::times::TimeReader;
use crate::events::error::{EventError, EventErrorKind};
use crate::events::format::Format;
use crate::events::model::{INTERNAL_UPDATE, IncidentUpdate, RowRef};
use crate::events::pipeline::ReadSummary;
use chrono_tz::Tz;
use serde_json::Value;
use std::sync::Arc;

/// The kind of a customer-facing update read from a tool.
const PUBLIC: &str = "public";

/// A tool whose history of an incident's updates slac reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommentExport {
    /// Jira REST issue JSON (one issue, or a search result's `issues`):
    /// `fields.comment.comments[]`, internal when `jsdPublic` is false.
    Jira,
    /// ServiceNow journal entries (`sys_journal_field`, Table API `result`
    /// or JSON export `records`): `comments` are customer-visible,
    /// `work_notes` internal.
    ServiceNow,
    /// PagerDuty log entries (`log_entries`): status updates are sent to
    /// stakeholders, notes (`annotate_log_entry`) stay with the responders.
    PagerDuty,
}

impl CommentExport {
    pub fn name(self) -> &'static str {
        match self {
            CommentExport::Jira => "jira comments",
            CommentExport::ServiceNow => "servicenow journal",
            CommentExport::PagerDuty => "pagerduty log entries",
        }
    }

    /// Which tool wrote this JSON document, if it is one of them.
    pub fn detect(doc: &Value) -> Option<CommentExport> {
        let has_comments = |issue: &Value| key(issue, "fields").and_then(|f| key(f, "comment")).is_some();
        if has_comments(doc) || array(doc, "issues").is_some_and(|a| a.iter().any(has_comments)) {
            return Some(CommentExport::Jira);
        }
        let journal = |r: &Value| key(r, "element_id").is_some() && key(r, "element").is_some();
        if ["result", "records"].iter().any(|k| array(doc, k).is_some_and(|a| a.first().is_some_and(journal))) {
            return Some(CommentExport::ServiceNow);
        }
        array(doc, "log_entries").is_some().then_some(CommentExport::PagerDuty)
    }
}

fn array<'v>(v: &'v Value, name: &str) -> Option<&'v Vec<Value>> {
    key(v, name).and_then(Value::as_array)
}

/// One update as the tool records it, before its time is read.
struct Raw<'v> {
    pointer: String,
    incident: Option<String>,
    at: Option<&'v Value>,
    /// The key the time is under, for messages.
    at_field: &'static str,
    kind: &'static str,
}

/// Reads the updates a tool's document holds. A row without its incident or
/// with a time that cannot be read stops the reading, or is set aside when
/// `skip_bad_rows`; entries that are no update (a PagerDuty trigger) are
/// not rows.
pub fn read(
    doc: &Value,
    tool: CommentExport,
    file: &str,
    zone: Tz,
    skip_bad_rows: bool,
) -> Result<(Vec<IncidentUpdate>, ReadSummary), EventError> {
    let file: Arc<str> = Arc::from(file);
    let raws = match tool {
        CommentExport::Jira => jira(doc),
        CommentExport::ServiceNow => servicenow(doc),
        CommentExport::PagerDuty => pagerduty(doc),
    };
    // Jira writes `2025-04-01T10:30:00.000+0800`; ServiceNow's journal
    // times are UTC without an offset.
    let (formats, zone) = match tool {
        CommentExport::Jira => (vec!["%Y-%m-%dT%H:%M:%S%.f%z".to_owned()], zone),
        CommentExport::ServiceNow => (Vec::new(), Tz::UTC),
        CommentExport::PagerDuty => (Vec::new(), zone),
    };
    let mut times = TimeReader::new(formats, zone);
    let mut summary = ReadSummary::new(file.clone(), Format::Json);
    let mut out = Vec::new();
    for raw in raws {
        summary.rows += 1;
        let source = RowRef { file: file.clone(), line: None, pointer: Some(raw.pointer.clone()) };
        let built = build(&raw, &mut times, &source);
        match built {
            Ok(u) => {
                summary.records += 1;
                out.push(u);
            }
            Err((field, kind)) => {
                let e = EventError { at: source, field: Some(field.to_owned()), kind: Box::new(kind) };
                if !skip_bad_rows {
                    return Err(e);
                }
                summary.rows_skipped += 1;
                if summary.skipped.len() < crate::events::limits::MAX_SKIPPED_LISTED {
                    summary.skipped.push(e);
                }
            }
        }
    }
    Ok((out, summary))
}

fn build(
    raw: &Raw<'_>,
    times: &mut TimeReader,
    source: &RowRef,
) -> Result<IncidentUpdate, (&'static str, EventErrorKind)> {
    let incident =
        raw.incident.clone().filter(|s| !s.trim().is_empty()).ok_or(("incident", EventErrorKind::Required))?;
    let at_text = raw.at.and_then(scalar).ok_or((raw.at_field, EventErrorKind::Required))?;
    let at = times.read(&at_text).map_err(|e| (raw.at_field, e))?;
    Ok(IncidentUpdate {
        incident: incident.trim().to_owned(),
        at,
        kind: Some(raw.kind.to_owned()),
        source: source.clone(),
    })
}

/// A Jira issue or a search result: each issue's comments.
fn jira(doc: &Value) -> Vec<Raw<'_>> {
    let issues: Vec<(String, &Value)> = match array(doc, "issues") {
        Some(list) => list.iter().enumerate().map(|(i, v)| (format!("/issues/{i}"), v)).collect(),
        None => vec![(String::new(), doc)],
    };
    let mut out = Vec::new();
    for (at, issue) in issues {
        let incident = key(issue, "key").and_then(scalar);
        let comments = key(issue, "fields").and_then(|f| key(f, "comment")).and_then(|c| array(c, "comments"));
        for (j, c) in comments.into_iter().flatten().enumerate() {
            // A comment is public unless Jira Service Management marks it
            // internal; outside a service project every comment is public.
            let internal = key(c, "jsdPublic").and_then(Value::as_bool) == Some(false);
            out.push(Raw {
                pointer: format!("{at}/fields/comment/comments/{j}"),
                incident: incident.clone(),
                at: key(c, "created"),
                at_field: "created",
                kind: if internal { INTERNAL_UPDATE } else { PUBLIC },
            });
        }
    }
    out
}

/// ServiceNow journal entries: `element_id` is the task's `sys_id`.
fn servicenow(doc: &Value) -> Vec<Raw<'_>> {
    let (name, list) = match (array(doc, "result"), array(doc, "records")) {
        (Some(l), _) => ("result", l),
        (None, Some(l)) => ("records", l),
        (None, None) => return Vec::new(),
    };
    list.iter()
        .enumerate()
        .map(|(i, r)| {
            let element = key(r, "element").and_then(scalar).unwrap_or_default();
            Raw {
                pointer: format!("/{name}/{i}"),
                incident: key(r, "element_id").and_then(scalar),
                at: key(r, "sys_created_on"),
                at_field: "sys_created_on",
                // Additional comments reach the caller; work notes and any
                // other journal field stay inside.
                kind: if element.trim() == "comments" { PUBLIC } else { INTERNAL_UPDATE },
            }
        })
        .collect()
}

/// PagerDuty log entries: status updates and notes are updates; the rest
/// (triggers, notifications, acknowledgements) are not.
fn pagerduty(doc: &Value) -> Vec<Raw<'_>> {
    let Some(list) = array(doc, "log_entries") else { return Vec::new() };
    list.iter()
        .enumerate()
        .filter_map(|(i, e)| {
            let kind = key(e, "type").and_then(scalar).unwrap_or_default();
            let kind = if kind.contains("status_update") {
                PUBLIC
            } else if kind.starts_with("annotate") {
                INTERNAL_UPDATE
            } else {
                return None;
            };
            Some(Raw {
                pointer: format!("/log_entries/{i}"),
                incident: key(e, "incident").and_then(|inc| key(inc, "id")).and_then(scalar),
                at: key(e, "created_at"),
                at_field: "created_at",
                kind,
            })
        })
        .collect()
}
