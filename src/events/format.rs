//! The file formats event files come in.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::Path;
use std::str::FromStr;

/// How an event file is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON array of objects.
    Json,
    /// One JSON object a line (also called JSON Lines).
    Ndjson,
}

impl Format {
    /// The format an extension stands for (`.csv`, `.json`, `.ndjson`,
    /// `.jsonl`), ignoring case; `None` for anything else.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?;
        ext.parse().ok()
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Ndjson => "ndjson",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format name that is not one of `csv`, `json`, `ndjson`, `jsonl`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown event file format {:?}: expected csv, json, ndjson or jsonl", self.0)
    }
}

impl std::error::Error for UnknownFormat {}

impl FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Format, UnknownFormat> {
        match s.to_ascii_lowercase().as_str() {
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            "ndjson" | "jsonl" => Ok(Format::Ndjson),
            _ => Err(UnknownFormat(s.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extension_decides() {
        let of = |p: &str| Format::from_path(Path::new(p));
        assert_eq!(of("a/incidents.csv"), Some(Format::Csv));
        assert_eq!(of("probes.JSONL"), Some(Format::Ndjson));
        assert_eq!(of("probes.ndjson"), Some(Format::Ndjson));
        assert_eq!(of("x.json"), Some(Format::Json));
        assert_eq!(of("x.txt"), None);
        assert_eq!(of("csv"), None);
    }

    #[test]
    fn unknown_names_are_refused() {
        let err = "xml".parse::<Format>().unwrap_err();
        assert_eq!(err.to_string(), "unknown event file format \"xml\": expected csv, json, ndjson or jsonl");
    }
}
