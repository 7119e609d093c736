//! The literals of the language read into IR scalars, with their checks:
//! durations and their units, percentages, money, dates, times, counts and
//! ordinals. Each `expect_*` reader moves a [`Cursor`] past what it read.

use super::Diags;
use super::cursor::Cursor;
use crate::diag::{Code, Diagnostic};
use crate::ir::{Money, Percent, Seconds};
use crate::source::Span;
use crate::syntax::{RawDate, RawTime, Unit, Value, ValueKind};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

impl<'a> Cursor<'a> {
    /// A duration: `15min`, `2h`, `1h30min` or `15 minutes`.
    pub fn expect_duration(&mut self, what: &str, d: &mut Diags) -> Option<(Seconds, Span)> {
        let Some(first) = self.peek() else {
            self.report(d, expected_duration(self.missing_span(), what, None));
            return None;
        };
        match &first.kind {
            ValueKind::Quantity { .. } => {
                let mut total = 0i64;
                let mut span = first.span;
                // Adjacent parts with no space between them add up: `1h30min`.
                while let Some(v) = self.peek().filter(|v| v.span.start == span.end || v.span == first.span) {
                    let ValueKind::Quantity { number, unit, unit_span } = &v.kind else { break };
                    self.pos += 1;
                    let seconds = duration_seconds(*number, unit, *unit_span, v.span, what, d)?;
                    total = total.saturating_add(seconds);
                    span = span.to(v.span);
                }
                Some((Seconds(total), span))
            }
            ValueKind::Number(n) => {
                let word = self.peek_at(1).and_then(|v| v.as_word().map(|w| (w, v.span)));
                if let Some((factor, unit_span)) = word.and_then(|(w, s)| unit_word(w).map(|f| (f, s))) {
                    self.pos += 2;
                    let span = first.span.to(unit_span);
                    return whole_seconds(*n, factor, span, what, d).map(|s| (Seconds(s), span));
                }
                self.pos += 1;
                let near_unit =
                    word.and_then(|(w, s)| crate::diag::suggest::closest(w, Unit::duration_words()).map(|u| (w, u, s)));
                let business = word.filter(|(w, _)| matches!(*w, "business" | "working" | "workday" | "workdays"));
                let diag = match near_unit {
                    // Business days are a rule of a tier's limits, not a
                    // length of time: `2d` would be 48 hours, not 2 of them.
                    _ if business.is_some() => expected_duration(first.span, what, Some(first))
                        .label("business days are not a duration")
                        .help(format!(
                            "business days count only in a tier's limits (`respond within {n} business days`); here write a length of time, such as `{n}d` for {n} calendar days"
                        )),
                    Some((w, unit, span)) => {
                        Diagnostic::error(Code::UnknownUnit, span, format!("`{w}` is not a unit of time"))
                            .label("not a duration unit")
                            .help(format!("did you mean `{unit}`? For example: `{n}min` or `{n} minutes`"))
                    }
                    None => expected_duration(first.span, what, Some(first))
                        .label("a number with no unit")
                        .help(format!("add a unit: `{n}min`, `{n}h` or `{n}d`")),
                };
                self.report(d, diag);
                None
            }
            _ => {
                self.pos += 1;
                self.report(
                    d,
                    type_or_shape(first, what, Code::ExpectedDuration, "a duration such as `15min` or `2h`"),
                );
                None
            }
        }
    }

    /// A percentage between 0% and 100%.
    pub fn expect_percent(&mut self, what: &str, d: &mut Diags) -> Option<(Percent, Span)> {
        let Some(v) = self.next() else {
            self.report(
                d,
                Diagnostic::error(
                    Code::ExpectedPercentage,
                    self.missing_span(),
                    format!("expected {what}, a percentage such as `99.95%`"),
                )
                .label("percentage missing")
                .help("write the percentage with its sign: `99.95%`"),
            );
            return None;
        };
        match &v.kind {
            ValueKind::Percent(p) => check_percent(*p, v.span, what, d).map(|p| (p, v.span)),
            ValueKind::Number(n) => {
                self.report(
                    d,
                    Diagnostic::error(
                        Code::ExpectedPercentage,
                        v.span,
                        format!("expected {what}, a percentage, found a plain number"),
                    )
                    .label("no `%` sign")
                    .help(format!("write `{n}%`; a fraction such as 0.9995 is written `99.95%`")),
                );
                None
            }
            _ => {
                self.report(d, type_or_shape(v, what, Code::ExpectedPercentage, "a percentage such as `99.95%`"));
                None
            }
        }
    }

