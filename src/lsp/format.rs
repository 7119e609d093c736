//! `textDocument/formatting`, through `slac fmt`.

use crate::fmt::{FmtError, format_source};

/// The buffer in `slac fmt`'s layout, or why it cannot be formatted (the
/// editor shows the reason; the buffer is left as it is).
pub fn format_document(text: &str) -> Result<String, String> {
    format_source(text).map_err(|e| match e {
        FmtError::Syntax(_) => "slac fmt formats only a file that parses: fix the errors it shows first".to_owned(),
        FmtError::Unsafe(why) => format!("slac fmt could not format this file safely ({why}); it was left as it is"),
    })
}
