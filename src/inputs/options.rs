//! The request's options that are text: the as-of instant, months and the
//! contract's value, read with errors that say how to write them.

use super::error::{Field, InputError};
use crate::eval::YearMonth;
use crate::ir::{Contract, Money};
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// RFC 3339, or a local time (or date) in the contract's zone.
pub fn as_of(text: &str, tz: Tz) -> Result<DateTime<Utc>, InputError> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    for layout in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, layout) {
            return tz.from_local_datetime(&naive).earliest().map(|t| t.with_timezone(&Utc)).ok_or_else(|| {
                InputError::option(Field::AsOf, format!("{text} does not exist in {tz} (a daylight-saving gap)"))
            });
        }
    }
    if let Ok(date) = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return crate::calendar::local_time::start_of(tz, date)
            .map_err(|e| InputError::option(Field::AsOf, format!("{text}: {e}")));
    }
    Err(InputError::option(
        Field::AsOf,
        format!("{text} is not a timestamp; write 2025-03-01T00:00:00+08:00 or 2025-03-01 00:00:00"),
    ))
}

/// A month, `2025-01`.
pub fn month(field: Field, text: Option<&str>) -> Result<Option<YearMonth>, InputError> {
    text.map(|t| {
        YearMonth::parse(t).ok_or_else(|| InputError::option(field, format!("{t} is not a month; write it as 2025-01")))
    })
    .transpose()
}

/// The contract's value, `CNY 100000.00`, in the contract's currency.
pub fn money(text: &str, c: &Contract) -> Result<Money, InputError> {
    let bad = |message: String| InputError::option(Field::ContractValue, message);
    let (currency, amount) = text
        .trim()
        .split_once(' ')
        .ok_or_else(|| bad(format!("{text}: write the currency and the amount, such as \"CNY 100000.00\"")))?;
    let amount = amount.trim().parse().map_err(|_| bad(format!("{text}: `{amount}` is not an amount")))?;
    if !crate::ir::amount_fits(amount) {
        return Err(bad(format!("{text}: amounts must be below 10^15 to be computed with exactly")));
    }
    if let Some(own) = &c.header.currency {
        if own != currency {
            return Err(bad(format!("is in {currency}, but the contract's currency is {own}")));
        }
    }
    Ok(Money { currency: currency.to_owned(), amount })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(e: InputError) -> String {
        e.render(|f| format!("[{}]", f.words()))
    }

    #[test]
    fn as_of_reads_rfc3339_local_times_and_dates_in_the_zone() {
        let tz = chrono_tz::Asia::Shanghai;
        let utc = |s: &str| DateTime::parse_from_rfc3339(s).map(|t| t.with_timezone(&Utc)).ok();
        // 08:00 in Shanghai (UTC+8) is midnight UTC.
        assert_eq!(as_of("2025-03-01 08:00", tz).ok(), utc("2025-03-01T00:00:00Z"));
        assert_eq!(as_of("2025-03-01", tz).ok(), utc("2025-02-28T16:00:00Z"));
        assert_eq!(as_of("2025-03-01T00:00:00Z", tz).ok(), utc("2025-03-01T00:00:00Z"));
        let e = shown(as_of("yesterday", tz).unwrap_err());
        assert!(e.starts_with("[the as-of time] yesterday is not a timestamp"), "{e}");
    }

    #[test]
    fn a_local_time_in_a_daylight_saving_gap_is_an_error() {
        // Clocks in Berlin went from 02:00 to 03:00 on 2025-03-30.
        let e = shown(as_of("2025-03-30 02:30", chrono_tz::Europe::Berlin).unwrap_err());
        assert!(e.contains("does not exist in Europe/Berlin"), "{e}");
    }

    #[test]
    fn months_and_money_name_the_option_at_fault() {
        assert_eq!(month(Field::From, Some("2025-02")).ok().flatten(), YearMonth::parse("2025-02"));
        let e = shown(month(Field::To, Some("Feb")).unwrap_err());
        assert_eq!(e, "[the last month] Feb is not a month; write it as 2025-01");
        let c =
            Contract { header: crate::ir::Header { currency: Some("CNY".into()), ..Default::default() }, ..contract() };
        assert!(money("CNY 100.50", &c).is_ok());
        let e = shown(money("USD 1.00", &c).unwrap_err());
        assert_eq!(e, "[the contract value] is in USD, but the contract's currency is CNY");
        assert!(shown(money("100", &c).unwrap_err()).contains("write the currency and the amount"));
        assert!(shown(money("CNY 1000000000000000", &c).unwrap_err()).contains("below 10^15"));
    }

    fn contract() -> Contract {
        crate::driver::compile_source("t.sla", "contract \"t\" {\n  timezone \"Asia/Shanghai\"\n}\n")
            .contract
            .expect("a contract")
    }
}
