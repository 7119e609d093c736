//! Credit bands, caps and claim windows in SQL (semantics.md section 6),
//! and the result table's one row per ledger with its credit beside it.

use super::SqlError;
use super::availability::{Ledger, Writer};
use super::dialect::{Dialect, string};
use crate::eval::plan;
use crate::ir::{Availability, Basis, CapAmount, Credit, CreditBand, CreditForm, Percent};
use rust_decimal::Decimal;

/// Amounts owed: one type for every branch, so that no engine rounds one to
/// the scale of another (DuckDB's `CASE` over DECIMAL(38,12) and
/// DECIMAL(38,2) keeps 2 places). Fees below 10^15 with up to 10 places,
/// times a share of up to 8 places, fit.
pub const MONEY: &str = "DECIMAL(38,18)";

/// The CTEs of a credit over one promise's ledger; returns the name of the
/// CTE with one row per ledger row that earns a credit.
pub fn write(w: &mut Writer<'_>, i: usize, promise: &Availability, credit: &Credit) -> Result<String, SqlError> {
    let (c, d) = (w.c, w.d);
    let p = format!("c{i}_");
    let ledger = format!("a{i}_ledger");
    let periods = plan::periods(c, promise, &plan::Range { from: w.opts.from, to: w.opts.to, as_of: w.opts.as_of })?;
    let t = d.text();
    // The months of each period, and its claim window (business days are
    // the evaluator's: holidays and make-up days included).
    let months: Vec<String> = periods
        .iter()
        .flat_map(|pp| pp.months.iter().map(move |m| format!("({}, '{m}')", string(&pp.label))))
        .collect();
    let empty = |cols: &str| format!("  SELECT {cols} FROM svc_names WHERE 1 = 0");
    w.push_cte(
        &format!("{p}months (label, month)"),
        if months.is_empty() {
            empty(&format!("CAST(NULL AS {t}), CAST(NULL AS {t})"))
        } else {
            format!("  VALUES {}", months.join(", "))
        },
    );
    // A claim window the calendar cannot give (a holiday year no set
    // covers) stops the query only where a credit is owed, as it stops
    // `slac eval` only then.
    let mut claims = Vec::new();
    for pp in &periods {
        let opt = |s: Option<String>| s.map_or(format!("CAST(NULL AS {t})"), |s| string(&s));
        let row = match plan::claim_window(c, &w.opts.holidays, credit, &pp.months) {
            Ok((opens, closes)) => format!("{}, {}, CAST(NULL AS {t})", opt(opens), opt(closes)),
            Err(e) => format!("CAST(NULL AS {t}), CAST(NULL AS {t}), {}", string(&e.to_string())),
        };
        claims.push(format!("({}, {row})", string(&pp.label)));
    }
    w.push_cte(
        &format!("{p}claim (label, opens, closes, problem)"),
        if claims.is_empty() {
            empty(&format!("CAST(NULL AS {t}), CAST(NULL AS {t}), CAST(NULL AS {t}), CAST(NULL AS {t})"))
        } else {
            format!("  VALUES {}", claims.join(", "))
        },
    );
    let svc = string(&credit.service);
    let chosen = contract_fee(w, &credit.service);
    // `excluding vouchers, ...`: each part of the fee, from the row that
    // gives the month's fee (0 where it gives none, or the fee is the
    // contract's), summed over the period's months.
    let parts: Vec<&str> = credit.basis_excluding.iter().map(|p| p.name()).collect();
    let part_mins: String = parts.iter().map(|x| format!(", MIN({x}) AS {x}")).collect();
    let part_sums: String = parts
        .iter()
        .map(|x| {
            format!(
                ", SUM(CASE WHEN f1.fee IS NOT NULL THEN COALESCE(f1.{x}, 0) WHEN f2.fee IS NOT NULL THEN COALESCE(f2.{x}, 0) ELSE 0 END) AS x_{x}"
            )
        })
        .collect();
    w.push_cte(
        &format!("{p}fees"),
        format!(
        "  SELECT l.series, l.label, SUM({chosen}) AS basis, COUNT(*) - COUNT({chosen}) AS missing{part_sums}\n  FROM (SELECT DISTINCT series, inst, label FROM {ledger} WHERE den IS NOT NULL) l\n  JOIN {p}months m ON m.label = l.label\n{}\n  GROUP BY l.series, l.label",
        fee_rows(&credit.service, &part_mins, "m.month", "l.inst"),
    ));
    // The band that holds the exact ratio, the first written.
    let bands: Vec<String> =
        credit.bands.iter().enumerate().map(|(k, b)| format!("WHEN {} THEN {k}", band_holds(b))).collect();
    let band =
        if bands.is_empty() { "CAST(NULL AS INTEGER)".to_owned() } else { format!("CASE {} END", bands.join(" ")) };
    w.push_cte(
        &format!("{p}band"),
        format!("  SELECT l.series, l.ord, l.label, {band} AS band FROM {ledger} l WHERE l.den IS NOT NULL"),
    );
    let share = |pct: &Percent| d.decimal(&(pct.0 / Decimal::ONE_HUNDRED));
    let pct_of_band: Vec<String> =
        credit.bands.iter().enumerate().map(|(k, b)| format!("WHEN {k} THEN {}", share(&b.credit))).collect();
    let text_of_band: Vec<String> =
        credit.bands.iter().enumerate().map(|(k, b)| format!("WHEN {k} THEN {}", string(&b.text()))).collect();
    let who = format!("the monthly fee of {} for a period", credit.service);
    let fee = format!(
        "CASE WHEN f.missing > 0 THEN CAST({} AS DECIMAL(38,10)) ELSE f.basis END",
        d.fail(&format!("{who} is given by no usage row and no `fee` in the service"))
    );
    let paid = format!(
        "CASE WHEN pd.n = 0 THEN CAST({} AS DECIMAL(38,10)) ELSE pd.paid END",
        d.fail(&format!(
            "the fees paid for {} are given by no usage row's `paid` column (period,service,paid: 2025-03,{},CNY 1000.00)",
            credit.service, credit.service
        ))
    );
    let value = w.opts.contract_value.as_ref().or(c.header.value.as_ref()).map(|m| m.amount);
    // Each basis as the row's amount; one a row cannot give stops the
    // query where it is needed, as it stops `slac eval`.
    let amount_of = |b: &Basis| {
        match b {
        Basis::MonthlyFee => fee.clone(),
        Basis::FeesPaid => paid.clone(),
        Basis::Amount(m) => format!("CAST({} AS DECIMAL(38,10))", d.decimal(&m.amount)),
        Basis::ContractValue => value.map_or_else(
            || format!("CAST({} AS DECIMAL(38,10))", d.fail("the contract's value is needed for this credit: write `value CNY 100000.00` in the contract or give it with the evaluation")),
            |v| format!("CAST({} AS DECIMAL(38,10))", d.decimal(&v)),
        ),
    }
    };
    let mut basis = amount_of(credit.basis.as_ref().unwrap_or(&Basis::MonthlyFee));
    // What is left of the fee, never less than nothing.
    for x in &parts {
        basis = format!("GREATEST({basis} - f.x_{x}, CAST(0 AS DECIMAL(38,10)))");
    }
    let raw = if pct_of_band.is_empty() {
        "CAST(NULL AS DECIMAL(38,10))".to_owned()
    } else {
        format!("CAST(y.basis * CASE y.band_index {} END AS {MONEY})", pct_of_band.join(" "))
    };
    // The cap on the basis it names (the whole fee, not what `excluding`
    // leaves of it).
    let limit = match credit.cap.as_ref().map(|cap| &cap.amount) {
        Some(CapAmount::Percent { percent, of }) => format!("CAST({} * {} AS {MONEY})", amount_of(of), share(percent)),
        Some(CapAmount::Multiple { times, of }) => {
            format!("CAST({} * {} AS {MONEY})", amount_of(of), d.decimal(times))
        }
        Some(CapAmount::Fixed(m)) => format!("CAST({} AS {MONEY})", d.decimal(&m.amount)),
        None => "CAST(NULL AS DECIMAL(38,10))".to_owned(),
    };
    // The fees paid of each series and period: every row of the service
    // for the service as a whole, the instance's own for an instance.
    w.push_cte(
        &format!("{p}paid"),
        format!(
        "  SELECT l.series, l.label, SUM(u.paid) AS paid, COUNT(u.paid) AS n\n  FROM (SELECT DISTINCT series, inst, label FROM {ledger} WHERE den IS NOT NULL) l\n  JOIN {p}months m ON m.label = l.label\n  LEFT JOIN usg u ON u.period = m.month AND (u.service IS NULL OR u.service = {svc}) AND (l.inst = '' OR u.inst = l.inst) AND u.paid IS NOT NULL\n  GROUP BY l.series, l.label"
    ));
    let band_text = if text_of_band.is_empty() {
        format!("CAST(NULL AS {t})")
    } else {
        format!("CASE b.band {} END", text_of_band.join(" "))
    };
    // A minimum credit: below it (or at it, for `more than`) nothing is
    // issued.
    let owed = match &credit.minimum {
        Some(m) => format!(
            "CASE WHEN v.gross {} CAST({} AS {MONEY}) THEN v.gross ELSE CAST(0 AS {MONEY}) END",
            if m.strict { ">" } else { ">=" },
            d.decimal(&m.amount.amount)
        ),
        None => "v.gross".to_owned(),
    };
    // Inside out: the basis, then the band's share of it and the cap, then
    // the amount owed (`capped` when the cap cut it: equal is not capped).
    w.push_cte(
        &format!("{p}line"),
        format!(
        "  SELECT v.series, v.ord, v.band, v.basis, {owed} AS amount, v.capped, v.opens, v.closes FROM (\n  SELECT x.series, x.ord, x.band, x.basis,\n    CASE WHEN x.lim IS NOT NULL AND x.raw > x.lim THEN x.lim ELSE x.raw END AS gross,\n    COALESCE(x.raw > x.lim, FALSE) AS capped, x.opens, x.closes\n  FROM (\n    SELECT y.*, {raw} AS raw FROM (\n      SELECT b.series, b.ord, b.band AS band_index, {band_text} AS band, {basis} AS basis, {limit} AS lim,\n        CASE WHEN cl.problem IS NULL THEN cl.opens ELSE CAST({} AS {t}) END AS opens, cl.closes\n      FROM {p}band b JOIN {p}fees f ON f.series = b.series AND f.label = b.label\n      JOIN {p}paid pd ON pd.series = b.series AND pd.label = b.label\n      JOIN {p}claim cl ON cl.label = b.label\n      WHERE b.band IS NOT NULL\n    ) y\n  ) x\n  ) v",
        d.fail_expr("cl.problem")
    ));
    Ok(format!("{p}line"))
}

