//! The inputs ledger reconciles for every reader: rows in = rows accounted
//! (`rows_read = records + rows_skipped`), with and without
//! `--skip-bad-rows`. Files are generated row by row, each row good or bad
//! in a known way, so the expected counts are known too.

use crate::run::Slac;
use proptest::prelude::*;
use slac::inputs::{Request, Unmapped, evaluate_files_on_disk};
use slac::report::{InputSummary, Report};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// What a generated row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Row {
    Good,
    /// A value that cannot be read (a timestamp in month 13, `ok` above
    /// `total`).
    BadValue,
    /// Names a service the contract does not have.
    Unplaced,
    /// An incident whose severity names no tier.
    NoTier,
    /// Not a row of the format: a cell too many, a line that is not JSON,
    /// an array element that is not an object.
    Malformed,
    /// A blank line: no row at all (left out of a JSON array).
    Blank,
}

impl Row {
    fn is_bad(self) -> bool {
        !matches!(self, Row::Good | Row::Blank)
    }
}

#[derive(Clone, Copy, Debug)]
enum Kind {
    Incidents,
    Maintenance,
    Probes,
    Usage,
    Metrics,
}

impl Kind {
    const ALL: [Kind; 5] = [Kind::Incidents, Kind::Maintenance, Kind::Probes, Kind::Usage, Kind::Metrics];

    fn name(self) -> &'static str {
        match self {
            Kind::Incidents => "incidents",
            Kind::Maintenance => "maintenance",
            Kind::Probes => "probes",
            Kind::Usage => "usage",
            Kind::Metrics => "metrics",
        }
    }

    /// The bad rows this kind can have.
    fn can_be(self, row: Row) -> bool {
        match row {
            Row::Unplaced => !matches!(self, Kind::Metrics),
            Row::NoTier => matches!(self, Kind::Incidents),
            _ => true,
        }
    }

    /// Row `i`'s fields, as written.
    fn fields(self, i: usize, row: Row) -> Vec<(&'static str, String)> {
        let service = if row == Row::Unplaced { "nope" } else { ["api", "web"][i % 2] };
        let day = i % 28 + 1;
        let bad = row == Row::BadValue;
        match self {
            Kind::Incidents => vec![
                ("id", format!("I{i}")),
                ("service", service.into()),
                ("severity", if row == Row::NoTier { "P9".into() } else { ["S1", "p2", "Minor"][i % 3].into() }),
                ("opened_at", if bad { "2025-13-45 08:00:00".into() } else { format!("2025-03-{day:02} 08:00:00") }),
                ("resolved_at", format!("2025-03-{day:02} 09:00:00")),
                ("impact", "outage".into()),
            ],
            Kind::Maintenance => vec![
                ("id", format!("M{i}")),
                ("service", service.into()),
                ("kind", if bad { "sometimes".into() } else { "planned".into() }),
                ("start", format!("2025-03-{day:02} 02:00:00")),
                ("end", format!("2025-03-{day:02} 03:00:00")),
                ("announced_at", "2025-02-20 00:00:00".into()),
            ],
            Kind::Probes => vec![
                ("ts", format!("2025-03-{day:02} 08:{:02}:00", i % 60)),
                ("service", service.into()),
                ("ok", if bad { "5".into() } else { "1".into() }),
                ("total", "1".into()),
            ],
            Kind::Usage => vec![
                ("period", if bad { "March".into() } else { format!("2025-{:02}", i % 12 + 1) }),
                ("service", service.into()),
                ("instance", format!("i-{i}")),
                ("monthly_fee", "CNY 100.00".into()),
            ],
            Kind::Metrics => vec![
                ("period", "2025-03".into()),
                ("objective", format!("x{i}")),
                ("value", if bad { "lots".into() } else { "99.5".into() }),
            ],
        }
    }
}

/// The file's text in `format`.
fn render(kind: Kind, format: &str, rows: &[Row]) -> String {
    let header: Vec<&str> = kind.fields(0, Row::Good).iter().map(|(k, _)| *k).collect();
    let mut out = String::new();
    match format {
        "csv" => {
            out.push_str(&header.join(","));
            out.push('\n');
            for (i, row) in rows.iter().enumerate() {
                let cells: Vec<String> = kind.fields(i, *row).into_iter().map(|(_, v)| v).collect();
                match row {
                    Row::Blank => out.push('\n'),
                    Row::Malformed => out.push_str(&format!("{},extra\n", cells.join(","))),
                    _ => out.push_str(&format!("{}\n", cells.join(","))),
                }
            }
        }
        "ndjson" => {
            for (i, row) in rows.iter().enumerate() {
                match row {
                    Row::Blank => out.push('\n'),
                    Row::Malformed => out.push_str("{\"id\": \"broken\n"),
                    _ => out.push_str(&format!("{}\n", object(kind, i, *row))),
                }
            }
        }
        _ => {
            let elements: Vec<String> = rows
                .iter()
                .enumerate()
                .filter(|(_, r)| **r != Row::Blank)
                .map(|(i, row)| if *row == Row::Malformed { "5".to_string() } else { object(kind, i, *row) })
                .collect();
            out = format!("[{}]", elements.join(",\n"));
        }
    }
    out
}

