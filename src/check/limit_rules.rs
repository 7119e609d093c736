//! The limits of a tier that are rules rather than open time: `within 2
//! business days` (or `workdays`), `by 16:00 next business day`, `by end of
//! business day`, and a tier's `cutoff 15:00` (semantics.md section 3);
//! and `within 4 business hours`, the agreements' way of writing open time.

use super::Checker;
use super::cursor::Cursor;
use super::literals::real_time;
use crate::diag::{Code, Diagnostic};
use crate::ir::{Limit, LimitRule, MinuteOfDay, Seconds};
use crate::source::Span;
use crate::syntax::ValueKind;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// The most business days a limit may count: ten years of weekdays.
const MOST_DAYS: u32 = 2600;

/// A nominal length for ordering limits in lints: 24 h a business day.
const NOMINAL_DAY: i64 = 86_400;

/// `2 business days`, `1 business day`, `3 workdays`, `2 working days`
/// after `within`: `None` when the values are not a count of business
/// days (the caller reads a duration), `Some(None)` when they are but are
/// wrong (reported).
pub fn business_days(ck: &mut Checker, a: &mut Cursor<'_>, what: &str) -> Option<Option<Limit>> {
    let first = a.peek()?;
    let ValueKind::Number(n) = &first.kind else { return None };
    let words = match (a.peek_at(1).and_then(|v| v.as_word()), a.peek_at(2).and_then(|v| v.as_word())) {
        (Some("business" | "working"), Some("day" | "days")) => 3,
        (Some("workday" | "workdays" | "工作日"), _) => 2,
        (Some("business" | "working"), Some("hour" | "hours")) => {
            return Some(business_hours(ck, a, *n, first.span, what));
        }
        _ => return None,
    };
    let span = first.span.to(a.peek_at(words - 1).map_or(first.span, |v| v.span));
    a.pos += words;
    Some(whole_days(ck, *n, span, what).map(|days| Limit {
        seconds: Seconds(i64::from(days) * NOMINAL_DAY),
        span,
        rule: LimitRule::BusinessDays { days },
        written_days: None,
    }))
}

/// `4 business hours`: open time of the tier's calendar, as `4h` on a
/// business clock is ("Severity 2: 4 business hours"); written the
/// agreement's way, it reads as the agreement does.
fn business_hours(ck: &mut Checker, a: &mut Cursor<'_>, n: Decimal, first: Span, what: &str) -> Option<Limit> {
    let span = first.to(a.peek_at(2).map_or(first, |v| v.span));
    a.pos += 3;
    let exact = n.checked_mul(Decimal::from(3600));
    let seconds = exact.and_then(|x| x.to_i64().filter(|s| Decimal::from(*s) == x));
    match seconds {
        Some(s) if s > 0 => Some(Limit::open_time(Seconds(s), span)),
        Some(_) => {
            ck.d.push(
                Diagnostic::error(Code::ZeroLimit, span, format!("{what} is zero business hours"))
                    .label("zero limit")
                    .help("a limit of zero can never be met; write the hours the contract allows, such as `4 business hours`"),
            );
            None
        }
        None => {
            ck.d.push(
                Diagnostic::error(Code::ExpectedNumber, span, format!("{what} is not a whole number of seconds"))
                    .label("not a whole number of seconds")
                    .help("write the hours as the contract does, such as `4 business hours` or `1.5 business hours`"),
            );
            None
        }
    }
}

fn whole_days(ck: &mut Checker, n: Decimal, span: Span, what: &str) -> Option<u32> {
    let days = n.to_u32().filter(|_| n.fract().is_zero());
    match days {
        Some(0) => ck.d.push(
            Diagnostic::error(Code::ZeroLimit, span, format!("{what} is zero business days")).label("zero limit").help(
                "a limit of zero can never be met; write the days the contract allows, such as `2 business days`",
            ),
        ),
        Some(d) if d > MOST_DAYS => ck.d.push(
            Diagnostic::error(Code::NumberTooLarge, span, format!("{what} counts more than {MOST_DAYS} business days"))
                .label("too many days")
                .help("a limit is at most ten years of business days; write the days the contract allows"),
        ),
        Some(d) => return Some(d),
        None => ck.d.push(
            Diagnostic::error(Code::ExpectedNumber, span, format!("{what} is not a whole number of business days"))
                .label("not a whole number")
                .help("business days are counted whole; for part of a day write open time, such as `4h`"),
        ),
    }
    None
}

/// After `by`: `16:00 next business day`, `16:00 same business day`, `end
/// of business day`, `end of next business day`.
pub fn by_time(ck: &mut Checker, a: &mut Cursor<'_>, verb: &str) -> Option<Limit> {
    let example = format!("{verb} by 16:00 next business day");
    let start = a.here();
    let at = match a.peek().map(|v| &v.kind) {
        Some(ValueKind::Time(raw)) => {
            a.next();
            Some(MinuteOfDay(real_time(raw, &mut ck.d)?))
        }
        _ if a.eat_words(&["end", "of"]) => None,
        _ => {
            a.expect_one_of(&["end"], &format!("{verb} by end of business day, or {example}"), &mut ck.d);
            a.skip_rest();
            return None;
        }
    };
    let days_after = match a.peek_word() {
        Some("next") => 1,
        Some("same") => 0,
        _ => 0,
    };
    if matches!(a.peek_word(), Some("next" | "same")) {
        a.next();
    }
    if !a.eat_words(&["business", "day"]) {
        a.expect_one_of(&["business"], &example, &mut ck.d);
        a.skip_rest();
        return None;
    }
    let span = start.to(a.values.get(a.pos.saturating_sub(1)).map_or(start, |v| v.span));
    let nominal = i64::from(days_after) * NOMINAL_DAY + at.map_or(NOMINAL_DAY / 2, |m| i64::from(m.0) * 60);
    Some(Limit {
        seconds: Seconds(nominal.max(1)),
        span,
        rule: LimitRule::ByTime { at, days_after },
        written_days: None,
    })
}

/// `cutoff 15:00`: the time of day after which a request counts as
/// received the next business day.
pub fn cutoff(ck: &mut Checker, a: &mut Cursor<'_>) -> Option<MinuteOfDay> {
    match a.peek().map(|v| &v.kind) {
        Some(ValueKind::Time(raw)) => {
            a.next();
            real_time(raw, &mut ck.d).map(MinuteOfDay)
        }
        _ => {
            let span = a.here();
            let found = a.peek().map(|v| format!(", found {}", v.found())).unwrap_or_default();
            ck.d.push(
                Diagnostic::error(Code::ExpectedTimeRange, span, format!("expected the cut-off time of day{found}"))
                    .label("a time such as `15:00`")
                    .help("write `cutoff 15:00`: requests received after 15:00 count from the next business day"),
            );
            a.skip_rest();
            None
        }
    }
}

/// The number of days a duration just read was written in (`2d`, `2 days`),
/// when days are its only unit.
pub fn written_days(values: &[crate::syntax::Value], seconds: Seconds) -> Option<u32> {
    let in_days = |v: &crate::syntax::Value| match &v.kind {
        ValueKind::Quantity { unit, .. } => unit == "d",
        ValueKind::Word(w) => w == "day" || w == "days",
        _ => false,
    };
    let all_days = values.iter().all(|v| in_days(v) || matches!(v.kind, ValueKind::Number(_)));
    (all_days && values.iter().any(in_days) && seconds.0 % NOMINAL_DAY == 0)
        .then(|| u32::try_from(seconds.0 / NOMINAL_DAY).ok())
        .flatten()
}
