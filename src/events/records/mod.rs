//! Turning a row's fields into a canonical record, whatever the format.
//!
//! One builder per record kind. A builder names the fields it reads (its
//! slots), says which CSV columns it cannot do without, and checks every
//! rule of `docs/inputs.md` that one file can check: values, order of
//! timestamps, duplicate ids. It returns a [`Problem`]; the reader attaches
//! the file, the row and the field name.

mod incident;
mod inventory;
mod maintenance;
mod probe;
mod status_change;
mod update;
mod usage;

pub use incident::IncidentBuilder;
pub use inventory::InventoryBuilder;
pub use maintenance::MaintenanceBuilder;
pub use probe::ProbeBuilder;
pub use status_change::StatusChangeBuilder;
pub use update::UpdateBuilder;
pub use usage::{MetricBuilder, UsageBuilder};

use super::error::EventErrorKind;
use super::model::RowRef;
use super::row::{Problem, Row, Value};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::Arc;

/// Builds one kind of canonical record from rows.
pub trait RecordBuilder {
    type Record;

    /// The canonical field names, in slot order.
    const FIELDS: &'static [&'static str];

    /// Given which fields a CSV header has (by slot), the missing column
    /// every row would need, described for the error ("opened_at", "ok and
    /// total, or up"); `None` when the header will do.
    fn missing_column(&self, present: &[bool]) -> Option<String>;

    /// The record for one row, or what is wrong with it.
    fn build<R: Row + ?Sized>(&mut self, row: &R) -> Result<Self::Record, Problem>;
}

/// A builder lent out: a reader thread keeps one for every chunk it reads.
impl<B: RecordBuilder + ?Sized> RecordBuilder for &mut B {
    type Record = B::Record;

    const FIELDS: &'static [&'static str] = B::FIELDS;

    fn missing_column(&self, present: &[bool]) -> Option<String> {
        (**self).missing_column(present)
    }

    fn build<R: Row + ?Sized>(&mut self, row: &R) -> Result<Self::Record, Problem> {
        (**self).build(row)
    }
}

/// The first of `required` (by slot) that `present` lacks, by name.
fn first_missing(fields: &[&str], present: &[bool], required: &[usize]) -> Option<String> {
    required.iter().find(|&&slot| !present.get(slot).copied().unwrap_or(false)).map(|&slot| fields[slot].to_string())
}

/// A field that must hold a value, read with `read`.
fn required<'r, R, T>(
    row: &'r R,
    slot: usize,
    read: impl FnOnce(Value<'r>) -> Result<T, EventErrorKind>,
) -> Result<T, Problem>
where
    R: Row + ?Sized,
{
    let value = row.get(slot).ok_or_else(|| Problem::field(slot, EventErrorKind::Required))?;
    read(value).map_err(|kind| Problem::field(slot, kind))
}

/// A field that may be absent, read with `read` when present.
fn optional<'r, R, T>(
    row: &'r R,
    slot: usize,
    read: impl FnOnce(Value<'r>) -> Result<T, EventErrorKind>,
) -> Result<Option<T>, Problem>
where
    R: Row + ?Sized,
{
    row.get(slot).map(read).transpose().map_err(|kind| Problem::field(slot, kind))
}

/// One shared copy of each text a column repeats (a service, a severity),
/// so that a million rows naming three services hold three names. Past
/// [`SHARED_TEXTS`] distinct texts the file's columns are taken to hold
/// unique values (a free-text cause) and new texts are no longer remembered.
pub type SharedTexts = super::intern::Interner;

/// The most distinct texts an incident file's columns share.
pub const SHARED_TEXTS: usize = 4096;

/// Optional text, shared with the rows before that gave the same.
fn optional_shared<R: Row + ?Sized>(
    row: &R,
    slot: usize,
    texts: &mut SharedTexts,
) -> Result<Option<Arc<str>>, Problem> {
    optional(row, slot, super::fields::text).map(|t| t.map(|t| texts.intern(&t)))
}

/// Optional text, owned.
fn optional_text<R: Row + ?Sized>(row: &R, slot: usize) -> Result<Option<String>, Problem> {
    optional(row, slot, super::fields::text).map(|t| t.map(|t| t.into_owned()))
}

/// The error for a timestamp in `slot` that comes before the one in
/// `earlier_slot`, both shown as written.
fn not_before<R: Row + ?Sized>(
    row: &R,
    fields: &[&'static str],
    (slot, time): (usize, DateTime<Utc>),
    (earlier_slot, earlier): (usize, DateTime<Utc>),
) -> Result<(), Problem> {
    if time >= earlier {
        return Ok(());
    }
    let shown = |s: usize| row.get(s).map(|v| v.to_string()).unwrap_or_default();
    Err(Problem::field(
        slot,
        EventErrorKind::Before { found: shown(slot), other: fields[earlier_slot], other_value: shown(earlier_slot) },
    ))
}

/// The ids one file has used, and where. Most rows have a line, so the
/// line alone is kept for them (a map of a million ids then takes about
/// 80 MB rather than 200 MB); a row known by a JSON pointer, or of another
/// file, keeps its whole reference.
#[derive(Debug, Default)]
pub struct SeenIds {
    file: Option<Arc<str>>,
    /// Keys share the rows' own ids where the rows hold them shared
    /// (incidents): a million ids are then not held twice.
    lines: HashMap<Arc<str>, u64>,
    others: HashMap<Arc<str>, RowRef>,
}

impl SeenIds {
    fn first_use(&self, id: &str) -> Option<RowRef> {
        if let (Some(&line), Some(file)) = (self.lines.get(id), &self.file) {
            return Some(RowRef { file: file.clone(), line: Some(line), pointer: None });
        }
        self.others.get(id).cloned()
    }

    fn record(&mut self, id: Arc<str>, source: &RowRef) {
        let file = self.file.get_or_insert_with(|| source.file.clone());
        match source.line {
            Some(line) if source.pointer.is_none() && *file == source.file => {
                self.lines.insert(id, line);
            }
            _ => {
                self.others.insert(id, source.clone());
            }
        }
    }
}

/// Records `id` (the field in `slot`) as used by `source`, or the error
/// naming its first use.
fn claim_id(seen: &mut SeenIds, slot: usize, id: &str, source: &RowRef) -> Result<(), Problem> {
    claim_shared_id(seen, slot, &Arc::from(id), source)
}

/// [`claim_id`] for an id the row holds shared, which the record then
/// shares.
fn claim_shared_id(seen: &mut SeenIds, slot: usize, id: &Arc<str>, source: &RowRef) -> Result<(), Problem> {
    if let Some(first) = seen.first_use(id) {
        return Err(Problem::field(slot, EventErrorKind::DuplicateId { id: id.to_string(), first }));
    }
    seen.record(id.clone(), source);
    Ok(())
}
