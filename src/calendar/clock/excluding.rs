//! Open time with stretches left out: a clock that pauses while an
//! incident waits on the customer. The one place that answers elapsed time
//! and deadlines around excluded intervals, on any business clock.

use super::{BusinessClock, OpenInterval};
use crate::calendar::error::CalendarError;
use crate::ir::Seconds;
use chrono::{DateTime, Utc};

impl BusinessClock {
    /// Seconds of open time in `[from, to)` that lie in none of `excluded`
    /// (half-open intervals, in any order, overlapping or not). Never more
    /// than [`BusinessClock::business_seconds`], never negative.
    pub fn business_seconds_excluding(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        excluded: &[OpenInterval],
    ) -> Result<i64, CalendarError> {
        let mut open = self.business_seconds(from, to)?;
        for (start, end) in merged(excluded) {
            open -= self.business_seconds(start.max(from), end.min(to))?;
        }
        Ok(open)
    }

    /// The earliest instant `t` at which `business_seconds_excluding(start,
    /// t, excluded) == limit`: the deadline moved later by the open time the
    /// excluded intervals take. With nothing excluded it is
    /// [`BusinessClock::deadline`].
    pub fn deadline_excluding(
        &self,
        start: DateTime<Utc>,
        limit: Seconds,
        excluded: &[OpenInterval],
    ) -> Result<DateTime<Utc>, CalendarError> {
        if limit.0 <= 0 {
            return self.deadline(start, limit);
        }
        let mut from = start;
        let mut remaining = limit.0;
        for (pause_start, pause_end) in merged(excluded) {
            if pause_end <= from {
                continue;
            }
            if pause_start > from {
                // `>=`: a limit used up exactly when the pause begins ends
                // there (or at the last open instant before it).
                let available = self.business_seconds(from, pause_start)?;
                if available >= remaining {
                    return self.deadline(from, Seconds(remaining));
                }
                remaining -= available;
            }
            from = pause_end;
        }
        self.deadline(from, Seconds(remaining))
    }
}

/// The intervals sorted and merged, empty ones dropped.
fn merged(intervals: &[OpenInterval]) -> Vec<OpenInterval> {
    let mut sorted: Vec<OpenInterval> = intervals.iter().copied().filter(|(s, e)| s < e).collect();
    sorted.sort();
    let mut out: Vec<OpenInterval> = Vec::with_capacity(sorted.len());
    for (s, e) in sorted {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}
