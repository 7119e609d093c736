//! L206: a downtime budget that does not follow from the target.

use crate::ir::PeriodKind;
use crate::lint::exact::{allowed_seconds, budget_unit, in_unit};
use crate::lint::registry::{Category, Level, Rule};
use crate::lint::{Context, Finding};
use rust_decimal::Decimal;

pub static RULE: Rule = Rule {
    code: "L206",
    name: "budget-claim-mismatch",
    category: Category::Correctness,
    default_level: Level::Warning,
    summary: "a downtime budget (\"21.6 minutes a month\") that does not follow from the target",
    what: "Checks every `budget at most D per P` of an availability promise against its target, \
exactly: a target t allows `(1 - t) × days × 1440` minutes in a period of that many days. A \
month has 28, 29, 30 or 31 days, a quarter 90, 91 or 92, a year 365 or 366; the rule reports \
each length for which the budget differs from what the target allows, and by how much.",
    why: "Agreements restate their target as a budget (\"99.95%, i.e. at most 21.6 minutes of \
downtime a month\"), but the figure is right for one length of period only: 21.6 minutes is \
99.95% of a 30-day month. In February 21.6 minutes of downtime misses the target although the \
budget allows it; in a 31-day month the budget promises less downtime than the target (22.32 \
minutes). The two sentences of the contract then disagree, and the parties will read the one \
that suits them.",
    example: r#"contract "example" {
  timezone "Asia/Shanghai"
  service esign "电子签约平台"
  availability esign {
    target 99.95%
    period month
    budget at most 21.6min per month
  }
}
"#,
    fix: "A fixed budget can match the target only for one period length. Drop the budget and \
let the target speak; or keep the agreement's sentence and allow the finding on it with the \
reason (`#[allow(budget-claim-mismatch, reason = \"the agreement's figure is for a 30-day \
month\")]`), so the discrepancy is on record.",
    fixed: r#"contract "example" {
  timezone "Asia/Shanghai"
  service esign "电子签约平台"
  availability esign {
    target 99.95%
    period month
    #[allow(budget-claim-mismatch, reason = "§3.8 states 21.6 min, which holds for 30-day months")]
    budget at most 21.6min per month
  }
}
"#,
    check,
};

/// The lengths a period can have, in days.
fn lengths(per: PeriodKind) -> &'static [i64] {
    match per {
        PeriodKind::Month => &[28, 29, 30, 31],
        PeriodKind::Quarter => &[90, 91, 92],
        PeriodKind::Year => &[365, 366],
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for a in &cx.contract.availability {
        for claim in &a.budget_claims {
            let (unit, unit_seconds) = budget_unit(claim.per);
            let per = claim.per.name();
            let claimed = Decimal::from(claim.at_most.0);
            let show = |s: Decimal| format!("{} {unit}", in_unit(s, unit_seconds));
            let mut holds = Vec::new();
            let mut parts = Vec::new();
            for &days in lengths(claim.per) {
                let allowed = allowed_seconds(a.target, days);
                let diff = allowed - claimed;
                let note = if diff.is_zero() {
                    holds.push(format!("{days}"));
                    String::new()
                } else if diff.is_sign_negative() {
                    format!(" ({} less than claimed)", show(-diff))
                } else {
                    format!(" ({} more than claimed)", show(diff))
                };
                parts.push(format!("{} in a {days}-day {per}{note}", show(allowed)));
            }
            if holds.len() == lengths(claim.per).len() {
                continue;
            }
            let claim_text = show(claimed);
            let message = if holds.is_empty() {
                format!(
                    "the budget of {claim_text} a {per} does not follow from the {} target for any length of {per}",
                    a.target
                )
            } else {
                format!(
                    "the budget of {claim_text} a {per} follows from the {} target only for {per}s of {} days",
                    a.target,
                    super::silent_default::join(&holds.iter().map(String::as_str).collect::<Vec<_>>())
                )
            };
            out.push(
                Finding::new(claim.span, message)
                    .label(format!("{claim_text} claimed"))
                    .related(a.target_span, "the target")
                    .help(format!(
                        "{} allows {}; a fixed budget matches only one length of {per}: drop it, or allow this finding on \
it with the reason the agreement states this figure",
                        a.target,
                        super::silent_default::join(&parts.iter().map(String::as_str).collect::<Vec<_>>())
                    ))
                    .cite(claim.citation.as_ref().or(a.citation.as_ref())),
            );
        }
    }
}
