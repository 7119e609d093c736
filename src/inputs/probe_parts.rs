//! Probe rows gathered on the thread that read them, and placed in the grid
//! on the calling thread, part after part in file order.
//!
//! The usual row (a target met before, no region) becomes its minute's
//! counts, added up per target on the reader's thread: the calling thread
//! then adds each target's minutes to one series, in a short loop, rather
//! than find a series row after row. Sums do not depend on the order they
//! are made in, so the grid is what one thread makes. Every other row (a
//! target's first, a row with a region, a row no service takes) is kept
//! whole and in file order, so targets are met, and bad rows listed or
//! stopped at, as one thread meets them.

use super::error::InputError;
use super::probes::{Placed, Unplaced};
use crate::eval::minutes::{Minute, floor_minute};
use crate::eval::probes::{Cell, ProbeGrid};
use crate::eval::services::Target;
use crate::events::chunked::Gather;
use crate::events::limits::MAX_SKIPPED_LISTED;
use crate::report::SkippedRow;
use chrono::{DateTime, Utc};

/// The minutes a target's sums have room for when the part first meets it.
const FIRST_ROOM: usize = 32;

/// A part of a probe file as a reader hands it over.
#[derive(Default)]
pub struct ProbePart {
    /// Rows other than the usual one, in file order.
    others: Vec<Placed>,
    /// Per target number (of the part's builder): its minutes' counts, in
    /// the order met; consecutive rows of one minute are added up.
    sums: Vec<Vec<(Minute, Cell)>>,
    /// The usual rows gathered.
    usual: u64,
    /// The instant of the last usual row and its minute: a minute's rows
    /// share an instant, which is made a minute once.
    last: Option<(DateTime<Utc>, Minute)>,
}

impl ProbePart {
    fn add_usual(&mut self, target: usize, ts: DateTime<Utc>, ok: u64, total: u64) {
        let minute = match self.last {
            Some((at, minute)) if at == ts => minute,
            _ => {
                let minute = floor_minute(ts);
                self.last = Some((ts, minute));
                minute
            }
        };
        if self.sums.len() <= target {
            self.sums.resize_with(target + 1, Vec::new);
        }
        self.usual += 1;
        let sums = &mut self.sums[target];
        if sums.capacity() == 0 {
            // A chunk usually holds a few dozen minutes of each target:
            // room for them at once, rather than growing by doubling.
            sums.reserve_exact(FIRST_ROOM);
        }
        match sums.last_mut() {
            // Each row counts below 2^32, so 64-bit sums of a part are
            // exact; saturating as the grid does all the same.
            Some((m, cell)) if *m == minute => {
                cell.ok = cell.ok.saturating_add(ok);
                cell.total = cell.total.saturating_add(total);
            }
            _ => sums.push((minute, Cell { ok, total })),
        }
    }
}

impl Gather<Placed> for ProbePart {
    fn push(&mut self, placed: Placed) {
        match placed {
            Placed::Known { target, ts, ok, total } => self.add_usual(target, ts, ok, total),
            Placed::Sample(sample) if sample.2.is_none() && sample.0.region.is_none() => {
                let (p, target, _) = *sample;
                self.add_usual(target, p.ts, p.ok, p.total);
            }
            other => self.others.push(other),
        }
    }

    fn len(&self) -> usize {
        self.others.len() + self.usual as usize
    }
}

/// Places the parts of one probe file in the grid.
pub struct Intake<'g> {
    grid: &'g mut ProbeGrid,
    /// Per builder: how its target numbers map to the grid.
    numberings: Vec<Numbering>,
    /// Set bad rows aside rather than stop at the first.
    skip: bool,
    /// The rows no service of the contract takes: counted, and the first
    /// few kept for the list.
    pub unplaced: Vec<SkippedRow>,
    pub unplaced_count: u64,
}

impl<'g> Intake<'g> {
    pub fn new(grid: &'g mut ProbeGrid, skip: bool) -> Self {
        Intake { grid, numberings: Vec::new(), skip, unplaced: Vec::new(), unplaced_count: 0 }
    }

    /// Places a part, built by the builder with this number.
    pub fn take(&mut self, part: ProbePart, builder: usize) -> Result<(), InputError> {
        if self.numberings.len() <= builder {
            self.numberings.resize_with(builder + 1, Numbering::default);
        }
        // The others first: a target's first row gives it its series.
        for placed in part.others {
            self.place(placed, builder)?;
        }
        let series = &self.numberings[builder].series;
        for (target, sums) in part.sums.iter().enumerate() {
            if let Some(id) = series.get(target) {
                self.grid.add_summed(*id, sums);
            }
        }
        self.grid.count_rows(part.usual);
        Ok(())
    }

    fn place(&mut self, placed: Placed, builder: usize) -> Result<(), InputError> {
        let numbering = &mut self.numberings[builder];
        match placed {
            Placed::Known { target, ts, ok, total } => {
                if let Some(id) = numbering.series.get(target) {
                    self.grid.add_to(*id, floor_minute(ts), ok, total);
                }
            }
            Placed::Sample(sample) => {
                let (p, target, first) = *sample;
                if let Some(t) = first {
                    numbering.add(self.grid, t);
                }
                if let Some(id) = numbering.series.get(target) {
                    self.grid.add_to(*id, floor_minute(p.ts), p.ok, p.total);
                }
                // A row with a region also goes to its region's grid, for
                // promises judged per region.
                if let (Some(region), Some((svc, inst))) = (p.region.as_deref(), numbering.names.get(target)) {
                    self.grid.add_in_region(region, svc, inst.as_deref(), floor_minute(p.ts), p.ok, p.total);
                }
            }
            // A row the contract cannot place is a bad row like any other:
            // it stops the reading, or when bad rows are skipped is set
            // aside and listed, never dropped silently.
            Placed::Unplaced(unplaced) if self.skip => {
                let (Unplaced { at, field, message }, first) = *unplaced;
                if let Some(t) = first {
                    numbering.add(self.grid, t);
                }
                self.unplaced_count += 1;
                if self.unplaced.len() < MAX_SKIPPED_LISTED {
                    let reason = format!("field {field}: {message}");
                    self.unplaced.push(SkippedRow { location: (&at).into(), reason });
                }
            }
            Placed::Unplaced(unplaced) => {
                return Err(InputError::from(unplaced.0));
            }
        }
        Ok(())
    }
}

/// How one builder's target numbers map to the grid.
#[derive(Default)]
struct Numbering {
    /// Per target number: its service and instance, for rows with a region.
    names: Vec<(String, Option<String>)>,
    /// Per target number: its grid series.
    series: Vec<usize>,
}

impl Numbering {
    /// A target met for the first time: it takes the next number, and its
    /// grid series then, so a row costs no lookup by name.
    fn add(&mut self, grid: &mut ProbeGrid, t: Target) {
        self.series.push(grid.series_id(&t.service, t.instance.as_deref()));
        self.names.push((t.service, t.instance));
    }
}
