//! An incident's history of status and severity changes
//! (`--status-changes`).

use super::{RecordBuilder, first_missing, optional, optional_text, required};
use crate::events::fields;
use crate::events::model::{ChangedField, StatusChange};
use crate::events::row::{Problem, Row};
use crate::events::timestamp::Timestamps;
use chrono_tz::Tz;

const INCIDENT: usize = 0;
const AT: usize = 1;
const FROM: usize = 2;
const TO: usize = 3;
const FIELD: usize = 4;

/// Builds [`StatusChange`]s. Rows need no id of their own and may come in
/// any order: the evaluator sorts each incident's changes by time.
#[derive(Debug)]
pub struct StatusChangeBuilder {
    times: Timestamps,
}

impl StatusChangeBuilder {
    pub fn new(zone: Tz) -> StatusChangeBuilder {
        StatusChangeBuilder { times: Timestamps::new(zone) }
    }
}

impl RecordBuilder for StatusChangeBuilder {
    type Record = StatusChange;

    const FIELDS: &'static [&'static str] = &["incident", "at", "from", "to", "field"];

    fn missing_column(&self, present: &[bool]) -> Option<String> {
        first_missing(Self::FIELDS, present, &[INCIDENT, AT, TO])
    }

    fn build<R: Row + ?Sized>(&mut self, row: &R) -> Result<StatusChange, Problem> {
        let incident = required(row, INCIDENT, fields::text)?.trim().to_owned();
        let times = &mut self.times;
        let at = required(row, AT, |v| times.read_value(v))?;
        let field = optional(row, FIELD, fields::changed_field)?.unwrap_or(ChangedField::Status);
        let to = required(row, TO, fields::text)?.into_owned();
        Ok(StatusChange { incident, at, field, from: optional_text(row, FROM)?, to, source: row.source() })
    }
}
