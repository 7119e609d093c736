//! Clocks that pause while an incident waits, and incidents whose severity
//! changes (`tests/eval/pause-*`, `tests/eval/reprioritised`).

use super::harness::{Case, incident, resolution, response};
use slac::report::{ClockResult, Report};

/// `(deadline, business_seconds, status)` of a clock.
fn row(c: &ClockResult) -> (String, i64, String) {
    (c.deadline.clone(), c.business_seconds, c.status.to_string())
}

fn s(deadline: &str, seconds: i64, status: &str) -> (String, i64, String) {
    (deadline.to_owned(), seconds, status.to_owned())
}

/// `(from, until, business_seconds, status)` of each paused interval.
fn paused(c: &ClockResult) -> Vec<(String, Option<String>, i64, String)> {
    c.paused.iter().map(|p| (p.from.clone(), p.until.clone(), p.business_seconds, p.status.clone())).collect()
}

fn used(r: &Report, what: &str) -> u64 {
    let s =
        r.inputs.iter().find(|s| s.kind == slac::report::InputKind::StatusChanges).expect("a status-changes summary");
    s.used.iter().find(|(w, _)| w == what).map(|(_, n)| *n).unwrap_or_else(|| panic!("no `{what}` in {:?}", s.used))
}

#[test]
fn a_pause_over_a_weekend_and_a_holiday_costs_only_the_open_hours_it_takes() {
    let case = Case::new("pause-business-clock");
    let r = case.report();
    assert_eq!(row(&resolution(&r, "W1")), s("2025-04-08T12:00:00+08:00", 27000, "met"));
    assert_eq!(
        paused(&resolution(&r, "W1")),
        vec![(
            "2025-04-04T11:00:00+08:00".into(),
            Some("2025-04-08T10:00:00+08:00".into()),
            28800,
            "Waiting for customer".into()
        )]
    );
    assert_eq!(resolution(&r, "W1").paused_seconds, Some(28800));
    assert_eq!(row(&resolution(&r, "W2")), s("2025-04-08T12:00:00+08:00", 28801, "breached"));
    assert_eq!(resolution(&r, "W2").over_seconds, Some(1));
    assert_eq!(resolution(&r, "W2").paused[0].status, "等待客户反馈");
    // The response clock does not pause.
    assert_eq!(row(&response(&r, "W1")), s("2025-04-03T16:00:00+08:00", 1800, "met"));
    assert!(response(&r, "W1").paused.is_empty());
    assert_eq!(r.verdict.clocks_breached, 2);
    case.snapshot_json(&r);
    case.snapshot_table(&r);
}

#[test]
fn a_pause_is_clipped_to_the_clocks_run() {
    let r = Case::new("pause-business-clock").report();
    // Begun before the opening: counted from the opening.
    assert_eq!(row(&resolution(&r, "BEFORE")), s("2025-04-03T18:00:00+08:00", 21600, "met"));
    assert_eq!(
        paused(&resolution(&r, "BEFORE")),
        vec![(
            "2025-04-03T09:00:00+08:00".into(),
            Some("2025-04-03T10:00:00+08:00".into()),
            3600,
            "waiting for customer".into()
        )]
    );
    // Begun after the resolution: nothing changes.
    assert_eq!(row(&resolution(&r, "AFTER")), s("2025-04-03T17:00:00+08:00", 7200, "met"));
    assert!(resolution(&r, "AFTER").paused.is_empty());
    assert_eq!(resolution(&r, "AFTER").paused_seconds, None);
}

#[test]
fn a_pause_still_open_at_as_of_pauses_the_clock_unless_it_had_run_out() {
    let r = Case::new("pause-business-clock").report();
    let open = resolution(&r, "OPEN");
    assert_eq!(row(&open), s("2025-04-11T10:00:00+08:00", 3600, "paused"));
    assert_eq!(open.elapsed_percent.as_deref(), Some("12.5000"));
    assert_eq!(paused(&open), vec![("2025-04-09T10:00:00+08:00".into(), None, 39600, "Waiting for customer".into())]);
    let late = resolution(&r, "OPENB");
    assert_eq!(row(&late), s("2025-04-09T17:00:00+08:00", 32400, "breached"));
    assert_eq!(late.over_seconds, Some(3600));
    assert_eq!(paused(&late), vec![("2025-04-10T09:00:00+08:00".into(), None, 10800, "Waiting for customer".into())]);
}

