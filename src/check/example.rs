//! `example "name" { ... }`: events written inline and the verdicts the
//! contract must give on them (`docs/language.md`, section 17). The text of
//! each input is read by slac's own readers when the contract is compiled
//! (`examples::text`), here only its place is kept.

use super::cursor::Cursor;
use super::literals::real_time;
use super::{Checker, Diags, RefKind, Seen, block_of, citation, no_block, unknown_statement};
use crate::diag::{Code, Diagnostic, suggest};
use crate::examples::events::{self as inputs, EVENT_INPUTS, FORMATS};
use crate::ir::{
    AvailabilityCheck, ClockCheck, Example, ExampleClock, ExampleEvents, Expect, Expectation, IncidentCheck, PeriodKind,
};
use crate::source::Span;
use crate::syntax::{Statement, Value, ValueKind};
use chrono::{NaiveDateTime, NaiveTime, TimeDelta};

const EXAMPLE: &str = "example \"a 5-minute blip is not counted\" { ... }";
const EXPECT: &str = "expect availability esign 2025-03 met, unavailable 0min";

/// A period an `expect` line names, checked against the contract's
/// promises once every clause is read.
pub(crate) struct PeriodUse {
    pub service: String,
    pub period: String,
    /// `credit` or `availability`: which promise must cover it.
    pub credit: bool,
    pub span: Span,
}

pub(crate) fn example(ck: &mut Checker, stmt: &Statement) {
    let mut head = Cursor::after_keyword(stmt);
    let name = head.expect_string("the example's name", EXAMPLE, &mut ck.d);
    head.finish("example", &mut ck.d);
    let statements = block_of(&mut ck.d, stmt, "example", EXAMPLE);
    let (name, span) = name.unwrap_or_else(|| (String::new(), stmt.head_span()));
    let mut ex = Example {
        name,
        events: Vec::new(),
        as_of: None,
        from: None,
        to: None,
        expectations: Vec::new(),
        span,
        citation: citation(stmt),
        contract_value: None,
    };
    let mut seen = Seen::default();
    for s in statements {
        line(ck, s, &mut ex, &mut seen);
    }
    let expects_error = ex.expectations.iter().any(|e| matches!(e.expect, Expect::Error { .. }));
    if ex.as_of.is_none() && !expects_error && !ck.d.has_error_within(stmt.span) {
        ck.d.push(
            Diagnostic::error(Code::MissingField, ex.span, "the example does not say when its clocks are read")
                .label("no `as_of`")
                .help("add `as_of 2025-04-01 00:00` (local time in the contract's zone), so the example gives the same verdicts on any day"),
        );
    }
    ck.c.examples.push(ex);
}

fn line(ck: &mut Checker, s: &Statement, ex: &mut Example, seen: &mut Seen) {
    let Some(keyword) = s.keyword() else {
        if let Some(v) = s.values.first() {
            ck.d.push(
                Diagnostic::error(
                    Code::UnknownStatement,
                    v.span,
                    format!("a line of an example cannot start with {}", v.describe()),
                )
                .label("expected a keyword")
                .help(format!("an example may hold: {}", fields().join(", "))),
            );
        }
        return;
    };
    no_block(&mut ck.d, s, keyword);
    let mut c = Cursor::after_keyword(s);
    match keyword {
        "as_of" => {
            if seen.first("as_of", s.head_span(), &mut ck.d) {
                ex.as_of = as_of(&mut c, &mut ck.d);
            }
        }
        "from" | "to" => {
            let word = if keyword == "from" { "from" } else { "to" };
            if seen.first(word, s.head_span(), &mut ck.d) {
                let month = month(&mut c, &mut ck.d);
                if word == "from" { ex.from = month } else { ex.to = month }
            }
        }
        "value" => {
            if seen.first("value", s.head_span(), &mut ck.d) {
                ex.contract_value = c.expect_money("the contract's value", &mut ck.d).map(|(m, _)| m);
            }
        }
        "expect" => {
            if let Some(expect) = expect(ck, &mut c) {
                ex.expectations.push(Expectation { expect, span: values_span(s) });
            }
        }
        other => match inputs::find(other) {
            Some(input) => {
                if seen.first(input.keyword, s.head_span(), &mut ck.d) {
                    let format = c.peek_word().filter(|w| FORMATS.contains(w)).map(str::to_owned);
                    if format.is_some() {
                        c.next();
                    }
                    let example = format!("{} \"\"\"\n  id,service,severity,opened_at\n\"\"\"", input.keyword);
                    if let Some((text, span)) = c.expect_string("the events, in a text block", &example, &mut ck.d) {
                        let format = format.unwrap_or_else(|| FORMATS[0].to_owned());
                        ex.events.push(ExampleEvents { input: input.keyword.to_owned(), format, text, span });
                    }
                }
            }
            None => {
                let known = fields();
                unknown_statement(&mut ck.d, s, other, "an example", &known);
                return;
            }
        },
    }
    c.finish(keyword, &mut ck.d);
}

