//! Source files and spans.
//!
//! A [`Span`] is a pair of byte offsets into one file of a [`SourceMap`]. It
//! travels unchanged from the grammar to every diagnostic and report line;
//! line and column are computed only when something is rendered.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Which file of a [`SourceMap`] a span points into.
pub type FileId = u32;

/// A byte range `[start, end)` in one source file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span { file, start: clamp_u32(start), end: clamp_u32(end) }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span { file: self.file, start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    /// An empty span just after this one: where something missing belongs.
    pub fn after(self) -> Span {
        Span { file: self.file, start: self.end, end: self.end }
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.end == self.start
    }
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// One loaded source file with its line index.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub id: FileId,
    /// The path as the user gave it, used in diagnostics.
    pub name: String,
    pub path: Option<PathBuf>,
    pub text: Arc<str>,
    line_starts: Vec<usize>,
    /// Characters before every [`CHAR_MARK`]-th byte (rounded down to a
    /// character boundary), so that a column on a line of millions of
    /// characters is counted from a nearby mark, not from the line's start.
    char_marks: Vec<(usize, usize)>,
}

/// Bytes between two entries of `SourceFile::char_marks`.
const CHAR_MARK: usize = 4096;

/// A 1-based line and column (columns count characters, not bytes, so that
/// Chinese text is measured as a reader sees it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(id: FileId, name: impl Into<String>, path: Option<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        let text: Arc<str> = text.into();
        let mut line_starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i + 1);
            }
        }
        let mut char_marks = vec![(0, 0)];
        for (chars, (i, _)) in text.char_indices().enumerate() {
            if i >= char_marks.last().map_or(0, |m| m.0) + CHAR_MARK {
                char_marks.push((i, chars));
            }
        }
        SourceFile { id, name: name.into(), path, text, line_starts, char_marks }
    }

    /// The characters before a byte offset (on a character boundary).
    fn chars_before(&self, offset: usize) -> usize {
        let i = self.char_marks.partition_point(|m| m.0 <= offset) - 1;
        let (at, count) = self.char_marks[i];
        count + self.text.get(at..offset).map_or(offset - at, |s| s.chars().count())
    }

    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.text.len());
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let column = match self.text.get(start..offset) {
            // Counted from the nearest marks: a long line costs no more.
            Some(_) => self.chars_before(offset) - self.chars_before(start),
            None => offset - start,
        };
        LineCol { line: line + 1, column: column + 1 }
    }

    /// The 0-based line an offset falls on.
    pub fn line_index(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// How many lines the file has (an empty last line after a final newline
    /// counts).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The byte range of a 0-based line, without its `\n`.
    pub fn line_range(&self, line: usize) -> std::ops::Range<usize> {
        let start = self.line_starts.get(line).copied().unwrap_or(self.text.len());
        let end = self.line_starts.get(line + 1).map_or(self.text.len(), |next| next - 1);
        start..end.max(start)
    }

    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start as usize..span.end as usize).unwrap_or("")
    }
}

/// Every file read in one run: contracts and the files they import.
#[derive(Debug, Default, Clone)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, name: impl Into<String>, path: Option<&Path>, text: impl Into<Arc<str>>) -> FileId {
        let id = self.files.len() as FileId;
        self.files.push(SourceFile::new(id, name, path.map(Path::to_path_buf), text));
        id
    }

    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id as usize)
    }

    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }

    pub fn find_path(&self, path: &Path) -> Option<FileId> {
        self.files.iter().find(|f| f.path.as_deref() == Some(path)).map(|f| f.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let f = SourceFile::new(0, "a.sla", None, "ab\n中文x\n");
        assert_eq!(f.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(f.line_col(3), LineCol { line: 2, column: 1 });
        // "中文" is 6 bytes; x starts at byte 9, the third character.
        assert_eq!(f.line_col(9), LineCol { line: 2, column: 3 });
    }

    #[test]
    fn columns_on_long_lines_count_characters_across_marks() {
        // Line 2 holds 5,000 two-byte characters then `x`: `x` is at byte
        // 2 + 10,000 = 10,002 and is the 5,001st character of its line.
        let text = format!("a\n{}x\n", "é".repeat(5000));
        let f = SourceFile::new(0, "a.sla", None, text);
        assert_eq!(f.line_col(10_002), LineCol { line: 2, column: 5001 });
        for offset in (2..10_002).step_by(2) {
            assert_eq!(f.line_col(offset).column, (offset - 2) / 2 + 1);
        }
    }
}
