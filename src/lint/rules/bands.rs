//! Shared by the credit-band rules: bands in order, the target they lead up
//! to, and intervals written the way a contract writes them.

use crate::ir::{Contract, Credit, CreditBand, Percent};
use rust_decimal::Decimal;

/// One end of an interval: its value, and whether the value itself is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct End {
    pub at: Percent,
    pub closed: bool,
}

/// An interval between two ends, for messages: `[99.00%, 99.50%)`.
pub fn interval(low: End, high: End) -> String {
    if low.at == high.at {
        return format!("exactly {}", low.at);
    }
    format!("{}{}, {}{}", if low.closed { '[' } else { '(' }, low.at, high.at, if high.closed { ']' } else { ')' })
}

/// The bands of a credit, lowest first (a closed low end before an open one).
pub fn sorted(credit: &Credit) -> Vec<&CreditBand> {
    let mut bands: Vec<&CreditBand> = credit.bands.iter().collect();
    bands.sort_by_key(|b| (b.low, !b.low_inclusive, b.high, b.high_inclusive));
    bands
}

/// The availability target the credit's bands lead up to, with where it is
/// written.
pub fn target(contract: &Contract, credit: &Credit) -> Option<(Percent, crate::source::Span)> {
    contract.availability.iter().find(|a| a.service == credit.service).map(|a| (a.target, a.target_span))
}

pub fn zero() -> Percent {
    Percent(Decimal::ZERO)
}

/// Is `a` further up the line than `b`? At the same value a closed end
/// reaches further than an open one.
pub fn beyond(a: End, b: End) -> bool {
    a.at > b.at || (a.at == b.at && a.closed && !b.closed)
}
