//! GitHub Actions workflow commands: one `::error` or `::warning` line per
//! diagnostic, which the Actions runner turns into an annotation on the
//! pull request's diff.

use super::{Diagnostic, Severity};
use crate::source::SourceMap;

/// Escape a command's message (`%`, CR and LF).
fn data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape a command's property value (also `:` and `,`).
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One annotation line, ending in a newline.
pub fn annotation(d: &Diagnostic, sources: &SourceMap) -> String {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let title = match d.name {
        Some(name) => format!("{} {name}", d.code),
        None => d.code.to_owned(),
    };
    let mut props = Vec::new();
    if let Some(file) = sources.get(d.span.file) {
        let start = file.line_col(d.span.start as usize);
        let end = file.line_col(d.span.end as usize);
        props.push(format!("file={}", property(&file.name)));
        props.push(format!("line={}", start.line));
        props.push(format!("endLine={}", end.line));
        if start.line == end.line {
            props.push(format!("col={}", start.column));
            props.push(format!("endColumn={}", end.column));
        }
    }
    props.push(format!("title={}", property(&title)));
    let mut message = d.message.clone();
    if !d.label.is_empty() {
        message.push_str(&format!(" ({})", d.label));
    }
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    if let Some(c) = &d.citation {
        message.push_str(&format!("\nthe clause cites § {c} of the agreement"));
    }
    format!("::{command} {}::{}\n", props.join(","), data(&message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;
    use crate::source::Span;

    #[test]
    fn escapes_messages_and_properties() {
        let mut sources = SourceMap::new();
        let f = sources.add("a,b.sla", None, "x: 100%\n");
        let mut d = Diagnostic::error(Code::UnitMismatch, Span::new(f, 3, 7), "100% is\ntoo much").help("lower it");
        d.severity = Severity::Warning;
        assert_eq!(
            annotation(&d, &sources),
            "::warning file=a%2Cb.sla,line=1,endLine=1,col=4,endColumn=8,title=slac%3A%3Atype%3A%3Aunit_mismatch::100%25 is%0Atoo much%0Ahelp: lower it\n"
        );
    }
}
