//! Maintenance windows (`--maintenance`).

use super::{RecordBuilder, SeenIds, claim_id, first_missing, not_before, optional, optional_text, required};
use crate::events::fields;
use crate::events::model::MaintenanceRecord;
use crate::events::row::{Problem, Row};
use crate::events::timestamp::Timestamps;
use chrono_tz::Tz;

const ID: usize = 0;
const SERVICE: usize = 1;
const INSTANCE: usize = 2;
const KIND: usize = 3;
const START: usize = 4;
const END: usize = 5;
const ANNOUNCED_AT: usize = 6;
const IMPACT: usize = 7;

/// Builds [`MaintenanceRecord`]s; remembers the ids of one file to refuse
/// repeats.
#[derive(Debug)]
pub struct MaintenanceBuilder {
    times: Timestamps,
    seen: SeenIds,
}

impl MaintenanceBuilder {
    pub fn new(zone: Tz) -> MaintenanceBuilder {
        MaintenanceBuilder { times: Timestamps::new(zone), seen: SeenIds::default() }
    }
}

impl RecordBuilder for MaintenanceBuilder {
    type Record = MaintenanceRecord;

    const FIELDS: &'static [&'static str] =
        &["id", "service", "instance", "kind", "start", "end", "announced_at", "impact"];

    fn missing_column(&self, present: &[bool]) -> Option<String> {
        first_missing(Self::FIELDS, present, &[ID, KIND, START, END, ANNOUNCED_AT])
    }

    fn build<R: Row + ?Sized>(&mut self, row: &R) -> Result<MaintenanceRecord, Problem> {
        let id = required(row, ID, fields::text)?;
        let kind = required(row, KIND, fields::maintenance_kind)?;
        let times = &mut self.times;
        let start = required(row, START, |v| times.read_value(v))?;
        let end = required(row, END, |v| times.read_value(v))?;
        not_before(row, Self::FIELDS, (END, end), (START, start))?;
        let announced_at = required(row, ANNOUNCED_AT, |v| times.read_value(v))?;
        // The default is the cautious reading: the service may be down.
        let downtime = optional(row, IMPACT, fields::maintenance_downtime)?.unwrap_or(true);
        let record = MaintenanceRecord {
            id: id.into_owned(),
            service: optional_text(row, SERVICE)?,
            instance: optional_text(row, INSTANCE)?,
            kind,
            start,
            end,
            announced_at,
            downtime,
            source: row.source(),
        };
        claim_id(&mut self.seen, ID, &record.id, &record.source)?;
        Ok(record)
    }
}
