//! Incidents (`--incidents`).

use super::{
    RecordBuilder, SeenIds, SharedTexts, claim_shared_id, first_missing, not_before, optional, optional_shared,
    required,
};
use crate::events::fields;
use crate::events::model::{Incident, RareFields};
use crate::events::row::{Problem, Row};
use crate::events::timestamp::Timestamps;
use chrono_tz::Tz;
use std::sync::Arc;

const ID: usize = 0;
const SERVICE: usize = 1;
const INSTANCE: usize = 2;
const SEVERITY: usize = 3;
const OPENED_AT: usize = 4;
const RESPONDED_AT: usize = 5;
const RESOLVED_AT: usize = 6;
const IMPACT: usize = 7;
const CAUSE: usize = 8;
const REGION: usize = 9;

/// Builds [`Incident`]s; remembers the ids of one file to refuse repeats.
#[derive(Debug)]
pub struct IncidentBuilder {
    times: Timestamps,
    seen: SeenIds,
    texts: SharedTexts,
}

impl IncidentBuilder {
    pub fn new(zone: Tz) -> IncidentBuilder {
        IncidentBuilder {
            times: Timestamps::new(zone),
            seen: SeenIds::default(),
            texts: SharedTexts::bounded(super::SHARED_TEXTS),
        }
    }
}

impl RecordBuilder for IncidentBuilder {
    type Record = Incident;

    const FIELDS: &'static [&'static str] = &[
        "id",
        "service",
        "instance",
        "severity",
        "opened_at",
        "responded_at",
        "resolved_at",
        "impact",
        "cause",
        "region",
    ];

    fn missing_column(&self, present: &[bool]) -> Option<String> {
        first_missing(Self::FIELDS, present, &[ID, OPENED_AT])
    }

    fn build<R: Row + ?Sized>(&mut self, row: &R) -> Result<Incident, Problem> {
        let id = required(row, ID, fields::text)?;
        let times = &mut self.times;
        let opened_at = required(row, OPENED_AT, |v| times.read_value(v))?;
        let responded_at = optional(row, RESPONDED_AT, |v| times.read_value(v))?;
        let resolved_at = optional(row, RESOLVED_AT, |v| times.read_value(v))?;
        for (slot, time) in [(RESPONDED_AT, responded_at), (RESOLVED_AT, resolved_at)] {
            if let Some(time) = time {
                not_before(row, Self::FIELDS, (slot, time), (OPENED_AT, opened_at))?;
            }
        }
        let impact = optional(row, IMPACT, fields::impact)?.unwrap_or_default();
        let texts = &mut self.texts;
        let service = optional_shared(row, SERVICE, texts)?;
        let instance = optional_shared(row, INSTANCE, texts)?;
        let severity = optional_shared(row, SEVERITY, texts)?;
        let cause = optional_shared(row, CAUSE, texts)?;
        let region = optional_shared(row, REGION, texts)?;
        let incident = Incident {
            id: Arc::from(id.as_ref()),
            service,
            severity,
            opened_at,
            responded_at,
            resolved_at,
            impact,
            source: row.source(),
            rare: RareFields { instance, cause, outage_of: None, region }.boxed(),
        };
        // Last, so that only rows that are kept claim their id.
        claim_shared_id(&mut self.seen, ID, &incident.id, &incident.source)?;
        Ok(incident)
    }
}
