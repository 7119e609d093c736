//! The flags that give each part of an [`inputs::Request`]: the library
//! names options in words, and the CLI's messages name them by flag.

use crate::eval::{EvalError, Given};
use crate::inputs::{Field, InputError};

/// The message, with options named by their flags.
pub fn message(e: &InputError) -> String {
    match e {
        InputError::Eval(e) => eval_message(e),
        _ => e.render(|f| flag(f).to_owned()),
    }
}

/// An evaluation's error, with the options that could mend it named by
/// flag; an error placed in a clause keeps its place.
fn eval_message(e: &EvalError) -> String {
    match e {
        EvalError::InClause { clause, citation, error, .. } => {
            let inner = eval_message(error);
            match citation {
                Some(section) => format!("{inner} (in {clause}, § {section})"),
                None => format!("{inner} (in {clause})"),
            }
        }
        EvalError::RangeReversed { from, to } => format!("--to {to} is before --from {from}"),
        EvalError::HolidaySetMissing { name } => format!(
            "holiday set `{name}` was not loaded; declare it with `holidays {name} from \"file\"` or pass --holidays {name}=FILE"
        ),
        EvalError::MissingAmount { given_as: Some(given), .. } => {
            let flag = match given {
                Given::ContractValue => "--contract-value \"CNY 100000.00\"",
                Given::Usage => "--usage FILE",
                Given::Inventory => "--inventory FILE",
            };
            format!("{e}; on the command line: {flag}")
        }
        other => other.to_string(),
    }
}

/// The flag that gives a field of the request.
pub fn flag(f: Field) -> &'static str {
    match f {
        Field::Incidents => "--incidents",
        Field::Maintenance => "--maintenance",
        Field::Probes => "--probes",
        Field::Usage => "--usage",
        Field::Metrics => "--metrics",
        Field::Inventory => "--inventory",
        Field::StatusChanges => "--status-changes",
        Field::Updates => "--updates",
        Field::IncidentsMap => "--incidents-map",
        Field::IncidentsFormat => "--incidents-format",
        Field::MaintenanceFormat => "--maintenance-format",
        Field::StatusChangesFormat => "--status-changes-format",
        Field::InputFormat => "--input-format",
        Field::From => "--from",
        Field::To => "--to",
        Field::AsOf => "--as-of",
        Field::Holidays => "--holidays",
        Field::ContractValue => "--contract-value",
        Field::ServiceMap => "--service-map",
        Field::SeverityMap => "--severity-map",
        Field::DateFormat => "--date-format",
        Field::DateZone => "--date-zone",
        Field::UnmappedServices => "--unmapped-services",
        Field::SkipBadRows => "--skip-bad-rows",
        Field::Allow => "--allow",
        Field::Warn => "--warn",
        Field::Deny => "--deny",
    }
}
