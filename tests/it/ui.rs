//! Broken inputs, one mistake each: `tests/ui/<error_name>.sla`.
//!
//! Each fixture states its intent on its first line
//! (`// expect: slac::type::unit_mismatch`). The tests check that the file
//! produces exactly that one error, snapshot how it is rendered, and hold
//! every diagnostic to the same bar: it points at a token, says what is
//! wrong in plain words and has a help line saying what to write instead.

use crate::{compile, render, render_all, sla_files, stem};
use slac::diag::{Code, Diagnostic};
use slac::syntax::grammar::Rule;
use std::collections::BTreeSet;

/// Codes no single file can produce: a file to compile that holds no
/// contract (only `slac compile` minds) and a file that cannot be read.
/// `cli.rs` covers both.
const NOT_FROM_A_FILE: &[Code] = &[Code::MissingContract, Code::ReadFailed, Code::SqlUnsupported];

struct Fixture {
    path: String,
    expect: String,
}

fn fixtures() -> Vec<Fixture> {
    sla_files("tests/ui")
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(crate::repo().join(&path)).expect("a fixture can be read");
            let first = text.lines().next().unwrap_or_default();
            let expect = first
                .strip_prefix("// expect: ")
                .unwrap_or_else(|| panic!("{path} must start with `// expect: CODE`"))
                .trim()
                .to_owned();
            Fixture { path, expect }
        })
        .collect()
}

#[test]
fn there_are_at_least_forty_fixtures() {
    assert!(fixtures().len() >= 40, "only {} fixtures", fixtures().len());
}

#[test]
fn every_fixture_reports_exactly_its_expected_error() {
    let mut wrong = Vec::new();
    for f in fixtures() {
        let c = compile(&f.path);
        let codes: Vec<&str> = c.diags.iter().filter(|d| d.is_error()).map(|d| d.code).collect();
        if codes != [f.expect.as_str()] {
            wrong.push(format!("{}: expected [{}], got {codes:?}\n{}", f.path, f.expect, render_all(&c)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_fixture_renders_as_in_its_snapshot() {
    for f in fixtures() {
        // Each snapshot sits beside its fixture: `tests/ui/snapshots/<name>.snap`.
        insta::with_settings!({
            description => f.expect.clone(),
            omit_expression => true,
            snapshot_path => "../ui/snapshots",
            prepend_module_to_snapshot => false,
        }, {
            insta::assert_snapshot!(stem(&f.path), render(&f.path));
        });
    }
}

/// A snapshot whose fixture was renamed or removed would never be compared
/// again: none may be left behind.
#[test]
fn every_snapshot_beside_the_fixtures_has_its_fixture() {
    let stems: BTreeSet<String> = fixtures().iter().map(|f| stem(&f.path)).collect();
    let dir = crate::repo().join("tests/ui/snapshots");
    for entry in std::fs::read_dir(&dir).expect("tests/ui/snapshots exists") {
        let name = entry.expect("a directory entry").file_name().to_string_lossy().into_owned();
        let snapshot =
            name.strip_suffix(".snap").unwrap_or_else(|| panic!("tests/ui/snapshots/{name} is not a snapshot"));
        assert!(stems.contains(snapshot), "tests/ui/snapshots/{name} has no fixture tests/ui/{snapshot}.sla");
    }
}

#[test]
fn every_code_a_file_can_produce_has_a_fixture() {
    let known: BTreeSet<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    let mut covered: BTreeSet<String> = BTreeSet::new();
    for f in fixtures() {
        assert!(known.contains(f.expect.as_str()), "{}: `{}` is not a code", f.path, f.expect);
        covered.insert(f.expect);
    }
    covered.extend(NOT_FROM_A_FILE.iter().map(|c| c.as_str().to_owned()));
    let missing: Vec<&&str> = known.iter().filter(|c| !covered.contains(**c)).collect();
    assert!(missing.is_empty(), "codes without a fixture in tests/ui: {missing:?}");
}

#[test]
fn every_diagnostic_points_at_a_token_and_says_what_to_write() {
    let mut paths: Vec<String> = fixtures().into_iter().map(|f| f.path).collect();
    paths.push("tests/fixtures/many_errors.sla".into());
    for path in paths {
        for d in &compile(&path).diags {
            assert_plain(&path, d);
        }
    }
}

/// The bar every diagnostic meets.
pub fn assert_plain(path: &str, d: &Diagnostic) {
    let what = format!("{path}: {} `{}`", d.code, d.message);
    assert!(!d.label.is_empty(), "{what} has no label");
    let help = d.help.as_deref().unwrap_or_default();
    assert!(!help.is_empty(), "{what} has no help line");
    for rule in Rule::all_rules() {
        // Rule names with an underscore cannot be mistaken for a word.
        let name = format!("{rule:?}");
        if name.contains('_') {
            assert!(!d.message.contains(&name) && !help.contains(&name), "{what} names the grammar rule {name}");
        }
    }
}

#[test]
fn several_errors_are_all_reported_in_the_order_of_the_file() {
    let c = compile("tests/fixtures/many_errors.sla");
    let codes: Vec<&str> = c.diags.iter().map(|d| d.code).collect();
    assert_eq!(
        codes,
        [
            "slac::type::currency_mismatch",
            "slac::type::unit_mismatch",
            "slac::resolve::unknown_calendar",
            "slac::resolve::unknown_channel",
            "slac::resolve::duplicate_id",
            "slac::resolve::unknown_service",
            "slac::type::percent_out_of_range",
            "slac::syntax::expected_period",
            "slac::type::inverted_interval",
        ]
    );
    let starts: Vec<u32> = c.diags.iter().map(|d| d.span.start).collect();
    assert!(starts.is_sorted(), "not in the order of the file: {starts:?}");
    insta::assert_snapshot!("many_errors", render_all(&c));
}
