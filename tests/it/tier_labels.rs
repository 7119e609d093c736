//! One rule turns a severity label into a tier, whatever reads the row
//! (`slac::ir::tier_label`): the same incident, written in slac's CSV, JSON
//! and NDJSON, through a mapping and in each tool's export that carries a
//! severity, lands on the same tier, or is refused the same way.

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

/// One incident of `api` (component `REST API`), 10:00 to 11:00 UTC on
/// 2025-03-04, in the given path's own layout, with `label` as its
/// severity. The file name, its text and the extra flags.
fn written(path: &str, label: &str) -> (&'static str, String, Vec<&'static str>) {
    let json = serde_json::to_string(label).expect("a JSON string");
    match path {
        "csv" => (
            "t.csv",
            format!(
                "id,service,severity,opened_at,resolved_at,impact\nA1,api,\"{label}\",2025-03-04T10:00:00Z,2025-03-04T11:00:00Z,outage\n"
            ),
            vec![],
        ),
        "json" => (
            "t.json",
            format!(
                r#"[{{"id":"A1","service":"api","severity":{json},"opened_at":"2025-03-04T10:00:00Z","resolved_at":"2025-03-04T11:00:00Z","impact":"outage"}}]"#
            ),
            vec![],
        ),
        "ndjson" => (
            "t.ndjson",
            format!(
                r#"{{"id":"A1","service":"api","severity":{json},"opened_at":"2025-03-04T10:00:00Z","resolved_at":"2025-03-04T11:00:00Z","impact":"outage"}}"#
            ) + "\n",
            vec![],
        ),
        "mapping" => (
            "t.csv",
            format!("Ticket;Dienst;Stufe;Auf;Zu\nA1;api;{label};2025-03-04T10:00:00Z;2025-03-04T11:00:00Z\n"),
            vec!["--incidents-map"],
        ),
        "pagerduty" => (
            "t.json",
            format!(
                r#"{{"incidents":[{{"id":"A1","incident_number":1,"status":"resolved","created_at":"2025-03-04T10:00:00Z","resolved_at":"2025-03-04T11:00:00Z","service":{{"summary":"REST API"}},"priority":{{"summary":{json}}},"urgency":"high"}}]}}"#
            ),
            vec!["--incidents-format", "pagerduty"],
        ),
        "pagerduty-csv" => (
            "t.csv",
            format!(
                "id,incident_number,service_name,created_on,resolved_on,priority_name,urgency\nA1,1,REST API,2025-03-04T10:00:00Z,2025-03-04T11:00:00Z,\"{label}\",high\n"
            ),
            vec!["--incidents-format", "pagerduty-csv"],
        ),
        "jsm" => (
            "t.csv",
            format!(
                "Issue key,Priority,Created,Resolved,Component/s\nA1,\"{label}\",04/Mar/25 10:00 AM,04/Mar/25 11:00 AM,REST API\n"
            ),
            vec!["--incidents-format", "jsm", "--date-zone", "UTC"],
        ),
        "gcp" => (
            "t.json",
            format!(
                r#"[{{"id":"A1","begin":"2025-03-04T10:00:00+00:00","end":"2025-03-04T11:00:00+00:00","created":"2025-03-04T10:05:00+00:00","severity":{json},"status_impact":"SERVICE_OUTAGE","affected_products":[{{"title":"REST API"}}]}}]"#
            ),
            vec!["--incidents-format", "gcp"],
        ),
        "statuspage" => (
            "t.json",
            format!(
                r#"{{"page":{{"id":"p"}},"incidents":[{{"id":"A1","status":"resolved","impact":{json},"created_at":"2025-03-04T10:00:00Z","resolved_at":"2025-03-04T11:00:00Z","incident_updates":[],"components":[{{"name":"REST API"}}]}}]}}"#
            ),
            vec!["--incidents-format", "statuspage"],
        ),
        other => panic!("no path {other}"),
    }
}

const MAP: &str = "format = \"csv\"\ndelimiter = \";\"\n[columns]\nid = \"Ticket\"\nservice = \"Dienst\"\nseverity = \"Stufe\"\nopened_at = \"Auf\"\nresolved_at = \"Zu\"\n[defaults]\nimpact = \"outage\"\n";

/// Reads the incident through `path`: the tier it was judged on, or the
/// skipped row's reason, or the error.
fn tier_through(path: &str, label: &str, dir: &std::path::Path) -> Result<String, String> {
    tier_under(&crate::repo().join("tests/inputs/contract.sla"), path, label, dir)
}

