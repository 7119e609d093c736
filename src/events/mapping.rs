//! Mapping files (`--incidents-map map.toml`): how to read any CSV, JSON
//! or NDJSON export as incidents, or how to adjust a native reader.
//!
//! ```toml
//! format = "csv"                          # csv, json, ndjson, or a native format to adjust
//! delimiter = ";"                         # CSV: the cell separator (default ",")
//! timestamp_format = "%d.%m.%Y %H:%M"     # strftime; a list is tried in order
//! timezone = "Europe/Berlin"              # zone of naive timestamps (default: the contract's)
//!
//! [columns]                               # canonical field = column (or list of alternatives)
//! id = "Ticket"
//! opened_at = "Opened"
//! resolved_at = "Closed"
//! responded_after = "Secs to ack"         # or responded_at
//! severity = "Prio"
//! service = ["Service", "#7"]             # #7: the seventh column
//! region = "Custom field (Region)"        # picks the calendar of `clock by region`
//!
//! [severity]                              # export label = tier (id, name or label)
//! "Sev 1" = "L1"
//!
//! [impact]                                # export value = outage | degraded | none
//! "Down" = "outage"
//!
//! [cause]                                 # export value = exclusion category
//! "Vendor" = "third_party"
//!
//! [services]                              # export name = contract service ("-": not ours)
//! "Checkout API" = "shop"
//!
//! [defaults]                              # constants for fields the file lacks
//! impact = "outage"
//! ```
//!
//! Keys are checked: a key slac does not know is an error that names it.
//! `docs/inputs.md` describes every key.

use super::format::Format;
use super::model::Impact;
use super::native::NativeFormat;
use super::native::spec::{Field, Source, Spec, canonical_impact};
use super::native::times::check_format;
use chrono_tz::Tz;
use serde::Deserialize;
use std::collections::BTreeMap;

/// What a mapping file applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A CSV, JSON or NDJSON file read through the mapping's columns;
    /// `None`: the layout follows the file's extension.
    Table(Option<Format>),
    /// A native export whose reading the mapping adjusts.
    Native(NativeFormat),
}

