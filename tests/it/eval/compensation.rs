//! Credits, penalties, liability caps (entitlements: `worked.rs`).

use super::harness::{Case, dec, ledger, numbers};
use rust_decimal::Decimal;

#[test]
fn credit_bands_caps_fees_and_claim_windows() {
    let case = Case::new("credit-bands");
    let r = case.report();
    assert_eq!(r.availability.len(), 10, "5 instances x 2 months");
    assert_eq!(numbers(ledger(&r, Some("i-d"), "2025-01")), (0, 44, 44596, 44640, "met"));
    type Line<'a> = (Option<&'a str>, &'a str, &'a str, Decimal, Decimal, bool);
    let lines: Vec<Line<'_>> = r
        .credits
        .iter()
        .map(|c| (c.instance.as_deref(), c.period.as_str(), c.band.as_str(), c.basis_amount, c.amount, c.capped))
        .collect();
    assert_eq!(
        lines,
        [
            (Some("i-a"), "2024-12", "[99.5%, 99.9%) => 10%", dec("12345.67"), dec("1234.567"), false),
            (Some("i-a"), "2025-01", "[99.5%, 99.9%) => 10%", dec("12345.67"), dec("1234.567"), false),
            (Some("i-b"), "2025-01", "[95%, 99.5%) => 30%", dec("2000.00"), dec("500.00"), true),
            (Some("i-c"), "2025-01", "[0%, 95%) => 50%", dec("1234.56"), dec("308.64"), true),
            (Some("i-e"), "2025-01", "[99.5%, 99.9%) => 10%", dec("2000.00"), dec("200.00"), false),
        ]
    );
    for c in &r.credits {
        let (opens, closes) = match c.period.as_str() {
            "2024-12" => ("2025-01-08", "2025-02-28"),
            _ => ("2025-02-10", "2025-03-31"),
        };
        assert_eq!(c.claim_opens.as_deref(), Some(opens), "{}", c.period);
        assert_eq!(c.claim_closes.as_deref(), Some(closes), "{}", c.period);
        assert_eq!(c.form, "cash");
    }
    let per: Vec<(&str, Decimal)> = r.totals.per_period.iter().map(|p| (p.period.as_str(), p.credits)).collect();
    assert_eq!(per, [("2024-12", dec("1234.567")), ("2025-01", dec("2243.207"))]);
    assert_eq!(r.totals.credits, dec("3477.774"));
    let table = slac::report::table::render(&r);
    assert!(table.contains("CNY 1234.57"), "rounded half up in the table");
    assert!(table.contains("CNY 3477.77"), "the total is summed, then rounded");
    case.snapshot_json(&r);
    case.snapshot_table(&r);
}

#[test]
fn a_credit_whose_fee_nobody_gave_is_an_error() {
    let case = Case::new("credit-bands").with(|r| r.usage = None);
    let e = case.error();
    assert!(e.contains("monthly fee of db instance i-a for 2024-12"), "{e}");
    // The library names what to give in its words; the CLI adds its flag.
    assert!(e.contains("give it in a usage file (period,service,instance,monthly_fee:"), "{e}");
    assert!(!e.contains("--"), "no flag below the CLI: {e}");
    let out = case.run(&[]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr.contains("monthly fee of db instance i-a") && out.stderr.contains("--usage FILE"),
        "{}",
        out.stderr
    );
}

#[test]
fn penalties_count_started_hours_up_to_the_cap() {
    let case = Case::new("penalties");
    let r = case.report();
    let lines: Vec<(&str, i64, i64, Decimal, bool)> =
        r.penalties.iter().map(|p| (p.incident.as_str(), p.over_seconds, p.hours, p.amount, p.provisional)).collect();
    assert_eq!(
        lines,
        [
            ("P2", 1, 1, dec("500.00"), false),
            ("P3", 7200, 2, dec("1000.00"), false),
            ("P4", 7201, 3, dec("1500.00"), false),
            ("P6", 36000, 10, dec("5000.00"), false),
            ("P5", 12600, 4, dec("2000.00"), true),
        ]
    );
    let t = &r.penalty_totals[0];
    assert_eq!((t.before_cap, t.cap, t.total), (dec("10000.00"), Some(dec("5000.00")), dec("5000.00")));
    let note = t.note.as_deref().unwrap_or_default();
    assert!(note.contains("covers only part of it"), "{note}");
    assert!(note.contains("provisional"), "{note}");
    assert_eq!(r.totals.penalties, dec("5000.00"));
    // P0 opened before the term: not judged, so no breach and no penalty.
    assert!(r.incidents.iter().all(|i| i.id != "P0"));
    assert!(
        r.notes
            .iter()
            .any(|n| n == "incident P0 opened before the contract term (2025-01-01..2025-12-31) and is not judged"),
        "{:?}",
        r.notes
    );
    assert!(r.penalties.iter().all(|p| p.incident != "P0"));
    assert_eq!(r.verdict.clocks_breached, 5, "P2, P3, P4, P6 and the running P5");
    assert_eq!(super::harness::resolution(&r, "P1").status, "met");
    case.snapshot_json(&r);
    case.snapshot_table(&r);
}

