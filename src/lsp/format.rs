//! `textDocument/formatting`, through `slac fmt`.

/// The formatted text of a buffer, or `None` when it cannot be formatted.
// FMT: wire `crate::fmt::format_source(text).ok()` here once `slac fmt`
// is merged; the server answers with a clear error while this is `None`.
pub fn format_document(_text: &str) -> Option<String> {
    None
}

/// What the server answers when [`format_document`] gives nothing.
pub const NOT_SUPPORTED: &str = "formatting is not supported yet: this build of slac has no `slac fmt`";