/// The words an example's block may start a line with.
fn fields() -> Vec<&'static str> {
    EVENT_INPUTS.iter().map(|i| i.keyword).chain(["as_of", "from", "to", "value", "expect"]).collect()
}

fn values_span(s: &Statement) -> Span {
    match (s.values.first(), s.values.last()) {
        (Some(a), Some(b)) => a.span.to(b.span),
        _ => s.span,
    }
}

/// `as_of 2025-04-01 00:00`, or a date alone for its midnight.
fn as_of(c: &mut Cursor<'_>, d: &mut Diags) -> Option<NaiveDateTime> {
    let (date, _) = c.expect_date("the instant the example's clocks are read at", d)?;
    let minutes = match c.peek().map(|v| &v.kind) {
        Some(ValueKind::Time(raw)) => {
            c.next();
            real_time(raw, d)?
        }
        _ => 0,
    };
    Some(date.and_time(NaiveTime::MIN) + TimeDelta::minutes(i64::from(minutes)))
}

/// `from 2025-03`.
fn month(c: &mut Cursor<'_>, d: &mut Diags) -> Option<String> {
    match c.next() {
        Some(Value { kind: ValueKind::YearMonth { year, month }, span }) => real_month(*year, *month, *span, d),
        other => {
            let (span, found) = match other {
                Some(v) => (v.span, format!(", found {}", v.found())),
                None => (c.missing_span(), String::new()),
            };
            d.push(
                Diagnostic::error(Code::ExpectedPeriod, span, format!("expected a month such as `2025-03`{found}"))
                    .label("month here")
                    .help("write the month as year-month: `from 2025-03`"),
            );
            None
        }
    }
}

fn real_month(year: i32, month: u32, span: Span, d: &mut Diags) -> Option<String> {
    if (1..=12).contains(&month) {
        return Some(format!("{year:04}-{month:02}"));
    }
    d.push(
        Diagnostic::error(Code::InvalidDate, span, format!("there is no month {month}"))
            .label("no such month")
            .help("months run from `01` to `12`: `2025-03`"),
    );
    None
}

/// A period an expectation names: `2025-03`, `2025` or `"2025-Q1"`.
fn period(c: &mut Cursor<'_>, d: &mut Diags) -> Option<(String, Span)> {
    let v = c.next();
    let text = match v.map(|v| &v.kind) {
        Some(ValueKind::YearMonth { year, month }) => real_month(*year, *month, v?.span, d)?,
        Some(ValueKind::Number(n)) if n.is_integer() && n.to_string().len() == 4 => n.to_string(),
        Some(ValueKind::Str(s)) if quarter(s).is_some() => s.clone(),
        _ => {
            let (span, found) = match v {
                Some(v) => (v.span, format!(", found {}", v.found())),
                None => (c.missing_span(), String::new()),
            };
            c.report(
                d,
                Diagnostic::error(
                    Code::ExpectedPeriod,
                    span,
                    format!("expected the period: a month, a quarter or a year{found}"),
                )
                .label("period here")
                .help("write a month `2025-03`, a quarter in quotes `\"2025-Q1\"` or a year `2025`"),
            );
            return None;
        }
    };
    Some((text, v?.span))
}

