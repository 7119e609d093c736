//! `slac eval` on hostile inputs, through the binary: a record over the
//! limit is a located error (exit 2) or a skipped row, an export too large
//! to hold is an error, and `-` reads standard input.

use crate::run::Slac;
use serde_json::Value;
use std::path::PathBuf;

/// Runs `slac eval` on the exports test contract with `stdin` piped in;
/// the exit code, standard output and standard error.
fn eval(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let base = ["eval", "tests/inputs/contract.sla", "--as-of", "2025-03-31T00:00:00Z", "--color", "never"];
    let ran = Slac::new(base).args(args).stdin(stdin).run();
    (ran.code, ran.stdout, ran.stderr)
}

fn temp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("slac-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("written");
    path
}

const CSV: &str = "id,service,severity,opened_at,resolved_at,impact\n\
                   A1,api,S1,2025-03-04T10:00:00Z,2025-03-04T11:00:00Z,outage\n";

#[test]
fn standard_input_is_read_for_one_input() {
    let (code, stdout, stderr) =
        eval(&["--incidents", "-", "--input-format", "csv", "--format", "json"], CSV.as_bytes());
    assert_eq!(code, 1, "{stderr}");
    let r: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(r["inputs"][0]["file"], "-");
    assert_eq!(r["inputs"][0]["records"], 1);
    assert_eq!(r["incidents"][0]["id"], "A1");

    // A tool's export on standard input, named by its format.
    let gcp = r#"[{"id":"g1","begin":"2025-03-04T10:00:00+00:00","end":"2025-03-04T11:00:00+00:00","severity":"high","status_impact":"SERVICE_OUTAGE","affected_products":[{"title":"REST API"}]}]"#;
    let (code, stdout, stderr) =
        eval(&["--incidents", "-", "--incidents-format", "gcp", "--format", "json"], gcp.as_bytes());
    assert_eq!(code, 1, "{stderr}");
    let r: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!((r["incidents"][0]["id"].as_str(), r["incidents"][0]["tier"].as_str()), (Some("g1"), Some("S1")));
}

#[test]
fn standard_input_needs_a_format_and_serves_one_input() {
    let (code, _, stderr) = eval(&["--incidents", "-"], CSV.as_bytes());
    assert_eq!(code, 2);
    assert!(stderr.contains("--incidents -") && stderr.contains("--input-format"), "{stderr}");
    let (code, _, stderr) = eval(&["--incidents", "-", "--probes", "-", "--input-format", "csv"], CSV.as_bytes());
    assert_eq!(code, 2);
    assert!(stderr.contains("--incidents and --probes") && stderr.contains("standard input"), "{stderr}");
}

/// A file with a good row, a row of `long` bytes, and a good row.
fn with_a_long_row(format: &str, long: usize) -> Vec<u8> {
    let pad = "x".repeat(long);
    match format {
        "csv" => format!(
            "id,service,severity,opened_at,resolved_at,impact\n\
             A1,api,S1,2025-03-04T10:00:00Z,2025-03-04T11:00:00Z,outage\n\
             A2,api,S1,2025-03-05T10:00:00Z,2025-03-05T11:00:00Z,{pad}\n\
             A3,api,S1,2025-03-06T10:00:00Z,2025-03-06T11:00:00Z,outage\n"
        ),
        _ => format!(
            "{{\"id\":\"A1\",\"service\":\"api\",\"severity\":\"S1\",\"opened_at\":\"2025-03-04T10:00:00Z\"}}\n\
             {{\"id\":\"A2\",\"service\":\"api\",\"severity\":\"S1\",\"opened_at\":\"2025-03-05T10:00:00Z\",\"note\":\"{pad}\"}}\n\
             {{\"id\":\"A3\",\"service\":\"api\",\"severity\":\"S1\",\"opened_at\":\"2025-03-06T10:00:00Z\"}}\n"
        ),
    }
    .into_bytes()
}

#[test]
fn a_row_over_a_mebibyte_is_a_located_error_or_a_skipped_row() {
    for format in ["csv", "ndjson"] {
        let file = temp(&format!("long.{format}"), &with_a_long_row(format, 2 << 20));
        let path = file.to_str().expect("utf-8");
        let (code, _, stderr) = eval(&["--incidents", path], b"");
        assert_eq!(code, 2, "{format}: {stderr}");
        // The CSV's header is line 1; NDJSON has none.
        let line = if format == "csv" { 3 } else { 2 };
        assert!(stderr.contains(&format!("long.{format}:{line}: the record is over 1 MiB")), "{format}: {stderr}");

        let (code, stdout, stderr) = eval(&["--incidents", path, "--skip-bad-rows", "--format", "json"], b"");
        assert_eq!(code, 1, "{format}: {stderr}");
        let r: Value = serde_json::from_str(&stdout).expect("JSON");
        let s = &r["inputs"][0];
        assert_eq!(
            (s["rows_read"].as_u64(), s["records"].as_u64(), s["rows_skipped"].as_u64()),
            (Some(3), Some(2), Some(1))
        );
        assert!(
            s["skipped"][0]["location"].as_str().is_some_and(|l| l.ends_with(&format!("long.{format}:{line}"))),
            "{s}"
        );
        let ids: Vec<&str> =
            r["incidents"].as_array().expect("a list").iter().filter_map(|i| i["id"].as_str()).collect();
        assert_eq!(ids, ["A1", "A3"]);
    }
}

#[test]
fn an_export_too_large_to_hold_is_an_error() {
    // 64 MiB and a little more of a JSON list: not read whole.
    let mut big = b"[".to_vec();
    big.resize((64 << 20) + 16, b' ');
    big.push(b']');
    let file = temp("big.json", &big);
    let path = file.to_str().expect("utf-8");
    let (code, _, stderr) = eval(&["--incidents", path, "--incidents-format", "pagerduty"], b"");
    assert_eq!(code, 2);
    assert!(stderr.contains("the file is over 64 MiB"), "{stderr}");
    // Without a format it is read as slac's own JSON, streamed, where the
    // spaces before the first element are more than a record may hold.
    let (code, _, stderr) = eval(&["--incidents", path], b"");
    assert_eq!(code, 2);
    assert!(stderr.contains("big.json at /0: the record is over 1 MiB"), "{stderr}");
}
