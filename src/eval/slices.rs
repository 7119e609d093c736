//! Sub-period slices (`slice clock hour down over 6min no charge`): each
//! period cut into slices on the contract's local clock, a slice bad when
//! more of its minutes are down than the threshold, and the fee a bad slice
//! is not charged (semantics.md section 4, "Slices").

use super::EvalError;
use super::availability::SeriesResult;
use super::compensation::Amounts;
use super::fmt_time;
use super::minutes::{Minute, MinuteSet, floor_minute, minute_start};
use super::period::{Period, YearMonth};
use crate::calendar::local_time::{date_of, start_of};
use crate::ir::{PeriodKind, SliceRule, SliceSize};
use crate::report::{BadSlice, CreditLine, SliceLedger};
use chrono::Timelike;
use chrono_tz::Tz;
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::BTreeMap;

/// A bad slice as credits need it: its minutes and the local month it
/// starts in.
#[derive(Clone, Debug)]
pub struct Marked {
    pub minutes: i64,
    pub month: YearMonth,
}

/// The slice a minute falls in, `[start, end)`. A slice of whole minutes
/// starts on the local hour or a multiple of its length after it; DST moves
/// clocks on an hour mark, so the slice never straddles a change, and the
/// hour repeated when clocks go back is two slices. A day is the local day
/// as long as it is.
fn slice_of(size: SliceSize, m: Minute, tz: Tz) -> Result<(Minute, Minute), EvalError> {
    let t = minute_start(m);
    match size {
        SliceSize::Minutes(n) => {
            let n = i64::from(n);
            let into = i64::from(t.with_timezone(&tz).minute()) % n;
            Ok((m - into, m - into + n))
        }
        SliceSize::Day => {
            let ctx = "the local day of a slice";
            let date = date_of(tz, t).map_err(EvalError::calendar(ctx))?;
            let next = date.succ_opt().unwrap_or(date);
            let start = start_of(tz, date).map_err(EvalError::calendar(ctx))?;
            let end = start_of(tz, next).map_err(EvalError::calendar(ctx))?;
            Ok((floor_minute(start), floor_minute(end)))
        }
    }
}

/// The bad slices of `[a, b)`: down minutes counted per slice (only those
/// inside `[a, b)`), kept when more than the threshold.
pub fn judge(
    rule: SliceRule,
    down: &MinuteSet,
    a: Minute,
    b: Minute,
    tz: Tz,
) -> Result<(SliceLedger, Vec<Marked>), EvalError> {
    // slice -> down minutes in it. Only slices with a down minute are
    // visited: a month of clean minutes costs nothing.
    let mut per_slice: BTreeMap<(Minute, Minute), i64> = BTreeMap::new();
    for &(s, e) in down.spans() {
        let (s, e) = (s.max(a), e.min(b));
        let mut m = s;
        while m < e {
            let slice = slice_of(rule.size, m, tz)?;
            let upto = slice.1.min(e);
            *per_slice.entry(slice).or_default() += upto - m;
            m = upto;
        }
    }
    let mut ledger = SliceLedger { rule: rule.text(), ..Default::default() };
    let mut marked = Vec::new();
    for ((start, end), down_minutes) in per_slice.into_iter().filter(|(_, d)| *d > rule.over_minutes) {
        let local_start = minute_start(start).with_timezone(&tz);
        marked.push(Marked {
            minutes: end - start,
            month: YearMonth::of(date_of(tz, minute_start(start)).unwrap_or(local_start.date_naive())),
        });
        ledger.bad.push(BadSlice {
            start: fmt_time(minute_start(start), tz),
            end: fmt_time(minute_start(end), tz),
            minutes: end - start,
            down_minutes,
        });
    }
    ledger.bad_slices = ledger.bad.len() as u32;
    Ok((ledger, marked))
}

