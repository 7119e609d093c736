//! ServiceNow's audit trail (`sys_audit`), as the Table API gives it
//! (`{"result": [...]}`, values as text or, with
//! `sysparm_display_value=all`, as `{"value", "display_value"}`) or as a
//! list view's CSV export (headers are the column names).
//!
//! A row of table `incident` whose `fieldname` is `state` is a status
//! change, `priority` a severity change, from `oldvalue` to `newvalue` at
//! `sys_created_on`; `documentkey` (the incident's `sys_id`) is the
//! incident. The audit stores choice values, not labels: the default
//! incident states and priorities are named (below) so a contract can say
//! `pause when status "On Hold"`; any other value is kept as written.
//! Rows of other tables and fields are counted.

use super::HistoryRead;
use crate::events::error::{EventError, EventErrorKind};
use crate::events::format::Format;
use crate::events::limits::MAX_RECORD_BYTES;
use crate::events::model::{ChangedField, RowRef, StatusChange};
use crate::events::native::jsonpath::{self, key, scalar};
use crate::events::native::times::TimeReader;
use crate::events::native::{NativeOptions, at_pointer, file_error, parse_json, strip_bom};
use chrono_tz::Tz;
use serde_json::Value;
use std::sync::Arc;

/// The default incident states (the `state` choices of `incident`).
const STATES: [(&str, &str); 6] =
    [("1", "New"), ("2", "In Progress"), ("3", "On Hold"), ("6", "Resolved"), ("7", "Closed"), ("8", "Canceled")];

/// The default priorities, as ServiceNow labels them.
const PRIORITIES: [(&str, &str); 5] =
    [("1", "1 - Critical"), ("2", "2 - High"), ("3", "3 - Moderate"), ("4", "4 - Low"), ("5", "5 - Planning")];

/// The columns read, each with the other headers a CSV export may give it.
const DOCUMENT: &[&str] = &["documentkey", "document key", "document_key"];
const TABLE: &[&str] = &["tablename", "table name", "table_name"];
const FIELD: &[&str] = &["fieldname", "field name", "field_name"];
const OLD: &[&str] = &["oldvalue", "old value", "old_value"];
const NEW: &[&str] = &["newvalue", "new value", "new_value"];
const CREATED: &[&str] = &["sys_created_on", "created", "created on"];

/// A header as compared: trimmed, lower case.
pub fn column_key(name: &str) -> String {
    name.trim().to_ascii_lowercase()
}

/// Whether a CSV header (as [`column_key`]s) is a `sys_audit` export's.
pub fn is_audit_header(header: &[String]) -> bool {
    let has = |names: &[&str]| names.iter().any(|n| header.iter().any(|h| h == n));
    has(DOCUMENT) && has(FIELD)
}

/// The label of a state or priority value the default incident table
/// names; other values as written.
pub fn label(field: ChangedField, value: &str) -> String {
    let table: &[(&str, &str)] = match field {
        ChangedField::Status => &STATES,
        ChangedField::Severity => &PRIORITIES,
    };
    table.iter().find(|(v, _)| *v == value).map_or_else(|| value.to_string(), |(_, l)| l.to_string())
}

/// Reads a `sys_audit` export laid out as `layout`.
pub fn read(bytes: &[u8], file: &Arc<str>, layout: Format, options: &NativeOptions) -> Result<HistoryRead, EventError> {
    match layout {
        Format::Json => {
            // The Table API writes times in UTC unless asked for display
            // values; `value` of a display pair is UTC too.
            let zone = options.date_zone.unwrap_or(chrono_tz::UTC);
            let mut out = HistoryRead::new(file.clone(), "servicenow sys_audit (json)");
            read_json(bytes, file, zone, options, &mut out)?;
            Ok(out)
        }
        Format::Csv => {
            // A list export writes times in the exporting user's zone.
            let zone = options.date_zone.unwrap_or(options.zone);
            let mut out = HistoryRead::new(file.clone(), "servicenow sys_audit (csv)");
            read_csv(bytes, file, zone, options, &mut out)?;
            Ok(out)
        }
        Format::Ndjson => Err(file_error(file, "ServiceNow audit exports are JSON (Table API) or CSV, not NDJSON")),
    }
}

