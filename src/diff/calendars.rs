//! Calendars, matched by id, and the clocks that name them: a clock that is
//! open for fewer minutes runs limits out later.

use super::{Change, Clause, Verdict, pair_by};
use crate::ir::{ClockRef, Contract, TimeRange, WeekHours};

pub(super) fn diff(old: &Contract, new: &Contract, out: &mut Vec<Change>) {
    for (o, n) in pair_by(&old.calendars, &new.calendars, |c| c.id.clone()) {
        let id = o.or(n).map(|c| c.id.as_str()).unwrap_or_default();
        let clause = Clause::new(
            format!("calendar {id}"),
            o.and_then(|c| c.citation.as_ref()),
            n.and_then(|c| c.citation.as_ref()),
        );
        let (Some(o), Some(n)) = (o, n) else {
            // A calendar on its own promises nothing: the clocks that name
            // it are compared where they are used.
            let (ov, nv) = (o.map(|c| hours_text(&c.hours)), n.map(|c| hours_text(&c.hours)));
            out.push(clause.change(
                "clause",
                ov,
                nv,
                Verdict::Neutral,
                "a calendar promises nothing by itself; the clauses that use it are compared",
            ));
            continue;
        };
        if let Some((v, why)) = compare_hours(&o.hours, &n.hours) {
            out.push(clause.change("hours", Some(hours_text(&o.hours)), Some(hours_text(&n.hours)), v, why));
        }
        if o.zone != n.zone {
            let why =
                "the hours are read in another zone; which incidents fall inside them depends on when they happen";
            out.push(clause.change("zone", o.zone.clone(), n.zone.clone(), Verdict::Changed, why));
        }
        super::unweighed::rest(&clause, o, n, &["id", "name", "hours", "zone"], out);
        if let Some(c) = clause.citation_moved() {
            out.push(c);
        }
    }
}

/// The hours a clock runs on in its contract: `None` for a calendar the
/// contract does not declare (the checker rejects that; kept total here).
pub(super) fn clock_hours<'c>(contract: &'c Contract, clock: &ClockRef) -> Option<std::borrow::Cow<'c, WeekHours>> {
    match clock {
        ClockRef::Always => Some(std::borrow::Cow::Owned(WeekHours::always())),
        ClockRef::Calendar(id) => contract.calendar(id).map(|c| std::borrow::Cow::Borrowed(&c.hours)),
    }
}

pub(super) fn clock_text(clock: &ClockRef) -> String {
    match clock {
        ClockRef::Always => "24x7".into(),
        ClockRef::Calendar(id) => id.clone(),
    }
}

/// Compare the hours of a clock: fewer open minutes is weaker (a limit on
/// it runs out later, a channel answers less). `None` when they are open
/// at the same minutes of every kind of day.
pub(super) fn compare_hours(o: &WeekHours, n: &WeekHours) -> Option<(Verdict, String)> {
    if let (Some(a), Some(b)) = (&o.holidays, &n.holidays)
        && a.name != b.name
    {
        let why = format!(
            "holidays from set `{}` instead of `{}`: which dates are closed depends on the two sets",
            b.name, a.name
        );
        return Some((Verdict::Changed, why));
    }
    // A holiday set added to the same weekly hours: the clock stops on its
    // holidays (a set's make-up working days only move days around them).
    let same_week = o.always == n.always && o.weekdays == n.weekdays;
    if same_week && o.holidays.is_none() != n.holidays.is_none() {
        let (set, added) = match (&o.holidays, &n.holidays) {
            (None, Some(set)) => (set, true),
            (Some(set), _) => (set, false),
            (None, None) => return None,
        };
        return Some(if added {
            (
                Verdict::Weaker,
                format!("holidays of set `{}` added: the clock stops on them, so limits run out later", set.name),
            )
        } else {
            (Verdict::Stronger, format!("holidays of set `{}` removed: the clock runs on them again", set.name))
        });
    }
    let with_days = o.holidays.is_some() || n.holidays.is_some();
    let (old_sets, new_sets) = (situations(o, with_days), situations(n, with_days));
    let old_covers = old_sets.iter().zip(&new_sets).all(|(a, b)| covers(a, b));
    let new_covers = old_sets.iter().zip(&new_sets).all(|(a, b)| covers(b, a));
    let hours = |h: &WeekHours| {
        (rust_decimal::Decimal::from(h.weekly_minutes()) / rust_decimal::Decimal::from(60)).round_dp(2).normalize()
    };
    let week = format!("open {} h in an ordinary week -> {} h", hours(o), hours(n));
    match (old_covers, new_covers) {
        (true, true) => None,
        (true, false) => {
            Some((Verdict::Weaker, format!("the clock is open at fewer times ({week}): limits on it run out later")))
        }
        (false, true) => Some((Verdict::Stronger, format!("the clock is open at more times ({week})"))),
        (false, false) => Some((
            Verdict::Changed,
            format!("open at other times ({week}): which is longer for an incident depends on when it is reported"),
        )),
    }
}

/// The open minutes of each kind of day, as 1,440 flags: the seven
/// ordinary weekdays, then (where either version has a holiday set) a
/// holiday on each weekday and a make-up working Saturday and Sunday.
fn situations(h: &WeekHours, with_days: bool) -> Vec<Vec<bool>> {
    let flags = |ranges: &[TimeRange]| {
        let mut open = vec![h.always; 1440];
        for r in ranges {
            let end = usize::from(r.end.0).min(1440);
            open.iter_mut().take(end).skip(usize::from(r.start.0)).for_each(|m| *m = true);
        }
        open
    };
    let mut all: Vec<Vec<bool>> = h.weekdays.iter().map(|d| flags(d)).collect();
    if with_days {
        for day in &h.weekdays {
            all.push(if h.holidays.is_some() { flags(&h.holiday) } else { flags(day) });
        }
        for day in &h.weekdays[5..] {
            all.push(if h.holidays.is_some() { flags(h.makeup_hours()) } else { flags(day) });
        }
    }
    all
}

fn covers(a: &[bool], b: &[bool]) -> bool {
    a.iter().zip(b).all(|(a, b)| *a || !*b)
}

/// The hours as the language writes them, consecutive days with the same
/// hours joined: `mon-fri 09:00-18:00 except holidays cn`.
pub(super) fn hours_text(h: &WeekHours) -> String {
    if h.always {
        return "24x7".into();
    }
    const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let ranges = |r: &[TimeRange]| r.iter().map(|r| r.to_string()).collect::<Vec<_>>().join(", ");
    let mut parts = Vec::new();
    let mut start = 0;
    while start < 7 {
        let mut end = start;
        while end + 1 < 7 && h.weekdays[end + 1] == h.weekdays[start] {
            end += 1;
        }
        if !h.weekdays[start].is_empty() {
            let days = if end == start { DAYS[start].to_owned() } else { format!("{}-{}", DAYS[start], DAYS[end]) };
            parts.push(format!("{days} {}", ranges(&h.weekdays[start])));
        }
        start = end + 1;
    }
    let mut text = if parts.is_empty() { "closed".to_owned() } else { parts.join("; ") };
    if let Some(set) = &h.holidays {
        if h.holiday.is_empty() {
            text.push_str(&format!(" except holidays {}", set.name));
        } else {
            text.push_str(&format!("; holidays {} {}", set.name, ranges(&h.holiday)));
        }
    }
    text
}
