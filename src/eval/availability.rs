//! Availability: the state of every minute, the runs, and one ledger per
//! period for each service or instance (semantics.md section 4).

use super::EvalError;
use super::eligibility::Deployment;
use super::maintenance::Judged;
use super::minutes::{Minute, MinuteSet, ceil_minute, floor_minute, minute_start, touched};
use super::outage_length::{self, MS_PER_MINUTE};
use super::prepare::{PreparedIncident, PreparedMaintenance};
use super::probes::{self, ProbeGrid, ProbeSeries};
use super::regions;
use super::sets;
use super::slices;
use super::window::{Treatment, Window};
use super::{Evaluation, fmt_time};
use crate::events::Impact;
use crate::ir::{Availability, Contract, Formula, MeasuredBy, Percent, compare_ratio_to_percent};
use crate::report::{AvailabilityLedger, ExcusedInterval, MaintenanceNote, PeriodStatus, Ratio, Run};
use chrono_tz::Tz;
use rust_decimal::Decimal;
use std::collections::{BTreeSet, HashMap};

/// Runs as `[start, end)` minute intervals.
type Spans = Vec<(Minute, Minute)>;

/// A stretch of minutes and what it came from.
#[derive(Clone, Debug)]
pub(super) struct Tagged {
    pub span: (Minute, Minute),
    /// Shared by the runs it causes (a label is copied into every run of
    /// a flapping month otherwise).
    pub label: std::sync::Arc<str>,
    pub citation: Option<String>,
    /// The record's own `[start, end)` in milliseconds, where it is not
    /// whole minutes (incidents, maintenance), for outages measured by
    /// their own length.
    pub exact: Option<(i64, i64)>,
    /// For an excused stretch: the promise whose own rule excused it.
    pub scope: Option<String>,
}

impl Tagged {
    /// `[start, end)` in milliseconds: the record's own, else its minutes.
    pub fn millis(&self) -> (i64, i64) {
        self.exact.unwrap_or((self.span.0 * MS_PER_MINUTE, self.span.1 * MS_PER_MINUTE))
    }
}

/// What one promise computed for one series, kept for credits and
/// entitlements.
#[derive(Clone, Debug)]
pub struct SeriesResult {
    pub service: String,
    pub instance: Option<String>,
    pub ledgers: Vec<AvailabilityLedger>,
    /// The exact ratio per ledger (`None` when skipped or no ratio).
    pub ratios: Vec<Option<(i64, i64)>>,
    /// The bad slices per ledger, for `no charge` credits (empty without a
    /// slice rule).
    pub slices: Vec<Vec<slices::Marked>>,
    /// `per region`: the region of this cell.
    pub region: Option<String>,
    /// The promise's slice rule, for the credits of its bad slices.
    pub slice_rule: Option<crate::ir::SliceRule>,
}

/// Inputs shared by every series.
pub struct Sources<'a> {
    pub contract: &'a Contract,
    pub incidents: &'a [PreparedIncident],
    pub maintenance: &'a [(PreparedMaintenance, Judged)],
    pub probes: &'a ProbeGrid,
    pub has_probes: bool,
    pub instances_in_usage: &'a [(String, String)],
    /// The instances the customer runs, when an inventory file was given.
    pub inventory: Option<&'a [crate::events::InventoryRow]>,
    pub window: &'a Window,
    pub tz: Tz,
}

pub fn evaluate(
    promise: &Availability,
    src: &Sources<'_>,
    ev: &mut Evaluation,
) -> Result<Vec<SeriesResult>, EvalError> {
    if !promise.per_region {
        return evaluate_cell(promise, src, ev);
    }
    let cells = regions::cells(&promise.service, src.incidents, src.probes);
    // Maintenance rows carry no region: they concern every cell.
    let svc = promise.service.as_str();
    if cells.len() > 1 && src.maintenance.iter().any(|(m, _)| m.target.service == svc) {
        ev.notes.push(format!(
            "availability of {svc} per region: maintenance rows name no region and count in every region"
        ));
    }
    let no_probes = ProbeGrid::new();
    let mut out = Vec::new();
    for regions::Cell { name: region, key, incidents } in cells {
        // A region's probes are the rows that name it (a row of the
        // service without one was refused when the rows were read).
        let probes = match &key {
            Some(k) => src.probes.region(k).unwrap_or(&no_probes),
            None => src.probes,
        };
        let cell_src = Sources { incidents: &incidents, probes, ..*src };
        let mut results = evaluate_cell(promise, &cell_src, ev)?;
        for r in &mut results {
            for l in &mut r.ledgers {
                l.region = region.clone();
            }
            r.region = region.clone();
        }
        out.extend(results);
    }
    Ok(out)
}

