//! The report's charts, drawn from the report model only: the ratio of
//! each period against its target, the error budget burned through a
//! period, and a timeline of what was down, short or excused.

use super::svg::{Svg, scale};
use crate::report::model::{AvailabilityLedger, ClockResult, IncidentReport, Ratio};
use crate::report::status::{ClockStatus, PeriodStatus};
use crate::report::text::short_time;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

const OK: &str = "#2e7d32";
const BAD: &str = "#c62828";
const SHORT: &str = "#e0a100";
const EXCUSED: &str = "#6b7fa3";
const MAINT: &str = "#8e44ad";
const INK: &str = "#1d2430";
const MUTED: &str = "#5a6472";
const GRID: &str = "#d5dae1";

/// A row of the timeline: its name, its colour, and each interval's
/// start, end and what it was.
type Lane<'a> = (&'a str, &'a str, Vec<(String, String, String)>);

/// Parts per million of a ratio, truncated: 99.95% is 999,500.
fn ppm(r: &Ratio) -> i64 {
    if r.denominator <= 0 {
        return 0;
    }
    (i128::from(r.numerator) * 1_000_000 / i128::from(r.denominator)) as i64
}

/// A target as the report writes it (`99.95%`), in parts per million.
fn target_ppm(target: &str) -> Option<i64> {
    let d: Decimal = target.trim().trim_end_matches('%').trim().parse().ok()?;
    (d * Decimal::from(10_000)).trunc().to_i64()
}

/// The lowest percentage a ratio axis shows: the first step of a ladder
/// below everything drawn, so small differences near 100% stay visible.
fn floor_ppm(lowest: i64) -> i64 {
    const LADDER: [i64; 10] = [999_900, 999_000, 995_000, 990_000, 980_000, 950_000, 900_000, 800_000, 500_000, 0];
    LADDER.iter().copied().find(|&f| f < lowest).unwrap_or(0)
}

fn percent_label(ppm: i64) -> String {
    let d = Decimal::new(ppm, 4).normalize();
    format!("{d}%")
}

fn status_colour(s: PeriodStatus) -> &'static str {
    match s {
        PeriodStatus::Missed => BAD,
        PeriodStatus::Met => OK,
        _ => MUTED,
    }
}

/// One bar per period of one series (service, instance, region): the
/// achieved ratio (its figure above the bar) against the target line.
pub fn summary(title: &str, ledgers: &[&AvailabilityLedger]) -> Option<String> {
    let rated: Vec<(&AvailabilityLedger, i64)> =
        ledgers.iter().filter_map(|l| l.ratio.as_ref().map(|r| (*l, ppm(r)))).collect();
    // Amendments may change the target from one period to the next: each
    // bar is drawn against its own.
    let targets: Vec<Option<i64>> = ledgers.iter().map(|l| target_ppm(&l.target)).collect();
    let lowest = rated.iter().map(|(_, p)| *p).chain(targets.iter().flatten().copied()).min()?;
    let floor = floor_ppm(lowest);
    let (left, top, plot_h) = (64, 24, 180);
    let step = (760 / ledgers.len().max(1) as i64).clamp(18, 90);
    let width = left + step * ledgers.len() as i64 + 20;
    let mut svg = Svg::new(width, top + plot_h + 48, &format!("{title}: achieved availability per period"));
    let y = |p: i64| top + plot_h - scale(i128::from(p - floor), i128::from(1_000_000 - floor), plot_h);
    for tick in [floor, (floor + 1_000_000) / 2, 1_000_000] {
        svg.line((left, y(tick)), (width - 10, y(tick)), GRID, false);
        svg.text(left - 6, y(tick) + 4, "end", 11, MUTED, &percent_label(tick));
    }
    for (i, l) in ledgers.iter().enumerate() {
        let x = left + i as i64 * step + step / 6;
        let w = step * 2 / 3;
        match l.ratio.as_ref() {
            Some(r) => {
                let p = ppm(r);
                let tip =
                    format!("{} {}: {}% (target {}), {}", title, l.period, r.percent, l.target, l.status.as_str());
                svg.rect(x, y(p), w, top + plot_h - y(p), status_colour(l.status), Some(&tip));
                if step >= 44 {
                    svg.text(x + w / 2, y(p) - 4, "middle", 10, INK, &format!("{}%", r.percent));
                }
            }
            None => svg.text(x + w / 2, top + plot_h - 4, "middle", 10, MUTED, l.status.as_str()),
        }
        if step >= 44 || i % 3 == 0 {
            svg.text(x + w / 2, top + plot_h + 16, "middle", 11, INK, &l.period);
        }
        if let Some(t) = targets[i] {
            svg.line((x - step / 8, y(t)), (x + w + step / 8, y(t)), INK, true);
        }
    }
    let first = ledgers.first().map(|l| l.target.as_str()).unwrap_or_default();
    let same = ledgers.iter().all(|l| l.target == first);
    let key = if same { format!("- - target {first}") } else { "- - target of each period".to_string() };
    svg.text(width - 10, top + plot_h + 34, "end", 11, INK, &key);
    Some(svg.finish())
}

