//! `slac compile --emit sql`: SQL that computes on a warehouse what `slac
//! eval` computes on one machine, for the clauses it can express
//! (`unsupported.rs` refuses the rest, clause by clause).
//!
//! The SQL is specialised to a range: everything that depends only on the
//! contract and the calendar (the periods and their minutes in the
//! contract's zone, partial and skipped periods, maintenance window
//! occurrences, claim windows on business days) is computed here by the
//! evaluator's own code (`eval::plan`) and written as `VALUES` tables;
//! everything that depends on the rows (minute states, runs, ledgers,
//! credits) is computed by the engine over the input tables, in integers
//! and DECIMAL. `docs/scale.md` documents the result table.

mod availability;
mod clocks;
mod credits;
pub mod dialect;
mod durability;
mod liability;
mod objectives;
mod open_time;
mod penalties;
mod slices;
mod stages;
mod tables;
mod unsupported;
mod versions;
mod zone;

pub use dialect::Dialect;
pub use stages::StageMode;
pub use tables::Tables;

use crate::calendar::HolidayTable;
use crate::diag::Diagnostic;
use crate::eval::plan::Range;
use crate::eval::{EvalError, YearMonth};
use crate::ir::{CheckedContract, Contract};
use chrono::{DateTime, Utc};
use clap::ValueEnum;
use std::collections::HashMap;
use std::sync::Arc;

/// What to compile for.
pub struct SqlOptions {
    pub dialect: Dialect,
    pub from: YearMonth,
    pub to: YearMonth,
    pub as_of: DateTime<Utc>,
    pub tables: Tables,
    /// The contract's holiday sets, for claim windows on business days.
    pub holidays: HashMap<String, Arc<HolidayTable>>,
    /// Parts of the contract the caller asks to leave out of the SQL.
    pub leave_out: Vec<LeaveOut>,
    /// The contract's value where the contract does not state it, for
    /// liability caps.
    pub contract_value: Option<crate::ir::Money>,
    /// One statement of CTEs, or a table per stage.
    pub stages: StageMode,
}

/// A part of a contract that can be left out of the SQL on request, so the
/// rest compiles; the SQL's header names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, ValueEnum)]
pub enum LeaveOut {
    /// Tier clocks, escalation, pauses, update cadence and penalties.
    Tiers,
    Durability,
    Objectives,
    Entitlements,
    Liability,
}

impl LeaveOut {
    pub fn name(self) -> &'static str {
        match self {
            LeaveOut::Tiers => "tiers",
            LeaveOut::Durability => "durability",
            LeaveOut::Objectives => "objectives",
            LeaveOut::Entitlements => "entitlements",
            LeaveOut::Liability => "liability",
        }
    }
}

/// Why no SQL was written.
#[derive(Debug)]
pub enum SqlError {
    /// Clauses the SQL cannot compute: one error each, at its span; and
    /// the parts that, left out, would let the rest compile (empty when a
    /// refused clause cannot be left out).
    Unsupported(Vec<Diagnostic>, Vec<LeaveOut>),
    /// What the evaluator would stop with before reading a row (a holiday
    /// year no set covers, `--to` before `--from`).
    Eval(EvalError),
}

impl From<EvalError> for SqlError {
    fn from(e: EvalError) -> Self {
        SqlError::Eval(e)
    }
}

/// The SQL script for a contract: set the session's zone, then create the
/// result table.
pub fn emit(checked: &CheckedContract, opts: &SqlOptions) -> Result<String, SqlError> {
    let c = checked.contract();
    let (refusals, parts) = unsupported::check(c, &opts.leave_out);
    if !refusals.is_empty() {
        return Err(SqlError::Unsupported(refusals, parts));
    }
    let range = Range { from: opts.from, to: opts.to, as_of: opts.as_of };
    let d = opts.dialect;
    let (stages, selects) = if c.amendments.is_empty() {
        let parts = version(c, opts, &range, None)?;
        let totals = parts.penalty_totals.iter().map(|(_, rows)| rows.total(&rows.lines_from));
        let selects = parts.periods.into_iter().chain(parts.clocks).chain(totals).chain(parts.liability).collect();
        (parts.stages, selects)
    } else {
        versions::amended(c, opts, &range)?
    };
    let tz = c.header.timezone.name();
    let mut out = String::new();
    out.push_str(&format!("-- slac: the ledgers of contract \"{}\" in SQL for {}\n", c.id, d.name()));
    out.push_str(&format!(
        "-- range {}..{}, as of {}; naive times read in {tz} by slac's rules\n",
        opts.from,
        opts.to,
        crate::eval::fmt_time(opts.as_of, c.header.timezone)
    ));
    let mut read = vec!["incidents", "maintenance", "probes", "usage"];
    if !c.objectives.is_empty() && !opts.leave_out.contains(&LeaveOut::Objectives) {
        read.push("metrics");
    }
    let unread: &[(&str, &str)] =
        if c.availability.iter().any(|a| a.per_region) { &[] } else { &[("probes", "region")] };
    out.push_str(&format!("-- reads {}\n", opts.tables.describe(&read, unread).join(", ")));
    out.push_str(&format!("-- writes {} (columns: docs/scale.md)\n", opts.tables.result));
    if opts.stages == StageMode::Tables {
        out.push_str(&format!("-- stages in tables {}_*, dropped at the end\n", opts.tables.result));
    }
    if !opts.leave_out.is_empty() {
        let names: Vec<&str> = opts.leave_out.iter().map(|p| p.name()).collect();
        out.push_str(&format!("-- left out on request: {}\n", names.join(", ")));
    }
    if let Some(set) = d.set_utc() {
        out.push_str(set);
        out.push('\n');
    }
    let query = if selects.is_empty() { credits::empty_select(d) } else { selects.join("\nUNION ALL\n") };
    let result = &opts.tables.result;
    out.push_str(&match opts.stages {
        StageMode::Ctes => stages::as_ctes(&stages, &d.create_as(result), &query),
        StageMode::Tables => stages::as_tables(&stages, d, result, &query),
    });
    Ok(out)
}

