//! What can be wrong with an event file, worded in one place.
//!
//! Low-level helpers return a bare [`EventErrorKind`]; the reader that knows
//! the file, the row and the field name attaches them (see [`EventError`]).

use super::limits::show_bytes;
use super::model::RowRef;
use chrono_tz::Tz;
use std::fmt;

/// An error in an event file: where, which field, and what is wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct EventError {
    /// The file, and the row's line or JSON pointer when the error is in a
    /// row; just the file for file-level errors (a missing column).
    pub at: RowRef,
    /// The field (column or key) at fault, if one is.
    pub field: Option<String>,
    /// Boxed so that `Result<_, EventError>` stays small.
    pub kind: Box<EventErrorKind>,
}

/// What is wrong, without where.
#[derive(Clone, Debug, PartialEq)]
pub enum EventErrorKind {
    /// The file could not be read (I/O).
    Unreadable { message: String },
    /// A CSV header lacks a column every row needs.
    MissingColumn { column: String },
    /// A CSV header names a column twice, so which one counts is unclear.
    DuplicateColumn { column: String },
    /// Text that is not JSON; `column` within the line when known.
    InvalidJson { message: String, column: Option<u64> },
    /// A CSV row with more or fewer fields than the header.
    RowLength { found: usize, expected: usize },
    /// A JSON row that is not an object.
    NotAnObject { found: &'static str },
    /// A JSON object that gives the same key twice.
    RepeatedKey,
    /// A required field is absent, empty or null.
    Required,
    /// A value that cannot be read as what the field holds.
    Invalid { found: String, expected: Expected },
    /// A naive local time that the zone's clocks skip (a DST gap).
    NonexistentLocalTime { found: String, zone: Tz },
    /// An end before its start (`resolved_at` before `opened_at`).
    Before { found: String, other: &'static str, other_value: String },
    /// An id already used by an earlier row of the same file.
    DuplicateId { id: String, first: RowRef },
    /// A count above the count it is part of (`ok` above `total`).
    Exceeds { found: u64, other: &'static str, limit: u64 },
    /// A probe count above what one row may hold (2^32 − 1 attempts).
    CountTooLarge { found: u64, limit: u64 },
    /// One of a pair of fields without the other (`ok` without `total`).
    Incomplete { needs: &'static str },
    /// A probe row with neither `ok` and `total` nor `up`.
    NoProbeCounts,
    /// A probe row with both `ok`/`total` and `up`.
    ConflictingProbeCounts,
    /// A problem reading a tool's export or a mapped file, worded by the
    /// reader that found it (`expected a date such as 25/Feb/26 10:17 PM`).
    Export { message: String },
    /// A record (row, line, array element) over the most one may hold.
    RecordTooLong { limit: u64 },
    /// An over-long line whose end did not come within `limit` more bytes.
    NotText { limit: u64 },
    /// A file read whole that holds more than `limit` bytes.
    FileTooLarge { limit: u64 },
}

/// What a field should have held; the wording users see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    Timestamp,
    Count,
    Flag,
    Impact,
    MaintenanceImpact,
    MaintenanceKind,
    ChangedField,
    Period,
    Money,
    Decimal,
    Text,
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Expected::Timestamp => "a timestamp such as 2025-03-01 08:15:00 or 2025-03-01T08:15:00+08:00",
            Expected::Count => "a whole number, 0 or more",
            Expected::Flag => "1 (up) or 0 (down)",
            Expected::Impact => "outage, degraded or none",
            Expected::MaintenanceImpact => "outage or none",
            Expected::MaintenanceKind => "planned or emergency",
            Expected::ChangedField => "status or severity",
            Expected::Period => "a month such as 2025-03",
            Expected::Money => "an amount below 10^15 with its currency, such as CNY 12000.00",
            Expected::Decimal => "a decimal number such as 99.95",
            Expected::Text => "text or a number",
        })
    }
}

