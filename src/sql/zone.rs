//! Naive timestamps read in the contract's zone by slac's rules, not the
//! engine's: the zone's offsets over the years around the range are
//! written into the SQL as a `CASE` on the wall-clock time, so a time the
//! clocks show twice is the earlier instant (as `slac eval` reads it,
//! `docs/inputs.md`), whatever the engine's time zone database would pick.

use chrono::{DateTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

/// Wall-clock stretches `[.., boundary)` in local milliseconds and the
/// offset (ms) that turns a local time in them into an instant; the last
/// offset holds after the last boundary.
pub struct Offsets {
    pub boundaries: Vec<(i64, i64)>,
    pub last: i64,
}

fn offset_ms(tz: Tz, t: DateTime<Utc>) -> i64 {
    i64::from(tz.offset_from_utc_datetime(&t.naive_utc()).fix().local_minus_utc()) * 1000
}

/// The offsets of `tz` between two instants. A change of offset at instant
/// T from `before` to `after` puts the boundary at local time T + before:
/// the local times a fall-back repeats keep the earlier (larger) offset;
/// those a spring-forward skips (no instant: `slac eval` refuses them) take
/// the new one.
pub fn offsets(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Offsets {
    let hour = 3_600_000;
    let (mut t, end) = (from.timestamp_millis(), to.timestamp_millis());
    let at = |ms: i64| DateTime::from_timestamp_millis(ms).map_or(0, |d| offset_ms(tz, d));
    let mut current = at(t);
    let mut boundaries = Vec::new();
    while t < end {
        let next = t + hour;
        let o = at(next);
        if o != current {
            // The change lies in (t, next]: find its first millisecond by
            // bisection over seconds.
            let (mut lo, mut hi) = (t / 1000, next / 1000);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if at(mid * 1000) == current { lo = mid } else { hi = mid }
            }
            boundaries.push((hi * 1000 + current, current));
            current = o;
        }
        t = next;
    }
    Offsets { boundaries, last: current }
}

impl Offsets {
    /// `local - offset`, the offset chosen by `CASE` on `local`.
    pub fn instant(&self, local: &str) -> String {
        if self.boundaries.is_empty() {
            return format!("({local} - {})", self.last);
        }
        let whens: Vec<String> =
            self.boundaries.iter().map(|(b, o)| format!("WHEN {local} < {b} THEN {local} - {o}")).collect();
        format!("(CASE {} ELSE {local} - {} END)", whens.join(" "), self.last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_york_2025_changes_twice_and_a_repeated_time_is_the_earlier() {
        let tz: Tz = "America/New_York".parse().expect("a zone");
        let from = Utc.with_ymd_and_hms(2025, 1, 1, 0, 0, 0).single().expect("instant");
        let to = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).single().expect("instant");
        let o = offsets(tz, from, to);
        // 2025-03-09 02:00 EST (07:00Z) springs to 03:00 EDT: the boundary
        // is local 02:00, before it EST (−5 h); 2025-11-02 02:00 EDT (06:00Z)
        // falls back to 01:00 EST: the boundary is local 02:00, before it
        // EDT (−4 h), so 01:30 (shown twice) is 05:30Z, the earlier.
        let local = |y, m, d, h| Utc.with_ymd_and_hms(y, m, d, h, 0, 0).single().expect("instant").timestamp_millis();
        assert_eq!(o.boundaries, vec![(local(2025, 3, 9, 2), -5 * 3_600_000), (local(2025, 11, 2, 2), -4 * 3_600_000)]);
        assert_eq!(o.last, -5 * 3_600_000);
        let shanghai = offsets(chrono_tz::Asia::Shanghai, from, to);
        assert!(shanghai.boundaries.is_empty());
        assert_eq!(shanghai.instant("x"), "(x - 28800000)");
    }
}