/// One promise over one cell's records (the whole service, or one region).
fn evaluate_cell(
    promise: &Availability,
    src: &Sources<'_>,
    ev: &mut Evaluation,
) -> Result<Vec<SeriesResult>, EvalError> {
    let measured = src.contract.service(&promise.service).map(|s| s.measured).unwrap_or_default();
    let incidents = ByInstance::new(src.incidents.iter().filter(|p| p.target.service == promise.service), |p| {
        p.target.instance.as_deref()
    });
    // A promise with exclusions or notice rules of its own judges its
    // service's maintenance again by them; the others share the contract's
    // judgement.
    let own_judged;
    let judged = if promise.has_scoped_rules() {
        own_judged = super::maintenance::judge_all_for(src.contract, promise, src.maintenance, src.tz)?;
        &own_judged[..]
    } else {
        src.maintenance
    };
    let maintenance = ByInstance::new(judged.iter().filter(|(m, _)| m.target.service == promise.service), |(m, _)| {
        m.target.instance.as_deref()
    });
    let deployment = Deployment::of(promise, src.inventory)?;
    // A set judged by its instances (`set down when ...`): each instance's
    // own records, as if it were measured per instance.
    let members: Vec<(String, Records<'_>)> = match promise.set_down {
        Some(_) if measured == MeasuredBy::Service => series_of(promise, MeasuredBy::Instance, src)
            .into_iter()
            .flatten()
            .map(|name| {
                let records = Records {
                    incidents: incidents.concerning(Some(&name), MeasuredBy::Instance),
                    maintenance: maintenance.concerning(Some(&name), MeasuredBy::Instance),
                };
                (name, records)
            })
            .collect(),
        _ => Vec::new(),
    };
    let mut out = Vec::new();
    let mut all = series_of(promise, measured, src);
    if let (MeasuredBy::Instance, Some(d)) = (measured, &deployment) {
        // Instances that ran with no record of their own are series too:
        // each is covered or not, and met while nothing went down.
        let mut named: BTreeSet<Option<String>> = all.into_iter().filter(Option::is_some).collect();
        named.extend(d.instances().map(|i| Some(i.to_owned())));
        all = if named.is_empty() { vec![None] } else { named.into_iter().collect() };
    }
    for instance in all {
        let records = Records {
            incidents: incidents.concerning(instance.as_deref(), measured),
            maintenance: maintenance.concerning(instance.as_deref(), measured),
        };
        let around = Around { members: &members, deployment: deployment.as_ref() };
        out.push(series(promise, measured, instance, &records, &around, src, ev)?);
    }
    Ok(out)
}

/// One service's records, grouped by the instance they name, so each series
/// finds its own without scanning every record.
struct ByInstance<'a, T> {
    named: HashMap<&'a str, Vec<&'a T>>,
    /// Records that name no instance: they concern every instance.
    unnamed: Vec<&'a T>,
}

impl<'a, T> ByInstance<'a, T> {
    fn new(records: impl Iterator<Item = &'a T>, instance: impl Fn(&'a T) -> Option<&'a str>) -> Self {
        let mut named: HashMap<&'a str, Vec<&'a T>> = HashMap::new();
        let mut unnamed = Vec::new();
        for r in records {
            match instance(r) {
                Some(i) => named.entry(i).or_default().push(r),
                None => unnamed.push(r),
            }
        }
        ByInstance { named, unnamed }
    }

    /// The records that concern a series: all of them when the service is
    /// measured as a whole (or has no instances), else the instance's own and
    /// those naming none.
    fn concerning(&self, series: Option<&str>, measured: MeasuredBy) -> Vec<&'a T> {
        let mut out = self.unnamed.clone();
        match series {
            Some(i) if measured != MeasuredBy::Service => out.extend(self.named.get(i).into_iter().flatten().copied()),
            _ => out.extend(self.named.values().flatten().copied()),
        }
        out
    }
}

/// The records one series is judged on.
pub(super) struct Records<'a> {
    incidents: Vec<&'a PreparedIncident>,
    maintenance: Vec<&'a (PreparedMaintenance, Judged)>,
}

