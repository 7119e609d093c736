//! The tiers' calendars as tables, for the tier clocks in SQL (`clocks.rs`).
//!
//! Open time is counted through `F(x)`: the calendar's open seconds before
//! instant `x`. The evaluator's own calendar (`eval::plan::open_time`) gives
//! each calendar's open intervals over the range, and slac writes them with
//! the open time before each (`clk_open`), so `F(x)` is one range join, the
//! time a clock used is `F(until) − F(start)`, and an open-time deadline is
//! where `F` reaches `F(start) + limit`. Its dates (`clk_day`) carry what the
//! business-day rules need: the instants each owns, its wall-clock midnight
//! and UTC offsets (so a wall time of day on another date is an instant by
//! `local_time`'s rules), its first opening and last closing, and the number
//! of business days up to it. A `24x7` tier with no rule and no cut-off
//! needs neither table: `F(x) = x`.

use super::SqlError;
use super::availability::Writer;
use super::dialect::string;
use crate::eval::plan::{self, Reach};
use crate::ir::{ClockRef, Contract, LimitRule, Tier};

/// The next opening after a calendar's last interval, and "no change of
/// offset" in a day: far enough that no instant reaches it
/// (9999-12-31T23:59:59Z).
pub const FAR: i64 = 253_402_300_799;

/// Does the tier's clock need the tables: a calendar, one chosen by region,
/// or `24x7` with a deadline rule or a cut-off (which need its dates)?
fn needs_table(t: &Tier) -> bool {
    matches!(t.clock_or_default(), ClockRef::Calendar(_))
        || t.clock_by.is_some()
        || t.cutoff.is_some()
        || rules(t).next().is_some()
}

/// The clocks a tier may run on: its own, or each its region map names.
fn clocks_of(t: &Tier) -> Vec<ClockRef> {
    match &t.clock_by {
        Some(by) => by
            .calendars
            .iter()
            .map(|c| if c.calendar == "24x7" { ClockRef::Always } else { ClockRef::Calendar(c.calendar.clone()) })
            .collect(),
        None => vec![t.clock_or_default()],
    }
}

/// The tier's limits that a rule sets (`2 business days`, `by 16:00`).
pub fn rules(t: &Tier) -> impl Iterator<Item = LimitRule> + '_ {
    let overridden = t.overrides.iter().flat_map(|o| [o.response, o.resolution]);
    [t.response, t.resolution].into_iter().chain(overridden).flatten().map(|l| l.rule).filter(|r| !r.is_open_time())
}

/// The clocks that need tables, in order of first use.
pub fn calendars(c: &Contract) -> Vec<ClockRef> {
    let mut out: Vec<ClockRef> = Vec::new();
    for clock in c.tiers.iter().filter(|t| needs_table(t)).flat_map(clocks_of) {
        if !out.contains(&clock) {
            out.push(clock);
        }
    }
    out
}

fn index(calendars: &[ClockRef], clock: &ClockRef) -> i64 {
    calendars.iter().position(|c| c == clock).map_or(-1, |i| i as i64)
}

/// The index of a tier's clock among `calendars` for incident row `i` (by
/// its region where the tier's clock follows it), and whether it is `24x7`;
/// `-1`: `24x7` counted without tables. A region the map does not name
/// stops the query, as the row stops `slac eval`.
pub fn cal_of(d: super::Dialect, calendars: &[ClockRef], t: &Tier) -> (String, String) {
    let Some(by) = &t.clock_by else {
        let clock = t.clock_or_default();
        let cal = if needs_table(t) { index(calendars, &clock) } else { -1 };
        return (cal.to_string(), (clock == ClockRef::Always).to_string().to_uppercase());
    };
    let (mut cals, mut always) = (Vec::new(), Vec::new());
    for (choice, clock) in by.calendars.iter().zip(clocks_of(t)) {
        let value = string(&choice.value.trim().to_lowercase());
        cals.push(format!("WHEN {value} THEN {}", index(calendars, &clock)));
        always.push(format!("WHEN {value} THEN {}", (clock == ClockRef::Always).to_string().to_uppercase()));
    }
    let known: Vec<String> = by.calendars.iter().map(|c| format!("\"{}\"", c.value)).collect();
    let fail = d.fail_expr(&format!(
        "'incident ' || COALESCE(i.id, '?') || ': ' || COALESCE(i.region, 'no region') || {}",
        string(&format!(" has no calendar; the tier's clock knows {}", known.join(", ")))
    ));
    let region = "LOWER(TRIM(i.region))";
    (
        format!("CASE {region} {} ELSE CAST({fail} AS BIGINT) END", cals.join(" ")),
        format!("CASE {region} {} ELSE FALSE END", always.join(" ")),
    )
}