/// `no charge`: one credit line per ledger with bad slices. Each month's
/// part is its fee times the bad slices' minutes over the month's minutes,
/// rounded to the cent (half away from zero); the line is their sum.
pub fn credits(results: &[SeriesResult], amounts: &Amounts<'_>, tz: Tz) -> Result<Vec<CreditLine>, EvalError> {
    let mut out = Vec::new();
    for series in results {
        let Some(rule) = series.slice_rule.filter(|r| r.no_charge) else { continue };
        for (ledger, marked) in series.ledgers.iter().zip(&series.slices) {
            if marked.is_empty() {
                continue;
            }
            let mut minutes_per_month: BTreeMap<YearMonth, i64> = BTreeMap::new();
            for m in marked {
                *minutes_per_month.entry(m.month).or_default() += m.minutes;
            }
            let too_large = || EvalError::too_large(format!("the no-charge credit of {}", series.service))();
            let (mut amount, mut basis_amount) = (Decimal::ZERO, Decimal::ZERO);
            let mut parts = Vec::new();
            for (month, minutes) in minutes_per_month {
                let fee = amounts.monthly_fee(&series.service, series.instance.as_deref(), month)?;
                let month_minutes = Period::containing(PeriodKind::Month, month, tz)
                    .map_err(EvalError::calendar("the minutes of a month"))?
                    .minutes();
                let part = fee
                    .checked_mul(Decimal::from(minutes))
                    .and_then(|x| x.checked_div(Decimal::from(month_minutes)))
                    .ok_or_else(too_large)?
                    .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
                amount = amount.checked_add(part).ok_or_else(too_large)?;
                basis_amount = basis_amount.checked_add(fee).ok_or_else(too_large)?;
                parts.push(format!("{minutes} of {month_minutes} minutes of {month}"));
            }
            out.push(CreditLine {
                terms: None,
                service: series.service.clone(),
                instance: series.instance.clone(),
                period: ledger.period.clone(),
                achieved: ledger.ratio.as_ref().map(|r| format!("{}%", r.percent)).unwrap_or_default(),
                band: format!(
                    "no charge for {} {} down over {}min ({})",
                    marked.len(),
                    if marked.len() == 1 { rule.size.text() } else { rule.size.plural() },
                    rule.over_minutes,
                    parts.join("; ")
                ),
                basis: "monthly_fee".into(),
                basis_amount,
                amount,
                capped: false,
                provisional: ledger.in_progress,
                currency: amounts.currency(),
                form: "no charge".into(),
                claim_opens: None,
                claim_closes: None,
                citation: ledger.citation.clone(),
                not_owed: None,
                withheld: None,
                basis_excluded: Vec::new(),
                region: series.region.clone(),
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn minute(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> Minute {
        floor_minute(Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap())
    }

    fn rule(size: SliceSize, over: i64) -> SliceRule {
        SliceRule { size, over_minutes: over, no_charge: true }
    }

    #[test]
    fn six_down_minutes_of_an_hour_are_not_over_six_and_seven_are() {
        // 10:00-10:06 (6 minutes) and 11:30-11:37 (7 minutes), UTC.
        let down = MinuteSet::from_intervals(vec![
            (minute(2025, 3, 4, 10, 0), minute(2025, 3, 4, 10, 6)),
            (minute(2025, 3, 4, 11, 30), minute(2025, 3, 4, 11, 37)),
        ]);
        let (l, marked) =
            judge(rule(SliceSize::Minutes(60), 6), &down, minute(2025, 3, 1, 0, 0), minute(2025, 4, 1, 0, 0), Tz::UTC)
                .unwrap();
        assert_eq!(l.bad_slices, 1);
        assert_eq!(l.bad[0].start, "2025-03-04T11:00:00+00:00");
        assert_eq!(l.bad[0].down_minutes, 7);
        assert_eq!(marked[0].minutes, 60);
    }

    #[test]
    fn a_run_across_an_hour_mark_counts_in_each_hour() {
        // 10:55-11:09: 5 minutes in the 10:00 hour, 9 in the 11:00 hour.
        let down = MinuteSet::from_intervals(vec![(minute(2025, 3, 4, 10, 55), minute(2025, 3, 4, 11, 9))]);
        let (l, _) =
            judge(rule(SliceSize::Minutes(60), 6), &down, minute(2025, 3, 1, 0, 0), minute(2025, 4, 1, 0, 0), Tz::UTC)
                .unwrap();
        assert_eq!(
            l.bad.iter().map(|b| (b.start.as_str(), b.down_minutes)).collect::<Vec<_>>(),
            [("2025-03-04T11:00:00+00:00", 9)]
        );
    }

    #[test]
    fn a_half_hour_zone_starts_its_hours_at_half_past_utc() {
        // Asia/Kolkata is UTC+05:30: local 16:00 is 10:30 UTC.
        let down = MinuteSet::from_intervals(vec![(minute(2025, 3, 4, 10, 25), minute(2025, 3, 4, 10, 37))]);
        let tz: Tz = "Asia/Kolkata".parse().unwrap();
        let (l, _) =
            judge(rule(SliceSize::Minutes(60), 6), &down, minute(2025, 2, 28, 18, 30), minute(2025, 3, 31, 18, 30), tz)
                .unwrap();
        // 10:25-10:30 UTC is 5 minutes of the 15:00 hour; 10:30-10:37 is 7
        // of the 16:00 hour.
        assert_eq!(
            l.bad.iter().map(|b| (b.start.as_str(), b.down_minutes)).collect::<Vec<_>>(),
            [("2025-03-04T16:00:00+05:30", 7)]
        );
    }

    #[test]
    fn the_repeated_hour_of_a_fall_back_night_is_two_slices() {
        // New York, 2025-11-02: 01:00-02:00 EDT is 05:00-06:00 UTC, then
        // 01:00-02:00 EST is 06:00-07:00 UTC. 05:50-06:10 UTC is 10 minutes
        // of each; over 6min, both are bad, each 60 minutes long.
        let tz: Tz = "America/New_York".parse().unwrap();
        let down = MinuteSet::from_intervals(vec![(minute(2025, 11, 2, 5, 50), minute(2025, 11, 2, 6, 10))]);
        let (l, _) =
            judge(rule(SliceSize::Minutes(60), 6), &down, minute(2025, 11, 1, 4, 0), minute(2025, 12, 1, 5, 0), tz)
                .unwrap();
        let got: Vec<_> = l.bad.iter().map(|b| (b.start.as_str(), b.minutes, b.down_minutes)).collect();
        assert_eq!(got, [("2025-11-02T01:00:00-04:00", 60, 10), ("2025-11-02T01:00:00-05:00", 60, 10)]);
        // The day slice of that date is 25 hours.
        let (d, _) =
            judge(rule(SliceSize::Day, 6), &down, minute(2025, 11, 1, 4, 0), minute(2025, 12, 1, 5, 0), tz).unwrap();
        assert_eq!(d.bad.iter().map(|b| (b.minutes, b.down_minutes)).collect::<Vec<_>>(), [(1500, 20)]);
    }

    #[test]
    fn the_skipped_hour_of_a_spring_forward_night_does_not_exist() {
        // New York, 2025-03-09: 01:00-02:00 EST is 06:00-07:00 UTC, then
        // 03:00 EDT is 07:00 UTC. 06:55-07:05 UTC is 5 minutes of the 01:00
        // hour and 5 of the 03:00 hour; over 4min, both are bad. The day is
        // 23 hours (1380 minutes).
        let tz: Tz = "America/New_York".parse().unwrap();
        let down = MinuteSet::from_intervals(vec![(minute(2025, 3, 9, 6, 55), minute(2025, 3, 9, 7, 5))]);
        let (l, _) =
            judge(rule(SliceSize::Minutes(60), 4), &down, minute(2025, 3, 1, 5, 0), minute(2025, 4, 1, 4, 0), tz)
                .unwrap();
        let got: Vec<_> = l.bad.iter().map(|b| (b.start.as_str(), b.end.as_str(), b.down_minutes)).collect();
        assert_eq!(
            got,
            [
                ("2025-03-09T01:00:00-05:00", "2025-03-09T03:00:00-04:00", 5),
                ("2025-03-09T03:00:00-04:00", "2025-03-09T04:00:00-04:00", 5)
            ]
        );
        let (d, _) =
            judge(rule(SliceSize::Day, 4), &down, minute(2025, 3, 1, 5, 0), minute(2025, 4, 1, 4, 0), tz).unwrap();
        assert_eq!(d.bad.iter().map(|b| (b.minutes, b.down_minutes)).collect::<Vec<_>>(), [(1380, 10)]);
    }

    #[test]
    fn five_minute_slices_start_on_the_five_minute_marks() {
        // 10:03-10:08: 2 minutes of 10:00-10:05, 3 of 10:05-10:10.
        let down = MinuteSet::from_intervals(vec![(minute(2025, 3, 4, 10, 3), minute(2025, 3, 4, 10, 8))]);
        let (l, _) =
            judge(rule(SliceSize::Minutes(5), 2), &down, minute(2025, 3, 1, 0, 0), minute(2025, 4, 1, 0, 0), Tz::UTC)
                .unwrap();
        assert_eq!(
            l.bad.iter().map(|b| (b.start.as_str(), b.down_minutes)).collect::<Vec<_>>(),
            [("2025-03-04T10:05:00+00:00", 3)]
        );
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use chrono::{TimeZone, Utc};
    use proptest::prelude::*;

    fn sizes() -> impl Strategy<Value = SliceSize> {
        prop_oneof![
            Just(SliceSize::Minutes(1)),
            Just(SliceSize::Minutes(5)),
            Just(SliceSize::Minutes(15)),
            Just(SliceSize::Minutes(60)),
            Just(SliceSize::Day),
        ]
    }

    proptest! {
        /// With `over 0min`, every down minute inside the range lands in
        /// exactly one bad slice, which holds it within its own bounds, and
        /// slices neither overlap nor exceed their length; in New York over
        /// the fall-back night and in a half-hour zone.
        #[test]
        fn every_down_minute_is_in_one_slice(
            raw in proptest::collection::vec((0i64..10_000, 1i64..300), 0..12),
            size in sizes(),
            zone in prop_oneof![Just("America/New_York"), Just("Asia/Kolkata"), Just("UTC")],
        ) {
            let tz: Tz = zone.parse().unwrap();
            let base = floor_minute(Utc.with_ymd_and_hms(2025, 10, 30, 0, 0, 0).unwrap());
            let down = MinuteSet::from_intervals(raw.iter().map(|&(s, l)| (base + s, base + s + l)).collect());
            let (a, b) = (base + 120, base + 9_000);
            let rule = SliceRule { size, over_minutes: 0, no_charge: false };
            let (l, marked) = judge(rule, &down, a, b, tz).unwrap();
            let sum: i64 = l.bad.iter().map(|s| s.down_minutes).sum();
            prop_assert_eq!(sum, down.count_within(a, b));
            prop_assert_eq!(marked.len(), l.bad.len());
            for s in &l.bad {
                prop_assert!(s.down_minutes >= 1 && s.down_minutes <= s.minutes);
            }
            for w in l.bad.windows(2) {
                let end = chrono::DateTime::parse_from_rfc3339(&w[0].end).unwrap();
                let next = chrono::DateTime::parse_from_rfc3339(&w[1].start).unwrap();
                prop_assert!(end <= next);
            }
        }
    }
}
