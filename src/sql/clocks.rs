//! Tier clocks in SQL (semantics.md section 3): each judged incident's
//! response and resolution clocks against its tier's limits, on `24x7` and
//! on business calendars, with the escalation threshold a running clock has
//! crossed; and the per-hour penalties on those clocks (section 6).
//!
//! Open time is counted through a function `F(x)`: the open seconds of the
//! calendar before instant `x`. The evaluator's own calendar code
//! (`eval::plan::open_time`) writes each calendar's open intervals with the
//! open time before each (`clk_open`), so `F(x)` is one range join, the time
//! a clock has used is `F(until) − F(start)`, and a deadline is the instant
//! where `F` reaches `F(start) + limit`. A `24x7` clock is `F(x) = x`.
//! Instants are read to the whole second, as the calendar reads them.

use super::SqlError;
use super::availability::{Writer, floor_div};
use super::dialect::string;
use crate::calendar::local_time::start_of;
use crate::eval::plan;
use crate::ir::{
    Basis, CapAmount, ClockKind, ClockRef, Contract, HourCounting, Limit, Penalty, ResolutionKind, Tier, TierClock,
};
use rust_decimal::Decimal;
use std::collections::BTreeSet;

/// The next opening after a calendar's last interval: far enough that no
/// instant reaches it (9999-12-31T23:59:59Z).
const FAR: i64 = 253_402_300_799;

/// Amounts owed, as the credits write them.
const MONEY: &str = "DECIMAL(38,18)";

/// The CTEs of the contract's tier clocks, ending in `clk_res` (one row per
/// judged incident and clock its tier limits); `None` for a contract
/// without tiers (it judges no incident).
pub fn write(w: &mut Writer<'_>) -> Result<Option<String>, SqlError> {
    let c = w.c;
    if c.tiers.is_empty() {
        return Ok(None);
    }
    let calendars = calendars(c);
    let gone = open_time(w, &calendars)?;
    labels(w);
    judged(w)?;
    runs(w, &calendars)?;
    elapsed(w, &gone);
    Ok(Some("clk_res".to_owned()))
}

/// The business calendars the tiers run on, in order of first use; a tier
/// on `24x7` has none (`cal = -1`).
fn calendars(c: &Contract) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in &c.tiers {
        if let ClockRef::Calendar(id) = t.clock_or_default() {
            if !out.contains(&id) {
                out.push(id);
            }
        }
    }
    out
}

fn cal_of(calendars: &[String], t: &Tier) -> i64 {
    match t.clock_or_default() {
        ClockRef::Always => -1,
        ClockRef::Calendar(id) => calendars.iter().position(|c| *c == id).map_or(-1, |i| i as i64),
    }
}

/// The longest limit of any tier (or override) on a calendar, in seconds.
fn longest_limit(c: &Contract, calendars: &[String], cal: usize) -> i64 {
    let limits = |t: &Tier| {
        let own = [t.response, t.resolution];
        let overridden: Vec<Option<Limit>> = t.overrides.iter().flat_map(|o| [o.response, o.resolution]).collect();
        own.into_iter().chain(overridden).flatten().map(|l| l.seconds.0).max().unwrap_or(0)
    };
    c.tiers.iter().filter(|t| cal_of(calendars, t) == cal as i64).map(limits).max().unwrap_or(0)
}

