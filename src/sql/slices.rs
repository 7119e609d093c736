//! `slice SIZE down over N [no charge]` in SQL (semantics.md section 4,
//! "Slices"; `eval::slices`): each judged period's counted grid minutes
//! (down, not excused, in runs at least the minimum outage, inside the
//! period's counting range) put in slices of the contract's local clock,
//! a slice bad when more than N of its minutes are; and, with `no charge`,
//! a credit line per period with bad slices: for each month, the month's
//! fee times the bad slices' minutes over the month's minutes, rounded to
//! the cent, summed.
//!
//! A slice of minutes starts on the local hour or a multiple of its length
//! after it: the engine finds it from the minute and the zone's offset
//! within the hour (constant in all but a few zones, else a `CASE` over
//! the range). Local days and months are written by slac as tables.

use super::SqlError;
use super::availability::Writer;
use super::clocks::{figures_none, no_clock_in};
use super::credits::{MONEY, no_entitlement};
use super::dialect::string;
use crate::calendar::local_time::{date_of, start_of};
use crate::eval::EvalError;
use crate::eval::period::Period;
use crate::eval::plan::PlannedPeriod;
use crate::ir::{Availability, PeriodKind, SliceRule, SliceSize};
use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

const MS: i64 = 60_000;

/// What a promise's slices left for the result: the count of bad slices
/// per ledger (`{p}slice_count`), and the no-charge lines (`{p}nc`).
pub struct Slices {
    pub count: String,
    pub no_charge: Option<String>,
}

pub fn write(
    w: &mut Writer<'_>,
    p: &str,
    a: &Availability,
    rule: SliceRule,
    periods: &[PlannedPeriod],
) -> Result<Slices, SqlError> {
    let d = w.d;
    let tz = w.c.header.timezone;
    let judged: Vec<&PlannedPeriod> = periods.iter().filter(|pp| pp.skipped.is_none()).collect();
    let expand = d.each_minute("x.a", "x.b - 1", "g");
    w.push_cte(
        &format!("{p}slice_min"),
        format!(
            "  SELECT x.series, x.ord, g.m FROM (\n    SELECT r.series, p.ord, GREATEST(r.s, p.ca) AS a, LEAST(r.e, p.cb) AS b\n    FROM {p}runs r JOIN {p}periods p ON r.s < p.cb AND r.e > p.ca\n    WHERE r.len >= {} AND p.skipped IS NULL\n  ) x {expand}",
            a.minimum_outage_minutes()
        ),
    );
    let down = match rule.size {
        SliceSize::Minutes(n) => {
            let from = judged.iter().map(|pp| pp.count_from).min();
            let to = judged.iter().map(|pp| pp.count_to).max();
            let within = match from.zip(to) {
                Some((from, to)) => minute_of_hour(tz, from, to, "m"),
                None => "0".to_owned(),
            };
            format!(
                "  SELECT series, ord, ss, ss + {n} AS se, COUNT(*) AS n FROM (\n    SELECT series, ord, m - MOD(m + {within}, {n}) AS ss FROM {p}slice_min\n  ) x GROUP BY series, ord, ss"
            )
        }
        SliceSize::Day => {
            let days = local_days(tz, &judged)?;
            let rows = if days.is_empty() {
                "  SELECT 0 AS a, 0 AS b FROM (SELECT 1 AS one) z WHERE 1 = 0".to_owned()
            } else {
                let vals: Vec<String> = days.iter().map(|(x, y)| format!("({x}, {y})")).collect();
                format!("  SELECT a, b FROM (VALUES {}) AS v(a, b)", vals.join(", "))
            };
            w.push_cte(&format!("{p}slice_days"), rows);
            format!(
                "  SELECT s.series, s.ord, dd.a AS ss, dd.b AS se, COUNT(*) AS n\n  FROM {p}slice_min s JOIN {p}slice_days dd ON s.m >= dd.a AND s.m < dd.b\n  GROUP BY s.series, s.ord, dd.a, dd.b"
            )
        }
    };
    w.push_cte(&format!("{p}slice_down"), down);
    w.push_cte(&format!("{p}slice_bad"), format!("  SELECT * FROM {p}slice_down WHERE n > {}", rule.over_minutes));
    w.push_cte(
        &format!("{p}slice_count"),
        format!("  SELECT series, ord, COUNT(*) AS bad FROM {p}slice_bad GROUP BY series, ord"),
    );
    let no_charge = match rule.no_charge {
        true => Some(no_charge(w, p, a, rule, &judged)?),
        false => None,
    };
    Ok(Slices { count: format!("{p}slice_count"), no_charge })
}

