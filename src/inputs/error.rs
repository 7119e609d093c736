//! Why a request could not be turned into a report: typed, so that a front
//! end names the option in its own words (the CLI by its flag) and a test
//! can tell a bad row from a bad path without reading a message.

use crate::driver::Compilation;
use crate::eval::EvalError;
use crate::events::native::translate::Untranslated;
use crate::events::{EventError, RowRef};
use std::fmt;
use std::path::PathBuf;

/// The parts of a [`super::Request`] an error can be about. The library
/// names them in words ([`Field::words`]); the CLI maps each to its flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Incidents,
    Maintenance,
    Probes,
    Usage,
    Metrics,
    StatusChanges,
    Updates,
    Inventory,
    IncidentsMap,
    IncidentsFormat,
    MaintenanceFormat,
    StatusChangesFormat,
    InputFormat,
    From,
    To,
    AsOf,
    Holidays,
    ContractValue,
    ServiceMap,
    SeverityMap,
    DateFormat,
    DateZone,
    /// What to do with names no service of the contract has.
    UnmappedServices,
    /// Set bad rows aside instead of stopping.
    SkipBadRows,
    /// Lint rules turned off, made warnings, made errors.
    Allow,
    Warn,
    Deny,
}

impl Field {
    /// The field in the library's words, for messages with no front end.
    pub fn words(self) -> &'static str {
        match self {
            Field::Incidents => "the incidents file",
            Field::Maintenance => "the maintenance file",
            Field::Probes => "the probes file",
            Field::Usage => "the usage file",
            Field::Metrics => "the metrics file",
            Field::Inventory => "the inventory file",
            Field::StatusChanges => "the status-changes file",
            Field::Updates => "the incident-updates file",
            Field::IncidentsMap => "the incidents mapping",
            Field::IncidentsFormat => "the incidents format",
            Field::MaintenanceFormat => "the maintenance format",
            Field::StatusChangesFormat => "the status-changes format",
            Field::InputFormat => "the input format",
            Field::From => "the first month",
            Field::To => "the last month",
            Field::AsOf => "the as-of time",
            Field::Holidays => "the extra holiday file",
            Field::ContractValue => "the contract value",
            Field::ServiceMap => "the service map",
            Field::SeverityMap => "the severity map",
            Field::DateFormat => "the date format",
            Field::DateZone => "the date zone",
            Field::UnmappedServices => "the unmapped-services choice",
            Field::SkipBadRows => "the skip-bad-rows choice",
            Field::Allow => "the lint rule to allow",
            Field::Warn => "the lint rule to warn about",
            Field::Deny => "the lint rule to deny",
        }
    }
}

/// An error reading a request's inputs, or evaluating them.
#[derive(Debug)]
pub enum InputError {
    /// An option's value is wrong (`about` says which); `message` follows
    /// the option's name.
    Option { about: Field, message: String },
    /// Standard input given for an event file whose layout nothing says.
    StdinFormat { file: Field },
    /// Two or more options that cannot be given together.
    Conflict { fields: Vec<Field>, message: String },
    /// A file that cannot be opened or read, or holds what cannot be used:
    /// the path and why.
    File { path: PathBuf, message: String },
    /// A row of an event file the reader refused: file, line or JSON
    /// position, field, and what is wrong.
    Event(EventError),
    /// A row that was read but fits no part of the contract (a probe row
    /// naming no service of it).
    Row { at: RowRef, field: &'static str, message: String },
    /// An export whose records cannot be translated to the contract
    /// (services no map sends anywhere, severities no tier has).
    Export { file: String, problems: Vec<Untranslated> },
    /// A holiday set that cannot be built (a file that cannot be read or
    /// parsed, a base that failed): the set, and why.
    Holidays { set: String, message: String },
    /// The contract cannot be evaluated: it does not compile, has errors or
    /// holds no contract. The compilation, when there is one, holds the
    /// diagnostics to show.
    Contract { path: PathBuf, message: String, compilation: Option<Box<Compilation>> },
    /// A `slac.toml` found above the contract that cannot be used.
    Lint(String),
    /// The evaluation itself stopped.
    Eval(EvalError),
}

impl InputError {
    pub(crate) fn option(about: Field, message: impl Into<String>) -> InputError {
        InputError::Option { about, message: message.into() }
    }

    pub(crate) fn file(path: &std::path::Path, message: impl Into<String>) -> InputError {
        InputError::File { path: path.to_path_buf(), message: message.into() }
    }

    /// The message, with each option named by `name` (the library's words,
    /// or a front end's flags).
    pub fn render(&self, name: impl Fn(Field) -> String) -> String {
        match self {
            InputError::Option { about, message } => format!("{} {message}", name(*about)),
            InputError::StdinFormat { file } => format!(
                "{} -: standard input has no extension to tell its format; set {}",
                name(*file),
                name(Field::InputFormat)
            ),
            InputError::Conflict { fields, message } => {
                let names: Vec<String> = fields.iter().map(|f| name(*f)).collect();
                format!("{} {message}", names.join(" and "))
            }
            InputError::File { message, .. }
            | InputError::Contract { message, .. }
            | InputError::Holidays { message, .. } => message.clone(),
            InputError::Lint(message) => message.clone(),
            InputError::Event(e) => e.to_string(),
            InputError::Row { at, field, message } => format!("{at}: field {field}: {message}"),
            InputError::Export { file, problems } => {
                let lines: Vec<String> = problems.iter().map(|p| untranslated(p, &name)).collect();
                format!("{file}: {}", lines.join("\n"))
            }
            InputError::Eval(e) => e.to_string(),
        }
    }
}

/// What could not be translated, and how to fix it.
fn untranslated(p: &Untranslated, name: &impl Fn(Field) -> String) -> String {
    match p {
        Untranslated::Services { total, names } => format!(
            "{total} record(s) name services or components the contract does not have: {names}. \
             Map each to a service of the contract ({} 'NAME=SERVICE', or [services] in \
             the mapping; `-` marks a name as not the contract's), or pass {} warn \
             to set them aside",
            name(Field::ServiceMap),
            name(Field::UnmappedServices)
        ),
        Untranslated::Severities { total, labels, tiers } => format!(
            "{total} incident(s) have severities that name no tier of the contract: {labels}. The tiers are {tiers}; \
             translate the labels with {} 'LABEL=TIER' (or [severity] in the mapping), add \
             them to the tiers' `labels`, or pass {} to set these incidents aside",
            name(Field::SeverityMap),
            name(Field::SkipBadRows)
        ),
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(|field| field.words().to_owned()))
    }
}

impl std::error::Error for InputError {}

impl From<EvalError> for InputError {
    fn from(e: EvalError) -> Self {
        InputError::Eval(e)
    }
}

impl From<EventError> for InputError {
    fn from(e: EventError) -> Self {
        InputError::Event(e)
    }
}
