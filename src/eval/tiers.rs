//! Fault tiers: each incident's response and resolution clocks against its
//! tier's limits (semantics.md section 3).

use super::clocks::Clocks;
use super::history::{IncidentHistory, PausedSpan, TierStep};
use super::prepare::PreparedIncident;
use super::updates::Obligation;
use super::{EvalError, Evaluation, fmt_time};
use crate::calendar::BusinessClock;
use crate::calendar::local_time::date_of;
use crate::events::IncidentUpdate;
use crate::ir::{
    ClockRef, Contract, EscalationThreshold, Limit, LimitRule, MinuteOfDay, Reprioritisation, ResolutionKind, Seconds,
    Tier, TierClock,
};
use crate::report::{ClockKind, ClockResult, ClockStatus, IncidentReport, PausedInterval, TierChange};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;

/// One clock's outcome, kept for penalties.
#[derive(Clone, Debug)]
pub struct ClockOutcome {
    /// The open time allowed: the limit, or the open time up to a rule's
    /// deadline.
    pub limit: Seconds,
    pub elapsed: i64,
    pub running: bool,
    pub exempt: bool,
}

/// An incident's report and the raw outcomes behind it.
pub struct Judged {
    pub report: IncidentReport,
    pub response: Option<ClockOutcome>,
    pub resolution: Option<ClockOutcome>,
}

impl Judged {
    /// Whether a clock used more than its limit (and is not exempt): only
    /// such an incident can owe a penalty (`compensation::penalties`).
    pub fn ran_over(&self) -> bool {
        [&self.response, &self.resolution].into_iter().flatten().any(|o| !o.exempt && o.elapsed > o.limit.0)
    }
}

#[allow(clippy::too_many_arguments)]
pub fn judge(
    c: &Contract,
    p: &PreparedIncident,
    history: Option<&IncidentHistory>,
    updates: Option<&[IncidentUpdate]>,
    clocks: &mut Clocks,
    tz: Tz,
    as_of: DateTime<Utc>,
    ev: &mut Evaluation,
) -> Result<Judged, EvalError> {
    let inc = &p.incident;
    let mut report = IncidentReport {
        id: inc.id.to_string(),
        source: inc.source.to_string(),
        service: Some(p.target.service.clone()),
        instance: p.target.instance.clone(),
        severity: inc.severity.as_deref().map(str::to_owned),
        opened_at: fmt_time(inc.opened_at, tz),
        cause: inc.cause().map(str::to_owned),
        ..Default::default()
    };
    let empty = IncidentHistory::default();
    let history = history.unwrap_or(&empty);
    let Some(opening) = history.opening_tier.or(p.tier).filter(|&i| i < c.tiers.len()) else {
        return Ok(Judged { report, response: None, resolution: None });
    };
    let path = TierPath { opening, steps: &history.steps, rule: c.reprioritisation(), opened: inc.opened_at };
    report.tier_history = history
        .steps
        .iter()
        .map(|s| TierChange {
            at: fmt_time(s.at, tz),
            from: c.tiers[s.from].id.clone(),
            to: c.tiers[s.to].id.clone(),
            from_severity: s.from_label.clone(),
            to_severity: s.to_label.clone(),
        })
        .collect();
    // The incident is shown under the tier it is of when its resolution
    // clock stops (or at as_of): the one its last clock is judged by.
    let resolved = inc.resolved_at.filter(|t| *t <= as_of);
    let (current, _) = path.at(resolved.unwrap_or(as_of));
    let tier = &c.tiers[current];
    report.tier = Some(tier.id.clone());
    report.tier_name = tier.name.clone();
    report.citation = tier.citation.as_ref().map(|c| c.section.clone());
    report.clock = Some(match (&tier.clock_by, &tier.clock_or_default()) {
        (Some(by), _) => super::prepare::region_calendar(by, inc.region()).unwrap_or("?").to_owned(),
        (None, ClockRef::Always) => "24x7".into(),
        (None, ClockRef::Calendar(id)) => id.clone(),
    });
    let opened_date = date_of(tz, inc.opened_at)
        .map_err(EvalError::calendar(format!("incident {}", inc.id)))
        .map_err(|e| place(tier, e))?;
    let over = tier.overrides.iter().find(|o| o.from <= opened_date && opened_date <= o.to);
    report.override_name = over.map(|o| o.name.clone().unwrap_or_else(|| format!("{}..{}", o.from, o.to)));

    let judge = Judge { c, history, path: &path, as_of, tz, id: &inc.id, cause: inc.cause(), region: inc.region() };
    // Resolved with no response recorded: responded when resolved.
    let response = judge.clock(TierClock::Response, inc.responded_at.or(inc.resolved_at), clocks)?;
    let resolution = judge.clock(TierClock::Resolution, inc.resolved_at, clocks)?;
    let response = response.map(|(r, o)| {
        report.response = Some(r);
        o
    });
    let resolution = resolution.map(|(r, o)| {
        report.resolution = Some(r);
        o
    });
    for r in [&report.response, &report.resolution].into_iter().flatten() {
        if r.status == ClockStatus::Breached {
            ev.verdict.clocks_breached += 1;
        }
    }
    report.updates = judge.cadence(resolved, updates, clocks)?;
    if let Some(u) = &report.updates {
        let missed = ev.verdict.updates_missed.get_or_insert(0);
        *missed = missed.saturating_add(u.missed);
        let not_measured = ev.verdict.updates_not_measured.get_or_insert(0);
        if u.status == crate::report::UpdatesStatus::NotMeasured {
            *not_measured += 1;
        }
    }
    Ok(Judged { report, response, resolution })
}

