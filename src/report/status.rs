//! Verdicts and kinds of the report as types: evaluation decides on them,
//! and each serialises to the word the JSON report has always carried.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Defines a report enum with its serde word, `as_str` and `Display`.
macro_rules! words {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $word:literal),+ $(,)? } default $default:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $(
                $(#[$vdoc])*
                #[serde(rename = $word)]
                $variant,
            )+
        }

        impl $name {
            /// The word the report uses.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word,)+
                }
            }
        }

        impl Default for $name {
            fn default() -> Self {
                $name::$default
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// So that tests and renderings may compare with the report's word.
        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
    };
}

words! {
    /// An availability period's verdict.
    PeriodStatus {
        Met => "met",
        Missed => "missed",
        /// A partial period the contract skips.
        Skipped => "skipped",
        /// A series the promise's `covers when` does not cover this period.
        NotCovered => "not_covered",
    } default Met
}

words! {
    /// A durability period's verdict.
    DurabilityStatus {
        Met => "met",
        Missed => "missed",
        Skipped => "skipped",
        /// No object counts for the period.
        NoData => "no_data",
    } default Met
}

words! {
    /// A general objective's verdict.
    ObjectiveStatus {
        Met => "met",
        Missed => "missed",
        /// A figure in a unit slac cannot compare: no breach.
        UnitMismatch => "unit_mismatch",
    } default Met
}

words! {
    /// Where one clock of an incident stands.
    ClockStatus {
        /// Stopped within its limit.
        Met => "met",
        /// Past its limit, stopped or running.
        Breached => "breached",
        /// Running, within its limit.
        Open => "open",
        /// Within its limit and paused at as_of: the incident's status is
        /// one the tier's `pause` clause names.
        Paused => "paused",
        /// Its cause is exempt from this clock.
        Exempt => "exempt",
    } default Open
}

words! {
    /// An incident's update cadence.
    UpdatesStatus {
        /// Resolved, and no gap between customer-facing updates was longer
        /// than the cadence.
        Met => "met",
        /// At least one gap was longer than the cadence.
        Missed => "missed",
        /// Still open at as_of, no gap longer than the cadence so far.
        Open => "open",
        /// No update history for the incident in the inputs: nothing to
        /// judge the cadence on. Never counted as met.
        NotMeasured => "not_measured",
    } default NotMeasured
}

words! {
    /// Which clock: the response, the resolution, or an advisory tier's
    /// advice.
    ClockKind {
        Respond => "respond",
        Resolve => "resolve",
        Advise => "advise",
    } default Respond
}
