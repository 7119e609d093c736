//! Reader throughput: probe rows a second, CSV and NDJSON, from memory.
//!
//! `cargo bench --bench readers`; results are recorded in
//! `docs/performance.md`.

use chrono_tz::Asia::Shanghai;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use slac::events::{EventError, Format, ReadOptions, read_probes};
use std::fmt::Write;
use std::hint::black_box;
use std::time::Duration;

const ROWS: u64 = 1_000_000;
const INSTANCES: u64 = 4;

/// One row a minute for each of a few instances, from 2025-03-01 00:00.
fn rows(mut row: impl FnMut(&mut String, &str, u64, u64, u64)) -> String {
    let start =
        chrono::NaiveDate::from_ymd_opt(2025, 3, 1).and_then(|d| d.and_hms_opt(0, 0, 0)).expect("a valid start");
    let mut out = String::with_capacity(ROWS as usize * 80);
    for i in 0..ROWS {
        let minute = chrono::Duration::minutes((i / INSTANCES) as i64);
        let ts = (start + minute).format("%Y-%m-%d %H:%M:%S").to_string();
        let total = 100 + i % 7;
        row(&mut out, &ts, i % INSTANCES, total - i % 3, total);
    }
    out
}

fn probes_csv() -> String {
    let mut csv = String::from("ts,service,instance,ok,total\n");
    csv += &rows(|out, ts, instance, ok, total| {
        let _ = writeln!(out, "{ts},api,i-{instance},{ok},{total}");
    });
    csv
}

fn probes_ndjson() -> String {
    rows(|out, ts, instance, ok, total| {
        let _ = writeln!(out, r#"{{"ts":"{ts}","service":"api","instance":"i-{instance}","ok":{ok},"total":{total}}}"#);
    })
}

/// Reads every probe row; returns a checksum so nothing is optimised away.
fn read_all(input: &[u8], format: Format) -> u64 {
    let options = ReadOptions::new(format, Shanghai);
    let mut sum = 0u64;
    let summary = read_probes(input, "bench", &options, |p| {
        sum = sum.wrapping_add(p.ok).wrapping_add(p.ts.timestamp() as u64);
        Ok::<(), EventError>(())
    });
    match summary {
        Ok(s) => assert_eq!(s.records, ROWS),
        Err(e) => panic!("{e}"),
    }
    sum
}

fn readers(c: &mut Criterion) {
    let csv = probes_csv();
    let ndjson = probes_ndjson();
    let mut group = c.benchmark_group("readers");
    group
        .throughput(Throughput::Elements(ROWS))
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    group.bench_function("probes_csv", |b| b.iter(|| read_all(black_box(csv.as_bytes()), Format::Csv)));
    group.bench_function("probes_ndjson", |b| b.iter(|| read_all(black_box(ndjson.as_bytes()), Format::Ndjson)));
    group.finish();
}

criterion_group!(benches, readers);
criterion_main!(benches);