#[test]
fn changes_for_an_unknown_incident_are_counted_and_listed() {
    let case = Case::new("pause-business-clock");
    let r = case.report();
    assert_eq!((used(&r, "status changes"), used(&r, "for no incident of the inputs")), (9, 1));
    let s = r.inputs.iter().find(|s| s.kind == slac::report::InputKind::StatusChanges).unwrap();
    assert_eq!(s.notes, vec!["changes for incidents not among the incidents: GHOST".to_owned()]);
    assert_eq!(incident(&r, "W1").tier.as_deref(), Some("P2"));
    // The same through the command line.
    let out = case.run(&["--format", "json"]);
    assert!(out.stdout.contains("\"paused\""), "{}", out.stderr);
}

/// `(deadline, business_seconds, status, over_seconds, judged_by_tier, rule)`.
fn judged(c: &ClockResult) -> (String, i64, String, Option<i64>, Option<String>, Option<String>) {
    (
        c.deadline.clone(),
        c.business_seconds,
        c.status.to_string(),
        c.over_seconds,
        c.judged_by_tier.clone(),
        c.reprioritised.clone(),
    )
}

type Judged = (String, i64, String, Option<i64>, Option<String>, Option<String>);

fn j(deadline: &str, seconds: i64, status: &str, over: Option<i64>, tier: &str, rule: Option<&str>) -> Judged {
    (deadline.into(), seconds, status.into(), over, Some(tier.into()), rule.map(Into::into))
}

#[test]
fn reprioritised_from_start_judges_as_if_it_had_always_been_the_new_tier() {
    let case = Case::new("reprioritised");
    let r = case.report();
    let start = Some("from start");
    assert_eq!(judged(&response(&r, "U1")), j("2025-04-01T11:00:00+08:00", 1200, "met", None, "P3", None));
    assert_eq!(
        judged(&resolution(&r, "U1")),
        j("2025-04-01T12:00:00+08:00", 9000, "breached", Some(1800), "P1", start)
    );
    assert_eq!(judged(&response(&r, "D1")), j("2025-04-02T10:15:00+08:00", 300, "met", None, "P1", None));
    assert_eq!(judged(&resolution(&r, "D1")), j("2025-04-02T18:00:00+08:00", 14400, "met", None, "P3", start));
    assert_eq!(judged(&response(&r, "T2")), j("2025-04-03T09:30:00+08:00", 3000, "breached", Some(1200), "P2", start));
    assert_eq!(
        judged(&resolution(&r, "T2")),
        j("2025-04-03T11:00:00+08:00", 10800, "breached", Some(3600), "P1", start)
    );
    assert_eq!(resolution(&r, "T2").measured_from.as_deref(), Some("2025-04-03T09:00:00+08:00"));
    let history: Vec<(String, String, String)> =
        incident(&r, "T2").tier_history.iter().map(|c| (c.at.clone(), c.from.clone(), c.to.clone())).collect();
    assert_eq!(
        history,
        vec![
            ("2025-04-03T09:30:00+08:00".into(), "P3".into(), "P2".into()),
            ("2025-04-03T10:00:00+08:00".into(), "P2".into(), "P1".into())
        ]
    );
    assert_eq!(
        [&incident(&r, "U1").tier, &incident(&r, "D1").tier, &incident(&r, "T2").tier].map(|t| t.as_deref()),
        [Some("P1"), Some("P3"), Some("P1")]
    );
    assert_eq!(r.verdict.clocks_breached, 3);
    assert_eq!((used(&r, "severity changes"), used(&r, "for no incident of the inputs")), (4, 1));
    case.snapshot_json(&r);
    case.snapshot_table(&r);
    // Written out, the default gives the same report.
    let written = Case::new("reprioritised").contract("contract-start.sla").report();
    assert_eq!(slac::report::json(&written).replace("contract-start.sla", "contract.sla"), slac::report::json(&r));
}

