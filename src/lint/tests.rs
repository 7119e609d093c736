//! Tests of the registry, the engine, every rule's docs example and its
//! fixtures under `tests/lint/<rule-name>/{fail,pass}.sla`.

use super::LintConfig;
use super::registry::{Category, Level, RULES, Rule};
use crate::diag::Diagnostic;
use crate::diag::render::{self, HumanStyle};
use crate::testing::{Compilation, lint_source};
use std::collections::HashSet;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Lint text that must pass the front end; panics with its errors if not.
fn lint_ok(name: &str, text: &str, config: &LintConfig) -> (Compilation, Vec<Diagnostic>) {
    let (c, findings) = lint_source(name, text, config);
    let errors: Vec<String> = c.diags.iter().map(|d| render::human(d, &c.sources, HumanStyle::plain())).collect();
    assert!(errors.is_empty(), "{name} does not check:\n{}", errors.join("\n"));
    (c, findings)
}

fn codes(findings: &[Diagnostic]) -> Vec<&'static str> {
    findings.iter().map(|d| d.code).collect()
}

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let mut seen = HashSet::new();
    for r in RULES {
        assert!(seen.insert(r.code), "{} is used twice", r.code);
        assert!(seen.insert(r.name), "{} is used twice", r.name);
        assert!(r.code.len() == 4 && r.code.starts_with('L') && r.code[1..].bytes().all(|b| b.is_ascii_digit()));
        let hundred = match r.category {
            Category::Completeness => '1',
            Category::Correctness => '2',
            Category::Suspicious => '3',
            Category::Style => '4',
        };
        assert_eq!(r.code.as_bytes()[1] as char, hundred, "{} is in the wrong hundred for {:?}", r.code, r.category);
        assert!(r.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{} is not kebab-case", r.name);
        assert!(!r.name.starts_with('-') && !r.name.ends_with('-') && !r.name.contains("--"));
    }
    let mut sorted: Vec<&str> = RULES.iter().map(|r| r.code).collect();
    sorted.sort();
    assert_eq!(sorted, RULES.iter().map(|r| r.code).collect::<Vec<_>>(), "RULES is ordered by code");
}

#[test]
fn every_rule_has_docs_with_an_example_and_a_fix() {
    for r in RULES {
        for (field, text) in [("summary", r.summary), ("what", r.what), ("why", r.why), ("fix", r.fix)] {
            assert!(text.trim().len() > 10, "{} has no {field}", r.name);
        }
        assert!(r.example.contains("contract"), "{} has no example contract", r.name);
        assert!(r.fixed.contains("contract"), "{} has no fixed example", r.name);
        assert_ne!(r.example, r.fixed, "{}: the fix changes nothing", r.name);
    }
}

/// Every example is a test: it fires its rule, and its fix does not.
#[test]
fn every_example_fires_and_every_fix_is_silent() {
    for r in RULES {
        let config = crate::inputs::example_config(r);
        let (_, found) = lint_ok(&format!("{}-example.sla", r.name), r.example, &config);
        assert!(codes(&found).contains(&r.code), "{}'s example does not fire it: {:?}", r.name, codes(&found));
        let (_, found) = lint_ok(&format!("{}-fixed.sla", r.name), r.fixed, &config);
        let fired: Vec<&Diagnostic> = found.iter().filter(|d| d.code == r.code).collect();
        assert!(fired.is_empty(), "{}'s fix still fires it: {fired:#?}", r.name);
    }
}

