//! Properties of the evaluator on generated outages, maintenance and probe
//! samples around a month boundary, checked against a per-minute model.
//!
//! The contract: 99.9% a month, formula `(T - E - U) / (T - E)`, a minute is
//! down below 90% of requests, runs count from 5 minutes, force majeure and
//! maintenance announced at least 1 h ahead are excluded. Events fall in the
//! four hours around 2025-02-01 00:00 (Asia/Shanghai), so runs cross the
//! boundary between the two evaluated months.

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;
use slac::eval::minutes::floor_minute;
use slac::eval::{Config, Inputs, ProbeGrid, YearMonth, evaluate};
use slac::events::{Impact, Incident, MaintenanceKind, MaintenanceRecord, RareFields, RowRef};
use slac::report::Report;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

const CONTRACT: &str = r#"
contract "properties" {
  timezone "Asia/Shanghai"
  currency CNY
  service api "API"
  availability api {
    target  99.9%
    period  month
    partial skipped
    minute  down when success below 90%
    missing data counts as available
    minimum outage 5min
    formula available / (available + unavailable)
  }
  exclusions {
    maintenance when announced 1h before
    force_majeure
  }
}
"#;

/// Seconds of the generated stretch: four hours.
const SPAN: i64 = 4 * 3600;
const NOTICE: i64 = 3600;
const MIN_RUN: i64 = 5;

fn contract() -> slac::driver::CheckedContract {
    slac::driver::compile_source("properties.sla", CONTRACT).checked().expect("a contract without errors")
}

/// 2025-01-31 22:00 in Shanghai.
fn base() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 1, 31, 14, 0, 0).single().expect("a valid instant")
}

fn at(offset: i64) -> DateTime<Utc> {
    base() + Duration::seconds(offset)
}

#[derive(Clone, Debug)]
struct GenIncident {
    start: i64,
    len: i64,
    outage: bool,
    force_majeure: bool,
}

#[derive(Clone, Debug)]
struct GenMaintenance {
    start: i64,
    len: i64,
    notice: i64,
    downtime: bool,
}

#[derive(Clone, Debug)]
struct GenProbe {
    minute: i64,
    ok: u64,
    total: u64,
}

#[derive(Clone, Debug)]
struct Events {
    incidents: Vec<GenIncident>,
    maintenance: Vec<GenMaintenance>,
    probes: Vec<GenProbe>,
}

fn incident() -> impl Strategy<Value = GenIncident> {
    (0..SPAN, 0..3600i64, prop::bool::weighted(0.8), prop::bool::weighted(0.2))
        .prop_map(|(start, len, outage, force_majeure)| GenIncident { start, len, outage, force_majeure })
}

fn maintenance() -> impl Strategy<Value = GenMaintenance> {
    let notice = prop::sample::select(vec![-600i64, 0, NOTICE - 1, NOTICE, 7200]);
    (0..SPAN, 0..2400i64, notice, prop::bool::weighted(0.8)).prop_map(|(start, len, notice, downtime)| GenMaintenance {
        start,
        len,
        notice,
        downtime,
    })
}

fn probe() -> impl Strategy<Value = GenProbe> {
    (0..SPAN / 60, 1..20u64).prop_flat_map(|(minute, total)| {
        (Just(minute), 0..=total, Just(total)).prop_map(|(minute, ok, total)| GenProbe { minute, ok, total })
    })
}

fn events() -> impl Strategy<Value = Events> {
    (
        prop::collection::vec(incident(), 0..8),
        prop::collection::vec(maintenance(), 0..4),
        prop::collection::vec(probe(), 0..30),
    )
        .prop_map(|(incidents, maintenance, probes)| Events { incidents, maintenance, probes })
}

fn source(file: &str, line: usize) -> RowRef {
    RowRef { file: Arc::from(file), line: Some(line as u64 + 2), pointer: None }
}

fn incident_record(i: usize, g: &GenIncident) -> Incident {
    Incident {
        id: format!("I{i}").into(),
        service: None,
        severity: None,
        opened_at: at(g.start),
        responded_at: None,
        resolved_at: Some(at(g.start + g.len)),
        impact: if g.outage { Impact::Outage } else { Impact::None },
        source: source("incidents.csv", i),
        rare: RareFields { cause: g.force_majeure.then(|| "force_majeure".into()), ..Default::default() }.boxed(),
    }
}

fn maintenance_record(i: usize, g: &GenMaintenance) -> MaintenanceRecord {
    MaintenanceRecord {
        id: format!("M{i}"),
        service: None,
        instance: None,
        kind: if i % 2 == 0 { MaintenanceKind::Planned } else { MaintenanceKind::Emergency },
        start: at(g.start),
        end: at(g.start + g.len),
        announced_at: at(g.start - g.notice),
        downtime: g.downtime,
        source: source("maintenance.csv", i),
    }
}

