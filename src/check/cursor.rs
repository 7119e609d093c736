//! The checker's cursor over one statement's values, left to right, with a
//! precise message for whatever is missing or of the wrong kind. The typed
//! literals (durations, percentages, money, dates) are read in `literals`.
//!
//! Naming key: `eat_*` consumes something if it is there and says whether it
//! did (never reports); `expect_*` consumes what must be there and reports
//! when it is not; `opt_*` returns what is there or `None` without
//! reporting.

use super::Diags;
use crate::diag::{Code, Diagnostic};
use crate::source::Span;
use crate::syntax::{Statement, Value, ValueKind};

/// A position in the values of one statement.
pub struct Cursor<'a> {
    pub(super) values: &'a [Value],
    pub(super) pos: usize,
    stmt_span: Span,
}

impl<'a> Cursor<'a> {
    /// The values after the statement's keyword.
    pub fn after_keyword(stmt: &'a Statement) -> Self {
        Cursor { values: &stmt.values, pos: 1.min(stmt.values.len()), stmt_span: stmt.span }
    }

    /// All the statement's values, keyword included.
    pub fn all(stmt: &'a Statement) -> Self {
        Cursor { values: &stmt.values, pos: 0, stmt_span: stmt.span }
    }

    pub fn peek(&self) -> Option<&'a Value> {
        self.values.get(self.pos)
    }

    pub fn peek_at(&self, ahead: usize) -> Option<&'a Value> {
        self.values.get(self.pos + ahead)
    }

    pub fn peek_word(&self) -> Option<&'a str> {
        self.peek().and_then(Value::as_word)
    }

    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Option<&'a Value> {
        let v = self.values.get(self.pos);
        if v.is_some() {
            self.pos += 1;
        }
        v
    }

    /// Step back over the value just read.
    pub fn back(&mut self) {
        self.pos = self.pos.saturating_sub(1);
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.values.len()
    }

    /// The values not read yet.
    pub fn rest(&self) -> &'a [Value] {
        &self.values[self.pos.min(self.values.len())..]
    }

    /// Where a missing value belongs: just after the last one read.
    pub fn missing_span(&self) -> Span {
        match self.pos.checked_sub(1).and_then(|i| self.values.get(i)) {
            Some(v) => v.span.after(),
            None => self.stmt_span.after(),
        }
    }

    /// The span of the next value, or where it is missing.
    pub fn here(&self) -> Span {
        self.peek().map(|v| v.span).unwrap_or_else(|| self.missing_span())
    }

    pub fn eat_word(&mut self, word: &str) -> bool {
        if self.peek().is_some_and(|v| v.is_word(word)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Consume a sequence of words only if all of them are there.
    pub fn eat_words(&mut self, words: &[&str]) -> bool {
        let all = words.iter().enumerate().all(|(i, w)| self.peek_at(i).is_some_and(|v| v.is_word(w)));
        if all {
            self.pos += words.len();
        }
        all
    }

    pub fn eat_op(&mut self, op: &str) -> bool {
        if self.peek().is_some_and(|v| v.is_op(op)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// A word that must come next, as in `respond within 15min`.
    pub fn expect_word(&mut self, word: &str, example: &str, d: &mut Diags) -> bool {
        if self.eat_word(word) {
            return true;
        }
        let span = self.here();
        let found = self.peek().map(|v| format!(", found {}", v.found())).unwrap_or_default();
        self.report(
            d,
            Diagnostic::error(Code::ExpectedKeyword, span, format!("expected `{word}`{found}"))
                .label(format!("`{word}` belongs here"))
                .help(format!("write it as `{example}`")),
        );
        false
    }

    pub fn expect_one_of(&mut self, words: &[&str], example: &str, d: &mut Diags) -> Option<&'a str> {
        if let Some(w) = self.peek_word().filter(|w| words.contains(w)) {
            self.pos += 1;
            return Some(w);
        }
        let span = self.here();
        let list = words.iter().map(|w| format!("`{w}`")).collect::<Vec<_>>().join(", ");
        let (message, label) = match self.peek() {
            Some(v) => (format!("expected one of {list}, found {}", v.found()), "not one of these"),
            None => (format!("expected one of {list}"), "missing"),
        };
        let mut diag = Diagnostic::error(Code::ExpectedKeyword, span, message).label(label);
        let suggestion = self.peek_word().and_then(|w| crate::diag::suggest::did_you_mean(w, words.iter().copied()));
        diag = diag.help(match suggestion {
            Some(s) => format!("{s} For example: `{example}`"),
            None => format!("for example: `{example}`"),
        });
        self.report(d, diag);
        self.skip_word();
        None
    }

    /// Skip one value if it is a word, so one typo is reported once.
    pub(super) fn skip_word(&mut self) {
        if self.peek_word().is_some() {
            self.pos += 1;
        }
    }

    pub fn opt_string(&mut self) -> Option<(String, Span)> {
        match self.peek() {
            Some(Value { kind: ValueKind::Str(s), span }) => {
                self.pos += 1;
                Some((s.clone(), *span))
            }
            _ => None,
        }
    }

    pub fn expect_string(&mut self, what: &str, example: &str, d: &mut Diags) -> Option<(String, Span)> {
        if let Some(s) = self.opt_string() {
            return Some(s);
        }
        let span = self.here();
        let (message, help) = match self.peek() {
            Some(Value { kind: ValueKind::Word(_), .. }) => {
                // Words and operators written against each other read as
                // one text: `Asia/Shanghai`.
                let (text, run) = self.adjacent_text();
                let span = span.to(run);
                let diag =
                    Diagnostic::error(Code::ExpectedString, span, format!("expected {what} in quotes, found `{text}`"))
                        .label(format!("{what} here"))
                        .help(format!("put it in quotes: `\"{text}\"`"));
                self.report(d, diag);
                self.skip_rest();
                return None;
            }
            Some(v) => (format!("expected {what} in quotes, found {}", v.found()), format!("for example: `{example}`")),
            None => (format!("expected {what}"), format!("for example: `{example}`")),
        };
        self.report(d, Diagnostic::error(Code::ExpectedString, span, message).label(format!("{what} here")).help(help));
        self.next();
        None
    }

    /// The source text of the words, numbers and operators written against
    /// each other from here on, and their span.
    pub fn adjacent_text(&self) -> (String, Span) {
        let mut text = String::new();
        let mut span = self.here();
        for v in self.rest() {
            if !text.is_empty() && v.span.start != span.end {
                break;
            }
            match &v.kind {
                ValueKind::Word(w) | ValueKind::DashedWord(w) | ValueKind::Op(w) => text.push_str(w),
                ValueKind::Number(n) => text.push_str(&n.to_string()),
                _ => break,
            }
            span = span.to(v.span);
        }
        (text, span)
    }

    /// Every string left on the line: `notify "a", "b"`.
    pub fn strings(&mut self, what: &str, example: &str, d: &mut Diags) -> Vec<String> {
        let mut out = Vec::new();
        while !self.at_end() {
            match self.expect_string(what, example, d) {
                Some((s, _)) => out.push(s),
                None => break,
            }
        }
        if out.is_empty() && self.at_end() {
            self.expect_string(what, example, d);
        }
        out
    }

    pub fn opt_ident(&mut self) -> Option<(String, Span)> {
        match self.peek() {
            Some(Value { kind: ValueKind::Word(w), span }) => {
                self.pos += 1;
                Some((w.clone(), *span))
            }
            _ => None,
        }
    }

    pub fn expect_ident(&mut self, what: &str, example: &str, d: &mut Diags) -> Option<(String, Span)> {
        if let Some(id) = self.opt_ident() {
            return Some(id);
        }
        let span = self.here();
        let (message, help) = match self.peek() {
            Some(v @ Value { kind: ValueKind::Str(s), .. }) => (
                format!("expected {what}, found {}", v.found()),
                format!(
                    "a name is a bare word of letters, digits and `_`, such as `{}`; keep quotes for display names",
                    slug(s, example)
                ),
            ),
            Some(v) => (format!("expected {what}, found {}", v.found()), format!("for example: `{example}`")),
            None => (format!("expected {what}"), format!("for example: `{example}`")),
        };
        self.report(
            d,
            Diagnostic::error(Code::ExpectedIdentifier, span, message).label(format!("{what} here")).help(help),
        );
        self.next();
        None
    }

    /// Skip what is left on the line (after an error that explains it).
    pub fn skip_rest(&mut self) {
        self.pos = self.values.len();
    }

    /// The span of the statement's values (without its block).
    fn values_span(&self) -> Span {
        match (self.values.first(), self.values.last()) {
            (Some(first), Some(last)) => first.span.to(last.span),
            _ => self.stmt_span,
        }
    }

    /// Report a problem with the statement's values, unless one is reported
    /// already: after the first, what is read is out of step with what was
    /// written, and further errors would only be its consequences.
    pub(super) fn report(&self, d: &mut Diags, diag: Diagnostic) {
        if !d.has_error_within(self.values_span()) {
            d.push(diag);
        }
    }

    /// Report anything left on the line, unless the line already has an
    /// error: what is left over then is most likely part of that mistake.
    pub fn finish(&mut self, statement: &str, d: &mut Diags) {
        if d.has_error_within(self.values_span()) {
            self.pos = self.values.len();
            return;
        }
        if let Some(v) = self.peek() {
            let last = self.values.last().map(|l| l.span).unwrap_or(v.span);
            self.report(
                d,
                Diagnostic::error(
                    Code::UnexpectedValue,
                    v.span.to(last),
                    format!("{} left over after the `{statement}` statement", v.found()),
                )
                .label("not understood here")
                .help("remove it, or start a new statement on its own line"),
            );
            self.pos = self.values.len();
        }
    }
}

/// A plausible bare-word name made from display text, for help lines.
fn slug(text: &str, fallback: &str) -> String {
    let s: String = text
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' })
        .collect::<String>()
        .trim_matches('_')
        .to_owned();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) { fallback.to_owned() } else { s }
}
