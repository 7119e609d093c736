//! Availability and durability promises.

use super::cursor::Cursor;
use super::{Checker, ImplicitService, RefKind, Seen, block_of, citation, clauses, unknown_field};
use crate::diag::{Code, Diagnostic};
use crate::ir::{Availability, BudgetClaim, Durability, Formula, MinuteRule, OneInClaim, PartialPolicy, PeriodKind};
use crate::source::Span;
use crate::syntax::{Statement, ValueKind};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// The service a clause names, or `None` to be filled in when the contract
/// has exactly one service.
fn service_name(ck: &mut Checker, a: &mut Cursor<'_>) -> Option<String> {
    let (name, span) = a.opt_ident()?;
    ck.refer(RefKind::Service, &name, span);
    Some(name)
}

/// `availability esign { target 99.99% ... }`.
pub fn availability(ck: &mut Checker, stmt: &Statement) {
    let mut a = Cursor::after_keyword(stmt);
    let service = service_name(ck, &mut a);
    a.finish("availability", &mut ck.d);
    let mut av = Availability {
        service: service.clone().unwrap_or_default(),
        target: crate::ir::Percent(Decimal::ZERO),
        target_span: stmt.head_span(),
        period: None,
        partial: None,
        minute_rule: None,
        missing_data_down: false,
        minimum_outage: None,
        formula: None,
        budget_claims: Vec::new(),
        span: stmt.head_span(),
        citation: citation(stmt),
        set_down: None,
        outages: None,
        exclusions: Vec::new(),
        maintenance: None,
        eligibility: Vec::new(),
        total_minutes: None,
        slices: None,
        per_region: false,
    };
    let mut seen = Seen::default();
    for field in block_of(&mut ck.d, stmt, "availability", "availability esign { target 99.99% }") {
        availability_field(ck, &mut av, &mut seen, field);
    }
    if stmt.block.is_some() && !seen.has("target") {
        ck.d.push(
            Diagnostic::error(Code::MissingField, stmt.head_span(), "this availability promise has no target")
                .label("target missing")
                .help("add `target 99.95%` to the block"),
        );
    }
    conflicting_outage_rules(ck, &av, &seen);
    if let Some(span) = seen.span_of("set") {
        ck.set_lines.push((av.service.clone(), span));
    }
    if service.is_none() {
        ck.implicit_service.push((ImplicitService::Availability(ck.c.availability.len()), stmt.head_span()));
    }
    ck.c.availability.push(av);
}

/// `minimum outage` beside `outages by duration`: the outage's own length
/// decides (its `over`), so the minimum would be silently ignored.
fn conflicting_outage_rules(ck: &mut Checker, av: &Availability, seen: &Seen) {
    let by_duration = matches!(av.outages, Some(crate::ir::OutageMeasure::Duration { .. }));
    let (Some(minimum), Some(outages)) = (seen.span_of("minimum"), seen.span_of("outages")) else { return };
    if by_duration && av.minimum_outage.is_some() {
        ck.d.push(
            Diagnostic::error(
                Code::ConflictingFields,
                minimum,
                "`minimum outage` has no effect when outages are measured by their duration",
            )
            .label("would be ignored")
            .related(outages, "outages measured by their own length")
            .help("say the shortest outage that counts on the `outages` line (`outages by duration over 60s`) and drop `minimum outage`"),
        );
    }
}