/// The series a promise is judged for: the service, or each instance or
/// component.
fn series_of(promise: &Availability, measured: MeasuredBy, src: &Sources<'_>) -> Vec<Option<String>> {
    let svc = &promise.service;
    match measured {
        MeasuredBy::Service => vec![None],
        MeasuredBy::Component => src
            .contract
            .service(svc)
            .map(|s| s.components.iter().map(|c| Some(c.id.clone())).collect())
            .unwrap_or_default(),
        MeasuredBy::Instance => {
            let mut names: BTreeSet<String> = BTreeSet::new();
            names.extend(
                src.incidents.iter().filter(|i| &i.target.service == svc).filter_map(|i| i.target.instance.clone()),
            );
            names.extend(
                src.maintenance
                    .iter()
                    .filter(|(m, _)| &m.target.service == svc)
                    .filter_map(|(m, _)| m.target.instance.clone()),
            );
            names.extend(src.probes.instances(svc));
            names.extend(src.instances_in_usage.iter().filter(|(s, _)| s == svc).map(|(_, i)| i.clone()));
            if names.is_empty() { vec![None] } else { names.into_iter().map(Some).collect() }
        }
    }
}

/// What a series is judged with beside its own records: the members of a
/// set judged by its instances, and the customer's deployment when an
/// inventory was given.
struct Around<'a, 'r> {
    members: &'a [(String, Records<'r>)],
    deployment: Option<&'a Deployment<'a>>,
}