#[test]
fn penalties_in_whole_hours() {
    let r = Case::new("penalties").contract("contract-whole-hours.sla").report();
    let lines: Vec<(&str, i64)> = r.penalties.iter().map(|p| (p.incident.as_str(), p.hours)).collect();
    assert_eq!(lines, [("P3", 2), ("P4", 2), ("P6", 10), ("P5", 3)]);
    let t = &r.penalty_totals[0];
    assert_eq!((t.before_cap, t.total), (dec("8500.00"), dec("5000.00")));
}

#[test]
fn a_penalty_cap_over_a_term_evaluated_whole_has_no_partial_note() {
    let r = Case::new("penalties").contract("contract-march.sla").report();
    let t = &r.penalty_totals[0];
    assert_eq!((t.before_cap, t.total), (dec("10000.00"), dec("5000.00")));
    let note = t.note.as_deref().unwrap_or_default();
    assert!(!note.contains("only part"), "{note}");
    assert!(note.contains("provisional"), "{note}");
    assert!(r.penalties.iter().all(|p| p.incident != "P0"), "P0 is outside the term");
}

#[test]
fn liability_caps_are_stated() {
    let case = Case::new("liability");
    let r = case.report();
    let lines: Vec<(&str, &str, Option<Decimal>)> =
        r.liability.iter().map(|l| (l.id.as_str(), l.cap.as_str(), l.amount)).collect();
    assert_eq!(
        lines,
        [
            ("direct_loss", "2x contract_value", Some(dec("246913.56"))),
            ("data_loss", "CNY 5000.00", Some(dec("5000.00"))),
            ("indirect", "10% of contract_value", Some(dec("12345.678"))),
        ]
    );
    let table = slac::report::table::render(&r);
    assert!(table.contains("CNY 12345.68"), "{table}");
    assert!(r.verdict.all_met);
    case.snapshot_table(&r);

    let r = case.clone().with(|q| q.contract_value = None).report();
    assert_eq!(r.liability[0].amount, None);
    assert_eq!(r.liability[1].amount, Some(dec("5000.00")));
    assert!(slac::report::table::render(&r).contains("contract value not given"));

    let e = case.with(|q| q.contract_value = Some("USD 1.00".into())).error();
    assert!(e.contains("currency is CNY"), "{e}");
}

#[test]
fn a_penalty_needs_the_contract_value_only_when_something_is_owed() {
    let case = Case::new("peak-season").with(|q| q.contract_value = None);
    let e = case.error();
    assert!(e.contains("the contract's value is needed"), "{e}");
    assert!(!e.contains("--"), "no flag below the CLI: {e}");
    let out = case.run(&[]);
    assert!(
        out.stderr.contains("the contract's value is needed") && out.stderr.contains("--contract-value"),
        "{}",
        out.stderr
    );
    let clean = case.dir.join("incidents-clean.csv");
    let r = case.with(|q| q.incidents = Some(clean)).report();
    assert!(r.penalties.is_empty());
    assert_eq!(r.penalty_totals[0].total, dec("0"));
    assert!(r.verdict.all_met);
}

#[test]
fn usage_rows_name_services_by_id_or_display_name() {
    let case = Case::new("credit-bands");
    let by_id = case.report();
    let by_name = case.clone().with(|q| q.usage = Some("tests/eval/credit-bands/usage-by-name.csv".into())).report();
    let amounts = |r: &slac::report::Report| r.credits.iter().map(|c| c.amount).collect::<Vec<_>>();
    assert_eq!(amounts(&by_id), amounts(&by_name));

    let unknown = case.with(|q| q.usage = Some("tests/eval/credit-bands/usage-unknown.csv".into()));
    let e = unknown.error();
    assert!(e.starts_with("tests/eval/credit-bands/usage-unknown.csv:6: field service: `mail`"), "{e}");
    let r = unknown.with(|q| q.skip_bad_rows = true).report();
    assert_eq!(amounts(&r), amounts(&by_id));
    let usage = r.inputs.iter().find(|s| s.kind == slac::report::InputKind::Usage).expect("usage");
    assert_eq!((usage.records, usage.skipped.len()), (4, 1));
}