/// Like [`tier_through`], under another contract.
fn tier_under(contract: &std::path::Path, path: &str, label: &str, dir: &std::path::Path) -> Result<String, String> {
    let (name, text, flags) = written(path, label);
    let file = dir.join(format!("{path}-{name}"));
    std::fs::write(&file, text).expect("written");
    let map = dir.join("map.toml");
    std::fs::write(&map, MAP).expect("written");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_slac"));
    cmd.arg("eval").arg(contract).arg("--incidents").arg(&file);
    for flag in flags {
        cmd.arg(flag);
        if flag == "--incidents-map" {
            cmd.arg(&map);
        }
    }
    cmd.args(["--as-of", "2025-03-31T00:00:00Z", "--format", "json", "--skip-bad-rows"]);
    let out = cmd.output().expect("slac runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if !matches!(out.status.code(), Some(0 | 1)) {
        return Err(stderr);
    }
    let r: Value = serde_json::from_slice(&out.stdout).map_err(|e| format!("{e}: {stderr}"))?;
    match r["incidents"].as_array().and_then(|l| l.first()) {
        Some(i) => Ok(i["tier"].as_str().unwrap_or("(none)").to_string()),
        None => Err(format!("set aside: {}", r["inputs"][0]["skipped"])),
    }
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("slac-tiers-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    dir
}

const EVERY_PATH: [&str; 8] = ["csv", "json", "ndjson", "mapping", "pagerduty", "pagerduty-csv", "jsm", "gcp"];

#[test]
fn the_same_label_gives_the_same_tier_through_every_reader() {
    let dir = scratch("same");
    // Exact labels, ids and names; then the same ignoring case and with
    // spaces around, which name one tier only.
    let cases = [
        ("P1", "S1"),
        ("p1", "S1"),
        ("S2", "S2"),
        ("s2", "S2"),
        ("Critical", "S1"),
        ("CRITICAL", "S1"),
        (" high ", "S1"),
        ("Medium", "S2"),
        ("minor", "S3"),
        ("LOW", "S3"),
    ];
    for (label, tier) in cases {
        for path in EVERY_PATH {
            assert_eq!(tier_through(path, label, &dir).as_deref(), Ok(tier), "{label:?} through {path}");
        }
    }
    // Statuspage's severity is its `impact`, one of four words.
    for (label, tier) in [("critical", "S1"), ("Critical", "S1"), ("MAJOR", "S2"), ("minor", "S3")] {
        assert_eq!(tier_through("statuspage", label, &dir).as_deref(), Ok(tier), "{label:?} through statuspage");
    }
}

#[test]
fn a_label_no_tier_has_is_set_aside_through_every_reader() {
    let dir = scratch("unknown");
    for label in ["P4", "S 1", "critical!", "ＰＩ"] {
        for path in EVERY_PATH {
            let got = tier_through(path, label, &dir);
            assert!(got.as_ref().is_err_and(|e| e.starts_with("set aside")), "{label:?} through {path}: {got:?}");
        }
    }
}

#[test]
fn a_label_two_tiers_have_ignoring_case_is_no_guess_through_every_reader() {
    let dir = scratch("ambiguous");
    let text = std::fs::read_to_string(crate::repo().join("tests/inputs/contract.sla")).expect("the contract");
    let text = text
        .replace(r#"labels "critical", "P1", "high""#, r#"labels "critical", "P1", "high", "Crit""#)
        .replace(r#"labels "major", "P2", "medium""#, r#"labels "major", "P2", "medium", "CRIT""#);
    assert!(text.contains("\"CRIT\"") && text.contains("\"Crit\""), "the contract changed");
    let contract = dir.join("contract.sla");
    std::fs::write(&contract, text).expect("written");
    for path in EVERY_PATH {
        // Exactly: each tier its own.
        assert_eq!(tier_under(&contract, path, "Crit", &dir).as_deref(), Ok("S1"), "{path}");
        assert_eq!(tier_under(&contract, path, " CRIT", &dir).as_deref(), Ok("S2"), "{path}");
        // Ignoring case it could be either: set aside, saying which.
        let got = tier_under(&contract, path, "crit", &dir);
        assert!(
            got.as_ref().is_err_and(|e| e.starts_with("set aside") && e.contains("ignoring case it names S1 and S2")),
            "{path}: {got:?}"
        );
    }
}