/// The first local instant of a period (`2025-03`, `2025-Q1`, `2025`) and
/// the first after it.
fn period_bounds(label: &str) -> Option<(NaiveDateTime, NaiveDateTime)> {
    let start_of = |y: i32, m: u32| NaiveDate::from_ymd_opt(y, m, 1).and_then(|d| d.and_hms_opt(0, 0, 0));
    let (year, rest) = match label.split_once('-') {
        Some((y, r)) => (y.parse::<i32>().ok()?, Some(r)),
        None => (label.parse::<i32>().ok()?, None),
    };
    let (first, months) = match rest {
        None => (1, 12),
        Some(q) if q.starts_with('Q') => (q[1..].parse::<u32>().ok()?.checked_sub(1)? * 3 + 1, 3),
        Some(m) => (m.parse::<u32>().ok()?, 1),
    };
    let start = start_of(year, first)?;
    let next = first + months;
    let end = if next > 12 { start_of(year + 1, next - 12)? } else { start_of(year, next)? };
    Some((start, end))
}

/// A report timestamp on the contract's local clock (the offset dropped:
/// the chart is drawn on local time, as the periods are).
fn local(rfc3339: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(rfc3339.get(..19)?, "%Y-%m-%dT%H:%M:%S").ok()
}

/// Hundredths of a minute, for the budget axis.
fn centi(d: Decimal) -> i64 {
    (d * Decimal::ONE_HUNDRED).round().to_i64().unwrap_or(0)
}

