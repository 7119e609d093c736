//! Inputs: a request (a contract, event files, options) becomes
//! [`eval::Inputs`] and [`eval::Config`], and evaluating them gives the
//! report. This is the library's entry point for evaluating files: `slac
//! eval` and the tests call [`evaluate_files`]; nothing here knows the
//! command line.
//!
//! Files are reached only through the [`Files`] the caller passes
//! ([`Disk`] for the file system).

mod contract;
mod error;
mod exports;
pub mod files;
pub use holidays::load as load_holidays;
pub use options::as_of as parse_as_of;
pub use options::money as parse_money;
mod holidays;
mod options;
mod probe_parts;
#[cfg(test)]
mod probe_parts_tests;
mod probes;
mod updates;

pub use contract::{Configs, LintOptions, check_file, check_files, checked_contract, example_config, peers};
pub use error::{Field, InputError};
pub use exports::{ExportOptions, Unmapped};
pub use files::{Disk, Files, Opened};

use crate::driver::CheckedContract;
use crate::eval::services::Services;
use crate::eval::{self, Config, Inputs};
use crate::events::chunked::Parallelism;
use crate::events::{self, EventError, Format, ProbeBuilder, ReadOptions, ReadSummary};
use crate::ir::Contract;
use crate::report::{InputKind, InputSummary, Report, SkippedRow};
use chrono::Utc;
use chrono_tz::Tz;
use files::Input;
use probe_parts::{Intake, ProbePart};
use probes::{PlacedProbes, ProbeTargets};
use std::cell::RefCell;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

/// What to evaluate: the contract, the event files and the options that
/// shape the report.
#[derive(Debug, Default, Clone)]
pub struct Request {
    pub contract: PathBuf,
    /// Event files; `-` reads standard input (one of them at most; give
    /// its format in `input_format`).
    pub incidents: Option<PathBuf>,
    pub maintenance: Option<PathBuf>,
    pub probes: Option<PathBuf>,
    pub usage: Option<PathBuf>,
    pub metrics: Option<PathBuf>,
    /// The instances a customer runs, for promises with `covers when`.
    pub inventory: Option<PathBuf>,
    /// First and last month to evaluate (`2025-01`); default: the months
    /// with data.
    pub from: Option<String>,
    pub to: Option<String>,
    /// The instant clocks are read at (RFC 3339, or local time in the
    /// contract's zone); default: now.
    pub as_of: Option<String>,
    /// The event files' layout when their extension does not say.
    pub input_format: Option<Format>,
    /// Set bad rows aside (each listed in the report) instead of stopping.
    pub skip_bad_rows: bool,
    /// Extra holiday files: `FILE` (for every set the contract uses) or
    /// `SET=FILE`.
    pub holidays: Vec<String>,
    /// The contract's total value, when the contract does not state it
    /// (`CNY 100000.00`).
    pub contract_value: Option<String>,
    /// How to read tools' exports.
    pub exports: ExportOptions,
    /// Incidents' status and severity changes (`incident,at,from,to,field`).
    pub status_changes: Option<PathBuf>,
    /// Updates sent about incidents (`incident,at,kind`), or a tool's
    /// comment history: what an update cadence is judged on.
    pub updates: Option<PathBuf>,
}

/// A report, and what the person who asked for it should be told beside
/// it (records set aside for services no map sends anywhere).
#[derive(Debug)]
pub struct Evaluated {
    pub report: Report,
    pub warnings: Vec<String>,
}

/// Check the contract, read the event files and evaluate: the report, or
/// why there is none. Files are read through `files`.
pub fn evaluate_files(req: &Request, files: &dyn Files) -> Result<Evaluated, InputError> {
    evaluate_files_reading(req, files, Parallelism::from_machine())
}

/// [`evaluate_files`], reading large probe files as `parallelism` says.
fn evaluate_files_reading(req: &Request, files: &dyn Files, parallelism: Parallelism) -> Result<Evaluated, InputError> {
    let checked = checked_contract(&req.contract, files)?;
    let contract = checked.contract();
    let tz = contract.header.timezone;
    let cfg = Config {
        as_of: match &req.as_of {
            Some(text) => options::as_of(text, tz)?,
            None => Utc::now(),
        },
        from: options::month(Field::From, req.from.as_deref())?,
        to: options::month(Field::To, req.to.as_deref())?,
        holidays: holidays::load(contract, checked.sources(), &req.holidays, files)?,
        contract_value: req.contract_value.as_deref().map(|v| options::money(v, contract)).transpose()?,
        skip_bad_rows: req.skip_bad_rows,
        file: req.contract.display().to_string(),
    };
    let warnings = RefCell::new(Vec::new());
    let inputs = read_inputs(Reader { req, files, tz, parallelism }, &checked, &warnings)?;
    let report = eval::evaluate(&checked, inputs, &cfg)?;
    Ok(Evaluated { report, warnings: warnings.into_inner() })
}

