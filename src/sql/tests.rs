//! The SQL's refusals and its shape; what it computes is compared with
//! `slac eval` on DuckDB by `.ci/sql.sh` (tests/sql/), field by field.

use super::*;
use crate::driver::compile_source;
use chrono::TimeZone;

/// One instance-measured service with every availability rule the SQL
/// computes: a ratio minute rule, a minimum outage, exclusions by cause,
/// planned work inside a window with notice, credit bands with a cap and a
/// claim window on business days; durability, an objective, a liability cap.
const SMALL: &str = r#"contract "sql-small" {
  timezone "Asia/Shanghai"
  currency CNY
  service vm "Cloud VM" { measured per instance }
  availability vm {
    target  99.95%
    period  month
    partial skipped
    minute  down when success below 90%
    minimum outage 5min
    formula available / (available + unavailable)
  }
  durability vm {
    target 99.9999999% per month
  }
  objective api_latency <= 2s
  liability direct_loss "direct loss" {
    cap CNY 5000.00
  }
  maintenance {
    window second_sunday = 2nd sun of month 02:00-06:00
    planned notice 72h inside window second_sunday
  }
  exclusions {
    planned_maintenance when announced 72h before inside window second_sunday
    force_majeure "不可抗力"
  }
  credit vm {
    basis monthly_fee
    band  [99%, 99.95%) => 10%
    band  [0%, 99%)     => 30%
    cap   50% of monthly_fee
    form  voucher
    claim opens 5th business day of next period, closes 2 months after period
  }
}
"#;

fn checked(text: &str) -> crate::ir::CheckedContract {
    let compilation = compile_source("c.sla", text);
    match compilation.checked() {
        Ok(c) => c,
        Err(c) => panic!("does not compile: {:?}", c.diags),
    }
}

fn options(dialect: Dialect, leave_out: Vec<LeaveOut>) -> SqlOptions {
    SqlOptions {
        dialect,
        from: YearMonth { year: 2025, month: 2 },
        to: YearMonth { year: 2025, month: 3 },
        as_of: Utc.with_ymd_and_hms(2025, 3, 20, 4, 0, 0).single().expect("an instant"),
        tables: Tables::default(),
        holidays: builtin_holidays(),
        leave_out,
        contract_value: None,
        stages: StageMode::default_for(dialect),
    }
}

fn builtin_holidays() -> HashMap<String, Arc<HolidayTable>> {
    let c = checked(SMALL);
    crate::inputs::load_holidays(c.contract(), c.sources(), &[], &crate::inputs::Disk).expect("cn is built in")
}

#[test]
fn the_sql_of_a_small_contract_in_each_dialect() {
    let c = checked(SMALL);
    for d in [Dialect::Duckdb, Dialect::Spark, Dialect::Trino] {
        let sql = emit(&c, &options(d, Vec::new())).expect("compiles");
        insta::assert_snapshot!(format!("small_{}", d.name()), sql);
    }
}

#[test]
fn the_sql_bakes_in_the_evaluators_periods_and_claim_windows() {
    let c = checked(SMALL);
    let sql = emit(&c, &options(Dialect::Duckdb, Vec::new())).expect("compiles");
    // February 2025 in Shanghai: 28 × 1440 = 40320 minutes, from
    // 2025-01-31T16:00Z: 1,735,689,600 s (2025-01-01Z) + 30 d 16 h
    // (2,649,600 s) = 1,738,339,200 s = minute 28,972,320.
    assert!(sql.contains("(0, '2025-02', 28972320, 29012640, 40320, FALSE"), "{sql}");
    // March, 31 × 1440 = 44640 minutes, is in progress at as_of (the 20th).
    assert!(sql.contains("'2025-03', 29012640, 29057280, 44640, TRUE"), "{sql}");
    // The 5th business day of March 2025 (Mon 3 .. Fri 7) opens February's
    // claim; it closes on the last day of April.
    assert!(sql.contains("('2025-02', '2025-03-07', '2025-04-30', CAST(NULL AS VARCHAR))"), "{sql}");
    // The second Sunday of March 2025 is the 9th: 02:00-06:00 local is
    // 2025-03-08T18:00Z: 1,740,787,200 s (03-01Z) + 7 d 18 h (669,600 s)
    // = minute 29,024,280, and 240 minutes on.
    assert!(sql.contains("(29024280, 29024520)"), "{sql}");
    // April's 5th business day: 清明 (Friday the 4th) is a holiday, so
    // Tue 1, Wed 2, Thu 3, Mon 7, Tue 8.
    assert!(sql.contains("('2025-03', '2025-04-08', '2025-05-31', CAST(NULL AS VARCHAR))"), "{sql}");
}

