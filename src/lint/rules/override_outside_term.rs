//! L301: a tier override dated outside the contract term.

use crate::lint::registry::{Category, Level, Rule};
use crate::lint::{Context, Finding};

pub static RULE: Rule = Rule {
    code: "L301",
    name: "override-outside-term",
    category: Category::Suspicious,
    default_level: Level::Warning,
    summary: "a tier override dated wholly or partly outside the contract term",
    what: "Finds a tier `override` whose dates begin before the contract's `term` starts or end \
after it ends.",
    why: "Overrides raise or relax limits for named dates, such as a shopping festival. Dates \
outside the term never apply, or apply only in part: usually the year was copied from last \
year's contract and not updated.",
    example: r#"contract "example" {
  timezone "Asia/Shanghai"
  term 2025-01-01..2025-12-31
  tier L1 "一级故障" {
    respond within 15min
    resolve within 2h
    clock 24x7
    override "双11" 2024-11-01..2024-11-12 { respond within 10min; resolve within 1h }
  }
}
"#,
    fix: "Correct the dates so that the override lies inside the term.",
    fixed: r#"contract "example" {
  timezone "Asia/Shanghai"
  term 2025-01-01..2025-12-31
  tier L1 "一级故障" {
    respond within 15min
    resolve within 2h
    clock 24x7
    override "双11" 2025-11-01..2025-11-12 { respond within 10min; resolve within 1h }
  }
}
"#,
    peer_example: None,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let Some(term) = cx.contract.header.term else { return };
    for t in &cx.contract.tiers {
        for o in &t.overrides {
            let before = o.from < term.start;
            let after = term.end.is_some_and(|end| o.to > end);
            if !before && !after {
                continue;
            }
            let whole = o.to < term.start || term.end.is_some_and(|end| o.from > end);
            let name = o.name.as_ref().map(|n| format!(" \"{n}\"")).unwrap_or_default();
            let term_text = match term.end {
                Some(end) => format!("{}..{end}", term.start),
                None => format!("{}..", term.start),
            };
            let message = if whole {
                format!(
                    "the override{name} of tier `{}` ({}..{}) lies outside the term {term_text}",
                    t.id, o.from, o.to
                )
            } else {
                format!(
                    "the override{name} of tier `{}` ({}..{}) reaches outside the term {term_text}",
                    t.id, o.from, o.to
                )
            };
            out.push(
                Finding::new(o.span, message)
                    .label(if whole { "never applies" } else { "partly outside the term" })
                    .related(term.span, "the term")
                    .help("correct the dates (was the year copied from an earlier contract?)")
                    .cite(o.citation.as_ref().or(t.citation.as_ref())),
            );
        }
    }
}
