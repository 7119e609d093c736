//! The two JSON layouts: NDJSON (one object a line) and a JSON array of
//! objects, each streamed a row at a time.

use super::error::{EventError, EventErrorKind};
use super::json_flat::read_flat;
use super::json_row::{JsonObject, JsonRow, KeyOrder, ObjectSeed, Place, place_ref};
use super::limits::{MAX_SKIP_BYTES, Meter, Metered};
use super::lines::{Line, Lines};
use super::pipeline::{RowSink, unreadable};
use super::read::ReadOptions;
use super::row::Problem;
use serde::de::{self, DeserializeSeed, SeqAccess, Visitor};
use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::sync::Arc;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads NDJSON: one object a line; blank lines are ignored; a line that is
/// not JSON is a bad row like any other.
pub(crate) fn read_ndjson<S: RowSink>(
    input: impl Read,
    file: &Arc<str>,
    names: &[&str],
    options: &ReadOptions,
    sink: &mut S,
) -> Result<(), S::Error> {
    let max_record = options.max_record_bytes;
    let mut lines = Lines::new(input, max_record);
    let mut order = KeyOrder::default();
    let mut object = JsonObject::default();
    let mut line_no = options.lines_before;
    loop {
        line_no += 1;
        let line = match lines.next_line() {
            Ok(Some(Line::Text(line))) => line,
            Ok(Some(Line::TooLong)) => {
                let kind = EventErrorKind::RecordTooLong { limit: max_record as u64 };
                sink.reject(place_ref(file, Place::Line(line_no)), Problem::row(kind))?;
                continue;
            }
            Ok(Some(Line::Endless)) => {
                let mut error = EventError::in_file(file, EventErrorKind::NotText { limit: MAX_SKIP_BYTES });
                error.at.line = Some(line_no - 1);
                return Err(sink.fail(error));
            }
            Ok(None) => return Ok(()),
            Err(e) => return Err(sink.fail(unreadable(file, &e))),
        };
        let line = if line_no == 1 { line.strip_prefix(BOM).unwrap_or(line) } else { line };
        if line.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r')) {
            continue;
        }
        let place = Place::Line(line_no);
        match read_line(line, names, &mut order, &mut object) {
            Ok(text) => hand_on(sink, &object, text, file, place)?,
            Err(e) => sink.reject(place_ref(file, place), Problem::row(invalid_json(&e)))?,
        }
    }
}

/// One NDJSON line into `object`: by hand when it is simple, else by serde.
/// Returns the text the object's in-line strings are in.
fn read_line<'l>(
    line: &'l [u8],
    names: &[&str],
    order: &mut KeyOrder,
    object: &mut JsonObject,
) -> Result<&'l str, serde_json::Error> {
    object.clear();
    if let Ok(text) = std::str::from_utf8(line) {
        if read_flat(text, names, order, object).is_some() {
            return Ok(text);
        }
        object.clear();
    }
    let mut json = serde_json::Deserializer::from_slice(line);
    let seed = ObjectSeed { names, order, object };
    seed.deserialize(&mut json)?;
    json.end()?;
    Ok("")
}

/// A row read as an object goes to the sink as a row or, when flawed
/// (not an object, a key twice), as a bad row.
fn hand_on<S: RowSink>(
    sink: &mut S,
    object: &JsonObject,
    line: &str,
    file: &Arc<str>,
    place: Place,
) -> Result<(), S::Error> {
    match &object.flaw {
        Some(problem) => sink.reject(place_ref(file, place), (**problem).clone()),
        None => sink.accept(&JsonRow { object, line, file, place }),
    }
}

/// serde_json's message without its " at line L column C" (the caller
/// says where), and the column apart.
fn invalid_json(e: &serde_json::Error) -> EventErrorKind {
    EventErrorKind::InvalidJson { message: without_position(e), column: (e.column() > 0).then_some(e.column() as u64) }
}

pub(crate) fn without_position(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    match message.strip_suffix(&position) {
        Some(bare) => bare.to_string(),
        None => message,
    }
}

/// Reads a JSON array of objects, one element at a time: the array is never
/// held whole, nor an element over `max_record` bytes. Broken JSON and an
/// element over the limit end the file (there is no next row to resume
/// at); a well-formed element that is not a usable object is a bad row.
pub(crate) fn read_json<S: RowSink>(
    input: impl Read,
    file: &Arc<str>,
    names: &[&str],
    max_record: usize,
    sink: &mut S,
) -> Result<(), S::Error> {
    let meter = Meter::new(max_record);
    let mut reader = BufReader::with_capacity(1 << 16, Metered::new(input, meter.clone()));
    meter.begin_here();
    let start = match reader.fill_buf() {
        Ok(start) => start,
        Err(_) if meter.tripped() => return Err(sink.fail(too_long(file, Place::Index(0), max_record))),
        Err(e) => return Err(sink.fail(unreadable(file, &e))),
    };
    if start.starts_with(BOM) {
        reader.consume(BOM.len());
    }
    let mut json = serde_json::Deserializer::from_reader(reader);
    let mut stopped = None;
    let mut index = 0u64;
    let elements = Elements { names, file, sink: &mut *sink, stopped: &mut stopped, meter: &meter, index: &mut index };
    let result = de::Deserializer::deserialize_seq(&mut json, elements).and_then(|()| {
        // What follows the array is bounded like a record.
        meter.begin_here();
        json.end()
    });
    if let Some(stop) = stopped {
        return Err(stop);
    }
    if result.is_err() && meter.tripped() {
        return Err(sink.fail(too_long(file, Place::Index(index), max_record)));
    }
    result.map_err(|e| sink.fail(json_error(file, &e)))
}

/// The error for an array element over the limit.
fn too_long(file: &Arc<str>, place: Place, max_record: usize) -> EventError {
    EventError {
        at: place_ref(file, place),
        field: None,
        kind: Box::new(EventErrorKind::RecordTooLong { limit: max_record as u64 }),
    }
}

/// The file-level error for JSON that cannot be read on.
fn json_error(file: &Arc<str>, e: &serde_json::Error) -> EventError {
    if e.is_io() {
        return unreadable(file, &without_position(e));
    }
    let mut error = EventError::in_file(file, invalid_json(e));
    error.at.line = (e.line() > 0).then_some(e.line() as u64);
    error
}

/// Hands each array element to the sink as it is read. When the sink says
/// stop, its error is kept in `stopped` and parsing is cut short.
struct Elements<'a, S: RowSink> {
    names: &'a [&'a str],
    file: &'a Arc<str>,
    sink: &'a mut S,
    stopped: &'a mut Option<S::Error>,
    /// Restarted at each element, so no element is read past the limit.
    meter: &'a Meter,
    /// The element being read.
    index: &'a mut u64,
}

impl<'de, S: RowSink> Visitor<'de> for Elements<'_, S> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of objects")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut order = KeyOrder::default();
        let mut object = JsonObject::default();
        let mut index = 0u64;
        loop {
            object.clear();
            *self.index = index;
            self.meter.begin_here();
            let seed = ObjectSeed { names: self.names, order: &mut order, object: &mut object };
            if seq.next_element_seed(seed)?.is_none() {
                return Ok(());
            }
            let place = Place::Index(index);
            if let Err(stop) = hand_on(self.sink, &object, "", self.file, place) {
                *self.stopped = Some(stop);
                return Err(de::Error::custom("stopped by the caller"));
            }
            index += 1;
        }
    }
}
