//! Every compiler error code, in one place.
//!
//! Codes are assigned by an exhaustive match, so no error is without a code
//! and no code is used for two things. `docs/diagnostics.md` lists them and a
//! test keeps it in step with this file.

use super::Severity;

macro_rules! codes {
    ($($variant:ident => $code:literal, $summary:literal;)*) => {
        /// A compiler diagnostic code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Code {
            $($variant,)*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable code users search for: `slac::type::unit_mismatch`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)*
                }
            }

            /// One line on what the code means, for the docs.
            pub fn summary(self) -> &'static str {
                match self {
                    $(Code::$variant => $summary,)*
                }
            }
        }
    };
}

codes! {
    // The shape of the file.
    UnexpectedCharacter => "slac::syntax::unexpected_character", "a character that cannot start any value";
    UnterminatedString => "slac::syntax::unterminated_string", "a string with no closing quote";
    UnclosedBlock => "slac::syntax::unclosed_block", "a `{` with no matching `}`";
    UnexpectedBrace => "slac::syntax::unexpected_brace", "a `}` with no block to close";
    MalformedAttribute => "slac::syntax::malformed_attribute", "an attribute that is not `#[level(rule, reason = \"...\")]`";
    MalformedCitation => "slac::syntax::malformed_citation", "a `§` with no section after it";
    InvalidSyntax => "slac::syntax::invalid", "text that does not fit the statement grammar";
    UnknownStatement => "slac::syntax::unknown_statement", "a keyword that does not belong where it is written";
    UnexpectedValue => "slac::syntax::unexpected_value", "a value left over after a statement was complete";
    ExpectedKeyword => "slac::syntax::expected_keyword", "a required word of a statement is missing";
    ExpectedBlock => "slac::syntax::expected_block", "a statement that needs a `{ ... }` block has none";
    UnexpectedBlock => "slac::syntax::unexpected_block", "a block after a statement that takes none";
    ExpectedDuration => "slac::syntax::expected_duration", "a duration such as `15min` is needed";
    ExpectedPercentage => "slac::syntax::expected_percentage", "a percentage such as `99.95%` is needed";
    ExpectedMoney => "slac::syntax::expected_money", "an amount such as `CNY 12000.00` is needed";
    ExpectedDate => "slac::syntax::expected_date", "a date such as `2025-06-18` is needed";
    ExpectedDateRange => "slac::syntax::expected_date_range", "a date range such as `2025-11-01..2025-11-12` is needed";
    ExpectedTimeRange => "slac::syntax::expected_time_range", "hours such as `09:00-18:00` are needed";
    ExpectedString => "slac::syntax::expected_string", "a quoted text is needed";
    ExpectedIdentifier => "slac::syntax::expected_identifier", "a name such as `esign` is needed";
    ExpectedNumber => "slac::syntax::expected_number", "a plain number is needed";
    ExpectedInterval => "slac::syntax::expected_interval", "an interval such as `[99.00%, 99.80%)` is needed";
    ExpectedPeriod => "slac::syntax::expected_period", "`month`, `quarter` or `year` is needed";
    UnknownUnit => "slac::syntax::unknown_unit", "a number carries a unit slac does not know";
    NumberTooLarge => "slac::syntax::number_too_large", "a number with more digits than can be held exactly";
    // Names.
    UnknownCalendar => "slac::resolve::unknown_calendar", "a calendar name that is not declared";
    UnknownService => "slac::resolve::unknown_service", "a service name that is not declared";
    UnknownTier => "slac::resolve::unknown_tier", "a tier name that is not declared";
    UnknownExclusion => "slac::resolve::unknown_exclusion", "an exclusion category that is neither standard nor declared";
    UnknownHolidaySet => "slac::resolve::unknown_holiday_set", "a holiday set that is neither built in nor declared";
    UnknownChannel => "slac::resolve::unknown_channel", "a support channel that is not declared";
    UnknownWindow => "slac::resolve::unknown_window", "a maintenance window that is not declared";
    AmbiguousService => "slac::resolve::ambiguous_service", "a clause that must name its service because there are several";
    DuplicateId => "slac::resolve::duplicate_id", "two declarations of the same kind with one name";
    DuplicateField => "slac::resolve::duplicate_field", "a field written twice in one clause";
    DuplicateLabel => "slac::resolve::duplicate_label", "one severity label claimed by two tiers";
    DuplicateStatus => "slac::resolve::duplicate_status", "one status listed twice for the same pausing clock";
    ImportNotFound => "slac::resolve::import_not_found", "an imported file that cannot be read";
    ImportCycle => "slac::resolve::import_cycle", "files that import each other in a cycle";
    HolidayCycle => "slac::resolve::holiday_cycle", "holiday sets that extend each other in a cycle";
    UnknownExpectation => "slac::resolve::unknown_expectation", "an example's `expect` line about a period, credit or penalty the contract does not have, or an incident its events lack";
    // Types and values.
    UnitMismatch => "slac::type::unit_mismatch", "a value of the wrong kind or unit";
    PercentOutOfRange => "slac::type::percent_out_of_range", "a percentage below 0% or above 100%";
    InvalidDate => "slac::type::invalid_date", "a date that does not exist";
    InvalidTime => "slac::type::invalid_time", "a time of day that does not exist";
    InvertedTimeRange => "slac::type::inverted_time_range", "hours whose end is not after their start";
    OverlappingHours => "slac::type::overlapping_hours", "open hours that overlap on the same day";
    InvertedDateRange => "slac::type::inverted_date_range", "a date range that ends before it starts";
    InvertedInterval => "slac::type::inverted_interval", "an interval whose low end is above its high end";
    UnknownTimezone => "slac::type::unknown_timezone", "a time zone that is not in the IANA database";
    UnknownCurrency => "slac::type::unknown_currency", "a currency that is not an ISO 4217 code";
    CurrencyMismatch => "slac::type::currency_mismatch", "an amount in a currency other than the contract's";
    ZeroLimit => "slac::type::zero_limit", "a time limit, notice or target of zero";
    EmptyCalendar => "slac::type::empty_calendar", "a calendar with no open hours at all";
    UnknownWeekday => "slac::type::unknown_weekday", "a weekday name slac does not know";
    UnknownFormula => "slac::type::unknown_formula", "an availability formula that is neither supported form";
    InvalidOrdinal => "slac::type::invalid_ordinal", "an ordinal such as `5th` that is out of range";
    InvalidThreshold => "slac::type::invalid_threshold", "an escalation threshold of 0% or less";
    TooLargeToCompute => "slac::type::too_large", "an amount or multiple too large to compute with exactly";
    // The contract as a whole.
    MissingField => "slac::check::missing_field", "a clause lacks a field it cannot do without";
    MissingContract => "slac::check::missing_contract", "a file to check holds no `contract` block";
    MultipleContracts => "slac::check::multiple_contracts", "a file holds more than one `contract` block";
    EmptyFile => "slac::check::empty_file", "a file that declares nothing: empty, or only blanks and comments";
    NotAmendable => "slac::check::not_amendable", "a clause an amendment cannot change (a declaration or a header field)";
    DuplicateAmendment => "slac::check::duplicate_amendment", "two amendments with one name or one effective date";
    AmendmentOutsideTerm => "slac::check::amendment_outside_term", "an amendment effective on or before the term's first day, or after its end";
    ConflictingFields => "slac::check::conflicting_fields", "a field that another field or the service's measurement would make meaningless";
    ExampleEvents => "slac::check::example_events", "an example's events that slac's reader refuses: a bad header, row or field";
    // Files.
    ReadFailed => "slac::io::read_failed", "a file could not be read";
    // Compiling to SQL.
    SqlUnsupported => "slac::sql::unsupported", "a clause `slac compile --emit sql` cannot express yet";
}

