//! Other measurable objectives, recovery, backups and data facts.

use super::values::{CalendarSpan, Citation, Money, Percent, PeriodKind, Seconds};
use crate::source::Span;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

/// `objective system_response_time < 10s`: a figure a metrics file can give.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Objective {
    /// The name a metrics file uses for it.
    pub name: String,
    pub group: ObjectiveGroup,
    pub op: CompareOp,
    pub value: Measure,
    pub per: Option<PeriodKind>,
    pub description: Option<String>,
    pub span: Span,
    pub citation: Option<Citation>,
}

/// Which block an objective was written in; only for grouping in reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectiveGroup {
    General,
    Recovery,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CompareOp {
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = "=")]
    Eq,
}

impl CompareOp {
    pub fn holds(self, actual: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            CompareOp::Lt => actual == Less,
            CompareOp::Le => actual != Greater,
            CompareOp::Gt => actual == Greater,
            CompareOp::Ge => actual != Less,
            CompareOp::Eq => actual == Equal,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
            CompareOp::Eq => "=",
        }
    }
}

/// A typed amount an objective is compared with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "value")]
pub enum Measure {
    Duration(Seconds),
    Percent(Percent),
    Count(#[serde(with = "rust_decimal::serde::str")] Decimal),
    Money(Money),
    Span(CalendarSpan),
    /// A number with a unit slac does not interpret (`5Gb`, `100Mbps`).
    Quantity {
        #[serde(with = "rust_decimal::serde::str")]
        number: Decimal,
        unit: String,
    },
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Measure::Duration(s) => write!(f, "{s}"),
            Measure::Percent(p) => write!(f, "{p}"),
            Measure::Count(n) => write!(f, "{n}"),
            Measure::Money(m) => write!(f, "{m}"),
            Measure::Span(s) => write!(f, "{} {}", s.count, s.unit.name()),
            Measure::Quantity { number, unit } => write!(f, "{number}{unit}"),
        }
    }
}

/// `backup daily_incremental every day retain 7d`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backup {
    pub id: String,
    pub description: Option<String>,
    pub every: Option<Cadence>,
    pub retain: Option<Measure>,
    pub location: Option<String>,
    pub span: Span,
    pub citation: Option<Citation>,
}

/// A recurring duty's cadence: `every day`, `every 2 weeks`, `every quarter`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    Day,
    Week,
    Month,
    Quarter,
    HalfYear,
    Year,
}

/// `location primary "上海"`: where data is held.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataLocation {
    pub role: String,
    pub place: String,
    pub span: Span,
    pub citation: Option<Citation>,
}

/// `retain billing_records 2 years`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retention {
    pub what: String,
    pub at_least: Measure,
    pub span: Span,
    pub citation: Option<Citation>,
}

/// A recurring duty with no figure to measure (`duty vulnerability_scan every
/// month`): reported, and checked where a metrics file gives a count.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Duty {
    pub id: String,
    pub every: Cadence,
    pub description: Option<String>,
    pub span: Span,
    pub citation: Option<Citation>,
}
