//! The report of an evaluation and its renderings: `table` for a terminal,
//! `markdown` for a ticket or letter, `csv` for a spreadsheet, `html` a page with charts, and JSON (the
//! serde model itself, documented in `docs/report.md`).

pub mod csv_out;
pub mod html;
pub mod incidents;
pub mod json_out;
pub mod markdown;
pub mod model;
mod sections;
pub mod status;
pub mod table;
pub mod text;

pub use incidents::IncidentList;
pub use model::*;
pub use status::{ClockKind, ClockStatus, DurabilityStatus, ObjectiveStatus, PeriodStatus, UpdatesStatus};

/// The report as pretty JSON with exact numbers as strings.
pub fn json(r: &Report) -> String {
    let mut s = serde_json::to_string_pretty(r).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}
