//! Each kind of `expect` line compared with the report (or with the error
//! that stopped it), naming what differed in the report's own words.

use crate::inputs::{Evaluated, InputError};
use crate::ir::{AvailabilityCheck, ClockCheck, Contract, ExampleClock, Expect, IncidentCheck, Money, Seconds};
use crate::report::{AvailabilityLedger, ClockResult, IncidentReport, Report};
use chrono::{DateTime, NaiveDateTime, Timelike};
use rust_decimal::Decimal;
use serde::Serialize;

/// One thing that is not as expected: `what` names it (`availability
/// esign 2025-03 status`), then the two values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mismatch {
    pub what: String,
    pub expected: String,
    pub actual: String,
}

fn mismatch(what: impl Into<String>, expected: impl Into<String>, actual: impl Into<String>) -> Mismatch {
    Mismatch { what: what.into(), expected: expected.into(), actual: actual.into() }
}

/// What an error says, in the library's words (no command-line flags).
pub fn error_text(e: &InputError) -> String {
    e.render(|f| f.words().to_owned())
}

/// Everything one expectation finds wrong; empty when it holds.
pub fn compare(expect: &Expect, result: &Result<Evaluated, InputError>, contract: &Contract) -> Vec<Mismatch> {
    let report = match (expect, result) {
        (Expect::Error { containing }, Err(e)) => {
            let text = error_text(e);
            return match containing {
                Some(want) if !text.contains(want.as_str()) => {
                    vec![mismatch("error", format!("an error containing \"{want}\""), text)]
                }
                _ => Vec::new(),
            };
        }
        (Expect::Error { containing }, Ok(_)) => {
            let want = containing.as_ref().map(|w| format!("an error containing \"{w}\"")).unwrap_or("an error".into());
            return vec![mismatch("error", want, "the events were accepted and a report made")];
        }
        (_, Err(e)) => return vec![mismatch("report", "a report", format!("no report: {}", error_text(e)))],
        (_, Ok(evaluated)) => &evaluated.report,
    };
    match expect {
        Expect::Availability { service, instance, period, checks } => {
            let what = format!("availability {service} {period}{}", instance_words(instance.as_deref()));
            match ledger(report, service, instance.as_deref(), period) {
                Ok(l) => checks.iter().filter_map(|c| availability(&what, l, c)).collect(),
                Err(actual) => vec![mismatch(what, "a period in the report", actual)],
            }
        }
        Expect::Incident { id, checks } => match report.incidents.iter().find(|i| &i.id == id) {
            Some(inc) => checks.iter().filter_map(|c| incident(id, &inc, c)).collect(),
            None => vec![mismatch(format!("incident {id}"), "an incident in the report", no_incident(report))],
        },
        Expect::Credit { service, instance, period, amount } => {
            let lines: Vec<_> = report
                .credits
                .iter()
                .filter(|c| &c.service == service && &c.period == period)
                .filter(|c| instance.is_none() || c.instance == *instance)
                .collect();
            let what = format!("credit {service} {period}{}", instance_words(instance.as_deref()));
            let actual =
                lines.first().map(|first| (first.currency.clone(), lines.iter().map(|c| c.amount).sum::<Decimal>()));
            let show = |m: &Option<(String, Decimal)>| match m {
                Some((currency, amount)) => format!("{currency} {amount}"),
                None => "no credit".to_owned(),
            };
            let want = amount.as_ref().map(|m| (m.currency.clone(), m.amount));
            let same = match (&want, &actual) {
                (Some((wc, wa)), Some((ac, aa))) => wc == ac && wa == aa,
                (None, None) => true,
                // A credit line of nothing is no credit.
                (None, Some((_, aa))) => aa.is_zero(),
                (Some(_), None) => false,
            };
            if same { Vec::new() } else { vec![mismatch(what, show(&want), show(&actual))] }
        }
        Expect::Penalty { penalty, total } => {
            let actual = report.penalty_totals.iter().find(|p| &p.penalty == penalty);
            let (currency, amount) = match actual {
                Some(p) => (p.currency.clone(), p.total),
                None => (contract.header.currency.clone().unwrap_or_default(), Decimal::ZERO),
            };
            if currency == total.currency && amount == total.amount {
                Vec::new()
            } else {
                vec![mismatch(format!("penalty {penalty}"), money(total), format!("{currency} {amount}"))]
            }
        }
        Expect::Verdict { met } => {
            let word = |m: bool| if m { "met" } else { "missed" };
            if report.verdict.all_met == *met {
                Vec::new()
            } else {
                let v = &report.verdict;
                let why = format!(
                    "{} ({} availability period(s) missed, {} clock(s) breached, {} durability period(s) missed, {} objective(s) missed)",
                    word(v.all_met),
                    v.availability_missed,
                    v.clocks_breached,
                    v.durability_missed,
                    v.objectives_missed
                );
                vec![mismatch("verdict", word(*met), why)]
            }
        }
        Expect::Error { .. } => Vec::new(),
    }
}

