//! Limits in business days and cut-off deadlines (`tests/eval/business-days`,
//! whose README works every number by hand).

use super::harness::{Case, resolution, response};
use slac::report::ClockResult;

/// Deadline, open time used, open time allowed, status, open time over.
fn row(c: &ClockResult) -> (&str, i64, i64, String, Option<i64>) {
    (c.deadline.as_str(), c.business_seconds, c.limit_seconds, c.status.to_string(), c.over_seconds)
}

fn s(
    d: &'static str,
    used: i64,
    allowed: i64,
    st: &str,
    over: Option<i64>,
) -> (&'static str, i64, i64, String, Option<i64>) {
    (d, used, allowed, st.to_owned(), over)
}

#[test]
fn business_day_limits_over_a_weekend_a_holiday_a_makeup_day_and_a_pause() {
    let case = Case::new("business-days");
    let r = case.report();
    // Opened Friday 20:00: counted from Monday 09:00.
    assert_eq!(row(&response(&r, "FRI20")), s("2025-03-12T09:00:00+08:00", 64800, 64800, "met", None));
    assert_eq!(row(&resolution(&r, "FRI20")), s("2025-03-13T09:00:00+08:00", 97201, 97200, "breached", Some(1)));
    assert_eq!(response(&r, "FRI20").limit.as_deref(), Some("2 business days"));
    assert_eq!(resolution(&r, "FRI20").limit.as_deref(), Some("3 business days"));
    assert_eq!(
        response(&r, "FRI20").deadline_rule.as_deref(),
        Some("2 business days from Mon 2025-03-10 09:00:00, at the same time of day: due Wed 2025-03-12 09:00:00")
    );
    assert_eq!(row(&response(&r, "MON10")), s("2025-03-12T10:00:00+08:00", 64799, 64800, "met", None));
    // Resolved while closed, before the deadline.
    assert_eq!(row(&resolution(&r, "MON10")), s("2025-03-13T10:00:00+08:00", 93600, 97200, "met", None));
    // A 2 h pause on Tuesday moves Thursday 10:00 to 12:00.
    assert_eq!(row(&resolution(&r, "PAUSE")), s("2025-03-13T12:00:00+08:00", 97200, 97200, "met", None));
    assert_eq!(row(&resolution(&r, "PAUSE1")), s("2025-03-13T12:00:00+08:00", 97201, 97200, "breached", Some(1)));
    assert_eq!(resolution(&r, "PAUSE").paused_seconds, Some(7200));
    assert!(resolution(&r, "PAUSE").deadline_rule.as_deref().unwrap().contains("moved later by 7200 s"));
    // Sunday 09-28 is a make-up working day.
    assert_eq!(row(&response(&r, "MAKEUP")), s("2025-09-29T15:00:00+08:00", 64800, 64800, "met", None));
    assert_eq!(row(&resolution(&r, "MAKEUP")), s("2025-09-30T15:00:00+08:00", 97200, 97200, "met", None));
    // National Day 10-01..10-08, then Thu 10-09, Fri 10-10, Sat 10-11 (make-up).
    assert_eq!(row(&response(&r, "HOLIDAY")), s("2025-10-10T11:00:00+08:00", 64801, 64800, "breached", Some(1)));
    assert_eq!(row(&resolution(&r, "HOLIDAY")), s("2025-10-11T11:00:00+08:00", 97200, 97200, "met", None));
    // Running at as_of Mon 10-13 09:00.
    assert_eq!(row(&response(&r, "OPEN")), s("2025-10-11T10:00:00+08:00", 93600, 64800, "breached", Some(28800)));
    assert_eq!(row(&resolution(&r, "OPEN")), s("2025-10-13T10:00:00+08:00", 93600, 97200, "open", None));
    assert_eq!(resolution(&r, "OPEN").elapsed_percent.as_deref(), Some("96.2962"));
    // FRI20, PAUSE1, HOLIDAY, OPEN (response), BEFORE and LATE (README).
    assert_eq!(r.verdict.clocks_breached, 6);
    case.snapshot_json(&r);
    case.snapshot_table(&r);
}

#[test]
fn cut_off_at_one_second_before_and_one_second_after() {
    let r = Case::new("business-days").report();
    // 15:00:00 is on time: received Monday.
    assert_eq!(row(&response(&r, "AT")), s("2025-03-10T18:00:00+08:00", 7200, 10800, "met", None));
    assert_eq!(row(&resolution(&r, "AT")), s("2025-03-11T16:00:00+08:00", 36000, 36000, "met", None));
    assert_eq!(response(&r, "AT").counted_from, None);
    assert_eq!(resolution(&r, "AT").limit.as_deref(), Some("by 16:00 next business day"));
    assert_eq!(response(&r, "AT").limit.as_deref(), Some("by end of business day"));
    // 14:59:59: the same day, and 1 s late on Tuesday.
    assert_eq!(row(&response(&r, "BEFORE")), s("2025-03-10T18:00:00+08:00", 10801, 10801, "met", None));
    assert_eq!(row(&resolution(&r, "BEFORE")), s("2025-03-11T16:00:00+08:00", 36002, 36001, "breached", Some(1)));
    // 15:00:01: received Tuesday 09:00.
    assert_eq!(row(&response(&r, "AFTER")), s("2025-03-11T18:00:00+08:00", 3600, 32400, "met", None));
    assert_eq!(row(&resolution(&r, "AFTER")), s("2025-03-12T16:00:00+08:00", 54000, 57600, "met", None));
    assert_eq!(resolution(&r, "AFTER").counted_from.as_deref(), Some("2025-03-11T09:00:00+08:00"));
    assert_eq!(
        resolution(&r, "AFTER").deadline_rule.as_deref(),
        Some("by 16:00 next business day from Tue 2025-03-11 09:00:00 (cut-off 15:00): due Wed 2025-03-12 16:00:00")
    );
    // Answered a second after closing: late by the instant, though no open
    // time passed after the deadline.
    assert_eq!(row(&response(&r, "LATE")), s("2025-03-11T18:00:00+08:00", 32400, 32400, "breached", Some(0)));
    assert_eq!(row(&resolution(&r, "LATE")), s("2025-03-12T16:00:00+08:00", 57600, 57600, "met", None));
}

