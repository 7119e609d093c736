//! Amendments with effective dates: each period and incident judged by the
//! terms that govern it (`tests/eval/amendment-*/README.md` has the
//! arithmetic).

use super::harness::{Case, dec, ledger, resolution, response};
use slac::report::Report;

/// (period, status, target, unavailable minutes, terms) of each ledger.
fn ledgers(r: &Report) -> Vec<(String, String, String, i64, String)> {
    r.availability
        .iter()
        .map(|l| {
            let terms = l.terms.clone().unwrap_or_default();
            (l.period.clone(), l.status.to_string(), l.target.clone(), l.unavailable_minutes, terms)
        })
        .collect()
}

/// (period, amount, terms) of each credit line.
fn credits(r: &Report) -> Vec<(String, rust_decimal::Decimal, String)> {
    r.credits.iter().map(|c| (c.period.clone(), c.amount, c.terms.clone().unwrap_or_default())).collect()
}

/// The merged report's totals add up its lines, as an unamended one's do.
fn reconciles(r: &Report) {
    let credits: rust_decimal::Decimal = r.credits.iter().map(|c| c.amount).sum();
    assert_eq!(r.totals.credits, credits);
    let per: rust_decimal::Decimal = r.totals.per_period.iter().map(|p| p.credits).sum();
    assert_eq!(per, credits);
    let penalties: rust_decimal::Decimal = r.penalty_totals.iter().map(|t| t.total).sum();
    assert_eq!(r.totals.penalties, penalties);
    for t in &r.penalty_totals {
        let lines: rust_decimal::Decimal =
            r.penalties.iter().filter(|l| l.penalty == t.penalty).map(|l| l.amount).sum();
        assert_eq!(t.before_cap, lines);
    }
    assert_eq!(
        r.verdict.availability_missed as usize,
        r.availability.iter().filter(|l| l.status == slac::report::PeriodStatus::Missed).count()
    );
}

fn row(period: &str, status: &str, target: &str, u: i64, terms: &str) -> (String, String, String, i64, String) {
    (period.into(), status.into(), target.into(), u, terms.into())
}

#[test]
fn june_is_judged_by_the_original_and_july_by_the_amendment() {
    let case = Case::new("amendment-july");
    let r = case.report();
    let all = ledgers(&r);
    assert_eq!(all.len(), 12);
    assert_eq!(all[5], row("2025-06", "met", "99.9%", 30, "original"));
    assert_eq!(all[6], row("2025-07", "missed", "99.95%", 30, "2025-07"));
    assert!(all[..6].iter().all(|l| l.4 == "original") && all[6..].iter().all(|l| l.4 == "2025-07"));
    assert_eq!(ledger(&r, None, "2025-07").ratio.as_ref().map(|x| x.percent.as_str()), Some("99.9327"));
    assert_eq!(credits(&r), [("2025-07".into(), dec("50.00"), "2025-07".into())]);
    assert_eq!(r.credits[0].band, "[99.9%, 99.95%) => 5%");
    assert_eq!(r.totals.credits, dec("50.00"));
    assert_eq!(r.verdict.availability_missed, 1);
    let terms: Vec<(&str, Option<&str>, Option<&str>)> =
        r.terms.iter().map(|t| (t.terms.as_str(), t.from.as_deref(), t.to.as_deref())).collect();
    assert_eq!(terms, [("original", None, Some("2025-06-30")), ("2025-07", Some("2025-07-01"), None)]);
    reconciles(&r);
    case.snapshot_json(&r);
    case.snapshot_table(&r);
}

#[test]
fn a_month_straddling_the_amendment_follows_the_stated_rule() {
    let start = Case::new("amendment-mid-month");
    let r = start.report();
    assert_eq!(
        ledgers(&r),
        [
            row("2025-06", "met", "99.9%", 0, "original"),
            row("2025-07", "met", "99.9%", 30, "original"),
            row("2025-08", "missed", "99.95%", 30, "2025-07"),
            row("2025-09", "missed", "99.95%", 30, "2025-07"),
        ]
    );
    assert_eq!(r.totals.credits, dec("100.00"));
    reconciles(&r);
    start.snapshot_json(&r);

    let r = Case::new("amendment-mid-month").contract("contract-end.sla").report();
    assert_eq!(ledgers(&r)[1], row("2025-07", "missed", "99.95%", 30, "2025-07"));
    assert_eq!(
        credits(&r),
        [
            ("2025-07".into(), dec("50.00"), "2025-07".into()),
            ("2025-08".into(), dec("50.00"), "2025-07".into()),
            ("2025-09".into(), dec("50.00"), "2025-07".into()),
        ]
    );
    assert_eq!(r.totals.credits, dec("150.00"));
    reconciles(&r);
}

