//! Tier clocks in SQL (semantics.md section 3): each judged incident's
//! response and resolution clocks against its tier's limits, on `24x7` and
//! on business calendars (`open_time.rs`: the calendars as tables), with
//! open-time limits and deadline rules (`2 business days`, `by 16:00 next
//! business day`), cut-offs, overrides, exempt causes, and the escalation
//! threshold a running clock has crossed. Penalties on these clocks are
//! `penalties.rs`'s.
//!
//! The stages, one CTE each: the judged incidents and their tier
//! (`clk_inc`); one row per clock with its limit (`clk_run`); when the clock
//! starts, a cut-off applied (`clk_start`); the open time before its start
//! and its stop (`clk_f`); its deadline (`clk_dl`); the open time allowed,
//! used, and the verdict (`clk_res`). Instants are whole seconds where the
//! calendar reads them so, milliseconds where the evaluator compares them.

use super::SqlError;
use super::availability::Writer;
use super::credits::MONEY;
use super::dialect::string;
use super::open_time;
use crate::calendar::local_time::start_of;
use crate::eval::plan;
use crate::ir::{ClockRef, Contract, Limit, LimitRule, ResolutionKind, Tier, TierClock};
use std::collections::BTreeSet;

/// The CTEs of the contract's tier clocks, ending in `clk_res` (one row per
/// judged incident and clock its tier limits); `None` for a contract
/// without tiers (it judges no incident).
pub fn write(w: &mut Writer<'_>) -> Result<Option<String>, SqlError> {
    let c = w.c;
    if c.tiers.is_empty() {
        return Ok(None);
    }
    let calendars = open_time::calendars(c);
    let why = open_time::write(w, &calendars)?;
    labels(w);
    judged(w)?;
    runs(w, &calendars)?;
    start(w, &why);
    elapsed(w, &why);
    deadline(w, &why);
    verdict(w, &why);
    Ok(Some("clk_res".to_owned()))
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
        // The names the readers match a label against (`ir::tier_label`).
        let names: BTreeSet<&str> = crate::ir::tier_label::names(t).collect();
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
            "  SELECT r.id, r.service, r.inst, r.cause, r.region, r.opened_ms, r.responded_ms, r.resolved_ms,\n    CASE WHEN x.tier IS NOT NULL THEN x.tier WHEN y.tier >= 0 THEN y.tier ELSE CAST({fail} AS INTEGER) END AS tier\n  FROM inc r LEFT JOIN tier_exact x ON x.label = r.severity LEFT JOIN tier_loose y ON y.label = LOWER(r.severity)\n  WHERE r.opened_ms >= {} AND r.opened_ms < {} AND r.opened_ms <= {}{}",
            lo.timestamp_millis(),
            hi.timestamp_millis(),
            w.as_of_ms,
            // Under amendments: only the incidents these terms judge.
            w.judged.map_or(String::new(), |(from, until)| format!(
                " AND r.opened_ms >= {from} AND r.opened_ms < {until}"
            )),
        ),
    );
    Ok(())
}

