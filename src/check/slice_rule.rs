//! `slice clock hour down over 6min no charge`: the period cut into slices
//! on the local clock, each bad when its down minutes pass a threshold.

use super::Diags;
use super::cursor::Cursor;
use crate::diag::{Code, Diagnostic};
use crate::ir::{SliceRule, SliceSize};
use crate::source::Span;

const EXAMPLE: &str = "slice clock hour down over 6min no charge";

/// Slice lengths, in minutes, that fit a clock hour a whole number of times,
/// so every slice starts on the local hour or a fixed mark after it.
const DIVIDES_AN_HOUR: [i64; 12] = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60];

pub(super) fn slice_rule(a: &mut Cursor<'_>, d: &mut Diags) -> Option<SliceRule> {
    let size = size(a, d)?;
    a.expect_word("down", EXAMPLE, d);
    a.expect_word("over", EXAMPLE, d);
    let (over, span) = a.expect_duration("the down minutes a slice may have before it is bad", d)?;
    if over.0 % 60 != 0 {
        d.push(
            Diagnostic::error(Code::UnitMismatch, span, "a slice's down time is counted in whole minutes")
                .label("not whole minutes")
                .help("write the threshold in minutes, as the agreement does: `down over 6min`"),
        );
        return None;
    }
    let over_minutes = over.0 / 60;
    let longest = match size {
        SliceSize::Minutes(n) => i64::from(n),
        // The shortest local day (a spring-forward day) has 23 hours.
        SliceSize::Day => 23 * 60,
    };
    if over_minutes >= longest {
        d.push(
            Diagnostic::error(
                Code::UnitMismatch,
                span,
                format!("no {} can be down over {over_minutes}min", size.text()),
            )
            .label("as long as the slice or longer")
            .help(format!("the threshold must be shorter than the slice ({longest}min), e.g. `down over 6min`")),
        );
        return None;
    }
    let no_charge = a.eat_word("no") && a.expect_word("charge", EXAMPLE, d);
    Some(SliceRule { size, over_minutes, no_charge })
}

/// `clock hour`, `hour`, `day`, `minute`, or a length such as `5 minutes`
/// that divides an hour.
fn size(a: &mut Cursor<'_>, d: &mut Diags) -> Option<SliceSize> {
    let clock = a.eat_word("clock");
    if a.eat_word("hour") {
        return Some(SliceSize::Minutes(60));
    }
    if a.eat_word("day") {
        return Some(SliceSize::Day);
    }
    if !clock && a.eat_word("minute") {
        return Some(SliceSize::Minutes(1));
    }
    let (len, span) = a.expect_duration("the length of a slice: `clock hour`, `day`, `5 minutes`", d)?;
    match u32::try_from(len.0 / 60) {
        Ok(n) if len.0 % 60 == 0 && DIVIDES_AN_HOUR.contains(&i64::from(n)) => Some(SliceSize::Minutes(n)),
        _ => {
            not_a_slice(d, span);
            None
        }
    }
}

fn not_a_slice(d: &mut Diags, span: Span) {
    d.push(
        Diagnostic::error(
            Code::UnitMismatch,
            span,
            "a slice must fit a clock hour a whole number of times, or be a day",
        )
        .label("not a slice length")
        .help("write `clock hour`, `day`, `minute` or a length that divides an hour: `5 minutes`, `15min`"),
    );
}

#[cfg(test)]
mod tests {
    use crate::ir::{SliceRule, SliceSize};

    fn read(line: &str) -> Result<Option<SliceRule>, Vec<String>> {
        let text = format!(
            "contract \"t\" {{\n timezone \"UTC\"\n currency CNY\n service vm \"VM\"\n availability vm {{\n  target 99.9%\n  {line}\n }}\n}}\n"
        );
        let c = crate::driver::compile_source("t.sla", &text);
        if !c.diags.is_empty() {
            return Err(c.diags.iter().map(|d| d.message.clone()).collect());
        }
        Ok(c.contract.expect("a contract").availability[0].slices)
    }

    fn rule(size: SliceSize, over_minutes: i64, no_charge: bool) -> Option<SliceRule> {
        Some(SliceRule { size, over_minutes, no_charge })
    }

    #[test]
    fn sizes_read() {
        assert_eq!(read("slice clock hour down over 6min no charge"), Ok(rule(SliceSize::Minutes(60), 6, true)));
        assert_eq!(read("slice hour down over 6min"), Ok(rule(SliceSize::Minutes(60), 6, false)));
        assert_eq!(read("slice day down over 1h"), Ok(rule(SliceSize::Day, 60, false)));
        assert_eq!(read("slice minute down over 0min"), Ok(rule(SliceSize::Minutes(1), 0, false)));
        assert_eq!(read("slice 5 minutes down over 1min"), Ok(rule(SliceSize::Minutes(5), 1, false)));
        assert_eq!(read("slice 15min down over 2min no charge"), Ok(rule(SliceSize::Minutes(15), 2, true)));
        assert_eq!(read("slice 1h down over 2min"), Ok(rule(SliceSize::Minutes(60), 2, false)));
    }

    #[test]
    fn lengths_that_do_not_fit_an_hour_are_refused() {
        let msg = "a slice must fit a clock hour a whole number of times, or be a day";
        assert_eq!(read("slice 7min down over 1min"), Err(vec![msg.to_owned()]));
        assert_eq!(read("slice 2h down over 1min"), Err(vec![msg.to_owned()]));
        assert_eq!(read("slice 90s down over 1min"), Err(vec![msg.to_owned()]));
    }

    #[test]
    fn thresholds_are_whole_minutes_shorter_than_the_slice() {
        assert_eq!(
            read("slice clock hour down over 90s"),
            Err(vec!["a slice's down time is counted in whole minutes".into()])
        );
        assert_eq!(read("slice clock hour down over 60min"), Err(vec!["no clock hour can be down over 60min".into()]));
        assert_eq!(read("slice 5 minutes down over 5min"), Err(vec!["no 5 minutes can be down over 5min".into()]));
        assert_eq!(read("slice day down over 23h"), Err(vec!["no day can be down over 1380min".into()]));
    }

    #[test]
    fn a_wrong_remedy_word_is_an_error() {
        let e = read("slice clock hour down over 6min no fee").unwrap_err();
        assert_eq!(e, ["expected `charge`, found `fee`"]);
    }
}
