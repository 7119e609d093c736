//! Reading tools' exports: their formats, mappings, the service and
//! severity maps, and the summary the report shows of what was read and
//! what was set aside (`docs/inputs.md`, "Exports from tools").

use super::error::{Field, InputError};
use super::files::{Input, is_stdin};
use crate::eval::Inputs;
use crate::eval::services::Services;
use crate::events::limits::{MAX_DOCUMENT_BYTES, MAX_RECORD_BYTES};
use crate::events::mapping::{self, Mapping, Target};
use crate::events::native::detect::{Detected, detect};
use crate::events::native::history::{self, HistoryFormat};
pub use crate::events::native::translate::Unmapped;
use crate::events::native::translate::{self, ContractView, Maps, Translated, counted};
use crate::events::native::{self, NativeFormat, NativeOptions, NativeRead, times};
use crate::events::{ChangedField, Format, Impact};
use crate::ir::{Contract, LabelMatch, describe_tiers, why_no_tier};
use crate::report::{InputKind, InputSummary, SkippedRow};
use chrono_tz::Tz;
use std::path::{Path, PathBuf};

/// How to read tools' exports (`docs/inputs.md`, "Exports from tools").
#[derive(Debug, Default, Clone)]
pub struct ExportOptions {
    /// Which tool exported the incidents file (`statuspage`, `pagerduty`,
    /// `pagerduty-csv`, `jsm`, `gcp`, or `csv`, `json`, `ndjson` for slac's
    /// schema); `None`: told from the file.
    pub incidents_format: Option<String>,
    /// Which tool exported the maintenance file (`statuspage`, or slac's
    /// own layouts); `None`: told from the file.
    pub maintenance_format: Option<String>,
    /// A mapping file (TOML) that says how to read the incidents file.
    pub incidents_map: Option<PathBuf>,
    /// `NAME=SERVICE` pairs: a tool's service or component name to a
    /// service of the contract (`NAME=-`: not the contract's).
    pub service_map: Vec<String>,
    /// `LABEL=TIER` pairs: an export's severity label to a tier.
    pub severity_map: Vec<String>,
    /// Names that are no service of the contract: an error, or set aside
    /// and counted.
    pub unmapped_services: Unmapped,
    /// strftime layouts of the export's timestamps, tried before slac's own.
    pub date_format: Vec<String>,
    /// The zone of the export's timestamps that carry no offset (an IANA
    /// name); `None`: the contract's.
    pub date_zone: Option<String>,
    /// Which tool exported the status-changes file (`jira`, `servicenow`,
    /// `pagerduty`, or `csv`, `json`, `ndjson` for slac's schema); `None`:
    /// told from the file.
    pub status_changes_format: Option<String>,
}

/// What the rest of the request says about an input file.
pub(super) struct Context<'a> {
    pub contract: &'a Contract,
    pub tz: Tz,
    pub skip_bad_rows: bool,
    /// The request's input format, when given.
    pub layout: Option<Format>,
    pub input: Input<'a>,
    /// Warnings for the person running the evaluation.
    pub warnings: &'a std::cell::RefCell<Vec<String>>,
}

/// How one file is to be read.
enum Plan {
    Canonical,
    Native(NativeFormat, Option<Mapping>),
    Mapped(Format, Mapping),
}

