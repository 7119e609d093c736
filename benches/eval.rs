//! Evaluation throughput, end to end from event text in memory: 10 million
//! probe rows (CSV and NDJSON) for a per-instance service over a quarter,
//! read on one thread and (CSV) as `slac eval` reads a probe file, on every
//! core; and a million incidents over a year, judged, and judged with the
//! JSON report written (its incidents spooled and copied back:
//! `report::incidents`). `cargo bench --bench eval -- incidents` runs only
//! the incident ones.
//!
//! `cargo bench --bench eval`; figures are recorded in `docs/performance.md`
//! with peak memory measured on the release binary (see `benches/gen_events.py`).

use chrono::{DateTime, TimeZone, Utc};
use chrono_tz::Asia::Shanghai;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use slac::driver::CheckedContract;
use slac::eval::{Config, Inputs, ProbeGrid, evaluate, minutes::floor_minute};
use slac::events::{EventError, Format, ReadOptions, read_incidents, read_probes};
use std::collections::HashMap;
use std::fmt::Write;
use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

const PROBE_ROWS: u64 = 10_000_000;
const INCIDENTS: u64 = 1_000_000;
/// 77 instances, one row a minute each, fill a 90-day quarter with 10M rows.
const INSTANCES: u64 = 77;

fn contract(name: &str, text: &str) -> CheckedContract {
    slac::driver::compile_source(name, text).checked().expect("a contract without errors")
}

fn config() -> Config {
    let mut holidays = HashMap::new();
    holidays.insert("cn".to_owned(), Arc::new(slac::calendar::HolidayTable::builtin("cn").expect("cn")));
    Config {
        as_of: Shanghai.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single().expect("as of").with_timezone(&Utc),
        from: None,
        to: None,
        holidays,
        contract_value: None,
        skip_bad_rows: false,
        file: "bench".into(),
    }
}

fn start() -> DateTime<Utc> {
    Shanghai.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).single().expect("start").with_timezone(&Utc)
}

/// Probe rows: instance `i % INSTANCES`, minute `i / INSTANCES`; a bad
/// minute now and then so the ledger has runs to find.
fn probes(ndjson: bool) -> String {
    let mut out = String::with_capacity(PROBE_ROWS as usize * 60);
    if !ndjson {
        out.push_str("ts,instance,ok,total\n");
    }
    let base = start().with_timezone(&Shanghai).naive_local();
    let mut ts = String::new();
    for i in 0..PROBE_ROWS {
        let (inst, minute) = (i % INSTANCES, i / INSTANCES);
        if inst == 0 {
            ts = (base + chrono::Duration::minutes(minute as i64)).format("%Y-%m-%d %H:%M:%S").to_string();
        }
        let ok = if minute % 9973 < 3 && inst == 5 { 0 } else { 50 };
        if ndjson {
            let _ = writeln!(out, r#"{{"ts":"{ts}","instance":"i-{inst}","ok":{ok},"total":50}}"#);
        } else {
            let _ = writeln!(out, "{ts},i-{inst},{ok},50");
        }
    }
    out
}

fn eval_probes(c: &CheckedContract, input: &[u8], format: Format) -> usize {
    let mut grid = ProbeGrid::new();
    let options = ReadOptions::new(format, Shanghai);
    let summary = read_probes(input, "bench", &options, |p| {
        grid.add("baas", p.instance.as_deref(), floor_minute(p.ts), p.ok, p.total);
        Ok::<(), EventError>(())
    })
    .expect("probes read");
    assert_eq!(summary.records, PROBE_ROWS);
    let inputs = Inputs { probes: grid, has_probes: true, ..Default::default() };
    let report = evaluate(c, inputs, &config()).expect("evaluates");
    report.availability.len()
}

/// Files in memory for `evaluate_files`: the contract and one probe file.
struct InMemory<'a> {
    contract: &'a str,
    probes: &'a [u8],
}

impl slac::inputs::Files for InMemory<'_> {
    fn open(&self, path: &std::path::Path) -> std::io::Result<slac::inputs::Opened<'_>> {
        let bytes = if path.ends_with("probes.csv") { self.probes } else { self.contract.as_bytes() };
        Ok(slac::inputs::Opened { reader: Box::new(bytes), size: bytes.len() as u64 })
    }
}

