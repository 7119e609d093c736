//! Fault tiers: each incident's response and resolution clocks against its
//! tier's limits (semantics.md section 3).

use super::clocks::Clocks;
use super::prepare::PreparedIncident;
use super::{EvalError, Evaluation, fmt_time};
use crate::calendar::BusinessClock;
use crate::calendar::local_time::date_of;
use crate::ir::{ClockRef, Contract, EscalationThreshold, Limit, ResolutionKind, Seconds, Tier, TierClock};
use crate::report::{ClockKind, ClockResult, ClockStatus, IncidentReport};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rust_decimal::Decimal;

/// One clock's outcome, kept for penalties.
#[derive(Clone, Debug)]
pub struct ClockOutcome {
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

pub fn judge(
    c: &Contract,
    p: &PreparedIncident,
    clocks: &mut Clocks,
    tz: Tz,
    as_of: DateTime<Utc>,
    ev: &mut Evaluation,
) -> Result<Judged, EvalError> {
    let inc = &p.incident;
    let mut report = IncidentReport {
        id: inc.id.clone(),
        source: inc.source.to_string(),
        service: Some(p.target.service.clone()),
        instance: p.target.instance.clone(),
        severity: inc.severity.clone(),
        opened_at: fmt_time(inc.opened_at, tz),
        cause: inc.cause.clone(),
        ..Default::default()
    };
    let Some(tier) = p.tier.and_then(|i| c.tiers.get(i)) else {
        return Ok(Judged { report, response: None, resolution: None });
    };
    report.tier = Some(tier.id.clone());
    report.tier_name = tier.name.clone();
    report.citation = tier.citation.as_ref().map(|c| c.section.clone());
    let clock_ref = tier.clock_or_default();
    report.clock = Some(match &clock_ref {
        ClockRef::Always => "24x7".into(),
        ClockRef::Calendar(id) => id.clone(),
    });
    // A clock that cannot be read is the tier's clause's to answer for.
    let place = |e: EvalError| e.in_clause(format!("tier `{}`", tier.id), tier.span, tier.citation.as_ref());
    let clock = clocks.get(&clock_ref).map_err(place)?;
    let opened_date =
        date_of(tz, inc.opened_at).map_err(EvalError::calendar(format!("incident {}", inc.id))).map_err(place)?;
    let over = tier.overrides.iter().find(|o| o.from <= opened_date && opened_date <= o.to);
    report.override_name = over.map(|o| o.name.clone().unwrap_or_else(|| format!("{}..{}", o.from, o.to)));
    let response_limit = over.and_then(|o| o.response).or(tier.response);
    let resolution_limit = over.and_then(|o| o.resolution).or(tier.resolution);
    let ctx = Ctx { clock, opened: inc.opened_at, as_of, tz, id: &inc.id };

    let mut response = None;
    if let Some(limit) = response_limit {
        // Resolved with no response recorded: responded when resolved.
        let stop = inc.responded_at.or(inc.resolved_at);
        let watch: Vec<_> = c.escalation_for(tier, TierClock::Response).collect();
        let (r, o) = ctx.judge(ClockKind::Respond, limit, stop, false, &watch).map_err(place)?;
        report.response = Some(r);
        response = Some(o);
    }
    let mut resolution = None;
    if let Some(limit) = resolution_limit {
        let exempt = is_exempt(c, tier, inc.cause.as_deref());
        let kind = match tier.resolution_kind {
            ResolutionKind::Resolve => ClockKind::Resolve,
            ResolutionKind::Advise => ClockKind::Advise,
        };
        let watch: Vec<_> = c.escalation_for(tier, TierClock::Resolution).collect();
        let (r, o) = ctx.judge(kind, limit, inc.resolved_at, exempt, &watch).map_err(place)?;
        report.resolution = Some(r);
        resolution = Some(o);
    }
    for r in [&report.response, &report.resolution].into_iter().flatten() {
        if r.status == ClockStatus::Breached {
            ev.verdict.clocks_breached += 1;
        }
    }
    Ok(Judged { report, response, resolution })
}

/// Is the incident's cause one the tier exempts from its resolution clock?
fn is_exempt(c: &Contract, tier: &Tier, cause: Option<&str>) -> bool {
    let Some(cause) = cause.map(str::trim) else { return false };
    tier.exempt_from_resolution
        .iter()
        .any(|cat| cat == cause || c.exclusions.iter().any(|e| &e.category == cat && e.matches_cause(cause)))
}

struct Ctx<'a> {
    clock: &'a BusinessClock,
    opened: DateTime<Utc>,
    as_of: DateTime<Utc>,
    tz: Tz,
    id: &'a str,
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
    ) -> Result<(ClockResult, ClockOutcome), EvalError> {
        let ctx = || format!("incident {} ({kind} clock)", self.id);
        let deadline = self.clock.deadline(self.opened, limit.seconds).map_err(EvalError::calendar(ctx()))?;
        let stop = stop.filter(|t| *t <= self.as_of);
        let until = stop.unwrap_or(self.as_of).max(self.opened);
        let elapsed = self.clock.business_seconds(self.opened, until).map_err(EvalError::calendar(ctx()))?;
        let running = stop.is_none();
        let breached = elapsed > limit.seconds.0;
        let status = if exempt {
            ClockStatus::Exempt
        } else if breached {
            ClockStatus::Breached
        } else if running {
            ClockStatus::Open
        } else {
            ClockStatus::Met
        };
        let mut r = ClockResult {
            kind,
            limit_seconds: limit.seconds.0,
            deadline: fmt_time(deadline, self.tz),
            stopped_at: stop.map(|t| fmt_time(t, self.tz)),
            business_seconds: elapsed,
            // Exact where a whole number of seconds makes it so (4.5); a
            // third of a minute is truncated to 4 places (0.3333), never
            // printed to 28 digits as if it were exact.
            business_minutes: (Decimal::from(elapsed) / Decimal::from(60)).trunc_with_scale(4).normalize(),
            status,
            over_seconds: (breached && !exempt).then(|| elapsed - limit.seconds.0),
            ..Default::default()
        };
        if exempt {
            r.note = Some("its cause is exempt from this clock".into());
        }
        if running && !exempt {
            r.elapsed_percent = Some(super::availability::truncated_percent(elapsed, limit.seconds.0));
            // The highest threshold crossed among those that watch this
            // clock; the report says which clock its clause follows.
            let crossed = thresholds
                .iter()
                .filter(|t| {
                    crate::ir::compare_ratio_to_percent(i128::from(elapsed), i128::from(limit.seconds.0), t.at).is_ge()
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
        let outcome = ClockOutcome { limit: limit.seconds, elapsed, running, exempt };
        Ok((r, outcome))
    }
}
