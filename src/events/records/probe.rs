//! Probe counts (`--probes`): the hot path, tens of millions of rows.

use super::{RecordBuilder, required};
use crate::events::error::EventErrorKind;
use crate::events::fields;
use crate::events::intern::Interner;
use crate::events::model::ProbeSample;
use crate::events::row::{Problem, Row, Value};
use crate::events::timestamp::Timestamps;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use std::sync::Arc;

const TS: usize = 0;
const SERVICE: usize = 1;
const INSTANCE: usize = 2;
const OK: usize = 3;
const TOTAL: usize = 4;
const UP: usize = 5;
const REGION: usize = 6;

/// Builds [`ProbeSample`]s; shares repeated service and instance names.
#[derive(Debug)]
pub struct ProbeBuilder {
    times: Timestamps,
    services: Interner,
    instances: Interner,
    regions: Interner,
}

impl ProbeBuilder {
    pub fn new(zone: Tz) -> ProbeBuilder {
        ProbeBuilder {
            times: Timestamps::new(zone),
            services: Interner::new(),
            instances: Interner::new(),
            regions: Interner::new(),
        }
    }
}

impl RecordBuilder for ProbeBuilder {
    type Record = ProbeSample;

    const FIELDS: &'static [&'static str] = &["ts", "service", "instance", "ok", "total", "up", "region"];

    fn missing_column(&self, present: &[bool]) -> Option<String> {
        let has = |slot: usize| present.get(slot).copied().unwrap_or(false);
        if !has(TS) {
            Some("ts".into())
        } else if has(OK) && has(TOTAL) || has(UP) {
            None
        } else if has(OK) {
            Some("total".into())
        } else if has(TOTAL) {
            Some("ok".into())
        } else {
            Some("ok and total, or up".into())
        }
    }

    fn build<R: Row + ?Sized>(&mut self, row: &R) -> Result<ProbeSample, Problem> {
        let (ts, ok, total) = self.time_and_counts(row)?;
        Ok(ProbeSample {
            ts,
            service: name(row, SERVICE, &mut self.services)?,
            instance: name(row, INSTANCE, &mut self.instances)?,
            ok,
            total,
            region: name(row, REGION, &mut self.regions)?,
        })
    }
}

impl ProbeBuilder {
    /// A row's instant and counts, read and checked as [`RecordBuilder::build`]
    /// reads them (and before its names): for a caller that places the row
    /// by its names' text, without making a sample.
    pub fn time_and_counts<R: Row + ?Sized>(&mut self, row: &R) -> Result<(DateTime<Utc>, u64, u64), Problem> {
        let times = &mut self.times;
        let ts = required(row, TS, |v| times.read_value(v))?;
        let (ok, total) = counts(row)?;
        Ok((ts, ok, total))
    }

    /// A row's service and instance (`""` when absent), when both are text
    /// or absent and the row names no region: the names of such a row
    /// cannot be in error, and a caller that has met them before can place
    /// the row by their text alone.
    pub fn plain_names<R: Row + ?Sized>(row: &R) -> Option<(&str, &str)> {
        let text = |slot: usize| match row.get(slot) {
            None => Some(""),
            Some(Value::Text(text)) => Some(text),
            Some(_) => None,
        };
        if row.get(REGION).is_some() {
            return None;
        }
        Some((text(SERVICE)?, text(INSTANCE)?))
    }
}

/// The most attempts one probe row may count. A minute's rows are summed
/// in 64 bits, so sums stay exact up to 2^32 rows of one minute; no sum of
/// counts is ever saturated or wrapped short of that.
pub const MAX_PROBE_COUNT: u64 = u32::MAX as u64;

/// `ok` and `total`, or `up` as 1/1 or 0/1.
fn counts<R: Row + ?Sized>(row: &R) -> Result<(u64, u64), Problem> {
    let read = |slot: usize, value: Value<'_>| fields::count(value).map_err(|kind| Problem::field(slot, kind));
    match (row.get(OK), row.get(TOTAL), row.get(UP)) {
        (Some(ok), Some(total), None) => {
            let (ok, total) = (read(OK, ok)?, read(TOTAL, total)?);
            if total > MAX_PROBE_COUNT {
                let kind = EventErrorKind::CountTooLarge { found: total, limit: MAX_PROBE_COUNT };
                return Err(Problem::field(TOTAL, kind));
            }
            if ok > total {
                let kind = EventErrorKind::Exceeds { found: ok, other: "total", limit: total };
                return Err(Problem::field(OK, kind));
            }
            Ok((ok, total))
        }
        (None, None, Some(up)) => {
            let up = fields::flag(up).map_err(|kind| Problem::field(UP, kind))?;
            Ok((u64::from(up), 1))
        }
        (None, None, None) => Err(Problem::row(EventErrorKind::NoProbeCounts)),
        (_, _, Some(_)) => Err(Problem::row(EventErrorKind::ConflictingProbeCounts)),
        (Some(_), None, None) => Err(Problem::field(OK, EventErrorKind::Incomplete { needs: "total" })),
        (None, Some(_), None) => Err(Problem::field(TOTAL, EventErrorKind::Incomplete { needs: "ok" })),
    }
}

/// A service or instance name, shared with earlier rows that had it.
fn name<R: Row + ?Sized>(row: &R, slot: usize, names: &mut Interner) -> Result<Option<Arc<str>>, Problem> {
    match row.get(slot) {
        None => Ok(None),
        Some(Value::Text(text)) => Ok(Some(names.intern(text))),
        Some(other) => {
            let text = fields::text(other).map_err(|kind| Problem::field(slot, kind))?;
            Ok(Some(names.intern(&text)))
        }
    }
}