/// Reads the incidents file when it is a tool's export or has a mapping;
/// `Ok(false)` when it is slac's own schema, for the canonical reader.
pub(super) fn incidents(
    path: &Path,
    args: &ExportOptions,
    cx: &Context<'_>,
    inputs: &mut Inputs,
) -> Result<bool, InputError> {
    let mapping = match &args.incidents_map {
        Some(map) => Some(load_mapping(map, cx)?),
        None => None,
    };
    let explicit = args.incidents_format.as_deref().map(|f| parse_format(Field::IncidentsFormat, f)).transpose()?;
    let bytes = || cx.input.read_whole(path, "incidents");
    let (plan, data) = match (mapping, explicit) {
        (Some(m), explicit) => {
            let data = bytes()?;
            let plan = match m.target {
                Target::Native(nf) => Plan::Native(nf, Some(m)),
                Target::Table(layout) => {
                    let layout = match (layout, explicit) {
                        (Some(l), _) => l,
                        (None, Some(Chosen::Canonical(l))) => l,
                        _ => layout_of(path, cx)?,
                    };
                    Plan::Mapped(layout, m)
                }
            };
            (plan, Some(data))
        }
        (None, Some(Chosen::Native(nf))) => (Plan::Native(nf, None), Some(bytes()?)),
        (None, Some(Chosen::Canonical(_))) => (Plan::Canonical, None),
        (None, None) => {
            let Some(layout) = cx.layout.or_else(|| Format::from_path(path)) else { return Ok(false) };
            if layout == Format::Ndjson {
                return Ok(false);
            }
            let Some((detected, data)) = look_at(path, layout, "incidents", cx, detect)? else { return Ok(false) };
            match detected {
                Detected::Canonical => (Plan::Canonical, None),
                Detected::Native(nf) => (Plan::Native(nf, None), Some(data.map_or_else(bytes, Ok)?)),
                Detected::Ambiguous(list) => {
                    let names: Vec<&str> = list.iter().map(|f| f.name()).collect();
                    return Err(InputError::option(
                        Field::IncidentsFormat,
                        format!(
                            "is needed: {} looks like an export of {}; say which",
                            path.display(),
                            names.join(" or ")
                        ),
                    ));
                }
            }
        }
    };
    let (Some(data), false) = (data, matches!(plan, Plan::Canonical)) else { return Ok(false) };
    let options = options(args, cx)?;
    let file = path.display().to_string();
    let (read, spec) = match plan {
        Plan::Canonical => return Ok(false),
        Plan::Native(nf, m) => {
            let spec = m.map(|m| m.spec);
            (native::read_native(&data, &file, nf, spec.as_ref(), &options), spec)
        }
        Plan::Mapped(layout, m) => (native::read_mapped(&data, &file, layout, &m.spec, &options), Some(m.spec)),
    };
    let read = read?;
    let maps = maps(args, spec.as_ref(), cx)?;
    let (summary, translated) = translate_read(read, &maps, cx, InputKind::Incidents)?;
    inputs.summaries.push(summary);
    inputs.incidents.extend(translated.incidents);
    inputs.maintenance.extend(translated.maintenance);
    Ok(true)
}

/// Reads the maintenance file when it is a tool's export; `Ok(false)` when
/// it is slac's own schema.
pub(super) fn maintenance(
    path: &Path,
    args: &ExportOptions,
    cx: &Context<'_>,
    inputs: &mut Inputs,
) -> Result<bool, InputError> {
    let explicit = args.maintenance_format.as_deref().map(|f| parse_format(Field::MaintenanceFormat, f)).transpose()?;
    let format = match explicit {
        Some(Chosen::Canonical(_)) => return Ok(false),
        Some(Chosen::Native(NativeFormat::Statuspage)) => NativeFormat::Statuspage,
        Some(Chosen::Native(other)) => {
            return Err(InputError::option(
                Field::MaintenanceFormat,
                format!(
                    "{other}: only Statuspage exports hold maintenance windows; \
                     give {other} exports as the incidents file"
                ),
            ));
        }
        None => {
            let layout = cx.layout.or_else(|| Format::from_path(path));
            if layout != Some(Format::Json) {
                return Ok(false);
            }
            match look_at(path, Format::Json, "maintenance", cx, detect)? {
                Some((Detected::Native(NativeFormat::Statuspage), _)) => NativeFormat::Statuspage,
                _ => return Ok(false),
            }
        }
    };
    let data = cx.input.read_whole(path, "maintenance")?;
    let options = options(args, cx)?;
    let mut read = native::read_native(&data, &path.display().to_string(), format, None, &options)?;
    // Incidents come from the incidents file; say so rather than drop them.
    for inc in std::mem::take(&mut read.incidents) {
        if inc.outage_of.is_none() {
            read.set_aside.push(native::SetAside {
                at: inc.source,
                reason: format!("incident {}: a maintenance file is read for its maintenances only", inc.id),
            });
        }
    }
    let maps = maps(args, None, cx)?;
    let (summary, translated) = translate_read(read, &maps, cx, InputKind::Maintenance)?;
    inputs.summaries.push(summary);
    inputs.maintenance.extend(translated.maintenance);
    Ok(true)
}

