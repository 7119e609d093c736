//! Bounds on what one record, and one file read whole, may hold, so that
//! no input (a file of a single endless line, `/dev/zero`) can take the
//! machine's memory: every reader stops or sets aside what goes over,
//! with an error that names the row.

use std::cell::Cell;
use std::io::{self, Read};
use std::rc::Rc;

/// The most one record may take in its file: a CSV row, an NDJSON line,
/// one element of a JSON array. Real rows are a few hundred bytes.
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// The most a file read whole may hold: a tool's export (its JSON document
/// is one value), a mapping. slac's own files stream and have no limit.
pub const MAX_DOCUMENT_BYTES: u64 = 64 << 20;

/// How far past an over-long line a reader looks for its end before it
/// gives the file up as not text.
pub const MAX_SKIP_BYTES: u64 = 64 << 20;

/// How many skipped rows a read summary lists; the rest are counted.
pub const MAX_SKIPPED_LISTED: usize = 1000;

/// `1 MiB`, `64 MiB`, `512 KiB`, `100 bytes`.
pub fn show_bytes(n: u64) -> String {
    if n >= 1 << 20 && n % (1 << 20) == 0 {
        format!("{} MiB", n >> 20)
    } else if n >= 1 << 10 && n % (1 << 10) == 0 {
        format!("{} KiB", n >> 10)
    } else {
        format!("{n} bytes")
    }
}

/// Reads all of `input` when it holds at most `limit` bytes; `Ok(None)`
/// when it holds more (then at most `limit + 1` bytes were read).
pub fn read_whole(input: impl Read, limit: u64) -> io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    input.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// Reads at most `limit` bytes of `input`: enough to look at a header.
pub fn read_prefix(input: impl Read, limit: u64) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    input.take(limit).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// What a [`Metered`] reader has handed out, shared with the reader that
/// parses its bytes.
#[derive(Debug, Default)]
pub(crate) struct Meter {
    /// Bytes handed out (or skipped) since the start.
    read: Cell<u64>,
    /// Where the record being read began.
    start: Cell<u64>,
    /// How many bytes past `start` may be handed out.
    limit: u64,
    /// Set when a read was refused for the limit.
    tripped: Cell<bool>,
    /// Where the line ends are (offsets of `\n`) ahead of the rows
    /// already numbered, and how many came before them: a row's line is
    /// counted from its first byte, not from the parser's count of rows.
    /// Kept only for a reader that asks ([`Meter::counting_lines`]): a
    /// JSON array never asks, and would keep every line end of the file.
    line_ends: std::cell::RefCell<std::collections::VecDeque<u64>>,
    line_ends_passed: Cell<u64>,
    counts_lines: bool,
}

impl Meter {
    pub(crate) fn new(limit: usize) -> Rc<Meter> {
        Rc::new(Meter { limit: limit as u64, ..Meter::default() })
    }

    /// A meter that also keeps where lines end, for [`Meter::line_at`].
    pub(crate) fn counting_lines(limit: usize) -> Rc<Meter> {
        Rc::new(Meter { limit: limit as u64, counts_lines: true, ..Meter::default() })
    }

    /// A record begins at byte `at`.
    pub(crate) fn begin(&self, at: u64) {
        self.start.set(at);
        self.tripped.set(false);
    }

    /// A record begins at the next byte handed out.
    pub(crate) fn begin_here(&self) {
        self.begin(self.read.get());
    }

    pub(crate) fn read(&self) -> u64 {
        self.read.get()
    }

    #[cfg(test)]
    pub(crate) fn newlines(&self) -> u64 {
        self.line_ends_passed.get() + self.line_ends.borrow().len() as u64
    }

    /// The line of a row that starts at byte `at` or, when empty lines
    /// follow `at` (which the CSV parser skips without counting), at the
    /// first byte after them. Offsets only grow: line ends before `at` are
    /// counted once and forgotten, so memory follows the read-ahead only.
    pub(crate) fn line_at(&self, at: u64) -> u64 {
        let mut ends = self.line_ends.borrow_mut();
        while ends.front().is_some_and(|&o| o < at) {
            ends.pop_front();
            self.line_ends_passed.set(self.line_ends_passed.get() + 1);
        }
        let empty = ends.iter().enumerate().take_while(|(k, o)| **o == at + *k as u64).count() as u64;
        self.line_ends_passed.get() + empty + 1
    }

    /// Did the last refused read refuse for the limit?
    pub(crate) fn tripped(&self) -> bool {
        self.tripped.get()
    }
}

/// Where skipping a line stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SkipEnd {
    LineEnd,
    EndOfInput,
    /// No line end within [`MAX_SKIP_BYTES`].
    NoLineEnd,
}

