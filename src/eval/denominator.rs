//! T from the inventory (`total minutes ...`): the days an instance was
//! purchased, or the minutes in which enough instances ran (semantics.md
//! section 4, "Denominators from the inventory").

use super::EvalError;
use super::eligibility::Deployment;
use super::fmt_time;
use super::minutes::{Minute, MinuteSet, floor_minute, minute_start};
use crate::calendar::local_time::{date_of, start_of};
use crate::events::InventoryRow;
use crate::ir::TotalMinutes;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;

/// The minutes T counts in one period, and how they were found.
pub struct Total {
    pub minutes: MinuteSet,
    pub derived: String,
}

/// T for one series over `[from, to)` (the period's counted stretch).
pub fn total(
    rule: TotalMinutes,
    deployment: &Deployment<'_>,
    instance: Option<&str>,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
    tz: Tz,
) -> Result<Total, EvalError> {
    let (a, b) = (floor_minute(from), floor_minute(to));
    let period = MinuteSet::from_intervals(vec![(a, b)]);
    match rule {
        TotalMinutes::DaysPurchased => {
            let rows = deployment.rows_for(instance, false);
            let mut days: Vec<NaiveDate> = Vec::new();
            for r in rows {
                days.extend(purchased_days(r, from, to, tz)?);
            }
            days.sort();
            days.dedup();
            let mut spans = Vec::new();
            for d in &days {
                spans.push(day_span(*d, tz)?);
            }
            let minutes = MinuteSet::from_intervals(spans).intersect(&period);
            let derived = match (days.first(), days.last()) {
                (Some(f), Some(l)) => {
                    format!("days purchased: {} day(s) from {f} to {l}, {} min", days.len(), minutes.len())
                }
                _ => "days purchased: none in the period".into(),
            };
            Ok(Total { minutes, derived })
        }
        TotalMinutes::WhileRunning { at_least } => {
            let rows = deployment.rows_for(instance, true);
            let minutes = at_least_running(&rows, at_least, (from, to)).intersect(&period);
            let whose = match instance {
                Some(i) => format!("instance {i}'s set"),
                None => "the service".into(),
            };
            let derived = match (minutes.spans().first(), minutes.spans().last()) {
                (Some(f), Some(l)) => format!(
                    "while at least {at_least} instances of {whose} ran: {} stretch(es) from {} to {}, {} min",
                    minutes.spans().len(),
                    fmt_time(minute_start(f.0), tz),
                    fmt_time(minute_start(l.1), tz),
                    minutes.len()
                ),
                _ => format!("while at least {at_least} instances of {whose} ran: never in the period"),
            };
            Ok(Total { minutes, derived })
        }
    }
}

/// The local days of `[from, to)` the instance was purchased on: from the
/// day it started to the day of its last running instant, whole.
fn purchased_days(
    r: &InventoryRow,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    tz: Tz,
) -> Result<Vec<NaiveDate>, EvalError> {
    let ctx = || format!("the purchased days of instance {}", r.instance);
    let (s, e) = (r.started.unwrap_or(from).max(from), r.stopped.unwrap_or(to).min(to));
    if s >= e {
        return Ok(Vec::new());
    }
    let first = date_of(tz, s).map_err(EvalError::calendar(ctx()))?;
    let last = date_of(tz, e - Duration::seconds(1)).map_err(EvalError::calendar(ctx()))?;
    Ok(first.iter_days().take_while(|d| *d <= last).collect())
}

/// A local day as minutes (23 or 25 hours on a day the clocks change).
fn day_span(day: NaiveDate, tz: Tz) -> Result<(Minute, Minute), EvalError> {
    let ctx = || format!("the day {day}");
    let next = day.succ_opt().unwrap_or(day);
    let a = start_of(tz, day).map_err(EvalError::calendar(ctx()))?;
    let b = start_of(tz, next).map_err(EvalError::calendar(ctx()))?;
    Ok((floor_minute(a), floor_minute(b)))
}

/// The minutes of `[from, to)` in which at least `n` of the rows ran
/// (started to stopped, to the minute), by a sweep over their starts and
/// stops.
fn at_least_running(rows: &[&InventoryRow], n: u32, (from, to): (DateTime<Utc>, DateTime<Utc>)) -> MinuteSet {
    let mut edges: Vec<(Minute, i64)> = Vec::new();
    for r in rows {
        let (s, e) = (floor_minute(r.started.unwrap_or(from).max(from)), floor_minute(r.stopped.unwrap_or(to).min(to)));
        if s < e {
            edges.push((s, 1));
            edges.push((e, -1));
        }
    }
    // A stop and a start at the same minute: the stop first, so a
    // replacement started as another stops does not count twice.
    edges.sort();
    let (mut running, mut open, mut spans) = (0i64, None, Vec::new());
    for (at, step) in edges {
        running += step;
        match (running >= i64::from(n), open) {
            (true, None) => open = Some(at),
            (false, Some(start)) => {
                if start < at {
                    spans.push((start, at));
                }
                open = None;
            }
            _ => {}
        }
    }
    MinuteSet::from_intervals(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::RowRef;

    fn row(started: Option<&str>, stopped: Option<&str>) -> InventoryRow {
        let t = |s: &str| s.parse::<DateTime<Utc>>().expect("a time");
        InventoryRow {
            service: None,
            instance: "i".into(),
            zone: None,
            set: None,
            storage: None,
            started: started.map(t),
            stopped: stopped.map(t),
            source: RowRef { file: "inventory.csv".into(), line: Some(2), pointer: None },
        }
    }

    fn june() -> (DateTime<Utc>, DateTime<Utc>) {
        ("2025-06-01T00:00:00Z".parse().expect("t"), "2025-07-01T00:00:00Z".parse().expect("t"))
    }

    #[test]
    fn a_purchase_from_mid_month_counts_its_days_whole() {
        // Started 06-16 10:30: the 16th counts whole, 15 days to the 30th.
        let r = row(Some("2025-06-16T10:30:00Z"), None);
        let (f, t) = june();
        let days = purchased_days(&r, f, t, chrono_tz::UTC).expect("days");
        assert_eq!(days.len(), 15);
        // Stopped at 06-20 00:00 exactly: the 20th is not a purchased day.
        let r = row(Some("2025-06-16T10:30:00Z"), Some("2025-06-20T00:00:00Z"));
        assert_eq!(purchased_days(&r, f, t, chrono_tz::UTC).expect("days").len(), 4);
    }

    #[test]
    fn minutes_with_two_running_follow_starts_and_stops() {
        let (f, t) = june();
        let a = row(Some("2025-06-03T08:00:00Z"), None);
        let b = row(Some("2025-06-02T00:00:00Z"), Some("2025-06-10T00:00:00Z"));
        let c = row(Some("2025-06-10T00:00:00Z"), Some("2025-06-12T00:00:00Z"));
        // Two run from 06-03 08:00; b stops as c starts at 06-10 00:00: no
        // gap and no double count; c stops at 06-12 00:00.
        let set = at_least_running(&[&a, &b, &c], 2, (f, t));
        let start = floor_minute("2025-06-03T08:00:00Z".parse().expect("t"));
        let end = floor_minute("2025-06-12T00:00:00Z".parse().expect("t"));
        assert_eq!(set.spans(), &[(start, end)]);
        // 8 days 16 h = 208 h = 12480 min.
        assert_eq!(set.len(), 12_480);
    }
}