#[test]
fn a_quarter_straddling_the_amendment_follows_the_stated_rule() {
    let r = Case::new("amendment-mid-month").contract("contract-quarter.sla").report();
    assert_eq!(
        ledgers(&r),
        [row("2025-Q2", "met", "99.9%", 0, "original"), row("2025-Q3", "met", "99.9%", 90, "original")]
    );
    assert!(r.credits.is_empty());
    let r = Case::new("amendment-mid-month").contract("contract-quarter-end.sla").report();
    assert_eq!(ledgers(&r)[1], row("2025-Q3", "missed", "99.95%", 90, "2025-07"));
    assert_eq!(ledger(&r, None, "2025-Q3").total_minutes, 132480);
    assert_eq!(credits(&r), [("2025-Q3".into(), dec("150.00"), "2025-07".into())]);
    assert_eq!(r.credits[0].basis_amount, dec("3000.00"));
}

#[test]
fn incidents_are_judged_by_the_terms_in_force_when_they_opened() {
    let case = Case::new("amendment-tiers");
    let r = case.report();
    let clock = |c: &slac::report::ClockResult| (c.limit_seconds, c.business_seconds, c.status.to_string());
    let s = |limit: i64, secs: i64, st: &str| (limit, secs, st.to_owned());
    assert_eq!(clock(&response(&r, "T1")), s(900, 720, "met"));
    assert_eq!(clock(&resolution(&r, "T1")), s(14400, 11100, "met"));
    assert_eq!(clock(&response(&r, "T2")), s(600, 720, "breached"));
    assert_eq!(clock(&resolution(&r, "T2")), s(7200, 9000, "breached"));
    assert_eq!(clock(&response(&r, "T3")), s(300, 420, "breached"));
    assert_eq!(clock(&resolution(&r, "T3")), s(7200, 3600, "met"));
    let incidents: Vec<_> = r.incidents.iter().collect();
    let terms: Vec<(&str, &str)> =
        incidents.iter().map(|i| (i.id.as_str(), i.terms.as_deref().unwrap_or(""))).collect();
    assert_eq!(terms, [("T1", "original"), ("T2", "2025-07"), ("T3", "2025-10")]);
    assert_eq!(r.verdict.clocks_breached, 3);
    assert_eq!(r.penalties.len(), 1);
    assert_eq!((r.penalties[0].incident.as_str(), r.penalties[0].amount), ("T2", dec("100.00")));
    assert_eq!(r.penalties[0].terms.as_deref(), Some("2025-07"));
    assert_eq!(r.penalty_totals[0].total, dec("100.00"));
    assert_eq!(r.totals.penalties, dec("100.00"));
    reconciles(&r);
    case.snapshot_json(&r);
    case.snapshot_table(&r);
}

/// A tier only an amendment knows: the original terms do not judge the
/// incidents that carry its label (they opened under the amendment), so its
/// label is no error for them; the amendment's own pause applies to its
/// tier only. Arithmetic in the case's README.
#[test]
fn a_tier_brought_in_by_an_amendment_judges_its_incidents_with_its_pause() {
    let case = Case::new("amendment-new-tier");
    let r = case.report();
    let clock = |c: &slac::report::ClockResult| (c.limit_seconds, c.business_seconds, c.status.to_string());
    let s = |limit: i64, secs: i64, st: &str| (limit, secs, st.to_owned());
    assert_eq!(clock(&response(&r, "J1")), s(1800, 1200, "met"));
    // J1's "Waiting for customer" hour pauses nothing: L1 has no pause.
    assert_eq!(clock(&resolution(&r, "J1")), s(14400, 10800, "met"));
    assert_eq!(clock(&resolution(&r, "J2")), s(3600, 3600, "met"));
    assert_eq!(resolution(&r, "J2").paused_seconds, Some(1800));
    assert_eq!(clock(&resolution(&r, "J3")), s(3600, 3601, "breached"));
    assert_eq!(clock(&response(&r, "J4")), s(1800, 2400, "breached"));
    let incidents: Vec<_> = r.incidents.iter().collect();
    let tiers: Vec<(&str, &str, &str)> = incidents
        .iter()
        .map(|i| (i.id.as_str(), i.tier.as_deref().unwrap_or(""), i.terms.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        tiers,
        [("J1", "L1", "original"), ("J2", "P0", "2025-07"), ("J3", "P0", "2025-07"), ("J4", "L1", "2025-07")]
    );
    assert_eq!(r.verdict.clocks_breached, 2);
    case.snapshot_json(&r);
    case.snapshot_table(&r);
}
