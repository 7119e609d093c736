//! Holiday files as iCalendar (RFC 5545): one all-day `VEVENT` per break or
//! make-up working day.
//!
//! ```text
//! BEGIN:VEVENT
//! DTSTART;VALUE=DATE:20250128
//! DTEND;VALUE=DATE:20250205
//! SUMMARY:春节
//! END:VEVENT
//! ```
//!
//! - `DTSTART` must be a date (`VALUE=DATE`, or a bare `YYYYMMDD`); a
//!   date-time is an error, since a holiday is a whole day in the contract's
//!   zone. `DTEND` is exclusive; `DURATION:PnD`/`PnW` may stand in for it;
//!   with neither, the event is one day.
//! - **Make-up working days** are events with `CATEGORIES:WORKDAY`, or, with
//!   no `WORKDAY`/`HOLIDAY` category, a `SUMMARY` containing `班` (`补班`,
//!   `上班`) or `workday`/`working day` in any case. Everything else is a
//!   holiday. This matches the Chinese holiday feeds, which mark them
//!   `春节补班` or `班`.
//! - Lines folded per RFC 5545 (a line starting with a space or tab continues
//!   the previous one) are unfolded; CRLF and LF both work.
//! - Events with `STATUS:CANCELLED` are skipped; an `RRULE` is an error, as
//!   a repeating holiday would be expanded wrongly if ignored. Components
//!   other than `VEVENT` (and those nested in one, like `VALARM`) are ignored.

use super::error::HolidayFileError;
use super::holidays::{DayKind, SpecialDay, insert_day, without_lines};
use chrono::{Days, NaiveDate};
use std::collections::BTreeMap;

/// Longest event accepted: a longer one is almost surely a typo in a year.
const MAX_EVENT_DAYS: u64 = 366;

/// One unfolded line: `NAME;PARAM=VALUE:value`.
struct ContentLine {
    line: usize,
    name: String,
    params: Vec<(String, String)>,
    value: String,
}

/// What one `VEVENT` said, as it is read.
#[derive(Default)]
struct Event {
    begin_line: usize,
    start: Option<(NaiveDate, usize)>,
    end: Option<(NaiveDate, usize)>,
    duration_days: Option<(u64, usize)>,
    summary: Option<String>,
    categories: Vec<String>,
    cancelled: bool,
}

pub(super) fn parse(text: &str) -> Result<BTreeMap<NaiveDate, SpecialDay>, HolidayFileError> {
    let mut reader = Reader::default();
    for (line, raw) in unfold(text) {
        let content = split_content_line(line, &raw)?;
        match content.name.as_str() {
            "BEGIN" => reader.begin(&content),
            "END" => reader.end(&content)?,
            _ => reader.property(content)?,
        }
    }
    reader.finish()
}

/// The components open so far and the event being read.
#[derive(Default)]
struct Reader {
    days: BTreeMap<NaiveDate, (SpecialDay, usize)>,
    /// Open components (`VCALENDAR`, `VEVENT`, `VALARM`...) with the line
    /// each began on.
    open: Vec<(String, usize)>,
    event: Option<Event>,
}

impl Reader {
    fn in_event(&self) -> bool {
        self.open.last().is_some_and(|(c, _)| c == "VEVENT")
    }

    fn begin(&mut self, content: &ContentLine) {
        let component = content.value.trim().to_ascii_uppercase();
        if component == "VEVENT" && !self.in_event() {
            self.event = Some(Event { begin_line: content.line, ..Event::default() });
        }
        self.open.push((component, content.line));
    }

    fn end(&mut self, content: &ContentLine) -> Result<(), HolidayFileError> {
        let component = content.value.trim().to_ascii_uppercase();
        match self.open.pop() {
            Some((open, _)) if open == component => {}
            _ => {
                return Err(HolidayFileError::new(
                    content.line,
                    Some("END"),
                    format!("`END:{component}` does not close the component that is open"),
                ));
            }
        }
        if component == "VEVENT" && !self.in_event() {
            if let Some(done) = self.event.take() {
                add_event(&mut self.days, done)?;
            }
        }
        Ok(())
    }