fn availability_field(ck: &mut Checker, av: &mut Availability, seen: &mut Seen, field: &Statement) {
    let Some(kw) = field.keyword() else { return };
    let mut a = Cursor::after_keyword(field);
    let head = field.head_span();
    let d = &mut ck.d;
    match kw {
        "target" if seen.first("target", head, d) => {
            if let Some((p, span)) = a.expect_percent("the availability target", d) {
                if p.0.is_zero() {
                    d.push(zero_target(span));
                }
                av.target = p;
                av.target_span = span;
            }
            // `target 99.95% per month` (as durability allows).
            if a.peek_word() == Some("per") {
                let period_span = a.here().to(a.rest().last().map_or(a.here(), |v| v.span));
                d.push(
                    Diagnostic::error(Code::UnexpectedValue, period_span, "an availability target takes no period")
                        .label("not part of the target")
                        .help("write the period on its own line: `period month`"),
                );
            }
        }
        "period" if seen.first("period", head, d) => av.period = period(&mut a, d, "period month"),
        "partial" if seen.first("partial", head, d) => av.partial = partial(&mut a, d),
        "minute" if seen.first("minute", head, d) => av.minute_rule = minute_rule(&mut a, d),
        "missing" if seen.first("missing", head, d) => {
            a.eat_word("data");
            a.expect_word("counts", "missing data counts as down", d);
            a.expect_word("as", "missing data counts as down", d);
            if let Some(w @ ("unavailable" | "downtime" | "outage" | "up" | "uptime")) = a.peek_word() {
                // Near `available` in spelling but not always in meaning.
                let means = if w.starts_with("up") { "available" } else { "down" };
                d.push(
                    Diagnostic::error(
                        Code::ExpectedKeyword,
                        a.here(),
                        format!("expected `down` or `available`, found `{w}`"),
                    )
                    .label("not one of these")
                    .help(format!("write `missing data counts as {means}`")),
                );
                a.skip_rest();
            } else {
                av.missing_data_down =
                    a.expect_one_of(&["down", "available"], "missing data counts as down", d) == Some("down");
            }
        }
        "minimum" if seen.first("minimum", head, d) => {
            a.expect_word("outage", "minimum outage 5min", d);
            av.minimum_outage = a.expect_duration("the minimum outage", d).map(|x| x.0);
            if let Some(s) = av.minimum_outage.filter(|s| s.0 % 60 != 0) {
                d.push(
                    Diagnostic::error(
                        Code::UnitMismatch,
                        head,
                        format!("the minimum outage {s} is not a whole number of minutes"),
                    )
                    .label("not whole minutes")
                    .help("availability is counted in whole minutes; write `5min`"),
                );
            }
        }
        "formula" if seen.first("formula", head, d) => {
            av.formula = formula(&mut a, d);
        }
        "outages" if seen.first("outages", head, d) => av.outages = super::outage_measure::outages(&mut a, d),
        "set" if seen.first("set", head, d) => av.set_down = super::set_rule::set_rule(&mut a, d),
        "slice" if seen.first("slice", head, d) => av.slices = super::slice_rule::slice_rule(&mut a, d),
        "per" if seen.first("per", head, d) => av.per_region = a.expect_word("region", "per region", d),
        "budget" => {
            if let Some(claim) = budget(&mut a, d, field) {
                av.budget_claims.push(claim);
            }
        }
        // Rules of this promise alone (`exclusions { maintenance when
        // announced }` in the single-instance section of a cloud SLA).
        "exclusions" if seen.first("exclusions", head, d) => {
            super::exclusion::exclusion_list(ck, field, &mut av.exclusions);
        }
        "maintenance" if seen.first("maintenance", head, d) => {
            let mut policy = crate::ir::MaintenancePolicy { span: Some(head), ..Default::default() };
            super::exclusion::maintenance_policy(ck, field, &mut policy, false);
            av.maintenance = Some(policy);
        }
        "total" if seen.first("total", head, d) => av.total_minutes = super::eligibility::total_minutes(&mut a, d),
        "covers" => {
            if let Some(e) = super::eligibility::covers(&mut a, d, field) {
                av.eligibility.push(e);
            }
        }
        "target" | "period" | "partial" | "minute" | "missing" | "minimum" | "formula" | "set" | "outages"
        | "exclusions" | "maintenance" | "total" | "slice" | "per" => {}
        other => {
            unknown_field(d, field, other, &clauses::AVAILABILITY);
            a.skip_rest();
        }
    }
    a.finish(kw, &mut ck.d);
}

fn zero_target(span: Span) -> Diagnostic {
    Diagnostic::error(Code::ZeroLimit, span, "a target of 0% promises nothing")
        .label("zero target")
        .help("write the target the contract promises, such as `99.95%`")
}

/// `month`, `quarter` or `year` (after an optional `per`).
pub(super) fn period(a: &mut Cursor<'_>, d: &mut super::Diags, example: &str) -> Option<PeriodKind> {
    a.eat_word("per");
    let word = a.peek_word();
    let kind = match word {
        Some("month") | Some("monthly") => PeriodKind::Month,
        Some("quarter") | Some("quarterly") => PeriodKind::Quarter,
        Some("year") | Some("yearly") | Some("annual") => PeriodKind::Year,
        _ => {
            let span = a.here();
            let found = a.peek().map(|v| format!(", found {}", v.found())).unwrap_or_default();
            let hint = word.and_then(|w| crate::diag::suggest::did_you_mean(w, ["month", "quarter", "year"]));
            d.push(
                Diagnostic::error(
                    Code::ExpectedPeriod,
                    span,
                    format!("expected a period: `month`, `quarter` or `year`{found}"),
                )
                .label("not a period")
                .help(hint.unwrap_or_else(|| format!("for example: `{example}`"))),
            );
            a.next();
            return None;
        }
    };
    a.next();
    Some(kind)
}

/// `partial skipped`, `partial as whole` (`periods` may follow `partial`).
fn partial(a: &mut Cursor<'_>, d: &mut super::Diags) -> Option<PartialPolicy> {
    a.eat_word("periods");
    if a.eat_word("as") {
        a.expect_word("whole", "partial as whole", d);
        return Some(PartialPolicy::AsWhole);
    }
    match a.expect_one_of(&["skipped", "as"], "partial skipped", d)? {
        "skipped" => Some(PartialPolicy::Skipped),
        _ => None,
    }
}