/// Reads the status-changes file when it is a tool's history export;
/// `Ok(false)` when it is slac's own schema (`docs/inputs.md`, "Status
/// histories from tools").
pub(super) fn status_changes(
    path: &Path,
    args: &ExportOptions,
    cx: &Context<'_>,
    inputs: &mut Inputs,
) -> Result<bool, InputError> {
    let layout = cx.layout.or_else(|| Format::from_path(path));
    let (format, data) = match args.status_changes_format.as_deref() {
        Some(name) => match name.trim().to_ascii_lowercase().as_str() {
            "csv" | "json" | "ndjson" | "jsonl" => return Ok(false),
            _ => {
                let format = name
                    .parse::<HistoryFormat>()
                    .map_err(|e| InputError::option(Field::StatusChangesFormat, format!("{name}: {e}")))?;
                (format, None)
            }
        },
        None => {
            let Some(layout) = layout.filter(|l| *l != Format::Ndjson) else { return Ok(false) };
            match look_at(path, layout, "status-changes", cx, history::detect)? {
                Some((Some(format), data)) => (format, data),
                _ => return Ok(false),
            }
        }
    };
    let layout = match format {
        HistoryFormat::ServiceNow => layout_of(path, cx)?,
        HistoryFormat::Jira | HistoryFormat::PagerDuty => Format::Json,
    };
    let data = match data {
        Some(data) => data,
        None => cx.input.read_whole(path, "status-changes")?,
    };
    let options = options(args, cx)?;
    let file = path.display().to_string();
    let mut read = history::read_history(&data, &file, format, layout, &options)?;
    // Priorities are severity labels like an incident's: the same map
    // translates them.
    let severity = pairs(Field::SeverityMap, &args.severity_map)?;
    for change in read.changes.iter_mut().filter(|c| c.field == ChangedField::Severity) {
        if let Some(tier) = native::spec::lookup(&severity, &change.to).map(str::to_string) {
            change.to = tier;
        }
        if let Some(tier) = change.from.as_deref().and_then(|f| native::spec::lookup(&severity, f)).map(str::to_string)
        {
            change.from = Some(tier);
        }
    }
    let mut notes = read.notes;
    if !read.ignored.is_empty() {
        let total: u64 = read.ignored.values().sum();
        let entries = if total == 1 { "entry" } else { "entries" };
        notes
            .push(format!("not read: {total} {entries} that change no status or priority: {}", counted(&read.ignored)));
    }
    let mut summary = InputSummary {
        kind: InputKind::StatusChanges,
        file,
        format: read.format,
        rows_read: read.rows,
        records: read.changes.len() as u64,
        notes,
        ..InputSummary::default()
    };
    for e in &read.skipped {
        let reason = match &e.field {
            Some(field) => format!("field {field}: {}", e.kind),
            None => e.kind.to_string(),
        };
        summary.skip(SkippedRow { location: (&e.at).into(), reason });
    }
    inputs.summaries.push(summary);
    inputs.status_changes = read.changes;
    Ok(true)
}

/// What a file looks like, and its bytes when they were read whole.
type Looked<D> = (D, Option<Vec<u8>>);

