//! Parsing: source text to the untyped syntax tree.
//!
//! `parse` never panics and always returns its diagnostics; when the text
//! does not fit the grammar there is no tree, and one diagnostic says where
//! and what to write instead.

mod errors;
pub mod grammar;
mod lower;
mod scan;
pub mod tree;

pub use errors::human_name;
pub use tree::*;

use crate::diag::Diagnostic;
use crate::source::SourceFile;
use grammar::{Rule, SlaParser};
use pest::Parser;

/// Parse one file.
pub fn parse(source: &SourceFile) -> (Option<SyntaxFile>, Vec<Diagnostic>) {
    if let Some(too_deep) = scan::too_deep(source.id, &source.text) {
        return (None, vec![too_deep]);
    }
    match SlaParser::parse(Rule::file, &source.text) {
        Ok(mut pairs) => {
            let mut lowerer = lower::Lowerer::new(source.id);
            let tree = pairs.next().map(|file| lowerer.file(file));
            (tree, lowerer.diags)
        }
        Err(err) => (None, vec![errors::from_pest(source.id, &source.text, &err)]),
    }
}
