//! Evaluating a contract with amendments (`docs/semantics.md`,
//! "Amendments").
//!
//! Each version of the contract (the original, then each amendment applied
//! on top of the earlier ones) is evaluated over every record, exactly as
//! a contract without amendments is; then each line of the report is taken
//! from the version that governs it:
//!
//! - a period (availability, durability, objective, its credit and
//!   entitlement) from the version in force on its first day, or on its
//!   last day under `amendments apply from period end`;
//! - an incident, and the penalties on its clocks, from the version in
//!   force on the day it opened.
//!
//! Evaluating whole versions rather than splicing clauses keeps one code
//! path for every rule: a version's ledger for a period is the ledger the
//! contract would have if those terms had held all along, which is what
//! "the terms in force" means.

use super::{Config, EvalError, Inputs, compensation::months_of, evaluate_terms, totals};
use crate::ir::{Contract, StraddleRule, Version};
use crate::report::{
    ClockStatus, DurabilityStatus, ObjectiveStatus, PenaltyTotal, PeriodStatus, Report, TermsInForce, UnmatchedCause,
    Verdict,
};
use chrono::{DateTime, NaiveDate};
use std::collections::{BTreeMap, HashMap};

pub(super) fn evaluate(c: &Contract, mut inputs: Inputs, cfg: &Config) -> Result<Report, EvalError> {
    let versions = c.versions();
    let all: Vec<&Contract> = versions.iter().map(|v| &v.contract).collect();
    let incidents = std::mem::take(&mut inputs.incidents);
    let maintenance = std::mem::take(&mut inputs.maintenance);
    let usage = std::mem::take(&mut inputs.usage);
    let summaries = std::mem::take(&mut inputs.summaries);
    let changes = std::mem::take(&mut inputs.status_changes);
    let updates = inputs.updates.take();
    let tz = c.header.timezone;
    let governing = |inc: &crate::events::Incident| {
        let date = crate::calendar::local_time::date_of(tz, inc.opened_at).unwrap_or(inc.opened_at.date_naive());
        versions.iter().rposition(|v| v.in_force_on(date)).unwrap_or(0)
    };
    let mut reports = Vec::with_capacity(versions.len());
    for (i, v) in versions.iter().enumerate() {
        // The probes are only read; the rows each version takes are copies.
        inputs.incidents = incidents.clone();
        inputs.maintenance = maintenance.clone();
        inputs.usage = usage.clone();
        inputs.summaries = summaries.clone();
        inputs.status_changes = changes.clone();
        inputs.updates = updates.clone();
        let judges = |inc: &crate::events::Incident| governing(inc) == i;
        let report = evaluate_terms(&v.contract, &all, &judges, &mut inputs, cfg).map_err(|e| in_terms(e, v, c))?;
        reports.push(report);
    }
    merge(c, &versions, reports)
}

/// An error of an amended version says which terms it arose under.
fn in_terms(e: EvalError, v: &Version, c: &Contract) -> EvalError {
    match c.amendments.iter().find(|a| a.name == v.terms) {
        Some(a) => e.in_clause(format!("amendment \"{}\"", a.name), a.span, a.citation.as_ref()),
        None => e,
    }
}

/// Which version governs what.
struct Governs<'a> {
    versions: &'a [Version],
    rule: StraddleRule,
}

impl Governs<'_> {
    fn on(&self, date: NaiveDate) -> usize {
        self.versions.iter().rposition(|v| v.in_force_on(date)).unwrap_or(0)
    }

    /// The version that judges a period, by its label (`2025-07`,
    /// `2025-Q3`, `2025`).
    fn period(&self, label: &str) -> usize {
        governing_period(self.versions, self.rule, label)
    }

    /// The version in force when an incident opened (its `opened_at` is
    /// written in the contract's zone, so its date is the local date).
    fn opened(&self, opened_at: &str) -> usize {
        DateTime::parse_from_rfc3339(opened_at).map_or(0, |t| self.on(t.date_naive()))
    }

    fn name(&self, i: usize) -> Option<String> {
        Some(self.versions[i].terms.clone())
    }
}

/// The version that judges a period, by its label (`2025-07`, `2025-Q3`,
/// `2025`): the one in force on its first day, or its last under `rule`
/// `PeriodEnd`. The SQL of an amended contract asks the same
/// (`sql::versions`).
pub fn governing_period(versions: &[Version], rule: StraddleRule, label: &str) -> usize {
    let months = months_of(label);
    let date = match (rule, months.first(), months.last()) {
        (StraddleRule::PeriodStart, Some(first), _) => first.first_day(),
        (StraddleRule::PeriodEnd, _, Some(last)) => last.last_day(),
        _ => return 0,
    };
    versions.iter().rposition(|v| v.in_force_on(date)).unwrap_or(0)
}

