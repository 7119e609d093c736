//! Which months are evaluated and which minutes count: the default range,
//! records reaching into the range, partial periods in progress, and
//! minutes without probe data.

use super::harness::{Case, ledger, numbers};
use chrono::{Duration, TimeZone, Utc};
use slac::eval::minutes::floor_minute;
use slac::eval::{Config, Inputs, ProbeGrid, YearMonth, evaluate};
use std::collections::HashMap;

#[test]
fn without_from_and_to_the_range_is_the_months_with_data_up_to_as_of() {
    let case = Case::new("worked-a").with(|q| {
        q.from = None;
        q.to = None;
    });
    let r = case.report();
    assert_eq!((r.from.as_str(), r.to.as_str()), ("2025-01", "2025-02"));

    // Data after as_of does not stretch the range past the month of as_of.
    let r = case.clone().with(|q| q.as_of = Some("2025-01-20 00:00:00".into())).report();
    assert_eq!((r.from.as_str(), r.to.as_str()), ("2025-01", "2025-01"));

    // Only --from: to the last month with data.
    let r = case.clone().with(|q| q.from = Some("2025-02".into())).report();
    assert_eq!((r.from.as_str(), r.to.as_str()), ("2025-02", "2025-02"));

    // No event at all: the month of as_of.
    let r = Case::new("liability").with(|q| {
        q.from = None;
        q.to = None;
    });
    let r = r.report();
    assert_eq!((r.from.as_str(), r.to.as_str()), ("2025-04", "2025-04"));
}

#[test]
fn records_from_before_the_range_still_shape_its_runs() {
    // Y3 (02-28 23:57) and Y4 (03-01 00:00-00:02) are one run of 5: counted
    // in March although only 2 of its minutes fall in the range.
    let r = Case::new("month-boundary")
        .with(|q| {
            q.from = Some("2025-03".into());
            q.to = Some("2025-03".into());
        })
        .report();
    assert_eq!(r.availability.len(), 1);
    let l = ledger(&r, None, "2025-03");
    assert_eq!(numbers(l), (0, 2, 44638, 44640, "met"));
    assert_eq!((l.counted_runs[0].minutes, l.counted_runs[0].minutes_in_period), (5, 2));
}

#[test]
fn a_period_in_progress_that_the_term_cuts_is_still_partial() {
    // As of 03-20, March is in progress; the term starts on 03-15.
    let case = Case::new("partial-periods").with(|q| {
        q.from = Some("2025-03".into());
        q.to = Some("2025-03".into());
        q.as_of = Some("2025-03-20 12:00:00".into());
    });
    let r = case.clone().report();
    let l = ledger(&r, None, "2025-03");
    assert!(l.in_progress);
    assert_eq!(l.status, "skipped");
    assert!(l.partial.as_deref().is_some_and(|p| p.contains("the term starts inside it")), "{:?}", l.partial);

    // As whole: evaluated and in progress; MAR (03-20 10:00-10:30) and the
    // end of EDGE count, BEFORE does not.
    let r = case.contract("contract-whole.sla").report();
    let l = ledger(&r, None, "2025-03");
    assert!(l.in_progress);
    assert_eq!(numbers(l), (0, 40, 44600, 44640, "met"));
}

#[test]
fn a_period_in_progress_is_partial_only_if_the_range_stops_before_as_of() {
    let case = Case::new("quarter-year").contract("contract-year.sla");
    // The range ends at as_of (2025-07-01): the year is in progress, whole.
    let y = case.clone().report();
    assert_eq!(ledger(&y, None, "2025").status, "met");
    // The range ends at 2025-04-01, before as_of: April to June are left
    // out, so the year is partial and skipped.
    let r = case.with(|q| q.to = Some("2025-03".into())).report();
    let l = ledger(&r, None, "2025");
    assert!(l.in_progress);
    assert_eq!(l.status, "skipped");
    assert!(l.partial.as_deref().is_some_and(|p| p.contains("the evaluated range ends at 2025-03")), "{:?}", l.partial);
}

const MISSING_DOWN: &str = r#"
contract "missing-data" {
  timezone "Asia/Shanghai"
  currency CNY
  service api "API"
  availability api {
    target  99.9%
    period  month
    partial skipped
    missing data counts as down
    minimum outage 1min
    formula available / (available + unavailable)
  }
}
"#;

