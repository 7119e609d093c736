//! Placing probe rows on the contract's services as they are read.

use super::error::InputError;
use crate::eval::services::{Services, Target};
use crate::events::row::short_eq;
use crate::events::{ProbeBuilder, ProbeSample, Problem, RecordBuilder, Row, RowRef};
use crate::hash::{BuildTextHasher, BuildWordHasher};
use chrono::{DateTime, Utc};
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
    /// Targets met so far by the text of their names, for the usual row.
    pub known: KnownTargets,
}

pub enum Placed {
    /// The usual row: a target met before, no region; its instant and
    /// counts.
    Known { target: usize, ts: DateTime<Utc>, ok: u64, total: u64 },
    /// A sample, the number of its target (in order of first appearance),
    /// and the target itself the first time it appears. (Boxed, as the
    /// rarer rows are, so that the usual row is small to move.)
    Sample(Box<(ProbeSample, usize, Option<Target>)>),
    /// A row that cannot be placed; and its target when the row named one
    /// for the first time (a row that names no region for a service judged
    /// per region), so that the targets numbered after it keep their
    /// numbers.
    Unplaced(Box<(Unplaced, Option<Target>)>),
}

impl RecordBuilder for PlacedProbes<'_> {
    type Record = Placed;

    const FIELDS: &'static [&'static str] = ProbeBuilder::FIELDS;

    fn missing_column(&self, present: &[bool]) -> Option<String> {
        self.inner.missing_column(present)
    }

    fn build<R: Row + ?Sized>(&mut self, row: &R) -> Result<Placed, Problem> {
        if let Some(known) = self.known_row(row) {
            return Ok(known);
        }
        let p = self.inner.build(row)?;
        Ok(match self.targets.resolve(&p.service, &p.instance) {
            Ok((target, first)) => {
                if let Some(t) = &first {
                    self.wants_region.push(self.per_region.contains(&t.service));
                }
                let wants = self.wants_region.get(target).copied().unwrap_or(false);
                if !wants {
                    self.known.remember(&p.service, &p.instance, target);
                }
                if wants && p.region.as_deref().is_none_or(|r| r.trim().is_empty()) {
                    let message =
                        "the availability of its service is promised per region, and this row names no region; give it in the `region` column"
                            .to_owned();
                    let unplaced = Unplaced { at: row.source(), field: "region", message };
                    return Ok(Placed::Unplaced(Box::new((unplaced, first))));
                }
                Placed::Sample(Box::new((p, target, first)))
            }
            // The row's location is looked up only for the rare bad row.
            Err(message) => {
                Placed::Unplaced(Box::new((Unplaced { at: row.source(), field: "service", message }, None)))
            }
        })
    }
}

impl PlacedProbes<'_> {
    /// The usual row read without making a sample: names given as text, of
    /// a target met before whose service wants no region, and no region.
    /// Its names are not interned nor resolved again, which is most of
    /// what a row costs. A row with a bad instant or counts is left to the
    /// full path, which finds the same problem.
    fn known_row<R: Row + ?Sized>(&mut self, row: &R) -> Option<Placed> {
        let (service, instance) = ProbeBuilder::plain_names(row)?;
        let target = self.known.get(service, instance)?;
        let (ts, ok, total) = self.inner.time_and_counts(row).ok()?;
        Some(Placed::Known { target, ts, ok, total })
    }
}

/// Targets by the text of their service and instance (`""` for none),
/// once they are known to need no region. The key is both names with a
/// byte between them that UTF-8 never holds, so no two pairs share one.
///
/// Probe files list the same targets in the same order minute after
/// minute, so each target remembers the one that came after it: a row is
/// first compared with that guess, and hashed only when the guess fails.
#[derive(Default)]
pub struct KnownTargets {
    entries: Vec<Known>,
    /// Entry by key.
    by_text: HashMap<Box<[u8]>, usize, BuildTextHasher>,
    /// The entry of the last row placed by its text.
    last: Option<usize>,
    /// The key of the row at hand, built in place when the guess fails.
    key: Vec<u8>,
}

struct Known {
    key: Box<[u8]>,
    target: usize,
    /// The entry that followed this one last time.
    next: Option<usize>,
}

impl Known {
    fn is(&self, service: &str, instance: &str) -> bool {
        let (s, i) = (service.as_bytes(), instance.as_bytes());
        self.key.len() == s.len() + 1 + i.len()
            && short_eq(&self.key[..s.len()], s)
            && short_eq(&self.key[s.len() + 1..], i)
    }
}

impl KnownTargets {
    fn get(&mut self, service: &str, instance: &str) -> Option<usize> {
        let guess = self.last.and_then(|last| self.entries[last].next);
        if let Some(guess) = guess.filter(|g| self.entries[*g].is(service, instance)) {
            self.last = Some(guess);
            return Some(self.entries[guess].target);
        }
        let found = self.by_text.get(fill_key(&mut self.key, service, instance)).copied();
        if let (Some(last), Some(found)) = (self.last, found) {
            self.entries[last].next = Some(found);
        }
        self.last = found;
        found.map(|entry| self.entries[entry].target)
    }

    fn remember(&mut self, service: &Name, instance: &Name, target: usize) {
        let (s, i) = (service.as_deref().unwrap_or(""), instance.as_deref().unwrap_or(""));
        let key: Box<[u8]> = fill_key(&mut self.key, s, i).into();
        if self.by_text.contains_key(&key) {
            return;
        }
        let entry = self.entries.len();
        self.entries.push(Known { key: key.clone(), target, next: None });
        self.by_text.insert(key, entry);
        self.last = Some(entry);
    }
}

/// Both names, with a byte UTF-8 never holds between them.
fn fill_key<'k>(key: &'k mut Vec<u8>, service: &str, instance: &str) -> &'k [u8] {
    key.clear();
    key.extend_from_slice(service.as_bytes());
    key.push(0xFF);
    key.extend_from_slice(instance.as_bytes());
    key
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
