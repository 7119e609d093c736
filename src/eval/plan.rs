//! What an evaluation knows before it reads a row: the periods of a promise
//! over a range, and the claim window of a credit for a period. `slac
//! compile --emit sql` bakes these into the SQL it writes (`src/sql/`), so
//! the periods, their lengths in the contract's zone and the business days
//! of a claim window are the evaluator's own, never computed twice.

use super::clocks::Clocks;
use super::window::{Treatment, Window};
use super::{EvalError, YearMonth};
use crate::calendar::HolidayTable;
use crate::ir::{Availability, Contract, Credit, Durability, PartialPolicy, PeriodKind};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::Arc;

pub use super::availability::formula_text;

/// One period of a promise as the evaluator plans it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedPeriod {
    pub label: String,
    /// The period's own start and end.
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// Where its minutes are counted (cut by the range and the term).
    pub count_from: DateTime<Utc>,
    pub count_to: DateTime<Utc>,
    /// T: the whole period's minutes.
    pub minutes: i64,
    pub in_progress: bool,
    /// Why the period is partial, where it is.
    pub partial: Option<String>,
    /// `Some(reason)`: reported as skipped, with that reason.
    pub skipped: Option<String>,
    /// The months it spans, first to last.
    pub months: Vec<YearMonth>,
}

/// The range an evaluation covers, as `slac eval --from --to --as-of` gives it.
pub struct Range {
    pub from: YearMonth,
    pub to: YearMonth,
    pub as_of: DateTime<Utc>,
}

/// The periods of one promise over the range, as `slac eval` reports them.
pub fn periods(c: &Contract, promise: &Availability, range: &Range) -> Result<Vec<PlannedPeriod>, EvalError> {
    periods_of(c, promise.period_or_default(), promise.partial_or_default(), range)
}

/// The periods of a durability promise, as `slac eval` reports them.
pub fn durability_periods(c: &Contract, d: &Durability, range: &Range) -> Result<Vec<PlannedPeriod>, EvalError> {
    periods_of(c, d.period.unwrap_or(PeriodKind::Month), d.partial.unwrap_or(PartialPolicy::Skipped), range)
}

fn periods_of(
    c: &Contract,
    kind: PeriodKind,
    policy: PartialPolicy,
    range: &Range,
) -> Result<Vec<PlannedPeriod>, EvalError> {
    let tz = c.header.timezone;
    let window = Window::new(c, range.from, range.to, range.as_of, tz)?;
    let plans = window.periods(kind, policy, tz)?;
    Ok(plans
        .into_iter()
        .map(|p| PlannedPeriod {
            months: (0..p.period.months as i32).map(|i| p.period.first_month.plus(i)).collect(),
            label: p.period.label.clone(),
            start: p.period.start,
            end: p.period.end,
            count_from: p.count_from,
            count_to: p.count_to,
            minutes: p.period.minutes(),
            in_progress: p.in_progress,
            partial: p.partial,
            skipped: match p.treatment {
                Treatment::Evaluate => None,
                Treatment::Skip(reason) => Some(reason),
            },
        })
        .collect())
}

/// Where the range's minutes are counted: the range cut by the term.
pub fn counting(c: &Contract, range: &Range) -> Result<(DateTime<Utc>, DateTime<Utc>), EvalError> {
    let tz = c.header.timezone;
    Ok(Window::new(c, range.from, range.to, range.as_of, tz)?.counting())
}

/// The days a credit for these months may be claimed from and until
/// (`YYYY-MM-DD`), as the report gives them.
pub fn claim_window(
    c: &Contract,
    holidays: &HashMap<String, Arc<HolidayTable>>,
    credit: &Credit,
    months: &[YearMonth],
) -> Result<(Option<String>, Option<String>), EvalError> {
    let mut clocks = Clocks::new(c, holidays, c.header.timezone);
    super::compensation::claim_window(credit, months, &mut clocks)
}

