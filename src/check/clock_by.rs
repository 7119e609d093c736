//! A tier clock chosen per incident: `clock by region { "EMEA" =
//! emea_hours, "APAC" = apac_hours }` (also `clock business by region`).

use super::cursor::Cursor;
use super::{Checker, RefKind};
use crate::diag::{Code, Diagnostic};
use crate::ir::{ClockBy, ClockChoice};
use crate::syntax::{Statement, ValueKind};

/// The incident fields a clock may be chosen by.
const FIELDS: &[&str] = &["region"];

const EXAMPLE: &str = "clock by region { \"EMEA\" = emea_hours, \"APAC\" = apac_hours }";

/// Does the clause choose its calendar by a field (`by` next, or after the
/// word `business`)?
pub fn is_clock_by(a: &Cursor<'_>) -> bool {
    a.peek_word() == Some("by") || (a.peek_word() == Some("business") && a.peek_at(1).is_some_and(|v| v.is_word("by")))
}

pub fn clock_by(ck: &mut Checker, stmt: &Statement, a: &mut Cursor<'_>) -> Option<ClockBy> {
    a.eat_word("business");
    a.expect_word("by", EXAMPLE, &mut ck.d);
    let field = a.expect_one_of(FIELDS, EXAMPLE, &mut ck.d)?.to_owned();
    let mut by = ClockBy { field, calendars: Vec::new(), span: stmt.head_span() };
    let Some(block) = &stmt.block else {
        ck.d.push(
            Diagnostic::error(Code::ExpectedBlock, stmt.head_span(), "a clock chosen by region needs its calendars")
                .label("no `{ ... }`")
                .help(format!("name each region's calendar: `{EXAMPLE}`")),
        );
        return None;
    };
    for line in &block.statements {
        let mut la = Cursor::all(line);
        while !la.at_end() {
            if !choice(ck, &mut la, &mut by) {
                la.skip_rest();
                break;
            }
            la.eat_op(",");
        }
    }
    if by.calendars.is_empty() {
        ck.d.push(
            Diagnostic::error(Code::MissingField, stmt.head_span(), "no region is given a calendar")
                .label("empty map")
                .help(format!("name each region's calendar: `{EXAMPLE}`")),
        );
        return None;
    }
    Some(by)
}

/// One `"EMEA" = emea_hours`; false when it could not be read (reported).
fn choice(ck: &mut Checker, a: &mut Cursor<'_>, by: &mut ClockBy) -> bool {
    let Some((value, span)) = a.expect_string("a region", "\"EMEA\" = emea_hours", &mut ck.d) else {
        return false;
    };
    if !a.eat_op("=") {
        a.expect_word("=", "\"EMEA\" = emea_hours", &mut ck.d);
        return false;
    }
    let calendar = match a.peek().map(|v| &v.kind) {
        Some(ValueKind::Always) => {
            a.next();
            "24x7".to_owned()
        }
        _ => {
            let Some((name, name_span)) = a.expect_ident("a calendar", "\"EMEA\" = emea_hours", &mut ck.d) else {
                return false;
            };
            ck.refer(RefKind::Calendar, &name, name_span);
            name
        }
    };
    if let Some(first) = by.calendars.iter().find(|c| c.value.trim().eq_ignore_ascii_case(value.trim())) {
        ck.d.push(
            Diagnostic::error(
                Code::DuplicateLabel,
                span,
                format!("{} \"{value}\" is given a calendar twice", by.field),
            )
            .label("given again")
            .related(first.span, "first given here")
            .help("give each value one calendar (values are compared ignoring case and spaces around them)"),
        );
        return true;
    }
    by.calendars.push(ClockChoice { value, calendar, span });
    true
}