    /// Only properties directly inside a `VEVENT` matter; the calendar's own
    /// and those of nested alarms are skipped.
    fn property(&mut self, content: ContentLine) -> Result<(), HolidayFileError> {
        let inside = self.in_event();
        match self.event.as_mut() {
            Some(event) if inside => read_property(event, content),
            _ => Ok(()),
        }
    }

    fn finish(mut self) -> Result<BTreeMap<NaiveDate, SpecialDay>, HolidayFileError> {
        if let Some((component, line)) = self.open.pop() {
            return Err(HolidayFileError::new(
                line,
                Some("BEGIN"),
                format!("`BEGIN:{component}` is never closed; expected `END:{component}`"),
            ));
        }
        Ok(without_lines(self.days))
    }
}

/// Joins folded lines; yields each logical line with the number of the
/// physical line it starts on.
fn unfold(text: &str) -> Vec<(usize, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines: Vec<(usize, String)> = Vec::new();
    for (index, physical) in text.split('\n').enumerate() {
        let physical = physical.strip_suffix('\r').unwrap_or(physical);
        match (physical.strip_prefix([' ', '\t']), lines.last_mut()) {
            (Some(rest), Some((_, previous))) => previous.push_str(rest),
            _ if physical.trim().is_empty() => {}
            _ => lines.push((index + 1, physical.to_owned())),
        }
    }
    lines
}

fn split_content_line(line: usize, raw: &str) -> Result<ContentLine, HolidayFileError> {
    // The value starts at the first colon outside a quoted parameter value.
    let mut in_quotes = false;
    let colon = raw.char_indices().find_map(|(i, c)| match c {
        '"' => {
            in_quotes = !in_quotes;
            None
        }
        ':' if !in_quotes => Some(i),
        _ => None,
    });
    let Some(colon) = colon else {
        return Err(HolidayFileError::new(line, None, format!("expected `NAME:value`, found `{raw}`")));
    };
    let mut head = raw[..colon].split(';');
    let name = head.next().unwrap_or_default().trim().to_ascii_uppercase();
    let params = head
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (k.trim().to_ascii_uppercase(), v.trim_matches('"').to_owned()),
            None => (p.trim().to_ascii_uppercase(), String::new()),
        })
        .collect();
    Ok(ContentLine { line, name, params, value: raw[colon + 1..].to_owned() })
}

fn read_property(event: &mut Event, content: ContentLine) -> Result<(), HolidayFileError> {
    let line = content.line;
    match content.name.as_str() {
        "DTSTART" => event.start = Some((read_date(&content)?, line)),
        "DTEND" => event.end = Some((read_date(&content)?, line)),
        "DURATION" => event.duration_days = Some((read_duration(&content)?, line)),
        "SUMMARY" => event.summary = Some(unescape(&content.value)),
        "CATEGORIES" => event.categories.extend(content.value.split(',').map(|c| c.trim().to_ascii_uppercase())),
        "STATUS" => event.cancelled = content.value.trim().eq_ignore_ascii_case("CANCELLED"),
        "RRULE" | "RDATE" => {
            return Err(HolidayFileError::new(
                line,
                Some(&content.name),
                "repeating events are not supported; expected one event per break",
            ));
        }
        _ => {}
    }
    Ok(())
}

fn read_date(content: &ContentLine) -> Result<NaiveDate, HolidayFileError> {
    let value = content.value.trim();
    let declared_other = content.params.iter().any(|(k, v)| k == "VALUE" && !v.eq_ignore_ascii_case("DATE"));
    let date = if declared_other || value.len() != 8 { None } else { NaiveDate::parse_from_str(value, "%Y%m%d").ok() };
    date.ok_or_else(|| {
        HolidayFileError::new(
            content.line,
            Some(&content.name),
            format!("expected an all-day date such as `{};VALUE=DATE:20250101`, found `{value}`", content.name),
        )
    })
}