/// Lines of a report that belong to one period: taken from the governing
/// version's report, in the order of the original's (series, then period).
fn pick<T: Clone>(
    reports: &[Report],
    list: impl Fn(&Report) -> &Vec<T>,
    period: impl Fn(&T) -> &str,
    series: impl Fn(&T) -> String,
    governs: &Governs<'_>,
    mut name: impl FnMut(&mut T, Option<String>),
) -> Vec<T> {
    let mut order: Vec<String> = Vec::new();
    let mut picked: Vec<(usize, Vec<crate::eval::YearMonth>, T)> = Vec::new();
    for (i, r) in reports.iter().enumerate() {
        for item in list(r) {
            let key = series(item);
            if !order.contains(&key) {
                order.push(key.clone());
            }
            if governs.period(period(item)) != i {
                continue;
            }
            let at = order.iter().position(|k| *k == key).unwrap_or(0);
            let mut item = item.clone();
            name(&mut item, governs.name(i));
            picked.push((at, months_of(period(&item)), item));
        }
    }
    picked.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    picked.into_iter().map(|(_, _, item)| item).collect()
}

fn merge(c: &Contract, versions: &[Version], reports: Vec<Report>) -> Result<Report, EvalError> {
    let governs = Governs { versions, rule: c.straddle_rule() };
    let Some(first) = reports.first() else { return Err(EvalError::Usage("a contract has no version".into())) };
    let mut out = Report {
        report_version: first.report_version,
        contract: first.contract.clone(),
        as_of: first.as_of.clone(),
        from: first.from.clone(),
        to: first.to.clone(),
        inputs: first.inputs.clone(),
        ..Report::default()
    };
    let key = |s: &str, i: &Option<String>| format!("{s}\u{0}{}", i.as_deref().unwrap_or(""));
    out.availability = pick(
        &reports,
        |r| &r.availability,
        |l| &l.period,
        |l| key(&l.service, &l.instance),
        &governs,
        |l, t| l.terms = t,
    );
    out.durability = pick(
        &reports,
        |r| &r.durability,
        |l| &l.period,
        |l| key(&l.service, &l.instance),
        &governs,
        |l, t| l.terms = t,
    );
    out.credits =
        pick(&reports, |r| &r.credits, |l| &l.period, |l| key(&l.service, &l.instance), &governs, |l, t| l.terms = t);
    out.entitlements = pick(
        &reports,
        |r| &r.entitlements,
        |l| &l.period,
        |l| key(&l.service, &l.instance),
        &governs,
        |l, t| l.terms = t,
    );
    out.objectives =
        pick(&reports, |r| &r.objectives, |l| &l.period, |l| l.objective.clone(), &governs, |l, t| l.terms = t);

    // Incidents: versions partition time, so taking each version's own in
    // version order keeps the order of opening.
    let mut incident_terms: HashMap<String, usize> = HashMap::new();
    for (i, r) in reports.iter().enumerate() {
        for inc in r.incidents.iter().filter(|inc| governs.opened(&inc.opened_at) == i) {
            incident_terms.insert(inc.id.clone(), i);
            let mut inc = inc;
            inc.terms = governs.name(i);
            out.incidents.push(inc);
        }
    }
    penalties(&reports, &governs, &incident_terms, &mut out);
    // Liability caps are stated for the term: those of the last version.
    out.liability = reports.last().map(|r| r.liability.clone()).unwrap_or_default();
    out.unmatched_causes = unmatched(&reports, &incident_terms);
    for r in &reports {
        for n in &r.notes {
            if !out.notes.contains(n) {
                out.notes.push(n.clone());
            }
        }
    }
    out.totals = totals(&out, c)?;
    out.verdict = verdict(&out);
    out.terms = versions
        .iter()
        .map(|v| TermsInForce {
            terms: v.terms.clone(),
            from: v.from.map(|d| d.to_string()),
            to: v.until.and_then(|d| d.pred_opt()).map(|d| d.to_string()),
            citation: c
                .amendments
                .iter()
                .find(|a| a.name == v.terms)
                .and_then(|a| a.citation.as_ref())
                .map(|c| c.section.clone()),
        })
        .collect();
    Ok(out)
}