/// A rule's findings in a fixture, rendered as `slac check` shows them.
fn rendered(rule: &Rule, compilation: &Compilation, findings: &[Diagnostic]) -> String {
    findings
        .iter()
        .filter(|d| d.code == rule.code)
        .map(|d| render::human(d, &compilation.sources, HumanStyle::plain()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The rule a fixture says it is for: `// expect: L101` on its first line.
fn expected_code(text: &str) -> Option<&str> {
    text.lines().next()?.trim().strip_prefix("// expect:").map(str::trim)
}

#[test]
fn every_rule_has_fixtures_that_fire_and_pass() {
    let mut config = LintConfig::default();
    // Off-by-default rules are tested at warning level.
    for r in RULES.iter().filter(|r| r.default_level == Level::Off) {
        config.rules.insert(r.code, Level::Warning);
    }
    for r in RULES {
        let dir = root().join("tests/lint").join(r.name);
        // A rule that compares two contracts: `peer.sla` is the one the
        // fixtures underpin, checked with them.
        let mut config = config.clone();
        if let Ok(peer) = std::fs::read_to_string(dir.join("peer.sla")) {
            let name = format!("tests/lint/{}/peer.sla", r.name);
            config.peers = crate::inputs::peers(&[crate::driver::compile_source(&name, &peer)]);
            assert!(!config.peers.is_empty(), "{name} does not check");
        }
        let fail = std::fs::read_to_string(dir.join("fail.sla"))
            .unwrap_or_else(|e| panic!("{}: tests/lint/{}/fail.sla: {e}", r.code, r.name));
        let pass = std::fs::read_to_string(dir.join("pass.sla"))
            .unwrap_or_else(|e| panic!("{}: tests/lint/{}/pass.sla: {e}", r.code, r.name));
        assert_eq!(
            expected_code(&fail),
            Some(r.code),
            "fail.sla of {} must start with `// expect: {}`",
            r.name,
            r.code
        );
        let name = format!("tests/lint/{}/fail.sla", r.name);
        let (c, found) = lint_ok(&name, &fail, &config);
        let text = rendered(r, &c, &found);
        assert!(!text.is_empty(), "{name} does not fire {}", r.code);
        insta::assert_snapshot!(format!("{}-{}", r.code, r.name), text);
        let name = format!("tests/lint/{}/pass.sla", r.name);
        let (_, found) = lint_ok(&name, &pass, &config);
        let fired: Vec<&Diagnostic> = found.iter().filter(|d| d.code == r.code).collect();
        assert!(fired.is_empty(), "{name} fires {}: {fired:#?}", r.code);
    }
}

/// The other direction from the fixtures test: nothing on disk that looks
/// like a rule is missing from `RULES`. A rule file is one that defines a
/// `RULE`; the others in `rules/` are helpers shared by rules, kept private.
#[test]
fn every_rule_file_and_fixture_folder_is_registered() {
    let names: HashSet<&str> = RULES.iter().map(|r| r.name).collect();
    let rules_dir = root().join("src/lint/rules");
    let modules = std::fs::read_to_string(rules_dir.join("mod.rs")).unwrap();
    let mut rule_files = 0;
    for entry in std::fs::read_dir(&rules_dir).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        if stem == "mod" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        if text.contains("pub static RULE: Rule") {
            rule_files += 1;
            let name = stem.replace('_', "-");
            assert!(
                names.contains(name.as_str()),
                "src/lint/rules/{stem}.rs defines a rule `{name}` missing from RULES"
            );
            assert!(modules.contains(&format!("pub mod {stem};")), "rules/mod.rs does not declare `pub mod {stem};`");
        } else {
            assert!(
                modules.contains(&format!("\nmod {stem};")),
                "rules/{stem}.rs has no RULE: keep it a private helper"
            );
        }
    }
    assert_eq!(rule_files, RULES.len(), "every rule in RULES has its own file in src/lint/rules/");
    for entry in std::fs::read_dir(root().join("tests/lint")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        // `clean/` holds contracts no rule may fire on.
        assert!(
            name == "clean" || names.contains(name.as_str()),
            "tests/lint/{name}/ is not the folder of any rule in RULES"
        );
    }
}

/// The seed findings listed in the docs are exactly what the linter finds
/// in the seed contracts of `contracts/`.
#[test]
fn seed_findings_match_the_seed_contracts() {
    let mut found = Vec::new();
    for (seed, file) in super::seeds::SEED_FILES {
        let path = root().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let (_, findings) = lint_ok(file, &text, &LintConfig::default());
        for d in findings {
            found.push((seed.to_string(), d.code));
        }
    }
    found.sort();
    found.dedup();
    let mut listed: Vec<(String, &str)> =
        super::seeds::SEED_FINDINGS.iter().map(|s| (s.seed.to_owned(), s.code)).collect();
    listed.sort();
    listed.dedup();
    assert_eq!(found, listed, "SEED_FINDINGS (src/lint/seeds.rs) differs from what the seed contracts give");
}

/// Two tiers out of order (two `tiers-not-monotone` findings, one per
/// limit) and an availability with no exclusions (`missing-exclusions`).
const LEVELS: &str = r#"contract "levels" {
  timezone "Asia/Shanghai"
  service esign "电子签约平台"
  ATTR_AV
  availability esign { target 99.95%; period month; partial skipped; minute down when success below 90%; minimum outage 5min }
  ATTR_TIER
  tier L1 "一级故障" { respond within 30min; resolve within 6h; clock 24x7 }
  tier L2 "二级故障" { respond within 15min; resolve within 2h; clock 24x7 }
}
"#;

fn levels(head: &str, av: &str, tier: &str, config: &LintConfig) -> Vec<(&'static str, crate::diag::Severity)> {
    let text = format!("{head}{}", LEVELS.replace("ATTR_AV", av).replace("ATTR_TIER", tier));
    let (_, found) = lint_ok("levels.sla", &text, config);
    found.iter().map(|d| (d.code, d.severity)).collect()
}

#[test]
fn levels_come_from_defaults_config_and_attributes_innermost_first() {
    use crate::diag::Severity::{Error, Warning};
    let none = LintConfig::default();
    assert_eq!(levels("", "", "", &none), vec![("L101", Warning), ("L201", Warning), ("L201", Warning)]);
    // A clause attribute covers its clause only.
    let allow_tier = r#"#[allow(tiers-not-monotone, reason = "r")]"#;
    assert_eq!(levels("", "", allow_tier, &none), vec![("L101", Warning)]);
    // A file attribute covers the file; a clause attribute inside it wins.
    let file_deny = "#![deny(L201, missing-exclusions)]\n";
    assert_eq!(levels(file_deny, "", "", &none), vec![("L101", Error), ("L201", Error), ("L201", Error)]);
    assert_eq!(levels(file_deny, "", allow_tier, &none), vec![("L101", Error)]);
    // slac.toml levels, overridden by attributes; `--deny warnings` last.
    let mut config = LintConfig::default();
    config.set("correctness", Level::Off).unwrap();
    config.set("missing-exclusions", Level::Error).unwrap();
    assert_eq!(levels("", "", "", &config), vec![("L101", Error)]);
    assert_eq!(
        levels("", "", "#[warn(tiers-not-monotone)]", &config),
        vec![("L101", Error), ("L201", Warning), ("L201", Warning)]
    );
    let mut deny = LintConfig::default();
    deny.set("warnings", Level::Error).unwrap();
    assert_eq!(levels("", "", "", &deny), vec![("L101", Error), ("L201", Error), ("L201", Error)]);
}

#[test]
fn an_allowance_that_suppresses_nothing_is_reported_unless_allowed() {
    let none = LintConfig::default();
    let stray = r#"#[allow(tiers-not-monotone, reason = "wrong clause")]"#;
    let found = levels("", stray, "", &none);
    assert!(found.contains(&("L402", crate::diag::Severity::Warning)), "{found:?}");
    let quiet = "#![allow(unused-allowance, reason = \"r\")]\n";
    assert!(!levels(quiet, stray, "", &none).iter().any(|f| f.0 == "L402"));
}

#[test]
fn contracts_with_errors_are_not_linted() {
    let (c, found) = lint_source(
        "bad.sla",
        "contract \"x\" { service esign; availability esign { target 99.95% period } }",
        &LintConfig::default(),
    );
    assert!(c.has_errors());
    assert!(found.is_empty());
}

/// Contracts under `tests/lint/clean/` use every kind of clause the linter
/// reads and must stay clean.
#[test]
fn clean_contracts_stay_clean() {
    let dir = root().join("tests/lint/clean");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "sla") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let (c, found) = lint_ok(&path.display().to_string(), &text, &LintConfig::default());
        let shown: Vec<String> = found.iter().map(|d| render::human(d, &c.sources, HumanStyle::plain())).collect();
        assert!(found.is_empty(), "{} is not clean:\n{}", path.display(), shown.join("\n"));
        seen += 1;
    }
    assert!(seen > 0);
}

