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

/// Seconds as minutes and seconds, exactly: `300` is `5 min`, `7201` is
/// `120 min 1 s`, `30` is `30 s` (a 1-second breach must not print as
/// 0.0166666666666666666666666667 min).
pub fn duration(seconds: i64) -> String {
    let sign = if seconds < 0 { "-" } else { "" };
    let s = seconds.unsigned_abs();
    match (s / 60, s % 60) {
        (m, 0) => format!("{sign}{m} min"),
        (0, sec) => format!("{sign}{sec} s"),
        (m, sec) => format!("{sign}{m} min {sec} s"),
    }
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
        assert_eq!(duration(270), "4 min 30 s");
        assert_eq!(duration(7201), "120 min 1 s");
        assert_eq!(duration(1), "1 s");
        assert_eq!(duration(0), "0 min");
        assert_eq!(duration(-60), "-1 min");
    }
}
