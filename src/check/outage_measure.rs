//! `outages by duration over 60s` / `outages by minute grid`: how an
//! outage's minutes are counted.

use super::Diags;
use super::cursor::Cursor;
use crate::diag::{Code, Diagnostic};
use crate::ir::OutageMeasure;

const EXAMPLE: &str = "outages by duration over 60s";

pub(super) fn outages(a: &mut Cursor<'_>, d: &mut Diags) -> Option<OutageMeasure> {
    a.expect_word("by", EXAMPLE, d);
    match a.expect_one_of(&["duration", "minute"], EXAMPLE, d)? {
        "minute" => {
            a.expect_word("grid", "outages by minute grid", d);
            Some(OutageMeasure::MinuteGrid)
        }
        _ => {
            if !a.eat_word("over") {
                return Some(OutageMeasure::Duration { over: None });
            }
            let (over, span) = a.expect_duration("the length an outage must pass to count", d)?;
            if over.0 <= 0 {
                d.push(
                    Diagnostic::error(Code::ZeroLimit, span, "every outage is longer than 0s")
                        .label("zero length")
                        .help(
                            "leave `over ...` out to count every outage, or write the agreement's length: `over 60s`",
                        ),
                );
                return None;
            }
            Some(OutageMeasure::Duration { over: Some(over) })
        }
    }
}
