//! Update cadence (`update every 1h while open, first within 15min`): while
//! an incident is open, the customer hears from the provider at least this
//! often.

use super::tier::Limit;
use super::values::Citation;
use crate::source::Span;
use serde::{Deserialize, Serialize};

/// `update every 4h while open, first within 1h`, in a tier or at the top
/// level (for every tier that states none of its own).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateCadence {
    /// The longest a gap between two customer-facing updates may be, on the
    /// tier's clock.
    pub every: Limit,
    /// The longest the first update may take after the opening; `None`:
    /// `every` applies to the first gap too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first: Option<Limit>,
    pub span: Span,
    pub citation: Option<Citation>,
}
