//! The units a number may carry (`15min`, `2mo`, `5th`, `2x`) or be followed
//! by as a word (`15 minutes`): what each one means, in one place.
//!
//! The grammar reads any letters after a number as its unit, so a
//! `ValueKind::Quantity` keeps the text written; [`Unit::of_suffix`] says
//! what that text means, and the checker decides whether it fits where it
//! is written.

/// A unit the language knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    /// Only for measured figures (`objective latency < 200ms`): a limit is
    /// kept in whole seconds.
    Millisecond,
    /// A calendar month: not a fixed number of seconds.
    Month,
    /// A calendar year: not a fixed number of seconds.
    Year,
    /// `1st`, `2nd`, `3rd`, `4th`.
    Ordinal,
    /// `2x`: a multiple of an amount.
    Multiple,
}

/// What a number's unit may be written as, in the order a "did you mean"
/// tries them.
const SUFFIXES: &[(&str, Unit)] = &[
    ("s", Unit::Second),
    ("sec", Unit::Second),
    ("min", Unit::Minute),
    ("h", Unit::Hour),
    ("hr", Unit::Hour),
    ("d", Unit::Day),
    ("w", Unit::Week),
    ("ms", Unit::Millisecond),
    ("mo", Unit::Month),
    ("y", Unit::Year),
    ("st", Unit::Ordinal),
    ("nd", Unit::Ordinal),
    ("rd", Unit::Ordinal),
    ("th", Unit::Ordinal),
    ("x", Unit::Multiple),
];

/// Words that may follow a bare number to make it a duration: `15 minutes`.
const DURATION_WORDS: &[(&str, Unit)] = &[
    ("s", Unit::Second),
    ("sec", Unit::Second),
    ("second", Unit::Second),
    ("seconds", Unit::Second),
    ("min", Unit::Minute),
    ("minute", Unit::Minute),
    ("minutes", Unit::Minute),
    ("h", Unit::Hour),
    ("hr", Unit::Hour),
    ("hour", Unit::Hour),
    ("hours", Unit::Hour),
    ("d", Unit::Day),
    ("day", Unit::Day),
    ("days", Unit::Day),
    ("w", Unit::Week),
    ("week", Unit::Week),
    ("weeks", Unit::Week),
];

impl Unit {
    /// The unit written right after a number (`min` in `15min`).
    pub fn of_suffix(text: &str) -> Option<Unit> {
        SUFFIXES.iter().find(|(s, _)| *s == text).map(|(_, u)| *u)
    }

    /// The unit of a duration written as a word after a number (`minutes`
    /// in `15 minutes`).
    pub fn of_duration_word(word: &str) -> Option<Unit> {
        DURATION_WORDS.iter().find(|(w, _)| *w == word).map(|(_, u)| *u)
    }

    /// Its length in seconds, for the units of a fixed length a limit may
    /// be written in.
    pub fn seconds(self) -> Option<i64> {
        match self {
            Unit::Second => Some(1),
            Unit::Minute => Some(60),
            Unit::Hour => Some(3600),
            Unit::Day => Some(86_400),
            Unit::Week => Some(604_800),
            Unit::Millisecond | Unit::Month | Unit::Year | Unit::Ordinal | Unit::Multiple => None,
        }
    }

    /// The suffixes of a fixed length (`s`, `sec`, `min`, ...), for hints.
    pub fn duration_suffixes() -> impl Iterator<Item = &'static str> {
        SUFFIXES.iter().filter(|(_, u)| u.seconds().is_some()).map(|(s, _)| *s)
    }

    /// The words a duration may be written with after a number, for hints.
    pub fn duration_words() -> impl Iterator<Item = &'static str> {
        DURATION_WORDS.iter().map(|(w, _)| *w)
    }

    /// What a number with this unit is, in a message: "a duration".
    pub fn describe(self) -> &'static str {
        match self {
            Unit::Second | Unit::Minute | Unit::Hour | Unit::Day | Unit::Week | Unit::Millisecond => "a duration",
            Unit::Month | Unit::Year => "a calendar length",
            Unit::Ordinal => "an ordinal",
            Unit::Multiple => "a multiple",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_suffix_and_word_means_one_unit_and_durations_have_their_length() {
        for (text, unit) in SUFFIXES.iter().chain(DURATION_WORDS) {
            assert!(Unit::of_suffix(text) == Some(*unit) || Unit::of_duration_word(text) == Some(*unit));
        }
        // Each duration word means the same as the suffix it spells out.
        for (word, unit) in DURATION_WORDS {
            assert!(unit.seconds().is_some(), "{word}");
        }
        assert_eq!(Unit::of_suffix("min").and_then(Unit::seconds), Some(60));
        assert_eq!(Unit::of_duration_word("weeks").and_then(Unit::seconds), Some(7 * 24 * 3600));
        assert_eq!(Unit::of_suffix("ms").and_then(Unit::seconds), None, "a limit is whole seconds");
        assert_eq!(Unit::of_suffix("mo").and_then(Unit::seconds), None, "months vary in length");
        assert_eq!(Unit::duration_suffixes().collect::<Vec<_>>(), ["s", "sec", "min", "h", "hr", "d", "w"]);
        assert_eq!(Unit::of_suffix("minutes"), None, "a suffix is short");
        assert_eq!(Unit::of_suffix("objects"), None);
    }
}
