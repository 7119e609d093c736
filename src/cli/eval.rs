//! `slac eval CONTRACT --incidents FILE ...`: run a contract over event
//! files and print what was kept, what broke and what is owed.

mod probes;

use super::check::{self, Configs, LintOptions};
use super::exit;
use super::holidays;
use super::input_file;
use super::native_inputs;
use super::output::{self, ColorChoice};
use super::progress::Progress;
use crate::diag::render::{self, HumanStyle};
use crate::eval::minutes::floor_minute;
use crate::eval::services::Services;
use crate::eval::{self, Config, Inputs, YearMonth};
use crate::events::limits::MAX_SKIPPED_LISTED;
use crate::events::{self, EventError, Format, ProbeBuilder, ReadOptions, ReadSummary};
use crate::ir::{Contract, Money};
use crate::report::{self, InputSummary, SkippedRow};
use crate::source::SourceMap;
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use clap::{Args, ValueEnum};
use probes::{Placed, PlacedProbes, ProbeError, ProbeTargets};
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct EvalArgs {
    #[command(flatten)]
    pub request: EvalRequest,
    /// How to print the report.
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,
    /// Write the report to a file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// What to evaluate: the contract, the event files and the options that
/// shape the report (everything on the command line but how to print it).
/// Tests build one directly and call [`evaluate_files`].
#[derive(Args, Debug, Default, Clone)]
pub struct EvalRequest {
    /// The contract.
    pub contract: PathBuf,
    /// Incidents (CSV, JSON or NDJSON; see docs/inputs.md). For this and
    /// the other event files, `-` reads standard input (one of them at
    /// most; give its format with --input-format).
    #[arg(long)]
    pub incidents: Option<PathBuf>,
    /// Maintenance windows actually used.
    #[arg(long)]
    pub maintenance: Option<PathBuf>,
    /// Probe counts per minute.
    #[arg(long)]
    pub probes: Option<PathBuf>,
    /// Fees and durability counts per period.
    #[arg(long)]
    pub usage: Option<PathBuf>,
    /// Measured figures for general objectives.
    #[arg(long)]
    pub metrics: Option<PathBuf>,
    /// First month to evaluate (YYYY-MM); default: the first month with data.
    #[arg(long)]
    pub from: Option<String>,
    /// Last month to evaluate (YYYY-MM); default: the last month with data.
    #[arg(long)]
    pub to: Option<String>,
    /// The instant clocks are read at (RFC 3339, or local time in the
    /// contract's zone); default: now.
    #[arg(long = "as-of")]
    pub as_of: Option<String>,
    /// The event files' format when their extension does not say.
    #[arg(long = "input-format", value_enum)]
    pub input_format: Option<InputFormat>,
    /// Set bad rows aside (each is listed in the report) instead of stopping.
    #[arg(long = "skip-bad-rows")]
    pub skip_bad_rows: bool,
    /// Extra holiday dates: `FILE` (for every holiday set the contract
    /// uses) or `SET=FILE`; CSV `date,kind,name` or iCalendar.
    #[arg(long = "holidays")]
    pub holidays: Vec<String>,
    /// The contract's total value, when the contract does not state it
    /// (`"CNY 100000.00"`).
    #[arg(long = "contract-value")]
    pub contract_value: Option<String>,
    /// Tools' exports: formats, mappings, service and severity maps.
    #[command(flatten)]
    pub native: native_inputs::NativeArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Json,
    Markdown,
    Csv,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    Csv,
    Json,
    Ndjson,
}

pub fn run(args: &EvalArgs) -> u8 {
    match evaluate(args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            exit::USAGE
        }
    }
}

fn evaluate(args: &EvalArgs) -> Result<u8, String> {
    let report = evaluate_request(&args.request, args.color)?;
    write_report(&report, args.format, args.output.as_deref()).map_err(|e| format!("cannot write the report: {e}"))?;
    Ok(if report.verdict.all_met { exit::OK } else { exit::FINDINGS })
}

