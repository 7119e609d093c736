//! `slac compile FILE --emit ir`: the checked contract as JSON.

use super::exit;
use super::output::{self, ColorChoice};
use crate::diag::render::{self, HumanStyle};
use crate::diag::{Code, Diagnostic};
use crate::source::Span;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct CompileArgs {
    /// The contract file.
    file: PathBuf,
    /// What to print.
    #[arg(long, value_enum, default_value_t = Emit::Ir)]
    emit: Emit,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Emit {
    /// The typed intermediate representation, as JSON (docs/ir.md).
    Ir,
}

pub fn run(args: &CompileArgs) -> u8 {
    // Linted as `slac check` lints it: a contract `check` rejects is not
    // compiled either.
    let mut c = match super::check::check_file(&args.file, &Default::default(), &mut Default::default()) {
        Ok(c) => c,
        Err(message) => {
            eprintln!("error: {message}");
            return exit::USAGE;
        }
    };
    if c.is_library && c.diags.is_empty() {
        c.diags.push(
            Diagnostic::error(Code::MissingContract, Span::new(c.file, 0, 0), format!("{} holds no contract to compile", args.file.display()))
                .help("`slac compile` needs a file with a `contract \"name\" { ... }` block; shared files are compiled through the contracts that import them"),
        );
    }
    let style = HumanStyle { color: ColorChoice::Auto.enabled(), width: output::width() };
    // Warnings are `check`'s to show; they are printed with the errors
    // that stop compilation, as `check` would print them.
    if c.has_errors() {
        for d in &c.diags {
            eprint!("{}", render::human(d, &c.sources, style));
        }
    }
    if c.diags.iter().any(|d| d.code == Code::ReadFailed.as_str()) {
        return exit::USAGE;
    }
    if c.has_errors() {
        return exit::FINDINGS;
    }
    let Some(contract) = &c.contract else {
        return exit::FINDINGS;
    };
    let text = match args.emit {
        Emit::Ir => match serde_json::to_string_pretty(contract) {
            Ok(t) => t + "\n",
            Err(e) => {
                eprintln!("error: cannot serialise the IR: {e}");
                return exit::USAGE;
            }
        },
    };
    match output::emit(&text, args.output.as_deref()) {
        Ok(()) => exit::OK,
        Err(e) => {
            eprintln!("error: cannot write output: {e}");
            exit::USAGE
        }
    }
}
