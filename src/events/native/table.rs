//! The column reader: CSV, JSON or NDJSON records whose fields a [`Spec`]
//! names. The Jira Service Management, PagerDuty and Google Cloud readers
//! are presets of it, and a mapping file is a spec of the user's.
//!
//! - CSV headers are matched ignoring ASCII case and surrounding spaces. A
//!   name the header repeats (Jira's `Component/s`, `Labels`) reads every
//!   column with that name: the first non-empty one for a single value,
//!   all of them for the services. `#5` reads the fifth column.
//! - JSON records are the document's array, the array under `records`, or
//!   under one of the preset's keys (`incidents`); their fields are paths
//!   (see [`super::jsonpath`]).
//! - Every named source of a field is an alternative: the first that holds
//!   a value in a row is read. A timestamp field that reaches several
//!   values (`acknowledgements[].at`) reads the earliest.

use super::jsonpath;
use super::spec::{Field, Source, Spec};
use super::times::{self, TimeReader};
use super::{NativeOptions, NativeRead, RawIncident, at_pointer, file_error, parse_json, strip_bom};
use crate::events::error::{EventError, EventErrorKind, show_text};
use crate::events::format::Format;
use crate::events::limits::MAX_RECORD_BYTES;
use crate::events::model::{Impact, RowRef};
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;

/// Reads `bytes` as `layout` through `spec`.
pub fn read(
    bytes: &[u8],
    file: &Arc<str>,
    layout: Format,
    spec: &Spec,
    options: &NativeOptions,
) -> Result<NativeRead, EventError> {
    let mut out = NativeRead::new(file.clone(), format!("{} ({layout})", spec.name));
    let zone = options.date_zone.or(spec.zone).unwrap_or(options.zone);
    let formats = options.date_formats.iter().chain(&spec.timestamp_formats).cloned().collect();
    let mut builder = Builder { spec, times: TimeReader::new(formats, zone), seen: HashMap::new(), soft_misses: 0 };
    match layout {
        Format::Csv => read_csv(bytes, file, &mut builder, options, &mut out)?,
        Format::Json => {
            let doc = parse_json(bytes, file)?;
            let (base, items) = records(&doc, spec).map_err(|m| file_error(file, m))?;
            for (i, item) in items.into_iter().enumerate() {
                let pointer = if base.ends_with('/') { base.clone() } else { format!("{base}/{i}") };
                let pointer = pointer.trim_end_matches('/').to_string();
                let at = if pointer.is_empty() {
                    RowRef { file: file.clone(), line: None, pointer: None }
                } else {
                    at_pointer(file, pointer)
                };
                accept(&mut builder, &JsonCells(item), at, options, &mut out)?;
            }
        }
        Format::Ndjson => {
            let text = std::str::from_utf8(strip_bom(bytes))
                .map_err(|e| file_error(file, format!("the file is not UTF-8 text ({e})")))?;
            for (i, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let at = RowRef { file: file.clone(), line: Some(i as u64 + 1), pointer: None };
                if line.len() > MAX_RECORD_BYTES {
                    out.rows += 1;
                    let kind = EventErrorKind::RecordTooLong { limit: MAX_RECORD_BYTES as u64 };
                    out.bad(EventError { at, field: None, kind: Box::new(kind) }, options.skip_bad_rows)?;
                    continue;
                }
                match serde_json::from_str::<Value>(line) {
                    Ok(value) if value.is_object() => accept(&mut builder, &JsonCells(&value), at, options, &mut out)?,
                    Ok(value) => {
                        out.rows += 1;
                        let kind = EventErrorKind::NotAnObject { found: jsonpath::kind_of(&value) };
                        out.bad(EventError { at, field: None, kind: Box::new(kind) }, options.skip_bad_rows)?;
                    }
                    Err(e) => {
                        out.rows += 1;
                        let kind = EventErrorKind::InvalidJson {
                            message: crate::events::json_rows::without_position(&e),
                            column: Some(e.column() as u64),
                        };
                        out.bad(EventError { at, field: None, kind: Box::new(kind) }, options.skip_bad_rows)?;
                    }
                }
            }
        }
    }
    if builder.soft_misses > 0 {
        if let Some(source) = spec.columns.values().find(|s| s.soft) {
            out.notes.push(format!(
                "{} rows: the first-response column ({}) holds no timestamp, so their first response \
                 was not read (they count as answered when resolved)",
                builder.soft_misses,
                source.names.join(" / ")
            ));
        }
    }
    Ok(out)
}