fn instance_words(instance: Option<&str>) -> String {
    instance.map(|i| format!(" instance {i}")).unwrap_or_default()
}

fn money(m: &Money) -> String {
    format!("{} {}", m.currency, m.amount)
}

/// The one ledger an expectation is about, or what the report has instead.
fn ledger<'r>(
    report: &'r Report,
    service: &str,
    instance: Option<&str>,
    period: &str,
) -> Result<&'r AvailabilityLedger, String> {
    let of_service: Vec<&AvailabilityLedger> = report.availability.iter().filter(|l| l.service == service).collect();
    let found: Vec<&AvailabilityLedger> = of_service
        .iter()
        .copied()
        .filter(|l| l.period == period && (instance.is_none() || l.instance.as_deref() == instance))
        .collect();
    match found.as_slice() {
        [one] => Ok(one),
        [] => {
            let mut periods: Vec<String> = of_service.iter().map(|l| l.period.clone()).collect();
            periods.dedup();
            Err(match periods.is_empty() {
                true => format!(
                    "no availability period of {service} in the report (evaluated {} to {})",
                    report.from, report.to
                ),
                false => format!("no such period; the report has {}", periods.join(", ")),
            })
        }
        many => {
            let names: Vec<&str> = many.iter().filter_map(|l| l.instance.as_deref()).collect();
            Err(format!("{} instances have this period ({}): name one with `instance`", many.len(), names.join(", ")))
        }
    }
}

fn availability(what: &str, l: &AvailabilityLedger, check: &AvailabilityCheck) -> Option<Mismatch> {
    let (field, expected, actual) = match check {
        AvailabilityCheck::Status(s) => ("status", s.clone(), l.status.as_str().to_owned()),
        // Compared as durations: `1h` is `60min`.
        AvailabilityCheck::Unavailable(d) => ("unavailable", duration(*d), minutes(l.unavailable_minutes)),
        AvailabilityCheck::Excused(d) => ("excused", duration(*d), minutes(l.excused_minutes)),
        AvailabilityCheck::Percent(p) => {
            let actual = l.ratio.as_ref().map(|r| r.percent.trim_end_matches('%').to_owned());
            let same = actual.as_deref().and_then(|a| a.parse::<Decimal>().ok()).is_some_and(|a| a == p.0);
            if same {
                return None;
            }
            let actual = actual.map(|a| format!("{a}%")).unwrap_or_else(|| "no ratio (nothing was measured)".into());
            return Some(mismatch(format!("{what} percent"), format!("{}%", p.0), actual));
        }
    };
    (expected != actual).then(|| mismatch(format!("{what} {field}"), expected, actual))
}