/// `minute down when success below 90%` or `minute down when all attempts
/// fail`.
fn minute_rule(a: &mut Cursor<'_>, d: &mut super::Diags) -> Option<MinuteRule> {
    a.expect_word("down", "minute down when success below 90%", d);
    a.expect_word("when", "minute down when success below 90%", d);
    if a.eat_words(&["all", "attempts", "fail"]) {
        return Some(MinuteRule::AllAttemptsFail);
    }
    a.expect_one_of(&["success", "all"], "minute down when success below 90%", d)?;
    a.expect_word("below", "minute down when success below 90%", d);
    let (p, span) = a.expect_percent("the success threshold", d)?;
    if p.0.is_zero() {
        d.push(
            Diagnostic::error(Code::ZeroLimit, span, "no minute is ever below 0% success")
                .label("zero threshold")
                .help("for \"down only when every attempt fails\" write `minute down when all attempts fail`"),
        );
        return None;
    }
    Some(MinuteRule::SuccessBelow(p))
}

/// The two supported formulas, written out.
fn formula(a: &mut Cursor<'_>, d: &mut super::Diags) -> Option<Formula> {
    let start = a.here();
    let mut text = String::new();
    let mut end = start;
    while let Some(v) = a.next() {
        end = v.span;
        match &v.kind {
            ValueKind::Word(w) | ValueKind::Op(w) => text.push_str(w),
            _ => text.push('?'),
        }
    }
    match text.as_str() {
        "available/(available+unavailable)" => Some(Formula::ExcludingExcused),
        "(total-unavailable)/total" => Some(Formula::OverTotal),
        _ => {
            d.push(
                Diagnostic::error(Code::UnknownFormula, start.to(end), "slac does not know this availability formula")
                    .label("unknown formula")
                    .help("write `available / (available + unavailable)` (excused minutes leave the period) or `(total - unavailable) / total`"),
            );
            None
        }
    }
}

/// `budget at most 21.6min per month`.
fn budget(a: &mut Cursor<'_>, d: &mut super::Diags, field: &Statement) -> Option<BudgetClaim> {
    a.expect_word("at", "budget at most 21.6min per month", d);
    a.expect_word("most", "budget at most 21.6min per month", d);
    // A budget is a restated target, so it may be a fraction of a second:
    // 99.99% of a 30-day month is 4.32min.
    let fraction = match a.peek().map(|v| (&v.kind, v.span)) {
        Some((ValueKind::Quantity { number, unit, .. }, span)) => crate::syntax::Unit::of_suffix(unit)
            .and_then(crate::syntax::Unit::seconds)
            .and_then(|factor| number.checked_mul(Decimal::from(factor)))
            .map(|seconds| (seconds, span))
            // Too large to multiply out: the duration reader reports it.
            .filter(|(s, _)| !s.fract().is_zero() && *s > Decimal::ZERO && s.to_i64().is_some()),
        _ => None,
    };
    let (at_most, exact, span) = match fraction {
        Some((seconds, span)) => {
            a.next();
            (crate::ir::Seconds(seconds.trunc().to_i64().unwrap_or(i64::MAX)), Some(seconds), span)
        }
        None => {
            let (s, span) = a.expect_duration("the downtime budget", d)?;
            (s, None, span)
        }
    };
    a.expect_word("per", "budget at most 21.6min per month", d);
    let per = period(a, d, "budget at most 21.6min per month")?;
    let assumes_days = if a.eat_word("assuming") { assumed_length(a, d, per)? } else { None };
    Some(BudgetClaim { at_most, exact, per, span, citation: citation(field), assumes_days })
}

/// `assuming 30 days` after a budget: the period length the agreement's
/// figure was computed for, one a period of that kind can have.
fn assumed_length(a: &mut Cursor<'_>, d: &mut super::Diags, per: PeriodKind) -> Option<Option<u32>> {
    const EXAMPLE: &str = "budget at most 21.6min per month assuming 30 days";
    let (days, span) = a.expect_count("the length of the period", EXAMPLE, d)?;
    a.expect_one_of(&["days", "day"], EXAMPLE, d)?;
    let lengths = per.lengths_in_days();
    if !lengths.contains(&i64::from(days)) {
        let (first, last) = (lengths[0], lengths[lengths.len() - 1]);
        d.push(
            Diagnostic::error(
                Code::ExpectedNumber,
                span,
                format!("a {} has {first} to {last} days, not {days}", per.name()),
            )
            .label("no such length")
            .help(format!(
                "write the length the agreement assumes, such as `assuming {} days`",
                // The usual assumption: a 30-day month, a 90-day quarter,
                // a 365-day year; each a length its period can have.
                lengths.iter().find(|l| [30, 90, 365].contains(*l)).unwrap_or(&first)
            )),
        );
        return None;
    }
    Some(Some(days))
}

