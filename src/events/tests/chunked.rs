//! A file read in chunks on several threads gives what one thread gives:
//! the same records in order, the same summary, the same first bad row
//! (with its line), whatever the chunk size.

use super::super::chunked::{Parallelism, read_gathered};
use super::super::{
    EventError, Format, ProbeBuilder, ProbeSample, ReadOptions, ReadSummary, RecordBuilder, read_records,
};
use chrono_tz::Asia::Shanghai;
use proptest::prelude::*;

type Outcome = Result<(Vec<ProbeSample>, ReadSummary), String>;

fn whole(input: &[u8], options: &ReadOptions) -> Outcome {
    let mut records = Vec::new();
    read_records(input, "p", options, ProbeBuilder::new(Shanghai), |r| {
        records.push(r);
        Ok::<(), EventError>(())
    })
    .map(|s| (records, s))
    .map_err(|e| e.to_string())
}

fn chunked(input: &[u8], options: &ReadOptions, threads: usize, chunk: usize) -> Outcome {
    let mut records = Vec::new();
    let names = <ProbeBuilder as RecordBuilder>::FIELDS;
    let parallelism = Parallelism { threads, chunk };
    read_gathered(
        input,
        "p",
        options,
        names,
        parallelism,
        || ProbeBuilder::new(Shanghai),
        Vec::new,
        |part: Vec<ProbeSample>, _| {
            records.extend(part);
            Ok::<(), EventError>(())
        },
    )
    .map(|s| (records, s))
    .map_err(|e| e.to_string())
}

/// Rows good and bad, as a file might hold them (one kind in 15 quoted).
fn row(kind: u8, i: usize) -> String {
    match kind % 15 {
        10 => format!(" 2025-03-01T00:{:02}:00Z , i-{} , 5 , 9 \n", i % 60, i % 2),
        11 => "  \n".to_owned(),
        12 => "\r\n".to_owned(),
        13 => format!("2025-03-01T00:00:00Z,i-{i},1,2,\n"),
        14 => format!("2025-03-01T00:00:00Z,,{},{}\n", i % 3, 3),
        0 => format!("2025-03-01T00:{:02}:00+08:00,i-{},{},50\n", i % 60, i % 3, i % 51),
        1 => format!("2025-03-01 01:{:02}:30,i-{},1,1\r\n", i % 60, i % 5),
        2 => "\n".to_owned(),
        3 => "not a time,i-1,1,1\n".to_owned(),
        4 => format!("2025-03-01T02:00:00Z,i-{i},60,50\n"),
        5 => "2025-03-01T02:00:00Z,i-1\n".to_owned(),
        6 => format!("2025-03-01T03:{:02}:00Z,\"i-{},q\",1,2\n", i % 60, i),
        7 => format!("2025-03-01T04:00:00Z,i-{},{},{}\n", i, "9".repeat(i % 40), 1),
        _ => format!("2025-03-02T00:00:00+08:00,i-{},0,1\n", i % 7),
    }
}

fn csv_file(kinds: &[u8]) -> Vec<u8> {
    let mut bytes = b"ts,instance,ok,total\n".to_vec();
    for (i, k) in kinds.iter().enumerate() {
        if k % 31 == 30 {
            // Bytes that are not UTF-8, in a cell the row uses.
            bytes.extend_from_slice(b"2025-03-01T00:00:00Z,i-\xff,1,1\n");
        } else {
            bytes.extend_from_slice(row(*k, i).as_bytes());
        }
    }
    bytes
}

fn ndjson_file(kinds: &[u8]) -> Vec<u8> {
    let mut text = String::new();
    for (i, k) in kinds.iter().enumerate() {
        let line = match k % 5 {
            0 => format!(
                "{{\"ts\":\"2025-03-01T00:{:02}:00Z\",\"instance\":\"i-{}\",\"ok\":1,\"total\":2}}\n",
                i % 60,
                i % 4
            ),
            1 => "\n".to_owned(),
            2 => "{not json\n".to_owned(),
            3 => format!("{{\"ts\":\"2025-03-01T00:00:00Z\",\"ok\":3,\"total\":2,\"instance\":\"x{i}\"}}\n"),
            _ => format!("{{\"ts\":\"2025-03-01 05:{:02}:00\",\"up\":1}}\r\n", i % 60),
        };
        text.push_str(&line);
    }
    text.into_bytes()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn chunks_read_as_the_whole_file(
        kinds in proptest::collection::vec(any::<u8>(), 0..80),
        ndjson in any::<bool>(),
        skip in any::<bool>(),
        threads in 2usize..4,
        chunk in 1usize..300,
        max in prop_oneof![Just(1usize << 20), 30usize..80],
    ) {
        let (input, format) = if ndjson { (ndjson_file(&kinds), Format::Ndjson) } else { (csv_file(&kinds), Format::Csv) };
        let mut options = ReadOptions::new(format, Shanghai);
        // A small limit only for NDJSON, whose chunks are read by the
        // whole-file reader: the CSV reader decides a row of exactly the
        // limit by where its buffer ends (docs/performance.md), the chunks'
        // plain reader by the row (the test below).
        if ndjson {
            options.max_record_bytes = max;
        }
        if skip {
            options = options.skipping_bad_rows();
        }
        prop_assert_eq!(chunked(&input, &options, threads, chunk), whole(&input, &options));
    }
}

#[test]
fn one_thread_reads_as_before_and_json_arrays_are_not_cut() {
    let input = csv_file(&[0, 0, 1, 9, 0]);
    let options = ReadOptions::new(Format::Csv, Shanghai);
    assert_eq!(chunked(&input, &options, 1, 10), whole(&input, &options));
    let array = br#"[{"ts":"2025-03-01T00:00:00Z","up":1},{"ts":"2025-03-01T00:01:00Z","up":0}]"#;
    let options = ReadOptions::new(Format::Json, Shanghai);
    assert_eq!(chunked(array, &options, 2, 5), whole(array, &options));
}

#[test]
fn a_bad_row_in_a_later_chunk_is_named_by_its_line_in_the_file() {
    // Line 1 the header, lines 2..=101 good rows, line 102 bad.
    let mut kinds = vec![0u8; 100];
    kinds.push(3);
    kinds.extend([0u8; 50]);
    let input = csv_file(&kinds);
    let options = ReadOptions::new(Format::Csv, Shanghai);
    let got = chunked(&input, &options, 2, 64);
    assert_eq!(got, whole(&input, &options));
    let message = got.err().unwrap_or_default();
    assert!(message.starts_with("p:102:"), "{message}");
}

#[test]
fn a_chunk_s_row_at_the_limit_is_read_and_one_byte_over_is_not() {
    // 44 bytes with the line end.
    let row = "2025-03-01T04:00:00Z,i-15,999999999999999,1\n";
    assert_eq!(row.len(), 44);
    let input = format!("ts,instance,ok,total\n{}", row.repeat(40));
    for (max, too_long) in [(44, false), (43, true)] {
        let mut options = ReadOptions::new(Format::Csv, Shanghai).skipping_bad_rows();
        options.max_record_bytes = max;
        let (_, summary) = chunked(input.as_bytes(), &options, 2, 200).expect("read");
        let kinds: Vec<bool> = summary
            .skipped
            .iter()
            .map(|e| matches!(*e.kind, super::super::EventErrorKind::RecordTooLong { .. }))
            .collect();
        assert_eq!(kinds, vec![too_long; 40], "max {max}");
    }
}
