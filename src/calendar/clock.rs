//! The business clock: how much open time lies between two instants, and
//! when a limit measured in open time runs out.
//!
//! Every question is answered by walking local dates one at a time and
//! intersecting with that date's open intervals, so the cost grows with the
//! days spanned, never with minutes. Instants are read to the whole second
//! (a sub-second part is dropped), which keeps the arithmetic exact and
//! additive.

use super::error::CalendarError;
use super::holidays::{DayKind, HolidayTable};
use super::local_time::{date_of, instant_at, start_of};
use crate::ir::{MinuteOfDay, Seconds, TimeRange, WeekHours};
use chrono::{DateTime, Datelike, NaiveDate, Utc, Weekday};
use chrono_tz::Tz;
use std::sync::Arc;

/// How far a deadline is searched for before giving up: ten years.
const SEARCH_DAYS: u32 = 3653;

const WHOLE_DAY: &[TimeRange] = &[TimeRange { start: MinuteOfDay(0), end: MinuteOfDay(1440) }];

/// A half-open `[start, end)` stretch of open time.
pub type OpenInterval = (DateTime<Utc>, DateTime<Utc>);

/// The class of a date, which decides its hours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DayClass {
    /// A day of an official break: the calendar's holiday hours.
    Holiday,
    /// A Saturday or Sunday declared a working day: make-up hours (Monday's
    /// unless the calendar says otherwise).
    MakeupWorkday,
    /// Monday to Friday, not a holiday: that weekday's hours.
    Workday,
    /// Saturday or Sunday, neither holiday nor make-up day: that day's hours.
    Weekend,
}

/// A calendar's open hours in a time zone, with the holiday table it needs.
#[derive(Clone, Debug)]
pub struct BusinessClock {
    always: bool,
    weekdays: [Vec<TimeRange>; 7],
    makeup: Vec<TimeRange>,
    holiday: Vec<TimeRange>,
    /// `Some` exactly when the hours name a holiday set and are not `24x7`.
    holidays: Option<Arc<HolidayTable>>,
    tz: Tz,
}

impl BusinessClock {
    /// A clock for `hours` in `tz`. A table is required when the hours name a
    /// holiday set (and are not `24x7`); it is ignored when they name none,
    /// since then no date is special.
    pub fn new(hours: &WeekHours, holidays: Option<Arc<HolidayTable>>, tz: Tz) -> Result<BusinessClock, CalendarError> {
        if hours.always {
            return Ok(BusinessClock::always(tz));
        }
        let holidays = match (&hours.holidays, holidays) {
            (None, _) => None,
            (Some(_), Some(table)) => Some(table),
            (Some(set), None) => {
                return Err(CalendarError::MissingHolidayTable { set: set.name.clone() });
            }
        };
        let mut weekdays: [Vec<TimeRange>; 7] = Default::default();
        for (normalised, given) in weekdays.iter_mut().zip(&hours.weekdays) {
            *normalised = normalise(given)?;
        }
        Ok(BusinessClock {
            always: false,
            weekdays,
            makeup: normalise(hours.makeup_hours())?,
            holiday: normalise(&hours.holiday)?,
            holidays,
            tz,
        })
    }

    /// `24x7`: every instant is open; no holiday table is ever consulted.
    pub fn always(tz: Tz) -> BusinessClock {
        BusinessClock {
            always: true,
            weekdays: Default::default(),
            makeup: Vec::new(),
            holiday: Vec::new(),
            holidays: None,
            tz,
        }
    }

    pub fn tz(&self) -> Tz {
        self.tz
    }

    pub fn is_always(&self) -> bool {
        self.always
    }

    /// The holiday table this clock consults, if any.
    pub fn holidays(&self) -> Option<&HolidayTable> {
        self.holidays.as_deref()
    }

