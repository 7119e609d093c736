//! Objectives, recovery targets, backups, duties, data facts and prose.

use super::cursor::Cursor;
use super::{Checker, Diags, block_of, citation, clauses, no_block, unknown_field, unknown_statement};
use crate::diag::{Code, Diagnostic};
use crate::ir::{
    Backup, Cadence, CalendarSpan, CompareOp, DataLocation, Duty, Measure, Objective, ObjectiveGroup, PeriodKind,
    Prose, Retention,
};
use crate::syntax::{Statement, Unit, ValueKind};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// `objective system_response_time < 10s`.
pub fn objective(ck: &mut Checker, stmt: &Statement, group: ObjectiveGroup) {
    no_block(&mut ck.d, stmt, "objective");
    let mut a = Cursor::after_keyword(stmt);
    if let Some(o) = objective_line(ck, &mut a, stmt, group) {
        ck.c.objectives.push(o);
    }
    a.finish("objective", &mut ck.d);
}

fn objective_line(ck: &mut Checker, a: &mut Cursor<'_>, stmt: &Statement, group: ObjectiveGroup) -> Option<Objective> {
    const EXAMPLE: &str = "objective system_response_time < 10s";
    let (name, span) = a.expect_ident("the objective's name", EXAMPLE, &mut ck.d)?;
    let op = compare_op(a, &mut ck.d)?;
    let value = measure(a, &mut ck.d, "the objective's value")?;
    let per = if a.peek_word() == Some("per") { super::availability::period(a, &mut ck.d, "per month") } else { None };
    let description = a.opt_string().map(|s| s.0);
    Some(Objective { name, group, op, value, per, description, span, citation: citation(stmt) })
}

fn compare_op(a: &mut Cursor<'_>, d: &mut Diags) -> Option<CompareOp> {
    let ops = [
        ("<", CompareOp::Lt),
        ("<=", CompareOp::Le),
        (">", CompareOp::Gt),
        (">=", CompareOp::Ge),
        ("=", CompareOp::Eq),
    ];
    for (text, op) in ops {
        if a.eat_op(text) {
            return Some(op);
        }
    }
    let words = [("below", CompareOp::Lt), ("within", CompareOp::Le), ("above", CompareOp::Gt)];
    for (text, op) in words {
        if a.eat_word(text) {
            return Some(op);
        }
    }
    if a.eat_words(&["at", "most"]) {
        return Some(CompareOp::Le);
    }
    if a.eat_words(&["at", "least"]) {
        return Some(CompareOp::Ge);
    }
    d.push(
        Diagnostic::error(Code::ExpectedKeyword, a.here(), "expected a comparison: `<`, `<=`, `>`, `>=` or `=`")
            .label("comparison missing")
            .help("for example: `objective system_response_time < 10s` or `objective backup_success >= 99.9%`"),
    );
    None
}