    pub fn expect_money(&mut self, what: &str, d: &mut Diags) -> Option<(Money, Span)> {
        let Some(v) = self.next() else {
            self.report(
                d,
                Diagnostic::error(
                    Code::ExpectedMoney,
                    self.missing_span(),
                    format!("expected {what}, an amount such as `CNY 12000.00`"),
                )
                .label("amount missing")
                .help("write the currency code, a space and the amount: `CNY 12000.00`"),
            );
            return None;
        };
        match &v.kind {
            ValueKind::Money { currency, amount } => {
                d.money.push((currency.clone(), v.span));
                if !crate::ir::amount_fits(*amount) {
                    d.push(amount_too_large(v.span, what));
                    return None;
                }
                Some((Money { currency: currency.clone(), amount: *amount }, v.span))
            }
            ValueKind::Number(n) => {
                self.report(
                    d,
                    Diagnostic::error(
                        Code::ExpectedMoney,
                        v.span,
                        format!("expected {what}, found a number with no currency"),
                    )
                    .label("no currency")
                    .help(format!("write the currency before it: `CNY {n}`")),
                );
                None
            }
            _ => {
                self.report(d, type_or_shape(v, what, Code::ExpectedMoney, "an amount such as `CNY 12000.00`"));
                None
            }
        }
    }

    pub fn expect_date(&mut self, what: &str, d: &mut Diags) -> Option<(NaiveDate, Span)> {
        let Some(v) = self.next() else {
            self.report(
                d,
                Diagnostic::error(
                    Code::ExpectedDate,
                    self.missing_span(),
                    format!("expected {what}, a date such as `2025-06-18`"),
                )
                .label("date missing")
                .help("write dates as year-month-day: `2025-06-18`"),
            );
            return None;
        };
        match &v.kind {
            ValueKind::Date(raw) => real_date(raw, d).map(|date| (date, v.span)),
            ValueKind::Number(year) if self.peek().is_some_and(|n| n.is_op("/") || n.is_op(".")) => {
                // `2019/05/10` or `2019.05.10`.
                let sep = if self.peek().is_some_and(|n| n.is_op("/")) { "/" } else { "." };
                let (_, run) = self.adjacent_text();
                let parts: Vec<Decimal> = std::iter::once(*year)
                    .chain(self.rest().iter().take_while(|x| x.span.end <= run.end).filter_map(|x| match x.kind {
                        ValueKind::Number(n) => Some(n),
                        _ => None,
                    }))
                    .collect();
                let help = match parts.as_slice() {
                    [y, m, day] => format!("write dates with hyphens, year-month-day: `{y:0>4}-{m:0>2}-{day:0>2}`"),
                    _ => "write dates with hyphens, year-month-day, such as `2025-06-18`".to_owned(),
                };
                self.report(
                    d,
                    Diagnostic::error(
                        Code::ExpectedDate,
                        v.span.to(run),
                        format!("expected {what}, a date such as `2025-06-18`, found numbers separated by `{sep}`"),
                    )
                    .label("not a date")
                    .help(help),
                );
                self.skip_rest();
                None
            }
            _ => {
                self.report(d, type_or_shape(v, what, Code::ExpectedDate, "a date such as `2025-06-18`"));
                None
            }
        }
    }

