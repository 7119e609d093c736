//! `slac explain CODE-or-name`: what a lint rule or a compiler code means.
//! `--list` lists the rules; `--markdown` prints `docs/lints.md`.

use super::exit;
use crate::diag::Code;
use crate::explain::code_docs;
use crate::explain::lint_docs as docs;
use crate::lint::registry;
use clap::Args;

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// A lint rule's code or name (`L101`, `missing-exclusions`), or a
    /// compiler code (`slac::type::unit_mismatch`).
    #[arg(required_unless_present_any = ["list", "markdown"])]
    what: Option<String>,
    /// List every lint rule.
    #[arg(long, conflicts_with = "markdown")]
    list: bool,
    /// Print the whole rule reference as Markdown (`docs/lints.md`).
    #[arg(long)]
    markdown: bool,
}

pub fn run(args: &ExplainArgs) -> u8 {
    if args.markdown {
        print!("{}", docs::markdown());
        return exit::OK;
    }
    if args.list {
        print!("{}", docs::list());
        return exit::OK;
    }
    let Some(what) = args.what.as_deref() else { return exit::USAGE };
    if let Some(rule) = registry::find(what) {
        print!("{}", docs::rule_page(rule, 1));
        return exit::OK;
    }
    if let Some(code) = Code::ALL.iter().find(|c| c.as_str() == what || c.as_str().rsplit("::").next() == Some(what)) {
        match code_docs::code_page(*code) {
            Some(page) => print!("{page}"),
            None => println!("{}: {}", code.as_str(), code.summary()),
        }
        return exit::OK;
    }
    let hint = registry::suggest(what)
        .or_else(|| crate::diag::suggest::closest(what, Code::ALL.iter().map(|c| c.as_str())))
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default();
    eprintln!("error: `{what}` is neither a lint rule nor a compiler code{hint}");
    eprintln!("`slac explain --list` lists the lint rules");
    exit::USAGE
}
