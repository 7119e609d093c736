//! Exit codes of `slac eval`: 0 when every commitment was met, 1 on any
//! breach, 2 on bad input or usage.

use super::harness::{Case, slac};

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn zero_when_all_met() {
    let out = Case::new("month-boundary").run(&[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("verdict: every commitment evaluated was met"), "{}", out.stdout);
}

#[test]
fn one_on_any_breach() {
    for case in ["worked-a", "worked-b", "month-length", "durability", "objectives", "escalation"] {
        let out = Case::new(case).run(&["--format", "json"]);
        assert_eq!(out.code, 1, "{case}: {}", out.stderr);
        let json: serde_json::Value = serde_json::from_str(&out.stdout).expect("the report is JSON");
        assert_eq!(json["verdict"]["all_met"], false, "{case}");
    }
}

#[test]
fn every_format_prints_and_keeps_the_exit_code() {
    for format in ["table", "json", "markdown", "csv"] {
        let out = Case::new("worked-b").run(&["--format", format]);
        assert_eq!(out.code, 1, "{format}: {}", out.stderr);
        assert!(out.stdout.contains("i-4"), "{format}: {}", out.stdout);
    }
}

#[test]
fn two_on_a_bad_row() {
    let out = Case::new("unknown-severity").run(&[]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("incidents.csv:3: field severity"), "{}", out.stderr);
}

#[test]
fn two_on_a_missing_file() {
    let out = Case::new("worked-a").with(|q| q.probes = Some("tests/eval/worked-a/no-such-probes.csv".into())).run(&[]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("no-such-probes.csv"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
}

#[test]
fn two_on_a_contract_with_errors() {
    let dir = std::env::temp_dir().join(format!("slac-eval-bad-contract-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary directory");
    let file = dir.join("bad.sla");
    std::fs::write(&file, "contract \"bad\" {\n  timezone \"Asia/Shanghai\"\n  availability api { target 150% }\n}\n")
        .expect("write the contract");
    let out = slac(&args(&["eval", &file.display().to_string(), "--as-of", "2025-03-01 00:00"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("has errors"), "{}", out.stderr);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn two_on_a_missing_contract() {
    let out = slac(&args(&["eval", "tests/eval/no-such-case/contract.sla"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
}

#[test]
fn two_on_an_unknown_month() {
    for bad in ["2025-13", "jan", "2025-1"] {
        let out = Case::new("worked-a").run(&["--from", bad]);
        assert_eq!(out.code, 2, "--from {bad}");
        assert!(out.stderr.contains("--from"), "{}", out.stderr);
    }
    let out = Case::new("worked-a").with(|q| q.to = Some("2024-12".into())).run(&[]);
    assert_eq!(out.code, 2, "--to before --from: {}", out.stderr);
    assert!(out.stderr.contains("before --from"), "{}", out.stderr);
}

#[test]
fn two_on_a_bad_as_of_or_contract_value() {
    let out = Case::new("worked-a").with(|q| q.as_of = Some("yesterday".into())).run(&[]);
    assert_eq!(out.code, 2);
    let out = Case::new("liability").with(|q| q.contract_value = Some("CNY lots".into())).run(&[]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--contract-value"), "{}", out.stderr);
}

#[test]
fn two_on_an_unknown_flag() {
    let out = slac(&args(&["eval", "contracts/jdcloud-baas.sla", "--no-such-flag"]));
    assert_eq!(out.code, 2);
}

/// An amount a clause needs and nobody gave names the clause it is for, with
/// the section it cites: the credit of seed 002 without its monthly fees.
#[test]
fn a_missing_amount_names_the_clause_that_needs_it() {
    let e = Case::new("seed-jdcloud").with(|q| q.usage = None).error();
    assert!(e.contains("the monthly fee of baas"), "{e}");
    assert!(e.contains("(in the credit of baas, § 2.12.2)"), "{e}");
}
