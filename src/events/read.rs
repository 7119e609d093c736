//! The readers: an event file in, canonical records out, one at a time.

use super::csv_rows::{is_plain, read_csv, read_plain_csv};
use super::error::EventError;
use super::format::Format;
use super::json_rows::{read_json, read_ndjson};
use super::limits::MAX_RECORD_BYTES;
use super::model::{
    Incident, IncidentUpdate, InventoryRow, MaintenanceRecord, MetricRow, ProbeSample, StatusChange, UsageRow,
};
use super::pipeline::{Pipeline, ReadSummary};
use super::records::{
    IncidentBuilder, InventoryBuilder, MaintenanceBuilder, MetricBuilder, ProbeBuilder, RecordBuilder,
    StatusChangeBuilder, UpdateBuilder, UsageBuilder,
};
use chrono_tz::Tz;
use std::io::Read;
use std::sync::Arc;

/// How to read one event file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadOptions {
    pub format: Format,
    /// The contract's zone: naive timestamps are wall-clock time there.
    pub zone: Tz,
    /// Set bad rows aside in [`ReadSummary::skipped`] instead of stopping
    /// at the first (`--skip-bad-rows`).
    pub skip_bad_rows: bool,
    /// The most bytes one record may take (a CSV row, an NDJSON line, a
    /// JSON array element); default [`MAX_RECORD_BYTES`]. A longer one is
    /// a bad row, never held whole.
    pub max_record_bytes: usize,
    /// Lines before the input's first (a chunk of a file read in parallel:
    /// its rows are numbered as in the whole file). For CSV, the header
    /// line prepended to the chunk is not counted.
    pub(crate) lines_before: u64,
}

impl ReadOptions {
    pub fn new(format: Format, zone: Tz) -> ReadOptions {
        ReadOptions { format, zone, skip_bad_rows: false, max_record_bytes: MAX_RECORD_BYTES, lines_before: 0 }
    }

    pub fn skipping_bad_rows(self) -> ReadOptions {
        ReadOptions { skip_bad_rows: true, ..self }
    }
}

/// Reads `input` (named `file` in messages) with `builder`, handing each
/// record to `on_record` as soon as it is built.
///
/// Stops at the first error of the file, of a row (unless
/// `skip_bad_rows`), or of `on_record`; bad rows are never dropped
/// unreported.
pub fn read_records<B, F, E>(
    input: impl Read,
    file: &str,
    options: &ReadOptions,
    builder: B,
    on_record: F,
) -> Result<ReadSummary, E>
where
    B: RecordBuilder,
    F: FnMut(B::Record) -> Result<(), E>,
    E: From<EventError>,
{
    read_records_named(input, file, options, B::FIELDS, builder, on_record)
}

/// Like [`read_records`], with the file's own name for each of the
/// builder's fields (`names[i]` is read as `B::FIELDS[i]`): how a column
/// mapping renames. Errors name the file's columns. At most 12 fields.
pub fn read_records_named<B, F, E>(
    input: impl Read,
    file: &str,
    options: &ReadOptions,
    names: &[&str],
    builder: B,
    on_record: F,
) -> Result<ReadSummary, E>
where
    B: RecordBuilder,
    F: FnMut(B::Record) -> Result<(), E>,
    E: From<EventError>,
{
    debug_assert_eq!(names.len(), B::FIELDS.len(), "one name per field");
    through_pipeline(file, options, names, builder, on_record, |file, pipeline| match options.format {
        Format::Csv => read_csv(input, file, names, options, pipeline),
        Format::Json => read_json(input, file, names, options.max_record_bytes, pipeline),
        Format::Ndjson => read_ndjson(input, file, names, options, pipeline),
    })
}

/// Rows read by `read` go through one pipeline that builds the records,
/// hands them to `on_record` and sums up the file.
fn through_pipeline<'n, B, F, E>(
    file: &str,
    options: &ReadOptions,
    names: &'n [&'n str],
    builder: B,
    on_record: F,
    read: impl FnOnce(&Arc<str>, &mut Pipeline<'n, B, F>) -> Result<(), E>,
) -> Result<ReadSummary, E>
where
    B: RecordBuilder,
    F: FnMut(B::Record) -> Result<(), E>,
    E: From<EventError>,
{
    let file: Arc<str> = Arc::from(file);
    let summary = ReadSummary::new(file.clone(), options.format);
    let mut pipeline = Pipeline::new(names, builder, on_record, options.skip_bad_rows, summary);
    read(&file, &mut pipeline)?;
    Ok(pipeline.into_summary())
}

