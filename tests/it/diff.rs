//! `slac diff`: the three renderings of one pair of versions, exit codes
//! for `--fail-on`, broken inputs, and `--git` against a real repository.

use crate::run::Slac;
use std::path::{Path, PathBuf};
use std::process::Command;

const OLD: &str = "tests/fixtures/diff/old.sla";
const NEW: &str = "tests/fixtures/diff/new.sla";

#[test]
fn human_output_groups_changes_by_clause() {
    let ran = Slac::new(["diff", OLD, NEW]).run();
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    insta::assert_snapshot!("diff_human", ran.stdout);
}

#[test]
fn markdown_output_is_a_comment_for_a_pull_request() {
    let ran = Slac::new(["diff", "--format", "markdown", OLD, NEW]).run();
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    insta::assert_snapshot!("diff_markdown", ran.stdout);
}

#[test]
fn json_output_has_both_values_citations_and_a_verdict_per_change() {
    let ran = Slac::new(["diff", "--format", "json", OLD, NEW]).run();
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let json: serde_json::Value = serde_json::from_str(&ran.stdout).expect("stdout is JSON");
    let doc = &json[0];
    assert_eq!((doc["old"].as_str(), doc["new"].as_str()), (Some(OLD), Some(NEW)));
    let changes = doc["changes"].as_array().expect("a list of changes");
    for c in changes {
        for field in ["clause", "field", "old", "new", "old_citation", "new_citation", "verdict", "why"] {
            assert!(c.get(field).is_some(), "no `{field}` in {c}");
        }
    }
    let weaker = changes.iter().filter(|c| c["verdict"] == "weaker").count();
    assert_eq!(doc["summary"]["weaker"].as_u64(), Some(weaker as u64));
    insta::assert_json_snapshot!("diff_json", json);
}

#[test]
fn fail_on_weaker_exits_1_only_when_something_is_weaker() {
    let ran = Slac::new(["diff", "--fail-on", "weaker", OLD, NEW]).run();
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    // The way back strengthens what the way there weakened (and weakens
    // what it strengthened: the penalty rate).
    let ran = Slac::new(["diff", "--fail-on", "weaker", OLD, OLD]).run();
    assert_eq!(
        (ran.code, ran.stdout.as_str()),
        (0, "tests/fixtures/diff/old.sla -> tests/fixtures/diff/old.sla\nno change in meaning\n")
    );
}

#[test]
fn a_side_that_does_not_compile_gives_its_diagnostics_and_exit_2() {
    for args in [[OLD, "tests/fixtures/many_errors.sla"], ["tests/fixtures/many_errors.sla", NEW]] {
        let ran = Slac::new(["diff"]).args(args).run();
        assert_eq!(ran.code, 2, "{}", ran.stdout);
        assert!(ran.stdout.is_empty(), "{}", ran.stdout);
        assert!(ran.stderr.contains("tests/fixtures/many_errors.sla:27:10"), "{}", ran.stderr);
        assert!(ran.stderr.contains("has errors; run `slac check tests/fixtures/many_errors.sla`"), "{}", ran.stderr);
    }
    let ran = Slac::new(["diff", OLD, "tests/fixtures/diff/missing.sla"]).run();
    assert_eq!(ran.code, 2);
    assert!(ran.stderr.contains("cannot read tests/fixtures/diff/missing.sla"), "{}", ran.stderr);
    let ran = Slac::new(["diff", OLD]).run();
    assert_eq!(ran.code, 2);
    assert!(ran.stderr.contains("takes two files"), "{}", ran.stderr);
}

/// A fresh git repository in the scratch directory holding `old.sla` as
/// `contracts/esign.sla`, committed; `None` when git cannot be run here.
fn repository(name: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("contracts")).ok()?;
    std::fs::copy(crate::repo().join(OLD), dir.join("contracts/esign.sla")).ok()?;
    let git = |args: &[&str]| {
        Command::new("git")
            .args(["-c", "user.name=slac", "-c", "user.email=slac@example.invalid"])
            .args(args)
            .current_dir(&dir)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    (git(&["init", "-q"]) && git(&["add", "."]) && git(&["commit", "-q", "-m", "old"])).then_some(dir)
}

