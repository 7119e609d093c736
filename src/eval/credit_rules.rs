//! Rules that decide whether a credit the bands give is owed: a minimum
//! below which nothing is issued, and groups of credits of which one only
//! may be claimed (semantics.md section 6).

use crate::ir::{Credit, MinimumCredit};
use crate::report::CreditLine;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Withhold a line's amount: nothing is owed, and the line says why and
/// what the bands gave.
fn withhold(line: &mut CreditLine, reason: String) {
    line.withheld = Some(line.amount);
    line.amount = Decimal::ZERO;
    line.not_owed = Some(reason);
}

/// A credit at or below the minimum (below it, for `at least`) is not issued.
pub fn apply_minimum(minimum: &MinimumCredit, line: &mut CreditLine) {
    if !minimum.issues(line.amount) {
        let reason = format!(
            "minimum credit: only a credit of {} is issued, and {} {} is not",
            minimum.text(),
            line.currency,
            line.amount
        );
        withhold(line, reason);
    }
}

/// Credits whose clauses name the same `exclusive` group: in each period,
/// the customer claims under one of them only. The credit with the largest
/// amount owed in the period (its instances summed) stays owed; on a tie,
/// the one declared first. The others' lines are withheld as not claimable.
pub fn one_claim_per_group(credits: &[Credit], lines: &mut [CreditLine]) {
    let group_of = |service: &str| {
        credits.iter().position(|c| c.service == service).and_then(|i| credits[i].exclusive.as_deref().map(|g| (g, i)))
    };
    // (group, period) -> credit index -> amount owed in the period.
    let mut owed: BTreeMap<(&str, String), BTreeMap<usize, Decimal>> = BTreeMap::new();
    for line in lines.iter() {
        if let Some((group, i)) = group_of(&line.service) {
            let sum = owed.entry((group, line.period.clone())).or_default().entry(i).or_default();
            // Amounts are bounded where they are read; a sum that would not
            // fit keeps the largest representable value rather than wrapping.
            *sum = sum.checked_add(line.amount).unwrap_or(Decimal::MAX);
        }
    }
    let winners: BTreeMap<(&str, String), (usize, Decimal)> = owed
        .into_iter()
        .filter_map(|(key, per_credit)| {
            // Largest amount; `max_by` keeps the last of equals, so compare
            // the index in reverse to keep the first declared.
            let best = per_credit.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))?;
            Some((key, best))
        })
        .collect();
    for line in lines.iter_mut() {
        let Some((group, i)) = group_of(&line.service) else { continue };
        let Some(&(winner, amount)) = winners.get(&(group, line.period.clone())) else { continue };
        if i != winner && line.not_owed.is_none() {
            let reason = format!(
                "not claimable: one service level per claim (group `{group}`); the credit of {} for {}, {} {amount}, is claimed instead",
                credits[winner].service, line.period, line.currency
            );
            withhold(line, reason);
        }
    }
}
