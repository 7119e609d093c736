//! Fault tiers, matched by id: limits, clocks, cut-offs, overrides.

use super::calendars::{clock_hours, clock_text, compare_hours};
use super::{Change, Clause, Verdict, pair_by};
use crate::ir::{Contract, Limit, LimitRule, ResolutionKind, Tier, TierOverride};

pub(super) fn diff(old: &Contract, new: &Contract, out: &mut Vec<Change>) {
    for (o, n) in pair_by(&old.tiers, &new.tiers, |t| t.id.clone()) {
        let id = o.or(n).map(|t| t.id.as_str()).unwrap_or_default();
        let clause =
            Clause::new(format!("tier {id}"), o.and_then(|t| t.citation.as_ref()), n.and_then(|t| t.citation.as_ref()));
        match (o, n) {
            (Some(o), Some(n)) => tier(&clause, old, new, o, n, out),
            (Some(o), None) => out.push(clause.change(
                "clause",
                Some(summary(o)),
                None,
                Verdict::Weaker,
                "the tier and its limits are gone",
            )),
            (None, Some(n)) => out.push(clause.change(
                "clause",
                None,
                Some(summary(n)),
                Verdict::Stronger,
                "a new tier with limits of its own",
            )),
            (None, None) => {}
        }
    }
}

fn summary(t: &Tier) -> String {
    let mut parts = Vec::new();
    if let Some(l) = &t.response {
        parts.push(format!("respond within {}", limit_text(l)));
    }
    if let Some(l) = &t.resolution {
        parts.push(format!("resolve within {}", limit_text(l)));
    }
    parts.join(", ")
}

fn tier(clause: &Clause, oc: &Contract, nc: &Contract, o: &Tier, n: &Tier, out: &mut Vec<Change>) {
    limit(clause, "response", o.response.as_ref(), n.response.as_ref(), out);
    limit(clause, "resolution", o.resolution.as_ref(), n.resolution.as_ref(), out);
    if o.resolution_kind != n.resolution_kind {
        let kind = |k: ResolutionKind| if k == ResolutionKind::Resolve { "resolve" } else { "advise" };
        let v = if n.resolution_kind == ResolutionKind::Advise { Verdict::Weaker } else { Verdict::Stronger };
        let why = "an advisory limit is met by a proposed solution, a resolution limit only by the service restored";
        out.push(clause.change(
            "resolution kind",
            Some(kind(o.resolution_kind).into()),
            Some(kind(n.resolution_kind).into()),
            v,
            why,
        ));
    }
    clock(clause, oc, nc, o, n, out);
    if o.cutoff != n.cutoff {
        // A request after the cut-off counts as received at the next
        // opening: an earlier cut-off moves more requests to the next day.
        let v = match (o.cutoff, n.cutoff) {
            (None, Some(_)) => Verdict::Weaker,
            (Some(_), None) => Verdict::Stronger,
            (a, b) => Verdict::more_is_better(&a, &b).unwrap_or(Verdict::Neutral),
        };
        let why = "a request received after the cut-off counts as received at the next business day's opening";
        out.push(clause.change("cutoff", o.cutoff.map(|c| c.to_string()), n.cutoff.map(|c| c.to_string()), v, why));
    }
    for category in n.exempt_from_resolution.iter().filter(|c| !o.exempt_from_resolution.contains(c)) {
        let why = format!("incidents caused by `{category}` no longer run the resolution clock");
        out.push(clause.change("exempt from resolution", None, Some(category.clone()), Verdict::Weaker, why));
    }
    for category in o.exempt_from_resolution.iter().filter(|c| !n.exempt_from_resolution.contains(c)) {
        let why = format!("incidents caused by `{category}` run the resolution clock again");
        out.push(clause.change("exempt from resolution", Some(category.clone()), None, Verdict::Stronger, why));
    }
    overrides(clause, o, n, out);
    super::desk::diff(clause, oc, nc, o, n, out);
    if o.name != n.name || o.description != n.description || o.labels != n.labels {
        let text = |t: &Tier| format!("{} [{}]", t.name.clone().unwrap_or_default(), t.labels.join(", "));
        let why = "the tier's name, description or labels: which export labels name it may change, its limits do not";
        out.push(clause.change("wording", Some(text(o)), Some(text(n)), Verdict::Neutral, why));
    }
    let weighed = [
        "id",
        "name",
        "labels",
        "description",
        "response",
        "resolution",
        "resolution_kind",
        "clock",
        "clock_by",
        "cutoff",
        "exempt_from_resolution",
        "overrides",
    ];
    let weighed: Vec<&str> = weighed.iter().chain(super::desk::WEIGHED).copied().collect();
    super::unweighed::rest(clause, o, n, &weighed, out);
    if let Some(c) = clause.citation_moved() {
        out.push(c);
    }
}

pub(super) fn limit_text(l: &Limit) -> String {
    match l.rule {
        LimitRule::OpenTime => l.seconds.to_string(),
        rule => rule.to_string(),
    }
}

/// Compare one limit: longer is weaker, a limit dropped is weaker still.
fn limit(clause: &Clause, field: &str, o: Option<&Limit>, n: Option<&Limit>, out: &mut Vec<Change>) {
    let text = |l: Option<&Limit>| l.map(limit_text);
    let found = match (o, n) {
        (None, None) => None,
        (Some(_), None) => Some((Verdict::Weaker, format!("no {field} limit any more"))),
        (None, Some(_)) => Some((Verdict::Stronger, format!("a {field} limit where there was none"))),
        (Some(a), Some(b)) => compare_limits(a, b).map(|v| (v, limit_why(field, a, b, v))),
    };
    if let Some((v, why)) = found {
        out.push(clause.change(field, text(o), text(n), v, why));
    }
}