#[test]
fn business_days_across_a_daylight_saving_change() {
    let case = Case::new("business-days-dst");
    let r = case.report();
    assert_eq!(row(&response(&r, "WEEKEND")), s("2025-03-11T10:00:00-04:00", 64800, 64800, "met", None));
    assert_eq!(row(&response(&r, "WEEKEND1")), s("2025-03-11T10:00:00-04:00", 64801, 64800, "breached", Some(1)));
    // 02:30 on the day of the change does not exist: 03:00 EDT, 23.5 h on.
    assert_eq!(row(&response(&r, "GAP")), s("2025-03-09T03:00:00-04:00", 84600, 84600, "met", None));
    assert_eq!(row(&response(&r, "GAP1")), s("2025-03-09T03:00:00-04:00", 84601, 84600, "breached", Some(1)));
    assert_eq!(r.verdict.clocks_breached, 2);
    case.snapshot_json(&r);
}

#[test]
fn each_region_runs_on_its_own_calendar_and_zone() {
    let case = Case::new("regions");
    let r = case.report();
    assert_eq!(super::harness::incident(&r, "LON").clock.as_deref(), Some("emea_hours"));
    assert_eq!(super::harness::incident(&r, "SIN").clock.as_deref(), Some("apac_hours"));
    assert_eq!(row(&response(&r, "LON")), s("2025-03-11T18:30:00+08:00", 23400, 14400, "breached", Some(9000)));
    assert_eq!(row(&resolution(&r, "LON")), s("2025-03-11T23:00:00+08:00", 37800, 30600, "breached", Some(7200)));
    assert_eq!(row(&response(&r, "SIN")), s("2025-03-11T13:00:00+08:00", 14401, 14400, "breached", Some(1)));
    assert_eq!(row(&resolution(&r, "SIN")), s("2025-03-12T09:00:00+08:00", 32400, 32400, "met", None));
    assert!(r.incidents.iter().all(|i| i.id != "NOWHERE"));
    case.snapshot_json(&r);

    // Without --skip-bad-rows: an error naming the file, line and field.
    let e = case.with(|q| q.skip_bad_rows = false).error();
    assert!(e.contains("incidents.csv:4") && e.contains("field region") && e.contains("LATAM"), "{e}");
}

/// A tool's export names the region in a column of its own: a mapping file
/// reads it (`region = "Custom field (Customer Region)"`), and the tier's
/// calendar follows it as it follows slac's own `region` column. SUP-1 is
/// LON's ticket and SUP-2 is SIN's resolution (README).
#[test]
fn a_mapped_export_chooses_the_region_calendar_too() {
    let case = Case::new("regions").with(|q| {
        q.incidents = Some("tests/eval/regions/jira-export.csv".into());
        q.exports.incidents_map = Some("tests/eval/regions/jira-map.toml".into());
    });
    let r = case.report();
    assert_eq!(super::harness::incident(&r, "SUP-1").clock.as_deref(), Some("emea_hours"));
    assert_eq!(super::harness::incident(&r, "SUP-2").clock.as_deref(), Some("apac_hours"));
    assert_eq!(row(&response(&r, "SUP-1")), s("2025-03-11T18:30:00+08:00", 23400, 14400, "breached", Some(9000)));
    assert_eq!(row(&resolution(&r, "SUP-1")), s("2025-03-11T23:00:00+08:00", 37800, 30600, "breached", Some(7200)));
    assert_eq!(row(&resolution(&r, "SUP-2")), s("2025-03-12T09:00:00+08:00", 32400, 32400, "met", None));
}

/// "Severity 2: 4 business hours" is written as the agreement writes it and
/// means what `4h` means on the tier's calendar: open time.
#[test]
fn business_hours_are_open_time_of_the_tier_calendar() {
    let limits = |limit: &str| {
        let text = format!(
            "contract \"bh\" {{\n  timezone \"America/New_York\"\n  calendar biz = mon-fri 08:00-18:00\n  \
             tier P2 {{ respond within {limit}; update every {limit}; clock biz }}\n}}\n"
        );
        let c = slac::driver::compile_source("bh.sla", &text);
        assert!(c.diags.is_empty(), "{limit}: {:?}", c.diags);
        let tier = c.contract.expect("a contract").tiers[0].clone();
        let response = tier.response.expect("a response limit");
        (response.seconds, response.rule)
    };
    assert_eq!(limits("4 business hours"), limits("4h"));
    assert_eq!(limits("1 business hour"), limits("1h"));
    assert_eq!(limits("1.5 working hours"), limits("90min"));
}
