//! Update cadence (`update every 1h while open`): the gaps between an
//! incident's customer-facing updates, on its tier's clock (semantics.md,
//! "Update cadence").

use super::history::PausedSpan;
use super::prepare::PreparedIncident;
use super::{EvalError, fmt_time};
use crate::calendar::BusinessClock;
use crate::events::IncidentUpdate;
use crate::ir::{Limit, UpdateCadence};
use crate::report::{InputKind, InputSummary, UpdateGap, UpdatesResult, UpdatesStatus};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use std::collections::{BTreeSet, HashMap};

/// The updates of the inputs by incident id, each incident's in time order.
/// `None`: no updates file was given. An incident with rows of any kind
/// (internal ones, or rows after as_of) has an entry, so its cadence is
/// measured; one without rows has none, and is not measured.
pub fn by_incident(
    incidents: &[PreparedIncident],
    updates: Option<Vec<IncidentUpdate>>,
    as_of: DateTime<Utc>,
    summaries: &mut [InputSummary],
) -> Option<HashMap<String, Vec<IncidentUpdate>>> {
    let mut updates = updates?;
    updates.sort_by(|a, b| (a.at, &a.incident, &a.kind).cmp(&(b.at, &b.incident, &b.kind)));
    let known: BTreeSet<&str> = incidents.iter().map(|p| &*p.incident.id).collect();
    let mut out: HashMap<String, Vec<IncidentUpdate>> = HashMap::new();
    let mut unknown: BTreeSet<String> = BTreeSet::new();
    let (mut customer, mut internal, mut unknown_rows, mut later) = (0u64, 0u64, 0u64, 0u64);
    for u in updates {
        if !known.contains(u.incident.as_str()) {
            unknown_rows += 1;
            unknown.insert(u.incident.clone());
            continue;
        }
        let list = out.entry(u.incident.clone()).or_default();
        if u.at > as_of {
            // Not sent yet at as_of; the incident still has a history.
            later += 1;
        } else if u.customer_facing() {
            customer += 1;
            list.push(u);
        } else {
            internal += 1;
            list.push(u);
        }
    }
    for s in summaries.iter_mut().filter(|s| s.kind == InputKind::Updates) {
        s.used = vec![
            ("customer-facing updates".into(), customer),
            ("internal updates (not counted)".into(), internal),
            ("for no incident of the inputs".into(), unknown_rows),
            ("after as_of".into(), later),
        ];
        s.notes.extend(super::accounting::note_unknown_incidents("updates", &unknown));
    }
    Some(out)
}

/// One incident's cadence obligation: on `clock`, from `start` until `stop`
/// (the resolution) or, while open, as_of.
pub struct Obligation<'a> {
    pub cadence: &'a UpdateCadence,
    pub clock: &'a BusinessClock,
    pub start: DateTime<Utc>,
    pub stop: Option<DateTime<Utc>>,
    pub as_of: DateTime<Utc>,
    pub tz: Tz,
    pub id: &'a str,
}