#[test]
fn reprioritised_from_change_restarts_the_clock_at_the_change() {
    let r = Case::new("reprioritised").contract("contract-change.sla").report();
    let change = Some("from change");
    assert_eq!(judged(&response(&r, "U1")), j("2025-04-01T11:00:00+08:00", 1200, "met", None, "P3", None));
    assert_eq!(judged(&resolution(&r, "U1")), j("2025-04-01T12:40:00+08:00", 6600, "met", None, "P1", change));
    assert_eq!(resolution(&r, "U1").measured_from.as_deref(), Some("2025-04-01T10:40:00+08:00"));
    assert_eq!(judged(&resolution(&r, "D1")), j("2025-04-02T18:30:00+08:00", 12600, "met", None, "P3", change));
    assert_eq!(judged(&response(&r, "T2")), j("2025-04-03T10:00:00+08:00", 1200, "met", None, "P2", change));
    assert_eq!(judged(&resolution(&r, "T2")), j("2025-04-03T12:00:00+08:00", 7200, "met", None, "P1", change));
    assert_eq!(r.verdict.clocks_breached, 0);
}

#[test]
fn bad_rows_of_a_history_are_located_and_set_aside_when_asked() {
    let case = Case::new("status-changes-bad-rows");
    let r = case.report();
    let s = r.inputs.iter().find(|s| s.kind == slac::report::InputKind::StatusChanges).expect("summary");
    assert_eq!((s.rows_read, s.records, s.rows_skipped), (6, 1, 5));
    let listed: Vec<(u64, String)> = s
        .skipped
        .iter()
        .map(|k| (k.location.line.expect("a line"), k.reason.split(':').next().unwrap_or_default().to_owned()))
        .collect();
    assert_eq!(
        listed,
        [(3, "field at"), (4, "field to"), (5, "field to"), (6, "field field"), (7, "field incident")]
            .map(|(l, f)| (l, f.to_owned()))
    );
    assert!(s.skipped[1].reason.contains("`P9` is no tier"), "{}", s.skipped[1].reason);
    assert_eq!((resolution(&r, "B1").business_seconds, resolution(&r, "B1").over_seconds), (9000, Some(1800)));
    case.snapshot_json(&r);
    let e = case.with(|q| q.skip_bad_rows = false).error();
    assert!(e.contains("status_changes.csv:3") && e.contains("field at"), "{e}");
}

