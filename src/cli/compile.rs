//! `slac compile FILE --emit ir`: the checked contract as JSON;
//! `--emit sql --dialect D --from M --to M --as-of T`: SQL that computes
//! its ledgers on a warehouse (`src/sql/`, docs/scale.md).

use super::exit;
use super::output::{self, ColorChoice};
use crate::diag::render::{self, HumanStyle};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct CompileArgs {
    /// The contract file.
    file: PathBuf,
    /// What to print.
    #[arg(long, value_enum, default_value_t = Emit::Ir)]
    emit: Emit,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    #[command(flatten)]
    sql: SqlArgs,
}

/// What `--emit sql` needs beside the contract (docs/scale.md).
#[derive(Args, Debug)]
pub struct SqlArgs {
    /// The SQL engine (with --emit sql).
    #[arg(long, value_enum, default_value_t = crate::sql::Dialect::Duckdb)]
    dialect: crate::sql::Dialect,
    /// The first month evaluated, YYYY-MM (with --emit sql; required).
    #[arg(long)]
    from: Option<String>,
    /// The last month evaluated, YYYY-MM (with --emit sql; required).
    #[arg(long)]
    to: Option<String>,
    /// The evaluation's clock: RFC 3339, or a local time or date in the
    /// contract's zone (with --emit sql; required, so the SQL is the same
    /// whenever it runs).
    #[arg(long)]
    as_of: Option<String>,
    /// A TOML file naming the tables and columns the SQL reads and writes.
    #[arg(long)]
    tables: Option<PathBuf>,
    /// Leave a part of the contract out of the SQL, on purpose: tiers,
    /// durability, objectives, entitlements, liability (repeatable).
    #[arg(long, value_enum, value_delimiter = ',')]
    leave_out: Vec<crate::sql::LeaveOut>,
    /// The contract's total value, when the contract does not state it
    /// (`"CNY 100000.00"`), for liability caps (with --emit sql).
    #[arg(long)]
    contract_value: Option<String>,
    /// Run the SQL's stages as one statement of CTEs, or as a table each
    /// (dropped at the end); by default CTEs on DuckDB, tables on Spark
    /// and Trino (with --emit sql).
    #[arg(long, value_enum)]
    stages: Option<crate::sql::StageMode>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Emit {
    /// The typed intermediate representation, as JSON (docs/ir.md).
    Ir,
    /// SQL computing the availability ledgers and credits (docs/scale.md).
    Sql,
}

pub fn run(args: &CompileArgs) -> u8 {
    let c = match super::check::contract_for(&args.file, "compile") {
        Ok(c) => c,
        Err(code) => return code,
    };
    let style = HumanStyle { color: ColorChoice::Auto.enabled(), width: output::width() };
    if args.emit == Emit::Sql {
        let checked = match c.checked() {
            Ok(checked) => checked,
            Err(_) => return exit::FINDINGS,
        };
        return match sql(&checked, &args.sql, style) {
            Ok(text) => write(&text, args),
            Err(code) => code,
        };
    }
    let Some(contract) = &c.contract else {
        return exit::FINDINGS;
    };
    let text = match args.emit {
        Emit::Sql => return exit::USAGE,
        Emit::Ir => match serde_json::to_string_pretty(contract) {
            Ok(t) => t + "\n",
            Err(e) => {
                eprintln!("error: cannot serialise the IR: {e}");
                return exit::USAGE;
            }
        },
    };
    write(&text, args)
}

fn write(text: &str, args: &CompileArgs) -> u8 {
    match output::emit(text, args.output.as_deref()) {
        Ok(()) => exit::OK,
        Err(e) => {
            eprintln!("error: cannot write output: {e}");
            exit::USAGE
        }
    }
}

/// The SQL for a checked contract, or the exit code after saying why not.
fn sql(checked: &crate::ir::CheckedContract, a: &SqlArgs, style: HumanStyle) -> Result<String, u8> {
    use crate::inputs::InputError;
    let usage = |message: String| {
        eprintln!("error: {message}");
        exit::USAGE
    };
    let input_error = |e: InputError| usage(e.render(|f| super::flags::flag(f).to_owned()));
    let c = checked.contract();
    let tz = c.header.timezone;
    let month = |flag: &str, text: &Option<String>| match text {
        None => Err(usage(format!("--emit sql needs {flag} YYYY-MM: the SQL is written for a range of months"))),
        Some(t) => crate::eval::YearMonth::parse(t).ok_or_else(|| usage(format!("{flag} {t}: not a month (YYYY-MM)"))),
    };
    let from = month("--from", &a.from)?;
    let to = month("--to", &a.to)?;
    let as_of = match &a.as_of {
        None => return Err(usage("--emit sql needs --as-of: the SQL judges the data as of that instant".into())),
        Some(t) => crate::inputs::parse_as_of(t, tz).map_err(input_error)?,
    };
    let tables = match &a.tables {
        None => crate::sql::Tables::default(),
        Some(path) => {
            let text =
                std::fs::read_to_string(path).map_err(|e| usage(format!("cannot read {}: {e}", path.display())))?;
            crate::sql::Tables::from_toml(&text).map_err(|e| usage(format!("{}: {e}", path.display())))?
        }
    };
    let contract_value = match &a.contract_value {
        Some(text) => Some(crate::inputs::parse_money(text, c).map_err(input_error)?),
        None => None,
    };
    let holidays =
        crate::inputs::load_holidays(c, checked.sources(), &[], &crate::inputs::files::Disk).map_err(input_error)?;
    let opts = crate::sql::SqlOptions {
        dialect: a.dialect,
        from,
        to,
        as_of,
        tables,
        holidays,
        leave_out: a.leave_out.clone(),
        contract_value,
        stages: a.stages.unwrap_or(crate::sql::StageMode::default_for(a.dialect)),
    };
    crate::sql::emit(checked, &opts).map_err(|e| match e {
        crate::sql::SqlError::Unsupported(diags, parts) => {
            for d in &diags {
                eprint!("{}", render::human(d, checked.sources(), style));
            }
            if !parts.is_empty() {
                let names: Vec<&str> = parts.iter().map(|p| p.name()).collect();
                eprintln!("help: `--leave-out {}` compiles the rest, leaving those parts out", names.join(","));
            }
            exit::FINDINGS
        }
        crate::sql::SqlError::Eval(e) => usage(e.to_string()),
    })
}