/// `{p}nc` (series, ord, band, basis, amount): the no-charge line of each
/// ledger with bad slices.
fn no_charge(
    w: &mut Writer<'_>,
    p: &str,
    a: &Availability,
    rule: SliceRule,
    judged: &[&PlannedPeriod],
) -> Result<String, SqlError> {
    let d = w.d;
    let t = d.text();
    let tz = w.c.header.timezone;
    // The local months of the judged periods, with their minutes.
    let mut months: Vec<String> = Vec::new();
    for pp in judged {
        for m in &pp.months {
            let period =
                Period::containing(PeriodKind::Month, *m, tz).map_err(EvalError::calendar("the minutes of a month"))?;
            let row = format!(
                "({}, {}, {})",
                string(&m.to_string()),
                period.start.timestamp_millis().div_euclid(MS),
                period.end.timestamp_millis().div_euclid(MS)
            );
            if !months.contains(&row) {
                months.push(row);
            }
        }
    }
    w.push_cte(
        &format!("{p}slice_months"),
        match months.is_empty() {
            true => format!("  SELECT CAST(NULL AS {t}) AS month, 0 AS a, 0 AS b FROM (SELECT 1 AS one) z WHERE 1 = 0"),
            false => format!("  SELECT month, a, b FROM (VALUES {}) AS v(month, a, b)", months.join(", ")),
        },
    );
    let svc = string(&a.service);
    let fee = super::credits::contract_fee(w, &a.service);
    let missing = d.fail_expr(&format!(
        "'the monthly fee of ' || {svc} || CASE WHEN s.inst = '' THEN '' ELSE ' instance ' || s.inst END || ' for ' || n.month || {}",
        string(" is needed for a no-charge credit: give it in a usage file or as `fee` in the service")
    ));
    w.push_cte(
        &format!("{p}nc_month"),
        format!(
            "  SELECT n.series, n.ord, n.month, n.minutes, n.mm, n.k,\n    CASE WHEN {fee} IS NULL THEN CAST({missing} AS DECIMAL(38,10)) ELSE {fee} END AS fee\n  FROM (\n    SELECT b.series, b.ord, mo.month, SUM(b.se - b.ss) AS minutes, MAX(mo.b - mo.a) AS mm, COUNT(*) AS k\n    FROM {p}slice_bad b JOIN {p}slice_months mo ON b.ss >= mo.a AND b.ss < mo.b\n    GROUP BY b.series, b.ord, mo.month\n  ) n JOIN {p}series s ON s.series = n.series\n{}",
            super::credits::fee_rows(&a.service, "", "n.month", "s.inst"),
        ),
    );
    // fee × minutes ÷ month's minutes, in cents, halves away from zero: the
    // fee (10 decimal places) and the month's minutes scaled to integers.
    let scale = "10000000000";
    let cents = d.round_div(
        &format!("CAST(x.fee * {scale} AS DECIMAL(38,0)) * x.minutes * 100"),
        &format!("CAST(x.mm AS BIGINT) * {scale}"),
    );
    let part = format!("CAST({cents} * CAST('0.01' AS DECIMAL(38,2)) AS {MONEY})");
    let text = format!("CAST(x.minutes AS {t}) || ' of ' || CAST(x.mm AS {t}) || ' minutes of ' || x.month");
    let parts = d.join_texts("y.txt", "y.month", "; ");
    let one = string(&rule.size.text());
    let many = string(&rule.size.plural());
    w.push_cte(
        &format!("{p}nc"),
        format!(
            "  SELECT series, ord, 'no charge for ' || CAST(k AS {t}) || ' ' || CASE WHEN k = 1 THEN {one} ELSE {many} END || {} || parts || ')' AS band, basis, amount FROM (\n    SELECT y.series, y.ord, SUM(y.k) AS k, {parts} AS parts, SUM(y.fee) AS basis, SUM(y.part) AS amount FROM (\n      SELECT x.*, {text} AS txt, {part} AS part FROM {p}nc_month x\n    ) y GROUP BY y.series, y.ord\n  ) z",
            string(&format!(" down over {}min (", rule.over_minutes)),
        ),
    );
    Ok(format!("{p}nc"))
}