/// Credits whose clauses name the same `exclusive` group are claimed one
/// per period (`eval::credit_rules::one_claim_per_group`): the credit with
/// the largest amount owed in the period (its series summed) keeps its
/// lines, the first declared on a tie; the others' amounts are withheld
/// (0). `members` are (promise, credit, line CTE); the result maps a member's
/// line CTE to the CTE of its lines as claimed.
pub fn one_claim_per_group(
    w: &mut Writer<'_>,
    members: &[(usize, usize, String)],
) -> std::collections::HashMap<String, String> {
    let c = w.c;
    let mut out = std::collections::HashMap::new();
    let mut groups: Vec<&str> = c.credits.iter().filter_map(|k| k.exclusive.as_deref()).collect();
    groups.sort_unstable();
    groups.dedup();
    for (g, group) in groups.into_iter().enumerate() {
        let in_group: Vec<&(usize, usize, String)> =
            members.iter().filter(|(_, k, _)| c.credits[*k].exclusive.as_deref() == Some(group)).collect();
        let owed: Vec<String> = in_group
            .iter()
            .map(|(i, k, cte)| {
                format!(
                    "  SELECT {k} AS credit, p.label, SUM(l.amount) AS owed FROM {cte} l JOIN a{i}_periods p ON p.ord = l.ord GROUP BY p.label"
                )
            })
            .collect();
        if owed.is_empty() {
            continue;
        }
        w.push_cte(
            &format!("x{g}_win"),
            format!(
            "  SELECT label, credit FROM (\n    SELECT o.*, ROW_NUMBER() OVER (PARTITION BY o.label ORDER BY o.owed DESC, o.credit) AS rn FROM (\n{}\n    ) o\n  ) r WHERE r.rn = 1",
            owed.join("\n  UNION ALL\n")
        ));
        for (i, k, cte) in in_group {
            let claimed = format!("c{i}_claimed");
            w.push_cte(
                &claimed,
                format!(
                "  SELECT l.series, l.ord, l.band, l.basis,\n    CASE WHEN x.credit = {k} THEN l.amount ELSE CAST(0 AS {MONEY}) END AS amount, l.capped, l.opens, l.closes\n  FROM {cte} l JOIN a{i}_periods p ON p.ord = l.ord JOIN x{g}_win x ON x.label = p.label"
            ));
            out.insert(cte.clone(), claimed);
        }
    }
    out
}

