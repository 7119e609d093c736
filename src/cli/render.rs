//! `slac render CONTRACT`: the contract as the document people read, in
//! HTML or Markdown, English or Chinese (docs/render.md).

use super::exit;
use super::output;
use crate::diag::{Diagnostic, Severity};
use crate::render::{self, Format, Lang};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct RenderArgs {
    /// The contract file; `-` reads it from standard input.
    file: PathBuf,
    /// The language of the fixed wording (headings, units, phrases); the
    /// clause text stays in the contract's own language.
    #[arg(long, value_enum, default_value_t = LangArg::Zh)]
    lang: LangArg,
    /// HTML (one self-contained page, printable to PDF) or Markdown.
    #[arg(long, value_enum, default_value_t = FormatArg::Html)]
    format: FormatArg,
    /// Show the linter's findings as notes beside the clauses they are about.
    #[arg(long)]
    with_lints: bool,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum LangArg {
    Zh,
    En,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    Html,
    Markdown,
}

pub fn run(args: &RenderArgs) -> u8 {
    let c = match super::check::contract_for(&args.file, "render") {
        Ok(c) => c,
        Err(code) => return code,
    };
    let Some(contract) = &c.contract else {
        return exit::FINDINGS;
    };
    let lang = match args.lang {
        LangArg::Zh => Lang::Zh,
        LangArg::En => Lang::En,
    };
    let format = match args.format {
        FormatArg::Html => Format::Html,
        FormatArg::Markdown => Format::Markdown,
    };
    let notes: Vec<Diagnostic> = if args.with_lints {
        c.diags.iter().filter(|d| d.severity != Severity::Error).cloned().collect()
    } else {
        Vec::new()
    };
    let text = render::render_with_notes(contract, lang, format, &notes);
    match output::emit(&text, args.output.as_deref()) {
        Ok(()) => exit::OK,
        Err(e) => {
            eprintln!("error: cannot write output: {e}");
            exit::USAGE
        }
    }
}
