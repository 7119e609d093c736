//! Reading timestamps: RFC 3339 with an offset, or naive local time in the
//! contract's zone.
//!
//! Accepted (see `docs/inputs.md`):
//! - `2025-03-01T08:15:00+08:00`, `2025-03-01T00:15:00Z`: the instant given;
//! - `2025-03-01 08:15:00`, `2025-03-01T08:15:00`: wall-clock time in the
//!   contract's zone;
//! - seconds may be left out (`2025-03-01 08:15`), a fraction of a second
//!   may follow them (`08:15:00.250`), `T`/`Z` may be lower case;
//! - through chrono, also `+0800` offsets, `2025/03/01` dates and one-digit
//!   months, days and hours.
//!
//! A naive time the zone skips (a DST gap) is an error: no clock showed it.
//! A naive time the zone shows twice (the hour repeated when clocks go back)
//! is read as the earlier instant.
//!
//! Probe files hold tens of millions of timestamps, so the fixed layouts are
//! parsed by hand, and the zone's offset is remembered per local hour.

use super::error::{EventErrorKind, Expected, show_text};
use super::row::{Value, short_eq};
use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

/// Reads timestamps for one file; holds the contract's zone and a cache.
#[derive(Clone, Debug)]
pub struct Timestamps {
    zone: Tz,
    /// The local hour (seconds since the epoch / 3600, read as if UTC) last
    /// found to have one offset throughout, and that offset in seconds.
    hour: Option<(i64, i64)>,
    /// The date last read by hand, so that the rows of one day share it.
    day: Option<Day>,
    /// The UTC date last built, by days since the epoch: making a chrono
    /// date from a day count is the costly part of making an instant.
    utc_day: Option<(i64, NaiveDate)>,
    /// The last text read and its instant: probe files give every series'
    /// row of a minute the same timestamp, one after another.
    last: Option<(LastText, DateTime<Utc>)>,
}

/// A short text kept inline (timestamps are under 40 bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct LastText {
    bytes: [u8; 40],
    len: u8,
}

impl LastText {
    fn of(text: &str) -> Option<LastText> {
        let len = text.len();
        (len <= 40).then(|| {
            let mut bytes = [0u8; 40];
            bytes[..len].copy_from_slice(text.as_bytes());
            LastText { bytes, len: len as u8 }
        })
    }

    fn is(&self, text: &str) -> bool {
        &self.bytes[..usize::from(self.len)] == text.as_bytes()
    }
}

/// A date as written (`2025-03-01`) and its days since 1970-01-01.
#[derive(Clone, Copy, Debug)]
struct Day {
    text: [u8; 10],
    days: i64,
}

/// A timestamp's fields, before any zone is applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Parts {
    /// Seconds since 1970-01-01T00:00:00 of the wall-clock reading.
    local: i64,
    nanos: u32,
    /// Seconds east of UTC, when the text gave an offset.
    offset: Option<i64>,
}

impl Timestamps {
    pub fn new(zone: Tz) -> Timestamps {
        Timestamps { zone, hour: None, day: None, utc_day: None, last: None }
    }

    pub fn zone(&self) -> Tz {
        self.zone
    }

    /// A field's value as an instant; only text can be a timestamp.
    pub fn read_value(&mut self, value: Value<'_>) -> Result<DateTime<Utc>, EventErrorKind> {
        match value {
            Value::Text(text) => self.read(text),
            other => Err(other.invalid(Expected::Timestamp)),
        }
    }

    /// Text as an instant.
    pub fn read(&mut self, text: &str) -> Result<DateTime<Utc>, EventErrorKind> {
        if let Some((last, at)) = &self.last {
            if last.is(text) {
                return Ok(*at);
            }
        }
        let at = self.read_new(text)?;
        self.last = LastText::of(text).map(|t| (t, at));
        Ok(at)
    }

    /// A text not the same as the last one read.
    fn read_new(&mut self, text: &str) -> Result<DateTime<Utc>, EventErrorKind> {
        let invalid = || EventErrorKind::Invalid { found: show_text(text), expected: Expected::Timestamp };
        let parts = parse_fixed(text.as_bytes(), &mut self.day).or_else(|| parse_other(text)).ok_or_else(invalid)?;
        match parts.offset {
            Some(offset) => self.instant(parts.local - offset, parts.nanos).ok_or_else(invalid),
            None => self.localize(parts, text),
        }
    }

    /// A wall-clock reading in the zone, as an instant.
    fn localize(&mut self, parts: Parts, text: &str) -> Result<DateTime<Utc>, EventErrorKind> {
        let invalid = || EventErrorKind::Invalid { found: show_text(text), expected: Expected::Timestamp };
        let hour = parts.local.div_euclid(3600);
        let offset = match self.hour {
            Some((cached, offset)) if cached == hour => Some(offset),
            _ => {
                let offset = self.steady_offset(hour);
                self.hour = offset.map(|o| (hour, o));
                offset
            }
        };
        if let Some(offset) = offset {
            return self.instant(parts.local - offset, parts.nanos).ok_or_else(invalid);
        }
        // The hour holds a transition: look this one reading up.
        let naive = instant(parts.local, parts.nanos).ok_or_else(invalid)?.naive_utc();
        match self.zone.from_local_datetime(&naive) {
            LocalResult::Single(t) => Ok(t.to_utc()),
            LocalResult::Ambiguous(a, b) => Ok(a.to_utc().min(b.to_utc())),
            LocalResult::None => Err(EventErrorKind::NonexistentLocalTime { found: show_text(text), zone: self.zone }),
        }
    }

