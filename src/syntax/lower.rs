//! From pest's pairs to the syntax tree.
//!
//! The grammar has already fixed the shape; what is left is reading literal
//! text into numbers and dates, and keeping comments beside the tree.

use super::grammar::Rule;
use super::tree::*;
use crate::diag::{Code, Diagnostic};
use crate::source::{FileId, Span};
use pest::iterators::Pair;
use rust_decimal::Decimal;
use std::str::FromStr;

pub struct Lowerer {
    file: FileId,
    pub diags: Vec<Diagnostic>,
}

impl Lowerer {
    pub fn new(file: FileId) -> Self {
        Lowerer { file, diags: Vec::new() }
    }

    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let s = pair.as_span();
        Span::new(self.file, s.start(), s.end())
    }

    /// The file, with its comments (layout to the grammar; `scan::layout`
    /// finds them in the text).
    pub fn file(&mut self, pair: Pair<'_, Rule>, comments: Vec<Comment>) -> SyntaxFile {
        let span = self.span(&pair);
        let mut attrs = Vec::new();
        let mut statements = Vec::new();
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::inner_attr => attrs.push(self.attribute(child, true)),
                Rule::statement => statements.push(self.statement(child)),
                _ => {}
            }
        }
        SyntaxFile { file: self.file, attrs, statements, comments, span }
    }

    fn statement(&mut self, pair: Pair<'_, Rule>) -> Statement {
        let span = self.span(&pair);
        let mut stmt = Statement { attrs: Vec::new(), values: Vec::new(), citation: None, block: None, span };
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::outer_attr => stmt.attrs.push(self.attribute(child, false)),
                Rule::citation => {
                    let cite = self.citation(child);
                    self.add_citation(&mut stmt, cite);
                }
                Rule::block => {
                    let mut block = self.block(child);
                    // `availability x {   § "2.8"`: a citation right after
                    // the brace belongs to the statement.
                    if let Some(cite) = block.citation.take() {
                        self.add_citation(&mut stmt, cite);
                    }
                    stmt.block = Some(block);
                }
                _ => stmt.values.push(self.value(child)),
            }
        }
        // Attributes are written before the statement; its span should
        // still start at its first value so carets land on the clause.
        if let Some(first) = stmt.values.first() {
            stmt.span.start = first.span.start;
        }
        stmt
    }

    fn add_citation(&mut self, stmt: &mut Statement, cite: Citation) {
        if let Some(first) = &stmt.citation {
            self.diags.push(
                Diagnostic::error(Code::DuplicateField, cite.span, "a second citation for one clause")
                    .label("second citation")
                    .related(first.span, "first citation")
                    .help("give each clause one `§` citation; list several sections in one: `§ \"3.1, 3.2\"`"),
            );
        } else {
            stmt.citation = Some(cite);
        }
    }

    fn block(&mut self, pair: Pair<'_, Rule>) -> Block {
        let span = self.span(&pair);
        let mut block = Block { attrs: Vec::new(), citation: None, statements: Vec::new(), span };
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::inner_attr => block.attrs.push(self.attribute(child, true)),
                Rule::statement => block.statements.push(self.statement(child)),
                Rule::citation => block.citation = Some(self.citation(child)),
                _ => {}
            }
        }
        block
    }

    fn citation(&mut self, pair: Pair<'_, Rule>) -> Citation {
        let span = self.span(&pair);
        let mut section = String::new();
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::string => section = self.string_text(child),
                Rule::bare_citation => section = child.as_str().to_owned(),
                _ => {}
            }
        }
        Citation { section, span }
    }

    fn attribute(&mut self, pair: Pair<'_, Rule>, inner: bool) -> Attribute {
        let span = self.span(&pair);
        let mut attr = Attribute { inner, name: String::new(), name_span: span, args: Vec::new(), span };
        let Some(body) = pair.into_inner().find(|p| p.as_rule() == Rule::attr_body) else {
            return attr;
        };
        for child in body.into_inner() {
            match child.as_rule() {
                Rule::ident => {
                    attr.name_span = self.span(&child);
                    attr.name = child.as_str().to_owned();
                }
                Rule::attr_arg => {
                    if let Some(arg) = child.into_inner().next() {
                        attr.args.push(self.attr_arg(arg));
                    }
                }
                _ => {}
            }
        }
        attr
    }

    fn attr_arg(&mut self, pair: Pair<'_, Rule>) -> AttrArg {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::attr_pair => {
                let mut key = String::new();
                let mut value = String::new();
                for child in pair.into_inner() {
                    match child.as_rule() {
                        Rule::ident => key = child.as_str().to_owned(),
                        Rule::string => value = self.string_text(child),
                        _ => {}
                    }
                }
                AttrArg::Pair { key, value, span }
            }
            Rule::string => AttrArg::Str { text: self.string_text(pair), span },
            _ => AttrArg::Word { text: pair.as_str().to_owned(), span },
        }
    }

    fn value(&mut self, pair: Pair<'_, Rule>) -> Value {
        if pair.as_rule() == Rule::numeric {
            // `numeric` only groups the literals that start with a digit.
            let span = self.span(&pair);
            return match pair.into_inner().next() {
                Some(inner) => self.value(inner),
                None => Value { kind: ValueKind::Invalid, span },
            };
        }
        let span = self.span(&pair);
        let kind = match pair.as_rule() {
            Rule::string => ValueKind::Str(self.string_text(pair)),
            Rule::always => ValueKind::Always,
            Rule::interval => self.interval(pair),
            Rule::money => self.money(pair),
            Rule::date_range => self.date_range(pair),
            Rule::date => ValueKind::Date(self.raw_date(pair)),
            Rule::year_month => self.year_month(pair),
            Rule::time_range => {
                let mut times = pair.into_inner().map(|p| self.raw_time(p));
                match (times.next(), times.next()) {
                    (Some(start), Some(end)) => ValueKind::TimeRange { start, end },
                    _ => ValueKind::Invalid,
                }
            }
            Rule::time => ValueKind::Time(self.raw_time(pair)),
            Rule::percent => match self.first_num(pair) {
                Some(n) => ValueKind::Percent(n),
                None => ValueKind::Invalid,
            },
            Rule::power => {
                let nums: Vec<_> = pair.into_inner().map(|p| self.num(p)).collect();
                match nums.as_slice() {
                    [Some(base), Some(exponent)] => ValueKind::Power { base: *base, exponent: *exponent },
                    _ => ValueKind::Invalid,
                }
            }
            Rule::quantity => self.quantity(pair),
            Rule::number => match self.first_num(pair) {
                Some(n) => ValueKind::Number(n),
                None => ValueKind::Invalid,
            },
            Rule::word if pair.as_str().contains('-') => ValueKind::DashedWord(pair.as_str().to_owned()),
            Rule::word => ValueKind::Word(pair.as_str().to_owned()),
            Rule::dashed_word => ValueKind::DashedWord(pair.as_str().to_owned()),
            Rule::ident => ValueKind::Word(pair.as_str().to_owned()),
            Rule::operator => ValueKind::Op(normalise_op(pair.as_str()).to_owned()),
            _ => ValueKind::Invalid,
        };
        Value { kind, span }
    }

    fn interval(&mut self, pair: Pair<'_, Rule>) -> ValueKind {
        let mut low_closed = true;
        let mut high_closed = true;
        let mut ends = Vec::new();
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::interval_open => low_closed = child.as_str() == "[",
                Rule::interval_close => high_closed = child.as_str() == "]",
                _ => ends.push(self.value(child)),
            }
        }
        let mut ends = ends.into_iter();
        match (ends.next(), ends.next()) {
            (Some(low), Some(high)) => {
                ValueKind::Interval { low: Box::new(low), high: Box::new(high), low_closed, high_closed }
            }
            _ => ValueKind::Invalid,
        }
    }

    fn money(&mut self, pair: Pair<'_, Rule>) -> ValueKind {
        let mut currency = String::new();
        let mut amount = None;
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::currency_code => currency = child.as_str().to_owned(),
                Rule::num => amount = self.num(child),
                _ => {}
            }
        }
        match amount {
            Some(amount) => ValueKind::Money { currency, amount },
            None => ValueKind::Invalid,
        }
    }

    fn date_range(&mut self, pair: Pair<'_, Rule>) -> ValueKind {
        let mut dates = pair.into_inner().map(|p| self.raw_date(p));
        match dates.next() {
            Some(start) => ValueKind::DateRange { start, end: dates.next() },
            None => ValueKind::Invalid,
        }
    }

    fn year_month(&mut self, pair: Pair<'_, Rule>) -> ValueKind {
        let text = pair.as_str();
        let year = text.get(0..4).and_then(|s| s.parse().ok());
        let month = text.get(5..7).and_then(|s| s.parse().ok());
        match (year, month) {
            (Some(year), Some(month)) => ValueKind::YearMonth { year, month },
            _ => ValueKind::Invalid,
        }
    }

    fn raw_date(&mut self, pair: Pair<'_, Rule>) -> RawDate {
        let span = self.span(&pair);
        let text = pair.as_str();
        // The grammar guarantees `dddd-dd-dd`.
        let part = |a: usize, b: usize| text.get(a..b).and_then(|s| s.parse::<u32>().ok()).unwrap_or(0);
        RawDate { year: part(0, 4) as i32, month: part(5, 7), day: part(8, 10), span }
    }

    fn raw_time(&mut self, pair: Pair<'_, Rule>) -> RawTime {
        let span = self.span(&pair);
        let (h, m) = pair.as_str().split_once(':').unwrap_or(("0", "0"));
        RawTime { hour: h.parse().unwrap_or(0), minute: m.parse().unwrap_or(0), span }
    }

    fn quantity(&mut self, pair: Pair<'_, Rule>) -> ValueKind {
        let mut number = None;
        let mut unit = String::new();
        let mut unit_span = self.span(&pair);
        for child in pair.into_inner() {
            match child.as_rule() {
                Rule::num => number = self.num(child),
                Rule::unit => {
                    unit_span = self.span(&child);
                    unit = child.as_str().to_owned();
                }
                _ => {}
            }
        }
        match number {
            Some(number) => ValueKind::Quantity { number, unit, unit_span },
            None => ValueKind::Invalid,
        }
    }

    fn first_num(&mut self, pair: Pair<'_, Rule>) -> Option<Decimal> {
        let num = pair.into_inner().find(|p| p.as_rule() == Rule::num)?;
        self.num(num)
    }

    /// Read digits (with `_` separators) exactly, or report that they do
    /// not fit.
    fn num(&mut self, pair: Pair<'_, Rule>) -> Option<Decimal> {
        let span = self.span(&pair);
        let digits: String = pair.as_str().chars().filter(|c| *c != '_').collect();
        match Decimal::from_str(&digits) {
            Ok(n) => Some(n),
            Err(_) => {
                self.diags.push(
                    Diagnostic::error(
                        Code::NumberTooLarge,
                        span,
                        format!("`{}` has too many digits to be held exactly", pair.as_str()),
                    )
                    .label("too many digits")
                    .help("numbers may have at most 28 significant digits; for a large power of ten write `10^12`"),
                );
                None
            }
        }
    }

    fn string_text(&mut self, pair: Pair<'_, Rule>) -> String {
        let Some(inner) = pair.into_inner().next() else {
            return String::new();
        };
        match inner.as_rule() {
            Rule::triple_text => dedent(inner.as_str()),
            _ => {
                let (text, bad) = unescape(inner.as_str());
                if let Some(bad) = bad {
                    let at = inner.as_span().start() + bad.at;
                    let escape = inner.as_str().get(bad.at..bad.at + bad.len).unwrap_or("\\");
                    self.diags.push(
                        Diagnostic::error(
                            Code::InvalidSyntax,
                            Span::new(self.file, at, at + bad.len),
                            format!("`{escape}` is not an escape slac knows"),
                        )
                        .label("unknown escape")
                        .help(
                            "inside quotes a backslash starts an escape: `\\\"`, `\\\\`, `\\n`, `\\t` or \
                             `\\u{4E2D}`; for a backslash itself write `\\\\`",
                        ),
                    );
                }
                text
            }
        }
    }
}