/// `low ≤ num/den < high`, each end as the band writes it, in integers.
fn band_holds(b: &CreditBand) -> String {
    let cmp = |pct: Percent, op: &str| {
        let (pn, pd) = pct.as_fraction();
        format!("CAST(l.num AS DECIMAL(38,0)) * {pd} {op} CAST(l.den AS DECIMAL(38,0)) * {pn}")
    };
    let low = cmp(b.low, if b.low_inclusive { ">=" } else { ">" });
    let high = cmp(b.high, if b.high_inclusive { "<=" } else { "<" });
    format!("({low} AND {high})")
}

/// The result rows of one promise: its ledger, with the credit it earns.
pub fn select(w: &Writer<'_>, i: usize, ledger: &Ledger, credit: Option<&str>, no_entitlements: bool) -> String {
    let (c, d) = (w.c, w.d);
    let promise = &c.availability[i];
    let t = d.text();
    let formula = plan::formula_text(promise.formula_or_default());
    let credit_clause = c.credits.iter().find(|k| k.service == promise.service);
    let (join, cols) = match (credit, credit_clause) {
        (Some(cte), Some(k)) => (
            format!("LEFT JOIN {cte} k ON k.series = l.series AND k.ord = l.ord"),
            format!(
                "k.band AS credit_band, k.basis AS credit_basis_amount, k.amount AS credit_amount, k.capped AS credit_capped,\n  CASE WHEN k.band IS NOT NULL THEN l.in_progress END AS credit_provisional,\n  CASE WHEN k.band IS NOT NULL THEN {} END AS credit_currency,\n  CASE WHEN k.band IS NOT NULL THEN {} END AS credit_form,\n  k.opens AS credit_claim_opens, k.closes AS credit_claim_closes",
                string(c.header.currency.as_deref().unwrap_or("")),
                string(&CreditForm::text(k.form.as_ref())),
            ),
        ),
        _ => (String::new(), no_credit(t)),
    };
    let entitlement = if no_entitlements { no_entitlement(t) } else { entitlement_columns(c, promise, t) };
    // A promise's slice rule: its judged periods' bad slices, 0 or more.
    let (bad_slices, join) = match &ledger.slices {
        Some(sl) => (
            "CASE WHEN l.skipped IS NULL THEN COALESCE(sc.bad, 0) END".to_owned(),
            format!("{join}\nLEFT JOIN {} sc ON sc.series = l.series AND sc.ord = l.ord", sl.count),
        ),
        None => ("CAST(NULL AS BIGINT)".to_owned(), join),
    };
    format!(
        "SELECT 'availability' AS kind, {i} AS promise, {} AS service, CAST(NULLIF(l.inst, '') AS {t}) AS instance, l.label AS period, l.status,\n  l.in_progress, COALESCE(l.skipped, l.partial) AS partial, {} AS target, {} AS formula,\n  CASE WHEN l.skipped IS NULL THEN l.total ELSE 0 END AS total_minutes,\n  CASE WHEN l.skipped IS NULL THEN l.e ELSE 0 END AS excused_minutes,\n  CASE WHEN l.skipped IS NULL THEN l.u ELSE 0 END AS unavailable_minutes,\n  l.num AS ratio_numerator, l.den AS ratio_denominator, l.percent AS ratio_percent,\n  CAST(l.allowed AS DECIMAL(38,10)) AS allowed_minutes, CAST(l.allowed AS DECIMAL(38,10)) - CASE WHEN l.skipped IS NULL THEN l.u ELSE 0 END AS remaining_minutes,\n  CASE WHEN l.skipped IS NULL THEN l.counted ELSE 0 END AS counted_runs,\n  CASE WHEN l.skipped IS NULL THEN l.short ELSE 0 END AS short_run_minutes,\n  CAST(NULL AS BIGINT) AS objects_total, CAST(NULL AS BIGINT) AS objects_lost, CAST(NULL AS {t}) AS note,\n  {cols},\n  {entitlement},\n  {},\n  {}\nFROM {} l {join}",
        string(&promise.service),
        string(&promise.target.to_string()),
        string(formula),
        no_objective(t),
        super::clocks::no_clock_in(t, &format!("CAST(l.region AS {t})"), &bad_slices),
        ledger.cte,
    )
}

