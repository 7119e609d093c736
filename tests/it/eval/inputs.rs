//! Inputs that are wrong or unusual: unknown severities and causes,
//! durability counts, metrics.

use super::harness::{Case, ledger, numbers};
use slac::report::InputKind;

#[test]
fn an_unknown_severity_is_an_error_naming_file_line_and_field() {
    let case = Case::new("unknown-severity");
    let e = case.error();
    assert!(e.starts_with("tests/eval/unknown-severity/incidents.csv:3: field severity: `P9`"), "{e}");
    assert!(e.contains("L1/\"1\"/\"P1\""), "the error lists the tiers and labels: {e}");
    let out = case.run(&["--format", "json"]);
    assert_eq!(out.code, 2);
    assert!(out.stdout.is_empty(), "no partial report");
    assert!(out.stderr.contains("incidents.csv:3"), "{}", out.stderr);
}

#[test]
fn with_skip_bad_rows_an_unknown_severity_is_listed_as_skipped() {
    let case = Case::new("unknown-severity").with(|q| q.skip_bad_rows = true);
    let r = case.report();
    let ids: Vec<String> = r.incidents.iter().map(|i| i.id).collect();
    assert_eq!(ids, ["K1", "K3"]);
    let skipped: Vec<(String, &str)> =
        r.inputs[0].skipped.iter().map(|s| (s.location.to_string(), s.reason.as_str())).collect();
    // The location is a typed reference: no text is parsed to find the line.
    let lines: Vec<Option<u64>> = r.inputs[0].skipped.iter().map(|s| s.location.line).collect();
    assert_eq!(lines, [Some(3), Some(5)]);
    assert_eq!(skipped.len(), 2, "{skipped:?}");
    assert_eq!(skipped[0].0, "tests/eval/unknown-severity/incidents.csv:3");
    assert!(skipped[0].1.starts_with("field severity: `P9` is no tier"), "{}", skipped[0].1);
    assert_eq!(skipped[1].0, "tests/eval/unknown-severity/incidents.csv:5");
    assert!(skipped[1].1.contains("no severity given"), "{}", skipped[1].1);
    let table = slac::report::table::render(&r);
    assert!(table.contains("skipped tests/eval/unknown-severity/incidents.csv:3"), "{table}");
    assert!(r.verdict.all_met);
    // Set aside, the rows still count: rows read = records + skipped.
    assert_eq!(r.inputs[0].rows_read, 4);
    case.snapshot_table(&r);
}

#[test]
fn causes_excluded_unknown_and_with_nothing_down() {
    let case = Case::new("causes");
    let r = case.report();
    let l = ledger(&r, None, "2025-03");
    assert_eq!(numbers(l), (30, 60, 44550, 44610, "missed"));
    let excused: Vec<(&str, i64)> = l.excused.iter().map(|e| (e.rule.as_str(), e.minutes_in_period)).collect();
    assert_eq!(excused, [("third_party (incident C3)", 20), ("force_majeure (incident C5)", 10)]);
    let unmatched: Vec<(&str, Vec<String>)> =
        r.unmatched_causes.iter().map(|u| (u.cause.as_str(), u.incidents.clone())).collect();
    assert_eq!(
        unmatched,
        [("cosmic_rays", vec!["C2".to_owned(), "C7".to_owned()]), ("planned_maintenance", vec!["C6".to_owned()])]
    );
    assert!(r.unmatched_causes[0].note.contains("the minutes count"));
    assert!(r.unmatched_causes[1].note.contains("only a maintenance record"));
    case.snapshot_json(&r);
    case.snapshot_table(&r);
}

