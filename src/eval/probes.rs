//! Probe samples, added up per minute as they stream in.
//!
//! Memory is bounded by series × days with data, never by the number of
//! rows: each series keeps one block of 1,440 minute cells per UTC day it has
//! samples for, allocated when the first sample for that day arrives.

use super::minutes::Minute;
use crate::hash::BuildWordHasher;
use crate::ir::{MinuteRule, Percent};
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

/// Requests answered normally, and requests in all, in one minute, exact.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cell {
    pub ok: u64,
    pub total: u64,
}

/// A minute as the day blocks store it: 32-bit counts, which halve the
/// memory of a grid. A sum that does not fit is kept exactly beside the
/// blocks ([`ProbeSeries::spilled`]) and its cell marked [`SPILLED`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Packed {
    ok: u32,
    total: u32,
}

/// The mark of a minute whose sums are kept in `spilled` (a minute that
/// truly holds these counts and is not in `spilled` reads as itself).
const SPILLED: Packed = Packed { ok: u32::MAX, total: u32::MAX };

/// A day's 1,440 minutes.
type Cells = [Packed; 1440];

/// One UTC day of a series: its cells, or once rows have moved on to
/// another day, the same cells packed as runs of equal cells (a day of
/// probes is mostly one count repeated: a few runs instead of 11 KiB).
/// A row for a packed day unpacks it again.
#[derive(Debug, Default)]
struct Block {
    cells: Option<Box<Cells>>,
    /// When packed: where each run ends (exclusive) and its cell, in order,
    /// the last ending at 1,440.
    runs: Box<[(u16, Packed)]>,
}

impl Block {
    fn new() -> Block {
        Block { cells: Some(Box::new([Packed::default(); 1440])), runs: Box::default() }
    }

    /// The cells to write, unpacked first if need be.
    fn open(&mut self) -> &mut Cells {
        if self.cells.is_none() {
            let runs = std::mem::take(&mut self.runs);
            self.cells = Some(Box::new(unpack_runs(&runs)));
        }
        self.cells.get_or_insert_with(|| Box::new([Packed::default(); 1440]))
    }

    /// Packs the cells into runs when that takes less than half their room.
    fn pack(&mut self) {
        let Some(cells) = &self.cells else { return };
        let mut runs: Vec<(u16, Packed)> = Vec::new();
        for (i, cell) in cells.iter().enumerate() {
            match runs.last_mut() {
                Some((end, last)) if last == cell => *end = i as u16 + 1,
                _ => runs.push((i as u16 + 1, *cell)),
            }
            if runs.len() > MAX_RUNS {
                return;
            }
        }
        self.runs = runs.into_boxed_slice();
        self.cells = None;
    }

    /// One minute's cell (0..1440).
    fn get(&self, i: usize) -> Packed {
        match &self.cells {
            Some(cells) => cells.get(i).copied().unwrap_or_default(),
            None => {
                let run = self.runs.partition_point(|(end, _)| usize::from(*end) <= i);
                self.runs.get(run).map(|(_, cell)| *cell).unwrap_or_default()
            }
        }
    }

    /// All the day's cells, borrowed when they are not packed.
    fn cells(&self) -> Cow<'_, Cells> {
        match &self.cells {
            Some(cells) => Cow::Borrowed(&**cells),
            None => Cow::Owned(unpack_runs(&self.runs)),
        }
    }
}

/// The most runs a packed day holds: 12 bytes each, they stay under half
/// the room of the day's cells.
const MAX_RUNS: usize = 1440 * 8 / 12 / 2;

fn unpack_runs(runs: &[(u16, Packed)]) -> Cells {
    let mut cells = [Packed::default(); 1440];
    let mut start = 0;
    for (end, cell) in runs {
        let end = usize::from(*end).min(1440);
        if let Some(span) = cells.get_mut(start..end) {
            span.fill(*cell);
        }
        start = end;
    }
    cells
}

/// A series whose rows come back to days already packed this many times
/// stops packing: its rows are out of day order, and packing and
/// unpacking row after row would cost more than the room it saves.
const REOPENED_BEFORE_GIVING_UP: u32 = 8;