/// JSON and CSV stream to the output (a report of a million incidents is a
/// gigabyte of JSON); the renderings for people are built as text.
fn write_report(report: &report::Report, format: ReportFormat, output: Option<&Path>) -> std::io::Result<()> {
    match format {
        ReportFormat::Json => {
            let mut w = output::writer(output)?;
            serde_json::to_writer_pretty(&mut w, report)?;
            w.write_all(b"\n")?;
            w.flush()
        }
        ReportFormat::Csv => {
            let mut w = output::writer(output)?;
            report::csv_out::write(report, &mut w).map_err(std::io::Error::other)?;
            w.flush()
        }
        ReportFormat::Table => output::emit(&report::table::render(report), output),
        ReportFormat::Markdown => output::emit(&report::markdown::render(report), output),
    }
}

/// Compile the contract, read the event files and evaluate: the report
/// `slac eval` would print, or the message it would stop with (exit 2).
/// A contract's errors are printed to standard error, uncoloured.
pub fn evaluate_files(request: &EvalRequest) -> Result<report::Report, String> {
    evaluate_request(request, ColorChoice::Never)
}

fn evaluate_request(req: &EvalRequest, color: ColorChoice) -> Result<report::Report, String> {
    let (contract, sources) = compile(&req.contract, color)?;
    let tz: Tz = contract.header.timezone;
    let cfg = Config {
        as_of: as_of(req.as_of.as_deref(), tz)?,
        from: month_arg("--from", req.from.as_deref())?,
        to: month_arg("--to", req.to.as_deref())?,
        holidays: holidays::load(&contract, &sources, &req.holidays)?,
        contract_value: req.contract_value.as_deref().map(|v| money_arg(v, &contract)).transpose()?,
        skip_bad_rows: req.skip_bad_rows,
        file: req.contract.display().to_string(),
    };
    let inputs = read_inputs(req, &contract, tz)?;
    eval::evaluate(&contract, inputs, &cfg).map_err(|e| e.to_string())
}

/// Compile and lint the contract as `slac check` does: a contract with
/// errors (lint errors included) cannot be evaluated, and what `check`
/// would print is printed.
fn compile(path: &Path, color: ColorChoice) -> Result<(Contract, SourceMap), String> {
    let c = check::check_file(path, &LintOptions::default(), &mut Configs::default())?;
    if c.has_errors() {
        let style = HumanStyle { color: color.enabled(), width: output::width() };
        for d in &c.diags {
            eprint!("{}", render::human(d, &c.sources, style));
        }
    }
    match c.contract {
        Some(contract) if !c.has_errors() => Ok((contract, c.sources)),
        Some(_) => {
            Err(format!("{} has errors; run `slac check {}` and fix them first", path.display(), path.display()))
        }
        None if c.has_errors() => Err(format!("cannot compile {}", path.display())),
        None => Err(format!("{} holds no contract", path.display())),
    }
}

/// `--as-of`: RFC 3339, or a local time in the contract's zone.
fn as_of(text: Option<&str>, tz: Tz) -> Result<DateTime<Utc>, String> {
    let Some(text) = text.map(str::trim) else { return Ok(Utc::now()) };
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    for layout in ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(text, layout) {
            return tz
                .from_local_datetime(&naive)
                .earliest()
                .map(|t| t.with_timezone(&Utc))
                .ok_or_else(|| format!("--as-of {text} does not exist in {tz} (a daylight-saving gap)"));
        }
    }
    if let Ok(date) = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return crate::calendar::local_time::start_of(tz, date).map_err(|e| e.to_string());
    }
    Err(format!("--as-of {text} is not a timestamp; write 2025-03-01T00:00:00+08:00 or 2025-03-01 00:00:00"))
}

fn month_arg(flag: &str, text: Option<&str>) -> Result<Option<YearMonth>, String> {
    text.map(|t| YearMonth::parse(t).ok_or_else(|| format!("{flag} {t} is not a month; write it as 2025-01")))
        .transpose()
}

