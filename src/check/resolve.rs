//! After every clause is read: fill in implicit services, find duplicate
//! names, resolve every reference, and check currencies.

use super::{Checker, ImplicitService, RefKind};
use crate::diag::{Code, Diagnostic};
use crate::ir::STANDARD_CATEGORIES;
use crate::source::Span;
use std::collections::{HashMap, HashSet};

pub fn finish(ck: &mut Checker, is_contract: bool) {
    implicit_services(ck);
    duplicates(ck);
    references(ck);
    holiday_cycles(ck);
    currencies(ck);
    set_lines(ck);
    // A `timezone` line that could not be read is reported already.
    if is_contract && !ck.header_seen.contains_key("timezone") {
        ck.d.push(
            Diagnostic::error(Code::MissingField, head(ck), "the contract does not name its time zone")
                .label("no `timezone`")
                .help("add `timezone \"Asia/Shanghai\"`: every period, deadline and timestamp is read in it"),
        );
    }
}

/// A `set` line says how the instances of a service measured as a whole
/// make it down; a service measured per instance or per component judges
/// each apart, where the line would be silently ignored.
fn set_lines(ck: &mut Checker) {
    for (service, span) in std::mem::take(&mut ck.set_lines) {
        let Some(s) = ck.c.service(&service) else { continue };
        if s.measured == crate::ir::MeasuredBy::Service {
            continue;
        }
        let per = if s.measured == crate::ir::MeasuredBy::Instance { "instance" } else { "component" };
        ck.d.push(
            Diagnostic::error(
                Code::ConflictingFields,
                span,
                format!("`{service}` is measured per {per}, so its instances make no set"),
            )
            .label("would be ignored")
            .related(s.span, format!("measured per {per}"))
            .help(format!(
                "drop the `set` line, or measure `{service}` as a whole (`measured per service`) so that its instances form one set"
            )),
        );
    }
}

fn head(ck: &Checker) -> Span {
    let s = ck.c.span;
    Span { end: s.start + 8, ..s }
}

/// Clauses that did not name a service get the only one there is.
pub(crate) fn implicit_services(ck: &mut Checker) {
    let only = match ck.c.services.as_slice() {
        [one] => Some(one.id.clone()),
        _ => None,
    };
    for (which, span) in std::mem::take(&mut ck.implicit_service) {
        let Some(id) = only.clone() else {
            let names: Vec<String> = ck.c.services.iter().map(|s| format!("`{}`", s.id)).collect();
            let help = if names.is_empty() {
                "declare the service first: `service esign \"电子签约平台\"`".to_owned()
            } else {
                format!("name the service after the keyword; the contract has {}", names.join(", "))
            };
            ck.d.push(
                Diagnostic::error(Code::AmbiguousService, span, "this clause does not say which service it is about")
                    .label("which service?")
                    .help(help),
            );
            continue;
        };
        match which {
            ImplicitService::Availability(i) => ck.c.availability[i].service = id,
            ImplicitService::Durability(i) => ck.c.durability[i].service = id,
            ImplicitService::Credit(i) => ck.c.credits[i].service = id,
            ImplicitService::Entitlement(i) => ck.c.entitlements[i].service = id,
        }
    }
}

/// Report a second declaration of one name within a kind.
fn dup_check<'a>(ck_d: &mut super::Diags, kind: &str, items: impl Iterator<Item = (&'a str, Span)>) {
    let mut first: HashMap<&str, Span> = HashMap::new();
    for (name, span) in items {
        if let Some(prev) = first.get(name) {
            ck_d.push(
                Diagnostic::error(Code::DuplicateId, span, format!("{kind} `{name}` is declared twice"))
                    .label("declared again")
                    .related(*prev, "first declared here")
                    .help(format!("give each {kind} its own name")),
            );
        } else {
            first.insert(name, span);
        }
    }
}