fn quarter(s: &str) -> Option<()> {
    let (year, q) = s.split_once("-Q")?;
    (year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()) && matches!(q, "1" | "2" | "3" | "4")).then_some(())
}

/// The kind of period a period's text names.
pub(crate) fn period_kind(text: &str) -> PeriodKind {
    if text.contains("-Q") {
        PeriodKind::Quarter
    } else if text.contains('-') {
        PeriodKind::Month
    } else {
        PeriodKind::Year
    }
}

/// A name the report shows: a word, a hyphenated word (`INC-1`), a number
/// or a quoted text.
fn name(c: &mut Cursor<'_>, what: &str, example: &str, d: &mut Diags) -> Option<String> {
    match c.peek().map(|v| &v.kind) {
        Some(ValueKind::Word(w) | ValueKind::DashedWord(w) | ValueKind::Str(w)) => {
            let w = w.clone();
            c.next();
            Some(w)
        }
        Some(ValueKind::Number(n)) => {
            let n = n.to_string();
            c.next();
            Some(n)
        }
        _ => c.expect_string(what, example, d).map(|(s, _)| s),
    }
}

fn expect(ck: &mut Checker, c: &mut Cursor<'_>) -> Option<Expect> {
    let kinds = ["availability", "incident", "credit", "no", "penalty", "verdict", "error"];
    let kind = c.expect_one_of(&kinds, EXPECT, &mut ck.d)?;
    let d = &mut ck.d;
    let expect = match kind {
        "availability" => {
            let example = "expect availability esign 2025-03 met";
            let (service, span) = c.expect_ident("the service", example, d)?;
            ck.refer(RefKind::Service, &service, span);
            let d = &mut ck.d;
            let (period, pspan) = period(c, d)?;
            let instance = instance(c, d);
            let mut checks = Vec::new();
            while !c.at_end() {
                let word = c.expect_one_of(
                    &["met", "missed", "skipped", "not_covered", "unavailable", "excused", "percent"],
                    "expect availability esign 2025-03 missed, unavailable 30min, percent 99.9306%",
                    d,
                )?;
                checks.push(match word {
                    "unavailable" => AvailabilityCheck::Unavailable(c.expect_duration("the unavailable minutes", d)?.0),
                    "excused" => AvailabilityCheck::Excused(c.expect_duration("the excused minutes", d)?.0),
                    "percent" => AvailabilityCheck::Percent(c.expect_percent("the achieved availability", d)?.0),
                    status => AvailabilityCheck::Status(status.to_owned()),
                });
            }
            if checks.is_empty() {
                nothing_checked(c, d, "met, unavailable 0min");
                return None;
            }
            ck.example_periods.push(PeriodUse {
                service: service.clone(),
                period: period.clone(),
                credit: false,
                span: pspan,
            });
            Expect::Availability { service, instance, period, checks }
        }
        "incident" => {
            let id = name(c, "the incident's id", "expect incident INC-1 response met", d)?;
            let mut checks = Vec::new();
            let mut clock = None;
            while !c.at_end() {
                let word = c.expect_one_of(
                    &[
                        "tier",
                        "response",
                        "resolution",
                        "met",
                        "breached",
                        "open",
                        "exempt",
                        "paused",
                        "deadline",
                        "over",
                        "updates",
                    ],
                    "expect incident INC-1 response met, resolution breached over 5min",
                    &mut ck.d,
                )?;
                let check = match word {
                    "tier" => {
                        let (tier, span) = c.expect_ident("the tier", "expect incident INC-1 tier L1", &mut ck.d)?;
                        ck.refer(RefKind::Tier, &tier, span);
                        checks.push(IncidentCheck::Tier(tier));
                        continue;
                    }
                    "response" => {
                        clock = Some(ExampleClock::Response);
                        continue;
                    }
                    "resolution" => {
                        clock = Some(ExampleClock::Resolution);
                        continue;
                    }
                    "updates" => {
                        let example = "expect incident INC-1 updates missed 2";
                        let status = c.expect_one_of(&["met", "missed", "open", "not_measured"], example, &mut ck.d)?;
                        let missed = match c.peek().map(|v| &v.kind) {
                            Some(crate::syntax::ValueKind::Number(_)) if status == "missed" => {
                                Some(c.expect_count("the number of gaps missed", example, &mut ck.d)?.0)
                            }
                            _ => None,
                        };
                        checks.push(IncidentCheck::Updates { status: status.to_owned(), missed });
                        continue;
                    }
                    "deadline" => ClockCheck::Deadline(deadline(c, &mut ck.d)?),
                    "over" => ClockCheck::Over(c.expect_duration("the time over the limit", &mut ck.d)?.0),
                    // `paused` alone is the status; `paused for 30min` the
                    // open time the clock's pauses took.
                    "paused" if c.peek_word() == Some("for") => {
                        c.expect_word("for", "expect incident INC-1 resolution paused for 30min", &mut ck.d);
                        ClockCheck::PausedFor(c.expect_duration("the paused time", &mut ck.d)?.0)
                    }
                    status => ClockCheck::Status(status.to_owned()),
                };
                let Some(clock) = clock else {
                    c.back();
                    let span = c.here();
                    c.report(
                        &mut ck.d,
                        Diagnostic::error(
                            Code::ExpectedKeyword,
                            span,
                            "expected `response` or `resolution` before this",
                        )
                        .label("which clock?")
                        .help("name the clock first: `expect incident INC-1 resolution breached`"),
                    );
                    return None;
                };
                checks.push(IncidentCheck::Clock { clock, check });
            }
            if checks.is_empty() {
                nothing_checked(c, &mut ck.d, "response met");
                return None;
            }
            Expect::Incident { id, checks }
        }
        "credit" | "no" => {
            let none = kind == "no";
            if none {
                c.expect_word("credit", "expect no credit esign 2025-03", d);
            }
            let (service, span) = c.expect_ident("the service", "expect credit esign 2025-03 CNY 120.00", d)?;
            ck.refer(RefKind::Service, &service, span);
            let d = &mut ck.d;
            let (period, pspan) = period(c, d)?;
            let instance = instance(c, d);
            let amount = match none || c.eat_word("none") {
                true => None,
                false => Some(c.expect_money("the credit", d)?.0),
            };
            ck.example_periods.push(PeriodUse {
                service: service.clone(),
                period: period.clone(),
                credit: true,
                span: pspan,
            });
            Expect::Credit { service, instance, period, amount }
        }
        "penalty" => {
            let (penalty, span) = c.expect_ident("the penalty", "expect penalty late_resolution CNY 500.00", d)?;
            let total = c.expect_money("the penalty's total", d)?.0;
            ck.example_penalties.push((penalty.clone(), span));
            Expect::Penalty { penalty, total }
        }
        "verdict" => {
            let word = c.expect_one_of(&["met", "missed"], "expect verdict met", d)?;
            Expect::Verdict { met: word == "met" }
        }
        _ => Expect::Error { containing: c.opt_string().map(|(s, _)| s) },
    };
    Some(expect)
}

