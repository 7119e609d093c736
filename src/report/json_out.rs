//! The JSON report written to a stream, with the incidents copied in from
//! their spool rather than read back and printed again: for a million
//! incidents that is most of the report, and most of the time it takes.

use super::model::Report;
use std::io::{self, Write};

/// Where the incident list opens in the pretty report: the top-level key is
/// the only one indented by exactly one level, and a JSON string never holds
/// a raw line break, so these bytes occur nowhere else.
const OPENING: &[u8] = b"\n  \"incidents\": [";

/// Writes the report as pretty JSON and a final line break: the same bytes
/// as `serde_json::to_writer_pretty` of the report.
pub fn write(r: &mut Report, out: &mut dyn Write) -> io::Result<()> {
    // The report is written with an empty list, whose `]` is found and the
    // entries put before it.
    let incidents = std::mem::take(&mut r.incidents);
    let mut splice = Splice { out, incidents: &incidents, matched: 0, done: false };
    let written = serde_json::to_writer_pretty(&mut splice, &*r).map_err(io::Error::other);
    let done = splice.done;
    r.incidents = incidents;
    written?;
    if !done {
        return Err(io::Error::other("the report's incident list was not found in its JSON"));
    }
    out.write_all(b"\n")
}

/// Passes the report's bytes on, and writes the incidents before the `]`
/// that closes the (empty) list after `OPENING`.
struct Splice<'a> {
    out: &'a mut dyn Write,
    incidents: &'a super::IncidentList,
    /// How many bytes of `OPENING` the bytes so far end with.
    matched: usize,
    done: bool,
}

impl Write for Splice<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.done {
            return self.out.write(bytes);
        }
        for (i, &b) in bytes.iter().enumerate() {
            if self.matched == OPENING.len() {
                if b == b']' {
                    self.out.write_all(&bytes[..i])?;
                    if !self.incidents.is_empty() {
                        self.incidents.write_json_elements(self.out)?;
                        self.out.write_all(b"\n  ")?;
                    }
                    self.done = true;
                    self.out.write_all(&bytes[i..])?;
                    return Ok(bytes.len());
                }
                self.matched = 0;
            }
            // `OPENING` starts with its only line break.
            self.matched = match b {
                _ if b == OPENING[self.matched] => self.matched + 1,
                b'\n' => 1,
                _ => 0,
            };
        }
        self.out.write_all(bytes)?;
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