/// [`evaluate_files`] on the file system.
pub fn evaluate_files_on_disk(req: &Request) -> Result<Evaluated, InputError> {
    evaluate_files(req, &Disk)
}

fn read_inputs(
    reader: Reader<'_>,
    checked: &CheckedContract,
    warnings: &RefCell<Vec<String>>,
) -> Result<Inputs, InputError> {
    let (req, files, tz) = (reader.req, reader.files, reader.tz);
    let contract = checked.contract();
    let mut inputs = Inputs::default();
    files::one_stdin(&[
        (Field::Incidents, req.incidents.as_deref()),
        (Field::Maintenance, req.maintenance.as_deref()),
        (Field::Probes, req.probes.as_deref()),
        (Field::Usage, req.usage.as_deref()),
        (Field::Metrics, req.metrics.as_deref()),
        (Field::Inventory, req.inventory.as_deref()),
        (Field::StatusChanges, req.status_changes.as_deref()),
        (Field::Updates, req.updates.as_deref()),
        (Field::IncidentsMap, req.exports.incidents_map.as_deref()),
    ])?;
    // Tools' exports and mapped files first; slac's own schema below.
    let cx = exports::Context {
        contract,
        tz,
        skip_bad_rows: req.skip_bad_rows,
        layout: req.input_format,
        input: Input { files },
        warnings,
    };
    let export_incidents = match &req.incidents {
        Some(path) => exports::incidents(path, &req.exports, &cx, &mut inputs)?,
        None => false,
    };
    let export_maintenance = match &req.maintenance {
        Some(path) => exports::maintenance(path, &req.exports, &cx, &mut inputs)?,
        None => false,
    };
    if let Some(path) = req.incidents.as_ref().filter(|_| !export_incidents) {
        let (rows, s) = reader
            .collect(path, InputKind::Incidents, |i, n, o, rows| events::read_incidents(i, n, o, push_to(rows)))?;
        // What the rows are used for is counted by the evaluator, on the
        // rows it keeps.
        inputs.summaries.push(summary(InputKind::Incidents, &s, Vec::new()));
        // Moved, not copied: a million incidents are a quarter of a GB.
        if inputs.incidents.is_empty() {
            inputs.incidents = rows;
        } else {
            inputs.incidents.extend(rows);
        }
    }
    if let Some(path) = req.maintenance.as_ref().filter(|_| !export_maintenance) {
        let (rows, s) = reader
            .collect(path, InputKind::Maintenance, |i, n, o, rows| events::read_maintenance(i, n, o, push_to(rows)))?;
        inputs.summaries.push(summary(InputKind::Maintenance, &s, Vec::new()));
        inputs.maintenance.extend(rows);
    }
    if let Some(path) = &req.probes {
        read_probes(&reader, path, contract, &mut inputs)?;
    }
    if let Some(path) = &req.usage {
        let (rows, s) =
            reader.collect(path, InputKind::Usage, |i, n, o, rows| events::read_usage(i, n, o, push_to(rows)))?;
        inputs.summaries.push(summary(InputKind::Usage, &s, vec![("fee and count rows".into(), rows.len() as u64)]));
        inputs.usage = rows;
    }
    if let Some(path) = &req.metrics {
        let (rows, s) =
            reader.collect(path, InputKind::Metrics, |i, n, o, rows| events::read_metrics(i, n, o, push_to(rows)))?;
        inputs.summaries.push(summary(InputKind::Metrics, &s, vec![("measurements".into(), rows.len() as u64)]));
        inputs.metrics = rows;
    }
    if let Some(path) = &req.inventory {
        let (rows, s) = reader
            .collect(path, InputKind::Inventory, |i, n, o, rows| events::read_inventory(i, n, o, push_to(rows)))?;
        inputs.summaries.push(summary(InputKind::Inventory, &s, vec![("instances".into(), rows.len() as u64)]));
        inputs.inventory = Some(rows);
    }
    let export_changes = match &req.status_changes {
        Some(path) => exports::status_changes(path, &req.exports, &cx, &mut inputs)?,
        None => false,
    };
    if let Some(path) = req.status_changes.as_ref().filter(|_| !export_changes) {
        let (rows, s) = reader.collect(path, InputKind::StatusChanges, |i, n, o, rows| {
            events::read_status_changes(i, n, o, push_to(rows))
        })?;
        // What they are used for is counted by the evaluator, which knows
        // the incidents.
        inputs.summaries.push(summary(InputKind::StatusChanges, &s, Vec::new()));
        inputs.status_changes = rows;
    }
    if let Some(path) = &req.updates {
        // What they are used for is counted by the evaluator.
        let tool = updates::tool_export(path, req.input_format, Input { files }, tz, req.skip_bad_rows)?;
        let (rows, s) = match tool {
            Some(read) => read,
            None => {
                let (rows, s) = reader
                    .collect(path, InputKind::Updates, |i, n, o, rows| events::read_updates(i, n, o, push_to(rows)))?;
                (rows, summary(InputKind::Updates, &s, Vec::new()))
            }
        };
        inputs.summaries.push(s);
        inputs.updates = Some(rows);
    }
    Ok(inputs)
}

