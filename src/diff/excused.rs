//! What excuses downtime: exclusion categories (matched by category) and
//! the maintenance policy (notices, and windows matched by id).

use super::{Change, Clause, Verdict, pair_by};
use crate::ir::{Availability, Contract, Exclusion, MaintenancePolicy, MaintenanceWindow, Notice, Recurrence, Seconds};

pub(super) fn diff(old: &Contract, new: &Contract, out: &mut Vec<Change>) {
    exclusions("exclusion", &old.exclusions, &new.exclusions, out);
    maintenance("maintenance", &old.maintenance, &new.maintenance, out);
}

/// The rules written inside one availability promise.
pub(super) fn scoped(clause: &Clause, o: &Availability, n: &Availability, out: &mut Vec<Change>) {
    let prefix = format!("{} exclusion", clause.name);
    exclusions(&prefix, &o.exclusions, &n.exclusions, out);
    let none = MaintenancePolicy::default();
    let (om, nm) = (o.maintenance.as_ref().unwrap_or(&none), n.maintenance.as_ref().unwrap_or(&none));
    maintenance(&format!("{} maintenance", clause.name), om, nm, out);
}

fn exclusions(prefix: &str, old: &[Exclusion], new: &[Exclusion], out: &mut Vec<Change>) {
    for (o, n) in pair_by(old, new, |e| e.category.clone()) {
        let category = o.or(n).map(|e| e.category.as_str()).unwrap_or_default();
        let clause = Clause::new(
            format!("{prefix} {category}"),
            o.and_then(|e| e.citation.as_ref()),
            n.and_then(|e| e.citation.as_ref()),
        );
        let (o, n) = match (o, n) {
            (Some(o), Some(n)) => (o, n),
            (Some(o), None) => {
                let why = format!("downtime caused by `{category}` counts against the provider again");
                out.push(clause.change("clause", Some(text(o)), None, Verdict::Stronger, why));
                continue;
            }
            (None, Some(n)) => {
                let why =
                    format!("downtime caused by `{category}` is excused: it no longer counts against the provider");
                out.push(clause.change("clause", None, Some(text(n)), Verdict::Weaker, why));
                continue;
            }
            (None, None) => continue,
        };
        for label in n.labels.iter().filter(|l| !o.labels.contains(l)) {
            let why = format!("incidents whose cause is `{label}` are excused too");
            out.push(clause.change("labels", None, Some(label.clone()), Verdict::Weaker, why));
        }
        for label in o.labels.iter().filter(|l| !n.labels.contains(l)) {
            let why = format!("incidents whose cause is `{label}` are no longer excused by this category");
            out.push(clause.change("labels", Some(label.clone()), None, Verdict::Stronger, why));
        }
        if o.notice != n.notice {
            // No notice of its own: the contract's policy decides, so only
            // two written notices compare here.
            let v = match (o.notice, n.notice) {
                (Some(a), Some(b)) => Verdict::more_is_better(&a, &b).unwrap_or(Verdict::Neutral),
                _ => Verdict::Changed,
            };
            let why = match v {
                Verdict::Changed => {
                    "one version defers to the maintenance policy's notice; compare it there".to_owned()
                }
                _ => "the notice a maintenance record needs to be excused".to_owned(),
            };
            out.push(clause.change("notice", o.notice.map(|s| s.to_string()), n.notice.map(|s| s.to_string()), v, why));
        }
        if o.within_window != n.within_window {
            let v = match (&o.within_window, &n.within_window) {
                (Some(_), None) => Verdict::Weaker,
                (None, Some(_)) => Verdict::Stronger,
                _ => Verdict::Changed,
            };
            let why = "maintenance is excused only inside the window named; compare the windows";
            out.push(clause.change("inside window", o.within_window.clone(), n.within_window.clone(), v, why));
        }
        let weighed = ["category", "custom", "labels", "notice", "within_window", "description"];
        super::unweighed::rest(&clause, o, n, &weighed, out);
        if o.description != n.description {
            out.push(clause.change(
                "description",
                o.description.clone(),
                n.description.clone(),
                Verdict::Neutral,
                "wording",
            ));
        }
        if let Some(c) = clause.citation_moved() {
            out.push(c);
        }
    }
}

fn text(e: &Exclusion) -> String {
    match &e.description {
        Some(d) => format!("{} \"{d}\"", e.category),
        None => e.category.clone(),
    }
}

