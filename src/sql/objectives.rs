//! Objectives in SQL (semantics.md section 8): each metrics row for an
//! objective in the evaluated months, its value in the objective's unit,
//! compared with the target exactly; a unit slac does not convert is
//! `unit_mismatch`, no breach.

use super::SqlError;
use super::availability::Writer;
use super::dialect::string;
use crate::ir::{CompareOp, Measure, Objective};
use rust_decimal::Decimal;

/// The type metrics values are read into (and compared in).
const VALUE: &str = "DECIMAL(38,16)";

/// The result rows of every objective, or `None` when the contract has
/// none (the SQL then reads no metrics table).
pub fn select(w: &mut Writer<'_>, objectives: &[Objective]) -> Result<Option<String>, SqlError> {
    if objectives.is_empty() {
        return Ok(None);
    }
    let (d, t) = (w.d, w.d.text());
    let months: Vec<String> = {
        let (mut m, to) = (w.opts.from, w.opts.to);
        let mut out = Vec::new();
        while m <= to {
            out.push(format!("'{m}'"));
            m = m.plus(1);
        }
        out
    };
    let table = w.opts.tables.table("metrics").to_owned();
    let field = |c: &str| {
        let col = d.quote(w.opts.tables.col("metrics", c));
        format!("NULLIF(TRIM(CAST(r.{col} AS {t})), '')")
    };
    w.push_cte(
        "met",
        format!(
            "  SELECT {} AS objective, {} AS period, CAST({} AS {VALUE}) AS value, COALESCE({}, '') AS unit\n  FROM {table} r\n  WHERE {} IN ({})",
            field("objective"),
            field("period"),
            field("value"),
            field("unit"),
            field("period"),
            months.join(", ")
        ),
    );
    let mut selects = Vec::new();
    for (i, o) in objectives.iter().enumerate() {
        let measured = measured_sql(&o.value, d);
        let target = target_number(&o.value);
        let op = match o.op {
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
            CompareOp::Eq => "=",
        };
        let target_sql = format!("CAST({} AS {VALUE})", d.decimal(&target));
        selects.push(format!(
            "SELECT 'objective' AS kind, {i} AS promise, CAST(NULL AS {t}) AS service, CAST(NULL AS {t}) AS instance, x.period,\n  CASE WHEN x.v IS NULL THEN 'unit_mismatch' WHEN x.v {op} {target_sql} THEN 'met' ELSE 'missed' END AS status,\n  CAST(NULL AS BOOLEAN) AS in_progress, CAST(NULL AS {t}) AS partial, {} AS target, CAST(NULL AS {t}) AS formula,\n  CAST(NULL AS BIGINT) AS total_minutes, CAST(NULL AS BIGINT) AS excused_minutes, CAST(NULL AS BIGINT) AS unavailable_minutes,\n  CAST(NULL AS BIGINT) AS ratio_numerator, CAST(NULL AS BIGINT) AS ratio_denominator, CAST(NULL AS {t}) AS ratio_percent,\n  CAST(NULL AS DECIMAL(38,10)) AS allowed_minutes, CAST(NULL AS DECIMAL(38,10)) AS remaining_minutes,\n  CAST(NULL AS BIGINT) AS counted_runs, CAST(NULL AS BIGINT) AS short_run_minutes,\n  CAST(NULL AS BIGINT) AS objects_total, CAST(NULL AS BIGINT) AS objects_lost, CAST(NULL AS {t}) AS note,\n  {},\n  {},\n  {} AS name, x.v AS measured, x.unit AS measured_unit,\n  {}\nFROM (SELECT m.period, m.unit, {measured} AS v FROM met m WHERE m.objective = {}) x",
            string(&format!("{} {}", o.op.symbol(), o.value)),
            super::credits::no_credit(t),
            super::credits::no_entitlement(t),
            string(&o.name),
            super::clocks::no_clock(t),
            string(&o.name),
        ));
    }
    Ok(Some(selects.join("\nUNION ALL\n")))
}

/// The target as a number in the unit metrics use: seconds, percent, the
/// plain number (`eval::objectives::target_number`).
fn target_number(m: &Measure) -> Decimal {
    match m {
        Measure::Duration(s) => Decimal::from(s.0),
        Measure::Percent(p) => p.0,
        Measure::Count(n) => *n,
        Measure::Money(m) => m.amount,
        Measure::Quantity { number, .. } => *number,
        Measure::Span(s) => Decimal::from(s.count),
    }
}

/// A metrics row's value in the objective's unit, NULL where its unit is
/// not one slac converts to it.
fn measured_sql(target: &Measure, d: super::Dialect) -> String {
    let same = |units: &[&str]| {
        let list: Vec<String> = units.iter().map(|u| string(u)).collect();
        format!("CASE WHEN m.unit IN ({}) THEN m.value END", list.join(", "))
    };
    match target {
        Measure::Duration(_) => format!(
            "CAST(CASE m.unit WHEN 'ms' THEN m.value * {} WHEN '' THEN m.value WHEN 's' THEN m.value WHEN 'min' THEN m.value * 60 WHEN 'h' THEN m.value * 3600 WHEN 'd' THEN m.value * 86400 END AS {VALUE})",
            d.decimal(&Decimal::new(1, 3))
        ),
        Measure::Percent(_) => same(&["", "%"]),
        Measure::Quantity { unit, .. } => same(&["", unit]),
        Measure::Money(m) => same(&["", &m.currency]),
        Measure::Count(_) | Measure::Span(_) => "m.value".to_owned(),
    }
}
