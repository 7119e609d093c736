//! What can go wrong when reading holiday files and running business clocks.

use chrono::{DateTime, Utc};
use std::fmt;

/// A holiday file (CSV or iCalendar) that cannot be read.
///
/// The parsers only see text, so the error names the line and field; the
/// caller, who knows the file's path, puts it in front.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HolidayFileError {
    /// 1-based line number in the text.
    pub line: usize,
    /// The CSV column or iCalendar property at fault, where there is one.
    pub field: Option<String>,
    /// What was wrong and what was expected, in plain words.
    pub message: String,
}

impl HolidayFileError {
    pub(crate) fn new(line: usize, field: Option<&str>, message: impl Into<String>) -> Self {
        HolidayFileError { line, field: field.map(str::to_owned), message: message.into() }
    }
}

impl fmt::Display for HolidayFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field {
            Some(field) => write!(f, "line {}, field `{field}`: {}", self.line, self.message),
            None => write!(f, "line {}: {}", self.line, self.message),
        }
    }
}

impl std::error::Error for HolidayFileError {}

/// A question a calendar cannot answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CalendarError {
    /// The date's year is in no loaded holiday table: we do not know whether
    /// it is a holiday, and guessing "no" would move deadlines silently.
    YearNotCovered { set: String, year: i32 },
    /// The hours name a holiday set but no table was given for it.
    MissingHolidayTable { set: String },
    /// No built-in holiday set has this name.
    UnknownHolidaySet { name: String },
    /// The holiday data shipped inside slac does not parse (a build defect).
    BuiltinData { set: String, error: HolidayFileError },
    /// A time range that is empty, reversed or runs past 24:00.
    InvalidHours { reason: String },
    /// A deadline was asked of a clock that is never open.
    NeverOpen,
    /// A deadline was not reached within the search horizon.
    SearchLimit { start: DateTime<Utc>, limit_seconds: i64, days: u32 },
    /// A limit below zero.
    NegativeLimit { limit_seconds: i64 },
    /// A date or instant outside what the date types can hold.
    OutOfRange,
    /// The month has fewer business days than asked for (or `n` is 0).
    NoSuchBusinessDay { year: i32, month: u32, n: u32 },
}

impl fmt::Display for CalendarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CalendarError::YearNotCovered { set, year } => {
                write!(f, "holiday set `{set}` does not cover {year}; add a holiday file for {year}")
            }
            CalendarError::MissingHolidayTable { set } => {
                write!(f, "the calendar uses holiday set `{set}`, but it was not loaded")
            }
            CalendarError::UnknownHolidaySet { name } => {
                write!(f, "there is no built-in holiday set `{name}` (known: cn)")
            }
            CalendarError::BuiltinData { set, error } => {
                write!(f, "built-in holiday set `{set}` is damaged: {error}")
            }
            CalendarError::InvalidHours { reason } => write!(f, "invalid hours: {reason}"),
            CalendarError::NeverOpen => {
                write!(f, "the calendar has no open hours, so no deadline can be reached")
            }
            CalendarError::SearchLimit { start, limit_seconds, days } => {
                write!(f, "a limit of {limit_seconds} s started at {start} does not run out within {days} days")
            }
            CalendarError::NegativeLimit { limit_seconds } => {
                write!(f, "a limit cannot be negative ({limit_seconds} s)")
            }
            CalendarError::OutOfRange => write!(f, "date out of the supported range"),
            CalendarError::NoSuchBusinessDay { year, month, n } => {
                write!(f, "{year}-{month:02} has no business day number {n} (counted from 1)")
            }
        }
    }
}

impl std::error::Error for CalendarError {}