fn object(kind: Kind, i: usize, row: Row) -> String {
    let map: serde_json::Map<String, serde_json::Value> =
        kind.fields(i, row).into_iter().map(|(k, v)| (k.to_string(), v.into())).collect();
    serde_json::Value::Object(map).to_string()
}

static FILES: AtomicUsize = AtomicUsize::new(0);

/// A fresh file in the system's temporary directory.
fn write(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("slac-ledger-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let path = dir.join(format!("{}-{name}", FILES.fetch_add(1, Ordering::Relaxed)));
    std::fs::write(&path, text).expect("written");
    path
}

fn request(skip: bool) -> Request {
    Request {
        contract: crate::repo().join("tests/inputs/contract.sla"),
        as_of: Some("2025-12-31T00:00:00Z".into()),
        skip_bad_rows: skip,
        ..Request::default()
    }
}

/// Every summary reconciles, and lists every skipped row (none here
/// passes the list's limit).
fn reconciles(r: &Report) {
    for s in &r.inputs {
        assert_eq!(s.rows_read, s.records + s.rows_skipped, "{}: rows = records + skipped: {s:#?}", s.file);
        assert_eq!(s.skipped.len() as u64, s.rows_skipped, "{}: each skipped row listed: {s:#?}", s.file);
    }
}

fn summary<'r>(r: &'r Report, file: &Path) -> &'r InputSummary {
    let name = file.display().to_string();
    r.inputs.iter().find(|s| s.file == name).unwrap_or_else(|| panic!("no summary of {name}: {:#?}", r.inputs))
}

fn rows() -> impl Strategy<Value = Vec<Row>> {
    let row = prop::sample::select(vec![
        Row::Good,
        Row::Good,
        Row::Good,
        Row::BadValue,
        Row::Unplaced,
        Row::NoTier,
        Row::Malformed,
        Row::Blank,
    ]);
    prop::collection::vec(row, 0..24)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// slac's own CSV, JSON and NDJSON, for every kind of input.
    #[test]
    fn canonical_files_reconcile(
        kind in prop::sample::select(Kind::ALL.to_vec()),
        format in prop::sample::select(vec!["csv", "json", "ndjson"]),
        rows in rows(),
        skip in any::<bool>(),
    ) {
        let rows: Vec<Row> = rows.into_iter().map(|r| if kind.can_be(r) { r } else { Row::Good }).collect();
        let file = write(&format!("{}.{format}", kind.name()), &render(kind, format, &rows));
        let mut req = request(skip);
        let slot = match kind {
            Kind::Incidents => &mut req.incidents,
            Kind::Maintenance => &mut req.maintenance,
            Kind::Probes => &mut req.probes,
            Kind::Usage => &mut req.usage,
            Kind::Metrics => &mut req.metrics,
        };
        *slot = Some(file.clone());
        let bad = rows.iter().filter(|r| r.is_bad()).count() as u64;
        let read = rows.iter().filter(|r| **r != Row::Blank).count() as u64;
        match evaluate_files_on_disk(&req).map(|e| e.report) {
            Ok(r) => {
                reconciles(&r);
                let s = summary(&r, &file);
                prop_assert!(skip || bad == 0, "a bad row without --skip-bad-rows must stop: {s:#?}");
                // By hand: every written row is read; the bad ones are the
                // skipped ones; the rest are records.
                prop_assert_eq!((s.rows_read, s.rows_skipped, s.records), (read, bad, read - bad), "{:#?}", s);
            }
            Err(e) => prop_assert!(!skip && bad > 0, "{e}"),
        }
    }
}

