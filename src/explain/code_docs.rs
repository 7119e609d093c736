//! The compiler codes' pages for `slac explain CODE`, from
//! [`crate::diag::explain`]: the page's texts, its example and what
//! `slac check` prints for it. Rendering compiles the example, so it lives
//! here, above the front end, as the lint rules' pages do (`lint_docs`).

use crate::diag::explain::{Example, page};
use crate::diag::render::{self, HumanStyle};
use crate::diag::{Code, codes};
use crate::driver::compile_source;
use std::fmt::Write;

/// A code's page; `None` for a code whose page is not written yet.
pub fn code_page(code: Code) -> Option<String> {
    let p = page(code)?;
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", code.as_str());
    let _ = writeln!(out, "Stage: {} · Level: error\n", codes::stage_title(code));
    let _ = writeln!(out, "## What it means\n\n{}. {}\n", capitalised(code.summary()), p.why);
    out.push_str("## Example\n\n");
    match p.example {
        Example::Source(text) => {
            let _ = writeln!(out, "```sla\n{text}```\n");
            let _ = writeln!(out, "`slac check` reports:\n\n```text\n{}```\n", example_output(text));
        }
        Example::Command { command, setup } => {
            let _ = writeln!(
                out,
                "This code comes from the files around a contract, not from its text: `{command}`, {setup}.\n"
            );
        }
    }
    let _ = writeln!(out, "## How to fix it\n\n{}", p.fix);
    Some(out)
}

/// What `slac check` prints for an example file.
fn example_output(text: &str) -> String {
    let c = compile_source("example.sla", text);
    c.diags.iter().map(|d| render::human(d, &c.sources, HumanStyle::plain())).collect::<Vec<_>>().join("\n")
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every example is a test: it produces its code and no other error.
    #[test]
    fn every_example_produces_exactly_its_code() {
        let mut wrong = Vec::new();
        for code in Code::ALL {
            let Some(Example::Source(text)) = page(*code).map(|p| p.example) else { continue };
            let c = compile_source("example.sla", text);
            let got: Vec<&str> = c.diags.iter().filter(|d| d.is_error()).map(|d| d.code).collect();
            if got != [code.as_str()] {
                wrong.push(format!("{}: got {got:?}", code.as_str()));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn a_page_shows_the_rendered_error() {
        let text = code_page(Code::UnitMismatch).unwrap();
        assert!(text.starts_with("# slac::type::unit_mismatch\n"), "{text}");
        assert!(text.contains("slac::type::unit_mismatch\n\n  × "), "{text}");
        assert!(text.contains("## How to fix it"), "{text}");
        let text = code_page(Code::ReadFailed).unwrap();
        assert!(text.contains("`slac check no-such-file.sla`"), "{text}");
    }
}
