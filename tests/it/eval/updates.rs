//! Update cadence (`tests/eval/cadence-*`): gaps between customer-facing
//! updates, on the tier's clock, paused with its resolution clock.

use super::harness::{Case, incident};
use slac::report::{Report, UpdatesResult};

fn updates(r: &Report, id: &str) -> UpdatesResult {
    incident(r, id).updates.unwrap_or_else(|| panic!("no updates section for {id}"))
}

/// `(status, updates, missed, longest gap)` of an incident's cadence.
fn summary(u: &UpdatesResult) -> (String, u64, u32, i64) {
    (u.status.to_string(), u.updates, u.missed, u.longest_gap_seconds)
}

fn s(status: &str, updates: u64, missed: u32, longest: i64) -> (String, u64, u32, i64) {
    (status.to_owned(), updates, missed, longest)
}

/// `(from, until, business_seconds, limit, over, first, open)` of each missed gap.
type Gap = (String, String, i64, i64, i64, bool, bool);

fn gaps(u: &UpdatesResult) -> Vec<Gap> {
    u.gaps
        .iter()
        .map(|g| {
            (g.from.clone(), g.until.clone(), g.business_seconds, g.limit_seconds, g.over_seconds, g.first, g.open)
        })
        .collect()
}

fn gap(from: &str, until: &str, seconds: i64, limit: i64, over: i64, first: bool, open: bool) -> Gap {
    (format!("2025-04-{from}+08:00"), format!("2025-04-{until}+08:00"), seconds, limit, over, first, open)
}

#[test]
fn an_hour_exactly_is_on_time_and_an_hour_and_a_second_is_missed() {
    let case = Case::new("cadence-hourly");
    let r = case.report();
    let h1 = updates(&r, "H1");
    assert_eq!(summary(&h1), s("missed", 3, 1, 3601));
    assert_eq!((h1.every_seconds, h1.first_within_seconds), (3600, None));
    assert_eq!(gaps(&h1), vec![gap("01T11:30:00", "01T12:30:01", 3601, 3600, 1, false, false)]);
    assert_eq!(h1.gaps[0].business_minutes.to_string(), "60.0166");
    // The update before the opening is outside; the internal one is not counted.
    assert_eq!((h1.internal, h1.outside), (1, 1));
    assert_eq!(r.verdict.updates_missed, Some(4));
    assert_eq!(r.verdict.updates_not_measured, Some(1));
    assert!(!r.verdict.all_met);
    case.snapshot_json(&r);
    case.snapshot_table(&r);
}

#[test]
fn the_contracts_cadence_holds_for_a_tier_without_its_own_and_the_first_update_has_its_limit() {
    let r = Case::new("cadence-hourly").report();
    let s1 = updates(&r, "S1");
    assert_eq!((s1.every_seconds, s1.first_within_seconds), (14400, Some(3600)));
    assert_eq!(summary(&s1), s("missed", 3, 1, 18000));
    assert_eq!(gaps(&s1), vec![gap("02T14:00:00", "02T19:00:00", 18000, 14400, 3600, false, false)]);
    let s2 = updates(&r, "S2");
    assert_eq!(summary(&s2), s("missed", 1, 1, 3601));
    assert_eq!(gaps(&s2), vec![gap("02T09:00:00", "02T10:00:01", 3601, 3600, 1, true, false)]);
}

#[test]
fn an_incident_without_update_rows_is_not_measured_never_met() {
    let r = Case::new("cadence-hourly").report();
    let h2 = updates(&r, "H2");
    assert_eq!(summary(&h2), s("not_measured", 0, 0, 0));
    assert!(h2.note.as_deref().is_some_and(|n| n.contains("not measured")), "{:?}", h2.note);
}

#[test]
fn without_an_updates_file_no_incident_is_measured() {
    let r = Case::new("cadence-hourly").with(|q| q.updates = None).report();
    for id in ["H1", "H2", "S1", "S2", "H5", "H3", "H4"] {
        assert_eq!(updates(&r, id).status, "not_measured", "{id}");
    }
    assert_eq!((r.verdict.updates_missed, r.verdict.updates_not_measured), (Some(0), Some(7)));
    assert!(r.verdict.all_met);
    assert!(r.notes.iter().any(|n| n.contains("no incident-updates file")), "{:?}", r.notes);
}

