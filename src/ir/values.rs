//! Typed, normalised values: what the checker turns literals into.

use crate::source::Span;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A length of time in whole seconds (`15min` is 900).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Seconds(pub i64);

impl Seconds {
    pub const ZERO: Seconds = Seconds(0);

    pub fn minutes(m: i64) -> Seconds {
        Seconds(m * 60)
    }

    pub fn hours(h: i64) -> Seconds {
        Seconds(h * 3600)
    }
}

impl fmt::Display for Seconds {
    /// The shortest exact way to write it back: `2h`, `90min`, `45s`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.0;
        if s != 0 && s % 86_400 == 0 {
            write!(f, "{}d", s / 86_400)
        } else if s != 0 && s % 3600 == 0 {
            write!(f, "{}h", s / 3600)
        } else if s % 60 == 0 {
            write!(f, "{}min", s / 60)
        } else {
            write!(f, "{s}s")
        }
    }
}

/// A percentage as written, exact: `99.95%` is `99.95`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Percent(pub Decimal);

impl Percent {
    /// The exact fraction `numerator / denominator` that the percentage stands
    /// for, in lowest terms is not needed: `99.95%` is `9995 / 10000`.
    pub fn as_fraction(self) -> (i128, i128) {
        let mantissa = self.0.mantissa();
        let scale = self.0.scale();
        // value = mantissa / 10^scale percent = mantissa / (100 * 10^scale)
        (mantissa, 100 * 10i128.pow(scale))
    }

    /// Compare the ratio `num / den` (`den > 0`) with this percentage,
    /// exactly, whatever the size of the numbers.
    pub fn cmp_ratio(self, num: i128, den: i128) -> std::cmp::Ordering {
        let (pn, pd) = self.as_fraction();
        let (num, den) = if den < 0 { (-num, -den) } else { (num, den) };
        match (num < 0, pn < 0) {
            (false, true) => std::cmp::Ordering::Greater,
            (true, false) => std::cmp::Ordering::Less,
            (false, false) => cmp_fractions(num as u128, den.max(1) as u128, pn as u128, pd as u128),
            (true, true) => {
                cmp_fractions(num.unsigned_abs(), den.max(1) as u128, pn.unsigned_abs(), pd as u128).reverse()
            }
        }
    }

    /// Of an amount: `10%` of 1234.5 is 123.45, exactly; `None` when the
    /// product does not fit a decimal.
    pub fn of(self, amount: Decimal) -> Option<Decimal> {
        amount.checked_mul(self.0)?.checked_div(Decimal::ONE_HUNDRED)
    }
}

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}%", self.0)
    }
}

/// An amount of money in one currency; the amount is exact.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    pub currency: String,
    #[serde(with = "rust_decimal::serde::str")]
    pub amount: Decimal,
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.currency, self.amount)
    }
}

/// A time of day as minutes after midnight; `24:00` is 1440.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct MinuteOfDay(pub u16);

impl fmt::Display for MinuteOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// `[start, end)` within one day, `start < end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TimeRange {
    pub start: MinuteOfDay,
    pub end: MinuteOfDay,
}

impl fmt::Display for TimeRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.end)
    }
}

/// The clause of the source agreement a construct comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Citation {
    pub section: String,
    pub span: Span,
}

/// The length of a calendar period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    Month,
    Quarter,
    Year,
}

impl PeriodKind {
    pub fn months(self) -> u32 {
        match self {
            PeriodKind::Month => 1,
            PeriodKind::Quarter => 3,
            PeriodKind::Year => 12,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            PeriodKind::Month => "month",
            PeriodKind::Quarter => "quarter",
            PeriodKind::Year => "year",
        }
    }

    /// The lengths a period of this kind can have, in days.
    pub fn lengths_in_days(self) -> &'static [i64] {
        match self {
            PeriodKind::Month => &[28, 29, 30, 31],
            PeriodKind::Quarter => &[90, 91, 92],
            PeriodKind::Year => &[365, 366],
        }
    }
}

/// A calendar amount that is not a fixed number of seconds: `2 years`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CalendarSpan {
    pub count: u32,
    pub unit: PeriodKind,
}