/// `clk_run`: one row per judged incident and clock its tier sets a limit
/// for: when it opened and stopped (ms; a stop after as_of is none), its
/// limit (an override's when the incident opened on one of its days) as
/// open seconds (`lim`) or a rule (`rk` 1: `rn` business days; 2: by `rat`
/// minutes past midnight, or closing time, `rn` business days on), its
/// calendar, its tier's cut-off in minutes, whether its cause exempts it.
fn runs(w: &mut Writer<'_>, calendars: &[ClockRef]) -> Result<(), SqlError> {
    let c = w.c;
    let d = w.d;
    let tz = c.header.timezone;
    let as_of = w.as_of_ms;
    let by_tier = |f: &dyn Fn(usize, &Tier) -> String| {
        let whens: Vec<String> =
            c.tiers.iter().enumerate().map(|(i, t)| format!("WHEN {i} THEN {}", f(i, t))).collect();
        format!("CASE i.tier {} END", whens.join(" "))
    };
    let clocks: Vec<(String, String)> = c.tiers.iter().map(|t| open_time::cal_of(d, calendars, t)).collect();
    let cal = by_tier(&|i, _| clocks[i].0.clone());
    let is24 = by_tier(&|i, _| clocks[i].1.clone());
    let cut = by_tier(&|_, t| t.cutoff.map_or("NULL".to_owned(), |m| m.0.to_string()));
    let mut parts = Vec::new();
    for which in [TierClock::Response, TierClock::Resolution] {
        let mut cases: [Vec<String>; 4] = Default::default();
        let mut exempt = Vec::new();
        for (i, t) in c.tiers.iter().enumerate() {
            for (k, case) in limit_cases(t, which, tz)?.into_iter().enumerate() {
                cases[k].push(format!("WHEN {i} THEN {case}"));
            }
            let causes = exempt_causes(c, t);
            if which == TierClock::Resolution && !causes.is_empty() {
                let list: Vec<String> = causes.iter().map(|s| string(s)).collect();
                exempt.push(format!("WHEN {i} THEN COALESCE(i.cause IN ({}), FALSE)", list.join(", ")));
            }
        }
        let [lim, rk, rn, rat] = cases.map(|whens| format!("CAST(CASE i.tier {} END AS BIGINT)", whens.join(" ")));
        let kind = by_tier(&|_, t| match (which, t.resolution_kind) {
            (TierClock::Response, _) => "'respond'".to_owned(),
            (TierClock::Resolution, ResolutionKind::Resolve) => "'resolve'".to_owned(),
            (TierClock::Resolution, ResolutionKind::Advise) => "'advise'".to_owned(),
        });
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
            "  SELECT i.id, i.service, i.inst, i.tier, '{}' AS which, {kind} AS kind, {cal} AS cal, {is24} AS is24, {cut} AS cut,\n    i.opened_ms, {} AS o_s, CASE WHEN {stop} <= {as_of} THEN {stop} END AS stop_ms,\n    {lim} AS lim, {rk} AS rk, {rn} AS rn, {rat} AS rat, {exempt} AS exempt\n  FROM clk_inc i",
            which_name(which),
            d.div("i.opened_ms", "1000"),
        ));
    }
    w.push_cte("clk_run", parts.join("\n  UNION ALL\n"));
    Ok(())
}

pub fn which_name(which: TierClock) -> &'static str {
    match which {
        TierClock::Response => "response",
        TierClock::Resolution => "resolution",
    }
}

