//! L303: two overrides of one tier whose dates overlap.

use crate::lint::registry::{Category, Level, Rule};
use crate::lint::{Context, Finding};
use std::cmp::{max, min};

pub static RULE: Rule = Rule {
    code: "L303",
    name: "overlapping-overrides",
    category: Category::Suspicious,
    default_level: Level::Warning,
    summary: "two overrides of the same tier whose dates overlap",
    what: "Finds two `override` lines of one tier that share at least one date.",
    why: "Where overrides overlap, the first written wins, so the second never applies on the \
shared dates. That is seldom meant: usually a date range was mistyped (`2025-06-18` for \
`2025-06-01`) or one festival was written twice.",
    example: r#"contract "example" {
  timezone "Asia/Shanghai"
  tier L1 "一级故障" {
    respond within 15min
    resolve within 2h
    clock 24x7
    override "618" 2025-06-01..2025-06-20 { respond within 10min; resolve within 1h }
    override "年中大促" 2025-06-15..2025-06-30 { respond within 5min }
  }
}
"#,
    fix: "Correct the dates so that the ranges do not overlap, or merge the two overrides into one.",
    fixed: r#"contract "example" {
  timezone "Asia/Shanghai"
  tier L1 "一级故障" {
    respond within 15min
    resolve within 2h
    clock 24x7
    override "618" 2025-06-01..2025-06-14 { respond within 10min; resolve within 1h }
    override "年中大促" 2025-06-15..2025-06-30 { respond within 5min }
  }
}
"#,
    peer_example: None,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for t in &cx.contract.tiers {
        for (i, later) in t.overrides.iter().enumerate() {
            let Some(first) = t.overrides[..i].iter().find(|o| o.from <= later.to && later.from <= o.to) else {
                continue;
            };
            let (from, to) = (max(first.from, later.from), min(first.to, later.to));
            let shared = if from == to { format!("on {from}") } else { format!("from {from} to {to}") };
            out.push(
                Finding::new(later.span, format!("this override of tier `{}` overlaps an earlier one {shared}", t.id))
                    .label("never applies on the shared dates")
                    .related(first.span, "the first written wins")
                    .help("correct the dates so that the ranges do not overlap, or merge the two overrides")
                    .cite(later.citation.as_ref().or(t.citation.as_ref())),
            );
        }
    }
}