fn missing_data_report(as_of: chrono::DateTime<Utc>) -> slac::report::Report {
    let contract =
        slac::driver::compile_source("missing-data.sla", MISSING_DOWN).checked().expect("a contract without errors");
    // Samples for every minute of 2025-02-01 (Shanghai) but 10:00-10:10.
    let day = Utc.with_ymd_and_hms(2025, 1, 31, 16, 0, 0).single().expect("an instant");
    let mut probes = ProbeGrid::new();
    for m in (0..1440).filter(|m| !(600..610).contains(m)) {
        probes.add("api", None, floor_minute(day + Duration::minutes(m)), 10, 10);
    }
    let inputs = Inputs { probes, has_probes: true, ..Inputs::default() };
    let cfg = Config {
        as_of,
        from: Some(YearMonth { year: 2025, month: 2 }),
        to: Some(YearMonth { year: 2025, month: 2 }),
        holidays: HashMap::new(),
        contract_value: None,
        skip_bad_rows: false,
        file: "missing-data.sla".into(),
    };
    evaluate(&contract, inputs, &cfg).expect("the evaluation succeeds")
}

#[test]
fn minutes_without_probe_data_are_down_where_the_contract_says_so() {
    // As of 02-01 12:00: the 10-minute gap is down; the rest of February
    // has no data yet and is available.
    let r = missing_data_report(Utc.with_ymd_and_hms(2025, 2, 1, 4, 0, 0).single().expect("as_of"));
    let l = ledger(&r, None, "2025-02");
    assert!(l.in_progress);
    assert_eq!(numbers(l), (0, 10, 40310, 40320, "met"));
    assert_eq!(l.counted_runs[0].causes.iter().map(|c| &**c).collect::<Vec<_>>(), ["no probe data"]);

    // As of March: every minute after 02-02 00:00 lacks data too.
    let r = missing_data_report(Utc.with_ymd_and_hms(2025, 2, 28, 16, 0, 0).single().expect("as_of"));
    let l = ledger(&r, None, "2025-02");
    assert_eq!(l.unavailable_minutes, 10 + 27 * 1440);
}

#[test]
fn a_derived_range_covers_whole_periods() {
    // Seed 003's promise is yearly; its events start in March.
    let r = Case::new("seed-guanghuanyun")
        .with(|q| {
            q.from = None;
            q.to = None;
        })
        .report();
    assert_eq!((r.from.as_str(), r.to.as_str()), ("2025-01", "2025-12"));
    let y = ledger(&r, None, "2025");
    assert_eq!((y.status.as_str(), y.unavailable_minutes), ("met", 317));

    // Quarterly: data in February and April spans Q1 and Q2 whole.
    let r = Case::new("quarter-year")
        .with(|q| {
            q.from = None;
            q.to = None;
        })
        .report();
    assert_eq!((r.from.as_str(), r.to.as_str()), ("2025-01", "2025-06"));
    assert!(r.availability.iter().all(|l| l.status != "skipped"));
}

#[test]
fn a_range_after_as_of_says_nothing_was_judged() {
    let r = Case::new("worked-a")
        .with(|q| {
            q.from = Some("2025-05".into());
            q.to = Some("2025-05".into());
        })
        .report();
    assert!(r.availability.is_empty());
    assert!(r.notes.iter().any(|n| n.contains("begins after as_of")), "{:?}", r.notes);
}

/// A period that begins exactly at as_of contains it: it is evaluated, in
/// progress, and the range that begins there is not "after as_of" (README).
#[test]
fn a_period_that_begins_at_as_of_is_in_progress() {
    let case = Case::new("period-at-as-of");
    let r = case.report();
    let esign = |period: &str| {
        r.availability.iter().find(|l| l.service == "esign" && l.period == period).unwrap_or_else(|| panic!("{period}"))
    };
    let april = esign("2025-04");
    assert_eq!((april.total_minutes, april.in_progress), (43200, false));
    assert_eq!(numbers(april), (0, 10, 43190, 43200, "met"));
    let may = esign("2025-05");
    assert_eq!((may.total_minutes, may.in_progress), (44640, true));
    assert_eq!(numbers(may), (0, 0, 44640, 44640, "met"));
    let year = r.availability.iter().find(|l| l.service == "baas").expect("the year is reported");
    assert_eq!((year.period.as_str(), year.status.as_str()), ("2025", "skipped"));
    assert_eq!(super::harness::response(&r, "I2").status, "open");
    case.snapshot_json(&r);

    let may_only = Case::new("period-at-as-of").with(|q| q.from = Some("2025-05".into())).report();
    let may = may_only.availability.iter().find(|l| l.service == "esign").expect("May is reported");
    assert_eq!((may.period.as_str(), may.in_progress, may.status.as_str()), ("2025-05", true, "met"));
    assert!(!may_only.notes.iter().any(|n| n.contains("after as_of")), "{:?}", may_only.notes);
}
