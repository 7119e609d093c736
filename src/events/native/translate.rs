//! Putting an export's records in the contract's terms: service and
//! component names to the contract's services, severity labels to tiers,
//! cause labels to exclusion categories. Produces the canonical records
//! the evaluator reads, and accounts for every record it does not pass on.
//!
//! - **Services.** Each name a record gives is looked up in the service
//!   map (`--service-map`, a mapping's `[services]`), exactly and then
//!   ignoring case; a name mapped to `-` is not the contract's and is set
//!   aside (counted). An unmapped name the contract knows (a service's id
//!   or name, a component's) stands. Any other name is *unmapped*: an
//!   error that lists every such name, or, with `--unmapped-services
//!   warn`, set aside and counted. A record that names several services
//!   (Jira components, Google Cloud products) is read for the first, and
//!   is an outage window of the others too.
//! - **Severity.** Where the contract has tiers, each incident's label is
//!   translated by the severity map, then matched to a tier by the one
//!   rule of [`crate::ir::tier_label`]. Labels that match no tier are
//!   an error listing them all (or, with `--skip-bad-rows`, set aside).

use super::spec::lookup;
use super::{NativeRead, RawIncident, SetAside};
use crate::events::error::EventError;
use crate::events::model::{Impact, Incident, MaintenanceRecord, RareFields};
use std::collections::BTreeMap;

/// What translation needs to know of the contract.
pub trait ContractView {
    /// Does the contract know this service or component name?
    fn knows_service(&self, name: &str) -> bool;
    fn has_tiers(&self) -> bool;
    /// The tier a label names, by [`crate::ir::match_label`]'s rule; or
    /// why it names none, as said after the label ("is no tier of the
    /// contract").
    fn tier_of(&self, label: &str) -> Result<String, String>;
    /// The tiers and their labels, for messages.
    fn tiers_described(&self) -> String;
}

/// What to do with names the contract does not know.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Unmapped {
    #[default]
    Error,
    Warn,
}

/// The translation tables (flags before the mapping's).
#[derive(Clone, Debug, Default)]
pub struct Maps {
    pub severity: Vec<(String, String)>,
    pub causes: Vec<(String, String)>,
    pub services: Vec<(String, String)>,
    pub unmapped: Unmapped,
    pub skip_bad_rows: bool,
}

/// The records for the evaluator, and what was set aside.
#[derive(Clone, Debug, Default)]
pub struct Translated {
    pub incidents: Vec<Incident>,
    pub maintenance: Vec<MaintenanceRecord>,
    /// Source rows used: each gave at least its own record.
    pub rows_used: u64,
    /// Records derived from used rows beyond their own: outage windows,
    /// copies for further services.
    pub derived: u64,
    /// Every source row not passed on, one entry each, with why: the
    /// reader's set-asides, bad rows, records for services that are not
    /// the contract's, severities no tier has.
    pub set_aside: Vec<SetAside>,
    /// Remarks on the file: the reader's, derived records not passed on,
    /// and the totals of what was set aside by reason.
    pub notes: Vec<String>,
    /// Records set aside for names the contract does not know, by name.
    pub unmapped: BTreeMap<String, u64>,
    /// Records set aside as not the contract's (`-` in the service map).
    pub not_ours: BTreeMap<String, u64>,
    /// Incidents set aside for a severity no tier has, by label.
    pub unknown_severity: BTreeMap<String, u64>,
}

/// One name, looked up.
enum Named {
    Ours(String),
    NotOurs,
    Unknown,
}

fn name(maps: &Maps, view: &dyn ContractView, raw: &str) -> Named {
    match lookup(&maps.services, raw) {
        Some("-") => Named::NotOurs,
        Some(target) => Named::Ours(target.to_string()),
        None if view.knows_service(raw) => Named::Ours(raw.to_string()),
        None => Named::Unknown,
    }
}

