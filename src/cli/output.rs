//! Where output goes and whether it is coloured.

use clap::ValueEnum;
use std::io::{self, IsTerminal, Read, Write};
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Colour only on a terminal, and never when `NO_COLOR` is set.
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal(),
        }
    }
}

/// The terminal's width, or 100 columns when it cannot be told or is
/// implausible (a width of 0 would wrap every message away).
pub fn width() -> usize {
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).filter(|w| (20..=10_000).contains(w)).unwrap_or(100)
}

/// Write text to a file, or to stdout when no file is given.
pub fn emit(text: &str, output: Option<&Path>) -> std::io::Result<()> {
    match output {
        Some(path) => std::fs::write(path, text),
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()
        }
    }
}

/// A buffered writer to a file, or to stdout when no file is given, for
/// output too large to build as one string first.
pub fn writer(output: Option<&Path>) -> std::io::Result<Box<dyn Write>> {
    Ok(match output {
        Some(path) => Box::new(std::io::BufWriter::new(std::fs::File::create(path)?)),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    })
}

/// The most a contract, an imported file, a holiday file or a
/// configuration file may hold: 16 MiB. Reading stops one byte past it, so
/// `/dev/zero` or a pipe that never ends cannot take the machine's memory.
pub const SOURCE_LIMIT: u64 = 16 * 1024 * 1024;

/// The name standard input goes by (`slac check -`).
pub const STDIN_NAME: &str = "<stdin>";

/// Read a text file for the compiler, at most [`SOURCE_LIMIT`] bytes of
/// UTF-8; [`STDIN_NAME`] reads standard input.
pub fn read_file(path: &Path) -> io::Result<String> {
    if path == Path::new(STDIN_NAME) {
        return read_limited(io::stdin().lock());
    }
    read_limited(std::fs::File::open(path)?)
}

fn read_limited(source: impl Read) -> io::Result<String> {
    let mut bytes = Vec::new();
    source.take(SOURCE_LIMIT + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > SOURCE_LIMIT {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "it is larger than 16 MiB, the most slac reads of a contract or a file it names",
        ));
    }
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