/// `P3D` or `P2W`: whole days only, as befits an all-day event.
fn read_duration(content: &ContentLine) -> Result<u64, HolidayFileError> {
    let value = content.value.trim();
    let parsed = value.strip_prefix(['P', 'p']).and_then(|rest| {
        let (count, factor) = match rest.chars().last() {
            Some('D' | 'd') => (&rest[..rest.len() - 1], 1),
            Some('W' | 'w') => (&rest[..rest.len() - 1], 7),
            _ => return None,
        };
        count.parse::<u64>().ok().map(|n| n * factor)
    });
    parsed.ok_or_else(|| {
        HolidayFileError::new(
            content.line,
            Some("DURATION"),
            format!("expected whole days such as `P3D` or `P1W`, found `{value}`"),
        )
    })
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            },
            (c, false) => out.push(c),
        }
    }
    out.trim().to_owned()
}

/// How a make-up working day is told from a holiday; see the module docs.
fn kind_of(event: &Event) -> DayKind {
    let has = |c: &str| event.categories.iter().any(|x| x == c);
    if has("WORKDAY") {
        return DayKind::Workday;
    }
    if has("HOLIDAY") {
        return DayKind::Holiday;
    }
    let summary = event.summary.as_deref().unwrap_or_default();
    let lower = summary.to_lowercase();
    let workday = summary.contains('班') || ["workday", "working day", "work day"].iter().any(|w| lower.contains(w));
    if workday { DayKind::Workday } else { DayKind::Holiday }
}

fn add_event(days: &mut BTreeMap<NaiveDate, (SpecialDay, usize)>, event: Event) -> Result<(), HolidayFileError> {
    if event.cancelled {
        return Ok(());
    }
    let Some((start, start_line)) = event.start else {
        return Err(HolidayFileError::new(
            event.begin_line,
            Some("DTSTART"),
            "the event has no DTSTART; expected `DTSTART;VALUE=DATE:YYYYMMDD`",
        ));
    };
    let length = length_in_days(&event, start)?;
    let kind = kind_of(&event);
    let name = event.summary.unwrap_or_default();
    for offset in 0..length {
        let date = start
            .checked_add_days(Days::new(offset))
            .ok_or_else(|| HolidayFileError::new(start_line, Some("DTSTART"), "date out of range"))?;
        let day = SpecialDay { kind, name: name.clone(), name_zh: None };
        insert_day(days, date, day, start_line, "DTSTART")?;
    }
    Ok(())
}

/// How many days an event covers: DTEND is exclusive, DURATION counts days,
/// and with neither the event is one day.
fn length_in_days(event: &Event, start: NaiveDate) -> Result<u64, HolidayFileError> {
    let (length, line, field) = match (event.end, event.duration_days) {
        (Some(_), Some((_, line))) => {
            return Err(HolidayFileError::new(line, Some("DURATION"), "an event may have DTEND or DURATION, not both"));
        }
        (Some((end, line)), None) => {
            let days = (end - start).num_days();
            if days <= 0 {
                return Err(HolidayFileError::new(
                    line,
                    Some("DTEND"),
                    format!(
                        "DTEND {end} is not after DTSTART {start}; expected the day after the last day off (DTEND is exclusive)"
                    ),
                ));
            }
            (days.unsigned_abs(), line, "DTEND")
        }
        (None, Some((days, line))) => (days, line, "DURATION"),
        (None, None) => return Ok(1),
    };
    if length == 0 || length > MAX_EVENT_DAYS {
        return Err(HolidayFileError::new(
            line,
            Some(field),
            format!("the event lasts {length} days; expected 1 to {MAX_EVENT_DAYS}"),
        ));
    }
    Ok(length)
}

#[cfg(test)]
mod tests;