/// The stages and result rows of one set of terms (the contract, or one
/// version of an amended one), by what decides which version a row is
/// taken from.
struct Parts {
    stages: Vec<stages::Stage>,
    /// Rows of a period: availability (with credits and entitlements),
    /// durability, objectives.
    periods: Vec<String>,
    /// Rows of an incident: clocks and penalty lines.
    clocks: Vec<String>,
    /// Each penalty's total, by the penalty's id.
    penalty_totals: Vec<(String, penalties::PenaltyRows)>,
    liability: Option<String>,
}

/// One set of terms compiled; `judged` keeps the tier clocks to incidents
/// opened in `[from, until)` (ms), the days those terms were in force.
fn version(c: &Contract, opts: &SqlOptions, range: &Range, judged: Option<(i64, i64)>) -> Result<Parts, SqlError> {
    let d = opts.dialect;
    let mut w = availability::Writer::new(c, opts, range)?;
    w.judged = judged;
    w.inputs();
    let mut periods = Vec::new();
    let mut promises = Vec::new();
    for (i, promise) in c.availability.iter().enumerate() {
        let ledger = w.promise(i, promise)?;
        let credit = c.credits.iter().position(|k| k.service == promise.service);
        let credit_cte = match credit {
            Some(k) => Some((k, credits::write(&mut w, i, promise, &c.credits[k])?)),
            None => None,
        };
        promises.push((i, ledger, credit_cte));
    }
    // Credits of one `exclusive` group: one claim per period.
    let members: Vec<(usize, usize, String)> =
        promises.iter().filter_map(|(i, _, k)| k.as_ref().map(|(k, cte)| (*i, *k, cte.clone()))).collect();
    let claimed = credits::one_claim_per_group(&mut w, &members);
    for (i, ledger, credit_cte) in &promises {
        let cte = credit_cte.as_ref().map(|(_, cte)| claimed.get(cte).unwrap_or(cte).as_str());
        periods.push(credits::select(&w, *i, ledger, cte, opts.leave_out.contains(&LeaveOut::Entitlements)));
        if let Some(nc) = ledger.slices.as_ref().and_then(|s| s.no_charge.as_ref()) {
            periods.push(slices::select(&w, *i, &c.availability[*i], &ledger.cte, nc));
        }
    }
    let mut clocks = Vec::new();
    let mut penalty_totals = Vec::new();
    if !opts.leave_out.contains(&LeaveOut::Tiers) {
        if let Some(res) = clocks::write(&mut w)? {
            clocks.push(clocks::select(&w, &res));
            for (k, p) in c.penalties.iter().enumerate() {
                let rows = penalties::select(&mut w, k, p, &res);
                clocks.push(rows.lines.clone());
                penalty_totals.push((p.id.clone(), rows));
            }
        }
    }
    if !opts.leave_out.contains(&LeaveOut::Durability) {
        for (i, d) in c.durability.iter().enumerate() {
            periods.push(durability::select(&mut w, i, d)?);
        }
    }
    if !opts.leave_out.contains(&LeaveOut::Objectives) {
        if let Some(rows) = objectives::select(&mut w, &c.objectives)? {
            periods.push(rows);
        }
    }
    let liability = match opts.leave_out.contains(&LeaveOut::Liability) {
        true => None,
        false => liability::select(c, &c.liability, opts.contract_value.as_ref(), d),
    };
    Ok(Parts { stages: w.ctes, periods, clocks, penalty_totals, liability })
}

#[cfg(test)]
mod tests;
