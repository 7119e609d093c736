//! Reading one field's value as what the canonical schema says it holds.
//!
//! Each function takes a [`Value`] and returns the typed value or the
//! [`EventErrorKind`] that says what was expected; the record builders attach
//! the field.

use super::error::{EventErrorKind, Expected};
use super::model::{ChangedField, Impact, MaintenanceKind};
use super::row::Value;
use crate::ir::Money;
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::str::FromStr;

/// Text, or a whole number written as JSON (`"severity": 1` is `"1"`).
pub fn text<'a>(value: Value<'a>) -> Result<Cow<'a, str>, EventErrorKind> {
    match value {
        Value::Text(s) => Ok(Cow::Borrowed(s)),
        Value::UInt(n) => Ok(Cow::Owned(n.to_string())),
        Value::Int(n) => Ok(Cow::Owned(n.to_string())),
        other => Err(other.invalid(Expected::Text)),
    }
}

/// A count: a whole number, 0 or more (a JSON number with no fraction).
pub fn count(value: Value<'_>) -> Result<u64, EventErrorKind> {
    let n = match value {
        Value::Text(s) => parse_count(s),
        Value::UInt(n) => Some(n),
        // Below 2^53 every whole f64 is exact.
        Value::Float(x) if x >= 0.0 && x.fract() == 0.0 && x < 9_007_199_254_740_992.0 => Some(x as u64),
        _ => None,
    };
    n.ok_or_else(|| value.invalid(Expected::Count))
}

/// ASCII digits as a u64, without going through `str::parse` (which also
/// accepts a leading `+`); `None` on anything else or on overflow.
fn parse_count(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    s.bytes().try_fold(0u64, |n, c| {
        if c.is_ascii_digit() { n.checked_mul(10)?.checked_add(u64::from(c - b'0')) } else { None }
    })
}

/// `up`: 1 or 0 (JSON `true`/`false` too).
pub fn flag(value: Value<'_>) -> Result<bool, EventErrorKind> {
    match value {
        Value::Text("1") | Value::UInt(1) | Value::Bool(true) => Ok(true),
        Value::Text("0") | Value::UInt(0) | Value::Bool(false) => Ok(false),
        Value::Float(1.0) => Ok(true),
        Value::Float(0.0) => Ok(false),
        other => Err(other.invalid(Expected::Flag)),
    }
}

/// A label from a fixed set, matched without regard to ASCII case.
fn label<T: Copy>(value: Value<'_>, labels: &[(&str, T)], expected: Expected) -> Result<T, EventErrorKind> {
    if let Value::Text(s) = value {
        if let Some((_, t)) = labels.iter().find(|(l, _)| l.eq_ignore_ascii_case(s)) {
            return Ok(*t);
        }
    }
    Err(value.invalid(expected))
}

/// An incident's `impact`.
pub fn impact(value: Value<'_>) -> Result<Impact, EventErrorKind> {
    let labels = [("outage", Impact::Outage), ("degraded", Impact::Degraded), ("none", Impact::None)];
    label(value, &labels, Expected::Impact)
}

/// What a status change changed: `status` or `severity` (`priority`, as
/// service desks call it, reads as `severity`).
pub fn changed_field(value: Value<'_>) -> Result<ChangedField, EventErrorKind> {
    let labels =
        [("status", ChangedField::Status), ("severity", ChangedField::Severity), ("priority", ChangedField::Severity)];
    label(value, &labels, Expected::ChangedField)
}

/// A maintenance record's `impact`: whether the service was down.
pub fn maintenance_downtime(value: Value<'_>) -> Result<bool, EventErrorKind> {
    let labels = [("outage", true), ("none", false)];
    label(value, &labels, Expected::MaintenanceImpact)
}

/// A maintenance record's `kind`.
pub fn maintenance_kind(value: Value<'_>) -> Result<MaintenanceKind, EventErrorKind> {
    let labels = [("planned", MaintenanceKind::Planned), ("emergency", MaintenanceKind::Emergency)];
    label(value, &labels, Expected::MaintenanceKind)
}

/// A period, `YYYY-MM`, returned as written.
pub fn period(value: Value<'_>) -> Result<String, EventErrorKind> {
    if let Value::Text(s) = value {
        let b = s.as_bytes();
        let month = match b {
            [y1, y2, y3, y4, b'-', m1, m2] if [y1, y2, y3, y4, m1, m2].iter().all(|c| c.is_ascii_digit()) => {
                (m1 - b'0') * 10 + (m2 - b'0')
            }
            _ => 0,
        };
        if (1..=12).contains(&month) {
            return Ok(s.to_string());
        }
    }
    Err(value.invalid(Expected::Period))
}