fn normalise_op(op: &str) -> &str {
    match op {
        "≤" => "<=",
        "≥" => ">=",
        "×" => "*",
        other => other,
    }
}

/// Where a string holds a backslash that starts no escape: byte offset and
/// length within the string's text.
#[derive(Debug, PartialEq, Eq)]
struct BadEscape {
    at: usize,
    len: usize,
}

/// Resolve `\"`, `\\`, `\n`, `\t`, `\r` and `\u{...}`. A backslash that
/// starts no escape is kept as written, and the first one is returned so it
/// can be reported.
fn unescape(raw: &str) -> (String, Option<BadEscape>) {
    let mut out = String::with_capacity(raw.len());
    let mut first_bad = None;
    let mut chars = raw.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let resolved = match chars.next() {
            None => Err(BadEscape { at, len: 1 }),
            Some((_, '"')) => Ok('"'),
            Some((_, '\\')) => Ok('\\'),
            Some((_, 'n')) => Ok('\n'),
            Some((_, 't')) => Ok('\t'),
            Some((_, 'r')) => Ok('\r'),
            Some((u_at, 'u')) if chars.next_if(|(_, c)| *c == '{').is_some() => {
                let mut hex = String::new();
                let mut end = u_at + 2;
                while let Some((i, h)) = chars.next_if(|(_, c)| c.is_ascii_hexdigit()) {
                    hex.push(h);
                    end = i + 1;
                }
                match chars.next_if(|(_, c)| *c == '}') {
                    Some(_) => u32::from_str_radix(&hex, 16)
                        .ok()
                        .filter(|_| hex.len() <= 6)
                        .and_then(char::from_u32)
                        .ok_or(BadEscape { at, len: end + 1 - at }),
                    None => Err(BadEscape { at, len: end - at }),
                }
            }
            Some((i, other)) => Err(BadEscape { at, len: i + other.len_utf8() - at }),
        };
        match resolved {
            Ok(ch) => out.push(ch),
            Err(bad) => {
                out.push_str(raw.get(bad.at..bad.at + bad.len).unwrap_or("\\"));
                first_bad.get_or_insert(bad);
            }
        }
    }
    (out, first_bad)
}