/// Where a record's services land.
enum Placed {
    /// No name given: the evaluator decides (a one-service contract).
    Unnamed,
    /// The contract's services, first first.
    Services(Vec<String>),
}

/// Places a record's names, counting the ones set aside; `Err` with the
/// reason when none of them is the contract's.
fn place(maps: &Maps, view: &dyn ContractView, names: &[String], out: &mut Translated) -> Result<Placed, String> {
    if names.is_empty() {
        return Ok(Placed::Unnamed);
    }
    let mut ours: Vec<String> = Vec::new();
    let mut unknown: Vec<&str> = Vec::new();
    let mut theirs: Vec<&str> = Vec::new();
    for raw in names {
        match name(maps, view, raw) {
            Named::Ours(s) => {
                if !ours.contains(&s) {
                    ours.push(s);
                }
            }
            Named::NotOurs => theirs.push(raw),
            Named::Unknown => unknown.push(raw),
        }
    }
    for n in &unknown {
        *out.unmapped.entry((*n).to_string()).or_default() += 1;
    }
    if ours.is_empty() {
        for n in &theirs {
            *out.not_ours.entry((*n).to_string()).or_default() += 1;
        }
        let reason = if unknown.is_empty() {
            format!("for {}, not the contract's (service map `-`)", quoted(&theirs))
        } else {
            format!("for {}, which the contract does not have", quoted(&unknown))
        };
        return Err(reason);
    }
    Ok(Placed::Services(ours))
}