fn money_arg(text: &str, c: &Contract) -> Result<Money, String> {
    let (currency, amount) = text.trim().split_once(' ').ok_or_else(|| {
        format!("--contract-value {text}: write the currency and the amount, such as \"CNY 100000.00\"")
    })?;
    let amount = amount.trim().parse().map_err(|_| format!("--contract-value {text}: `{amount}` is not an amount"))?;
    if !crate::ir::amount_fits(amount) {
        return Err(format!("--contract-value {text}: amounts must be below 10^15 to be computed with exactly"));
    }
    if let Some(own) = &c.header.currency {
        if own != currency {
            return Err(format!("--contract-value is in {currency}, but the contract's currency is {own}"));
        }
    }
    Ok(Money { currency: currency.to_owned(), amount })
}

fn read_inputs(args: &EvalRequest, contract: &Contract, tz: Tz) -> Result<Inputs, String> {
    let mut inputs = Inputs::default();
    let given = [
        ("--incidents", &args.incidents),
        ("--maintenance", &args.maintenance),
        ("--probes", &args.probes),
        ("--usage", &args.usage),
        ("--metrics", &args.metrics),
        ("--incidents-map", &args.native.incidents_map),
    ];
    let stdin: Vec<&str> =
        given.iter().filter(|(_, p)| p.as_deref().is_some_and(input_file::is_stdin)).map(|(f, _)| *f).collect();
    if stdin.len() > 1 {
        return Err(format!("{} all read standard input (`-`); only one input can", stdin.join(" and ")));
    }
    // Tools' exports and mapped files first; slac's own schema below.
    let cx = native_inputs::Context {
        contract,
        tz,
        skip_bad_rows: args.skip_bad_rows,
        layout: args.input_format.map(|f| match f {
            InputFormat::Csv => Format::Csv,
            InputFormat::Json => Format::Json,
            InputFormat::Ndjson => Format::Ndjson,
        }),
    };
    let native_incidents = match &args.incidents {
        Some(path) => native_inputs::incidents(path, &args.native, &cx, &mut inputs)?,
        None => false,
    };
    let native_maintenance = match &args.maintenance {
        Some(path) => native_inputs::maintenance(path, &args.native, &cx, &mut inputs)?,
        None => false,
    };
    if let Some(path) = args.incidents.as_ref().filter(|_| !native_incidents) {
        let mut rows = Vec::new();
        let s = read_file(path, args, tz, "incidents", |input, name, opts| {
            events::read_incidents(input, name, opts, |r| {
                rows.push(r);
                Ok::<(), EventError>(())
            })
        })?;
        // What the rows are used for is counted by the evaluator, on the
        // rows it keeps.
        inputs.summaries.push(summary("incidents", &s, Vec::new()));
        inputs.incidents.extend(rows);
    }
    if let Some(path) = args.maintenance.as_ref().filter(|_| !native_maintenance) {
        let mut rows = Vec::new();
        let s = read_file(path, args, tz, "maintenance", |input, name, opts| {
            events::read_maintenance(input, name, opts, |r| {
                rows.push(r);
                Ok::<(), EventError>(())
            })
        })?;
        inputs.summaries.push(summary("maintenance", &s, Vec::new()));
        inputs.maintenance.extend(rows);
    }
    if let Some(path) = &args.probes {
        let targets = ProbeTargets::new(Services::new(contract));
        let builder = PlacedProbes { inner: ProbeBuilder::new(tz), targets };
        let grid = &mut inputs.probes;
        // The rows no service of the contract takes: counted, and the
        // first few kept for the list.
        let mut unplaced: Vec<SkippedRow> = Vec::new();
        let mut unplaced_count = 0u64;
        let mut series: Vec<usize> = Vec::new();
        let skip = args.skip_bad_rows;
        let s = read_file(path, args, tz, "probes", |input, name, opts| {
            events::read_records(input, name, opts, builder, |placed| {
                match placed {
                    Placed::Sample(p, target, first) => {
                        // Targets are numbered as they first appear; each
                        // gets its grid series then, so a row costs no
                        // lookup by name.
                        if let Some(t) = first {
                            series.push(grid.series_id(&t.service, t.instance.as_deref()));
                        }
                        if let Some(id) = series.get(target) {
                            grid.add_to(*id, floor_minute(p.ts), p.ok, p.total);
                        }
                    }
                    // A row the contract cannot place is a bad row like any
                    // other: it stops the reading, or with --skip-bad-rows is
                    // set aside and listed, never dropped silently.
                    Placed::Unplaced(at, message) if skip => {
                        unplaced_count += 1;
                        if unplaced.len() < MAX_SKIPPED_LISTED {
                            let reason = format!("field service: {message}");
                            unplaced.push(SkippedRow { location: at.to_string(), reason });
                        }
                    }
                    Placed::Unplaced(at, message) => {
                        return Err(ProbeError(format!("{at}: field service: {message}")));
                    }
                }
                Ok::<(), ProbeError>(())
            })
        })?;
        inputs.has_probes = true;
        let placed = s.records - unplaced_count;
        let mut summary = summary("probes", &s, vec![("probe samples".into(), placed)]);
        summary.records = placed;
        summary.rows_skipped += unplaced_count;
        summary.skipped.extend(unplaced);
        inputs.summaries.push(summary);
    }
    if let Some(path) = &args.usage {
        let mut rows = Vec::new();
        let s = read_file(path, args, tz, "usage", |input, name, opts| {
            events::read_usage(input, name, opts, |r| {
                rows.push(r);
                Ok::<(), EventError>(())
            })
        })?;
        inputs.summaries.push(summary("usage", &s, vec![("fee and count rows".into(), rows.len() as u64)]));
        inputs.usage = rows;
    }
    if let Some(path) = &args.metrics {
        let mut rows = Vec::new();
        let s = read_file(path, args, tz, "metrics", |input, name, opts| {
            events::read_metrics(input, name, opts, |r| {
                rows.push(r);
                Ok::<(), EventError>(())
            })
        })?;
        inputs.summaries.push(summary("metrics", &s, vec![("measurements".into(), rows.len() as u64)]));
        inputs.metrics = rows;
    }
    Ok(inputs)
}

