//! Is a series covered by its promise in a period? The promise's `covers
//! when` conditions judged on the inventory (semantics.md section 4,
//! "Eligibility"). A series that is not covered is neither met nor missed.

use super::{EvalError, Given};
use crate::events::InventoryRow;
use crate::ir::{Availability, Condition};
use chrono::{DateTime, Utc};
use std::collections::BTreeSet;

/// The inventory rows of one promise's service: rows naming it, and rows
/// naming no service (they describe every service's instances).
pub struct Deployment<'a> {
    rows: Vec<&'a InventoryRow>,
}

impl<'a> Deployment<'a> {
    /// The deployment a promise is judged on; an error when the promise has
    /// conditions and no inventory was given.
    pub fn of(promise: &Availability, inventory: Option<&'a [InventoryRow]>) -> Result<Option<Self>, EvalError> {
        let (rule, span, citation) = match (promise.eligibility.first(), promise.total_minutes) {
            (Some(e), _) => (format!("covers when {}", e.condition.text()), e.span, e.citation.as_ref()),
            (None, Some(t)) => (format!("total minutes {}", t.text()), promise.span, None),
            (None, None) => return Ok(None),
        };
        let Some(rows) = inventory else {
            return Err(EvalError::MissingAmount {
                what: format!("the inventory of `{}`'s instances", promise.service),
                help: format!(
                    "`{rule}` is judged on each instance's zone, set, storage and running times; give an inventory file (service,instance,zone,set,storage,started,stopped)"
                ),
                given_as: Some(Given::Inventory),
            }
            .in_clause(
                format!("availability {}", promise.service),
                span,
                citation.or(promise.citation.as_ref()),
            ));
        };
        let mut rows: Vec<&InventoryRow> =
            rows.iter().filter(|r| r.service.as_deref().is_none_or(|s| s == promise.service)).collect();
        // The first instance that fails a condition is the one the report
        // names: by name, not by the order of the file's rows.
        rows.sort_by(|a, b| (&a.instance, &a.service).cmp(&(&b.instance, &b.service)));
        Ok(Some(Deployment { rows }))
    }

    /// The instances named in the inventory, for the series of a promise
    /// measured per instance.
    pub fn instances(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.rows.iter().map(|r| r.instance.as_str())
    }

    /// The rows a series' T is derived from: its own instance's, or for the
    /// service as a whole, every instance's. With `same_set`, an instance's
    /// whole availability set (when it has one).
    pub fn rows_for(&self, instance: Option<&str>, same_set: bool) -> Vec<&'a InventoryRow> {
        let Some(i) = instance else { return self.rows.clone() };
        let own = self.rows.iter().copied().filter(|r| r.instance == i);
        match own.clone().find_map(|r| r.set.as_deref()).filter(|_| same_set) {
            Some(set) => self.rows.iter().copied().filter(|r| r.set.as_deref() == Some(set)).collect(),
            None => own.collect(),
        }
    }

    /// `None` when every condition holds for the series in `[from, to)`;
    /// else why it is not covered, in words.
    pub fn not_covered(
        &self,
        promise: &Availability,
        instance: Option<&str>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Option<String> {
        if promise.eligibility.is_empty() {
            return None;
        }
        let running: Vec<&InventoryRow> = self.rows.iter().copied().filter(|r| ran(r, from, to)).collect();
        if running.is_empty() {
            return Some(format!("the inventory shows no instance of `{}` running in the period", promise.service));
        }
        // The series' own instances: one, or the whole deployment.
        let own: Vec<&InventoryRow> = match instance {
            Some(i) => match running.iter().find(|r| r.instance == i) {
                Some(r) => vec![*r],
                None if self.rows.iter().any(|r| r.instance == i) => {
                    return Some(format!("instance {i} did not run in the period"));
                }
                None => return Some(format!("instance {i} is not in the inventory")),
            },
            None => running.clone(),
        };
        promise.eligibility.iter().find_map(|e| match &e.condition {
            Condition::Zones { at_least } => zones(&running, *at_least),
            Condition::SetSize { at_least } => own.iter().find_map(|r| set_size(r, &running, *at_least)),
            Condition::Storage { storage } => own.iter().find_map(|r| storage_of(r, storage)),
        })
    }
}

/// Did the instance run at some instant of `[from, to)`?
fn ran(r: &InventoryRow, from: DateTime<Utc>, to: DateTime<Utc>) -> bool {
    r.started.is_none_or(|s| s < to) && r.stopped.is_none_or(|s| s > from)
}

/// "Deployed across two or more zones": the distinct zones of the running
/// instances. An instance with no zone is in none.
fn zones(running: &[&InventoryRow], at_least: u32) -> Option<String> {
    let zones: BTreeSet<&str> = running.iter().filter_map(|r| r.zone.as_deref()).collect();
    (zones.len() < at_least as usize).then(|| {
        let listed = zones.iter().copied().collect::<Vec<_>>().join(", ");
        let n = zones.len();
        let unit = if n == 1 { "zone" } else { "zones" };
        format!("its running instances were in {n} {unit} ({listed}); the promise needs at least {at_least}")
    })
}

/// "Two or more instances in the same availability set": the running
/// instances of this instance's set.
fn set_size(r: &InventoryRow, running: &[&InventoryRow], at_least: u32) -> Option<String> {
    let Some(set) = r.set.as_deref() else {
        return Some(format!("instance {} is in no availability set", r.instance));
    };
    let n = running.iter().filter(|o| o.set.as_deref() == Some(set)).count();
    (n < at_least as usize).then(|| {
        format!(
            "set {set} of instance {} had {n} running instance(s); the promise needs at least {at_least}",
            r.instance
        )
    })
}

/// "Premium storage for all disks".
fn storage_of(r: &InventoryRow, wanted: &str) -> Option<String> {
    match r.storage.as_deref() {
        Some(s) if s == wanted => None,
        Some(s) => Some(format!("instance {} has {s} storage; the promise covers {wanted} only", r.instance)),
        None => Some(format!(
            "the inventory gives no storage for instance {}; the promise covers {wanted} only",
            r.instance
        )),
    }
}
