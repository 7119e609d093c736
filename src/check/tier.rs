//! Fault tiers: limits, clocks, overrides and escalation thresholds.

use super::cursor::Cursor;
use super::service::clock_ref;
use super::{Checker, RefKind, Seen, block_of, citation, clauses, unknown_field, unknown_statement};
use crate::diag::{Code, Diagnostic};
use crate::ir::{ClockStart, EscalationClock, EscalationThreshold, Limit, Percent, ResolutionKind, Tier, TierOverride};
use crate::source::Span;
use crate::syntax::{Statement, ValueKind};
use rust_decimal::Decimal;

/// `tier L1 "一级故障" { respond within 15min; resolve within 2h }`.
pub fn tier(ck: &mut Checker, stmt: &Statement) {
    let mut a = Cursor::after_keyword(stmt);
    let Some((id, span)) = a.expect_ident("the tier's name", "tier L1 \"一级故障\"", &mut ck.d) else {
        return;
    };
    let name = a.opt_string().map(|s| s.0);
    let mut t = Tier { name, citation: citation(stmt), ..Tier::new(id, span) };
    if a.eat_word("labels") {
        t.labels = a.strings("a severity label", "tier L1 \"一级故障\" labels \"1\", \"P0\"", &mut ck.d);
    }
    a.finish("tier", &mut ck.d);
    let mut seen = Seen::default();
    for field in block_of(&mut ck.d, stmt, "tier", "tier L1 \"一级故障\" { respond within 15min }") {
        tier_field(ck, &mut t, &mut seen, field);
    }
    // A limit that was written but could not be read is reported already.
    let limits_written = seen.has("respond") || seen.has("resolve");
    if stmt.block.is_some() && !limits_written {
        ck.d.push(
            Diagnostic::error(
                Code::MissingField,
                span,
                format!("tier `{}` promises neither a response nor a resolution time", t.id),
            )
            .label("no limits")
            .help("add `respond within 15min` and `resolve within 2h` (or `advise within 24h`)"),
        );
    }
    ck.c.tiers.push(t);
}

fn tier_field(ck: &mut Checker, t: &mut Tier, seen: &mut Seen, field: &Statement) {
    let Some(kw) = field.keyword() else { return };
    let mut a = Cursor::after_keyword(field);
    let head = field.head_span();
    match kw {
        "labels" => t.labels.extend(a.strings("a severity label", "labels \"1\", \"一级\"", &mut ck.d)),
        "description" => {
            if seen.first("description", head, &mut ck.d) {
                t.description =
                    a.expect_string("a description", "description \"核心功能无法使用\"", &mut ck.d).map(|s| s.0);
            }
        }
        "respond" => {
            if seen.first("respond", head, &mut ck.d) {
                t.response = limit(ck, &mut a, "respond", "the response limit");
            }
        }
        "resolve" | "advise" => {
            if seen.first("resolve", head, &mut ck.d) {
                t.resolution_kind = if kw == "advise" { ResolutionKind::Advise } else { ResolutionKind::Resolve };
                t.resolution = limit(ck, &mut a, kw, "the resolution limit");
                if a.eat_word("from") {
                    let example = format!("{kw} within 2h from confirmation");
                    t.resolution_from = match a.expect_one_of(&["report", "confirmation"], &example, &mut ck.d) {
                        Some("confirmation") => ClockStart::Confirmation,
                        _ => ClockStart::Report,
                    };
                }
            }
        }
        "clock" => {
            if seen.first("clock", head, &mut ck.d) {
                if super::clock_by::is_clock_by(&a) {
                    t.clock_by = super::clock_by::clock_by(ck, field, &mut a);
                } else {
                    t.clock = clock_ref(ck, &mut a);
                }
            }
        }
        "cutoff" => {
            if seen.first("cutoff", head, &mut ck.d) {
                t.cutoff = super::limit_rules::cutoff(ck, &mut a);
            }
        }
        "channel" => {
            if seen.first("channel", head, &mut ck.d) {
                t.channel = match a.opt_ident() {
                    Some((name, span)) => {
                        ck.refer(RefKind::Channel, &name, span);
                        Some(name)
                    }
                    None => a.expect_string("the channel", "channel \"接口故障热线\"", &mut ck.d).map(|s| s.0),
                };
            }
        }
        "responders" => {
            t.responders.extend(a.strings("a responder", "responders \"项目经理\", \"技术支持\"", &mut ck.d))
        }
        "notify" => t.notify.extend(a.strings("someone to notify", "notify \"客户成功总监\", \"CTO\"", &mut ck.d)),
        "exempt" => {
            while let Some(cat) = a.peek_word().filter(|w| *w != "from") {
                ck.refer(RefKind::Exclusion, cat, a.here());
                t.exempt_from_resolution.push(cat.to_owned());
                a.next();
            }
            if t.exempt_from_resolution.is_empty() {
                a.expect_ident("an exclusion category", "exempt third_party from resolution", &mut ck.d);
            }
            a.expect_word("from", "exempt third_party from resolution", &mut ck.d);
            a.expect_one_of(&["resolution"], "exempt third_party from resolution", &mut ck.d);
        }
        "override" => {
            if let Some(o) = tier_override(ck, field, &mut a) {
                t.overrides.push(o);
            }
        }
        "escalation" => {
            let thresholds = escalation(ck, field);
            t.escalation.extend(thresholds);
            return;
        }
        "update" => {
            if seen.first("update", head, &mut ck.d) {
                t.updates = super::updates::cadence(ck, field);
            }
            return;
        }
        "pause" => {
            if let Some(p) = super::pause::pause(ck, field) {
                super::pause::push_pause(&mut ck.d, &mut t.pauses, p);
            }
            return;
        }
        other => {
            unknown_field(&mut ck.d, field, other, &clauses::TIER);
            a.skip_rest();
        }
    }
    a.finish(kw, &mut ck.d);
}