/// The samples of one (service, instance) series: one block of cells per
/// UTC day with data.
#[derive(Default, Debug)]
pub struct ProbeSeries {
    days: Vec<(i64, Block)>,
    index: HashMap<i64, usize, BuildWordHasher>,
    /// The block used last: consecutive rows of a series are nearly always
    /// in the same day, so most rows skip the hash lookup.
    last: Option<(i64, usize)>,
    /// Minutes whose sums passed 32 bits, exactly. A row counts at most
    /// 2^32 − 1 attempts (a bad row otherwise), so 64-bit sums are exact
    /// short of 2^32 rows of one minute.
    spilled: HashMap<Minute, Cell>,
    /// Packed days written again.
    reopened: u32,
}

impl ProbeSeries {
    pub fn add(&mut self, minute: Minute, ok: u64, total: u64) {
        let day = minute.div_euclid(1440);
        let slot = match self.last {
            Some((d, slot)) if d == day => slot,
            _ => self.move_to(day),
        };
        let packed = &mut self.days[slot].1.open()[minute.rem_euclid(1440) as usize];
        if *packed == SPILLED {
            if let Some(big) = self.spilled.get_mut(&minute) {
                big.ok = big.ok.saturating_add(ok);
                big.total = big.total.saturating_add(total);
                return;
            }
        }
        let sum =
            Cell { ok: u64::from(packed.ok).saturating_add(ok), total: u64::from(packed.total).saturating_add(total) };
        match (u32::try_from(sum.ok), u32::try_from(sum.total)) {
            (Ok(ok), Ok(total)) if (Packed { ok, total }) != SPILLED => *packed = Packed { ok, total },
            _ => {
                *packed = SPILLED;
                self.spilled.insert(minute, sum);
            }
        }
    }

    /// Rows move on to `day`: the day left behind is packed (rows come in
    /// time order, so it is seldom written again; memory then follows the
    /// series, not the days), and the new day's block found or made.
    fn move_to(&mut self, day: i64) -> usize {
        if let Some((_, left)) = self.last {
            if self.reopened < REOPENED_BEFORE_GIVING_UP {
                self.days[left].1.pack();
            }
        }
        let next = self.days.len();
        let slot = *self.index.entry(day).or_insert(next);
        if slot == next {
            self.days.push((day, Block::new()));
        } else if self.days[slot].1.cells.is_none() {
            self.reopened += 1;
        }
        self.last = Some((day, slot));
        slot
    }

    pub fn cell(&self, minute: Minute) -> Cell {
        match self.index.get(&minute.div_euclid(1440)) {
            Some(slot) => self.read(self.days[*slot].1.get(minute.rem_euclid(1440) as usize), minute),
            None => Cell::default(),
        }
    }

    /// The cells of a day with samples.
    fn day(&self, day: i64) -> Option<Cow<'_, Cells>> {
        self.index.get(&day).map(|slot| self.days[*slot].1.cells())
    }

    /// A minute of its day's block, its exact sums when they spilled.
    fn unpack(&self, day: &Cells, minute: Minute) -> Cell {
        self.read(day[minute.rem_euclid(1440) as usize], minute)
    }

    /// A minute's cell as stored, read: its exact sums when they spilled.
    fn read(&self, packed: Packed, minute: Minute) -> Cell {
        // The spilled map is looked at only for a marked cell.
        if packed == SPILLED {
            if let Some(big) = self.spilled.get(&minute) {
                return *big;
            }
        }
        Cell { ok: u64::from(packed.ok), total: u64::from(packed.total) }
    }

    /// Days that hold samples, sorted.
    pub fn days(&self) -> Vec<i64> {
        let mut d: Vec<i64> = self.days.iter().map(|(day, _)| *day).collect();
        d.sort_unstable();
        d
    }

    /// The first and last minute with a sample.
    pub fn extent(&self) -> Option<(Minute, Minute)> {
        let days = self.days();
        let (first, last) = (*days.first()?, *days.last()?);
        let lo = (0..1440).map(|i| first * 1440 + i).find(|m| self.cell(*m).total > 0)?;
        let hi = (0..1440).rev().map(|i| last * 1440 + i).find(|m| self.cell(*m).total > 0)?;
        Some((lo, hi + 1))
    }
}

/// Every series' samples, keyed by service id and instance (`""` for rows
/// that name none and so concern every instance).
#[derive(Default, Debug)]
pub struct ProbeGrid {
    series: Vec<ProbeSeries>,
    keys: HashMap<String, HashMap<String, usize>>,
    pub rows: u64,
    /// Rows that name a region, again per region (trimmed, lower-cased
    /// key; the first spelling kept), for promises judged `per region`.
    regions: BTreeMap<String, (String, ProbeGrid)>,
}

