//! Penalties on tier clocks in SQL (semantics.md section 6): for each clock
//! of the tiers a penalty applies to that used more open time than it
//! allowed (and is not exempt), the hours over (started or whole) times the
//! hourly share of the contract's value or an amount; and each penalty's
//! total with its cap. The clocks are `clocks.rs`'s `clk_res`.

use super::availability::Writer;
use super::clocks::{figures_none, tier_ids};
use super::credits::MONEY;
use super::dialect::string;
use crate::ir::{Basis, CapAmount, ClockKind, HourCounting, Penalty};
use rust_decimal::Decimal;

/// The result rows of one penalty: a line per clock that ran over its
/// limit by at least one counted hour, and its total with the cap, which
/// sums the `amount` of every row of `total_from` (an amended contract
/// totals the lines of all its versions: `versions.rs`).
pub struct PenaltyRows {
    pub lines: String,
    /// The total's columns, over `x`: the rows whose `amount` it sums.
    total: String,
    /// The stage of this penalty's lines, which the total sums by default.
    pub lines_from: String,
}

impl PenaltyRows {
    /// The total over `source`: `pen{k}`, or the lines of several versions.
    pub fn total(&self, source: &str) -> String {
        format!("{}\nFROM {source} x", self.total)
    }
}

pub fn select(w: &mut Writer<'_>, k: usize, p: &Penalty, res: &str) -> PenaltyRows {
    let c = w.c;
    let d = w.d;
    let t = d.text();
    let value = w.opts.contract_value.as_ref().or(c.header.value.as_ref()).map(|m| m.amount);
    let missing = "the contract's value is needed for this penalty: write `value CNY 100000.00` in the contract or give it with the evaluation";
    let amount_of = |b: &Basis| match b {
        Basis::Amount(m) => Some(m.amount),
        _ => value,
    };
    let literal = |x: Option<Decimal>| x.map(|v| format!("CAST({} AS {MONEY})", d.decimal(&v)));
    let per_hour = literal(amount_of(&p.of).and_then(|v| p.rate.of(v)))
        .unwrap_or_else(|| format!("CAST({} AS {MONEY})", d.fail(missing)));
    let cap = p.cap.as_ref().map(|cap| match &cap.amount {
        CapAmount::Percent { percent, of } => amount_of(of).and_then(|v| percent.of(v)),
        CapAmount::Multiple { times, of } => amount_of(of).and_then(|v| times.checked_mul(v)),
        CapAmount::Fixed(m) => Some(m.amount),
    });
    let over = "x.used - x.lim";
    let hours = match p.counting {
        HourCounting::Started => d.div(&format!("{over} + 3599"), "3600"),
        HourCounting::Whole => d.div(over, "3600"),
    };
    let clock = match p.clock {
        ClockKind::Response => "response",
        ClockKind::Resolution => "resolution",
    };
    let tiers: Vec<usize> = c
        .tiers
        .iter()
        .enumerate()
        .filter(|(_, t)| p.tiers.is_empty() || p.tiers.contains(&t.id))
        .map(|(i, _)| i)
        .collect();
    let in_tiers = if tiers.is_empty() {
        "1 = 0".to_owned()
    } else {
        format!("x.tier IN ({})", tiers.iter().map(usize::to_string).collect::<Vec<_>>().join(", "))
    };
    let name = string(&p.id);
    let currency = string(c.header.currency.as_deref().unwrap_or(""));
    w.push_cte(
        &format!("pen{k}"),
        format!(
            "  SELECT y.*, CAST(y.per_hour * y.hours AS {MONEY}) AS amount FROM (\n    SELECT x.*, {over} AS over_s, {hours} AS hours, {per_hour} AS per_hour FROM {res} x\n    WHERE x.which = '{clock}' AND NOT x.exempt AND x.used > x.lim AND {in_tiers}\n  ) y WHERE y.hours > 0"
        ),
    );
    let line = format!(
        "SELECT 'penalty' AS kind, CAST(NULL AS INTEGER) AS promise, x.service, x.inst AS instance, CAST(NULL AS {t}) AS period,\n  CAST(NULL AS {t}) AS status, x.running AS in_progress, {},\n  CAST(NULL AS {t}) AS credit_band, CAST(NULL AS DECIMAL(38,10)) AS credit_basis_amount, x.amount AS credit_amount, CAST(NULL AS BOOLEAN) AS credit_capped,\n  x.running AS credit_provisional, {currency} AS credit_currency, CAST(NULL AS {t}) AS credit_form,\n  CAST(NULL AS {t}) AS credit_claim_opens, CAST(NULL AS {t}) AS credit_claim_closes,\n  {},\n  {name} AS name, CAST(NULL AS DECIMAL(38,16)) AS measured, CAST(NULL AS {t}) AS measured_unit,\n  x.id AS incident, CASE x.tier {} END AS tier, '{clock}' AS clock, x.lim AS limit_seconds, x.used AS business_seconds,\n  x.over_s AS over_seconds, CAST(NULL AS BIGINT) AS deadline_epoch_s, CAST(NULL AS BIGINT) AS stopped_epoch_s,\n  CAST(NULL AS {t}) AS elapsed_percent, CAST(NULL AS {t}) AS escalation,\n  x.hours AS penalty_hours, CAST(NULL AS {MONEY}) AS amount_before_cap, CAST(NULL AS {MONEY}) AS cap_amount,\n  CAST(NULL AS {t}) AS region, CAST(NULL AS BIGINT) AS bad_slices\nFROM pen{k} x",
        figures_none(t),
        super::credits::no_entitlement(t),
        tier_ids(c),
    );
    // Nothing owed: the cap is stated when it can be, never required.
    let cap_sql = match cap {
        None => format!("CAST(NULL AS {MONEY})"),
        Some(Some(v)) => literal(Some(v)).unwrap_or_default(),
        Some(None) => format!("CASE WHEN COUNT(*) > 0 THEN CAST({} AS {MONEY}) END", d.fail(missing)),
    };
    let before = format!("CAST(COALESCE(SUM(x.amount), 0) AS {MONEY})");
    let total = if cap.is_some() {
        format!("CASE WHEN {cap_sql} IS NOT NULL AND {cap_sql} < {before} THEN {cap_sql} ELSE {before} END")
    } else {
        before.clone()
    };
    let sum = format!(
        "SELECT 'penalty_total' AS kind, CAST(NULL AS INTEGER) AS promise, CAST(NULL AS {t}) AS service, CAST(NULL AS {t}) AS instance, CAST(NULL AS {t}) AS period,\n  CAST(NULL AS {t}) AS status, CAST(NULL AS BOOLEAN) AS in_progress, {},\n  CAST(NULL AS {t}) AS credit_band, CAST(NULL AS DECIMAL(38,10)) AS credit_basis_amount, {total} AS credit_amount, CAST(NULL AS BOOLEAN) AS credit_capped,\n  CAST(NULL AS BOOLEAN) AS credit_provisional, {currency} AS credit_currency, CAST(NULL AS {t}) AS credit_form,\n  CAST(NULL AS {t}) AS credit_claim_opens, CAST(NULL AS {t}) AS credit_claim_closes,\n  {},\n  {name} AS name, CAST(NULL AS DECIMAL(38,16)) AS measured, CAST(NULL AS {t}) AS measured_unit,\n  CAST(NULL AS {t}) AS incident, CAST(NULL AS {t}) AS tier, '{clock}' AS clock, CAST(NULL AS BIGINT) AS limit_seconds, CAST(NULL AS BIGINT) AS business_seconds,\n  CAST(NULL AS BIGINT) AS over_seconds, CAST(NULL AS BIGINT) AS deadline_epoch_s, CAST(NULL AS BIGINT) AS stopped_epoch_s,\n  CAST(NULL AS {t}) AS elapsed_percent, CAST(NULL AS {t}) AS escalation,\n  CAST(NULL AS BIGINT) AS penalty_hours, {before} AS amount_before_cap, {cap_sql} AS cap_amount,\n  CAST(NULL AS {t}) AS region, CAST(NULL AS BIGINT) AS bad_slices",
        figures_none(t),
        super::credits::no_entitlement(t),
    );
    PenaltyRows { lines: line, total: sum, lines_from: format!("pen{k}") }
}
