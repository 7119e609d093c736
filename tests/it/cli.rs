//! The `slac` binary: exit codes and machine-readable diagnostics.

use crate::repo;
use std::process::{Command, Output};

/// Run `slac` in the repository, without colour.
fn slac(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_slac"))
        .args(args)
        .current_dir(repo())
        .env("NO_COLOR", "1")
        .output()
        .expect("the slac binary runs")
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