/// A reader that refuses to hand out more than a record's worth of bytes
/// past the start of the record being read, so that the parser above it
/// (csv, serde_json) never buffers an endless record.
pub(crate) struct Metered<R> {
    inner: R,
    meter: Rc<Meter>,
    /// Bytes read ahead while skipping, served before `inner`'s.
    pending: Vec<u8>,
    at: usize,
}

impl<R: Read> Metered<R> {
    pub(crate) fn new(inner: R, meter: Rc<Meter>) -> Metered<R> {
        Metered { inner, meter, pending: Vec::new(), at: 0 }
    }

    /// Skips the rest of the current line, through its `\n`, looking at
    /// most [`MAX_SKIP_BYTES`] ahead.
    pub(crate) fn skip_line(&mut self) -> io::Result<SkipEnd> {
        let mut skipped = 0u64;
        let mut chunk = vec![0u8; 1 << 16];
        loop {
            let n = self.fill(&mut chunk)?;
            if n == 0 {
                return Ok(SkipEnd::EndOfInput);
            }
            let bytes = &chunk[..n];
            if let Some(i) = bytes.iter().position(|&b| b == b'\n') {
                self.account(&bytes[..=i]);
                self.pending = bytes[i + 1..].to_vec();
                self.at = 0;
                return Ok(SkipEnd::LineEnd);
            }
            self.account(bytes);
            skipped += n as u64;
            if skipped > MAX_SKIP_BYTES {
                return Ok(SkipEnd::NoLineEnd);
            }
        }
    }

    /// Unmetered bytes: the pending ones first.
    fn fill(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.at < self.pending.len() {
            let n = (self.pending.len() - self.at).min(buf.len());
            buf[..n].copy_from_slice(&self.pending[self.at..self.at + n]);
            self.at += n;
            return Ok(n);
        }
        loop {
            match self.inner.read(buf) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                other => return other,
            }
        }
    }

    fn account(&self, bytes: &[u8]) {
        let m = &self.meter;
        let base = m.read.get();
        if m.counts_lines {
            m.line_ends.borrow_mut().extend(memchr::memchr_iter(b'\n', bytes).map(|at| base + at as u64));
        }
        m.read.set(base + bytes.len() as u64);
    }
}

impl<R: Read> Read for Metered<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let m = &self.meter;
        let used = m.read.get().saturating_sub(m.start.get());
        if used > m.limit {
            m.tripped.set(true);
            return Err(io::Error::other(format!("a record over {}", show_bytes(m.limit))));
        }
        // One byte past the limit is enough to know a record is over it.
        let room = usize::try_from(m.limit - used + 1).unwrap_or(usize::MAX).min(buf.len());
        let n = self.fill(&mut buf[..room])?;
        self.account(&buf[..n]);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_files_up_to_the_limit() {
        assert_eq!(read_whole(&b"abc"[..], 3).unwrap(), Some(b"abc".to_vec()));
        assert_eq!(read_whole(&b"abcd"[..], 3).unwrap(), None);
        assert_eq!(read_whole(io::repeat(0), 1000).unwrap(), None);
        assert_eq!(read_prefix(io::repeat(7), 4).unwrap(), vec![7; 4]);
    }

    #[test]
    fn a_record_past_the_limit_is_refused_and_its_line_skipped() {
        let meter = Meter::counting_lines(4);
        let mut r = Metered::new(&b"0123456789\nab\ncd"[..], meter.clone());
        let mut buf = [0u8; 64];
        meter.begin_here();
        assert_eq!(r.read(&mut buf).unwrap(), 5);
        assert!(r.read(&mut buf).is_err() && meter.tripped());
        assert_eq!(r.skip_line().unwrap(), SkipEnd::LineEnd);
        assert_eq!((meter.read(), meter.newlines()), (11, 1));
        meter.begin_here();
        assert_eq!(r.read(&mut buf).unwrap(), 5);
        assert_eq!(&buf[..5], b"ab\ncd");
        assert_eq!(meter.newlines(), 2);
    }

    #[test]
    fn an_endless_line_is_given_up() {
        let meter = Meter::new(4);
        let mut r = Metered::new(io::repeat(0), meter.clone());
        assert_eq!(r.skip_line().unwrap(), SkipEnd::NoLineEnd);
        assert!(meter.read() > MAX_SKIP_BYTES);
    }

    #[test]
    fn sizes_in_words() {
        assert_eq!(show_bytes(1 << 20), "1 MiB");
        assert_eq!(show_bytes(64 << 20), "64 MiB");
        assert_eq!(show_bytes(2048), "2 KiB");
        assert_eq!(show_bytes(100), "100 bytes");
    }
}
