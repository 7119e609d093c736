//! Reading a large CSV or NDJSON file on every core: the file is cut into
//! chunks at line ends, each chunk is read by the same reader as a whole
//! file would be (its rows numbered as in the whole file), its records are
//! gathered on the thread that read them (kept, or boiled down to what the
//! caller needs), and the gathered parts are handed on chunk by chunk, in
//! file order. What the caller sees is what a single-threaded read gives:
//! the same records in the same order, the same first bad row, the same
//! summary.
//!
//! Only text that can be cut at any line end is cut: a CSV file with a `"`
//! in it (a quoted cell may hold a line break) is read on one thread from
//! the first chunk that has one, as is a JSON array, and so is a line
//! longer than a chunk can hold.

use super::error::EventError;
use super::format::Format;
use super::limits::MAX_RECORD_BYTES;
use super::limits::MAX_SKIPPED_LISTED;
use super::pipeline::{ReadSummary, unreadable};
use super::read::{ReadOptions, read_csv_chunk, read_records_named};
use super::records::RecordBuilder;
use std::collections::BTreeMap;
use std::io::{self, Read};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

/// How a file is read in parallel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parallelism {
    /// Threads that read chunks (1: read on the calling thread only).
    pub threads: usize,
    /// Bytes a chunk holds, about (it ends at a line end).
    pub chunk: usize,
}

impl Parallelism {
    /// One reader per core (at most 8), chunks of 256 KiB: small enough that
    /// the chunks in flight take a few MiB, large enough that handing one
    /// over costs nothing next to reading it. `SLAC_THREADS` sets the
    /// number of readers (`SLAC_THREADS=1` reads on one thread).
    pub fn from_machine() -> Parallelism {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
        let threads =
            std::env::var("SLAC_THREADS").ok().and_then(|t| t.parse().ok()).filter(|t| *t >= 1).unwrap_or(cores);
        Parallelism { threads: threads.min(64), chunk: 1 << 18 }
    }
}

/// What a reader makes of a chunk's records before handing them over: the
/// records themselves ([`Vec`]), or what the caller needs of them, gathered
/// on the reader's thread so that the calling thread has less to do.
pub trait Gather<R>: Send {
    fn push(&mut self, record: R);