/// `clk_open (cal, a, b, next_a, cum, gone)`: each calendar's open
/// intervals `[a, b)` in Unix seconds, the start of the next (`next_a`),
/// and the open seconds before `a` (`cum`). A first row holds the time
/// before the first interval; where the calendar could not be read on, a
/// last row (`gone`) marks the time past the last date it could. Returns
/// what stops each calendar's count there, for the error.
fn open_time(w: &mut Writer<'_>, calendars: &[String]) -> Result<Vec<String>, SqlError> {
    let c = w.c;
    let range = w.range();
    let (from, _) = plan::counting(c, &range)?;
    let mut rows = Vec::new();
    let mut gone = Vec::new();
    for (k, id) in calendars.iter().enumerate() {
        let beyond = longest_limit(c, calendars, k);
        let open = plan::open_time(c, &w.opts.holidays, &ClockRef::Calendar(id.clone()), from, range.as_of, beyond)?;
        let first = open.intervals.first().map_or(FAR, |i| i.0);
        rows.push(format!("({k}, {}, {}, {first}, 0, FALSE)", -FAR, -FAR));
        let mut cum = 0i64;
        for (j, (a, b)) in open.intervals.iter().enumerate() {
            let next = open.intervals.get(j + 1).map_or(FAR, |n| n.0);
            let next = match &open.stopped {
                Some((at, _)) if j + 1 == open.intervals.len() => (*at + 1).max(*b),
                _ => next,
            };
            rows.push(format!("({k}, {a}, {b}, {next}, {cum}, FALSE)"));
            cum += b - a;
        }
        if let Some((at, _)) = &open.stopped {
            // The date that could not be read begins at `at`; an instant
            // up to `at` itself still needs only the dates before it.
            let at = (*at + 1).max(open.intervals.last().map_or(at + 1, |i| i.1));
            rows.push(format!("({k}, {at}, {at}, {FAR}, {cum}, TRUE)"));
        }
        gone.push(gone_message(&open));
    }
    let body = if rows.is_empty() {
        "  SELECT 0, 0, 0, 0, 0, FALSE FROM svc_names WHERE 1 = 0".to_owned()
    } else {
        format!("  VALUES {}", rows.join(",\n    "))
    };
    w.push_cte("clk_open (cal, a, b, next_a, cum, gone)", body);
    Ok(gone)
}

fn gone_message(open: &plan::OpenTime) -> String {
    match &open.stopped {
        Some((_, why)) => string(why),
        None => string("a deadline more than ten years away, or a calendar that is never open"),
    }
}

/// `tier_exact (label, tier)` and `tier_loose (label, tier)`: a severity
/// label's tier by the readers' one rule (docs/inputs.md): the id, name or
/// a label exactly, else ignoring case when that finds one tier (`-1`:
/// several).
fn labels(w: &mut Writer<'_>) {
    let c = w.c;
    let mut exact = Vec::new();
    let mut loose: Vec<(String, i64)> = Vec::new();
    for (i, t) in c.tiers.iter().enumerate() {
        let names: BTreeSet<&str> =
            std::iter::once(t.id.as_str()).chain(t.name.as_deref()).chain(t.labels.iter().map(|l| l.trim())).collect();
        for n in names {
            exact.push(format!("({}, {i})", string(n)));
            let folded = n.to_lowercase();
            match loose.iter_mut().find(|(l, _)| *l == folded) {
                Some((_, tier)) if *tier != i as i64 => *tier = -1,
                Some(_) => {}
                None => loose.push((folded, i as i64)),
            }
        }
    }
    let loose: Vec<String> = loose.iter().map(|(l, t)| format!("({}, {t})", string(l))).collect();
    w.push_cte("tier_exact (label, tier)", format!("  VALUES {}", exact.join(", ")));
    w.push_cte("tier_loose (label, tier)", format!("  VALUES {}", loose.join(", ")));
}

/// `clk_inc`: the incidents the evaluation judges (opened inside the range
/// and the term, not after as_of) with their tier. A severity that names no
/// tier stops the query, as it stops `slac eval`.
fn judged(w: &mut Writer<'_>) -> Result<(), SqlError> {
    let c = w.c;
    let d = w.d;
    let (lo, hi) = plan::counting(c, &w.range())?;
    let tiers = crate::ir::describe_tiers(&c.tiers);
    let fail = d.fail_expr(&format!(
        "'incident ' || COALESCE(r.id, '?') || ': severity ' || COALESCE(r.severity, '(none)') || {}",
        string(&format!(" names no single tier; the contract's tiers and labels are {tiers}"))
    ));
    w.push_cte(
        "clk_inc",
        format!(
            "  SELECT r.id, r.service, r.inst, r.cause, r.opened_ms, r.responded_ms, r.resolved_ms,\n    CASE WHEN x.tier IS NOT NULL THEN x.tier WHEN y.tier >= 0 THEN y.tier ELSE CAST({fail} AS INTEGER) END AS tier\n  FROM inc r LEFT JOIN tier_exact x ON x.label = r.severity LEFT JOIN tier_loose y ON y.label = LOWER(r.severity)\n  WHERE r.opened_ms >= {} AND r.opened_ms < {} AND r.opened_ms <= {}",
            lo.timestamp_millis(),
            hi.timestamp_millis(),
            w.as_of_ms
        ),
    );
    Ok(())
}

