//! CSV with a header row: columns found by name once, rows read into one
//! reused `ByteRecord`.

use super::error::{EventError, EventErrorKind};
use super::limits::{MAX_SKIP_BYTES, Meter, Metered, SkipEnd};
use super::model::RowRef;
use super::pipeline::{RowSink, unreadable};
use super::read::ReadOptions;
use super::row::{Problem, Row, Value, present};
use csv::{ByteRecord, StringRecord};
use std::io::Read;
use std::sync::Arc;

/// Reads every row of `input` into `sink`. `names` are the fields to find
/// in the header (slot order); a BOM and CRLF line ends are fine. A row
/// over `max_record` bytes (with its line end) is a bad row and never held
/// whole: reading goes on after the end of the line it ran into.
pub(crate) fn read_csv<S: RowSink>(
    input: impl Read,
    file: &Arc<str>,
    names: &[&str],
    options: &ReadOptions,
    sink: &mut S,
) -> Result<(), S::Error> {
    let max_record = options.max_record_bytes;
    let meter = Meter::counting_lines(max_record);
    let mut reader = csv_reader(Metered::new(input, meter.clone()), true);
    let too_long = || Problem::row(EventErrorKind::RecordTooLong { limit: max_record as u64 });
    let header = match reader.byte_headers() {
        Ok(header) => header.clone(),
        Err(_) if meter.tripped() => {
            let error = EventError { at: row_ref(file, 1), field: None, kind: Box::new(too_long().kind) };
            return Err(sink.fail(error));
        }
        Err(e) => return Err(sink.fail(unreadable(file, &e))),
    };
    let columns = find_columns(&header, names).map_err(|kind| sink.fail(EventError::in_file(file, kind)))?;
    let present: Vec<bool> = columns.iter().map(Option::is_some).collect();
    if let Some(column) = sink.missing_column(&present) {
        let kind = EventErrorKind::MissingColumn { column };
        return Err(sink.fail(EventError::in_file(file, kind)));
    }
    let mut record = ByteRecord::new();
    // After a row over the limit, reading starts again with a new csv
    // reader: its bytes count from where it began. (A chunk of a larger
    // file counts its lines from where it stands there: `lines_before`.)
    let mut origin = 0u64;
    loop {
        let next = reader.position().clone();
        meter.begin(origin + next.byte());
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => return Ok(()),
            Err(_) if meter.tripped() => {
                let line = options.lines_before + meter.line_at(origin + next.byte());
                sink.reject(row_ref(file, line), too_long())?;
                let mut rest = reader.into_inner();
                match rest.skip_line() {
                    Ok(SkipEnd::LineEnd) => {}
                    Ok(SkipEnd::EndOfInput) => return Ok(()),
                    Ok(SkipEnd::NoLineEnd) => {
                        let mut error = EventError::in_file(file, EventErrorKind::NotText { limit: MAX_SKIP_BYTES });
                        error.at.line = Some(line);
                        return Err(sink.fail(error));
                    }
                    Err(e) => return Err(sink.fail(unreadable(file, &e))),
                }
                origin = meter.read();
                reader = csv_reader(rest, false);
                continue;
            }
            Err(e) => return Err(sink.fail(unreadable(file, &e))),
        }
        if is_blank(&record) {
            continue;
        }
        // Counted from the bytes: the parser's own count leaves out the
        // empty lines it skips.
        let line = options.lines_before + meter.line_at(origin + next.byte());
        if reader.position().byte() - next.byte() > max_record as u64 {
            sink.reject(row_ref(file, line), too_long())?;
            continue;
        }
        if record.len() != header.len() {
            let kind = EventErrorKind::RowLength { found: record.len(), expected: header.len() };
            sink.reject(row_ref(file, line), Problem::row(kind))?;
            continue;
        }
        let at = At { columns: &columns, file, line };
        record = hand_on(sink, record, at)?;
    }
}

/// Flexible: a row of the wrong length is reported as a bad row by us,
/// rather than as a reader error that would end the file. Rows end at
/// `\n` only: with csv's default CRLF handling, a row after a `\r\n` is
/// positioned on the line before; the `\r` left at the end of the last
/// cell is trimmed like other whitespace.
fn csv_reader<R: Read>(input: R, has_headers: bool) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .has_headers(has_headers)
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(input)
}

