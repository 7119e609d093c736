//! Exclusions and the maintenance policy.

use super::cursor::Cursor;
use super::literals::real_time;
use super::{Checker, RefKind, Seen, block_of, citation, clauses, unknown_field};
use crate::diag::{Code, Diagnostic};
use crate::ir::{
    Exclusion, MaintenancePolicy, MaintenanceWindow, MinuteOfDay, Notice, Recurrence, STANDARD_CATEGORIES, SerWeekday,
    is_maintenance_category,
};
use crate::syntax::{Statement, Unit, ValueKind};

const DAYS: &[&str] = &["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// `exclusions { force_majeure "不可抗力" ... }`.
pub fn exclusions(ck: &mut Checker, stmt: &Statement) {
    ck.c.exclusions_span.get_or_insert(stmt.head_span());
    let mut list = std::mem::take(&mut ck.c.exclusions);
    exclusion_list(ck, stmt, &mut list);
    ck.c.exclusions = list;
}

/// The lines of an `exclusions` block, added to `list`: the contract's, or
/// one availability promise's own.
pub(super) fn exclusion_list(ck: &mut Checker, stmt: &Statement, list: &mut Vec<Exclusion>) {
    let lines = block_of(&mut ck.d, stmt, "exclusions", "exclusions { force_majeure }");
    for line in lines {
        if let Some(e) = exclusion(ck, line) {
            if let Some(prev) = list.iter().find(|p| p.category == e.category) {
                let prev_span = prev.span;
                ck.d.push(
                    Diagnostic::error(Code::DuplicateId, e.span, format!("exclusion `{}` is listed twice", e.category))
                        .label("listed again")
                        .related(prev_span, "first listed here")
                        .help("list each category once; put several descriptions in one text"),
                );
                continue;
            }
            list.push(e);
        }
    }
}

/// One exclusion line: `CATEGORY ["prose"] [labels ...] [when announced
/// [DUR before] [inside window W]]`, or `custom NAME "prose"`.
fn exclusion(ck: &mut Checker, line: &Statement) -> Option<Exclusion> {
    let mut a = Cursor::all(line);
    let custom = a.eat_word("custom");
    let (category, span) = a.expect_ident("an exclusion category", "force_majeure \"不可抗力\"", &mut ck.d)?;
    let standard = STANDARD_CATEGORIES.iter().any(|(id, _)| *id == category);
    if custom && standard {
        ck.d.push(
            Diagnostic::error(
                Code::DuplicateId,
                span,
                format!("`{category}` is a standard category; it needs no `custom`"),
            )
            .label("already standard")
            .help(format!("write `{category} \"...\"` without `custom`, or pick another name")),
        );
    } else if !custom && !standard {
        let ids = STANDARD_CATEGORIES.iter().map(|(id, _)| *id);
        // `force majeure`: two words for one category.
        let joined = a.peek_word().map(|next| format!("{category}_{next}"));
        let (hint, span, written) = match joined.filter(|j| STANDARD_CATEGORIES.iter().any(|(id, _)| id == j)) {
            Some(j) => (Some(format!("write the category as one word: `{j}`")), span.to(a.here()), j.replace('_', " ")),
            None => (
                crate::diag::suggest::did_you_mean(&category, ids)
                    .map(|s| format!("{s} Or declare it: `custom {category} \"...\"`")),
                span,
                category.clone(),
            ),
        };
        ck.d.push(
            Diagnostic::error(
                Code::UnknownExclusion,
                span,
                format!("`{written}` is not a standard exclusion category"),
            )
            .label("unknown category")
            .help(hint.unwrap_or_else(|| {
                format!(
                    "declare your own with `custom {category} \"what it covers\"`; standard ones: {}",
                    standard_list()
                )
            })),
        );
        return None;
    }
    let mut e = Exclusion {
        category,
        custom,
        description: a.opt_string().map(|s| s.0),
        labels: Vec::new(),
        notice: None,
        within_window: None,
        span,
        citation: citation(line),
    };
    while let Some(word) = a.peek_word() {
        match word {
            "labels" => {
                a.next();
                e.labels = a.strings("a cause label", "labels \"不可抗力\"", &mut ck.d);
            }
            "when" => {
                a.next();
                a.expect_word("announced", "when announced 72h before", &mut ck.d);
                if !is_maintenance_category(&e.category) {
                    ck.d.push(
                        Diagnostic::error(Code::UnexpectedValue, span, format!("a notice condition only applies to maintenance, not to `{}`", e.category))
                            .label("not maintenance")
                            .help("conditions such as `when announced 72h before` belong on `maintenance`, `planned_maintenance` or `emergency_maintenance`"),
                    );
                }
                if matches!(a.peek().map(|v| &v.kind), Some(ValueKind::Quantity { .. } | ValueKind::Number(_))) {
                    e.notice = a.expect_duration("the notice", &mut ck.d).map(|x| x.0);
                    a.expect_word("before", "when announced 72h before", &mut ck.d);
                } else {
                    e.notice = Some(crate::ir::Seconds::ZERO);
                }
            }
            "inside" => {
                a.next();
                // Without `window` the name that follows is not looked up:
                // the missing word is the one mistake.
                if !a.expect_word("window", "inside window sunday_night", &mut ck.d) {
                    a.skip_rest();
                } else if let Some((w, span)) =
                    a.expect_ident("a maintenance window", "inside window sunday_night", &mut ck.d)
                {
                    ck.refer(RefKind::Window, &w, span);
                    e.within_window = Some(w);
                }
            }
            _ => break,
        }
    }
    if e.description.is_none() {
        e.description = a.opt_string().map(|s| s.0);
    }
    a.finish(&e.category.clone(), &mut ck.d);
    Some(e)
}

fn standard_list() -> String {
    STANDARD_CATEGORIES.iter().map(|(id, _)| *id).collect::<Vec<_>>().join(", ")
}

/// `maintenance { window ...; planned notice 72h; emergency notice 2h;
/// recovery notice within 30min }`.
pub fn maintenance(ck: &mut Checker, stmt: &Statement) {
    ck.c.maintenance.span.get_or_insert(stmt.head_span());
    let mut policy = std::mem::take(&mut ck.c.maintenance);
    maintenance_policy(ck, stmt, &mut policy, true);
    ck.c.maintenance = policy;
}

/// The fields of a `maintenance` block into `policy`. Windows are named for
/// the whole contract, so only the contract's block (`windows`) defines them;
/// a promise's own block sets its notice rules and may name those windows.
pub(super) fn maintenance_policy(ck: &mut Checker, stmt: &Statement, policy: &mut MaintenancePolicy, windows: bool) {
    let mut seen = Seen::default();
    for field in block_of(&mut ck.d, stmt, "maintenance", "maintenance { planned notice 72h }") {
        let Some(kw) = field.keyword() else { continue };
        let mut a = Cursor::after_keyword(field);
        let head = field.head_span();
        match kw {
            "window" if !windows => {
                ck.d.push(
                    Diagnostic::error(Code::UnexpectedValue, head, "a maintenance window is declared for the whole contract")
                        .label("window inside a promise")
                        .help("declare the window in the contract's `maintenance` block and name it here: `planned notice 72h inside window sunday_night`"),
                );
                a.skip_rest();
            }
            "window" => {
                if let Some(w) = window(ck, field, &mut a) {
                    policy.windows.push(w);
                }
            }
            "planned" | "emergency"
                if seen.first(if kw == "planned" { "planned" } else { "emergency" }, head, &mut ck.d) =>
            {
                let example = format!("{kw} notice 72h");
                a.expect_word("notice", &example, &mut ck.d);
                let notice = a.expect_duration("the notice period", &mut ck.d).map(|(seconds, span)| Notice {
                    seconds,
                    span,
                    citation: citation(field),
                });
                if a.eat_word("inside") {
                    if !a.expect_word("window", "planned notice 72h inside window sunday_night", &mut ck.d) {
                        a.skip_rest();
                    } else if let Some((w, span)) =
                        a.expect_ident("a maintenance window", "inside window sunday_night", &mut ck.d)
                    {
                        ck.refer(RefKind::Window, &w, span);
                        if kw == "planned" {
                            policy.planned_within_window = Some(w);
                        }
                    }
                }
                if kw == "planned" {
                    policy.planned_notice = notice;
                } else {
                    policy.emergency_notice = notice;
                }
            }
            "recovery" if seen.first("recovery", head, &mut ck.d) => {
                a.expect_word("notice", "recovery notice within 30min", &mut ck.d);
                a.expect_word("within", "recovery notice within 30min", &mut ck.d);
                policy.recovery_notice = a
                    .expect_duration("the recovery notice time", &mut ck.d)
                    .map(|(seconds, span)| Notice { seconds, span, citation: citation(field) });
            }
            "planned" | "emergency" | "recovery" => {}
            other => {
                unknown_field(&mut ck.d, field, other, &clauses::MAINTENANCE);
                a.skip_rest();
            }
        }
        a.finish(kw, &mut ck.d);
    }
}

/// `window sunday_night = 2nd sun 02:00-06:00`, `window nightly = daily
/// 01:00-05:00`, `window weekend = sat, sun 00:00-04:00`, `last fri`.
fn window(ck: &mut Checker, field: &Statement, a: &mut Cursor<'_>) -> Option<MaintenanceWindow> {
    const EXAMPLE: &str = "window sunday_night = 2nd sun 02:00-06:00";
    let (id, span) = a.expect_ident("the window's name", EXAMPLE, &mut ck.d)?;
    a.eat_op("=");
    let out_of_range = a.peek().filter(|v| {
        matches!(&v.kind, ValueKind::Quantity { unit, .. } if Unit::of_suffix(unit) == Some(Unit::Ordinal))
            && ordinal_or_last(&v.kind).is_none()
    });
    let recurrence = if a.eat_word("daily") {
        Recurrence::Daily
    } else if let Some(v) = out_of_range {
        ck.d.push(
            Diagnostic::error(Code::InvalidOrdinal, v.span, "a month has at most five of each weekday")
                .label("out of range")
                .help("write `1st` to `5th`, or `last`, as in `window sunday_night = 2nd sun 02:00-06:00`"),
        );
        return None;
    } else if let Some(Some(nth)) = a.peek().map(|v| ordinal_or_last(&v.kind)) {
        a.next();
        let day = weekday(ck, a, EXAMPLE)?;
        if a.eat_word("of") {
            a.expect_word("month", EXAMPLE, &mut ck.d);
        }
        Recurrence::MonthlyNth { nth, day }
    } else {
        let mut days = Vec::new();
        while a.peek_word().is_some_and(|w| DAYS.contains(&w)) {
            days.push(weekday(ck, a, EXAMPLE)?);
        }
        if days.is_empty() {
            weekday(ck, a, EXAMPLE)?;
        }
        Recurrence::Weekly { days }
    };
    let Some(v) = a.next() else {
        ck.d.push(
            Diagnostic::error(Code::ExpectedTimeRange, a.missing_span(), "the window has no hours")
                .label("hours missing")
                .help(format!("for example: `{EXAMPLE}`")),
        );
        return None;
    };
    let ValueKind::TimeRange { start, end } = &v.kind else {
        ck.d.push(
            Diagnostic::error(
                Code::ExpectedTimeRange,
                v.span,
                format!("expected the window's hours, found {}", v.found()),
            )
            .label("not hours")
            .help(format!("for example: `{EXAMPLE}`")),
        );
        return None;
    };
    let (s, e) = (real_time(start, &mut ck.d)?, real_time(end, &mut ck.d)?);
    if e <= s {
        ck.d.push(
            Diagnostic::error(Code::InvertedTimeRange, v.span, "the window ends before it starts")
                .label("end is not after start")
                .help("a window stays within one day, such as `02:00-06:00`"),
        );
        return None;
    }
    Some(MaintenanceWindow {
        id,
        recurrence,
        start: MinuteOfDay(s),
        end: MinuteOfDay(e),
        span,
        citation: citation(field),
    })
}

/// `2nd` is 2, `last` is -1.
fn ordinal_or_last(kind: &ValueKind) -> Option<i8> {
    use rust_decimal::prelude::ToPrimitive;
    match kind {
        ValueKind::Quantity { number, unit, .. } if Unit::of_suffix(unit) == Some(Unit::Ordinal) => {
            number.to_i8().filter(|n| (1..=5).contains(n))
        }
        ValueKind::Word(w) if w == "last" => Some(-1),
        _ => None,
    }
}

fn weekday(ck: &mut Checker, a: &mut Cursor<'_>, example: &str) -> Option<SerWeekday> {
    let w = a.expect_one_of(DAYS, example, &mut ck.d)?;
    DAYS.iter().position(|d| *d == w).map(SerWeekday::from_index)
}
