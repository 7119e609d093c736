//! The untyped syntax tree: statements of values, blocks, citations,
//! attributes and the comments beside them.
//!
//! It keeps everything the source said (except layout), so the checker can
//! give precise messages and a formatter could write the file back.

use crate::source::{FileId, Span};
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SyntaxFile {
    pub file: FileId,
    /// `#![...]` attributes at the top of the file.
    pub attrs: Vec<Attribute>,
    pub statements: Vec<Statement>,
    /// Every comment, in source order.
    pub comments: Vec<Comment>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Comment {
    pub text: String,
    pub span: Span,
}

/// One line: values, then optionally a citation and a block.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Statement {
    pub attrs: Vec<Attribute>,
    pub values: Vec<Value>,
    pub citation: Option<Citation>,
    pub block: Option<Block>,
    pub span: Span,
}

impl Statement {
    /// The leading word, if the statement starts with one.
    pub fn keyword(&self) -> Option<&str> {
        match self.values.first().map(|v| &v.kind) {
            Some(ValueKind::Word(w)) => Some(w),
            _ => None,
        }
    }

    /// The span of the leading value, or of the whole statement.
    pub fn head_span(&self) -> Span {
        self.values.first().map(|v| v.span).unwrap_or(self.span)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Block {
    /// `#![...]` attributes at the top of the block.
    pub attrs: Vec<Attribute>,
    /// A citation written right after `{`; the lowering moves it to the
    /// statement that owns the block.
    pub citation: Option<Citation>,
    pub statements: Vec<Statement>,
    pub span: Span,
}

/// `§ "4.8"`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Citation {
    pub section: String,
    pub span: Span,
}

/// `#[allow(rule, reason = "...")]` or `#![...]`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Attribute {
    pub inner: bool,
    pub name: String,
    pub name_span: Span,
    pub args: Vec<AttrArg>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum AttrArg {
    Word { text: String, span: Span },
    Pair { key: String, value: String, span: Span },
    Str { text: String, span: Span },
}

/// A calendar date as written; whether it exists is checked later.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RawDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub span: Span,
}

/// A time of day as written (`09:00`, `24:00`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RawTime {
    pub hour: u32,
    pub minute: u32,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Value {
    pub kind: ValueKind,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum ValueKind {
    /// Quoted text, escapes resolved.
    Str(String),
    /// `24x7`.
    Always,
    /// `[99.00%, 99.80%)`.
    Interval {
        low: Box<Value>,
        high: Box<Value>,
        low_closed: bool,
        high_closed: bool,
    },
    /// `CNY 12000.00`.
    Money {
        currency: String,
        amount: Decimal,
    },
    /// `2025-11-01..2025-11-12`, or open-ended `2025-11-01..`.
    DateRange {
        start: RawDate,
        end: Option<RawDate>,
    },
    Date(RawDate),
    /// `2025-06`.
    YearMonth {
        year: i32,
        month: u32,
    },
    /// `09:00-18:00`.
    TimeRange {
        start: RawTime,
        end: RawTime,
    },
    Time(RawTime),
    /// `99.95%` holds `99.95`.
    Percent(Decimal),
    /// `10^10`.
    Power {
        base: Decimal,
        exponent: Decimal,
    },
    /// A number with a unit against it: `15min`, `5th`, `2x`.
    Quantity {
        number: Decimal,
        unit: String,
        unit_span: Span,
    },
    Number(Decimal),
    /// A bare word: a keyword or a name.
    Word(String),
    /// Words joined by hyphens: `mon-fri`, `missing-exclusions`.
    DashedWord(String),
    /// `=>`, `<=`, `/`, `(`, ...
    Op(String),
    /// A literal that could not be read; already reported.
    Invalid,
}

impl Value {
    /// How the value reads in a message: "the percentage `99%`".
    pub fn describe(&self) -> &'static str {
        match &self.kind {
            ValueKind::Str(_) => "a quoted text",
            ValueKind::Always => "`24x7`",
            ValueKind::Interval { .. } => "an interval",
            ValueKind::Money { .. } => "an amount of money",
            ValueKind::DateRange { .. } => "a date range",
            ValueKind::Date(_) => "a date",
            ValueKind::YearMonth { .. } => "a month",
            ValueKind::TimeRange { .. } => "hours",
            ValueKind::Time(_) => "a time of day",
            ValueKind::Percent(_) => "a percentage",
            ValueKind::Power { .. } => "a power of ten",
            ValueKind::Quantity { unit, .. } => describe_unit(unit),
            ValueKind::Number(_) => "a plain number",
            ValueKind::Word(_) => "a word",
            ValueKind::DashedWord(_) => "a hyphenated word",
            ValueKind::Op(_) => "an operator",
            ValueKind::Invalid => "an unreadable value",
        }
    }

    /// How the value reads after "found": the word itself for words and
    /// operators (`` `week` ``), else what kind of value it is.
    pub fn found(&self) -> String {
        match &self.kind {
            ValueKind::Word(w) | ValueKind::DashedWord(w) | ValueKind::Op(w) => format!("`{w}`"),
            _ => self.describe().to_owned(),
        }
    }

    pub fn as_word(&self) -> Option<&str> {
        match &self.kind {
            ValueKind::Word(w) => Some(w),
            _ => None,
        }
    }

    pub fn is_word(&self, word: &str) -> bool {
        self.as_word() == Some(word)
    }

    pub fn is_op(&self, op: &str) -> bool {
        matches!(&self.kind, ValueKind::Op(o) if o == op)
    }
}

fn describe_unit(unit: &str) -> &'static str {
    super::Unit::of_suffix(unit).map_or("a number with a unit", super::Unit::describe)
}
