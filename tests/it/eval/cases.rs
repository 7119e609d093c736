//! Hand-computed availability cases: each directory under `tests/eval/` has
//! its arithmetic in `README.md`; the numbers are asserted here, the whole
//! report is snapshotted beside the case.

use super::harness::{Case, dec, ledger, numbers};

#[test]
fn four_minutes_are_short_five_are_counted() {
    let case = Case::new("min-outage");
    let r = case.report();
    let l = ledger(&r, None, "2025-03");
    assert_eq!(numbers(l), (0, 20, 44620, 44640, "missed"));
    let runs: Vec<(&str, i64, String)> =
        l.counted_runs.iter().map(|x| (x.start.as_str(), x.minutes, x.causes.join("+"))).collect();
    assert_eq!(
        runs,
        [
            ("2025-03-04T10:00:00+08:00", 5, "incident I2".to_owned()),
            ("2025-03-05T10:00:00+08:00", 5, "incident I3".to_owned()),
            ("2025-03-06T10:00:00+08:00", 5, "incident I4+incident I5".to_owned()),
            ("2025-03-08T10:00:00+08:00", 5, "incident I7".to_owned()),
        ]
    );
    assert_eq!(l.short_runs.len(), 1);
    assert_eq!((l.short_runs[0].start.as_str(), l.short_run_minutes), ("2025-03-03T10:00:00+08:00", 4));
    assert_eq!(l.allowed_minutes, Some(dec("4.464")));
    assert_eq!(l.remaining_minutes, Some(dec("-15.536")));
    case.snapshot_json(&r);
    case.snapshot_table(&r);
}

#[test]
fn runs_cross_month_and_year_boundaries() {
    let case = Case::new("month-boundary");
    let r = case.report();
    assert_eq!(numbers(ledger(&r, None, "2024-12")), (0, 10, 44630, 44640, "met"));
    assert_eq!(numbers(ledger(&r, None, "2025-01")), (0, 20, 44620, 44640, "met"));
    assert_eq!(numbers(ledger(&r, None, "2025-02")), (0, 3, 40317, 40320, "met"));
    assert_eq!(numbers(ledger(&r, None, "2025-03")), (0, 2, 44638, 44640, "met"));
    // The 30-minute run is one run, reported in both months with its share.
    let dec_run = &ledger(&r, None, "2024-12").counted_runs[0];
    assert_eq!((dec_run.minutes, dec_run.minutes_in_period), (30, 10));
    let jan = ledger(&r, None, "2025-01");
    assert_eq!((jan.counted_runs[0].minutes, jan.counted_runs[0].minutes_in_period), (30, 20));
    // The 3-minute run across Jan/Feb is short in both months.
    assert_eq!(jan.short_run_minutes, 2);
    let feb = ledger(&r, None, "2025-02");
    assert_eq!(feb.short_run_minutes, 1);
    assert_eq!(feb.counted_runs.len(), 1, "Y3+Y4 reach into February");
    assert_eq!(feb.counted_runs[0].causes.iter().map(|c| &**c).collect::<Vec<_>>(), ["incident Y3", "incident Y4"]);
    case.snapshot_json(&r);
}

#[test]
fn the_same_outage_misses_a_30_day_month_and_meets_a_31_day_month() {
    let case = Case::new("month-length");
    let r = case.report();
    let apr = ledger(&r, None, "2025-04");
    assert_eq!(numbers(apr), (0, 22, 43178, 43200, "missed"));
    assert_eq!(apr.allowed_minutes, Some(dec("21.6")));
    assert_eq!(apr.remaining_minutes, Some(dec("-0.4")));
    assert_eq!(apr.ratio.as_ref().map(|x| x.percent.as_str()), Some("99.9490"));
    let may = ledger(&r, None, "2025-05");
    assert_eq!(numbers(may), (0, 22, 44618, 44640, "met"));
    assert_eq!(may.allowed_minutes, Some(dec("22.32")));
    assert_eq!(may.remaining_minutes, Some(dec("0.32")));
    case.snapshot_json(&r);
    case.snapshot_table(&r);
}