/// A tool's export, its records good or bad in known ways.
fn export(format: &str, rows: &[Row]) -> (String, &'static str) {
    let service = |r: Row, i: usize| match r {
        Row::Unplaced => "Unknown Thing",
        _ if i % 4 == 3 => "Status Widget",
        _ => ["REST API", "Website", "Webhooks"][i % 3],
    };
    let severity = |r: Row, known: [&'static str; 3], i: usize| if r == Row::NoTier { "Sev9" } else { known[i % 3] };
    let time = |r: Row, i: usize| {
        if r == Row::BadValue { "yesterday".to_string() } else { format!("2025-03-{:02}T02:00:00Z", i % 28 + 1) }
    };
    let rows: Vec<(usize, Row)> = rows.iter().copied().enumerate().filter(|(_, r)| *r != Row::Blank).collect();
    match format {
        "statuspage" => {
            let items: Vec<String> = rows
                .iter()
                .map(|&(i, r)| {
                    let impact = if r == Row::NoTier { "bogus" } else { ["critical", "major", "minor"][i % 3] };
                    if r == Row::Malformed {
                        return "7".to_string();
                    }
                    // Even rows take two components down, as windows.
                    let updates = if i % 2 == 0 {
                        format!(
                            r#"[{{"status":"investigating","created_at":"{t}","affected_components":[{{"name":"{a}","old_status":"operational","new_status":"major_outage"}},{{"name":"{b}","old_status":"operational","new_status":"partial_outage"}}]}}]"#,
                            t = time(r, i),
                            a = service(r, i),
                            b = service(r, i + 1),
                        )
                    } else {
                        "[]".to_string()
                    };
                    format!(
                        r#"{{"id":"sp{i}","status":"resolved","impact":"{impact}","created_at":"{t}","resolved_at":"2025-03-28T05:00:00Z","incident_updates":{updates},"components":[{{"name":"{c}"}}]}}"#,
                        t = time(r, i),
                        c = service(r, i),
                    )
                })
                .collect();
            (format!(r#"{{"page":{{"id":"p"}},"incidents":[{}]}}"#, items.join(",")), "statuspage")
        }
        "gcp" => {
            let items: Vec<String> = rows
                .iter()
                .map(|&(i, r)| {
                    if r == Row::Malformed {
                        return "\"x\"".to_string();
                    }
                    format!(
                        r#"{{"id":"g{i}","begin":"{t}","end":"2025-03-28T05:00:00+00:00","severity":"{s}","status_impact":"SERVICE_OUTAGE","affected_products":[{{"title":"{a}"}},{{"title":"{b}"}}]}}"#,
                        t = time(r, i),
                        s = severity(r, ["high", "medium", "low"], i),
                        a = service(r, i),
                        b = service(r, i + 2),
                    )
                })
                .collect();
            (format!("[{}]", items.join(",")), "gcp")
        }
        "pagerduty" => {
            let items: Vec<String> = rows
                .iter()
                .map(|&(i, r)| {
                    if r == Row::Malformed {
                        return "null".to_string();
                    }
                    format!(
                        r#"{{"id":"pd{i}","incident_number":{i},"status":"resolved","created_at":"{t}","resolved_at":"2025-03-28T05:00:00Z","service":{{"summary":"{a}"}},"priority":{{"summary":"{s}"}},"urgency":"high"}}"#,
                        t = time(r, i),
                        a = service(r, i),
                        s = severity(r, ["P1", "P2", "P3"], i),
                    )
                })
                .collect();
            (format!(r#"{{"incidents":[{}]}}"#, items.join(",")), "pagerduty")
        }
        "pagerduty-csv" | "jsm" => {
            let jsm = format == "jsm";
            let mut out = if jsm {
                "Issue key,Priority,Created,Resolved,Component/s,Component/s\n".to_string()
            } else {
                "id,incident_number,service_name,created_on,resolved_on,priority_name\n".to_string()
            };
            for &(i, r) in &rows {
                let t =
                    if jsm && r != Row::BadValue { format!("{:02}/Mar/25 2:00 AM", i % 28 + 1) } else { time(r, i) };
                let s = severity(r, ["P1", "medium", "low"], i);
                let extra = if r == Row::Malformed { ",extra" } else { "" };
                if jsm {
                    let end = "28/Mar/25 5:00 AM";
                    out.push_str(&format!("OPS-{i},{s},{t},{end},{},{}{extra}\n", service(r, i), service(r, i + 1)));
                } else {
                    let end = "2025-03-28T05:00:00Z";
                    out.push_str(&format!("pd{i},{i},{},{t},{end},{s}{extra}\n", service(r, i)));
                }
            }
            (out, if jsm { "jsm" } else { "pagerduty-csv" })
        }
        "mapped" => {
            // NDJSON of a service desk's own, read through a mapping.
            let mut out = String::new();
            for &(i, r) in &rows {
                if r == Row::Malformed {
                    out.push_str("{\"ticket\": \"broken\n");
                    continue;
                }
                let line = serde_json::json!({
                    "ticket": format!("T-{i}"),
                    "where": service(r, i),
                    "prio": severity(r, ["P1", "P2", "P3"], i),
                    "opened": time(r, i),
                });
                out.push_str(&format!("{line}\n"));
            }
            (out, "mapped")
        }
        other => panic!("no export {other}"),
    }
}

const MAP: &str = "format = \"ndjson\"\n[columns]\nid = \"ticket\"\nservice = \"where\"\nseverity = \"prio\"\nopened_at = \"opened\"\n";

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Each tool's export, and a file read through a mapping: its source records read = used + skipped, one
    /// skipped entry per record, derived windows counted apart.
    #[test]
    fn exports_reconcile(
        format in prop::sample::select(vec!["statuspage", "gcp", "pagerduty", "pagerduty-csv", "jsm", "mapped"]),
        rows in rows(),
        skip in any::<bool>(),
    ) {
        let (text, name) = export(format, &rows);
        let ext = match format {
            "pagerduty-csv" | "jsm" => "csv",
            "mapped" => "ndjson",
            _ => "json",
        };
        let file = write(&format!("{name}.{ext}"), &text);
        let mut req = request(skip);
        req.incidents = Some(file.clone());
        if format == "mapped" {
            req.exports.incidents_map = Some(write("map.toml", MAP));
        } else {
            req.exports.incidents_format = Some(name.to_string());
        }
        req.exports.service_map = vec!["Status Widget=-".into()];
        req.exports.unmapped_services = Unmapped::Warn;
        req.exports.date_zone = Some("UTC".into());
        let read = rows.iter().filter(|r| **r != Row::Blank).count() as u64;
        match evaluate_files_on_disk(&req).map(|e| e.report) {
            Ok(r) => {
                reconciles(&r);
                let s = summary(&r, &file);
                prop_assert_eq!(s.rows_read, read, "{:#?}", s);
                if !skip {
                    // A bad row stops the read, unless it is for a service
                    // marked not the contract's (every fourth), which is set
                    // aside before its severity is looked at.
                    let stops = |(i, r): (usize, &Row)| match r {
                        Row::BadValue | Row::Malformed => true,
                        Row::NoTier => i % 4 != 3,
                        _ => false,
                    };
                    prop_assert!(!rows.iter().enumerate().any(stops), "{:#?}", s);
                }
            }
            Err(e) => prop_assert!(!skip, "{e}"),
        }
    }
}

/// A probe file of several chunks (each 256 KiB) gives the same report,
/// byte for byte, read on one thread and on several, and a bad row deep in
/// it is named by the same line either way.
#[test]
fn a_large_probe_file_reads_the_same_on_one_thread_and_on_several() {
    let dir = std::env::temp_dir().join(format!("slac-chunks-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    let mut text = String::from("ts,instance,ok,total\n");
    // 3 days × 1,440 minutes × 5 instances: 21,600 rows, about 900 KB;
    // instance 2 fails for 7 minutes a day, instance 4 has no row some
    // minutes, and an empty line stands now and then.
    for m in 0..3 * 1440 {
        let (d, hm) = (1 + m / 1440, m % 1440);
        for i in 0..5 {
            if i == 4 && m % 97 == 0 {
                continue;
            }
            let ok = if i == 2 && hm < 7 { 0 } else { 50 };
            text.push_str(&format!("2025-03-{d:02}T{:02}:{:02}:00+08:00,i-{i:03},{ok},50\n", hm / 60, hm % 60));
        }
        if m % 500 == 0 {
            text.push('\n');
        }
    }
    let good = dir.join("probes.csv");
    std::fs::write(&good, &text).expect("a probe file");
    let run = |threads: &str, file: &std::path::Path| {
        Slac::new(["eval", "contracts/jdcloud-baas.sla", "--as-of", "2025-03-04T00:00:00+08:00", "--format", "json"])
            .args([std::ffi::OsStr::new("--probes"), file.as_os_str()])
            .env("SLAC_THREADS", threads)
            .run()
    };
    let (one, two, three) = (run("1", &good), run("2", &good), run("3", &good));
    assert!(one.stdout.contains("\"service\""), "{}", one.stderr);
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.stdout, three.stdout);
    // A bad row near the end: the same message, the right line.
    let bad_line = text.lines().count() - 3;
    let mut lines: Vec<&str> = text.lines().collect();
    lines[bad_line - 1] = "2025-03-03T23:59:00+08:00,i-001,x,50";
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, lines.join("\n")).expect("a probe file");
    let (one, two) = (run("1", &bad), run("2", &bad));
    assert_eq!(one.code, 2);
    assert_eq!((one.code, &one.stderr), (two.code, &two.stderr));
    assert!(one.stderr.contains(&format!("bad.csv:{bad_line}: field ok")), "{}", one.stderr);
}
