use super::*;
use crate::events::{IncidentBuilder, ProbeBuilder};

#[test]
fn a_bom_crlf_and_blank_lines_are_fine() {
    let input = include_bytes!("../../../tests/events/bom_crlf.ndjson");
    let (records, summary) = read(ProbeBuilder::new(Shanghai), Format::Ndjson, "p.ndjson", input).unwrap();
    assert_eq!(summary.rows, 2, "the blank line is not a row");
    assert_eq!(utc(records[0].ts), "2025-01-15T04:00:00Z");
    assert_eq!((records[0].ok, records[0].total), (9, 10));
    assert_eq!(utc(records[1].ts), "2025-01-15T04:01:00Z");
    assert_eq!((records[1].ok, records[1].total), (1, 1));
}

#[test]
fn errors_name_the_line() {
    let input = "\n{\"id\":\"A1\",\"opened_at\":\"2025-01-10 10:00:00\"}\n\n\
                 {\"id\":\"A1\",\"opened_at\":\"2025-01-11 10:00:00\"}\n";
    let err = error(IncidentBuilder::new(Shanghai), Format::Ndjson, "i.jsonl", input.as_bytes());
    assert_eq!(err, "i.jsonl:4: field id: duplicate id \"A1\" (first at i.jsonl:2)");
}

#[test]
fn a_line_that_is_not_json_can_be_skipped() {
    let input = "{\"ts\":\"2025-01-15 12:00:00\",\"up\":1}\n\
                 {\"ts\":\"2025-01-15 12:01:00\",\"up\":1\n\
                 {\"ts\":\"2025-01-15 12:02:00\",\"up\":0} {}\n\
                 [1]\n\
                 {\"ts\":\"2025-01-15 12:03:00\",\"up\":0}\n";
    let (records, summary) = read_skipping(ProbeBuilder::new(Shanghai), Format::Ndjson, "p.ndjson", input.as_bytes());
    assert_eq!(records.len(), 2);
    let skipped: Vec<String> = summary.skipped.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        skipped,
        [
            "p.ndjson:2: invalid JSON: EOF while parsing an object (column 34)",
            "p.ndjson:3: invalid JSON: trailing characters (column 37)",
            "p.ndjson:4: expected an object, found an array",
        ]
    );
}

#[test]
fn the_last_line_needs_no_newline() {
    let input = b"{\"ts\":\"2025-01-15 12:00:00\",\"ok\":\"3\",\"total\":\"4\"}";
    let (records, _) = read(ProbeBuilder::new(Shanghai), Format::Ndjson, "p", input).unwrap();
    assert_eq!((records[0].ok, records[0].total), (3, 4));
}

#[test]
fn a_row_never_sees_the_values_of_the_row_before() {
    let input = "{\"ts\":\"2025-01-15 12:00:00\",\"service\":\"api\",\"ok\":1,\"total\":2}\n\
                 {\"ts\":\"2025-01-15 12:01:00\",\"up\":1}\n\
                 {\"ts\":\"2025-01-15 12:02:00\",\"service\":\"a\\u0070i\",\"up\":0}\n\
                 {\"ts\":\"2025-01-15 12:03:00\",\"ok\":1,\"total\":1}\n";
    let (records, _) = read(ProbeBuilder::new(Shanghai), Format::Ndjson, "p", input.as_bytes()).unwrap();
    let services: Vec<Option<&str>> = records.iter().map(|p| p.service.as_deref()).collect();
    assert_eq!(services, [Some("api"), None, Some("api"), None]);
    let counts: Vec<(u64, u64)> = records.iter().map(|p| (p.ok, p.total)).collect();
    assert_eq!(counts, [(1, 2), (1, 1), (0, 1), (1, 1)]);
}