pub(super) fn compare_limits(a: &Limit, b: &Limit) -> Option<Verdict> {
    match (a.rule, b.rule) {
        (LimitRule::OpenTime, LimitRule::OpenTime) => Verdict::less_is_better(&a.seconds, &b.seconds),
        (LimitRule::BusinessDays { days: x }, LimitRule::BusinessDays { days: y }) => Verdict::less_is_better(&x, &y),
        (LimitRule::ByTime { at: x, days_after: dx }, LimitRule::ByTime { at: y, days_after: dy }) if x == y => {
            Verdict::less_is_better(&dx, &dy)
        }
        (LimitRule::ByTime { at: x, days_after: dx }, LimitRule::ByTime { at: y, days_after: dy }) if dx == dy => {
            // `None` is the closing time, later than any time written.
            let at = |t: Option<crate::ir::MinuteOfDay>| t.map_or(u32::MAX, |m| u32::from(m.0));
            Verdict::less_is_better(&at(x), &at(y))
        }
        (x, y) if x == y => None,
        _ => Some(Verdict::Changed),
    }
}

fn limit_why(field: &str, a: &Limit, b: &Limit, v: Verdict) -> String {
    match v {
        Verdict::Changed => format!(
            "the {field} deadline is set another way ({} -> {}): which is later depends on when the request arrives",
            limit_text(a),
            limit_text(b)
        ),
        Verdict::Weaker => {
            format!("the provider has longer to {}", if field == "response" { "respond" } else { "resolve" })
        }
        _ => format!("the provider has less time to {}", if field == "response" { "respond" } else { "resolve" }),
    }
}

fn clock(clause: &Clause, oc: &Contract, nc: &Contract, o: &Tier, n: &Tier, out: &mut Vec<Change>) {
    let by = |t: &Tier| {
        t.clock_by.as_ref().map(|b| {
            (b.field.clone(), b.calendars.iter().map(|c| (c.value.clone(), c.calendar.clone())).collect::<Vec<_>>())
        })
    };
    if by(o) != by(n) {
        let why = "calendars chosen per region: which applies depends on each incident's region";
        let text = |t: &Tier| t.clock_by.as_ref().map(|b| format!("clock by {}", b.field));
        out.push(clause.change("clock", text(o), text(n), Verdict::Changed, why));
        return;
    }
    let (a, b) = (o.clock_or_default(), n.clock_or_default());
    let (Some(ah), Some(bh)) = (clock_hours(oc, &a), clock_hours(nc, &b)) else { return };
    match compare_hours(&ah, &bh) {
        Some((v, why)) => out.push(clause.change("clock", Some(clock_text(&a)), Some(clock_text(&b)), v, why)),
        None if a != b => {
            let why = "another calendar with the same hours";
            out.push(clause.change("clock", Some(clock_text(&a)), Some(clock_text(&b)), Verdict::Neutral, why));
        }
        None => {}
    }
}

fn override_text(o: &TierOverride) -> String {
    let mut parts = vec![format!("{}..{}", o.from, o.to)];
    if let Some(l) = &o.response {
        parts.push(format!("respond within {}", limit_text(l)));
    }
    if let Some(l) = &o.resolution {
        parts.push(format!("resolve within {}", limit_text(l)));
    }
    parts.join(", ")
}

/// Overrides, matched by their dates: one added replaces the tier's own
/// limits on its dates, so it is weaker when its limits are looser.
fn overrides(clause: &Clause, o: &Tier, n: &Tier, out: &mut Vec<Change>) {
    for (a, b) in pair_by(&o.overrides, &n.overrides, |x| (x.from, x.to)) {
        let field = format!("override {}", a.or(b).and_then(|x| x.name.clone()).unwrap_or_default()).trim().to_owned();
        let (base_tier, added) = match (a, b) {
            (Some(a), Some(b)) => {
                let mut verdicts = Vec::new();
                for (x, y) in [(&a.response, &b.response), (&a.resolution, &b.resolution)] {
                    if let (Some(x), Some(y)) = (x, y) {
                        verdicts.extend(compare_limits(x, y));
                    } else if x.is_some() != y.is_some() {
                        verdicts.push(Verdict::Changed);
                    }
                }
                if let Some(v) = combine(&verdicts) {
                    let why = "the limits in force on the override's dates";
                    out.push(clause.change(&field, Some(override_text(a)), Some(override_text(b)), v, why));
                }
                continue;
            }
            (None, Some(b)) => (o, b),
            (Some(a), None) => (n, a),
            (None, None) => continue,
        };
        // How the override's limits compare with the tier's own, which hold
        // on those dates without it.
        let mut verdicts = Vec::new();
        for (own, special) in [(&base_tier.response, &added.response), (&base_tier.resolution, &added.resolution)] {
            if let (Some(own), Some(special)) = (own, special) {
                verdicts.extend(compare_limits(own, special));
            }
        }
        let looser = combine(&verdicts).unwrap_or(Verdict::Neutral);
        if b.is_some() {
            let why = format!("on {}..{} these limits replace the tier's own ({})", added.from, added.to, summary(o));
            out.push(clause.change(&field, None, Some(override_text(added)), looser, why));
        } else {
            let why = format!("on {}..{} the tier's own limits ({}) hold again", added.from, added.to, summary(n));
            out.push(clause.change(&field, Some(override_text(added)), None, looser.reversed(), why));
        }
    }
}

/// One verdict for several: all the same direction, or changed.
pub(super) fn combine(verdicts: &[Verdict]) -> Option<Verdict> {
    let first = *verdicts.first()?;
    Some(if verdicts.iter().all(|v| *v == first) { first } else { Verdict::Changed })
}
