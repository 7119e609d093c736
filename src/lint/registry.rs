//! The one list of lint rules, and what a rule is.
//!
//! A rule lives in its own file under `rules/`, holding a `pub static RULE`
//! with its code, name, category, default level, docs and logic. Adding a
//! rule means writing that file and adding one line to [`RULES`]; the docs
//! (`docs/lints.md`, `slac explain`) and the tests pick it up from here.

use super::rules;
use super::{Context, Finding};
use std::fmt;

/// What kind of problem a rule finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Something the contract leaves unsaid that a reader or the evaluator
    /// needs.
    Completeness,
    /// Something the contract says that cannot be right.
    Correctness,
    /// Something that is probably a mistake, though it can be meant.
    Suspicious,
    /// How the file is written: unused names, allowances.
    Style,
}

impl Category {
    pub const ALL: [Category; 4] =
        [Category::Completeness, Category::Correctness, Category::Suspicious, Category::Style];

    pub fn name(self) -> &'static str {
        match self {
            Category::Completeness => "completeness",
            Category::Correctness => "correctness",
            Category::Suspicious => "suspicious",
            Category::Style => "style",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            Category::Completeness => "something the contract leaves unsaid that a reader or the evaluator needs",
            Category::Correctness => "something the contract says that cannot be right",
            Category::Suspicious => "something that is probably a mistake, though it can be meant",
            Category::Style => "how the file is written: unused names and allowances",
        }
    }
}

/// How loudly a rule's findings are reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Not reported (`allow`).
    Off,
    /// A warning: shown, but `slac check` still exits 0 (`warn`).
    Warning,
    /// An error: `slac check` exits 1 (`deny`).
    Error,
}

impl Level {
    /// `allow`/`off`, `warn`/`warning`, `deny`/`error`.
    pub fn parse(word: &str) -> Option<Level> {
        match word {
            "allow" | "off" => Some(Level::Off),
            "warn" | "warning" => Some(Level::Warning),
            "deny" | "error" => Some(Level::Error),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }

    /// The word an attribute or `slac.toml` uses for it.
    pub fn attribute(self) -> &'static str {
        match self {
            Level::Off => "allow",
            Level::Warning => "warn",
            Level::Error => "deny",
        }
    }
}

impl From<crate::ir::LintLevel> for Level {
    fn from(l: crate::ir::LintLevel) -> Level {
        match l {
            crate::ir::LintLevel::Allow => Level::Off,
            crate::ir::LintLevel::Warn => Level::Warning,
            crate::ir::LintLevel::Deny => Level::Error,
        }
    }
}

/// The logic of a rule: look at the contract, push findings.
pub type Check = fn(&Context<'_>, &mut Vec<Finding>);

/// One lint rule: identity, docs and logic.
pub struct Rule {
    /// `L101`: stable, never reused.
    pub code: &'static str,
    /// `missing-exclusions`: kebab-case, named for the bad pattern so that
    /// "allow missing-exclusions" reads naturally.
    pub name: &'static str,
    pub category: Category,
    pub default_level: Level,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// What it finds, in a paragraph.
    pub what: &'static str,
    /// Why that matters.
    pub why: &'static str,
    /// A whole contract on which the rule fires (run by a test).
    pub example: &'static str,
    /// How to fix it, in words.
    pub fix: &'static str,
    /// The example, fixed: the rule stays silent on it (run by a test).
    pub fixed: &'static str,
    /// For a rule that compares two contracts: the customer contract its
    /// example and fix underpin (checked together with them).
    pub peer_example: Option<&'static str>,
    pub check: Check,
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({})", self.code, self.name)
    }
}

/// Every rule, ordered by code.
pub static RULES: &[&Rule] = &[
    &rules::missing_exclusions::RULE,
    &rules::missing_standard_exclusion::RULE,
    &rules::maintenance_without_notice::RULE,
    &rules::credit_without_cap::RULE,
    &rules::credit_without_claim_window::RULE,
    &rules::credit_without_basis::RULE,
    &rules::silent_default::RULE,
    &rules::unmeasurable_objective::RULE,
    &rules::example_without_expectation::RULE,
    &rules::tiers_not_monotone::RULE,
    &rules::response_after_resolution::RULE,
    &rules::credit_band_gap::RULE,
    &rules::credit_band_overlap::RULE,
    &rules::credit_band_above_target::RULE,
    &rules::budget_claim_mismatch::RULE,
    &rules::durability_claim_mismatch::RULE,
    &rules::holidays_not_covering_term::RULE,
    &rules::ola_not_stricter::RULE,
    &rules::override_outside_term::RULE,
    &rules::escalation_above_limit::RULE,
    &rules::overlapping_overrides::RULE,
    &rules::escalation_clock_unstated::RULE,
    &rules::day_limit_on_business_calendar::RULE,
    &rules::unused_definition::RULE,
    &rules::unused_allowance::RULE,
    &rules::unknown_rule::RULE,
    &rules::allowance_without_reason::RULE,
    &rules::missing_citation::RULE,
];

/// A rule by its code (`L101`, any case) or its name (`missing-exclusions`;
/// `missing_exclusions` is accepted too).
pub fn find(key: &str) -> Option<&'static Rule> {
    let key = key.trim();
    let dashed = key.replace('_', "-");
    RULES.iter().copied().find(|r| r.code.eq_ignore_ascii_case(key) || r.name == dashed)
}

/// The closest rule name, for "did you mean" help.
pub fn suggest(key: &str) -> Option<&'static str> {
    crate::diag::suggest::closest(key, RULES.iter().map(|r| r.name))
}