fn read_json(
    bytes: &[u8],
    file: &Arc<str>,
    zone: Tz,
    options: &NativeOptions,
    out: &mut HistoryRead,
) -> Result<(), EventError> {
    let doc = parse_json(bytes, file)?;
    let Some((prefix, rows)) = super::records(&doc, "result") else {
        return Err(file_error(
            file,
            "expected sys_audit rows: the Table API's `{\"result\": [...]}` or a list of rows",
        ));
    };
    let mut times = TimeReader::new(options.date_formats.clone(), zone);
    for (i, row) in rows.iter().enumerate() {
        let at = at_pointer(file, format!("{prefix}/{i}"));
        if !row.is_object() {
            out.rows += 1;
            let kind = EventErrorKind::NotAnObject { found: jsonpath::kind_of(row) };
            out.bad(EventError { at, field: None, kind: Box::new(kind) }, options.skip_bad_rows)?;
            continue;
        }
        let cell = |names: &[&str]| {
            names.iter().find_map(|n| key(row, n)).and_then(|v| match v {
                Value::Object(_) => key(v, "value").and_then(scalar),
                other => scalar(other),
            })
        };
        accept(&cell, at, &mut times, options, out)?;
    }
    Ok(())
}

fn read_csv(
    bytes: &[u8],
    file: &Arc<str>,
    zone: Tz,
    options: &NativeOptions,
    out: &mut HistoryRead,
) -> Result<(), EventError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(strip_bom(bytes));
    let mut record = csv::StringRecord::new();
    let mut header: Option<Vec<String>> = None;
    let mut times = TimeReader::new(options.date_formats.clone(), zone);
    loop {
        let line = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(file_error(file, format!("cannot read the CSV near line {line}: {e}"))),
        }
        let line = record.position().map_or(line, |p| p.line());
        let at = RowRef { file: file.clone(), line: Some(line), pointer: None };
        let Some(names) = &header else {
            let names: Vec<String> = record.iter().map(column_key).collect();
            for (wanted, list) in
                [("documentkey", DOCUMENT), ("fieldname", FIELD), ("newvalue", NEW), ("sys_created_on", CREATED)]
            {
                if !list.iter().any(|n| names.iter().any(|h| h == n)) {
                    return Err(file_error(
                        file,
                        format!(
                            "the header has no `{wanted}` column; a sys_audit export has documentkey, tablename, fieldname, oldvalue, newvalue, sys_created_on"
                        ),
                    ));
                }
            }
            header = Some(names);
            continue;
        };
        if record.len() == 1 && record.get(0).is_some_and(|c| c.trim().is_empty()) {
            continue; // a blank line
        }
        if record.as_slice().len() > MAX_RECORD_BYTES {
            out.rows += 1;
            let kind = EventErrorKind::RecordTooLong { limit: MAX_RECORD_BYTES as u64 };
            out.bad(EventError { at, field: None, kind: Box::new(kind) }, options.skip_bad_rows)?;
            continue;
        }
        if record.len() != names.len() {
            out.rows += 1;
            let kind = EventErrorKind::RowLength { found: record.len(), expected: names.len() };
            out.bad(EventError { at, field: None, kind: Box::new(kind) }, options.skip_bad_rows)?;
            continue;
        }
        let cell = |wanted: &[&str]| {
            wanted
                .iter()
                .find_map(|n| names.iter().position(|h| h == n))
                .and_then(|i| record.get(i))
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        accept(&cell, at, &mut times, options, out)?;
    }
    if header.is_none() {
        return Err(file_error(file, "the file is empty: no header row"));
    }
    Ok(())
}

/// One audit row: a change, an ignored row, or a bad row.
fn accept(
    cell: &dyn Fn(&[&str]) -> Option<String>,
    at: RowRef,
    times: &mut TimeReader,
    options: &NativeOptions,
    out: &mut HistoryRead,
) -> Result<(), EventError> {
    let table = cell(TABLE);
    if let Some(table) = table.as_deref().filter(|t| !t.eq_ignore_ascii_case("incident")) {
        out.ignore(&format!("table {table}"));
        return Ok(());
    }
    let name = cell(FIELD).unwrap_or_default();
    let field = match name.to_ascii_lowercase().as_str() {
        "state" => ChangedField::Status,
        "priority" => ChangedField::Severity,
        _ => {
            out.ignore(if name.is_empty() { "(no field name)" } else { &name });
            return Ok(());
        }
    };
    out.rows += 1;
    let fault = |name: &str, kind: EventErrorKind| EventError {
        at: at.clone(),
        field: Some(name.into()),
        kind: Box::new(kind),
    };
    let built = (|| {
        let incident = cell(DOCUMENT).ok_or_else(|| fault("documentkey", EventErrorKind::Required))?;
        let created = cell(CREATED).ok_or_else(|| fault("sys_created_on", EventErrorKind::Required))?;
        let when = times.read(&created).map_err(|k| fault("sys_created_on", k))?;
        let to = cell(NEW).ok_or_else(|| fault("newvalue", EventErrorKind::Required))?;
        let from = cell(OLD).map(|v| label(field, &v));
        Ok(StatusChange { incident, at: when, field, from, to: label(field, &to), source: at.clone() })
    })();
    match built {
        Ok(change) => out.changes.push(change),
        Err(e) => out.bad(e, options.skip_bad_rows)?,
    }
    Ok(())
}
