//! `update every 1h while open, first within 15min` (in a tier or at the
//! top level): the update cadence while an incident is open. Either limit
//! may be business days (`update every 2 business days`).

use super::cursor::Cursor;
use super::{Checker, citation, no_block};
use crate::diag::{Code, Diagnostic};
use crate::ir::{Limit, UpdateCadence};
use crate::syntax::Statement;

const EXAMPLE: &str = "update every 1h while open, first within 15min";

/// A contract-wide `update every ...` clause: the cadence of every tier
/// that states none of its own. Written at most once.
pub fn update_clause(ck: &mut Checker, stmt: &Statement) {
    if let Some(first) = &ck.c.updates {
        ck.d.push(
            Diagnostic::error(Code::DuplicateField, stmt.head_span(), "`update` is written twice in this contract")
                .label("second time")
                .related(first.span, "first written here")
                .help("keep one of them; a tier that needs another cadence says so in its own block"),
        );
        return;
    }
    ck.c.updates = cadence(ck, stmt);
}

/// Reads `update every <duration> [while open] [, first within <duration>]`.
pub fn cadence(ck: &mut Checker, stmt: &Statement) -> Option<UpdateCadence> {
    no_block(&mut ck.d, stmt, "update");
    let mut a = Cursor::after_keyword(stmt);
    if !a.expect_word("every", EXAMPLE, &mut ck.d) {
        a.skip_rest();
        return None;
    }
    let every = positive(ck, &mut a, "the update cadence");
    // `while open` says when the obligation runs; it is the only condition
    // there is, so it may be left out.
    if a.eat_word("while") {
        a.expect_word("open", EXAMPLE, &mut ck.d);
    }
    let mut first = None;
    if a.eat_word("first") && a.expect_word("within", EXAMPLE, &mut ck.d) {
        first = positive(ck, &mut a, "the first-update limit");
    }
    a.finish("update", &mut ck.d);
    Some(UpdateCadence { every: every?, first, span: stmt.head_span(), citation: citation(stmt) })
}

/// A duration above zero, as tier limits are, or a count of business days
/// (`every 2 business days`: Red Hat's ongoing response for severity 4).
fn positive(ck: &mut Checker, a: &mut Cursor<'_>, what: &str) -> Option<Limit> {
    if let Some(days) = super::limit_rules::business_days(ck, a, what) {
        return days;
    }
    let (seconds, span) = a.expect_duration(what, &mut ck.d)?;
    if seconds.0 <= 0 {
        ck.d.push(Diagnostic::error(Code::ZeroLimit, span, format!("{what} is zero")).label("zero limit").help(
            "an update every zero minutes can never be kept; write the cadence the contract promises, such as `1h`",
        ));
        return None;
    }
    Some(Limit::open_time(seconds, span))
}
