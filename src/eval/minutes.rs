//! Minutes on the contract's grid, and sets of them.
//!
//! Every zone slac meets today has offsets in whole minutes, so the wall-clock
//! minutes of the contract's zone are exactly the minutes since the Unix
//! epoch: a minute is an `i64` index, `[start, end)` sets of them are sorted,
//! disjoint intervals.

use chrono::{DateTime, Utc};

/// Minutes since 1970-01-01T00:00Z.
pub type Minute = i64;

/// The minute an instant falls in (floored).
pub fn floor_minute(t: DateTime<Utc>) -> Minute {
    t.timestamp().div_euclid(60)
}

/// The first minute boundary at or after an instant (ceiled).
pub fn ceil_minute(t: DateTime<Utc>) -> Minute {
    let s = t.timestamp();
    let whole = s.div_euclid(60);
    if s.rem_euclid(60) == 0 && t.timestamp_subsec_nanos() == 0 { whole } else { whole + 1 }
}

/// The minutes an interval `[t0, t1)` touches: start floored, end ceiled; a
/// zero-length interval touches none.
pub fn touched(t0: DateTime<Utc>, t1: DateTime<Utc>) -> Option<(Minute, Minute)> {
    if t1 <= t0 {
        return None;
    }
    Some((floor_minute(t0), ceil_minute(t1)))
}

/// The instant a minute starts.
pub fn minute_start(m: Minute) -> DateTime<Utc> {
    DateTime::from_timestamp(m.saturating_mul(60), 0).unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// A set of minutes as sorted, disjoint, non-adjacent intervals `[a, b)`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MinuteSet {
    spans: Vec<(Minute, Minute)>,
}

impl MinuteSet {
    pub fn new() -> Self {
        Self::default()
    }

    /// Build from intervals in any order, overlapping or not.
    pub fn from_intervals(mut raw: Vec<(Minute, Minute)>) -> Self {
        raw.retain(|(a, b)| a < b);
        raw.sort_unstable();
        let mut spans: Vec<(Minute, Minute)> = Vec::with_capacity(raw.len());
        for (a, b) in raw {
            match spans.last_mut() {
                // Touching intervals merge: consecutive minutes form one run.
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => spans.push((a, b)),
            }
        }
        MinuteSet { spans }
    }

    pub fn spans(&self) -> &[(Minute, Minute)] {
        &self.spans
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// How many minutes the set holds.
    pub fn len(&self) -> i64 {
        self.spans.iter().map(|(a, b)| b - a).sum()
    }

    pub fn union(&self, other: &MinuteSet) -> MinuteSet {
        let mut all = self.spans.clone();
        all.extend_from_slice(&other.spans);
        MinuteSet::from_intervals(all)
    }

    pub fn intersect(&self, other: &MinuteSet) -> MinuteSet {
        let (mut i, mut j) = (0, 0);
        let mut out = Vec::new();
        while i < self.spans.len() && j < other.spans.len() {
            let (a0, a1) = self.spans[i];
            let (b0, b1) = other.spans[j];
            let lo = a0.max(b0);
            let hi = a1.min(b1);
            if lo < hi {
                out.push((lo, hi));
            }
            if a1 < b1 {
                i += 1;
            } else {
                j += 1;
            }
        }
        MinuteSet { spans: out }
    }

    pub fn minus(&self, other: &MinuteSet) -> MinuteSet {
        let mut out = Vec::new();
        let mut j = 0;
        for &(a0, a1) in &self.spans {
            let mut start = a0;
            while j < other.spans.len() && other.spans[j].1 <= start {
                j += 1;
            }
            let mut k = j;
            while k < other.spans.len() && other.spans[k].0 < a1 {
                let (b0, b1) = other.spans[k];
                if b0 > start {
                    out.push((start, b0));
                }
                start = start.max(b1);
                if start >= a1 {
                    break;
                }
                k += 1;
            }
            if start < a1 {
                out.push((start, a1));
            }
        }
        MinuteSet { spans: out }
    }

    /// Minutes of the set inside `[a, b)`.
    pub fn count_within(&self, a: Minute, b: Minute) -> i64 {
        let first = self.spans.partition_point(|s| s.1 <= a);
        self.spans[first..]
            .iter()
            .take_while(|s| s.0 < b)
            .map(|(s0, s1)| (*s1).min(b) - (*s0).max(a))
            .filter(|n| *n > 0)
            .sum()
    }

    /// Does any minute of `[a, b)` belong to the set?
    pub fn touches(&self, a: Minute, b: Minute) -> bool {
        self.count_within(a, b) > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn t(h: u32, m: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 1, 12, h, m, s).unwrap()
    }

    #[test]
    fn intervals_touch_floored_and_ceiled_minutes() {
        // [10:00:30, 10:04:30) touches 10:00, 10:01, 10:02, 10:03, 10:04: five.
        let (a, b) = touched(t(10, 0, 30), t(10, 4, 30)).unwrap();
        assert_eq!(b - a, 5);
        // [10:00:00, 10:04:00) touches exactly four.
        let (a, b) = touched(t(10, 0, 0), t(10, 4, 0)).unwrap();
        assert_eq!(b - a, 4);
        assert_eq!(touched(t(10, 0, 0), t(10, 0, 0)), None);
    }

    #[test]
    fn adjacent_intervals_merge_into_one_run() {
        let s = MinuteSet::from_intervals(vec![(5, 7), (0, 3), (3, 5), (9, 10)]);
        assert_eq!(s.spans(), &[(0, 7), (9, 10)]);
        assert_eq!(s.len(), 8);
    }

    #[test]
    fn difference_splits_runs() {
        let a = MinuteSet::from_intervals(vec![(0, 10)]);
        let b = MinuteSet::from_intervals(vec![(3, 4), (8, 12)]);
        assert_eq!(a.minus(&b).spans(), &[(0, 3), (4, 8)]);
        assert_eq!(a.intersect(&b).spans(), &[(3, 4), (8, 10)]);
        assert_eq!(a.count_within(2, 5), 3);
    }

    fn naive(spans: &[(i64, i64)]) -> std::collections::BTreeSet<i64> {
        spans.iter().flat_map(|(a, b)| *a..*b).collect()
    }

    proptest! {
        #[test]
        fn set_algebra_matches_a_naive_model(
            a in prop::collection::vec((0i64..60, 0i64..8), 0..8),
            b in prop::collection::vec((0i64..60, 0i64..8), 0..8),
        ) {
            let a: Vec<_> = a.into_iter().map(|(s, l)| (s, s + l)).collect();
            let b: Vec<_> = b.into_iter().map(|(s, l)| (s, s + l)).collect();
            let (sa, sb) = (MinuteSet::from_intervals(a.clone()), MinuteSet::from_intervals(b.clone()));
            let (na, nb) = (naive(&a), naive(&b));
            prop_assert_eq!(naive(sa.minus(&sb).spans()), na.difference(&nb).copied().collect());
            prop_assert_eq!(naive(sa.intersect(&sb).spans()), na.intersection(&nb).copied().collect());
            prop_assert_eq!(naive(sa.union(&sb).spans()), na.union(&nb).copied().collect());
            prop_assert_eq!(sa.count_within(10, 30), na.iter().filter(|m| (10..30).contains(*m)).count() as i64);
        }
    }
}