/// `clk_run`: one row per judged incident and clock its tier sets a limit
/// for: where it starts and stops (seconds), its limit (an override's when
/// the incident opened in one), its calendar and whether its cause exempts
/// it.
fn runs(w: &mut Writer<'_>, calendars: &[String]) -> Result<(), SqlError> {
    let c = w.c;
    let d = w.d;
    let tz = c.header.timezone;
    let as_of = w.as_of_ms;
    let secs = |e: &str| d.div(e, "1000");
    let mut parts = Vec::new();
    for which in [TierClock::Response, TierClock::Resolution] {
        let mut limit = Vec::new();
        let mut kind = Vec::new();
        let mut exempt = Vec::new();
        for (i, t) in c.tiers.iter().enumerate() {
            limit.push(format!("WHEN {i} THEN {}", limit_case(t, which, tz)?));
            let k = match (which, t.resolution_kind) {
                (TierClock::Response, _) => "respond",
                (TierClock::Resolution, ResolutionKind::Resolve) => "resolve",
                (TierClock::Resolution, ResolutionKind::Advise) => "advise",
            };
            kind.push(format!("WHEN {i} THEN '{k}'"));
            let causes = exempt_causes(c, t);
            if which == TierClock::Resolution && !causes.is_empty() {
                let list: Vec<String> = causes.iter().map(|s| string(s)).collect();
                exempt.push(format!("WHEN {i} THEN COALESCE(i.cause IN ({}), FALSE)", list.join(", ")));
            }
        }
        let cal: Vec<String> =
            c.tiers.iter().enumerate().map(|(i, t)| format!("WHEN {i} THEN {}", cal_of(calendars, t))).collect();
        let exempt = if exempt.is_empty() {
            "FALSE".to_owned()
        } else {
            format!("CASE i.tier {} ELSE FALSE END", exempt.join(" "))
        };
        // Resolved with no response recorded: responded when resolved.
        let stop = match which {
            TierClock::Response => "COALESCE(i.responded_ms, i.resolved_ms)",
            TierClock::Resolution => "i.resolved_ms",
        };
        parts.push(format!(
            "  SELECT i.id, i.service, i.inst, i.tier, '{}' AS which, CASE i.tier {} END AS kind, CASE i.tier {} END AS cal,\n    {} AS start_s, CASE WHEN {stop} <= {as_of} THEN {} END AS stop_s,\n    CAST(CASE i.tier {} END AS BIGINT) AS lim, {exempt} AS exempt\n  FROM clk_inc i",
            which_name(which),
            kind.join(" "),
            cal.join(" "),
            secs("i.opened_ms"),
            secs(stop),
            limit.join(" "),
        ));
    }
    w.push_cte("clk_run", parts.join("\n  UNION ALL\n"));
    Ok(())
}

fn which_name(which: TierClock) -> &'static str {
    match which {
        TierClock::Response => "response",
        TierClock::Resolution => "resolution",
    }
}

/// A tier's limit for one clock in seconds, by the date the incident
/// opened: the first override whose dates hold it (its own limit, else the
/// tier's), else the tier's; `NULL` where there is none.
fn limit_case(t: &Tier, which: TierClock, tz: chrono_tz::Tz) -> Result<String, SqlError> {
    let pick = |r: Option<Limit>, s: Option<Limit>| match which {
        TierClock::Response => r,
        TierClock::Resolution => s,
    };
    let seconds = |l: Option<Limit>| l.map_or("NULL".to_owned(), |l| l.seconds.0.to_string());
    let base = pick(t.response, t.resolution);
    let mut whens = Vec::new();
    for o in &t.overrides {
        let place = |e| crate::eval::EvalError::calendar(format!("tier `{}`", t.id))(e);
        let from = start_of(tz, o.from).map_err(place)?.timestamp_millis();
        let to = o.to.succ_opt().map(|d| start_of(tz, d)).transpose().map_err(place)?;
        let to = to.map_or(i64::MAX, |t| t.timestamp_millis());
        whens.push(format!(
            "WHEN i.opened_ms >= {from} AND i.opened_ms < {to} THEN {}",
            seconds(pick(o.response, o.resolution).or(base))
        ));
    }
    Ok(if whens.is_empty() { seconds(base) } else { format!("CASE {} ELSE {} END", whens.join(" "), seconds(base)) })
}

