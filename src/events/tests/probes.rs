use super::*;
use crate::events::ProbeBuilder;
use std::sync::Arc;

fn probes(input: &str) -> Result<(Vec<crate::events::ProbeSample>, ReadSummary), EventError> {
    read(ProbeBuilder::new(Shanghai), Format::Csv, "probes.csv", input.as_bytes())
}

fn probe_error(input: &str) -> String {
    error(ProbeBuilder::new(Shanghai), Format::Csv, "probes.csv", input.as_bytes())
}

#[test]
fn ok_and_total_or_up() {
    let input = "ts,service,instance,ok,total,up\n\
                 2025-01-15 12:00:00,api,i-1,9,10,\n\
                 2025-01-15 12:01:00,api,i-1,,,1\n\
                 2025-01-15 12:02:00,api,,,,0\n";
    let (records, _) = probes(input).unwrap();
    let counts: Vec<(u64, u64)> = records.iter().map(|p| (p.ok, p.total)).collect();
    assert_eq!(counts, [(9, 10), (1, 1), (0, 1)]);
    assert_eq!(records[2].instance, None);
    assert_eq!(utc(records[0].ts), "2025-01-15T04:00:00Z");
}

#[test]
fn repeated_names_are_shared() {
    let input = "ts,service,instance,up\n\
                 2025-01-15 12:00:00,api,i-1,1\n\
                 2025-01-15 12:00:00,api,i-2,1\n\
                 2025-01-15 12:01:00,api,i-1,1\n";
    let (records, _) = probes(input).unwrap();
    let service = |i: usize| records[i].service.clone().unwrap();
    let instance = |i: usize| records[i].instance.clone().unwrap();
    assert!(Arc::ptr_eq(&service(0), &service(2)));
    assert!(Arc::ptr_eq(&instance(0), &instance(2)));
    assert!(!Arc::ptr_eq(&instance(0), &instance(1)));
}

#[test]
fn the_header_needs_a_count_form() {
    assert_eq!(probe_error("ts,service\n"), "probes.csv: missing required column: ok and total, or up");
    assert_eq!(probe_error("ts,ok\n"), "probes.csv: missing required column: total");
    assert_eq!(probe_error("ok,total\n"), "probes.csv: missing required column: ts");
}

#[test]
fn bad_counts_are_named() {
    let cases = [
        ("5,4,", "probes.csv:2: field ok: 5 is more than total 4"),
        ("-1,4,", "probes.csv:2: field ok: expected a whole number, 0 or more, found \"-1\""),
        ("1,x,", "probes.csv:2: field total: expected a whole number, 0 or more, found \"x\""),
        (",,2", "probes.csv:2: field up: expected 1 (up) or 0 (down), found \"2\""),
        (",,", "probes.csv:2: a probe row needs ok and total, or up"),
        ("1,,", "probes.csv:2: field ok: given without total"),
        (",1,", "probes.csv:2: field total: given without ok"),
        ("1,1,1", "probes.csv:2: the row gives both ok/total and up; give one or the other"),
        (
            "1,4294967296,",
            "probes.csv:2: field total: 4294967296 attempts in one row is more than one row may count \
             (4294967295); split the minute over several rows",
        ),
        (
            "18446744073709551615,18446744073709551615,",
            "probes.csv:2: field total: 18446744073709551615 attempts in one row is more than one row may \
             count (4294967295); split the minute over several rows",
        ),
    ];
    for (counts, message) in cases {
        let input = format!("ts,ok,total,up\n2025-01-15 12:00:00,{counts}\n");
        assert_eq!(probe_error(&input), message, "{counts}");
    }
}

#[test]
fn skipped_rows_are_all_reported() {
    let input = "ts,ok,total\n\
                 2025-01-15 12:00:00,1,1\n\
                 bad,1,1\n\
                 2025-01-15 12:02:00,2,1\n\
                 2025-01-15 12:03:00,1,2\n";
    let (records, summary) = read_skipping(ProbeBuilder::new(Shanghai), Format::Csv, "probes.csv", input.as_bytes());
    assert_eq!(records.len(), 2);
    assert_eq!((summary.rows, summary.records, summary.rows_skipped), (4, 2, 2));
    let lines: Vec<Option<u64>> = summary.skipped.iter().map(|e| e.at.line).collect();
    assert_eq!(lines, [Some(3), Some(4)]);
    assert_eq!(summary.to_string(), "probes.csv (csv): 4 rows, 2 records, 2 skipped");
}

#[test]
fn json_counts_may_be_numbers_or_strings() {
    let input = br#"{"ts":"2025-01-15 12:00:00","ok":"9","total":10.0,"service":7}
{"ts":"2025-01-15 12:00:00","up":true}
{"ts":"2025-01-15 12:00:00","ok":9.5,"total":10}"#;
    let (records, summary) = read_skipping(ProbeBuilder::new(Shanghai), Format::Ndjson, "p.ndjson", input);
    assert_eq!((records[0].ok, records[0].total), (9, 10));
    assert_eq!(records[0].service.as_deref(), Some("7"));
    assert_eq!((records[1].ok, records[1].total), (1, 1));
    assert_eq!(summary.skipped[0].to_string(), "p.ndjson:3: field ok: expected a whole number, 0 or more, found 9.5");
}
