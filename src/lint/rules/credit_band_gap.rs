//! L203: credit bands that leave a gap below the target.

use super::bands::{self, End, interval};
use crate::lint::registry::{Category, Level, Rule};
use crate::lint::{Context, Finding};

pub static RULE: Rule = Rule {
    code: "L203",
    name: "credit-band-gap",
    category: Category::Correctness,
    default_level: Level::Warning,
    summary: "credit bands that leave a gap, or do not reach from 0% up to the target",
    what: "Finds availability ratios below the service's target that no band of its `credit` \
table covers: between two bands, below the lowest band (bands must start at `[0%`), or between \
the highest band and the target.",
    why: "A month that misses its target and falls into a gap earns no credit, although the \
agreement means every missed month to earn one. Gaps come from a bracket written the wrong way \
(`(99.00%` where `[99.00%` was meant leaves exactly 99.00% out) or a band that stops short of \
the target.",
    example: r#"contract "example" {
  timezone "Asia/Shanghai"
  service baas "区块链即服务"
  availability baas { target 99.80% }
  credit baas {
    basis monthly_fee
    band [99.00%, 99.50%) => 10%
    band (0%, 99.00%)     => 25%
    cap   25% of monthly_fee
    claim closes 2 months after period
  }
}
"#,
    fix: "Make each band start where the one below it ends, with one bracket closed and the \
other open (`[0%, 99.00%)`, `[99.00%, 99.80%)`), from `[0%` up to the target, left open: a \
month exactly at the target meets it.",
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
        let sorted = bands::sorted(credit);
        let Some(first) = sorted.first() else { continue };
        let target = bands::target(cx.contract, credit);
        // Everything below `reach.at` is covered, and `reach.at` itself if
        // `reach.closed`.
        let mut reach = End { at: bands::zero(), closed: false };
        for band in &sorted {
            let low = End { at: band.low, closed: band.low_inclusive };
            let uncovered_from = End { at: reach.at, closed: !reach.closed };
            let uncovered_to = End { at: low.at, closed: !low.closed };
            if low.at > reach.at || (low.at == reach.at && !reach.closed && !low.closed) {
                // Only gaps below the target matter; above it is another rule's.
                let below_target = target.is_none_or(|(t, _)| reach.at < t);
                if below_target {
                    let gap = interval(uncovered_from, uncovered_to);
                    out.push(
                        Finding::new(band.span, format!("no credit band covers availability {gap}"))
                            .label(if reach.at == bands::zero() && !reach.closed {
                                "the lowest band starts here".to_owned()
                            } else {
                                format!("the band below ends at {}", reach.at)
                            })
                            .help(gap_help(reach, low))
                            .cite(credit.citation.as_ref()),
                    );
                }
            }
            let high = End { at: band.high, closed: band.high_inclusive };
            if bands::beyond(high, reach) {
                reach = high;
            }
        }
        if let Some((t, t_span)) = target {
            if reach.at < t {
                let gap = interval(End { at: reach.at, closed: !reach.closed }, End { at: t, closed: false });
                let top = sorted.iter().max_by_key(|b| (b.high, b.high_inclusive)).copied().unwrap_or(first);
                out.push(
                    Finding::new(top.span, format!("no credit band covers availability {gap}, below the {t} target"))
                        .label(format!("the highest band stops at {}", reach.at))
                        .related(t_span, "the target")
                        .help(format!(
                            "a month in {gap} missed the target but earns nothing; extend the highest band to `{t})` or add a band for it"
                        ))
                        .cite(credit.citation.as_ref()),
                );
            }
        }
    }
}

fn gap_help(reach: End, low: End) -> String {
    if reach.at == low.at {
        format!("{} is in neither band; write `[{}` to include it in this band", low.at, low.at)
    } else if reach.at == bands::zero() && !reach.closed {
        format!(
            "the lowest band must start at `[0%`; extend this one down to `[0%, ...` or add `band [0%, {}) => ...`",
            low.at
        )
    } else {
        format!("start this band at `[{}` where the band below ends, or add a band for the gap", reach.at)
    }
}
