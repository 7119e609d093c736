//! Updates sent about an incident while it was open (`--updates`).

use super::{RecordBuilder, first_missing, optional_text, required};
use crate::events::fields;
use crate::events::model::IncidentUpdate;
use crate::events::row::{Problem, Row};
use crate::events::timestamp::Timestamps;
use chrono_tz::Tz;

const INCIDENT: usize = 0;
const AT: usize = 1;
const KIND: usize = 2;

/// Builds [`IncidentUpdate`]s. Like status changes, rows need no id of
/// their own and may come in any order: the evaluator sorts each
/// incident's updates by time.
#[derive(Debug)]
pub struct UpdateBuilder {
    times: Timestamps,
}

impl UpdateBuilder {
    pub fn new(zone: Tz) -> UpdateBuilder {
        UpdateBuilder { times: Timestamps::new(zone) }
    }
}

impl RecordBuilder for UpdateBuilder {
    type Record = IncidentUpdate;

    const FIELDS: &'static [&'static str] = &["incident", "at", "kind"];

    fn missing_column(&self, present: &[bool]) -> Option<String> {
        first_missing(Self::FIELDS, present, &[INCIDENT, AT])
    }

    fn build<R: Row + ?Sized>(&mut self, row: &R) -> Result<IncidentUpdate, Problem> {
        let incident = required(row, INCIDENT, fields::text)?.trim().to_owned();
        let times = &mut self.times;
        let at = required(row, AT, |v| times.read_value(v))?;
        let kind = optional_text(row, KIND)?.map(|k| k.trim().to_owned()).filter(|k| !k.is_empty());
        Ok(IncidentUpdate { incident, at, kind, source: row.source() })
    }
}