/// A clock that cannot be read is the tier's clause's to answer for.
fn place(tier: &Tier, e: EvalError) -> EvalError {
    e.in_clause(format!("tier `{}`", tier.id), tier.span, tier.citation.as_ref())
}

/// The tiers an incident was of over time, and the rule that judges a
/// clock that runs across a change.
struct TierPath<'h> {
    opening: usize,
    steps: &'h [TierStep],
    rule: Reprioritisation,
    opened: DateTime<Utc>,
}

impl TierPath<'_> {
    /// The tier a clock that ends at `end` is judged by and the instant it
    /// is measured from: the last change strictly before `end` decides it
    /// (a clock that stopped before a change keeps its tier), measured from
    /// the opening (`from start`) or from that change (`from change`).
    fn at(&self, end: DateTime<Utc>) -> (usize, Option<&TierStep>) {
        match self.steps.iter().rev().find(|s| s.at < end) {
            Some(step) => (step.to, Some(step)),
            None => (self.opening, None),
        }
    }
}

struct Judge<'a> {
    c: &'a Contract,
    history: &'a IncidentHistory,
    path: &'a TierPath<'a>,
    as_of: DateTime<Utc>,
    tz: Tz,
    id: &'a str,
    cause: Option<&'a str>,
    region: Option<&'a str>,
}

impl Judge<'_> {
    /// One of the incident's clocks, under the tier and from the instant
    /// its history gives; `None` when that tier sets no limit for it.
    fn clock(
        &self,
        which: TierClock,
        stop: Option<DateTime<Utc>>,
        clocks: &mut Clocks,
    ) -> Result<Option<(ClockResult, ClockOutcome)>, EvalError> {
        let stop = stop.filter(|t| *t <= self.as_of);
        let (index, step) = self.path.at(stop.unwrap_or(self.as_of));
        let tier = &self.c.tiers[index];
        let start = match (self.path.rule, step) {
            (Reprioritisation::FromChange, Some(step)) => step.at,
            _ => self.path.opened,
        };
        let start_date = date_of(self.tz, start)
            .map_err(EvalError::calendar(format!("incident {}", self.id)))
            .map_err(|e| place(tier, e))?;
        let over = tier.overrides.iter().find(|o| o.from <= start_date && start_date <= o.to);
        let limit = match which {
            TierClock::Response => over.and_then(|o| o.response).or(tier.response),
            TierClock::Resolution => over.and_then(|o| o.resolution).or(tier.resolution),
        };
        let Some(limit) = limit else { return Ok(None) };
        let clock = clocks.get(&self.clock_ref(tier)?).map_err(|e| place(tier, e))?;
        // A cut-off moves when the request counts as received (rule
        // limits count from the next opening by their own rule).
        let received = match tier.cutoff {
            Some(cutoff) => clock
                .received(start, Some(cutoff))
                .map_err(EvalError::calendar(format!("incident {}", self.id)))
                .map_err(|e| place(tier, e))?,
            None => start,
        };
        let (kind, exempt) = match which {
            TierClock::Response => (ClockKind::Respond, false),
            TierClock::Resolution => (
                match tier.resolution_kind {
                    ResolutionKind::Resolve => ClockKind::Resolve,
                    ResolutionKind::Advise => ClockKind::Advise,
                },
                is_exempt(self.c, tier, self.cause),
            ),
        };
        let watch: Vec<_> = self.c.escalation_for(tier, which).collect();
        let spans = self.history.paused_spans(self.c, index, which);
        let ctx = Ctx { clock, start: received, as_of: self.as_of, tz: self.tz, id: self.id, cutoff: tier.cutoff };
        let (mut r, o) = ctx.judge(kind, limit, stop, exempt, &watch, &spans).map_err(|e| place(tier, e))?;
        // An incident whose severity changed says which tier judged each
        // clock, and for a clock the change reached, under which rule.
        if !self.path.steps.is_empty() {
            r.judged_by_tier = Some(tier.id.clone());
        }
        if step.is_some() {
            r.reprioritised = Some(self.path.rule.name().to_owned());
            r.measured_from = Some(fmt_time(start, self.tz));
        }
        if received != start {
            r.counted_from = Some(fmt_time(received, self.tz));
        }
        Ok(Some((r, o)))
    }

    /// The clock a tier's limits run on for this incident: its own, or the
    /// calendar its `clock by region` map gives the incident's region.
    fn clock_ref(&self, tier: &Tier) -> Result<ClockRef, EvalError> {
        match &tier.clock_by {
            // Checked when the rows were prepared; a tier reached by a
            // severity change may still not know the region.
            Some(by) => match super::prepare::region_calendar(by, self.region) {
                Ok("24x7") => Ok(ClockRef::Always),
                Ok(id) => Ok(ClockRef::Calendar(id.to_owned())),
                Err(message) => Err(place(tier, EvalError::Usage(format!("incident {}: {message}", self.id)))),
            },
            None => Ok(tier.clock_or_default()),
        }
    }

    /// The update cadence of the tier that judges the resolution clock,
    /// from where that clock starts until it stops (or as_of), paused when
    /// it is; `None` when that tier has no cadence.
    fn cadence(
        &self,
        stop: Option<DateTime<Utc>>,
        updates: Option<&[IncidentUpdate]>,
        clocks: &mut Clocks,
    ) -> Result<Option<crate::report::UpdatesResult>, EvalError> {
        let (index, step) = self.path.at(stop.unwrap_or(self.as_of));
        let tier = &self.c.tiers[index];
        let Some(cadence) = self.c.cadence_for(tier) else { return Ok(None) };
        let start = match (self.path.rule, step) {
            (Reprioritisation::FromChange, Some(step)) => step.at,
            _ => self.path.opened,
        };
        // The cadence runs on the clock the resolution runs on: the
        // region's calendar where the tier chooses one by region.
        let clock = clocks.get(&self.clock_ref(tier)?).map_err(|e| place(tier, e))?;
        let spans = self.history.paused_spans(self.c, index, TierClock::Resolution);
        let obligation = Obligation { cadence, clock, start, stop, as_of: self.as_of, tz: self.tz, id: self.id };
        obligation.judge(updates, &spans).map(Some).map_err(|e| place(tier, e))
    }
}