impl fmt::Display for EventErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use EventErrorKind::*;
        match self {
            Unreadable { message } => write!(f, "cannot read the file: {message}"),
            MissingColumn { column } => write!(f, "missing required column: {column}"),
            DuplicateColumn { column } => {
                write!(f, "column {column} appears more than once in the header")
            }
            InvalidJson { message, column } => {
                write!(f, "invalid JSON: {message}")?;
                match column {
                    Some(c) => write!(f, " (column {c})"),
                    None => Ok(()),
                }
            }
            RowLength { found, expected } => {
                write!(f, "the row has {} but the header has {expected}", count_of(*found, "field"))
            }
            NotAnObject { found } => write!(f, "expected an object, found {found}"),
            RepeatedKey => f.write_str("given more than once"),
            Required => f.write_str("a value is required"),
            Invalid { found, expected } => write!(f, "expected {expected}, found {found}"),
            NonexistentLocalTime { found, zone } => write!(
                f,
                "{found} does not exist in {zone} (the clocks skip it); \
                 write the time with its UTC offset"
            ),
            Before { found, other, other_value } => write!(f, "{found} is before {other} {other_value}"),
            DuplicateId { id, first } => write!(f, "duplicate id {id:?} (first at {first})"),
            Exceeds { found, other, limit } => write!(f, "{found} is more than {other} {limit}"),
            CountTooLarge { found, limit } => write!(
                f,
                "{found} attempts in one row is more than one row may count ({limit}); split the minute over several rows"
            ),
            Incomplete { needs } => write!(f, "given without {needs}"),
            NoProbeCounts => f.write_str("a probe row needs ok and total, or up"),
            ConflictingProbeCounts => f.write_str("the row gives both ok/total and up; give one or the other"),
            Export { message } => f.write_str(message),
            RecordTooLong { limit } => write!(
                f,
                "the record is over {}, the most one record may hold; is this the right file and format?",
                show_bytes(*limit)
            ),
            NotText { limit } => write!(
                f,
                "a line that goes on for more than {} without a line end: this is not CSV or NDJSON text",
                show_bytes(*limit)
            ),
            FileTooLarge { limit } => write!(
                f,
                "the file is over {}, the most slac reads whole (a tool's export, a mapping); \
                 split it, or convert it to slac's own schema, which is read as a stream",
                show_bytes(*limit)
            ),
        }
    }
}

impl fmt::Display for EventError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.at.file)?;
        match (&self.at.pointer, self.at.line, &self.field) {
            // A pointer already names the field: `/3/opened_at`.
            (Some(p), _, Some(field)) => write!(f, " at {p}/{}: ", escape_pointer(field))?,
            (Some(p), _, None) => write!(f, " at {p}: ")?,
            (None, Some(line), Some(field)) => write!(f, ":{line}: field {field}: ")?,
            (None, Some(line), None) => write!(f, ":{line}: ")?,
            (None, None, Some(field)) => write!(f, ": field {field}: ")?,
            (None, None, None) => write!(f, ": ")?,
        }
        write!(f, "{}", self.kind)
    }
}

impl std::error::Error for EventError {}

impl EventError {
    /// A file-level error (no row).
    pub fn in_file(file: &std::sync::Arc<str>, kind: EventErrorKind) -> EventError {
        EventError { at: RowRef { file: file.clone(), line: None, pointer: None }, field: None, kind: Box::new(kind) }
    }
}

/// `1 field`, `3 fields`.
fn count_of(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// A JSON pointer token for a key (RFC 6901: `~` is `~0`, `/` is `~1`).
pub(crate) fn escape_pointer(key: &str) -> std::borrow::Cow<'_, str> {
    if key.contains(['~', '/']) { key.replace('~', "~0").replace('/', "~1").into() } else { key.into() }
}

/// How a found value is shown in a message: quoted, and cut short when long,
/// so one bad cell cannot flood the terminal.
pub(crate) fn show_text(text: &str) -> String {
    const MAX: usize = 60;
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{:?}...", &text[..cut]),
        None => format!("{text:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn at(line: Option<u64>, pointer: Option<&str>) -> RowRef {
        RowRef { file: Arc::from("incidents.csv"), line, pointer: pointer.map(str::to_string) }
    }

    #[test]
    fn a_csv_field_error_names_file_line_and_field() {
        let e = EventError {
            at: at(Some(4), None),
            field: Some("opened_at".into()),
            kind: Box::new(EventErrorKind::Invalid { found: show_text("2025-13-01"), expected: Expected::Timestamp }),
        };
        assert_eq!(
            e.to_string(),
            "incidents.csv:4: field opened_at: expected a timestamp such as \
             2025-03-01 08:15:00 or 2025-03-01T08:15:00+08:00, found \"2025-13-01\""
        );
    }

    #[test]
    fn a_json_field_error_extends_the_pointer() {
        let e = EventError {
            at: at(None, Some("/3")),
            field: Some("a/b~c".into()),
            kind: Box::new(EventErrorKind::Required),
        };
        assert_eq!(e.to_string(), "incidents.csv at /3/a~1b~0c: a value is required");
    }

    #[test]
    fn long_values_are_cut_short() {
        let long = "x".repeat(100);
        let shown = show_text(&long);
        assert!(shown.len() < 70 && shown.ends_with("\"..."), "{shown}");
    }
}