#[test]
fn excused_minutes_break_runs() {
    let case = Case::new("excluded-breaks-run");
    let r = case.report();
    let l = ledger(&r, None, "2025-03");
    assert_eq!(numbers(l), (3, 11, 44626, 44637, "missed"));
    assert_eq!(l.counted_runs.iter().map(|x| x.minutes).collect::<Vec<_>>(), [5, 6]);
    assert_eq!(l.short_runs.iter().map(|x| x.minutes).collect::<Vec<_>>(), [2, 3, 3, 4]);
    assert_eq!(l.short_run_minutes, 12);
    assert_eq!(l.allowed_minutes, Some(dec("4.4637")));
    let rules: Vec<&str> = l.excused.iter().map(|e| e.rule.as_str()).collect();
    assert_eq!(rules, ["maintenance (maintenance M1)", "third_party (incident T2)", "maintenance (maintenance M3)"]);
    case.snapshot_json(&r);
}

#[test]
fn notice_is_compared_exactly_and_late_announcements_are_not_excused() {
    let case = Case::new("maintenance-notice");
    let r = case.report();
    let l = ledger(&r, None, "2025-06");
    assert_eq!(numbers(l), (90, 90, 43020, 43110, "missed"));
    assert_eq!(l.allowed_minutes, Some(dec("43.11")));
    let notes: Vec<(&str, &str)> =
        l.maintenance_not_excused.iter().map(|m| (m.id.as_str(), m.reason.as_str())).collect();
    assert_eq!(
        notes,
        [
            ("P2", "announced 2 d 23 h 59 min before it started; 3 d notice required"),
            ("E1", "announced 10 min after it started"),
        ]
    );
    let excused: Vec<(&str, i64)> = l.excused.iter().map(|e| (e.rule.as_str(), e.minutes_in_period)).collect();
    assert_eq!(excused, [("planned_maintenance (maintenance P1)", 60), ("emergency_maintenance (maintenance E2)", 30)]);
    case.snapshot_json(&r);
    case.snapshot_table(&r);
}

#[test]
fn planned_work_is_excused_only_inside_the_window() {
    let case = Case::new("maintenance-window");
    let r = case.report();
    let l = ledger(&r, None, "2025-03");
    assert_eq!(numbers(l), (210, 150, 44490, 44640, "missed"));
    let runs: Vec<(&str, i64)> = l.counted_runs.iter().map(|x| (x.start.as_str(), x.minutes)).collect();
    assert_eq!(
        runs,
        [("2025-03-09T01:30:00+08:00", 30), ("2025-03-09T06:00:00+08:00", 60), ("2025-03-16T02:00:00+08:00", 60)]
    );
    let notes: Vec<(&str, &str)> =
        l.maintenance_not_excused.iter().map(|m| (m.id.as_str(), m.reason.as_str())).collect();
    assert_eq!(
        notes,
        [
            ("W4", "30 min outside the maintenance window `second_sunday`"),
            ("W2", "60 min outside the maintenance window `second_sunday`"),
            ("W3", "outside the maintenance window `second_sunday`"),
        ]
    );
    case.snapshot_json(&r);
}

#[test]
fn exactly_ninety_percent_is_available_and_just_under_is_down() {
    let case = Case::new("probes-threshold");
    let r = case.report();
    let l = ledger(&r, None, "2025-01");
    assert_eq!(numbers(l), (0, 3, 44637, 44640, "met"));
    let runs: Vec<(&str, i64)> = l.counted_runs.iter().map(|x| (x.start.as_str(), x.minutes)).collect();
    assert_eq!(runs, [("2025-01-15T12:04:00+08:00", 2), ("2025-01-15T12:08:00+08:00", 1)]);
    case.snapshot_json(&r);
}

#[test]
fn probe_rows_for_one_minute_add_up() {
    let case = Case::new("probes-add-up");
    let r = case.report();
    let l = ledger(&r, None, "2025-01");
    assert_eq!(numbers(l), (0, 2, 44638, 44640, "met"));
    let runs: Vec<&str> = l.counted_runs.iter().map(|x| x.start.as_str()).collect();
    assert_eq!(runs, ["2025-01-17T12:01:00+08:00", "2025-01-17T12:03:00+08:00"]);
    case.snapshot_json(&r);
}