fn incident(id: &str, inc: &IncidentReport, check: &IncidentCheck) -> Option<Mismatch> {
    let (clock, check) = match check {
        IncidentCheck::Tier(t) => {
            let actual = inc.tier.clone().unwrap_or_else(|| "no tier".into());
            return (&actual != t).then(|| mismatch(format!("incident {id} tier"), t.clone(), actual));
        }
        IncidentCheck::Clock { clock, check } => (*clock, check),
        IncidentCheck::Updates { status, missed } => return updates(id, inc, status, *missed),
    };
    let result = match clock {
        ExampleClock::Response => inc.response.as_ref(),
        ExampleClock::Resolution => inc.resolution.as_ref(),
    };
    let what = format!("incident {id} {}", clock.word());
    let Some(r) = result else {
        let expected = match check {
            ClockCheck::Status(s) => s.clone(),
            ClockCheck::Deadline(t) => local(*t),
            ClockCheck::Over(d) => format!("over by {}", duration(*d)),
            ClockCheck::PausedFor(d) => format!("paused for {}", duration(*d)),
        };
        return Some(mismatch(what, expected, format!("no {} clock (the tier sets no such limit)", clock.word())));
    };
    match check {
        ClockCheck::Status(s) => (s != r.status.as_str()).then(|| mismatch(what, s.clone(), status(r))),
        ClockCheck::Deadline(t) => {
            let actual =
                DateTime::parse_from_rfc3339(&r.deadline).map(|d| local(d.naive_local())).unwrap_or(r.deadline.clone());
            let expected = local(*t);
            (expected != actual).then(|| mismatch(format!("{what} deadline"), expected, actual))
        }
        ClockCheck::PausedFor(d) => {
            let paused = r.paused_seconds.unwrap_or(0);
            (paused != d.0).then(|| {
                mismatch(
                    format!("{what} paused"),
                    format!("paused for {}", duration(*d)),
                    format!("paused for {}", duration(Seconds(paused))),
                )
            })
        }
        ClockCheck::Over(d) => {
            let over = r.over_seconds.unwrap_or(0);
            (over != d.0).then(|| {
                let actual = if over > 0 { format!("over by {}", duration(Seconds(over))) } else { status(r) };
                mismatch(format!("{what} over"), format!("over by {}", duration(*d)), actual)
            })
        }
    }
}

/// The update cadence's status, and how many gaps it missed when asked.
fn updates(id: &str, inc: &IncidentReport, status: &str, missed: Option<u32>) -> Option<Mismatch> {
    let what = format!("incident {id} updates");
    let expected = match missed {
        Some(n) => format!("{status}, {n} gap(s) missed"),
        None => status.to_owned(),
    };
    let Some(u) = &inc.updates else {
        return Some(mismatch(what, expected, "no update cadence (the tier states none)"));
    };
    let actual = match missed {
        Some(_) => format!("{}, {} gap(s) missed", u.status, u.missed),
        None => u.status.as_str().to_owned(),
    };
    (expected != actual).then(|| mismatch(what, expected, actual))
}

/// A clock's status with how far over it ran: `breached (over by 5min)`.
fn status(r: &ClockResult) -> String {
    match r.over_seconds {
        Some(over) if over > 0 => format!("{} (over by {})", r.status, duration(Seconds(over))),
        _ => r.status.as_str().to_owned(),
    }
}

fn no_incident(report: &Report) -> String {
    let ids: Vec<String> = report.incidents.iter().map(|i| i.id).take(10).collect();
    match ids.is_empty() {
        true => "no incident in the report".to_owned(),
        false => format!("not in the report, which has {}", ids.join(", ")),
    }
}

/// `2025-03-11 10:00`, with seconds only when there are some.
fn local(t: NaiveDateTime) -> String {
    if t.second() == 0 { t.format("%Y-%m-%d %H:%M").to_string() } else { t.format("%Y-%m-%d %H:%M:%S").to_string() }
}

/// A count of minutes written as [`duration`] writes one, so that equal
/// durations read alike.
fn minutes(m: i64) -> String {
    duration(Seconds(m.saturating_mul(60)))
}

/// A duration in the units it is most plainly written in: `5min`, `2h`,
/// `90s`, `1h30min`.
pub fn duration(d: Seconds) -> String {
    let s = d.0;
    if s == 0 {
        return "0min".into();
    }
    if s % 60 != 0 {
        return if s >= 60 { format!("{}min{}s", s / 60, s % 60) } else { format!("{s}s") };
    }
    let m = s / 60;
    match (m / 60, m % 60) {
        (0, m) => format!("{m}min"),
        (h, 0) => format!("{h}h"),
        (h, m) => format!("{h}h{m}min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_written() {
        let shown: Vec<String> = [0, 1, 59, 60, 61, 300, 3600, 5400, 86400].map(|s| duration(Seconds(s))).to_vec();
        assert_eq!(shown, ["0min", "1s", "59s", "1min", "1min1s", "5min", "1h", "1h30min", "24h"]);
    }
}