/// `instance i-1` after the period, for services measured per instance.
fn instance(c: &mut Cursor<'_>, d: &mut Diags) -> Option<String> {
    if c.eat_word("instance") {
        name(c, "the instance", "expect availability baas 2025-03 instance i-1 met", d)
    } else {
        None
    }
}

/// `deadline 2025-03-11 10:00`.
fn deadline(c: &mut Cursor<'_>, d: &mut Diags) -> Option<NaiveDateTime> {
    let (date, _) = c.expect_date("the deadline's date", d)?;
    let raw = match c.peek().map(|v| &v.kind) {
        Some(ValueKind::Time(raw)) => *raw,
        _ => {
            let span = c.here();
            c.report(
                d,
                Diagnostic::error(Code::ExpectedKeyword, span, "expected the deadline's time of day")
                    .label("time here")
                    .help("write the deadline as date and time: `deadline 2025-03-11 10:00`"),
            );
            return None;
        }
    };
    c.next();
    let minutes = real_time(&raw, d)?;
    Some(date.and_time(NaiveTime::MIN) + TimeDelta::minutes(i64::from(minutes)))
}

fn nothing_checked(c: &Cursor<'_>, d: &mut Diags, example: &str) {
    c.report(
        d,
        Diagnostic::error(Code::ExpectedKeyword, c.missing_span(), "this `expect` line checks nothing")
            .label("what is expected?")
            .help(format!("say what the report must show, for example: `{example}`")),
    );
}

