//! Durability in SQL (semantics.md section 5): per period, the usage rows'
//! `objects_total` and `objects_lost` of the period's months summed, and
//! `(total − lost) / total` against the target, exactly.

use super::SqlError;
use super::availability::Writer;
use super::dialect::string;
use crate::eval::plan;
use crate::ir::Durability;

/// Figures a durability percentage shows after the point, truncated.
const PLACES: usize = 12;
/// Digits computed per step of the long division (BIGINT stays exact for
/// counts below 9 × 10^15).
const STEP: usize = 3;

/// The result rows of one durability promise.
pub fn select(w: &mut Writer<'_>, i: usize, d: &Durability) -> Result<String, SqlError> {
    let (c, dia) = (w.c, w.d);
    let p = format!("d{i}_");
    let t = dia.text();
    let periods = plan::durability_periods(c, d, &w.range())?;
    let rows: Vec<String> = periods
        .iter()
        .enumerate()
        .map(|(k, pp)| {
            format!(
                "({k}, {}, {})",
                string(&pp.label),
                pp.skipped.as_deref().map_or(format!("CAST(NULL AS {t})"), string)
            )
        })
        .collect();
    let empty = |cols: &str| format!("  SELECT {cols} FROM svc_names WHERE 1 = 0");
    w.push_cte(
        &format!("{p}periods (ord, label, skipped)"),
        if rows.is_empty() {
            empty(&format!("0, CAST(NULL AS {t}), CAST(NULL AS {t})"))
        } else {
            format!("  VALUES {}", rows.join(", "))
        },
    );
    let months: Vec<String> = periods
        .iter()
        .flat_map(|pp| pp.months.iter().map(move |m| format!("({}, '{m}')", string(&pp.label))))
        .collect();
    w.push_cte(
        &format!("{p}months (label, month)"),
        if months.is_empty() {
            empty(&format!("CAST(NULL AS {t}), CAST(NULL AS {t})"))
        } else {
            format!("  VALUES {}", months.join(", "))
        },
    );
    let svc = string(&d.service);
    w.push_cte(
        &format!("{p}sums"),
        format!(
            "  SELECT m.label, SUM(u.objects_total) AS total, SUM(COALESCE(u.objects_lost, 0)) AS lost\n  FROM {p}months m JOIN usg u ON u.period = m.month AND (u.service IS NULL OR u.service = {svc})\n  WHERE u.objects_total IS NOT NULL\n  GROUP BY m.label"
        ),
    );
    let (pn, pd) = d.target.as_fraction();
    let kept = "(s.total - s.lost)";
    let percent = long_division(w, &format!("{kept} * 100"), "s.total");
    let status = format!(
        "CASE WHEN p.skipped IS NOT NULL THEN 'skipped' WHEN s.total IS NULL THEN 'no_data' WHEN s.total = 0 THEN 'met'\n    WHEN CAST({kept} AS DECIMAL(38,0)) * {pd} >= CAST(s.total AS DECIMAL(38,0)) * {pn} THEN 'met' ELSE 'missed' END"
    );
    let note = "CASE WHEN p.skipped IS NOT NULL THEN p.skipped WHEN s.total IS NULL THEN 'no usage row gives objects_total for this period'\n    WHEN s.total = 0 THEN 'no objects were stored' END";
    let ratio = |e: &str| format!("CASE WHEN p.skipped IS NULL AND s.total > 0 THEN {e} END");
    let counted = |e: &str| format!("CASE WHEN p.skipped IS NULL THEN {e} END");
    // Durability is evaluated only when some usage row gives a count.
    Ok(format!(
        "SELECT 'durability' AS kind, {i} AS promise, {svc} AS service, CAST(NULL AS {t}) AS instance, p.label AS period,\n  {status} AS status,\n  CAST(NULL AS BOOLEAN) AS in_progress, CAST(NULL AS {t}) AS partial, {} AS target, CAST(NULL AS {t}) AS formula,\n  CAST(NULL AS BIGINT) AS total_minutes, CAST(NULL AS BIGINT) AS excused_minutes, CAST(NULL AS BIGINT) AS unavailable_minutes,\n  {} AS ratio_numerator, {} AS ratio_denominator, {} AS ratio_percent,\n  CAST(NULL AS DECIMAL(38,10)) AS allowed_minutes, CAST(NULL AS DECIMAL(38,10)) AS remaining_minutes,\n  CAST(NULL AS BIGINT) AS counted_runs, CAST(NULL AS BIGINT) AS short_run_minutes,\n  {} AS objects_total, {} AS objects_lost, {note} AS note,\n  {},\n  {},\n  {},\n  {}\nFROM {p}periods p LEFT JOIN {p}sums s ON s.label = p.label\nCROSS JOIN (SELECT COUNT(*) AS n FROM usg WHERE objects_total IS NOT NULL) given\nWHERE given.n > 0",
        string(&d.target.to_string()),
        ratio(kept),
        ratio("s.total"),
        ratio(&percent),
        counted("s.total"),
        counted("s.lost"),
        super::credits::no_credit(t),
        super::credits::no_entitlement(t),
        super::credits::no_objective(t),
        super::clocks::no_clock(t),
    ))
}

/// `num / den` as a percentage text truncated to [`PLACES`] figures, by
/// long division in BIGINT: the integer part, then [`STEP`] figures at a
/// time from the remainder.
fn long_division(w: &Writer<'_>, num: &str, den: &str) -> String {
    let d = w.d;
    let t = d.text();
    let scale = 10i64.pow(STEP as u32);
    let mut parts = vec![format!("CAST({} AS {t})", d.div(num, den)), "'.'".to_owned()];
    let mut rest = format!("MOD({num}, {den})");
    for _ in 0..PLACES / STEP {
        let digits = d.div(&format!("{rest} * {scale}"), den);
        parts.push(format!("LPAD(CAST({digits} AS {t}), {STEP}, '0')"));
        rest = format!("MOD({rest} * {scale}, {den})");
    }
    parts.join(" || ")
}