/// A finding points at the clauses it speaks of, never at a whole block: no
/// primary or related span covers more than three lines, and its rendering
/// shows the lines around those places, not the block between them. Checked on every
/// shipped contract and example with its attributes blanked out (so the
/// findings it allows are made too) and every rule on, and on every rule's
/// failing fixture.
#[test]
fn no_finding_spans_more_than_three_lines() {
    let mut config = LintConfig::default();
    for r in RULES {
        config.rules.insert(r.code, Level::Warning);
    }
    let mut files: Vec<(String, String)> = Vec::new();
    let mut sla_in = |dir: PathBuf, blank_attributes: bool| {
        let Ok(entries) = std::fs::read_dir(&dir) else { return };
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            if path.is_dir() {
                continue;
            }
            if path.extension().is_some_and(|e| e == "sla") {
                let text = std::fs::read_to_string(&path).unwrap();
                let text =
                    if blank_attributes {
                        // Blank, not removed: the lines keep their numbers.
                        text.lines()
                            .map(|l| {
                                if l.trim_start().starts_with("#[") || l.trim_start().starts_with("#![") {
                                    ""
                                } else {
                                    l
                                }
                            })
                            .collect::<Vec<_>>()
                            .join("\n")
                    } else {
                        text
                    };
                let name = path.strip_prefix(root()).unwrap_or(&path).to_string_lossy().into_owned();
                files.push((name, text));
            }
        }
    };
    sla_in(root().join("contracts"), true);
    for entry in std::fs::read_dir(root().join("examples")).unwrap().filter_map(|e| e.ok()) {
        sla_in(entry.path(), true);
    }
    for r in RULES {
        sla_in(root().join("tests/lint").join(r.name), false);
    }
    assert!(files.len() > 2 * RULES.len(), "only {} files", files.len());
    let mut findings = 0;
    let mut wide = Vec::new();
    for (name, text) in &files {
        let (c, found) = lint_source(name, text, &config);
        for d in &found {
            findings += 1;
            let spans = std::iter::once((d.span, "primary")).chain(d.related.iter().map(|r| (r.span, "related")));
            for (span, which) in spans {
                let file = c.sources.get(span.file).unwrap();
                let lines = file.line_index(span.end as usize) - file.line_index(span.start as usize) + 1;
                if lines > 3 {
                    wide.push(format!("{name}: {} {which} span covers {lines} lines: {}", d.code, d.message));
                }
            }
            // Nor does the rendering show what lies between two places far
            // apart: each place gets its lines and a line of context.
            let text = render::human(d, &c.sources, HumanStyle::plain());
            let shown = text
                .lines()
                .filter(|l| l.split_once(" │").is_some_and(|(n, _)| n.trim().parse::<usize>().is_ok()))
                .count();
            let places = 1 + d.related.len();
            if shown > 6 * places {
                wide.push(format!("{name}: {} shows {shown} lines for {places} places:\n{text}", d.code));
            }
        }
    }
    assert!(findings > RULES.len(), "only {findings} findings");
    assert!(wide.is_empty(), "{}", wide.join("\n"));
}

/// A window that only one promise's own rules name is in use: L401 must not
/// call it unused, while a window nothing names still is.
#[test]
fn a_window_named_by_a_promise_rule_is_used() {
    let text = r#"contract "scoped-window" {
  timezone "UTC"
  service vm "VM"
  maintenance {
    window nights = daily 01:00-03:00
    window sundays = sun 01:00-03:00
  }
  availability vm {
    target 99.9%
    exclusions { planned_maintenance when announced 24h before inside window nights }
  }
}
"#;
    let (_, found) = lint_ok("scoped-window.sla", text, &LintConfig::default());
    let unused: Vec<String> = found.iter().filter(|d| d.code == "L401").map(|d| d.message.clone()).collect();
    assert_eq!(unused, ["maintenance window `sundays` is never required"]);
}