/// Each breach is charged under the penalty clause in force when its
/// incident opened; a clause's cap (over the term) is the one of the last
/// version that has the clause, applied to all of its lines.
fn penalties(reports: &[Report], governs: &Governs<'_>, incident_terms: &HashMap<String, usize>, out: &mut Report) {
    for (i, r) in reports.iter().enumerate() {
        for line in r.penalties.iter().filter(|l| incident_terms.get(&l.incident) == Some(&i)) {
            let mut line = line.clone();
            line.terms = governs.name(i);
            out.penalties.push(line);
        }
    }
    // The order of the clauses as the versions give them, the last
    // version's total of each clause holding its cap.
    let mut totals: Vec<(usize, PenaltyTotal)> = Vec::new();
    for (i, r) in reports.iter().enumerate() {
        for t in &r.penalty_totals {
            match totals.iter_mut().find(|(_, x)| x.penalty == t.penalty) {
                Some(slot) => *slot = (i, t.clone()),
                None => totals.push((i, t.clone())),
            }
        }
    }
    for (i, mut t) in totals {
        let lines = out.penalties.iter().filter(|l| l.penalty == t.penalty).map(|l| l.amount);
        t.before_cap = super::compensation::checked_sum(lines).unwrap_or(t.before_cap);
        t.total = t.cap.map_or(t.before_cap, |cap| t.before_cap.min(cap));
        t.terms = governs.name(i);
        out.penalty_totals.push(t);
    }
}

/// A cause is listed against an incident when the version that judges the
/// incident has no exclusion for it; an incident opened before the range
/// (judged by none) is listed when no version has one.
fn unmatched(reports: &[Report], incident_terms: &HashMap<String, usize>) -> Vec<UnmatchedCause> {
    let mut by_cause: BTreeMap<String, (Vec<String>, String)> = BTreeMap::new();
    let listed_by = |cause: &str, id: &str, i: usize| {
        reports[i].unmatched_causes.iter().any(|u| u.cause == cause && u.incidents.iter().any(|x| x == id))
    };
    for r in reports {
        for u in &r.unmatched_causes {
            for id in &u.incidents {
                let keep = match incident_terms.get(id) {
                    Some(&i) => listed_by(&u.cause, id, i),
                    None => (0..reports.len()).all(|i| listed_by(&u.cause, id, i)),
                };
                let entry = by_cause.entry(u.cause.clone()).or_insert_with(|| (Vec::new(), u.note.clone()));
                if keep && !entry.0.contains(id) {
                    entry.0.push(id.clone());
                }
            }
        }
    }
    by_cause
        .into_iter()
        .filter(|(_, (incidents, _))| !incidents.is_empty())
        .map(|(cause, (incidents, note))| UnmatchedCause { cause, incidents, note })
        .collect()
}

/// The verdict counts what the merged report holds, as each evaluation
/// counts what it judges.
fn verdict(r: &Report) -> Verdict {
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let v = Verdict {
        all_met: false,
        availability_missed: count(r.availability.iter().filter(|l| l.status == PeriodStatus::Missed).count()),
        durability_missed: count(r.durability.iter().filter(|l| l.status == DurabilityStatus::Missed).count()),
        clocks_breached: count(
            r.incidents
                .iter()
                .flat_map(|i| [i.response, i.resolution])
                .flatten()
                .filter(|c| c.status == ClockStatus::Breached)
                .count(),
        ),
        objectives_missed: count(r.objectives.iter().filter(|o| o.status == ObjectiveStatus::Missed).count()),
        updates_missed: any_cadence(r)
            .then(|| r.incidents.iter().filter_map(|i| i.updates).fold(0u32, |n, u| n.saturating_add(u.missed))),
        updates_not_measured: any_cadence(r).then(|| {
            count(
                r.incidents
                    .iter()
                    .filter_map(|i| i.updates)
                    .filter(|u| u.status == crate::report::UpdatesStatus::NotMeasured)
                    .count(),
            )
        }),
    };
    Verdict {
        all_met: v.availability_missed == 0
            && v.durability_missed == 0
            && v.clocks_breached == 0
            && v.objectives_missed == 0
            && v.updates_missed.unwrap_or(0) == 0,
        ..v
    }
}

/// Whether the merged report judged any incident on an update cadence.
fn any_cadence(r: &Report) -> bool {
    r.incidents.iter().any(|i| i.updates.is_some())
}