/// How far past as_of a calendar's tables must reach: the longest open-time
/// limit of its tiers, and business days for the furthest rule (one more
/// for a same-day time already past, one for a cut-off).
fn reach(c: &Contract, calendars: &[ClockRef], k: usize) -> Reach {
    let mut r = Reach::default();
    for t in c.tiers.iter().filter(|t| needs_table(t) && clocks_of(t).contains(&calendars[k])) {
        let overridden = t.overrides.iter().flat_map(|o| [o.response, o.resolution]);
        for l in [t.response, t.resolution].into_iter().chain(overridden).flatten() {
            let days = match l.rule {
                LimitRule::OpenTime => {
                    r.open_seconds = r.open_seconds.max(l.seconds.0);
                    0
                }
                LimitRule::BusinessDays { days } => days,
                LimitRule::ByTime { days_after, .. } => days_after.saturating_add(1),
            };
            r.business_days = r.business_days.max(days.saturating_add(u32::from(t.cutoff.is_some())));
        }
    }
    r
}

/// `clk_open (cal, a, b, next_a, cum, gone)`: each calendar's open
/// intervals `[a, b)` in Unix seconds, the start of the next (`next_a`) and
/// the open seconds before `a` (`cum`). A first row holds the time before
/// the first interval; where the calendar could not be read on, a last row
/// (`gone`) marks the time past the last date it could.
///
/// `clk_day (cal, a, b, wmid, off0, chg, off1, bd, is_bd, fo, lc)`: its
/// dates, owning `[a, b)`; `wmid` the wall-clock midnight read as UTC,
/// `off0` the UTC offset before `chg` (a change of offset inside the date,
/// else `FAR`) and `off1` after; `bd` the business days up to and including
/// it; `fo`, `lc` its first opening and last closing.
///
/// Returns what stops each calendar's count where it stops, for the error.
pub fn write(w: &mut Writer<'_>, calendars: &[ClockRef]) -> Result<Vec<String>, SqlError> {
    let c = w.c;
    let range = w.range();
    let (from, _) = plan::counting(c, &range)?;
    let (mut rows, mut days, mut gone) = (Vec::new(), Vec::new(), Vec::new());
    for (k, clock) in calendars.iter().enumerate() {
        let open = plan::open_time(c, &w.opts.holidays, clock, from, range.as_of, reach(c, calendars, k))?;
        let first = open.intervals.first().map_or(FAR, |i| i.0);
        // Typed once, so no engine infers 32 bits from the numbers.
        rows.push(format!(
            "(CAST({k} AS BIGINT), CAST({} AS BIGINT), CAST({} AS BIGINT), CAST({first} AS BIGINT), CAST(0 AS BIGINT), FALSE)",
            -FAR, -FAR
        ));
        let mut cum = 0i64;
        for (j, (a, b)) in open.intervals.iter().enumerate() {
            let next = match (open.intervals.get(j + 1), &open.stopped) {
                (Some(n), _) => n.0,
                // An instant up to the start of the date that could not be
                // read still needs only the dates before it.
                (None, Some((at, _))) => (*at + 1).max(*b),
                (None, None) => FAR,
            };
            rows.push(format!("({k}, {a}, {b}, {next}, {cum}, FALSE)"));
            cum += b - a;
        }
        if let Some((at, _)) = &open.stopped {
            let at = (*at + 1).max(open.intervals.last().map_or(at + 1, |i| i.1));
            rows.push(format!("({k}, {at}, {at}, {FAR}, {cum}, TRUE)"));
        }
        let mut business = 0;
        for d in &open.days {
            business += i64::from(d.hours.is_some());
            let (fo, lc) =
                d.hours.map_or(("NULL".to_owned(), "NULL".to_owned()), |(f, l)| (f.to_string(), l.to_string()));
            let change = if d.change == i64::MAX { FAR } else { d.change };
            let n = |v: String| if days.is_empty() { format!("CAST({v} AS BIGINT)") } else { v };
            days.push(format!(
                "({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {})",
                n(k.to_string()),
                n(d.start.to_string()),
                n(d.end.to_string()),
                n(d.wall_midnight.to_string()),
                n(d.offset_before.to_string()),
                n(change.to_string()),
                n(d.offset_after.to_string()),
                n(business.to_string()),
                if d.hours.is_some() { "TRUE" } else { "FALSE" },
                n(fo),
                n(lc),
            ));
        }
        gone.push(match &open.stopped {
            Some((_, why)) => string(why),
            None => string("a deadline more than ten years away, or a calendar that is never open"),
        });
    }
    let values = |rows: Vec<String>, empty: &str| {
        if rows.is_empty() {
            format!("  SELECT {empty} FROM svc_names WHERE 1 = 0")
        } else {
            format!("  VALUES {}", rows.join(",\n    "))
        }
    };
    w.push_cte("clk_open (cal, a, b, next_a, cum, gone)", values(rows, "0, 0, 0, 0, 0, FALSE"));
    w.push_cte(
        "clk_day (cal, a, b, wmid, off0, chg, off1, bd, is_bd, fo, lc)",
        values(days, "0, 0, 0, 0, 0, 0, 0, 0, FALSE, 0, 0"),
    );
    Ok(gone)
}

