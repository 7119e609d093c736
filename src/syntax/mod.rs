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
mod unit;

pub use errors::human_name;
pub use lower::dedented_lines;
pub use tree::*;
pub use unit::Unit;

use crate::diag::Diagnostic;
use crate::source::{SourceFile, Span};
use grammar::{Rule, SlaParser};
use pest::Parser;

/// Parse one file.
pub fn parse(source: &SourceFile) -> (Option<SyntaxFile>, Vec<Diagnostic>) {
    let layout = match scan::layout(source.id, &source.text) {
        Ok(layout) => layout,
        Err(early) => return (None, vec![*early]),
    };
    let text = layout.parse_text.as_deref().unwrap_or(&source.text);
    match SlaParser::parse(Rule::file, text) {
        Ok(mut pairs) => {
            let comments = layout
                .comments
                .iter()
                .map(|&(start, end)| Comment {
                    text: source.text.get(start..end).unwrap_or_default().to_owned(),
                    span: Span::new(source.id, start, end),
                })
                .collect();
            let mut lowerer = lower::Lowerer::new(source.id);
            let tree = pairs.next().map(|file| lowerer.file(file, comments));
            (tree, lowerer.diags)
        }
        Err(err) => (None, vec![errors::from_pest(source.id, &source.text, &err)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> SyntaxFile {
        let source = SourceFile::new(0, "t.sla", None, text);
        let (tree, diags) = parse(&source);
        assert!(diags.is_empty(), "{diags:?}");
        tree.expect("a tree")
    }

    #[test]
    fn comments_are_kept_in_order_but_not_in_strings() {
        let t = tree("// one\ntitle \"a // b /* c */\" /* two */\nx 1 // three\r\n");
        let texts: Vec<&str> = t.comments.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["// one", "/* two */", "// three"]);
        assert_eq!((t.comments[1].span.start, t.comments[1].span.end), (30, 39));
        assert_eq!(t.statements.len(), 2);
    }

    #[test]
    fn a_comma_separates_values_and_continues_the_line() {
        let t = tree("notify \"a\",\n  \"b\", // and\n  \"c\"\nnext [1%,2%)\n");
        assert_eq!(t.statements.len(), 2);
        assert_eq!(t.statements[0].values.len(), 4);
        assert!(matches!(t.statements[1].values[1].kind, ValueKind::Interval { .. }));
    }

    #[test]
    fn each_literal_is_read_as_its_kind() {
        let t = tree(
            "x 24x7 7×24 24x 15min 99.95% 2025-06-18 2025-01-01..2025-02-01 2025-01-01.. 2025-06 09:00-18:00 09:00 5 10^10 1_000 CNY 1.50 [1%, 2%)\n",
        );
        let kinds: Vec<&str> = t.statements[0].values[1..].iter().map(|v| v.describe()).collect();
        assert_eq!(
            kinds,
            [
                "`24x7`",
                "`24x7`",
                "a multiple",
                "a duration",
                "a percentage",
                "a date",
                "a date range",
                "a date range",
                "a month",
                "hours",
                "a time of day",
                "a plain number",
                "a power of ten",
                "a plain number",
                "an amount of money",
                "an interval",
            ]
        );
    }

    #[test]
    fn words_with_hyphens_are_dashed_words() {
        let t = tree("mon-fri sat x-1 - y\n");
        let kinds: Vec<&ValueKind> = t.statements[0].values.iter().map(|v| &v.kind).collect();
        assert!(matches!(kinds[0], ValueKind::DashedWord(w) if w == "mon-fri"));
        assert!(matches!(kinds[1], ValueKind::Word(w) if w == "sat"));
        assert!(matches!(kinds[2], ValueKind::DashedWord(w) if w == "x-1"));
        assert!(matches!(kinds[3], ValueKind::Op(o) if o == "-"));
    }
}
