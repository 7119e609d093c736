//! Atlassian Statuspage incidents and scheduled maintenances, as the
//! public API (`/api/v2/incidents.json`, `summary.json`,
//! `scheduled-maintenances.json`), the manage API (a bare array of
//! incidents) and webhooks (`{"page": ..., "incident": ...}`) give them.
//!
//! An incident is one tier incident (opened at `started_at`, else
//! `created_at`; first response at its first posted update; resolved at
//! `resolved_at`; severity = its `impact`). Its outage windows come from
//! the component transitions its updates record in `affected_components`:
//! a component is down from the update that moves it to a status whose
//! impact is `outage` (or `degraded`) until the update that moves it back,
//! or the incident's resolution. Each window is a record of its own, an
//! outage window of the incident. An incident whose updates name no
//! component is one record over its own span, with the impact its
//! `impact` maps to. Scheduled maintenances become maintenance records:
//! from the update that set them in progress (else `scheduled_for`) to
//! their completion (else `scheduled_until`), announced when created.

use super::jsonpath::{self, key, scalar};
use super::spec::{impact_of, statuspage_impacts};
use super::times::TimeReader;
use super::{NativeOptions, NativeRead, RawIncident, RawMaintenance, SetAside, at_pointer, file_error, parse_json};
use crate::events::error::{EventError, EventErrorKind, show_text};
use crate::events::model::{Impact, MaintenanceKind};
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::collections::HashSet;
use std::sync::Arc;

/// Statuses of scheduled maintenances.
const MAINTENANCE_STATUSES: [&str; 4] = ["scheduled", "in_progress", "verifying", "completed"];

/// Reads a Statuspage document. `impacts` come before the defaults.
pub fn read(
    bytes: &[u8],
    file: &Arc<str>,
    impacts: &[(String, Impact)],
    options: &NativeOptions,
) -> Result<NativeRead, EventError> {
    let doc = parse_json(bytes, file)?;
    let items = items(&doc).map_err(|m| file_error(file, m))?;
    let mut reader = Reader {
        file: file.clone(),
        impacts: impacts.iter().cloned().chain(statuspage_impacts()).collect(),
        times: TimeReader::new(options.date_formats.clone(), options.date_zone.unwrap_or(options.zone)),
    };
    let mut out = NativeRead::new(file.clone(), "statuspage (json)".into());
    let mut seen: HashSet<String> = HashSet::new();
    for (pointer, item, listed_as_maintenance) in items {
        out.rows += 1;
        let at = at_pointer(file, pointer.clone());
        if !item.is_object() {
            let kind = EventErrorKind::NotAnObject { found: jsonpath::kind_of(item) };
            out.bad(EventError { at, field: None, kind: Box::new(kind) }, options.skip_bad_rows)?;
            continue;
        }
        let Some(id) = key(item, "id").and_then(scalar) else {
            let error = EventError { at, field: Some("id".into()), kind: Box::new(EventErrorKind::Required) };
            out.bad(error, options.skip_bad_rows)?;
            continue;
        };
        if !seen.insert(id.clone()) {
            out.set_aside.push(SetAside { at, reason: format!("{id} is listed twice; read once") });
            continue;
        }
        let result = if listed_as_maintenance || is_maintenance(item) {
            reader.maintenance(item, &id, &pointer, &mut out)
        } else {
            reader.incident(item, &id, &pointer, &mut out)
        };
        if let Err(e) = result {
            out.bad(e, options.skip_bad_rows)?;
        }
    }
    Ok(out)
}

