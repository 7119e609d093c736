//! Is a maintenance record excused? Notice given against notice required,
//! and the contract's windows where planned work must fall inside them.

use super::EvalError;
use super::minutes::{Minute, MinuteSet, touched};
use super::prepare::PreparedMaintenance;
use crate::calendar::local_time::{date_of, instant_at};
use crate::events::MaintenanceKind;
use crate::ir::{Availability, Contract, Exclusion, MaintenancePolicy, MaintenanceWindow, Recurrence, Seconds};
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use chrono_tz::Tz;

/// What one maintenance record does to the minutes of its service.
#[derive(Clone, Debug)]
pub struct Judged {
    /// Minutes the record makes down (none when its impact is `none`).
    pub down: Option<(Minute, Minute)>,
    /// Minutes the record excuses (inside the window, notice given).
    pub excused: MinuteSet,
    /// The exclusion that applied, for the ledger.
    pub rule: Option<String>,
    pub citation: Option<String>,
    /// Why (part of) it was not excused.
    pub not_excused: Option<String>,
    /// The promise whose own rule applied (`None`: the contract's).
    pub scope: Option<String>,
}

pub fn judge(c: &Contract, m: &PreparedMaintenance, tz: Tz) -> Result<Judged, EvalError> {
    judge_for(c, None, m, tz)
}

/// Judge a record by the rules one promise sees: its own exclusions and
/// notice rules first, then the contract's (`None`: the contract's alone).
pub fn judge_for(
    c: &Contract,
    promise: Option<&Availability>,
    m: &PreparedMaintenance,
    tz: Tz,
) -> Result<Judged, EvalError> {
    let r = &m.record;
    let span = touched(r.start, r.end);
    let down = if r.downtime { span } else { None };
    let mut judged =
        Judged { down, excused: MinuteSet::new(), rule: None, citation: None, not_excused: None, scope: None };
    let Some((a, b)) = span else {
        return Ok(judged);
    };
    let own = promise.and_then(|p| applicable_exclusion(&p.exclusions, r.kind));
    let Some(ex) = own.or_else(|| applicable_exclusion(&c.exclusions, r.kind)) else {
        judged.not_excused = Some(match promise.filter(|p| p.has_scoped_rules()) {
            Some(p) => {
                format!("neither the contract nor {} excludes {} maintenance", p.scope_name(), kind_name(r.kind))
            }
            None => format!("the contract excludes no {} maintenance", kind_name(r.kind)),
        });
        return Ok(judged);
    };
    judged.rule = Some(ex.category.clone());
    judged.citation = ex.citation.as_ref().map(|c| c.section.clone());
    judged.scope = own.and(promise).map(Availability::scope_name);
    let policies = Policies { own: promise.and_then(|p| p.maintenance.as_ref()), contract: &c.maintenance };
    let required = policies.required_notice(ex, r.kind);
    let given = (r.start - r.announced_at).num_seconds();
    if given < required.0 {
        judged.not_excused = Some(notice_reason(given, required));
        return Ok(judged);
    }
    let window_id = ex
        .within_window
        .clone()
        .or_else(|| (r.kind == MaintenanceKind::Planned).then(|| policies.planned_within_window()).flatten());
    let whole = MinuteSet::from_intervals(vec![(a, b)]);
    let Some(window) = window_id.and_then(|id| c.maintenance.windows.iter().find(|w| w.id == id)) else {
        judged.excused = whole;
        return Ok(judged);
    };
    let inside = MinuteSet::from_intervals(occurrences(window, r.start, r.end, tz)?).intersect(&whole);
    let outside = whole.len() - inside.len();
    if inside.is_empty() {
        judged.not_excused = Some(format!("outside the maintenance window `{}`", window.id));
    } else if outside > 0 {
        judged.not_excused = Some(format!("{outside} min outside the maintenance window `{}`", window.id));
    }
    judged.excused = inside;
    Ok(judged)
}

/// The records of a promise's service judged again by the rules it sees,
/// for a promise with rules of its own.
pub fn judge_all_for(
    c: &Contract,
    promise: &Availability,
    judged: &[(PreparedMaintenance, Judged)],
    tz: Tz,
) -> Result<Vec<(PreparedMaintenance, Judged)>, EvalError> {
    judged
        .iter()
        .filter(|(m, _)| m.target.service == promise.service)
        .map(|(m, _)| judge_for(c, Some(promise), m, tz).map(|j| (m.clone(), j)))
        .collect()
}

/// The most specific exclusion for the record's kind in one list.
fn applicable_exclusion(list: &[Exclusion], kind: MaintenanceKind) -> Option<&Exclusion> {
    let specific = match kind {
        MaintenanceKind::Planned => "planned_maintenance",
        MaintenanceKind::Emergency => "emergency_maintenance",
    };
    list.iter().find(|e| e.category == specific).or_else(|| list.iter().find(|e| e.category == "maintenance"))
}