/// The causes a tier exempts from its resolution clock: each category it
/// names, and the labels of the contract's exclusions of that category.
fn exempt_causes(c: &Contract, t: &Tier) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for cat in &t.exempt_from_resolution {
        out.insert(cat.clone());
        for e in c.exclusions.iter().filter(|e| &e.category == cat) {
            out.extend(e.labels.iter().cloned());
        }
    }
    out
}

/// `clk_f`: open time before start and before the clock stopped (or
/// as_of); `clk_res`: the time used, the deadline, and the threshold
/// crossed.
fn elapsed(w: &mut Writer<'_>, why: &[String]) {
    let d = w.d;
    let as_of_s = floor_div(w.as_of_ms, 1000);
    let gone = |cal: &str| {
        let whens: Vec<String> = why.iter().enumerate().map(|(k, m)| format!("WHEN {k} THEN {m}")).collect();
        if whens.is_empty() { "'?'".to_owned() } else { format!("CASE {cal} {} END", whens.join(" ")) }
    };
    let f = |x: &str, j: &str| {
        format!(
            "CASE WHEN r.cal < 0 THEN {x} WHEN {j}.gone THEN CAST({} AS BIGINT) ELSE {j}.cum + LEAST(GREATEST({x} - {j}.a, 0), {j}.b - {j}.a) END",
            d.fail_expr(&gone("r.cal"))
        )
    };
    w.push_cte(
        "clk_f",
        format!(
            "  SELECT r.*, {} AS f_start, {} AS f_until\n  FROM (SELECT q.*, GREATEST(COALESCE(q.stop_s, {as_of_s}), q.start_s) AS until_s FROM clk_run q WHERE q.lim IS NOT NULL) r\n  LEFT JOIN clk_open fs ON fs.cal = r.cal AND r.start_s >= fs.a AND r.start_s < fs.next_a\n  LEFT JOIN clk_open fu ON fu.cal = r.cal AND r.until_s >= fu.a AND r.until_s < fu.next_a",
            f("r.start_s", "fs"),
            f("r.until_s", "fu"),
        ),
    );
    // The deadline: `start` for no time at all, `start + limit` around the
    // clock, else inside the interval where F reaches F(start) + limit (a
    // limit that runs out at closing time ends there).
    let deadline = format!(
        "CASE WHEN r.lim = 0 THEN r.start_s WHEN r.cal < 0 THEN r.start_s + r.lim WHEN fd.a IS NULL THEN CAST({} AS BIGINT) ELSE fd.a + (r.f_start + r.lim - fd.cum) END",
        d.fail_expr(&gone("r.cal"))
    );
    w.push_cte(
        "clk_res",
        format!(
            "  SELECT r.id, r.service, r.inst, r.tier, r.which, r.kind, r.lim, r.exempt, r.f_until - r.f_start AS used,\n    r.stop_s, r.stop_s IS NULL AS running, {deadline} AS deadline_s\n  FROM clk_f r\n  LEFT JOIN clk_open fd ON fd.cal = r.cal AND r.cal >= 0 AND NOT fd.gone AND fd.cum < r.f_start + r.lim AND r.f_start + r.lim <= fd.cum + (fd.b - fd.a)"
        ),
    );
}

/// The result rows of the clocks: one per judged incident and clock.
pub fn select(w: &Writer<'_>, res: &str) -> String {
    let c = w.c;
    let d = w.d;
    let t = d.text();
    let tier_id: Vec<String> =
        c.tiers.iter().enumerate().map(|(i, tier)| format!("WHEN {i} THEN {}", string(&tier.id))).collect();
    let percent = {
        let scaled = d.div("CAST(x.used AS BIGINT) * 1000000", "x.lim");
        format!(
            "CASE WHEN x.lim <= 0 THEN '-' ELSE CAST({} AS {t}) || '.' || LPAD(CAST(MOD({scaled}, 10000) AS {t}), 4, '0') END",
            d.div(&scaled, "10000")
        )
    };
    format!(
        "SELECT 'clock' AS kind, CAST(NULL AS INTEGER) AS promise, x.service, x.inst AS instance, CAST(NULL AS {t}) AS period,\n  CASE WHEN x.exempt THEN 'exempt' WHEN x.used > x.lim THEN 'breached' WHEN x.running THEN 'open' ELSE 'met' END AS status,\n  x.running AS in_progress, {},\n  {},\n  {},\n  {},\n  x.id AS incident, CASE x.tier {} END AS tier, x.kind AS clock, x.lim AS limit_seconds, x.used AS business_seconds,\n  CASE WHEN x.used > x.lim AND NOT x.exempt THEN x.used - x.lim END AS over_seconds,\n  x.deadline_s AS deadline_epoch_s, x.stop_s AS stopped_epoch_s,\n  CASE WHEN x.running AND NOT x.exempt THEN {percent} END AS elapsed_percent,\n  CASE WHEN x.running AND NOT x.exempt THEN {} END AS escalation,\n  CAST(NULL AS BIGINT) AS penalty_hours, CAST(NULL AS {MONEY}) AS amount_before_cap, CAST(NULL AS {MONEY}) AS cap_amount\nFROM {res} x",
        figures_none(t),
        super::credits::no_credit(t),
        super::credits::no_entitlement(t),
        super::credits::no_objective(t),
        tier_id.join(" "),
        escalation_case(c, t),
    )
}