/// A tier's limit for one clock by the date the incident opened, as four
/// `CASE`s (`lim`, `rk`, `rn`, `rat` of `clk_run`): the first override
/// whose dates hold it (its own limit, else the tier's), else the tier's;
/// all `NULL` where there is none.
fn limit_cases(t: &Tier, which: TierClock, tz: chrono_tz::Tz) -> Result<[String; 4], SqlError> {
    let pick = |r: Option<Limit>, s: Option<Limit>| match which {
        TierClock::Response => r,
        TierClock::Resolution => s,
    };
    let null = || "NULL".to_owned();
    let parts = |l: Option<Limit>| -> [String; 4] {
        match l.map(|l| (l, l.rule)) {
            None => [null(), null(), null(), null()],
            Some((l, LimitRule::OpenTime)) => [l.seconds.0.to_string(), "0".into(), null(), null()],
            Some((_, LimitRule::BusinessDays { days })) => [null(), "1".into(), days.to_string(), null()],
            Some((_, LimitRule::ByTime { at, days_after })) => {
                [null(), "2".into(), days_after.to_string(), at.map_or_else(null, |m| m.0.to_string())]
            }
        }
    };
    let base = pick(t.response, t.resolution);
    let mut whens: [Vec<String>; 4] = Default::default();
    for o in &t.overrides {
        let place = |e| crate::eval::EvalError::calendar(format!("tier `{}`", t.id))(e);
        let from = start_of(tz, o.from).map_err(place)?.timestamp_millis();
        let to = o.to.succ_opt().map(|d| start_of(tz, d)).transpose().map_err(place)?;
        let to = to.map_or(i64::MAX, |t| t.timestamp_millis());
        for (k, value) in parts(pick(o.response, o.resolution).or(base)).into_iter().enumerate() {
            whens[k].push(format!("WHEN i.opened_ms >= {from} AND i.opened_ms < {to} THEN {value}"));
        }
    }
    let otherwise = parts(base);
    let mut out: [String; 4] = Default::default();
    for k in 0..4 {
        out[k] = if whens[k].is_empty() {
            otherwise[k].clone()
        } else {
            format!("CASE {} ELSE {} END", whens[k].join(" "), otherwise[k])
        };
    }
    Ok(out)
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

/// `clk_start`: when each clock starts (`start_ms`): the opening, or for a
/// tier with a cut-off, when the request counts as received: on a business
/// day strictly after the cut-off time, the next business day's first
/// opening; else the first open instant at or after the opening.
fn start(w: &mut Writer<'_>, why: &[String]) {
    let d = w.d;
    let gone = open_time::gone(d, why, "r.cal");
    let tod = open_time::time_of_day("r.o_s", "od");
    let next = open_time::next_open("r.o_s", "fo", &gone);
    w.push_cte(
        "clk_start",
        format!(
            "  SELECT r.*, CASE WHEN r.cut IS NULL THEN r.opened_ms\n    WHEN od.a IS NULL THEN CAST({gone} AS BIGINT)\n    WHEN od.is_bd AND {tod} > r.cut * 60 THEN CASE WHEN nd.fo IS NULL THEN CAST({gone} AS BIGINT) ELSE nd.fo * 1000 END\n    WHEN r.is24 THEN r.opened_ms ELSE ({next}) * 1000 END AS start_ms\n  FROM clk_run r\n  LEFT JOIN clk_day od ON r.cut IS NOT NULL AND od.cal = r.cal AND r.o_s >= od.a AND r.o_s < od.b\n  LEFT JOIN clk_day nd ON r.cut IS NOT NULL AND nd.cal = r.cal AND nd.is_bd AND nd.bd = od.bd + 1\n  LEFT JOIN clk_open fo ON r.cut IS NOT NULL AND fo.cal = r.cal AND r.o_s >= fo.a AND r.o_s < fo.next_a\n  WHERE r.rk IS NOT NULL"
        ),
    );
}

/// `clk_f`: the open time before the start and before the clock stopped
/// (or as_of, never before the start), and the first open instant at or
/// after the start (`s1`), where a rule counts from.
fn elapsed(w: &mut Writer<'_>, why: &[String]) {
    let d = w.d;
    let gone = open_time::gone(d, why, "r.cal");
    let secs = |e: &str| d.div(e, "1000");
    let next = open_time::next_open("r.start_s", "fs", &gone);
    w.push_cte(
        "clk_f",
        format!(
            "  SELECT r.*, {} AS f_start, {} AS f_until,\n    CASE WHEN r.cal < 0 OR r.is24 THEN r.start_s ELSE {next} END AS s1\n  FROM (\n    SELECT q.*, {} AS start_s, {} AS until_s FROM (\n      SELECT p.*, GREATEST(COALESCE(p.stop_ms, {}), p.start_ms) AS until_ms FROM clk_start p\n    ) q\n  ) r\n  LEFT JOIN clk_open fs ON fs.cal = r.cal AND r.start_s >= fs.a AND r.start_s < fs.next_a\n  LEFT JOIN clk_open fu ON fu.cal = r.cal AND r.until_s >= fu.a AND r.until_s < fu.next_a",
            open_time::open_before("r.start_s", "fs", &gone),
            open_time::open_before("r.until_s", "fu", &gone),
            secs("q.start_ms"),
            secs("q.until_ms"),
            w.as_of_ms,
        ),
    );
}

/// `clk_dl`: each clock's deadline in seconds. Open time: the start for no
/// time at all, `start + limit` around the clock, else inside the interval
/// where `F` reaches `F(start) + limit` (a limit that runs out at closing
/// time ends there). A rule: the business day it names, counted from the
/// date of `s1` (`rn` on), at `s1`'s wall time (business days) or the
/// rule's time (closing time without one), kept within that day's hours; a
/// same-day time not after `s1` moves to the next business day.
fn deadline(w: &mut Writer<'_>, why: &[String]) {
    let d = w.d;
    let gone = open_time::gone(d, why, "r.cal");
    let on = |day: &str, wall_time: &str| {
        open_time::within_day(&open_time::resolve(&format!("({day}.wmid + {wall_time})"), day), day)
    };
    let tod = open_time::time_of_day("r.s1", "sd");
    let same = format!("CASE WHEN r.rat IS NULL THEN dd.lc ELSE {} END", on("dd", "r.rat * 60"));
    let next = format!("CASE WHEN r.rat IS NULL THEN dn.lc ELSE {} END", on("dn", "r.rat * 60"));
    w.push_cte(
        "clk_dl",
        format!(
            "  SELECT r.*, CASE\n    WHEN r.rk = 0 AND r.lim = 0 THEN r.start_s\n    WHEN r.rk = 0 AND r.cal < 0 THEN r.start_s + r.lim\n    WHEN r.rk = 0 THEN CASE WHEN fd.a IS NULL THEN CAST({gone} AS BIGINT) ELSE fd.a + (r.f_start + r.lim - fd.cum) END\n    WHEN dd.a IS NULL THEN CAST({gone} AS BIGINT)\n    WHEN r.rk = 1 THEN {}\n    WHEN {same} > r.s1 THEN {same}\n    WHEN dn.a IS NULL THEN CAST({gone} AS BIGINT)\n    ELSE {next} END AS deadline_s\n  FROM clk_f r\n  LEFT JOIN clk_open fd ON r.rk = 0 AND r.cal >= 0 AND fd.cal = r.cal AND NOT fd.gone AND fd.cum < r.f_start + r.lim AND r.f_start + r.lim <= fd.cum + (fd.b - fd.a)\n  LEFT JOIN clk_day sd ON r.rk > 0 AND sd.cal = r.cal AND r.s1 >= sd.a AND r.s1 < sd.b\n  LEFT JOIN clk_day dd ON r.rk > 0 AND dd.cal = r.cal AND dd.is_bd AND dd.bd = sd.bd + r.rn\n  LEFT JOIN clk_day dn ON r.rk = 2 AND dn.cal = r.cal AND dn.is_bd AND dn.bd = sd.bd + r.rn + 1",
            on("dd", &tod),
        ),
    );
}

/// `clk_res`: the open time used and allowed (the limit, or the open time
/// up to a rule's deadline) and whether the clock is breached: by the open
/// time used, or for a rule by its stop (or as_of) after the deadline.
fn verdict(w: &mut Writer<'_>, why: &[String]) {
    let gone = open_time::gone(w.d, why, "r.cal");
    let allowed = format!(
        "CASE WHEN r.rk = 0 THEN r.lim ELSE {} - r.f_start END",
        open_time::open_before("r.deadline_s", "fl", &gone)
    );
    w.push_cte(
        "clk_res",
        format!(
            "  SELECT x.*, CASE WHEN x.rk = 0 THEN x.used > x.lim ELSE x.until_ms > x.deadline_s * 1000 END AS breached FROM (\n    SELECT r.id, r.service, r.inst, r.tier, r.which, r.kind, r.rk, r.exempt, r.until_ms, r.deadline_s, {allowed} AS lim,\n      r.f_until - r.f_start AS used, {} AS stop_s, r.stop_ms IS NULL AS running\n    FROM clk_dl r\n    LEFT JOIN clk_open fl ON r.rk > 0 AND fl.cal = r.cal AND r.deadline_s >= fl.a AND r.deadline_s < fl.next_a\n  ) x",
            w.d.div("r.stop_ms", "1000"),
        ),
    );
}

/// The result rows of the clocks: one per judged incident and clock.
pub fn select(w: &Writer<'_>, res: &str) -> String {
    let c = w.c;
    let d = w.d;
    let t = d.text();
    let percent = {
        let scaled = d.div("CAST(x.used AS BIGINT) * 1000000", "x.lim");
        format!(
            "CASE WHEN x.lim <= 0 THEN '-' ELSE CAST({} AS {t}) || '.' || LPAD(CAST(MOD({scaled}, 10000) AS {t}), 4, '0') END",
            d.div(&scaled, "10000")
        )
    };
    format!(
        "SELECT 'clock' AS kind, CAST(NULL AS INTEGER) AS promise, x.service, x.inst AS instance, CAST(NULL AS {t}) AS period,\n  CASE WHEN x.exempt THEN 'exempt' WHEN x.breached THEN 'breached' WHEN x.running THEN 'open' ELSE 'met' END AS status,\n  x.running AS in_progress, {},\n  {},\n  {},\n  {},\n  x.id AS incident, CASE x.tier {} END AS tier, x.kind AS clock, x.lim AS limit_seconds, x.used AS business_seconds,\n  CASE WHEN x.breached AND NOT x.exempt THEN GREATEST(x.used - x.lim, 0) END AS over_seconds,\n  x.deadline_s AS deadline_epoch_s, x.stop_s AS stopped_epoch_s,\n  CASE WHEN x.running AND NOT x.exempt THEN {percent} END AS elapsed_percent,\n  CASE WHEN x.running AND NOT x.exempt THEN {} END AS escalation,\n  CAST(NULL AS BIGINT) AS penalty_hours, CAST(NULL AS {MONEY}) AS amount_before_cap, CAST(NULL AS {MONEY}) AS cap_amount,\n  CAST(NULL AS {t}) AS region, CAST(NULL AS BIGINT) AS bad_slices\nFROM {res} x",
        figures_none(t),
        super::credits::no_credit(t),
        super::credits::no_entitlement(t),
        super::credits::no_objective(t),
        tier_ids(c),
        escalation_case(c, t),
    )
}

/// `WHEN index THEN 'id'` for each tier: a row's tier by its id.
pub fn tier_ids(c: &Contract) -> String {
    let whens: Vec<String> =
        c.tiers.iter().enumerate().map(|(i, tier)| format!("WHEN {i} THEN {}", string(&tier.id))).collect();
    whens.join(" ")
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
pub fn figures_none(t: &str) -> String {
    format!(
        "CAST(NULL AS {t}) AS partial, CAST(NULL AS {t}) AS target, CAST(NULL AS {t}) AS formula,\n  CAST(NULL AS BIGINT) AS total_minutes, CAST(NULL AS BIGINT) AS excused_minutes, CAST(NULL AS BIGINT) AS unavailable_minutes,\n  CAST(NULL AS BIGINT) AS ratio_numerator, CAST(NULL AS BIGINT) AS ratio_denominator, CAST(NULL AS {t}) AS ratio_percent,\n  CAST(NULL AS DECIMAL(38,10)) AS allowed_minutes, CAST(NULL AS DECIMAL(38,10)) AS remaining_minutes,\n  CAST(NULL AS BIGINT) AS counted_runs, CAST(NULL AS BIGINT) AS short_run_minutes,\n  CAST(NULL AS BIGINT) AS objects_total, CAST(NULL AS BIGINT) AS objects_lost, CAST(NULL AS {t}) AS note"
    )
}

/// The clock columns of a row that is no clock's or penalty's, and the last
/// columns, `region` and `bad_slices`, NULL.
pub fn no_clock(t: &str) -> String {
    no_clock_in(t, &format!("CAST(NULL AS {t})"), "CAST(NULL AS BIGINT)")
}

/// [`no_clock`] with the region a ledger of a promise `per region` is for
/// and its count of bad slices.
pub fn no_clock_in(t: &str, region: &str, bad_slices: &str) -> String {
    format!(
        "CAST(NULL AS {t}) AS incident, CAST(NULL AS {t}) AS tier, CAST(NULL AS {t}) AS clock, CAST(NULL AS BIGINT) AS limit_seconds, CAST(NULL AS BIGINT) AS business_seconds,\n  CAST(NULL AS BIGINT) AS over_seconds, CAST(NULL AS BIGINT) AS deadline_epoch_s, CAST(NULL AS BIGINT) AS stopped_epoch_s,\n  CAST(NULL AS {t}) AS elapsed_percent, CAST(NULL AS {t}) AS escalation,\n  CAST(NULL AS BIGINT) AS penalty_hours, CAST(NULL AS {MONEY}) AS amount_before_cap, CAST(NULL AS {MONEY}) AS cap_amount,\n  {region} AS region, {bad_slices} AS bad_slices"
    )
}
