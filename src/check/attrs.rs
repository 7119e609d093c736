//! Lint attributes: `#[allow(rule, reason = "...")]` on a clause and
//! `#![allow(...)]` for a whole file or block. The checker only reads their
//! shape; the linter decides what the rule names mean.

use super::Checker;
use crate::diag::{Code, Diagnostic};
use crate::ir::{LintAttribute, LintLevel};
use crate::source::Span;
use crate::syntax::{AttrArg, Attribute, Statement};

/// Collect the attributes written on a clause and on anything inside it.
pub fn collect(ck: &mut Checker, stmt: &Statement) {
    for attr in &stmt.attrs {
        push(ck, attr, Some(stmt.span));
    }
    if let Some(block) = &stmt.block {
        for attr in &block.attrs {
            push(ck, attr, Some(stmt.span));
        }
        for inner in &block.statements {
            collect(ck, inner);
        }
    }
}

/// `#![...]` at the top of a file (or of the contract block).
pub fn file_level(ck: &mut Checker, attrs: &[Attribute]) {
    for attr in attrs {
        push(ck, attr, None);
    }
}

fn push(ck: &mut Checker, attr: &Attribute, scope: Option<Span>) {
    let level = match attr.name.as_str() {
        "allow" => LintLevel::Allow,
        "warn" => LintLevel::Warn,
        "deny" => LintLevel::Deny,
        other => {
            let hint = crate::diag::suggest::did_you_mean(other, ["allow", "warn", "deny"])
                .unwrap_or_else(|| "the levels are `allow`, `warn` and `deny`".into());
            ck.d.push(
                Diagnostic::error(Code::MalformedAttribute, attr.name_span, format!("`{other}` is not a lint level"))
                    .label("unknown level")
                    .help(hint),
            );
            return;
        }
    };
    let mut rules = Vec::new();
    let mut reason = None;
    let mut args = attr.args.iter().peekable();
    while let Some(arg) = args.next() {
        match arg {
            // `reason "why"`, without `=`.
            AttrArg::Word { text, span } if text == "reason" && matches!(args.peek(), Some(AttrArg::Str { .. })) => {
                if let Some(AttrArg::Str { text, .. }) = args.next() {
                    reason = Some(text.clone());
                }
                ck.d.push(
                    Diagnostic::error(Code::MalformedAttribute, span.after(), "`reason` needs `=` before its text")
                        .label("`=` missing")
                        .help("write `reason = \"why\"`"),
                );
            }
            AttrArg::Word { text, span } => rules.push((text.clone(), *span)),
            AttrArg::Pair { key, value, .. } if key == "reason" => reason = Some(value.clone()),
            AttrArg::Pair { key, span, .. } => ck.d.push(
                Diagnostic::error(Code::MalformedAttribute, *span, format!("`{key}` is not an attribute setting"))
                    .label("unknown setting")
                    .help("the only setting is `reason = \"why\"`"),
            ),
            AttrArg::Str { span, .. } => ck.d.push(
                Diagnostic::error(Code::MalformedAttribute, *span, "a reason must be written `reason = \"...\"`")
                    .label("bare text")
                    .help("write `#[allow(rule-name, reason = \"why\")]`"),
            ),
        }
    }
    if rules.is_empty() {
        ck.d.push(
            Diagnostic::error(Code::MalformedAttribute, attr.span, "this attribute names no rule")
                .label("no rule")
                .help(format!("name the rule: `#[{}(missing-exclusions, reason = \"why\")]`", attr.name)),
        );
        return;
    }
    ck.c.lint_attributes.push(LintAttribute { level, rules, reason, scope, span: attr.span });
}
