//! Timestamps as exports write them: slac's own forms (RFC 3339, naive
//! ISO), and locale layouts given as strftime patterns (Jira's
//! `25/Feb/26 10:17 PM` is `%d/%b/%y %I:%M %p`).

use crate::events::error::{EventErrorKind, show_text};
use crate::events::timestamp::Timestamps;
use chrono::{DateTime, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// Reads one export's timestamps.
#[derive(Clone, Debug)]
pub struct TimeReader {
    formats: Vec<String>,
    zone: Tz,
    own: Timestamps,
}

impl TimeReader {
    /// `formats` are tried in order, then slac's own forms; naive readings
    /// are wall-clock time in `zone`.
    pub fn new(formats: Vec<String>, zone: Tz) -> TimeReader {
        TimeReader { formats, zone, own: Timestamps::new(zone) }
    }

    pub fn zone(&self) -> Tz {
        self.zone
    }

    /// Text as an instant.
    pub fn read(&mut self, text: &str) -> Result<DateTime<Utc>, EventErrorKind> {
        let text = text.trim();
        for format in &self.formats {
            if let Some(t) = parse_with(text, format, self.zone)? {
                return Ok(t);
            }
        }
        match self.own.read(text) {
            Ok(t) => Ok(t),
            Err(e) if self.formats.is_empty() => Err(e),
            Err(EventErrorKind::NonexistentLocalTime { found, zone }) => {
                Err(EventErrorKind::NonexistentLocalTime { found, zone })
            }
            Err(_) => Err(EventErrorKind::Export {
                message: format!(
                    "expected a timestamp written as {} or as 2025-03-01T08:15:00+08:00, found {}",
                    self.formats.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(" or "),
                    show_text(text)
                ),
            }),
        }
    }
}

/// Whether a strftime layout carries the offset itself.
fn has_offset(format: &str) -> bool {
    ["%z", "%:z", "%::z", "%#z", "%Z", "%+", "%s"].iter().any(|spec| format.contains(spec))
}

/// `Ok(None)` when the text does not follow the layout; an error only for
/// a reading the zone skips.
fn parse_with(text: &str, format: &str, zone: Tz) -> Result<Option<DateTime<Utc>>, EventErrorKind> {
    if has_offset(format) {
        return Ok(DateTime::parse_from_str(text, format).ok().map(|t| t.with_timezone(&Utc)));
    }
    let Ok(naive) = NaiveDateTime::parse_from_str(text, format) else { return Ok(None) };
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(t) => Ok(Some(t.with_timezone(&Utc))),
        LocalResult::Ambiguous(a, b) => Ok(Some(a.with_timezone(&Utc).min(b.with_timezone(&Utc)))),
        LocalResult::None => Err(EventErrorKind::NonexistentLocalTime { found: show_text(text), zone }),
    }
}

/// Whether a strftime layout is one chrono can use (`--date-format` is
/// checked before any file is read).
pub fn check_format(format: &str) -> Result<(), String> {
    use chrono::format::{Item, StrftimeItems};
    if StrftimeItems::new(format).any(|item| matches!(item, Item::Error)) {
        return Err(format!("`{format}` is not a strftime layout (see chrono's strftime, e.g. %d/%b/%y %I:%M %p)"));
    }
    Ok(())
}

/// A number of seconds after an instant (`seconds_to_first_ack`): whole
/// or decimal, not negative.
pub fn after(start: DateTime<Utc>, seconds: &str) -> Result<DateTime<Utc>, EventErrorKind> {
    let invalid = || EventErrorKind::Export {
        message: format!("expected a number of seconds, 0 or more, found {}", show_text(seconds)),
    };
    // Read exactly (no float rounds a time that decides a verdict), to the
    // millisecond, half away from zero; at most 10^11 s (about 3,000 years).
    let text = seconds.trim();
    let value = text
        .parse::<rust_decimal::Decimal>()
        .or_else(|_| rust_decimal::Decimal::from_scientific(text))
        .map_err(|_| invalid())?;
    if value < rust_decimal::Decimal::ZERO || value > rust_decimal::Decimal::from(100_000_000_000_i64) {
        return Err(invalid());
    }
    let millis = (value * rust_decimal::Decimal::from(1000))
        .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let millis = i64::try_from(millis).map_err(|_| invalid())?;
    start.checked_add_signed(chrono::Duration::milliseconds(millis)).ok_or_else(invalid)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).expect("a test instant").with_timezone(&Utc)
    }

    #[test]
    fn jira_dates_in_a_zone() {
        let mut r = TimeReader::new(vec!["%d/%b/%y %I:%M %p".into()], chrono_tz::Europe::London);
        assert_eq!(r.read("25/Feb/26 10:17 PM").unwrap(), utc("2026-02-25T22:17:00Z"));
        assert_eq!(r.read("3/Jul/25 9:05 AM").unwrap(), utc("2025-07-03T08:05:00Z"));
        assert_eq!(r.read("03/jul/25 09:05 am").unwrap(), utc("2025-07-03T08:05:00Z"));
        // slac's own forms still work
        assert_eq!(r.read("2025-07-03T09:05:00+01:00").unwrap(), utc("2025-07-03T08:05:00Z"));
        let e = r.read("2025/13/45").unwrap_err().to_string();
        assert!(e.contains("`%d/%b/%y %I:%M %p`"), "{e}");
    }

    #[test]
    fn rfc3339_with_milliseconds_and_offsets() {
        let mut r = TimeReader::new(Vec::new(), chrono_tz::Asia::Shanghai);
        assert_eq!(r.read("2019-02-20T12:00:19.418-06:00").unwrap(), utc("2019-02-20T18:00:19.418Z"));
        assert_eq!(r.read("2024-09-16T21:31:02.719Z").unwrap(), utc("2024-09-16T21:31:02.719Z"));
    }

    #[test]
    fn a_skipped_local_time_is_an_error() {
        let mut r = TimeReader::new(vec!["%d/%b/%y %I:%M %p".into()], chrono_tz::Europe::London);
        assert!(matches!(r.read("30/Mar/25 1:30 AM"), Err(EventErrorKind::NonexistentLocalTime { .. })));
    }

    #[test]
    fn seconds_after() {
        let t = utc("2025-01-01T00:00:00Z");
        assert_eq!(after(t, "90").unwrap(), utc("2025-01-01T00:01:30Z"));
        assert_eq!(after(t, "1.5").unwrap(), t + chrono::Duration::milliseconds(1500));
        assert!(after(t, "-1").is_err());
        assert!(after(t, "NaN").is_err());
        // Exact to the millisecond, half away from zero: 1.0015 s is
        // 1001.5 ms, 1002 (a float reads 1.0015 as 1.00149999...).
        assert_eq!(after(t, "1.0015").unwrap(), t + chrono::Duration::milliseconds(1002));
        assert_eq!(after(t, "0.0005").unwrap(), t + chrono::Duration::milliseconds(1));
        assert_eq!(after(t, "1e3").unwrap(), t + chrono::Duration::seconds(1000));
        assert_eq!(after(t, "-0").unwrap(), t);
        assert!(after(t, "100000000001").is_err());
        assert!(after(t, "1e300").is_err());
    }

    #[test]
    fn layouts_are_checked() {
        assert!(check_format("%d/%b/%y %I:%M %p").is_ok());
        assert!(check_format("%Q").is_err());
    }
}
