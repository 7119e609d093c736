//! The flags for reading tools' exports (`docs/inputs.md`, "Exports from
//! tools"); [`crate::inputs::ExportOptions`] is what they say.

use crate::inputs::{ExportOptions, Unmapped};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// The flags for reading tools' exports.
#[derive(Args, Debug, Default, Clone)]
pub struct ExportArgs {
    /// Which tool exported --incidents: statuspage, pagerduty,
    /// pagerduty-csv, jsm, gcp (or csv, json, ndjson for slac's schema);
    /// default: told from the file.
    #[arg(long = "incidents-format", value_name = "NAME")]
    pub incidents_format: Option<String>,
    /// Which tool exported --maintenance (statuspage; or csv, json,
    /// ndjson); default: told from the file.
    #[arg(long = "maintenance-format", value_name = "NAME")]
    pub maintenance_format: Option<String>,
    /// A mapping file (TOML) that says how to read --incidents: its
    /// columns, timestamp format and zone, and label translations.
    #[arg(long = "incidents-map", value_name = "FILE")]
    pub incidents_map: Option<PathBuf>,
    /// Map a tool's service or component name to a service of the
    /// contract: `NAME=SERVICE` (repeatable); `NAME=-` marks it as not
    /// the contract's.
    #[arg(long = "service-map", value_name = "NAME=SERVICE")]
    pub service_map: Vec<String>,
    /// Translate an export's severity label to a tier: `LABEL=TIER`
    /// (repeatable).
    #[arg(long = "severity-map", value_name = "LABEL=TIER")]
    pub severity_map: Vec<String>,
    /// Names that are no service of the contract: an error listing them
    /// (default), or `warn`: set those records aside and count them.
    #[arg(long = "unmapped-services", value_enum, default_value_t = UnmappedArg::Error)]
    pub unmapped_services: UnmappedArg,
    /// strftime layout of the export's timestamps (`%d/%b/%y %I:%M %p`),
    /// tried before slac's own forms (repeatable).
    #[arg(long = "date-format", value_name = "LAYOUT")]
    pub date_format: Vec<String>,
    /// The zone of the export's timestamps that carry no offset (an IANA
    /// name); default: the contract's.
    #[arg(long = "date-zone", value_name = "ZONE")]
    pub date_zone: Option<String>,
    /// Which tool exported --status-changes: jira, servicenow, pagerduty
    /// (or csv, json, ndjson for slac's schema); default: told from the
    /// file.
    #[arg(long = "status-changes-format", value_name = "NAME")]
    pub status_changes_format: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum UnmappedArg {
    #[default]
    Error,
    Warn,
}

impl ExportArgs {
    pub fn to_options(&self) -> ExportOptions {
        ExportOptions {
            incidents_format: self.incidents_format.clone(),
            maintenance_format: self.maintenance_format.clone(),
            incidents_map: self.incidents_map.clone(),
            service_map: self.service_map.clone(),
            severity_map: self.severity_map.clone(),
            unmapped_services: match self.unmapped_services {
                UnmappedArg::Error => Unmapped::Error,
                UnmappedArg::Warn => Unmapped::Warn,
            },
            date_format: self.date_format.clone(),
            date_zone: self.date_zone.clone(),
            status_changes_format: self.status_changes_format.clone(),
        }
    }
}
