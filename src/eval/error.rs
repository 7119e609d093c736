//! Why an evaluation could not be completed.

use super::YearMonth;
use crate::calendar::CalendarError;
use crate::ir::Citation;
use crate::source::Span;
use std::fmt;

/// What the caller of an evaluation can give beside the contract: a
/// front end names it in its own words (the CLI by its flag).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Given {
    ContractValue,
    Usage,
    /// The instances a customer runs, for a promise's `covers when`.
    Inventory,
}

/// An evaluation error. Every one names what to do about it; none is ever
/// turned into a partial result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvalError {
    /// A row that does not fit the contract (unknown severity or service).
    BadRow { location: String, field: String, message: String },
    /// A calendar question that cannot be answered (a year no holiday set
    /// covers, a calendar never open).
    Calendar { context: String, error: CalendarError },
    /// An amount a credit or penalty needs that nobody gave; `given_as`:
    /// the input of the evaluation that can give it.
    MissingAmount { what: String, help: String, given_as: Option<Given> },
    /// An evaluated range whose last month comes before its first.
    RangeReversed { from: YearMonth, to: YearMonth },
    /// A holiday set a calendar uses that no table was loaded for.
    HolidaySetMissing { name: String },
    /// Inputs that do not fit the contract or each other.
    Usage(String),
    /// A sum or product of amounts that a decimal cannot hold exactly; names
    /// the clause that needed it.
    TooLarge { clause: String },
    /// An error that arose in one clause of the contract: where the clause
    /// is written, the section it cites, and what it is (`credit baas`).
    InClause { clause: String, span: Span, citation: Option<String>, error: Box<EvalError> },
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EvalError::BadRow { location, field, message } => write!(f, "{location}: field {field}: {message}"),
            EvalError::Calendar { context, error } => write!(f, "{context}: {error}"),
            EvalError::MissingAmount { what, help, .. } => write!(f, "{what} is needed but was not given; {help}"),
            EvalError::Usage(m) => f.write_str(m),
            EvalError::InClause { clause, citation, error, .. } => match citation {
                Some(section) => write!(f, "{error} (in {clause}, § {section})"),
                None => write!(f, "{error} (in {clause})"),
            },
            EvalError::RangeReversed { from, to } => {
                write!(f, "the last month to evaluate, {to}, is before the first, {from}")
            }
            EvalError::HolidaySetMissing { name } => write!(
                f,
                "holiday set `{name}` was not loaded; declare it with `holidays {name} from \"file\"` or give a holiday file for it"
            ),
            EvalError::TooLarge { clause } => write!(
                f,
                "the amounts of {clause} are too large to compute with exactly; check the fees and amounts it is computed from"
            ),
        }
    }
}

impl std::error::Error for EvalError {}

impl EvalError {
    /// For `checked_*` results: `None` is [`EvalError::TooLarge`].
    pub fn too_large(clause: impl Into<String>) -> impl FnOnce() -> EvalError {
        let clause = clause.into();
        move || EvalError::TooLarge { clause }
    }

    /// This error, placed in the clause it arose in.
    pub fn in_clause(self, clause: impl Into<String>, span: Span, citation: Option<&Citation>) -> EvalError {
        match self {
            // The innermost clause is the most precise.
            EvalError::InClause { .. } => self,
            error => EvalError::InClause {
                clause: clause.into(),
                span,
                citation: citation.map(|c| c.section.clone()),
                error: Box::new(error),
            },
        }
    }

    pub fn calendar(context: impl Into<String>) -> impl FnOnce(CalendarError) -> EvalError {
        let context = context.into();
        move |error| EvalError::Calendar { context, error }
    }
}
