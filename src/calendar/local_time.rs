//! Wall-clock times in a zone, turned into instants, including on the days
//! daylight saving time starts or ends.
//!
//! - A local time in a fold (it happens twice, when clocks go back) means
//!   the **earlier** instant.
//! - A local time in a gap (it never happens, when clocks go forward) means
//!   the instant the gap **ends**: 02:30 on a day that jumps from 02:00 to
//!   03:00 is 03:00. So a range that starts in the gap opens when the clock
//!   resumes, and a range inside the gap is empty.
//!
//! With these rules each local date `d` owns the instants
//! `[start_of(d), start_of(d + 1))`; the days tile the timeline without gaps
//! or overlaps, which is what lets the clock walk day by day.

use super::error::CalendarError;
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

/// The instant `minute` minutes after local midnight of `date` (1440 is the
/// next midnight), read with the rules above.
pub fn instant_at(tz: Tz, date: NaiveDate, minute: u16) -> Result<DateTime<Utc>, CalendarError> {
    let local = date
        .and_hms_opt(0, 0, 0)
        .and_then(|midnight| midnight.checked_add_signed(TimeDelta::minutes(i64::from(minute))))
        .ok_or(CalendarError::OutOfRange)?;
    resolve(tz, local)
}

/// The first instant of a local date.
pub fn start_of(tz: Tz, date: NaiveDate) -> Result<DateTime<Utc>, CalendarError> {
    instant_at(tz, date, 0)
}

/// The local date that owns an instant: its wall-clock date, except when
/// clocks went back across midnight and the instant already lies past the
/// start of the next date.
pub fn date_of(tz: Tz, t: DateTime<Utc>) -> Result<NaiveDate, CalendarError> {
    let date = t.with_timezone(&tz).date_naive();
    let next = date.succ_opt().ok_or(CalendarError::OutOfRange)?;
    if t >= start_of(tz, next)? { Ok(next) } else { Ok(date) }
}

/// A local date and time (to the second) as an instant, read with the
/// rules above.
pub fn local_instant(tz: Tz, local: NaiveDateTime) -> Result<DateTime<Utc>, CalendarError> {
    resolve(tz, local)
}

fn resolve(tz: Tz, local: NaiveDateTime) -> Result<DateTime<Utc>, CalendarError> {
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        chrono::LocalResult::Ambiguous(a, b) => Ok(a.min(b).with_timezone(&Utc)),
        chrono::LocalResult::None => gap_end(tz, local),
    }
}

/// The first instant whose local time is past `local`, a time that does not
/// exist. No zone's offset is beyond ±26 h, so that instant lies within
/// 36 h of `local` read as UTC; a binary search over seconds finds it.
fn gap_end(tz: Tz, local: NaiveDateTime) -> Result<DateTime<Utc>, CalendarError> {
    let as_utc = local.and_utc().timestamp();
    let window = 36 * 3600;
    let (mut before, mut after) = (as_utc - window, as_utc + window);
    // Invariant: local(before) < local <= local(after).
    while after - before > 1 {
        let middle = before + (after - before) / 2;
        if local_of(tz, middle)? >= local {
            after = middle;
        } else {
            before = middle;
        }
    }
    DateTime::from_timestamp(after, 0).ok_or(CalendarError::OutOfRange)
}