impl Code {
    /// Every compiler code is an error; warnings come from the linter.
    pub fn severity(self) -> Severity {
        Severity::Error
    }
}

/// `docs/diagnostics.md`: every code with what it means, grouped by stage.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Compiler diagnostics\n\n\
         Every error `slac check` and `slac compile` report has a stable code. \
         Lint findings have codes of their own (`L101` ...), listed in `docs/lints.md`. \
         This file is generated from `src/diag/codes.rs`; a test fails when it is stale \
         (regenerate with `SLAC_BLESS=1 cargo test diagnostics_doc`).\n\n\
         ## Which findings are errors\n\n\
         Every code below is an error. A lint finding is an error when its rule's level is \
         `error`: by default (the Default column of `docs/lints.md`), or raised by `slac.toml`, \
         an attribute in the file, or `slac check --deny`. Everything else is a warning or a note.\n\n\
         One notion of error holds for every command. `slac compile` and `slac eval` compile and \
         lint a contract exactly as `slac check` does (the `slac.toml` above the file and the \
         file's attributes included; they take no `--deny`/`--allow` flags), and refuse a \
         contract with an error, printing the diagnostics `check` would print:\n\n\
         | command | a contract with an error |\n|---|---|\n\
         | `slac check` | all diagnostics are printed; exit 1 |\n\
         | `slac compile` | all diagnostics on standard error, no IR; exit 1 |\n\
         | `slac eval` | all diagnostics on standard error, no report; exit 2 (bad input) |\n\n\
         A file that cannot be read exits 2 in every command.\n",
    );
    for (stage, title) in STAGES {
        out.push_str(&format!("\n## {title}\n\n| code | meaning |\n|---|---|\n"));
        for code in Code::ALL.iter().filter(|c| c.as_str().split("::").nth(1) == Some(stage)) {
            out.push_str(&format!("| [`{}`](#{}) | {} |\n", code.as_str(), anchor(*code), code.summary()));
        }
    }
    out.push_str(
        "\n## Every code\n\n`slac explain CODE` prints each of these pages, with what `slac check` reports \
         for the example.\n",
    );
    for code in Code::ALL {
        out.push_str(&doc_page(*code));
    }
    out
}