/// The record array of a JSON document, with the pointer of its base.
fn records<'v>(doc: &'v Value, spec: &Spec) -> Result<(String, Vec<&'v Value>), String> {
    if let Some(path) = &spec.records {
        let mut v = doc;
        let mut pointer = String::new();
        for part in path.split(['.', '/']).filter(|p| !p.is_empty()) {
            v = jsonpath::key(v, part).ok_or_else(|| {
                format!("the document has no `{path}` (the records key of {}); it has {}", spec.origin, keys_of(doc))
            })?;
            pointer.push('/');
            pointer.push_str(part);
        }
        return match v {
            Value::Array(items) => Ok((pointer, items.iter().collect())),
            Value::Object(_) => Ok((format!("{pointer}/"), vec![v])),
            other => Err(format!("`{path}` holds {}, not records", jsonpath::kind_of(other))),
        };
    }
    match doc {
        Value::Array(items) => Ok((String::new(), items.iter().collect())),
        Value::Object(_) => {
            for k in &spec.record_keys {
                match jsonpath::key(doc, k) {
                    Some(Value::Array(items)) => return Ok((format!("/{k}"), items.iter().collect())),
                    Some(v @ Value::Object(_)) => return Ok((format!("/{k}/"), vec![v])),
                    _ => {}
                }
            }
            let id_named = spec
                .columns
                .get(&Field::Id)
                .is_some_and(|s| s.names.iter().any(|n| !jsonpath::values(doc, n).is_empty()));
            if id_named {
                return Ok(("/".into(), vec![doc]));
            }
            let wanted = if spec.record_keys.is_empty() {
                "an array of records (or give `records` in the mapping)".to_string()
            } else {
                format!(
                    "an array of records, or {}",
                    spec.record_keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(" or ")
                )
            };
            Err(format!("expected {wanted}; the document is an object with {}", keys_of(doc)))
        }
        other => Err(format!("expected an array of records, found {}", jsonpath::kind_of(other))),
    }
}

fn keys_of(doc: &Value) -> String {
    match doc.as_object() {
        Some(map) if !map.is_empty() => {
            let keys: Vec<String> = map.keys().take(8).map(|k| format!("`{k}`")).collect();
            format!("the keys {}", keys.join(", "))
        }
        _ => format!("no keys ({})", jsonpath::kind_of(doc)),
    }
}

/// A row's cells, whatever the layout.
trait Cells {
    /// The values of one named source: `Ok(None)` when the source is not
    /// in the file (a CSV column the header lacks).
    fn texts(&self, name: &str) -> Result<Option<Vec<String>>, &'static str>;
}

struct JsonCells<'v>(&'v Value);

impl Cells for JsonCells<'_> {
    fn texts(&self, name: &str) -> Result<Option<Vec<String>>, &'static str> {
        jsonpath::texts(self.0, name).map(Some)
    }
}

struct CsvCells<'r> {
    header: &'r Header,
    cells: &'r [String],
}

impl Cells for CsvCells<'_> {
    fn texts(&self, name: &str) -> Result<Option<Vec<String>>, &'static str> {
        let Some(positions) = self.header.positions(name) else { return Ok(None) };
        Ok(Some(
            positions
                .iter()
                .filter_map(|&i| self.cells.get(i))
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect(),
        ))
    }
}

/// A CSV header: each name's positions (names repeat in Jira exports).
struct Header {
    names: Vec<String>,
    by_name: HashMap<String, Vec<usize>>,
}

impl Header {
    fn new(cells: &[String]) -> Header {
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, c) in cells.iter().enumerate() {
            by_name.entry(c.trim().to_ascii_lowercase()).or_default().push(i);
        }
        Header { names: cells.iter().map(|c| c.trim().to_string()).collect(), by_name }
    }

    fn positions(&self, name: &str) -> Option<Vec<usize>> {
        if let Some(n) = name.strip_prefix('#').and_then(|n| n.trim().parse::<usize>().ok()) {
            return (n >= 1 && n <= self.names.len()).then(|| vec![n - 1]);
        }
        self.by_name.get(&name.trim().to_ascii_lowercase()).cloned()
    }

    fn describe(&self) -> String {
        let mut seen: Vec<&str> = Vec::new();
        for n in &self.names {
            if !seen.contains(&n.as_str()) {
                seen.push(n);
            }
        }
        let shown: Vec<String> = seen.iter().take(20).map(|n| format!("{n:?}")).collect();
        let more = if seen.len() > 20 { format!(" and {} more", seen.len() - 20) } else { String::new() };
        format!("{}{more}", shown.join(", "))
    }
}

