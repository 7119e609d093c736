//! Opening event files: a path, or `-` for standard input; and reading a
//! file whole within the limit of what slac holds in memory.

use crate::events::limits::{self, MAX_DOCUMENT_BYTES, show_bytes};
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Is this path standard input?
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The file, or standard input for `-`, and its size when known.
pub fn open(path: &Path) -> io::Result<(Box<dyn Read>, u64)> {
    if is_stdin(path) {
        return Ok((Box::new(io::stdin().lock()), 0));
    }
    let file = File::open(path)?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    Ok((Box::new(file), size))
}

/// The whole file, when it holds at most [`MAX_DOCUMENT_BYTES`]; an error
/// naming the limit otherwise.
pub fn read_whole(path: &Path, kind: &str) -> Result<Vec<u8>, String> {
    match read_within(path, kind, MAX_DOCUMENT_BYTES)? {
        Some(bytes) => Ok(bytes),
        None => Err(too_large(path)),
    }
}

/// The whole file when it holds at most `limit` bytes, else `None`.
pub fn read_within(path: &Path, kind: &str, limit: u64) -> Result<Option<Vec<u8>>, String> {
    let (input, _) = open(path).map_err(|e| format!("cannot open {kind} file {}: {e}", path.display()))?;
    limits::read_whole(input, limit).map_err(|e| format!("cannot read {kind} file {}: {e}", path.display()))
}

/// The first `limit` bytes of a file: enough to look at its header.
pub fn read_start(path: &Path, kind: &str, limit: u64) -> Result<Vec<u8>, String> {
    let (input, _) = open(path).map_err(|e| format!("cannot open {kind} file {}: {e}", path.display()))?;
    limits::read_prefix(input, limit).map_err(|e| format!("cannot read {kind} file {}: {e}", path.display()))
}

/// A text file read whole (a mapping), within [`MAX_DOCUMENT_BYTES`].
pub fn read_text(path: &Path, kind: &str) -> Result<String, String> {
    let bytes = read_whole(path, kind)?;
    String::from_utf8(bytes).map_err(|_| format!("{kind} file {} is not UTF-8 text", path.display()))
}

fn too_large(path: &Path) -> String {
    format!(
        "{}: the file is over {}, the most slac reads whole (a tool's export, a mapping); split it, \
         or convert it to slac's own schema, which is read as a stream",
        path.display(),
        show_bytes(MAX_DOCUMENT_BYTES)
    )
}