fn maintenance(prefix: &str, old: &MaintenancePolicy, new: &MaintenancePolicy, out: &mut Vec<Change>) {
    let notices = [
        ("planned notice", &old.planned_notice, &new.planned_notice),
        ("emergency notice", &old.emergency_notice, &new.emergency_notice),
    ];
    for (field, o, n) in notices {
        let clause = Clause::new(
            prefix,
            o.as_ref().and_then(|x| x.citation.as_ref()),
            n.as_ref().and_then(|x| x.citation.as_ref()),
        );
        // No notice is notice 0: announced no later than it started.
        let secs = |x: &Option<Notice>| x.as_ref().map_or(Seconds::ZERO, |x| x.seconds);
        if let Some(v) = Verdict::more_is_better(&secs(o), &secs(n)) {
            let why = "maintenance announced this long before is excused: less notice excuses more of it";
            out.push(clause.change(
                field,
                o.as_ref().map(|x| x.seconds.to_string()),
                n.as_ref().map(|x| x.seconds.to_string()),
                v,
                why,
            ));
        }
    }
    let (o, n) = (&old.recovery_notice, &new.recovery_notice);
    if o.as_ref().map(|x| x.seconds) != n.as_ref().map(|x| x.seconds) {
        let clause = Clause::new(
            prefix,
            o.as_ref().and_then(|x| x.citation.as_ref()),
            n.as_ref().and_then(|x| x.citation.as_ref()),
        );
        let v = match (o, n) {
            (Some(a), Some(b)) => Verdict::less_is_better(&a.seconds, &b.seconds).unwrap_or(Verdict::Neutral),
            (Some(_), None) => Verdict::Weaker,
            _ => Verdict::Stronger,
        };
        let why = "how soon the customer is told the service is back";
        out.push(clause.change(
            "recovery notice",
            o.as_ref().map(|x| x.seconds.to_string()),
            n.as_ref().map(|x| x.seconds.to_string()),
            v,
            why,
        ));
    }
    if old.planned_within_window != new.planned_within_window {
        let v = match (&old.planned_within_window, &new.planned_within_window) {
            (Some(_), None) => Verdict::Weaker,
            (None, Some(_)) => Verdict::Stronger,
            _ => Verdict::Changed,
        };
        let why = "planned work must fall inside the window named to be excused";
        out.push(Clause::new(prefix, None, None).change(
            "planned inside window",
            old.planned_within_window.clone(),
            new.planned_within_window.clone(),
            v,
            why,
        ));
    }
    for (o, n) in pair_by(&old.windows, &new.windows, |w| w.id.clone()) {
        let id = o.or(n).map(|w| w.id.as_str()).unwrap_or_default();
        let clause = Clause::new(
            format!("{prefix} window {id}"),
            o.and_then(|w| w.citation.as_ref()),
            n.and_then(|w| w.citation.as_ref()),
        );
        match (o, n) {
            (Some(o), Some(n)) => {
                if let Some(v) = window_verdict(o, n) {
                    out.push(clause.change(
                        "times",
                        Some(window_text(o)),
                        Some(window_text(n)),
                        v,
                        window_why(o, n, v),
                    ));
                } else if let Some(c) = clause.citation_moved() {
                    out.push(c);
                }
            }
            (None, Some(n)) => out.push(clause.change(
                "clause",
                None,
                Some(window_text(n)),
                Verdict::Weaker,
                "a new window in which maintenance may be excused",
            )),
            (Some(o), None) => out.push(clause.change(
                "clause",
                Some(window_text(o)),
                None,
                Verdict::Stronger,
                "maintenance in this window is no longer excused by it",
            )),
            (None, None) => {}
        }
    }
}

/// A window wider on the same days is weaker (more time in which
/// maintenance is excused); one that moved is changed.
fn window_verdict(o: &MaintenanceWindow, n: &MaintenanceWindow) -> Option<Verdict> {
    let days = match (&o.recurrence, &n.recurrence) {
        (a, b) if a == b => std::cmp::Ordering::Equal,
        (Recurrence::Weekly { days: a }, Recurrence::Weekly { days: b }) => {
            let (sub, sup) = (a.iter().all(|d| b.contains(d)), b.iter().all(|d| a.contains(d)));
            match (sub, sup) {
                (true, true) => std::cmp::Ordering::Equal,
                (true, false) => std::cmp::Ordering::Greater,
                (false, true) => std::cmp::Ordering::Less,
                (false, false) => return Some(Verdict::Changed),
            }
        }
        (_, Recurrence::Daily) => std::cmp::Ordering::Greater,
        (Recurrence::Daily, _) => std::cmp::Ordering::Less,
        _ => return Some(Verdict::Changed),
    };
    let wider = n.start <= o.start && n.end >= o.end;
    let narrower = n.start >= o.start && n.end <= o.end;
    use std::cmp::Ordering::*;
    match (days, wider, narrower) {
        (Equal, true, true) => None,
        (Equal | Greater, true, _) => Some(Verdict::Weaker),
        (Equal | Less, _, true) => Some(Verdict::Stronger),
        _ => Some(Verdict::Changed),
    }
}

fn window_why(o: &MaintenanceWindow, n: &MaintenanceWindow, v: Verdict) -> String {
    let minutes = |w: &MaintenanceWindow| i64::from(w.end.0) - i64::from(w.start.0);
    match v {
        Verdict::Changed => "the window moved: which maintenance falls inside depends on when it is done".into(),
        _ => format!("each opening of the window lasts {} min -> {} min", minutes(o), minutes(n)),
    }
}

fn window_text(w: &MaintenanceWindow) -> String {
    let day = |d: &crate::ir::SerWeekday| format!("{:?}", d).to_lowercase();
    let when = match &w.recurrence {
        Recurrence::Daily => "daily".to_owned(),
        Recurrence::Weekly { days } => days.iter().map(day).collect::<Vec<_>>().join(", "),
        Recurrence::MonthlyNth { nth: -1, day: d } => format!("last {}", day(d)),
        Recurrence::MonthlyNth { nth, day: d } => format!("nth {nth} {}", day(d)),
    };
    format!("{when} {}-{}", w.start, w.end)
}
