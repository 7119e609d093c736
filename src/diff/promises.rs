//! Promises beside availability and tiers, matched by what they promise:
//! durability by service, objectives by name, retention by what is kept,
//! and the contract-wide escalation steps.

use super::{Change, Clause, Verdict, pair_by};
use crate::ir::{CompareOp, Contract, Durability, Measure, Objective, Retention};
use std::cmp::Ordering;

pub(super) fn diff(old: &Contract, new: &Contract, out: &mut Vec<Change>) {
    // The contract-wide escalation steps (every tier without its own).
    let clause = Clause::new("escalation", None, None);
    super::desk::escalation(&clause, &old.escalation, &new.escalation, out);
    for (o, n) in pair_by(&old.durability, &new.durability, |d| d.service.clone()) {
        let service = o.or(n).map(|d| d.service.as_str()).unwrap_or_default();
        let clause = Clause::new(
            format!("durability {service}"),
            o.and_then(|d| d.citation.as_ref()),
            n.and_then(|d| d.citation.as_ref()),
        );
        match (o, n) {
            (Some(o), Some(n)) => durability(&clause, o, n, out),
            (o, n) => out.push(added_or_removed(&clause, o.map(durability_text), n.map(durability_text))),
        }
    }
    for (o, n) in pair_by(&old.objectives, &new.objectives, |x| x.name.clone()) {
        let name = o.or(n).map(|x| x.name.as_str()).unwrap_or_default();
        let clause = Clause::new(
            format!("objective {name}"),
            o.and_then(|x| x.citation.as_ref()),
            n.and_then(|x| x.citation.as_ref()),
        );
        match (o, n) {
            (Some(o), Some(n)) => objective(&clause, o, n, out),
            (o, n) => out.push(added_or_removed(&clause, o.map(objective_text), n.map(objective_text))),
        }
    }
    for (o, n) in pair_by(&old.retention, &new.retention, |r| r.what.clone()) {
        let what = o.or(n).map(|r| r.what.as_str()).unwrap_or_default();
        let clause = Clause::new(
            format!("retain {what}"),
            o.and_then(|r| r.citation.as_ref()),
            n.and_then(|r| r.citation.as_ref()),
        );
        match (o, n) {
            (Some(o), Some(n)) => retention(&clause, o, n, out),
            (o, n) => out.push(added_or_removed(&clause, o.map(retention_text), n.map(retention_text))),
        }
    }
}

/// A promise only one version makes: gone is weaker, new is stronger.
pub(super) fn added_or_removed(clause: &Clause, old: Option<String>, new: Option<String>) -> Change {
    match old {
        Some(_) => clause.change("clause", old, None, Verdict::Weaker, "the promise is gone"),
        None => clause.change("clause", None, new, Verdict::Stronger, "a new promise"),
    }
}

fn durability_text(d: &Durability) -> String {
    let mut text = format!("target {}", d.target);
    if let Some(p) = d.period {
        text.push_str(&format!(" per {}", p.name()));
    }
    text
}

fn durability(clause: &Clause, o: &Durability, n: &Durability, out: &mut Vec<Change>) {
    if let Some(v) = Verdict::more_is_better(&o.target, &n.target) {
        let why = if v == Verdict::Weaker {
            "a lower durability target allows more of what is stored to be lost"
        } else {
            "a higher durability target allows less to be lost"
        };
        out.push(clause.change("target", Some(o.target.to_string()), Some(n.target.to_string()), v, why));
    }
    if o.period != n.period {
        let name = |p: Option<crate::ir::PeriodKind>| p.map(|p| p.name().to_owned());
        let v = match (o.period, n.period) {
            (Some(a), Some(b)) => Verdict::less_is_better(&a, &b).unwrap_or(Verdict::Neutral),
            _ => Verdict::Changed,
        };
        let why = match v {
            Verdict::Weaker => "the same share over a longer period: a bad month can hide in a good year",
            Verdict::Stronger => "the same share over a shorter period: each period must meet it on its own",
            _ => "the period is stated in one version only: which is longer depends on the default the other takes",
        };
        out.push(clause.change("period", name(o.period), name(n.period), v, why));
    }
    let one_in = |d: &Durability| d.one_in.as_ref().map(|c| c.n);
    if one_in(o) != one_in(n) {
        // "at most 1 in N lost": a larger N promises fewer losses.
        let v = match (one_in(o), one_in(n)) {
            (Some(a), Some(b)) => Verdict::more_is_better(&a, &b).unwrap_or(Verdict::Neutral),
            (Some(_), None) => Verdict::Weaker,
            (None, _) => Verdict::Stronger,
        };
        let text = |n: Option<rust_decimal::Decimal>| n.map(|n| format!("at most 1 in {n}"));
        let why = "the claim of at most one loss in N: a larger N promises fewer losses";
        out.push(clause.change("claim", text(one_in(o)), text(one_in(n)), v, why));
    }
    super::unweighed::rest(clause, o, n, &["service", "target", "period", "one_in"], out);
    if let Some(c) = clause.citation_moved() {
        out.push(c);
    }
}

