//! Deadlines set by a rule rather than by an amount of open time: `within 2
//! business days`, `by 16:00 next business day`, `by end of business day`,
//! and a tier's cut-off (`cutoff 15:00`). Open-time limits (`within 4h`)
//! are [`BusinessClock::deadline`]; both kinds meet in
//! [`BusinessClock::limit_deadline`], the one entry the tier clocks use.
//!
//! The rules (semantics.md section 3, "Limits in business days and cut-off
//! deadlines"):
//!
//! - A **business day** is a local date on which the clock is open at all:
//!   weekdays, make-up working days, a holiday with holiday hours; on `24x7`
//!   every date.
//! - A request is **received** at the first open instant at or after it is
//!   opened; with a cut-off, one opened on a business day strictly after the
//!   cut-off time (15:00:01 after `cutoff 15:00`) is received at the opening
//!   of the next business day.
//! - `N business days`: the received time of day on the N-th business day
//!   after the received date.
//! - `by HH:MM` / `by end of` a business day: that time (or the day's last
//!   closing time) on the received business day (`same`) or the next
//!   (`next`). A same-day time that is not after the receipt moves to the
//!   next business day.
//! - The deadline stays on its business day: a time before that day's first
//!   opening is that opening, one after its last closing is that closing. A
//!   time a daylight-saving change skips is the instant the clock resumes; a
//!   repeated one its first occurrence (`local_time`).
//! - Pauses move the deadline later by the open time they take before it
//!   (and by any they take after, as [`BusinessClock::deadline_excluding`]).

use super::{BusinessClock, OpenInterval, SEARCH_DAYS, next_date, to_instant};
use crate::calendar::error::CalendarError;
use crate::calendar::local_time::{date_of, instant_at, local_instant};
use crate::ir::{LimitRule, MinuteOfDay, Seconds};
use chrono::{DateTime, NaiveDate, NaiveTime, Timelike, Utc};

impl BusinessClock {
    /// The deadline a limit sets for a clock that starts at `received` (see
    /// [`BusinessClock::received`]), with the `excluded` stretches (pauses)
    /// left out.
    pub fn limit_deadline(
        &self,
        received: DateTime<Utc>,
        limit_seconds: Seconds,
        rule: LimitRule,
        excluded: &[OpenInterval],
    ) -> Result<DateTime<Utc>, CalendarError> {
        if rule.is_open_time() {
            return self.deadline_excluding(received, limit_seconds, excluded);
        }
        let due = self.rule_deadline(received, rule)?;
        // The open time the pauses took before the deadline moves it later by
        // as much open time (and pauses past it move it further).
        let paused =
            self.business_seconds(received, due)? - self.business_seconds_excluding(received, due, excluded)?;
        if paused == 0 {
            return Ok(due);
        }
        self.deadline_excluding(due, Seconds(paused), excluded)
    }

    /// When a request opened at `opened` counts as received: the first open
    /// instant at or after it, or, when it arrives on a business day after
    /// the `cutoff` time of day (strictly: at the cut-off is on time), the
    /// opening of the next business day.
    pub fn received(&self, opened: DateTime<Utc>, cutoff: Option<MinuteOfDay>) -> Result<DateTime<Utc>, CalendarError> {
        if let Some(cutoff) = cutoff {
            let date = date_of(self.tz, opened)?;
            // The wall clock's time of day, to the second.
            let since_midnight = opened.with_timezone(&self.tz).time().num_seconds_from_midnight();
            if self.is_business_day(date)? && since_midnight > u32::from(cutoff.0) * 60 {
                let next = self.nth_business_day_after(date, 1)?;
                return self.first_opening(next);
            }
        }
        self.next_open(opened)
    }

    /// The deadline of a rule for a request received at `received`, with no
    /// pauses.
    pub fn rule_deadline(&self, received: DateTime<Utc>, rule: LimitRule) -> Result<DateTime<Utc>, CalendarError> {
        let start = self.next_open(received)?;
        let start_date = date_of(self.tz, start)?;
        match rule {
            LimitRule::OpenTime => Ok(start),
            LimitRule::BusinessDays { days } => {
                let due_date = self.nth_business_day_after(start_date, days)?;
                let time = start.with_timezone(&self.tz).time();
                self.on_business_day(due_date, time)
            }
            LimitRule::ByTime { at, days_after } => {
                let due_date = self.nth_business_day_after(start_date, days_after)?;
                let due = self.at_or_closing(due_date, at)?;
                if due > start {
                    return Ok(due);
                }
                // A same-day time already past when the request is received
                // is next business day's.
                let next = self.nth_business_day_after(due_date, 1)?;
                self.at_or_closing(next, at)
            }
        }
    }

    /// Whether the clock is open at all on a local date.
    pub fn is_business_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        Ok(!self.open_spans(date)?.is_empty())
    }

    /// The `n`-th business day after `date` (`n == 0`: `date` itself).
    pub fn nth_business_day_after(&self, date: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        if n > 0 && self.never_open() {
            return Err(CalendarError::NeverOpen);
        }
        let (mut day, mut seen) = (date, 0);
        for _ in 0..SEARCH_DAYS {
            if seen == n {
                return Ok(day);
            }
            day = next_date(day)?;
            if self.is_business_day(day)? {
                seen += 1;
            }
        }
        Err(CalendarError::NeverOpen)
    }

    /// The first open instant at or after `t`.
    pub fn next_open(&self, t: DateTime<Utc>) -> Result<DateTime<Utc>, CalendarError> {
        if self.always {
            return Ok(t);
        }
        if self.never_open() {
            return Err(CalendarError::NeverOpen);
        }
        let at = t.timestamp();
        let mut date = date_of(self.tz, t)?;
        for _ in 0..SEARCH_DAYS {
            if let Some(&(open, _)) = self.open_spans(date)?.iter().find(|(_, close)| *close > at) {
                return to_instant(open.max(at));
            }
            date = next_date(date)?;
        }
        Err(CalendarError::NeverOpen)
    }

    /// The first opening of a business day.
    fn first_opening(&self, date: NaiveDate) -> Result<DateTime<Utc>, CalendarError> {
        let spans = self.open_spans(date)?;
        let &(open, _) = spans.first().ok_or(CalendarError::NeverOpen)?;
        to_instant(open)
    }

    /// `at` on a business day, or its last closing time when `at` is `None`.
    fn at_or_closing(&self, date: NaiveDate, at: Option<MinuteOfDay>) -> Result<DateTime<Utc>, CalendarError> {
        match at {
            Some(at) => self.within_day(date, instant_at(self.tz, date, at.0)?),
            None => {
                let spans = self.open_spans(date)?;
                let &(_, close) = spans.last().ok_or(CalendarError::NeverOpen)?;
                to_instant(close)
            }
        }
    }

    /// A local time of day on a business day, kept within that day's hours.
    fn on_business_day(&self, date: NaiveDate, time: NaiveTime) -> Result<DateTime<Utc>, CalendarError> {
        self.within_day(date, local_instant(self.tz, date.and_time(time))?)
    }

    /// An instant moved into a business day's hours: before its first
    /// opening is that opening, after its last closing that closing.
    fn within_day(&self, date: NaiveDate, t: DateTime<Utc>) -> Result<DateTime<Utc>, CalendarError> {
        let spans = self.open_spans(date)?;
        let (Some(&(first, _)), Some(&(_, last))) = (spans.first(), spans.last()) else {
            return Err(CalendarError::NeverOpen);
        };
        to_instant(t.timestamp().clamp(first, last))
    }
}
