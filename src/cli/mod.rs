//! The command line: one file per subcommand, turning flags into library
//! requests and printing what comes back. With `inputs::Disk`, the only
//! layer that touches the disk, the terminal and the clock.

mod check;
mod compile;
mod diff;
mod eval;
mod explain;
mod exports;
mod files;
mod flags;
mod fmt;
mod lsp;
pub mod output;
mod progress;
mod render;
mod test;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Exit codes shared by every command.
pub mod exit {
    /// Everything is clean / every commitment was met.
    pub const OK: u8 = 0;
    /// Errors in a contract, or a breached commitment.
    pub const FINDINGS: u8 = 1;
    /// Bad usage or input that cannot be read.
    pub const USAGE: u8 = 2;
}

#[derive(Parser, Debug)]
#[command(name = "slac", version, about = "A contract-as-code compiler for service-level agreements")]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Parse, type-check and lint contracts.
    Check(check::CheckArgs),
    /// Compile one contract and print its intermediate representation.
    Compile(compile::CompileArgs),
    /// Compare two versions of a contract clause by clause, with a verdict
    /// for the customer.
    Diff(diff::DiffArgs),
    /// Explain a lint rule or a compiler code.
    Explain(explain::ExplainArgs),
    /// Rewrite contracts in the canonical layout (`--check` to only look).
    Fmt(fmt::FmtArgs),
    /// Evaluate a contract over incident, maintenance and monitoring data.
    Eval(Box<eval::EvalArgs>),
    /// Render a contract as the document people read: HTML or Markdown,
    /// in Chinese or English.
    Render(render::RenderArgs),
    /// Run the `example` blocks of contracts and check their verdicts.
    Test(test::TestArgs),
    /// The language server for editors (Language Server Protocol over
    /// standard input and output).
    Lsp(lsp::LspArgs),
}

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { exit::USAGE } else { exit::OK };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let code = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Compile(args) => compile::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Explain(args) => explain::run(&args),
        Command::Eval(args) => eval::run(&args),
        Command::Fmt(args) => fmt::run(&args),
        Command::Render(args) => render::run(&args),
        Command::Test(args) => test::run(&args),
        Command::Lsp(args) => lsp::run(&args),
    };
    ExitCode::from(code)
}