#[test]
fn formula_a_and_formula_b_on_the_same_data() {
    let case = Case::new("formula-a-vs-b");
    let a = case.report();
    let la = ledger(&a, None, "2025-04");
    assert_eq!(numbers(la), (1000, 43, 42157, 42200, "missed"));
    assert_eq!(la.allowed_minutes, Some(dec("42.2")));
    assert_eq!(la.remaining_minutes, Some(dec("-0.8")));
    assert_eq!(la.formula, "available / (available + unavailable)");
    let b = case.clone().contract("contract-b.sla").report();
    let lb = ledger(&b, None, "2025-04");
    assert_eq!(numbers(lb), (1000, 43, 43157, 43200, "met"));
    assert_eq!(lb.allowed_minutes, Some(dec("43.2")));
    assert_eq!(lb.remaining_minutes, Some(dec("0.2")));
    assert_eq!(lb.formula, "(total - unavailable) / total");
    case.snapshot_table(&a);
}

#[test]
fn partial_periods_skipped() {
    let case = Case::new("partial-periods");
    let r = case.report();
    let mar = ledger(&r, None, "2025-03");
    assert_eq!(mar.status, "skipped");
    assert!(mar.ratio.is_none());
    assert!(mar.partial.as_deref().is_some_and(|p| p.contains("the term starts inside it")), "{:?}", mar.partial);
    assert_eq!(numbers(ledger(&r, None, "2025-04")), (0, 10, 43190, 43200, "met"));
    let may = ledger(&r, None, "2025-05");
    assert_eq!(may.status, "skipped");
    assert!(may.partial.as_deref().is_some_and(|p| p.contains("the term ends inside it")), "{:?}", may.partial);
    assert!(r.verdict.all_met, "skipped periods are no breach");
    case.snapshot_json(&r);
}

#[test]
fn partial_periods_as_whole() {
    let case = Case::new("partial-periods").contract("contract-whole.sla");
    let r = case.report();
    let mar = ledger(&r, None, "2025-03");
    assert_eq!(mar.total_minutes, 44640);
    assert_eq!(numbers(mar), (0, 40, 44600, 44640, "met"));
    assert!(mar.partial.is_some(), "a partial period evaluated as whole still says it is partial");
    assert_eq!(numbers(ledger(&r, None, "2025-04")), (0, 10, 43190, 43200, "met"));
    let may = ledger(&r, None, "2025-05");
    assert_eq!(numbers(may), (0, 20, 44620, 44640, "met"));
    assert_eq!(may.counted_runs.len(), 1, "AFTER is outside the term");
}

#[test]
fn a_period_in_progress_counts_only_up_to_as_of() {
    let case = Case::new("in-progress");
    let r = case.report();
    let l = ledger(&r, None, "2025-03");
    assert!(l.in_progress);
    assert_eq!(l.total_minutes, 44640);
    assert_eq!(numbers(l), (0, 70, 44570, 44640, "missed"));
    assert_eq!(l.remaining_minutes, Some(dec("-25.36")));
    // The future maintenance is not downtime yet.
    assert!(l.counted_runs.iter().all(|x| !x.causes.iter().any(|c| c.contains("FUT"))), "{:?}", l.counted_runs);
    let open = super::harness::resolution(&r, "OPEN");
    assert_eq!((open.status.as_str(), open.business_seconds), ("open", 3600));
    assert_eq!(open.elapsed_percent.as_deref(), Some("50.0000"));
    let later = super::harness::resolution(&r, "LATER");
    assert_eq!((later.status.as_str(), later.business_seconds), ("open", 0));
    assert_eq!(r.credits.len(), 1);
    assert_eq!((r.credits[0].amount, r.credits[0].provisional), (dec("100.00"), true));
    assert!(slac::report::table::render(&r).contains("CNY 100.00 (provisional)"));
    assert!(r.incidents.iter().all(|i| i.id != "NEXT"));
    assert!(r.notes.iter().any(|n| n.contains("NEXT")), "{:?}", r.notes);
    case.snapshot_json(&r);
    case.snapshot_table(&r);
}