impl ProbeGrid {
    pub fn new() -> Self {
        Self::default()
    }

    /// The index of a series, created on first use. Callers that see the
    /// same names row after row keep the index and call [`ProbeGrid::add_to`].
    pub fn series_id(&mut self, service: &str, instance: Option<&str>) -> usize {
        let instance = instance.unwrap_or("");
        if let Some(id) = self.keys.get(service).and_then(|m| m.get(instance)) {
            return *id;
        }
        let id = self.series.len();
        self.series.push(ProbeSeries::default());
        self.keys.entry(service.to_owned()).or_default().insert(instance.to_owned(), id);
        id
    }

    pub fn add_to(&mut self, series: usize, minute: Minute, ok: u64, total: u64) {
        self.rows += 1;
        if let Some(s) = self.series.get_mut(series) {
            s.add(minute, ok, total);
        }
    }

    /// Adds a series' counts of some minutes, each summed elsewhere from
    /// one or more rows (the rows are counted by [`ProbeGrid::count_rows`]).
    pub fn add_summed(&mut self, series: usize, sums: &[(Minute, Cell)]) {
        if let Some(s) = self.series.get_mut(series) {
            for (minute, cell) in sums {
                s.add(*minute, cell.ok, cell.total);
            }
        }
    }

    /// Counts rows whose counts came in through [`ProbeGrid::add_summed`].
    pub fn count_rows(&mut self, rows: u64) {
        self.rows += rows;
    }

    pub fn add(&mut self, service: &str, instance: Option<&str>, minute: Minute, ok: u64, total: u64) {
        let id = self.series_id(service, instance);
        self.add_to(id, minute, ok, total);
    }

    pub fn get(&self, service: &str, instance: Option<&str>) -> Option<&ProbeSeries> {
        let id = self.keys.get(service)?.get(instance.unwrap_or(""))?;
        self.series.get(*id)
    }

    /// Add a row that names a region to that region's grid.
    pub fn add_in_region(
        &mut self,
        region: &str,
        service: &str,
        instance: Option<&str>,
        minute: Minute,
        ok: u64,
        total: u64,
    ) {
        let region = region.trim();
        if region.is_empty() {
            return;
        }
        let (_, grid) =
            self.regions.entry(region.to_ascii_lowercase()).or_insert_with(|| (region.to_owned(), ProbeGrid::new()));
        grid.add(service, instance, minute, ok, total);
    }

    /// The regions whose rows concern a service: (key, first spelling).
    pub fn regions_of(&self, service: &str) -> Vec<(&str, &str)> {
        self.regions
            .iter()
            .filter(|(_, (_, g))| g.keys.contains_key(service))
            .map(|(k, (name, _))| (k.as_str(), name.as_str()))
            .collect()
    }

    /// The grid of one region (by its lower-cased key).
    pub fn region(&self, key: &str) -> Option<&ProbeGrid> {
        self.regions.get(key).map(|(_, g)| g)
    }

    /// Instances named by probe rows for a service.
    pub fn instances(&self, service: &str) -> Vec<String> {
        self.keys.get(service).map(|m| m.keys().filter(|k| !k.is_empty()).cloned().collect()).unwrap_or_default()
    }

    /// The first minute with a sample, over every series.
    pub fn first_minute(&self) -> Option<Minute> {
        self.series.iter().filter_map(|s| s.extent().map(|e| e.0)).min()
    }

    /// The last minute with a sample, over every series.
    pub fn last_minute(&self) -> Option<Minute> {
        self.series.iter().filter_map(|s| s.extent().map(|e| e.1 - 1)).max()
    }

    /// Every series of a service, for services measured as a whole.
    pub fn service_series(&self, service: &str) -> Vec<&ProbeSeries> {
        self.keys.get(service).map(|m| m.values().filter_map(|id| self.series.get(*id)).collect()).unwrap_or_default()
    }
}

/// Is a minute with these counts down under the rule? A minute with no
/// samples is never down by its probes (missing data is handled apart).
pub fn is_down(cell: Cell, rule: MinuteRule) -> bool {
    if cell.total == 0 {
        return false;
    }
    match rule {
        MinuteRule::AllAttemptsFail => cell.ok == 0,
        MinuteRule::SuccessBelow(p) => below(cell, p),
    }
}