pub(crate) fn duplicates(ck: &mut Checker) {
    let c = &ck.c;
    let d = &mut ck.d;
    dup_check(d, "service", c.services.iter().map(|s| (s.id.as_str(), s.span)));
    dup_check(d, "calendar", c.calendars.iter().map(|s| (s.id.as_str(), s.span)));
    dup_check(d, "channel", c.channels.iter().map(|s| (s.id.as_str(), s.span)));
    dup_check(d, "tier", c.tiers.iter().map(|s| (s.id.as_str(), s.span)));
    dup_check(d, "penalty", c.penalties.iter().map(|s| (s.id.as_str(), s.span)));
    dup_check(d, "liability clause", c.liability.iter().map(|s| (s.id.as_str(), s.span)));
    dup_check(d, "holiday set", c.holiday_sets.iter().map(|s| (s.name.as_str(), s.span)));
    dup_check(d, "maintenance window", c.maintenance.windows.iter().map(|s| (s.id.as_str(), s.span)));
    dup_check(d, "backup", c.backups.iter().map(|s| (s.id.as_str(), s.span)));
    dup_check(d, "duty", c.duties.iter().map(|s| (s.id.as_str(), s.span)));
    dup_check(d, "objective", c.objectives.iter().map(|s| (s.name.as_str(), s.span)));
    for s in &c.services {
        dup_check(d, "component", s.components.iter().map(|x| (x.id.as_str(), x.span)));
    }
    for e in &c.entitlements {
        dup_check(d, "option", e.options.iter().map(|x| (x.id.as_str(), x.span)));
    }
    // A severity label may name only one tier, or an incident's tier would
    // depend on the order of declaration.
    let mut owner: HashMap<&str, (&str, Span)> = HashMap::new();
    for t in &c.tiers {
        let mut own: Vec<&str> = t.labels.iter().map(String::as_str).collect();
        own.push(&t.id);
        own.extend(t.name.as_deref());
        own.sort_unstable();
        own.dedup();
        for label in own {
            match owner.get(label) {
                Some((other, prev)) if *other != t.id => d.push(
                    Diagnostic::error(
                        Code::DuplicateLabel,
                        t.span,
                        format!("severity label \"{label}\" names both tier `{other}` and tier `{}`", t.id),
                    )
                    .label("label already taken")
                    .related(*prev, format!("tier `{other}` uses it"))
                    .help("give each tier its own labels, so every exported severity maps to one tier"),
                ),
                _ => {
                    owner.insert(label, (&t.id, t.span));
                }
            }
        }
    }
}

pub(crate) fn references(ck: &mut Checker) {
    let refs = std::mem::take(&mut ck.refs);
    // The names of each kind, gathered once: a contract of many clauses
    // must not cost a pass over every declaration per reference.
    let mut known: HashMap<RefKind, (Vec<String>, HashSet<String>)> = HashMap::new();
    for r in refs {
        let (candidates, names) = known.entry(r.kind).or_insert_with(|| {
            let list = candidates(ck, r.kind);
            let set = list.iter().cloned().collect();
            (list, set)
        });
        if names.contains(&r.name) {
            continue;
        }
        let (code, kind, declare) = match r.kind {
            RefKind::Service => (Code::UnknownService, "service", "service NAME \"display name\""),
            RefKind::Calendar => (Code::UnknownCalendar, "calendar", "calendar NAME = mon-fri 09:00-18:00"),
            RefKind::HolidaySet => (Code::UnknownHolidaySet, "holiday set", "holidays NAME from \"file.csv\""),
            RefKind::Tier => (Code::UnknownTier, "tier", "tier NAME \"label\" { ... }"),
            RefKind::Exclusion => {
                (Code::UnknownExclusion, "exclusion category", "custom NAME \"...\" (in `exclusions`)")
            }
            RefKind::Channel => (Code::UnknownChannel, "channel", "channel NAME \"display name\" { hours 24x7 }"),
            RefKind::Window => {
                (Code::UnknownWindow, "maintenance window", "window NAME = 2nd sun 02:00-06:00 (in `maintenance`)")
            }
        };
        let hint = crate::diag::suggest::did_you_mean(&r.name, candidates.iter().map(String::as_str));
        let help = match hint {
            Some(h) => h,
            None if r.kind == RefKind::Calendar => format!("declare it with `{declare}`, or use `24x7`"),
            None if r.kind == RefKind::HolidaySet => {
                format!("the built-in set is `cn`; declare others with `{declare}`")
            }
            None => format!("declare it with `{declare}`"),
        };
        ck.d.push(
            Diagnostic::error(code, r.span, format!("no {kind} named `{}`", r.name))
                .label(format!("unknown {kind}"))
                .help(help),
        );
    }
}

