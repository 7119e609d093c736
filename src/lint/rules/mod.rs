//! One lint rule per file. Each file holds a `pub static RULE` (code, name,
//! category, default level, docs with an example and its fix) and the
//! rule's logic; `registry::RULES` lists them.

pub mod allowance_without_reason;
mod bands;
pub mod budget_claim_mismatch;
pub mod credit_band_above_target;
pub mod credit_band_gap;
pub mod credit_band_overlap;
pub mod credit_without_basis;
pub mod credit_without_cap;
pub mod credit_without_claim_window;
pub mod day_limit_on_business_calendar;
pub mod durability_claim_mismatch;
pub mod escalation_above_limit;
pub mod escalation_clock_unstated;
pub mod example_without_expectation;
pub mod holidays_not_covering_term;
pub mod maintenance_without_notice;
pub mod missing_citation;
pub mod missing_exclusions;
pub mod missing_standard_exclusion;
pub mod ola_not_stricter;
pub mod overlapping_overrides;
pub mod override_outside_term;
pub mod response_after_resolution;
pub mod silent_default;
pub mod tiers_not_monotone;
pub mod unknown_rule;
pub mod unmeasurable_objective;
pub mod unused_allowance;
pub mod unused_definition;
