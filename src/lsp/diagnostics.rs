//! `slac check`'s diagnostics as the editor shows them: the same code,
//! message, help and related places. A finding in an imported file is
//! shown on the `import` line that brought it in, with its own place
//! related, so it is neither lost nor shown on a line of another file.

use super::analysis::Analysis;
use super::documents::uri_of;
use super::position::{Encoding, LineIndex};
use crate::diag::Severity;
use crate::source::Span;
use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Uri};

/// The diagnostics to publish for the main file of a check.
pub fn for_editor(a: &Analysis, uri: &Uri, enc: Encoding) -> Vec<lsp_types::Diagnostic> {
    let main = a.main_file();
    let text = a.source(main).map(|f| f.text.clone()).unwrap_or_default();
    let index = LineIndex::new(&text);
    let mut out = Vec::new();
    if let Some(message) = &a.config_error {
        out.push(lsp_types::Diagnostic {
            range: index.range(0, 0, enc),
            severity: Some(DiagnosticSeverity::ERROR),
            source: Some("slac".into()),
            message: format!("the lint configuration cannot be used, so this file is not linted: {message}"),
            ..Default::default()
        });
    }
    for d in &a.compilation.diags {
        let (span, prefix) = if d.span.file == main {
            (d.span, String::new())
        } else {
            let name = shown_name(a, d.span.file);
            (import_span(a, d.span).unwrap_or_else(|| Span::new(main, 0, 0)), format!("in {name}: "))
        };
        let mut message = format!("{prefix}{}", d.message);
        if !d.label.is_empty() && !d.message.contains(&d.label) {
            message.push_str(&format!(" ({})", d.label));
        }
        if let Some(help) = &d.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        if let Some(c) = &d.citation {
            message.push_str(&format!("\ncites § {c}"));
        }
        let mut related: Vec<DiagnosticRelatedInformation> = d
            .related
            .iter()
            .filter_map(|r| location(a, r.span, uri, enc).map(|l| (l, r.message.clone())))
            .map(|(location, message)| DiagnosticRelatedInformation { location, message })
            .collect();
        if d.span.file != main
            && let Some(location) = location(a, d.span, uri, enc)
        {
            related.insert(0, DiagnosticRelatedInformation { location, message: d.label.clone() });
        }
        let code = match d.name {
            Some(name) => format!("{} {name}", d.code),
            None => d.code.to_owned(),
        };
        out.push(lsp_types::Diagnostic {
            range: index.range(span.start as usize, span.end as usize, enc),
            severity: Some(severity(d.severity)),
            code: Some(NumberOrString::String(code)),
            source: Some("slac".into()),
            message,
            related_information: (!related.is_empty()).then_some(related),
            ..Default::default()
        });
    }
    out
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Note => DiagnosticSeverity::INFORMATION,
    }
}

/// The path of the `import` in the main file through which `span`'s file
/// was read (directly or through further imports).
fn import_span(a: &Analysis, span: Span) -> Option<Span> {
    let main = a.main_file();
    let mut file = span.file;
    // Walk up: the file that imports `file`, until the main one.
    for _ in 0..a.compilation.sources.files().len() {
        let target = a.source(file)?.path.clone()?;
        let (importer, at) = a.importer_of(&target)?;
        if importer == main {
            return Some(at);
        }
        file = importer;
    }
    None
}

/// An LSP location for a span of any file the check read.
pub fn location(a: &Analysis, span: Span, main_uri: &Uri, enc: Encoding) -> Option<Location> {
    let file = a.source(span.file)?;
    let uri = if span.file == a.main_file() { main_uri.clone() } else { uri_of(file.path.as_deref()?)? };
    let index = LineIndex::new(&file.text);
    Some(Location { uri, range: index.range(span.start as usize, span.end as usize, enc) })
}

/// A file's name as the main file's import would name it: relative to
/// the main file's directory where it is below it.
fn shown_name(a: &Analysis, file: crate::source::FileId) -> String {
    let Some(f) = a.source(file) else { return String::new() };
    let dir = a.source(a.main_file()).and_then(|m| m.path.as_deref()?.parent().map(std::path::Path::to_path_buf));
    match (f.path.as_deref(), dir) {
        (Some(p), Some(dir)) => p.strip_prefix(&dir).map_or_else(|_| f.name.clone(), |r| r.display().to_string()),
        _ => f.name.clone(),
    }
}