    /// Records gathered so far.
    fn len(&self) -> usize;

    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<R: Send> Gather<R> for Vec<R> {
    fn push(&mut self, record: R) {
        Vec::push(self, record);
    }

    fn len(&self) -> usize {
        Vec::len(self)
    }
}

/// A file read on one thread is handed over in parts of this many records,
/// so that it is never held whole.
const PART_RECORDS: usize = 8192;

/// One piece of the file for a reader: its bytes (for CSV, after the
/// header line) and the lines before it in the file.
struct Chunk {
    index: usize,
    bytes: Vec<u8>,
    lines_before: u64,
}

/// What a reader made of a chunk: its records gathered, the number of the
/// builder that built them, and how the chunk ended (its summary, or the
/// error that stopped it).
struct Done<G> {
    part: G,
    builder: usize,
    end: Result<ReadSummary, EventError>,
}

/// Reads `input` as [`read_records_named`] does, with a builder from `make`
/// per reader thread, which builds the records of every chunk the thread
/// reads (so a builder must not depend on the rows before: it sees only
/// its own chunks). The records of each chunk are gathered into a part
/// from `gather` on the thread that read them, and the parts are handed to
/// `on_part` in file order with the number of the builder that built them
/// (what a builder numbers, targets say, it numbers in its own way). A
/// file or its rest read on one thread is handed over in parts of
/// [`PART_RECORDS`] records from one builder. Within a part, records keep
/// their order; records before a bad row are handed over before the bad
/// row's error is returned, so a record the caller refuses comes first.
#[allow(clippy::too_many_arguments)]
pub fn read_gathered<B, G, M, N, P, E>(
    mut input: impl Read,
    file: &str,
    options: &ReadOptions,
    names: &[&str],
    parallelism: Parallelism,
    make: M,
    gather: N,
    mut on_part: P,
) -> Result<ReadSummary, E>
where
    B: RecordBuilder,
    G: Gather<B::Record>,
    M: Fn() -> B + Sync,
    N: Fn() -> G + Sync,
    P: FnMut(G, usize) -> Result<(), E>,
    E: From<EventError>,
{
    let chunkable = matches!(options.format, Format::Csv | Format::Ndjson);
    if parallelism.threads < 2 || !chunkable {
        return read_in_parts(input, file, options, names, (make(), 0), &gather, &mut on_part);
    }
    let shared: Arc<str> = Arc::from(file);
    let mut splitter = Splitter::new(parallelism.chunk, options);
    // The CSV header goes in front of every chunk.
    let header = match options.format {
        Format::Csv => match splitter.header(&mut input) {
            Ok(Some(header)) => header,
            // A header with a quote, too long, or the whole file: one thread.
            Ok(None) => {
                let rest = io::Cursor::new(std::mem::take(&mut splitter.buffer)).chain(input);
                return read_in_parts(rest, file, options, names, (make(), 0), &gather, &mut on_part);
            }
            Err(e) => return Err(unreadable(&shared, &e).into()),
        },
        _ => Vec::new(),
    };
    let (chunks_tx, chunks_rx) = mpsc::sync_channel::<Chunk>(parallelism.threads);
    let chunks_rx = Mutex::new(chunks_rx);
    let (done_tx, done_rx) = mpsc::sync_channel::<(usize, Done<G>)>(parallelism.threads);
    let mut total = ReadSummary::new(shared.clone(), options.format);
    std::thread::scope(|scope| {
        // Owned here, so that leaving early refuses what readers still send.
        let done_rx = done_rx;
        for thread in 0..parallelism.threads {
            let (chunks_rx, done_tx, header, make, gather) = (&chunks_rx, done_tx.clone(), &header, &make, &gather);
            scope.spawn(move || {
                // One builder for all the thread's chunks: what it learns
                // (names, targets, the last instant) serves the next chunk.
                let mut builder = make();
                loop {
                    let next = chunks_rx.lock().ok().and_then(|rx| rx.recv().ok());
                    let Some(chunk) = next else { break };
                    let (bytes, lines_before) = (chunk.bytes, chunk.lines_before);
                    let (part, end) =
                        read_chunk(bytes, lines_before, header, file, options, names, &mut builder, gather());
                    let done = Done { part, builder: thread, end };
                    if done_tx.send((chunk.index, done)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let mut pending: BTreeMap<usize, Done<G>> = BTreeMap::new();
        let (mut sent, mut next_to_hand) = (0usize, 0usize);
        let mut outcome: Result<(), E> = Ok(());
        let mut tail: Option<Vec<u8>> = None;
        // Send chunks while handing on finished ones in order, so that the
        // chunks in flight stay few whatever the file's size.
        while outcome.is_ok() {
            let bytes = match splitter.next_chunk(&mut input) {
                Ok(Some(bytes)) => bytes,
                Ok(None) => break,
                Err(SplitEnd::Sequential(rest)) => {
                    tail = Some(rest);
                    break;
                }
                Err(SplitEnd::Io(e)) => {
                    outcome = Err(unreadable(&shared, &e).into());
                    break;
                }
            };
            let chunk = Chunk { index: sent, bytes, lines_before: splitter.lines_before_last };
            sent += 1;
            outcome = match send(&chunks_tx, &done_rx, &mut pending, chunk) {
                Ok(()) => hand_over(&mut pending, &mut next_to_hand, &mut total, &mut on_part),
                Err(gone) => Err(unreadable(&shared, &gone).into()),
            };
        }
        drop(chunks_tx);
        while next_to_hand < sent && outcome.is_ok() {
            match done_rx.recv() {
                Ok((i, done)) => {
                    pending.insert(i, done);
                    outcome = hand_over(&mut pending, &mut next_to_hand, &mut total, &mut on_part);
                }
                Err(_) => break,
            }
        }
        if let Err(e) = outcome {
            // Readers still busy see their results refused, and stop.
            drop(done_rx);
            return Err(e);
        }
        // The part that cannot be cut: read through on this thread.
        if let Some(rest) = tail {
            let mut opts = *options;
            opts.lines_before = splitter.lines_before_last;
            let body = io::Cursor::new(rest).chain(&mut input);
            let summary = match options.format {
                Format::Csv => {
                    let whole = io::Cursor::new(&header).chain(body);
                    let builder = (make(), parallelism.threads);
                    read_in_parts(whole, file, &opts_for_csv(&opts), names, builder, &gather, &mut on_part)?
                }
                _ => read_in_parts(body, file, &opts, names, (make(), parallelism.threads), &gather, &mut on_part)?,
            };
            add(&mut total, summary);
        }
        Ok(total)
    })
}

/// Reads on the calling thread with one builder (and its number), handing
/// the records over in parts of [`PART_RECORDS`] as they are read.
fn read_in_parts<B, G, N, P, E>(
    input: impl Read,
    file: &str,
    options: &ReadOptions,
    names: &[&str],
    (builder, number): (B, usize),
    gather: &N,
    on_part: &mut P,
) -> Result<ReadSummary, E>
where
    B: RecordBuilder,
    G: Gather<B::Record>,
    N: Fn() -> G,
    P: FnMut(G, usize) -> Result<(), E>,
    E: From<EventError>,
{
    let mut part = gather();
    // Set when the caller refused a part: its error is the outcome.
    let mut refused = false;
    let read = read_records_named(input, file, options, names, builder, |record| {
        part.push(record);
        if part.len() >= PART_RECORDS {
            let full = std::mem::replace(&mut part, gather());
            on_part(full, number).inspect_err(|_| refused = true)?;
        }
        Ok(())
    });
    if refused {
        return read;
    }
    // The records before a bad row go first: the caller may refuse one.
    on_part(part, number)?;
    read
}
/// The lines before a chunk, as the CSV reader counts them after the
/// header line put in front of it.
fn opts_for_csv(options: &ReadOptions) -> ReadOptions {
    let mut opts = *options;
    opts.lines_before = options.lines_before.saturating_sub(1);
    opts
}

#[allow(clippy::too_many_arguments)]
fn read_chunk<B: RecordBuilder, G: Gather<B::Record>>(
    bytes: Vec<u8>,
    lines_before: u64,
    header: &[u8],
    file: &str,
    options: &ReadOptions,
    names: &[&str],
    builder: B,
    mut part: G,
) -> (G, Result<ReadSummary, EventError>) {
    let mut opts = *options;
    opts.lines_before = lines_before;
    let keep = |r| {
        part.push(r);
        Ok::<(), EventError>(())
    };
    let end = match options.format {
        Format::Csv => read_csv_chunk(header, &bytes, file, &opts_for_csv(&opts), names, builder, keep),
        _ => read_records_named(io::Cursor::new(bytes), file, &opts, names, builder, keep),
    };
    (part, end)
}

/// Sends a chunk to the readers, taking in finished chunks while they are
/// all busy; an error when no reader is left.
fn send<T>(
    chunks: &mpsc::SyncSender<Chunk>,
    done: &mpsc::Receiver<(usize, Done<T>)>,
    pending: &mut BTreeMap<usize, Done<T>>,
    mut chunk: Chunk,
) -> io::Result<()> {
    let gone = || io::Error::other("the threads reading the file stopped");
    loop {
        match chunks.try_send(chunk) {
            Ok(()) => return Ok(()),
            Err(mpsc::TrySendError::Full(c)) => {
                chunk = c;
                let (i, finished) = done.recv().map_err(|_| gone())?;
                pending.insert(i, finished);
            }
            Err(mpsc::TrySendError::Disconnected(_)) => return Err(gone()),
        }
    }
}

/// Hands on the finished chunks that are next in file order.
fn hand_over<G, P, E>(
    pending: &mut BTreeMap<usize, Done<G>>,
    next: &mut usize,
    total: &mut ReadSummary,
    on_part: &mut P,
) -> Result<(), E>
where
    P: FnMut(G, usize) -> Result<(), E>,
    E: From<EventError>,
{
    while let Some(done) = pending.remove(next) {
        *next += 1;
        on_part(done.part, done.builder)?;
        add(total, done.end?);
    }
    Ok(())
}

/// Adds a chunk's summary to the file's.
fn add(total: &mut ReadSummary, part: ReadSummary) {
    total.rows += part.rows;
    total.records += part.records;
    total.rows_skipped += part.rows_skipped;
    let room = MAX_SKIPPED_LISTED.saturating_sub(total.skipped.len());
    total.skipped.extend(part.skipped.into_iter().take(room));
}

/// Why cutting stopped early.
enum SplitEnd {
    /// The rest (from these bytes on) must be read on one thread.
    Sequential(Vec<u8>),
    Io(io::Error),
}

/// Cuts the input into chunks that end at a line end.
struct Splitter {
    chunk: usize,
    /// Read but not yet handed out.
    buffer: Vec<u8>,
    /// Lines before the next chunk (the header's included).
    lines_before: u64,
    /// Lines before the chunk last handed out.
    lines_before_last: u64,
    csv: bool,
    /// The most a line may hold before cutting gives up.
    longest: usize,
    eof: bool,
}

impl Splitter {
    fn new(chunk: usize, options: &ReadOptions) -> Splitter {
        let longest = options.max_record_bytes.max(MAX_RECORD_BYTES.min(1 << 20));
        Splitter {
            chunk: chunk.max(1),
            buffer: Vec::new(),
            lines_before: options.lines_before,
            lines_before_last: options.lines_before,
            csv: options.format == Format::Csv,
            longest,
            eof: false,
        }
    }

    /// Reads up to `want` more bytes into the buffer; false at its end.
    fn fill(&mut self, input: &mut impl Read, want: usize) -> io::Result<bool> {
        // Through `read_to_end`, which does not zero the space first; with
        // the room made first, so that it reads in large pieces rather than
        // growing the buffer (and copying it) as it goes.
        self.buffer.reserve(want);
        let got = input.by_ref().take(want as u64).read_to_end(&mut self.buffer)?;
        // Fewer than asked: the input ended.
        if got < want {
            self.eof = true;
        }
        Ok(got > 0)
    }

    /// The CSV header line with its line end, when it has no quote and the
    /// file goes on after it; `None` to read the file on one thread (the
    /// bytes read so far stay in the buffer).
    fn header(&mut self, input: &mut impl Read) -> io::Result<Option<Vec<u8>>> {
        loop {
            if let Some(end) = memchr::memchr(b'\n', &self.buffer) {
                if memchr::memchr(b'"', &self.buffer[..end]).is_some() {
                    return Ok(None);
                }
                let header: Vec<u8> = self.buffer.drain(..=end).collect();
                self.lines_before += 1;
                return Ok(Some(header));
            }
            if self.eof || self.buffer.len() > self.longest || !self.fill(input, 1 << 16)? {
                return Ok(None);
            }
        }
    }

    /// The next chunk, `None` at the end of the input.
    fn next_chunk(&mut self, input: &mut impl Read) -> Result<Option<Vec<u8>>, SplitEnd> {
        while self.buffer.len() < self.chunk && !self.eof {
            let want = self.chunk - self.buffer.len();
            self.fill(input, want.max(1 << 16)).map_err(SplitEnd::Io)?;
        }
        if self.buffer.is_empty() {
            return Ok(None);
        }
        let cut = loop {
            match self.cut_point() {
                Some(cut) => break cut,
                None if self.buffer.len() > self.longest => return Err(SplitEnd::Sequential(self.take_rest())),
                None => {
                    self.fill(input, 1 << 16).map_err(SplitEnd::Io)?;
                }
            }
        };
        if self.csv && memchr::memchr(b'"', &self.buffer[..cut]).is_some() {
            return Err(SplitEnd::Sequential(self.take_rest()));
        }
        let rest = self.buffer.split_off(cut);
        let chunk = std::mem::replace(&mut self.buffer, rest);
        self.lines_before_last = self.lines_before;
        self.lines_before += memchr::memchr_iter(b'\n', &chunk).count() as u64;
        Ok(Some(chunk))
    }

    /// Where the next chunk ends: after the last line end within `chunk`
    /// bytes, else after the first one past them (the buffer may hold
    /// more than a chunk: it is filled 64 KiB at a time); the rest of the
    /// input at its end.
    fn cut_point(&self) -> Option<usize> {
        let within = self.chunk.min(self.buffer.len());
        let last = memchr::memrchr(b'\n', &self.buffer[..within]).map(|i| i + 1);
        let after = || memchr::memchr(b'\n', &self.buffer[within..]).map(|i| within + i + 1);
        last.or_else(after).or(self.eof.then_some(self.buffer.len()))
    }

    fn take_rest(&mut self) -> Vec<u8> {
        self.lines_before_last = self.lines_before;
        std::mem::take(&mut self.buffer)
    }
}
