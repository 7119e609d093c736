//! Incidents' histories (`--status-changes`): each incident's status
//! changes, which pause its clocks, and its severity changes, which move
//! it from tier to tier (semantics.md, "Pauses" and "Re-prioritisation").

use super::EvalError;
use super::prepare::{self, PreparedIncident, Rejected};
use crate::events::{ChangedField, StatusChange};
use crate::ir::{Contract, TierClock};
use crate::report::InputSummary;
use chrono::{DateTime, Utc};
use std::collections::{BTreeSet, HashMap};

/// One move of an incident from one tier to another.
#[derive(Clone, Debug)]
pub struct TierStep {
    pub at: DateTime<Utc>,
    /// Indices into the contract's tiers.
    pub from: usize,
    pub to: usize,
    /// The severity labels as the history writes them.
    pub from_label: Option<String>,
    pub to_label: String,
}

/// What an incident's history says, up to as_of, in time order.
#[derive(Clone, Debug, Default)]
pub struct IncidentHistory {
    /// Status changes: `(at, from, to)`.
    pub statuses: Vec<StatusChange>,
    /// The tier at opening, when severity changes say it (the first
    /// change's `from`, or the last change at or before the opening).
    pub opening_tier: Option<usize>,
    /// Tier moves after the opening.
    pub steps: Vec<TierStep>,
}

/// One stretch during which a clock is paused: from `start` until `end`
/// (`None`: still paused at as_of), because the status was `status`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PausedSpan {
    pub start: Option<DateTime<Utc>>,
    pub end: Option<DateTime<Utc>>,
    pub status: String,
}

impl IncidentHistory {
    /// The stretches during which the incident's status paused that clock
    /// of that tier, before any clipping: a status in force before the
    /// first change (its `from`) pauses from the beginning (`start: None`).
    pub fn paused_spans(&self, c: &Contract, tier: usize, clock: TierClock) -> Vec<PausedSpan> {
        let Some(tier) = c.tiers.get(tier) else { return Vec::new() };
        let pauses = |status: &str| c.pauses_on(tier, clock, status);
        let mut out = Vec::new();
        let mut open: Option<PausedSpan> = self
            .statuses
            .first()
            .and_then(|first| first.from.as_deref())
            .filter(|s| pauses(s))
            .map(|s| PausedSpan { start: None, end: None, status: s.trim().to_owned() });
        for change in &self.statuses {
            let paused = pauses(&change.to);
            match open.take() {
                Some(mut span) if !paused => {
                    span.end = Some(change.at);
                    out.push(span);
                }
                Some(span) => open = Some(span),
                None if paused => {
                    open = Some(PausedSpan { start: Some(change.at), end: None, status: change.to.trim().to_owned() })
                }
                None => {}
            }
        }
        out.extend(open);
        out
    }
}

/// Each incident's history, by incident id. Changes after as_of have not
/// happened yet and are left out; changes for incidents not among the
/// inputs are counted and listed in the file's summary; a severity that
/// names no tier is a bad row (set aside when asked).
pub fn histories(
    c: &Contract,
    incidents: &[PreparedIncident],
    mut changes: Vec<StatusChange>,
    as_of: DateTime<Utc>,
    summaries: &mut [InputSummary],
    skip_bad: bool,
    skipped: &mut Vec<Rejected>,
) -> Result<HashMap<String, IncidentHistory>, EvalError> {
    // Time order, then the values: the same facts in any row order give
    // the same history.
    changes.sort_by(|a, b| {
        (a.at, a.field == ChangedField::Severity, &a.from, &a.to, &a.incident).cmp(&(
            b.at,
            b.field == ChangedField::Severity,
            &b.from,
            &b.to,
            &b.incident,
        ))
    });
    // Without changes there is nothing to look up (a million incidents
    // would make a map of a million ids for nothing).
    let by_id: HashMap<&str, &PreparedIncident> = match changes.is_empty() {
        true => HashMap::new(),
        false => incidents.iter().map(|p| (&*p.incident.id, p)).collect(),
    };
    let mut out: HashMap<String, IncidentHistory> = HashMap::new();
    let mut unknown: BTreeSet<String> = BTreeSet::new();
    let (mut unknown_rows, mut status_rows, mut severity_rows, mut later) = (0u64, 0u64, 0u64, 0u64);
    for change in changes {
        let Some(p) = by_id.get(change.incident.as_str()) else {
            unknown_rows += 1;
            unknown.insert(change.incident.clone());
            continue;
        };
        if change.at > as_of {
            later += 1;
            continue;
        }
        let h = out.entry(change.incident.clone()).or_default();
        match change.field {
            ChangedField::Status => {
                status_rows += 1;
                h.statuses.push(change);
            }
            ChangedField::Severity if c.tiers.is_empty() || p.incident.outage_of().is_some() => severity_rows += 1,
            // An incident these terms do not judge (other terms in force
            // when it opened) may move between tiers only those know.
            ChangedField::Severity if p.tier.is_none() => severity_rows += 1,
            ChangedField::Severity => {
                let to = match prepare::tier_index(c, Some(&change.to)) {
                    Ok(i) => i,
                    Err(message) => {
                        prepare::reject(skip_bad, skipped, &change.source, "to", message, false)?;
                        continue;
                    }
                };
                let first = h.opening_tier.is_none() && h.steps.is_empty();
                let from = match change.from.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                    Some(label) => match prepare::tier_index(c, Some(label)) {
                        Ok(i) => Some(i),
                        Err(message) => {
                            prepare::reject(skip_bad, skipped, &change.source, "from", message, false)?;
                            continue;
                        }
                    },
                    None => None,
                };
                severity_rows += 1;
                if first {
                    h.opening_tier = from.or(p.tier);
                }
                if change.at <= p.incident.opened_at {
                    h.opening_tier = Some(to);
                    continue;
                }
                let before = h.steps.last().map(|s| s.to).or(h.opening_tier).or(p.tier).unwrap_or(to);
                h.steps.push(TierStep {
                    at: change.at,
                    from: before,
                    to,
                    from_label: change.from.clone(),
                    to_label: change.to.clone(),
                });
            }
        }
    }
    for s in summaries.iter_mut().filter(|s| s.kind == crate::report::InputKind::StatusChanges) {
        s.used = vec![
            ("status changes".into(), status_rows),
            ("severity changes".into(), severity_rows),
            ("for no incident of the inputs".into(), unknown_rows),
            ("after as_of".into(), later),
        ];
        s.notes.extend(super::accounting::note_unknown_incidents("changes", &unknown));
    }
    Ok(out)
}