fn quoted(names: &[&str]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

/// Lists `counts` as `Foo (2), Bar (1)`, most first.
pub fn counted(counts: &BTreeMap<String, u64>) -> String {
    let mut list: Vec<(&String, &u64)> = counts.iter().collect();
    list.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    list.iter().map(|(n, c)| format!("{n} ({c})")).collect::<Vec<_>>().join(", ")
}

/// Translates what a reader gave.
pub fn translate(read: NativeRead, maps: &Maps, view: &dyn ContractView) -> Result<Translated, Vec<Untranslated>> {
    let mut out = Translated { set_aside: read.set_aside, notes: read.notes, ..Translated::default() };
    for e in &read.skipped {
        out.set_aside.push(SetAside { at: e.at.clone(), reason: error_reason(e) });
    }
    // Tier incidents set aside: their windows go with them.
    let mut dropped: Vec<String> = Vec::new();
    for raw in read.incidents {
        if raw.outage_of.as_ref().is_some_and(|p| dropped.contains(p)) {
            continue;
        }
        // A record of its own row, or one derived from another's.
        let derived = raw.outage_of.is_some();
        let placed = match place(maps, view, &raw.services, &mut out) {
            Ok(p) => p,
            Err(reason) if derived => {
                out.notes.push(format!("outage window {} not used: {reason}", raw.id));
                continue;
            }
            Err(reason) => {
                out.set_aside
                    .push(SetAside { at: raw.source.clone(), reason: format!("incident {} {reason}", raw.id) });
                dropped.push(raw.id.clone());
                continue;
            }
        };
        let severity = if raw.outage_of.is_some() || !view.has_tiers() {
            raw.severity.as_deref().map(|s| lookup(&maps.severity, s).unwrap_or(s).to_string())
        } else {
            let label = raw.severity.as_deref().map(|s| lookup(&maps.severity, s).unwrap_or(s).to_string());
            let found = match label.as_deref() {
                Some(l) => view.tier_of(l),
                None => Err("is no tier of the contract".to_string()),
            };
            match found {
                Ok(tier) => Some(tier),
                Err(why) => {
                    let shown = raw.severity.clone().unwrap_or_else(|| "(none)".into());
                    *out.unknown_severity.entry(shown.clone()).or_default() += 1;
                    out.set_aside.push(SetAside {
                        at: raw.source.clone(),
                        reason: format!("incident {}: severity `{shown}` {why}", raw.id),
                    });
                    dropped.push(raw.id.clone());
                    continue;
                }
            }
        };
        let cause = raw.cause.as_deref().map(|c| lookup(&maps.causes, c).unwrap_or(c).to_string());
        let services: Vec<Option<String>> = match placed {
            Placed::Unnamed => vec![None],
            Placed::Services(list) => list.into_iter().map(Some).collect(),
        };
        let first = incident(&raw, services[0].clone(), severity, cause.clone(), raw.outage_of.clone(), None);
        out.incidents.push(first);
        if derived {
            out.derived += 1;
        } else {
            out.rows_used += 1;
        }
        // Also down for its other services: windows of the first record.
        if raw.impact != Impact::None {
            for service in services.into_iter().skip(1).flatten() {
                let parent = raw.outage_of.clone().unwrap_or_else(|| raw.id.clone());
                let id = format!("{}/{service}", raw.id);
                out.incidents.push(incident(&raw, Some(service), None, cause.clone(), Some(parent), Some(id)));
                out.derived += 1;
            }
        }
    }
    for raw in read.maintenance {
        let services = match place(maps, view, &raw.services, &mut out) {
            Ok(Placed::Unnamed) => vec![None],
            Ok(Placed::Services(list)) => list.into_iter().map(Some).collect(),
            Err(reason) => {
                out.set_aside
                    .push(SetAside { at: raw.source.clone(), reason: format!("maintenance {} {reason}", raw.id) });
                continue;
            }
        };
        let several = services.len() > 1;
        out.rows_used += 1;
        out.derived += services.len() as u64 - 1;
        for service in services {
            let id = match (&service, several) {
                (Some(s), true) => format!("{}/{s}", raw.id),
                _ => raw.id.clone(),
            };
            out.maintenance.push(MaintenanceRecord {
                id,
                service,
                instance: None,
                kind: raw.kind,
                start: raw.start,
                end: raw.end,
                announced_at: raw.announced_at,
                downtime: raw.downtime,
                source: raw.source.clone(),
            });
        }
    }
    let mut problems = Vec::new();
    if !out.unmapped.is_empty() && maps.unmapped == Unmapped::Error {
        let total: u64 = out.unmapped.values().sum();
        problems.push(Untranslated::Services { total, names: counted(&out.unmapped) });
    }
    if !out.unknown_severity.is_empty() && !maps.skip_bad_rows {
        let total: u64 = out.unknown_severity.values().sum();
        problems.push(Untranslated::Severities {
            total,
            labels: counted(&out.unknown_severity),
            tiers: view.tiers_described(),
        });
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

/// Records an export's translation could not place, by kind: whoever
/// shows it says how to fix each in its own words (the CLI names its
/// flags).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Untranslated {
    /// Records naming services or components the contract does not have:
    /// how many, and the names with their counts.
    Services { total: u64, names: String },
    /// Incidents whose severities name no tier: how many, the labels with
    /// their counts, and the contract's tiers described.
    Severities { total: u64, labels: String, tiers: String },
}

fn incident(
    raw: &RawIncident,
    service: Option<String>,
    severity: Option<String>,
    cause: Option<String>,
    outage_of: Option<String>,
    id: Option<String>,
) -> Incident {
    Incident {
        id: id.unwrap_or_else(|| raw.id.clone()).into(),
        service: service.map(Into::into),
        severity: severity.map(Into::into),
        opened_at: raw.opened_at,
        responded_at: raw.responded_at,
        resolved_at: raw.resolved_at,
        impact: raw.impact,
        source: raw.source.clone(),
        rare: RareFields {
            instance: raw.instance.as_deref().map(Into::into),
            cause: cause.map(Into::into),
            outage_of: outage_of.map(Into::into),
            region: raw.region.as_deref().map(Into::into),
        }
        .boxed(),
    }
}

/// A bad row's error without its location (the report shows that apart).
fn error_reason(e: &EventError) -> String {
    match &e.field {
        Some(field) => format!("field {field}: {}", e.kind),
        None => e.kind.to_string(),
    }
}