/// `durability esign { target 99.99999999% per month }`.
pub fn durability(ck: &mut Checker, stmt: &Statement) {
    let mut a = Cursor::after_keyword(stmt);
    let service = service_name(ck, &mut a);
    a.finish("durability", &mut ck.d);
    let mut du = Durability {
        service: service.clone().unwrap_or_default(),
        target: crate::ir::Percent(Decimal::ZERO),
        target_span: stmt.head_span(),
        period: None,
        partial: None,
        unit: None,
        one_in: None,
        span: stmt.head_span(),
        citation: citation(stmt),
    };
    let mut seen = Seen::default();
    for field in block_of(&mut ck.d, stmt, "durability", "durability esign { target 99.99999999% per month }") {
        let Some(kw) = field.keyword() else { continue };
        let mut a = Cursor::after_keyword(field);
        let head = field.head_span();
        let d = &mut ck.d;
        match kw {
            "target" if seen.first("target", head, d) => {
                if let Some((p, span)) = a.expect_percent("the durability target", d) {
                    if p.0.is_zero() {
                        d.push(zero_target(span));
                    }
                    du.target = p;
                    du.target_span = span;
                }
                if a.peek_word() == Some("per") && seen.first("period", head, d) {
                    du.period = period(&mut a, d, "target 99.99999999% per month");
                }
            }
            "period" if seen.first("period", head, d) => du.period = period(&mut a, d, "period month"),
            "partial" if seen.first("partial", head, d) => du.partial = partial(&mut a, d),
            "unit" if seen.first("unit", head, d) => {
                du.unit = a.expect_ident("what is counted", "unit objects", d).map(|x| x.0)
            }
            "claim" if seen.first("claim", head, d) => du.one_in = one_in(&mut a, d, field),
            "target" | "period" | "partial" | "unit" | "claim" => {}
            other => {
                unknown_field(d, field, other, &clauses::DURABILITY);
                a.skip_rest();
            }
        }
        a.finish(kw, &mut ck.d);
    }
    if stmt.block.is_some() && !seen.has("target") {
        ck.d.push(
            Diagnostic::error(Code::MissingField, stmt.head_span(), "this durability promise has no target")
                .label("target missing")
                .help("add `target 99.99999999% per month` to the block"),
        );
    }
    if service.is_none() {
        ck.implicit_service.push((ImplicitService::Durability(ck.c.durability.len()), stmt.head_span()));
    }
    ck.c.durability.push(du);
}

/// `claim at most 1 in 10^10 per month`.
fn one_in(a: &mut Cursor<'_>, d: &mut super::Diags, field: &Statement) -> Option<OneInClaim> {
    const EXAMPLE: &str = "claim at most 1 in 10^10 per month";
    a.expect_word("at", EXAMPLE, d);
    a.expect_word("most", EXAMPLE, d);
    let (one, one_span) = a.expect_number("the count lost", EXAMPLE, d)?;
    if one != Decimal::ONE {
        d.push(
            Diagnostic::error(Code::ExpectedNumber, one_span, "a durability claim is written as `1 in N`")
                .label("expected 1")
                .help("write the claim as one lost in N: `1 in 10^10`"),
        );
    }
    a.expect_word("in", EXAMPLE, d);
    let v = a.next()?;
    let n = match &v.kind {
        ValueKind::Number(n) => *n,
        ValueKind::Power { base, exponent } => power(*base, *exponent).unwrap_or(Decimal::ZERO),
        _ => {
            a.report(
                d,
                Diagnostic::error(
                    Code::ExpectedNumber,
                    v.span,
                    format!("expected how many the one is lost in, a count such as `10^10`, found {}", v.found()),
                )
                .label("not a count")
                .help(format!("write a count such as `10000000000` or `10^10`, as in `{EXAMPLE}`")),
            );
            return None;
        }
    };
    if n <= Decimal::ZERO {
        d.push(
            Diagnostic::error(Code::NumberTooLarge, v.span, "this power is too large to hold exactly")
                .label("too large")
                .help("powers of ten up to 10^28 can be held exactly"),
        );
        return None;
    }
    if a.eat_word("per") {
        a.back();
        period(a, d, EXAMPLE);
    }
    Some(OneInClaim { n, span: v.span, citation: citation(field) })
}

/// `base^exponent` exactly, for whole exponents that fit.
fn power(base: Decimal, exponent: Decimal) -> Option<Decimal> {
    use rust_decimal::prelude::ToPrimitive;
    let e = exponent.to_u32().filter(|e| Decimal::from(*e) == exponent && *e <= 28)?;
    let mut out = Decimal::ONE;
    for _ in 0..e {
        out = out.checked_mul(base)?;
    }
    Some(out)
}
