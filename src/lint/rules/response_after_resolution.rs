//! L202: a response limit longer than the resolution limit of the same tier.

use crate::ir::Limit;
use crate::lint::registry::{Category, Level, Rule};
use crate::lint::{Context, Finding};

pub static RULE: Rule = Rule {
    code: "L202",
    name: "response-after-resolution",
    category: Category::Correctness,
    default_level: Level::Warning,
    summary: "a response limit longer than the resolution limit of the same tier",
    what: "Finds a tier (or a date override of a tier) whose response limit is longer than its \
resolution or advice limit.",
    why: "An incident cannot be resolved before it is answered: an incident resolved with no \
response counts as answered at resolution, so the longer response limit never matters. The \
two limits were probably swapped, or one was written in the wrong unit (`30h` for `30min`).",
    example: r#"contract "example" {
  timezone "Asia/Shanghai"
  tier L2 "二级故障" {
    respond within 6h
    resolve within 30min
    clock 24x7
  }
}
"#,
    fix: "Swap the two limits or correct the unit, so that the response comes no later than the \
resolution.",
    fixed: r#"contract "example" {
  timezone "Asia/Shanghai"
  tier L2 "二级故障" {
    respond within 30min
    resolve within 6h
    clock 24x7
  }
}
"#,
    peer_example: None,
    check,
};

fn finding(tier: &str, during: &str, respond: Limit, resolve: Limit, verb: &str) -> Finding {
    Finding::new(
        respond.span,
        format!(
            "tier `{tier}`{during} allows {} to respond but only {} to {verb}",
            respond.seconds, resolve.seconds
        ),
    )
    .label("longer than the resolution limit")
    .related(resolve.span, format!("{verb} within {}", resolve.seconds))
    .help(
        "an incident is answered no later than it is resolved: swap the two limits, or correct the one written in the wrong unit",
    )
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for t in &cx.contract.tiers {
        let verb = match t.resolution_kind {
            crate::ir::ResolutionKind::Resolve => "resolve",
            crate::ir::ResolutionKind::Advise => "advise",
        };
        if let (Some(r), Some(s)) = (t.response, t.resolution) {
            if r.seconds > s.seconds && comparable(r, s) {
                out.push(finding(&t.id, "", r, s, verb).cite(t.citation.as_ref()));
            }
        }
        for o in &t.overrides {
            let (Some(r), Some(s)) = (o.response.or(t.response), o.resolution.or(t.resolution)) else { continue };
            if r.seconds > s.seconds && comparable(r, s) {
                let during = match &o.name {
                    Some(n) => format!(" during \"{n}\""),
                    None => format!(" from {} to {}", o.from, o.to),
                };
                // Point at the override's own limit where it has one.
                let at = if o.response.is_some() { r } else { Limit { span: o.span, ..r } };
                out.push(finding(&t.id, &during, at, s, verb).cite(o.citation.as_ref()));
            }
        }
    }
}

/// Two amounts of open time; a rule (business days, a cut-off) sets an
/// instant, not an amount to compare.
fn comparable(r: Limit, s: Limit) -> bool {
    r.rule.is_open_time() && s.rule.is_open_time()
}
