//! Walking the syntax tree in source order and building the formatted
//! lines. Every value is written as its source text (the lawyer's `99.90%`
//! stays `99.90%`); only the layout between values is decided here. Each
//! comment is placed where it stood: on a line of its own, or at the end of
//! the line it ended.

use super::lines::Line;
use crate::syntax::{AttrArg, Attribute, Block, Citation, Comment, Statement, SyntaxFile, Value, ValueKind};

/// Continuation lines of a statement written over several lines (after a
/// comma) are indented two levels deeper than the statement.
const CONTINUATION: usize = 2;

pub struct Printer<'a> {
    src: &'a str,
    comments: &'a [Comment],
    /// The next comment not yet placed.
    next: usize,
    lines: Vec<Line>,
    cur: Line,
    indent: usize,
    group: usize,
    groups: usize,
    /// The end of the last source item placed, for finding blank lines.
    last_end: usize,
    /// The next line of its own starts after a blank line.
    force_blank: bool,
    /// Nothing has been written in the current block yet.
    at_block_start: bool,
    /// The current line ended in a `//` comment or a line break written
    /// after a comma: the next value starts a new line.
    break_next: bool,
    /// Inside a statement: the indentation of its continuation lines.
    cont: Option<usize>,
}

impl<'a> Printer<'a> {
    pub fn new(src: &'a str, comments: &'a [Comment]) -> Self {
        Printer {
            src,
            comments,
            next: 0,
            lines: Vec::new(),
            cur: Line::default(),
            indent: 0,
            group: 0,
            groups: 1,
            last_end: 0,
            force_blank: false,
            at_block_start: true,
            break_next: false,
            cont: None,
        }
    }

    pub fn file(mut self, file: &SyntaxFile) -> Vec<Line> {
        for attr in &file.attrs {
            self.attribute(attr);
        }
        self.statements(&file.statements);
        self.flush(self.src.len());
        self.end_line();
        while self.lines.last().is_some_and(|l| l.blank) {
            self.lines.pop();
        }
        self.lines
    }

    // ------------------------------------------------------------ lines

    fn end_line(&mut self) {
        let fresh = Line { indent: self.indent, group: self.group, ..Line::default() };
        let done = std::mem::replace(&mut self.cur, fresh);
        if !done.is_empty() {
            self.lines.push(done);
        }
        self.break_next = false;
    }

    /// Start a line of its own for a statement, an attribute or a comment,
    /// after a blank line where the source had one or a rule asks for one.
    fn own_line(&mut self, at: usize) {
        self.end_line();
        let blank = self.force_blank || self.blank_between(self.last_end, at);
        if blank && !self.at_block_start && self.lines.last().is_some_and(|l| !l.blank) {
            self.lines.push(Line::blank());
        }
        self.force_blank = false;
        self.at_block_start = false;
    }

    /// Whether the source has a blank line between two offsets.
    fn blank_between(&self, from: usize, to: usize) -> bool {
        let gap = self.src.get(from..to).unwrap_or_default();
        let pieces: Vec<&str> = gap.split('\n').collect();
        pieces.len() >= 3 && pieces[1..pieces.len() - 1].iter().any(|p| p.trim().is_empty())
    }

    /// Add text to the current line, a space before it when `space`.
    fn push(&mut self, text: &str, space: bool) {
        if self.break_next {
            self.end_line();
            self.cur.indent = self.cont.unwrap_or(self.indent);
        }
        if !self.cur.tail.is_empty() {
            // A comment in the middle of the line stays in the middle.
            let tail = std::mem::take(&mut self.cur.tail);
            if !self.cur.body.is_empty() {
                self.cur.body.push(' ');
            }
            self.cur.body.push_str(&tail);
        }
        if space && !self.cur.body.is_empty() {
            self.cur.body.push(' ');
        }
        self.cur.body.push_str(text);
    }

    // ------------------------------------------------------------ comments

    /// Place every comment that starts before `before`.
    fn flush(&mut self, before: usize) {
        while let Some(c) = self.comments.get(self.next) {
            if c.span.lo() >= before {
                break;
            }
            self.next += 1;
            if c.span.lo() < self.last_end {
                continue; // written inside a value kept as written
            }
            self.comment(c);
        }
    }