/// Probe rows go straight into the grid as they are read: a file of ten
/// million rows is never held as rows.
fn read_probes(reader: &Reader<'_>, path: &Path, contract: &Contract, inputs: &mut Inputs) -> Result<(), InputError> {
    let per_region: Vec<String> =
        contract.availability.iter().filter(|a| a.per_region).map(|a| a.service.clone()).collect();
    // Each chunk of a file read in parallel has its builder, which numbers
    // the targets it meets in its own order.
    let tz = reader.tz;
    let make = || PlacedProbes {
        inner: ProbeBuilder::new(tz),
        targets: ProbeTargets::new(Services::new(contract)),
        per_region: per_region.clone(),
        wants_region: Vec::new(),
        known: Default::default(),
    };
    let mut intake = Intake::new(&mut inputs.probes, reader.req.skip_bad_rows);
    let parallelism = reader.parallelism;
    let s = reader.read(path, InputKind::Probes, |input, name, opts| {
        let fields = <ProbeBuilder as events::RecordBuilder>::FIELDS;
        let on_part = |part, first| intake.take(part, first);
        events::chunked::read_gathered(input, name, opts, fields, parallelism, make, ProbePart::default, on_part)
    })?;
    let (unplaced, unplaced_count) = (intake.unplaced, intake.unplaced_count);
    inputs.has_probes = true;
    let placed = s.records - unplaced_count;
    let mut summary = summary(InputKind::Probes, &s, vec![("probe samples".into(), placed)]);
    summary.records = placed;
    summary.rows_skipped += unplaced_count;
    summary.skipped.extend(unplaced);
    inputs.summaries.push(summary);
    Ok(())
}

/// The callback that keeps every record (a closure per reader, so the
/// per-row call is static).
fn push_to<T>(rows: &mut Vec<T>) -> impl FnMut(T) -> Result<(), EventError> + '_ {
    |r| {
        rows.push(r);
        Ok(())
    }
}

/// Opens and reads event files in slac's own schema.
struct Reader<'r> {
    req: &'r Request,
    files: &'r dyn Files,
    tz: Tz,
    /// How a large probe file is read.
    parallelism: Parallelism,
}

/// The reader the event readers are handed: buffered, over what
/// [`Files::open`] gave (one dynamic call per 64 KiB, none per row).
type EventInput<'f> = BufReader<Box<dyn Read + 'f>>;

