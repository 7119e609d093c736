//! Jira issues' changelogs, as the REST API gives them with
//! `expand=changelog`: a search result (`{"issues": [...]}`), one issue
//! (`{"key": ..., "changelog": ...}`) or a list of issues.
//!
//! Each `changelog.histories[]` entry is one edit, at `created`; each of
//! its `items[]` is one field it changed. An item whose `field` is
//! `status` is a status change, `priority` a severity change, each from
//! `fromString` to `toString` (the labels; `from` and `to` hold ids). The
//! issue's `key` is the incident. Other items are counted by field.

use super::HistoryRead;
use crate::events::error::{EventError, EventErrorKind};
use crate::events::model::{ChangedField, StatusChange};
use crate::events::native::jsonpath::{self, key, scalar};
use crate::events::native::times::TimeReader;
use crate::events::native::{NativeOptions, at_pointer, file_error, parse_json};
use serde_json::Value;
use std::sync::Arc;

/// Reads a Jira changelog document.
pub fn read(bytes: &[u8], file: &Arc<str>, options: &NativeOptions) -> Result<HistoryRead, EventError> {
    let doc = parse_json(bytes, file)?;
    let issues = issues(&doc).map_err(|m| file_error(file, m))?;
    let mut times = TimeReader::new(options.date_formats.clone(), options.date_zone.unwrap_or(options.zone));
    let mut out = HistoryRead::new(file.clone(), "jira changelog (json)");
    let mut without_changelog = 0u64;
    for (pointer, issue) in issues {
        let Some(issue_key) = key(issue, "key").and_then(scalar) else {
            out.rows += 1;
            let at = at_pointer(file, pointer);
            let (field, kind) = match issue.is_object() {
                true => (Some("key".into()), EventErrorKind::Required),
                false => (None, EventErrorKind::NotAnObject { found: jsonpath::kind_of(issue) }),
            };
            out.bad(EventError { at, field, kind: Box::new(kind) }, options.skip_bad_rows)?;
            continue;
        };
        let histories = key(issue, "changelog").and_then(|c| key(c, "histories")).and_then(Value::as_array);
        let Some(histories) = histories else {
            without_changelog += 1;
            continue;
        };
        // A search result carries a page of each changelog: say when the
        // rest was left out, rather than read a history short.
        let total = key(issue, "changelog").and_then(|c| key(c, "total")).and_then(Value::as_u64);
        if let Some(total) = total.filter(|t| *t > histories.len() as u64) {
            out.notes.push(format!(
                "{issue_key}: the export holds {} of its {total} history entries; export the issue alone \
                 (/issue/{issue_key}?expand=changelog) for the rest",
                histories.len()
            ));
        }
        for (h, history) in histories.iter().enumerate() {
            let history_at = format!("{pointer}/changelog/histories/{h}");
            let items = key(history, "items").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
            for (i, item) in items.iter().enumerate() {
                let name = key(item, "field").or_else(|| key(item, "fieldId")).and_then(scalar).unwrap_or_default();
                let field = match name.to_ascii_lowercase().as_str() {
                    "status" => ChangedField::Status,
                    "priority" => ChangedField::Severity,
                    _ => {
                        out.ignore(if name.is_empty() { "(no field name)" } else { &name });
                        continue;
                    }
                };
                out.rows += 1;
                let at = at_pointer(file, format!("{history_at}/items/{i}"));
                let edit = at_pointer(file, history_at.clone());
                match change(&issue_key, (history, edit), item, field, &mut times, at) {
                    Ok(c) => out.changes.push(c),
                    Err(e) => out.bad(e, options.skip_bad_rows)?,
                }
            }
        }
    }
    if without_changelog > 0 {
        out.notes.push(format!(
            "{without_changelog} issue(s) carry no changelog: export them with expand=changelog for their history"
        ));
    }
    Ok(out)
}

fn listed<'v>(items: &'v [Value], prefix: &str) -> Vec<(String, &'v Value)> {
    items.iter().enumerate().map(|(i, v)| (format!("{prefix}/{i}"), v)).collect()
}

/// The issues of a document, with their JSON pointers.
fn issues(doc: &Value) -> Result<Vec<(String, &Value)>, String> {
    match doc {
        Value::Array(items) => Ok(listed(items, "")),
        Value::Object(_) => {
            if let Some(Value::Array(items)) = key(doc, "issues") {
                return Ok(listed(items, "/issues"));
            }
            if key(doc, "changelog").is_some() {
                return Ok(vec![(String::new(), doc)]);
            }
            if key(doc, "values").is_some() || key(doc, "histories").is_some() {
                return Err("this is the changelog of one issue (`/issue/KEY/changelog`), which does not name \
                     its issue; export issues with their changelog instead: `/search?expand=changelog` or \
                     `/issue/KEY?expand=changelog`"
                    .into());
            }
            Err("expected Jira issues with their changelog: `{\"issues\": [...]}` from \
                 `/search?expand=changelog`, or one issue from `/issue/KEY?expand=changelog`"
                .into())
        }
        other => Err(format!("expected Jira issues with their changelog, found {}", jsonpath::kind_of(other))),
    }
}

/// One status or priority item as a change.
fn change(
    issue: &str,
    (history, edit): (&Value, crate::events::model::RowRef),
    item: &Value,
    field: ChangedField,
    times: &mut TimeReader,
    at: crate::events::model::RowRef,
) -> Result<StatusChange, EventError> {
    let fault = |name: &str, kind: EventErrorKind| EventError {
        at: at.clone(),
        field: Some(name.into()),
        kind: Box::new(kind),
    };
    // `created` belongs to the edit, not the item: its faults point there.
    let in_edit =
        |kind: EventErrorKind| EventError { at: edit.clone(), field: Some("created".into()), kind: Box::new(kind) };
    let created = key(history, "created").and_then(scalar).ok_or_else(|| in_edit(EventErrorKind::Required))?;
    let when = times.read(&created).map_err(in_edit)?;
    let to = key(item, "toString").and_then(scalar).ok_or_else(|| fault("toString", EventErrorKind::Required))?;
    let from = key(item, "fromString").and_then(scalar);
    Ok(StatusChange { incident: issue.to_string(), at: when, field, from, to, source: at })
}
