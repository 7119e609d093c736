//! `slac fmt`: one canonical layout for `.sla` files.
//!
//! What the writer chose stays as written: every value's text (`99.90%`,
//! `7*24`, `CNY 1200.00`), strings and text blocks, comments and citations.
//! What is decided here is only the layout between them: one statement per
//! line, two spaces per block level, one space between values (none where
//! none was written, so `(a + b)` and `7*24` keep their look), `, ` after a
//! comma, line breaks after a comma kept, blank lines kept (at most one) and
//! added around every clause with a block, `§` citations in one column
//! (`lines::CITATION_COLUMN`), and comments that end consecutive lines in
//! one column. docs/fmt.md gives the rules and the reasons.
//!
//! The result is checked before it is returned (`verify`): it must parse to
//! the same tree with the same comments, or the file is left as it was.

mod lines;
mod printer;
mod verify;

pub use verify::strip_spans;

use crate::diag::Diagnostic;
use crate::source::SourceFile;
use crate::syntax;

/// Why a file was not formatted.
#[derive(Debug)]
pub enum FmtError {
    /// The file does not parse: the diagnostics say where.
    Syntax(Vec<Diagnostic>),
    /// The formatter's output would not say the same (a bug in slac): the
    /// file is left untouched.
    Unsafe(String),
}

/// Format one source file.
pub fn format(source: &SourceFile) -> Result<String, FmtError> {
    let (tree, diags) = syntax::parse(source);
    let tree = match tree {
        Some(tree) if !diags.iter().any(Diagnostic::is_error) => tree,
        _ => return Err(FmtError::Syntax(diags)),
    };
    let lines = printer::Printer::new(&source.text, &tree.comments).file(&tree);
    let text = lines::render(&lines);
    match verify::differs(&tree, &text) {
        None => Ok(text),
        Some(why) => Err(FmtError::Unsafe(why)),
    }
}

/// Format source text (for editors and tests).
pub fn format_source(text: &str) -> Result<String, FmtError> {
    format(&SourceFile::new(0, "<input>", None, text))
}

#[cfg(test)]
mod tests;
