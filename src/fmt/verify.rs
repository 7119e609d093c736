//! The formatter's promise, checked on every file it writes: the output
//! parses to the same syntax tree as the input (spans aside) and keeps every
//! comment, in order. A formatter bug then costs a refusal, never a
//! contract that says something else.

use crate::source::SourceFile;
use crate::syntax::{self, SyntaxFile};
use serde_json::Value;

/// Why the formatted text was not trusted, or `None` when it says the same.
pub fn differs(original: &SyntaxFile, formatted: &str) -> Option<String> {
    let source = SourceFile::new(original.file, "formatted", None, formatted);
    let (tree, diags) = syntax::parse(&source);
    let Some(tree) = tree.filter(|_| !diags.iter().any(|d| d.is_error())) else {
        return Some("the formatted text does not parse".to_owned());
    };
    if comments(original) != comments(&tree) {
        return Some("a comment would be lost or changed".to_owned());
    }
    if shape(original) != shape(&tree) {
        return Some("the clauses would read differently".to_owned());
    }
    None
}

fn comments(tree: &SyntaxFile) -> Vec<&str> {
    tree.comments.iter().map(|c| c.text.trim_end()).collect()
}

/// The tree as JSON with every span and file id left out.
fn shape(tree: &SyntaxFile) -> Value {
    let mut value = serde_json::to_value((&tree.attrs, &tree.statements)).unwrap_or(Value::Null);
    strip_spans(&mut value);
    value
}

/// Leaves out every span (an object of exactly `file`, `start` and
/// `end`): what a text says, wherever it is written. Also used by the tests
/// that compare IR.
pub fn strip_spans(value: &mut Value) {
    match value {
        // A span is an object of exactly `file`, `start` and `end`.
        Value::Object(map) if map.len() == 3 && ["file", "start", "end"].iter().all(|k| map.contains_key(*k)) => {
            *value = Value::Null;
        }
        Value::Object(map) => map.values_mut().for_each(strip_spans),
        Value::Array(items) => items.iter_mut().for_each(strip_spans),
        _ => {}
    }
}
