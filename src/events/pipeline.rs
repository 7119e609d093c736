//! Between a format reader and the caller: builds records from rows, hands
//! them on, and stops at a bad row or sets it aside, as asked.

use super::error::{EventError, EventErrorKind};
use super::format::Format;
use super::limits::MAX_SKIPPED_LISTED;
use super::model::RowRef;
use super::records::RecordBuilder;
use super::row::{Problem, Row};
use std::fmt;
use std::sync::Arc;

/// What reading one file did.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadSummary {
    pub file: Arc<str>,
    pub format: Format,
    /// Data rows seen (CSV rows after the header, non-blank NDJSON lines,
    /// JSON array elements), good or bad.
    pub rows: u64,
    /// Records handed to the caller.
    pub records: u64,
    /// Rows set aside with `skip_bad_rows`. `rows == records +
    /// rows_skipped` once a file is read through.
    pub rows_skipped: u64,
    /// The first [`MAX_SKIPPED_LISTED`] of them, each with why, in file
    /// order: an endless input of bad rows takes no more memory.
    pub skipped: Vec<EventError>,
}

impl ReadSummary {
    pub fn new(file: Arc<str>, format: Format) -> ReadSummary {
        ReadSummary { file, format, rows: 0, records: 0, rows_skipped: 0, skipped: Vec::new() }
    }
}

impl fmt::Display for ReadSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} ({}): {} rows, {} records, {} skipped",
            self.file, self.format, self.rows, self.records, self.rows_skipped
        )
    }
}

/// What a format reader hands its rows to.
pub(crate) trait RowSink {
    type Error;

    /// For a CSV header: the missing column every row needs, if any.
    fn missing_column(&self, present: &[bool]) -> Option<String>;

    /// A row read as a row: build its record.
    fn accept<R: Row + ?Sized>(&mut self, row: &R) -> Result<(), Self::Error>;

    /// A row that is not well formed (wrong length, not JSON, not an
    /// object): stop, or set it aside.
    fn reject(&mut self, at: RowRef, problem: Problem) -> Result<(), Self::Error>;

    /// An error that ends the file (I/O, a bad header, broken JSON array).
    fn fail(&self, error: EventError) -> Self::Error;
}

/// A [`RowSink`] that builds records with `B` and hands them to `F`.
pub(crate) struct Pipeline<'n, B, F> {
    names: &'n [&'n str],
    builder: B,
    on_record: F,
    skip_bad_rows: bool,
    summary: ReadSummary,
}

impl<'n, B, F> Pipeline<'n, B, F> {
    pub(crate) fn new(
        names: &'n [&'n str],
        builder: B,
        on_record: F,
        skip_bad_rows: bool,
        summary: ReadSummary,
    ) -> Self {
        Pipeline { names, builder, on_record, skip_bad_rows, summary }
    }

    pub(crate) fn into_summary(self) -> ReadSummary {
        self.summary
    }
}

impl<B, F> Pipeline<'_, B, F> {
    fn set_aside<E: From<EventError>>(&mut self, at: RowRef, problem: Problem) -> Result<(), E> {
        let error = EventError {
            at,
            field: problem.slot.and_then(|slot| self.names.get(slot)).map(|name| name.to_string()),
            kind: Box::new(problem.kind),
        };
        if self.skip_bad_rows {
            self.summary.rows_skipped += 1;
            if self.summary.skipped.len() < MAX_SKIPPED_LISTED {
                self.summary.skipped.push(error);
            }
            Ok(())
        } else {
            Err(error.into())
        }
    }
}

impl<B, F, E> RowSink for Pipeline<'_, B, F>
where
    B: RecordBuilder,
    F: FnMut(B::Record) -> Result<(), E>,
    E: From<EventError>,
{
    type Error = E;

    fn missing_column(&self, present: &[bool]) -> Option<String> {
        self.builder.missing_column(present)
    }

    fn accept<R: Row + ?Sized>(&mut self, row: &R) -> Result<(), E> {
        self.summary.rows += 1;
        match self.builder.build(row) {
            Ok(record) => {
                self.summary.records += 1;
                (self.on_record)(record)
            }
            Err(problem) => self.set_aside(row.source(), problem),
        }
    }

    fn reject(&mut self, at: RowRef, problem: Problem) -> Result<(), E> {
        self.summary.rows += 1;
        self.set_aside(at, problem)
    }

    fn fail(&self, error: EventError) -> E {
        error.into()
    }
}

/// The error for a file that cannot be read.
pub(crate) fn unreadable(file: &Arc<str>, error: &dyn fmt::Display) -> EventError {
    EventError::in_file(file, EventErrorKind::Unreadable { message: error.to_string() })
}