fn local_of(tz: Tz, seconds: i64) -> Result<NaiveDateTime, CalendarError> {
    let t = DateTime::from_timestamp(seconds, 0).ok_or(CalendarError::OutOfRange)?;
    Ok(t.with_timezone(&tz).naive_local())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).unwrap().with_timezone(&Utc)
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn ordinary_times_in_shanghai() {
        let tz = chrono_tz::Asia::Shanghai;
        // 09:00 +08:00 is 01:00 UTC; 24:00 is the next midnight.
        assert_eq!(instant_at(tz, date(2025, 1, 6), 540).unwrap(), utc("2025-01-06T01:00:00Z"));
        assert_eq!(instant_at(tz, date(2025, 1, 6), 1440).unwrap(), utc("2025-01-06T16:00:00Z"));
    }

    #[test]
    fn a_time_in_the_spring_gap_is_the_end_of_the_gap() {
        let tz = chrono_tz::America::New_York;
        // 2025-03-09: 02:00 EST jumps to 03:00 EDT (07:00 UTC). 02:30 does not exist.
        assert_eq!(instant_at(tz, date(2025, 3, 9), 150).unwrap(), utc("2025-03-09T07:00:00Z"));
        assert_eq!(instant_at(tz, date(2025, 3, 9), 120).unwrap(), utc("2025-03-09T07:00:00Z"));
        assert_eq!(instant_at(tz, date(2025, 3, 9), 180).unwrap(), utc("2025-03-09T07:00:00Z"));
    }

    #[test]
    fn a_time_in_the_autumn_fold_is_the_earlier_instant() {
        let tz = chrono_tz::America::New_York;
        // 2025-11-02: 02:00 EDT goes back to 01:00 EST; 01:30 first happens at 05:30 UTC.
        assert_eq!(instant_at(tz, date(2025, 11, 2), 90).unwrap(), utc("2025-11-02T05:30:00Z"));
        // The day is 25 hours long.
        let day = start_of(tz, date(2025, 11, 3)).unwrap() - start_of(tz, date(2025, 11, 2)).unwrap();
        assert_eq!(day.num_hours(), 25);
    }

    #[test]
    fn a_missing_midnight_starts_the_day_when_the_clock_resumes() {
        // America/Santiago springs forward at 24:00: 2024-09-08 00:00 does not exist,
        // the day starts at 01:00 -03 (04:00 UTC).
        let tz = chrono_tz::America::Santiago;
        assert_eq!(start_of(tz, date(2024, 9, 8)).unwrap(), utc("2024-09-08T04:00:00Z"));
        assert_eq!(date_of(tz, utc("2024-09-08T04:00:00Z")).unwrap(), date(2024, 9, 8));
        assert_eq!(date_of(tz, utc("2024-09-08T03:59:59Z")).unwrap(), date(2024, 9, 7));
    }

    #[test]
    fn a_fold_at_midnight_repeats_the_last_hour_of_the_earlier_day() {
        // America/Santiago falls back at 24:00: 2025-04-05 24:00 -03 (03:00 UTC)
        // becomes 23:00 -04, so 04-05 has 25 hours and 04-06 starts at 04:00 UTC.
        let tz = chrono_tz::America::Santiago;
        assert_eq!(start_of(tz, date(2025, 4, 6)).unwrap(), utc("2025-04-06T04:00:00Z"));
        assert_eq!(date_of(tz, utc("2025-04-06T03:30:00Z")).unwrap(), date(2025, 4, 5));
        let day = start_of(tz, date(2025, 4, 6)).unwrap() - start_of(tz, date(2025, 4, 5)).unwrap();
        assert_eq!(day.num_hours(), 25);
    }

    #[test]
    fn days_tile_the_timeline() {
        // Dates start in order, and every date that has any instants owns its
        // first one, in zones with and without transitions, over several years.
        // (Samoa skipped 2011-12-30: that date is empty.)
        for tz in [
            chrono_tz::Asia::Shanghai,
            chrono_tz::America::New_York,
            chrono_tz::Europe::Berlin,
            chrono_tz::America::Santiago,
            chrono_tz::Australia::Lord_Howe,
            chrono_tz::Pacific::Apia,
        ] {
            let mut d = date(2010, 1, 1);
            while d < date(2027, 1, 1) {
                let start = start_of(tz, d).unwrap();
                let next = d.succ_opt().unwrap();
                let end = start_of(tz, next).unwrap();
                assert!(end >= start, "{tz} {d}");
                if end > start {
                    assert_eq!(date_of(tz, start).unwrap(), d, "{tz} {d}");
                    assert_eq!(date_of(tz, end - TimeDelta::seconds(1)).unwrap(), d, "{tz} {d}");
                }
                d = next;
            }
        }
    }
}
