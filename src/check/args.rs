//! Reading the values of one statement, left to right, with a precise
//! message for whatever is missing or of the wrong kind.
//!
//! Naming key: `eat_*` consumes something if it is there and says whether it
//! did (never reports); `expect_*` consumes what must be there and reports
//! when it is not; `opt_*` returns what is there or `None` without
//! reporting.

use super::Diags;
use crate::diag::{Code, Diagnostic};
use crate::ir::{Money, Percent, Seconds};
use crate::source::Span;
use crate::syntax::{DURATION_UNITS, RawDate, RawTime, Statement, Value, ValueKind};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// Words that may follow a bare number to make it a duration: `15 minutes`.
const DURATION_WORDS: &[(&str, i64)] = &[
    ("s", 1),
    ("sec", 1),
    ("second", 1),
    ("seconds", 1),
    ("min", 60),
    ("minute", 60),
    ("minutes", 60),
    ("h", 3600),
    ("hr", 3600),
    ("hour", 3600),
    ("hours", 3600),
    ("d", 86_400),
    ("day", 86_400),
    ("days", 86_400),
    ("w", 604_800),
    ("week", 604_800),
    ("weeks", 604_800),
];

pub struct Args<'a> {
    values: &'a [Value],
    pos: usize,
    stmt_span: Span,
}

impl<'a> Args<'a> {
    /// The values after the statement's keyword.
    pub fn after_keyword(stmt: &'a Statement) -> Self {
        Args { values: &stmt.values, pos: 1.min(stmt.values.len()), stmt_span: stmt.span }
    }

