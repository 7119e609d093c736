//! The two months of `design/worked-examples.md`, number by number.

use super::harness::{Case, dec, ledger, numbers, resolution, response};

#[test]
fn example_a_january() {
    let case = Case::new("worked-a");
    let r = case.report();
    let jan = ledger(&r, None, "2025-01");
    assert_eq!(jan.total_minutes, 44640);
    assert_eq!(numbers(jan), (62, 137, 44441, 44578, "missed"));
    assert_eq!(jan.allowed_minutes, Some(dec("4.4578")));
    assert_eq!(jan.remaining_minutes, Some(dec("-132.5422")));
    assert_eq!(jan.ratio.as_ref().map(|x| x.percent.as_str()), Some("99.6926"));
    // Counted runs in time order: A2, A3, probes, A7, M2, A5.
    let runs: Vec<(&str, i64, i64, String)> = jan
        .counted_runs
        .iter()
        .map(|x| (x.start.as_str(), x.minutes, x.minutes_in_period, x.causes.join("+")))
        .collect();
    assert_eq!(
        runs,
        [
            ("2025-01-11T10:00:00+08:00", 5, 5, "incident A2".to_owned()),
            ("2025-01-12T10:00:00+08:00", 5, 5, "incident A3".to_owned()),
            ("2025-01-16T12:00:00+08:00", 5, 5, "probes".to_owned()),
            ("2025-01-21T08:00:00+08:00", 60, 60, "incident A7".to_owned()),
            ("2025-01-25T00:00:00+08:00", 60, 60, "maintenance M2".to_owned()),
            ("2025-01-31T23:58:00+08:00", 5, 2, "incident A5".to_owned()),
        ]
    );
    assert_eq!(jan.short_runs.len(), 5);
    assert_eq!(jan.short_run_minutes, 17);
    let excused: Vec<(&str, i64)> = jan.excused.iter().map(|e| (e.rule.as_str(), e.minutes_in_period)).collect();
    assert!(excused.contains(&("force_majeure (incident A6)", 60)), "{excused:?}");
    assert!(excused.contains(&("maintenance (maintenance M1)", 1)), "{excused:?}");
    assert!(excused.contains(&("maintenance (maintenance M3)", 1)), "{excused:?}");
    assert_eq!(excused.iter().map(|e| e.1).sum::<i64>(), 62);
    // A8's exclusion had nothing down under it: not listed, E 0.
    assert!(!excused.iter().any(|e| e.0.contains("A8")));
    assert_eq!(jan.maintenance_not_excused.len(), 1);
    assert_eq!(jan.maintenance_not_excused[0].id, "M2");
    assert_eq!(jan.maintenance_not_excused[0].reason, "announced 1 s after it started");
    // Six entitlements, in January only.
    assert_eq!(r.entitlements.len(), 1);
    assert_eq!((r.entitlements[0].period.as_str(), r.entitlements[0].outages), ("2025-01", 6));
    assert!(!r.entitlements[0].cash);
    // A7's cause is listed: a maintenance cause on an incident is no exclusion.
    assert_eq!(r.unmatched_causes.len(), 1);
    assert_eq!(r.unmatched_causes[0].cause, "planned_maintenance");
    assert_eq!(r.unmatched_causes[0].incidents, ["A7"]);
}

#[test]
fn example_a_february() {
    let r = Case::new("worked-a").report();
    let feb = ledger(&r, None, "2025-02");
    assert_eq!(feb.total_minutes, 40320);
    assert_eq!(numbers(feb), (0, 3, 40317, 40320, "met"));
    // 40317/40320 = 13439/13440 = 0.999925..
    assert_eq!(feb.ratio.as_ref().map(|x| x.percent.as_str()), Some("99.9925"));
    assert_eq!(feb.counted_runs.len(), 1);
    assert_eq!(feb.counted_runs[0].minutes_in_period, 3);
    assert_eq!(r.availability.len(), 2);
}

