//! What is written at an offset of a file: a value of a statement (with the
//! statements around it), a citation, or a word of an attribute.

use crate::source::Span;
use crate::syntax::{AttrArg, Attribute, Citation, Statement, SyntaxFile, Value};

pub enum Hit<'a> {
    Citation(&'a Citation),
    /// A rule named in `#[allow(rule, ...)]`.
    AttrWord(&'a str),
    Value {
        value: &'a Value,
        /// Its position among the statement's values (0: the keyword).
        index: usize,
        stmt: &'a Statement,
        /// The statements whose blocks hold `stmt`, outermost first.
        parents: Vec<&'a Statement>,
    },
}

fn holds(span: Span, offset: usize) -> bool {
    span.start as usize <= offset && offset <= span.end as usize
}

pub fn at(tree: &SyntaxFile, offset: usize) -> Option<Hit<'_>> {
    if let Some(hit) = in_attrs(&tree.attrs, offset) {
        return Some(hit);
    }
    in_statements(&tree.statements, offset, &mut Vec::new())
}

fn in_attrs(attrs: &[Attribute], offset: usize) -> Option<Hit<'_>> {
    attrs.iter().filter(|a| holds(a.span, offset)).find_map(|a| {
        a.args.iter().find_map(|arg| match arg {
            AttrArg::Word { text, span } if holds(*span, offset) => Some(Hit::AttrWord(text.as_str())),
            _ => None,
        })
    })
}

fn in_statements<'a>(stmts: &'a [Statement], offset: usize, parents: &mut Vec<&'a Statement>) -> Option<Hit<'a>> {
    for stmt in stmts {
        if let Some(hit) = in_attrs(&stmt.attrs, offset) {
            return Some(hit);
        }
        if !holds(stmt.span, offset) {
            continue;
        }
        if let Some(c) = stmt.citation.as_ref().filter(|c| holds(c.span, offset)) {
            return Some(Hit::Citation(c));
        }
        if let Some((index, value)) = stmt.values.iter().enumerate().find(|(_, v)| holds(v.span, offset)) {
            return Some(Hit::Value { value, index, stmt, parents: parents.clone() });
        }
        if let Some(block) = &stmt.block {
            if let Some(hit) = in_attrs(&block.attrs, offset) {
                return Some(hit);
            }
            if let Some(c) = block.citation.as_ref().filter(|c| holds(c.span, offset)) {
                return Some(Hit::Citation(c));
            }
            parents.push(stmt);
            if let Some(hit) = in_statements(&block.statements, offset, parents) {
                return Some(hit);
            }
            parents.pop();
        }
    }
    None
}
