//! Exact arithmetic and plain number formatting for rule messages: no
//! floats decide or print anything.

use crate::ir::Percent;
use rust_decimal::Decimal;

/// A decimal without trailing zeros: `21.60` prints `21.6`.
pub fn plain(d: Decimal) -> String {
    d.normalize().to_string()
}

/// The downtime in seconds that `target` allows in a period of `days`
/// days: `(100 - target) / 100 × days × 86 400`, exactly (the result always
/// has a finite decimal expansion, since a percentage's denominator is a
/// power of ten).
pub fn allowed_seconds(target: Percent, days: i64) -> Option<Decimal> {
    let share = Decimal::ONE_HUNDRED.checked_sub(target.0)?;
    Decimal::from(days.checked_mul(86_400)?).checked_mul(share)?.checked_div(Decimal::ONE_HUNDRED)
}

/// Seconds as minutes or hours, exact where the decimal ends, otherwise
/// rounded to four places and marked with `≈`.
pub fn in_unit(seconds: Decimal, unit_seconds: i64) -> String {
    let unit = Decimal::from(unit_seconds);
    let value = seconds / unit;
    if value * unit == seconds { plain(value) } else { format!("≈{}", plain(value.round_dp(4))) }
}

/// `min` or `h` and the seconds in it, chosen by the length of the period a
/// budget is for: minutes for a month, hours for a quarter or a year.
pub fn budget_unit(per: crate::ir::PeriodKind) -> (&'static str, i64) {
    match per {
        crate::ir::PeriodKind::Month => ("min", 60),
        _ => ("h", 3600),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_downtime_is_exact() {
        let p = Percent(Decimal::new(9995, 2));
        assert_eq!(in_unit(allowed_seconds(p, 30).unwrap(), 60), "21.6");
        assert_eq!(in_unit(allowed_seconds(p, 31).unwrap(), 60), "22.32");
        assert_eq!(in_unit(allowed_seconds(p, 28).unwrap(), 60), "20.16");
        let p = Percent(Decimal::new(999, 1));
        assert_eq!(in_unit(allowed_seconds(p, 365).unwrap(), 3600), "8.76");
        assert_eq!(in_unit(allowed_seconds(p, 366).unwrap(), 3600), "8.784");
        assert_eq!(in_unit(Decimal::ONE, 60), "≈0.0167");
    }
}