#[test]
fn quarters_with_a_credit_on_the_quarter_fees() {
    let case = Case::new("quarter-year");
    let r = case.report();
    let q1 = ledger(&r, None, "2025-Q1");
    assert_eq!(q1.total_minutes, 129600);
    assert_eq!(numbers(q1), (0, 260, 129340, 129600, "missed"));
    assert_eq!(q1.allowed_minutes, Some(dec("129.6")));
    let q2 = ledger(&r, None, "2025-Q2");
    assert_eq!(q2.total_minutes, 131040);
    assert_eq!(numbers(q2), (0, 60, 130980, 131040, "met"));
    assert_eq!(r.credits.len(), 1);
    let c = &r.credits[0];
    assert_eq!(
        (c.period.as_str(), c.basis_amount, c.amount, c.capped),
        ("2025-Q1", dec("3000.00"), dec("300.00"), false)
    );
    assert_eq!(c.claim_opens.as_deref(), Some("2025-04-08"), "after 清明 (Apr 4-6)");
    assert_eq!(c.claim_closes.as_deref(), Some("2025-05-31"));
    case.snapshot_json(&r);
}

#[test]
fn years_in_progress_and_whole_leap_years() {
    let case = Case::new("quarter-year").contract("contract-year.sla");
    let r = case.report();
    let y = ledger(&r, None, "2025");
    assert!(y.in_progress);
    assert_eq!(y.total_minutes, 525600);
    assert_eq!(numbers(y), (0, 320, 525280, 525600, "met"));
    assert_eq!(y.allowed_minutes, Some(dec("525.6")), "8.76 h");

    let r = case
        .with(|q| {
            q.from = Some("2024-01".into());
            q.to = Some("2024-12".into());
        })
        .report();
    let y = ledger(&r, None, "2024");
    assert!(!y.in_progress);
    assert_eq!(numbers(y), (0, 0, 527040, 527040, "met"));
}

#[test]
fn daylight_saving_months_have_real_minutes() {
    let case = Case::new("dst-new-york");
    let r = case.report();
    let mar = ledger(&r, None, "2025-03");
    assert_eq!(mar.total_minutes, 31 * 1440 - 60);
    assert_eq!(numbers(mar), (0, 60, 44520, 44580, "met"));
    assert_eq!(mar.allowed_minutes, Some(dec("89.16")));
    assert_eq!(mar.counted_runs[0].start, "2025-03-09T01:30:00-05:00");
    assert_eq!(mar.counted_runs[0].end, "2025-03-09T03:30:00-04:00");
    let nov = ledger(&r, None, "2025-11");
    assert_eq!(nov.total_minutes, 30 * 1440 + 60);
    assert_eq!(numbers(nov), (0, 120, 43140, 43260, "missed"));
    assert_eq!(nov.remaining_minutes, Some(dec("-33.48")));
    assert_eq!(ledger(&r, None, "2025-04").total_minutes, 43200);
    assert_eq!(r.availability.len(), 9);
    case.snapshot_json(&r);
}

#[test]
fn per_instance_records_without_an_instance_concern_every_instance() {
    let case = Case::new("per-instance");
    let r = case.report();
    assert_eq!(r.availability.len(), 2);
    assert_eq!(numbers(ledger(&r, Some("i-1"), "2025-03")), (0, 62, 44578, 44640, "missed"));
    assert_eq!(numbers(ledger(&r, Some("i-2"), "2025-03")), (60, 50, 44590, 44640, "missed"));
    case.snapshot_json(&r);
}

#[test]
fn a_month_wholly_excused_has_no_ratio_under_formula_a() {
    let case = Case::new("formula-a-vs-b")
        .with(|q| q.incidents = Some("tests/eval/formula-a-vs-b/incidents-all-excused.csv".into()));
    let a = case.clone().report();
    let l = ledger(&a, None, "2025-04");
    assert_eq!((l.excused_minutes, l.unavailable_minutes, l.status.as_str()), (43200, 0, "met"));
    assert!(l.ratio.is_none());
    assert_eq!(l.allowed_minutes, Some(dec("0")));
    let b = case.contract("contract-b.sla").report();
    assert_eq!(numbers(ledger(&b, None, "2025-04")), (43200, 0, 43200, 43200, "met"));
}

