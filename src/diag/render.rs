//! Rendering diagnostics: for people (miette, with the source under a caret)
//! and for machines (JSON, one object per diagnostic).

use super::excerpt::Excerpt;
use super::{Diagnostic, Severity};
use crate::source::{LineCol, SourceFile, SourceMap, Span};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan};
use serde::Serialize;
use std::fmt;
use std::ops::Range;

/// Options for human rendering.
#[derive(Clone, Copy, Debug)]
pub struct HumanStyle {
    pub color: bool,
    pub width: usize,
}

impl HumanStyle {
    /// What tests snapshot: no colour, a fixed width.
    pub fn plain() -> Self {
        HumanStyle { color: false, width: 100 }
    }
}

/// Render one diagnostic with its source excerpt.
pub fn human(diag: &Diagnostic, sources: &SourceMap, style: HumanStyle) -> String {
    let theme = if style.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    let handler = GraphicalReportHandler::new_themed(theme).with_width(style.width).with_links(false);
    let report = MietteView::new(diag, sources);
    let mut out = String::new();
    if handler.render_report(&mut out, &report).is_err() {
        // Rendering into a String cannot fail in practice; fall back to one
        // line rather than losing the diagnostic.
        out = format!("{}: {}\n", diag.code, diag.message);
    }
    out
}

/// Related places shown under one diagnostic in human output.
const MAX_RELATED: usize = 8;

/// Labels over more lines than this are shown by their first line: a block
/// left open near the top of a long file would otherwise print all of it.
const MAX_LABEL_LINES: usize = 12;

/// Adapts a [`Diagnostic`] to miette's renderer.
struct MietteView<'a> {
    diag: &'a Diagnostic,
    /// The lines the labels need, never the whole file (see `excerpt`).
    source: Option<Excerpt<'a>>,
    help: Option<String>,
    labels: Vec<LabeledSpan>,
}

impl<'a> MietteView<'a> {
    fn new(diag: &'a Diagnostic, sources: &'a SourceMap) -> Self {
        let file = sources.get(diag.span.file);
        let mut spans = vec![(Some(diag.label.clone()).filter(|l| !l.is_empty()), diag.span, true)];
        let mut notes = Vec::new();
        // A finding about many clauses names them all in the machine
        // formats; a person is shown the first few and a count (miette's
        // layout costs grow with the square of the labels).
        let shown = diag.related.len().min(MAX_RELATED);
        if diag.related.len() > shown {
            notes.push(format!(
                "and {} more place(s) like these; the JSON and SARIF output list them all",
                diag.related.len() - shown
            ));
        }
        for rel in &diag.related[..shown] {
            if rel.span.file == diag.span.file {
                spans.push((Some(rel.message.clone()), rel.span, false));
            } else if let Some(other) = sources.get(rel.span.file) {
                let at = other.line_col(rel.span.start as usize);
                notes.push(format!("{} ({}:{}:{})", rel.message, other.name, at.line, at.column));
            }
        }
        let (source, labels) = match file {
            Some(file) => {
                let ranges: Vec<Range<usize>> = spans.iter().map(|(_, span, _)| shown_range(file, *span)).collect();
                let excerpt = Excerpt::new(file, &ranges);
                let labels = spans
                    .into_iter()
                    .zip(&ranges)
                    .map(|((label, _, primary), range)| {
                        let at = excerpt.source_span(range);
                        if primary {
                            LabeledSpan::new_primary_with_span(label, at)
                        } else {
                            LabeledSpan::new_with_span(label, at)
                        }
                    })
                    .collect();
                (Some(excerpt), labels)
            }
            None => (None, Vec::new()),
        };
        let mut help_lines: Vec<String> = diag.help.iter().cloned().collect();
        help_lines.extend(notes);
        if let Some(c) = &diag.citation {
            help_lines.push(format!("the clause cites § {c} of the agreement"));
        }
        let help = (!help_lines.is_empty()).then(|| help_lines.join("\n"));
        MietteView { diag, source, help, labels }
    }
}