/// The fee of a month, once [`fee_rows`] are joined: the instance's usage
/// row, else the service's row without an instance, else the contract's
/// `fee` (`eval::compensation::Amounts::monthly_fee`); NULL when none.
pub fn contract_fee(w: &Writer<'_>, service: &str) -> String {
    let fee =
        w.c.service(service)
            .and_then(|s| s.monthly_fee.as_ref())
            .map_or("CAST(NULL AS DECIMAL(38,10))".to_owned(), |m| w.d.decimal(&m.amount));
    format!("COALESCE(f1.fee, f2.fee, {fee})")
}

/// The usage rows that give a service's fee for `month` (a `YYYY-MM`
/// expression): `f1` the instance's (`inst`), `f2` the service's without
/// an instance, each with `extra` columns of the row beside the fee.
pub fn fee_rows(service: &str, extra: &str, month: &str, inst: &str) -> String {
    let svc = string(service);
    format!(
        "  LEFT JOIN (SELECT period, inst, MIN(fee) AS fee{extra} FROM usg WHERE (service IS NULL OR service = {svc}) AND inst IS NOT NULL AND fee IS NOT NULL GROUP BY period, inst) f1\n    ON f1.period = {month} AND f1.inst = {inst}\n  LEFT JOIN (SELECT period, MIN(fee) AS fee{extra} FROM usg WHERE (service IS NULL OR service = {svc}) AND inst IS NULL AND fee IS NOT NULL GROUP BY period) f2\n    ON f2.period = {month}"
    )
}

