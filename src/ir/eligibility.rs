//! Eligibility: a promise that covers a deployment only when a condition
//! on the customer's instances holds (`covers when zones at least 2`).

use super::values::Citation;
use crate::source::Span;
use serde::{Deserialize, Serialize};

/// One `covers when ...` line of an availability promise. Every line must
/// hold for a series to be covered.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Eligibility {
    pub condition: Condition,
    pub span: Span,
    pub citation: Option<Citation>,
}

/// What the inventory must show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Condition {
    /// The service's instances that ran in the period are deployed across
    /// at least this many zones ("across two or more Availability Zones").
    Zones { at_least: u32 },
    /// The instance's availability set held at least this many instances
    /// that ran in the period ("two or more instances in the same
    /// Availability Set"); for the service as a whole, every instance's.
    SetSize { at_least: u32 },
    /// The instance's storage is of this kind ("premium storage for all
    /// disks"); for the service as a whole, every instance's.
    Storage { storage: String },
}

impl Condition {
    /// The condition as the contract writes it, for the report.
    pub fn text(&self) -> String {
        match self {
            Condition::Zones { at_least } => format!("zones at least {at_least}"),
            Condition::SetSize { at_least } => format!("set size at least {at_least}"),
            Condition::Storage { storage } => format!("storage {storage}"),
        }
    }
}
