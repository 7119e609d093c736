//! Reader tests across formats: one module per concern, a few helpers here.

mod chunked;
mod csv;
mod json;
mod limits;
mod ndjson;
mod probes;
mod props;
mod records;

use super::limits::MAX_SKIPPED_LISTED;
use super::{EventError, Format, ReadOptions, ReadSummary, RecordBuilder, read_records};
use chrono_tz::Asia::Shanghai;

/// Every record of `input`, or the error that stopped the read.
fn read<B: RecordBuilder>(
    builder: B,
    format: Format,
    file: &str,
    input: &[u8],
) -> Result<(Vec<B::Record>, ReadSummary), EventError> {
    read_with(builder, ReadOptions::new(format, Shanghai), file, input)
}

/// Like [`read`], setting bad rows aside.
fn read_skipping<B: RecordBuilder>(
    builder: B,
    format: Format,
    file: &str,
    input: &[u8],
) -> (Vec<B::Record>, ReadSummary) {
    let options = ReadOptions::new(format, Shanghai).skipping_bad_rows();
    read_with(builder, options, file, input).expect("skipping bad rows")
}

fn read_with<B: RecordBuilder>(
    builder: B,
    options: ReadOptions,
    file: &str,
    input: &[u8],
) -> Result<(Vec<B::Record>, ReadSummary), EventError> {
    let mut records = Vec::new();
    let summary = read_records(input, file, &options, builder, |r| {
        records.push(r);
        Ok::<(), EventError>(())
    })?;
    assert_eq!(summary.rows, summary.records + summary.rows_skipped, "every row is a record or a skipped row");
    assert_eq!(summary.skipped.len() as u64, summary.rows_skipped.min(MAX_SKIPPED_LISTED as u64));
    assert_eq!(summary.records, records.len() as u64);
    Ok((records, summary))
}

/// The message of the error that stops reading `input`.
fn error<B: RecordBuilder>(builder: B, format: Format, file: &str, input: &[u8]) -> String {
    match read(builder, format, file, input) {
        Ok(_) => panic!("{file} read without an error"),
        Err(e) => e.to_string(),
    }
}

/// The instant as RFC 3339 in UTC, for short assertions.
fn utc(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}
