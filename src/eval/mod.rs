//! Evaluation: a checked contract and its events in, a report out
//! (semantics.md is the meaning implemented here; `docs/semantics.md` says
//! how).
//!
//! `evaluate` is pure: `inputs` reads the files, loads holiday tables and
//! picks `as_of`; nothing here touches the disk or the clock.

mod accounting;
mod amended;
mod availability;
mod clocks;
mod compensation;
mod credit_rules;
mod denominator;
mod durability;
mod eligibility;
mod error;
mod history;
mod maintenance;
pub mod minutes;
mod objectives;
mod outage_length;
pub mod period;
pub mod plan;
mod prepare;
pub mod probes;
mod regions;
pub mod services;
mod sets;
mod slices;
mod tiers;
mod updates;
mod window;

pub use amended::governing_period;
pub use error::{EvalError, Given};
pub use period::YearMonth;
pub use probes::ProbeGrid;

use crate::calendar::HolidayTable;
use crate::calendar::local_time::date_of;
use crate::driver::CheckedContract;
use crate::events::{Incident, IncidentUpdate, InventoryRow, MaintenanceRecord, MetricRow, StatusChange, UsageRow};
use crate::ir::{Contract, Money};
use crate::report::{self, InputKind, InputSummary, Report, UnmatchedCause, Verdict};
use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// The version of the report's JSON shape.
pub const REPORT_VERSION: u32 = 1;

/// Everything read from the event files.
#[derive(Default)]
pub struct Inputs {
    pub incidents: Vec<Incident>,
    pub maintenance: Vec<MaintenanceRecord>,
    pub probes: ProbeGrid,
    /// Whether a probes file was given at all (a contract that counts
    /// missing data as down is only judged on it then).
    pub has_probes: bool,
    pub usage: Vec<UsageRow>,
    pub metrics: Vec<MetricRow>,
    /// The instances a customer runs (zone, set, storage, started and
    /// stopped); `None`: no inventory file was given.
    pub inventory: Option<Vec<InventoryRow>>,
    pub summaries: Vec<InputSummary>,
    /// Incidents' status and severity changes, in any order.
    pub status_changes: Vec<StatusChange>,
    /// Updates sent about incidents, in any order; `None`: no updates file
    /// was given, and no cadence can be measured.
    pub updates: Option<Vec<IncidentUpdate>>,
}

/// How to evaluate.
pub struct Config {
    pub as_of: DateTime<Utc>,
    pub from: Option<YearMonth>,
    pub to: Option<YearMonth>,
    /// Holiday tables by set name (`cn` and the contract's own).
    pub holidays: HashMap<String, Arc<HolidayTable>>,
    pub contract_value: Option<Money>,
    pub skip_bad_rows: bool,
    /// The contract file, as the report names it.
    pub file: String,
}

/// Counters gathered while evaluating.
#[derive(Default)]
pub struct Evaluation {
    pub verdict: Verdict,
    pub notes: Vec<String>,
}