    /// Seconds since the epoch as an instant, reusing the last UTC date.
    fn instant(&mut self, seconds: i64, nanos: u32) -> Option<DateTime<Utc>> {
        let days = seconds.div_euclid(86_400);
        let date = match self.utc_day {
            Some((cached, date)) if cached == days => date,
            _ => {
                let date = instant(days.checked_mul(86_400)?, 0)?.date_naive();
                self.utc_day = Some((days, date));
                date
            }
        };
        let second = u32::try_from(seconds.rem_euclid(86_400)).ok()?;
        let time = NaiveTime::from_num_seconds_from_midnight_opt(second, nanos)?;
        Some(date.and_time(time).and_utc())
    }

    /// The zone's offset over a whole local hour, if it has one offset from
    /// its first to its last second and is neither skipped nor repeated
    /// there. (Exact as long as no two transitions fall within one hour,
    /// which the tz database never has.)
    fn steady_offset(&self, hour: i64) -> Option<i64> {
        let offset_at = |local: i64| -> Option<i64> {
            let naive = instant(local, 0)?.naive_utc();
            match self.zone.offset_from_local_datetime(&naive) {
                LocalResult::Single(o) => Some(i64::from(o.fix().local_minus_utc())),
                _ => None,
            }
        };
        let first = offset_at(hour * 3600)?;
        (offset_at(hour * 3600 + 3599)? == first).then_some(first)
    }
}

fn instant(seconds: i64, nanos: u32) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(seconds, nanos)
}

/// The common layouts, by hand:
/// `YYYY-MM-DD[T ]HH:MM[:SS[.fff]][Z|+HH:MM|-HH:MM]`.
/// `None` for anything else, which then goes to chrono.
fn parse_fixed(b: &[u8], last_day: &mut Option<Day>) -> Option<Parts> {
    if b.len() < 16 || b[13] != b':' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let days = match last_day {
        Some(day) if short_eq(&b[..10], &day.text) => day.days,
        _ => {
            let days = parse_date(&b[..10])?;
            let mut text = [0; 10];
            text.copy_from_slice(&b[..10]);
            *last_day = Some(Day { text, days });
            days
        }
    };
    let (hour, minute) = (digits(&b[11..13])?, digits(&b[14..16])?);
    let mut i = 16;
    let (mut second, mut nanos) = (0, 0);
    if b.get(i) == Some(&b':') {
        second = digits(b.get(i + 1..i + 3)?)?;
        i += 3;
        if b.get(i) == Some(&b'.') {
            let (n, used) = fraction(&b[i + 1..])?;
            nanos = n;
            i += 1 + used;
        }
    }
    let offset = match b.get(i..)? {
        [] => None,
        [b'Z' | b'z'] => Some(0),
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (h, m) = (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?);
            if h > 23 || m > 59 {
                return None;
            }
            let east = h * 3600 + m * 60;
            Some(if *sign == b'-' { -east } else { east })
        }
        _ => return None,
    };
    let valid = hour < 24 && minute < 60 && second < 60;
    valid.then_some(Parts { local: days * 86_400 + hour * 3600 + minute * 60 + second, nanos, offset })
}

/// `YYYY-MM-DD` as days since 1970-01-01, if it is a real date.
fn parse_date(b: &[u8]) -> Option<i64> {
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = digits(&b[0..4])?;
    let (month, day) = (digits(&b[5..7])?, digits(&b[8..10])?);
    let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
    valid.then(|| days_from_civil(year, month, day))
}

/// ASCII digits as a number; `None` if any byte is not a digit.
fn digits(b: &[u8]) -> Option<i64> {
    b.iter().try_fold(0i64, |n, &c| c.is_ascii_digit().then(|| n * 10 + i64::from(c - b'0')))
}

/// The digits of a fraction of a second as nanoseconds (digits past the
/// ninth are read and dropped), and how many bytes they took.
fn fraction(b: &[u8]) -> Option<(u32, usize)> {
    let used = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if used == 0 {
        return None;
    }
    let mut nanos = 0u32;
    for k in 0..9 {
        let d = b.get(k).filter(|_| k < used).map_or(0, |c| u32::from(c - b'0'));
        nanos = nanos * 10 + d;
    }
    Some((nanos, used))
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (the well-known
/// era-based formula: eras of 400 years, years starting in March).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The rarer layouts, through chrono.
fn parse_other(text: &str) -> Option<Parts> {
    const WITH_OFFSET: &[&str] = &[
        "%Y-%m-%dT%H:%M:%S%.f%#z",
        "%Y-%m-%d %H:%M:%S%.f%#z",
        "%Y-%m-%d %H:%M:%S%.f %#z",
        "%Y/%m/%d %H:%M:%S%.f%#z",
        "%Y/%m/%d %H:%M:%S%.f %#z",
    ];
    const NAIVE: &[&str] = &[
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y/%m/%d %H:%M:%S%.f",
        "%Y/%m/%d %H:%M",
    ];
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(with_offset(t));
    }
    if let Some(t) = WITH_OFFSET.iter().find_map(|f| DateTime::parse_from_str(text, f).ok()) {
        return Some(with_offset(t));
    }
    let naive = NAIVE.iter().find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())?;
    let utc = naive.and_utc();
    Some(Parts { local: utc.timestamp(), nanos: utc.timestamp_subsec_nanos(), offset: None })
}

fn with_offset(t: DateTime<chrono::FixedOffset>) -> Parts {
    let utc = t.to_utc();
    let offset = i64::from(t.offset().local_minus_utc());
    Parts { local: utc.timestamp() + offset, nanos: utc.timestamp_subsec_nanos(), offset: Some(offset) }
}

#[cfg(test)]
#[path = "timestamp_tests.rs"]
mod tests;
