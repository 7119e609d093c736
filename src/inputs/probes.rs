//! Placing probe rows on the contract's services as they are read.

use super::error::InputError;
use crate::eval::services::{Services, Target};
use crate::events::{ProbeBuilder, ProbeSample, Problem, RecordBuilder, Row, RowRef};
use crate::hash::BuildWordHasher;
use std::collections::HashMap;
use std::sync::Arc;

/// Reads probe rows and places each on a contract service (and instance)
/// as it is built, so that a row naming no service of the contract is known
/// with its line.
pub struct PlacedProbes<'c> {
    pub inner: ProbeBuilder,
    pub targets: ProbeTargets<'c>,
    /// Services with a promise judged `per region`: their rows must name one.
    pub per_region: Vec<String>,
    /// Per target number: does its service want a region?
    pub wants_region: Vec<bool>,
}

pub enum Placed {
    /// A sample, the number of its target (in order of first appearance),
    /// and the target itself the first time it appears.
    Sample(ProbeSample, usize, Option<Target>),
    /// A row that cannot be placed: where, which field, why.
    Unplaced(RowRef, &'static str, String),
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
            Ok((target, first)) => {
                if let Some(t) = &first {
                    self.wants_region.push(self.per_region.contains(&t.service));
                }
                let wants = self.wants_region.get(target).copied().unwrap_or(false);
                if wants && p.region.as_deref().is_none_or(|r| r.trim().is_empty()) {
                    let message =
                        "the availability of its service is promised per region, and this row names no region; give it in the `region` column"
                            .to_owned();
                    return Ok(Placed::Unplaced(row.source(), "region", message));
                }
                Placed::Sample(p, target, first)
            }
            // The row's location is looked up only for the rare bad row.
            Err(message) => Placed::Unplaced(row.source(), "service", message),
        })
    }
}

/// Resolves probe rows' service and instance to a numbered target. The
/// readers intern names, so the same name is the same `Arc` row after row:
/// answers are remembered by the names' addresses, and a row costs one small
/// lookup instead of matching names against the contract.
pub struct ProbeTargets<'c> {
    services: Services<'c>,
    by_address: HashMap<(usize, usize), usize, BuildWordHasher>,
    /// Service, then instance (`""` for none), for names that are not
    /// interned.
    by_name: HashMap<String, HashMap<String, usize>>,
    count: usize,
}

type Name = Option<Arc<str>>;

impl<'c> ProbeTargets<'c> {
    pub fn new(services: Services<'c>) -> Self {
        ProbeTargets { services, by_address: HashMap::default(), by_name: HashMap::new(), count: 0 }
    }

    /// The target's number, and the target when it is new.
    fn resolve(&mut self, service: &Name, instance: &Name) -> Result<(usize, Option<Target>), String> {
        let key = (address(service), address(instance));
        if let Some(n) = self.by_address.get(&key) {
            return Ok((*n, None));
        }
        let (s, i) = (service.as_deref().unwrap_or(""), instance.as_deref().unwrap_or(""));
        let known = self.by_name.get(s).and_then(|m| m.get(i)).copied();
        let (n, first) = match known {
            Some(n) => (n, None),
            None => {
                let t = self.services.resolve(service.as_deref(), instance.as_deref())?;
                let n = self.count;
                self.count += 1;
                self.by_name.entry(s.to_owned()).or_default().insert(i.to_owned(), n);
                (n, Some(t))
            }
        };
        // Remember addresses only of interned names: the address of an
        // unshared `Arc` could be reused once it is dropped.
        if service.as_ref().is_none_or(|s| Arc::strong_count(s) > 1)
            && instance.as_ref().is_none_or(|i| Arc::strong_count(i) > 1)
        {
            self.by_address.insert(key, n);
        }
        Ok((n, first))
    }
}

fn address(name: &Name) -> usize {
    name.as_ref().map_or(0, |n| Arc::as_ptr(n) as *const u8 as usize)
}

/// A probe row the contract cannot place stops the reading as this.
impl From<Unplaced> for InputError {
    fn from(u: Unplaced) -> Self {
        InputError::Row { at: u.at, field: u.field, message: u.message }
    }
}

/// A probe row naming no service (or instance) of the contract.
pub struct Unplaced {
    pub at: RowRef,
    pub field: &'static str,
    pub message: String,
}
