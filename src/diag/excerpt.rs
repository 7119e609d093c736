//! The part of a source file that a human diagnostic shows.
//!
//! miette renders whatever source it is handed: it scans it from the start
//! for every label, and pads to the label's column with a runtime format
//! width, which panics past 65,535 columns since Rust 1.87. So the renderer
//! is never handed the file itself but an [`Excerpt`]: the labelled lines
//! with a line of context, each long line clipped to windows around its
//! labels, `…` standing for what is left out. The excerpt tells miette the
//! true line and column of what it reads, so the header and the gutter read
//! as in the file, whatever the length of its lines or their number.

use crate::source::SourceFile;
use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use std::ops::Range;

/// Lines up to this many characters are shown whole.
const LONG_LINE: usize = 400;
/// Characters kept before and after a label on a clipped line.
const AROUND: usize = 40;
/// Characters kept of a long label: its head and its tail.
const HEAD: usize = 60;
const TAIL: usize = 20;
/// Characters kept of a long line that is only context.
const CONTEXT_ONLY: usize = 80;
/// Characters always kept at the start of a clipped line: they usually name
/// the statement.
const LEAD: usize = 24;
/// Elided stretches shorter than this (in bytes) are shown after all.
const MIN_GAP: usize = 8;
/// Lines of context miette asks for around a label (its default).
const CONTEXT_LINES: usize = 1;
/// Labels whose lines of context are this many lines apart or closer are
/// shown with the lines between; further apart, each has its own snippet.
/// Small on purpose: a finding comparing a block's first line with its last
/// shows those two places, not the block's comments and clauses between.
const JOIN_LINES: usize = 2;
/// What stands for an elided stretch.
const ELLIPSIS: &str = "…";

/// The lines of one file that a diagnostic's labels need, clipped.
pub struct Excerpt<'a> {
    file: &'a SourceFile,
    text: String,
    /// The shown lines, in file order.
    lines: Vec<Shown>,
}

/// One line of the file as the excerpt shows it.
struct Shown {
    /// 0-based line in the file.
    line: usize,
    /// Which run of consecutive lines it belongs to: miette may read across
    /// lines of one run, never across two.
    run: usize,
    /// Where it starts in the excerpt.
    at: usize,
    /// The stretches of the line that are kept, in order.
    pieces: Vec<Piece>,
}

/// A kept stretch of a line: file bytes `from..to`, at `at` in the excerpt.
#[derive(Clone, Copy)]
struct Piece {
    from: usize,
    to: usize,
    at: usize,
}

impl<'a> Excerpt<'a> {
    /// The excerpt of `file` that shows every one of `spans` (byte ranges in
    /// the file).
    pub fn new(file: &'a SourceFile, spans: &[Range<usize>]) -> Self {
        let spans: Vec<Range<usize>> = spans.iter().map(|s| normalise(file, s)).collect();
        let mut excerpt = Excerpt { file, text: String::new(), lines: Vec::new() };
        for (run, lines) in runs(file, &spans).into_iter().enumerate() {
            for line in lines {
                excerpt.push_line(line, run, &spans);
            }
        }
        excerpt
    }

    /// Where a file offset lands in the excerpt. Offsets that labels start
    /// or end at are always kept; any other lands on the nearest shown place.
    pub fn map(&self, offset: usize) -> usize {
        let offset = floor_boundary(&self.file.text, offset.min(self.file.text.len()));
        let line = self.file.line_index(offset);
        let i = self.lines.partition_point(|s| s.line < line);
        let Some(shown) = self.lines.get(i).filter(|s| s.line == line) else {
            return self.text.len();
        };
        for p in &shown.pieces {
            if offset < p.from {
                // Inside the elided stretch before this piece: on its `…`.
                return p.at.saturating_sub(ELLIPSIS.len());
            }
            if offset <= p.to {
                return p.at + (offset - p.from);
            }
        }
        shown.pieces.last().map_or(shown.at, |p| p.at + (p.to - p.from))
    }

    /// The excerpt as miette reads it: labels are mapped with [`Self::map`].
    pub fn source_span(&self, span: &Range<usize>) -> SourceSpan {
        let start = self.map(span.start);
        let end = self.map(span.end).max(start);
        SourceSpan::new(start.into(), end - start)
    }

    fn push_line(&mut self, line: usize, run: usize, spans: &[Range<usize>]) {
        let range = self.file.line_range(line);
        let text: &str = &self.file.text;
        let windows = windows(text, &range, spans);
        let at = self.text.len();
        let mut pieces = Vec::with_capacity(windows.len());
        let mut shown_to = range.start;
        for w in windows {
            if w.start > shown_to {
                self.text.push_str(ELLIPSIS);
            }
            pieces.push(Piece { from: w.start, to: w.end, at: self.text.len() });
            push_clean(&mut self.text, &text[w.clone()], w.end == range.end && range.end < text.len());
            shown_to = w.end;
        }
        if shown_to < range.end {
            self.text.push_str(ELLIPSIS);
        }
        if range.end < text.len() {
            self.text.push('\n');
        }
        self.lines.push(Shown { line, run, at, pieces });
    }

    /// The shown line an excerpt offset falls on.
    fn shown_at(&self, offset: usize) -> Option<&Shown> {
        let i = self.lines.partition_point(|s| s.at <= offset);
        self.lines.get(i.checked_sub(1)?)
    }