/// A typed amount: `10s`, `99.9%`, `3`, `2 years`, `5Gb`, `CNY 100.00`.
fn measure(a: &mut Cursor<'_>, d: &mut Diags, what: &str) -> Option<Measure> {
    let Some(v) = a.peek() else {
        d.push(
            Diagnostic::error(Code::ExpectedNumber, a.missing_span(), format!("expected {what}"))
                .label("value missing")
                .help("write a figure with its unit: `10s`, `99.9%`, `2 years`, `3`"),
        );
        return None;
    };
    match &v.kind {
        ValueKind::Percent(_) => a.expect_percent(what, d).map(|p| Measure::Percent(p.0)),
        ValueKind::Money { .. } => a.expect_money(what, d).map(|m| Measure::Money(m.0)),
        ValueKind::Quantity { number, unit, .. } => {
            let unit_of = Unit::of_suffix(unit);
            if unit_of.and_then(Unit::seconds).is_some() {
                return a.expect_duration(what, d).map(|s| Measure::Duration(s.0));
            }
            a.next();
            match (unit_of, calendar_count(*number)) {
                (Some(Unit::Month), Some(count)) => {
                    Some(Measure::Span(CalendarSpan { count, unit: PeriodKind::Month }))
                }
                (Some(Unit::Year), Some(count)) => Some(Measure::Span(CalendarSpan { count, unit: PeriodKind::Year })),
                _ => Some(Measure::Quantity { number: *number, unit: unit.clone() }),
            }
        }
        ValueKind::Number(n) => {
            let n = *n;
            match a.peek_at(1).and_then(|w| w.as_word()) {
                Some("year" | "years") | Some("month" | "months") | Some("quarter" | "quarters") => {
                    a.next();
                    let unit = match a.next().and_then(|w| w.as_word()) {
                        Some(w) if w.starts_with("year") => PeriodKind::Year,
                        Some(w) if w.starts_with("quarter") => PeriodKind::Quarter,
                        _ => PeriodKind::Month,
                    };
                    let count = calendar_count(n).unwrap_or(1);
                    Some(Measure::Span(CalendarSpan { count, unit }))
                }
                Some(
                    "s" | "sec" | "second" | "seconds" | "min" | "minute" | "minutes" | "h" | "hour" | "hours" | "d"
                    | "day" | "days" | "w" | "week" | "weeks",
                ) => a.expect_duration(what, d).map(|s| Measure::Duration(s.0)),
                _ => {
                    a.next();
                    Some(Measure::Count(n))
                }
            }
        }
        _ => {
            d.push(
                Diagnostic::error(
                    Code::ExpectedNumber,
                    v.span,
                    format!("expected {what}, a figure, found {}", v.found()),
                )
                .label("not a figure")
                .help("write a figure with its unit: `10s`, `99.9%`, `2 years`, `3`"),
            );
            a.next();
            None
        }
    }
}

fn calendar_count(n: Decimal) -> Option<u32> {
    n.to_u32().filter(|c| Decimal::from(*c) == n && *c > 0)
}

/// `recovery { rto < 15min; rpo < 1h }`: objectives grouped as recovery.
pub fn recovery(ck: &mut Checker, stmt: &Statement) {
    for line in block_of(&mut ck.d, stmt, "recovery", "recovery { rto < 15min; rpo < 1h }") {
        let mut a = Cursor::all(line);
        if let Some(o) = objective_line(ck, &mut a, line, ObjectiveGroup::Recovery) {
            ck.c.objectives.push(o);
        }
        a.finish("recovery objective", &mut ck.d);
    }
}

/// `backup daily_incremental "每日增量备份" every day retain 7d`.
pub fn backup(ck: &mut Checker, stmt: &Statement) {
    let mut a = Cursor::after_keyword(stmt);
    let Some((id, span)) = a.expect_ident("the backup's name", "backup daily every day retain 30d", &mut ck.d) else {
        return;
    };
    let mut b = Backup {
        id,
        description: a.opt_string().map(|s| s.0),
        every: None,
        retain: None,
        location: None,
        span,
        citation: citation(stmt),
    };
    backup_words(ck, &mut a, &mut b);
    a.finish("backup", &mut ck.d);
    for line in stmt.block.iter().flat_map(|bl| &bl.statements) {
        let mut la = Cursor::all(line);
        backup_words(ck, &mut la, &mut b);
        if let Some(w) = la.peek_word() {
            unknown_statement(&mut ck.d, line, w, "a backup", &["every", "retain", "at"]);
        } else {
            la.finish("backup", &mut ck.d);
        }
    }
    ck.c.backups.push(b);
}

fn backup_words(ck: &mut Checker, a: &mut Cursor<'_>, b: &mut Backup) {
    loop {
        if a.eat_word("every") {
            b.every = cadence(a, &mut ck.d);
        } else if a.eat_word("retain") {
            b.retain = measure(a, &mut ck.d, "how long backups are kept");
        } else if a.eat_word("at") {
            b.location = a.expect_string("where backups are kept", "at \"深圳\"", &mut ck.d).map(|s| s.0);
        } else {
            break;
        }
    }
}