/// The incidents and maintenances of a document, with their pointers and
/// whether they were listed as maintenances.
fn items(doc: &Value) -> Result<Vec<(String, &Value, bool)>, String> {
    let mut out = Vec::new();
    match doc {
        Value::Array(list) => {
            out.extend(list.iter().enumerate().map(|(i, v)| (format!("/{i}"), v, false)));
        }
        Value::Object(_) => {
            match key(doc, "incidents") {
                Some(Value::Array(list)) => {
                    out.extend(list.iter().enumerate().map(|(i, v)| (format!("/incidents/{i}"), v, false)))
                }
                Some(Value::Null) | None => {}
                Some(other) => return Err(format!("`incidents` holds {}, not a list", jsonpath::kind_of(other))),
            }
            if let Some(v @ Value::Object(_)) = key(doc, "incident") {
                out.push(("/incident".into(), v, false));
            }
            match key(doc, "scheduled_maintenances") {
                Some(Value::Array(list)) => {
                    out.extend(list.iter().enumerate().map(|(i, v)| (format!("/scheduled_maintenances/{i}"), v, true)))
                }
                Some(Value::Null) | None => {}
                Some(other) => {
                    return Err(format!("`scheduled_maintenances` holds {}, not a list", jsonpath::kind_of(other)));
                }
            }
            if out.is_empty() && key(doc, "incidents").is_none() && key(doc, "scheduled_maintenances").is_none() {
                if key(doc, "incident_updates").is_some() && key(doc, "id").is_some() {
                    out.push((String::new(), doc, false));
                } else {
                    return Err("expected a Statuspage document with `incidents`, `incident` or \
                                `scheduled_maintenances` (the public API's incidents.json or \
                                scheduled-maintenances.json)"
                        .into());
                }
            }
        }
        other => return Err(format!("expected a Statuspage document (an object), found {}", jsonpath::kind_of(other))),
    }
    Ok(out)
}

fn is_maintenance(item: &Value) -> bool {
    let text = |k: &str| key(item, k).and_then(scalar);
    text("scheduled_for").is_some()
        || text("impact").is_some_and(|i| i.eq_ignore_ascii_case("maintenance"))
        || text("status").is_some_and(|s| MAINTENANCE_STATUSES.contains(&s.to_ascii_lowercase().as_str()))
}

/// One posted update, in time order.
struct Update<'v> {
    index: usize,
    at: DateTime<Utc>,
    status: String,
    components: Vec<&'v Value>,
}

/// A component's outage windows in one incident.
struct Track {
    name: String,
    /// The impact it is at now, since when, and the pointer of the update
    /// that put it there.
    current: Option<(Impact, DateTime<Utc>, String)>,
    windows: Vec<Window>,
}

/// An impact from a start to an end (none: still down), and the pointer
/// of the update that began it.
type Window = (Impact, DateTime<Utc>, Option<DateTime<Utc>>, String);

struct Reader {
    file: Arc<str>,
    impacts: Vec<(String, Impact)>,
    times: TimeReader,
}

impl Reader {
    fn error(&self, pointer: &str, field: &str, kind: EventErrorKind) -> EventError {
        EventError { at: at_pointer(&self.file, pointer.to_string()), field: Some(field.into()), kind: Box::new(kind) }
    }

    /// An optional timestamp key.
    fn time(&mut self, item: &Value, k: &str, pointer: &str) -> Result<Option<DateTime<Utc>>, EventError> {
        match key(item, k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => self.times.read(s).map(Some).map_err(|kind| self.error(pointer, k, kind)),
            Some(other) => {
                let kind = EventErrorKind::Invalid {
                    found: jsonpath::kind_of(other).into(),
                    expected: crate::events::Expected::Timestamp,
                };
                Err(self.error(pointer, k, kind))
            }
        }
    }