/// What a file given without a format looks like, and its bytes when
/// they were read whole. `None`: it is not looked at, and is read as
/// slac's own schema: standard input (which cannot be read twice; name
/// an export's format in the request), and JSON too large to be an export
/// (slac's own JSON streams).
fn look_at<D>(
    path: &Path,
    layout: Format,
    kind: &str,
    cx: &Context<'_>,
    detect: fn(&[u8], Format) -> D,
) -> Result<Option<Looked<D>>, InputError> {
    if is_stdin(path) {
        return Ok(None);
    }
    Ok(match layout {
        // A CSV export is told by its header.
        Format::Csv => Some((detect(&cx.input.read_start(path, kind, MAX_RECORD_BYTES as u64)?, layout), None)),
        Format::Json => {
            cx.input.read_within(path, kind, MAX_DOCUMENT_BYTES)?.map(|data| (detect(&data, layout), Some(data)))
        }
        Format::Ndjson => None,
    })
}

enum Chosen {
    Native(NativeFormat),
    Canonical(Format),
}

fn parse_format(field: Field, name: &str) -> Result<Chosen, InputError> {
    match name.trim().to_ascii_lowercase().as_str() {
        "csv" => Ok(Chosen::Canonical(Format::Csv)),
        "json" => Ok(Chosen::Canonical(Format::Json)),
        "ndjson" | "jsonl" => Ok(Chosen::Canonical(Format::Ndjson)),
        _ => name.parse().map(Chosen::Native).map_err(|e| InputError::option(field, format!("{name}: {e}"))),
    }
}

fn layout_of(path: &Path, cx: &Context<'_>) -> Result<Format, InputError> {
    cx.layout.or_else(|| Format::from_path(path)).ok_or_else(|| {
        InputError::option(
            Field::InputFormat,
            format!(
                "is needed: cannot tell the layout of {} from its extension; set `format` in the mapping or give the input format",
                path.display()
            ),
        )
    })
}

fn load_mapping(path: &Path, cx: &Context<'_>) -> Result<Mapping, InputError> {
    let text = cx.input.read_text(path, "mapping")?;
    mapping::parse(&text, &path.display().to_string()).map_err(|m| InputError::file(path, m))
}

fn options(args: &ExportOptions, cx: &Context<'_>) -> Result<NativeOptions, InputError> {
    let mut options = NativeOptions::new(cx.tz);
    options.skip_bad_rows = cx.skip_bad_rows;
    for f in &args.date_format {
        times::check_format(f).map_err(|m| InputError::option(Field::DateFormat, format!("{f}: {m}")))?;
    }
    options.date_formats = args.date_format.clone();
    options.date_zone = args
        .date_zone
        .as_deref()
        .map(|z| {
            z.trim().parse::<Tz>().map_err(|_| {
                InputError::option(
                    Field::DateZone,
                    format!("`{z}` is no time zone; use an IANA name such as Europe/London"),
                )
            })
        })
        .transpose()?;
    Ok(options)
}

/// `NAME=VALUE` pairs of a repeatable option.
fn pairs(field: Field, values: &[String]) -> Result<Vec<(String, String)>, InputError> {
    values
        .iter()
        .map(|v| {
            let (name, value) = v
                .rsplit_once('=')
                .filter(|(n, t)| !n.trim().is_empty() && !t.trim().is_empty())
                .ok_or_else(|| InputError::option(field, format!("{v}: write NAME=VALUE")))?;
            Ok((name.trim().to_string(), value.trim().to_string()))
        })
        .collect()
}

fn maps(args: &ExportOptions, spec: Option<&native::Spec>, cx: &Context<'_>) -> Result<Maps, InputError> {
    let mut maps = Maps {
        severity: pairs(Field::SeverityMap, &args.severity_map)?,
        services: pairs(Field::ServiceMap, &args.service_map)?,
        unmapped: args.unmapped_services,
        skip_bad_rows: cx.skip_bad_rows,
        ..Maps::default()
    };
    if let Some(spec) = spec {
        maps.severity.extend(spec.severity.iter().cloned());
        maps.services.extend(spec.services.iter().cloned());
        maps.causes.extend(spec.causes.iter().cloned());
    }
    let view = View { contract: cx.contract };
    for (name, target) in &maps.services {
        if target != "-" && !view.knows_service(target) {
            return Err(InputError::option(
                Field::ServiceMap,
                format!(
                    "sends `{name}` to `{target}`, which is no service or component of the contract ({})",
                    cx.contract.services.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", ")
                ),
            ));
        }
    }
    Ok(maps)
}

