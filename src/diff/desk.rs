//! A tier's service-desk terms beside its limits: who answers and who is
//! told, escalation thresholds, pauses of the clock, update cadence, and
//! when the resolution clock starts.

use super::tiers::compare_limits;
use super::{Change, Clause, Verdict};
use crate::ir::{ClockStart, Contract, EscalationThreshold, Tier, TierClock, UpdateCadence};

/// The tier fields this file weighs, for the net of unweighed fields.
pub(super) const WEIGHED: &[&str] =
    &["channel", "responders", "notify", "escalation", "pauses", "updates", "resolution_from"];

pub(super) fn diff(clause: &Clause, oc: &Contract, nc: &Contract, o: &Tier, n: &Tier, out: &mut Vec<Change>) {
    people(clause, "responders", &o.responders, &n.responders, "who responds", out);
    people(clause, "notify", &o.notify, &n.notify, "who is told", out);
    if o.channel != n.channel {
        let why = "the tier is served through another channel: its hours are compared where the channel's calendar is";
        out.push(clause.change("channel", o.channel.clone(), n.channel.clone(), Verdict::Changed, why));
    }
    escalation(clause, &o.escalation, &n.escalation, out);
    pauses(clause, oc, nc, o, n, out);
    updates(clause, o.updates.as_ref().or(oc.updates.as_ref()), n.updates.as_ref().or(nc.updates.as_ref()), out);
    if o.resolution_from != n.resolution_from {
        // The provider confirms a problem no earlier than it is reported:
        // a clock from confirmation starts later.
        let text = |t: &Tier| format!("{:?}", t.resolution_from).to_lowercase();
        let (v, why) = match n.resolution_from {
            ClockStart::Confirmation => {
                (Verdict::Weaker, "the resolution clock starts at confirmation, never before the report")
            }
            ClockStart::Report => {
                (Verdict::Stronger, "the resolution clock starts at the report, never after confirmation")
            }
        };
        out.push(clause.change("resolution from", Some(text(o)), Some(text(n)), v, why));
    }
}

/// A list of people or roles: one dropped is weaker, one added stronger.
fn people(clause: &Clause, field: &str, old: &[String], new: &[String], what: &str, out: &mut Vec<Change>) {
    for gone in old.iter().filter(|p| !new.contains(p)) {
        let why = format!("{what}: `{gone}` is no longer named");
        out.push(clause.change(field, Some(gone.clone()), None, Verdict::Weaker, why));
    }
    for added in new.iter().filter(|p| !old.contains(p)) {
        let why = format!("{what}: `{added}` is named too");
        out.push(clause.change(field, None, Some(added.clone()), Verdict::Stronger, why));
    }
}

fn threshold_text(t: &EscalationThreshold) -> String {
    match &t.action {
        Some(action) => format!("at {} {action}", t.at),
        None => format!("at {}", t.at),
    }
}

/// Escalation steps matched by their action (or, without one, by order):
/// a step taken at a larger share of the limit is later, so weaker.
pub(super) fn escalation(
    clause: &Clause,
    old: &[EscalationThreshold],
    new: &[EscalationThreshold],
    out: &mut Vec<Change>,
) {
    let key = |t: &EscalationThreshold, i: usize| t.action.clone().unwrap_or_else(|| format!("#{i}"));
    let old_keys: Vec<String> = old.iter().enumerate().map(|(i, t)| key(t, i)).collect();
    let new_keys: Vec<String> = new.iter().enumerate().map(|(i, t)| key(t, i)).collect();
    for (i, n) in new.iter().enumerate() {
        match old_keys.iter().position(|k| *k == new_keys[i]) {
            Some(j) => {
                let o = &old[j];
                if let Some(v) = Verdict::less_is_better(&o.at, &n.at) {
                    let why = if v == Verdict::Weaker {
                        "the step is taken later in the limit"
                    } else {
                        "the step is taken earlier in the limit"
                    };
                    out.push(clause.change("escalation", Some(threshold_text(o)), Some(threshold_text(n)), v, why));
                }
                if o.clock != n.clock {
                    let why = "the step watches another clock: which fires first depends on the incident";
                    let text =
                        |t: &EscalationThreshold| format!("{} on {:?}", threshold_text(t), t.clock).to_lowercase();
                    out.push(clause.change("escalation", Some(text(o)), Some(text(n)), Verdict::Changed, why));
                }
            }
            None => out.push(clause.change(
                "escalation",
                None,
                Some(threshold_text(n)),
                Verdict::Stronger,
                "a new escalation step",
            )),
        }
    }
    for (j, o) in old.iter().enumerate() {
        if !new_keys.contains(&old_keys[j]) {
            out.push(clause.change(
                "escalation",
                Some(threshold_text(o)),
                None,
                Verdict::Weaker,
                "an escalation step is gone",
            ));
        }
    }
}

