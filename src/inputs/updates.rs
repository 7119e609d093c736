//! The updates file (`--updates`): slac's own rows, or a tool's comment or
//! log history told from its JSON shape (`events::native::comments`).

use super::error::InputError;
use super::files::{Input, is_stdin};
use crate::events::Format;
use crate::events::IncidentUpdate;
use crate::events::limits::MAX_DOCUMENT_BYTES;
use crate::events::native::comments::{self, CommentExport};
use crate::report::{InputKind, InputSummary};
use chrono_tz::Tz;
use std::path::Path;

/// The updates of a tool's export, with the file's summary; `None` when the
/// file is not one (slac's own schema, read as a stream by the caller).
pub(super) fn tool_export(
    path: &Path,
    layout: Option<Format>,
    input: Input<'_>,
    tz: Tz,
    skip_bad_rows: bool,
) -> Result<Option<(Vec<IncidentUpdate>, InputSummary)>, InputError> {
    // Only a JSON document can be a tool's history; standard input cannot
    // be read twice.
    if is_stdin(path) || layout.or_else(|| Format::from_path(path)) != Some(Format::Json) {
        return Ok(None);
    }
    let Some(bytes) = input.read_within(path, "updates", MAX_DOCUMENT_BYTES)? else { return Ok(None) };
    let Ok(doc) = serde_json::from_slice::<serde_json::Value>(&bytes) else { return Ok(None) };
    let Some(tool) = CommentExport::detect(&doc) else { return Ok(None) };
    let name = path.display().to_string();
    let (rows, s) = comments::read(&doc, tool, &name, tz, skip_bad_rows).map_err(InputError::from)?;
    let mut summary = super::summary(InputKind::Updates, &s, Vec::new());
    summary.format = tool.name().to_owned();
    Ok(Some((rows, summary)))
}
