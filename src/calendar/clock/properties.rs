//! Properties every clock must have, checked on random instants: open time
//! adds up over adjacent ranges, a deadline is the earliest instant at which
//! the limit is used, and `is_open` agrees with `business_seconds`.

use super::tests::{SHANGHAI, office, office_hours, range};
use super::*;
use chrono::{TimeDelta, Timelike};
use proptest::prelude::*;

/// 2019-01-01 .. 2026-06-01 in Shanghai, inside the years cn covers, with
/// room for deadlines up to a few weeks later.
const FIRST: i64 = 1_546_272_000;
const LAST: i64 = 1_780_243_200;

fn instant(seconds: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(seconds, 0).unwrap()
}

/// A New York clock with ranges that touch both DST transitions.
fn new_york() -> BusinessClock {
    let mut hours = office_hours(false);
    hours.weekdays[6] = vec![range("01:00", "03:30"), range("20:00", "24:00")];
    hours.weekdays[5] = vec![range("00:00", "24:00")];
    BusinessClock::new(&hours, None, chrono_tz::America::New_York).unwrap()
}

fn clocks() -> [BusinessClock; 3] {
    [office(), new_york(), BusinessClock::always(SHANGHAI)]
}

proptest! {
    #[test]
    fn business_seconds_add_up(a in FIRST..LAST, ab in 0i64..40 * 86_400, bc in 0i64..40 * 86_400) {
        // [a, b) and [b, c) split [a, c), so their open time adds up.
        let (b, c) = (a + ab, a + ab + bc);
        for clock in clocks() {
            let whole = clock.business_seconds(instant(a), instant(c)).unwrap();
            let parts = clock.business_seconds(instant(a), instant(b)).unwrap()
                + clock.business_seconds(instant(b), instant(c)).unwrap();
            prop_assert_eq!(whole, parts);
        }
    }

    #[test]
    fn deadline_is_the_earliest_instant_with_the_limit(start in FIRST..LAST, limit in 0i64..200 * 3600) {
        // business_seconds(start, deadline) == limit, and one second less is short.
        for clock in clocks() {
            let deadline = clock.deadline(instant(start), Seconds(limit)).unwrap();
            prop_assert_eq!(clock.business_seconds(instant(start), deadline).unwrap(), limit);
            if limit > 0 {
                let before = deadline - TimeDelta::seconds(1);
                prop_assert_eq!(clock.business_seconds(instant(start), before).unwrap(), limit - 1);
                prop_assert!(clock.is_open(before).unwrap());
            }
        }
    }

    #[test]
    fn is_open_agrees_with_business_seconds(t in FIRST..LAST) {
        for clock in clocks() {
            let open = clock.is_open(instant(t)).unwrap();
            let counted = clock.business_seconds(instant(t), instant(t + 1)).unwrap();
            prop_assert_eq!(i64::from(open), counted);
        }
    }
}

/// Open seconds of `[from, to)` (minute-aligned) for the Shanghai office clock,
/// counted minute by minute straight from the holiday table: a reference that
/// shares no code with the clock's day walk.
fn office_reference(from: i64, to: i64) -> i64 {
    let cn = super::tests::cn();
    let mut open = 0;
    for minute_start in (from..to).step_by(60) {
        let local = instant(minute_start).with_timezone(&SHANGHAI);
        let date = local.date_naive();
        let workday = match cn.kind_of(date).unwrap() {
            Some(DayKind::Holiday) => false,
            Some(DayKind::Workday) => true,
            None => date.weekday().num_days_from_monday() < 5,
        };
        let minute_of_day = local.hour() * 60 + local.minute();
        if workday && (540..1080).contains(&minute_of_day) {
            open += 60;
        }
    }
    open
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn office_clock_matches_a_minute_by_minute_count(a in FIRST / 60..LAST / 60, minutes in 0i64..12 * 1440) {
        let (from, to) = (a * 60, (a + minutes) * 60);
        let counted = office().business_seconds(instant(from), instant(to)).unwrap();
        prop_assert_eq!(counted, office_reference(from, to));
    }
}