#[test]
fn durability_met_missed_and_without_data() {
    let case = Case::new("durability");
    let r = case.report();
    let rows: Vec<(&str, &str, Option<u64>)> =
        r.durability.iter().map(|d| (d.period.as_str(), d.status.as_str(), d.objects_lost)).collect();
    assert_eq!(
        rows,
        [
            ("2025-01", "met", Some(10)),
            ("2025-02", "missed", Some(11)),
            ("2025-03", "no_data", None),
            ("2025-04", "met", Some(0))
        ]
    );
    let jan = r.durability[0].ratio.as_ref().map(|x| x.percent.clone());
    assert_eq!(jan.as_deref(), Some("99.999999900000"));
    let feb = r.durability[1].ratio.as_ref().map(|x| x.percent.clone());
    assert_eq!(feb.as_deref(), Some("99.999999890000"));
    assert_eq!(r.verdict.durability_missed, 1);
    assert!(!r.verdict.all_met);
    case.snapshot_json(&r);
    case.snapshot_table(&r);
}

#[test]
fn durability_without_counts_is_not_evaluated_and_says_so() {
    let r = Case::new("durability").with(|q| q.usage = None).report();
    assert!(r.durability.is_empty());
    assert!(r.notes.iter().any(|n| n.contains("durability not evaluated")), "{:?}", r.notes);
}

#[test]
fn objectives_judged_from_metrics() {
    let case = Case::new("objectives");
    let r = case.report();
    let rows: Vec<(&str, &str, &str)> =
        r.objectives.iter().map(|o| (o.objective.as_str(), o.period.as_str(), o.status.as_str())).collect();
    assert_eq!(
        rows,
        [
            ("system_response_time", "2025-01", "met"),
            ("system_response_time", "2025-02", "missed"),
            ("system_response_time", "2025-01", "met"),
            ("scale_out_time", "2025-01", "met"),
            ("scale_out_time", "2025-02", "met"),
            ("ingress_port_bandwidth", "2025-01", "met"),
            ("ingress_port_bandwidth", "2025-02", "unit_mismatch"),
            ("backup_success", "2025-01", "missed"),
            ("backup_success", "2025-02", "met"),
        ]
    );
    assert_eq!(r.verdict.objectives_missed, 2);
    assert!(r.notes.iter().any(|n| n.contains("not_in_contract")), "{:?}", r.notes);
    // Every objective of this contract has a figure: no "no figure" note.
    assert!(!r.notes.iter().any(|n| n.contains("no figure")), "{:?}", r.notes);
    case.snapshot_json(&r);
    case.snapshot_table(&r);
}

#[test]
fn bad_rows_are_set_aside_in_file_order_with_their_field() {
    let case = Case::new("bad-rows");
    let r = case.report();
    let listed = |kind: InputKind| {
        let s = r.inputs.iter().find(|s| s.kind == kind).expect("a summary");
        assert_eq!(s.rows_read, s.records + s.rows_skipped, "{kind}: rows = records + skipped");
        assert_eq!(s.rows_skipped, s.skipped.len() as u64, "{kind}: every skipped row listed");
        s.skipped.iter().map(|k| format!("{}: {}", k.location, k.reason)).collect::<Vec<_>>()
    };
    let incidents = listed(InputKind::Incidents);
    assert_eq!(incidents.len(), 3, "{incidents:?}");
    assert!(incidents[0].starts_with("tests/eval/bad-rows/incidents.csv:3: field service: `mail`"), "{incidents:?}");
    assert!(incidents[1].starts_with("tests/eval/bad-rows/incidents.csv:4: field resolved_at:"), "{incidents:?}");
    assert!(incidents[2].starts_with("tests/eval/bad-rows/incidents.csv:5: field service:"), "{incidents:?}");
    let probes = listed(InputKind::Probes);
    assert_eq!(probes.len(), 2, "{probes:?}");
    assert!(probes[0].starts_with("tests/eval/bad-rows/probes.csv:3: field service: `nope`"), "{probes:?}");
    assert!(probes[1].starts_with("tests/eval/bad-rows/probes.csv:4: field ok:"), "{probes:?}");
    assert_eq!(numbers(ledger(&r, None, "2025-03")), (0, 11, 44629, 44640, "met"));
    let web = r.availability.iter().find(|l| l.service == "web").expect("web");
    assert_eq!(web.unavailable_minutes, 21);
    case.snapshot_json(&r);

    // Without the flag, the first bad row of each file stops the evaluation.
    let e = case.clone().with(|q| q.skip_bad_rows = false).error();
    assert!(e.starts_with("tests/eval/bad-rows/incidents.csv:4: field resolved_at"), "the reader stops first: {e}");
    let e = case.with(|q| {
        q.skip_bad_rows = false;
        q.incidents = None;
    });
    let e = e.error();
    assert!(e.starts_with("tests/eval/bad-rows/probes.csv:3: field service: `nope` is not a service"), "{e}");
}