#[test]
fn git_compares_the_working_files_with_a_revision() {
    let Some(dir) = repository("diff-git") else {
        eprintln!("git is not available: skipped");
        return;
    };
    let ran = Slac::new(["diff", "--git", "HEAD", "contracts/"]).dir(&dir).run();
    assert_eq!(
        (ran.code, ran.stdout.as_str()),
        (0, "HEAD:contracts/esign.sla -> contracts/esign.sla\nno change in meaning\n"),
        "{}",
        ran.stderr
    );
    std::fs::copy(crate::repo().join(NEW), dir.join("contracts/esign.sla")).expect("the new version is written");
    let ran =
        Slac::new(["diff", "--git", "HEAD", "--fail-on", "weaker", "--format", "json", "contracts"]).dir(&dir).run();
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    let json: serde_json::Value = serde_json::from_str(&ran.stdout).expect("stdout is JSON");
    assert_eq!(json[0]["old"], "HEAD:contracts/esign.sla");
    let direct = Slac::new(["diff", "--format", "json", OLD, NEW]).run();
    let direct: serde_json::Value = serde_json::from_str(&direct.stdout).expect("stdout is JSON");
    assert_eq!(json[0]["changes"], direct[0]["changes"], "the same changes as between the two files");
    // A revision that does not exist: bad usage.
    let ran = Slac::new(["diff", "--git", "no-such-rev", "contracts/esign.sla"]).dir(&dir).run();
    assert_eq!(ran.code, 2);
    assert!(ran.stderr.contains("`no-such-rev` is not a git revision here"), "{}", ran.stderr);
    // A contract added since the revision is new, not an error; one that
    // does not compile is.
    std::fs::copy(crate::repo().join(OLD), dir.join("contracts/added.sla")).expect("a new file is written");
    let ran = Slac::new(["diff", "--git", "HEAD", "--fail-on", "weaker", "contracts/added.sla"]).dir(&dir).run();
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert!(ran.stdout.contains("neutral  file: (none) -> contracts/added.sla"), "{}", ran.stdout);
    std::fs::write(dir.join("contracts/added.sla"), "contract \"x\" {\n  tier {\n}\n")
        .expect("a broken file is written");
    let ran = Slac::new(["diff", "--git", "HEAD", "contracts/added.sla"]).dir(&dir).run();
    assert_eq!(ran.code, 2, "{}", ran.stdout);
    assert!(ran.stderr.contains("contracts/added.sla:"), "{}", ran.stderr);
}

/// Any two of the shipped contracts compare without a panic, and the way
/// back has every verdict reversed: weaker one way is stronger the other.
#[test]
fn every_pair_of_shipped_contracts_compares_both_ways() {
    use slac::diff::{Verdict, diff};
    let contracts: Vec<_> = crate::sla_files("contracts")
        .iter()
        .chain(&crate::sla_files("tests/fixtures/contracts"))
        .filter_map(|p| crate::compile(p).checked().ok().map(|c| c.contract().clone()))
        .collect();
    assert!(contracts.len() >= 5, "the shipped contracts compile");
    let verdicts = |cs: &[slac::diff::Change], flip: bool| {
        let mut v: Vec<(String, String, Verdict)> = cs
            .iter()
            .map(|c| (c.clause.clone(), c.field.clone(), if flip { c.verdict.reversed() } else { c.verdict }))
            .collect();
        v.sort();
        v
    };
    for a in &contracts {
        assert!(diff(a, a).is_empty(), "{} differs from itself", a.id);
        for b in &contracts {
            let (forth, back) = (diff(a, b), diff(b, a));
            assert_eq!(verdicts(&forth, true), verdicts(&back, false), "{} -> {}", a.id, b.id);
        }
    }
}
