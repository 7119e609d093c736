//! L206: a downtime budget that does not follow from the target.

use super::silent_default::join;
use crate::ir::BudgetClaim;
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
exactly. A target t allows `(1 - t) × days × 1440` minutes of downtime in a period of that many \
days; a month has 28 to 31 days, a quarter 90 to 92, a year 365 or 366. The budget follows from \
the target when every period that meets the target also stays within the budget, that is when \
the budget is at least what the target allows in the longest period. The rule reports each \
length of period for which it does not, and by how much.",
    why: "Agreements restate their target as a budget (\"99.95%: at most 21.6 minutes of downtime \
a month\"), but the figure is computed for one length of period: 21.6 minutes is 99.95% of a \
30-day month. A 31-day month meets 99.95% with up to 22.32 minutes of downtime, more than the \
budget promises, and a leap year meets 99.9% with 8.784 hours, more than \"8.76 hours a year\". \
The contract then says two different things, and each party will read the one that suits it. \
Where the agreement states the length it assumes (\"21.6 minutes, assuming a 30-day month\"), \
write it (`budget at most 21.6min per month assuming 30 days`): the budget is then compared with \
that length only.",
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
    fix: "Claim what the target allows in the longest period (`budget at most 22.32min per \
month` for 99.95%), or drop the budget and let the target speak. To keep the agreement's own \
figure, state the length it assumes (`budget at most 21.6min per month assuming 30 days`), or \
allow the finding on the budget with the reason, so the discrepancy is on record: \
`#[allow(budget-claim-mismatch, reason = \"§3.8 states the figure for a 30-day month\")]`.",
    fixed: r#"contract "example" {
  timezone "Asia/Shanghai"
  service esign "电子签约平台"
  availability esign {
    target 99.95%
    period month
    budget at most 22.32min per month
  }
}
"#,
    peer_example: None,
    check,
};

/// The lengths of period a budget is compared with: the one it states it
/// assumes (`assuming 30 days`), else every length the period can have.
fn lengths(claim: &BudgetClaim) -> Vec<i64> {
    match claim.assumes_days {
        Some(days) => vec![i64::from(days)],
        None => claim.per.lengths_in_days().to_vec(),
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for a in &cx.contract.availability {
        for claim in &a.budget_claims {
            let (unit, unit_seconds) = budget_unit(claim.per);
            let per = claim.per.name();
            let claimed = claim.exact.unwrap_or(Decimal::from(claim.at_most.0));
            let show = |s: Decimal| format!("{} {unit}", in_unit(s, unit_seconds));
            let mut holds = Vec::new();
            let mut breaks = Vec::new();
            let mut longest = Decimal::ZERO;
            for days in lengths(claim) {
                // A target so far out of range that the budget cannot be
                // computed is reported by the checker, not here.
                let Some(allowed) = allowed_seconds(a.target, days) else { continue };
                longest = longest.max(allowed);
                if allowed > claimed {
                    breaks.push(format!(
                        "{} in a {days}-day {per} ({} more than the budget)",
                        show(allowed),
                        show(allowed - claimed)
                    ));
                } else {
                    holds.push(days.to_string());
                }
            }
            if breaks.is_empty() {
                continue;
            }
            let claim_text = show(claimed);
            let message = if let Some(days) = claim.assumes_days {
                format!(
                    "the budget of {claim_text} a {per} does not follow from the {} target in the {days}-day {per} it assumes",
                    a.target
                )
            } else if holds.is_empty() {
                format!("the budget of {claim_text} a {per} does not follow from the {} target in any {per}", a.target)
            } else {
                format!(
                    "the budget of {claim_text} a {per} follows from the {} target only in {per}s of {} days",
                    a.target,
                    join(&holds.iter().map(String::as_str).collect::<Vec<_>>())
                )
            };
            let suggestion = [(unit, unit_seconds), ("min", 60), ("s", 1)]
                .iter()
                .map(|(u, n)| (in_unit(longest, *n), *u))
                .find(|(text, _)| !text.starts_with('≈'))
                .map(|(text, u)| format!("{text}{u}"))
                .unwrap_or_default();
            out.push(
                Finding::new(claim.span, message)
                    .label(format!("{claim_text} claimed"))
                    .related(a.target_span, "the target")
                    .help(format!(
                        "{} allows {}: such a {per} meets the target with more downtime than the budget says. Claim \
what {} allows (`budget at most {suggestion} per {per}{}`), or allow this finding on the budget with the reason \
the agreement states this figure",
                        a.target,
                        join(&breaks.iter().map(String::as_str).collect::<Vec<_>>()),
                        match claim.assumes_days {
                            Some(days) => format!("the {days}-day {per} it assumes"),
                            None => format!("the longest {per}"),
                        },
                        claim.assumes_days.map(|d| format!(" assuming {d} days")).unwrap_or_default()
                    ))
                    .cite(claim.citation.as_ref().or(a.citation.as_ref())),
            );
        }
    }
}