/// One period of one series: the budget left as the period went on
/// (the target's allowed minutes less each counted outage, ending at the
/// report's remaining minutes), and below it a timeline of counted
/// outages, runs too short to count, excused minutes, maintenance that
/// was not excused, and the service's incidents from their opening to their
/// resolution (or the report's as-of time), each with its resolution
/// deadline marked.
pub fn period(title: &str, l: &AvailabilityLedger, incidents: &[&IncidentReport], as_of: &str) -> Option<String> {
    let (start, end) = period_bounds(&l.period)?;
    let span = (end - start).num_minutes().max(1);
    let (left, width, top, plot_h) = (84i64, 540i64, 20i64, 110i64);
    let plot_w = width - left - 16;
    let lanes_top = top + plot_h + 30;
    let lane_h = 16;
    let height = lanes_top + LANES * (lane_h + 6) + 24;
    let mut svg = Svg::new(width, height, &format!("{title} {}: error budget and timeline", l.period));
    let x =
        |t: NaiveDateTime| left + scale(i128::from((t - start).num_minutes().clamp(0, span)), i128::from(span), plot_w);

    // Burn-down.
    let allowed = l.allowed_minutes.map(centi);
    if let Some(allowed) = allowed {
        let mut runs: Vec<_> = l
            .counted_runs
            .iter()
            .filter_map(|r| Some((local(&r.start)?, local(&r.end)?, r.minutes_in_period)))
            .collect();
        runs.sort();
        let remaining = l.remaining_minutes.map(centi).unwrap_or(allowed);
        let mut left_now = allowed;
        let mut lowest = remaining.min(0);
        let mut points = vec![(start, allowed)];
        for (s, e, m) in runs {
            points.push((s.max(start), left_now));
            left_now -= m * 100;
            lowest = lowest.min(left_now);
            points.push((e.min(end), left_now));
        }
        // A period in progress is drawn up to the as-of time only.
        let until = if l.in_progress { local(as_of).map_or(end, |t| t.clamp(start, end)) } else { end };
        points.push((until, left_now));
        points.push((until, remaining));
        let range = i128::from((allowed - lowest).max(1));
        let y = |v: i64| top + scale(i128::from(allowed - v), range, plot_h);
        svg.line((left, y(allowed)), (width - 16, y(allowed)), GRID, false);
        svg.line((left, y(0)), (width - 16, y(0)), INK, true);
        // The report's figure, exactly; hundredths place it only.
        let allowed_text = l.allowed_minutes.map(|d| d.normalize().to_string()).unwrap_or_default();
        svg.text(left - 6, y(allowed) + 4, "end", 11, MUTED, &allowed_text);
        svg.text(left - 6, y(0) + 4, "end", 11, MUTED, "0");
        let colour = if remaining < 0 { BAD } else { OK };
        let pts: Vec<(i64, i64)> = points.iter().map(|(t, v)| (x(*t), y(*v))).collect();
        svg.polyline(&pts, colour);
        let rest = l.remaining_minutes.map(|d| d.normalize().to_string()).unwrap_or_default();
        svg.text(x(until), y(remaining) - 6, "end", 11, colour, &format!("{rest} min left"));
        if until < end {
            svg.line((x(until), top), (x(until), top + plot_h), MUTED, true);
            svg.text(x(until) + 4, top + 10, "start", 10, MUTED, "as of");
        }
        svg.text(left, top - 6, "start", 11, MUTED, "error budget (min)");
    }

    // Timeline lanes.
    let lanes: [Lane; LANES as usize] = [
        (
            "outages",
            BAD,
            l.counted_runs
                .iter()
                .map(|r| {
                    (r.start.clone(), r.end.clone(), format!("{} min: {}", r.minutes_in_period, r.causes.join(", ")))
                })
                .collect(),
        ),
        (
            "short runs",
            SHORT,
            l.short_runs
                .iter()
                .map(|r| (r.start.clone(), r.end.clone(), format!("{} min, not counted", r.minutes)))
                .collect(),
        ),
        (
            "excused",
            EXCUSED,
            l.excused
                .iter()
                .map(|e| (e.start.clone(), e.end.clone(), format!("{} min: {}", e.minutes_in_period, e.rule)))
                .collect(),
        ),
        (
            "maintenance",
            MAINT,
            l.maintenance_not_excused
                .iter()
                .map(|m| (m.start.clone(), m.end.clone(), format!("{}: not excused, {}", m.id, m.reason)))
                .collect(),
        ),
        ("incidents", MUTED, Vec::new()),
    ];
    for (i, (name, colour, items)) in lanes.iter().enumerate() {
        let ly = lanes_top + i as i64 * (lane_h + 6);
        svg.rect(left, ly, plot_w, lane_h, "#f3f5f8", None);
        svg.text(left - 6, ly + 12, "end", 11, MUTED, name);
        for (s, e, what) in items {
            let (Some(s), Some(e)) = (local(s), local(e)) else { continue };
            let tip = format!(
                "{} to {}: {what}",
                short_time(&s.format("%Y-%m-%dT%H:%M:%S").to_string()),
                short_time(&e.format("%Y-%m-%dT%H:%M:%S").to_string())
            );
            let (xs, xe) = (x(s.max(start)), x(e.min(end)));
            svg.rect(xs, ly, (xe - xs).max(2), lane_h, colour, Some(&tip));
        }
    }
    // Incidents in the last lane: coloured by their verdict, the
    // resolution deadline as a tick.
    let ly = lanes_top + (LANES - 1) * (lane_h + 6);
    for i in incidents {
        let Some(opened) = local(&i.opened_at) else { continue };
        let res = i.resolution.as_ref();
        let stop = res.and_then(|c| c.stopped_at.as_deref()).unwrap_or(as_of);
        let Some(stop) = local(stop) else { continue };
        if stop < start || opened >= end {
            continue;
        }
        let colour = incident_colour(i);
        let (xs, xe) = (x(opened.max(start)), x(stop.min(end)));
        svg.rect(xs, ly + 3, (xe - xs).max(3), lane_h - 6, colour, Some(&incident_tip(i)));
        if let Some(deadline) = res.and_then(|c| local(&c.deadline)).filter(|d| *d >= start && *d <= end) {
            svg.line((x(deadline), ly), (x(deadline), ly + lane_h), INK, false);
        }
    }
    // Day ticks under the lanes.
    let axis = lanes_top + LANES * (lane_h + 6) + 12;
    let days = (end - start).num_days();
    let every = if days <= 31 {
        7
    } else if days <= 92 {
        14
    } else {
        61
    };
    let mut d = start;
    while d < end {
        svg.text(x(d), axis, "middle", 10, MUTED, &format!("{}-{:02}", d.month(), d.day()));
        d += chrono::Duration::days(every);
    }
    Some(svg.finish())
}

/// Rows of the timeline under the burn-down.
const LANES: i64 = 5;

/// The worst verdict of an incident's clocks: breached, running, met.
fn incident_colour(i: &IncidentReport) -> &'static str {
    let clocks = [&i.response, &i.resolution];
    let any = |s: ClockStatus| clocks.iter().any(|c| c.as_ref().is_some_and(|c| c.status == s));
    if any(ClockStatus::Breached) {
        BAD
    } else if any(ClockStatus::Open) || any(ClockStatus::Paused) {
        SHORT
    } else {
        OK
    }
}

