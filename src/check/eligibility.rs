//! `covers when ...`: the conditions under which an availability promise
//! covers a deployment (read from the inventory at evaluation).

use super::cursor::Cursor;
use super::{Diags, citation};
use crate::diag::{Code, Diagnostic};
use crate::ir::{Condition, Eligibility, TotalMinutes};
use crate::syntax::Statement;

const EXAMPLE: &str = "covers when zones at least 2";

/// `covers when zones at least 2`, `covers when set size at least 2`,
/// `covers when storage premium`.
pub(super) fn covers(a: &mut Cursor<'_>, d: &mut Diags, field: &Statement) -> Option<Eligibility> {
    let start = a.here();
    a.expect_word("when", EXAMPLE, d);
    let condition = match a.expect_one_of(&["zones", "set", "storage"], EXAMPLE, d)? {
        "zones" => {
            Condition::Zones { at_least: at_least(a, d, "the number of zones", "covers when zones at least 2")? }
        }
        "set" => {
            a.expect_word("size", "covers when set size at least 2", d);
            let example = "covers when set size at least 2";
            Condition::SetSize { at_least: at_least(a, d, "the number of instances in a set", example)? }
        }
        _ => {
            let (kind, span) = a.expect_ident("the storage kind", "covers when storage premium", d)?;
            if kind == "at" || kind == "is" {
                d.push(
                    Diagnostic::error(Code::UnexpectedValue, span, "a storage condition names the kind of storage")
                        .label("not a kind of storage")
                        .help("write the kind the inventory's `storage` column holds: `covers when storage premium`"),
                );
                a.skip_rest();
                return None;
            }
            Condition::Storage { storage: kind }
        }
    };
    Some(Eligibility { condition, span: start.to(a.here()), citation: citation(field) })
}

/// `total minutes days purchased`, `total minutes while at least 2
/// instances running`: T from the inventory.
pub(super) fn total_minutes(a: &mut Cursor<'_>, d: &mut Diags) -> Option<TotalMinutes> {
    const DAYS: &str = "total minutes days purchased";
    const RUNNING: &str = "total minutes while at least 2 instances running";
    a.expect_word("minutes", DAYS, d);
    match a.expect_one_of(&["days", "while"], DAYS, d)? {
        "days" => {
            a.expect_word("purchased", DAYS, d);
            Some(TotalMinutes::DaysPurchased)
        }
        _ => {
            let n = at_least(a, d, "the number of instances running", RUNNING)?;
            a.expect_one_of(&["instances", "instance"], RUNNING, d);
            a.expect_word("running", RUNNING, d);
            Some(TotalMinutes::WhileRunning { at_least: n })
        }
    }
}

/// `at least N`, N a whole number above zero.
fn at_least(a: &mut Cursor<'_>, d: &mut Diags, what: &str, example: &str) -> Option<u32> {
    a.expect_word("at", example, d);
    a.expect_word("least", example, d);
    a.expect_count(what, example, d).map(|x| x.0)
}
