//! `slac check PATH...`: parse, type-check and lint contracts.

use super::exit;
use super::output::{self, ColorChoice};
use crate::diag::render::{self, HumanStyle};
use crate::diag::{Diagnostic, Severity};
use crate::driver::{self, Compilation};
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Files or directories (searched recursively for `*.sla`).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// How to print diagnostics.
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

pub fn run(args: &CheckArgs) -> u8 {
    let files = match collect_files(&args.paths) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("error: {message}");
            return exit::USAGE;
        }
    };
    let compilations: Vec<Compilation> = files.iter().map(|f| driver::compile_with(f, &output::read_file)).collect();
    let io_failed =
        compilations.iter().any(|c| c.diags.iter().any(|d| d.code == crate::diag::Code::ReadFailed.as_str()));
    let text = match args.format {
        Format::Human => human(&compilations, args.color),
        Format::Json => json(&compilations),
    };
    if output::emit(&text, None).is_err() {
        return exit::USAGE;
    }
    if io_failed {
        exit::USAGE
    } else if compilations.iter().any(Compilation::has_errors) {
        exit::FINDINGS
    } else {
        exit::OK
    }
}

fn human(compilations: &[Compilation], color: ColorChoice) -> String {
    let style = HumanStyle { color: color.enabled(), width: output::width() };
    let mut out = String::new();
    let (mut errors, mut warnings) = (0, 0);
    for c in compilations {
        for d in &c.diags {
            out.push_str(&render::human(d, &c.sources, style));
            out.push('\n');
            match d.severity {
                Severity::Error => errors += 1,
                Severity::Warning => warnings += 1,
                Severity::Note => {}
            }
        }
    }
    let files = compilations.len();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    out.push_str(&format!(
        "checked {}: {}, {}\n",
        plural(files, "file"),
        plural(errors, "error"),
        plural(warnings, "warning")
    ));
    out
}

fn json(compilations: &[Compilation]) -> String {
    let list: Vec<_> = compilations
        .iter()
        .flat_map(|c| c.diags.iter().map(move |d: &Diagnostic| render::json(d, &c.sources)))
        .collect();
    let mut text = serde_json::to_string_pretty(&list).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}

/// Expand directories into the `*.sla` files below them, sorted.
pub fn collect_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut out).map_err(|e| format!("cannot read directory {}: {e}", p.display()))?;
        } else if p.exists() {
            out.push(p.clone());
        } else {
            return Err(format!("{} does not exist", p.display()));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        let hidden = path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.') || n == "target");
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "sla") {
            out.push(path);
        }
    }
    Ok(())
}