    /// `2025-11-01..2025-11-12`; `open_end` allows `2025-11-01..`.
    pub fn expect_date_range(
        &mut self,
        what: &str,
        open_end: bool,
        d: &mut Diags,
    ) -> Option<(NaiveDate, Option<NaiveDate>, Span)> {
        let Some(v) = self.next() else {
            self.report(
                d,
                Diagnostic::error(
                    Code::ExpectedDateRange,
                    self.missing_span(),
                    format!("expected {what}, a date range such as `2025-11-01..2025-11-12`"),
                )
                .label("date range missing")
                .help("write the first and last day, both included: `2025-11-01..2025-11-12`"),
            );
            return None;
        };
        match &v.kind {
            ValueKind::DateRange { start, end } => {
                let from = real_date(start, d);
                let to = match end {
                    Some(e) => Some(real_date(e, d)?),
                    None if open_end => None,
                    None => {
                        self.report(
                            d,
                            Diagnostic::error(
                                Code::ExpectedDateRange,
                                v.span.after(),
                                format!("{what} needs a last day"),
                            )
                            .label("last day missing")
                            .help("write both ends: `2025-11-01..2025-11-12`"),
                        );
                        return None;
                    }
                };
                let from = from?;
                if let Some(to) = to.filter(|to| *to < from) {
                    self.report(
                        d,
                        Diagnostic::error(
                            Code::InvertedDateRange,
                            v.span,
                            format!("{what} ends on {to}, before it starts on {from}"),
                        )
                        .label("ends before it starts")
                        .help(format!("write the earlier date first: `{to}..{from}`")),
                    );
                    return None;
                }
                Some((from, to, v.span))
            }
            // `2025-11-01 .. 2025-11-12`, `2025-11-01 - 2025-11-12`.
            ValueKind::Date(start)
                if self.peek().is_some_and(|op| op.is_op("..") || op.is_op("-"))
                    && matches!(self.peek_at(1).map(|v| &v.kind), Some(ValueKind::Date(_))) =>
            {
                let Some(Value { kind: ValueKind::Date(end), span: end_span }) = self.peek_at(1) else {
                    return None;
                };
                self.report(
                    d,
                    Diagnostic::error(
                        Code::ExpectedDateRange,
                        v.span.to(*end_span),
                        "a date range is written as one value, with `..` and no spaces",
                    )
                    .label("not one date range")
                    .help(format!("write `{}..{}`", fmt_raw(start), fmt_raw(end))),
                );
                self.skip_rest();
                None
            }
            ValueKind::Date(raw) => {
                self.report(
                    d,
                    Diagnostic::error(
                        Code::ExpectedDateRange,
                        v.span,
                        format!("expected {what}, a range of dates, found a single date"),
                    )
                    .label("a single date")
                    .help(format!("for one day write `{0}..{0}`", fmt_raw(raw))),
                );
                None
            }
            _ => {
                self.report(
                    d,
                    type_or_shape(v, what, Code::ExpectedDateRange, "a date range such as `2025-11-01..2025-11-12`"),
                );
                None
            }
        }
    }

    /// A plain number (`5`, `0.5`). `example` is the whole clause, shown in
    /// the help line; the message names only the kind of value wanted.
    pub fn expect_number(&mut self, what: &str, example: &str, d: &mut Diags) -> Option<(Decimal, Span)> {
        self.number(what, "a number such as `1`", example, d)
    }

    /// A whole positive count such as `2` (as in `2 months`).
    pub fn expect_count(&mut self, what: &str, example: &str, d: &mut Diags) -> Option<(u32, Span)> {
        let (n, span) = self.number(what, "a whole number such as `2`", example, d)?;
        match n.to_u32().filter(|c| Decimal::from(*c) == n && *c > 0) {
            Some(c) => Some((c, span)),
            None => {
                self.report(
                    d,
                    Diagnostic::error(
                        Code::ExpectedNumber,
                        span,
                        format!("{what} must be a whole number above zero, not {n}"),
                    )
                    .label("not a whole count")
                    .help(format!("for example: `{example}`")),
                );
                None
            }
        }
    }

    /// A number of the given `kind` ("a whole number such as `2`").
    fn number(&mut self, what: &str, kind: &str, example: &str, d: &mut Diags) -> Option<(Decimal, Span)> {
        match self.next() {
            Some(Value { kind: ValueKind::Number(n), span }) => Some((*n, *span)),
            Some(v) => {
                let diag = type_or_shape(v, what, Code::ExpectedNumber, kind)
                    .help(format!("write {kind} here, as in `{example}`"));
                self.report(d, diag);
                None
            }
            None => {
                self.report(
                    d,
                    Diagnostic::error(Code::ExpectedNumber, self.missing_span(), format!("expected {what}, {kind}"))
                        .label("number missing")
                        .help(format!("for example: `{example}`")),
                );
                None
            }
        }
    }