/// `ok / total < p`, exactly.
fn below(cell: Cell, p: Percent) -> bool {
    p.cmp_ratio(i128::from(cell.ok), i128::from(cell.total)).is_lt()
}

/// The down minutes of the sum of some series (an instance's own rows and
/// the rows that concern every instance), as intervals.
pub fn down_minutes(series: &[&ProbeSeries], rule: MinuteRule) -> Vec<(Minute, Minute)> {
    let mut days: Vec<i64> = series.iter().flat_map(|s| s.days()).collect();
    days.sort_unstable();
    days.dedup();
    let mut out: Vec<(Minute, Minute)> = Vec::new();
    for day in days {
        // Each series' block of the day, looked up once for its 1,440 minutes.
        let blocks: Vec<(&ProbeSeries, Cow<'_, Cells>)> =
            series.iter().filter_map(|s| s.day(day).map(|block| (*s, block))).collect();
        for i in 0..1440 {
            let m = day * 1440 + i;
            let cell = blocks.iter().map(|(s, block)| s.unpack(block, m)).fold(Cell::default(), |acc, c| Cell {
                ok: acc.ok.saturating_add(c.ok),
                total: acc.total.saturating_add(c.total),
            });
            if is_down(cell, rule) {
                match out.last_mut() {
                    Some(last) if last.1 == m => last.1 = m + 1,
                    _ => out.push((m, m + 1)),
                }
            }
        }
    }
    out
}

/// Minutes with samples (any total above zero), for the missing-data rule.
pub fn sampled_minutes(series: &[&ProbeSeries]) -> Vec<(Minute, Minute)> {
    let mut out: Vec<(Minute, Minute)> = Vec::new();
    for s in series {
        for day in s.days() {
            let Some(block) = s.day(day) else { continue };
            for i in 0..1440 {
                let m = day * 1440 + i;
                if s.unpack(&block, m).total > 0 {
                    match out.last_mut() {
                        Some(last) if last.1 == m => last.1 = m + 1,
                        _ => out.push((m, m + 1)),
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn ninety() -> MinuteRule {
        MinuteRule::SuccessBelow(Percent(Decimal::from(90)))
    }

    #[test]
    fn exactly_ninety_percent_is_available() {
        assert!(!is_down(Cell { ok: 9, total: 10 }, ninety()));
        assert!(is_down(Cell { ok: 89, total: 100 }, ninety()));
        assert!(!is_down(Cell { ok: 0, total: 0 }, ninety()));
    }

    #[test]
    fn all_attempts_fail_needs_every_attempt_failed() {
        assert!(is_down(Cell { ok: 0, total: 5 }, MinuteRule::AllAttemptsFail));
        assert!(!is_down(Cell { ok: 1, total: 10 }, MinuteRule::AllAttemptsFail));
    }

    #[test]
    fn rows_for_one_minute_add_up() {
        // 4/5 and 5/5 in the same minute make 9/10: available.
        let mut g = ProbeGrid::new();
        g.add("s", None, 100, 4, 5);
        g.add("s", None, 100, 5, 5);
        let s = g.get("s", None).unwrap();
        assert_eq!(s.cell(100), Cell { ok: 9, total: 10 });
        assert!(down_minutes(&[s], ninety()).is_empty());
    }

    #[test]
    fn large_counts_add_up_exactly() {
        // Two rows of the most one row may count, 4,294,967,295 attempts:
        // all answered, then none. 4,294,967,295 of 8,589,934,590 is 50%,
        // down under a 90% rule. Sums held in 32 bits would have saturated
        // at 4,294,967,295 of 4,294,967,295 and called the minute up.
        let max = u64::from(u32::MAX);
        let mut g = ProbeGrid::new();
        g.add("s", None, 7, max, max);
        g.add("s", None, 7, 0, max);
        let s = g.get("s", None).unwrap();
        assert_eq!(s.cell(7), Cell { ok: max, total: 2 * max });
        assert_eq!(down_minutes(&[s], ninety()), vec![(7, 8)]);
        // The same split between an instance's own rows and rows for every
        // instance adds up the same way.
        let mut g = ProbeGrid::new();
        g.add("s", Some("a"), 7, max, max);
        g.add("s", None, 7, 0, max);
        let series = [g.get("s", Some("a")).unwrap(), g.get("s", None).unwrap()];
        assert_eq!(down_minutes(&series, ninety()), vec![(7, 8)]);
    }

    #[test]
    fn a_minute_whose_sums_pass_32_bits_reads_exactly() {
        let max = u64::from(u32::MAX);
        let mut g = ProbeGrid::new();
        // Exactly the mark's counts, in one row: read as themselves.
        g.add("s", None, 1, max, max);
        // One past 32 bits in total, then more rows on top.
        g.add("s", None, 2, max - 1, max - 1);
        g.add("s", None, 2, 0, 1);
        g.add("s", None, 2, 1, 1);
        g.add("s", None, 2, 5, 9);
        let s = g.get("s", None).unwrap();
        assert_eq!(s.cell(1), Cell { ok: max, total: max });
        // ok: (2^32 − 2) + 0 + 1 + 5; total: (2^32 − 2) + 1 + 1 + 9.
        assert_eq!(s.cell(2), Cell { ok: max + 5, total: max + 10 });
        assert_eq!(s.cell(3), Cell::default());
    }

    #[test]
    fn a_day_left_behind_is_packed_and_a_late_row_unpacks_it() {
        let mut s = ProbeSeries::default();
        // Day 0: every minute 50 of 50 but minute 100, 0 of 50: three runs.
        for m in 0..1440 {
            s.add(m, if m == 100 { 0 } else { 50 }, 50);
        }
        // Rows move on to day 1: day 0 is packed.
        s.add(1440 + 7, 1, 2);
        assert!(s.days[0].1.cells.is_none());
        assert_eq!(s.days[0].1.runs.len(), 3);
        let (up, down) = (Cell { ok: 50, total: 50 }, Cell { ok: 0, total: 50 });
        assert_eq!((s.cell(99), s.cell(100), s.cell(101), s.cell(1439)), (up, down, up, up));
        // A late row for minute 100: 0 + 5 of 50 + 5, that is 5 of 55.
        s.add(100, 5, 5);
        assert_eq!(s.cell(100), Cell { ok: 5, total: 55 });
        assert_eq!(s.cell(1440 + 7), Cell { ok: 1, total: 2 });
        assert_eq!(down_minutes(&[&s], MinuteRule::AllAttemptsFail), Vec::<(Minute, Minute)>::new());
        assert_eq!(sampled_minutes(&[&s]), vec![(0, 1440), (1447, 1448)]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 200, failure_persistence: None, ..Default::default() })]

        /// Whatever the order of the rows, and however often rows come back
        /// to a packed day, every minute holds the exact sum of its rows,
        /// and so do the down and sampled minutes made from them.
        #[test]
        fn packed_days_hold_the_sums_of_their_rows(
            rows in proptest::collection::vec((0i64..4 * 1440, 0u64..4, 1u64..4, proptest::prelude::any::<bool>()), 0..300),
            sorted in proptest::prelude::any::<bool>(),
        ) {
            let mut rows = rows;
            if sorted {
                rows.sort_by_key(|r| r.0);
            }
            let max = u64::from(u32::MAX);
            let mut s = ProbeSeries::default();
            let mut sums: BTreeMap<Minute, (u64, u64)> = BTreeMap::new();
            for (minute, ok, extra, big) in rows {
                // Now and then a row of the most a row may count, so sums
                // spill past 32 bits.
                let (ok, total) = if big { (max - extra, max) } else { (ok, ok + extra) };
                s.add(minute, ok, total);
                let sum = sums.entry(minute).or_default();
                *sum = (sum.0 + ok, sum.1 + total);
            }
            for m in -1..4 * 1440 + 1 {
                let (ok, total) = sums.get(&m).copied().unwrap_or_default();
                proptest::prop_assert_eq!(s.cell(m), Cell { ok, total }, "minute {}", m);
            }
            let down: Vec<Minute> = sums.iter().filter(|(_, c)| c.1 > 0 && c.0 * 10 < c.1 * 9).map(|(m, _)| *m).collect();
            let got: Vec<Minute> = down_minutes(&[&s], ninety()).into_iter().flat_map(|(a, b)| a..b).collect();
            proptest::prop_assert_eq!(got, down);
            let sampled: Vec<Minute> = sums.iter().filter(|(_, c)| c.1 > 0).map(|(m, _)| *m).collect();
            let got: Vec<Minute> = sampled_minutes(&[&s]).into_iter().flat_map(|(a, b)| a..b).collect();
            proptest::prop_assert_eq!(got, sampled);
        }
    }
}
