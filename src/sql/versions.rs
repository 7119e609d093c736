//! An amended contract in SQL, as `slac eval` evaluates one
//! (`eval::amended`, semantics.md section 10): each version is compiled
//! whole, as if its terms had held all along, its stages named apart
//! (`v0_`, `v1_`, ...); then each row of the result is taken from the
//! version that governs it: a period's rows (availability with its credit
//! and entitlement, durability, objectives) from the version in force on
//! its first day (its last under `amendments apply from period end`), an
//! incident's clocks and penalty lines from the version in force on the
//! day it opened, a penalty's total over the lines of every version with
//! the cap of the last one that has the clause, the liability caps from
//! the last version.

use super::dialect::string;
use super::stages::{self, Stage};
use super::{SqlError, SqlOptions, penalties, version};
use crate::calendar::local_time::start_of;
use crate::eval::EvalError;
use crate::eval::YearMonth;
use crate::eval::governing_period;
use crate::eval::plan::Range;
use crate::ir::Contract;
use chrono::NaiveDate;
use chrono_tz::Tz;

/// Far enough before and after any instant a row can hold (ms), for the
/// first version's start and the last one's end.
const OPEN_END: i64 = 1 << 60;

pub(super) fn amended(c: &Contract, opts: &SqlOptions, range: &Range) -> Result<(Vec<Stage>, Vec<String>), SqlError> {
    let versions = c.versions();
    let tz = c.header.timezone;
    let rule = c.straddle_rule();
    let labels = labels(opts.from, opts.to);
    let mut all = Vec::new();
    let mut selects = Vec::new();
    // Each penalty's total: the last version with the clause states it (its
    // cap), over the lines of every version with the clause.
    let mut totals: Vec<(String, penalties::PenaltyRows, Vec<String>)> = Vec::new();
    for (k, v) in versions.iter().enumerate() {
        let judged = (day_start(tz, v.from, -OPEN_END)?, day_start(tz, v.until, OPEN_END)?);
        let parts = version(&v.contract, opts, range, Some(judged))?;
        let (named, names) = stages::prefixed(parts.stages, &format!("v{k}_"));
        all.extend(named);
        let governed: Vec<String> =
            labels.iter().filter(|l| governing_period(&versions, rule, l) == k).map(|l| string(l)).collect();
        let filter = match governed.is_empty() {
            true => "1 = 0".to_owned(),
            false => format!("b.period IN ({})", governed.join(", ")),
        };
        for rows in parts.periods {
            selects.push(format!("SELECT * FROM (\n{}\n) b WHERE {filter}", stages::rename(&rows, &names)));
        }
        // The version's clocks are those of the incidents it judges.
        selects.extend(parts.clocks.iter().map(|rows| stages::rename(rows, &names)));
        for (id, rows) in parts.penalty_totals {
            let lines = names.get(&rows.lines_from).cloned().unwrap_or_else(|| rows.lines_from.clone());
            match totals.iter_mut().find(|(x, _, _)| *x == id) {
                Some((_, last, froms)) => {
                    *last = rows;
                    froms.push(lines);
                }
                None => totals.push((id, rows, vec![lines])),
            }
        }
        if k + 1 == versions.len() {
            selects.extend(parts.liability.iter().map(|rows| stages::rename(rows, &names)));
        }
    }
    for (_, rows, froms) in totals {
        let lines: Vec<String> = froms.iter().map(|f| format!("SELECT amount FROM {f}")).collect();
        selects.push(rows.total(&format!("(\n  {}\n)", lines.join("\n  UNION ALL "))));
    }
    Ok((all, selects))
}

/// Every label a period near the range can have: its months, quarters and
/// years, a year either side (a quarter or year the range cuts).
fn labels(from: YearMonth, to: YearMonth) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut m = from.plus(-12);
    while m <= to.plus(12) {
        for label in [m.to_string(), format!("{}-Q{}", m.year, (m.month - 1) / 3 + 1), m.year.to_string()] {
            if !out.contains(&label) {
                out.push(label);
            }
        }
        m = m.plus(1);
    }
    out
}

/// The first instant of a local date (ms), or `open` for none: where the
/// incidents a version judges begin or end (`eval::amended` takes an
/// incident's local date the same way).
fn day_start(tz: Tz, date: Option<NaiveDate>, open: i64) -> Result<i64, SqlError> {
    match date {
        None => Ok(open),
        Some(d) => {
            Ok(start_of(tz, d).map_err(EvalError::calendar("the first day of an amendment"))?.timestamp_millis())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2025-03-30 in London starts at 00:00 GMT; in Santiago 2024-09-08
    /// has no midnight (clocks go from 00:00 to 01:00), so it starts at
    /// 01:00 -03 = 04:00Z.
    #[test]
    fn a_day_starts_at_its_first_instant() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a date");
        let at = |tz, d| day_start(tz, Some(d), 0).expect("a day");
        assert_eq!(at(chrono_tz::Europe::London, date(2025, 3, 30)), 1_743_292_800_000);
        assert_eq!(at(chrono_tz::America::Santiago, date(2024, 9, 8)), 1_725_768_000_000);
    }

    #[test]
    fn labels_cover_months_quarters_and_years_around_the_range() {
        let l = labels(YearMonth { year: 2025, month: 7 }, YearMonth { year: 2025, month: 7 });
        assert!(
            ["2024-07", "2025-07", "2026-07", "2025-Q3", "2024", "2026"].iter().all(|x| l.contains(&x.to_string()))
        );
        assert!(!l.contains(&"2024-06".to_string()));
    }
}