    fn comment(&mut self, c: &Comment) {
        let text = c.text.trim_end_matches(['\r', '\n']);
        let line_start = self.src[..c.span.lo()].rfind('\n').map_or(0, |n| n + 1);
        // A comment after a `//` comment (`; // b` after `// a`) starts
        // its own line too, or the two would read as one.
        let own = self.src[line_start..c.span.lo()].trim().is_empty() || self.break_next;
        if own {
            match self.cont {
                Some(cont) => {
                    self.end_line();
                    self.cur.indent = cont;
                }
                None => self.own_line(c.span.lo()),
            }
            self.cur.body.push_str(text);
        } else if self.cur.body.is_empty() && self.cur.citation.is_none() {
            self.cur.body.push_str(text);
        } else {
            if !self.cur.tail.is_empty() {
                self.cur.tail.push(' ');
            }
            self.cur.tail.push_str(text);
        }
        self.break_next = text.starts_with("//") || self.break_next;
        self.last_end = c.span.hi();
    }

    /// The layout between two values of a statement: commas, comments and
    /// the line breaks written after a comma. Returns whether anything
    /// separated them (so `7*24` stays as written).
    fn gap(&mut self, from: usize, to: usize) -> bool {
        self.gap_with(from, to, true)
    }

    /// The gap inside an interval, whose one comma the printer writes.
    fn gap_without_commas(&mut self, from: usize, to: usize) {
        self.gap_with(from, to, false);
    }

    fn gap_with(&mut self, from: usize, to: usize, commas: bool) -> bool {
        self.skip_placed(from);
        let mut at = from;
        while at < to {
            if let Some(c) = self.comments.get(self.next).filter(|c| c.span.lo() == at) {
                self.next += 1;
                self.comment(c);
                at = c.span.hi().max(at + 1);
                continue;
            }
            let Some(ch) = self.src[at..].chars().next() else { break };
            match ch {
                ',' if commas => self.push(",", false),
                '\n' => self.break_next = true,
                _ => {}
            }
            at += ch.len_utf8();
        }
        self.last_end = self.last_end.max(to);
        from < to
    }

    // ------------------------------------------------------------ tree

    fn statements(&mut self, statements: &[Statement]) {
        for (i, s) in statements.iter().enumerate() {
            // Blank lines between clauses: around every clause with a block.
            let around_block = i > 0 && (s.block.is_some() || statements[i - 1].block.is_some());
            self.force_blank |= around_block;
            self.statement(s);
        }
    }

    fn statement(&mut self, s: &Statement) {
        for attr in &s.attrs {
            self.attribute(attr);
        }
        let Some(first) = s.values.first() else { return };
        self.flush(first.span.lo());
        if s.attrs.is_empty() {
            self.own_line(first.span.lo());
        } else {
            self.end_line();
        }
        self.value(first, false);
        self.cont = Some(self.indent + CONTINUATION);
        for pair in s.values.windows(2) {
            let space = self.gap(pair[0].span.hi(), pair[1].span.lo());
            self.value(&pair[1], space);
        }
        match &s.block {
            Some(block) => self.block(block, s.citation.as_ref()),
            None => {
                if let Some(c) = &s.citation {
                    self.flush(c.span.lo());
                    self.cur.citation = Some(self.citation(c));
                    self.last_end = self.last_end.max(c.span.hi());
                }
            }
        }
        self.cont = None;
    }

