//! Calendars and holiday sets.

use super::cursor::Cursor;
use super::literals::real_time;
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

impl DaySet {
    /// The day lists these days put hours on: 0..7 for the weekdays, then
    /// make-up working days and holidays.
    fn lists(&self) -> impl Iterator<Item = usize> + '_ {
        let extra = [(MAKEUP, self.makeup), (HOLIDAY, self.holiday)];
        self.weekdays.iter().copied().chain(extra.map(|(_, on)| on)).enumerate().filter(|(_, on)| *on).map(|(i, _)| i)
    }
}

const MAKEUP: usize = 7;
const HOLIDAY: usize = 8;

/// What is learnt while reading one calendar's lines.
#[derive(Default)]
struct Reading {
    /// Where hours for holidays were given.
    holiday_span: Option<Span>,
    /// Every range placed so far, by day list, with where it was written.
    placed: Vec<(usize, TimeRange, Span)>,
    /// `in "Europe/London"`: the zone the hours are read in.
    zone: Option<String>,
}

/// `holidays company from "holidays.csv" extends cn`: a holiday set read
/// from a file (CSV `date,kind,name` or iCalendar).
pub fn holidays(ck: &mut Checker, stmt: &Statement) {
    no_block(&mut ck.d, stmt, "holidays");
    let mut a = Cursor::after_keyword(stmt);
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
    let mut a = Cursor::after_keyword(stmt);
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
    let mut reading = Reading::default();
    let errors_before = ck.d.error_count();
    if a.eat_op("=") {
        let rest = a.rest();
        hours_line(ck, rest, &mut hours, &mut reading);
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
        hours_line(ck, &line.values, &mut hours, &mut reading);
    }
    normalise(&mut hours);
    // A calendar whose lines had errors may look closed only because of
    // them; those errors say what to fix.
    if !is_open(&hours) && ck.d.error_count() == errors_before {
        ck.d.push(
            Diagnostic::error(Code::EmptyCalendar, span, format!("calendar `{id}` is never open"))
                .label("no hours")
                .help("give it hours, such as `calendar office = mon-fri 09:00-18:00`, or use `24x7`"),
        );
    }
    if let (Some(at), None) = (reading.holiday_span, &hours.holidays) {
        ck.d.push(
            Diagnostic::error(Code::MissingField, at, format!("calendar `{id}` gives hours for holidays but names no holiday set"))
                .label("which holidays?")
                .help("add a line `holidays cn` (the Chinese statutory set) or a set declared with `holidays NAME from \"file\"`"),
        );
    }
    ck.c.calendars.push(Calendar { id, name, hours, span, citation: citation(stmt), zone: reading.zone });
}

