//! What T, the minutes a period's ratio is over, is when it is not the
//! calendar period: `total minutes days purchased`, `total minutes while at
//! least 2 instances running`.

use serde::{Deserialize, Serialize};

/// How T is derived from the inventory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum TotalMinutes {
    /// "Days of the service month × 24 × 60, where the first and last
    /// service months are the days purchased": every local day the
    /// instance was purchased on (started to stopped) counts whole.
    DaysPurchased,
    /// "Maximum Available Minutes, from when at least two instances have
    /// been started to when the customer stops them": the minutes in which
    /// at least this many instances ran.
    WhileRunning { at_least: u32 },
}

impl TotalMinutes {
    /// The rule as the contract writes it.
    pub fn text(self) -> String {
        match self {
            TotalMinutes::DaysPurchased => "days purchased".into(),
            TotalMinutes::WhileRunning { at_least } => format!("while at least {at_least} instances running"),
        }
    }
}
