//! The formatter's output before alignment: lines with a body, an optional
//! `§` citation and the comments that end them. Alignment needs every line
//! of a block at once (the citation column is the block's), so the printer
//! builds lines and this module lays them out.

use std::collections::HashMap;
use unicode_width::UnicodeWidthStr;

/// One indentation level.
pub const INDENT: &str = "  ";
/// The display column where `§` citations stand (the column the shipped
/// contracts were written to). A line that reaches it keeps its citation
/// two spaces after its end, rather than pushing every other citation of
/// its block out of sight.
pub const CITATION_COLUMN: usize = 69;

#[derive(Debug, Default, Clone)]
pub struct Line {
    /// Indentation in levels.
    pub indent: usize,
    /// The text after the indentation (may hold line breaks inside a text
    /// block or a block comment, which are kept exactly).
    pub body: String,
    pub citation: Option<String>,
    /// Comments after the body (and after the citation).
    pub tail: String,
    /// The block the line is in: a run of aligned comments stays in one.
    pub group: usize,
    pub blank: bool,
}

impl Line {
    pub fn blank() -> Line {
        Line { blank: true, ..Line::default() }
    }

    pub fn is_empty(&self) -> bool {
        self.body.is_empty() && self.tail.is_empty() && self.citation.is_none()
    }

    /// The display column where the body ends: characters such as 中 take
    /// two columns, which is what an editor's alignment shows.
    fn end_column(&self) -> usize {
        match self.body.rfind('\n') {
            // The last line of a text block stands where it was written.
            Some(at) => self.body[at + 1..].width(),
            None => self.indent * INDENT.len() + self.body.width(),
        }
    }
}

/// Lay the lines out: citations in one column, and comments that end
/// consecutive lines in one column per run.
pub fn render(lines: &[Line]) -> String {
    let comment_columns = comment_columns(lines);
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if line.blank {
            out.push('\n');
            continue;
        }
        let mut text = String::new();
        if !line.body.is_empty() {
            text.push_str(&INDENT.repeat(line.indent));
            text.push_str(&line.body);
        }
        let mut at = line.end_column();
        if let Some(citation) = &line.citation {
            pad_to(&mut text, &mut at, CITATION_COLUMN);
            text.push_str(citation);
            if !line.tail.is_empty() {
                text.push_str("  ");
            }
        } else if !line.tail.is_empty() {
            match comment_columns.get(&i) {
                Some(&column) => pad_to(&mut text, &mut at, column),
                None if text.is_empty() => text.push_str(&INDENT.repeat(line.indent)),
                None => text.push(' '),
            }
        }
        text.push_str(&line.tail);
        out.push_str(text.trim_end_matches([' ', '\t']));
        out.push('\n');
    }
    out
}

/// Pad with spaces to `column`, or by two spaces when already past it.
fn pad_to(text: &mut String, at: &mut usize, column: usize) {
    let spaces = if *at + 2 <= column { column - *at } else { 2 };
    text.push_str(&" ".repeat(spaces));
    *at += spaces;
}

/// Runs of consecutive lines that end in a `//` comment (with a body and no
/// citation) share the column two spaces after the longest body of the run.
fn comment_columns(lines: &[Line]) -> HashMap<usize, usize> {
    let trailing = |l: &Line| !l.blank && l.citation.is_none() && !l.body.is_empty() && l.tail.starts_with("//");
    let mut columns = HashMap::new();
    let mut i = 0;
    while i < lines.len() {
        if !trailing(&lines[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && trailing(&lines[i]) && lines[i].group == lines[start].group {
            i += 1;
        }
        let column = lines[start..i].iter().map(Line::end_column).max().unwrap_or(0) + 2;
        for j in start..i {
            columns.insert(j, column);
        }
    }
    columns
}
