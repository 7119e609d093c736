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
    let basis = |b: &Basis| match b {
        Basis::ContractValue => value,
        Basis::Amount(m) => Some(m.amount),
        // Refused by `unsupported.rs`: they need the usage rows.
        Basis::MonthlyFee | Basis::FeesPaid => None,
    };
    let rows: Vec<String> = caps
        .iter()
        .map(|l| {
            let (cap, amount): (String, Option<Decimal>) = match &l.cap.amount {
                CapAmount::Percent { percent, of } => {
                    (format!("{percent} of {}", of.name()), basis(of).and_then(|b| percent.of(b)))
                }
                CapAmount::Multiple { times, of } => {
                    (format!("{times}x {}", of.name()), basis(of).and_then(|b| times.checked_mul(b)))
                }
                CapAmount::Fixed(m) => (m.to_string(), Some(m.amount)),
            };
            let currency = match amount {
                Some(_) => string(c.header.currency.as_deref().unwrap_or("")),
                None => format!("CAST(NULL AS {t})"),
            };
            let amount = amount.map_or("CAST(NULL AS DECIMAL(38,18))".to_owned(), |a| {
                format!("CAST({} AS DECIMAL(38,18))", d.decimal(&a))
            });
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
