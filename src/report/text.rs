//! Small formatting helpers shared by the renderings.

use rust_decimal::{Decimal, RoundingStrategy};

/// An amount in the currency's minor unit, rounded half up (tables and
/// documents; JSON keeps the exact amount).
pub fn money(amount: Decimal, currency: &str) -> String {
    let minor = match currency {
        "JPY" | "KRW" | "VND" | "CLP" | "ISK" | "UGX" => 0,
        "BHD" | "KWD" | "OMR" | "JOD" | "TND" | "IQD" | "LYD" => 3,
        _ => 2,
    };
    let rounded = amount.round_dp_with_strategy(minor, RoundingStrategy::MidpointAwayFromZero);
    let text = format!("{rounded:.prec$}", prec = minor as usize);
    if currency.is_empty() { text } else { format!("{currency} {text}") }
}

/// Minutes, with decimals only when needed: `4.4578`, `90`.
pub fn minutes(m: Decimal) -> String {
    m.normalize().to_string()
}

/// Seconds as minutes for a table: `270` s is `4.5`; a fraction of a
/// minute is shown to two places (`31` s is `0.52`). JSON keeps the exact
/// seconds.
pub fn seconds_as_minutes(s: i64) -> String {
    minutes((Decimal::from(s) / Decimal::from(60)).round_dp(2))
}

/// A timestamp without the seconds and offset when they add nothing:
/// `2025-01-10T10:00:00+08:00` is `2025-01-10 10:00`.
pub fn short_time(rfc3339: &str) -> String {
    let Some((date, rest)) = rfc3339.split_once('T') else { return rfc3339.to_owned() };
    let time = rest.get(..8).unwrap_or(rest);
    let time = time.strip_suffix(":00").unwrap_or(time);
    format!("{date} {time}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_rounds_half_up_to_the_minor_unit() {
        // 10% of CNY 12345.67 is 1234.567: shown as 1234.57.
        assert_eq!(money(Decimal::new(1_234_567, 3), "CNY"), "CNY 1234.57");
        assert_eq!(money(Decimal::new(1_234_565, 3), "CNY"), "CNY 1234.57");
        assert_eq!(money(Decimal::new(100, 0), "CNY"), "CNY 100.00");
    }

    #[test]
    fn times_are_shortened_for_tables() {
        assert_eq!(short_time("2025-01-10T10:00:00+08:00"), "2025-01-10 10:00");
        assert_eq!(short_time("2025-01-10T10:00:30+08:00"), "2025-01-10 10:00:30");
        assert_eq!(seconds_as_minutes(270), "4.5");
        assert_eq!(seconds_as_minutes(31), "0.52");
    }
}
