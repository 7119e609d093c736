//! `slac render`: every shipped contract in both languages as Markdown
//! (snapshots), one contract and one report as HTML, lint notes, and the
//! errors a contract that does not check gets.

use crate::run::Slac;

fn render(args: &[&str]) -> String {
    let ran = Slac::new(["render"]).args(args.iter().copied()).run();
    assert_eq!(ran.code, 0, "slac render {args:?}: {}", ran.stderr);
    ran.stdout
}

#[test]
fn shipped_contracts_as_markdown_in_both_languages() {
    for file in crate::sla_files("contracts") {
        let stem = file.trim_start_matches("contracts/").trim_end_matches(".sla").to_string();
        for lang in ["en", "zh"] {
            let text = render(&[file.as_str(), "--format", "markdown", "--lang", lang]);
            insta::assert_snapshot!(format!("render_{stem}_{lang}"), text);
        }
    }
}

#[test]
fn a_contract_as_html() {
    let html = render(&["tests/fixtures/contracts/objstore.sla", "--lang", "en"]);
    insta::assert_snapshot!("render_objstore_html", html);
}

#[test]
fn a_report_as_html() {
    let ran = Slac::new([
        "eval",
        "tests/eval/min-outage/contract.sla",
        "--incidents",
        "tests/eval/min-outage/incidents.csv",
        "--from",
        "2025-03",
        "--to",
        "2025-03",
        "--as-of",
        "2025-04-01 00:00:00",
        "--format",
        "html",
    ])
    .run();
    assert!(ran.code == 0 || ran.code == 1, "{}", ran.stderr);
    insta::assert_snapshot!("eval_min_outage_html", ran.stdout);
}

#[test]
fn lint_findings_are_margin_notes_only_when_asked() {
    let file = "contracts/fadada-econtract-platform.sla";
    let plain = render(&[file]);
    let noted = render(&[file, "--with-lints"]);
    assert!(!plain.contains("<aside class=\"lint\">"));
    let check = Slac::new(["check", file]).run();
    let warnings = check.stdout.matches("⚠").count() + check.stderr.matches("⚠").count();
    assert!(warnings > 0, "the contract draws lint warnings: {}", check.stdout);
    assert_eq!(noted.matches("<aside class=\"lint\">").count(), warnings, "one note per finding");
}

#[test]
fn output_to_a_file() {
    let dir = std::env::temp_dir().join(format!("slac-render-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let out = dir.join("c.md");
    let out_arg = out.to_string_lossy().into_owned();
    let ran = Slac::new(["render", "contracts/jdcloud-baas.sla", "--format", "markdown", "-o", out_arg.as_str()]).run();
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert!(ran.stdout.is_empty());
    let text = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(text.starts_with("# "), "{text}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_contract_with_errors_is_not_rendered() {
    let ran = Slac::new(["render", "tests/fixtures/many_errors.sla"]).run();
    assert_eq!(ran.code, 1);
    assert!(ran.stdout.is_empty());
    assert!(ran.stderr.contains("many_errors.sla"), "{}", ran.stderr);
    let ran = Slac::new(["render", "tests/fixtures/no-such-file.sla"]).run();
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    let ran = Slac::new(["render", "tests/fixtures/library.sla"]).run();
    assert_eq!(ran.code, 1, "a file without a contract: {}", ran.stderr);
    assert!(ran.stderr.contains("no contract to render"), "{}", ran.stderr);
    let ran = Slac::new(["render", "contracts/jdcloud-baas.sla", "--lang", "fr"]).run();
    assert_eq!(ran.code, 2);
}

#[test]
fn a_contract_on_standard_input() {
    let text = std::fs::read(crate::repo().join("contracts/jdcloud-baas.sla")).unwrap_or_default();
    let ran = Slac::new(["render", "-", "--format", "markdown", "--lang", "en"]).stdin(&text).run();
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert!(ran.stdout.contains("**Contract**: jdcloud-baas"), "{}", ran.stdout);
}
