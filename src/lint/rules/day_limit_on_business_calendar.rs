//! L305: a limit written in days on a business calendar, which counts 24
//! open hours a day, not business days.

use crate::ir::{Calendar, ClockRef, Limit, Tier};
use crate::lint::registry::{Category, Level, Rule};
use crate::lint::{Context, Finding};

pub static RULE: Rule = Rule {
    code: "L305",
    name: "day-limit-on-business-calendar",
    category: Category::Suspicious,
    default_level: Level::Warning,
    summary: "a limit in days (`2d`) on a business calendar, which is open hours, not business days",
    what: "Finds a tier limit written in days (`2d`, `3 days`) whose clock is a calendar that is \
not `24x7` (also each calendar of `clock by region`).",
    why: "On a business clock a limit is open time: `2d` is 48 open hours. On `mon-fri \
09:00-18:00` that is 5.3 business days, so a ticket opened Monday 09:00 is due the next Monday \
at 12:00, not on Wednesday as \"2 days\" reads. Agreements that say days on business hours \
almost always mean business days.",
    example: r#"contract "example" {
  timezone "Asia/Shanghai"
  calendar business = mon-fri 09:00-18:00
  tier P4 "四级" {
    respond within 2d
    clock business
  }
}
"#,
    fix: "Write `2 business days` (the same local time on the 2nd following business day), or the \
open hours if those are meant (`48h`).",
    fixed: r#"contract "example" {
  timezone "Asia/Shanghai"
  calendar business = mon-fri 09:00-18:00
  tier P4 "四级" {
    respond within 2 business days
    clock business
  }
}
"#,
    peer_example: None,
    check,
};

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let c = cx.contract;
    for tier in &c.tiers {
        let calendars = calendars_of(tier, |id| c.calendar(id));
        let limits = [tier.response, tier.resolution]
            .into_iter()
            .chain(tier.overrides.iter().flat_map(|o| [o.response, o.resolution]))
            .flatten();
        for limit in limits {
            let Some(days) = limit.written_days else { continue };
            for cal in &calendars {
                if let Some(f) = finding(&limit, days, cal) {
                    out.push(f.cite(tier.citation.as_ref()));
                }
            }
        }
    }
}

/// The business calendars a tier's clock may run on.
fn calendars_of<'c>(tier: &Tier, calendar: impl Fn(&str) -> Option<&'c Calendar>) -> Vec<&'c Calendar> {
    let ids: Vec<&str> = match (&tier.clock, &tier.clock_by) {
        (Some(ClockRef::Calendar(id)), _) => vec![id.as_str()],
        (_, Some(by)) => by.calendars.iter().map(|c| c.calendar.as_str()).collect(),
        _ => Vec::new(),
    };
    let mut out: Vec<&Calendar> = Vec::new();
    for cal in ids.into_iter().filter_map(calendar) {
        if !cal.hours.always && !out.iter().any(|c| c.id == cal.id) {
            out.push(cal);
        }
    }
    out
}

fn finding(limit: &Limit, days: u32, cal: &Calendar) -> Option<Finding> {
    // The typical open minutes of a business day: the week's open minutes
    // over the weekdays that have any.
    let open_days = cal.hours.weekdays.iter().filter(|d| !d.is_empty()).count() as i64;
    let per_day = i64::from(cal.hours.weekly_minutes()) / open_days.max(1);
    if per_day <= 0 {
        return None;
    }
    let hours = i64::from(days) * 24;
    // Business days to one decimal, rounded half up, in integers.
    let tenths = (hours * 60 * 10 * 2 + per_day) / (per_day * 2);
    let plural = if days == 1 { "day" } else { "days" };
    Some(
        Finding::new(
            limit.span,
            format!(
                "{days}d on calendar `{}` is {hours} open hours ({}.{} business days)",
                cal.id,
                tenths / 10,
                tenths % 10
            ),
        )
        .label("open hours, not business days")
        .help(format!("write `{days} business {plural}`, or `{hours}h` if open hours are meant")),
    )
}
