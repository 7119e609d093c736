//! The report's incidents: held in memory while they are few, spooled to an
//! anonymous temporary file once they are many, and read back one at a time
//! when the report is written.
//!
//! A report of a million incidents lists a million judged clocks: about
//! 2 KB each in memory, 2 GB in all, for a list that is only ever read from
//! start to end. Spooled, each costs its compact JSON on disk (about 600
//! bytes) and nothing in memory; the renderings read the entries back in
//! order, so every format writes the same bytes from either. The file has
//! no name (`tempfile::tempfile`): nothing is left behind, even when the
//! process is killed.

use super::model::IncidentReport;
use serde::ser::{Error as _, SerializeSeq};
use serde::{Serialize, Serializer};
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::sync::Mutex;

/// How many incidents a list holds in memory before it spools them: a few
/// megabytes, so that every usual report stays in memory.
pub const SPOOL_AFTER: usize = 4096;

/// How much of the spool a reader reads at a time.
const READ_CHUNK: usize = 256 * 1024;

/// The incidents of a report, in the order they were pushed.
#[derive(Debug)]
pub struct IncidentList {
    /// Spooled entries come first, then these.
    held: Vec<IncidentReport>,
    spool: Option<Mutex<Spool>>,
    spooled: usize,
    spool_after: usize,
    /// The first failure to write or read the spool; the list then reads
    /// as cut short, and writing the report fails with it.
    failure: Mutex<Option<String>>,
}

/// The temporary file and how many bytes of entries it holds: each entry is
/// its length (4 bytes, little-endian) and its JSON as the report writes
/// it, pretty and indented for its place in the list (`fragment`), so that
/// the JSON report copies it as it is and the other renderings read it back.
#[derive(Debug)]
struct Spool {
    file: File,
    bytes: u64,
}

impl Default for IncidentList {
    fn default() -> Self {
        IncidentList::spooling_after(SPOOL_AFTER)
    }
}

impl IncidentList {
    /// A list that spools once it holds `n` incidents in memory (0: from the
    /// first).
    pub fn spooling_after(n: usize) -> IncidentList {
        IncidentList { held: Vec::new(), spool: None, spooled: 0, spool_after: n.max(1), failure: Mutex::new(None) }
    }

    /// A list that never spools.
    pub fn in_memory(incidents: Vec<IncidentReport>) -> IncidentList {
        IncidentList { held: incidents, spool_after: usize::MAX, ..IncidentList::spooling_after(usize::MAX) }
    }

    pub fn len(&self) -> usize {
        self.spooled + self.held.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether some incidents are on disk rather than in memory.
    pub fn is_spooled(&self) -> bool {
        self.spooled > 0
    }

    pub fn push(&mut self, incident: IncidentReport) {
        self.held.push(incident);
        if self.held.len() >= self.spool_after && self.failure().is_none() {
            if let Err(e) = self.spool_held() {
                self.fail(format!("cannot spool the report's incidents to a temporary file: {e}"));
            }
        }
    }

    /// Every incident, in order, each read back (or cloned) as it comes.
    pub fn iter(&self) -> Iter<'_> {
        Iter { list: self, buf: Vec::new(), at: 0, read_to: 0, next_held: 0 }
    }

    /// Why the list could not be kept or read whole, if it could not.
    pub fn failure(&self) -> Option<String> {
        self.failure.lock().map(|f| f.clone()).unwrap_or_else(|p| p.into_inner().clone())
    }

    /// `Err` when the list could not be kept or read whole: a report
    /// written from it would be short.
    pub fn check(&self) -> io::Result<()> {
        match self.failure() {
            Some(why) => Err(io::Error::other(why)),
            None => Ok(()),
        }
    }

    fn fail(&self, why: String) {
        let mut slot = self.failure.lock().unwrap_or_else(|p| p.into_inner());
        slot.get_or_insert(why);
    }

