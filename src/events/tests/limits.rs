//! Records over the limit: a bad row naming its line or index, never held
//! whole; with skipping, the rows after it read as before.

use super::{read_with, utc};
use crate::events::{Format, IncidentBuilder, ReadOptions};
use chrono_tz::Asia::Shanghai;

const HEADER: &str = "id,service,opened_at\n";

fn row(id: &str, pad: usize) -> String {
    format!("{id},{},2025-03-01 08:00:00\n", "s".repeat(pad.max(1)))
}

fn options(format: Format, max: usize) -> ReadOptions {
    let mut o = ReadOptions::new(format, Shanghai).skipping_bad_rows();
    o.max_record_bytes = max;
    o
}

/// Ids read, and the skipped rows' messages.
fn read(format: Format, max: usize, input: &str) -> (Vec<String>, Vec<String>) {
    let (records, summary) =
        read_with(IncidentBuilder::new(Shanghai), options(format, max), "f", input.as_bytes()).expect("read");
    (records.into_iter().map(|r| r.id.to_string()).collect(), summary.skipped.iter().map(|e| e.to_string()).collect())
}

#[test]
fn a_csv_row_over_the_limit_is_a_bad_row_and_reading_goes_on() {
    // Row A is 32 bytes with its line end ("A,", 9 s, ",", 19 for the
    // time, "\n" = 2 + 9 + 1 + 19 + 1); B is 100 + 23 = 123 bytes.
    let input = format!("{HEADER}{}{}{}", row("A", 9), row("B", 100), row("C", 9));
    let (ids, skipped) = read(Format::Csv, 64, &input);
    assert_eq!(ids, ["A", "C"]);
    assert_eq!(
        skipped,
        ["f:3: the record is over 64 bytes, the most one record may hold; is this the right file and format?"]
    );
    // A row of exactly the limit, line end included, is read.
    assert_eq!(read(Format::Csv, 32, &format!("{HEADER}{}", row("A", 9))).0, ["A"]);
    assert_eq!(read(Format::Csv, 31, &format!("{HEADER}{}", row("A", 9))).1.len(), 1);
}

#[test]
fn a_csv_row_far_over_the_limit_is_skipped_to_its_line_end() {
    // Many times the limit, and a quoted cell over several lines: reading
    // resumes after the line end it ran into, with true line numbers.
    for pad in [1_000, 100_000] {
        let input = format!("{HEADER}{}{}\n{}{}", row("A", 9), row("B", pad), "D,s,2025-03-01 08:00:00\n", row("E", 9));
        let (ids, skipped) = read(Format::Csv, 64, &input);
        assert_eq!(ids, ["A", "D", "E"], "pad {pad}");
        assert!(skipped[0].starts_with("f:3: the record is over 64 bytes"), "{skipped:?}");
    }
    let quoted = format!(
        "{HEADER}{}X,\"{}\n{}\",2025-03-01 08:00:00\n{}",
        row("A", 9),
        "q".repeat(50),
        "q".repeat(50),
        row("C", 9)
    );
    let (ids, skipped) = read(Format::Csv, 64, &quoted);
    assert_eq!(ids[0], "A");
    assert!(ids.contains(&"C".to_string()), "{ids:?} {skipped:?}");
}

#[test]
fn a_csv_line_that_never_ends_ends_the_file() {
    let mut input = format!("{HEADER}{}", row("A", 9)).into_bytes();
    input.extend(std::iter::repeat_n(b'x', (crate::events::limits::MAX_SKIP_BYTES + 200_000) as usize));
    let err = read_with(IncidentBuilder::new(Shanghai), options(Format::Csv, 64), "f", &input).unwrap_err();
    assert!(err.to_string().starts_with("f:3: a line that goes on for more than 64 MiB"), "{err}");
}

#[test]
fn a_long_header_is_an_error_of_line_1() {
    let input = format!("id,{}\n", "x".repeat(100));
    let err = read_with(IncidentBuilder::new(Shanghai), options(Format::Csv, 64), "f", input.as_bytes()).unwrap_err();
    assert!(err.to_string().starts_with("f:1: the record is over 64 bytes"), "{err}");
}

#[test]
fn an_ndjson_line_over_the_limit_is_a_bad_row() {
    let line = |id: &str, pad: usize| {
        format!("{{\"id\":\"{id}\",\"service\":\"{}\",\"opened_at\":\"2025-03-01 08:00:00\"}}\n", "s".repeat(pad))
    };
    let input = format!("{}{}\n{}", line("A", 1), line("B", 500), line("C", 1));
    let (ids, skipped) = read(Format::Ndjson, 128, &input);
    assert_eq!(ids, ["A", "C"]);
    assert!(skipped[0].starts_with("f:2: the record is over 128 bytes"), "{skipped:?}");
}

#[test]
fn a_json_element_over_the_limit_ends_the_file_naming_it() {
    let obj = |id: &str, pad: usize| {
        format!("{{\"id\":\"{id}\",\"service\":\"{}\",\"opened_at\":\"2025-03-01 08:00:00\"}}", "s".repeat(pad))
    };
    let input = format!("[{},{},{}]", obj("A", 1), obj("B", 100_000), obj("C", 1));
    let err =
        read_with(IncidentBuilder::new(Shanghai), options(Format::Json, 1024), "f", input.as_bytes()).unwrap_err();
    assert!(err.to_string().starts_with("f at /1: the record is over 1 KiB"), "{err}");
    // Under the limit, all are read.
    let input = format!("[{},{}]", obj("A", 1), obj("C", 1));
    assert_eq!(read(Format::Json, 1024, &input).0, ["A", "C"]);
}

#[test]
fn endless_inputs_take_bounded_memory() {
    // /dev/zero as each format, without skipping: an error at the first row.
    for format in [Format::Csv, Format::Json, Format::Ndjson] {
        let mut o = options(format, 1 << 20);
        o.skip_bad_rows = false;
        let zeros = std::io::Read::take(std::io::repeat(0), 1 << 30);
        let result = crate::events::read_incidents(zeros, "zero", &o, |_| Ok::<(), crate::events::EventError>(()));
        let err = result.expect_err("zeros are no events");
        assert!(err.to_string().starts_with("zero"), "{format}: {err}");
    }
    let _ = utc;
}