/// The highest threshold a running clock has crossed, among those that
/// watch it (`elapsed ≥ at × limit`, in integers), as the report words it.
fn escalation_case(c: &Contract, t: &str) -> String {
    let mut whens = Vec::new();
    for (i, tier) in c.tiers.iter().enumerate() {
        for which in [TierClock::Response, TierClock::Resolution] {
            let mut watch: Vec<(usize, &crate::ir::EscalationThreshold)> =
                c.escalation_for(tier, which).enumerate().collect();
            // The highest first; of equal ones, the last written (as
            // `max_by` chooses).
            watch.sort_by(|a, b| b.1.at.cmp(&a.1.at).then(b.0.cmp(&a.0)));
            let steps: Vec<String> = watch
                .iter()
                .map(|(_, th)| {
                    let (pn, pd) = th.at.as_fraction();
                    let text = match &th.action {
                        Some(action) => format!("{} {action}", th.at),
                        None => th.at.to_string(),
                    };
                    format!(
                        "WHEN x.lim > 0 AND CAST(x.used AS DECIMAL(38,0)) * {pd} >= CAST(x.lim AS DECIMAL(38,0)) * {pn} THEN {}",
                        string(&text)
                    )
                })
                .collect();
            if !steps.is_empty() {
                whens.push(format!(
                    "WHEN x.tier = {i} AND x.which = '{}' THEN CASE {} END",
                    which_name(which),
                    steps.join(" ")
                ));
            }
        }
    }
    if whens.is_empty() { format!("CAST(NULL AS {t})") } else { format!("CASE {} END", whens.join(" ")) }
}

/// The ledger figure columns of a row that is no ledger's.
fn figures_none(t: &str) -> String {
    format!(
        "CAST(NULL AS {t}) AS partial, CAST(NULL AS {t}) AS target, CAST(NULL AS {t}) AS formula,\n  CAST(NULL AS BIGINT) AS total_minutes, CAST(NULL AS BIGINT) AS excused_minutes, CAST(NULL AS BIGINT) AS unavailable_minutes,\n  CAST(NULL AS BIGINT) AS ratio_numerator, CAST(NULL AS BIGINT) AS ratio_denominator, CAST(NULL AS {t}) AS ratio_percent,\n  CAST(NULL AS DECIMAL(38,10)) AS allowed_minutes, CAST(NULL AS DECIMAL(38,10)) AS remaining_minutes,\n  CAST(NULL AS BIGINT) AS counted_runs, CAST(NULL AS BIGINT) AS short_run_minutes,\n  CAST(NULL AS BIGINT) AS objects_total, CAST(NULL AS BIGINT) AS objects_lost, CAST(NULL AS {t}) AS note"
    )
}

/// The clock columns of a row that is no clock's or penalty's.
pub fn no_clock(t: &str) -> String {
    format!(
        "CAST(NULL AS {t}) AS incident, CAST(NULL AS {t}) AS tier, CAST(NULL AS {t}) AS clock, CAST(NULL AS BIGINT) AS limit_seconds, CAST(NULL AS BIGINT) AS business_seconds,\n  CAST(NULL AS BIGINT) AS over_seconds, CAST(NULL AS BIGINT) AS deadline_epoch_s, CAST(NULL AS BIGINT) AS stopped_epoch_s,\n  CAST(NULL AS {t}) AS elapsed_percent, CAST(NULL AS {t}) AS escalation,\n  CAST(NULL AS BIGINT) AS penalty_hours, CAST(NULL AS {MONEY}) AS amount_before_cap, CAST(NULL AS {MONEY}) AS cap_amount"
    )
}

