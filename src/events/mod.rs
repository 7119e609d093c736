//! Event inputs: the canonical records and the readers that produce them.
//!
//! Reading is split in two so that native exports and column mappings can
//! reuse the second half:
//!
//! ```text
//! bytes --csv_rows / json_rows--> Row (get field X) --records::*Builder--> record
//! ```
//!
//! A format reader turns bytes into [`Row`]s; a [`RecordBuilder`] turns a
//! row's fields into a canonical record and checks it; the pipeline hands
//! records to the caller's callback and stops at, or sets aside, bad rows.
//! Nothing is collected: every reader streams. The schema is in
//! `docs/inputs.md`.
//!
//! ```
//! use slac::events::{read_probes, EventError, Format, ReadOptions};
//!
//! let csv = "ts,instance,ok,total\n2025-01-05 00:00:00,i-3,0,5\nlater,i-3,1,5\n";
//! let options = ReadOptions::new(Format::Csv, chrono_tz::Asia::Shanghai).skipping_bad_rows();
//! let mut failed = 0;
//! let summary = read_probes(csv.as_bytes(), "probes.csv", &options, |sample| {
//!     failed += sample.total - sample.ok;
//!     Ok::<(), EventError>(())
//! })?;
//! assert_eq!(failed, 5);
//! assert_eq!(summary.to_string(), "probes.csv (csv): 2 rows, 1 records, 1 skipped");
//! assert_eq!(
//!     summary.skipped[0].to_string(),
//!     "probes.csv:3: field ts: expected a timestamp such as 2025-03-01 08:15:00 \
//!      or 2025-03-01T08:15:00+08:00, found \"later\""
//! );
//! # Ok::<(), EventError>(())
//! ```

pub mod chunked;
mod csv_rows;
pub mod error;
pub mod fields;
pub mod format;
pub mod intern;
mod json_flat;
mod json_row;
mod json_rows;
pub mod limits;
mod lines;
pub mod mapping;
pub mod model;
pub mod native;
mod pipeline;
mod read;
pub mod records;
pub mod row;
pub mod timestamp;

pub use error::{EventError, EventErrorKind, Expected};
pub use format::Format;
pub use model::*;
pub use pipeline::ReadSummary;
pub use read::{
    ReadOptions, read_incidents, read_inventory, read_maintenance, read_metrics, read_probes, read_records,
    read_records_named, read_status_changes, read_updates, read_usage,
};
pub use records::{
    IncidentBuilder, InventoryBuilder, MaintenanceBuilder, MetricBuilder, ProbeBuilder, RecordBuilder,
    StatusChangeBuilder, UpdateBuilder, UsageBuilder,
};
pub use row::{Problem, Row, Value};
pub use timestamp::Timestamps;

#[cfg(test)]
mod tests;
