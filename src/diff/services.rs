//! Service channels, backups, recurring duties and data locations,
//! matched by id (a location by its role).

use super::calendars::{clock_hours, clock_text, compare_hours};
use super::promises::added_or_removed;
use super::{Change, Clause, Verdict, pair_by};
use crate::ir::{Backup, Cadence, Channel, Contract, DataLocation, Duty, Seconds};

pub(super) fn diff(old: &Contract, new: &Contract, out: &mut Vec<Change>) {
    for (o, n) in pair_by(&old.channels, &new.channels, |c| c.id.clone()) {
        let id = o.or(n).map(|c| c.id.as_str()).unwrap_or_default();
        let clause = Clause::new(
            format!("channel {id}"),
            o.and_then(|c| c.citation.as_ref()),
            n.and_then(|c| c.citation.as_ref()),
        );
        match (o, n) {
            (Some(o), Some(n)) => channel(&clause, old, new, o, n, out),
            (o, n) => out.push(added_or_removed(&clause, o.map(|c| c.id.clone()), n.map(|c| c.id.clone()))),
        }
    }
    for (o, n) in pair_by(&old.backups, &new.backups, |b| b.id.clone()) {
        let id = o.or(n).map(|b| b.id.as_str()).unwrap_or_default();
        let clause = Clause::new(
            format!("backup {id}"),
            o.and_then(|b| b.citation.as_ref()),
            n.and_then(|b| b.citation.as_ref()),
        );
        match (o, n) {
            (Some(o), Some(n)) => backup(&clause, o, n, out),
            (o, n) => out.push(added_or_removed(&clause, o.map(backup_text), n.map(backup_text))),
        }
    }
    for (o, n) in pair_by(&old.duties, &new.duties, |d| d.id.clone()) {
        let id = o.or(n).map(|d| d.id.as_str()).unwrap_or_default();
        let clause =
            Clause::new(format!("duty {id}"), o.and_then(|d| d.citation.as_ref()), n.and_then(|d| d.citation.as_ref()));
        match (o, n) {
            (Some(o), Some(n)) => duty(&clause, o, n, out),
            (o, n) => out.push(added_or_removed(&clause, o.map(duty_text), n.map(duty_text))),
        }
    }
    for (o, n) in pair_by(&old.locations, &new.locations, |l| l.role.clone()) {
        let role = o.or(n).map(|l| l.role.as_str()).unwrap_or_default();
        let clause = Clause::new(
            format!("location {role}"),
            o.and_then(|l| l.citation.as_ref()),
            n.and_then(|l| l.citation.as_ref()),
        );
        location(&clause, o, n, out);
    }
}

fn channel(clause: &Clause, oc: &Contract, nc: &Contract, o: &Channel, n: &Channel, out: &mut Vec<Change>) {
    match (&o.hours, &n.hours) {
        (Some(a), Some(b)) => {
            if let (Some(ah), Some(bh)) = (clock_hours(oc, a), clock_hours(nc, b)) {
                match compare_hours(&ah, &bh) {
                    Some((v, why)) => {
                        out.push(clause.change("hours", Some(clock_text(a)), Some(clock_text(b)), v, why))
                    }
                    None if a != b => {
                        let why = "another calendar with the same hours";
                        out.push(clause.change(
                            "hours",
                            Some(clock_text(a)),
                            Some(clock_text(b)),
                            Verdict::Neutral,
                            why,
                        ));
                    }
                    None => {}
                }
            }
        }
        (None, None) => {}
        (a, b) => {
            let why = "the channel's hours are stated in one version only";
            out.push(clause.change(
                "hours",
                a.as_ref().map(clock_text),
                b.as_ref().map(clock_text),
                Verdict::Changed,
                why,
            ));
        }
    }
    // The channel answers within: longer is weaker. Booking notice: the
    // customer must ask earlier, so longer is weaker too.
    seconds(clause, "respond within", o.respond_within, n.respond_within, "the channel answers later", out);
    seconds(clause, "booking notice", o.booking_notice, n.booking_notice, "the customer must book further ahead", out);
    if o.name != n.name || o.note != n.note {
        let text =
            |c: &Channel| format!("{} {}", c.name.clone().unwrap_or_default(), c.note.clone().unwrap_or_default());
        let why = "the channel's name or note: what it promises is compared on its own";
        out.push(clause.change("wording", Some(text(o)), Some(text(n)), Verdict::Neutral, why));
    }
    super::unweighed::rest(clause, o, n, &["id", "name", "hours", "respond_within", "booking_notice", "note"], out);
    if let Some(c) = clause.citation_moved() {
        out.push(c);
    }
}