    /// Writes the held incidents at the end of the spool and lets them go.
    fn spool_held(&mut self) -> io::Result<()> {
        let mut bytes = Vec::with_capacity(self.held.len() * 700);
        for incident in &self.held {
            let at = bytes.len();
            bytes.extend_from_slice(&[0; 4]);
            fragment(&mut bytes, incident)?;
            let len = u32::try_from(bytes.len() - at - 4).map_err(io::Error::other)?;
            bytes[at..at + 4].copy_from_slice(&len.to_le_bytes());
        }
        let spool = match &mut self.spool {
            Some(s) => s,
            None => self.spool.insert(Mutex::new(Spool { file: tempfile::tempfile()?, bytes: 0 })),
        };
        let spool = spool.get_mut().unwrap_or_else(|p| p.into_inner());
        spool.file.seek(SeekFrom::Start(spool.bytes))?;
        spool.file.write_all(&bytes)?;
        spool.bytes += bytes.len() as u64;
        self.spooled += self.held.len();
        self.held.clear();
        Ok(())
    }

    /// Reads up to `want` bytes of the spool from `from` onto `buf`.
    fn read_spool(&self, from: u64, want: usize, buf: &mut Vec<u8>) -> io::Result<usize> {
        let Some(spool) = &self.spool else { return Ok(0) };
        let mut spool = spool.lock().unwrap_or_else(|p| p.into_inner());
        let want = want.min(usize::try_from(spool.bytes.saturating_sub(from)).unwrap_or(usize::MAX));
        spool.file.seek(SeekFrom::Start(from))?;
        let start = buf.len();
        buf.resize(start + want, 0);
        spool.file.read_exact(&mut buf[start..])?;
        Ok(want)
    }

    /// The list's entries as the pretty JSON report has them inside
    /// `"incidents": [` and `]`: each on a new line, indented two levels,
    /// separated by commas. Spooled entries are copied as they are.
    pub fn write_json_elements(&self, out: &mut dyn Write) -> io::Result<()> {
        let mut iter = self.iter();
        let mut first = true;
        let mut held = Vec::new();
        loop {
            let entry: &[u8] = if iter.list.spooled > 0 && (iter.buffered() > 0 || iter.read_to < self.spool_bytes()) {
                let total = self.spool_bytes();
                let len = iter.raw_entry(total)?;
                &iter.buf[iter.at - len..iter.at]
            } else {
                let Some(incident) = self.held.get(iter.next_held) else { break };
                iter.next_held += 1;
                held.clear();
                fragment(&mut held, incident)?;
                &held
            };
            out.write_all(if first { b"\n    " } else { b",\n    " })?;
            out.write_all(entry)?;
            first = false;
        }
        self.check()
    }

    fn spool_bytes(&self) -> u64 {
        self.spool.as_ref().map_or(0, |s| s.lock().map_or_else(|p| p.into_inner().bytes, |s| s.bytes))
    }
}

impl Clone for IncidentList {
    /// A copy with its own spool: the entries are read and pushed again.
    fn clone(&self) -> Self {
        let mut copy = IncidentList::spooling_after(self.spool_after);
        for incident in self.iter() {
            copy.push(incident);
        }
        if let Some(why) = self.failure() {
            copy.fail(why);
        }
        copy
    }
}

impl From<Vec<IncidentReport>> for IncidentList {
    fn from(incidents: Vec<IncidentReport>) -> Self {
        let mut list = IncidentList::default();
        for i in incidents {
            list.push(i);
        }
        list
    }
}

impl FromIterator<IncidentReport> for IncidentList {
    fn from_iter<T: IntoIterator<Item = IncidentReport>>(iter: T) -> Self {
        let mut list = IncidentList::default();
        for i in iter {
            list.push(i);
        }
        list
    }
}