/// The probe file as `slac eval` reads it: in chunks on every core
/// (`SLAC_THREADS`), gathered per target, placed in file order.
fn eval_probe_file(contract: &str, input: &[u8]) -> usize {
    let request = slac::inputs::Request {
        contract: "jdcloud-baas.sla".into(),
        probes: Some("probes.csv".into()),
        as_of: Some("2026-01-01T00:00:00+08:00".into()),
        ..Default::default()
    };
    let files = InMemory { contract, probes: input };
    let evaluated = slac::inputs::evaluate_files(&request, &files).expect("evaluates");
    evaluated.report.availability.len()
}

fn incidents() -> String {
    let mut out = String::with_capacity(INCIDENTS as usize * 90);
    out.push_str("id,severity,opened_at,responded_at,resolved_at,impact\n");
    let base = start().with_timezone(&Shanghai).naive_local();
    let fmt = |m: i64| (base + chrono::Duration::seconds(m)).format("%Y-%m-%d %H:%M:%S").to_string();
    for i in 0..INCIDENTS {
        // One every 31 s over a year: many short outages and some long.
        let opened = i as i64 * 31;
        let sev = ["1", "2", "3"][(i % 3) as usize];
        let impact = if i % 10 == 0 { "outage" } else { "degraded" };
        let _ = writeln!(
            out,
            "N{i},{sev},{},{},{},{impact}",
            fmt(opened),
            fmt(opened + 60 * (i % 40) as i64),
            fmt(opened + 300 + (i % 97) as i64 * 60)
        );
    }
    out
}

/// The incidents of a CSV text as evaluation inputs.
fn incident_inputs(input: &[u8]) -> Inputs {
    let options = ReadOptions::new(Format::Csv, Shanghai);
    let mut rows = Vec::new();
    read_incidents(input, "bench", &options, |r| {
        rows.push(r);
        Ok::<(), EventError>(())
    })
    .expect("incidents read");
    Inputs { incidents: rows, ..Default::default() }
}

/// Evaluate, then write the JSON report as `slac eval --format json` does:
/// the incidents spooled while judged and copied back into the report.
fn incidents_report(c: &CheckedContract, input: &[u8]) -> usize {
    let inputs = incident_inputs(input);
    let mut report = evaluate(c, inputs, &config()).expect("evaluates");
    let mut out = Counted(0);
    slac::report::json_out::write(&mut report, &mut out).expect("written");
    out.0
}

/// A writer that keeps nothing but the count of bytes.
struct Counted(usize);

impl std::io::Write for Counted {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0 += bytes.len();
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn eval_incidents(c: &CheckedContract, input: &[u8]) -> usize {
    let inputs = incident_inputs(input);
    let report = evaluate(c, inputs, &config()).expect("evaluates");
    report.incidents.len()
}

fn bench(c: &mut Criterion) {
    let baas = contract("jdcloud-baas.sla", include_str!("../contracts/jdcloud-baas.sla"));
    let esign = contract("bestsign-esign-platform.sla", include_str!("../contracts/bestsign-esign-platform.sla"));
    let mut g = c.benchmark_group("eval");
    g.sample_size(10).measurement_time(Duration::from_secs(60)).warm_up_time(Duration::from_secs(1));
    g.throughput(Throughput::Elements(PROBE_ROWS));
    let csv = probes(false);
    g.bench_function("10M probe rows, csv", |b| b.iter(|| black_box(eval_probes(&baas, csv.as_bytes(), Format::Csv))));
    let text = include_str!("../contracts/jdcloud-baas.sla");
    g.bench_function("10M probe rows, csv, every core", |b| {
        b.iter(|| black_box(eval_probe_file(text, csv.as_bytes())))
    });
    drop(csv);
    let ndjson = probes(true);
    g.bench_function("10M probe rows, ndjson", |b| {
        b.iter(|| black_box(eval_probes(&baas, ndjson.as_bytes(), Format::Ndjson)))
    });
    drop(ndjson);
    g.throughput(Throughput::Elements(INCIDENTS));
    let inc = incidents();
    g.bench_function("1M incidents, csv", |b| b.iter(|| black_box(eval_incidents(&esign, inc.as_bytes()))));
    g.bench_function("1M incidents, csv, JSON report written", |b| {
        b.iter(|| black_box(incidents_report(&esign, inc.as_bytes())))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
