//! Tier clocks on business hours, overrides and escalation thresholds.

use super::harness::{Case, incident, resolution, response};
use slac::report::ClockResult;

#[test]
fn business_clocks_skip_holidays_nights_and_weekends() {
    let case = Case::new("business-clock");
    let r = case.report();
    let row = |id: &str, which: &str| {
        let c = if which == "respond" { response(&r, id) } else { resolution(&r, id) };
        (c.deadline.clone(), c.business_seconds, c.status.to_string())
    };
    let s = |d: &str, secs: i64, st: &str| (d.to_owned(), secs, st.to_owned());
    // The Spring Festival: 1 h on Monday 01-27, then nothing until 02-05.
    assert_eq!(row("SF", "respond"), s("2025-02-05T10:00:00+08:00", 7200, "met"));
    assert_eq!(row("SF", "resolve"), s("2025-02-05T12:00:00+08:00", 14401, "breached"));
    assert_eq!(resolution(&r, "SF").over_seconds, Some(1));
    // Friday 17:30: 30 minutes on Friday, the rest on Monday.
    assert_eq!(row("FRI", "respond"), s("2025-03-10T10:30:00+08:00", 7200, "met"));
    assert_eq!(row("FRI", "resolve"), s("2025-03-10T12:30:00+08:00", 14400, "met"));
    // A limit that runs out at closing time: the deadline is 18:00.
    assert_eq!(row("CLOSE", "resolve"), s("2025-03-11T18:00:00+08:00", 14400, "met"));
    assert_eq!(row("NEXTAM", "resolve"), s("2025-03-12T18:00:00+08:00", 14400, "met"));
    assert_eq!(row("NEXTAM1", "resolve"), s("2025-03-12T18:00:00+08:00", 14401, "breached"));
    // A make-up working day gets workday hours.
    assert_eq!(row("MAKEUP", "respond"), s("2025-02-08T12:00:00+08:00", 7200, "met"));
    assert_eq!(row("MAKEUP", "resolve"), s("2025-02-08T14:00:00+08:00", 14400, "met"));
    // Opened at night: the clocks start at the next opening.
    assert_eq!(row("NIGHT", "respond"), s("2025-03-13T11:00:00+08:00", 3600, "met"));
    assert_eq!(row("NIGHT", "resolve"), s("2025-03-13T13:00:00+08:00", 14400, "met"));
    // Running at Saturday noon.
    assert_eq!(row("WKND", "resolve"), s("2025-03-17T11:00:00+08:00", 7200, "open"));
    assert_eq!(resolution(&r, "WKND").elapsed_percent.as_deref(), Some("50.0000"));
    assert_eq!(row("WK100", "resolve"), s("2025-03-14T18:00:00+08:00", 14400, "open"));
    assert_eq!(resolution(&r, "WK100").elapsed_percent.as_deref(), Some("100.0000"));
    assert_eq!(incident(&r, "SF").clock.as_deref(), Some("office"));
    assert_eq!(r.verdict.clocks_breached, 2);
    case.snapshot_json(&r);
    case.snapshot_table(&r);
}

#[test]
fn a_year_the_holiday_set_does_not_cover_is_an_error() {
    let case = Case::new("holiday-year-uncovered");
    let e = case.error();
    assert!(e.contains("2027"), "{e}");
    assert!(e.contains("cn"), "{e}");
    assert!(e.contains("Y27"), "the error names the incident: {e}");
    let out = case.run(&[]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stdout.is_empty(), "no partial report: {}", out.stdout);
    assert!(out.stderr.contains("2027"), "{}", out.stderr);

    // A holiday file for 2027 makes it evaluable.
    let file = format!("cn={}", case.dir.join("holidays-2027.csv").display());
    let r = case.with(|q| q.holidays = vec![file]).report();
    assert_eq!(response(&r, "Y27").status, "met");
    assert_eq!(resolution(&r, "Y27").status, "met");
}

#[test]
fn peak_season_overrides_decide_by_the_opening_date() {
    let case = Case::new("peak-season");
    let r = case.report();
    let statuses = |id: &str| (response(&r, id).status.to_string(), resolution(&r, id).status.to_string());
    let met = ("met".to_owned(), "met".to_owned());
    let breached = ("breached".to_owned(), "breached".to_owned());
    assert_eq!(statuses("B1"), met);
    assert_eq!(statuses("O1"), breached);
    assert_eq!(statuses("O2"), breached);
    assert_eq!(statuses("A1"), met);
    assert_eq!(statuses("L2"), met);
    assert_eq!(incident(&r, "O1").override_name.as_deref(), Some("618大促"));
    assert_eq!(incident(&r, "O2").override_name.as_deref(), Some("618大促"));
    assert_eq!(incident(&r, "B1").override_name, None);
    assert_eq!(incident(&r, "A1").override_name, None);
    assert_eq!(response(&r, "O1").limit_seconds, 600);
    assert_eq!(resolution(&r, "O1").limit_seconds, 3600);
    assert_eq!(resolution(&r, "O1").over_seconds, Some(1800));
    assert_eq!(response(&r, "B1").limit_seconds, 900);
    let amounts: Vec<(&str, i64)> = r.penalties.iter().map(|p| (p.incident.as_str(), p.hours)).collect();
    assert_eq!(amounts, [("O1", 1), ("O2", 1)]);
    assert_eq!(r.totals.penalties, super::harness::dec("10000.00"));
    assert_eq!(r.verdict.clocks_breached, 4);
    case.snapshot_json(&r);
    case.snapshot_table(&r);
}

