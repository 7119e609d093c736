//! Liability caps in SQL (semantics.md section 6): stated, with their
//! amount where the basis is known. They depend on no row, so each is one
//! constant row of the result.

use super::dialect::string;
use crate::ir::{Basis, CapAmount, Contract, LiabilityCap, Money};
use rust_decimal::Decimal;

/// The result rows of the contract's liability caps (`eval::compensation::liability`).
pub fn select(c: &Contract, caps: &[LiabilityCap], value: Option<&Money>, d: super::Dialect) -> Option<String> {
    if caps.is_empty() {
        return None;
    }
    let t = d.text();
    let value = value.or(c.header.value.as_ref()).map(|m| m.amount);
    let money = super::credits::MONEY;
    // Each basis as an amount: a constant, the fees paid summed over every
    // usage row (NULL when no row gives them), or none (the monthly fee has
    // no single value over a term).
    let basis = |b: &Basis| match b {
        Basis::ContractValue => value.map(|v| d.decimal(&v)),
        Basis::Amount(m) => Some(d.decimal(&m.amount)),
        Basis::MonthlyFee => None,
        Basis::FeesPaid => Some("(SELECT SUM(u.paid) FROM usg u WHERE u.paid IS NOT NULL)".to_owned()),
    };
    let rows: Vec<String> = caps
        .iter()
        .map(|l| {
            let (cap, amount): (String, Option<String>) = match &l.cap.amount {
                CapAmount::Percent { percent, of } => (
                    format!("{percent} of {}", of.name()),
                    basis(of).map(|b| format!("{b} * {}", d.decimal(&(percent.0 / Decimal::ONE_HUNDRED)))),
                ),
                CapAmount::Multiple { times, of } => {
                    (format!("{times}x {}", of.name()), basis(of).map(|b| format!("{b} * {}", d.decimal(times))))
                }
                CapAmount::Fixed(m) => (m.to_string(), Some(d.decimal(&m.amount))),
            };
            let amount = amount.map_or(format!("CAST(NULL AS {money})"), |a| format!("CAST({a} AS {money})"));
            let currency = format!(
                "CASE WHEN {amount} IS NOT NULL THEN {} END",
                string(c.header.currency.as_deref().unwrap_or(""))
            );
            format!(
                "SELECT 'liability' AS kind, CAST(NULL AS INTEGER) AS promise, CAST(NULL AS {t}) AS service, CAST(NULL AS {t}) AS instance, CAST(NULL AS {t}) AS period,\n  CAST(NULL AS {t}) AS status, CAST(NULL AS BOOLEAN) AS in_progress, CAST(NULL AS {t}) AS partial, {} AS target, CAST(NULL AS {t}) AS formula,\n  CAST(NULL AS BIGINT) AS total_minutes, CAST(NULL AS BIGINT) AS excused_minutes, CAST(NULL AS BIGINT) AS unavailable_minutes,\n  CAST(NULL AS BIGINT) AS ratio_numerator, CAST(NULL AS BIGINT) AS ratio_denominator, CAST(NULL AS {t}) AS ratio_percent,\n  CAST(NULL AS DECIMAL(38,10)) AS allowed_minutes, CAST(NULL AS DECIMAL(38,10)) AS remaining_minutes,\n  CAST(NULL AS BIGINT) AS counted_runs, CAST(NULL AS BIGINT) AS short_run_minutes,\n  CAST(NULL AS BIGINT) AS objects_total, CAST(NULL AS BIGINT) AS objects_lost, {} AS note,\n  CAST(NULL AS {t}) AS credit_band, CAST(NULL AS DECIMAL(38,10)) AS credit_basis_amount, {amount} AS credit_amount, CAST(NULL AS BOOLEAN) AS credit_capped,\n  CAST(NULL AS BOOLEAN) AS credit_provisional, {currency} AS credit_currency, CAST(NULL AS {t}) AS credit_form,\n  CAST(NULL AS {t}) AS credit_claim_opens, CAST(NULL AS {t}) AS credit_claim_closes,\n  {},\n  {} AS name, CAST(NULL AS DECIMAL(38,16)) AS measured, CAST(NULL AS {t}) AS measured_unit,\n  {}",
                string(&cap),
                l.description.as_deref().map_or(format!("CAST(NULL AS {t})"), string),
                super::credits::no_entitlement(t),
                string(&l.id),
                super::clocks::no_clock(t),
            )
        })
        .collect();
    Some(rows.join("\nUNION ALL\n"))
}