#[test]
fn json_and_ndjson_incidents_give_the_same_report() {
    let case = Case::new("unknown-severity").with(|q| q.skip_bad_rows = true);
    let csv = case.report();
    for (file, first_skip) in [("incidents.json", "incidents.json at /1"), ("incidents.ndjson", "incidents.ndjson:2")] {
        let path = case.dir.join(file);
        let r = case.clone().with(|q| q.incidents = Some(path)).report();
        let ids = |r: &slac::report::Report| r.incidents.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&r), ids(&csv), "{file}");
        let statuses = |r: &slac::report::Report| {
            r.incidents.iter().map(|i| i.response.as_ref().map(|c| c.status.to_string())).collect::<Vec<_>>()
        };
        assert_eq!(statuses(&r), statuses(&csv), "{file}");
        let skipped: Vec<String> = r.inputs[0].skipped.iter().map(|s| s.location.to_string()).collect();
        assert_eq!(skipped.len(), 2, "{file}: {skipped:?}");
        assert!(skipped[0].ends_with(first_skip), "{file}: {skipped:?}");
        assert_eq!(r.inputs[0].records, 2, "{file}");
    }
}

#[test]
fn unmatched_causes_are_those_of_the_evaluated_range() {
    // Worked example A evaluated for February only: A7 (January) is not
    // listed; nothing in February has an unmatched cause.
    let r = Case::new("worked-a").with(|q| q.from = Some("2025-02".into())).report();
    assert!(r.unmatched_causes.is_empty(), "{:?}", r.unmatched_causes);
}

#[test]
fn a_library_caller_without_summaries_still_sees_skipped_rows() {
    let c = slac::driver::compile_source(
        "x.sla",
        "contract \"x\" {\n  timezone \"Asia/Shanghai\"\n  service api \"API\"\n  service web \"Web\"\n}\n",
    );
    let contract = c.checked().expect("a contract without errors");
    let t = chrono::DateTime::parse_from_rfc3339("2025-03-03T10:00:00+08:00").expect("a time").to_utc();
    let incident = slac::events::Incident {
        id: "X1".into(),
        service: Some("mail".into()),
        severity: None,
        opened_at: t,
        responded_at: None,
        resolved_at: None,
        impact: slac::events::Impact::Outage,
        source: slac::events::RowRef { file: "mine.csv".into(), line: Some(2), pointer: None },
        rare: None,
    };
    let inputs = slac::eval::Inputs { incidents: vec![incident], ..Default::default() };
    let cfg = slac::eval::Config {
        as_of: t,
        from: None,
        to: None,
        holidays: Default::default(),
        contract_value: None,
        skip_bad_rows: true,
        file: "x.sla".into(),
    };
    let r = slac::eval::evaluate(&contract, inputs, &cfg).expect("evaluated");
    assert_eq!(r.inputs.len(), 1);
    assert_eq!((r.inputs[0].kind.name(), r.inputs[0].file.as_str()), ("incidents", "mine.csv"));
    assert_eq!(r.inputs[0].skipped[0].location.to_string(), "mine.csv:2");
}