#[test]
fn escalation_thresholds_of_running_clocks() {
    let case = Case::new("escalation");
    let r = case.report();
    let esc = |id: &str| {
        let c = resolution(&r, id);
        (c.status.to_string(), c.elapsed_percent.clone(), c.escalation.clone())
    };
    let e = |st: &str, pct: &str, at: Option<&str>| (st.to_owned(), Some(pct.to_owned()), at.map(str::to_owned));
    assert_eq!(esc("E79"), e("open", "79.0000", None));
    assert_eq!(esc("E80"), e("open", "80.0000", Some("80% 预警")));
    assert_eq!(esc("E90"), e("open", "90.0000", Some("90% 警告")));
    assert_eq!(esc("E95"), e("open", "95.0000", Some("95% 紧急")));
    assert_eq!(esc("E99"), e("open", "99.8333", Some("95% 紧急")));
    assert_eq!(esc("E100"), e("open", "100.0000", Some("100% SLA违约")));
    assert_eq!(esc("E101"), e("breached", "100.0027", Some("100% SLA违约")));
    assert_eq!(esc("R48"), e("open", "8.0000", None));
    assert_eq!(response(&r, "R48").escalation.as_deref(), Some("80% 预警"));
    let done = resolution(&r, "DONE");
    assert_eq!((done.status.as_str(), done.escalation.as_deref()), ("met", None));
    assert_eq!(r.verdict.clocks_breached, 1);
    case.snapshot_json(&r);
    case.snapshot_table(&r);
}

/// Each escalation clause follows the clock it names; a tier's own clause
/// replaces the contract's for that clock only (README of the case).
#[test]
fn escalation_follows_the_clock_its_clause_names() {
    let case = Case::new("escalation-clocks");
    let r = case.report();
    let esc = |c: &ClockResult| (c.escalation.clone(), c.escalation_on.clone());
    let e = |at: &str, on: &str| (Some(at.to_owned()), Some(on.to_owned()));
    let none = (None, None);
    // Seed 004's report: late on response, 18.75% into resolution.
    assert_eq!(esc(&response(&r, "X1")), e("50%", "response"));
    assert_eq!(resolution(&r, "X1").elapsed_percent.as_deref(), Some("18.7500"));
    assert_eq!(esc(&resolution(&r, "X1")), none);
    assert_eq!(esc(&resolution(&r, "X2")), e("100% 技术总监介入", "resolution"));
    assert_eq!(esc(&response(&r, "X3")), e("80% P2 预警", "response"));
    assert_eq!(esc(&resolution(&r, "X3")), none);
    assert_eq!(esc(&resolution(&r, "X4")), e("100% 技术总监介入", "resolution"));
    assert_eq!(esc(&response(&r, "X5")), e("90%", "both"));
    assert_eq!(esc(&resolution(&r, "X5")), none);
    assert_eq!(esc(&resolution(&r, "X6")), e("90%", "both"));
    assert_eq!(resolution(&r, "X7").kind, "advise");
    assert_eq!(esc(&resolution(&r, "X7")), e("100% 技术总监介入", "resolution"));
    assert_eq!(r.verdict.clocks_breached, 5);
    case.snapshot_json(&r);
    case.snapshot_table(&r);
}

/// `holidays a extends b` means the same whatever the order the sets are
/// declared in, through a chain, and from an imported file (README).
#[test]
fn holiday_sets_extend_by_name_in_any_order() {
    for file in [
        "contract.sla",
        "contract-swapped.sla",
        "contract-chain.sla",
        "contract-chain-reversed.sla",
        "contract-import.sla",
    ] {
        let r = Case::new("holiday-extends").contract(file).report();
        let c = response(&r, "H1");
        assert_eq!(c.business_seconds, 150 * 60, "{file}");
        assert_eq!(c.status, "met", "{file}");
        assert_eq!(c.deadline, "2025-03-11T12:00:00+08:00", "{file}");
    }
}

/// `--holidays SET=FILE` adds to that set's own dates and so to every set
/// extending it; a set the contract does not have is an error (README).
#[test]
fn holidays_given_for_a_set_reach_the_sets_that_extend_it() {
    let extra = |arg: &str| {
        let arg = arg.to_owned();
        Case::new("holiday-extends").with(move |q| q.holidays = vec![arg])
    };
    for file in ["contract.sla", "contract-swapped.sla", "contract-chain.sla", "contract-import.sla"] {
        let r = extra("b=tests/eval/holiday-extends/extra.csv").contract(file).report();
        let c = response(&r, "H1");
        assert_eq!(c.business_seconds, 60 * 60, "{file}");
        assert_eq!(c.deadline, "2025-03-12T12:00:00+08:00", "{file}");
    }
    let e = extra("zz=tests/eval/holiday-extends/extra.csv").error();
    assert!(e.contains("no holiday set `zz`"), "{e}");
}
