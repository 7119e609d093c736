//! A report of many incidents: spooled to a temporary file while it is
//! built, written byte for byte as the same report held in memory, and no
//! file left behind.

use slac::inputs::{Request, evaluate_files_on_disk};
use slac::report::{IncidentList, Report, incidents::SPOOL_AFTER};
use std::fmt::Write;
use std::path::Path;

/// Incidents one every 31 s from 2025-01-01, in turn of each severity, some
/// breached, as `benches/gen_events.py` writes them; a few more than are
/// held in memory.
fn incidents(dir: &Path, severities: &[&str]) -> std::path::PathBuf {
    let mut csv = String::from("id,severity,opened_at,responded_at,resolved_at,impact\n");
    let at = |s: i64| {
        let t = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0)).expect("a date")
            + chrono::Duration::seconds(s);
        t.format("%Y-%m-%d %H:%M:%S").to_string()
    };
    for i in 0..(SPOOL_AFTER as i64 + 1500) {
        let opened = i * 31;
        let impact = if i % 10 == 0 { "outage" } else { "degraded" };
        let _ = writeln!(
            csv,
            "N{i},{},{},{},{},{impact}",
            severities[i as usize % severities.len()],
            at(opened),
            at(opened + 60 * (i % 40)),
            at(opened + 300 + (i % 97) * 60 * 7)
        );
    }
    let path = dir.join("incidents.csv");
    std::fs::write(&path, csv).expect("the incidents are written");
    path
}

const ESIGN: &str = "contracts/bestsign-esign-platform.sla";
/// One tier and a penalty per started hour over its resolution limit.
const PENALTIES: &str = "tests/eval/penalties/contract.sla";

fn request(contract: &str, incidents: &Path) -> Request {
    Request {
        contract: contract.into(),
        incidents: Some(incidents.to_path_buf()),
        as_of: Some("2025-03-01 00:00".into()),
        ..Default::default()
    }
}

fn renderings(r: &mut Report) -> [String; 5] {
    let mut json = Vec::new();
    slac::report::json_out::write(r, &mut json).expect("the JSON is written");
    [
        String::from_utf8(json).expect("UTF-8"),
        slac::report::csv_out::render(r).expect("the CSV is written"),
        slac::report::table::render(r),
        slac::report::markdown::render(r),
        slac::report::html::render(r),
    ]
}

#[test]
fn a_spooled_report_is_the_report_held_in_memory() {
    for (contract, severities) in [(ESIGN, &["1", "2", "3"][..]), (PENALTIES, &["1"][..])] {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let request = request(contract, &incidents(dir.path(), severities));
        let mut r = evaluate_files_on_disk(&request).expect("evaluates").report;
        assert!(r.incidents.is_spooled(), "{contract}");
        assert_eq!(r.incidents.len(), SPOOL_AFTER + 1500, "{contract}");
        assert!(r.verdict.clocks_breached > 0, "{contract}: some clocks are breached");
        assert_eq!(r.penalties.is_empty(), contract == ESIGN, "{contract}: a penalty line per breach");
        let spooled = renderings(&mut r);
        assert_eq!(spooled[0], slac::report::json(&r));
        let spool = std::mem::take(&mut r.incidents);
        r.incidents = IncidentList::in_memory(spool.iter().collect());
        assert!(!r.incidents.is_spooled());
        assert_eq!(renderings(&mut r), spooled, "{contract}");
    }
}

#[test]
fn slac_eval_leaves_no_temporary_file_behind() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = incidents(dir.path(), &["1", "2", "3"]);
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).expect("a directory for temporary files");
    let out = dir.path().join("report.json");
    let args: Vec<String> = [
        "eval",
        ESIGN,
        "--incidents",
        &path.display().to_string(),
        "--as-of",
        "2025-03-01 00:00",
        "--format",
        "json",
        "-o",
        &out.display().to_string(),
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    let ran = crate::run::Slac::new(&args).env("TMPDIR", &tmp.display().to_string()).run();
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    let report = evaluate_files_on_disk(&request(ESIGN, &path)).expect("evaluates").report;
    assert_eq!(std::fs::read_to_string(&out).expect("the report"), slac::report::json(&report));
    let left: Vec<_> = std::fs::read_dir(&tmp).expect("readable").collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}