/// The maintenance policies a promise sees: its own, then the contract's.
struct Policies<'a> {
    own: Option<&'a MaintenancePolicy>,
    contract: &'a MaintenancePolicy,
}

impl Policies<'_> {
    /// The exclusion's own condition, else the policy's notice for the kind
    /// (the promise's, then the contract's), else 0 ("announced in
    /// advance": no later than it started).
    fn required_notice(&self, ex: &Exclusion, kind: MaintenanceKind) -> Seconds {
        let of = |p: &MaintenancePolicy| match kind {
            MaintenanceKind::Planned => p.planned_notice.as_ref().map(|n| n.seconds),
            MaintenanceKind::Emergency => p.emergency_notice.as_ref().map(|n| n.seconds),
        };
        ex.notice.or_else(|| self.own.and_then(of)).or_else(|| of(self.contract)).unwrap_or(Seconds::ZERO)
    }

    fn planned_within_window(&self) -> Option<String> {
        self.own.and_then(|p| p.planned_within_window.clone()).or_else(|| self.contract.planned_within_window.clone())
    }
}

fn notice_reason(given: i64, required: Seconds) -> String {
    if given < 0 {
        format!("announced {} after it started", human_seconds(-given))
    } else {
        format!("announced {} before it started; {} notice required", human_seconds(given), human_seconds(required.0))
    }
}

pub fn kind_name(kind: MaintenanceKind) -> &'static str {
    match kind {
        MaintenanceKind::Planned => "planned",
        MaintenanceKind::Emergency => "emergency",
    }
}

/// `1 s`, `10 min`, `2 h 30 min`, `3 d 4 h`.
pub fn human_seconds(s: i64) -> String {
    let (d, h, m, sec) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60, s % 60);
    let mut parts = Vec::new();
    if d > 0 {
        parts.push(format!("{d} d"));
    }
    if h > 0 {
        parts.push(format!("{h} h"));
    }
    if m > 0 {
        parts.push(format!("{m} min"));
    }
    if sec > 0 || parts.is_empty() {
        parts.push(format!("{sec} s"));
    }
    parts.join(" ")
}

/// The window's occurrences that could meet `[start, end)`, as minutes.
pub(super) fn occurrences(
    w: &MaintenanceWindow,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    tz: Tz,
) -> Result<Vec<(Minute, Minute)>, EvalError> {
    let ctx = || format!("maintenance window `{}`", w.id);
    let first = date_of(tz, start).map_err(EvalError::calendar(ctx()))?;
    let last = date_of(tz, end).map_err(EvalError::calendar(ctx()))?;
    let mut out = Vec::new();
    let mut day = first.checked_sub_days(Days::new(1)).unwrap_or(first);
    while day <= last {
        if recurs_on(&w.recurrence, day) {
            let a = instant_at(tz, day, w.start.0).map_err(EvalError::calendar(ctx()))?;
            let b = instant_at(tz, day, w.end.0).map_err(EvalError::calendar(ctx()))?;
            if let Some(span) = touched(a, b) {
                out.push(span);
            }
        }
        let Some(next) = day.succ_opt() else { break };
        day = next;
    }
    Ok(out)
}

fn recurs_on(r: &Recurrence, date: NaiveDate) -> bool {
    match r {
        Recurrence::Daily => true,
        Recurrence::Weekly { days } => days.iter().any(|d| d.chrono() == date.weekday()),
        Recurrence::MonthlyNth { nth, day } => {
            if day.chrono() != date.weekday() {
                return false;
            }
            let d = date.day() as i8;
            if *nth < 0 {
                // The last such weekday: a week later is in the next month.
                date.checked_add_days(Days::new(7)).is_none_or(|n| n.month() != date.month())
            } else {
                (d - 1) / 7 + 1 == *nth
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::SerWeekday;

    #[test]
    fn second_sunday_of_the_month() {
        let r = Recurrence::MonthlyNth { nth: 2, day: SerWeekday::Sun };
        // January 2025: Sundays are the 5th, 12th, 19th, 26th.
        assert!(recurs_on(&r, NaiveDate::from_ymd_opt(2025, 1, 12).unwrap()));
        assert!(!recurs_on(&r, NaiveDate::from_ymd_opt(2025, 1, 5).unwrap()));
        let last = Recurrence::MonthlyNth { nth: -1, day: SerWeekday::Sun };
        assert!(recurs_on(&last, NaiveDate::from_ymd_opt(2025, 1, 26).unwrap()));
        assert!(!recurs_on(&last, NaiveDate::from_ymd_opt(2025, 1, 19).unwrap()));
    }

    #[test]
    fn reasons_read_naturally() {
        assert_eq!(notice_reason(-1, Seconds::ZERO), "announced 1 s after it started");
        assert_eq!(notice_reason(36_000, Seconds::hours(72)), "announced 10 h before it started; 3 d notice required");
    }
}