impl Obligation<'_> {
    /// Judge the obligation on the incident's updates (`None`: the inputs
    /// hold no update history for it). `spans` are the stretches the tier's
    /// resolution clock is paused: the cadence pauses with it.
    pub fn judge(&self, updates: Option<&[IncidentUpdate]>, spans: &[PausedSpan]) -> Result<UpdatesResult, EvalError> {
        let stop = self.stop.filter(|t| *t <= self.as_of);
        let running = stop.is_none();
        let until = stop.unwrap_or(self.as_of).max(self.start);
        let every = self.cadence.every;
        let first = self.cadence.first;
        let rule_words = |l: &Limit| (!l.rule.is_open_time()).then(|| l.rule.to_string());
        let mut r = UpdatesResult {
            every_seconds: every.seconds.0,
            first_within_seconds: first.map(|l| l.seconds.0),
            every_rule: rule_words(&every),
            first_within_rule: first.as_ref().and_then(rule_words),
            measured_from: fmt_time(self.start, self.tz),
            measured_until: fmt_time(until, self.tz),
            ..Default::default()
        };
        let Some(updates) = updates else {
            r.status = UpdatesStatus::NotMeasured;
            r.note = Some("no update history for this incident in the inputs: the cadence is not measured".into());
            return Ok(r);
        };
        // Customer-facing updates within the run, at or after the start and
        // at or before the stop; the rest are counted, not used.
        let mut points = vec![self.start];
        for u in updates {
            let inside = self.start <= u.at && u.at <= until;
            match (inside, u.customer_facing()) {
                (false, _) => r.outside += 1,
                (true, false) => r.internal += 1,
                (true, true) => {
                    r.updates += 1;
                    points.push(u.at);
                }
            }
        }
        points.push(until);
        let excluded = excluded(spans, self.start, until);
        let ctx = || format!("incident {} (update cadence)", self.id);
        let last = points.len() - 2;
        for (i, pair) in points.windows(2).enumerate() {
            let (from, to) = (pair[0], pair[1]);
            let seconds =
                self.clock.business_seconds_excluding(from, to, &excluded).map_err(EvalError::calendar(ctx()))?;
            r.longest_gap_seconds = r.longest_gap_seconds.max(seconds);
            let limit = match (i, first) {
                (0, Some(first)) => first,
                _ => every,
            };
            // An update exactly at the limit is on time; the gap still
            // running at as_of is missed only once it is already longer.
            let (late, allowed) = if limit.rule.is_open_time() {
                (seconds > limit.seconds.0, limit.seconds.0)
            } else {
                // A limit in business days is a deadline instant from the
                // gap's start, as a tier clock's is (counted from the next
                // opening when the update came out of hours).
                let due = self.due(from, limit, &excluded).map_err(EvalError::calendar(ctx()))?;
                let allowed =
                    self.clock.business_seconds_excluding(from, due, &excluded).map_err(EvalError::calendar(ctx()))?;
                (to > due, allowed)
            };
            if !late {
                continue;
            }
            r.gaps.push(UpdateGap {
                from: fmt_time(from, self.tz),
                until: fmt_time(to, self.tz),
                business_seconds: seconds,
                business_minutes: (Decimal::from(seconds) / Decimal::from(60)).trunc_with_scale(4).normalize(),
                limit_seconds: allowed,
                over_seconds: (seconds - allowed).max(0),
                first: i == 0,
                open: running && i == last,
            });
        }
        r.missed = u32::try_from(r.gaps.len()).unwrap_or(u32::MAX);
        if running {
            let from = points[points.len() - 2];
            let limit = if points.len() == 2 { first.unwrap_or(every) } else { every };
            let due = self.due(from, limit, &excluded).map_err(EvalError::calendar(ctx()))?;
            r.next_due = Some(fmt_time(due, self.tz));
        }
        r.status = match (r.missed, running) {
            (0, true) => UpdatesStatus::Open,
            (0, false) => UpdatesStatus::Met,
            _ => UpdatesStatus::Missed,
        };
        Ok(r)
    }
}

impl Obligation<'_> {
    /// When the update after one at `from` is due: `from` plus the open
    /// time of the limit, or the rule's deadline counted from the first
    /// opening at or after `from`; paused stretches left out either way.
    fn due(
        &self,
        from: DateTime<Utc>,
        limit: Limit,
        excluded: &[(DateTime<Utc>, DateTime<Utc>)],
    ) -> Result<DateTime<Utc>, crate::calendar::CalendarError> {
        if limit.rule.is_open_time() {
            return self.clock.deadline_excluding(from, limit.seconds, excluded);
        }
        let received = self.clock.received(from, None)?;
        self.clock.limit_deadline(received, limit.seconds, limit.rule, excluded)
    }
}

/// The paused stretches within `[start, until]`; one still open is counted
/// to `until`.
fn excluded(spans: &[PausedSpan], start: DateTime<Utc>, until: DateTime<Utc>) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    spans
        .iter()
        .filter_map(|s| {
            let from = s.start.map_or(start, |t| t.max(start));
            let to = s.end.map_or(until, |t| t.min(until));
            (from < to).then_some((from, to))
        })
        .collect()
}
