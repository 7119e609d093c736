//! The evaluation's account of the inputs it was given: rows set aside
//! while matching them to the contract, and what the kept rows were used
//! for. It lives here, not with the readers in `inputs`, because it is
//! counted on the rows evaluation prepares: a library caller that hands
//! `evaluate` its own rows gets the same account.

use super::prepare;
use crate::events::RowRef;
use crate::ir::Contract;
use crate::report::{InputKind, InputSummary};
use std::collections::HashSet;

/// Rows set aside while matching them to the contract join the rows the
/// reader set aside, in file order, and no longer count as records. A
/// derived record set aside (an outage window whose own row is used) is no
/// row: it leaves the derived count, with a note. The same row set aside
/// twice (a maintenance copied for several services) is listed once. A
/// file the caller gave no summary for gets one: a skipped row is never
/// lost.
pub(super) fn attach_skipped(summaries: &mut Vec<InputSummary>, kind: InputKind, skipped: Vec<prepare::Rejected>) {
    let mut seen: HashSet<RowRef> = HashSet::new();
    // Files with no summary but this one: their rows are counted here.
    let mut created: HashSet<String> = HashSet::new();
    for rejected in skipped {
        let file = rejected.at.file.to_string();
        let fresh = created.contains(&file) || !summaries.iter().any(|s| s.file == file);
        if !summaries.iter().any(|s| s.file == file) {
            summaries.push(InputSummary { kind, file: file.clone(), ..Default::default() });
            created.insert(file.clone());
        }
        let Some(s) = summaries.iter_mut().find(|s| s.file == file) else { continue };
        if rejected.derived || !seen.insert(rejected.at.clone()) {
            s.records_derived = s.records_derived.saturating_sub(1);
            s.notes.push(format!("{} not used: {}", rejected.row.location, rejected.row.reason));
            continue;
        }
        if fresh {
            s.rows_read += 1;
        } else {
            s.records = s.records.saturating_sub(1);
        }
        s.skip(rejected.row);
    }
}

/// What the incident and maintenance files were used for, counted on the
/// rows that were kept. A reader of a tool's export fills in its own, finer
/// counts (outage windows, records set aside), which are kept.
pub(super) fn count_uses(
    summaries: &mut [InputSummary],
    c: &Contract,
    incidents: &[prepare::PreparedIncident],
    maintenance: &[prepare::PreparedMaintenance],
) {
    for s in summaries.iter_mut().filter(|s| s.used.is_empty()) {
        match s.kind {
            InputKind::Incidents => {
                let outages = incidents.iter().filter(|p| p.incident.impact == crate::events::Impact::Outage);
                let excluded =
                    incidents.iter().filter(|p| p.incident.cause().is_some_and(|cause| c.cause_is_known(cause)));
                s.used = vec![
                    ("outages".into(), outages.count() as u64),
                    ("tier incidents".into(), incidents.iter().filter(|p| p.tier.is_some()).count() as u64),
                    ("with an excluded cause".into(), excluded.count() as u64),
                ];
            }
            InputKind::Maintenance => {
                let down = maintenance.iter().filter(|m| m.record.downtime).count() as u64;
                s.used = vec![("maintenance windows".into(), maintenance.len() as u64), ("with downtime".into(), down)];
            }
            InputKind::Probes
            | InputKind::Usage
            | InputKind::Metrics
            | InputKind::StatusChanges
            | InputKind::Updates
            | InputKind::Inventory => {}
        }
    }
}

/// The note an input's summary gets for rows about incidents the inputs do
/// not hold: the first 20 ids, and how many more.
pub(super) fn note_unknown_incidents(what: &str, unknown: &std::collections::BTreeSet<String>) -> Option<String> {
    if unknown.is_empty() {
        return None;
    }
    let listed: Vec<&str> = unknown.iter().take(20).map(String::as_str).collect();
    let more = unknown.len().saturating_sub(listed.len());
    let tail = if more > 0 { format!(" and {more} more") } else { String::new() };
    Some(format!("{what} for incidents not among the incidents: {}{tail}", listed.join(", ")))
}