/// Format an instant as RFC 3339 in the contract's zone.
pub fn fmt_time(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// Evaluate a contract the front end accepted over what was read.
pub fn evaluate(checked: &CheckedContract, mut inputs: Inputs, cfg: &Config) -> Result<Report, EvalError> {
    let c = checked.contract();
    if c.amendments.is_empty() {
        return evaluate_terms(c, &[c], &|_| true, &mut inputs, cfg);
    }
    amended::evaluate(c, inputs, cfg)
}

/// Evaluate one set of terms over every record. `versions` are all the
/// versions of the contract, so that each evaluates the same range.
///
/// `judges` says whether these terms judge an incident's clocks (for a
/// contract with amendments, those in force when it opened). An incident
/// they do not judge still counts toward availability, and a severity label
/// these terms do not know is no error for it: the label may be one an
/// amendment brought in.
fn evaluate_terms(
    c: &Contract,
    versions: &[&Contract],
    judges: &dyn Fn(&Incident) -> bool,
    inputs: &mut Inputs,
    cfg: &Config,
) -> Result<Report, EvalError> {
    let tz: Tz = c.header.timezone;
    let mut ev = Evaluation::default();
    let (mut skipped_incidents, mut skipped_maintenance, mut skipped_usage) = (Vec::new(), Vec::new(), Vec::new());
    let mut incidents = prepare::incidents(
        c,
        std::mem::take(&mut inputs.incidents),
        judges,
        cfg.skip_bad_rows,
        &mut skipped_incidents,
    )?;
    let mut maintenance =
        prepare::maintenance(c, std::mem::take(&mut inputs.maintenance), cfg.skip_bad_rows, &mut skipped_maintenance)?;
    // The report must not depend on the order of the rows: every list it
    // holds (incidents, causes of a run, excused intervals, notes) follows
    // time, then id.
    prepare::sort_stable_in_place(&mut incidents, |a, b| {
        (a.incident.opened_at, &a.incident.id).cmp(&(b.incident.opened_at, &b.incident.id))
    });
    maintenance.sort_by(|a, b| (a.record.start, &a.record.id).cmp(&(b.record.start, &b.record.id)));
    inputs.usage = prepare::usage(c, std::mem::take(&mut inputs.usage), cfg.skip_bad_rows, &mut skipped_usage)?;
    let mut skipped_changes = Vec::new();
    let histories = history::histories(
        c,
        &incidents,
        std::mem::take(&mut inputs.status_changes),
        cfg.as_of,
        &mut inputs.summaries,
        cfg.skip_bad_rows,
        &mut skipped_changes,
    )?;
    accounting::attach_skipped(&mut inputs.summaries, InputKind::StatusChanges, skipped_changes);
    let has_cadence = c.updates.is_some() || c.tiers.iter().any(|t| t.updates.is_some());
    if has_cadence && inputs.updates.is_none() {
        ev.notes.push("update cadence not measured: no incident-updates file was given".into());
    }
    let updates = updates::by_incident(&incidents, inputs.updates.take(), cfg.as_of, &mut inputs.summaries);
    accounting::attach_skipped(&mut inputs.summaries, InputKind::Incidents, skipped_incidents);
    accounting::attach_skipped(&mut inputs.summaries, InputKind::Maintenance, skipped_maintenance);
    accounting::attach_skipped(&mut inputs.summaries, InputKind::Usage, skipped_usage);
    accounting::count_uses(&mut inputs.summaries, c, &incidents, &maintenance);
    for s in &mut inputs.summaries {
        s.finish(crate::events::limits::MAX_SKIPPED_LISTED);
    }

    let (from, to) = range(versions, cfg, &incidents, &maintenance, inputs, tz);
    let window = window::Window::new(c, from, to, cfg.as_of, tz)?;
    if window.range_start > cfg.as_of {
        // Nothing can be judged yet: say so rather than print a clean sheet.
        ev.notes.push(format!(
            "the evaluated range begins after as_of ({}): no period has begun, nothing is judged",
            fmt_time(cfg.as_of, tz)
        ));
    }
    let mut clocks = clocks::Clocks::new(c, &cfg.holidays, tz);

    let judged: Vec<(prepare::PreparedMaintenance, maintenance::Judged)> =
        maintenance.iter().map(|m| maintenance::judge(c, m, tz).map(|j| (m.clone(), j))).collect::<Result<_, _>>()?;
    let usage_instances: Vec<(String, String)> = inputs
        .usage
        .iter()
        .filter_map(|u| Some((u.service.clone().or_else(|| single_service(c))?, u.instance.clone()?)))
        .collect();
    let sources = availability::Sources {
        contract: c,
        incidents: &incidents,
        maintenance: &judged,
        probes: &inputs.probes,
        has_probes: inputs.has_probes,
        instances_in_usage: &usage_instances,
        inventory: inputs.inventory.as_deref(),
        window: &window,
        tz,
    };
    let mut series = Vec::new();
    for promise in &c.availability {
        series.extend(availability::evaluate(promise, &sources, &mut ev)?);
    }

    let mut report = Report {
        report_version: REPORT_VERSION,
        contract: report::ContractInfo {
            id: c.id.clone(),
            title: c.header.title.clone(),
            provider: c.header.provider.clone(),
            customer: c.header.customer.clone(),
            timezone: c.header.timezone.name().to_owned(),
            currency: c.header.currency.clone(),
            file: cfg.file.clone(),
        },
        as_of: fmt_time(cfg.as_of, tz),
        from: from.to_string(),
        to: to.to_string(),
        ..Default::default()
    };
    if inputs.usage.iter().any(|u| u.objects_total.is_some()) {
        for d in &c.durability {
            report.durability.extend(durability::evaluate(d, &inputs.usage, &window, tz, &mut ev)?);
        }
    } else if !c.durability.is_empty() {
        ev.notes.push("durability not evaluated: no usage rows give objects_total and objects_lost".into());
    }

    // Incidents opened inside the evaluated range are reported. Each goes to
    // the report's list as it is judged (spooled to disk when there are
    // many); only the clocks that ran over are kept, for the penalties, and
    // only when the contract has any.
    let mut listed = report::IncidentList::default();
    type OverLimit<'p> =
        (&'p prepare::PreparedIncident, &'p str, Option<tiers::ClockOutcome>, Option<tiers::ClockOutcome>);
    let mut over_limit: Vec<OverLimit<'_>> = Vec::new();
    // Outage windows of another incident are judged through that incident.
    for p in incidents.iter().filter(|p| {
        p.incident.outage_of().is_none()
            && p.incident.opened_at >= window.range_start
            && p.incident.opened_at < window.range_end
    }) {
        if p.incident.opened_at > cfg.as_of {
            ev.notes.push(format!("incident {} opens after as_of and is not judged", p.incident.id));
            continue;
        }
        // The contract governs only what happens during its term, as its
        // availability periods do: an incident opened before the term
        // starts or after it ends is listed in the notes, not judged.
        if let Some(side) = window.outside_term(p.incident.opened_at) {
            ev.notes.push(format!(
                "incident {} opened {side} the contract term ({}) and is not judged",
                p.incident.id,
                c.header.term.as_ref().map(term_text).unwrap_or_default()
            ));
            continue;
        }
        let history = histories.get(&*p.incident.id);
        let updates = updates.as_ref().and_then(|u| u.get(&*p.incident.id)).map(Vec::as_slice);
        let judged = tiers::judge(c, p, history, updates, &mut clocks, tz, cfg.as_of, &mut ev)?;
        if !c.penalties.is_empty()
            && judged.ran_over()
            && let Some(tier) = c.tiers.iter().find(|t| judged.report.tier.as_ref() == Some(&t.id))
        {
            over_limit.push((p, &tier.id, judged.response.clone(), judged.resolution.clone()));
        }
        // A contract without tiers judges no incident; its outages are in
        // the availability ledgers.
        if !c.tiers.is_empty() {
            listed.push(judged.report);
        }
    }

    let amounts =
        compensation::Amounts { contract: c, usage: &inputs.usage, contract_value: cfg.contract_value.clone() };
    for credit in &c.credits {
        let lines = compensation::credits(credit, &series, &amounts, &mut clocks).map_err(|e| {
            e.in_clause(format!("the credit of {}", credit.service), credit.span, credit.citation.as_ref())
        })?;
        report.credits.extend(lines);
    }
    credit_rules::one_claim_per_group(&c.credits, &mut report.credits);
    // `no charge` slices apply by themselves: no band, claim or group.
    report.credits.extend(slices::credits(&series, &amounts, tz)?);
    report.entitlements = compensation::entitlements(c, &series);
    // Moved, not copied, once nothing else reads them: with many outages
    // the runs and their causes are a good part of the memory.
    report.availability = series.into_iter().flat_map(|s| s.ledgers).collect();
    let penalty_inputs: Vec<compensation::PenaltyInput<'_>> = over_limit
        .iter()
        .map(|(p, tier, response, resolution)| compensation::PenaltyInput {
            incident: &p.incident.id,
            tier,
            opened_in_term: window.outside_term(p.incident.opened_at).is_none(),
            response: response.as_ref(),
            resolution: resolution.as_ref(),
        })
        .collect();
    let whole_term = covers_whole_term(&window);
    for p in &c.penalties {
        let (lines, total) = compensation::penalties(p, &penalty_inputs, &amounts, whole_term)
            .map_err(|e| e.in_clause(format!("penalty `{}`", p.id), p.span, p.citation.as_ref()))?;
        report.penalties.extend(lines);
        report.penalty_totals.push(total);
    }
    report.liability = compensation::liability(&amounts);
    report.objectives = objectives::evaluate(c, &inputs.metrics, &window, &mut ev);
    report.unmatched_causes = unmatched_causes(c, &incidents, &window);
    report.incidents = listed;
    report.totals = totals(&report, c)?;
    report.inputs = std::mem::take(&mut inputs.summaries);
    ev.verdict.all_met = ev.verdict.availability_missed == 0
        && ev.verdict.durability_missed == 0
        && ev.verdict.clocks_breached == 0
        && ev.verdict.objectives_missed == 0
        && ev.verdict.updates_missed.unwrap_or(0) == 0;
    report.verdict = ev.verdict;
    report.notes = ev.notes;
    Ok(report)
}

fn single_service(c: &Contract) -> Option<String> {
    match c.services.as_slice() {
        [one] => Some(one.id.clone()),
        _ => None,
    }
}

/// The months to evaluate: as asked, else those the data spans (never past
/// as_of), else the month of as_of; a derived end is widened to whole
/// periods.
fn range(
    versions: &[&Contract],
    cfg: &Config,
    incidents: &[prepare::PreparedIncident],
    maintenance: &[prepare::PreparedMaintenance],
    inputs: &Inputs,
    tz: Tz,
) -> (YearMonth, YearMonth) {
    let month = |t: DateTime<Utc>| YearMonth::of(date_of(tz, t).unwrap_or_else(|_| t.date_naive()));
    let mut seen: Vec<YearMonth> = Vec::new();
    // An outage spans the months from its opening to its end.
    seen.extend(incidents.iter().map(|i| month(i.incident.opened_at)));
    seen.extend(incidents.iter().filter_map(|i| i.incident.resolved_at).map(month));
    seen.extend(maintenance.iter().flat_map(|m| [month(m.record.start), month(m.record.end)]));
    seen.extend(inputs.usage.iter().filter_map(|u| YearMonth::parse(&u.period)));
    if let Some(first) = inputs.probes.first_minute() {
        seen.push(month(minutes::minute_start(first)));
    }
    if let Some(last) = inputs.probes.last_minute() {
        seen.push(month(minutes::minute_start(last)));
    }
    let as_of_month = month(cfg.as_of);
    // A derived range covers whole periods of the contract's longest period
    // (a yearly promise with data from March is evaluated from January):
    // otherwise a default range would make its own periods partial.
    let whole = versions
        .iter()
        .flat_map(|c| {
            c.availability
                .iter()
                .map(|a| a.period_or_default())
                .chain(c.durability.iter().map(|d| d.period.unwrap_or(crate::ir::PeriodKind::Month)))
        })
        .max_by_key(|k| k.months())
        .unwrap_or(crate::ir::PeriodKind::Month);
    let first_of = |m: YearMonth| period::Period::containing(whole, m, tz).map_or(m, |p| p.first_month);
    let last_of = |m: YearMonth| period::Period::containing(whole, m, tz).map_or(m, |p| p.last_month());
    let from = cfg.from.unwrap_or_else(|| first_of(seen.iter().min().copied().unwrap_or(as_of_month)));
    // An explicit --to before --from is the user's mistake and an error
    // (Window::new says so); only a derived end is moved up to --from.
    let to = cfg
        .to
        .unwrap_or_else(|| last_of(seen.iter().max().map(|m| (*m).min(as_of_month)).unwrap_or(as_of_month).max(from)));
    (from, to)
}

fn term_text(t: &crate::ir::Term) -> String {
    match t.end {
        Some(end) => format!("{}..{end}", t.start),
        None => format!("{}..", t.start),
    }
}

fn covers_whole_term(w: &window::Window) -> bool {
    match (w.term_start, w.term_end) {
        (Some(s), Some(e)) => w.range_start <= s && w.range_end >= e,
        _ => false,
    }
}

/// Causes that excuse nothing, on the incidents that reach into the
/// evaluated range (a year's file evaluated for one month lists that
/// month's).
fn unmatched_causes(
    c: &Contract,
    incidents: &[prepare::PreparedIncident],
    window: &window::Window,
) -> Vec<UnmatchedCause> {
    let mut by_cause: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let reaches = |p: &&prepare::PreparedIncident| {
        let end = p.incident.resolved_at.unwrap_or(window.as_of).max(p.incident.opened_at);
        p.incident.opened_at < window.range_end
            && (end > window.range_start || p.incident.opened_at >= window.range_start)
    };
    for p in incidents.iter().filter(reaches) {
        let Some(cause) = p.incident.cause().map(str::trim).filter(|s| !s.is_empty()) else { continue };
        if !c.cause_is_known(cause) {
            by_cause.entry(cause.to_owned()).or_default().push(p.incident.id.to_string());
        }
    }
    by_cause
        .into_iter()
        .map(|(cause, incidents)| {
            let note = if crate::ir::is_maintenance_category(&cause) {
                "a maintenance cause on an incident is not an exclusion: only a maintenance record shows the notice given".into()
            } else {
                "not an exclusion of this contract: the minutes count".into()
            };
            UnmatchedCause { cause, incidents, note }
        })
        .collect()
}

fn totals(r: &Report, c: &Contract) -> Result<report::Totals, EvalError> {
    let mut per: BTreeMap<String, rust_decimal::Decimal> = BTreeMap::new();
    for l in &r.credits {
        let sum = per.entry(l.period.clone()).or_default();
        *sum = sum.checked_add(l.amount).ok_or_else(EvalError::too_large("the credits of one period"))?;
    }
    Ok(report::Totals {
        credits: compensation::checked_sum(per.values().copied())
            .ok_or_else(EvalError::too_large("the total of the credits"))?,
        per_period: per.into_iter().map(|(period, credits)| report::PeriodTotal { period, credits }).collect(),
        penalties: compensation::checked_sum(r.penalty_totals.iter().map(|t| t.total))
            .ok_or_else(EvalError::too_large("the total of the penalties"))?,
        currency: c.header.currency.clone(),
    })
}