fn read_csv(
    bytes: &[u8],
    file: &Arc<str>,
    builder: &mut Builder<'_>,
    options: &NativeOptions,
    out: &mut NativeRead,
) -> Result<(), EventError> {
    // Rows end at `\n` (a `\r` before it is trimmed with the cell), so that
    // rows after CRLF line ends keep their own line numbers.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .delimiter(builder.spec.delimiter.unwrap_or(b','))
        .from_reader(strip_bom(bytes));
    let mut record = csv::ByteRecord::new();
    let mut header: Option<Header> = None;
    loop {
        let line = reader.position().line();
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(file_error(file, format!("cannot read the CSV near line {line}: {e}"))),
        }
        let line = record.position().map_or(line, |p| p.line());
        let at = RowRef { file: file.clone(), line: Some(line), pointer: None };
        let cells: Result<Vec<String>, _> = record.iter().map(|c| std::str::from_utf8(c).map(str::to_string)).collect();
        let Some(h) = &header else {
            let cells = cells.map_err(|_| file_error(file, "the header is not UTF-8 text"))?;
            let h = Header::new(&cells);
            check_header(&h, builder.spec, file)?;
            header = Some(h);
            continue;
        };
        if record.len() == 1 && record.get(0).is_some_and(|c| c.iter().all(u8::is_ascii_whitespace)) {
            continue; // a blank line
        }
        if record.as_slice().len() > MAX_RECORD_BYTES {
            out.rows += 1;
            let kind = EventErrorKind::RecordTooLong { limit: MAX_RECORD_BYTES as u64 };
            out.bad(EventError { at, field: None, kind: Box::new(kind) }, options.skip_bad_rows)?;
            continue;
        }
        let cells = match cells {
            Ok(cells) => cells,
            Err(_) => {
                out.rows += 1;
                let kind = EventErrorKind::Invalid {
                    found: "bytes that are not UTF-8".into(),
                    expected: crate::events::Expected::Text,
                };
                out.bad(EventError { at, field: None, kind: Box::new(kind) }, options.skip_bad_rows)?;
                continue;
            }
        };
        if cells.len() != h.names.len() {
            out.rows += 1;
            let kind = EventErrorKind::RowLength { found: cells.len(), expected: h.names.len() };
            out.bad(EventError { at, field: None, kind: Box::new(kind) }, options.skip_bad_rows)?;
            continue;
        }
        accept(builder, &CsvCells { header: h, cells: &cells }, at, options, out)?;
    }
    if header.is_none() {
        return Err(file_error(file, "the file is empty: no header row"));
    }
    Ok(())
}

/// Every strict source must have a column; `id` and `opened_at` must be
/// read from somewhere.
fn check_header(header: &Header, spec: &Spec, file: &Arc<str>) -> Result<(), EventError> {
    for (field, source) in &spec.columns {
        let found = source.names.iter().any(|n| header.positions(n).is_some());
        let needed =
            source.strict || (matches!(field, Field::Id | Field::OpenedAt) && !spec.defaults.contains_key(field));
        if !found && needed {
            let looked = source.names.iter().map(|n| format!("{n:?}")).collect::<Vec<_>>().join(" or ");
            return Err(file_error(
                file,
                format!(
                    "no column {looked} for columns.{} ({}); the header has {}",
                    field.key(),
                    spec.origin,
                    header.describe()
                ),
            ));
        }
    }
    for field in [Field::Id, Field::OpenedAt] {
        if !spec.columns.contains_key(&field) && !spec.defaults.contains_key(&field) {
            return Err(file_error(file, format!("{} names no column for columns.{}", spec.origin, field.key())));
        }
    }
    Ok(())
}

/// Builds one record from a row and keeps it, or the row's error.
fn accept(
    builder: &mut Builder<'_>,
    cells: &dyn Cells,
    at: RowRef,
    options: &NativeOptions,
    out: &mut NativeRead,
) -> Result<(), EventError> {
    out.rows += 1;
    match builder.build(cells, &at) {
        Ok(incident) => out.incidents.push(incident),
        Err((field, kind)) => out.bad(EventError { at, field, kind: Box::new(kind) }, options.skip_bad_rows)?,
    }
    Ok(())
}

type Fault = (Option<String>, EventErrorKind);

struct Builder<'s> {
    spec: &'s Spec,
    times: TimeReader,
    seen: HashMap<String, RowRef>,
    soft_misses: u64,
}

/// One field's values and the source they came from.
struct Got {
    name: String,
    values: Vec<String>,
}

