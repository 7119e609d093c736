//! `slac compile --emit sql` from the command line: what it needs, what it
//! refuses and how it names tables. What the SQL computes is compared with
//! `slac eval` on DuckDB by `.ci/sql.sh` (tests/sql/).

use crate::run::Slac;
use std::process::Output;

fn slac(args: &[&str]) -> Output {
    Slac::new(args).output()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const RANGE: [&str; 6] = ["--from", "2025-03", "--to", "2025-03", "--as-of", "2025-04-01"];

fn compile(contract: &str, extra: &[&str]) -> Output {
    let mut args = vec!["compile", contract, "--emit", "sql"];
    args.extend(RANGE);
    args.extend(extra);
    slac(&args)
}

#[test]
fn a_contract_the_sql_computes_whole_compiles_for_each_dialect() {
    for (dialect, create) in [
        ("duckdb", "CREATE OR REPLACE TABLE slac_result AS"),
        ("spark", "CREATE TABLE slac_result USING parquet AS"),
        ("trino", "CREATE TABLE slac_result AS"),
    ] {
        let out = compile("tests/eval/credit-bands/contract.sla", &["--dialect", dialect]);
        assert_eq!(out.status.code(), Some(0), "{dialect}: {}", text(&out.stderr));
        let sql = text(&out.stdout);
        assert!(sql.contains(create), "{dialect}: {sql}");
        assert!(
            sql.starts_with(&format!("-- slac: the ledgers of contract \"case-credit-bands\" in SQL for {dialect}"))
        );
        assert!(!sql.contains("DOUBLE") && !sql.contains("FLOAT"), "no floats: {dialect}");
    }
}

#[test]
fn the_range_and_as_of_are_required() {
    let out = slac(&["compile", "tests/eval/credit-bands/contract.sla", "--emit", "sql", "--to", "2025-03"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--emit sql needs --from YYYY-MM"), "{}", text(&out.stderr));
    let out = slac(&[
        "compile",
        "tests/eval/credit-bands/contract.sla",
        "--emit",
        "sql",
        "--from",
        "2025-03",
        "--to",
        "2025-03",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("needs --as-of"), "{}", text(&out.stderr));
    let out = compile("tests/eval/credit-bands/contract.sla", &["--as-of", "soon"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
}

#[test]
fn a_clause_the_sql_cannot_compute_is_refused_with_the_leave_out_that_compiles_the_rest() {
    let out = compile("tests/eval/business-days/contract.sla", &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("slac::sql::unsupported"), "{err}");
    assert!(
        err.contains("the SQL cannot compute clock pauses (they need the incidents' status history) in tier `P4`"),
        "{err}"
    );
    assert!(err.contains("help: `--leave-out tiers` compiles the rest"), "{err}");
    assert!(out.stdout.is_empty(), "no SQL is written");
    let out = compile("tests/eval/business-days/contract.sla", &["--leave-out", "tiers"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let sql = text(&out.stdout);
    assert!(sql.contains("-- left out on request: tiers"));
    assert!(!sql.contains("SELECT 'clock' AS kind"), "{sql}");
}

#[test]
fn every_shipped_contract_compiles_whole() {
    for contract in [
        "contracts/bestsign-esign-platform.sla",
        "contracts/ecommerce-cs-ops-2025.sla",
        "contracts/fadada-econtract-platform.sla",
        "contracts/guanghuanyun-aws-vap-support.sla",
        "contracts/jdcloud-baas.sla",
    ] {
        let out = compile(contract, &["--contract-value", "CNY 100000.00"]);
        assert_eq!(out.status.code(), Some(0), "{contract}: {}", text(&out.stderr));
        let sql = text(&out.stdout);
        assert!(!sql.contains("left out"), "{contract}");
    }
    // Their tier clocks, escalation and penalties are computed.
    let out = compile("contracts/ecommerce-cs-ops-2025.sla", &["--contract-value", "CNY 100000.00"]);
    let sql = text(&out.stdout);
    assert!(sql.contains("SELECT 'clock' AS kind"), "{sql}");
    assert!(sql.contains("SELECT 'penalty_total' AS kind"), "{sql}");
    assert!(sql.contains("THEN '100% 未在SLA时间内解决:甲方有权要求乙方技术总监介入'"), "{sql}");
    // bestsign's tiers exempt third-party causes from the resolution clock.
    let out = compile("contracts/bestsign-esign-platform.sla", &[]);
    assert!(text(&out.stdout).contains("WHEN 0 THEN COALESCE(i.cause IN ('third_party'), FALSE)"));
}

#[test]
fn a_contract_without_tiers_compiles_whole() {
    let out = compile("contracts/jdcloud-baas.sla", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let sql = text(&out.stdout);
    // 99.9999999% a month is 999999999 / 10^9.
    assert!(sql.contains(">= CAST(s.total AS DECIMAL(38,0)) * 999999999"), "{sql}");
    // Liability: the contract's value, when given, states the cap's amount.
    let out = compile("contracts/fadada-econtract-platform.sla", &["--contract-value", "CNY 100000.00"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // 2x the contract's value, multiplied exactly by the engine.
    assert!(text(&out.stdout).contains(
        "CAST(CAST('100000.00' AS DECIMAL(38,2)) * CAST('2' AS DECIMAL(38,1)) AS DECIMAL(38,18)) AS credit_amount"
    ));
    let out = compile("contracts/fadada-econtract-platform.sla", &["--contract-value", "USD 1.00"]);
    assert_eq!(out.status.code(), Some(2), "another currency is bad usage");
}

#[test]
fn a_refusal_nothing_can_leave_out_offers_no_leave_out() {
    let out = compile("tests/eval/denominators/contract.sla", &["--leave-out", "tiers,entitlements,liability"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("`total minutes` in the availability of `vm`"), "{err}");
    assert!(!err.contains("--leave-out"), "{err}");
}

#[test]
fn tables_and_columns_are_named_by_a_toml_file() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let good = dir.join("sql-tables.toml");
    std::fs::write(&good, "result = \"out.ledger\"\n[incidents]\ntable = \"ops.tickets\"\nopened_at = \"created\"\n")
        .expect("written");
    let out = compile("tests/eval/credit-bands/contract.sla", &["--tables", &good.display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let sql = text(&out.stdout);
    assert!(sql.contains("CREATE OR REPLACE TABLE out.ledger AS"), "{sql}");
    assert!(sql.contains("FROM ops.tickets r"), "{sql}");
    assert!(sql.contains("r.\"created\""), "{sql}");
    let bad = dir.join("sql-tables-bad.toml");
    std::fs::write(&bad, "[probes]\ntable = \"p; DROP TABLE x\"\n").expect("written");
    let out = compile("tests/eval/credit-bands/contract.sla", &["--tables", &bad.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("not a plain SQL name"), "{}", text(&out.stderr));
}