/// An entitlement in a missed period: one per counted outage touching it
/// (`eval::compensation::entitlements`), with what each earns.
fn entitlement_columns(c: &crate::ir::Contract, promise: &Availability, t: &str) -> String {
    let Some(en) = c.entitlements.iter().find(|e| e.service == promise.service) else {
        return no_entitlement(t);
    };
    let options: Vec<String> = en
        .options
        .iter()
        .map(|o| {
            let what = o.description.clone().unwrap_or_else(|| o.id.clone());
            format!("{what} ({} month{})", o.months, if o.months == 1 { "" } else { "s" })
        })
        .collect();
    let when = |e: &str| format!("CASE WHEN l.status = 'missed' THEN {e} END");
    format!(
        "{} AS entitlement_outages, {} AS entitlement_options, {} AS entitlement_cash, {} AS entitlement_provisional",
        when("l.counted"),
        when(&string(&options.join("; "))),
        when(if en.cash { "TRUE" } else { "FALSE" }),
        when("l.in_progress"),
    )
}

pub fn no_entitlement(t: &str) -> String {
    format!(
        "CAST(NULL AS BIGINT) AS entitlement_outages, CAST(NULL AS {t}) AS entitlement_options, CAST(NULL AS BOOLEAN) AS entitlement_cash, CAST(NULL AS BOOLEAN) AS entitlement_provisional"
    )
}

/// The objective columns of a row that is no objective's (`name` is also
/// a liability cap's id).
pub fn no_objective(t: &str) -> String {
    format!("CAST(NULL AS {t}) AS name, CAST(NULL AS DECIMAL(38,16)) AS measured, CAST(NULL AS {t}) AS measured_unit")
}

pub fn no_credit(t: &str) -> String {
    format!(
        "CAST(NULL AS {t}) AS credit_band, CAST(NULL AS DECIMAL(38,10)) AS credit_basis_amount, CAST(NULL AS DECIMAL(38,10)) AS credit_amount, CAST(NULL AS BOOLEAN) AS credit_capped,\n  CAST(NULL AS BOOLEAN) AS credit_provisional, CAST(NULL AS {t}) AS credit_currency, CAST(NULL AS {t}) AS credit_form,\n  CAST(NULL AS {t}) AS credit_claim_opens, CAST(NULL AS {t}) AS credit_claim_closes"
    )
}

/// A result table without rows, for a contract with no availability
/// promise (its columns as always).
pub fn empty_select(d: Dialect) -> String {
    let t = d.text();
    format!(
        "SELECT CAST(NULL AS {t}) AS kind, CAST(NULL AS INTEGER) AS promise, CAST(NULL AS {t}) AS service, CAST(NULL AS {t}) AS instance, CAST(NULL AS {t}) AS period, CAST(NULL AS {t}) AS status,\n  CAST(NULL AS BOOLEAN) AS in_progress, CAST(NULL AS {t}) AS partial, CAST(NULL AS {t}) AS target, CAST(NULL AS {t}) AS formula,\n  CAST(NULL AS BIGINT) AS total_minutes, CAST(NULL AS BIGINT) AS excused_minutes, CAST(NULL AS BIGINT) AS unavailable_minutes,\n  CAST(NULL AS BIGINT) AS ratio_numerator, CAST(NULL AS BIGINT) AS ratio_denominator, CAST(NULL AS {t}) AS ratio_percent,\n  CAST(NULL AS DECIMAL(38,10)) AS allowed_minutes, CAST(NULL AS DECIMAL(38,10)) AS remaining_minutes,\n  CAST(NULL AS BIGINT) AS counted_runs, CAST(NULL AS BIGINT) AS short_run_minutes,\n  CAST(NULL AS BIGINT) AS objects_total, CAST(NULL AS BIGINT) AS objects_lost, CAST(NULL AS {t}) AS note,\n  {},\n  {},\n  {},\n  {}\nFROM (SELECT 1 AS one) z WHERE 1 = 0",
        no_credit(t),
        no_entitlement(t),
        no_objective(t),
        super::clocks::no_clock(t)
    )
}