/// Every name a reference of this kind may use.
fn candidates(ck: &Checker, kind: RefKind) -> Vec<String> {
    match kind {
        RefKind::Service => ck.c.services.iter().map(|s| s.id.clone()).collect(),
        RefKind::Calendar => ck.c.calendars.iter().map(|s| s.id.clone()).collect(),
        RefKind::HolidaySet => {
            std::iter::once("cn".to_owned()).chain(ck.c.holiday_sets.iter().map(|s| s.name.clone())).collect()
        }
        RefKind::Tier => ck.c.tiers.iter().map(|s| s.id.clone()).collect(),
        RefKind::Exclusion => STANDARD_CATEGORIES
            .iter()
            .map(|(id, _)| (*id).to_owned())
            .chain(ck.c.exclusions.iter().filter(|e| e.custom).map(|e| e.category.clone()))
            .collect(),
        RefKind::Channel => ck.c.channels.iter().map(|s| s.id.clone()).collect(),
        RefKind::Window => ck.c.maintenance.windows.iter().map(|s| s.id.clone()).collect(),
    }
}

/// Holiday sets that extend each other can never be built: report the
/// cycle once, at the first set of it, with the others as related places.
fn holiday_cycles(ck: &mut Checker) {
    let decls = &ck.c.holiday_sets;
    let Err(cycle) = crate::ir::holiday_build_order(decls) else { return };
    let names: Vec<String> = cycle.iter().map(|&i| format!("`{}`", decls[i].name)).collect();
    let first = &decls[cycle[0]];
    let mut d = Diagnostic::error(
        Code::HolidayCycle,
        first.span,
        if cycle.len() == 1 {
            format!("holiday set `{}` extends itself", first.name)
        } else {
            format!("holiday sets {} extend each other in a cycle", names.join(", "))
        },
    )
    .label("extends itself, through the cycle")
    .help("a set adds the dates of the sets it extends; remove one `extends` so the chain has an end");
    for &i in &cycle[1..] {
        d = d.related(decls[i].span, format!("`{}` is part of the cycle", decls[i].name));
    }
    ck.d.push(d);
}

/// Every amount must be in the contract's currency.
fn currencies(ck: &mut Checker) {
    let uses = std::mem::take(&mut ck.d.money);
    for (currency, span) in uses {
        if !super::header::is_currency(&currency) {
            ck.d.push(
                Diagnostic::error(
                    Code::UnknownCurrency,
                    span,
                    format!("`{currency}` is not an ISO 4217 currency code"),
                )
                .label("unknown currency")
                .help(super::header::currency_help(&currency)),
            );
            continue;
        }
        match &ck.c.header.currency {
            Some(contract) if *contract != currency => ck.d.push(
                Diagnostic::error(
                    Code::CurrencyMismatch,
                    span,
                    format!("this amount is in {currency}, but the contract's currency is {contract}"),
                )
                .label(format!("{currency}, not {contract}"))
                .help(format!("write the amount in {contract}, or change the contract's `currency`")),
            ),
            _ => {}
        }
    }
}