/// The result rows of one penalty: a line per clock that ran over its
/// limit by at least one counted hour, and its total with the cap.
pub fn penalty_select(w: &mut Writer<'_>, k: usize, p: &Penalty, res: &str) -> String {
    let c = w.c;
    let d = w.d;
    let t = d.text();
    let value = w.opts.contract_value.as_ref().or(c.header.value.as_ref()).map(|m| m.amount);
    let missing = "the contract's value is needed for this penalty: write `value CNY 100000.00` in the contract or give it with --contract-value";
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
    let tier_id: Vec<String> =
        c.tiers.iter().enumerate().map(|(i, tier)| format!("WHEN {i} THEN {}", string(&tier.id))).collect();
    let line = format!(
        "SELECT 'penalty' AS kind, CAST(NULL AS INTEGER) AS promise, x.service, x.inst AS instance, CAST(NULL AS {t}) AS period,\n  CAST(NULL AS {t}) AS status, x.running AS in_progress, {},\n  CAST(NULL AS {t}) AS credit_band, CAST(NULL AS DECIMAL(38,10)) AS credit_basis_amount, x.amount AS credit_amount, CAST(NULL AS BOOLEAN) AS credit_capped,\n  x.running AS credit_provisional, {currency} AS credit_currency, CAST(NULL AS {t}) AS credit_form,\n  CAST(NULL AS {t}) AS credit_claim_opens, CAST(NULL AS {t}) AS credit_claim_closes,\n  {},\n  {name} AS name, CAST(NULL AS DECIMAL(38,16)) AS measured, CAST(NULL AS {t}) AS measured_unit,\n  x.id AS incident, CASE x.tier {} END AS tier, '{clock}' AS clock, x.lim AS limit_seconds, x.used AS business_seconds,\n  x.over_s AS over_seconds, CAST(NULL AS BIGINT) AS deadline_epoch_s, CAST(NULL AS BIGINT) AS stopped_epoch_s,\n  CAST(NULL AS {t}) AS elapsed_percent, CAST(NULL AS {t}) AS escalation,\n  x.hours AS penalty_hours, CAST(NULL AS {MONEY}) AS amount_before_cap, CAST(NULL AS {MONEY}) AS cap_amount\nFROM pen{k} x",
        figures_none(t),
        super::credits::no_entitlement(t),
        tier_id.join(" "),
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
        "SELECT 'penalty_total' AS kind, CAST(NULL AS INTEGER) AS promise, CAST(NULL AS {t}) AS service, CAST(NULL AS {t}) AS instance, CAST(NULL AS {t}) AS period,\n  CAST(NULL AS {t}) AS status, CAST(NULL AS BOOLEAN) AS in_progress, {},\n  CAST(NULL AS {t}) AS credit_band, CAST(NULL AS DECIMAL(38,10)) AS credit_basis_amount, {total} AS credit_amount, CAST(NULL AS BOOLEAN) AS credit_capped,\n  CAST(NULL AS BOOLEAN) AS credit_provisional, {currency} AS credit_currency, CAST(NULL AS {t}) AS credit_form,\n  CAST(NULL AS {t}) AS credit_claim_opens, CAST(NULL AS {t}) AS credit_claim_closes,\n  {},\n  {name} AS name, CAST(NULL AS DECIMAL(38,16)) AS measured, CAST(NULL AS {t}) AS measured_unit,\n  CAST(NULL AS {t}) AS incident, CAST(NULL AS {t}) AS tier, '{clock}' AS clock, CAST(NULL AS BIGINT) AS limit_seconds, CAST(NULL AS BIGINT) AS business_seconds,\n  CAST(NULL AS BIGINT) AS over_seconds, CAST(NULL AS BIGINT) AS deadline_epoch_s, CAST(NULL AS BIGINT) AS stopped_epoch_s,\n  CAST(NULL AS {t}) AS elapsed_percent, CAST(NULL AS {t}) AS escalation,\n  CAST(NULL AS BIGINT) AS penalty_hours, {before} AS amount_before_cap, {cap_sql} AS cap_amount\nFROM pen{k} x",
        figures_none(t),
        super::credits::no_entitlement(t),
    );
    format!("{line}\nUNION ALL\n{sum}")
}