    /// An ordinal such as `5th` (1..=max).
    pub fn expect_ordinal(&mut self, what: &str, max: u32, d: &mut Diags) -> Option<(u32, Span)> {
        match self.next() {
            Some(Value { kind: ValueKind::Quantity { number, unit, .. }, span })
                if matches!(unit.as_str(), "st" | "nd" | "rd" | "th") =>
            {
                match number.to_u32().filter(|n| (1..=max).contains(n) && Decimal::from(*n) == *number) {
                    Some(n) => Some((n, *span)),
                    None => {
                        self.report(
                            d,
                            Diagnostic::error(
                                Code::InvalidOrdinal,
                                *span,
                                format!("{what} must be between 1st and {max}th"),
                            )
                            .label("out of range")
                            .help("for example: `5th`"),
                        );
                        None
                    }
                }
            }
            Some(v) => {
                const WORDS: [&str; 5] = ["first", "second", "third", "fourth", "fifth"];
                const ORDINALS: [&str; 5] = ["1st", "2nd", "3rd", "4th", "5th"];
                let mut diag = type_or_shape(v, what, Code::InvalidOrdinal, "an ordinal such as `5th`");
                if let Some(i) = v.as_word().and_then(|w| WORDS.iter().position(|x| *x == w)) {
                    diag = diag.help(format!("write ordinals in digits: `{}`", ORDINALS[i]));
                }
                self.report(d, diag);
                None
            }
            None => {
                self.report(
                    d,
                    Diagnostic::error(
                        Code::InvalidOrdinal,
                        self.missing_span(),
                        format!("expected {what}, an ordinal such as `5th`"),
                    )
                    .label("ordinal missing")
                    .help("for example: `5th`"),
                );
                None
            }
        }
    }
}

fn expected_duration(span: Span, what: &str, found: Option<&Value>) -> Diagnostic {
    let message = match found {
        Some(v) => format!("expected {what}, a duration, found {}", v.found()),
        None => format!("expected {what}, a duration such as `15min` or `2h`"),
    };
    Diagnostic::error(Code::ExpectedDuration, span, message)
        .label("duration missing")
        .help("write a number with its unit: `15min`, `2h`, `3d` (units: s, min, h, d, w)")
}

/// A value of the wrong kind. A typed literal in the wrong place is a unit
/// mismatch; a word, text or operator where a literal belongs is a shape
/// error with the given code. `kind` names the kind of value wanted ("a
/// duration such as `15min`"), never a whole clause: a clause's example
/// belongs in the help line.
pub(super) fn type_or_shape(v: &Value, what: &str, shape: Code, kind: &str) -> Diagnostic {
    let typed = matches!(
        v.kind,
        ValueKind::Percent(_)
            | ValueKind::Quantity { .. }
            | ValueKind::Money { .. }
            | ValueKind::Date(_)
            | ValueKind::DateRange { .. }
            | ValueKind::TimeRange { .. }
            | ValueKind::Time(_)
            | ValueKind::Interval { .. }
            | ValueKind::Always
            | ValueKind::Power { .. }
            | ValueKind::YearMonth { .. }
            | ValueKind::Number(_)
    );
    let code = if typed { Code::UnitMismatch } else { shape };
    Diagnostic::error(code, v.span, format!("expected {what}, {kind}, found {}", v.found()))
        .label(format!("this is {}", v.describe()))
        .help(format!("write {kind} here"))
}

/// A number and a unit word (`15 minutes`), if the word is a time unit.
fn unit_word(word: &str) -> Option<i64> {
    Unit::of_duration_word(word).and_then(Unit::seconds)
}

