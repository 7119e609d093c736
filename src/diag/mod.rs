//! Diagnostics: one type for every error and warning slac reports, whatever
//! stage found it, with a stable code, a span and a help line.

pub mod codes;
mod excerpt;
pub mod explain;
pub mod github;
pub mod render;
pub mod sarif;
pub mod suggest;

pub use codes::Code;

use crate::source::Span;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// A secondary place worth pointing at ("first defined here").
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

/// One finding, located in a source file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// A stable code: `slac::type::unit_mismatch`, or a lint code `L101`.
    pub code: &'static str,
    /// For lints: the rule's kebab-case name.
    pub name: Option<&'static str>,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    /// What the label under the span says.
    pub label: String,
    /// What to write instead.
    pub help: Option<String>,
    pub related: Vec<Related>,
    /// The clause of the source agreement the construct cites.
    pub citation: Option<String>,
}

impl Diagnostic {
    pub fn error(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code: code.as_str(),
            name: None,
            severity: code.severity(),
            message: message.into(),
            span,
            label: String::new(),
            help: None,
            related: Vec::new(),
            citation: None,
        }
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related { span, message: message.into() });
        self
    }

    pub fn cite(mut self, citation: Option<&str>) -> Self {
        self.citation = citation.map(str::to_owned);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sort diagnostics by file and position, so one run reads top to bottom.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by_key(|d| (d.span.file, d.span.start, d.span.end));
}
