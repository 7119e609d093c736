//! Calendars: when a business clock runs, and which holiday set it observes.

use super::values::{Citation, TimeRange};
use crate::source::Span;
use serde::{Deserialize, Serialize};

/// A named calendar (`calendar office = mon-fri 09:00-18:00 except holidays cn`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Calendar {
    pub id: String,
    pub name: Option<String>,
    pub hours: WeekHours,
    pub span: Span,
    pub citation: Option<Citation>,
    /// `in "Europe/London"`: the zone the hours are read in; `None`: the
    /// contract's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
}

/// The hours a calendar is open, by day class.
///
/// Each date falls in one class: a **holiday** (a day of an official break,
/// weekends inside it included), a **make-up working day** (a Saturday or
/// Sunday the holiday set declares a working day), or an ordinary weekday
/// (Monday = index 0 .. Sunday = index 6).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekHours {
    /// `true` for `24x7`: every minute, whatever the date; no holiday set is
    /// consulted.
    pub always: bool,
    /// Open ranges for Monday .. Sunday on ordinary days, sorted, disjoint.
    pub weekdays: [Vec<TimeRange>; 7],
    /// Open ranges on a make-up working day. `None`: Monday's hours.
    pub makeup_workday: Option<Vec<TimeRange>>,
    /// Open ranges on a holiday (empty: closed).
    pub holiday: Vec<TimeRange>,
    /// The holiday set that decides which dates are holidays and make-up
    /// working days; `None`: no date is special.
    pub holidays: Option<HolidaySetRef>,
}

impl WeekHours {
    pub fn always() -> Self {
        WeekHours {
            always: true,
            weekdays: Default::default(),
            makeup_workday: None,
            holiday: Vec::new(),
            holidays: None,
        }
    }

    /// Hours on a make-up working day.
    pub fn makeup_hours(&self) -> &[TimeRange] {
        self.makeup_workday.as_deref().unwrap_or(&self.weekdays[0])
    }

    /// Open minutes in an ordinary week, for lints and docs.
    pub fn weekly_minutes(&self) -> u32 {
        if self.always {
            return 7 * 1440;
        }
        self.weekdays.iter().flatten().map(|r| u32::from(r.end.0 - r.start.0)).sum()
    }
}

/// A reference to a holiday set: `cn` (shipped with slac) or one declared in
/// the contract with `holidays NAME from "file.csv"`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidaySetRef {
    pub name: String,
    pub span: Span,
}

/// A holiday set the contract declares (`holidays company from "x.csv"`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HolidaySetDecl {
    pub name: String,
    /// `None`: the built-in set of that name (only `cn`).
    pub file: Option<String>,
    /// Further sets whose dates this one adds to (`holidays ours extends cn`).
    pub extends: Vec<String>,
    pub span: Span,
    pub citation: Option<Citation>,
}

/// Which clock a tier's limits run on.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "calendar")]
pub enum ClockRef {
    /// `24x7`: every minute counts.
    Always,
    /// A calendar declared in the contract.
    Calendar(String),
}

/// The order to build declared holiday sets in: every set after the sets it
/// `extends`, whatever the order they are written in (names may be used
/// before they are declared, here as everywhere in the language).
///
/// Returns indices into `decls`. A name declared twice counts once (the
/// checker reports the second). `Err` holds the indices of one cycle of
/// sets that extend each other, in the order they extend each other.
/// Iterative, so a long chain of `extends` cannot exhaust the stack.
pub fn holiday_build_order(decls: &[HolidaySetDecl]) -> Result<Vec<usize>, Vec<usize>> {
    use std::collections::HashMap;
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, d) in decls.iter().enumerate() {
        index.entry(d.name.as_str()).or_insert(i);
    }
    // Bases that are declared sets (undeclared ones are built in or reported
    // by the checker as unknown): the edges of the graph.
    let bases = |i: usize| decls[i].extends.iter().filter_map(|b| index.get(b.as_str()).copied());
    let mut waiting: Vec<usize> = vec![0; decls.len()];
    let mut extended_by: Vec<Vec<usize>> = vec![Vec::new(); decls.len()];
    for (&_, &i) in &index {
        for b in bases(i) {
            waiting[i] += 1;
            extended_by[b].push(i);
        }
    }
    // Kahn's algorithm, taking sets in declaration order when free to.
    let mut ready: std::collections::BTreeSet<usize> = index.values().copied().filter(|&i| waiting[i] == 0).collect();
    let mut order = Vec::with_capacity(index.len());
    while let Some(i) = ready.pop_first() {
        order.push(i);
        for &j in &extended_by[i] {
            waiting[j] -= 1;
            if waiting[j] == 0 {
                ready.insert(j);
            }
        }
    }
    if order.len() == index.len() {
        return Ok(order);
    }
    // Every set left waits on another left; walking from the first one
    // through bases that are left must come back round.
    let left = |i: usize| waiting[i] > 0;
    let Some(start) = index.values().copied().filter(|&i| left(i)).min() else { return Ok(order) };
    let mut path = vec![start];
    let mut at_step: HashMap<usize, usize> = HashMap::from([(start, 0)]);
    let mut here = start;
    loop {
        let Some(next) = bases(here).find(|&b| left(b)) else { return Err(path) };
        if let Some(&step) = at_step.get(&next) {
            return Err(path.split_off(step));
        }
        at_step.insert(next, path.len());
        path.push(next);
        here = next;
    }
}