fn duration_seconds(
    number: Decimal,
    unit: &str,
    unit_span: Span,
    span: Span,
    what: &str,
    d: &mut Diags,
) -> Option<i64> {
    let unit_of = Unit::of_suffix(unit);
    if let Some(factor) = unit_of.and_then(Unit::seconds) {
        return whole_seconds(number, factor, span, what, d);
    }
    let (code, message, help) = match unit_of {
        Some(Unit::Month | Unit::Year) => (
            Code::UnitMismatch,
            format!("`{number}{unit}` is a calendar length, not a fixed duration"),
            "months and years vary in length; write the limit in days or hours, such as `30d`".to_owned(),
        ),
        Some(Unit::Ordinal | Unit::Multiple) => (
            Code::UnitMismatch,
            format!("expected {what}, a duration, found `{number}{unit}`"),
            "write a duration such as `15min` or `2h`".to_owned(),
        ),
        // Milliseconds are finer than a limit is kept; said as for any
        // unknown unit.
        _ => {
            let known = Unit::duration_suffixes();
            let hint = crate::diag::suggest::did_you_mean(unit, known)
                .unwrap_or_else(|| "the units are s, min, h, d and w".into());
            (Code::UnknownUnit, format!("`{unit}` is not a unit of time"), format!("{hint} For example: `{number}min`"))
        }
    };
    let label_span = if code == Code::UnknownUnit { unit_span } else { span };
    d.push(Diagnostic::error(code, label_span, message).label("not a duration unit").help(help));
    None
}

fn whole_seconds(number: Decimal, factor: i64, span: Span, what: &str, d: &mut Diags) -> Option<i64> {
    let Some(seconds) = number.checked_mul(Decimal::from(factor)).filter(|s| s.to_i64().is_some()) else {
        d.push(
            Diagnostic::error(Code::NumberTooLarge, span, format!("{what} is too long to be held in seconds"))
                .label("too long")
                .help("a duration must stay below about 290 billion years; check the number and its unit"),
        );
        return None;
    };
    match seconds.to_i64().filter(|s| Decimal::from(*s) == seconds) {
        Some(s) => Some(s),
        None => {
            d.push(
                Diagnostic::error(Code::ExpectedDuration, span, format!("{what} is not a whole number of seconds"))
                    .label("fraction of a second")
                    .help("durations are counted in whole seconds; round it to a whole number of seconds"),
            );
            None
        }
    }
}

/// An amount at or above [`crate::ir::amount_limit`]: credits and caps
/// computed from it could not be exact.
pub fn amount_too_large(span: Span, what: &str) -> Diagnostic {
    Diagnostic::error(Code::TooLargeToCompute, span, format!("{what} is too large to compute with exactly"))
        .label("10^15 or more")
        .help("amounts must be below 10^15 (1000000000000000); check the number of digits")
}

/// Percentages lie in 0%..=100%.
pub fn check_percent(p: Decimal, span: Span, what: &str, d: &mut Diags) -> Option<Percent> {
    if p > Decimal::ONE_HUNDRED {
        d.push(
            Diagnostic::error(Code::PercentOutOfRange, span, format!("{what} is {p}%, above 100%"))
                .label("above 100%")
                .help("a percentage here lies between 0% and 100%; did you mean a figure such as `99.95%`?"),
        );
        return None;
    }
    Some(Percent(p))
}

/// A date that exists on the calendar.
pub fn real_date(raw: &RawDate, d: &mut Diags) -> Option<NaiveDate> {
    match NaiveDate::from_ymd_opt(raw.year, raw.month, raw.day) {
        Some(date) => Some(date),
        None => {
            let why = if !(1..=12).contains(&raw.month) {
                format!("there is no month {}", raw.month)
            } else {
                format!("{}-{:02} has no day {}", raw.year, raw.month, raw.day)
            };
            d.push(
                Diagnostic::error(Code::InvalidDate, raw.span, format!("`{}` is not a date: {why}", fmt_raw(raw)))
                    .label("no such date")
                    .help("write an existing date as year-month-day, such as `2025-02-28`"),
            );
            None
        }
    }
}

/// A time of day from `00:00` to `24:00`, in minutes after midnight.
pub fn real_time(raw: &RawTime, d: &mut Diags) -> Option<u16> {
    let ok = raw.minute < 60 && (raw.hour < 24 || (raw.hour == 24 && raw.minute == 0));
    if ok {
        return Some((raw.hour * 60 + raw.minute) as u16);
    }
    d.push(
        Diagnostic::error(
            Code::InvalidTime,
            raw.span,
            format!("`{:02}:{:02}` is not a time of day", raw.hour, raw.minute),
        )
        .label("no such time")
        .help("times run from `00:00` to `24:00` (the end of the day)"),
    );
    None
}

fn fmt_raw(raw: &RawDate) -> String {
    format!("{:04}-{:02}-{:02}", raw.year, raw.month, raw.day)
}
