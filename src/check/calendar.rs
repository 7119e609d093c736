//! Calendars and holiday sets.

use super::args::{Args, real_time};
use super::{Checker, Diags, RefKind, citation, no_block};
use crate::diag::{Code, Diagnostic};
use crate::ir::{Calendar, HolidaySetDecl, HolidaySetRef, MinuteOfDay, TimeRange, WeekHours};
use crate::source::Span;
use crate::syntax::{Statement, Value, ValueKind};

const DAY_NAMES: &[&str] = &["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Which days a line of hours is for.
#[derive(Default)]
struct DaySet {
    weekdays: [bool; 7],
    makeup: bool,
    holiday: bool,
}

/// `holidays company from "holidays.csv" extends cn`: a holiday set read
/// from a file (CSV `date,kind,name` or iCalendar).
pub fn holidays(ck: &mut Checker, stmt: &Statement) {
    no_block(&mut ck.d, stmt, "holidays");
    let mut a = Args::after_keyword(stmt);
    let Some((name, span)) =
        a.expect_ident("the holiday set's name", "holidays company from \"holidays.csv\"", &mut ck.d)
    else {
        return;
    };
    let mut decl = HolidaySetDecl { name, file: None, extends: Vec::new(), span, citation: citation(stmt) };
    while !a.at_end() {
        if a.eat_word("from") {
            decl.file =
                a.expect_string("the holiday file", "holidays company from \"holidays.csv\"", &mut ck.d).map(|s| s.0);
        } else if a.eat_word("extends") {
            while let Some((base, span)) = a.opt_ident() {
                ck.refer(RefKind::HolidaySet, &base, span);
                decl.extends.push(base);
            }
        } else {
            break;
        }
    }
    a.finish("holidays", &mut ck.d);
    if decl.file.is_none() && decl.name != "cn" {
        ck.d.push(
            Diagnostic::error(
                Code::MissingField,
                span,
                format!("holiday set `{}` does not say where its dates come from", decl.name),
            )
            .label("no file")
            .help("write `holidays company from \"holidays.csv\"`; the built-in Chinese set `cn` needs no declaration"),
        );
    }
    ck.c.holiday_sets.push(decl);
}

/// `calendar office = mon-fri 09:00-18:00 except holidays cn`, or a block of
/// lines.
pub fn calendar(ck: &mut Checker, stmt: &Statement) {
    let mut a = Args::after_keyword(stmt);
    let Some((id, span)) = a.expect_ident("the calendar's name", "calendar office = mon-fri 09:00-18:00", &mut ck.d)
    else {
        return;
    };
    let name = a.opt_string().map(|s| s.0);
    let mut hours = WeekHours {
        always: false,
        weekdays: Default::default(),
        makeup_workday: None,
        holiday: Vec::new(),
        holidays: None,
    };
    let mut holiday_hours_span = None;
    if a.eat_op("=") {
        let rest = a.rest();
        hours_line(ck, rest, &mut hours, &mut holiday_hours_span);
    } else if stmt.block.is_none() {
        ck.d.push(
            Diagnostic::error(Code::ExpectedBlock, a.here(), format!("calendar `{id}` does not say its hours"))
                .label("hours missing")
                .help(
                    "write `calendar office = mon-fri 09:00-18:00` or a block of lines such as `workdays 08:00-21:00`",
                ),
        );
    } else {
        a.finish("calendar", &mut ck.d);
    }
    for line in stmt.block.iter().flat_map(|b| &b.statements) {
        hours_line(ck, &line.values, &mut hours, &mut holiday_hours_span);
    }
    normalise(&mut hours, span, &id, &mut ck.d);
    if let (Some(at), None) = (holiday_hours_span, &hours.holidays) {
        ck.d.push(
            Diagnostic::error(Code::MissingField, at, format!("calendar `{id}` gives hours for holidays but names no holiday set"))
                .label("which holidays?")
                .help("add a line `holidays cn` (the Chinese statutory set) or a set declared with `holidays NAME from \"file\"`"),
        );
    }
    ck.c.calendars.push(Calendar { id, name, hours, span, citation: citation(stmt) });
}

/// One line of hours: `mon-fri 09:00-18:00`, `weekends, holidays
/// 09:00-18:00`, `holidays cn`, `except holidays cn`, `24x7`. A one-line
/// calendar may hold several groups: `mon-fri 09:00-18:00 sat 10:00-14:00`.
fn hours_line(ck: &mut Checker, values: &[Value], hours: &mut WeekHours, holiday_span: &mut Option<Span>) {
    let mut i = 0;
    let mut days = DaySet::default();
    let mut days_span: Option<Span> = None;
    let mut any_hours = false;
    while i < values.len() {
        let v = &values[i];
        match &v.kind {
            ValueKind::Always => hours.always = true,
            ValueKind::Word(w) if w == "except" => {}
            ValueKind::Word(w) if w == "holidays" && is_set_name(values.get(i + 1)) => {
                if let Some(Value { kind: ValueKind::Word(set), span }) = values.get(i + 1) {
                    ck.refer(RefKind::HolidaySet, set, *span);
                    hours.holidays = Some(HolidaySetRef { name: set.clone(), span: *span });
                }
                i += 1;
            }
            ValueKind::TimeRange { start, end } => {
                let Some(days_at) = days_span else {
                    ck.d.push(
                        Diagnostic::error(Code::ExpectedKeyword, v.span, "hours without the days they are for")
                            .label("which days?")
                            .help("put the days first: `mon-fri 09:00-18:00`, `weekends 09:00-18:00`, `holidays 09:00-18:00`"),
                    );
                    i += 1;
                    continue;
                };
                let (Some(s), Some(e)) = (real_time(start, &mut ck.d), real_time(end, &mut ck.d)) else {
                    i += 1;
                    continue;
                };
                if e <= s {
                    ck.d.push(
                        Diagnostic::error(
                            Code::InvertedTimeRange,
                            v.span,
                            format!("these hours end at {} but start at {}", MinuteOfDay(e), MinuteOfDay(s)),
                        )
                        .label("end is not after start")
                        .help(
                            "hours stay within one day; for a night shift write two ranges: `22:00-24:00, 00:00-06:00`",
                        ),
                    );
                } else {
                    let range = TimeRange { start: MinuteOfDay(s), end: MinuteOfDay(e) };
                    add_range(hours, &days, range);
                    if days.holiday {
                        *holiday_span = Some(days_at);
                    }
                }
                any_hours = true;
            }
            ValueKind::Word(_) | ValueKind::DashedWord(_) => {
                // A new group of days starts after the previous one got hours.
                if any_hours {
                    days = DaySet::default();
                    days_span = None;
                    any_hours = false;
                }
                if day_spec(v, &mut days, &mut ck.d) {
                    days_span = Some(days_span.map_or(v.span, |s| s.to(v.span)));
                }
            }
            _ => {
                ck.d.push(
                    Diagnostic::error(
                        Code::ExpectedTimeRange,
                        v.span,
                        format!("expected days or hours, found {}", v.describe()),
                    )
                    .label("not understood in a calendar")
                    .help("write lines such as `mon-fri 09:00-18:00` or `weekends, holidays 09:00-18:00`"),
                );
            }
        }
        i += 1;
    }
    if let (Some(span), false) = (days_span, any_hours) {
        ck.d.push(
            Diagnostic::error(Code::ExpectedTimeRange, span.after(), "days without hours")
                .label("hours missing")
                .help("add the hours, such as `09:00-18:00`"),
        );
    }
}

/// A holiday-set name rather than a day word follows `holidays`.
fn is_set_name(v: Option<&Value>) -> bool {
    matches!(v.map(|v| &v.kind), Some(ValueKind::Word(w)) if !DAY_NAMES.contains(&w.as_str()) && !matches!(w.as_str(), "workdays" | "weekends" | "holidays" | "daily"))
}

/// Read a day word (`mon`, `mon-fri`, `workdays`, `weekends`, `holidays`,
/// `daily`) into the set; report it when unknown.
fn day_spec(v: &Value, days: &mut DaySet, d: &mut Diags) -> bool {
    let text = match &v.kind {
        ValueKind::Word(w) | ValueKind::DashedWord(w) => w.as_str(),
        _ => return false,
    };
    match text {
        "workdays" => {
            days.weekdays[..5].iter_mut().for_each(|b| *b = true);
            days.makeup = true;
            return true;
        }
        "weekends" => {
            days.weekdays[5..].iter_mut().for_each(|b| *b = true);
            return true;
        }
        "holidays" => {
            days.holiday = true;
            return true;
        }
        "daily" => {
            days.weekdays.iter_mut().for_each(|b| *b = true);
            days.makeup = true;
            return true;
        }
        _ => {}
    }
    let parts: Vec<&str> = text.split('-').collect();
    let index = |p: &str| DAY_NAMES.iter().position(|n| *n == p.to_ascii_lowercase().get(..3).unwrap_or(""));
    let known = |p: &str| index(p).filter(|_| is_day_word(p));
    match parts.as_slice() {
        [one] => match known(one) {
            Some(i) => {
                days.weekdays[i] = true;
                true
            }
            None => unknown_day(v.span, one, d),
        },
        [from, to] => match (known(from), known(to)) {
            (Some(f), Some(t)) => {
                // `fri-mon` wraps around the weekend.
                let mut i = f;
                loop {
                    days.weekdays[i] = true;
                    if i == t {
                        break;
                    }
                    i = (i + 1) % 7;
                }
                true
            }
            (None, _) => unknown_day(v.span, from, d),
            (_, None) => unknown_day(v.span, to, d),
        },
        _ => unknown_day(v.span, text, d),
    }
}

/// `mon`, `monday`, `Mon`.
fn is_day_word(word: &str) -> bool {
    const FULL: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let w = word.to_ascii_lowercase();
    DAY_NAMES.contains(&w.as_str()) || FULL.contains(&w.as_str())
}

fn unknown_day(span: Span, word: &str, d: &mut Diags) -> bool {
    let mut known: Vec<&str> = DAY_NAMES.to_vec();
    known.extend(["workdays", "weekends", "holidays", "daily"]);
    let hint = super::suggest::did_you_mean(word, known.iter().copied()).unwrap_or_else(|| {
        "days are mon..sun, ranges such as `mon-fri`, or `workdays`, `weekends`, `holidays`, `daily`".into()
    });
    d.push(
        Diagnostic::error(Code::UnknownWeekday, span, format!("`{word}` is not a day slac knows"))
            .label("unknown day")
            .help(hint),
    );
    false
}

fn add_range(hours: &mut WeekHours, days: &DaySet, range: TimeRange) {
    for (i, on) in days.weekdays.iter().enumerate() {
        if *on {
            hours.weekdays[i].push(range);
        }
    }
    if days.makeup {
        hours.makeup_workday.get_or_insert_with(Vec::new).push(range);
    }
    if days.holiday {
        hours.holiday.push(range);
    }
}

/// Sort each day's ranges, report overlaps and a calendar with no hours.
fn normalise(hours: &mut WeekHours, span: Span, id: &str, d: &mut Diags) {
    let mut lists: Vec<&mut Vec<TimeRange>> = hours.weekdays.iter_mut().collect();
    lists.push(&mut hours.holiday);
    if let Some(m) = hours.makeup_workday.as_mut() {
        lists.push(m);
    }
    for list in lists {
        list.sort();
        list.dedup();
        if let Some(w) = list.windows(2).find(|w| w[1].start < w[0].end) {
            d.push(
                Diagnostic::error(
                    Code::OverlappingHours,
                    span,
                    format!("calendar `{id}` has overlapping hours {} and {} on one day", w[0], w[1]),
                )
                .label("overlapping hours")
                .help("merge them into one range, or make them meet end to start"),
            );
        }
    }
    let open = hours.always
        || hours.weekdays.iter().any(|r| !r.is_empty())
        || !hours.holiday.is_empty()
        || hours.makeup_workday.as_ref().is_some_and(|m| !m.is_empty());
    if !open {
        d.push(
            Diagnostic::error(Code::EmptyCalendar, span, format!("calendar `{id}` is never open"))
                .label("no hours")
                .help("give it hours, such as `calendar office = mon-fri 09:00-18:00`, or use `24x7`"),
        );
    }
}
