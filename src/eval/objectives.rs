//! General objectives, judged where a metrics file gives the figure.

use super::Evaluation;
use super::period::YearMonth;
use super::window::Window;
use crate::events::MetricRow;
use crate::ir::{Contract, Measure};
use crate::report::{ObjectiveLine, ObjectiveStatus};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// One line per metrics row that names an objective of the contract and
/// falls in the evaluated months; rows that name no objective are noted,
/// never dropped silently.
pub fn evaluate(c: &Contract, metrics: &[MetricRow], window: &Window, ev: &mut Evaluation) -> Vec<ObjectiveLine> {
    let in_range = |m: &MetricRow| YearMonth::parse(&m.period).is_some_and(|p| window.from <= p && p <= window.to);
    let mut unknown: BTreeMap<&str, u64> = BTreeMap::new();
    for m in metrics.iter().filter(|m| !c.objectives.iter().any(|o| o.name == m.objective)) {
        *unknown.entry(m.objective.as_str()).or_default() += 1;
    }
    for (name, n) in unknown {
        ev.notes.push(format!("metrics: `{name}` is no objective of the contract ({n} row(s) not judged)"));
    }
    let outside = metrics.iter().filter(|m| !in_range(m)).count();
    if outside > 0 {
        ev.notes.push(format!("metrics: {outside} row(s) outside the evaluated months are not judged"));
    }
    let mut out = Vec::new();
    let mut unmeasured = Vec::new();
    for o in &c.objectives {
        let rows: Vec<&MetricRow> = metrics.iter().filter(|m| m.objective == o.name && in_range(m)).collect();
        if rows.is_empty() {
            unmeasured.push(o.name.as_str());
        }
        for row in rows {
            let line = match measured(&o.value, row) {
                Some(actual) => {
                    let target = target_number(&o.value);
                    let met = target.is_some_and(|t| o.op.holds(actual.cmp(&t)));
                    if !met {
                        ev.verdict.objectives_missed += 1;
                    }
                    ObjectiveLine {
                        terms: None,
                        objective: o.name.clone(),
                        period: row.period.clone(),
                        target: format!("{} {}", o.op.symbol(), o.value),
                        measured: Some(format!("{}{}", actual.normalize(), unit_suffix(&o.value))),
                        status: if met { ObjectiveStatus::Met } else { ObjectiveStatus::Missed },
                        citation: o.citation.as_ref().map(|c| c.section.clone()),
                    }
                }
                None => ObjectiveLine {
                    terms: None,
                    objective: o.name.clone(),
                    period: row.period.clone(),
                    target: format!("{} {}", o.op.symbol(), o.value),
                    measured: Some(format!("{} {}", row.value, row.unit.clone().unwrap_or_default())),
                    status: ObjectiveStatus::UnitMismatch,
                    citation: o.citation.as_ref().map(|c| c.section.clone()),
                },
            };
            out.push(line);
        }
    }
    // Given a metrics file, say which objectives it left unjudged.
    if !metrics.is_empty() && !unmeasured.is_empty() {
        ev.notes.push(format!("metrics: no figure in the evaluated months for {}", unmeasured.join(", ")));
    }
    out
}

/// The target as a number in the unit metrics use: seconds for durations,
/// percent for percentages, the plain number otherwise.
fn target_number(m: &Measure) -> Option<Decimal> {
    match m {
        Measure::Duration(s) => Some(Decimal::from(s.0)),
        Measure::Percent(p) => Some(p.0),
        Measure::Count(n) => Some(*n),
        Measure::Money(m) => Some(m.amount),
        Measure::Quantity { number, .. } => Some(*number),
        Measure::Span(s) => Some(Decimal::from(s.count)),
    }
}

/// A metrics value in the objective's unit: durations may be given in
/// `s`, `min`, `h` or `d` (default seconds).
fn measured(target: &Measure, row: &MetricRow) -> Option<Decimal> {
    let unit = row.unit.as_deref().map(str::trim).unwrap_or("");
    match target {
        Measure::Duration(_) => {
            let factor = match unit {
                "ms" => return Some(row.value / Decimal::from(1000)),
                "" | "s" => 1,
                "min" => 60,
                "h" => 3600,
                "d" => 86_400,
                _ => return None,
            };
            Some(row.value * Decimal::from(factor))
        }
        Measure::Percent(_) => matches!(unit, "" | "%").then_some(row.value),
        // A unit slac does not interpret is compared only with itself:
        // 500 Mb against `>= 5Gb` is no number to judge.
        Measure::Quantity { unit: own, .. } => (unit.is_empty() || unit == own).then_some(row.value),
        Measure::Money(m) => (unit.is_empty() || unit == m.currency).then_some(row.value),
        _ => Some(row.value),
    }
}

fn unit_suffix(m: &Measure) -> String {
    match m {
        Measure::Duration(_) => "s".into(),
        Measure::Percent(_) => "%".into(),
        Measure::Quantity { unit, .. } => unit.clone(),
        _ => String::new(),
    }
}