/// `within 15min` (a limit above zero), `within 2 business days` or `by
/// 16:00 next business day` (`limit_rules`).
fn limit(ck: &mut Checker, a: &mut Cursor<'_>, verb: &str, what: &str) -> Option<Limit> {
    if a.eat_word("by") {
        return super::limit_rules::by_time(ck, a, verb);
    }
    a.expect_word("within", &format!("{verb} within 15min"), &mut ck.d);
    if let Some(days) = super::limit_rules::business_days(ck, a, what) {
        return days;
    }
    let from = a.pos;
    let (seconds, span) = a.expect_duration(what, &mut ck.d)?;
    let written_days = super::limit_rules::written_days(&a.values[from..a.pos], seconds);
    if seconds.0 <= 0 {
        ck.d.push(
            Diagnostic::error(Code::ZeroLimit, span, format!("{what} is zero"))
                .label("zero limit")
                .help("a limit of zero can never be met; write the time the contract allows, such as `15min`"),
        );
        return None;
    }
    Some(Limit { written_days, ..Limit::open_time(seconds, span) })
}

/// `override "618" 2025-06-01..2025-06-18 { respond within 10min }`, or
/// with the limits on the same line.
fn tier_override(ck: &mut Checker, stmt: &Statement, a: &mut Cursor<'_>) -> Option<TierOverride> {
    let name = a.opt_string().map(|s| s.0);
    let (from, to, range_span) = a.expect_date_range("the dates the override covers", false, &mut ck.d)?;
    let mut o = TierOverride {
        name,
        from,
        to: to.unwrap_or(from),
        response: None,
        resolution: None,
        span: range_span,
        citation: citation(stmt),
    };
    let mut seen = Seen::default();
    // Limits may follow on the line ...
    while let Some(w) = a.peek_word() {
        if !override_limit(ck, &mut o, &mut seen, w, a) {
            break;
        }
    }
    // ... or in a block.
    for field in stmt.block.iter().flat_map(|b| &b.statements) {
        let mut fa = Cursor::all(field);
        match fa.peek_word() {
            Some(w) if override_limit(ck, &mut o, &mut seen, w, &mut fa) => fa.finish(w, &mut ck.d),
            Some(w) => unknown_statement(&mut ck.d, field, w, "an override", &["respond", "resolve", "advise"]),
            None => {}
        }
    }
    if !seen.has("respond") && !seen.has("resolve") {
        ck.d.push(
            Diagnostic::error(Code::MissingField, range_span, "this override changes no limit")
                .label("no limits")
                .help(
                    "say what changes: `override 2025-06-01..2025-06-18 { respond within 10min; resolve within 1h }`",
                ),
        );
    }
    Some(o)
}