impl Reader<'_> {
    /// Reads every record of a file into a list.
    fn collect<T>(
        &self,
        path: &Path,
        kind: InputKind,
        read: impl FnOnce(EventInput<'_>, &str, &ReadOptions, &mut Vec<T>) -> Result<ReadSummary, EventError>,
    ) -> Result<(Vec<T>, ReadSummary), InputError> {
        let mut rows = Vec::new();
        let s =
            self.read(path, kind, |input, name, opts| read(input, name, opts, &mut rows).map_err(InputError::from))?;
        Ok((rows, s))
    }

    /// Opens one event file and reads it.
    fn read(
        &self,
        path: &Path,
        kind: InputKind,
        read: impl FnOnce(EventInput<'_>, &str, &ReadOptions) -> Result<ReadSummary, InputError>,
    ) -> Result<ReadSummary, InputError> {
        let format = match self.req.input_format {
            Some(format) => format,
            None if files::is_stdin(path) => return Err(InputError::StdinFormat { file: field_of(kind) }),
            None => Format::from_path(path).ok_or_else(|| {
                InputError::file(
                    path,
                    format!(
                        "cannot tell the format of {} from its extension; name it .csv, .json or .ndjson, or give the input format",
                        path.display()
                    ),
                )
            })?,
        };
        let opened = Input { files: self.files }.open(path, kind.name())?;
        let input = BufReader::with_capacity(1 << 16, opened.reader);
        let mut opts = ReadOptions::new(format, self.tz);
        if self.req.skip_bad_rows {
            opts = opts.skipping_bad_rows();
        }
        read(input, &path.display().to_string(), &opts)
    }
}

fn field_of(kind: InputKind) -> Field {
    match kind {
        InputKind::Incidents => Field::Incidents,
        InputKind::Maintenance => Field::Maintenance,
        InputKind::Probes => Field::Probes,
        InputKind::Usage => Field::Usage,
        InputKind::Metrics => Field::Metrics,
        InputKind::Inventory => Field::Inventory,
        InputKind::StatusChanges => Field::StatusChanges,
        InputKind::Updates => Field::Updates,
    }
}

fn summary(kind: InputKind, s: &ReadSummary, used: Vec<(String, u64)>) -> InputSummary {
    InputSummary {
        kind,
        file: s.file.to_string(),
        format: s.format.to_string(),
        rows_read: s.rows,
        records: s.records,
        rows_skipped: s.rows_skipped,
        used,
        skipped: s
            .skipped
            .iter()
            .map(|e| SkippedRow {
                location: (&e.at).into(),
                reason: match &e.field {
                    Some(field) => format!("field {field}: {}", e.kind),
                    None => e.kind.to_string(),
                },
            })
            .collect(),
        ..InputSummary::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;
    use std::io;

    /// Files held in memory: the stage reads nothing else.
    struct Memory(HashMap<&'static str, &'static str>);

    impl Files for Memory {
        fn open(&self, path: &Path) -> io::Result<Opened<'_>> {
            let text = path.to_str().and_then(|p| self.0.get(p)).ok_or(io::ErrorKind::NotFound)?;
            Ok(Opened { reader: Box::new(text.as_bytes()), size: text.len() as u64 })
        }
    }

    const CONTRACT: &str = "contract \"m\" {\n  timezone \"Asia/Shanghai\"\n  service api \"API\"\n  \
        tier S1 \"Critical\" labels \"P1\" {\n    respond within 15min\n    resolve within 4h\n    clock 24x7\n  }\n}\n";

    fn memory(incidents: &'static str) -> Memory {
        Memory(HashMap::from([("m.sla", CONTRACT), ("inc.csv", incidents)]))
    }

    fn request() -> Request {
        Request {
            contract: "m.sla".into(),
            incidents: Some("inc.csv".into()),
            as_of: Some("2025-04-01 00:00".into()),
            ..Request::default()
        }
    }

    fn flags(e: &InputError) -> String {
        e.render(|f| format!("--{f:?}"))
    }

    #[test]
    fn a_request_is_evaluated_from_the_files_it_is_given() {
        // Responded in 10 min (met, 15 min allowed), resolved in 5 h (breached, 4 h allowed).
        let files = memory(
            "id,service,severity,opened_at,responded_at,resolved_at\n\
             A1,api,P1,2025-03-03 10:00:00,2025-03-03 10:10:00,2025-03-03 15:00:00\n",
        );
        let r = evaluate_files(&request(), &files).expect("evaluated").report;
        assert_eq!(r.contract.timezone, "Asia/Shanghai");
        assert_eq!(
            (r.inputs[0].kind, r.inputs[0].file.as_str(), r.inputs[0].records),
            (InputKind::Incidents, "inc.csv", 1)
        );
        assert_eq!(r.verdict.clocks_breached, 1);
    }

    #[test]
    fn errors_say_what_is_wrong_as_values() {
        let files = memory("id,service,severity,opened_at\nA1,api,P1,yesterday\n");
        match evaluate_files(&request(), &files) {
            Err(InputError::Event(e)) => {
                assert_eq!(
                    (e.at.file.as_ref(), e.at.line, e.field.as_deref()),
                    ("inc.csv", Some(2), Some("opened_at"))
                );
            }
            other => panic!("a bad row: {other:?}"),
        }
        let missing = Request { probes: Some("nowhere.csv".into()), ..request() };
        let files = memory("id,service,severity,opened_at\n");
        match evaluate_files(&missing, &files) {
            Err(InputError::File { path, message }) => {
                assert_eq!(path, Path::new("nowhere.csv"));
                assert!(message.starts_with("cannot open probes file nowhere.csv"), "{message}");
            }
            other => panic!("a missing file: {other:?}"),
        }
        let twice = Request { incidents: Some("-".into()), usage: Some("-".into()), ..request() };
        let e = evaluate_files(&twice, &files).expect_err("two inputs on standard input");
        assert_eq!(flags(&e), "--Incidents and --Usage all read standard input (`-`); only one input can");
        assert_eq!(
            e.to_string(),
            "the incidents file and the usage file all read standard input (`-`); only one input can"
        );
    }

    #[test]
    fn a_contract_with_errors_never_reaches_evaluation() {
        let files = Memory(HashMap::from([("m.sla", "contract \"m\" {\n  service api \"API\"\n}\n")]));
        match evaluate_files(&Request { contract: "m.sla".into(), ..Request::default() }, &files) {
            Err(InputError::Contract { message, compilation: Some(c), .. }) => {
                assert!(message.contains("has errors"), "{message}");
                assert!(c.has_errors(), "the diagnostics come with the error: {:?}", c.diags);
            }
            other => panic!("a contract without a time zone: {other:?}"),
        }
    }

    /// Messages below the CLI name options in words; the CLI's own
    /// renderer puts its flags in their place.
    #[test]
    fn option_errors_name_the_option_in_the_callers_words() {
        let files = memory("id,service,severity,opened_at\n");
        for (req, words) in [
            (Request { from: Some("March".into()), ..request() }, "the first month March is not a month"),
            (Request { as_of: Some("soon".into()), ..request() }, "the as-of time soon is not a timestamp"),
            (Request { contract_value: Some("100".into()), ..request() }, "the contract value 100: write the currency"),
            (
                Request { holidays: vec!["zz=h.csv".into()], ..request() },
                "the extra holiday file zz=h.csv: the contract has no holiday set `zz`",
            ),
            (
                Request { incidents: Some("-".into()), ..request() },
                "the incidents file -: standard input has no extension to tell its format; set the input format",
            ),
        ] {
            let e = evaluate_files(&req, &files).expect_err(words);
            assert!(e.to_string().starts_with(words), "{e}");
            assert!(!e.to_string().contains("--"), "{e}");
            assert!(flags(&e).starts_with("--"), "{}", flags(&e));
        }
    }

    /// Files in memory that count how often each is opened.
    struct Counting(Memory, RefCell<HashMap<String, usize>>);

    impl Files for Counting {
        fn open(&self, path: &Path) -> io::Result<Opened<'_>> {
            *self.1.borrow_mut().entry(path.display().to_string()).or_default() += 1;
            self.0.open(path)
        }
    }

    #[test]
    fn a_holiday_file_is_read_once_however_many_sets_name_it() {
        // Three sets name one file, and an extra file is added to all of
        // them (and to `cn`): each file is opened once for evaluation.
        let contract = "contract \"m\" {\n  timezone \"Asia/Shanghai\"\n  service api \"API\"\n  \
            holidays a from \"h.csv\" extends b\n  holidays b from \"h.csv\" extends c\n  holidays c from \"h.csv\"\n  \
            calendar office = mon-fri 09:00-18:00 except holidays a\n}\n";
        let day = "date,kind,name\n2025-03-10,holiday,Day\n";
        let files = Counting(
            Memory(HashMap::from([("m.sla", contract), ("h.csv", day), ("x.csv", day)])),
            RefCell::new(HashMap::new()),
        );
        let sets = {
            let checked = checked_contract(Path::new("m.sla"), &files).expect("checks");
            files.1.borrow_mut().clear();
            holidays::load(checked.contract(), checked.sources(), &["x.csv".into()], &files).expect("loads")
        };
        assert!(sets.contains_key("a") && sets.contains_key("cn"));
        assert_eq!(*files.1.borrow(), HashMap::from([("h.csv".to_string(), 1), ("x.csv".to_string(), 1)]));
    }
}
