//! Availability promises, matched by service.

use super::excused;
use super::{Change, Clause, Verdict, pair_by};
use crate::ir::{Availability, Contract, Formula, MinuteRule, Percent, PeriodKind};
use rust_decimal::Decimal;
use std::cmp::Ordering;

pub(super) fn diff(old: &Contract, new: &Contract, out: &mut Vec<Change>) {
    for (o, n) in pair_by(&old.availability, &new.availability, |a| a.service.clone()) {
        let service = o.or(n).map(|a| a.service.as_str()).unwrap_or_default();
        let clause = Clause::new(
            format!("availability {service}"),
            o.and_then(|a| a.citation.as_ref()),
            n.and_then(|a| a.citation.as_ref()),
        );
        match (o, n) {
            (Some(o), Some(n)) => promise(&clause, o, n, out),
            (Some(o), None) => out.push(clause.change(
                "clause",
                Some(format!("target {}", o.target)),
                None,
                Verdict::Weaker,
                format!("the promise of {} is gone: no target, no credit earned by it", o.target),
            )),
            (None, Some(n)) => out.push(clause.change(
                "clause",
                None,
                Some(format!("target {}", n.target)),
                Verdict::Stronger,
                format!("a new promise of {}", n.target),
            )),
            (None, None) => {}
        }
    }
}

/// A partial period (the term starting or ending inside it): skipped, it
/// earns no verdict and no credit; judged as a whole, it can. Skipped is
/// the default.
fn partial(clause: &Clause, o: &Availability, n: &Availability, out: &mut Vec<Change>) {
    use crate::ir::PartialPolicy;
    let policy = |a: &Availability| a.partial.unwrap_or(PartialPolicy::Skipped);
    let (op, np) = (policy(o), policy(n));
    if op == np {
        return;
    }
    let text = |p: PartialPolicy| if p == PartialPolicy::Skipped { "partial skipped" } else { "partial as whole" };
    let (v, why) = match np {
        PartialPolicy::Skipped => {
            (Verdict::Weaker, "a partial period is no longer judged: it can miss the target and owe nothing")
        }
        PartialPolicy::AsWhole => {
            (Verdict::Stronger, "a partial period is judged (over the whole period's minutes) and can earn a credit")
        }
    };
    out.push(clause.change("partial", Some(text(op).into()), Some(text(np).into()), v, why));
}

/// A set of instances down while any is down is judged more strictly than
/// one down only while all are; against the default (every instance's
/// rows added up), which is stricter depends on the data.
fn set_down(clause: &Clause, o: &Availability, n: &Availability, out: &mut Vec<Change>) {
    use crate::ir::SetRule;
    if o.set_down == n.set_down {
        return;
    }
    let text = |r: Option<SetRule>| Some(r.map_or("instances added up (default)", SetRule::text).to_owned());
    let (v, why) = match (o.set_down, n.set_down) {
        (Some(SetRule::Any), Some(SetRule::All)) => {
            (Verdict::Weaker, "the set is down only while every instance is down, no longer while any one is")
        }
        (Some(SetRule::All), Some(SetRule::Any)) => {
            (Verdict::Stronger, "the set is down while any one instance is down")
        }
        _ => (
            Verdict::Changed,
            "instances judged one by one against their rows added up: which gives more down minutes depends on the data",
        ),
    };
    out.push(clause.change("set down", text(o.set_down), text(n.set_down), v, why));
}

fn promise(clause: &Clause, o: &Availability, n: &Availability, out: &mut Vec<Change>) {
    if let Some(v) = Verdict::more_is_better(&o.target, &n.target) {
        out.push(clause.change("target", Some(o.target.to_string()), Some(n.target.to_string()), v, target_why(o, n)));
    }
    let (op, np) = (o.period_or_default(), n.period_or_default());
    if let Some(v) = Verdict::less_is_better(&op, &np) {
        out.push(clause.change(
            "period",
            Some(op.name().into()),
            Some(np.name().into()),
            v,
            period_why(op, np, n.target),
        ));
    }
    let (om, nm) = (o.minute_rule_or_default(), n.minute_rule_or_default());
    if let Some(v) = minute_rule_verdict(om, nm) {
        let why = "a minute is down by its probe samples under the stricter rule whenever it is under the looser one";
        out.push(clause.change("minute rule", Some(minute_rule_text(om)), Some(minute_rule_text(nm)), v, why));
    }
    if o.missing_data_down != n.missing_data_down {
        let text = |down: bool| if down { "missing data counts as down" } else { "missing data counts as available" };
        let v = if n.missing_data_down { Verdict::Stronger } else { Verdict::Weaker };
        let why = "a minute with no probe samples counts against the provider only when missing data counts as down";
        out.push(clause.change(
            "missing data",
            Some(text(o.missing_data_down).into()),
            Some(text(n.missing_data_down).into()),
            v,
            why,
        ));
    }
    let (omin, nmin) = (o.minimum_outage_minutes(), n.minimum_outage_minutes());
    if let Some(v) = Verdict::less_is_better(&omin, &nmin) {
        let why = format!(
            "a run of unexcused down minutes counts only from {nmin} min (was {omin} min): shorter runs are forgiven"
        );
        let text = |m: i64| format!("{m}min");
        out.push(clause.change("minimum outage", Some(text(omin)), Some(text(nmin)), v, why));
    }
    let (of, nf) = (o.formula_or_default(), n.formula_or_default());
    if of != nf {
        let (v, why) = formula_why(of, nf);
        out.push(clause.change("formula", Some(formula_text(of).into()), Some(formula_text(nf).into()), v, why));
    }
    partial(clause, o, n, out);
    set_down(clause, o, n, out);
    excused::scoped(clause, o, n, out);
    let weighed = [
        "partial",
        "set_down",
        "service",
        "target",
        "period",
        "minute_rule",
        "missing_data_down",
        "minimum_outage",
        "formula",
        "exclusions",
        "maintenance",
        // Claims about the budget are prose the linter checks against the
        // target; they promise nothing of their own.
        "budget_claims",
    ];
    super::unweighed::rest(clause, o, n, &weighed, out);
    if let Some(c) = clause.citation_moved() {
        out.push(c);
    }
}