/// Amounts of money are below 10^15 (a thousand trillion) and multiples
/// (`cap 2x contract_value`) at most 1,000: then a percentage, a multiple or
/// an hour count times an amount, and the sum of millions of such lines, stay
/// far inside what a decimal holds exactly (about 7.9 × 10^28).
pub fn amount_limit() -> Decimal {
    Decimal::from(1_000_000_000_000_000u64)
}

/// The largest multiple a cap may state.
pub const MAX_MULTIPLE: u32 = 1000;

/// Whether an amount is small enough to compute with exactly.
pub fn amount_fits(amount: Decimal) -> bool {
    amount.abs() < amount_limit()
}

/// Compare `a / b` with `c / d` exactly (`b`, `d` above zero) without
/// multiplying: a large count times a many-digit percentage's denominator
/// (`100 × 10^28`) does not fit 128 bits. Whole parts first, then the
/// remainders, whose order is that of their reciprocals reversed (Euclid's
/// steps, so at most a few hundred rounds).
pub fn cmp_fractions(mut a: u128, mut b: u128, mut c: u128, mut d: u128) -> std::cmp::Ordering {
    use std::cmp::Ordering::*;
    let mut flipped = false;
    loop {
        let (qa, ra, qc, rc) = (a / b, a % b, c / d, c % d);
        let order = match (qa.cmp(&qc), ra == 0, rc == 0) {
            (Equal, true, true) => Equal,
            (Equal, true, false) => Less,
            (Equal, false, true) => Greater,
            (Equal, false, false) => {
                // ra/b vs rc/d is b/ra vs d/rc, reversed.
                (a, b, c, d) = (b, ra, d, rc);
                flipped = !flipped;
                continue;
            }
            (order, _, _) => order,
        };
        return if flipped { order.reverse() } else { order };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_compare_with_percentages_past_128_bits() {
        use std::cmp::Ordering::*;
        // 99.95% is 9995/10000: 9995 of 10000 minutes is equal, 9994 less.
        let p = Percent(Decimal::new(9995, 2));
        assert_eq!(p.cmp_ratio(9995, 10000), Equal);
        assert_eq!(p.cmp_ratio(9994, 10000), Less);
        assert_eq!(p.cmp_ratio(1, 1), Greater);
        // 28 decimal places: the denominator is 100 × 10^28 = 10^30, and
        // 4,000,000,000 × 10^30 overflows i128 (about 1.7 × 10^38).
        let fine = Percent(Decimal::from_i128_with_scale(999_999_999_999_999_999_999_999_999, 25));
        // fine = 99.99999...9% (27 nines after the point in all, 29 digits
        // shortened to 27): u32::MAX − 1 of u32::MAX is 1 − 2.3 × 10^-10,
        // far below it.
        assert_eq!(fine.cmp_ratio(i128::from(u32::MAX) - 1, i128::from(u32::MAX)), Less);
        assert_eq!(fine.cmp_ratio(i128::from(u64::MAX), i128::from(u64::MAX)), Greater);
        assert_eq!(Percent(Decimal::from(-5)).cmp_ratio(0, 7), Greater);
    }

    #[test]
    fn fraction_order_matches_cross_multiplication_where_that_fits() {
        use proptest::prelude::*;
        proptest!(|(a in 0u128..1 << 60, b in 1u128..1 << 60, c in 0u128..1 << 60, d in 1u128..1 << 60)| {
            prop_assert_eq!(cmp_fractions(a, b, c, d), (a * d).cmp(&(c * b)));
        });
    }

    #[test]
    fn percent_fraction_is_exact() {
        let p = Percent(Decimal::new(9995, 2));
        assert_eq!(p.as_fraction(), (9995, 10000));
    }

    #[test]
    fn seconds_print_in_the_largest_exact_unit() {
        assert_eq!(Seconds(7200).to_string(), "2h");
        assert_eq!(Seconds(5400).to_string(), "90min");
        assert_eq!(Seconds(86_400 * 3).to_string(), "3d");
        assert_eq!(Seconds(45).to_string(), "45s");
    }
}
