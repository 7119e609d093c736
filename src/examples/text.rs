//! An example's events read when the contract is compiled, by the same
//! readers `slac eval` uses, so a bad header, row or field is an error in
//! the `.sla` file at the line and cell where it is written, not a surprise
//! when the example runs.

use super::events;
use crate::diag::{Code, Diagnostic};
use crate::events::{EventError, Format, ReadOptions};
use crate::ir::{Contract, ExampleEvents, Expect};
use crate::source::{SourceMap, Span};
use crate::syntax::dedented_lines;

/// The name an example's input goes by in messages: `incidents.csv`.
pub fn file_name(events: &ExampleEvents) -> String {
    format!("{}.{}", events.input, events.format)
}

/// Reads the events of every example that does not expect them to be
/// refused; one diagnostic for each text a reader refuses.
pub fn check(contract: &Contract, sources: &SourceMap) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for ex in
        contract.examples.iter().filter(|ex| !ex.expectations.iter().any(|e| matches!(e.expect, Expect::Error { .. })))
    {
        let mut refused = false;
        for ev in &ex.events {
            let (Some(input), Ok(format)) = (events::find(&ev.input), ev.format.parse::<Format>()) else { continue };
            let options = ReadOptions::new(format, contract.header.timezone);
            if let Err(e) = (input.read)(ev.text.as_bytes(), &file_name(ev), &options) {
                out.push(diagnostic(ev, &e, sources));
                refused = true;
            }
        }
        if !refused {
            out.extend(unknown_incidents(ex, contract));
        }
    }
    out
}

/// `expect incident ID` lines naming an incident the example's events do
/// not hold: a typo that would otherwise surface only when the example runs.
fn unknown_incidents(ex: &crate::ir::Example, contract: &Contract) -> Vec<Diagnostic> {
    let mut ids: Vec<String> = Vec::new();
    for ev in ex.events.iter().filter(|ev| ev.input == "incidents") {
        let Ok(format) = ev.format.parse::<Format>() else { continue };
        let options = ReadOptions::new(format, contract.header.timezone);
        let _ = crate::events::read_incidents(ev.text.as_bytes(), &file_name(ev), &options, |inc| {
            ids.push(inc.id.to_string());
            Ok::<(), EventError>(())
        });
    }
    let mut out = Vec::new();
    for e in &ex.expectations {
        let Expect::Incident { id, .. } = &e.expect else { continue };
        if ids.iter().any(|known| known == id) {
            continue;
        }
        let help = match crate::diag::suggest::did_you_mean(id, ids.iter().map(String::as_str)) {
            Some(hint) => hint,
            None if ids.is_empty() => "give the example its incidents: `incidents \"\"\" ... \"\"\"`".to_owned(),
            None => format!("the example's incidents are {}", ids.join(", ")),
        };
        out.push(
            Diagnostic::error(
                Code::UnknownExpectation,
                e.span,
                format!("the example \"{}\" has no incident `{id}` among its events", ex.name),
            )
            .label("no such incident")
            .help(help),
        );
    }
    out
}

fn diagnostic(ev: &ExampleEvents, e: &EventError, sources: &SourceMap) -> Diagnostic {
    let span = sources.get(ev.span.file).map_or(ev.span, |f| place(ev, e, &f.text));
    let what = match &e.field {
        Some(field) => format!("field {field}: {}", e.kind),
        None => e.kind.to_string(),
    };
    let row = e.at.line.map(|l| format!("row {l} of ")).unwrap_or_default();
    Diagnostic::error(Code::ExampleEvents, span, format!("{row}the example's {}: {what}", ev.input))
        .label(match e.at.line {
            Some(_) => "refused here",
            None => "in these events",
        })
        .help(format!(
            "write the {} in slac's own schema (docs/inputs.md); if the example is about this very mistake, add `expect error`",
            ev.input
        ))
}

/// Where in the source the error is: the cell of its field in its row, or
/// the row, or the whole text when the reader names no line.
fn place(ev: &ExampleEvents, e: &EventError, source: &str) -> Span {
    let whole = ev.span;
    // The raw text between the triple quotes.
    let (start, end) = (whole.start as usize + 3, (whole.end as usize).saturating_sub(3));
    let Some(raw) = source.get(start..end).filter(|_| source.get(whole.start as usize..start) == Some("\"\"\"")) else {
        return whole;
    };
    let lines = dedented_lines(raw);
    let Some(line) = e.at.line.and_then(|l| usize::try_from(l).ok()).and_then(|l| lines.get(l.wrapping_sub(1))) else {
        return whole;
    };
    let row = Span::new(whole.file, start + line.start, start + line.end);
    let (Some(field), Some(header)) = (&e.field, lines.first()) else { return row };
    let header_cells = cells(&raw[header.clone()]);
    let Some(index) =
        header_cells.iter().position(|c| raw[header.start + c.start..header.start + c.end].trim() == field)
    else {
        return row;
    };
    match cells(&raw[line.clone()]).get(index) {
        Some(c) if c.end > c.start => Span::new(whole.file, start + line.start + c.start, start + line.start + c.end),
        _ => row,
    }
}

/// The byte ranges of a CSV line's cells, quotes respected.
fn cells(line: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, b) in line.bytes().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => {
                out.push(start..i);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(start..line.len());
    out
}

#[cfg(test)]
mod tests {
    use super::cells;

    #[test]
    fn cells_respect_quotes() {
        let line = r#"A1,"a, b",x"#;
        let got: Vec<&str> = cells(line).into_iter().map(|r| &line[r]).collect();
        assert_eq!(got, ["A1", "\"a, b\"", "x"]);
    }
}