impl Builder<'_> {
    /// The values of the first source of `field` that holds any.
    fn get(&self, cells: &dyn Cells, field: Field) -> Result<Option<Got>, Fault> {
        let Some(source) = self.spec.columns.get(&field) else { return Ok(None) };
        for name in &source.names {
            match cells.texts(name) {
                Ok(Some(values)) if !values.is_empty() => return Ok(Some(Got { name: name.clone(), values })),
                Ok(_) => {}
                Err(what) => {
                    let message = format!(
                        "holds {what}, not a value; name a key inside it (columns.{} in {})",
                        field.key(),
                        self.spec.origin
                    );
                    return Err((Some(name.clone()), EventErrorKind::Export { message }));
                }
            }
        }
        Ok(None)
    }

    fn fault(&self, field: Field, got: &Got, kind: EventErrorKind) -> Fault {
        let message = format!("{kind} (columns.{} in {})", field.key(), self.spec.origin);
        (Some(got.name.clone()), EventErrorKind::Export { message })
    }

    fn text(&self, cells: &dyn Cells, field: Field) -> Result<Option<String>, Fault> {
        Ok(match self.get(cells, field)? {
            Some(got) => got.values.into_iter().next(),
            None => self.spec.defaults.get(&field).cloned(),
        })
    }

    /// The earliest instant a field holds.
    fn time(&mut self, cells: &dyn Cells, field: Field) -> Result<Option<DateTime<Utc>>, Fault> {
        let got = match self.get(cells, field)? {
            Some(got) => got,
            None => match self.spec.defaults.get(&field) {
                Some(v) => Got { name: format!("defaults.{}", field.key()), values: vec![v.clone()] },
                None => return Ok(None),
            },
        };
        let soft = self.spec.columns.get(&field).is_some_and(|s: &Source| s.soft);
        let mut earliest: Option<DateTime<Utc>> = None;
        for v in &got.values {
            match self.times.read(v) {
                Ok(t) => earliest = Some(earliest.map_or(t, |e| e.min(t))),
                Err(_) if soft => {
                    self.soft_misses += 1;
                    return Ok(None);
                }
                Err(kind) => return Err(self.fault(field, &got, kind)),
            }
        }
        Ok(earliest)
    }

    /// A timestamp field, or the instant a seconds field puts after `from`.
    fn time_or_after(
        &mut self,
        cells: &dyn Cells,
        at: Field,
        after: Field,
        from: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, Fault> {
        if let Some(t) = self.time(cells, at)? {
            return Ok(Some(t));
        }
        match self.get(cells, after)? {
            Some(got) => match times::after(from, &got.values[0]) {
                Ok(t) => Ok(Some(t)),
                Err(kind) => Err(self.fault(after, &got, kind)),
            },
            None => Ok(None),
        }
    }

    fn build(&mut self, cells: &dyn Cells, at: &RowRef) -> Result<RawIncident, Fault> {
        let id_name = || self.spec.columns.get(&Field::Id).and_then(|s| s.names.first().cloned());
        let id = self.text(cells, Field::Id)?.ok_or_else(|| (id_name(), EventErrorKind::Required))?;
        let opened_at = self.time(cells, Field::OpenedAt)?.ok_or_else(|| {
            (self.spec.columns.get(&Field::OpenedAt).and_then(|s| s.names.first().cloned()), EventErrorKind::Required)
        })?;
        let responded_at = self.time_or_after(cells, Field::RespondedAt, Field::RespondedAfter, opened_at)?;
        let resolved_at = self.time_or_after(cells, Field::ResolvedAt, Field::ResolvedAfter, opened_at)?;
        for (field, time) in [(Field::RespondedAt, responded_at), (Field::ResolvedAt, resolved_at)] {
            if let Some(t) = time {
                if t < opened_at {
                    let kind = EventErrorKind::Before {
                        found: show_text(&t.to_rfc3339()),
                        other: "opened_at",
                        other_value: show_text(&opened_at.to_rfc3339()),
                    };
                    return Err((Some(field.key().to_string()), kind));
                }
            }
        }
        let impact = match self.get(cells, Field::Impact)? {
            Some(got) => {
                let label = &got.values[0];
                match self.spec.impact(label) {
                    Some(i) => i,
                    None => {
                        let message = format!(
                            "impact {} is not outage, degraded or none; translate it under [impact] \
                             (columns.impact in {})",
                            show_text(label),
                            self.spec.origin
                        );
                        return Err((Some(got.name), EventErrorKind::Export { message }));
                    }
                }
            }
            None => self.spec.defaults.get(&Field::Impact).and_then(|d| self.spec.impact(d)).unwrap_or(Impact::None),
        };
        let mut services: Vec<String> = Vec::new();
        match self.get(cells, Field::Service)? {
            Some(got) => {
                for s in got.values {
                    if !services.contains(&s) {
                        services.push(s);
                    }
                }
            }
            None => services.extend(self.spec.defaults.get(&Field::Service).cloned()),
        }
        let incident = RawIncident {
            id,
            services,
            instance: self.text(cells, Field::Instance)?,
            severity: self.text(cells, Field::Severity)?,
            opened_at,
            responded_at,
            resolved_at,
            impact,
            cause: self.text(cells, Field::Cause)?,
            outage_of: None,
            source: at.clone(),
            region: self.text(cells, Field::Region)?,
        };
        if let Some(first) = self.seen.get(&incident.id) {
            let kind = EventErrorKind::DuplicateId { id: incident.id.clone(), first: first.clone() };
            return Err((id_name(), kind));
        }
        self.seen.insert(incident.id.clone(), at.clone());
        Ok(incident)
    }
}
