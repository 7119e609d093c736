//! Exclusions and maintenance: what does not count against a promise.

use super::values::{Citation, MinuteOfDay, Seconds};
use crate::source::Span;
use chrono::Weekday;
use serde::{Deserialize, Serialize};

/// The standard exclusion categories. An incident's `cause` names one of
/// these (or a custom category) by its id.
pub const STANDARD_CATEGORIES: &[(&str, &str)] = &[
    ("maintenance", "maintenance of any kind, planned or emergency"),
    ("planned_maintenance", "planned maintenance"),
    ("emergency_maintenance", "emergency maintenance"),
    ("force_majeure", "force majeure: natural disaster, war, government action"),
    ("third_party", "a third party's service, network or equipment"),
    ("carrier_network", "a telecom carrier's network fault"),
    ("customer", "the customer's own fault, misuse or negligence"),
    ("attack", "a hacker attack on the customer's application or data"),
    ("bad_input", "wrong input, instructions or parameters"),
    ("customer_request", "work done at the customer's request"),
    ("other", "any other cause outside the provider's control"),
];

/// Is this the id of a category that concerns maintenance records rather
/// than incident causes?
pub fn is_maintenance_category(id: &str) -> bool {
    matches!(id, "maintenance" | "planned_maintenance" | "emergency_maintenance")
}

/// One exclusion (`force_majeure "不可抗力..."`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exclusion {
    /// The category id: a standard one or a custom one.
    pub category: String,
    pub custom: bool,
    pub description: Option<String>,
    /// Further `cause` labels in exports that mean this category.
    pub labels: Vec<String>,
    /// For maintenance categories: the notice a record needs to be excluded.
    /// `None`: the contract's maintenance policy decides (or, failing that,
    /// notice 0: announced no later than it started).
    pub notice: Option<Seconds>,
    /// For maintenance: the record must fall inside this window.
    pub within_window: Option<String>,
    pub span: Span,
    pub citation: Option<Citation>,
}

impl Exclusion {
    pub fn matches_cause(&self, cause: &str) -> bool {
        let cause = cause.trim();
        self.category == cause || self.labels.iter().any(|l| l == cause)
    }
}

/// The contract's maintenance policy: windows and notice periods.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaintenancePolicy {
    pub windows: Vec<MaintenanceWindow>,
    pub planned_notice: Option<Notice>,
    pub emergency_notice: Option<Notice>,
    /// Planned work must happen inside a window.
    pub planned_within_window: Option<String>,
    /// The customer is told the service is back within this time.
    pub recovery_notice: Option<Notice>,
    pub span: Option<Span>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Notice {
    pub seconds: Seconds,
    pub span: Span,
    pub citation: Option<Citation>,
}

/// A recurring maintenance window (`window sunday2 = 2nd sun 02:00-06:00`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MaintenanceWindow {
    pub id: String,
    pub recurrence: Recurrence,
    pub start: MinuteOfDay,
    pub end: MinuteOfDay,
    pub span: Span,
    pub citation: Option<Citation>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Recurrence {
    /// Every given weekday.
    Weekly { days: Vec<SerWeekday> },
    /// The n-th (1..=5, or -1 for last) given weekday of each month.
    MonthlyNth { nth: i8, day: SerWeekday },
    /// Every day.
    Daily,
}

/// A weekday that serialises as `mon`..`sun`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SerWeekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl SerWeekday {
    pub fn from_index(i: usize) -> SerWeekday {
        [
            SerWeekday::Mon,
            SerWeekday::Tue,
            SerWeekday::Wed,
            SerWeekday::Thu,
            SerWeekday::Fri,
            SerWeekday::Sat,
            SerWeekday::Sun,
        ][i % 7]
    }

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn chrono(self) -> Weekday {
        match self {
            SerWeekday::Mon => Weekday::Mon,
            SerWeekday::Tue => Weekday::Tue,
            SerWeekday::Wed => Weekday::Wed,
            SerWeekday::Thu => Weekday::Thu,
            SerWeekday::Fri => Weekday::Fri,
            SerWeekday::Sat => Weekday::Sat,
            SerWeekday::Sun => Weekday::Sun,
        }
    }
}