/// Up to three pauses `(offset from start, length)` turned into intervals.
fn pauses(start: i64, raw: &[(i64, i64)]) -> Vec<OpenInterval> {
    raw.iter().map(|&(offset, len)| (instant(start + offset), instant(start + offset + len))).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn paused_time_is_never_counted_twice_nor_below_zero(
        start in FIRST..LAST,
        span in 0i64..30 * 86_400,
        raw in proptest::collection::vec((-5i64 * 86_400..30 * 86_400, 0i64..10 * 86_400), 0..4),
    ) {
        // Open time minus the pauses is never negative and never more than
        // the open time; pauses that overlap count once.
        let excluded = pauses(start, &raw);
        for clock in clocks() {
            let (from, to) = (instant(start), instant(start + span));
            let open = clock.business_seconds(from, to).unwrap();
            let net = clock.business_seconds_excluding(from, to, &excluded).unwrap();
            prop_assert!(0 <= net && net <= open, "{net} of {open}");
            let doubled: Vec<_> = excluded.iter().chain(&excluded).copied().collect();
            prop_assert_eq!(clock.business_seconds_excluding(from, to, &doubled).unwrap(), net);
        }
    }

    #[test]
    fn a_paused_deadline_is_the_earliest_instant_with_the_limit(
        start in FIRST..LAST,
        limit in 0i64..120 * 3600,
        raw in proptest::collection::vec((-2i64 * 86_400..20 * 86_400, 0i64..5 * 86_400), 0..4),
    ) {
        let excluded = pauses(start, &raw);
        for clock in clocks() {
            let from = instant(start);
            let deadline = clock.deadline_excluding(from, Seconds(limit), &excluded).unwrap();
            prop_assert_eq!(clock.business_seconds_excluding(from, deadline, &excluded).unwrap(), limit);
            if limit > 0 {
                let before = deadline - TimeDelta::seconds(1);
                prop_assert_eq!(clock.business_seconds_excluding(from, before, &excluded).unwrap(), limit - 1);
            }
            // Nothing excluded: today's deadline.
            prop_assert_eq!(
                clock.deadline_excluding(from, Seconds(limit), &[]).unwrap(),
                clock.deadline(from, Seconds(limit)).unwrap()
            );
        }
    }
}

proptest! {
    #[test]
    fn business_day_deadlines_lie_on_business_days_and_grow_with_n(
        start in FIRST..LAST,
        n in 1u32..15,
        cutoff in proptest::option::of(0u16..1440),
    ) {
        use crate::calendar::local_time::date_of;
        use crate::ir::{LimitRule, MinuteOfDay};
        for clock in clocks() {
            let received = clock.received(instant(start), cutoff.map(MinuteOfDay)).unwrap();
            // Received is never earlier than the opening, and always open.
            prop_assert!(received >= instant(start));
            prop_assert!(clock.is_open(received).unwrap());
            let due = clock.rule_deadline(received, LimitRule::BusinessDays { days: n }).unwrap();
            let later = clock.rule_deadline(received, LimitRule::BusinessDays { days: n + 1 }).unwrap();
            // On a business day of the clock's own zone, after the receipt,
            // and strictly later for one more day.
            prop_assert!(clock.is_business_day(date_of(clock.tz(), due).unwrap()).unwrap());
            prop_assert!(due > received);
            prop_assert!(later > due);
            // A cut-off deadline is on a business day, after the receipt.
            let by = clock.rule_deadline(received, LimitRule::ByTime { at: None, days_after: 1 }).unwrap();
            prop_assert!(by > received);
            prop_assert!(clock.is_business_day(date_of(clock.tz(), by - TimeDelta::seconds(1)).unwrap()).unwrap());
        }
    }
}