#[test]
fn a_set_is_up_while_one_instance_is_up() {
    // tests/eval/sets/README.md: U = 31 (all), 103 (any), 102 (default).
    let case = Case::new("sets");
    let all = case.report();
    let l = ledger(&all, None, "2025-03");
    assert_eq!(numbers(l), (0, 31, 44609, 44640, "met"));
    assert_eq!(l.set_rule.as_deref(), Some("down when all instances are down (i-1, i-2)"));
    let runs: Vec<(&str, i64, String)> =
        l.counted_runs.iter().map(|x| (x.start.as_str(), x.minutes, x.causes.join("+"))).collect();
    assert_eq!(
        runs,
        [
            ("2025-03-04T10:20:00+08:00", 20, "incident A+incident B".to_owned()),
            ("2025-03-05T02:00:00+08:00", 10, "incident ALL".to_owned()),
            ("2025-03-07T13:01:00+08:00", 1, "probes (i-1)+probes (i-2)".to_owned()),
        ]
    );
    case.snapshot_json(&all);
    let any = case.clone().contract("contract-any.sla").report();
    assert_eq!(numbers(ledger(&any, None, "2025-03")), (0, 103, 44537, 44640, "missed"));
    let default = case.contract("contract-default.sla").report();
    let l = ledger(&default, None, "2025-03");
    assert_eq!(numbers(l), (0, 102, 44538, 44640, "missed"));
    assert_eq!(l.set_rule, None);
}

#[test]
fn outages_by_their_own_length_and_on_the_grid() {
    // tests/eval/outage-length/README.md: U = 2 + 3 + 2 = 7 by duration,
    // 1 + 2 + 2 + 3 + 3 = 11 on the grid.
    let case = Case::new("outage-length");
    let r = case.report();
    let l = ledger(&r, None, "2025-03");
    assert_eq!(numbers(l), (0, 7, 44633, 44640, "met"));
    let runs: Vec<(&str, &str, i64)> =
        l.counted_runs.iter().map(|x| (x.start.as_str(), x.end.as_str(), x.minutes)).collect();
    assert_eq!(
        runs,
        [
            ("2025-03-04T10:00:00+08:00", "2025-03-04T10:01:01+08:00", 2),
            ("2025-03-06T10:00:10+08:00", "2025-03-06T10:02:20+08:00", 3),
            ("2025-03-07T10:00:59+08:00", "2025-03-07T10:02:01+08:00", 2),
        ]
    );
    let shorts: Vec<&str> = l.short_runs.iter().map(|x| x.start.as_str()).collect();
    assert_eq!(shorts, ["2025-03-03T10:00:00+08:00", "2025-03-05T10:00:30+08:00"]);
    assert_eq!(l.short_run_minutes, 2);
    case.snapshot_json(&r);
    let grid = case.contract("contract-grid.sla").report();
    assert_eq!(numbers(ledger(&grid, None, "2025-03")), (0, 11, 44629, 44640, "missed"));
}

#[test]
fn exclusions_and_notice_rules_written_in_a_promise_apply_to_it_alone() {
    let case = Case::new("scoped-exclusions");
    let r = case.report();
    let of = |svc: &str| r.availability.iter().find(|l| l.service == svc).unwrap_or_else(|| panic!("no ledger {svc}"));
    let excused = |svc: &str| -> Vec<(String, i64, Option<String>)> {
        of(svc).excused.iter().map(|e| (e.rule.clone(), e.minutes_in_period, e.scope.clone())).collect()
    };
    let single = Some("availability single (§ 3.1)".to_owned());
    assert_eq!(numbers(of("single")), (90, 0, 43110, 43110, "met"));
    assert_eq!(
        excused("single"),
        [
            ("maintenance (maintenance M1)".to_owned(), 60, single.clone()),
            ("host_update (incident I2)".to_owned(), 10, single),
            ("force_majeure (incident I1)".to_owned(), 20, None),
        ]
    );
    // The set excludes no maintenance and not the single's `host_update`.
    assert_eq!(numbers(of("set")), (20, 70, 43110, 43180, "missed"));
    assert_eq!(of("set").allowed_minutes, Some(dec("21.59")));
    assert_eq!(excused("set"), [("force_majeure (incident I4)".to_owned(), 20, None)]);
    let notes: Vec<(&str, &str)> =
        of("set").maintenance_not_excused.iter().map(|m| (m.id.as_str(), m.reason.as_str())).collect();
    assert_eq!(notes, [("M2", "the contract excludes no planned maintenance")]);
    // The zonal promise's own 5 days' notice, not the contract's 72 h.
    assert_eq!(numbers(of("zonal")), (60, 60, 43080, 43140, "missed"));
    let notes: Vec<(&str, &str)> =
        of("zonal").maintenance_not_excused.iter().map(|m| (m.id.as_str(), m.reason.as_str())).collect();
    assert_eq!(notes, [("M3", "announced 4 d before it started; 5 d notice required")]);
    assert_eq!(
        excused("zonal"),
        [("planned_maintenance (maintenance M4)".to_owned(), 60, Some("availability zonal (§ 3.3)".to_owned()))]
    );
    case.snapshot_json(&r);
    case.snapshot_table(&r);
}

