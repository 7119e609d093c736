//! Matching event rows to the contract before anything is computed: each
//! row's service and instance, each incident's tier. A row that does not
//! fit is an error naming it, or, when asked, a reported skip.

use super::EvalError;
use super::services::{Services, Target};
use crate::events::{Impact, Incident, MaintenanceRecord, RowRef, UsageRow};
use crate::ir::{ClockBy, Contract, LabelMatch, describe_tiers, why_no_tier};
use crate::report::SkippedRow;
use std::collections::HashMap;
use std::sync::Arc;

/// An incident with its service and tier found.
#[derive(Clone, Debug)]
pub struct PreparedIncident {
    pub incident: Incident,
    /// Shared by the incidents of one service and instance, so that a
    /// million incidents do not each hold a copy of the names.
    pub target: Arc<Target>,
    /// Index into the contract's tiers; `None` when the contract has none.
    pub tier: Option<usize>,
}

#[derive(Clone, Debug)]
pub struct PreparedMaintenance {
    pub record: MaintenanceRecord,
    pub target: Target,
}

pub fn incidents(
    c: &Contract,
    rows: Vec<Incident>,
    judges: &dyn Fn(&Incident) -> bool,
    skip_bad: bool,
    skipped: &mut Vec<Rejected>,
) -> Result<Vec<PreparedIncident>, EvalError> {
    let services = Services::new(c);
    let mut targets: HashMap<Target, Arc<Target>> = HashMap::new();
    let mut out = Vec::new();
    for inc in in_order_freeing(rows) {
        let location = inc.source.clone();
        let target = match services.resolve(inc.service.as_deref(), inc.instance()) {
            Ok(t) => t,
            Err(message) => {
                reject(skip_bad, skipped, &location, "service", message, inc.outage_of().is_some())?;
                continue;
            }
        };
        // An outage window of another incident is judged on that one's tier.
        let tier = if c.tiers.is_empty() || inc.outage_of().is_some() {
            None
        } else {
            match tier_index(c, inc.severity.as_deref()) {
                Ok(i) => Some(i),
                // Not these terms' to judge: another version's tier.
                Err(_) if !judges(&inc) => None,
                Err(message) => {
                    reject(skip_bad, skipped, &location, "severity", message, false)?;
                    continue;
                }
            }
        };
        // A tier whose clock follows the customer needs a region it knows.
        if let Some(by) = tier.and_then(|i| c.tiers[i].clock_by.as_ref()) {
            if let Err(message) = region_calendar(by, inc.region()) {
                reject(skip_bad, skipped, &location, &by.field, message, false)?;
                continue;
            }
        }
        // An outage of a service promised per region must say where.
        if inc.impact == Impact::Outage
            && inc.region().is_none_or(|r| r.trim().is_empty())
            && c.availability.iter().any(|a| a.per_region && a.service == target.service)
        {
            let message = format!(
                "the availability of {} is promised per region, and this outage names no region; give it in the `region` column",
                target.service
            );
            reject(skip_bad, skipped, &location, "region", message, inc.outage_of().is_some())?;
            continue;
        }
        let target = match targets.get(&target) {
            Some(shared) => shared.clone(),
            None => targets.entry(target.clone()).or_insert_with(|| Arc::new(target)).clone(),
        };
        out.push(PreparedIncident { incident: inc, target, tier });
    }
    Ok(out)
}

/// The rows in order, each given up by the vector as it is taken, whose
/// memory shrinks as it empties: a million incidents are then held about
/// once while they are prepared, not twice.
fn in_order_freeing<T>(mut rows: Vec<T>) -> impl Iterator<Item = T> {
    rows.reverse();
    std::iter::from_fn(move || {
        let row = rows.pop()?;
        // Shrinking a large vector returns its tail pages (realloc shrinks
        // in place); a sixteenth at a time keeps the copies few.
        if rows.capacity() - rows.len() >= (rows.capacity() / 16).max(4096) {
            rows.shrink_to_fit();
        }
        Some(row)
    })
}

/// Sorts as `sort_by` does (stable: equal rows keep their order), with
/// scratch memory of a few bytes a row: the order is found on indices, then
/// applied by swapping rows along its cycles. `sort_by` would borrow a buffer
/// of up to half the rows (160 MB for a million prepared incidents).
pub fn sort_stable_in_place<T>(rows: &mut [T], cmp: impl Fn(&T, &T) -> std::cmp::Ordering) {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&a, &b| cmp(&rows[a], &rows[b]));
    // Position `k` takes the row now at `order[k]`.
    let mut placed = vec![false; rows.len()];
    for start in 0..rows.len() {
        let mut k = start;
        while !placed[k] {
            placed[k] = true;
            let from = order[k];
            if from == start {
                break;
            }
            rows.swap(k, from);
            k = from;
        }
    }
}

