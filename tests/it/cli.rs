//! The `slac` binary: exit codes and machine-readable diagnostics.

use crate::repo;
use crate::run::Slac;
use std::process::Output;

/// Run `slac` in the repository, without colour.
fn slac(args: &[&str]) -> Output {
    Slac::new(args).output()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn check_prints_json_diagnostics_and_fails_on_a_broken_file() {
    let out = slac(&["check", "--format", "json", "tests/fixtures/many_errors.sla"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    let json: serde_json::Value = serde_json::from_str(&text).expect("stdout is JSON");
    let list = json.as_array().expect("a list of diagnostics");
    assert_eq!(list.len(), 9);
    for d in list {
        for field in ["file", "line", "column", "end", "code", "severity", "message", "help"] {
            assert!(d.get(field).is_some(), "no `{field}` in {d}");
        }
        assert_eq!(d["file"], "tests/fixtures/many_errors.sla");
        assert_eq!(d["severity"], "error");
        assert!(d["line"].as_u64().is_some_and(|l| l > 0), "{d}");
        assert!(d["end"]["line"].as_u64().is_some_and(|l| l > 0), "{d}");
        assert!(d["help"].as_str().is_some_and(|h| !h.is_empty()), "{d}");
    }
    insta::assert_snapshot!("check_json", text);
}

#[test]
fn json_columns_count_characters_not_bytes() {
    let out = slac(&["check", "--format", "json", "tests/ui/fullwidth_comma.sla"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("stdout is JSON");
    // `    notify "客户成功总监"，`: the comma is the 20th character of line 6
    // (and its 38th byte).
    assert_eq!((json[0]["line"].as_u64(), json[0]["column"].as_u64()), (Some(6), Some(20)));
    assert_eq!((json[0]["end"]["line"].as_u64(), json[0]["end"]["column"].as_u64()), (Some(6), Some(21)));
}

#[test]
fn check_succeeds_on_a_clean_file() {
    let out = slac(&["check", "--format", "json", "tests/fixtures/contracts/objstore.sla"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out).trim(), "[]");
    let out = slac(&["check", "tests/fixtures/contracts/objstore.sla"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "checked 1 file: 0 errors, 0 warnings\n");
}

#[test]
fn check_reports_a_missing_path_as_a_usage_error() {
    let out = slac(&["check", "--format", "json", "tests/ui/there_is_no_such_file.sla"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("there_is_no_such_file.sla does not exist"), "{}", stderr(&out));
}

#[test]
fn compile_cannot_read_a_missing_file() {
    let out = slac(&["compile", "tests/ui/there_is_no_such_file.sla"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("slac::io::read_failed"), "{}", stderr(&out));
}

#[test]
fn compile_needs_a_contract() {
    // A library of shared clauses checks clean ...
    assert_eq!(slac(&["check", "tests/fixtures/library.sla"]).status.code(), Some(0));
    // ... but holds nothing to compile.
    let out = slac(&["compile", "tests/fixtures/library.sla"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("slac::check::missing_contract"), "{}", stderr(&out));
    assert!(stderr(&out).contains("help:"), "{}", stderr(&out));
}

#[test]
fn compile_prints_the_ir_of_a_clean_contract() {
    let out = slac(&["compile", "tests/fixtures/contracts/objstore.sla"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ir: slac::ir::Contract = serde_json::from_str(&stdout(&out)).expect("the IR reads back");
    assert_eq!(ir.id, "demo-objstore");
}

/// Run `slac` with `input` on standard input.
fn slac_with_stdin(args: &[&str], input: &[u8]) -> Output {
    Slac::new(args).stdin(input).output()
}

/// A file in this test binary's scratch directory.
fn scratch(name: &str, bytes: &[u8]) -> String {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, bytes).expect("the scratch file is written");
    path.display().to_string()
}

#[test]
fn check_reads_standard_input_as_stdin() {
    let contract = std::fs::read(repo().join("tests/ui/percent_above_100.sla")).unwrap();
    let out = slac_with_stdin(&["check", "-"], &contract);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).contains("[<stdin>:6:12]"), "{}", stdout(&out));
}

#[test]
fn sources_over_16_mib_are_refused_without_reading_them_whole() {
    let limit = 16 * 1024 * 1024;
    let big = scratch("big.sla", &vec![b' '; limit + 1]);
    let inputs: Vec<(Vec<&str>, &[u8])> = vec![
        (vec!["check", big.as_str()], b""),
        (vec!["compile", big.as_str()], b""),
        (vec!["check", "--format", "json", big.as_str()], b""),
    ];
    for (args, input) in inputs {
        let out = slac_with_stdin(&args, input);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let text = stdout(&out) + &stderr(&out);
        assert!(text.contains("larger than 16 MiB") && text.contains("big.sla"), "{text}");
    }
    // Standard input that never ends is cut at the limit too.
    let out = slac_with_stdin(&["check", "-"], &vec![b'\n'; limit + 10]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).contains("<stdin>: it is larger than 16 MiB"), "{}", stdout(&out));
    if cfg!(target_os = "linux") {
        let out = slac(&["check", "/dev/zero"]);
        assert_eq!(out.status.code(), Some(2));
        assert!(stdout(&out).contains("larger than 16 MiB"), "{}", stdout(&out));
    }
}

#[test]
fn a_source_that_is_not_utf8_names_the_line_and_column() {
    // Line 2 is `  title "ab` and a 0xFF byte: the byte is the 12th column.
    let bad = scratch("latin1.sla", b"contract \"a\" {\n  title \"ab\xff\"\n}\n");
    let out = slac(&["check", &bad]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).contains("not UTF-8 text: line 2, column 12"), "{}", stdout(&out));
}

#[test]
fn a_diagnostic_on_a_line_of_100k_columns_renders_in_every_command() {
    // 100,000 spaces after `timezone "UTC"`: `bogus` starts at character
    // 2 + 14 + 100,000 + 1 = 100,017.
    let text = format!("contract \"a\" {{\n  timezone \"UTC\"{} bogus\n}}\n", " ".repeat(100_000));
    let long = scratch("long.sla", text.as_bytes());
    for args in
        [vec!["check"], vec!["check", "--format", "sarif"], vec!["check", "--format", "github"], vec!["compile"]]
    {
        let mut args = args.clone();
        args.push(&long);
        let out = slac(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
    }
    let out = slac(&["check", &long]);
    assert!(stdout(&out).contains("long.sla:2:100018]"), "{}", stdout(&out));
    let out = slac(&["compile", &long]);
    assert!(stderr(&out).contains("long.sla:2:100018]"), "{}", stderr(&out));
}

#[test]
fn numbers_too_large_to_compute_with_fail_check_and_compile_cleanly() {
    let budget = std::fs::read(repo().join("tests/ui/budget_too_large.sla")).unwrap();
    let path = scratch("budget.sla", &budget);
    for cmd in ["check", "compile"] {
        let out = slac(&[cmd, &path]);
        assert_eq!(out.status.code(), Some(1), "{cmd}: {}", stderr(&out));
        let text = stdout(&out) + &stderr(&out);
        assert!(text.contains("slac::syntax::number_too_large") && text.contains("budget.sla:8:20"), "{text}");
    }
}

#[test]
fn the_largest_amounts_evaluate_and_larger_ones_are_refused() {
    let contract = std::fs::read_to_string(repo().join("tests/eval/penalties/contract.sla")).unwrap();
    let eval = |value: &str, cap: &str| {
        let text = contract
            .replace("value    CNY 100000.00", &format!("value    CNY {value}"))
            .replace("cap 5% of contract_value", cap);
        let path = scratch("amounts.sla", text.as_bytes());
        slac(&[
            "eval",
            &path,
            "--incidents",
            "tests/eval/penalties/incidents.csv",
            "--from",
            "2024-12",
            "--to",
            "2025-03",
            "--as-of",
            "2025-03-31 12:00:00",
        ])
    };
    // Just below 10^15, with the largest multiple: 1000 × 10^15 = 10^18
    // and 0.5% of 10^15 per hour are far inside a decimal.
    for cap in ["cap 1000x contract_value", "cap 100% of contract_value", "cap CNY 999999999999999.99"] {
        let out = eval("999999999999999.99", cap);
        assert_eq!(out.status.code(), Some(1), "{cap}: {}", stderr(&out));
    }
    // 79228162514264337593543950335 times anything overflowed (exit 101).
    for (value, cap) in [
        ("79228162514264337593543950335", "cap 2x contract_value"),
        ("1000000000000000", "cap 5% of contract_value"),
        ("100000.00", "cap 99999999999999999999999999x contract_value"),
        ("100000.00", "cap 1001x contract_value"),
    ] {
        let out = eval(value, cap);
        // A contract with errors is not evaluated: a usage error.
        assert_eq!(out.status.code(), Some(2), "{value} {cap}: {}", stderr(&out));
        assert!(stderr(&out).contains("slac::type::too_large"), "{}", stderr(&out));
    }
}

/// An internal agreement is compared with the contract it underpins only
/// when both are checked in one run: named together, or found in one
/// directory. Alone it has nothing to be compared with.
#[test]
fn an_ola_is_compared_with_the_contract_it_underpins_when_checked_together() {
    let l209 = |args: &[&str]| -> Vec<(u64, String)> {
        let out = slac(args);
        let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("stdout is JSON");
        json.as_array()
            .into_iter()
            .flatten()
            .filter(|d| d["code"] == "L209")
            .map(|d| (d["line"].as_u64().unwrap_or(0), d["file"].as_str().unwrap_or("").to_owned()))
            .collect()
    };
    let dir = "tests/lint/ola-not-stricter";
    let together = l209(&["check", "--format", "json", &format!("{dir}/fail.sla"), &format!("{dir}/peer.sla")]);
    // Lines of fail.sla: S4 and portal missing (7, the `underpins`), P1's
    // two limits (13, 14), S2's response (19), S3's missing resolution (25)
    // and its response on office hours (26), esign's target (30), api's
    // period (31).
    let lines: Vec<u64> = together.iter().map(|(line, _)| *line).collect();
    assert_eq!(lines, [7, 7, 13, 14, 19, 25, 26, 30, 31]);
    assert!(together.iter().all(|(_, file)| file.ends_with("fail.sla")), "{together:?}");
    // The same run with the directory: the same findings, and the passing
    // fixture beside them underpins the same contract without any.
    assert_eq!(l209(&["check", "--format", "json", dir]).len(), 9);
    assert!(l209(&["check", "--format", "json", &format!("{dir}/fail.sla")]).is_empty());
    assert!(l209(&["check", "--format", "json", &format!("{dir}/pass.sla"), &format!("{dir}/peer.sla")]).is_empty());
}