/// The records of some events, in a given order of each kind.
fn inputs(e: &Events, order: &Order) -> Inputs {
    let mut probes = ProbeGrid::new();
    for &k in &order.probes {
        let p = &e.probes[k];
        probes.add("api", None, floor_minute(at(p.minute * 60)), p.ok, p.total);
    }
    Inputs {
        incidents: order.incidents.iter().map(|&k| incident_record(k, &e.incidents[k])).collect(),
        maintenance: order.maintenance.iter().map(|&k| maintenance_record(k, &e.maintenance[k])).collect(),
        probes,
        has_probes: true,
        ..Inputs::default()
    }
}

#[derive(Clone, Debug)]
struct Order {
    incidents: Vec<usize>,
    maintenance: Vec<usize>,
    probes: Vec<usize>,
}

impl Order {
    fn given(e: &Events) -> Order {
        Order {
            incidents: (0..e.incidents.len()).collect(),
            maintenance: (0..e.maintenance.len()).collect(),
            probes: (0..e.probes.len()).collect(),
        }
    }
}

/// The evaluation every property runs: January and February 2025, read at
/// the end of February.
fn config() -> Config {
    Config {
        as_of: Utc.with_ymd_and_hms(2025, 2, 28, 16, 0, 0).single().expect("as_of"),
        from: Some(YearMonth { year: 2025, month: 1 }),
        to: Some(YearMonth { year: 2025, month: 2 }),
        holidays: HashMap::new(),
        contract_value: None,
        skip_bad_rows: false,
        file: "properties.sla".into(),
    }
}

fn run(e: &Events, order: &Order) -> Report {
    let cfg = config();
    evaluate(&contract(), inputs(e, order), &cfg).expect("the evaluation succeeds")
}

/// The per-minute model: each minute's state, by rules written out plainly.
struct Model {
    excused: BTreeSet<i64>,
    counted: BTreeSet<i64>,
    short: BTreeSet<i64>,
    exclusion: BTreeSet<i64>,
}

fn touched(start: DateTime<Utc>, end: DateTime<Utc>) -> Vec<i64> {
    if end <= start {
        return Vec::new();
    }
    let first = start.timestamp().div_euclid(60);
    let last = (end.timestamp() + 59).div_euclid(60);
    (first..last).collect()
}

fn model(e: &Events) -> Model {
    let mut down = BTreeSet::new();
    let mut exclusion = BTreeSet::new();
    for g in &e.incidents {
        let minutes = touched(at(g.start), at(g.start + g.len));
        if g.outage {
            down.extend(minutes.iter().copied());
        }
        if g.force_majeure {
            exclusion.extend(minutes);
        }
    }
    for g in &e.maintenance {
        let minutes = touched(at(g.start), at(g.start + g.len));
        if g.downtime {
            down.extend(minutes.iter().copied());
        }
        if g.notice >= NOTICE {
            exclusion.extend(minutes);
        }
    }
    let mut cells: HashMap<i64, (u64, u64)> = HashMap::new();
    for p in &e.probes {
        let c = cells.entry(floor_minute(at(p.minute * 60))).or_default();
        c.0 += p.ok;
        c.1 += p.total;
    }
    down.extend(cells.iter().filter(|(_, (ok, total))| *total > 0 && ok * 10 < 9 * total).map(|(m, _)| *m));
    let excused: BTreeSet<i64> = down.intersection(&exclusion).copied().collect();
    let unexcused: Vec<i64> = down.difference(&exclusion).copied().collect();
    let (mut counted, mut short) = (BTreeSet::new(), BTreeSet::new());
    let mut run: Vec<i64> = Vec::new();
    for m in unexcused.into_iter().chain([i64::MAX]) {
        if run.last().is_some_and(|last| m != last + 1) {
            let target = if run.len() as i64 >= MIN_RUN { &mut counted } else { &mut short };
            target.extend(run.drain(..));
        }
        run.push(m);
    }
    Model { excused, counted, short, exclusion }
}