#[test]
fn an_unsupported_clause_is_an_error_at_its_span() {
    let tier = "  tier P1 \"紧急\" {\n    respond within 2 business days\n    pause when status \"waiting on customer\"\n  }\n";
    let text = SMALL.replace("  service vm", &format!("{tier}  service vm"));
    let c = checked(&text);
    let Err(SqlError::Unsupported(diags, parts)) = emit(&c, &options(Dialect::Duckdb, Vec::new())) else {
        panic!("a pause is refused");
    };
    assert_eq!(parts, vec![LeaveOut::Tiers]);
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    assert_eq!(d.code, "slac::sql::unsupported");
    assert_eq!(
        d.message,
        "the SQL cannot compute clock pauses (they need the incidents' status history) in tier `P1` yet"
    );
    let (start, end) = (d.span.start as usize, d.span.end as usize);
    assert!(text[start..end].starts_with("pause"), "the span is the clause: {}", &text[start..end]);
    assert!(d.help.as_deref().unwrap_or_default().contains("with tiers left out"));
    // Left out on request, the rest compiles and the SQL says so.
    let sql = emit(&c, &options(Dialect::Duckdb, vec![LeaveOut::Tiers])).expect("compiles without the tier");
    assert!(sql.contains("-- left out on request: tiers"));
    assert!(!sql.contains("clk_open"), "no clock is computed");
}

#[test]
fn what_a_tier_needs_beyond_its_rows_is_refused_by_name() {
    let cases = [
        ("    pause when status \"waiting on customer\"\n", "clock pauses"),
        ("    update every 1h while open\n", "an update cadence"),
    ];
    for (clause, named) in cases {
        let tier = format!("  tier P1 \"紧急\" {{\n    respond within 15min\n{clause}  }}\n");
        let text = SMALL.replace("  service vm", &format!("{tier}  service vm"));
        let c = checked(&text);
        let Err(SqlError::Unsupported(diags, parts)) = emit(&c, &options(Dialect::Duckdb, Vec::new())) else {
            panic!("`{}` is refused", clause.trim());
        };
        assert_eq!(parts, vec![LeaveOut::Tiers]);
        assert!(diags.iter().any(|d| d.message.contains(named)), "{named}: {diags:?}");
    }
}

/// A tier on office hours with China's holidays, escalation and a penalty.
const DESK: &str = "  calendar office = mon-fri 09:00-18:00 except holidays cn\n  tier P1 \"紧急\" labels \"1\" {\n    respond within 30min\n    resolve within 4h\n    clock office\n  }\n  escalation {\n    at 80% \"warn\"\n  }\n  penalty late {\n    applies to all tiers\n    deduct 0.5% of CNY 10000.00 per started hour over resolution\n    cap CNY 200.00\n  }\n";