fn objective_text(x: &Objective) -> String {
    format!("{} {}", x.op.symbol(), x.value)
}

/// The order of two figures of one kind; `None` when they are of different
/// kinds (a duration against a percentage), which no rule can compare.
pub(super) fn measure_order(a: &Measure, b: &Measure) -> Option<Ordering> {
    match (a, b) {
        (Measure::Duration(x), Measure::Duration(y)) => Some(x.cmp(y)),
        (Measure::Percent(x), Measure::Percent(y)) => Some(x.cmp(y)),
        (Measure::Count(x), Measure::Count(y)) => Some(x.cmp(y)),
        (Measure::Money(x), Measure::Money(y)) if x.currency == y.currency => Some(x.amount.cmp(&y.amount)),
        (Measure::Span(x), Measure::Span(y)) => Some((x.count * x.unit.months()).cmp(&(y.count * y.unit.months()))),
        (Measure::Quantity { number: x, unit: u }, Measure::Quantity { number: y, unit: v }) if u == v => {
            Some(x.cmp(y))
        }
        _ => None,
    }
}

fn objective(clause: &Clause, o: &Objective, n: &Objective, out: &mut Vec<Change>) {
    let bound_changed = o.op != n.op || o.value != n.value;
    if bound_changed {
        let (v, why) = objective_verdict(o, n);
        out.push(clause.change("bound", Some(objective_text(o)), Some(objective_text(n)), v, why));
    }
    if o.per != n.per {
        let name = |p: Option<crate::ir::PeriodKind>| p.map(|p| p.name().to_owned());
        let why =
            "the objective is measured over another period: whether that is easier depends on how the figure varies";
        out.push(clause.change("per", name(o.per), name(n.per), Verdict::Changed, why));
    }
    if o.description != n.description {
        let why = "the objective's description: what is measured and its bound are compared on their own";
        out.push(clause.change("description", o.description.clone(), n.description.clone(), Verdict::Neutral, why));
    }
    super::unweighed::rest(clause, o, n, &["name", "group", "op", "value", "per", "description"], out);
    if let Some(c) = clause.citation_moved() {
        out.push(c);
    }
}

/// An upper bound (`<=`, `<`) is stronger lower; a lower bound (`>=`, `>`)
/// is stronger higher; an exact figure (`=`) that moves is a different
/// promise, not a better or worse one.
fn objective_verdict(o: &Objective, n: &Objective) -> (Verdict, String) {
    let upper = |op: CompareOp| matches!(op, CompareOp::Le | CompareOp::Lt);
    let lower = |op: CompareOp| matches!(op, CompareOp::Ge | CompareOp::Gt);
    let Some(order) = measure_order(&o.value, &n.value) else {
        return (Verdict::Changed, "the figure is of another kind: compare the two by hand".to_owned());
    };
    let same_side = (upper(o.op) && upper(n.op)) || (lower(o.op) && lower(n.op));
    if !same_side {
        return (
            Verdict::Changed,
            format!("the bound turned from `{}` to `{}`: another promise", o.op.symbol(), n.op.symbol()),
        );
    }
    // At the same figure, a strict bound is the stronger one.
    let strict = |op: CompareOp| matches!(op, CompareOp::Lt | CompareOp::Gt);
    let verdict = match (order, upper(o.op)) {
        (Ordering::Equal, _) => {
            if strict(n.op) && !strict(o.op) {
                Verdict::Stronger
            } else if strict(o.op) && !strict(n.op) {
                Verdict::Weaker
            } else {
                Verdict::Neutral
            }
        }
        (Ordering::Greater, true) | (Ordering::Less, false) => Verdict::Stronger,
        _ => Verdict::Weaker,
    };
    let why = match (verdict, upper(o.op)) {
        (Verdict::Weaker, true) => "an upper bound raised: the provider may take more",
        (Verdict::Weaker, false) => "a lower bound lowered: the provider may deliver less",
        (Verdict::Stronger, true) => "an upper bound lowered: the provider must do better",
        (Verdict::Stronger, false) => "a lower bound raised: the provider must deliver more",
        _ => "the same bound written another way",
    };
    (verdict, why.to_owned())
}

fn retention_text(r: &Retention) -> String {
    format!("at least {}", r.at_least)
}

fn retention(clause: &Clause, o: &Retention, n: &Retention, out: &mut Vec<Change>) {
    if o.at_least != n.at_least {
        let (v, why) = match measure_order(&o.at_least, &n.at_least) {
            Some(Ordering::Less) => (Verdict::Stronger, "kept for longer"),
            Some(Ordering::Greater) => (Verdict::Weaker, "kept for a shorter time"),
            _ => (Verdict::Changed, "the retention is stated in another kind of figure: compare by hand"),
        };
        out.push(clause.change("at least", Some(retention_text(o)), Some(retention_text(n)), v, why));
    }
    super::unweighed::rest(clause, o, n, &["what", "at_least"], out);
    if let Some(c) = clause.citation_moved() {
        out.push(c);
    }
}