pub fn maintenance(
    c: &Contract,
    rows: Vec<MaintenanceRecord>,
    skip_bad: bool,
    skipped: &mut Vec<Rejected>,
) -> Result<Vec<PreparedMaintenance>, EvalError> {
    let services = Services::new(c);
    let mut out = Vec::with_capacity(rows.len());
    for record in rows {
        match services.resolve(record.service.as_deref(), record.instance.as_deref()) {
            Ok(target) => out.push(PreparedMaintenance { record, target }),
            Err(message) => reject(skip_bad, skipped, &record.source.clone(), "service", message, false)?,
        }
    }
    Ok(out)
}

/// Usage rows with the service they name as the contract's id (a row may
/// name it by display name, or name a component); a row without a service
/// concerns every service.
pub fn usage(
    c: &Contract,
    rows: Vec<UsageRow>,
    skip_bad: bool,
    skipped: &mut Vec<Rejected>,
) -> Result<Vec<UsageRow>, EvalError> {
    let services = Services::new(c);
    let mut out = Vec::with_capacity(rows.len());
    for mut row in rows {
        if row.service.as_deref().is_some_and(|s| !s.trim().is_empty()) {
            match services.resolve(row.service.as_deref(), row.instance.as_deref()) {
                Ok(target) => {
                    row.service = Some(target.service);
                    row.instance = target.instance;
                }
                Err(message) => {
                    reject(skip_bad, skipped, &row.source.clone(), "service", message, false)?;
                    continue;
                }
            }
        }
        out.push(row);
    }
    Ok(out)
}

/// The calendar a `clock by region` map gives an incident's region.
pub(super) fn region_calendar<'b>(by: &'b ClockBy, region: Option<&str>) -> Result<&'b str, String> {
    let known = || by.calendars.iter().map(|c| format!("\"{}\"", c.value)).collect::<Vec<_>>().join(", ");
    let Some(region) = region.map(str::trim).filter(|r| !r.is_empty()) else {
        return Err(format!("no {} given; the tier's clock is chosen by it among {}", by.field, known()));
    };
    by.calendar_for(region).ok_or_else(|| format!("\"{region}\" has no calendar; the tier's clock knows {}", known()))
}

pub(super) fn tier_index(c: &Contract, severity: Option<&str>) -> Result<usize, String> {
    let Some(label) = severity.map(str::trim).filter(|s| !s.is_empty()) else {
        return Err(format!("no severity given; the contract's tiers are {}", describe_tiers(&c.tiers)));
    };
    match c.tier_for_label(label) {
        LabelMatch::Tier(i) => Ok(i),
        LabelMatch::Unknown => {
            Err(format!("`{label}` is no tier of the contract; its tiers and labels are {}", describe_tiers(&c.tiers)))
        }
        ambiguous => Err(format!("`{label}` {}", why_no_tier(&c.tiers, &ambiguous))),
    }
}

/// A record the contract cannot take, set aside with `--skip-bad-rows`.
#[derive(Clone, Debug)]
pub struct Rejected {
    pub at: RowRef,
    pub row: SkippedRow,
    /// Derived from another row's record (an outage window of another
    /// incident), rather than a source row's own record.
    pub derived: bool,
}

pub(super) fn reject(
    skip_bad: bool,
    skipped: &mut Vec<Rejected>,
    at: &RowRef,
    field: &str,
    message: String,
    derived: bool,
) -> Result<(), EvalError> {
    if skip_bad {
        let row = SkippedRow { location: at.into(), reason: format!("field {field}: {message}") };
        skipped.push(Rejected { at: at.clone(), row, derived });
        Ok(())
    } else {
        Err(EvalError::BadRow { location: at.to_string(), field: field.to_owned(), message })
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// A million incidents are held twice over while they are prepared
    /// (the rows read, then the prepared ones): these sizes are what keeps
    /// that under 300 MB (docs/performance.md, "A million incidents").
    #[test]
    fn incidents_stay_compact() {
        let sizes = (std::mem::size_of::<crate::events::Incident>(), std::mem::size_of::<super::PreparedIncident>());
        println!("incident {} bytes, prepared {} bytes", sizes.0, sizes.1);
        assert!(sizes.0 <= 152, "an incident takes {} bytes", sizes.0);
        assert!(sizes.1 <= 176, "a prepared incident takes {} bytes", sizes.1);
    }

    proptest! {
        /// The in-place sort gives `sort_by`'s order, equal keys included.
        #[test]
        fn sorting_in_place_is_sort_by(rows in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut expected = rows.clone();
            expected.sort_by_key(|r| r.0);
            let mut sorted = rows;
            super::sort_stable_in_place(&mut sorted, |a, b| a.0.cmp(&b.0));
            prop_assert_eq!(sorted, expected);
        }
    }
}
