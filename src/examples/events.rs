//! The inputs an example may write inline, once: the word that opens the
//! text in the `.sla`, where the request takes the file, and the reader
//! that checks the text when the contract is compiled. The checker, the
//! check of the text and the runner all read [`EVENT_INPUTS`], so one more
//! kind of input is one more line here.

use crate::events::{self, EventError, ReadOptions, ReadSummary};
use crate::inputs::Request;
use std::path::PathBuf;

/// One kind of event input an example may hold.
pub struct EventInput {
    /// The word the example writes before the text: `incidents`.
    pub keyword: &'static str,
    /// Hands the request the (in-memory) file.
    pub give: fn(&mut Request, PathBuf),
    /// Reads the text with slac's own reader, keeping nothing: a bad row is
    /// an error in the contract.
    pub read: fn(&[u8], &str, &ReadOptions) -> Result<ReadSummary, EventError>,
}

/// Every input an example may write, in the order `docs/inputs.md` gives
/// them.
pub const EVENT_INPUTS: &[EventInput] = &[
    EventInput {
        keyword: "incidents",
        give: |r, p| r.incidents = Some(p),
        read: |t, n, o| events::read_incidents(t, n, o, keep_nothing),
    },
    EventInput {
        keyword: "maintenance",
        give: |r, p| r.maintenance = Some(p),
        read: |t, n, o| events::read_maintenance(t, n, o, keep_nothing),
    },
    EventInput {
        keyword: "probes",
        give: |r, p| r.probes = Some(p),
        read: |t, n, o| events::read_probes(t, n, o, keep_nothing),
    },
    EventInput {
        keyword: "usage",
        give: |r, p| r.usage = Some(p),
        read: |t, n, o| events::read_usage(t, n, o, keep_nothing),
    },
    EventInput {
        keyword: "metrics",
        give: |r, p| r.metrics = Some(p),
        read: |t, n, o| events::read_metrics(t, n, o, keep_nothing),
    },
    EventInput {
        keyword: "inventory",
        give: |r, p| r.inventory = Some(p),
        read: |t, n, o| events::read_inventory(t, n, o, keep_nothing),
    },
    EventInput {
        keyword: "status_changes",
        give: |r, p| r.status_changes = Some(p),
        read: |t, n, o| events::read_status_changes(t, n, o, keep_nothing),
    },
    EventInput {
        keyword: "updates",
        give: |r, p| r.updates = Some(p),
        read: |t, n, o| events::read_updates(t, n, o, keep_nothing),
    },
];

/// The input a word opens, if it opens one.
pub fn find(keyword: &str) -> Option<&'static EventInput> {
    EVENT_INPUTS.iter().find(|i| i.keyword == keyword)
}

/// The formats an example's text may be written in; the first is the
/// default.
pub const FORMATS: &[&str] = &["csv", "json", "ndjson"];

fn keep_nothing<T>(_: T) -> Result<(), EventError> {
    Ok(())
}