/// Hands a row to the sink and the record back for reuse. A row that is
/// all UTF-8 (checked at once, and cheaply when ASCII) is read as text;
/// otherwise each cell is checked as it is read.
fn hand_on<S: RowSink>(sink: &mut S, record: ByteRecord, at: At<'_>) -> Result<ByteRecord, S::Error> {
    match StringRecord::from_byte_record(record) {
        Ok(text) => {
            sink.accept(&CsvRow { cells: Cells::Text(&text), at })?;
            Ok(text.into_byte_record())
        }
        Err(not_utf8) => {
            let bytes = not_utf8.into_byte_record();
            sink.accept(&CsvRow { cells: Cells::Bytes(&bytes), at })?;
            Ok(bytes)
        }
    }
}

/// A line with nothing on it but whitespace (such as a lone `\r`).
fn is_blank(record: &ByteRecord) -> bool {
    record.len() == 1 && record[0].trim_ascii().is_empty()
}

/// The header index of each name, matched ignoring ASCII case and the
/// whitespace around header cells. A wanted name given twice is an error,
/// since either could be meant; unwanted columns may repeat.
fn find_columns(header: &ByteRecord, names: &[&str]) -> Result<Vec<Option<usize>>, EventErrorKind> {
    names
        .iter()
        .map(|name| {
            let mut found = header
                .iter()
                .enumerate()
                .filter(|(_, cell)| cell.trim_ascii().eq_ignore_ascii_case(name.as_bytes()))
                .map(|(i, _)| i);
            let first = found.next();
            match found.next() {
                Some(_) => Err(EventErrorKind::DuplicateColumn { column: name.to_string() }),
                None => Ok(first),
            }
        })
        .collect()
}

fn row_ref(file: &Arc<str>, line: u64) -> RowRef {
    RowRef { file: file.clone(), line: Some(line), pointer: None }
}

/// Where a CSV row is, and where its fields are.
#[derive(Clone, Copy)]
struct At<'a> {
    columns: &'a [Option<usize>],
    file: &'a Arc<str>,
    line: u64,
}

enum Cells<'a> {
    Text(&'a StringRecord),
    Bytes(&'a ByteRecord),
}

/// One CSV row, its fields found through the header.
struct CsvRow<'a> {
    cells: Cells<'a>,
    at: At<'a>,
}

impl Row for CsvRow<'_> {
    fn get(&self, slot: usize) -> Option<Value<'_>> {
        let column = (*self.at.columns.get(slot)?)?;
        match self.cells {
            Cells::Text(record) => present(record.get(column)?).map(Value::Text),
            Cells::Bytes(record) => {
                let cell = self.record_bytes(record, column)?;
                // Only the cells a record uses need to be UTF-8.
                Some(match std::str::from_utf8(cell) {
                    Ok(text) => Value::Text(text),
                    Err(_) => Value::Unsupported("bytes that are not UTF-8"),
                })
            }
        }
    }

    fn source(&self) -> RowRef {
        row_ref(self.at.file, self.at.line)
    }
}

impl CsvRow<'_> {
    fn record_bytes<'r>(&self, record: &'r ByteRecord, column: usize) -> Option<&'r [u8]> {
        let cell = record.get(column)?.trim_ascii();
        (!cell.is_empty()).then_some(cell)
    }
}

/// Reads CSV text known to hold no `"` (a chunk of a file read in
/// parallel, after its `header` line): with no quoting, a row is a line and
/// its cells are split at commas, so rows are cut by hand rather than by
/// the general CSV reader, and handed on exactly as [`read_csv`] hands them
/// (blank lines skipped, rows of the wrong length and rows over
/// `max_record` bytes rejected, lines numbered as in the whole file).
/// Only for text that [`is_plain`].
pub(crate) fn read_plain_csv<S: RowSink>(
    header: &[u8],
    body: &[u8],
    file: &Arc<str>,
    names: &[&str],
    options: &ReadOptions,
    sink: &mut S,
) -> Result<(), S::Error> {
    let mut record = ByteRecord::new();
    split_line(header.strip_suffix(b"\n").unwrap_or(header), &mut record);
    read_plain_rows(&record, body, file, names, options, sink)
}

