//! `slac test [PATH...]`: run the `example` blocks of contracts and say
//! which give the verdicts they expect (docs/testing-contracts.md).

use super::check::collect_files;
use super::exit;
use super::output::{self, ColorChoice};
use crate::diag::render::{self, HumanStyle};
use crate::driver::Compilation;
use crate::examples::run::{self, ExampleOutcome};
use crate::inputs::{self, Configs, Disk, LintOptions};
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct TestArgs {
    /// Files or directories (searched recursively for `*.sla`); default:
    /// the current directory.
    paths: Vec<PathBuf>,
    /// Run only the examples whose name contains this text.
    #[arg(long, value_name = "TEXT")]
    name: Option<String>,
    /// How to print the results: for people, or JSON for tools.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Colour in human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Json,
}

/// What `slac test` found in one file.
#[derive(Serialize)]
struct FileOutcome {
    file: String,
    /// The contract's errors (and lint findings), when it has errors: its
    /// examples are not run.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    diagnostics: Vec<serde_json::Value>,
    examples: Vec<ExampleOutcome>,
    #[serde(skip)]
    compilation: Option<Compilation>,
}

/// The JSON document (`docs/testing-contracts.md`).
#[derive(Serialize)]
struct Summary<'a> {
    files: &'a [FileOutcome],
    passed: usize,
    failed: usize,
    /// Files whose contract has errors; their examples did not run.
    files_with_errors: usize,
}

pub fn run(args: &TestArgs) -> u8 {
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let files = match collect_files(&paths) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("error: {message}");
            return exit::USAGE;
        }
    };
    let mut configs = Configs::default();
    let mut outcomes = Vec::new();
    for file in &files {
        let c = match inputs::check_file(file, &LintOptions::default(), &mut configs, &Disk) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("error: {}", e.render(|f| super::flags::flag(f).to_owned()));
                return exit::USAGE;
            }
        };
        let name = file.display().to_string();
        if c.has_errors() {
            let diagnostics = c
                .diags
                .iter()
                .filter(|d| d.is_error())
                .filter_map(|d| serde_json::to_value(render::json(d, &c.sources)).ok())
                .collect();
            outcomes.push(FileOutcome { file: name, diagnostics, examples: Vec::new(), compilation: Some(c) });
            continue;
        }
        // A library of shared clauses has no examples to run.
        let Ok(checked) = c.checked() else { continue };
        let examples = run::run_all(&checked, file, &Disk, args.name.as_deref());
        if !checked.contract().examples.is_empty() {
            outcomes.push(FileOutcome { file: name, diagnostics: Vec::new(), examples, compilation: None });
        }
    }
    let passed = outcomes.iter().flat_map(|f| &f.examples).filter(|e| e.passed).count();
    let failed = outcomes.iter().flat_map(|f| &f.examples).filter(|e| !e.passed).count();
    let with_errors = outcomes.iter().filter(|f| f.compilation.is_some()).count();
    let text = match args.format {
        Format::Human => human(&outcomes, passed, failed, with_errors, args.color),
        Format::Json => {
            let summary = Summary { files: &outcomes, passed, failed, files_with_errors: with_errors };
            let mut text = serde_json::to_string_pretty(&summary).unwrap_or_else(|_| "{}".into());
            text.push('\n');
            text
        }
    };
    if output::emit(&text, None).is_err() {
        return exit::USAGE;
    }
    if with_errors > 0 {
        exit::USAGE
    } else if failed > 0 {
        exit::FINDINGS
    } else {
        exit::OK
    }
}

fn human(outcomes: &[FileOutcome], passed: usize, failed: usize, with_errors: usize, color: ColorChoice) -> String {
    let color = color.enabled();
    let paint = |code: &str, text: &str| if color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_owned() };
    let style = HumanStyle { color, width: output::width() };
    let mut out = String::new();
    for f in outcomes {
        if let Some(c) = &f.compilation {
            out.push_str(&format!(
                "{}: {}\n",
                f.file,
                paint("1;31", "the contract has errors; its examples were not run")
            ));
            for d in c.diags.iter().filter(|d| d.is_error()) {
                out.push_str(&render::human(d, &c.sources, style));
                out.push('\n');
            }
            continue;
        }
        out.push_str(&format!("{}\n", f.file));
        for ex in &f.examples {
            match ex.passed {
                true => out.push_str(&format!("  {}      {}\n", paint("32", "ok"), ex.name)),
                false => {
                    out.push_str(&format!("  {}  {}\n", paint("1;31", "FAILED"), ex.name));
                    let mut last = None;
                    for fail in &ex.failures {
                        // Each line once, however many of its items failed.
                        if last != Some((fail.line, &fail.expect)) {
                            out.push_str(&format!("    {}:{}: expect {}\n", f.file, fail.line, fail.expect));
                            last = Some((fail.line, &fail.expect));
                        }
                        out.push_str(&format!("      {}\n", fail.mismatch.what));
                        out.push_str(&format!("      expected: {}\n", paint("32", &fail.mismatch.expected)));
                        out.push_str(&format!("      actual:   {}\n", paint("31", &fail.mismatch.actual)));
                    }
                }
            }
        }
    }
    let mut summary = format!("{passed} passed, {failed} failed");
    if with_errors > 0 {
        summary.push_str(&format!(", {with_errors} contract(s) with errors not run"));
    }
    out.push_str(&format!("\n{summary}\n"));
    out
}
