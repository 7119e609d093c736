//! The instances a customer runs (`--inventory`): where each is deployed
//! and when it ran, for promises that cover a deployment only when a
//! condition holds.

use super::{RecordBuilder, SeenIds, claim_id, first_missing, not_before, optional, optional_text, required};
use crate::events::fields;
use crate::events::model::InventoryRow;
use crate::events::row::{Problem, Row};
use crate::events::timestamp::Timestamps;
use chrono_tz::Tz;

const SERVICE: usize = 0;
const INSTANCE: usize = 1;
const ZONE: usize = 2;
const SET: usize = 3;
const STORAGE: usize = 4;
const STARTED: usize = 5;
const STOPPED: usize = 6;

/// Builds [`InventoryRow`]s; an instance of a service is listed once.
#[derive(Debug)]
pub struct InventoryBuilder {
    times: Timestamps,
    seen: SeenIds,
}

impl InventoryBuilder {
    pub fn new(zone: Tz) -> InventoryBuilder {
        InventoryBuilder { times: Timestamps::new(zone), seen: SeenIds::default() }
    }
}

impl RecordBuilder for InventoryBuilder {
    type Record = InventoryRow;

    const FIELDS: &'static [&'static str] = &["service", "instance", "zone", "set", "storage", "started", "stopped"];

    fn missing_column(&self, present: &[bool]) -> Option<String> {
        first_missing(Self::FIELDS, present, &[INSTANCE])
    }

    fn build<R: Row + ?Sized>(&mut self, row: &R) -> Result<InventoryRow, Problem> {
        let instance = required(row, INSTANCE, fields::text)?.into_owned();
        let times = &mut self.times;
        let started = optional(row, STARTED, |v| times.read_value(v))?;
        let stopped = optional(row, STOPPED, |v| times.read_value(v))?;
        if let (Some(a), Some(b)) = (started, stopped) {
            not_before(row, Self::FIELDS, (STOPPED, b), (STARTED, a))?;
        }
        let record = InventoryRow {
            service: optional_text(row, SERVICE)?,
            instance,
            zone: optional_text(row, ZONE)?,
            set: optional_text(row, SET)?,
            storage: optional_text(row, STORAGE)?,
            started,
            stopped,
            source: row.source(),
        };
        // The same instance twice would say two different things about it.
        let key = format!("{}/{}", record.service.as_deref().unwrap_or(""), record.instance);
        claim_id(&mut self.seen, INSTANCE, &key, &record.source)?;
        Ok(record)
    }
}