/// The byte range a label shows: its span, cut to its first line when it
/// covers more than [`MAX_LABEL_LINES`].
fn shown_range(file: &SourceFile, span: Span) -> Range<usize> {
    let (start, end) = (span.start as usize, (span.end as usize).max(span.start as usize));
    let first = file.line_index(start);
    if file.line_index(end) - first >= MAX_LABEL_LINES {
        start..file.line_range(first).end.max(start)
    } else {
        start..end
    }
}

impl fmt::Debug for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diag.message)
    }
}

impl fmt::Display for MietteView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diag.message)
    }
}

impl std::error::Error for MietteView<'_> {}

impl miette::Diagnostic for MietteView<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(match self.diag.name {
            Some(name) => Box::new(format!("{}({name})", self.diag.code)),
            None => Box::new(self.diag.code),
        })
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diag.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Note => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source.as_ref()?;
        Some(Box::new(self.labels.iter().cloned()))
    }
}

/// One diagnostic as `--format json` prints it.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub end: LineCol,
    pub code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<&'a str>,
    pub severity: &'a str,
    pub message: &'a str,
    pub label: &'a str,
    pub help: Option<&'a str>,
    pub citation: Option<&'a str>,
    /// Other places the diagnostic names, every one (human output shows
    /// the first few).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<JsonRelated<'a>>,
}

/// A related place in JSON output.
#[derive(Debug, Serialize)]
pub struct JsonRelated<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub message: &'a str,
}

pub fn json<'a>(diag: &'a Diagnostic, sources: &'a SourceMap) -> JsonDiagnostic<'a> {
    let file = sources.get(diag.span.file);
    let start = file.map(|f| f.line_col(diag.span.start as usize)).unwrap_or(LineCol { line: 0, column: 0 });
    let end = file.map(|f| f.line_col(diag.span.end as usize)).unwrap_or(start);
    JsonDiagnostic {
        file: file.map(|f| f.name.as_str()).unwrap_or(""),
        line: start.line,
        column: start.column,
        end,
        code: diag.code,
        name: diag.name,
        severity: diag.severity.as_str(),
        message: &diag.message,
        label: &diag.label,
        help: diag.help.as_deref(),
        citation: diag.citation.as_deref(),
        related: diag
            .related
            .iter()
            .filter_map(|r| {
                let f = sources.get(r.span.file)?;
                let at = f.line_col(r.span.start as usize);
                Some(JsonRelated { file: &f.name, line: at.line, column: at.column, message: &r.message })
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;

    /// A finding about many clauses shows the first few to a person, with a
    /// count of the rest; rendering stays linear in their number.
    #[test]
    fn many_related_places_are_shown_as_a_few_and_a_count() {
        let text: String = (0..20).map(|i| format!("  service s{i} \"S{i}\"\n")).collect();
        let mut sources = SourceMap::new();
        let file = sources.add("many.sla", None, text.clone());
        let line = |i: usize| {
            let start = text.match_indices("service").nth(i).map(|(at, _)| at).unwrap_or_default();
            Span::new(file, start, start + 7)
        };
        let mut d = Diagnostic::error(Code::DuplicateId, line(0), "first").label("here").help("fix it");
        for i in 1..20 {
            d = d.related(line(i), format!("place {i}"));
        }
        let out = human(&d, &sources, HumanStyle::plain());
        for i in 1..=MAX_RELATED {
            assert!(out.contains(&format!("place {i}\n")), "place {i} is shown:\n{out}");
        }
        assert!(!out.contains("place 9\n"), "{out}");
        assert!(out.contains("and 11 more place(s) like these"), "{out}");
        // The machine format keeps every place.
        let json = json(&d, &sources);
        assert_eq!(serde_json::to_value(&json).map(|v| v["related"].as_array().map(Vec::len)).ok().flatten(), Some(19));
    }
}
