//! L302: an escalation threshold above 100%.

use crate::ir::EscalationThreshold;
use crate::lint::registry::{Category, Level, Rule};
use crate::lint::{Context, Finding};
use rust_decimal::Decimal;

pub static RULE: Rule = Rule {
    code: "L302",
    name: "escalation-above-limit",
    category: Category::Suspicious,
    default_level: Level::Warning,
    summary: "an escalation threshold above 100% of the limit",
    what: "Finds an escalation threshold (`at 120%`) above 100%, in the contract's `escalation` \
or a tier's own.",
    why: "Thresholds are shares of a tier's limit at which someone is warned before the limit \
runs out (seed 003: 80%, 90%, 95%, 100%). Above 100% the limit is already breached; the \
threshold is reached only by clocks that are already late, which is rarely what the agreement \
means. A threshold such as `150%` is often `15.0%` or `50%` mistyped.",
    example: r#"contract "example" {
  timezone "Asia/Shanghai"
  escalation {
    at 80% "预警"
    at 120% "SLA违约"
  }
}
"#,
    fix: "Write thresholds as shares of the limit, up to `100%` for the breach itself.",
    fixed: r#"contract "example" {
  timezone "Asia/Shanghai"
  escalation {
    at 80% "预警"
    at 100% "SLA违约"
  }
}
"#,
    peer_example: None,
    check,
};

fn finding(e: &EscalationThreshold, whose: &str) -> Finding {
    Finding::new(e.span, format!("{whose} escalation threshold {} is above 100% of the limit", e.at))
        .label("reached only after the limit is breached")
        .help("thresholds are shares of the limit; `100%` is the breach itself")
        .cite(e.citation.as_ref())
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let above = |e: &&EscalationThreshold| e.at.0 > Decimal::ONE_HUNDRED;
    for e in cx.contract.escalation.iter().filter(above) {
        out.push(finding(e, "the"));
    }
    for t in &cx.contract.tiers {
        for e in t.escalation.iter().filter(above) {
            out.push(finding(e, &format!("tier `{}`'s", t.id)));
        }
    }
}