#[test]
fn tier_clocks_count_the_evaluators_open_time() {
    let text = SMALL.replace("  service vm", &format!("{DESK}  service vm"));
    let c = checked(&text);
    let sql = emit(&c, &options(Dialect::Duckdb, Vec::new())).expect("a tier on office hours compiles");
    // The range opens on Sat 2025-02-01 in Shanghai, inside the Spring
    // Festival break (01-28..02-04). The first open hours are Wed 02-05
    // 09:00-18:00 local = 01:00Z-10:00Z: 1,738,368,000 s (02-01Z) + 4 d
    // 1 h = 1,738,717,200, and 9 h (32,400 s) later 1,738,749,600; no
    // open time before it; the next opens Thu 09:00, a day later.
    assert!(sql.contains("(0, 1738717200, 1738749600, 1738803600, 0, FALSE)"), "{sql}");
    // Sat 02-08 is a make-up working day: open 09:00-18:00 after Wed, Thu
    // and Fri (3 × 32,400 = 97,200 s before it); Mon 02-10 opens next.
    assert!(sql.contains("(0, 1738976400, 1739008800, 1739149200, 97200, FALSE)"), "{sql}");
    // A label's tier, exactly or ignoring case; the threshold in integers
    // (80% = 80/100); the penalty's hourly amount, 0.5% of CNY 10000.00.
    assert!(sql.contains("tier_exact (label, tier) AS (\n  VALUES ('1', 0), ('P1', 0), ('紧急', 0)"), "{sql}");
    assert!(sql.contains("CAST(x.used AS DECIMAL(38,0)) * 100 >= CAST(x.lim AS DECIMAL(38,0)) * 80 THEN '80% warn'"));
    assert!(sql.contains("CAST(CAST('50.000' AS DECIMAL(38,3)) AS DECIMAL(38,18)) AS per_hour"), "{sql}");
}

/// Outages by duration compile: milliseconds from the records' instants,
/// cut at as_of (2025-03-20T04:00Z = 1,742,443,200,000 ms), excusing
/// intervals, events and their running sums, and U in parts rounded up.
#[test]
fn outages_by_duration_are_measured_in_milliseconds() {
    let text = SMALL.replacen("    minimum outage 5min\n", "    outages by duration over 60s\n", 1);
    let sql = emit(&checked(&text), &options(Dialect::Duckdb, Vec::new())).expect("compiles");
    assert!(sql.contains("a0_outages AS ("), "{sql}");
    assert!(sql.contains("LEAST(r.end_ms, 1742443200000) AS b"), "{sql}");
    assert!(sql.contains("o.e - o.s > 60000 THEN"), "{sql}");
    assert!(sql.contains("SUM(dx) OVER (PARTITION BY series ORDER BY t"), "{sql}");
}

/// `per region` compiles: a series per region the rows name, each seeing
/// its own incident and probe rows and those of incidents naming none; the
/// result names the region. Measured per instance, a region's series are
/// the instances its own rows name.
#[test]
fn per_region_makes_a_series_per_region() {
    let text = SMALL.replacen(" { measured per instance }", "", 1).replacen(
        "    minimum outage 5min\n",
        "    minimum outage 5min\n    per region\n",
        1,
    );
    let sql = emit(&checked(&text), &options(Dialect::Duckdb, Vec::new())).expect("compiles");
    assert!(sql.contains("a0_cells AS ("), "{sql}");
    assert!(sql.contains("(s.rkey = '' OR r.region IS NULL OR LOWER(r.region) = s.rkey)"), "{sql}");
    assert!(sql.contains("(s.rkey = '' OR r.region = s.rkey)"), "{sql}");
    assert!(sql.contains("CAST(l.region AS VARCHAR) AS region"), "{sql}");
    assert!(sql.contains("probes(instance, ok, region, service, total, ts, up)"), "{sql}");
    let per_instance = SMALL.replacen("    minimum outage 5min\n", "    minimum outage 5min\n    per region\n", 1);
    let sql = emit(&checked(&per_instance), &options(Dialect::Duckdb, Vec::new())).expect("compiles");
    assert!(sql.contains("c.rkey || CHR(31) || n.inst AS series"), "{sql}");
    assert!(sql.contains("JOIN a0_cellsx c ON (c.rkey = '' OR x.rk IS NULL OR x.rk = c.rkey)"), "{sql}");
}

/// An amended contract: each version's stages apart (`v0_`, `v1_`), each
/// period's rows from the version in force on its first day: February 2025
/// from the original, March from the amendment effective 2025-03-01.
#[test]
fn an_amended_contract_takes_each_row_from_its_version() {
    let body = SMALL.trim_end().strip_suffix('}').expect("a contract block");
    let amendment = "  amendment \"a1\" effective 2025-03-01 {\n    exclusions {\n      customer \"the customer's own doing\"\n    }\n  }\n";
    let c = checked(&format!("{body}{amendment}}}\n"));
    let sql = emit(&c, &options(Dialect::Duckdb, Vec::new())).expect("compiles");
    assert!(sql.contains("v0_a0_ledger AS (") && sql.contains("v1_a0_ledger AS ("), "{sql}");
    let original = sql.rfind("FROM v0_a0_ledger l").expect("the original's ledger rows");
    let amended = sql.rfind("FROM v1_a0_ledger l").expect("the amendment's ledger rows");
    assert!(sql[original..amended].contains("WHERE b.period IN ('2024-02'"), "{sql}");
    assert!(!sql[original..amended].contains("'2025-03'"), "{sql}");
    assert!(sql[amended..].contains("'2025-03'"), "{sql}");
}