/// A decimal: text as written, or a JSON number through its shortest
/// decimal form (`99.95`), so that what the file shows is what is read.
pub fn decimal(value: Value<'_>) -> Result<Decimal, EventErrorKind> {
    let parsed = match value {
        Value::Text(s) => Decimal::from_str(s).ok(),
        Value::UInt(n) => Some(Decimal::from(n)),
        Value::Int(n) => Some(Decimal::from(n)),
        Value::Float(x) if x.is_finite() => Decimal::from_str(&x.to_string()).ok(),
        _ => None,
    };
    parsed.ok_or_else(|| value.invalid(Expected::Decimal))
}

/// An amount with its currency: `CNY 12000.00` (or `12000.00 CNY`), not
/// negative.
pub fn money(value: Value<'_>) -> Result<Money, EventErrorKind> {
    let parsed = match value {
        Value::Text(s) => parse_money(s),
        _ => None,
    };
    parsed.ok_or_else(|| value.invalid(Expected::Money))
}

fn parse_money(s: &str) -> Option<Money> {
    let (a, b) = s.split_once(char::is_whitespace)?;
    let (a, b) = (a.trim(), b.trim());
    let is_currency = |c: &str| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase());
    let (currency, amount) = if is_currency(a) { (a, b) } else { (b, a) };
    if !is_currency(currency) {
        return None;
    }
    let amount = Decimal::from_str(amount).ok()?;
    // Fees are multiplied and summed into credits: 10^15 and above could
    // not be computed with exactly (docs/inputs.md).
    (!amount.is_sign_negative() && crate::ir::amount_fits(amount))
        .then(|| Money { currency: currency.to_string(), amount })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_whole_and_not_negative() {
        assert_eq!(count(Value::Text("42")), Ok(42));
        assert_eq!(count(Value::UInt(7)), Ok(7));
        assert_eq!(count(Value::Float(7.0)), Ok(7));
        for bad in [
            Value::Text("-1"),
            Value::Text("+1"),
            Value::Text("1.5"),
            Value::Text("99999999999999999999"),
            Value::Int(-1),
            Value::Float(1.5),
            Value::Bool(true),
        ] {
            assert!(count(bad).is_err(), "{bad:?}");
        }
        assert_eq!(count(Value::Int(-3)).unwrap_err().to_string(), "expected a whole number, 0 or more, found -3");
    }

    #[test]
    fn up_is_zero_or_one() {
        assert_eq!(flag(Value::Text("1")), Ok(true));
        assert_eq!(flag(Value::Bool(false)), Ok(false));
        assert_eq!(flag(Value::Text("2")).unwrap_err().to_string(), "expected 1 (up) or 0 (down), found \"2\"");
    }

    #[test]
    fn labels_ignore_case() {
        assert_eq!(impact(Value::Text("Outage")), Ok(Impact::Outage));
        assert_eq!(maintenance_kind(Value::Text("EMERGENCY")), Ok(MaintenanceKind::Emergency));
        assert_eq!(
            impact(Value::Text("down")).unwrap_err().to_string(),
            "expected outage, degraded or none, found \"down\""
        );
        assert!(maintenance_downtime(Value::Text("degraded")).is_err());
    }

    #[test]
    fn periods_are_months() {
        assert_eq!(period(Value::Text("2025-03")), Ok("2025-03".into()));
        for bad in ["2025-13", "2025-3", "2025-03-01", "25-03"] {
            assert!(period(Value::Text(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn money_has_a_currency() {
        let m = money(Value::Text("CNY 12000.00")).unwrap();
        assert_eq!(m.to_string(), "CNY 12000.00");
        assert_eq!(money(Value::Text("12.5  USD")).unwrap().to_string(), "USD 12.5");
        for bad in ["12000", "cny 1", "CNY -1", "CNY x", "CNYY 1"] {
            assert!(money(Value::Text(bad)).is_err(), "{bad}");
        }
        assert!(money(Value::Float(1.0)).is_err());
    }

    #[test]
    fn json_numbers_become_the_decimal_they_show() {
        assert_eq!(decimal(Value::Float(99.95)).unwrap().to_string(), "99.95");
        assert_eq!(decimal(Value::Text("0.1")).unwrap().to_string(), "0.1");
        assert!(decimal(Value::Float(f64::NAN)).is_err());
    }

    #[test]
    fn numbers_can_stand_for_text() {
        assert_eq!(text(Value::UInt(1)).unwrap(), "1");
        assert!(text(Value::Float(1.5)).is_err());
        assert!(text(Value::Unsupported("an array")).is_err());
    }
}
