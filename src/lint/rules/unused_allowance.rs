//! L402: an `allow` attribute that suppresses nothing.

use crate::lint::registry::{Category, Level, Rule};
use crate::lint::{Context, Finding};
use crate::source::Span;

pub static RULE: Rule = Rule {
    code: "L402",
    name: "unused-allowance",
    category: Category::Style,
    default_level: Level::Warning,
    summary: "an `allow` attribute that suppresses nothing",
    what: "Finds a rule named in an `#[allow(...)]` or `#![allow(...)]` attribute that has no \
finding to suppress in the attribute's scope.",
    why: "An allowance records a decision about a finding. When the finding is gone (the clause \
was fixed, or the allowance sits on the wrong clause), the allowance misleads the next reader \
and would silently hide the problem if it came back.",
    example: r#"contract "example" {
  timezone "Asia/Shanghai"
  #[allow(tiers-not-monotone, reason = "the agreement's table")]
  tier P0 "紧急" {
    respond within 15min
    resolve within 2h
    clock 24x7
  }
}
"#,
    fix: "Delete the allowance, or move it to the clause whose finding it is meant for.",
    fixed: r#"contract "example" {
  timezone "Asia/Shanghai"
  tier P0 "紧急" {
    respond within 15min
    resolve within 2h
    clock 24x7
  }
}
"#,
    peer_example: None,
    check,
};

/// The engine finds unused allowances itself, after every other rule ran.
fn check(_: &Context<'_>, _: &mut Vec<Finding>) {}

/// The finding for one unused allowance.
pub fn finding(written: &str, rule: &Rule, span: Span) -> Finding {
    let same = if written == rule.name { String::new() } else { format!(" ({})", rule.name) };
    Finding::new(span, format!("`{written}`{same} is allowed here, but nothing here triggers it"))
        .label("suppresses nothing")
        .help("delete the allowance, or move it to the clause whose finding it is meant for")
}