    /// The class of a local date. Without a holiday table (or for `24x7`)
    /// only the weekday decides; with one, a date of an uncovered year is an
    /// error.
    pub fn day_class(&self, date: NaiveDate) -> Result<DayClass, CalendarError> {
        let listed = match &self.holidays {
            Some(table) => table.kind_of(date)?,
            None => None,
        };
        Ok(match listed {
            Some(DayKind::Holiday) => DayClass::Holiday,
            Some(DayKind::Workday) => DayClass::MakeupWorkday,
            None if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) => DayClass::Weekend,
            None => DayClass::Workday,
        })
    }

    /// The wall-clock ranges open on a local date.
    pub fn hours_on(&self, date: NaiveDate) -> Result<&[TimeRange], CalendarError> {
        if self.always {
            return Ok(WHOLE_DAY);
        }
        Ok(match self.day_class(date)? {
            DayClass::Holiday => &self.holiday,
            DayClass::MakeupWorkday => &self.makeup,
            DayClass::Workday | DayClass::Weekend => &self.weekdays[date.weekday().num_days_from_monday() as usize],
        })
    }

    /// The open intervals of a local date as half-open `[start, end)`
    /// instants, ascending. Wall-clock times that a daylight-saving change
    /// skips or repeats are read as `local_time` documents: a skipped time is
    /// the instant the clock resumes, a repeated one its first occurrence.
    /// Ranges that vanish in a skipped hour are left out.
    pub fn open_intervals_on(&self, date: NaiveDate) -> Result<Vec<OpenInterval>, CalendarError> {
        self.open_spans(date)?.into_iter().map(|(start, end)| Ok((to_instant(start)?, to_instant(end)?))).collect()
    }

    /// Whether the clock runs at `t`.
    pub fn is_open(&self, t: DateTime<Utc>) -> Result<bool, CalendarError> {
        if self.always {
            return Ok(true);
        }
        let t = t.timestamp();
        let spans = self.open_spans(date_of(self.tz, to_instant(t)?)?)?;
        Ok(spans.iter().any(|&(start, end)| start <= t && t < end))
    }

    /// Seconds of open time in `[from, to)`; 0 when `to <= from`.
    pub fn business_seconds(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<i64, CalendarError> {
        let (from, to) = (from.timestamp(), to.timestamp());
        if to <= from {
            return Ok(0);
        }
        if self.always {
            return Ok(to - from);
        }
        // The last date asked about owns the last second of the range, so a
        // range ending at midnight does not consult the following date.
        let mut date = date_of(self.tz, to_instant(from)?)?;
        let last = date_of(self.tz, to_instant(to - 1)?)?;
        let mut total = 0;
        while date <= last {
            for (start, end) in self.open_spans(date)? {
                total += (end.min(to) - start.max(from)).max(0);
            }
            date = next_date(date)?;
        }
        Ok(total)
    }

    /// The earliest instant `t` with `business_seconds(start, t) == limit`.
    ///
    /// A limit that runs out exactly at closing time has its deadline at
    /// closing time, not at the next opening. A zero limit's deadline is
    /// `start`. A clock that is never open, or a deadline more than ten years
    /// away, is an error rather than an endless search.
    pub fn deadline(&self, start: DateTime<Utc>, limit: Seconds) -> Result<DateTime<Utc>, CalendarError> {
        let limit_seconds = limit.0;
        if limit_seconds < 0 {
            return Err(CalendarError::NegativeLimit { limit_seconds });
        }
        if limit_seconds == 0 {
            return Ok(start);
        }
        let from = start.timestamp();
        if self.always {
            return to_instant(from.checked_add(limit_seconds).ok_or(CalendarError::OutOfRange)?);
        }
        if self.never_open() {
            return Err(CalendarError::NeverOpen);
        }
        let mut remaining = limit_seconds;
        let mut date = date_of(self.tz, to_instant(from)?)?;
        for _ in 0..SEARCH_DAYS {
            for (open, close) in self.open_spans(date)? {
                let counted_from = open.max(from);
                let available = close - counted_from;
                if available <= 0 {
                    continue;
                }
                // `>=`: running out exactly at `close` ends at `close`.
                if available >= remaining {
                    return to_instant(counted_from + remaining);
                }
                remaining -= available;
            }
            date = next_date(date)?;
        }
        Err(CalendarError::SearchLimit { start, limit_seconds, days: SEARCH_DAYS })
    }

    /// True when no day class has any hours that could ever apply.
    fn never_open(&self) -> bool {
        let special_days_open = self.holidays.is_some() && !(self.holiday.is_empty() && self.makeup.is_empty());
        !self.always && self.weekdays.iter().all(Vec::is_empty) && !special_days_open
    }

    /// Open intervals of a date as Unix seconds, non-empty and ascending.
    fn open_spans(&self, date: NaiveDate) -> Result<Vec<(i64, i64)>, CalendarError> {
        if self.always {
            let start = start_of(self.tz, date)?.timestamp();
            let end = start_of(self.tz, next_date(date)?)?.timestamp();
            // A date a zone skipped entirely (Samoa, 2011-12-30) is empty.
            return Ok(if start < end { vec![(start, end)] } else { Vec::new() });
        }
        let mut spans = Vec::new();
        for range in self.hours_on(date)? {
            let start = instant_at(self.tz, date, range.start.0)?.timestamp();
            let end = instant_at(self.tz, date, range.end.0)?.timestamp();
            if start < end {
                spans.push((start, end));
            }
        }
        Ok(spans)
    }
}

/// Sorted, merged ranges; an empty, reversed or past-24:00 range is an error.
fn normalise(ranges: &[TimeRange]) -> Result<Vec<TimeRange>, CalendarError> {
    if let Some(bad) = ranges.iter().find(|r| r.start >= r.end || r.end.0 > 1440) {
        return Err(CalendarError::InvalidHours {
            reason: format!("{bad} is not a range within one day (start before end, end at most 24:00)"),
        });
    }
    let mut sorted = ranges.to_vec();
    sorted.sort();
    let mut merged: Vec<TimeRange> = Vec::with_capacity(sorted.len());
    for range in sorted {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    Ok(merged)
}

fn next_date(date: NaiveDate) -> Result<NaiveDate, CalendarError> {
    date.succ_opt().ok_or(CalendarError::OutOfRange)
}

fn to_instant(seconds: i64) -> Result<DateTime<Utc>, CalendarError> {
    DateTime::from_timestamp(seconds, 0).ok_or(CalendarError::OutOfRange)
}

mod excluding;
#[cfg(test)]
mod properties;
mod rules;
#[cfg(test)]
mod tests;