#[test]
fn the_cadence_pauses_with_the_resolution_clock() {
    let r = Case::new("cadence-hourly").report();
    // 10:20 → 13:10 is 2h50m, of which 2h waited on the customer.
    assert_eq!(summary(&updates(&r, "H5")), s("met", 2, 0, 3000));
    // Without the history the same updates miss the hour.
    let r = Case::new("cadence-hourly").with(|q| q.status_changes = None).report();
    let h5 = updates(&r, "H5");
    assert_eq!(gaps(&h5), vec![gap("03T10:20:00", "03T13:10:00", 10200, 3600, 6600, false, false)]);
}

#[test]
fn an_open_incident_counts_the_running_gap_only_once_it_is_longer_than_the_cadence() {
    let r = Case::new("cadence-hourly").report();
    let h3 = updates(&r, "H3");
    assert_eq!(summary(&h3), s("missed", 2, 1, 5400));
    assert_eq!(gaps(&h3), vec![gap("10T10:30:00", "10T12:00:00", 5400, 3600, 1800, false, true)]);
    assert_eq!(h3.next_due.as_deref(), Some("2025-04-10T11:30:00+08:00"));
    let h4 = updates(&r, "H4");
    assert_eq!(summary(&h4), s("open", 1, 0, 2400));
    assert_eq!(h4.next_due.as_deref(), Some("2025-04-10T12:20:00+08:00"));
}

#[test]
fn the_updates_file_accounts_for_every_row() {
    let r = Case::new("cadence-hourly").report();
    let file = r.inputs.iter().find(|s| s.kind == slac::report::InputKind::Updates).expect("an updates summary");
    let used: Vec<(&str, u64)> = file.used.iter().map(|(w, n)| (w.as_str(), *n)).collect();
    assert_eq!(
        used,
        [
            ("customer-facing updates", 13),
            ("internal updates (not counted)", 1),
            ("for no incident of the inputs", 1),
            ("after as_of", 1)
        ]
    );
    assert_eq!(file.rows_read, 16);
    assert!(file.notes.iter().any(|n| n.contains("GHOST")), "{:?}", file.notes);
}

#[test]
fn a_business_clock_cadence_counts_open_hours_across_a_night_and_a_weekend() {
    let case = Case::new("cadence-business-clock");
    let r = case.report();
    let b1 = updates(&r, "B1");
    assert_eq!(summary(&b1), s("missed", 3, 1, 30600));
    assert_eq!(gaps(&b1), vec![gap("04T11:00:00", "07T10:30:00", 30600, 14400, 16200, false, false)]);
    assert_eq!(b1.gaps[0].business_minutes.to_string(), "510");
    assert_eq!(b1.internal, 1);
    // Opened on a Saturday: the first hour counts from Monday 09:00.
    let b2 = updates(&r, "B2");
    assert_eq!(gaps(&b2), vec![gap("05T10:00:00", "07T10:00:01", 3601, 3600, 1, true, false)]);
    let b3 = updates(&r, "B3");
    assert_eq!(summary(&b3), s("open", 1, 0, 12600));
    assert_eq!(b3.next_due.as_deref(), Some("2025-04-08T10:30:00+08:00"));
    assert_eq!(r.verdict.updates_missed, Some(2));
    case.snapshot_json(&r);
    case.snapshot_table(&r);
}

#[test]
fn a_contract_without_a_cadence_reports_no_updates_section_and_no_verdict_count() {
    let r = Case::new("pause-business-clock").report();
    assert!(r.incidents.iter().all(|i| i.updates.is_none()));
    assert_eq!((r.verdict.updates_missed, r.verdict.updates_not_measured), (None, None));
}

/// A tool's history under the hourly contract: `(format, rows, skipped, cadence)`.
fn tool_case(dir: &str) -> Report {
    let d = std::path::Path::new("tests").join("inputs").join(dir);
    Case::new("cadence-hourly")
        .with(|q| {
            q.incidents = Some(d.join("incidents.csv"));
            q.updates = Some(d.join("updates.json"));
            q.status_changes = None;
        })
        .report()
}

fn updates_file(r: &Report) -> &slac::report::InputSummary {
    r.inputs.iter().find(|s| s.kind == slac::report::InputKind::Updates).expect("an updates summary")
}

