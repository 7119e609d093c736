//! Outages measured by their own length (`outages by duration over 60s`):
//! an outage is a maximal stretch of unexcused down time in milliseconds,
//! its minutes are its length rounded up, and one no longer than the
//! threshold is not counted (semantics.md section 4, "Outage length").

use super::availability::Tagged;
use super::fmt_time;
use super::minutes::{Minute, MinuteSet};
use crate::ir::OutageMeasure;
use crate::report::Run;
use chrono::DateTime;
use chrono_tz::Tz;

pub const MS_PER_MINUTE: i64 = 60_000;

/// One outage, `[start, end)` in milliseconds.
struct Outage {
    start: i64,
    end: i64,
    /// Longer than the threshold.
    counted: bool,
    causes: Vec<std::sync::Arc<str>>,
}

/// A series' outages, when its promise measures them by their length.
pub(super) struct Outages(Vec<Outage>);

/// Milliseconds as minutes, rounded up: 61 s is 2 minutes.
fn minutes_up(ms: i64) -> i64 {
    (ms + MS_PER_MINUTE - 1).div_euclid(MS_PER_MINUTE)
}

impl Outages {
    /// `None` unless the promise says `outages by duration`. `down` is the
    /// series' down time in milliseconds; `excused` and `causes` the
    /// records that excuse it and made it down.
    pub fn new(
        measure: Option<OutageMeasure>,
        down: &MinuteSet,
        excused: &[Tagged],
        causes: &[Tagged],
    ) -> Option<Outages> {
        let Some(OutageMeasure::Duration { over }) = measure else { return None };
        let excl = MinuteSet::from_intervals(excused.iter().map(Tagged::millis).collect());
        let unexcused = down.minus(&excl);
        let over_ms = over.map_or(0, |s| s.0.saturating_mul(1000));
        let spans = unexcused.spans();
        let mut labels: Vec<Vec<std::sync::Arc<str>>> = vec![Vec::new(); spans.len()];
        // Outages are sorted and disjoint: each record finds the ones it
        // overlaps by binary search.
        for t in causes {
            let (a, b) = t.millis();
            let first = spans.partition_point(|s| s.1 <= a);
            for (s, l) in spans[first..].iter().zip(&mut labels[first..]) {
                if s.0 >= b {
                    break;
                }
                if !l.contains(&t.label) {
                    l.push(t.label.clone());
                }
            }
        }
        let list = spans
            .iter()
            .zip(labels)
            .map(|(&(start, end), causes)| Outage { start, end, counted: end - start > over_ms, causes })
            .collect();
        Some(Outages(list))
    }

    /// U for the minutes `[a, b)`: each counted outage's part inside them,
    /// rounded up.
    pub fn minutes_within(&self, a: Minute, b: Minute) -> i64 {
        self.parts(true, a, b).map(|(_, part)| minutes_up(part)).sum()
    }

    /// The outages (counted or not) that reach into `[a, b)`, as runs.
    pub fn runs(&self, counted: bool, a: Minute, b: Minute, tz: Tz) -> Vec<Run> {
        self.parts(counted, a, b)
            .map(|(o, part)| Run {
                start: fmt_time(at(o.start), tz),
                end: fmt_time(at(o.end), tz),
                minutes: minutes_up(o.end - o.start),
                minutes_in_period: minutes_up(part),
                causes: o.causes.clone(),
            })
            .collect()
    }

    /// Outages of one kind with their milliseconds inside `[a, b)`.
    fn parts(&self, counted: bool, a: Minute, b: Minute) -> impl Iterator<Item = (&Outage, i64)> {
        let (a, b) = (a * MS_PER_MINUTE, b * MS_PER_MINUTE);
        self.0
            .iter()
            .filter(move |o| o.counted == counted)
            .map(move |o| (o, o.end.min(b) - o.start.max(a)))
            .filter(|(_, part)| *part > 0)
    }
}

fn at(ms: i64) -> chrono::DateTime<chrono::Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Seconds;

    fn down(label: &str, a: i64, b: i64) -> Tagged {
        Tagged {
            span: (a / MS_PER_MINUTE, minutes_up(b)),
            label: label.into(),
            citation: None,
            exact: Some((a, b)),
            scope: None,
        }
    }

    fn outages(over: i64, records: &[Tagged]) -> Outages {
        let set = MinuteSet::from_intervals(records.iter().map(Tagged::millis).collect());
        Outages::new(Some(OutageMeasure::Duration { over: Some(Seconds(over)) }), &set, &[], records).unwrap()
    }

    #[test]
    fn sixty_seconds_is_not_counted_sixty_one_counts_two_minutes() {
        // 60 s: not over 60 s. 61 s: over, ceil(61/60) = 2 minutes.
        let o = outages(60, &[down("a", 0, 60_000), down("b", 600_000, 661_000)]);
        assert_eq!(o.minutes_within(0, 100), 2);
        let short = o.runs(false, 0, 100, Tz::UTC);
        assert_eq!((short.len(), short[0].minutes, short[0].causes.clone()), (1, 1, vec![std::sync::Arc::from("a")]));
    }

    #[test]
    fn touching_records_make_one_outage() {
        // 30 s then 40 s back to back: one outage of 70 s, 2 minutes.
        let o = outages(60, &[down("a", 0, 30_000), down("b", 30_000, 70_000)]);
        assert_eq!(o.minutes_within(0, 10), 2);
        assert_eq!(o.runs(true, 0, 10, Tz::UTC)[0].causes, [std::sync::Arc::from("a"), std::sync::Arc::from("b")]);
    }

    #[test]
    fn a_period_counts_its_own_part_rounded_up() {
        // 00:00:50 to 00:02:10 (80 s) cut at minute 1: 10 s → 1, 70 s → 2.
        let o = outages(60, &[down("a", 50_000, 130_000)]);
        assert_eq!((o.minutes_within(0, 1), o.minutes_within(1, 10)), (1, 2));
    }

    #[test]
    fn the_grid_gives_no_outages() {
        assert!(Outages::new(Some(OutageMeasure::MinuteGrid), &MinuteSet::new(), &[], &[]).is_none());
        assert!(Outages::new(None, &MinuteSet::new(), &[], &[]).is_none());
    }
}
