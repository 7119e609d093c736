//! Placing probe rows on the contract's services as they are read.

use crate::eval::services::{Services, Target};
use crate::events::{EventError, ProbeBuilder, ProbeSample, Problem, RecordBuilder, Row, RowRef};
use std::sync::Arc;

/// Reads probe rows and places each on a contract service (and instance)
/// as it is built, so that a row naming no service of the contract is known
/// with its line.
pub struct PlacedProbes<'c> {
    pub inner: ProbeBuilder,
    pub targets: ProbeTargets<'c>,
}

pub enum Placed {
    Sample(ProbeSample, Target),
    Unplaced(RowRef, String),
}

impl RecordBuilder for PlacedProbes<'_> {
    type Record = Placed;

    const FIELDS: &'static [&'static str] = ProbeBuilder::FIELDS;

    fn missing_column(&self, present: &[bool]) -> Option<String> {
        self.inner.missing_column(present)
    }

    fn build<R: Row + ?Sized>(&mut self, row: &R) -> Result<Placed, Problem> {
        let p = self.inner.build(row)?;
        Ok(match self.targets.resolve(&p.service, &p.instance) {
            Ok(target) => Placed::Sample(p, target),
            // The row's location is looked up only for the rare bad row.
            Err(message) => Placed::Unplaced(row.source(), message),
        })
    }
}

/// Resolves probe rows' service and instance, remembering the last answer:
/// probe files repeat the same names row after row.
pub struct ProbeTargets<'c> {
    pub services: Services<'c>,
    pub last: Option<(Name, Name, Target)>,
}

type Name = Option<Arc<str>>;

impl ProbeTargets<'_> {
    fn resolve(&mut self, service: &Name, instance: &Name) -> Result<Target, String> {
        if let Some((s, i, t)) = &self.last {
            if same(s, service) && same(i, instance) {
                return Ok(t.clone());
            }
        }
        let t = self.services.resolve(service.as_deref(), instance.as_deref())?;
        self.last = Some((service.clone(), instance.clone(), t.clone()));
        Ok(t)
    }
}

fn same(a: &Name, b: &Name) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => Arc::ptr_eq(x, y) || x == y,
        (None, None) => true,
        _ => false,
    }
}

/// A probe row the contract cannot place.
#[derive(Debug)]
pub struct ProbeError(pub String);

impl From<EventError> for ProbeError {
    fn from(e: EventError) -> Self {
        ProbeError(e.to_string())
    }
}

impl std::fmt::Display for ProbeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
