//! L204: credit bands that overlap.

use super::bands::{self, End, interval};
use crate::lint::registry::{Category, Level, Rule};
use crate::lint::{Context, Finding};

pub static RULE: Rule = Rule {
    code: "L204",
    name: "credit-band-overlap",
    category: Category::Correctness,
    default_level: Level::Error,
    summary: "credit bands that overlap",
    what: "Finds two bands of one `credit` table that both contain some availability ratio, \
including a single shared end written closed on both sides (`[98%, 99%]` and `[99%, 99.8%)`).",
    why: "A month in the overlap earns two different credits and the contract does not say which \
one applies; the evaluator cannot choose for the parties. This is an error by default.",
    example: r#"contract "example" {
  timezone "Asia/Shanghai"
  service baas "区块链即服务"
  availability baas { target 99.80% }
  credit baas {
    basis monthly_fee
    band [99.00%, 99.80%) => 10%
    band [0%, 99.00%]     => 25%
    cap   25% of monthly_fee
    claim closes 2 months after period
  }
}
"#,
    fix: "Make the bands meet without sharing a point: where one ends closed (`]`) the next \
starts open (`(`), or the other way round.",
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
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for credit in &cx.contract.credits {
        let sorted = bands::sorted(credit);
        for (i, a) in sorted.iter().enumerate() {
            for b in &sorted[i + 1..] {
                // `b` starts no lower than `a`; they overlap when `a` reaches
                // beyond `b`'s start.
                let a_high = End { at: a.high, closed: a.high_inclusive };
                let b_low = End { at: b.low, closed: b.low_inclusive };
                let overlap = a_high.at > b_low.at || (a_high.at == b_low.at && a_high.closed && b_low.closed);
                if !overlap {
                    continue;
                }
                let b_high = End { at: b.high, closed: b.high_inclusive };
                let top = if bands::beyond(a_high, b_high) { b_high } else { a_high };
                let shared = interval(b_low, top);
                let (first, second) = if a.span.start <= b.span.start { (a, b) } else { (b, a) };
                out.push(
                    Finding::new(second.span, format!("credit bands overlap on {shared}"))
                        .label(format!("pays {} here", second.credit))
                        .related(first.span, format!("pays {} here", first.credit))
                        .help(format!(
                            "a month at {} would earn both {} and {}; make the bands meet without sharing a point, \
one end closed and the other open",
                            b_low.at, first.credit, second.credit
                        ))
                        .cite(credit.citation.as_ref()),
                );
            }
        }
    }
}
