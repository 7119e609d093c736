//! One row of an event file, whatever its format: "get field X of this row".
//!
//! A reader is opened with a list of field names; it finds each name once
//! (a CSV header index, a JSON key) and then hands every row out as a
//! [`Row`] whose fields are asked for by their position in that list (the
//! field's *slot*). Looking names up once per file, not once per cell, is
//! what keeps the probe readers fast. A column mapping renames by opening
//! the reader with the source's names in the canonical slots.

use super::error::{EventErrorKind, Expected, show_text};
use super::model::RowRef;
use std::fmt;

/// A field's value as the file holds it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value<'a> {
    /// Text, trimmed of surrounding whitespace, never empty.
    Text(&'a str),
    UInt(u64),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// Something no field accepts, described for messages ("an array",
    /// "bytes that are not UTF-8").
    Unsupported(&'static str),
}

impl fmt::Display for Value<'_> {
    /// As a message shows it: text quoted, numbers plain.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Text(s) => f.write_str(&show_text(s)),
            Value::UInt(n) => write!(f, "{n}"),
            Value::Int(n) => write!(f, "{n}"),
            Value::Float(x) => write!(f, "{x}"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Unsupported(what) => f.write_str(what),
        }
    }
}

impl Value<'_> {
    /// The error for a value that is not what the field holds.
    pub fn invalid(&self, expected: Expected) -> EventErrorKind {
        EventErrorKind::Invalid { found: self.to_string(), expected }
    }
}

/// One row of an event file.
pub trait Row {
    /// The value of the field in `slot` of the names the reader was opened
    /// with; `None` when the field is absent, empty or null.
    fn get(&self, slot: usize) -> Option<Value<'_>>;

    /// Where the row is: for records that point back at their row, and for
    /// errors that name one.
    fn source(&self) -> RowRef;
}

/// A problem with a row, before the reader attaches where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The slot of the field at fault; `None` when the row as a whole is.
    pub slot: Option<usize>,
    pub kind: EventErrorKind,
}

impl Problem {
    pub fn field(slot: usize, kind: EventErrorKind) -> Problem {
        Problem { slot: Some(slot), kind }
    }

    pub fn row(kind: EventErrorKind) -> Problem {
        Problem { slot: None, kind }
    }
}

/// Trims a cell and treats an empty one as absent; shared by the readers so
/// that every format agrees on what "absent" means.
pub(crate) fn present(text: &str) -> Option<&str> {
    let text = text.trim_ascii();
    (!text.is_empty()).then_some(text)
}

/// Equality of short byte strings (names, dates) without a call to
/// `memcmp`, which costs more than the comparison for a few bytes.
#[inline]
pub(crate) fn short_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x == y)
}