/// The stages, as the codes' middle part names them, with their titles.
const STAGES: [(&str, &str); 6] = [
    ("syntax", "The shape of the file"),
    ("resolve", "Names"),
    ("type", "Types and values"),
    ("check", "The contract as a whole"),
    ("io", "Files"),
    ("sql", "Compiling to SQL"),
];

/// The title of the stage a code belongs to: "Types and values".
pub fn stage_title(code: Code) -> &'static str {
    let stage = code.as_str().split("::").nth(1);
    STAGES.iter().find(|(s, _)| Some(*s) == stage).map_or("", |(_, title)| title)
}

/// The Markdown anchor of a code's heading (GitHub drops the `:`).
fn anchor(code: Code) -> String {
    code.as_str().replace("::", "")
}

/// A code's page in `docs/diagnostics.md`: its texts and example, without
/// the rendered output (`slac explain` shows that).
fn doc_page(code: Code) -> String {
    use super::explain::{Example, page};
    let Some(p) = page(code) else { return format!("\n### {}\n\n{}.\n", code.as_str(), code.summary()) };
    let example = match p.example {
        Example::Source(text) => format!("```sla\n{text}```"),
        Example::Command { command, setup } => format!("From the files around a contract: `{command}`, {setup}."),
    };
    let summary = code.summary();
    let mut first = summary.chars();
    let summary: String = first.next().map(|c| c.to_uppercase().chain(first).collect()).unwrap_or_default();
    format!(
        "\n### {}\n\n{summary} ({}). {}\n\n{example}\n\nFix: {}\n",
        code.as_str(),
        stage_title(code).to_lowercase(),
        p.why,
        p.fix
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn diagnostics_doc_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/diagnostics.md");
        let want = markdown();
        if std::env::var_os("SLAC_BLESS").is_some() {
            std::fs::write(path, &want).unwrap();
        }
        let have = std::fs::read_to_string(path).unwrap_or_default();
        assert!(have == want, "docs/diagnostics.md is stale: run `SLAC_BLESS=1 cargo test diagnostics_doc`");
    }

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = HashSet::new();
        for code in Code::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "{s} is used twice");
            assert!(s.starts_with("slac::"), "{s}");
            assert_eq!(s.split("::").count(), 3, "{s}");
            assert!(!code.summary().is_empty());
        }
    }
}
