//! `set down when all instances are down`: how the instances of a service
//! measured as a whole make it down.

use super::Diags;
use super::cursor::Cursor;
use crate::ir::SetRule;

const EXAMPLE: &str = "set down when all instances are down";

/// `set down when any instance is down` or `set down when all instances are
/// down` (`is`/`are` and the last `down` may be left out).
pub(super) fn set_rule(a: &mut Cursor<'_>, d: &mut Diags) -> Option<SetRule> {
    a.expect_word("down", EXAMPLE, d);
    a.expect_word("when", EXAMPLE, d);
    let rule = match a.expect_one_of(&["all", "any"], EXAMPLE, d)? {
        "all" => SetRule::All,
        _ => SetRule::Any,
    };
    // Either number reads: "any instance is down", "all instances are down".
    if !a.eat_word("instances") {
        a.expect_one_of(&["instance", "instances"], EXAMPLE, d)?;
    }
    if !a.eat_word("are") {
        a.eat_word("is");
    }
    a.eat_word("down");
    Some(rule)
}
