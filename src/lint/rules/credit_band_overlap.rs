//! L204: credit bands that overlap.

use super::bands::{self, End, interval};
use crate::ir::{Credit, CreditBand};
use crate::lint::registry::{Category, Level, Rule};
use crate::lint::{Context, Finding};

pub static RULE: Rule = Rule {
    code: "L204",
    name: "credit-band-overlap",
    category: Category::Correctness,
    default_level: Level::Error,
    summary: "credit bands that overlap",
    what: "Finds two bands of one `credit` table that both contain some availability ratio, \
including a single shared end written closed on both sides (`[98%, 99%]` and `[99%, 99.8%)`). \
Each band that overlaps a lower one is reported once, beside the lower band reaching furthest \
into it.",
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
    peer_example: None,
    check,
};

/// One sweep from the lowest band up, keeping the band seen so far that
/// reaches furthest: each band that overlaps an earlier one is reported
/// once, against the one reaching furthest over it. Linear after sorting,
/// and never more findings than bands, however many of them overlap.
fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for credit in &cx.contract.credits {
        let mut reach: Option<&CreditBand> = None;
        for b in bands::sorted(credit) {
            let Some(a) = reach else {
                reach = Some(b);
                continue;
            };
            // `b` starts no lower than `a`; they overlap when `a` reaches
            // beyond `b`'s start.
            let a_high = End { at: a.high, closed: a.high_inclusive };
            let b_low = End { at: b.low, closed: b.low_inclusive };
            let b_high = End { at: b.high, closed: b.high_inclusive };
            let overlap = a_high.at > b_low.at || (a_high.at == b_low.at && a_high.closed && b_low.closed);
            if overlap {
                out.push(finding(credit, a, b, a_high, b_low, b_high));
            }
            if bands::beyond(b_high, a_high) {
                reach = Some(b);
            }
        }
    }
}

fn finding(credit: &Credit, a: &CreditBand, b: &CreditBand, a_high: End, b_low: End, b_high: End) -> Finding {
    let top = if bands::beyond(a_high, b_high) { b_high } else { a_high };
    let shared = interval(b_low, top);
    let (first, second) = if a.span.start <= b.span.start { (a, b) } else { (b, a) };
    Finding::new(second.span, format!("credit bands overlap on {shared}"))
        .label(format!("pays {} here", second.credit))
        .related(first.span, format!("pays {} here", first.credit))
        .help(format!(
            "a month at {} would earn both {} and {}; make the bands meet without sharing a point, \
one end closed and the other open",
            b_low.at, first.credit, second.credit
        ))
        .cite(credit.citation.as_ref())
}

#[cfg(test)]
mod tests {
    use crate::lint::LintConfig;
    use crate::testing::lint_source;
    use proptest::prelude::*;

    const POINTS: [&str; 6] = ["0%", "90.00%", "95.00%", "99.00%", "99.50%", "100%"];

    /// A band: low and high points (indices into POINTS, low < high) and
    /// whether each end is closed.
    type Band = (usize, usize, bool, bool);

    fn contract(bands: &[Band]) -> String {
        let mut text = String::from(
            "contract \"p\" {\n  timezone \"Asia/Shanghai\"\n  service s \"S\"\n  availability s { target 99.9% }\n  credit s {\n    basis monthly_fee\n",
        );
        for (i, (lo, hi, lc, hc)) in bands.iter().enumerate() {
            let (open, close) = (if *lc { '[' } else { '(' }, if *hc { ']' } else { ')' });
            text.push_str(&format!("    band {open}{}, {}{close} => {}%\n", POINTS[*lo], POINTS[*hi], i + 1));
        }
        text + "    cap 100% of monthly_fee\n  }\n}\n"
    }

    /// Bands that overlap a band before them in order (by low end, a closed
    /// low first), compared pair by pair.
    fn overlapping(bands: &[Band]) -> usize {
        let mut sorted = bands.to_vec();
        sorted.sort_by_key(|(lo, hi, lc, hc)| (*lo, !*lc, *hi, *hc));
        (1..sorted.len())
            .filter(|&j| {
                let b = sorted[j];
                sorted[..j].iter().any(|a| a.1 > b.0 || (a.1 == b.0 && a.3 && b.2))
            })
            .count()
    }

    proptest! {
        #[test]
        fn each_band_overlapping_an_earlier_one_is_reported_once(
            bands in prop::collection::vec(
                (0usize..6, 0usize..6, any::<bool>(), any::<bool>()).prop_filter("low below high", |b| b.0 < b.1),
                1..8,
            )
        ) {
            let (c, findings) = lint_source("p.sla", &contract(&bands), &LintConfig::default());
            prop_assert!(!c.has_errors() || c.diags.iter().all(|d| d.code != "L204"), "{:?}", c.diags);
            let got = findings.iter().filter(|d| d.code == "L204").count();
            prop_assert_eq!(got, overlapping(&bands));
        }
    }
}