#[test]
fn the_order_of_the_history_rows_does_not_matter() {
    // The same changes, rows reversed: the same report, byte for byte.
    for name in ["pause-business-clock", "reprioritised"] {
        let case = Case::new(name);
        let text = std::fs::read_to_string(case.dir.join("status_changes.csv")).expect("the history");
        let mut lines: Vec<&str> = text.lines().collect();
        lines[1..].reverse();
        let dir = std::env::temp_dir().join(format!("slac-history-order-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch directory");
        let reversed = dir.join("status_changes.csv");
        std::fs::write(&reversed, lines.join("\n") + "\n").expect("written");
        let r = case.clone().with(|q| q.status_changes = Some(reversed.clone())).report();
        let shown = slac::report::json(&r).replace(&reversed.display().to_string(), "HISTORY");
        let original = case.dir.join("status_changes.csv").display().to_string();
        assert_eq!(shown, slac::report::json(&case.report()).replace(&original, "HISTORY"), "{name}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// The status-changes summary of a report: (format, rows, records, skipped, notes).
fn history_summary(r: &Report) -> (String, u64, u64, u64, Vec<String>) {
    let s = r.inputs.iter().find(|s| s.kind == slac::report::InputKind::StatusChanges).expect("a history");
    (s.format.clone(), s.rows_read, s.records, s.rows_skipped, s.notes.clone())
}

#[test]
fn a_jira_changelog_export_pauses_a_business_clock_and_raises_a_priority() {
    let case = Case::new("history-jira");
    let r = case.report();
    // README: 7.5 h counted, 8 h paused (Fri 11:00 to Tue 10:00 over a weekend and a holiday).
    assert_eq!(row(&resolution(&r, "SUP-1")), s("2025-04-08T12:00:00+08:00", 27000, "met"));
    assert_eq!(
        paused(&resolution(&r, "SUP-1")),
        vec![(
            "2025-04-04T11:00:00+08:00".into(),
            Some("2025-04-08T10:00:00+08:00".into()),
            28800,
            "Waiting for customer".into()
        )]
    );
    assert_eq!(row(&response(&r, "SUP-1")), s("2025-04-03T16:00:00+08:00", 1800, "met"));
    // Raised Medium -> Highest at 10:00: response before it on P3, resolution on P1 from the start.
    assert_eq!(row(&response(&r, "SUP-2")), s("2025-04-09T11:00:00+08:00", 1200, "met"));
    assert_eq!(row(&resolution(&r, "SUP-2")), s("2025-04-09T13:00:00+08:00", 21600, "breached"));
    assert_eq!(resolution(&r, "SUP-2").over_seconds, Some(7200));
    assert_eq!(
        history_summary(&r),
        (
            "jira changelog (json)".into(),
            3,
            3,
            0,
            vec!["not read: 2 entries that change no status or priority: assignee (1), resolution (1)".into()]
        )
    );
    assert_eq!((used(&r, "status changes"), used(&r, "severity changes")), (2, 1));
    case.snapshot_json(&r);
    case.snapshot_table(&r);
}

#[test]
fn a_servicenow_audit_export_pauses_on_hold_and_raises_a_priority() {
    let case = Case::new("history-servicenow");
    let r = case.report();
    let (a, b) = ("46d44a5ddb3e1300a9f1a0a0b9961988", "b7e0c1d2a3f44e5f8091a2b3c4d5e6f7");
    assert_eq!(row(&resolution(&r, a)), s("2025-04-01T21:00:00+08:00", 14400, "met"));
    assert_eq!(
        paused(&resolution(&r, a)),
        vec![("2025-04-01T10:00:00+08:00".into(), Some("2025-04-01T14:00:00+08:00".into()), 14400, "On Hold".into())]
    );
    assert_eq!(row(&response(&r, b)), s("2025-04-02T10:00:00+08:00", 600, "met"));
    assert_eq!(row(&resolution(&r, b)), s("2025-04-02T12:00:00+08:00", 12600, "breached"));
    assert_eq!(resolution(&r, b).over_seconds, Some(5400));
    let (format, rows, records, skipped, notes) = history_summary(&r);
    assert_eq!((format.as_str(), rows, records, skipped), ("servicenow sys_audit (json)", 7, 7, 0));
    assert_eq!(
        notes,
        [
            "not read: 3 entries that change no status or priority: hold_reason (1), incident_state (1), table sys_user (1)"
        ]
    );
    case.snapshot_json(&r);
    case.snapshot_table(&r);
}

#[test]
fn pagerduty_log_entries_raise_a_priority_mid_flight() {
    let case = Case::new("history-pagerduty");
    let r = case.report();
    let id = "Q1ABCDEF23GHIJ";
    assert_eq!(row(&response(&r, id)), s("2025-04-01T11:00:00+08:00", 1200, "met"));
    assert_eq!(row(&resolution(&r, id)), s("2025-04-01T12:00:00+08:00", 9000, "breached"));
    assert_eq!(resolution(&r, id).over_seconds, Some(1800));
    let (format, rows, records, _, notes) = history_summary(&r);
    assert_eq!((format.as_str(), rows, records), ("pagerduty log entries (json)", 4, 4));
    assert_eq!(notes, ["not read: 1 entry that change no status or priority: notify_log_entry (1)"]);
    assert_eq!((used(&r, "status changes"), used(&r, "severity changes")), (3, 1));
    case.snapshot_json(&r);
    case.snapshot_table(&r);
}

#[test]
fn a_history_format_named_explicitly_reads_the_same_and_a_wrong_one_says_so() {
    let told = Case::new("history-pagerduty").report();
    let named =
        Case::new("history-pagerduty").with(|r| r.exports.status_changes_format = Some("pagerduty".into())).report();
    assert_eq!(resolution(&told, "Q1ABCDEF23GHIJ").status, resolution(&named, "Q1ABCDEF23GHIJ").status);
    let e = Case::new("history-pagerduty").with(|r| r.exports.status_changes_format = Some("bugzilla".into())).error();
    assert!(e.starts_with("the status-changes format bugzilla: unknown history format `bugzilla`"), "{e}");
    // Named as slac's own schema, the log is not slac's columns: the canonical reader says what is missing.
    let e = Case::new("history-pagerduty").with(|r| r.exports.status_changes_format = Some("json".into())).error();
    assert!(e.contains("status_changes.json"), "{e}");
}
