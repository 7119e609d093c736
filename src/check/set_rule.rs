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

#[cfg(test)]
mod tests {
    use crate::ir::{OutageMeasure, Seconds, SetRule};

    /// The availability promise of a one-service contract with `line` in it,
    /// or the messages of its errors.
    fn read(line: &str) -> Result<crate::ir::Availability, Vec<String>> {
        let text = format!(
            "contract \"t\" {{\n timezone \"UTC\"\n currency CNY\n service vm \"VM\"\n availability vm {{\n  target 99.9%\n  {line}\n }}\n}}\n"
        );
        let c = crate::driver::compile_source("t.sla", &text);
        if !c.diags.is_empty() {
            return Err(c.diags.iter().map(|d| d.message.clone()).collect());
        }
        Ok(c.contract.expect("a contract").availability[0].clone())
    }

    #[test]
    fn both_numbers_read() {
        assert_eq!(read("set down when all instances are down").unwrap().set_down, Some(SetRule::All));
        assert_eq!(read("set down when any instance is down").unwrap().set_down, Some(SetRule::Any));
        assert_eq!(read("set down when all instances").unwrap().set_down, Some(SetRule::All));
    }

    #[test]
    fn a_word_other_than_any_or_all_is_an_error() {
        let e = read("set down when some instances are down").unwrap_err();
        assert_eq!(e, ["expected one of `all`, `any`, found `some`"]);
    }

    #[test]
    fn per_region_reads_and_needs_its_word() {
        assert!(read("per region").unwrap().per_region);
        assert!(!read("partial skipped").unwrap().per_region);
        assert_eq!(read("per zone").unwrap_err(), ["expected `region`, found `zone`"]);
    }

    #[test]
    fn outage_measures_read() {
        let over = |s| Some(OutageMeasure::Duration { over: Some(Seconds(s)) });
        assert_eq!(read("outages by duration over 60s").unwrap().outages, over(60));
        assert_eq!(read("outages by duration").unwrap().outages, Some(OutageMeasure::Duration { over: None }));
        assert_eq!(read("outages by minute grid").unwrap().outages, Some(OutageMeasure::MinuteGrid));
        assert_eq!(read("outages by duration over 0s").unwrap_err(), ["every outage is longer than 0s"]);
    }
}