/// The contract, as translation sees it.
struct View<'c> {
    contract: &'c Contract,
}

impl ContractView for View<'_> {
    fn knows_service(&self, name: &str) -> bool {
        Services::new(self.contract).resolve(Some(name), None).is_ok()
    }

    fn has_tiers(&self) -> bool {
        !self.contract.tiers.is_empty()
    }

    fn tier_of(&self, label: &str) -> Result<String, String> {
        let tiers = &self.contract.tiers;
        match self.contract.tier_for_label(label) {
            LabelMatch::Tier(i) => {
                tiers.get(i).map(|t| t.id.clone()).ok_or_else(|| why_no_tier(tiers, &LabelMatch::Unknown))
            }
            other => Err(why_no_tier(tiers, &other)),
        }
    }

    fn tiers_described(&self) -> String {
        describe_tiers(&self.contract.tiers)
    }
}

/// Translates a read and sums it up for the report.
fn translate_read(
    read: NativeRead,
    maps: &Maps,
    cx: &Context<'_>,
    kind: InputKind,
) -> Result<(InputSummary, Translated), InputError> {
    let file = read.file.to_string();
    let format = read.format.clone();
    let rows = read.rows;
    let view = View { contract: cx.contract };
    let t = translate::translate(read, maps, &view)
        .map_err(|problems| InputError::Export { file: file.clone(), problems })?;
    let count = |f: &dyn Fn(&crate::events::Incident) -> bool| t.incidents.iter().filter(|i| f(i)).count() as u64;
    let mut used: Vec<(String, u64)> = Vec::new();
    if kind == InputKind::Incidents {
        used.push(("outages".into(), count(&|i| i.impact == Impact::Outage)));
        let degraded = count(&|i| i.impact == Impact::Degraded);
        if degraded > 0 {
            used.push(("degraded".into(), degraded));
        }
        let tiers = if cx.contract.tiers.is_empty() { 0 } else { count(&|i| i.outage_of().is_none()) };
        used.push(("tier incidents".into(), tiers));
        let windows = count(&|i| i.outage_of().is_some());
        if windows > 0 {
            used.push(("outage windows of another incident".into(), windows));
        }
        let excluded = count(&|i| i.cause().is_some_and(|c| cx.contract.cause_is_known(c)));
        if excluded > 0 {
            used.push(("with an excluded cause".into(), excluded));
        }
    }
    if kind == InputKind::Maintenance || !t.maintenance.is_empty() {
        used.push(("maintenance windows".into(), t.maintenance.len() as u64));
    }
    // Totals by reason are remarks on the file; each row set aside is
    // listed once, under `skipped`.
    let mut notes = t.notes.clone();
    let mut totals = |label: &str, counts: &std::collections::BTreeMap<String, u64>| {
        if !counts.is_empty() {
            let total: u64 = counts.values().sum();
            notes.push(format!("set aside: {total} record(s) for {label}: {}", counted(counts)));
        }
    };
    totals("services not in the contract", &t.unmapped);
    totals("services marked not the contract's", &t.not_ours);
    totals("severities no tier has", &t.unknown_severity);
    if !t.unmapped.is_empty() {
        cx.warnings.borrow_mut().push(format!(
            "{file}: set aside {} record(s) for services not in the contract: {}",
            t.unmapped.values().sum::<u64>(),
            counted(&t.unmapped)
        ));
    }
    let mut summary = InputSummary {
        kind,
        file,
        format,
        rows_read: rows,
        records: t.rows_used,
        records_derived: t.derived,
        used,
        notes,
        ..InputSummary::default()
    };
    for s in &t.set_aside {
        summary.skip(SkippedRow { location: (&s.at).into(), reason: s.reason.clone() });
    }
    Ok((summary, t))
}