/// Reads incidents (`--incidents`).
pub fn read_incidents<F, E>(input: impl Read, file: &str, options: &ReadOptions, on_record: F) -> Result<ReadSummary, E>
where
    F: FnMut(Incident) -> Result<(), E>,
    E: From<EventError>,
{
    let builder = IncidentBuilder::new(options.zone);
    read_records(input, file, options, builder, on_record)
}

/// Reads incidents' status and severity changes (`--status-changes`).
pub fn read_status_changes<F, E>(
    input: impl Read,
    file: &str,
    options: &ReadOptions,
    on_record: F,
) -> Result<ReadSummary, E>
where
    F: FnMut(StatusChange) -> Result<(), E>,
    E: From<EventError>,
{
    read_records(input, file, options, StatusChangeBuilder::new(options.zone), on_record)
}

/// Reads updates sent about incidents (`--updates`).
pub fn read_updates<F, E>(input: impl Read, file: &str, options: &ReadOptions, on_record: F) -> Result<ReadSummary, E>
where
    F: FnMut(IncidentUpdate) -> Result<(), E>,
    E: From<EventError>,
{
    read_records(input, file, options, UpdateBuilder::new(options.zone), on_record)
}

/// Reads maintenance windows (`--maintenance`).
pub fn read_maintenance<F, E>(
    input: impl Read,
    file: &str,
    options: &ReadOptions,
    on_record: F,
) -> Result<ReadSummary, E>
where
    F: FnMut(MaintenanceRecord) -> Result<(), E>,
    E: From<EventError>,
{
    let builder = MaintenanceBuilder::new(options.zone);
    read_records(input, file, options, builder, on_record)
}

/// Reads probe counts (`--probes`).
pub fn read_probes<F, E>(input: impl Read, file: &str, options: &ReadOptions, on_record: F) -> Result<ReadSummary, E>
where
    F: FnMut(ProbeSample) -> Result<(), E>,
    E: From<EventError>,
{
    let builder = ProbeBuilder::new(options.zone);
    read_records(input, file, options, builder, on_record)
}

/// Reads fees and durability counts (`--usage`).
pub fn read_usage<F, E>(input: impl Read, file: &str, options: &ReadOptions, on_record: F) -> Result<ReadSummary, E>
where
    F: FnMut(UsageRow) -> Result<(), E>,
    E: From<EventError>,
{
    read_records(input, file, options, UsageBuilder, on_record)
}

/// Reads the instances a customer runs (`--inventory`); timestamps without
/// an offset are in `options.zone`.
pub fn read_inventory<F, E>(input: impl Read, file: &str, options: &ReadOptions, on_record: F) -> Result<ReadSummary, E>
where
    F: FnMut(InventoryRow) -> Result<(), E>,
    E: From<EventError>,
{
    read_records(input, file, options, InventoryBuilder::new(options.zone), on_record)
}

/// Reads measured figures for general objectives (`--metrics`).
pub fn read_metrics<F, E>(input: impl Read, file: &str, options: &ReadOptions, on_record: F) -> Result<ReadSummary, E>
where
    F: FnMut(MetricRow) -> Result<(), E>,
    E: From<EventError>,
{
    read_records(input, file, options, MetricBuilder, on_record)
}

/// Like [`read_records_named`] for a chunk of CSV text after its header
/// line, cut into rows by hand when it has no `"` (see
/// `csv_rows::read_plain_csv`), else by the general reader.
pub(crate) fn read_csv_chunk<B, F, E>(
    header: &[u8],
    body: &[u8],
    file: &str,
    options: &ReadOptions,
    names: &[&str],
    builder: B,
    on_record: F,
) -> Result<ReadSummary, E>
where
    B: RecordBuilder,
    F: FnMut(B::Record) -> Result<(), E>,
    E: From<EventError>,
{
    if !is_plain(header, body, options.max_record_bytes) {
        let input = std::io::Read::chain(header, body);
        return read_records_named(input, file, options, names, builder, on_record);
    }
    through_pipeline(file, options, names, builder, on_record, |file, pipeline| {
        read_plain_csv(header, body, file, names, options, pipeline)
    })
}