/// Triple-quoted text: drop the first line break and the indentation the
/// lines share, so prose can be indented with the file.
fn dedent(raw: &str) -> String {
    let lines: Vec<&str> = dedented_lines(raw).into_iter().map(|r| &raw[r]).collect();
    lines.join("\n")
}

/// Where each line of a triple-quoted text's value lies in the raw text
/// between the quotes, as byte ranges: the first line break, the
/// indentation the lines share and the blank lines at the end are left
/// out. An example's events are read from this value, and a bad row is
/// reported at its place in the file through these ranges.
pub fn dedented_lines(raw: &str) -> Vec<std::ops::Range<usize>> {
    let skip = if raw.starts_with("\r\n") { 2 } else { usize::from(raw.starts_with('\n')) };
    let mut lines = Vec::new();
    let mut at = skip;
    for piece in raw[skip..].split_inclusive('\n') {
        // As `str::lines`: a line ends at `\n` or `\r\n`.
        let content = match piece.strip_suffix('\n') {
            Some(l) => l.strip_suffix('\r').unwrap_or(l),
            None => piece,
        };
        lines.push(at..at + content.len());
        at += piece.len();
    }
    let blank = |r: &std::ops::Range<usize>| {
        let l = &raw[r.clone()];
        l.len() - l.trim_start_matches([' ', '\t']).len()
    };
    let indent = lines.iter().filter(|r| !raw[(*r).clone()].trim().is_empty()).map(blank).min().unwrap_or(0);
    let mut out: Vec<std::ops::Range<usize>> = lines.iter().map(|r| r.start + blank(r).min(indent)..r.end).collect();
    while out.last().is_some_and(|r| raw[r.clone()].trim().is_empty()) {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_resolved() {
        assert_eq!(unescape(r#"a\"b\\c\u{4E2D}"#), ("a\"b\\c中".to_owned(), None));
        let bad = |raw: &str| unescape(raw).1.map(|b| (b.at, b.len));
        assert_eq!(bad(r"ab\q"), Some((2, 2)));
        assert_eq!(bad(r"中\é"), Some((3, 3)));
        assert_eq!(bad(r"\u{D800}x"), Some((0, 8)));
        assert_eq!(bad(r"\u{12"), Some((0, 5)));
        assert_eq!(bad(r"\u12"), Some((0, 2)));
        assert_eq!(bad(r"\u{}"), Some((0, 4)));
        assert_eq!(bad("\\"), Some((0, 1)));
        // Bad escapes are kept as written, so the text still reads right.
        assert_eq!(unescape(r"C:\sla\x").0, r"C:\sla\x");
    }

    #[test]
    fn triple_strings_lose_shared_indentation() {
        assert_eq!(dedent("\n    one\n      two\n    "), "one\n  two");
        assert_eq!(dedent("\n    one\n  中文"), "  one\n中文");
    }
}
