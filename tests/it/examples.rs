//! `slac test`: examples that pass, examples that must fail with the diff
//! they give, an `expect error`, a contract with errors, the JSON shape,
//! and the shipped contracts' examples (so CI runs them).

use crate::run::Slac;
use proptest::prelude::*;
use slac::driver::compile_source;
use slac::examples::run::run_all;
use slac::inputs::{Files, Opened};
use std::io;
use std::path::Path;

#[test]
fn the_shipped_contracts_examples_all_pass() {
    let ran = Slac::new(["test", "contracts/"]).run();
    assert_eq!(ran.code, 0, "{}{}", ran.stdout, ran.stderr);
    assert!(!ran.stdout.contains("FAILED"), "{}", ran.stdout);
    // Every shipped contract has examples.
    for file in crate::sla_files("contracts") {
        assert!(ran.stdout.contains(&file), "{file} has no examples:\n{}", ran.stdout);
    }
    insta::assert_snapshot!("shipped", ran.stdout);
}

#[test]
fn passing_examples_exit_0() {
    let ran = Slac::new(["test", "tests/examples/passing.sla"]).run();
    assert_eq!(ran.code, 0, "{}{}", ran.stdout, ran.stderr);
    assert!(ran.stdout.ends_with("\n3 passed, 0 failed\n"), "{}", ran.stdout);
    insta::assert_snapshot!("passing", ran.stdout);
}

#[test]
fn failing_examples_exit_1_with_what_differed() {
    let ran = Slac::new(["test", "tests/examples/failing.sla"]).run();
    assert_eq!(ran.code, 1, "{}{}", ran.stdout, ran.stderr);
    let out = &ran.stdout;
    assert!(out.ends_with("\n0 passed, 3 failed\n"), "{out}");
    // 20 min against 15: 5 min over; the resolution, 1 h of 4, holds.
    assert!(
        out.contains("incident B1 response\n      expected: met\n      actual:   breached (over by 5min)\n"),
        "{out}"
    );
    assert!(!out.contains("incident B1 resolution"), "{out}");
    // A 4-minute run is shorter than the minimum outage: nothing counted.
    assert!(out.contains("availability api 2025-03 status\n      expected: missed\n      actual:   met\n"), "{out}");
    assert!(
        out.contains("availability api 2025-03 unavailable\n      expected: 4min\n      actual:   0min\n"),
        "{out}"
    );
    assert!(out.contains("credit api 2025-03\n      expected: CNY 100.00\n      actual:   no credit\n"), "{out}");
    assert!(out.contains("expected: an error containing \"opened_at\"\n"), "{out}");
    insta::assert_snapshot!("failing", ran.stdout);
}

/// Status-change histories inline: a pause over a weekend, a make-up
/// working day and a holiday; a ticket raised mid-flight; and a pause
/// miscounted on purpose, which must fail with the difference (arithmetic
/// in the file).
#[test]
fn examples_over_status_histories_pass_and_a_miscount_fails() {
    let ran = Slac::new(["test", "tests/examples/pauses.sla"]).run();
    assert_eq!(ran.code, 1, "{}{}", ran.stdout, ran.stderr);
    let out = &ran.stdout;
    assert!(out.contains("  ok      waiting on the customer stops the clock\n"), "{out}");
    assert!(out.contains("  ok      a ticket raised to P1 is judged as P1 from its opening\n"), "{out}");
    assert!(
        out.contains("incident C resolution paused\n      expected: paused for 3h\n      actual:   paused for 4h\n"),
        "{out}"
    );
    assert!(out.contains("  ok      an hourly update cadence\n"), "{out}");
    assert!(out.ends_with("\n3 passed, 1 failed\n"), "{out}");
}

#[test]
fn a_filter_runs_only_the_examples_it_names() {
    let ran = Slac::new(["test", "tests/examples/failing.sla", "--name", "blip"]).run();
    assert_eq!(ran.code, 1);
    assert!(ran.stdout.contains("a blip read as an outage") && !ran.stdout.contains("late answer"), "{}", ran.stdout);
    assert!(ran.stdout.ends_with("\n0 passed, 1 failed\n"), "{}", ran.stdout);
}

#[test]
fn a_contract_with_errors_is_not_run_and_exits_2() {
    let ran = Slac::new(["test", "tests/examples/broken"]).run();
    assert_eq!(ran.code, 2, "{}{}", ran.stdout, ran.stderr);
    assert!(ran.stdout.contains("slac::resolve::unknown_service"), "{}", ran.stdout);
    insta::assert_snapshot!("broken", ran.stdout);
}

#[test]
fn json_output_has_a_stable_shape() {
    let ran = Slac::new(["test", "--format", "json", "tests/examples/failing.sla", "tests/examples/broken"]).run();
    assert_eq!(ran.code, 2);
    let v: serde_json::Value = serde_json::from_str(&ran.stdout).expect("JSON");
    assert_eq!(
        (v["passed"].as_u64(), v["failed"].as_u64(), v["files_with_errors"].as_u64()),
        (Some(0), Some(3), Some(1))
    );
    let first = &v["files"][0]["examples"][0];
    assert_eq!(first["name"], "a late answer read as met");
    assert_eq!(first["failures"][0]["what"], "incident B1 response");
    assert_eq!(first["failures"][0]["actual"], "breached (over by 5min)");
    assert_eq!(v["files"][1]["diagnostics"][0]["code"], "slac::resolve::unknown_service");
    insta::assert_snapshot!("json", ran.stdout);
}

/// The contract from memory; the example's events are handed over by the
/// runner on top of these.
struct OneFile(String);

impl Files for OneFile {
    fn open(&self, path: &Path) -> io::Result<Opened<'_>> {
        if path == Path::new("p.sla") {
            Ok(Opened { reader: Box::new(self.0.as_bytes()), size: self.0.len() as u64 })
        } else {
            Err(io::ErrorKind::NotFound.into())
        }
    }
}

const HEAD: &str = "contract \"p\" {\n  timezone \"Asia/Shanghai\"\n  currency CNY\n  service api \"API\"\n  \
    tier S1 \"Critical\" { respond within 15min }\n  availability api { target 99.9% }\n  example \"x\" {\n    as_of 2025-04-01 00:00\n";

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    /// Whatever is written in an example block, or in its events, checking
    /// and running it never panics.
    #[test]
    fn slac_test_never_panics_on_any_example_text(
        body in "[ -~\n\"{}]{0,120}",
        csv in "[a-z0-9_:,\\- \n\"]{0,160}",
    ) {
        for inner in [body.clone(), format!("incidents \"\"\"\nid,service,severity,opened_at\n{csv}\n\"\"\"\nexpect verdict met\n")] {
            let text = format!("{HEAD}{inner}\n  }}\n}}\n");
            let c = compile_source("p.sla", &text);
            if let Ok(checked) = c.checked() {
                let _ = run_all(&checked, Path::new("p.sla"), &OneFile(text.clone()), None);
            }
        }
    }
}

/// Cloud agreements' constructs inline: a promise's own maintenance
/// exclusion, an inventory with a set of one, a purchase from mid-month
/// (arithmetic in the file).
#[test]
fn examples_over_an_inventory_pass() {
    let ran = Slac::new(["test", "tests/examples/cloud.sla"]).run();
    assert_eq!(ran.code, 0, "{}{}", ran.stdout, ran.stderr);
    assert!(ran.stdout.ends_with("\n2 passed, 0 failed\n"), "{}", ran.stdout);
}