/// `F(x)` with `j` the `clk_open` row holding `x` (`r.cal < 0`: `24x7`).
pub fn open_before(x: &str, j: &str, gone: &str) -> String {
    format!(
        "CASE WHEN r.cal < 0 THEN {x} WHEN {j}.gone THEN CAST({gone} AS BIGINT) ELSE {j}.cum + LEAST(GREATEST({x} - {j}.a, 0), {j}.b - {j}.a) END"
    )
}

/// The first open instant at or after `x`, with `j` the `clk_open` row
/// holding `x`.
pub fn next_open(x: &str, j: &str, gone: &str) -> String {
    format!(
        "CASE WHEN {j}.gone THEN CAST({gone} AS BIGINT) WHEN {x} < {j}.b THEN GREATEST({x}, {j}.a) ELSE {j}.next_a END"
    )
}

/// A wall-clock time on the date of `clk_day` row `j` (seconds, read as
/// UTC) as an instant: the earlier of a time shown twice, the instant the
/// clocks resume for a time they skip (`local_time`).
pub fn resolve(wall: &str, j: &str) -> String {
    format!(
        "CASE WHEN {wall} - {j}.off0 < {j}.chg THEN {wall} - {j}.off0 WHEN {wall} - {j}.off1 >= {j}.chg THEN {wall} - {j}.off1 ELSE {j}.chg END"
    )
}

/// The wall-clock seconds since midnight of instant `x` on the date of
/// `clk_day` row `j`.
pub fn time_of_day(x: &str, j: &str) -> String {
    format!("({x} + CASE WHEN {x} < {j}.chg THEN {j}.off0 ELSE {j}.off1 END - {j}.wmid)")
}

/// An instant kept within the hours of the business day of row `j`.
pub fn within_day(x: &str, j: &str) -> String {
    format!("LEAST(GREATEST({x}, {j}.fo), {j}.lc)")
}

/// The error of calendar `cal` where its tables stop: an expression that
/// fails the query with the evaluator's words.
pub fn gone(d: super::Dialect, why: &[String], cal: &str) -> String {
    let whens: Vec<String> = why.iter().enumerate().map(|(k, m)| format!("WHEN {k} THEN {m}")).collect();
    let message = if whens.is_empty() { "'?'".to_owned() } else { format!("CASE {cal} {} END", whens.join(" ")) };
    d.fail_expr(&message)
}