/// `INC-1 L1: respond by 2025-03-04 14:27 met; resolve by ... breached`.
fn incident_tip(i: &IncidentReport) -> String {
    let clock = |c: &Option<ClockResult>| {
        c.as_ref().map(|c| format!("; {} by {} {}", c.kind, short_time(&c.deadline), c.status)).unwrap_or_default()
    };
    let tier = i.tier.clone().unwrap_or_else(|| "-".into());
    format!("{} {tier}, opened {}{}{}", i.id, short_time(&i.opened_at), clock(&i.response), clock(&i.resolution))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_and_targets_in_parts_per_million() {
        // 43178 / 43200 = 0.99949074...: 999,490 ppm, truncated.
        let r = Ratio { numerator: 43178, denominator: 43200, percent: "99.9490".into() };
        assert_eq!(ppm(&r), 999_490);
        assert_eq!(target_ppm("99.95%"), Some(999_500));
        assert_eq!(target_ppm("bad"), None);
        assert_eq!(floor_ppm(999_490), 999_000);
        assert_eq!(floor_ppm(1_000_000), 999_900);
        assert_eq!(floor_ppm(0), 0);
        assert_eq!(percent_label(999_500), "99.95%");
    }

    fn ledger(period: &str, num: i64, den: i64, status: PeriodStatus) -> AvailabilityLedger {
        AvailabilityLedger {
            service: "api".into(),
            period: period.into(),
            status,
            target: "99.95%".into(),
            ratio: Some(Ratio { numerator: num, denominator: den, percent: String::new() }),
            ..AvailabilityLedger::default()
        }
    }

    /// 99.95% of a 30-day month allows 21.6 minutes; one counted outage of
    /// 30 minutes leaves 21.6 - 30 = -8.4: the line ends below zero, in the
    /// colour of a miss, at the report's remaining minutes.
    #[test]
    fn the_burn_down_ends_at_the_remaining_minutes() {
        let mut l = ledger("2025-04", 43_170, 43_200, PeriodStatus::Missed);
        l.allowed_minutes = Some(Decimal::new(216, 1));
        l.remaining_minutes = Some(Decimal::new(-84, 1));
        l.counted_runs.push(crate::report::model::Run {
            start: "2025-04-16T00:00:00+08:00".into(),
            end: "2025-04-16T00:30:00+08:00".into(),
            minutes: 30,
            minutes_in_period: 30,
            causes: vec!["incident A1".into()],
        });
        let svg = period("api", &l, &[], "2025-05-01T00:00:00+08:00").unwrap_or_default();
        assert!(svg.contains(">-8.4 min left</text>"), "{svg}");
        assert!(svg.contains(">21.6</text>"), "the allowed minutes as the report gives them");
        assert!(svg.contains(&format!("stroke=\"{BAD}\" stroke-width=\"2\"")), "a miss is drawn red");
        assert!(svg.contains("<title>2025-04-16 00:00 to 2025-04-16 00:30: 30 min: incident A1</title>"));
        // The drop starts halfway through the month: April 16th 00:00 is
        // minute 21,600 of 43,200, at x = 84 + 440 / 2 = 304.
        assert!(svg.contains(" 304,"), "{svg}");
        assert!(!svg.contains(">as of</text>"), "a finished period is drawn to its end");
        // In progress at April 23rd 00:00 (minute 31,680 of 43,200: x = 84 +
        // 440 × 31680 / 43200 = 406): the line stops there, marked.
        l.in_progress = true;
        let svg = period("api", &l, &[], "2025-04-23T00:00:00+08:00").unwrap_or_default();
        assert!(svg.contains(">as of</text>") && svg.contains("x1=\"406\""), "{svg}");
    }

    /// Each bar against its own target: one dashed line per period.
    #[test]
    fn every_period_has_its_bar_and_target() {
        let (a, b) =
            (ledger("2025-01", 1, 1, PeriodStatus::Met), ledger("2025-02", 9_990, 10_000, PeriodStatus::Missed));
        let svg = summary("api", &[&a, &b]).unwrap_or_default();
        assert_eq!(svg.matches("stroke-dasharray").count(), 2, "{svg}");
        assert!(svg.contains(&format!("fill=\"{OK}\"")) && svg.contains(&format!("fill=\"{BAD}\"")));
        assert!(svg.contains(">- - target 99.95%</text>"));
    }

    #[test]
    fn periods_have_local_bounds() {
        let at = |s: &str| local(s).map(|t| t.to_string());
        let b = |l: &str| period_bounds(l).map(|(s, e)| (s.to_string(), e.to_string()));
        assert_eq!(b("2025-12"), Some(("2025-12-01 00:00:00".into(), "2026-01-01 00:00:00".into())));
        assert_eq!(b("2025-Q4"), Some(("2025-10-01 00:00:00".into(), "2026-01-01 00:00:00".into())));
        assert_eq!(b("2025"), Some(("2025-01-01 00:00:00".into(), "2026-01-01 00:00:00".into())));
        assert_eq!(b("2025-Q0"), None);
        assert_eq!(b("x"), None);
        assert_eq!(at("2025-03-10T10:00:00+08:00"), Some("2025-03-10 10:00:00".into()));
    }
}