#[test]
fn a_series_the_inventory_does_not_qualify_is_not_covered_never_met_or_missed() {
    let case = Case::new("eligibility");
    let r = case.report();
    let status = |svc: &str, inst: Option<&str>, period: &str| {
        let l = r
            .availability
            .iter()
            .find(|l| l.service == svc && l.instance.as_deref() == inst && l.period == period)
            .unwrap_or_else(|| panic!("no ledger {svc} {inst:?} {period}"));
        (l.status.as_str(), l.not_covered.clone().unwrap_or_default(), l.ratio.is_some())
    };
    assert_eq!(numbers(ledger(&r, Some("a1"), "2025-06")), (0, 60, 43140, 43200, "missed"));
    assert_eq!(status("set_vm", Some("a2"), "2025-06"), ("met", String::new(), true));
    for period in ["2025-06", "2025-07"] {
        assert_eq!(
            status("set_vm", Some("b1"), period),
            (
                "not_covered",
                "set avset2 of instance b1 had 1 running instance(s); the promise needs at least 2".into(),
                false
            )
        );
        // c2 stopped in May: c1's set is down to one running instance.
        assert_eq!(status("set_vm", Some("c1"), period).0, "not_covered");
        assert_eq!(status("set_vm", Some("c2"), period).1, "instance c2 did not run in the period");
        assert_eq!(
            status("single", Some("s2"), period).1,
            "instance s2 has standard storage; the promise covers premium only"
        );
        assert_eq!(
            status("single", Some("s3"), period).1,
            "the inventory gives no storage for instance s3; the promise covers premium only"
        );
    }
    assert_eq!(numbers(ledger(&r, Some("s1"), "2025-06")), (0, 30, 43170, 43200, "met"));
    // zb starts on July 1st: one zone in June, two in July.
    assert_eq!(
        status("zonal", None, "2025-06"),
        ("not_covered", "its running instances were in 1 zone (z1); the promise needs at least 2".into(), false)
    );
    assert_eq!(numbers(ledger(&r, None, "2025-07")), (0, 30, 44610, 44640, "missed"));
    // Only the covered miss owes a credit: b1's equal outage owes nothing.
    let credits: Vec<(Option<&str>, &str, String)> =
        r.credits.iter().map(|c| (c.instance.as_deref(), c.period.as_str(), c.amount.to_string())).collect();
    assert_eq!(credits, [(Some("a1"), "2025-06", "10.00".to_owned())]);
    assert_eq!(r.verdict.availability_missed, 2);
    case.snapshot_json(&r);
    case.snapshot_table(&r);
}

#[test]
fn a_promise_with_conditions_needs_an_inventory() {
    let mut case = Case::new("eligibility");
    case.request.inventory = None;
    let e = case.error();
    assert!(e.contains("the inventory of `set_vm`'s instances is needed but was not given"), "{e}");
    assert!(e.contains("covers when set size at least 2"), "{e}");
}