/// A duration where less is better for the customer; dropped is weaker
/// only for a promise (`respond within`), stronger for a demand on the
/// customer (a booking notice).
fn seconds(clause: &Clause, field: &str, o: Option<Seconds>, n: Option<Seconds>, weaker: &str, out: &mut Vec<Change>) {
    let demand = field == "booking notice";
    let verdict = match (o, n) {
        (Some(a), Some(b)) => Verdict::less_is_better(&a, &b),
        (Some(_), None) => Some(if demand { Verdict::Stronger } else { Verdict::Weaker }),
        (None, Some(_)) => Some(if demand { Verdict::Weaker } else { Verdict::Stronger }),
        (None, None) => None,
    };
    if let Some(v) = verdict {
        let why = if v == Verdict::Weaker { weaker.to_owned() } else { format!("the opposite: not \"{weaker}\"") };
        out.push(clause.change(field, o.map(|s| s.to_string()), n.map(|s| s.to_string()), v, why));
    }
}

/// How often, in days (a month as 30, for ordering only).
fn cadence_days(c: Cadence) -> u32 {
    match c {
        Cadence::Day => 1,
        Cadence::Week => 7,
        Cadence::Month => 30,
        Cadence::Quarter => 91,
        Cadence::HalfYear => 182,
        Cadence::Year => 365,
    }
}

fn cadence_text(c: Cadence) -> String {
    format!("every {}", format!("{c:?}").to_lowercase())
}

/// Less often is weaker; a cadence dropped is weaker.
fn cadence(clause: &Clause, o: Option<Cadence>, n: Option<Cadence>, what: &str, out: &mut Vec<Change>) {
    let verdict = match (o, n) {
        (Some(a), Some(b)) => Verdict::less_is_better(&cadence_days(a), &cadence_days(b)),
        (Some(_), None) => Some(Verdict::Weaker),
        (None, Some(_)) => Some(Verdict::Stronger),
        (None, None) => None,
    };
    if let Some(v) = verdict {
        let why = if v == Verdict::Weaker { format!("{what} less often") } else { format!("{what} more often") };
        out.push(clause.change("every", o.map(cadence_text), n.map(cadence_text), v, why));
    }
}

fn backup_text(b: &Backup) -> String {
    let mut parts = vec![b.id.clone()];
    parts.extend(b.every.map(cadence_text));
    parts.extend(b.retain.as_ref().map(|r| format!("retain {r}")));
    parts.join(" ")
}

fn backup(clause: &Clause, o: &Backup, n: &Backup, out: &mut Vec<Change>) {
    cadence(clause, o.every, n.every, "backed up", out);
    if o.retain != n.retain {
        let v = match (&o.retain, &n.retain) {
            (Some(a), Some(b)) => super::promises::measure_order(a, b)
                .map(|ord| match ord {
                    std::cmp::Ordering::Less => Verdict::Stronger,
                    std::cmp::Ordering::Greater => Verdict::Weaker,
                    std::cmp::Ordering::Equal => Verdict::Neutral,
                })
                .unwrap_or(Verdict::Changed),
            (Some(_), None) => Verdict::Weaker,
            _ => Verdict::Stronger,
        };
        let why = "how long backups are kept: longer is stronger";
        let text = |m: &Option<crate::ir::Measure>| m.as_ref().map(|m| m.to_string());
        out.push(clause.change("retain", text(&o.retain), text(&n.retain), v, why));
    }
    if o.location != n.location {
        let why = "the backups are kept elsewhere: whether that is better is for the reader to judge";
        out.push(clause.change("location", o.location.clone(), n.location.clone(), Verdict::Changed, why));
    }
    if o.description != n.description {
        let why = "the backup's description";
        out.push(clause.change("description", o.description.clone(), n.description.clone(), Verdict::Neutral, why));
    }
    super::unweighed::rest(clause, o, n, &["id", "description", "every", "retain", "location"], out);
    if let Some(c) = clause.citation_moved() {
        out.push(c);
    }
}

fn duty_text(d: &Duty) -> String {
    format!("{} {}", d.id, cadence_text(d.every))
}

fn duty(clause: &Clause, o: &Duty, n: &Duty, out: &mut Vec<Change>) {
    cadence(clause, Some(o.every), Some(n.every), "done", out);
    if o.description != n.description {
        let why = "the duty's description";
        out.push(clause.change("description", o.description.clone(), n.description.clone(), Verdict::Neutral, why));
    }
    super::unweighed::rest(clause, o, n, &["id", "every", "description"], out);
    if let Some(c) = clause.citation_moved() {
        out.push(c);
    }
}

/// Where data is held: a place changed, added or removed is for the reader
/// to weigh (law, latency, risk), so changed.
fn location(clause: &Clause, o: Option<&DataLocation>, n: Option<&DataLocation>, out: &mut Vec<Change>) {
    let place = |l: Option<&DataLocation>| l.map(|l| l.place.clone());
    if place(o) != place(n) {
        let why = "data is held in another place: whether that is better depends on law, latency and risk";
        out.push(clause.change("place", place(o), place(n), Verdict::Changed, why));
    } else if let Some(c) = clause.citation_moved() {
        out.push(c);
    }
}
