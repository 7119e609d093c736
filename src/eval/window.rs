//! The stretch of time an evaluation covers: the months asked for (or those
//! the data spans), cut by the contract term.

use super::EvalError;
use super::period::{Period, YearMonth};
use crate::calendar::local_time::start_of;
use crate::ir::{Contract, PartialPolicy, PeriodKind};
use chrono::{DateTime, Days, Utc};
use chrono_tz::Tz;

/// Where counting happens: the evaluated months `[from, to]` cut by the term.
#[derive(Clone, Debug)]
pub struct Window {
    pub from: YearMonth,
    pub to: YearMonth,
    pub range_start: DateTime<Utc>,
    pub range_end: DateTime<Utc>,
    /// The term, as instants (`None`: unbounded on that side).
    pub term_start: Option<DateTime<Utc>>,
    pub term_end: Option<DateTime<Utc>>,
    pub as_of: DateTime<Utc>,
}

impl Window {
    pub fn new(
        c: &Contract,
        from: YearMonth,
        to: YearMonth,
        as_of: DateTime<Utc>,
        tz: Tz,
    ) -> Result<Window, EvalError> {
        if to < from {
            return Err(EvalError::RangeReversed { from, to });
        }
        let ctx = "the evaluated range";
        let range_start = start_of(tz, from.first_day()).map_err(EvalError::calendar(ctx))?;
        let range_end = start_of(tz, to.plus(1).first_day()).map_err(EvalError::calendar(ctx))?;
        let (term_start, term_end) = match &c.header.term {
            Some(term) => {
                let s = start_of(tz, term.start).map_err(EvalError::calendar("the contract term"))?;
                let e = match term.end.and_then(|e| e.checked_add_days(Days::new(1))) {
                    Some(day_after) => Some(start_of(tz, day_after).map_err(EvalError::calendar("the contract term"))?),
                    None => None,
                };
                (Some(s), e)
            }
            None => (None, None),
        };
        Ok(Window { from, to, range_start, range_end, term_start, term_end, as_of })
    }

    /// `Some("before")` or `Some("after")` when an instant falls outside
    /// the contract term.
    pub fn outside_term(&self, t: DateTime<Utc>) -> Option<&'static str> {
        if self.term_start.is_some_and(|s| t < s) {
            Some("before")
        } else if self.term_end.is_some_and(|e| t >= e) {
            Some("after")
        } else {
            None
        }
    }

    /// Where minutes are counted: the range cut by the term.
    pub fn counting(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        let start = self.term_start.map_or(self.range_start, |t| t.max(self.range_start));
        let end = self.term_end.map_or(self.range_end, |t| t.min(self.range_end));
        (start, end.max(start))
    }

    /// The periods of a promise to report, with how each is treated.
    pub fn periods(&self, kind: PeriodKind, policy: PartialPolicy, tz: Tz) -> Result<Vec<PeriodPlan>, EvalError> {
        let (start, end) = self.counting();
        let periods =
            super::period::periods_overlapping(kind, start, end, tz).map_err(EvalError::calendar("periods"))?;
        let mut out = Vec::new();
        for p in periods {
            if p.start > self.as_of {
                // Not begun at as_of: nothing to say yet. A period that
                // begins at as_of contains it: it is in progress.
                continue;
            }
            let cut = self.cut_reason(&p, start, end);
            let in_progress = p.start <= self.as_of && self.as_of < p.end;
            // A period in progress is not partial for that alone: the time
            // after as_of has no data yet (cut_reason ignores a range that
            // only ends after as_of). A period the term cuts, or a range
            // that stops before as_of, is partial, in progress or not.
            let treatment = match (&cut, policy) {
                (None, _) | (Some(_), PartialPolicy::AsWhole) => Treatment::Evaluate,
                (Some(reason), PartialPolicy::Skipped) => {
                    Treatment::Skip(format!("partial period: {reason}; the contract skips partial periods"))
                }
            };
            let count_from = p.start.max(start);
            let count_to = p.end.min(end);
            out.push(PeriodPlan { period: p, partial: cut, in_progress, treatment, count_from, count_to });
        }
        Ok(out)
    }

    fn cut_reason(&self, p: &Period, start: DateTime<Utc>, end: DateTime<Utc>) -> Option<String> {
        let mut reasons = Vec::new();
        if start > p.start {
            if self.term_start.is_some_and(|t| t == start) {
                reasons.push("the term starts inside it".to_owned());
            } else {
                reasons.push(format!("the evaluated range starts at {}", self.from));
            }
        }
        if end < p.end {
            if self.term_end.is_some_and(|t| t == end) {
                reasons.push("the term ends inside it".to_owned());
            } else if end < self.as_of {
                reasons.push(format!("the evaluated range ends at {}", self.to));
            }
        }
        (!reasons.is_empty()).then(|| reasons.join(" and "))
    }
}

/// One period and how to treat it.
#[derive(Clone, Debug)]
pub struct PeriodPlan {
    pub period: Period,
    pub partial: Option<String>,
    pub in_progress: bool,
    pub treatment: Treatment,
    /// Where minutes of this period are counted (the period cut by the
    /// term and range).
    pub count_from: DateTime<Utc>,
    pub count_to: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Treatment {
    Evaluate,
    Skip(String),
}