fn series(
    promise: &Availability,
    measured: MeasuredBy,
    instance: Option<String>,
    records: &Records<'_>,
    around: &Around<'_, '_>,
    src: &Sources<'_>,
    ev: &mut Evaluation,
) -> Result<SeriesResult, EvalError> {
    let (members, deployment) = (around.members, around.deployment);
    let svc = promise.service.as_str();
    let Marks { mut down, mut excused, maint_notes } = marks(promise, measured, instance.as_deref(), records, src);
    let (down_set, down_ms) = match promise.set_down.filter(|_| measured == MeasuredBy::Service && !members.is_empty())
    {
        Some(rule) => {
            let (set, set_ms, tagged) =
                sets::set_down(rule, members, |name, r| marks(promise, MeasuredBy::Instance, Some(name), r, src).down);
            down = tagged;
            (set, set_ms)
        }
        None => (
            MinuteSet::from_intervals(down.iter().map(|t| t.span).collect()),
            MinuteSet::from_intervals(down.iter().map(Tagged::millis).collect()),
        ),
    };
    // Outages measured by their own length, in milliseconds.
    let by_length = outage_length::Outages::new(promise.outages, &down_ms, &excused, &down);

    // Excused intervals are listed in time order, whatever kind of record
    // they came from.
    excused.sort_by_key(|t| t.span);

    let excl_set = MinuteSet::from_intervals(excused.iter().map(|t| t.span).collect());
    let excused_set = down_set.intersect(&excl_set);
    let unexcused = down_set.minus(&excl_set);
    let min_len = promise.minimum_outage_minutes();
    let (counted, short): (Spans, Spans) = unexcused.spans().iter().partition(|(a, b)| b - a >= min_len);
    let counted_set = MinuteSet::from_intervals(counted.clone());
    let counted_causes = causes_of(&counted, &down);
    let short_causes = causes_of(&short, &down);

    let mut result = SeriesResult {
        service: svc.to_owned(),
        instance: instance.clone(),
        ledgers: Vec::new(),
        ratios: Vec::new(),
        slices: Vec::new(),
        region: None,
        slice_rule: promise.slices,
    };
    let policy = promise.partial_or_default();
    for plan in src.window.periods(promise.period_or_default(), policy, src.tz)? {
        let mut l = AvailabilityLedger {
            service: svc.to_owned(),
            instance: instance.clone(),
            period: plan.period.label.clone(),
            in_progress: plan.in_progress,
            partial: plan.partial.clone(),
            target: promise.target.to_string(),
            formula: formula_text(promise.formula_or_default()).to_owned(),
            citation: promise.citation.as_ref().map(|c| c.section.clone()),
            set_rule: sets::ledger_text(promise, measured, members),
            ..Default::default()
        };
        if let Treatment::Skip(reason) = &plan.treatment {
            l.status = PeriodStatus::Skipped;
            l.partial = Some(reason.clone());
            result.ledgers.push(l);
            result.ratios.push(None);
            result.slices.push(Vec::new());
            continue;
        }
        if let Some(reason) =
            deployment.and_then(|d| d.not_covered(promise, instance.as_deref(), plan.count_from, plan.count_to))
        {
            l.status = PeriodStatus::NotCovered;
            l.not_covered = Some(reason);
            result.ledgers.push(l);
            result.ratios.push(None);
            continue;
        }
        let (ca, cb) = (floor_minute(plan.count_from), floor_minute(plan.count_to));
        let mut counts_toward: Option<MinuteSet> = None;
        let (mut t, mut e) = (plan.period.minutes(), excused_set.count_within(ca, cb));
        let mut u = match &by_length {
            Some(o) => o.minutes_within(ca, cb),
            None => counted_set.count_within(ca, cb),
        };
        // T from the inventory: only its minutes count, for E and U too
        // (U on the minute grid; an outage measured by its own length
        // keeps its length).
        if let (Some(rule), Some(d)) = (promise.total_minutes, deployment) {
            let total =
                super::denominator::total(rule, d, instance.as_deref(), (plan.count_from, plan.count_to), src.tz)?;
            if total.minutes.is_empty() {
                l.status = PeriodStatus::NotCovered;
                l.not_covered = Some(format!("no minute of the period counts toward T: {}", total.derived));
                result.ledgers.push(l);
                result.ratios.push(None);
                continue;
            }
            t = total.minutes.len();
            e = excused_set.intersect(&total.minutes).len();
            if by_length.is_none() {
                u = counted_set.intersect(&total.minutes).len();
            }
            l.total_from = Some(total.derived);
            counts_toward = Some(total.minutes);
        }
        l.total_minutes = t;
        l.excused_minutes = e;
        l.unavailable_minutes = u;
        let (num, den) = match promise.formula_or_default() {
            Formula::ExcludingExcused => (t - e - u, t - e),
            Formula::OverTotal => (t - u, t),
        };
        let allowed = allowed_minutes(promise.target, den);
        l.allowed_minutes = Some(allowed);
        l.remaining_minutes = Some(allowed - Decimal::from(u));
        let met = den <= 0 || compare_ratio_to_percent(i128::from(num), i128::from(den), promise.target).is_ge();
        l.ratio = (den > 0).then(|| Ratio { numerator: num, denominator: den, percent: truncated_percent(num, den) });
        l.status = if met { PeriodStatus::Met } else { PeriodStatus::Missed };
        if !met {
            ev.verdict.availability_missed += 1;
        }
        let (counted_runs, mut shorts) = match &by_length {
            Some(o) => (o.runs(true, ca, cb, src.tz), o.runs(false, ca, cb, src.tz)),
            None => {
                (runs_in(&counted, &counted_causes, ca, cb, src.tz), runs_in(&short, &short_causes, ca, cb, src.tz))
            }
        };
        l.counted_runs = counted_runs;
        if let (Some(w), None) = (&counts_toward, &by_length) {
            // A run wholly outside T's minutes (before a purchase, while one
            // instance ran) costs nothing: it is not listed.
            let keep = |runs: &Spans| -> Vec<bool> {
                runs.iter().filter(|(s, e)| *s < cb && *e > ca).map(|&(s, e)| w.touches(s, e)).collect()
            };
            let mut flags = keep(&counted).into_iter();
            l.counted_runs.retain(|_| flags.next().unwrap_or(true));
            let mut flags = keep(&short).into_iter();
            shorts.retain(|_| flags.next().unwrap_or(true));
        }
        l.short_run_minutes = shorts.iter().map(|r| r.minutes_in_period).sum();
        l.short_runs = shorts;
        l.excused = excused_in(&excused, &down_set, ca, cb, src.tz);
        l.maintenance_not_excused = maint_notes
            .iter()
            // Work that had not begun at as_of has cost nothing yet.
            .filter(|(m, _)| m.record.start < src.window.as_of)
            .filter(|(m, _)| touched(m.record.start, m.record.end).is_some_and(|(a, b)| a < cb && b > ca))
            .map(|(m, reason)| MaintenanceNote {
                id: m.record.id.clone(),
                start: fmt_time(m.record.start, src.tz),
                end: fmt_time(m.record.end, src.tz),
                reason: reason.clone(),
            })
            .collect();
        // Slices count the minutes U counts on the grid.
        let marked = match promise.slices {
            Some(rule) => {
                let (ledger, marked) = slices::judge(rule, &counted_set, ca, cb, src.tz)?;
                l.slices = Some(ledger);
                marked
            }
            None => Vec::new(),
        };
        result.slices.push(marked);
        result.ratios.push((den > 0).then_some((num, den)));
        result.ledgers.push(l);
    }
    Ok(result)
}

