//! Where inputs come from. The library reaches files only through a
//! [`Files`] the caller passes, as `driver::compile_with` takes its `read`:
//! the CLI's wraps each reader in a progress bar, tests may hand in text
//! from memory, and [`Disk`] is the plain file system.

use super::error::{Field, InputError};
use crate::events::limits::{self, MAX_DOCUMENT_BYTES, show_bytes};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The name standard input goes by as a contract (`slac check -`).
pub const STDIN_NAME: &str = "<stdin>";

/// The most a contract, an imported file, a holiday file or a
/// configuration file may hold: 16 MiB. Reading stops one byte past it, so
/// `/dev/zero` or a pipe that never ends cannot take the machine's memory.
pub const SOURCE_LIMIT: u64 = 16 * 1024 * 1024;

/// An opened input and its size in bytes (0 when unknown: a pipe).
pub struct Opened<'a> {
    pub reader: Box<dyn Read + 'a>,
    pub size: u64,
}

/// The file system as the library sees it.
pub trait Files {
    /// Opens a file for reading; `-` is standard input, and so is
    /// [`STDIN_NAME`] for a contract.
    fn open(&self, path: &Path) -> io::Result<Opened<'_>>;

    /// The directory a file's `slac.toml` is looked for from: its own,
    /// with links resolved where the file system can.
    fn directory_of(&self, file: &Path) -> PathBuf {
        file.parent().map(Path::to_path_buf).unwrap_or_default()
    }

    /// A text file for the compiler (a contract, an import, a holiday file,
    /// `slac.toml`): at most [`SOURCE_LIMIT`] bytes of UTF-8.
    fn read_text(&self, path: &Path) -> io::Result<String> {
        read_limited(self.open(path)?.reader)
    }
}

/// The real file system and standard input.
#[derive(Clone, Copy, Debug, Default)]
pub struct Disk;

impl Files for Disk {
    fn open(&self, path: &Path) -> io::Result<Opened<'_>> {
        if is_stdin(path) || path == Path::new(STDIN_NAME) {
            return Ok(Opened { reader: Box::new(io::stdin().lock()), size: 0 });
        }
        let file = std::fs::File::open(path)?;
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        Ok(Opened { reader: Box::new(file), size })
    }

    fn directory_of(&self, file: &Path) -> PathBuf {
        std::fs::canonicalize(file)
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| file.parent().map(Path::to_path_buf).unwrap_or_default())
    }
}

/// Is this path standard input?
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// At most [`SOURCE_LIMIT`] bytes of UTF-8; an error that says where the
/// first byte that is not UTF-8 is.
fn read_limited(source: impl Read) -> io::Result<String> {
    let Some(bytes) = limits::read_whole(source, SOURCE_LIMIT)? else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "it is larger than {}, the most slac reads of a contract or a file it names",
                show_bytes(SOURCE_LIMIT)
            ),
        ));
    };
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = bytes[..at].iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        // The part before `at` is valid UTF-8, so its characters count.
        let column = String::from_utf8_lossy(&bytes[line_start..at]).chars().count() + 1;
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("it is not UTF-8 text: line {line}, column {column} holds a byte that is not UTF-8; save the file as UTF-8"),
        )
    })
}

/// Reading event files, mappings and exports whole or in part, with
/// errors that name the file and what it was given as.
#[derive(Clone, Copy)]
pub(super) struct Input<'f> {
    pub files: &'f dyn Files,
}

impl<'f> Input<'f> {
    pub fn open(&self, path: &Path, kind: &str) -> Result<Opened<'f>, InputError> {
        self.files
            .open(path)
            .map_err(|e| InputError::file(path, format!("cannot open {kind} file {}: {e}", path.display())))
    }

    /// The whole file, when it holds at most [`MAX_DOCUMENT_BYTES`]; an
    /// error naming the limit otherwise.
    pub fn read_whole(&self, path: &Path, kind: &str) -> Result<Vec<u8>, InputError> {
        match self.read_within(path, kind, MAX_DOCUMENT_BYTES)? {
            Some(bytes) => Ok(bytes),
            None => Err(too_large(path)),
        }
    }

    /// The whole file when it holds at most `limit` bytes, else `None`.
    pub fn read_within(&self, path: &Path, kind: &str, limit: u64) -> Result<Option<Vec<u8>>, InputError> {
        let input = self.open(path, kind)?;
        limits::read_whole(input.reader, limit)
            .map_err(|e| InputError::file(path, format!("cannot read {kind} file {}: {e}", path.display())))
    }

    /// The first `limit` bytes of a file: enough to look at its header.
    pub fn read_start(&self, path: &Path, kind: &str, limit: u64) -> Result<Vec<u8>, InputError> {
        let input = self.open(path, kind)?;
        limits::read_prefix(input.reader, limit)
            .map_err(|e| InputError::file(path, format!("cannot read {kind} file {}: {e}", path.display())))
    }

    /// A text file read whole (a mapping), within [`MAX_DOCUMENT_BYTES`].
    pub fn read_text(&self, path: &Path, kind: &str) -> Result<String, InputError> {
        let bytes = self.read_whole(path, kind)?;
        String::from_utf8(bytes)
            .map_err(|_| InputError::file(path, format!("{kind} file {} is not UTF-8 text", path.display())))
    }
}

fn too_large(path: &Path) -> InputError {
    InputError::file(
        path,
        format!(
            "{}: the file is over {}, the most slac reads whole (a tool's export, a mapping); split it, \
             or convert it to slac's own schema, which is read as a stream",
            path.display(),
            show_bytes(MAX_DOCUMENT_BYTES)
        ),
    )
}

/// Standard input given for more than one file.
pub(super) fn one_stdin(given: &[(Field, Option<&Path>)]) -> Result<(), InputError> {
    let stdin: Vec<Field> = given.iter().filter(|(_, p)| p.is_some_and(is_stdin)).map(|(f, _)| *f).collect();
    if stdin.len() > 1 {
        return Err(InputError::Conflict {
            fields: stdin,
            message: "all read standard input (`-`); only one input can".into(),
        });
    }
    Ok(())
}