/// `tests/eval/credit-rules/README.md` holds the arithmetic.
#[test]
fn a_minimum_credit_one_claim_per_group_and_claim_windows_in_days() {
    let case = Case::new("credit-rules");
    let r = case.report();
    type Line<'a> = (&'a str, Option<&'a str>, &'a str, Decimal, Option<Decimal>, Option<&'a str>);
    let lines: Vec<Line<'_>> = r
        .credits
        .iter()
        .map(|c| {
            (
                c.service.as_str(),
                c.instance.as_deref(),
                c.period.as_str(),
                c.amount,
                c.withheld,
                c.claim_closes.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            ("region", None, "2025-01", dec("0"), Some(dec("10.00")), Some("2025-04-01")),
            ("region", None, "2025-02", dec("10.00"), None, Some("2025-04-29")),
            ("instance", None, "2025-01", dec("30.00"), None, Some("2025-02-14")),
            ("tiny", Some("i-a"), "2025-01", dec("0"), Some(dec("0.99")), None),
            ("tiny", Some("i-b"), "2025-01", dec("0"), Some(dec("1.00")), None),
            ("tiny", Some("i-c"), "2025-01", dec("1.01"), None, None),
        ]
    );
    let reasons: Vec<Option<&str>> = r.credits.iter().map(|c| c.not_owed.as_deref()).collect();
    assert!(reasons[0].is_some_and(|w| w.contains("one service level per claim") && w.contains("instance")));
    assert!(reasons[3].is_some_and(|w| w.contains("more than USD 1.00")));
    assert!(reasons[4].is_some_and(|w| w.contains("more than USD 1.00")));
    assert_eq!([reasons[1], reasons[2], reasons[5]], [None, None, None]);
    let per: Vec<(&str, Decimal)> = r.totals.per_period.iter().map(|p| (p.period.as_str(), p.credits)).collect();
    assert_eq!(per, [("2025-01", dec("31.01")), ("2025-02", dec("10.00"))]);
    assert_eq!(r.totals.credits, dec("41.01"));
    case.snapshot_json(&r);
    case.snapshot_table(&r);
}

/// `minimum at least`: an amount equal to the minimum is issued; a tie in
/// an exclusive group keeps the credit declared first.
#[test]
fn a_minimum_at_least_issues_the_equal_amount_and_a_tie_keeps_the_first_credit() {
    let case = Case::new("credit-rules").contract("contract-b.sla");
    let r = case.report();
    let owed: Vec<(&str, Option<&str>, &str, Decimal)> =
        r.credits.iter().map(|c| (c.service.as_str(), c.instance.as_deref(), c.period.as_str(), c.amount)).collect();
    assert_eq!(
        owed,
        [
            // 10.00 each under both credits: region is declared first.
            ("region", None, "2025-01", dec("10.00")),
            ("region", None, "2025-02", dec("10.00")),
            ("instance", None, "2025-01", dec("0")),
            ("tiny", Some("i-a"), "2025-01", dec("0")),
            ("tiny", Some("i-b"), "2025-01", dec("1.00")),
            ("tiny", Some("i-c"), "2025-01", dec("1.01")),
        ]
    );
}

/// "Monthly fee excluding vouchers, coupons and upfront payments", capped
/// at the fees paid for the month; liability limited to all the fees paid
/// (arithmetic in the README).
#[test]
fn a_basis_leaves_out_vouchers_coupons_and_upfront_and_caps_follow_the_fees_paid() {
    let case = Case::new("fee-basis");
    let r = case.report();
    let lines: Vec<(String, Decimal, Decimal, bool)> =
        r.credits.iter().map(|c| (c.period.clone(), c.basis_amount, c.amount, c.capped)).collect();
    assert_eq!(
        lines,
        [
            ("2025-03".to_owned(), dec("500.00"), dec("50.00"), false),
            ("2025-04".to_owned(), dec("800.00"), dec("120.00"), true)
        ]
    );
    let parts: Vec<(String, Decimal)> =
        r.credits[0].basis_excluded.iter().map(|p| (p.part.clone(), p.amount)).collect();
    assert_eq!(
        parts,
        [
            ("vouchers".to_owned(), dec("150.00")),
            ("coupons".to_owned(), dec("50.00")),
            ("upfront".to_owned(), dec("300.00"))
        ]
    );
    assert_eq!(r.credits[0].basis, "monthly_fee excluding vouchers, coupons, upfront");
    assert_eq!(r.liability[0].amount, Some(dec("820.00")));
    assert_eq!(r.totals.credits, dec("170.00"));
    case.snapshot_json(&r);
}