/// Whether [`read_plain_csv`] reads this text as [`read_csv`] does: no
/// quote anywhere, and a header with no byte-order mark, within the limit.
pub(crate) fn is_plain(header: &[u8], body: &[u8], max_record: usize) -> bool {
    header.len() <= max_record
        && !header.starts_with(b"\xEF\xBB\xBF")
        && memchr::memchr(b'"', header).is_none()
        && memchr::memchr(b'"', body).is_none()
}

fn read_plain_rows<S: RowSink>(
    header: &ByteRecord,
    body: &[u8],
    file: &Arc<str>,
    names: &[&str],
    options: &ReadOptions,
    sink: &mut S,
) -> Result<(), S::Error> {
    let columns = find_columns(header, names).map_err(|kind| sink.fail(EventError::in_file(file, kind)))?;
    let present: Vec<bool> = columns.iter().map(Option::is_some).collect();
    if let Some(column) = sink.missing_column(&present) {
        return Err(sink.fail(EventError::in_file(file, EventErrorKind::MissingColumn { column })));
    }
    let too_long = || Problem::row(EventErrorKind::RecordTooLong { limit: options.max_record_bytes as u64 });
    // The header is line `lines_before + 1`; the body's first line follows.
    let mut line = options.lines_before + 1;
    let mut rest = body;
    // Where each cell of the current line is, reused row after row.
    let mut cells: Vec<(usize, usize)> = Vec::with_capacity(header.len());
    while !rest.is_empty() {
        line += 1;
        let (text, taken) = match memchr::memchr(b'\n', rest) {
            Some(end) => (&rest[..end], end + 1),
            None => (rest, rest.len()),
        };
        rest = &rest[taken..];
        if text.is_empty() {
            continue;
        }
        if taken > options.max_record_bytes {
            sink.reject(row_ref(file, line), too_long())?;
            continue;
        }
        cell_bounds(text, &mut cells);
        // A line of one blank cell (spaces, a lone `\r`) is no row.
        if cells.len() == 1 && text.trim_ascii().is_empty() {
            continue;
        }
        if cells.len() != header.len() {
            let kind = EventErrorKind::RowLength { found: cells.len(), expected: header.len() };
            sink.reject(row_ref(file, line), Problem::row(kind))?;
            continue;
        }
        let at = At { columns: &columns, file, line };
        // As `hand_on`: a line that is all UTF-8 is read as text.
        let row = match std::str::from_utf8(text) {
            Ok(text) => PlainRow { line: PlainLine::Text(text), cells: &cells, at },
            Err(_) => PlainRow { line: PlainLine::Bytes(text), cells: &cells, at },
        };
        sink.accept(&row)?;
    }
    Ok(())
}

/// Where the cells of a line with no quote are: between the commas.
fn cell_bounds(text: &[u8], cells: &mut Vec<(usize, usize)>) {
    cells.clear();
    let mut start = 0;
    for comma in memchr::memchr_iter(b',', text) {
        cells.push((start, comma));
        start = comma + 1;
    }
    cells.push((start, text.len()));
}

enum PlainLine<'a> {
    Text(&'a str),
    Bytes(&'a [u8]),
}

/// A row of a line with no quote: its cells are slices of the line, read
/// as [`CsvRow`] reads a record's.
struct PlainRow<'a> {
    line: PlainLine<'a>,
    cells: &'a [(usize, usize)],
    at: At<'a>,
}

impl Row for PlainRow<'_> {
    fn get(&self, slot: usize) -> Option<Value<'_>> {
        let column = (*self.at.columns.get(slot)?)?;
        let (start, end) = *self.cells.get(column)?;
        match self.line {
            PlainLine::Text(text) => present(text.get(start..end)?).map(Value::Text),
            PlainLine::Bytes(bytes) => {
                let cell = bytes.get(start..end)?.trim_ascii();
                if cell.is_empty() {
                    return None;
                }
                Some(match std::str::from_utf8(cell) {
                    Ok(text) => Value::Text(text),
                    Err(_) => Value::Unsupported("bytes that are not UTF-8"),
                })
            }
        }
    }

    fn source(&self) -> RowRef {
        row_ref(self.at.file, self.at.line)
    }
}

/// The cells of a line with no quote: the text between commas.
fn split_line(text: &[u8], record: &mut ByteRecord) {
    record.clear();
    let mut start = 0;
    for comma in memchr::memchr_iter(b',', text) {
        record.push_field(&text[start..comma]);
        start = comma + 1;
    }
    record.push_field(&text[start..]);
}