/// Open one event file, with a progress bar on a terminal, and read it.
fn read_file<E: std::fmt::Display>(
    path: &Path,
    args: &EvalRequest,
    tz: Tz,
    kind: &str,
    read: impl FnOnce(Progress<BufReader<Box<dyn Read>>>, &str, &ReadOptions) -> Result<ReadSummary, E>,
) -> Result<ReadSummary, String> {
    let format = match args.input_format {
        Some(InputFormat::Csv) => Format::Csv,
        Some(InputFormat::Json) => Format::Json,
        Some(InputFormat::Ndjson) => Format::Ndjson,
        None if input_file::is_stdin(path) => {
            return Err(format!("--{kind} -: standard input has no extension to tell its format; pass --input-format"));
        }
        None => Format::from_path(path).ok_or_else(|| {
            format!("cannot tell the format of {} from its extension; name it .csv, .json or .ndjson, or pass --input-format", path.display())
        })?,
    };
    let (file, size) =
        input_file::open(path).map_err(|e| format!("cannot open {} file {}: {e}", kind, path.display()))?;
    let input = Progress::new(BufReader::with_capacity(1 << 16, file), size, &path.display().to_string());
    let mut opts = ReadOptions::new(format, tz);
    if args.skip_bad_rows {
        opts = opts.skipping_bad_rows();
    }
    read(input, &path.display().to_string(), &opts).map_err(|e| e.to_string())
}

fn summary(kind: &str, s: &ReadSummary, used: Vec<(String, u64)>) -> InputSummary {
    InputSummary {
        kind: kind.to_owned(),
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
                location: e.at.to_string(),
                reason: match &e.field {
                    Some(field) => format!("field {field}: {}", e.kind),
                    None => e.kind.to_string(),
                },
            })
            .collect(),
        ..InputSummary::default()
    }
}