/// What makes a series' minutes down and what excuses them.
pub(super) struct Marks {
    pub down: Vec<Tagged>,
    excused: Vec<Tagged>,
    maint_notes: Vec<(PreparedMaintenance, String)>,
}

/// The marks of one series: its records' intervals and its probes' down
/// minutes, cut at as_of.
fn marks(
    promise: &Availability,
    measured: MeasuredBy,
    inst: Option<&str>,
    records: &Records<'_>,
    src: &Sources<'_>,
) -> Marks {
    let svc = promise.service.as_str();
    let as_of_minute = floor_minute(src.window.as_of);
    let mut down: Vec<Tagged> = Vec::new();
    let mut excused: Vec<Tagged> = Vec::new();
    for p in &records.incidents {
        let inc = &p.incident;
        if inc.opened_at >= src.window.as_of {
            continue;
        }
        let end = inc.resolved_at.filter(|r| *r <= src.window.as_of).unwrap_or(src.window.as_of);
        let Some(span) = touched(inc.opened_at, end) else { continue };
        let exact = Some((inc.opened_at.timestamp_millis(), end.timestamp_millis()));
        if inc.impact == Impact::Outage {
            down.push(Tagged {
                span,
                label: format!("incident {}", inc.id).into(),
                citation: None,
                exact,
                scope: None,
            });
        }
        if let Some((ex, own)) = inc.cause().and_then(|c| src.contract.exclusion_for_cause_in(promise, c)) {
            excused.push(Tagged {
                span,
                label: format!("{} (incident {})", ex.category, inc.id).into(),
                citation: ex.citation.as_ref().map(|c| c.section.clone()),
                exact,
                scope: own.then(|| promise.scope_name()),
            });
        }
    }
    let mut maint_notes: Vec<(PreparedMaintenance, String)> = Vec::new();
    for (m, j) in records.maintenance.iter().copied() {
        if let Some(span) = j.down {
            let exact = Some((m.record.start.timestamp_millis(), m.record.end.timestamp_millis()));
            down.push(Tagged {
                span,
                label: format!("maintenance {}", m.record.id).into(),
                citation: None,
                exact,
                scope: None,
            });
        }
        for &span in j.excused.spans() {
            excused.push(Tagged {
                span,
                label: format!("{} (maintenance {})", j.rule.as_deref().unwrap_or("maintenance"), m.record.id).into(),
                citation: j.citation.clone(),
                exact: None,
                scope: j.scope.clone(),
            });
        }
        if let Some(reason) = &j.not_excused {
            maint_notes.push((m.clone(), reason.clone()));
        }
    }
    let rule = promise.minute_rule_or_default();
    let series_list: Vec<&ProbeSeries> = match measured {
        MeasuredBy::Service => src.probes.service_series(svc),
        // An instance's own rows and the rows that name no instance; a
        // series without a name (no input names any instance) has only the
        // latter, counted once.
        _ if inst.is_none() => src.probes.get(svc, None).into_iter().collect(),
        _ => [src.probes.get(svc, inst), src.probes.get(svc, None)].into_iter().flatten().collect(),
    };
    for span in probes::down_minutes(&series_list, rule) {
        down.push(Tagged { span, label: "probes".into(), citation: None, exact: None, scope: None });
    }
    if promise.missing_data_down && src.has_probes {
        let (a, b) = src.window.counting();
        let (a, b) = (floor_minute(a), floor_minute(b).min(as_of_minute));
        let sampled = MinuteSet::from_intervals(probes::sampled_minutes(&series_list));
        for &span in MinuteSet::from_intervals(vec![(a, b)]).minus(&sampled).spans() {
            down.push(Tagged { span, label: "no probe data".into(), citation: None, exact: None, scope: None });
        }
    }

    // Minutes after as_of have no data yet, so they are available: a
    // maintenance record or probe row dated later (an evaluation as of a
    // past instant) does not count before its time. An incident that is
    // still open runs to as_of, and so does anything in progress at as_of.
    let horizon = ceil_minute(src.window.as_of);
    let horizon_ms = src.window.as_of.timestamp_millis();
    for t in &mut down {
        t.span.1 = t.span.1.min(horizon);
        if let Some(exact) = &mut t.exact {
            exact.1 = exact.1.min(horizon_ms);
        }
    }
    down.retain(|t| t.span.0 < t.span.1);

    Marks { down, excused, maint_notes }
}

