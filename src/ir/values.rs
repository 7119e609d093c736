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

    /// Of an amount: `10%` of 1234.5 is 123.45, exactly.
    pub fn of(self, amount: Decimal) -> Decimal {
        amount * self.0 / Decimal::ONE_HUNDRED
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
}

/// A calendar amount that is not a fixed number of seconds: `2 years`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CalendarSpan {
    pub count: u32,
    pub unit: PeriodKind,
}

#[cfg(test)]
mod tests {
    use super::*;

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