/// The result rows of a promise's no-charge lines: one per ledger with bad
/// slices, its credit in the credit columns (no claim window, no cap).
pub fn select(w: &Writer<'_>, i: usize, a: &Availability, ledger: &str, nc: &str) -> String {
    let d = w.d;
    let t = d.text();
    let currency = string(w.c.header.currency.as_deref().unwrap_or(""));
    format!(
        "SELECT 'no_charge' AS kind, {i} AS promise, {} AS service, CAST(NULLIF(l.inst, '') AS {t}) AS instance, l.label AS period,\n  CAST(NULL AS {t}) AS status, l.in_progress, {},\n  k.band AS credit_band, k.basis AS credit_basis_amount, k.amount AS credit_amount, FALSE AS credit_capped,\n  l.in_progress AS credit_provisional, {currency} AS credit_currency, 'no charge' AS credit_form,\n  CAST(NULL AS {t}) AS credit_claim_opens, CAST(NULL AS {t}) AS credit_claim_closes,\n  {},\n  CAST(NULL AS {t}) AS name, CAST(NULL AS DECIMAL(38,16)) AS measured, CAST(NULL AS {t}) AS measured_unit,\n  {}\nFROM {ledger} l JOIN {nc} k ON k.series = l.series AND k.ord = l.ord",
        string(&a.service),
        figures_none(t),
        no_entitlement(t),
        no_clock_in(t, &format!("CAST(l.region AS {t})"), "CAST(NULL AS BIGINT)"),
    )
}

/// The zone's offset within the hour (minutes, 0..60) at UTC minute `m`,
/// as SQL: a constant over the range in all but a few zones (India's
/// +05:30 gives 30 all year), else a `CASE` at each change.
fn minute_of_hour(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>, m: &str) -> String {
    // The zone's offsets over the range (`zone.rs`): each change is at the
    // UTC instant `local boundary − offset before`.
    let offsets = super::zone::offsets(tz, from - Duration::days(1), to + Duration::days(1));
    let within = |offset_ms: i64| (offset_ms / MS).rem_euclid(60);
    let current = within(offsets.last);
    let mut changes: Vec<(i64, i64)> = Vec::new();
    let mut after = offsets.boundaries.iter().skip(1).map(|(_, o)| *o).chain([offsets.last]);
    for &(local, before) in &offsets.boundaries {
        let next = after.next().unwrap_or(offsets.last);
        if within(before) != within(next) {
            changes.push(((local - before).div_euclid(MS), within(before)));
        }
    }
    if changes.is_empty() {
        return current.to_string();
    }
    let whens: Vec<String> = changes.iter().map(|(b, o)| format!("WHEN {m} < {b} THEN {o}")).collect();
    format!("(CASE {} ELSE {current} END)", whens.join(" "))
}

/// The local days that meet the judged periods' counting ranges, each
/// `[start, end)` in UTC minutes, as long as it is.
fn local_days(tz: Tz, judged: &[&PlannedPeriod]) -> Result<Vec<(i64, i64)>, SqlError> {
    let calendar = |e| EvalError::calendar("the local day of a slice")(e);
    let mut out: Vec<(i64, i64)> = Vec::new();
    for pp in judged {
        if pp.count_to <= pp.count_from {
            continue;
        }
        let mut date = date_of(tz, pp.count_from).map_err(calendar)?;
        let last = date_of(tz, pp.count_to - Duration::milliseconds(1)).map_err(calendar)?;
        while date <= last {
            let next = date.succ_opt().unwrap_or(date);
            let day = (
                start_of(tz, date).map_err(calendar)?.timestamp_millis().div_euclid(MS),
                start_of(tz, next).map_err(calendar)?.timestamp_millis().div_euclid(MS),
            );
            if !out.contains(&day) {
                out.push(day);
            }
            if next == date {
                break;
            }
            date = next;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    /// The offset within the hour: 0 in New York all year, 30 in Kolkata;
    /// Lord Howe Island goes from +11:00 (0) to +10:30 (30) at 2025-04-06
    /// 02:00 local = 2025-04-05T15:00Z = minute 29,064,420.
    #[test]
    fn the_offset_within_the_hour_is_a_constant_or_a_case() {
        let at = |y, mo, d| Utc.with_ymd_and_hms(y, mo, d, 0, 0, 0).single().expect("an instant");
        let (from, to) = (at(2025, 3, 1), at(2025, 5, 1));
        assert_eq!(minute_of_hour(chrono_tz::America::New_York, from, to, "m"), "0");
        assert_eq!(minute_of_hour(chrono_tz::Asia::Kolkata, from, to, "m"), "30");
        assert_eq!(
            minute_of_hour(chrono_tz::Australia::Lord_Howe, from, to, "m"),
            "(CASE WHEN m < 29064420 THEN 0 ELSE 30 END)"
        );
    }
}