pub fn formula_text(f: Formula) -> &'static str {
    match f {
        Formula::ExcludingExcused => "available / (available + unavailable)",
        Formula::OverTotal => "(total - unavailable) / total",
    }
}

/// `(100% - target) × minutes`, exactly.
fn allowed_minutes(target: Percent, minutes: i64) -> Decimal {
    (Decimal::ONE_HUNDRED - target.0) * Decimal::from(minutes) / Decimal::ONE_HUNDRED
}

/// `num / den` as a percentage truncated to 4 places: a miss never prints
/// as the target.
pub fn truncated_percent(num: i64, den: i64) -> String {
    if den <= 0 {
        return "-".into();
    }
    let scaled = i128::from(num) * 1_000_000 / i128::from(den);
    // A negative ratio (outages by duration round up, so U + E may pass T)
    // has its sign in front: -0.0060, not 0.-060.
    let sign = if scaled < 0 { "-" } else { "" };
    let abs = scaled.abs();
    format!("{sign}{}.{:04}", abs / 10_000, abs % 10_000)
}

/// What made each run's minutes down, in the order of the records (and
/// each label once). Runs are sorted and disjoint, so each record finds the
/// runs it overlaps by binary search: a month of flapping probes makes tens
/// of thousands of runs and as many records, which a scan of every record
/// for every run would make quadratic.
fn causes_of(runs: &Spans, down: &[Tagged]) -> Vec<Vec<std::sync::Arc<str>>> {
    let mut causes: Vec<Vec<std::sync::Arc<str>>> = vec![Vec::new(); runs.len()];
    for t in down {
        let first = runs.partition_point(|r| r.1 <= t.span.0);
        for (run, c) in runs[first..].iter().zip(&mut causes[first..]) {
            if run.0 >= t.span.1 {
                break;
            }
            if c.last() != Some(&t.label) {
                c.push(t.label.clone());
            }
        }
    }
    causes
}

/// Runs that touch `[a, b)`, with their causes.
fn runs_in(runs: &Spans, causes: &[Vec<std::sync::Arc<str>>], a: Minute, b: Minute, tz: Tz) -> Vec<Run> {
    let first = runs.partition_point(|r| r.1 <= a);
    runs[first..]
        .iter()
        .zip(&causes[first..])
        .take_while(|((s, _), _)| *s < b)
        .map(|(&(s, e), causes)| Run {
            start: fmt_time(minute_start(s), tz),
            end: fmt_time(minute_start(e), tz),
            minutes: e - s,
            minutes_in_period: e.min(b) - s.max(a),
            causes: causes.clone(),
        })
        .collect()
}

/// Exclusion intervals that excused down minutes in `[a, b)`.
fn excused_in(excused: &[Tagged], down: &MinuteSet, a: Minute, b: Minute, tz: Tz) -> Vec<ExcusedInterval> {
    excused
        .iter()
        .filter_map(|t| {
            let n = down.count_within(t.span.0.max(a), t.span.1.min(b));
            (n > 0).then(|| ExcusedInterval {
                start: fmt_time(minute_start(t.span.0), tz),
                end: fmt_time(minute_start(t.span.1), tz),
                minutes_in_period: n,
                rule: t.label.to_string(),
                citation: t.citation.clone(),
                scope: t.scope.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::truncated_percent;

    /// Truncated toward zero to 4 places, the sign in front: -26 / 43200
    /// is -0.06018..%, so -0.0601; 1 / 3 is 33.3333..%; -1 / 10^7 is
    /// -0.00001%, which truncates to 0.0000 with no sign.
    #[test]
    fn percents_truncate_toward_zero_with_the_sign_in_front() {
        assert_eq!(truncated_percent(-26, 43200), "-0.0601");
        assert_eq!(truncated_percent(-4320, 43200), "-10.0000");
        assert_eq!(truncated_percent(1, 3), "33.3333");
        assert_eq!(truncated_percent(-1, 10_000_000), "0.0000");
        assert_eq!(truncated_percent(43170, 43200), "99.9305");
        assert_eq!(truncated_percent(5, 0), "-");
    }
}
