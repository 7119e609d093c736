//! Where output goes and whether it is coloured.

use clap::ValueEnum;
use std::io::{IsTerminal, Write};
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