    fn block(&mut self, block: &Block, citation: Option<&Citation>) {
        let open = block.span.lo();
        let close = block.span.hi().saturating_sub(1);
        self.flush(open);
        let empty = block.attrs.is_empty()
            && block.statements.is_empty()
            && self.comments.get(self.next).is_none_or(|c| c.span.lo() >= close);
        if empty {
            self.push("{}", true);
        } else {
            self.push("{", true);
        }
        self.last_end = open + 1;
        if let Some(c) = citation {
            self.cur.citation = Some(self.citation(c));
        }
        if empty {
            self.last_end = block.span.hi();
            return;
        }
        let (outer_group, outer_cont) = (self.group, self.cont.take());
        self.group = self.groups;
        self.groups += 1;
        self.indent += 1;
        self.at_block_start = true;
        for attr in &block.attrs {
            self.attribute(attr);
        }
        self.statements(&block.statements);
        self.flush(close);
        self.indent -= 1;
        self.group = outer_group;
        self.end_line();
        self.cur.body.push('}');
        self.last_end = block.span.hi();
        self.force_blank = false;
        self.at_block_start = false;
        self.cont = outer_cont;
    }

    fn value(&mut self, v: &Value, space: bool) {
        let text = &self.src[v.span.lo()..v.span.hi()];
        match &v.kind {
            ValueKind::Interval { low, high, .. } => {
                let (open, close) = (&text[..1], &text[text.len() - 1..]);
                self.push(open, space);
                self.last_end = v.span.lo() + 1;
                self.gap(v.span.lo() + 1, low.span.lo());
                self.value(low, false);
                self.gap_without_commas(low.span.hi(), high.span.lo());
                self.push(",", false);
                self.value(high, true);
                self.gap(high.span.hi(), v.span.hi() - 1);
                self.push(close, false);
            }
            ValueKind::Money { .. } if !self.has_comment_inside(v.span.lo(), v.span.hi()) => {
                let words: Vec<&str> = text.split_whitespace().collect();
                self.push(&words.join(" "), space);
            }
            _ => self.push(text, space),
        }
        self.last_end = self.last_end.max(v.span.hi());
    }

    /// Step over the comments written inside a value kept as written.
    fn skip_placed(&mut self, from: usize) {
        while self.comments.get(self.next).is_some_and(|c| c.span.lo() < from) {
            self.next += 1;
        }
    }

    fn has_comment_inside(&self, start: usize, end: usize) -> bool {
        self.comments.iter().any(|c| c.span.lo() >= start && c.span.lo() < end)
    }

    /// `§ "4.8"`: one space after the sign, the section as written.
    fn citation(&self, c: &Citation) -> String {
        let text = &self.src[c.span.lo()..c.span.hi()];
        if self.has_comment_inside(c.span.lo(), c.span.hi()) {
            return text.to_owned();
        }
        let section = text.trim_start_matches('§').trim_start();
        format!("§ {section}")
    }

    fn attribute(&mut self, attr: &Attribute) {
        self.flush(attr.span.lo());
        self.own_line(attr.span.lo());
        let text = self.attribute_text(attr);
        self.push(&text, false);
        self.last_end = attr.span.hi();
        self.break_next = true;
    }

    /// `#[allow(rule, reason = "...")]`, strings as written.
    fn attribute_text(&self, attr: &Attribute) -> String {
        let written = &self.src[attr.span.lo()..attr.span.hi()];
        if self.has_comment_inside(attr.span.lo(), attr.span.hi()) {
            return written.to_owned();
        }
        let slice = |start: usize, end: usize| &self.src[start..end];
        let args: Vec<String> = attr
            .args
            .iter()
            .map(|arg| match arg {
                AttrArg::Word { text, .. } => text.clone(),
                AttrArg::Str { span, .. } => slice(span.lo(), span.hi()).to_owned(),
                AttrArg::Pair { key, span, .. } => {
                    let whole = slice(span.lo(), span.hi());
                    let value = whole.find('"').map_or(whole, |q| &whole[q..]);
                    format!("{key} = {value}")
                }
            })
            .collect();
        let open = if attr.inner { "#![" } else { "#[" };
        let has_parens = written[open.len()..].contains('(');
        if has_parens { format!("{open}{}({})]", attr.name, args.join(", ")) } else { format!("{open}{}]", attr.name) }
    }
}

/// Byte offsets of a span as `usize`, for slicing the source.
trait Offsets {
    fn lo(self) -> usize;
    fn hi(self) -> usize;
}

impl Offsets for crate::source::Span {
    fn lo(self) -> usize {
        self.start as usize
    }
    fn hi(self) -> usize {
        self.end as usize
    }
}
