//! The report as Markdown, to paste into a ticket or a letter. Written as
//! it is made: the incidents' rows go out one at a time, so that a report of
//! a million incidents is never held as text.

use super::model::Report;
use super::sections::{self, Part, Section};
use std::io::{self, Write};

pub fn render(r: &Report) -> String {
    let mut out = Vec::new();
    // Writing to memory fails only if the incidents cannot be read back,
    // which the caller learns from `r.incidents.check()`.
    let _ = write(r, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// Writes the Markdown; `Err` when the output fails or the spooled
/// incidents cannot be read back.
pub fn write(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    let heading = sections::heading(r);
    if let Some((first, rest)) = heading.split_first() {
        write!(out, "# {}\n\n", escape(first))?;
        for line in rest {
            writeln!(out, "{}  ", escape(line))?;
        }
    }
    for part in sections::parts(r) {
        match part {
            Part::Built(s) => {
                head(out, &s)?;
                if !s.rows.is_empty() {
                    columns(out, &s)?;
                    for row in &s.rows {
                        line(out, row)?;
                    }
                    out.write_all(b"\n")?;
                }
                notes(out, &s.notes)?;
            }
            // Never empty: the part is there only when incidents are.
            Part::Incidents(s) => {
                head(out, &s)?;
                columns(out, &s)?;
                let (mut failed, mut notes_below) = (None, Vec::new());
                sections::incident_lines(
                    r,
                    &mut |row| {
                        if failed.is_none()
                            && let Err(e) = line(out, &row)
                        {
                            failed = Some(e);
                        }
                    },
                    &mut notes_below,
                );
                if let Some(e) = failed {
                    return Err(e);
                }
                out.write_all(b"\n")?;
                notes(out, &notes_below)?;
            }
        }
    }
    write!(out, "\n**{}**\n", escape(&sections::verdict(r)))?;
    r.incidents.check()
}

fn head(out: &mut dyn Write, s: &Section) -> io::Result<()> {
    write!(out, "\n## {}\n\n", s.title)
}

fn columns(out: &mut dyn Write, s: &Section) -> io::Result<()> {
    writeln!(out, "| {} |", s.columns.join(" | "))?;
    writeln!(out, "|{}", "---|".repeat(s.columns.len()))
}

fn line(out: &mut dyn Write, row: &[String]) -> io::Result<()> {
    let cells: Vec<String> = row.iter().map(|c| escape(c)).collect();
    writeln!(out, "| {} |", cells.join(" | "))
}

fn notes(out: &mut dyn Write, notes: &[String]) -> io::Result<()> {
    for n in notes {
        writeln!(out, "- {}", escape(n))?;
    }
    Ok(())
}

/// Keep table cells and text from breaking the Markdown.
fn escape(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}