fn override_limit(ck: &mut Checker, o: &mut TierOverride, seen: &mut Seen, word: &str, a: &mut Cursor<'_>) -> bool {
    let span = a.here();
    match word {
        "respond" => {
            a.next();
            if seen.first("respond", span, &mut ck.d) {
                o.response = limit(ck, a, "respond", "the response limit");
            }
            true
        }
        "resolve" | "advise" => {
            a.next();
            if seen.first("resolve", span, &mut ck.d) {
                o.resolution = limit(ck, a, word, "the resolution limit");
            }
            true
        }
        _ => false,
    }
}

/// A contract-wide `escalation { ... }` clause: its thresholds apply to
/// every tier.
pub fn escalation_clause(ck: &mut Checker, stmt: &Statement) {
    let thresholds = escalation(ck, stmt);
    ck.c.escalation.extend(thresholds);
}

/// `escalation { at 80% "预警" ... }` or `escalation at 80%, 90%, 100%`,
/// each optionally `on response`, `on resolution` or `on both` (the
/// default): the clock whose share the thresholds measure.
pub fn escalation(ck: &mut Checker, stmt: &Statement) -> Vec<EscalationThreshold> {
    let mut out = Vec::new();
    let mut written = false;
    let mut a = Cursor::after_keyword(stmt);
    let mut clock = EscalationClock::Both;
    let clock_written = a.eat_word("on");
    if clock_written {
        let example = "escalation on resolution { at 100% \"技术总监介入\" }";
        clock = match a.expect_one_of(&["response", "resolution", "both"], example, &mut ck.d) {
            Some("response") => EscalationClock::Response,
            Some("resolution") => EscalationClock::Resolution,
            _ => EscalationClock::Both,
        };
    }
    if a.eat_word("at") {
        written = true;
        // Each threshold is read on its own, so one bad value does not
        // hide the others.
        while !a.at_end() {
            if let Some((at, span)) = threshold(ck, &mut a) {
                out.push(EscalationThreshold {
                    at,
                    action: None,
                    clock,
                    clock_written,
                    span,
                    citation: citation(stmt),
                });
            }
        }
    }
    a.finish("escalation", &mut ck.d);
    for line in stmt.block.iter().flat_map(|b| &b.statements) {
        let mut la = Cursor::all(line);
        if !la.eat_word("at") {
            match line.keyword() {
                Some(w) => unknown_field(&mut ck.d, line, w, &clauses::ESCALATION),
                None => {
                    la.expect_word("at", "at 80% \"预警\"", &mut ck.d);
                }
            }
            continue;
        }
        written = true;
        if let Some((at, span)) = threshold(ck, &mut la) {
            let action = la.opt_string().map(|s| s.0);
            out.push(EscalationThreshold { at, action, clock, clock_written, span, citation: citation(line) });
        }
        la.finish("at", &mut ck.d);
    }
    if !written {
        ck.d.push(
            Diagnostic::error(Code::MissingField, stmt.head_span(), "no escalation thresholds are given")
                .label("empty escalation")
                .help("write `escalation { at 80% \"预警\" }` or `escalation on resolution at 80%, 90%, 100%`"),
        );
    }
    out
}

/// A threshold: a percentage above zero (above 100% is allowed here and
/// left to the linter, which explains why it never fires).
fn threshold(ck: &mut Checker, a: &mut Cursor<'_>) -> Option<(Percent, Span)> {
    let v = a.peek()?;
    match &v.kind {
        ValueKind::Percent(p) if *p > Decimal::ZERO => {
            a.next();
            Some((Percent(*p), v.span))
        }
        ValueKind::Percent(_) => {
            a.next();
            ck.d.push(
                Diagnostic::error(
                    Code::InvalidThreshold,
                    v.span,
                    "an escalation threshold of 0% is crossed by every clock at once",
                )
                .label("zero threshold")
                .help("thresholds are shares of the limit, such as `80%`"),
            );
            None
        }
        _ => a.expect_percent("an escalation threshold", &mut ck.d),
    }
}
