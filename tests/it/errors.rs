//! One notion of error across `check`, `compile` and `eval`: a contract
//! `check` rejects with an error is rejected by every command, with the same
//! diagnostics (docs/diagnostics.md, "Which findings are errors").

use crate::repo;
use crate::run::Slac;
use std::path::{Path, PathBuf};
use std::process::Output;

fn slac(dir: &Path, args: &[&str]) -> Output {
    Slac::new(args).dir(dir).output()
}

/// A fresh directory for one test, with the given files in it.
fn scratch(name: &str, files: &[(&str, &[u8])]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("errors").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch directory");
    for (file, bytes) in files {
        std::fs::write(dir.join(file), bytes).expect("a scratch file");
    }
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// `check` exits 1, `compile` exits 1 and prints no IR, `eval` exits 2 and
/// prints no report; each names `code` on the error stream (or, for check,
/// its output).
fn rejected_everywhere(dir: &Path, file: &str, code: &str) {
    let check = slac(dir, &["check", "--format", "json", file]);
    assert_eq!(check.status.code(), Some(1), "check {file}: {}", text(&check.stdout));
    assert!(text(&check.stdout).contains(code), "check {file}: {}", text(&check.stdout));
    let compile = slac(dir, &["compile", file]);
    assert_eq!(compile.status.code(), Some(1), "compile {file}: {}", text(&compile.stderr));
    assert!(compile.stdout.is_empty(), "compile {file} printed {}", text(&compile.stdout));
    assert!(text(&compile.stderr).contains(code), "compile {file}: {}", text(&compile.stderr));
    let eval = slac(dir, &["eval", file, "--as-of", "2025-04-01T00:00:00+08:00"]);
    assert_eq!(eval.status.code(), Some(2), "eval {file}: {}", text(&eval.stderr));
    assert!(eval.stdout.is_empty(), "eval {file} printed a report: {}", text(&eval.stdout));
    assert!(text(&eval.stderr).contains(code), "eval {file}: {}", text(&eval.stderr));
}

#[test]
fn a_file_that_declares_nothing_is_an_error_in_every_command() {
    let cases: [(&str, &[u8]); 6] = [
        ("empty.sla", b""),
        ("bom.sla", b"\xef\xbb\xbf"),
        ("blank.sla", b"  \n\t\r\n\n"),
        ("comments.sla", b"// emptied by a bad merge\n\n   // nothing else\n"),
        ("bom-comments.sla", b"\xef\xbb\xbf// only a comment\r\n"),
        ("bom-blank.sla", b"\xef\xbb\xbf\n\n"),
    ];
    let dir = scratch("empty", &cases);
    for (file, _) in cases {
        rejected_everywhere(&dir, file, "slac::check::empty_file");
    }
}

#[test]
fn a_lint_error_stops_compile_and_eval() {
    // Overlapping bands (L204, an error by default): a 99.20% month would
    // fall in both [99.00%, 99.80%) => 10% and [95.00%, 99.50%) => 25%.
    let contract = std::fs::read(repo().join("tests/lint/credit-band-overlap/fail.sla")).expect("fixture");
    let dir = scratch("overlap", &[("contract.sla", &contract)]);
    rejected_everywhere(&dir, "contract.sla", "L204");
    let eval = slac(&dir, &["eval", "contract.sla", "--as-of", "2025-04-01T00:00:00+08:00"]);
    assert!(text(&eval.stderr).contains("has errors"), "{}", text(&eval.stderr));
}

#[test]
fn slac_toml_levels_hold_for_compile_and_eval_as_for_check() {
    let contract = std::fs::read(repo().join("tests/lint/credit-band-overlap/fail.sla")).expect("fixture");
    // Lowered to a warning: every command accepts the contract.
    let warn = scratch(
        "overlap-warn",
        &[("contract.sla", &contract), ("slac.toml", b"[lints]\ncredit-band-overlap = \"warn\"\n")],
    );
    assert_eq!(slac(&warn, &["check", "contract.sla"]).status.code(), Some(0));
    let compile = slac(&warn, &["compile", "contract.sla"]);
    assert_eq!(compile.status.code(), Some(0), "{}", text(&compile.stderr));
    assert!(compile.stderr.is_empty(), "warnings are check's to print: {}", text(&compile.stderr));
    let eval = slac(&warn, &["eval", "contract.sla", "--as-of", "2025-04-01T00:00:00+08:00"]);
    assert_ne!(eval.status.code(), Some(2), "{}", text(&eval.stderr));
    // Every warning raised to an error: a clean-but-warned contract is
    // refused by all three.
    let clean = std::fs::read(repo().join("tests/lint/credit-without-cap/fail.sla")).expect("fixture");
    let deny = scratch("deny-warnings", &[("contract.sla", &clean), ("slac.toml", b"[lints]\nwarnings = \"deny\"\n")]);
    rejected_everywhere(&deny, "contract.sla", "L104");
}
