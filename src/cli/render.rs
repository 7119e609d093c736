//! `slac render CONTRACT`: the contract as the document people read, in
//! HTML or Markdown, English or Chinese (docs/render.md).

use super::exit;
use super::output::{self, ColorChoice};
use crate::diag::render::{self as diag_render, HumanStyle};
use crate::diag::{Code, Diagnostic, Severity};
use crate::render::{self, Format, Lang};
use crate::source::Span;
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
    // Checked and linted as `slac check` does: a contract `check` rejects
    // is not rendered either.
    let mut c = match super::check::check_file(&args.file, &Default::default(), &mut Default::default()) {
        Ok(c) => c,
        Err(message) => {
            eprintln!("error: {message}");
            return exit::USAGE;
        }
    };
    if c.is_library && c.diags.is_empty() {
        c.diags.push(
            Diagnostic::error(
                Code::MissingContract,
                Span::new(c.file, 0, 0),
                format!("{} holds no contract to render", args.file.display()),
            )
            .help("`slac render` needs a file with a `contract \"name\" { ... }` block"),
        );
    }
    if c.has_errors() {
        let style = HumanStyle { color: ColorChoice::Auto.enabled(), width: output::width() };
        for d in &c.diags {
            eprint!("{}", diag_render::human(d, &c.sources, style));
        }
        let unreadable = c.diags.iter().any(|d| d.code == Code::ReadFailed.as_str());
        return if unreadable { exit::USAGE } else { exit::FINDINGS };
    }
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