/// After every clause is read: example names are unique, and each period,
/// credit and penalty an `expect` line names is one the contract has.
pub(crate) fn finish(ck: &mut Checker) {
    let mut first: Vec<(&str, Span)> = Vec::new();
    for ex in &ck.c.examples {
        match first.iter().find(|(n, _)| *n == ex.name) {
            Some((_, prev)) => ck.d.push(
                Diagnostic::error(Code::DuplicateId, ex.span, format!("example \"{}\" is written twice", ex.name))
                    .label("written again")
                    .related(*prev, "first written here")
                    .help("give each example its own name, so `slac test` can say which one failed"),
            ),
            None => first.push((&ex.name, ex.span)),
        }
    }
    for u in std::mem::take(&mut ck.example_periods) {
        if ck.c.service(&u.service).is_none() {
            continue; // reported as an unknown service
        }
        if u.credit && !ck.c.credits.iter().any(|c| c.service == u.service) {
            ck.d.push(
                Diagnostic::error(
                    Code::UnknownExpectation,
                    u.span,
                    format!("the contract gives no credit for `{}`", u.service),
                )
                .label("no `credit` for this service")
                .help("expect credits only for a service with a `credit` clause"),
            );
            continue;
        }
        // A promise that names no period is monthly (docs/semantics.md).
        let kinds: Vec<PeriodKind> =
            ck.c.availability
                .iter()
                .filter(|a| a.service == u.service)
                .map(|a| a.period.unwrap_or(PeriodKind::Month))
                .collect();
        if kinds.is_empty() {
            ck.d.push(
                Diagnostic::error(
                    Code::UnknownExpectation,
                    u.span,
                    format!("the contract promises no availability for `{}`, so it has no such period", u.service),
                )
                .label("no `availability` for this service")
                .help("expect a period of a service the contract has an `availability` clause for"),
            );
            continue;
        }
        let kind = period_kind(&u.period);
        if !kinds.contains(&kind) {
            let have: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
            ck.d.push(
                Diagnostic::error(
                    Code::UnknownExpectation,
                    u.span,
                    format!(
                        "`{}` is measured per {}, so `{}` is not one of its periods",
                        u.service,
                        have.join(" and per "),
                        u.period
                    ),
                )
                .label(format!("not a {}", have.join(" or ")))
                .help(match kinds[0] {
                    PeriodKind::Month => "write a month: `2025-03`",
                    PeriodKind::Quarter => "write a quarter in quotes: `\"2025-Q1\"`",
                    PeriodKind::Year => "write a year: `2025`",
                }),
            );
        }
    }
    for (penalty, span) in std::mem::take(&mut ck.example_penalties) {
        if ck.c.penalties.iter().any(|p| p.id == penalty) {
            continue;
        }
        let names = ck.c.penalties.iter().map(|p| p.id.as_str());
        let help = suggest::did_you_mean(&penalty, names)
            .unwrap_or_else(|| "expect a penalty the contract declares with `penalty NAME { ... }`".to_owned());
        ck.d.push(
            Diagnostic::error(Code::UnknownExpectation, span, format!("the contract has no penalty `{penalty}`"))
                .label("no such penalty")
                .help(help),
        );
    }
}