/// Is the incident's cause one the tier exempts from its resolution clock?
fn is_exempt(c: &Contract, tier: &Tier, cause: Option<&str>) -> bool {
    let Some(cause) = cause.map(str::trim) else { return false };
    tier.exempt_from_resolution
        .iter()
        .any(|cat| cat == cause || c.exclusions.iter().any(|e| &e.category == cat && e.matches_cause(cause)))
}

/// A pause within a clock's run: from, until (`None`: still paused), the
/// status.
type Clipped<'s> = (DateTime<Utc>, Option<DateTime<Utc>>, &'s str);

struct Ctx<'a> {
    clock: &'a BusinessClock,
    /// When the clock starts: the opening, or a re-prioritisation.
    start: DateTime<Utc>,
    as_of: DateTime<Utc>,
    tz: Tz,
    id: &'a str,
    /// The tier's cut-off, for the rule's words in the report.
    cutoff: Option<MinuteOfDay>,
}

impl Ctx<'_> {
    /// Judge one clock: stopped clocks are met or breached; running ones are
    /// breached once past the limit at as_of, open otherwise.
    fn judge(
        &self,
        kind: ClockKind,
        limit: Limit,
        stop: Option<DateTime<Utc>>,
        exempt: bool,
        thresholds: &[&EscalationThreshold],
        spans: &[PausedSpan],
    ) -> Result<(ClockResult, ClockOutcome), EvalError> {
        let ctx = || format!("incident {} ({kind} clock)", self.id);
        let stop = stop.filter(|t| *t <= self.as_of);
        let until = stop.unwrap_or(self.as_of).max(self.start);
        let running = stop.is_none();
        // The pauses within the clock's run; one still open at as_of is
        // counted to as_of, and the deadline shown is the one the clock
        // would have if it resumed then.
        let paused: Vec<Clipped<'_>> = spans
            .iter()
            .filter_map(|s| {
                let from = s.start.map_or(self.start, |t| t.max(self.start));
                let to = s.end.map_or(until, |t| t.min(until));
                let still = s.end.is_none() && running;
                (from < to || (still && from <= to)).then_some((from, (!still).then_some(to), s.status.as_str()))
            })
            .collect();
        let excluded: Vec<_> = paused.iter().map(|(from, to, _)| (*from, to.unwrap_or(until))).collect();
        let deadline = self
            .clock
            .limit_deadline(self.start, limit.seconds, limit.rule, &excluded)
            .map_err(EvalError::calendar(ctx()))?;
        let elapsed =
            self.clock.business_seconds_excluding(self.start, until, &excluded).map_err(EvalError::calendar(ctx()))?;
        let paused_now = running && paused.last().is_some_and(|(_, to, _)| to.is_none());
        // Open time is judged by the open time used; a rule's deadline by
        // the instant (the open time it allows is reported alongside).
        let (allowed, breached) = match limit.open_seconds() {
            Some(seconds) => (seconds.0, elapsed > seconds.0),
            None => (
                self.clock
                    .business_seconds_excluding(self.start, deadline, &excluded)
                    .map_err(EvalError::calendar(ctx()))?,
                until > deadline,
            ),
        };
        let status = if exempt {
            ClockStatus::Exempt
        } else if breached {
            ClockStatus::Breached
        } else if paused_now {
            ClockStatus::Paused
        } else if running {
            ClockStatus::Open
        } else {
            ClockStatus::Met
        };
        let mut r = ClockResult {
            kind,
            limit_seconds: allowed,
            deadline: fmt_time(deadline, self.tz),
            stopped_at: stop.map(|t| fmt_time(t, self.tz)),
            business_seconds: elapsed,
            // Exact where a whole number of seconds makes it so (4.5); a
            // third of a minute is truncated to 4 places (0.3333), never
            // printed to 28 digits as if it were exact.
            business_minutes: (Decimal::from(elapsed) / Decimal::from(60)).trunc_with_scale(4).normalize(),
            status,
            over_seconds: (breached && !exempt).then(|| (elapsed - allowed).max(0)),
            ..Default::default()
        };
        if !limit.rule.is_open_time() {
            r.limit = Some(limit.rule.to_string());
            r.deadline_rule =
                Some(self.rule_words(limit.rule, deadline, &excluded).map_err(EvalError::calendar(ctx()))?);
        }
        if exempt {
            r.note = Some("its cause is exempt from this clock".into());
        }
        for (from, to, status) in &paused {
            let seconds =
                self.clock.business_seconds(*from, to.unwrap_or(until)).map_err(EvalError::calendar(ctx()))?;
            r.paused.push(PausedInterval {
                from: fmt_time(*from, self.tz),
                until: to.map(|t| fmt_time(t, self.tz)),
                business_seconds: seconds,
                status: (*status).to_owned(),
            });
        }
        if !r.paused.is_empty() {
            r.paused_seconds = Some(r.paused.iter().map(|p| p.business_seconds).sum());
        }
        if running && !exempt {
            r.elapsed_percent = Some(super::availability::truncated_percent(elapsed, allowed));
            // The highest threshold crossed among those that watch this
            // clock; the report says which clock its clause follows.
            let crossed = thresholds
                .iter()
                .filter(|t| {
                    allowed > 0
                        && crate::ir::compare_ratio_to_percent(i128::from(elapsed), i128::from(allowed), t.at).is_ge()
                })
                .max_by(|a, b| a.at.cmp(&b.at));
            if let Some(t) = crossed {
                r.escalation = Some(match &t.action {
                    Some(action) => format!("{} {action}", t.at),
                    None => t.at.to_string(),
                });
                r.escalation_on = Some(t.clock.name().to_owned());
                r.escalation_citation = t.citation.as_ref().map(|c| c.section.clone());
            }
        }
        let outcome = ClockOutcome { limit: Seconds(allowed), elapsed, running, exempt };
        Ok((r, outcome))
    }

    /// How a rule set this clock's deadline, in words: `2 business days
    /// from Fri 2025-03-07 20:00, counted from the next opening Mon
    /// 2025-03-10 09:00: Wed 2025-03-12 09:00`.
    fn rule_words(
        &self,
        rule: LimitRule,
        deadline: DateTime<Utc>,
        excluded: &[(DateTime<Utc>, DateTime<Utc>)],
    ) -> Result<String, crate::calendar::CalendarError> {
        let local = |t: DateTime<Utc>| t.with_timezone(&self.tz).format("%a %Y-%m-%d %H:%M:%S").to_string();
        let received = self.clock.next_open(self.start)?;
        let mut words = format!("{rule} from {}", local(received));
        if let Some(cutoff) = self.cutoff {
            words.push_str(&format!(" (cut-off {cutoff})"));
        }
        if let LimitRule::BusinessDays { .. } = rule {
            words.push_str(", at the same time of day");
        }
        let unpaused = self.clock.rule_deadline(self.start, rule)?;
        if unpaused != deadline {
            let paused = self.clock.business_seconds(self.start, unpaused)?
                - self.clock.business_seconds_excluding(self.start, unpaused, excluded)?;
            words.push_str(&format!(": {}, moved later by {paused} s of open time paused", local(unpaused)));
        }
        words.push_str(&format!(": due {}", local(deadline)));
        Ok(words)
    }
}
