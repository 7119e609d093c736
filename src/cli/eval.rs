//! `slac eval CONTRACT --incidents FILE ...`: run a contract over event
//! files and print what was kept, what broke and what is owed.

use super::exit;
use super::exports::ExportArgs;
use super::files::ProgressFiles;
use super::flags;
use super::output::{self, ColorChoice};
use crate::diag::render::{self, HumanStyle};
use crate::events::Format;
use crate::inputs::{self, InputError, Request};
use crate::report;
use clap::{Args, ValueEnum};
use std::io::Write;
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
/// shape the report (everything on the command line but how to print it),
/// as [`inputs::Request`] holds them.
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
    /// The instances the customer runs (`service,instance,zone,set,storage,started,stopped`):
    /// what a promise's `covers when` is judged on.
    #[arg(long)]
    pub inventory: Option<PathBuf>,
    /// Incidents' status and severity changes (`incident,at,from,to,field`):
    /// what pauses a clock and what moves an incident to another tier.
    #[arg(long = "status-changes")]
    pub status_changes: Option<PathBuf>,
    /// Updates sent about incidents (`incident,at,kind`; kind `internal` is
    /// not customer-facing), or a Jira, ServiceNow or PagerDuty comment or
    /// log history: what an `update every ...` cadence is judged on.
    #[arg(long)]
    pub updates: Option<PathBuf>,
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
    pub exports: ExportArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Json,
    Markdown,
    Csv,
    /// One self-contained page with charts (docs/report.md).
    Html,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    Csv,
    Json,
    Ndjson,
}

pub fn run(args: &EvalArgs) -> u8 {
    let files = ProgressFiles;
    let evaluated = match inputs::evaluate_files(&args.request.to_request(), &files) {
        Ok(e) => e,
        Err(e) => {
            print_contract_errors(&e, args.color);
            eprintln!("error: {}", flags::message(&e));
            return exit::USAGE;
        }
    };
    for w in &evaluated.warnings {
        eprintln!("warning: {w}");
    }
    let mut report = evaluated.report;
    if let Err(e) = write_report(&mut report, args.format, args.output.as_deref()) {
        eprintln!("error: cannot write the report: {e}");
        return exit::USAGE;
    }
    if report.verdict.all_met { exit::OK } else { exit::FINDINGS }
}

impl EvalRequest {
    pub fn to_request(&self) -> Request {
        Request {
            contract: self.contract.clone(),
            incidents: self.incidents.clone(),
            maintenance: self.maintenance.clone(),
            probes: self.probes.clone(),
            usage: self.usage.clone(),
            metrics: self.metrics.clone(),
            inventory: self.inventory.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            as_of: self.as_of.clone(),
            input_format: self.input_format.map(|f| match f {
                InputFormat::Csv => Format::Csv,
                InputFormat::Json => Format::Json,
                InputFormat::Ndjson => Format::Ndjson,
            }),
            skip_bad_rows: self.skip_bad_rows,
            holidays: self.holidays.clone(),
            contract_value: self.contract_value.clone(),
            exports: self.exports.to_options(),
            status_changes: self.status_changes.clone(),
            updates: self.updates.clone(),
        }
    }
}

/// A contract with errors: what `check` would print, uncoloured unless
/// asked, before the one-line error.
fn print_contract_errors(e: &InputError, color: ColorChoice) {
    let InputError::Contract { compilation: Some(c), .. } = e else { return };
    if c.has_errors() {
        let style = HumanStyle { color: color.enabled(), width: output::width() };
        for d in &c.diags {
            eprint!("{}", render::human(d, &c.sources, style));
        }
    }
}

/// JSON and CSV stream to the output (a report of a million incidents is a
/// gigabyte of JSON); the renderings for people are built as text.
fn write_report(report: &mut report::Report, format: ReportFormat, output: Option<&Path>) -> std::io::Result<()> {
    match format {
        ReportFormat::Json => {
            let mut w = output::writer(output)?;
            report::json_out::write(report, &mut w)?;
            w.flush()
        }
        ReportFormat::Csv => {
            let mut w = output::writer(output)?;
            report::csv_out::write(report, &mut w).map_err(std::io::Error::other)?;
            report.incidents.check()?;
            w.flush()
        }
        // A spooled incident that could not be read back would leave the
        // rendering short: an error, never a shorter report.
        ReportFormat::Table => output::emit(&checked(report::table::render(report), report)?, output),
        ReportFormat::Markdown => {
            let mut w = output::writer(output)?;
            report::markdown::write(report, &mut w)?;
            w.flush()
        }
        ReportFormat::Html => output::emit(&checked(report::html::render(report), report)?, output),
    }
}

fn checked(text: String, report: &report::Report) -> std::io::Result<String> {
    report.incidents.check().map(|()| text)
}