/// The minutes of a 30-day month (43,200): the month the budgets are
/// quoted for, as agreements quote them.
const MONTH_MINUTES: i64 = 30 * 24 * 60;

/// Downtime a target allows in a 30-day month, in minutes, exactly:
/// `(100 - target) / 100 × 43,200`.
pub(super) fn allowed_minutes(target: Percent) -> Decimal {
    ((Decimal::ONE_HUNDRED - target.0) * Decimal::from(MONTH_MINUTES) / Decimal::ONE_HUNDRED).normalize()
}

fn target_why(o: &Availability, n: &Availability) -> String {
    format!(
        "allowed downtime in a 30-day month: {} min -> {} min",
        allowed_minutes(o.target),
        allowed_minutes(n.target)
    )
}

fn period_why(op: PeriodKind, np: PeriodKind, target: Percent) -> String {
    let (long, short) = if np > op { (np, op) } else { (op, np) };
    let months = Decimal::from(long.months() / short.months());
    let budget = allowed_minutes(target) * Decimal::from(short.months());
    format!(
        "measured per {}: one {}'s budget ({} min at {target} over 30-day months) is {months} times the {}'s, and a bad {} can hide inside it",
        np.name(),
        long.name(),
        (budget * months).normalize(),
        short.name(),
        short.name(),
    )
}

/// The stricter of two minute rules is the one that calls more minutes down.
fn minute_rule_verdict(o: MinuteRule, n: MinuteRule) -> Option<Verdict> {
    // `all attempts fail` downs a minute with at least one sample and none
    // ok: looser than `success below t` for any t above zero (which downs
    // that minute too), stricter than `below 0%` (which downs none).
    let rank = |r: MinuteRule| match r {
        MinuteRule::SuccessBelow(t) if t.0 <= Decimal::ZERO => (0, Decimal::ZERO),
        MinuteRule::AllAttemptsFail => (1, Decimal::ZERO),
        MinuteRule::SuccessBelow(t) => (2, t.0),
    };
    match rank(n).cmp(&rank(o)) {
        Ordering::Equal => None,
        Ordering::Greater => Some(Verdict::Stronger),
        Ordering::Less => Some(Verdict::Weaker),
    }
}

fn minute_rule_text(r: MinuteRule) -> String {
    match r {
        MinuteRule::SuccessBelow(t) => format!("down when success below {t}"),
        MinuteRule::AllAttemptsFail => "down when all attempts fail".into(),
    }
}

fn formula_text(f: Formula) -> &'static str {
    match f {
        Formula::ExcludingExcused => "available / (available + unavailable)",
        Formula::OverTotal => "(total - unavailable) / total",
    }
}

/// `(T - U) / T` is never below `(T - E - U) / (T - E)` (excused minutes
/// count as available, and dilute the unavailable ones): the move is one
/// way whatever the data, and equal only in a month with nothing excused.
fn formula_why(of: Formula, nf: Formula) -> (Verdict, String) {
    // The worked month: T = 43,200 (30 days), E = 600 excused, U = 30
    // unavailable. Over total: 43,170 / 43,200 = 99.9305...%; excluding
    // the excused: 42,570 / 42,600 = 99.9295...%.
    let (t, e, u) = (Decimal::from(MONTH_MINUTES), Decimal::from(600), Decimal::from(30));
    let ratio = |f: Formula| {
        let r = match f {
            Formula::ExcludingExcused => (t - e - u) / (t - e),
            Formula::OverTotal => (t - u) / t,
        };
        (r * Decimal::ONE_HUNDRED).trunc_with_scale(4)
    };
    let verdict = if nf == Formula::OverTotal { Verdict::Weaker } else { Verdict::Stronger };
    let way = if nf == Formula::OverTotal { "up" } else { "down" };
    let why = format!(
        "the ratio moves {way} in any month with excused minutes (equal in one without): a 30-day month with 600 min excused and 30 min down gives {}% -> {}%",
        ratio(of),
        ratio(nf)
    );
    (verdict, why)
}