#[test]
fn t_from_the_inventory_days_purchased_and_minutes_with_two_running() {
    let case = Case::new("denominators");
    let r = case.report();
    let runs = |l: &slac::report::AvailabilityLedger| -> Vec<String> {
        l.counted_runs.iter().map(|x| x.causes.join("+")).collect()
    };
    // A purchase from 06-16 10:30: 15 whole days, T 21600; 30 min miss it.
    let p1 = ledger(&r, Some("p1"), "2025-06");
    assert_eq!((p1.total_minutes, numbers(p1)), (21600, (0, 30, 21570, 21600, "missed")));
    assert_eq!(p1.total_from.as_deref(), Some("days purchased: 15 day(s) from 2025-06-16 to 2025-06-30, 21600 min"));
    assert_eq!(p1.allowed_minutes, Some(dec("21.6")));
    let p2 = ledger(&r, Some("p2"), "2025-06");
    assert_eq!((p2.total_minutes, numbers(p2)), (43200, (0, 30, 43170, 43200, "met")));
    // Stopped 06-03 12:00: 3 days; an outage after the stop costs nothing.
    let p3 = ledger(&r, Some("p3"), "2025-06");
    assert_eq!((p3.total_minutes, numbers(p3)), (4320, (0, 0, 4320, 4320, "met")));
    assert!(runs(p3).is_empty());
    // Two instances from 06-03 08:00 to the month's end: 39840 min.
    let k = ledger(&r, None, "2025-06");
    assert_eq!((k.total_minutes, numbers(k)), (39840, (0, 20, 39820, 39840, "missed")));
    assert_eq!(k.remaining_minutes, Some(dec("-0.08")));
    assert_eq!(runs(k), ["incident K2"]);
}

#[test]
fn clock_hours_down_over_six_minutes_are_not_charged() {
    // tests/eval/slices/README.md: 5 bad clock hours (two of them the
    // repeated 01:00 hour of 2025-11-02), 1000.00 × 300 / 43260 = 6.93.
    let case = Case::new("slices");
    let r = case.report();
    let l = ledger(&r, None, "2025-11");
    assert_eq!(numbers(l), (0, 53, 43207, 43260, "missed"));
    let s = l.slices.as_ref().expect("slices in the ledger");
    assert_eq!(s.rule, "clock hour down over 6min, no charge");
    let bad: Vec<(&str, &str, i64)> =
        s.bad.iter().map(|b| (b.start.as_str(), b.end.as_str(), b.down_minutes)).collect();
    assert_eq!(
        bad,
        [
            ("2025-11-02T01:00:00-04:00", "2025-11-02T01:00:00-05:00", 10),
            ("2025-11-02T01:00:00-05:00", "2025-11-02T02:00:00-05:00", 10),
            ("2025-11-05T10:00:00-05:00", "2025-11-05T11:00:00-05:00", 7),
            ("2025-11-06T10:00:00-05:00", "2025-11-06T11:00:00-05:00", 7),
            ("2025-11-07T11:00:00-05:00", "2025-11-07T12:00:00-05:00", 8),
        ]
    );
    assert_eq!(s.bad_slices, 5);
    assert_eq!(r.credits.len(), 1);
    assert_eq!(r.credits[0].amount, dec("6.93"));
    assert_eq!(r.credits[0].basis_amount, dec("1000.00"));
    assert_eq!(r.credits[0].form, "no charge");
    assert_eq!(r.totals.credits, dec("6.93"));
    case.snapshot_json(&r);
    case.snapshot_table(&r);

    // Day slices: 2025-11-02 is 1500 minutes, 20 down; 1000.00 × 1500 / 43260 = 34.67.
    let day = case.contract("contract-day.sla").report();
    let s = ledger(&day, None, "2025-11").slices.as_ref().expect("slices");
    let bad: Vec<(i64, i64)> = s.bad.iter().map(|b| (b.minutes, b.down_minutes)).collect();
    assert_eq!(bad, [(1500, 20)]);
    assert_eq!(day.credits[0].amount, dec("34.67"));
}

#[test]
fn a_slice_rule_without_a_remedy_reports_but_owes_nothing() {
    // The same month with `slice clock hour down over 6min` and no
    // `no charge`: the five bad hours are listed, no credit line.
    let case = Case::new("slices").contract("contract-report-only.sla");
    let r = case.report();
    assert_eq!(ledger(&r, None, "2025-11").slices.as_ref().map(|s| s.bad_slices), Some(5));
    assert!(r.credits.is_empty());
}