    /// The true 0-based column (in characters, as slac counts them) of an
    /// excerpt offset.
    fn column(&self, offset: usize) -> usize {
        let Some(shown) = self.shown_at(offset) else { return 0 };
        if offset == shown.at {
            return 0;
        }
        let in_file = shown
            .pieces
            .iter()
            .find(|p| offset <= p.at + (p.to - p.from))
            .map(|p| p.from + offset.saturating_sub(p.at))
            .unwrap_or_else(|| self.file.line_range(shown.line).end);
        self.file.line_col(in_file).column - 1
    }
}

impl SourceCode for Excerpt<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let read = self.text.as_str().read_span(span, before, after)?;
        let start = read.span().offset();
        let end = start + read.span().len();
        let first = self.shown_at(start).ok_or(MietteError::OutOfBounds)?;
        let last = self.shown_at(end.saturating_sub(1).max(start)).ok_or(MietteError::OutOfBounds)?;
        if first.run != last.run {
            // Two snippets far apart in the file: miette shows them apart.
            return Err(MietteError::OutOfBounds);
        }
        let index = self.lines.partition_point(|s| s.at < first.at);
        // miette counts lines from the start of the text it reads (and its
        // line count from there too); the excerpt starts at some line of the
        // file, so both shift by the difference.
        let shift = first.line - index;
        Ok(Box::new(MietteSpanContents::new_named(
            self.file.name.clone(),
            read.data(),
            *read.span(),
            first.line,
            if read.column() == 0 { 0 } else { self.column(start) },
            read.line_count() + shift,
        )))
    }
}

/// A span inside the file, on character boundaries, never inverted.
fn normalise(file: &SourceFile, span: &Range<usize>) -> Range<usize> {
    let text: &str = &file.text;
    let start = floor_boundary(text, span.start.min(text.len()));
    let end = ceil_boundary(text, span.end.clamp(start, text.len()));
    start..end
}

/// The lines to show, as runs of consecutive lines: each span's lines with
/// a line of context, runs closer than [`JOIN_LINES`] joined.
fn runs(file: &SourceFile, spans: &[Range<usize>]) -> Vec<Range<usize>> {
    let last = file.line_count() - 1;
    let mut wanted: Vec<Range<usize>> = spans
        .iter()
        .map(|s| {
            let first = file.line_index(s.start).saturating_sub(CONTEXT_LINES);
            let end = (file.line_index(s.end) + CONTEXT_LINES).min(last);
            first..end + 1
        })
        .collect();
    wanted.sort_by_key(|r| r.start);
    let mut runs: Vec<Range<usize>> = Vec::new();
    for r in wanted {
        match runs.last_mut() {
            Some(prev) if r.start <= prev.end + JOIN_LINES => prev.end = prev.end.max(r.end),
            _ => runs.push(r),
        }
    }
    runs
}

/// The stretches of one line to keep: all of it when it is short, else
/// windows around the parts of the spans on it.
fn windows(text: &str, line: &Range<usize>, spans: &[Range<usize>]) -> Vec<Range<usize>> {
    let body = &text[line.clone()];
    if body.chars().nth(LONG_LINE).is_none() {
        return vec![line.clone()];
    }
    let mut wanted = Vec::new();
    for s in spans {
        if s.start > line.end || s.end < line.start {
            continue;
        }
        let (from, to) = (s.start.max(line.start), s.end.min(line.end));
        let head_end = forward(text, from, HEAD + TAIL, line.end);
        if to <= head_end {
            wanted.push(back(text, from, AROUND, line.start)..forward(text, to, AROUND, line.end));
        } else {
            wanted.push(back(text, from, AROUND, line.start)..forward(text, from, HEAD, line.end));
            wanted.push(back(text, to, TAIL, line.start)..forward(text, to, AROUND, line.end));
        }
    }
    let lead = if wanted.is_empty() { CONTEXT_ONLY } else { LEAD };
    wanted.push(line.start..forward(text, line.start, lead, line.end));
    wanted.sort_by_key(|w| w.start);
    let mut out: Vec<Range<usize>> = Vec::new();
    for w in wanted {
        match out.last_mut() {
            Some(prev) if w.start <= prev.end + MIN_GAP => prev.end = prev.end.max(w.end),
            _ => out.push(w),
        }
    }
    // A gap at either end shorter than the ellipsis is worth showing.
    if let Some(first) = out.first_mut() {
        if first.start < line.start + MIN_GAP {
            first.start = line.start;
        }
    }
    if let Some(last) = out.last_mut() {
        if last.end + MIN_GAP > line.end {
            last.end = line.end;
        }
    }
    out
}

/// `n` characters back from `at`, not before `floor`.
fn back(text: &str, at: usize, n: usize, floor: usize) -> usize {
    text[floor..at].char_indices().rev().take(n).last().map_or(at, |(i, _)| floor + i)
}

/// `n` characters on from `at`, not past `ceiling`.
fn forward(text: &str, at: usize, n: usize, ceiling: usize) -> usize {
    text[at..ceiling].char_indices().nth(n).map_or(ceiling, |(i, _)| at + i)
}

/// Append a stretch of a line. A carriage return miette would take for a
/// line break (any but the one ending the line) becomes a space, so the
/// excerpt has exactly the file's lines.
fn push_clean(out: &mut String, stretch: &str, ends_line: bool) {
    let keep_last_cr = ends_line && stretch.ends_with('\r');
    let body = if keep_last_cr { &stretch[..stretch.len() - 1] } else { stretch };
    out.extend(body.chars().map(|c| if c == '\r' { ' ' } else { c }));
    if keep_last_cr {
        out.push('\r');
    }
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests;