    /// The updates of an incident or maintenance, oldest first.
    fn updates<'v>(&mut self, item: &'v Value, pointer: &str) -> Result<(String, Vec<Update<'v>>), EventError> {
        let (name, list) = match (key(item, "incident_updates"), key(item, "event_updates")) {
            (Some(Value::Array(list)), _) => ("incident_updates", list.as_slice()),
            (_, Some(Value::Array(list))) => ("event_updates", list.as_slice()),
            _ => ("incident_updates", &[][..]),
        };
        let mut updates = Vec::new();
        for (index, u) in list.iter().enumerate() {
            let at_u = format!("{pointer}/{name}/{index}");
            if !u.is_object() {
                let kind = EventErrorKind::NotAnObject { found: jsonpath::kind_of(u) };
                return Err(EventError { at: at_pointer(&self.file, at_u), field: None, kind: Box::new(kind) });
            }
            let at = match self.time(u, "display_at", &at_u)? {
                Some(t) => t,
                None => self
                    .time(u, "created_at", &at_u)?
                    .ok_or_else(|| self.error(&at_u, "created_at", EventErrorKind::Required))?,
            };
            let components = match key(u, "affected_components") {
                Some(Value::Array(cs)) => cs.iter().collect(),
                _ => Vec::new(),
            };
            let status = key(u, "status").and_then(scalar).unwrap_or_default().to_ascii_lowercase();
            updates.push(Update { index, at, status, components });
        }
        // Newest first in the API: an earlier index is the later update
        // when two share an instant.
        updates.sort_by(|a, b| a.at.cmp(&b.at).then(b.index.cmp(&a.index)));
        Ok((format!("{pointer}/{name}"), updates))
    }

    fn impact(&self, label: &str, pointer: &str, field: &str) -> Result<Impact, EventError> {
        impact_of(&self.impacts, label).ok_or_else(|| {
            let message = format!(
                "{} is not a status slac knows (major_outage, partial_outage, degraded_performance, \
                 under_maintenance, operational); translate it under [impact] in a mapping",
                show_text(label)
            );
            self.error(pointer, field, EventErrorKind::Export { message })
        })
    }

    fn incident(&mut self, item: &Value, id: &str, pointer: &str, out: &mut NativeRead) -> Result<(), EventError> {
        let (updates_at, updates) = self.updates(item, pointer)?;
        let opened_at = match self.time(item, "started_at", pointer)? {
            Some(t) => t,
            None => match self.time(item, "created_at", pointer)? {
                Some(t) => t,
                None => updates
                    .first()
                    .map(|u| u.at)
                    .ok_or_else(|| self.error(pointer, "created_at", EventErrorKind::Required))?,
            },
        };
        let status = key(item, "status").and_then(scalar).unwrap_or_default().to_ascii_lowercase();
        let closed = matches!(status.as_str(), "resolved" | "postmortem" | "completed");
        let resolved_at = match self.time(item, "resolved_at", pointer)? {
            Some(t) => Some(t),
            None if closed => updates.iter().rev().find(|u| u.status == "resolved").or(updates.last()).map(|u| u.at),
            None => None,
        }
        .map(|t| t.max(opened_at));
        let responded_at = updates.first().map(|u| u.at.max(opened_at));
        let severity = key(item, "impact").and_then(scalar);
        let mut tracks: Vec<Track> = Vec::new();
        let mut named_any = false;
        for u in &updates {
            for (k, c) in u.components.iter().enumerate() {
                let at_c = format!("{updates_at}/{}/affected_components/{k}", u.index);
                let Some(name) = key(c, "name").and_then(scalar).or_else(|| key(c, "code").and_then(scalar)) else {
                    continue;
                };
                named_any = true;
                let Some(new) = key(c, "new_status").and_then(scalar) else { continue };
                let new = self.impact(&new, &at_c, "new_status")?;
                let t = u.at.max(opened_at);
                let track = match tracks.iter().position(|tr| tr.name == name) {
                    Some(i) => &mut tracks[i],
                    None => {
                        // Already down before the first update that names
                        // it: down since the incident began.
                        let old = match key(c, "old_status").and_then(scalar) {
                            Some(old) => self.impact(&old, &at_c, "old_status")?,
                            None => Impact::None,
                        };
                        let current = (old != Impact::None).then(|| (old, opened_at, at_c.clone()));
                        tracks.push(Track { name: name.clone(), current, windows: Vec::new() });
                        let last = tracks.len() - 1;
                        &mut tracks[last]
                    }
                };
                let now = track.current.as_ref().map_or(Impact::None, |c| c.0);
                if now != new {
                    if let Some((impact, start, from)) = track.current.take() {
                        track.windows.push((impact, start, Some(t), from));
                    }
                    if new != Impact::None {
                        track.current = Some((new, t, at_c.clone()));
                    }
                }
            }
        }
        let source = at_pointer(&self.file, pointer.to_string());
        if !named_any {
            let services = components(item);
            let impact = match &severity {
                Some(label) => self.impact(label, pointer, "impact")?,
                None => Impact::None,
            };
            out.incidents.push(RawIncident {
                id: id.to_string(),
                services,
                instance: None,
                severity,
                opened_at,
                responded_at,
                resolved_at,
                impact,
                cause: None,
                outage_of: None,
                source,
                region: None,
            });
            return Ok(());
        }
        for track in &mut tracks {
            if let Some((impact, start, from)) = track.current.take() {
                track.windows.push((impact, start, resolved_at, from));
            }
        }
        let mut services: Vec<String> = Vec::new();
        let mut windows = Vec::new();
        for track in &tracks {
            let kept: Vec<_> = track.windows.iter().filter(|w| w.2.is_none_or(|end| end > w.1)).collect();
            if !kept.is_empty() {
                services.push(track.name.clone());
            }
            for (n, (impact, start, end, from)) in kept.into_iter().enumerate() {
                let suffix = if n == 0 { String::new() } else { format!("/{}", n + 1) };
                windows.push(RawIncident {
                    id: format!("{id}/{}{suffix}", track.name),
                    services: vec![track.name.clone()],
                    instance: None,
                    severity: None,
                    opened_at: *start,
                    responded_at: None,
                    resolved_at: *end,
                    impact: *impact,
                    cause: None,
                    outage_of: Some(id.to_string()),
                    source: at_pointer(&self.file, from.clone()),
                    region: None,
                });
            }
        }
        if services.is_empty() {
            services = tracks.iter().map(|t| t.name.clone()).collect();
        }
        out.incidents.push(RawIncident {
            id: id.to_string(),
            services,
            instance: None,
            severity,
            opened_at,
            responded_at,
            resolved_at,
            impact: Impact::None,
            cause: None,
            outage_of: None,
            source,
            region: None,
        });
        out.incidents.extend(windows);
        Ok(())
    }

    fn maintenance(&mut self, item: &Value, id: &str, pointer: &str, out: &mut NativeRead) -> Result<(), EventError> {
        let (_, updates) = self.updates(item, pointer)?;
        let status = key(item, "status").and_then(scalar).unwrap_or_default().to_ascii_lowercase();
        let scheduled_for = self.time(item, "scheduled_for", pointer)?;
        let scheduled_until = self.time(item, "scheduled_until", pointer)?;
        let begun = updates.iter().find(|u| u.status == "in_progress").map(|u| u.at);
        let source = at_pointer(&self.file, pointer.to_string());
        if status == "scheduled" && begun.is_none() {
            let when = scheduled_for.map_or_else(|| "a later date".to_string(), |t| t.to_rfc3339());
            out.set_aside.push(SetAside { at: source, reason: format!("maintenance scheduled for {when}, not begun") });
            return Ok(());
        }
        let start = match begun.or(scheduled_for) {
            Some(t) => t,
            None => self
                .time(item, "started_at", pointer)?
                .ok_or_else(|| self.error(pointer, "scheduled_for", EventErrorKind::Required))?,
        };
        let completed = updates.iter().find(|u| u.status == "completed").map(|u| u.at);
        let end = match (self.time(item, "resolved_at", pointer)?, completed, scheduled_until) {
            (Some(t), _, _) | (None, Some(t), _) | (None, None, Some(t)) => t,
            (None, None, None) => {
                return Err(self.error(pointer, "scheduled_until", EventErrorKind::Required));
            }
        };
        if end < start {
            let kind = EventErrorKind::Before {
                found: show_text(&end.to_rfc3339()),
                other: "the start",
                other_value: show_text(&start.to_rfc3339()),
            };
            return Err(self.error(pointer, "resolved_at", kind));
        }
        let announced_at = match self.time(item, "created_at", pointer)? {
            Some(t) => t,
            None => updates.first().map_or(start, |u| u.at),
        };
        let mut services = components(item);
        for u in &updates {
            for c in &u.components {
                if let Some(name) = key(c, "name").and_then(scalar) {
                    if !services.contains(&name) {
                        services.push(name);
                    }
                }
            }
        }
        out.maintenance.push(RawMaintenance {
            id: id.to_string(),
            services,
            kind: MaintenanceKind::Planned,
            start,
            end,
            announced_at,
            downtime: true,
            source,
        });
        Ok(())
    }
}

/// The names in an item's `components` list.
fn components(item: &Value) -> Vec<String> {
    let mut names = Vec::new();
    if let Some(Value::Array(list)) = key(item, "components") {
        for c in list {
            if let Some(name) = key(c, "name").and_then(scalar) {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
    }
    names
}