/// The occurrences of a maintenance window that could meet `[start, end)`,
/// as minute intervals `[a, b)` since the Unix epoch.
pub fn window_occurrences(
    c: &Contract,
    w: &crate::ir::MaintenanceWindow,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Vec<(i64, i64)>, EvalError> {
    super::maintenance::occurrences(w, start, end, c.header.timezone)
}

/// A calendar's open time as `slac compile --emit sql` bakes it: the open
/// intervals of each local date, as Unix seconds `[a, b)`, ascending, and
/// the dates themselves.
pub struct OpenTime {
    pub intervals: Vec<(i64, i64)>,
    pub days: Vec<PlannedDay>,
    /// Where the intervals stop early (the start of the first date that
    /// could not be read, a holiday year no set covers, in Unix seconds)
    /// and why: a deadline or an elapsed time that needs that date is that
    /// error, as it is to `slac eval`.
    pub stopped: Option<(i64, String)>,
}

/// One local date of a calendar, in Unix seconds: the instants it owns
/// `[start, end)`, its wall-clock midnight read as UTC (`wall_midnight`,
/// so a wall time of day is `t + offset − wall_midnight`), its UTC offset
/// before and after a change inside it (`change`, `i64::MAX` for none), and
/// its first opening and last closing (`None`: not a business day).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedDay {
    pub start: i64,
    pub end: i64,
    pub wall_midnight: i64,
    pub offset_before: i64,
    pub change: i64,
    pub offset_after: i64,
    pub hours: Option<(i64, i64)>,
}

/// What a calendar's open time must reach past `after`: this much open
/// time (the longest limit in open time) and this many business days (the
/// furthest rule), so every deadline of a clock that starts by `after`
/// lies among the intervals.
#[derive(Clone, Copy, Debug, Default)]
pub struct Reach {
    pub open_seconds: i64,
    pub business_days: u32,
}

/// The open intervals and dates of `clock` from the local date of `from`
/// until past `after` by `reach`, for at most ten years of dates.
pub fn open_time(
    c: &Contract,
    holidays: &HashMap<String, Arc<HolidayTable>>,
    clock: &crate::ir::ClockRef,
    from: DateTime<Utc>,
    after: DateTime<Utc>,
    reach: Reach,
) -> Result<OpenTime, EvalError> {
    use crate::calendar::local_time::{date_of, start_of};
    let mut clocks = Clocks::new(c, holidays, c.header.timezone);
    let clock = clocks.get(clock)?;
    let tz = clock.tz();
    let mut date = date_of(tz, from).map_err(EvalError::calendar("the first day of the range"))?;
    let after = after.timestamp();
    let mut out = OpenTime { intervals: Vec::new(), days: Vec::new(), stopped: None };
    let (mut open_after, mut days_after) = (0i64, 0u32);
    // Ten years of dates past the later of the two instants at most, as
    // the evaluator's own search for a deadline.
    for _ in 0..(3653 + (after - from.timestamp()).max(0) / 86_400) {
        let spans = clock.open_intervals_on(date);
        let bounds = start_of(tz, date).and_then(|s| Ok((s, start_of(tz, date.succ_opt().unwrap_or(date))?)));
        let (spans, (start, end)) = match (spans, bounds) {
            (Ok(spans), Ok(bounds)) => (spans, bounds),
            (Err(e), _) | (_, Err(e)) => {
                let at = start_of(tz, date).map_or(i64::MAX, |t| t.timestamp());
                out.stopped = Some((at, e.to_string()));
                break;
            }
        };
        let spans: Vec<(i64, i64)> = spans.iter().map(|(a, b)| (a.timestamp(), b.timestamp())).collect();
        for &(a, b) in &spans {
            open_after += (b - a.max(after)).max(0);
        }
        if !spans.is_empty() && start.timestamp() >= after {
            days_after += 1;
        }
        out.days.push(planned_day(tz, date, start, end, &spans));
        out.intervals.extend(spans);
        if open_after > reach.open_seconds && days_after > reach.business_days {
            break;
        }
        match date.succ_opt() {
            Some(next) => date = next,
            None => break,
        }
    }
    Ok(out)
}

fn planned_day(
    tz: chrono_tz::Tz,
    date: chrono::NaiveDate,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    spans: &[(i64, i64)],
) -> PlannedDay {
    use chrono::{Offset, TimeZone};
    let offset = |t: i64| {
        DateTime::from_timestamp(t, 0)
            .map_or(0, |d| i64::from(tz.offset_from_utc_datetime(&d.naive_utc()).fix().local_minus_utc()))
    };
    let (first, last) = (start.timestamp(), end.timestamp() - 1);
    let (before, after) = (offset(first), offset(last));
    // The first second with the new offset, by bisection.
    let change = if before == after {
        i64::MAX
    } else {
        let (mut lo, mut hi) = (first, last);
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2;
            if offset(mid) == before { lo = mid } else { hi = mid }
        }
        hi
    };
    let midnight = date.and_hms_opt(0, 0, 0).map_or(0, |m| m.and_utc().timestamp());
    PlannedDay {
        start: first,
        end: end.timestamp(),
        wall_midnight: midnight,
        offset_before: before,
        change,
        offset_after: after,
        hours: spans.first().zip(spans.last()).map(|(f, l)| (f.0, l.1)),
    }
}