impl<'a> IntoIterator for &'a IncidentList {
    type Item = IncidentReport;
    type IntoIter = Iter<'a>;
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// Reads a list's incidents in order: the spool a chunk at a time, then
/// those held in memory.
pub struct Iter<'a> {
    list: &'a IncidentList,
    /// Spool bytes read and not yet decoded, from `at`.
    buf: Vec<u8>,
    at: usize,
    /// The spool offset just past `buf`.
    read_to: u64,
    next_held: usize,
}

impl Iter<'_> {
    /// The next spooled entry, `None` past the last (or after a failure,
    /// which the list records).
    fn next_spooled(&mut self) -> Option<IncidentReport> {
        let total = self.list.spool_bytes();
        match self.entry(total) {
            Ok(entry) => entry,
            Err(e) => {
                self.list.fail(format!("cannot read the report's incidents back from their temporary file: {e}"));
                // Nothing more is read: not the spool, not the held ones.
                self.read_to = total;
                self.buf.clear();
                self.at = 0;
                self.next_held = self.list.held.len();
                None
            }
        }
    }

    fn entry(&mut self, total: u64) -> io::Result<Option<IncidentReport>> {
        if self.buffered() == 0 && self.read_to >= total {
            return Ok(None);
        }
        let len = self.raw_entry(total)?;
        let body = &self.buf[self.at - len..self.at];
        serde_json::from_slice(body).map(Some).map_err(io::Error::other)
    }

    /// Moves past the next entry, which then ends at `at`; its length.
    fn raw_entry(&mut self, total: u64) -> io::Result<usize> {
        self.fill(4, total)?;
        let mut len = [0u8; 4];
        len.copy_from_slice(&self.buf[self.at..self.at + 4]);
        let len = u32::from_le_bytes(len) as usize;
        self.fill(4 + len, total)?;
        self.at += 4 + len;
        Ok(len)
    }

    fn buffered(&self) -> usize {
        self.buf.len() - self.at
    }

    /// Makes `need` bytes available from `at`, reading more of the spool.
    fn fill(&mut self, need: usize, total: u64) -> io::Result<()> {
        if self.buffered() >= need {
            return Ok(());
        }
        self.buf.drain(..self.at);
        self.at = 0;
        let want = READ_CHUNK.max(need - self.buf.len());
        self.read_to += self.list.read_spool(self.read_to, want, &mut self.buf)? as u64;
        if self.buf.len() < need {
            let at = self.read_to.min(total);
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("the spool ends inside an entry at {at}"),
            ));
        }
        Ok(())
    }
}

impl Iterator for Iter<'_> {
    type Item = IncidentReport;

    fn next(&mut self) -> Option<IncidentReport> {
        if self.list.spooled > 0
            && (self.buffered() > 0 || self.read_to < self.list.spool_bytes())
            && let Some(incident) = self.next_spooled()
        {
            return Some(incident);
        }
        let incident = self.list.held.get(self.next_held)?.clone();
        self.next_held += 1;
        Some(incident)
    }
}

impl Serialize for IncidentList {
    /// A sequence, as a `Vec` is: the JSON report is the same bytes whether
    /// the list was spooled or not. A list cut short is an error, never a
    /// shorter report.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.len()))?;
        for incident in self.iter() {
            seq.serialize_element(&incident)?;
        }
        if let Some(why) = self.failure() {
            return Err(S::Error::custom(why));
        }
        seq.end()
    }
}

/// An incident as the pretty JSON report writes it inside the list: the
/// object pretty-printed, each of its lines after the first indented by two
/// more levels (a JSON string never holds a raw line break, so every line
/// break is the layout's own).
fn fragment(out: &mut Vec<u8>, incident: &IncidentReport) -> io::Result<()> {
    struct Indented<'a>(&'a mut Vec<u8>);
    impl Write for Indented<'_> {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            for piece in bytes.split_inclusive(|&b| b == b'\n') {
                self.0.extend_from_slice(piece);
                if piece.ends_with(b"\n") {
                    self.0.extend_from_slice(b"    ");
                }
            }
            Ok(bytes.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    serde_json::to_writer_pretty(Indented(out), incident).map_err(io::Error::other)
}
