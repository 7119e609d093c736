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

/// A bad option stops with exit 2. The library names the option in words
/// (no flag below the CLI); the CLI names its flag in the same message.
#[test]
fn bad_options_are_named_in_words_by_the_library_and_by_flag_by_the_cli() {
    let case = Case::new("credit-bands");
    let cases: [(&[&str], &str, &str); 6] = [
        (&["--from", "March"], "the first month March is not a month", "--from March is not a month"),
        (
            &["--from", "2025-03", "--to", "2025-01"],
            "the last month to evaluate, 2025-01, is before the first, 2025-03",
            "--to 2025-01 is before --from 2025-03",
        ),
        (
            &["--holidays", "zz=x.csv"],
            "the extra holiday file zz=x.csv: the contract has no holiday set `zz`",
            "--holidays zz=x.csv: the contract has no holiday set `zz`",
        ),
        (&["--contract-value", "USD 1.00"], "the contract value is in USD", "--contract-value is in USD"),
        (&["--as-of", "soon"], "the as-of time soon is not a timestamp", "--as-of soon is not a timestamp"),
        (
            &["--contract-value", "CNY"],
            "the contract value CNY: write the currency and the amount",
            "--contract-value CNY: write the currency and the amount",
        ),
    ];
    for (extra, words, flags) in cases {
        let request = case.clone().with(|q| {
            let value = |flag: &str| extra.iter().position(|a| *a == flag).map(|i| extra[i + 1].to_owned());
            q.from = value("--from").or(q.from.take());
            q.to = value("--to").or(q.to.take());
            q.contract_value = value("--contract-value").or(q.contract_value.take());
            q.as_of = value("--as-of").or(q.as_of.take());
            q.holidays.extend(value("--holidays"));
        });
        let e = request.error();
        assert!(e.starts_with(words) && !e.contains("--"), "{e}");
        let mut cli = case.args();
        // Options given twice would be clap's error, not ours.
        for flag in extra.iter().filter(|a| a.starts_with("--")) {
            if let Some(i) = cli.iter().position(|a| a == flag) {
                cli.drain(i..i + 2);
            }
        }
        cli.extend(extra.iter().map(|s| (*s).to_owned()));
        let out = slac(&cli);
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert!(out.stderr.starts_with(&format!("error: {flags}")), "{}", out.stderr);
    }
}
