//! `slac fmt PATH...`: rewrite contracts in the canonical layout.
//!
//! Files are rewritten in place; `--check` changes nothing and lists the
//! files that would change (exit 1); `-` formats standard input to standard
//! output, for editors. A file that does not parse is left untouched and
//! its diagnostics are printed (exit 2); the other files are still done.

use super::check::collect_files;
use super::exit;
use super::output::{self, ColorChoice};
use crate::diag::render::{self, HumanStyle};
use crate::fmt::{self, FmtError};
use crate::inputs::files::{Disk, Files, STDIN_NAME};
use crate::source::SourceMap;
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct FmtArgs {
    /// Files or directories (searched recursively for `*.sla`); `-` reads
    /// standard input and writes the formatted text to standard output.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Change nothing: list the files that would change and exit 1 if any.
    #[arg(long)]
    check: bool,
    /// Colour in diagnostics.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

/// What happened to one file.
enum Outcome {
    Unchanged,
    Changed,
    Failed,
}

pub fn run(args: &FmtArgs) -> u8 {
    let files = match collect_files(&args.paths) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("error: {message}");
            return exit::USAGE;
        }
    };
    let (mut changed, mut failed) = (Vec::new(), 0);
    for file in &files {
        match format_one(file, args) {
            Outcome::Unchanged => {}
            Outcome::Changed => changed.push(file),
            Outcome::Failed => failed += 1,
        }
    }
    if args.check {
        for file in &changed {
            println!("{}", file.display());
        }
    }
    if failed > 0 {
        exit::USAGE
    } else if args.check && !changed.is_empty() {
        if !is_only_stdin(&files) {
            let s = if changed.len() == 1 { "" } else { "s" };
            eprintln!("{} file{s} would be reformatted; run `slac fmt` on them", changed.len());
        }
        exit::FINDINGS
    } else {
        exit::OK
    }
}

fn is_only_stdin(files: &[PathBuf]) -> bool {
    files.len() == 1 && files[0] == Path::new(STDIN_NAME)
}

fn format_one(file: &Path, args: &FmtArgs) -> Outcome {
    let stdin = file == Path::new(STDIN_NAME);
    let text = match Disk.read_text(file) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", file.display());
            return Outcome::Failed;
        }
    };
    let mut sources = SourceMap::new();
    let id = sources.add(file.display().to_string(), Some(file), text.as_str());
    let Some(source) = sources.get(id) else { return Outcome::Failed };
    let formatted = match fmt::format(source) {
        Ok(formatted) => formatted,
        Err(FmtError::Syntax(diags)) => {
            let style = HumanStyle { color: args.color.enabled(), width: output::width() };
            for d in &diags {
                eprintln!("{}", render::human(d, &sources, style));
            }
            eprintln!("{} was left as it is: it does not parse", file.display());
            return Outcome::Failed;
        }
        Err(FmtError::Unsafe(why)) => {
            eprintln!(
                "error: slac fmt could not format {} safely ({why}); the file was left as it is. This is a bug in slac: please report it with the file.",
                file.display()
            );
            return Outcome::Failed;
        }
    };
    let outcome = if formatted == text { Outcome::Unchanged } else { Outcome::Changed };
    if stdin {
        if !args.check {
            if let Err(e) = output::emit(&formatted, None) {
                eprintln!("error: cannot write standard output: {e}");
                return Outcome::Failed;
            }
        }
    } else if !args.check && matches!(outcome, Outcome::Changed) {
        if let Err(e) = std::fs::write(file, &formatted) {
            eprintln!("error: cannot write {}: {e}", file.display());
            return Outcome::Failed;
        }
    }
    outcome
}