    /// All the statement's values, keyword included.
    pub fn all(stmt: &'a Statement) -> Self {
        Args { values: &stmt.values, pos: 0, stmt_span: stmt.span }
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
    fn skip_word(&mut self) {
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

    /// A duration: `15min`, `2h`, `1h30min` or `15 minutes`.
    pub fn expect_duration(&mut self, what: &str, d: &mut Diags) -> Option<(Seconds, Span)> {
        let Some(first) = self.peek() else {
            self.report(d, expected_duration(self.missing_span(), what, None));
            return None;
        };
        match &first.kind {
            ValueKind::Quantity { .. } => {
                let mut total = 0i64;
                let mut span = first.span;
                // Adjacent parts with no space between them add up: `1h30min`.
                while let Some(v) = self.peek().filter(|v| v.span.start == span.end || v.span == first.span) {
                    let ValueKind::Quantity { number, unit, unit_span } = &v.kind else { break };
                    self.pos += 1;
                    let seconds = duration_seconds(*number, unit, *unit_span, v.span, what, d)?;
                    total = total.saturating_add(seconds);
                    span = span.to(v.span);
                }
                Some((Seconds(total), span))
            }
            ValueKind::Number(n) => {
                let word = self.peek_at(1).and_then(|v| v.as_word().map(|w| (w, v.span)));
                if let Some((factor, unit_span)) = word.and_then(|(w, s)| unit_word(w).map(|f| (f, s))) {
                    self.pos += 2;
                    let span = first.span.to(unit_span);
                    return whole_seconds(*n, factor, span, what, d).map(|s| (Seconds(s), span));
                }
                self.pos += 1;
                let near_unit = word.and_then(|(w, s)| {
                    crate::diag::suggest::closest(w, DURATION_WORDS.iter().map(|(u, _)| *u)).map(|u| (w, u, s))
                });
                let diag = match near_unit {
                    Some((w, unit, span)) => {
                        Diagnostic::error(Code::UnknownUnit, span, format!("`{w}` is not a unit of time"))
                            .label("not a duration unit")
                            .help(format!("did you mean `{unit}`? For example: `{n}min` or `{n} minutes`"))
                    }
                    None => expected_duration(first.span, what, Some(first))
                        .label("a number with no unit")
                        .help(format!("add a unit: `{n}min`, `{n}h` or `{n}d`")),
                };
                self.report(d, diag);
                None
            }
            _ => {
                self.pos += 1;
                self.report(
                    d,
                    type_or_shape(first, what, Code::ExpectedDuration, "a duration such as `15min` or `2h`"),
                );
                None
            }
        }
    }

    /// A percentage between 0% and 100%.
    pub fn expect_percent(&mut self, what: &str, d: &mut Diags) -> Option<(Percent, Span)> {
        let Some(v) = self.next() else {
            self.report(
                d,
                Diagnostic::error(
                    Code::ExpectedPercentage,
                    self.missing_span(),
                    format!("expected {what}, a percentage such as `99.95%`"),
                )
                .label("percentage missing")
                .help("write the percentage with its sign: `99.95%`"),
            );
            return None;
        };
        match &v.kind {
            ValueKind::Percent(p) => check_percent(*p, v.span, what, d).map(|p| (p, v.span)),
            ValueKind::Number(n) => {
                self.report(
                    d,
                    Diagnostic::error(
                        Code::ExpectedPercentage,
                        v.span,
                        format!("expected {what}, a percentage, found a plain number"),
                    )
                    .label("no `%` sign")
                    .help(format!("write `{n}%`; a fraction such as 0.9995 is written `99.95%`")),
                );
                None
            }
            _ => {
                self.report(d, type_or_shape(v, what, Code::ExpectedPercentage, "a percentage such as `99.95%`"));
                None
            }
        }
    }

    pub fn expect_money(&mut self, what: &str, d: &mut Diags) -> Option<(Money, Span)> {
        let Some(v) = self.next() else {
            self.report(
                d,
                Diagnostic::error(
                    Code::ExpectedMoney,
                    self.missing_span(),
                    format!("expected {what}, an amount such as `CNY 12000.00`"),
                )
                .label("amount missing")
                .help("write the currency code, a space and the amount: `CNY 12000.00`"),
            );
            return None;
        };
        match &v.kind {
            ValueKind::Money { currency, amount } => {
                d.money.push((currency.clone(), v.span));
                if !crate::ir::amount_fits(*amount) {
                    d.push(amount_too_large(v.span, what));
                    return None;
                }
                Some((Money { currency: currency.clone(), amount: *amount }, v.span))
            }
            ValueKind::Number(n) => {
                self.report(
                    d,
                    Diagnostic::error(
                        Code::ExpectedMoney,
                        v.span,
                        format!("expected {what}, found a number with no currency"),
                    )
                    .label("no currency")
                    .help(format!("write the currency before it: `CNY {n}`")),
                );
                None
            }
            _ => {
                self.report(d, type_or_shape(v, what, Code::ExpectedMoney, "an amount such as `CNY 12000.00`"));
                None
            }
        }
    }

    pub fn expect_date(&mut self, what: &str, d: &mut Diags) -> Option<(NaiveDate, Span)> {
        let Some(v) = self.next() else {
            self.report(
                d,
                Diagnostic::error(
                    Code::ExpectedDate,
                    self.missing_span(),
                    format!("expected {what}, a date such as `2025-06-18`"),
                )
                .label("date missing")
                .help("write dates as year-month-day: `2025-06-18`"),
            );
            return None;
        };
        match &v.kind {
            ValueKind::Date(raw) => real_date(raw, d).map(|date| (date, v.span)),
            ValueKind::Number(year) if self.peek().is_some_and(|n| n.is_op("/") || n.is_op(".")) => {
                // `2019/05/10` or `2019.05.10`.
                let sep = if self.peek().is_some_and(|n| n.is_op("/")) { "/" } else { "." };
                let (_, run) = self.adjacent_text();
                let parts: Vec<Decimal> = std::iter::once(*year)
                    .chain(self.rest().iter().take_while(|x| x.span.end <= run.end).filter_map(|x| match x.kind {
                        ValueKind::Number(n) => Some(n),
                        _ => None,
                    }))
                    .collect();
                let help = match parts.as_slice() {
                    [y, m, day] => format!("write dates with hyphens, year-month-day: `{y:0>4}-{m:0>2}-{day:0>2}`"),
                    _ => "write dates with hyphens, year-month-day, such as `2025-06-18`".to_owned(),
                };
                self.report(
                    d,
                    Diagnostic::error(
                        Code::ExpectedDate,
                        v.span.to(run),
                        format!("expected {what}, a date such as `2025-06-18`, found numbers separated by `{sep}`"),
                    )
                    .label("not a date")
                    .help(help),
                );
                self.skip_rest();
                None
            }
            _ => {
                self.report(d, type_or_shape(v, what, Code::ExpectedDate, "a date such as `2025-06-18`"));
                None
            }
        }
    }

    /// `2025-11-01..2025-11-12`; `open_end` allows `2025-11-01..`.
    pub fn expect_date_range(
        &mut self,
        what: &str,
        open_end: bool,
        d: &mut Diags,
    ) -> Option<(NaiveDate, Option<NaiveDate>, Span)> {
        let Some(v) = self.next() else {
            self.report(
                d,
                Diagnostic::error(
                    Code::ExpectedDateRange,
                    self.missing_span(),
                    format!("expected {what}, a date range such as `2025-11-01..2025-11-12`"),
                )
                .label("date range missing")
                .help("write the first and last day, both included: `2025-11-01..2025-11-12`"),
            );
            return None;
        };
        match &v.kind {
            ValueKind::DateRange { start, end } => {
                let from = real_date(start, d);
                let to = match end {
                    Some(e) => Some(real_date(e, d)?),
                    None if open_end => None,
                    None => {
                        self.report(
                            d,
                            Diagnostic::error(
                                Code::ExpectedDateRange,
                                v.span.after(),
                                format!("{what} needs a last day"),
                            )
                            .label("last day missing")
                            .help("write both ends: `2025-11-01..2025-11-12`"),
                        );
                        return None;
                    }
                };
                let from = from?;
                if let Some(to) = to.filter(|to| *to < from) {
                    self.report(
                        d,
                        Diagnostic::error(
                            Code::InvertedDateRange,
                            v.span,
                            format!("{what} ends on {to}, before it starts on {from}"),
                        )
                        .label("ends before it starts")
                        .help(format!("write the earlier date first: `{to}..{from}`")),
                    );
                    return None;
                }
                Some((from, to, v.span))
            }
            // `2025-11-01 .. 2025-11-12`, `2025-11-01 - 2025-11-12`.
            ValueKind::Date(start)
                if self.peek().is_some_and(|op| op.is_op("..") || op.is_op("-"))
                    && matches!(self.peek_at(1).map(|v| &v.kind), Some(ValueKind::Date(_))) =>
            {
                let Some(Value { kind: ValueKind::Date(end), span: end_span }) = self.peek_at(1) else {
                    return None;
                };
                self.report(
                    d,
                    Diagnostic::error(
                        Code::ExpectedDateRange,
                        v.span.to(*end_span),
                        "a date range is written as one value, with `..` and no spaces",
                    )
                    .label("not one date range")
                    .help(format!("write `{}..{}`", fmt_raw(start), fmt_raw(end))),
                );
                self.skip_rest();
                None
            }
            ValueKind::Date(raw) => {
                self.report(
                    d,
                    Diagnostic::error(
                        Code::ExpectedDateRange,
                        v.span,
                        format!("expected {what}, a range of dates, found a single date"),
                    )
                    .label("a single date")
                    .help(format!("for one day write `{0}..{0}`", fmt_raw(raw))),
                );
                None
            }
            _ => {
                self.report(
                    d,
                    type_or_shape(v, what, Code::ExpectedDateRange, "a date range such as `2025-11-01..2025-11-12`"),
                );
                None
            }
        }
    }

    /// A plain number (`5`, `0.5`).
    pub fn expect_number(&mut self, what: &str, example: &str, d: &mut Diags) -> Option<(Decimal, Span)> {
        match self.next() {
            Some(Value { kind: ValueKind::Number(n), span }) => Some((*n, *span)),
            Some(v) => {
                self.report(d, type_or_shape(v, what, Code::ExpectedNumber, example));
                None
            }
            None => {
                self.report(
                    d,
                    Diagnostic::error(Code::ExpectedNumber, self.missing_span(), format!("expected {what}"))
                        .label("number missing")
                        .help(format!("for example: `{example}`")),
                );
                None
            }
        }
    }

    /// A whole positive count such as `2` (as in `2 months`).
    pub fn expect_count(&mut self, what: &str, example: &str, d: &mut Diags) -> Option<(u32, Span)> {
        let (n, span) = self.expect_number(what, example, d)?;
        match n.to_u32().filter(|c| Decimal::from(*c) == n && *c > 0) {
            Some(c) => Some((c, span)),
            None => {
                self.report(
                    d,
                    Diagnostic::error(
                        Code::ExpectedNumber,
                        span,
                        format!("{what} must be a whole number above zero, not {n}"),
                    )
                    .label("not a whole count")
                    .help(format!("for example: `{example}`")),
                );
                None
            }
        }
    }

    /// An ordinal such as `5th` (1..=max).
    pub fn expect_ordinal(&mut self, what: &str, max: u32, d: &mut Diags) -> Option<(u32, Span)> {
        match self.next() {
            Some(Value { kind: ValueKind::Quantity { number, unit, .. }, span })
                if matches!(unit.as_str(), "st" | "nd" | "rd" | "th") =>
            {
                match number.to_u32().filter(|n| (1..=max).contains(n) && Decimal::from(*n) == *number) {
                    Some(n) => Some((n, *span)),
                    None => {
                        self.report(
                            d,
                            Diagnostic::error(
                                Code::InvalidOrdinal,
                                *span,
                                format!("{what} must be between 1st and {max}th"),
                            )
                            .label("out of range")
                            .help("for example: `5th`"),
                        );
                        None
                    }
                }
            }
            Some(v) => {
                const WORDS: [&str; 5] = ["first", "second", "third", "fourth", "fifth"];
                const ORDINALS: [&str; 5] = ["1st", "2nd", "3rd", "4th", "5th"];
                let mut diag = type_or_shape(v, what, Code::InvalidOrdinal, "an ordinal such as `5th`");
                if let Some(i) = v.as_word().and_then(|w| WORDS.iter().position(|x| *x == w)) {
                    diag = diag.help(format!("write ordinals in digits: `{}`", ORDINALS[i]));
                }
                self.report(d, diag);
                None
            }
            None => {
                self.report(
                    d,
                    Diagnostic::error(
                        Code::InvalidOrdinal,
                        self.missing_span(),
                        format!("expected {what}, an ordinal such as `5th`"),
                    )
                    .label("ordinal missing")
                    .help("for example: `5th`"),
                );
                None
            }
        }
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
    fn report(&self, d: &mut Diags, diag: Diagnostic) {
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

fn expected_duration(span: Span, what: &str, found: Option<&Value>) -> Diagnostic {
    let message = match found {
        Some(v) => format!("expected {what}, a duration, found {}", v.found()),
        None => format!("expected {what}, a duration such as `15min` or `2h`"),
    };
    Diagnostic::error(Code::ExpectedDuration, span, message)
        .label("duration missing")
        .help("write a number with its unit: `15min`, `2h`, `3d` (units: s, min, h, d, w)")
}

/// A value of the wrong kind. A typed literal in the wrong place is a unit
/// mismatch; a word, text or operator where a literal belongs is a shape
/// error with the given code.
fn type_or_shape(v: &Value, what: &str, shape: Code, example: &str) -> Diagnostic {
    let typed = matches!(
        v.kind,
        ValueKind::Percent(_)
            | ValueKind::Quantity { .. }
            | ValueKind::Money { .. }
            | ValueKind::Date(_)
            | ValueKind::DateRange { .. }
            | ValueKind::TimeRange { .. }
            | ValueKind::Time(_)
            | ValueKind::Interval { .. }
            | ValueKind::Always
            | ValueKind::Power { .. }
            | ValueKind::YearMonth { .. }
            | ValueKind::Number(_)
    );
    let code = if typed { Code::UnitMismatch } else { shape };
    Diagnostic::error(code, v.span, format!("expected {what}, {example}, found {}", v.found()))
        .label(format!("this is {}", v.describe()))
        .help(format!("write {example} here"))
}

/// A number and a unit word (`15 minutes`), if the word is a time unit.
fn unit_word(word: &str) -> Option<i64> {
    DURATION_WORDS.iter().find(|(w, _)| *w == word).map(|(_, f)| *f)
}

fn duration_seconds(
    number: Decimal,
    unit: &str,
    unit_span: Span,
    span: Span,
    what: &str,
    d: &mut Diags,
) -> Option<i64> {
    if let Some((_, factor)) = DURATION_UNITS.iter().find(|(u, _)| *u == unit) {
        return whole_seconds(number, *factor, span, what, d);
    }
    let (code, message, help) = match unit {
        "mo" | "y" => (
            Code::UnitMismatch,
            format!("`{number}{unit}` is a calendar length, not a fixed duration"),
            "months and years vary in length; write the limit in days or hours, such as `30d`".to_owned(),
        ),
        "st" | "nd" | "rd" | "th" | "x" => (
            Code::UnitMismatch,
            format!("expected {what}, a duration, found `{number}{unit}`"),
            "write a duration such as `15min` or `2h`".to_owned(),
        ),
        _ => {
            let known = DURATION_UNITS.iter().map(|(u, _)| *u);
            let hint = crate::diag::suggest::did_you_mean(unit, known)
                .unwrap_or_else(|| "the units are s, min, h, d and w".into());
            (Code::UnknownUnit, format!("`{unit}` is not a unit of time"), format!("{hint} For example: `{number}min`"))
        }
    };
    let label_span = if code == Code::UnknownUnit { unit_span } else { span };
    d.push(Diagnostic::error(code, label_span, message).label("not a duration unit").help(help));
    None
}

fn whole_seconds(number: Decimal, factor: i64, span: Span, what: &str, d: &mut Diags) -> Option<i64> {
    let Some(seconds) = number.checked_mul(Decimal::from(factor)).filter(|s| s.to_i64().is_some()) else {
        d.push(
            Diagnostic::error(Code::NumberTooLarge, span, format!("{what} is too long to be held in seconds"))
                .label("too long")
                .help("a duration must stay below about 290 billion years; check the number and its unit"),
        );
        return None;
    };
    match seconds.to_i64().filter(|s| Decimal::from(*s) == seconds) {
        Some(s) => Some(s),
        None => {
            d.push(
                Diagnostic::error(Code::ExpectedDuration, span, format!("{what} is not a whole number of seconds"))
                    .label("fraction of a second")
                    .help("durations are counted in whole seconds; round it to a whole number of seconds"),
            );
            None
        }
    }
}

/// An amount at or above [`crate::ir::amount_limit`]: credits and caps
/// computed from it could not be exact.
pub fn amount_too_large(span: Span, what: &str) -> Diagnostic {
    Diagnostic::error(Code::TooLargeToCompute, span, format!("{what} is too large to compute with exactly"))
        .label("10^15 or more")
        .help("amounts must be below 10^15 (1000000000000000); check the number of digits")
}

/// Percentages lie in 0%..=100%.
pub fn check_percent(p: Decimal, span: Span, what: &str, d: &mut Diags) -> Option<Percent> {
    if p > Decimal::ONE_HUNDRED {
        d.push(
            Diagnostic::error(Code::PercentOutOfRange, span, format!("{what} is {p}%, above 100%"))
                .label("above 100%")
                .help("a percentage here lies between 0% and 100%; did you mean a figure such as `99.95%`?"),
        );
        return None;
    }
    Some(Percent(p))
}

/// A date that exists on the calendar.
pub fn real_date(raw: &RawDate, d: &mut Diags) -> Option<NaiveDate> {
    match NaiveDate::from_ymd_opt(raw.year, raw.month, raw.day) {
        Some(date) => Some(date),
        None => {
            let why = if !(1..=12).contains(&raw.month) {
                format!("there is no month {}", raw.month)
            } else {
                format!("{}-{:02} has no day {}", raw.year, raw.month, raw.day)
            };
            d.push(
                Diagnostic::error(Code::InvalidDate, raw.span, format!("`{}` is not a date: {why}", fmt_raw(raw)))
                    .label("no such date")
                    .help("write an existing date as year-month-day, such as `2025-02-28`"),
            );
            None
        }
    }
}

/// A time of day from `00:00` to `24:00`, in minutes after midnight.
pub fn real_time(raw: &RawTime, d: &mut Diags) -> Option<u16> {
    let ok = raw.minute < 60 && (raw.hour < 24 || (raw.hour == 24 && raw.minute == 0));
    if ok {
        return Some((raw.hour * 60 + raw.minute) as u16);
    }
    d.push(
        Diagnostic::error(
            Code::InvalidTime,
            raw.span,
            format!("`{:02}:{:02}` is not a time of day", raw.hour, raw.minute),
        )
        .label("no such time")
        .help("times run from `00:00` to `24:00` (the end of the day)"),
    );
    None
}

fn fmt_raw(raw: &RawDate) -> String {
    format!("{:04}-{:02}-{:02}", raw.year, raw.month, raw.day)
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
