//! L205: a credit band that reaches the target or above.

use super::bands::{self, End, interval};
use crate::lint::registry::{Category, Level, Rule};
use crate::lint::{Context, Finding};

pub static RULE: Rule = Rule {
    code: "L205",
    name: "credit-band-above-target",
    category: Category::Correctness,
    default_level: Level::Warning,
    summary: "a credit band that pays at or above the availability target",
    what: "Finds a band of a `credit` table that contains availability ratios at or above the \
service's availability target, including the target itself when the band's upper end is closed \
(`[99.00%, 99.80%]` with a 99.80% target).",
    why: "A month that reaches its target has met the promise, and no credit is owed for it. A \
band above the target usually means a mistyped figure, or the target and the table disagree \
(the table was changed and the target was not).",
    example: r#"contract "example" {
  timezone "Asia/Shanghai"
  service baas "区块链即服务"
  availability baas { target 99.80% }
  credit baas {
    basis monthly_fee
    band [99.00%, 99.90%) => 10%
    band [0%, 99.00%)     => 25%
    cap   25% of monthly_fee
    claim closes 2 months after period
  }
}
"#,
    fix: "End the highest band at the target, open: `[99.00%, 99.80%)`.",
    fixed: r#"contract "example" {
  timezone "Asia/Shanghai"
  service baas "区块链即服务"
  availability baas { target 99.80% }
  credit baas {
    basis monthly_fee
    band [99.00%, 99.80%) => 10%
    band [0%, 99.00%)     => 25%
    cap   25% of monthly_fee
    claim closes 2 months after period
  }
}
"#,
    peer_example: None,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for credit in &cx.contract.credits {
        let Some((target, target_span)) = bands::target(cx.contract, credit) else { continue };
        for band in &credit.bands {
            let high = End { at: band.high, closed: band.high_inclusive };
            if !bands::beyond(high, End { at: target, closed: false }) {
                continue;
            }
            let low = if band.low >= target {
                End { at: band.low, closed: band.low_inclusive }
            } else {
                End { at: target, closed: true }
            };
            let met = interval(low, high);
            out.push(
                Finding::new(
                    band.span,
                    format!("this band pays {} for availability {met}, which meets the {target} target", band.credit),
                )
                .label("reaches the target")
                .related(target_span, "the target")
                .help(if band.low >= target {
                    "the whole band lies at or above the target: remove it, or correct the target or the band"
                        .to_owned()
                } else {
                    format!(
                        "end the band at the target, left open: `{}{}, {target})`",
                        if band.low_inclusive { '[' } else { '(' },
                        band.low
                    )
                })
                .cite(credit.citation.as_ref()),
            );
        }
    }
}