#[test]
fn jira_comments_are_updates_and_internal_ones_do_not_count() {
    let r = tool_case("jira-comments");
    let f = updates_file(&r);
    assert_eq!((f.format.as_str(), f.rows_read, f.records, f.rows_skipped), ("jira comments", 3, 3, 0));
    let u = updates(&r, "SUP-17");
    assert_eq!((u.updates, u.internal), (2, 1));
    assert_eq!(gaps(&u), vec![gap("01T10:30:00", "01T11:30:01", 3601, 3600, 1, false, false)]);
}

#[test]
fn servicenow_comments_are_public_and_work_notes_internal() {
    let r = tool_case("servicenow-journal");
    let f = updates_file(&r);
    assert_eq!((f.format.as_str(), f.rows_read, f.records), ("servicenow journal", 3, 3));
    let u = updates(&r, "INC0010042");
    assert_eq!(summary(&u), s("met", 2, 0, 3600));
    assert_eq!(u.internal, 1);
}

#[test]
fn pagerduty_status_updates_count_and_notes_do_not() {
    let r = tool_case("pagerduty-log-entries");
    let f = updates_file(&r);
    assert_eq!((f.format.as_str(), f.rows_read, f.records), ("pagerduty log entries", 3, 3));
    let u = updates(&r, "Q2W3E4R5T6Y7U8");
    assert_eq!((u.updates, u.internal), (2, 1));
    assert_eq!(gaps(&u), vec![gap("01T10:45:00", "01T12:00:00", 4500, 3600, 900, false, false)]);
}

#[test]
fn a_tool_row_without_a_time_is_located_and_set_aside_when_asked() {
    let dir = std::env::temp_dir().join(format!("slac-updates-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let file = dir.join("journal.json");
    std::fs::write(
        &file,
        r#"{"result": [{"element": "comments", "element_id": "INC0010042", "sys_created_on": "soon"},
                       {"element": "comments", "element_id": "INC0010042", "sys_created_on": "2025-04-01 02:30:00"}]}"#,
    )
    .expect("written");
    let case = Case::new("cadence-hourly").with(|q| {
        q.incidents = Some(std::path::Path::new("tests/inputs/servicenow-journal/incidents.csv").into());
        q.updates = Some(file.clone());
        q.status_changes = None;
    });
    let e = case.error();
    assert!(e.contains("journal.json at /result/0/sys_created_on: expected a timestamp"), "{e}");
    let r = case.with(|q| q.skip_bad_rows = true).report();
    let f = updates_file(&r);
    assert_eq!((f.rows_read, f.records, f.rows_skipped), (2, 1, 1));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A tier whose clock is chosen by region measures its cadence on the
/// region's calendar, in that calendar's zone (arithmetic in the README).
#[test]
fn the_cadence_runs_on_the_calendar_the_region_chooses() {
    let case = Case::new("regions-cadence");
    let r = case.report();
    assert_eq!(summary(&updates(&r, "LON")), s("missed", 3, 2, 12600));
    let over: Vec<(i64, i64)> = updates(&r, "LON").gaps.iter().map(|g| (g.business_seconds, g.over_seconds)).collect();
    assert_eq!(over, [(9000, 1800), (12600, 5400)]);
    assert_eq!(summary(&updates(&r, "SIN")), s("met", 2, 0, 7200));
    case.snapshot_json(&r);
}

/// A cadence in business days holds each gap to the same local time on
/// the 2nd following business day, across a DST change; exactly at it is
/// on time, a second later missed (arithmetic in the README).
#[test]
fn a_cadence_in_business_days_is_a_deadline_per_gap() {
    let case = Case::new("cadence-business-days");
    let r = case.report();
    let r1 = updates(&r, "R1");
    assert_eq!(r1.every_rule.as_deref(), Some("2 business days"));
    let over = |u: &UpdatesResult| -> Vec<(String, i64, i64, i64)> {
        u.gaps.iter().map(|g| (g.from.clone(), g.business_seconds, g.limit_seconds, g.over_seconds)).collect()
    };
    assert_eq!(over(&r1), [("2025-03-11T15:00:00-04:00".to_owned(), 68400, 64800, 3600)]);
    assert_eq!(over(&updates(&r, "R2")), [("2025-03-12T09:00:00-04:00".to_owned(), 64801, 64800, 1)]);
    assert_eq!(r.verdict.updates_missed, Some(2));
    case.snapshot_json(&r);
}