/// `[start, end)` of each evaluated month, as minutes.
fn months() -> [(&'static str, i64, i64, i64); 2] {
    let m = |y, mo| Utc.with_ymd_and_hms(y, mo, 1, 0, 0, 0).single().expect("a month") - Duration::hours(8);
    let (jan, feb, mar) = (m(2025, 1), m(2025, 2), m(2025, 3));
    [("2025-01", floor_minute(jan), floor_minute(feb), 44640), ("2025-02", floor_minute(feb), floor_minute(mar), 40320)]
}

fn count(set: &BTreeSet<i64>, a: i64, b: i64) -> i64 {
    set.range(a..b).count() as i64
}

fn ratio(r: &Report, period: &str) -> (i64, i64) {
    let l = r.availability.iter().find(|l| l.period == period).expect("a ledger");
    l.ratio.as_ref().map_or((1, 1), |x| (x.numerator, x.denominator))
}

/// 48 cases keep a debug run short; `PROPTEST_CASES=2000` searches harder.
fn cases() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(48);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(cases())]

    /// T = E + U + available, minute by minute: the report's E and U are the
    /// model's, and what is left is available (short runs included).
    #[test]
    fn the_minute_ledger_adds_up_to_the_period(e in events()) {
        let r = run(&e, &Order::given(&e));
        let m = model(&e);
        for (period, a, b, t) in months() {
            let l = r.availability.iter().find(|l| l.period == period).expect("a ledger");
            prop_assert_eq!(l.total_minutes, t);
            prop_assert_eq!(l.excused_minutes, count(&m.excused, a, b), "E of {}", period);
            prop_assert_eq!(l.unavailable_minutes, count(&m.counted, a, b), "U of {}", period);
            prop_assert_eq!(l.short_run_minutes, count(&m.short, a, b), "short of {}", period);
            let available = (a..b).filter(|x| !m.excused.contains(x) && !m.counted.contains(x)).count() as i64;
            prop_assert_eq!(l.excused_minutes + l.unavailable_minutes + available, t);
            let runs: i64 = l.counted_runs.iter().map(|x| x.minutes_in_period).sum();
            prop_assert_eq!(runs, l.unavailable_minutes);
            let ratio = l.ratio.as_ref().expect("a ratio");
            prop_assert_eq!((ratio.numerator, ratio.denominator), (available, t - l.excused_minutes));
        }
    }

    /// No excused minute is ever part of a counted run.
    #[test]
    fn excluded_minutes_never_count_as_downtime(e in events()) {
        let r = run(&e, &Order::given(&e));
        let m = model(&e);
        for l in &r.availability {
            for x in &l.counted_runs {
                let start = DateTime::parse_from_rfc3339(&x.start).expect("a timestamp").timestamp() / 60;
                for minute in start..start + x.minutes {
                    prop_assert!(!m.exclusion.contains(&minute), "minute {minute} of run {x:?} is excluded");
                }
            }
        }
    }

    /// Adding an outage never raises availability (with formula A, even
    /// where it turns excluded-but-up minutes into excused ones: T - E
    /// shrinks, and so does the ratio).
    #[test]
    fn an_added_outage_never_raises_the_ratio(e in events(), extra in incident()) {
        let before = run(&e, &Order::given(&e));
        let mut more = e.clone();
        // A plain outage: one with an excluded cause adds an exclusion too.
        more.incidents.push(GenIncident { outage: true, force_majeure: false, ..extra });
        let after = run(&more, &Order::given(&more));
        for (period, ..) in months() {
            let (n0, d0) = ratio(&before, period);
            let (n1, d1) = ratio(&after, period);
            prop_assert!(i128::from(n1) * i128::from(d0) <= i128::from(n0) * i128::from(d1),
                "{period}: {n1}/{d1} after, {n0}/{d0} before");
        }
    }

    /// The report does not depend on the order of the input rows.
    #[test]
    fn row_order_does_not_matter(
        e in events(),
        seeds in (any::<u64>(), any::<u64>(), any::<u64>()),
    ) {
        let given = Order::given(&e);
        let mut shuffled = given.clone();
        shuffle(&mut shuffled.incidents, seeds.0);
        shuffle(&mut shuffled.maintenance, seeds.1);
        shuffle(&mut shuffled.probes, seeds.2);
        let (ra, rb) = (run(&e, &given), run(&e, &shuffled));
        prop_assert_eq!(slac::report::json(&ra), slac::report::json(&rb));
        // The page with charts, drawn from the same report, is the same too.
        prop_assert_eq!(slac::report::html::render(&ra), slac::report::html::render(&rb));
    }
}

/// A Fisher-Yates shuffle driven by a small xorshift generator.
fn shuffle(v: &mut [usize], seed: u64) {
    let mut state = seed | 1;
    for i in (1..v.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        v.swap(i, (state % (i as u64 + 1)) as usize);
    }
}

/// `CONTRACT` with an amendment that restates its own clauses, effective on
/// `date`.
fn restated(date: &str) -> slac::driver::CheckedContract {
    let amendment = format!(
        r#"  amendment "same" effective {date} {{
    availability api {{
      target  99.9%
      period  month
      partial skipped
      minute  down when success below 90%
      missing data counts as available
      minimum outage 5min
      formula available / (available + unavailable)
    }}
    exclusions {{
      maintenance when announced 1h before
      force_majeure
    }}
  }}
}}
"#
    );
    let end = CONTRACT.rfind('}').expect("the contract's closing brace");
    let text = format!("{}{amendment}", &CONTRACT[..end]);
    slac::driver::compile_source("restated.sla", &text).checked().expect("a contract without errors")
}

/// The report as JSON without the `terms` it names.
fn without_terms(r: &Report) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                m.remove("terms");
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(r).expect("a report serialises");
    strip(&mut v);
    v
}

proptest! {
    #![proptest_config(cases())]

    /// An amendment that restates the contract's clauses changes nothing
    /// but the names of the terms, wherever its date falls (mid-month, on a
    /// month's first day, inside the generated outages).
    #[test]
    fn an_amendment_restating_the_clauses_changes_nothing(
        e in events(),
        date in prop::sample::select(vec!["2025-01-15", "2025-02-01", "2025-01-31", "2025-02-20"]),
    ) {
        let plain = run(&e, &Order::given(&e));
        let amended = evaluate(&restated(date), inputs(&e, &Order::given(&e)), &config()).expect("the evaluation succeeds");
        prop_assert!(amended.availability.iter().all(|l| l.terms.is_some()));
        prop_assert_eq!(without_terms(&plain), without_terms(&amended));
    }
}