/// Slices compile: the counted minutes put in clock hours by the zone's
/// offset within the hour (Shanghai: 0), bad over 6, and a no-charge line
/// in cents, halves away from zero.
#[test]
fn slices_are_counted_on_the_local_clock() {
    let text = SMALL.replacen(
        "    minimum outage 5min\n",
        "    minimum outage 5min\n    slice clock hour down over 6min no charge\n",
        1,
    );
    let sql = emit(&checked(&text), &options(Dialect::Duckdb, Vec::new())).expect("compiles");
    assert!(sql.contains("m - MOD(m + 0, 60) AS ss"), "{sql}");
    assert!(sql.contains("a0_slice_down WHERE n > 6"), "{sql}");
    assert!(sql.contains("'no charge' AS credit_form"), "{sql}");
    assert!(sql.contains("// CAST(2 * (CAST(x.mm AS BIGINT) * 10000000000) AS HUGEINT)"), "{sql}");
}

#[test]
fn every_availability_rule_the_sql_lacks_is_refused_by_name() {
    let cases = [
        ("    formula available / (available + unavailable)\n", "    total minutes days purchased\n", "total minutes"),
        ("    minimum outage 5min\n", "", "outages by duration of a set"),
    ];
    for (anchor, clause, named) in cases {
        // An empty clause replaces the anchor by `outages by duration` of
        // a set judged by its instances (`minimum outage` would conflict).
        let text = match clause {
            "" => SMALL
                .replacen(anchor, "    outages by duration over 60s\n    set down when any instance is down\n", 1)
                .replacen(" { measured per instance }", "", 1),
            _ => SMALL.replacen(anchor, &format!("{anchor}{clause}"), 1),
        };
        let c = checked(&text);
        let Err(SqlError::Unsupported(diags, parts)) = emit(&c, &options(Dialect::Duckdb, Vec::new())) else {
            panic!("`{}` is refused", clause.trim());
        };
        assert!(parts.is_empty(), "nothing to leave out: {parts:?}");
        assert!(diags.iter().any(|d| d.message.contains(named)), "{named}: {diags:?}");
        // Nothing can leave an availability rule out: the help says to
        // evaluate with slac eval.
        assert!(diags.iter().all(|d| d.help.as_deref().unwrap_or_default().contains("slac eval")));
    }
}

#[test]
fn a_range_reversed_is_the_evaluators_error() {
    let c = checked(SMALL);
    let mut o = options(Dialect::Duckdb, Vec::new());
    o.to = YearMonth { year: 2025, month: 1 };
    assert!(matches!(emit(&c, &o), Err(SqlError::Eval(EvalError::RangeReversed { .. }))));
}

#[test]
fn a_claim_window_the_calendar_cannot_give_stops_the_query_only_where_a_credit_is_owed() {
    let c = checked(SMALL);
    let mut o = options(Dialect::Duckdb, Vec::new());
    (o.from, o.to) = (YearMonth { year: 2040, month: 1 }, YearMonth { year: 2040, month: 1 });
    o.as_of = Utc.with_ymd_and_hms(2040, 2, 1, 0, 0, 0).single().expect("an instant");
    // `slac eval` needs the claim window (5th business day of February
    // 2040, on `cn`) only for a credit owed: the SQL compiles, and the
    // query fails with the evaluator's words where a band applies.
    let sql = emit(&c, &o).expect("compiles");
    assert!(sql.contains("holiday set `cn` does not cover 2040"), "{sql}");
    assert!(sql.contains("CASE WHEN cl.problem IS NULL THEN cl.opens ELSE CAST(error(cl.problem) AS VARCHAR) END"));
}