#[test]
fn example_a_tiers() {
    let r = Case::new("worked-a").report();
    let a1 = (response(&r, "A1"), resolution(&r, "A1"));
    assert_eq!((a1.0.business_seconds, a1.0.status.as_str()), (300, "met"));
    assert_eq!((a1.1.business_seconds, a1.1.status.as_str()), (240, "met"));

    let a8 = super::harness::incident(&r, "A8");
    assert_eq!(a8.tier.as_deref(), Some("L1"));
    let (resp, res) = (response(&r, "A8"), resolution(&r, "A8"));
    assert_eq!((resp.business_seconds, resp.status.as_str(), resp.over_seconds), (1200, "breached", Some(300)));
    assert_eq!((res.business_seconds, res.status.as_str()), (240 * 60, "exempt"));

    let a9 = super::harness::incident(&r, "A9");
    assert_eq!(a9.tier.as_deref(), Some("L3"));
    let (resp, advice) = (response(&r, "A9"), resolution(&r, "A9"));
    assert_eq!(resp.deadline, "2025-02-10T10:30:00+08:00");
    assert_eq!(resp.status, "breached");
    assert_eq!(resp.stopped_at, None);
    assert_eq!(advice.kind, "advise");
    assert_eq!(advice.deadline, "2025-02-11T10:00:00+08:00");
    assert_eq!(advice.status, "breached");
    // 18 days 14 hours = 26760 minutes on a 24x7 clock.
    assert_eq!(advice.business_minutes, dec("26760"));

    assert_eq!(r.verdict.availability_missed, 1);
    assert_eq!(r.verdict.clocks_breached, 3);
    assert!(!r.verdict.all_met);
}

#[test]
fn example_a_snapshots() {
    let case = Case::new("worked-a");
    let r = case.report();
    case.snapshot_json(&r);
    case.snapshot_table(&r);
}

#[test]
fn example_b_january() {
    let r = Case::new("worked-b").report();
    assert_eq!(r.availability.len(), 8, "4 instances x 2 months");
    for (instance, e, u, num, status) in [
        ("i-1", 10, 89, 44551, "met"),
        ("i-2", 10, 90, 44550, "missed"),
        ("i-3", 10, 3, 44637, "met"),
        ("i-4", 10, 500, 44140, "missed"),
    ] {
        let l = ledger(&r, Some(instance), "2025-01");
        assert_eq!(l.total_minutes, 44640, "{instance}");
        assert_eq!(numbers(l), (e, u, num, 44640, status), "{instance}");
        assert_eq!(l.allowed_minutes, Some(dec("89.28")), "{instance}");
    }
    assert_eq!(ledger(&r, Some("i-1"), "2025-01").remaining_minutes, Some(dec("0.28")));

    assert_eq!(r.credits.len(), 2);
    let i2 = &r.credits[0];
    assert_eq!((i2.instance.as_deref(), i2.period.as_str()), (Some("i-2"), "2025-01"));
    assert_eq!((i2.basis_amount, i2.amount, i2.capped), (dec("1000.00"), dec("100.00"), false));
    assert_eq!(i2.band, "[99.00%, 99.80%) => 10%");
    assert_eq!(i2.form, "voucher");
    let i4 = &r.credits[1];
    assert_eq!(i4.instance.as_deref(), Some("i-4"));
    assert_eq!((i4.basis_amount, i4.amount, i4.capped), (dec("2000.00"), dec("500.00"), false));
    for c in &r.credits {
        assert_eq!(c.claim_opens.as_deref(), Some("2025-02-10"), "after the Spring Festival");
        assert_eq!(c.claim_closes.as_deref(), Some("2025-03-31"));
    }
    assert_eq!(r.totals.credits, dec("600.00"));
    // No tiers: severity is ignored and no incident is judged.
    assert!(r.incidents.is_empty());
}

#[test]
fn example_b_february() {
    let r = Case::new("worked-b").report();
    for instance in ["i-1", "i-2", "i-3", "i-4"] {
        let l = ledger(&r, Some(instance), "2025-02");
        assert_eq!(numbers(l), (0, 0, 40320, 40320, "met"), "{instance}");
    }
    assert_eq!(r.verdict.availability_missed, 2);
}

#[test]
fn example_b_snapshots() {
    let case = Case::new("worked-b");
    let r = case.report();
    case.snapshot_json(&r);
    case.snapshot_table(&r);
}
