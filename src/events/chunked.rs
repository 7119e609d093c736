//! Reading a large CSV or NDJSON file on every core: the file is cut into
//! chunks at line ends, each chunk is read by the same reader as a whole
//! file would be (its rows numbered as in the whole file), and the records
//! are handed on chunk by chunk, in file order. What the caller sees is what
//! a single-threaded read gives: the same records in the same order, the
//! same first bad row, the same summary.
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

/// One piece of the file for a reader: its bytes (for CSV, after the
/// header line) and the lines before it in the file.
struct Chunk {
    index: usize,
    bytes: Vec<u8>,
    lines_before: u64,
}

/// What a reader made of a chunk: its records in order, and how the chunk
/// ended (its summary, or the error that stopped it).
struct Done<R> {
    records: Vec<R>,
    end: Result<ReadSummary, EventError>,
}

/// Reads `input` as [`read_records_named`] does, with a builder from `make`
/// per chunk. Each record is turned by `shrink` on the thread that read it
/// (into what the caller needs of it, small to hand over), then handed to
/// `on_record` in file order; `on_chunk` is called before each chunk's
/// records (a builder's numbering is its chunk's own).
#[allow(clippy::too_many_arguments)]
pub fn read_records_chunked<B, T, M, S, C, F, E>(
    mut input: impl Read,
    file: &str,
    options: &ReadOptions,
    names: &[&str],
    parallelism: Parallelism,
    make: M,
    shrink: S,
    mut on_chunk: C,
    mut on_record: F,
) -> Result<ReadSummary, E>
where
    B: RecordBuilder,
    T: Send,
    M: Fn() -> B + Sync,
    S: Fn(B::Record) -> T + Sync,
    C: FnMut(),
    F: FnMut(T) -> Result<(), E>,
    E: From<EventError>,
{
    let chunkable = matches!(options.format, Format::Csv | Format::Ndjson);
    if parallelism.threads < 2 || !chunkable {
        on_chunk();
        return read_records_named(input, file, options, names, make(), |r| on_record(shrink(r)));
    }
    let shared: Arc<str> = Arc::from(file);
    let mut splitter = Splitter::new(parallelism.chunk, options);
    // The CSV header goes in front of every chunk.
    let header = match options.format {
        Format::Csv => match splitter.header(&mut input) {
            Ok(Some(header)) => header,
            // A header with a quote, too long, or the whole file: one thread.
            Ok(None) => {
                on_chunk();
                let rest = io::Cursor::new(std::mem::take(&mut splitter.buffer)).chain(input);
                return read_records_named(rest, file, options, names, make(), |r| on_record(shrink(r)));
            }
            Err(e) => return Err(unreadable(&shared, &e).into()),
        },
        _ => Vec::new(),
    };
    let (chunks_tx, chunks_rx) = mpsc::sync_channel::<Chunk>(parallelism.threads);
    let chunks_rx = Mutex::new(chunks_rx);
    let (done_tx, done_rx) = mpsc::sync_channel::<(usize, Done<T>)>(parallelism.threads);
    let mut total = ReadSummary::new(shared.clone(), options.format);
    std::thread::scope(|scope| {
        // Owned here, so that leaving early refuses what readers still send.
        let done_rx = done_rx;
        for _ in 0..parallelism.threads {
            let (chunks_rx, done_tx, header, make, shrink) = (&chunks_rx, done_tx.clone(), &header, &make, &shrink);
            scope.spawn(move || {
                loop {
                    let next = chunks_rx.lock().ok().and_then(|rx| rx.recv().ok());
                    let Some(chunk) = next else { break };
                    let done =
                        read_chunk(chunk.bytes, chunk.lines_before, header, file, options, names, make(), shrink);
                    if done_tx.send((chunk.index, done)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        let mut pending: BTreeMap<usize, Done<T>> = BTreeMap::new();
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
                Ok(()) => hand_over(&mut pending, &mut next_to_hand, &mut total, &mut on_chunk, &mut on_record),
                Err(gone) => Err(unreadable(&shared, &gone).into()),
            };
        }
        drop(chunks_tx);
        while next_to_hand < sent && outcome.is_ok() {
            match done_rx.recv() {
                Ok((i, done)) => {
                    pending.insert(i, done);
                    outcome = hand_over(&mut pending, &mut next_to_hand, &mut total, &mut on_chunk, &mut on_record);
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
            on_chunk();
            let mut opts = *options;
            opts.lines_before = splitter.lines_before_last;
            let body = io::Cursor::new(rest).chain(&mut input);
            let summary = match options.format {
                Format::Csv => read_records_named(
                    io::Cursor::new(&header).chain(body),
                    file,
                    &opts_for_csv(&opts),
                    names,
                    make(),
                    |r| on_record(shrink(r)),
                )?,
                _ => read_records_named(body, file, &opts, names, make(), |r| on_record(shrink(r)))?,
            };
            add(&mut total, summary);
        }
        Ok(total)
    })
}

/// The lines before a chunk, as the CSV reader counts them after the
/// header line put in front of it.
fn opts_for_csv(options: &ReadOptions) -> ReadOptions {
    let mut opts = *options;
    opts.lines_before = options.lines_before.saturating_sub(1);
    opts
}

#[allow(clippy::too_many_arguments)]
fn read_chunk<B: RecordBuilder, T>(
    bytes: Vec<u8>,
    lines_before: u64,
    header: &[u8],
    file: &str,
    options: &ReadOptions,
    names: &[&str],
    builder: B,
    shrink: &impl Fn(B::Record) -> T,
) -> Done<T> {
    let mut records = Vec::new();
    let mut opts = *options;
    opts.lines_before = lines_before;
    let end = match options.format {
        Format::Csv => read_csv_chunk(header, &bytes, file, &opts_for_csv(&opts), names, builder, |r| {
            records.push(shrink(r));
            Ok::<(), EventError>(())
        }),
        _ => read_records_named(io::Cursor::new(bytes), file, &opts, names, builder, |r| {
            records.push(shrink(r));
            Ok::<(), EventError>(())
        }),
    };
    Done { records, end }
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
fn hand_over<R, C, F, E>(
    pending: &mut BTreeMap<usize, Done<R>>,
    next: &mut usize,
    total: &mut ReadSummary,
    on_chunk: &mut C,
    on_record: &mut F,
) -> Result<(), E>
where
    C: FnMut(),
    F: FnMut(R) -> Result<(), E>,
    E: From<EventError>,
{
    while let Some(done) = pending.remove(next) {
        *next += 1;
        on_chunk();
        for record in done.records {
            on_record(record)?;
        }
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
        // Through `read_to_end`, which does not zero the space first.
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
            let found =
                if self.eof { Some(self.buffer.len()) } else { memchr::memrchr(b'\n', &self.buffer).map(|i| i + 1) };
            match found {
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

    fn take_rest(&mut self) -> Vec<u8> {
        self.lines_before_last = self.lines_before;
        std::mem::take(&mut self.buffer)
    }
}