/// A status that pauses a clock is time the provider does not count: a
/// status added pauses more (weaker), one removed pauses less (stronger).
/// Each clock's pauses are the tier's own or, without them, the contract's.
fn pauses(clause: &Clause, oc: &Contract, nc: &Contract, o: &Tier, n: &Tier, out: &mut Vec<Change>) {
    for (clock, name) in [(TierClock::Response, "response"), (TierClock::Resolution, "resolution")] {
        let statuses = |c: &Contract, t: &Tier| -> Vec<String> {
            let mut list: Vec<String> =
                c.pauses_for(t, clock).flat_map(|p| p.statuses.iter().map(|s| s.trim().to_lowercase())).collect();
            list.sort();
            list.dedup();
            list
        };
        let (was, now) = (statuses(oc, o), statuses(nc, n));
        for status in now.iter().filter(|s| !was.contains(s)) {
            let why = format!("the {name} clock now stops while a ticket is \"{status}\"");
            out.push(clause.change("pause", None, Some(format!("{name}: {status}")), Verdict::Weaker, why));
        }
        for status in was.iter().filter(|s| !now.contains(s)) {
            let why = format!("the {name} clock no longer stops while a ticket is \"{status}\"");
            out.push(clause.change("pause", Some(format!("{name}: {status}")), None, Verdict::Stronger, why));
        }
    }
}

/// Update cadence (the tier's own or the contract's): a longer gap between
/// updates is weaker, as is no cadence at all.
fn updates(clause: &Clause, o: Option<&UpdateCadence>, n: Option<&UpdateCadence>, out: &mut Vec<Change>) {
    let text = |u: Option<&UpdateCadence>| u.map(|u| format!("every {}", super::tiers::limit_text(&u.every)));
    match (o, n) {
        (None, None) => {}
        (Some(_), None) => {
            out.push(clause.change("updates", text(o), None, Verdict::Weaker, "no update cadence any more"))
        }
        (None, Some(_)) => {
            out.push(clause.change("updates", None, text(n), Verdict::Stronger, "updates at a set cadence"))
        }
        (Some(a), Some(b)) => {
            if let Some(v) = compare_limits(&a.every, &b.every) {
                let why = match v {
                    Verdict::Weaker => "longer between updates",
                    Verdict::Stronger => "shorter between updates",
                    _ => "the cadence is set another way: which is longer depends on when the ticket opens",
                };
                out.push(clause.change("updates", text(o), text(n), v, why));
            }
            let first = |u: &UpdateCadence| u.first.as_ref().map(super::tiers::limit_text);
            if a.first != b.first {
                let v = match (&a.first, &b.first) {
                    (Some(x), Some(y)) => compare_limits(x, y).unwrap_or(Verdict::Neutral),
                    _ => Verdict::Changed,
                };
                let why = "the first update's limit (without one, the cadence applies to the first gap)";
                out.push(clause.change("first update", first(a), first(b), v, why));
            }
        }
    }
}