/// A loaded mapping: what it applies to and the spec it adds.
#[derive(Clone, Debug)]
pub struct Mapping {
    pub target: Target,
    pub spec: Spec,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Columns {
    id: Option<OneOrMany>,
    service: Option<OneOrMany>,
    instance: Option<OneOrMany>,
    severity: Option<OneOrMany>,
    opened_at: Option<OneOrMany>,
    responded_at: Option<OneOrMany>,
    responded_after: Option<OneOrMany>,
    resolved_at: Option<OneOrMany>,
    resolved_after: Option<OneOrMany>,
    impact: Option<OneOrMany>,
    cause: Option<OneOrMany>,
    region: Option<OneOrMany>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Defaults {
    service: Option<String>,
    instance: Option<String>,
    severity: Option<String>,
    impact: Option<String>,
    cause: Option<String>,
    region: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    format: Option<String>,
    records: Option<String>,
    delimiter: Option<String>,
    timestamp_format: Option<OneOrMany>,
    timezone: Option<String>,
    #[serde(default)]
    columns: Option<Columns>,
    #[serde(default)]
    severity: BTreeMap<String, String>,
    #[serde(default)]
    impact: BTreeMap<String, String>,
    #[serde(default)]
    cause: BTreeMap<String, String>,
    #[serde(default)]
    services: BTreeMap<String, String>,
    #[serde(default)]
    defaults: Defaults,
}

/// Parses a mapping file's text; `name` is how messages call it.
pub fn parse(text: &str, name: &str) -> Result<Mapping, String> {
    let file: File = toml::from_str(text).map_err(|e| format!("{name}: {}", e.to_string().trim_end()))?;
    let err = |key: &str, message: String| format!("{name}: {key}: {message}");
    let target = match file.format.as_deref().map(str::trim) {
        None => Target::Table(None),
        Some(f) => match f.to_ascii_lowercase().as_str() {
            "csv" => Target::Table(Some(Format::Csv)),
            "json" => Target::Table(Some(Format::Json)),
            "ndjson" | "jsonl" => Target::Table(Some(Format::Ndjson)),
            _ => Target::Native(f.parse().map_err(|e| err("format", format!("{e}")))?),
        },
    };
    let mut spec = Spec { name: format!("mapping {name}"), origin: name.to_string(), ..Spec::default() };
    spec.records = file.records;
    if let Some(d) = file.delimiter {
        let byte = match d.as_str() {
            "\\t" | "tab" => b'\t',
            _ if d.len() == 1 && d.is_ascii() => d.as_bytes()[0],
            _ => return Err(err("delimiter", format!("`{d}` is not one ASCII character (such as \";\" or \"\\t\")"))),
        };
        spec.delimiter = Some(byte);
    }
    if let Some(formats) = file.timestamp_format {
        for f in formats.into_vec() {
            check_format(&f).map_err(|m| err("timestamp_format", m))?;
            spec.timestamp_formats.push(f);
        }
    }
    if let Some(zone) = file.timezone {
        spec.zone = Some(zone.trim().parse::<Tz>().map_err(|_| {
            err("timezone", format!("unknown time zone `{zone}`; use an IANA name such as Europe/Berlin"))
        })?);
    }
    if let Some(c) = file.columns {
        let fields = [
            (Field::Id, c.id),
            (Field::Service, c.service),
            (Field::Instance, c.instance),
            (Field::Severity, c.severity),
            (Field::OpenedAt, c.opened_at),
            (Field::RespondedAt, c.responded_at),
            (Field::RespondedAfter, c.responded_after),
            (Field::ResolvedAt, c.resolved_at),
            (Field::ResolvedAfter, c.resolved_after),
            (Field::Impact, c.impact),
            (Field::Cause, c.cause),
            (Field::Region, c.region),
        ];
        for (field, names) in fields {
            let Some(names) = names else { continue };
            let names: Vec<String> = names.into_vec().into_iter().map(|n| n.trim().to_string()).collect();
            if names.is_empty() || names.iter().any(String::is_empty) {
                return Err(err(&format!("columns.{}", field.key()), "name a column (or a list of columns)".into()));
            }
            spec.columns.insert(field, Source { names, strict: true, soft: false });
        }
    }
    if matches!(target, Target::Native(NativeFormat::Statuspage)) && !spec.columns.is_empty() {
        return Err(err("columns", "Statuspage documents are read by their structure; [columns] does not apply (the labels, services and defaults do)".into()));
    }
    for (label, value) in file.impact {
        let impact = canonical_impact(&value)
            .ok_or_else(|| err(&format!("impact.{label:?}"), format!("`{value}` is not outage, degraded or none")))?;
        spec.impacts.push((label, impact));
    }
    spec.severity = file.severity.into_iter().collect();
    spec.causes = file.cause.into_iter().collect();
    spec.services = file.services.into_iter().map(|(k, v)| (k, v.trim().to_string())).collect();
    let d = file.defaults;
    if let Some(impact) = &d.impact {
        canonical_impact(impact)
            .ok_or_else(|| err("defaults.impact", format!("`{impact}` is not outage, degraded or none")))?;
    }
    for (field, value) in [
        (Field::Service, d.service),
        (Field::Instance, d.instance),
        (Field::Severity, d.severity),
        (Field::Impact, d.impact),
        (Field::Cause, d.cause),
        (Field::Region, d.region),
    ] {
        if let Some(v) = value {
            spec.defaults.insert(field, v);
        }
    }
    if let Target::Table(_) = target {
        for field in [Field::Id, Field::OpenedAt] {
            if !spec.columns.contains_key(&field) {
                return Err(err(
                    "columns",
                    format!(
                        "`{}` is required: name the column that holds it (or set `format` to a native format)",
                        field.key()
                    ),
                ));
            }
        }
    }
    Ok(Mapping { target, spec })
}

/// The impact a default names (checked when parsed).
pub fn default_impact(spec: &Spec) -> Impact {
    spec.defaults.get(&Field::Impact).and_then(|d| canonical_impact(d)).unwrap_or(Impact::None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_mapping_parses() {
        let m = parse(
            r##"
format = "csv"
timestamp_format = ["%d.%m.%Y %H:%M", "%d.%m.%Y"]
timezone = "Europe/Berlin"
[columns]
id = "Ticket"
opened_at = "Opened"
service = ["Service", "#7"]
[severity]
"Sev 1" = "L1"
[impact]
Down = "outage"
[services]
"Checkout API" = "shop"
"Intranet" = "-"
[defaults]
impact = "outage"
"##,
            "map.toml",
        )
        .unwrap();
        assert_eq!(m.target, Target::Table(Some(Format::Csv)));
        assert_eq!(m.spec.columns[&Field::Service].names, ["Service", "#7"]);
        assert_eq!(m.spec.zone, Some(chrono_tz::Europe::Berlin));
        assert_eq!(default_impact(&m.spec), Impact::Outage);
    }

    #[test]
    fn a_misspelt_key_is_named() {
        let e = parse("[columns]\nid = \"a\"\nopend_at = \"b\"\n", "map.toml").unwrap_err();
        assert!(e.contains("opend_at") && e.contains("map.toml"), "{e}");
        let e = parse("formt = \"csv\"\n", "map.toml").unwrap_err();
        assert!(e.contains("formt"), "{e}");
    }

    #[test]
    fn values_are_checked() {
        let e = parse("[columns]\nid=\"a\"\nopened_at=\"b\"\n[impact]\nDown = \"broken\"\n", "m.toml").unwrap_err();
        assert!(e.contains("impact.\"Down\"") && e.contains("broken"), "{e}");
        let e = parse("timezone = \"Mars/Base\"\n[columns]\nid=\"a\"\nopened_at=\"b\"\n", "m.toml").unwrap_err();
        assert!(e.contains("timezone"), "{e}");
        let e = parse("[columns]\nid=\"a\"\n", "m.toml").unwrap_err();
        assert!(e.contains("opened_at"), "{e}");
        let e = parse("format = \"servicenow\"\n", "m.toml").unwrap_err();
        assert!(e.contains("format") && e.contains("servicenow"), "{e}");
        // adjusting a native reader needs no columns
        let m = parse("format = \"jsm\"\ntimezone = \"Europe/London\"\n", "m.toml").unwrap();
        assert_eq!(m.target, Target::Native(NativeFormat::Jsm));
    }
}
