//! Clauses put in words for hovers: a tier's limits with its clock, a
//! calendar's week, the downtime a target allows.

use crate::ir::{Availability, PeriodKind};
use crate::ir::{ClockRef, Contract, Limit, LimitRule, TimeRange, WeekHours};
use crate::lint::exact::{allowed_seconds, in_unit};
use rust_decimal::Decimal;

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

fn ranges(r: &[TimeRange]) -> String {
    r.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

/// The week of a calendar: `mon-fri 09:00-18:00; sat 10:00-12:00 except
/// holidays cn`.
pub fn week(h: &WeekHours) -> String {
    if h.always {
        return "24x7: every minute of every day".into();
    }
    let mut parts = Vec::new();
    let mut i = 0;
    while i < 7 {
        let mut j = i;
        while j + 1 < 7 && h.weekdays[j + 1] == h.weekdays[i] {
            j += 1;
        }
        if !h.weekdays[i].is_empty() {
            let days = if i == j { DAYS[i].to_owned() } else { format!("{}-{}", DAYS[i], DAYS[j]) };
            parts.push(format!("{days} {}", ranges(&h.weekdays[i])));
        }
        i = j + 1;
    }
    let mut text = if parts.is_empty() { "never open on an ordinary day".to_owned() } else { parts.join("; ") };
    if let Some(set) = &h.holidays {
        if h.holiday.is_empty() {
            text.push_str(&format!(" except holidays {}", set.name));
        } else {
            text.push_str(&format!("; holidays ({}) {}", set.name, ranges(&h.holiday)));
        }
        if let Some(m) = &h.makeup_workday {
            text.push_str(&format!("; make-up working days {}", ranges(m)));
        }
    }
    text
}

/// A length of time in words: `15 min`, `2 h`, `1 h 30 min`, `3 days`.
pub fn length(seconds: i64) -> String {
    let (d, h, m, s) = (seconds / 86_400, seconds % 86_400 / 3600, seconds % 3600 / 60, seconds % 60);
    let mut parts = Vec::new();
    if d > 0 {
        parts.push(format!("{d} {}", if d == 1 { "day" } else { "days" }));
    }
    if h > 0 {
        parts.push(format!("{h} h"));
    }
    if m > 0 {
        parts.push(format!("{m} min"));
    }
    if s > 0 || parts.is_empty() {
        parts.push(format!("{s} s"));
    }
    parts.join(" ")
}

/// Business time in words: `8 business hours`, `30 business minutes`.
fn business(seconds: i64) -> String {
    let plural = |n: i64, w: &str| format!("{n} business {w}{}", if n == 1 { "" } else { "s" });
    if seconds % 3600 == 0 {
        plural(seconds / 3600, "hour")
    } else if seconds % 60 == 0 {
        plural(seconds / 60, "minute")
    } else {
        plural(seconds, "second")
    }
}

/// A calendar by its name, with its week: `工作日 (office): mon-fri ...`.
pub fn calendar_words(c: &Contract, id: &str) -> String {
    match c.calendar(id) {
        Some(cal) => {
            let name = cal.name.as_deref().map(|n| format!("{n} (`{id}`)")).unwrap_or_else(|| format!("`{id}`"));
            format!("{name} {}", week(&cal.hours))
        }
        None => format!("`{id}` (not declared)"),
    }
}

/// A limit in words with its clock: `15 min, around the clock`; `8
/// business hours on 工作日 (`office`) mon-fri 09:00-18:00 except holidays cn`.
pub fn limit(c: &Contract, l: &Limit, clock: &ClockRef) -> String {
    match (l.rule, clock) {
        (LimitRule::OpenTime, ClockRef::Always) => format!("{}, around the clock", length(l.seconds.0)),
        (LimitRule::OpenTime, ClockRef::Calendar(id)) => {
            format!("{} on {}", business(l.seconds.0), calendar_words(c, id))
        }
        (rule, ClockRef::Always) => format!("{rule}"),
        (rule, ClockRef::Calendar(id)) => format!("{rule} on {}", calendar_words(c, id)),
    }
}

/// The downtime a target allows in each length of its period and of the
/// others: a Markdown table.
pub fn allowed_downtime(a: &Availability) -> String {
    let mut out = String::from("| period | allowed downtime |\n|---|---|\n");
    for (kind, unit_seconds) in [(PeriodKind::Month, 60), (PeriodKind::Quarter, 3600), (PeriodKind::Year, 3600)] {
        for days in kind.lengths_in_days() {
            let Some(allowed) = allowed_seconds(a.target, *days) else { continue };
            let minutes = in_unit(allowed, 60);
            let shown = if unit_seconds == 60 {
                format!("{minutes} min")
            } else {
                format!("{minutes} min ({} h)", in_unit(allowed, unit_seconds))
            };
            out.push_str(&format!("| {days}-day {} | {shown} |\n", kind.name()));
        }
    }
    out
}

/// The budgets a promise claims, each compared with what the target
/// allows in the longest period it may cover.
pub fn budgets(a: &Availability) -> String {
    if a.budget_claims.is_empty() {
        return "No downtime budget is claimed (`budget at most ... per month`).".into();
    }
    let mut out = String::new();
    for claim in &a.budget_claims {
        let seconds = claim.exact.unwrap_or(Decimal::from(claim.at_most.0));
        let per = claim.per.name();
        let days: Vec<i64> = match claim.assumes_days {
            Some(d) => vec![i64::from(d)],
            None => claim.per.lengths_in_days().to_vec(),
        };
        let longest = days.iter().filter_map(|d| allowed_seconds(a.target, *d)).max().unwrap_or_default();
        let verdict = if longest <= seconds {
            "follows from the target".to_owned()
        } else {
            format!("does not follow: the target allows up to {} min", in_unit(longest, 60))
        };
        let assuming = claim.assumes_days.map(|d| format!(" assuming {d} days")).unwrap_or_default();
        out.push_str(&format!(
            "Budget claimed: at most {} min per {per}{assuming}; it {verdict}.\n",
            in_unit(seconds, 60)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contract(text: &str) -> Contract {
        let c = crate::driver::compile_source("t.sla", text);
        assert!(!c.has_errors(), "{:?}", c.diags);
        c.contract.expect("a contract")
    }

    #[test]
    fn allowed_downtime_is_exact_for_every_length_of_period() {
        let c = contract(
            "contract \"c\" {\n  timezone \"UTC\"\n  service s \"s\"\n  availability s {\n    target 99.9%\n    period month\n    budget at most 43.2min per month\n  }\n}\n",
        );
        let a = &c.availability[0];
        let table = allowed_downtime(a);
        // 0.1% of a 28-day month: 28 × 1440 × 0.001 = 40.32 min; of a
        // 31-day month 44.64 min; of a 92-day quarter 132.48 min = 2.208 h;
        // of a 366-day year 527.04 min = 8.784 h.
        for row in [
            "| 28-day month | 40.32 min |",
            "| 31-day month | 44.64 min |",
            "| 92-day quarter | 132.48 min (2.208 h) |",
            "| 366-day year | 527.04 min (8.784 h) |",
        ] {
            assert!(table.contains(row), "{row} not in\n{table}");
        }
        // 43.2 min is 30 days' worth: a 31-day month allows 44.64.
        assert_eq!(
            budgets(a),
            "Budget claimed: at most 43.2 min per month; it does not follow: the target allows up to 44.64 min.\n"
        );
    }

    #[test]
    fn a_week_groups_days_with_the_same_hours() {
        let c = contract(
            "contract \"c\" {\n  timezone \"UTC\"\n  calendar desk {\n    workdays           08:00-21:00\n    weekends, holidays 09:00-18:00\n    holidays cn\n  }\n  calendar office = mon-fri 09:00-18:00 except holidays cn\n}\n",
        );
        assert_eq!(
            week(&c.calendars[0].hours),
            "mon-fri 08:00-21:00; sat-sun 09:00-18:00; holidays (cn) 09:00-18:00; make-up working days 08:00-21:00"
        );
        assert_eq!(week(&c.calendars[1].hours), "mon-fri 09:00-18:00 except holidays cn");
        let l = Limit::open_time(crate::ir::Seconds::hours(8), crate::source::Span::default());
        assert_eq!(
            limit(&c, &l, &ClockRef::Calendar("office".into())),
            "8 business hours on `office` mon-fri 09:00-18:00 except holidays cn"
        );
        assert_eq!(limit(&c, &l, &ClockRef::Always), "8 h, around the clock");
    }

    #[test]
    fn lengths_read_as_people_write_them() {
        assert_eq!(length(900), "15 min");
        assert_eq!(length(5400), "1 h 30 min");
        assert_eq!(length(3 * 86_400), "3 days");
        assert_eq!(length(0), "0 s");
        assert_eq!(business(8 * 3600), "8 business hours");
        assert_eq!(business(60), "1 business minute");
    }
}