/// `day`, `week`, `month`, `quarter`, `half_year`, `year`.
fn cadence(a: &mut Cursor<'_>, d: &mut Diags) -> Option<Cadence> {
    let words = ["day", "week", "month", "quarter", "half_year", "year"];
    Some(match a.expect_one_of(&words, "every month", d)? {
        "day" => Cadence::Day,
        "week" => Cadence::Week,
        "month" => Cadence::Month,
        "quarter" => Cadence::Quarter,
        "half_year" => Cadence::HalfYear,
        _ => Cadence::Year,
    })
}

/// `duty vulnerability_scan every month "每月进行1次漏洞扫描"`.
pub fn duty(ck: &mut Checker, stmt: &Statement) {
    no_block(&mut ck.d, stmt, "duty");
    const EXAMPLE: &str = "duty vulnerability_scan every month \"每月进行1次漏洞扫描\"";
    let mut a = Cursor::after_keyword(stmt);
    let Some((id, span)) = a.expect_ident("the duty's name", EXAMPLE, &mut ck.d) else {
        return;
    };
    a.expect_word("every", EXAMPLE, &mut ck.d);
    let every = cadence(&mut a, &mut ck.d);
    let description = a.opt_string().map(|s| s.0);
    a.finish("duty", &mut ck.d);
    if let Some(every) = every {
        ck.c.duties.push(Duty { id, every, description, span, citation: citation(stmt) });
    }
}

/// `data { location primary "上海"; retain billing_records 2 years }`.
pub fn data(ck: &mut Checker, stmt: &Statement) {
    for line in block_of(&mut ck.d, stmt, "data", "data { location primary \"上海\" }") {
        match line.keyword() {
            Some("location") => location(ck, line),
            Some("retain") => retain(ck, line),
            Some(other) => unknown_field(&mut ck.d, line, other, &clauses::DATA),
            None => {}
        }
    }
}

/// `location primary "上海"`.
pub fn location(ck: &mut Checker, stmt: &Statement) {
    let mut a = Cursor::after_keyword(stmt);
    let Some((role, span)) = a.expect_ident("the location's role", "location primary \"上海\"", &mut ck.d) else {
        return;
    };
    let place = a.expect_string("the place", "location primary \"上海\"", &mut ck.d);
    a.finish("location", &mut ck.d);
    if let Some((place, _)) = place {
        ck.c.locations.push(DataLocation { role, place, span, citation: citation(stmt) });
    }
}

/// `retain billing_records 2 years`.
pub fn retain(ck: &mut Checker, stmt: &Statement) {
    let mut a = Cursor::after_keyword(stmt);
    let Some((what, span)) = a.expect_ident("what is kept", "retain billing_records 2 years", &mut ck.d) else {
        return;
    };
    a.eat_word("for");
    let at_least = measure(&mut a, &mut ck.d, "how long it is kept");
    a.finish("retain", &mut ck.d);
    if let Some(at_least) = at_least {
        ck.c.retention.push(Retention { what, at_least, span, citation: citation(stmt) });
    }
}

/// `prose [id] ["title"] "text"`: the last text is the clause itself.
pub fn prose(ck: &mut Checker, stmt: &Statement) {
    no_block(&mut ck.d, stmt, "prose");
    let mut a = Cursor::after_keyword(stmt);
    let id = a.opt_ident().map(|s| s.0);
    let mut texts = Vec::new();
    while let Some((t, _)) = a.opt_string() {
        texts.push(t);
    }
    a.finish("prose", &mut ck.d);
    let text = texts.pop();
    let title = texts.pop();
    match text {
        Some(text) => ck.c.prose.push(Prose { id, title, text, span: stmt.head_span(), citation: citation(stmt) }),
        None => ck.d.push(
            Diagnostic::error(Code::ExpectedString, stmt.span.after(), "this prose clause has no text")
                .label("text missing")
                .help("write `prose \"title\" \"\"\"the clause's text\"\"\"`"),
        ),
    }
}