#[test]
fn a_promise_per_region_has_a_ledger_and_a_credit_per_region() {
    // tests/eval/per-region/README.md: ap-south-1 U = 500 (30%), eu-west-1
    // U = 3 (met), us-east-1 U = 30 + 5 (10%).
    let case = Case::new("per-region");
    let r = case.report();
    let cells: Vec<(Option<&str>, i64, String)> =
        r.availability.iter().map(|l| (l.region.as_deref(), l.unavailable_minutes, l.status.to_string())).collect();
    assert_eq!(
        cells,
        [
            (Some("ap-south-1"), 500, "missed".to_owned()),
            (Some("eu-west-1"), 3, "met".to_owned()),
            (Some("us-east-1"), 35, "missed".to_owned()),
        ]
    );
    let credits: Vec<(Option<&str>, rust_decimal::Decimal)> =
        r.credits.iter().map(|c| (c.region.as_deref(), c.amount)).collect();
    assert_eq!(credits, [(Some("ap-south-1"), dec("300.00")), (Some("us-east-1"), dec("100.00"))]);
    assert_eq!(r.totals.credits, dec("400.00"));
    case.snapshot_json(&r);
    case.snapshot_table(&r);
}

/// The inventory's rows in reverse order give the same ledgers and credits,
/// for conditions and for T alike.
#[test]
fn the_inventory_row_order_does_not_matter() {
    for name in ["eligibility", "denominators"] {
        let case = Case::new(name);
        let given = case.report();
        let path = case.request.inventory.clone().expect("the case has an inventory");
        let text = std::fs::read_to_string(&path).expect("inventory.csv");
        let mut lines: Vec<&str> = text.lines().collect();
        lines[1..].reverse();
        let dir = std::env::temp_dir().join(format!("slac-inventory-order-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        let reversed = dir.join("inventory.csv");
        std::fs::write(&reversed, lines.join("\n") + "\n").expect("written");
        let mut case = case;
        case.request.inventory = Some(reversed);
        let other = case.report();
        let json = |r: &slac::report::Report| {
            serde_json::to_string(&(&r.availability, &r.credits)).expect("the report serialises")
        };
        assert_eq!(json(&given), json(&other), "{name}");
        std::fs::remove_dir_all(&dir).ok();
    }
}

#[test]
fn an_outage_without_a_region_is_a_bad_row_for_a_promise_per_region() {
    let case = Case::new("per-region");
    let dir = case.dir.clone();
    let err = case.with(|r| r.incidents = Some(dir.join("incidents-no-region.csv"))).error();
    assert!(err.contains("incidents-no-region.csv:3"), "{err}");
    assert!(err.contains("field region"), "{err}");
    assert!(err.contains("promised per region"), "{err}");
}

#[test]
fn without_per_region_the_same_rows_judge_the_service_as_one() {
    // 500 + 3 + 35 = 538 minutes: one ledger, 42662/43200, 30%.
    let case = Case::new("per-region").contract("contract-whole.sla");
    let r = case.report();
    assert_eq!(r.availability.len(), 1);
    assert_eq!(numbers(ledger(&r, None, "2025-04")), (0, 538, 42662, 43200, "missed"));
    assert_eq!(r.credits[0].amount, dec("300.00"));
    assert_eq!(r.credits[0].region, None);
}

#[test]
fn probe_rows_judge_each_region_on_its_own_rows() {
    // tests/eval/per-region-probes/README.md: us-east-1 U = 5 (missed,
    // 100.00), eu-west-1 U = 2 (met); added up as one service U = 4 (met).
    let case = Case::new("per-region-probes");
    let r = case.report();
    let cells: Vec<(Option<&str>, i64, &str)> =
        r.availability.iter().map(|l| (l.region.as_deref(), l.unavailable_minutes, l.status.as_str())).collect();
    assert_eq!(cells, [(Some("eu-west-1"), 2, "met"), (Some("us-east-1"), 5, "missed")]);
    let credits: Vec<(Option<&str>, rust_decimal::Decimal)> =
        r.credits.iter().map(|c| (c.region.as_deref(), c.amount)).collect();
    assert_eq!(credits, [(Some("us-east-1"), dec("100.00"))]);
    case.snapshot_json(&r);

    let whole = case.clone().contract("contract-whole.sla").report();
    assert_eq!(numbers(ledger(&whole, None, "2025-04")), (0, 4, 43196, 43200, "met"));
    assert!(whole.credits.is_empty());

    let dir = case.dir.clone();
    let err = case.with(|r| r.probes = Some(dir.join("probes-no-region.csv"))).error();
    assert!(err.contains("probes-no-region.csv:4"), "{err}");
    assert!(err.contains("field region"), "{err}");
}