/// One line of hours: `mon-fri 09:00-18:00`, `weekends, holidays
/// 09:00-18:00`, `holidays cn`, `except holidays cn`, `24x7`. A one-line
/// calendar may hold several groups: `mon-fri 09:00-18:00 sat 10:00-14:00`.
fn hours_line(ck: &mut Checker, values: &[Value], hours: &mut WeekHours, reading: &mut Reading) {
    let mut i = 0;
    let mut days = DaySet::default();
    let mut days_span: Option<Span> = None;
    let mut any_hours = false;
    while i < values.len() {
        let v = &values[i];
        match &v.kind {
            ValueKind::Always => hours.always = true,
            ValueKind::Word(w) if w == "except" => {}
            // `in "Europe/London"`: the calendar's own zone.
            ValueKind::Word(w)
                if w == "in" && matches!(values.get(i + 1).map(|v| &v.kind), Some(ValueKind::Str(_))) =>
            {
                if let Some(Value { kind: ValueKind::Str(zone), span }) = values.get(i + 1) {
                    if super::header::known_zone(zone, *span, &mut ck.d).is_some() {
                        reading.zone = Some(zone.clone());
                    }
                }
                i += 1;
            }
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
                any_hours = true;
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
                    place(ck, reading, &days, range, v.span);
                    add_range(hours, &days, range);
                    if days.holiday {
                        reading.holiday_span = Some(days_at);
                    }
                }
            }
            ValueKind::Word(_) | ValueKind::DashedWord(_) => {
                // A new group of days starts after the previous one got hours.
                if any_hours {
                    days = DaySet::default();
                    days_span = None;
                    any_hours = false;
                }
                // An unknown day is reported, and still counts as the days
                // of the hours that follow.
                day_spec(v, &mut days, &mut ck.d);
                days_span = Some(days_span.map_or(v.span, |s| s.to(v.span)));
            }
            // `09:00 - 18:00`: hours written with spaces.
            ValueKind::Time(start) if values.get(i + 1).is_some_and(|v| v.is_op("-")) => {
                any_hours = true;
                let end = match values.get(i + 2) {
                    Some(Value { kind: ValueKind::Time(end), span }) => Some((end, *span)),
                    _ => None,
                };
                let (help, span) = match end {
                    Some((end, end_span)) => (
                        format!("write `{:02}:{:02}-{:02}:{:02}`", start.hour, start.minute, end.hour, end.minute),
                        v.span.to(end_span),
                    ),
                    None => ("write hours such as `09:00-18:00`".to_owned(), v.span),
                };
                ck.d.push(
                    Diagnostic::error(Code::ExpectedTimeRange, span, "hours are written as one value, without spaces")
                        .label("not one range of hours")
                        .help(help),
                );
                i += if end.is_some() { 3 } else { 2 };
                continue;
            }
            ValueKind::Time(_) => {
                any_hours = true;
                ck.d.push(
                    Diagnostic::error(Code::ExpectedTimeRange, v.span, "a time of day alone is not hours")
                        .label("start or end missing")
                        .help("write the start and the end of the hours, such as `09:00-18:00`"),
                );
            }
            _ => {
                ck.d.push(
                    Diagnostic::error(
                        Code::ExpectedTimeRange,
                        v.span,
                        format!("expected days or hours, found {}", v.found()),
                    )
                    .label("not understood in a calendar")
                    .help("write lines such as `mon-fri 09:00-18:00` or `weekends, holidays 09:00-18:00`"),
                );
            }
        }
        i += 1;
    }
    if let (Some(span), false) = (days_span, any_hours) {
        let days: Vec<String> =
            values.iter().filter(|v| span.start <= v.span.start && v.span.end <= span.end).map(|v| v.found()).collect();
        ck.d.push(
            Diagnostic::error(Code::ExpectedTimeRange, span.after(), format!("{} has no hours", days.join(", ")))
                .label("hours missing")
                .help(format!(
                    "write the hours after the days, such as `{} 09:00-18:00`",
                    days.join(", ").replace('`', "")
                )),
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
            // Point at the part that is wrong: `fry` in `mon-fry`.
            (None, _) => {
                unknown_day(Span::new(v.span.file, v.span.start as usize, v.span.start as usize + from.len()), from, d)
            }
            (_, None) => {
                unknown_day(Span::new(v.span.file, v.span.end as usize - to.len(), v.span.end as usize), to, d)
            }
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
    let hint = if matches!(word, "to" | "through" | "till" | "until") {
        "write a range of days with a hyphen, such as `mon-fri`".to_owned()
    } else {
        crate::diag::suggest::did_you_mean(word, known.iter().copied()).unwrap_or_else(|| {
            "days are mon..sun, ranges such as `mon-fri`, or `workdays`, `weekends`, `holidays`, `daily`".into()
        })
    };
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

/// Report `range` if it overlaps hours already placed on one of its days,
/// then place it.
fn place(ck: &mut Checker, reading: &mut Reading, days: &DaySet, range: TimeRange, span: Span) {
    let overlaps = |list: usize| {
        reading.placed.iter().find(|(l, r, _)| *l == list && *r != range && r.start < range.end && range.start < r.end)
    };
    if let Some((_, other, at)) = days.lists().find_map(overlaps) {
        let (other, at) = (*other, *at);
        let on: Vec<usize> = days
            .lists()
            .filter(|l| reading.placed.iter().any(|(pl, r, s)| pl == l && *r == other && *s == at))
            .collect();
        ck.d.push(
            Diagnostic::error(
                Code::OverlappingHours,
                span,
                format!("the hours {range} overlap {other} on {}", days_phrase(&on)),
            )
            .label("overlapping hours")
            .related(at, format!("{other} given here"))
            .help(format!(
                "merge them into one range (`{}-{}`), or make one end where the other starts",
                MinuteOfDay(range.start.0.min(other.start.0)),
                MinuteOfDay(range.end.0.max(other.end.0))
            )),
        );
    }
    reading.placed.extend(days.lists().map(|l| (l, range, span)));
}

/// "Mondays", "Mondays to Fridays", "Saturdays, holidays".
fn days_phrase(lists: &[usize]) -> String {
    const NAMES: [&str; 9] = [
        "Mondays",
        "Tuesdays",
        "Wednesdays",
        "Thursdays",
        "Fridays",
        "Saturdays",
        "Sundays",
        "make-up working days",
        "holidays",
    ];
    let name = |l: &usize| NAMES.get(*l).copied().unwrap_or("one day");
    let weekdays: Vec<usize> = lists.iter().copied().filter(|l| *l < MAKEUP).collect();
    let run = weekdays.len() > 2 && weekdays.windows(2).all(|w| w[1] == w[0] + 1);
    let mut parts: Vec<String> = match (run, weekdays.first(), weekdays.last()) {
        (true, Some(first), Some(last)) => vec![format!("{} to {}", name(first), name(last))],
        _ => weekdays.iter().map(|l| name(l).to_owned()).collect(),
    };
    parts.extend(lists.iter().filter(|l| **l >= MAKEUP).map(|l| name(l).to_owned()));
    parts.join(", ")
}

/// Sort each day's ranges and drop repeats.
fn normalise(hours: &mut WeekHours) {
    let mut lists: Vec<&mut Vec<TimeRange>> = hours.weekdays.iter_mut().collect();
    lists.push(&mut hours.holiday);
    if let Some(m) = hours.makeup_workday.as_mut() {
        lists.push(m);
    }
    for list in lists {
        list.sort();
        list.dedup();
    }
}

fn is_open(hours: &WeekHours) -> bool {
    hours.always
        || hours.weekdays.iter().any(|r| !r.is_empty())
        || !hours.holiday.is_empty()
        || hours.makeup_workday.as_ref().is_some_and(|m| !m.is_empty())
}
