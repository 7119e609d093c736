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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "calendar")]
pub enum ClockRef {
    /// `24x7`: every minute counts.
    Always,
    /// A calendar declared in the contract.
    Calendar(String),
}
