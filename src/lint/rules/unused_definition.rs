//! L401: a definition nothing uses.

use crate::ir::ClockRef;
use crate::lint::registry::{Category, Level, Rule};
use crate::lint::{Context, Finding};
use std::collections::BTreeSet;

pub static RULE: Rule = Rule {
    code: "L401",
    name: "unused-definition",
    category: Category::Style,
    default_level: Level::Warning,
    summary: "a calendar, service, holiday set, maintenance window or exclusion list nothing uses",
    what: "Finds a `calendar` no tier, channel or claim window runs on; a `service` no promise \
names (in a contract with several services); a declared holiday set no calendar observes; a \
maintenance `window` that no notice or exclusion refers to; and an `exclusions` list in a \
contract with no availability, durability or credit promise and no tier exemption for it to \
apply to.",
    why: "A definition nothing uses has no effect, which is rarely what its author meant: the \
tier that should run on the office calendar still runs on 24x7, planned work is not held to the \
maintenance window, the exclusions excuse nothing. Either the use is missing or the definition \
is stale.",
    example: r#"contract "example" {
  timezone "Asia/Shanghai"
  calendar office = mon-fri 09:00-18:00 except holidays cn
  tier P2 "中" {
    respond within 2h
    resolve within 8h
    clock 24x7
  }
}
"#,
    fix: "Use the definition where it was meant (`clock office`), or delete it.",
    fixed: r#"contract "example" {
  timezone "Asia/Shanghai"
  calendar office = mon-fri 09:00-18:00 except holidays cn
  tier P2 "中" {
    respond within 2h
    resolve within 8h
    clock office
  }
}
"#,
    peer_example: None,
    check,
};

fn clock_name(r: &Option<ClockRef>) -> Option<&str> {
    match r {
        Some(ClockRef::Calendar(n)) => Some(n.as_str()),
        _ => None,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let c = cx.contract;
    // Calendars.
    let mut calendars: BTreeSet<&str> = BTreeSet::new();
    calendars.extend(c.tiers.iter().filter_map(|t| clock_name(&t.clock)));
    calendars.extend(
        c.tiers.iter().flat_map(|t| t.clock_by.iter().flat_map(|by| &by.calendars)).map(|m| m.calendar.as_str()),
    );
    calendars.extend(c.channels.iter().filter_map(|ch| clock_name(&ch.hours)));
    calendars.extend(c.credits.iter().filter_map(|cr| cr.claim.as_ref()?.business_calendar.as_deref()));
    for cal in c.calendars.iter().filter(|cal| !calendars.contains(cal.id.as_str())) {
        out.push(
            Finding::new(cal.span, format!("calendar `{}` is never used", cal.id))
                .label("no tier, channel or claim window runs on it")
                .help(format!(
                    "use it where it was meant (`clock {}` in a tier, `hours {}` in a channel), or delete it",
                    cal.id, cal.id
                ))
                .cite(cal.citation.as_ref()),
        );
    }
    // Services, where there are several to choose from.
    if c.services.len() > 1 {
        let mut services: BTreeSet<&str> = BTreeSet::new();
        services.extend(c.availability.iter().map(|a| a.service.as_str()));
        services.extend(c.durability.iter().map(|a| a.service.as_str()));
        services.extend(c.credits.iter().map(|a| a.service.as_str()));
        services.extend(c.entitlements.iter().map(|a| a.service.as_str()));
        for s in c.services.iter().filter(|s| !services.contains(s.id.as_str())) {
            out.push(
                Finding::new(s.span, format!("service `{}` is named by no promise", s.id))
                    .label("no availability, durability, credit or entitlement names it")
                    .help(format!(
                        "add what the agreement promises for it (`availability {} {{ ... }}`), or delete it",
                        s.id
                    ))
                    .cite(s.citation.as_ref()),
            );
        }
    }
    // Holiday sets declared in the contract.
    let mut sets: BTreeSet<&str> = BTreeSet::new();
    sets.extend(c.calendars.iter().filter_map(|cal| cal.hours.holidays.as_ref().map(|h| h.name.as_str())));
    sets.extend(c.holiday_sets.iter().flat_map(|d| d.extends.iter().map(String::as_str)));
    for d in c.holiday_sets.iter().filter(|d| !sets.contains(d.name.as_str())) {
        out.push(
            Finding::new(d.span, format!("holiday set `{}` is observed by no calendar", d.name))
                .label("declared but not observed")
                .help(format!("observe it in a calendar (`except holidays {}`), or delete it", d.name))
                .cite(d.citation.as_ref()),
        );
    }
    // Maintenance windows.
    let mut windows: BTreeSet<&str> = BTreeSet::new();
    windows.extend(c.maintenance.planned_within_window.as_deref());
    windows.extend(c.exclusions.iter().filter_map(|e| e.within_window.as_deref()));
    // A promise's own rules may hold its work to a contract window.
    for a in &c.availability {
        windows.extend(a.exclusions.iter().filter_map(|e| e.within_window.as_deref()));
        windows.extend(a.maintenance.as_ref().and_then(|m| m.planned_within_window.as_deref()));
    }
    for w in c.maintenance.windows.iter().filter(|w| !windows.contains(w.id.as_str())) {
        out.push(
            Finding::new(w.span, format!("maintenance window `{}` is never required", w.id))
                .label("nothing has to happen inside it")
                .help(format!(
                    "hold planned work to it: `planned notice 72h inside window {}` in `maintenance`, or \
`planned_maintenance when announced 72h before inside window {}` in `exclusions`",
                    w.id, w.id
                ))
                .cite(w.citation.as_ref()),
        );
    }
    // Exclusions with nothing to exclude from.
    let promises =
        !c.availability.is_empty() || !c.durability.is_empty() || !c.credits.is_empty() || !c.entitlements.is_empty();
    let exempted = c.tiers.iter().any(|t| !t.exempt_from_resolution.is_empty());
    if let (Some(span), false, false) = (c.exclusions_span, promises, exempted) {
        if !c.exclusions.is_empty() {
            out.push(
                Finding::new(span, "these exclusions apply to nothing")
                    .label("no availability, durability or credit promise, and no tier exemption")
                    .help("exclusions excuse downtime from availability promises and tier clocks (`exempt third_party from resolution`); add the promise they belong to, or delete them"),
            );
        }
    }
}
