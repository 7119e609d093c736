#!/usr/bin/env python3
"""Differential test of `slac compile --emit sql` against `slac eval`.

For one case (a contract, a range, an as-of time and CSV event files) it
runs `slac eval --format json`, compiles the contract to DuckDB SQL, loads
the same CSVs into DuckDB as text tables with the canonical columns, runs
the SQL and compares every ledger figure and credit field of the report
with the result table, field by field. It prints each difference and exits
1 when there is one; 3 when the contract is refused (the refusal is printed),
4 when `slac eval` stops with exit 2 (nothing to compare).

    compare.py SLAC CONTRACT --from M --to M --as-of T [--incidents F]
               [--maintenance F] [--probes F] [--usage F] [--leave-out P,..]
               [--engine duckdb|spark]

SLAC_SQL_STAGES=ctes|tables in the environment chooses how the script's
stages run (`slac compile --stages`). With `--engine spark` the Spark SQL runs on PySpark in local mode (a JRE
and `pip install pyspark` needed; tests/sql/spark.sh).
"""
import argparse
import csv
import json
import re
import os
import subprocess
import sys
from decimal import Decimal


# The columns the SQL reads of each input (src/sql/tables.rs).
COLUMNS = {
    "incidents": ["id", "service", "instance", "severity", "opened_at", "responded_at", "resolved_at", "impact",
                  "cause", "region"],
    "maintenance": ["id", "service", "instance", "kind", "start", "end", "announced_at", "impact"],
    "probes": ["ts", "service", "instance", "ok", "total", "up", "region"],
    "usage": ["period", "service", "instance", "monthly_fee", "objects_total", "objects_lost", "vouchers", "coupons",
              "upfront", "paid"],
    "metrics": ["period", "objective", "value", "unit"],
}

LEDGER = [
    "status", "in_progress", "partial", "target", "formula", "total_minutes", "excused_minutes",
    "unavailable_minutes", "allowed_minutes", "remaining_minutes", "short_run_minutes",
]
CREDIT = [
    "band", "basis_amount", "amount", "capped", "provisional", "currency", "form", "claim_opens",
    "claim_closes",
]


def load(con, name, path):
    """A canonical table of text columns, read by DuckDB's CSV reader from
    the file (columns matched by name, ignoring case and spaces; those it
    lacks are NULL), or empty."""
    cols = COLUMNS[name]
    header = []
    if path:
        with open(path, newline="", encoding="utf-8-sig") as f:
            header = next(csv.reader(f), [])
    if not header:
        con.execute(f"CREATE TABLE {name} ({', '.join(f'{q(c)} VARCHAR' for c in cols)})")
        return
    found = {h.strip().lower(): h for h in header}
    select = ", ".join(f"{q(found[c])} AS {q(c)}" if c in found else f"CAST(NULL AS VARCHAR) AS {q(c)}"
                       for c in cols)
    path_sql = path.replace("'", "''")
    con.execute(f"CREATE TABLE {name} AS SELECT {select} FROM read_csv('{path_sql}', header = true, "
                f"all_varchar = true, delim = ',', quote = '\"', escape = '\"')")


def run_duckdb(sql, files):
    import duckdb

    con = duckdb.connect()
    for name, path in files.items():
        load(con, name, path)
    con.execute(sql)
    cur = con.execute("SELECT * FROM slac_result")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def run_spark(sql, files):
    """The script's statements on a local Spark session, over views of text
    columns read from the same CSVs."""
    import tempfile

    from pyspark.sql import SparkSession
    from pyspark.sql.types import StringType, StructField, StructType

    warehouse = tempfile.mkdtemp(prefix="slac-spark-")
    spark = (SparkSession.builder.master("local[2]").appName("slac-sql")
             .config("spark.sql.warehouse.dir", warehouse)
             .config("spark.sql.shuffle.partitions", "4")
             # Spark's own default unless asked (SLAC_SPARK_DRIVER_MEMORY=2g).
             .config("spark.driver.memory", os.environ.get("SLAC_SPARK_DRIVER_MEMORY", "1g"))
             .config("spark.ui.enabled", "false").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    for name, path in files.items():
        cols = COLUMNS[name]
        rows = read_rows(name, path)
        schema = StructType([StructField(c, StringType(), True) for c in cols])
        spark.createDataFrame(rows, schema).createOrReplaceTempView(name)
    for statement in sql.split(";\n"):
        if statement.strip() and not all(l.startswith("--") for l in statement.strip().splitlines()):
            spark.sql(statement)
    out = [r.asDict() for r in spark.sql("SELECT * FROM slac_result").collect()]
    spark.sql("DROP TABLE IF EXISTS slac_result")
    spark.stop()
    return out


def read_rows(name, path):
    """The CSV's rows as lists of the canonical columns (None where absent)."""
    cols = COLUMNS[name]
    if not path:
        return []
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    if not rows:
        return []
    header = [h.strip().lower() for h in rows[0]]
    idx = {c: header.index(c) for c in cols if c in header}
    return [[row[idx[c]] if c in idx and idx[c] < len(row) else None for c in cols]
            for row in rows[1:] if any(cell.strip() for cell in row)]


def q(name):
    return '"' + name + '"'


def fields(diffs, key, want, row, pairs):
    """A difference for each (report field, result column) pair whose
    values differ."""
    for f, col in pairs:
        if not same(want.get(f), row[col]):
            sep = "" if str(key).endswith(".") else " "
            diffs.append(f"{key}{sep}{f}: eval {want.get(f)!r}, sql {row[col]!r}")


def same(a, b):
    """Equal as exact decimals where both read as numbers, else as text."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return bool(a) == bool(b)
    try:
        return Decimal(str(a)) == Decimal(str(b))
    except Exception:
        return str(a) == str(b)


def epoch(text):
    """An RFC 3339 time of the report as Unix seconds."""
    if text is None:
        return None
    from datetime import datetime
    return int(datetime.fromisoformat(text).timestamp())


CLOCK = [("status", "status"), ("limit_seconds", "limit_seconds"), ("business_seconds", "business_seconds"),
         ("over_seconds", "over_seconds"), ("elapsed_percent", "elapsed_percent"), ("escalation", "escalation")]


def compare_clocks(report, rows):
    """Each incident's clocks, penalty lines and totals of the report
    against the result rows of kind clock, penalty and penalty_total."""
    diffs = []
    have = {}
    for r in rows:
        if r["kind"] == "clock":
            key = ("clock", r["incident"], r["clock"])
        elif r["kind"] == "penalty":
            key = ("penalty", r["name"], r["incident"], r["clock"])
        else:
            key = ("penalty_total", r["name"])
        if key in have:
            diffs.append(f"{key}: two result rows")
        have[key] = r
    want = {}
    for inc in report.get("incidents", []):
        for which in ("response", "resolution"):
            clock = inc.get(which)
            if clock is None:
                continue
            key = ("clock", inc["id"], clock["kind"])
            want[key] = clock
            row = have.get(key)
            if row is None:
                diffs.append(f"{key}: in the report, not in the SQL result")
                continue
            for f, col in CLOCK:
                if not same(clock.get(f), row[col]):
                    diffs.append(f"{key} {f}: eval {clock.get(f)!r}, sql {row[col]!r}")
            for f, col in [("deadline", "deadline_epoch_s"), ("stopped_at", "stopped_epoch_s")]:
                if not same(epoch(clock.get(f)), row[col]):
                    diffs.append(f"{key} {f}: eval {clock.get(f)!r}, sql {row[col]!r}")
            for f, col in [("tier", "tier"), ("service", "service"), ("instance", "instance")]:
                if not same(inc.get(f), row[col]):
                    diffs.append(f"{key} {f}: eval {inc.get(f)!r}, sql {row[col]!r}")
    for line in report.get("penalties", []):
        key = ("penalty", line["penalty"], line["incident"], line["clock"])
        want[key] = line
        row = have.get(key)
        if row is None:
            diffs.append(f"{key}: in the report, not in the SQL result")
            continue
        fields(diffs, key, line, row, [("tier", "tier"), ("over_seconds", "over_seconds"), ("hours", "penalty_hours"),
                                       ("amount", "credit_amount"), ("currency", "credit_currency"),
                                       ("provisional", "credit_provisional")])
    for total in report.get("penalty_totals", []):
        key = ("penalty_total", total["penalty"])
        want[key] = total
        row = have.get(key)
        if row is None:
            diffs.append(f"{key}: in the report, not in the SQL result")
            continue
        fields(diffs, key, total, row, [("before_cap", "amount_before_cap"), ("cap", "cap_amount"),
                                        ("total", "credit_amount"), ("currency", "credit_currency")])
    for key in have:
        if key not in want:
            diffs.append(f"{key}: in the SQL result, not in the report")
    return diffs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("slac")
    ap.add_argument("contract")
    ap.add_argument("--from", dest="frm", required=True)
    ap.add_argument("--to", required=True)
    ap.add_argument("--as-of", required=True)
    ap.add_argument("--leave-out", default="")
    ap.add_argument("--sql-out", help="also write the SQL here")
    ap.add_argument("--contract-value")
    ap.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb")
    for name in COLUMNS:
        ap.add_argument(f"--{name}")
    a = ap.parse_args()

    compile_cmd = [a.slac, "compile", a.contract, "--emit", "sql", "--dialect", a.engine,
                   "--from", a.frm, "--to", a.to, "--as-of", a.as_of]
    if a.leave_out:
        compile_cmd += ["--leave-out", a.leave_out]
    if a.contract_value:
        compile_cmd += ["--contract-value", a.contract_value]
    # SLAC_SQL_STAGES=ctes|tables runs the other form of the script than
    # the dialect's own (.ci/sql.sh runs the DuckDB cases both ways).
    if os.environ.get("SLAC_SQL_STAGES"):
        compile_cmd += ["--stages", os.environ["SLAC_SQL_STAGES"]]
    c = subprocess.run(compile_cmd, capture_output=True, text=True)
    if c.returncode == 1 and "slac::sql::unsupported" in c.stderr:
        print(c.stderr, file=sys.stderr)
        return 3
    if c.returncode != 0:
        print(c.stderr, file=sys.stderr)
        return 2
    sql = c.stdout
    if a.sql_out:
        with open(a.sql_out, "w") as f:
            f.write(sql)

    eval_cmd = [a.slac, "eval", a.contract, "--format", "json", "--from", a.frm, "--to", a.to,
                "--as-of", a.as_of]
    # The SQL takes its probes table as given, empty or not (`missing data
    # counts as down` needs to know): so is a probes file to slac eval.
    if not a.probes:
        import tempfile
        empty = tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False)
        empty.write("ts,ok,total\n")
        empty.close()
        eval_cmd += ["--probes", empty.name]
    for name in COLUMNS:
        path = getattr(a, name)
        if path:
            eval_cmd += [f"--{name}", path]
    if a.contract_value:
        eval_cmd += ["--contract-value", a.contract_value]
    e = subprocess.run(eval_cmd, capture_output=True, text=True)
    if e.returncode == 2:
        # The evaluator stops (a bad row, a holiday year not covered by a
        # part left out): there is no report to compare with.
        print("slac eval stops:", e.stderr.strip(), file=sys.stderr)
        return 4
    if e.returncode != 1 and e.returncode != 0:
        print("slac eval failed:", e.stderr, file=sys.stderr)
        return 2
    report = json.loads(e.stdout)

    files = {name: getattr(a, name) for name in COLUMNS}
    got = run_spark(sql, files) if a.engine == "spark" else run_duckdb(sql, files)

    diffs = []
    by_key = {}
    durability = {}
    objectives = []
    liability = []
    no_charge = {}
    clocks = [r for r in got if r["kind"] in ("clock", "penalty", "penalty_total")]
    # Tier clocks left out of the SQL are not compared.
    if "tiers" not in a.leave_out.split(","):
        diffs += compare_clocks(report, clocks)
    for row in got:
        if row["kind"] in ("clock", "penalty", "penalty_total"):
            continue
        if row["kind"] == "objective":
            objectives.append(row)
            continue
        if row["kind"] == "liability":
            liability.append(row)
            continue
        if row["kind"] == "no_charge":
            key = (row["service"], row["instance"], row["period"], row.get("region"))
            if key in no_charge:
                diffs.append(f"no_charge {key}: two result rows")
            no_charge[key] = row
            continue
        key = (row["service"], row["instance"], row["period"])
        if row["kind"] == "availability":
            key += (row.get("region"),)
        table = durability if row["kind"] == "durability" else by_key
        if key in table:
            diffs.append(f"{row['kind']} {key}: two result rows")
        table[key] = row
    seen_d = set()
    for led in report.get("durability", []):
        key = (led["service"], led.get("instance"), led["period"])
        seen_d.add(key)
        row = durability.get(key)
        if row is None:
            diffs.append(f"durability {key}: in the report, not in the SQL result")
            continue
        for f in ["status", "target", "objects_total", "objects_lost", "note"]:
            if not same(led.get(f), row[f]):
                diffs.append(f"durability {key} {f}: eval {led.get(f)!r}, sql {row[f]!r}")
        ratio = led.get("ratio") or {}
        for f, col in [("numerator", "ratio_numerator"), ("denominator", "ratio_denominator"),
                       ("percent", "ratio_percent")]:
            if not same(ratio.get(f), row[col]):
                diffs.append(f"durability {key} ratio.{f}: eval {ratio.get(f)!r}, sql {row[col]!r}")
    for key in durability:
        if key not in seen_d:
            diffs.append(f"durability {key}: in the SQL result, not in the report")
    seen = set()
    for led in report.get("availability", []):
        key = (led["service"], led.get("instance"), led["period"], led.get("region"))
        seen.add(key)
        row = by_key.get(key)
        if row is None:
            diffs.append(f"{key}: in the report, not in the SQL result")
            continue
        for f in LEDGER:
            if not same(led.get(f), row[f]):
                diffs.append(f"{key} {f}: eval {led.get(f)!r}, sql {row[f]!r}")
        ratio = led.get("ratio") or {}
        for f, col in [("numerator", "ratio_numerator"), ("denominator", "ratio_denominator"),
                       ("percent", "ratio_percent")]:
            if not same(ratio.get(f), row[col]):
                diffs.append(f"{key} ratio.{f}: eval {ratio.get(f)!r}, sql {row[col]!r}")
        if not same(len(led.get("counted_runs", [])), row["counted_runs"]):
            diffs.append(f"{key} counted_runs: eval {len(led['counted_runs'])}, sql {row['counted_runs']}")
        bad = (led.get("slices") or {}).get("bad_slices")
        if not same(bad, row.get("bad_slices")):
            diffs.append(f"{key} slices.bad_slices: eval {bad!r}, sql {row.get('bad_slices')!r}")
    for key in by_key:
        if key not in seen:
            diffs.append(f"{key}: in the SQL result, not in the report")
    credits = {(k["service"], k.get("instance"), k["period"], k.get("region")): k for k in report.get("credits", [])
               if k.get("form") != "no charge"}
    # `no charge` lines of slices: rows of their own.
    free = {(k["service"], k.get("instance"), k["period"], k.get("region")): k for k in report.get("credits", [])
            if k.get("form") == "no charge"}
    for key in set(free) | set(no_charge):
        k, row = free.get(key), no_charge.get(key)
        if k is None or row is None:
            diffs.append(f"no_charge {key}: {'only in the SQL result' if k is None else 'only in the report'}")
            continue
        fields(diffs, f"no_charge {key} credit.", k, row, [(f, "credit_" + f) for f in CREDIT])
    for key, row in by_key.items():
        k = credits.get(key)
        if k is None:
            if row["credit_band"] is not None:
                diffs.append(f"{key}: a credit in the SQL result ({row['credit_band']}), none in the report")
            continue
        fields(diffs, f"{key} credit.", k, row, [(f, "credit_" + f) for f in CREDIT])
    # Objectives: one line per metrics row, compared as sorted lists (the
    # measured figure as a number; a unit mismatch by its status).
    def measured_number(text):
        m = re.match(r"-?[0-9]+(\.[0-9]+)?", text or "")
        return Decimal(m.group(0)) if m else None

    want = sorted(((o["objective"], o["period"], o["status"], o["target"],
                    measured_number(o["measured"]) if o["status"] != "unit_mismatch" else None)
                   for o in report.get("objectives", [])), key=str)
    have = sorted(((r["name"], r["period"], r["status"], r["target"],
                    Decimal(str(r["measured"])).normalize() if r["measured"] is not None else None)
                   for r in objectives), key=str)
    want = [w[:4] + ((w[4].normalize() if w[4] is not None else None),) for w in want]
    if want != have:
        for w, h in zip(want + [None] * len(have), have + [None] * len(want)):
            if w != h and (w or h):
                diffs.append(f"objective: eval {w}, sql {h}")
    want_l = sorted((l["id"], l["cap"], l.get("description"), l.get("amount"), l.get("currency"))
                    for l in report.get("liability", []))
    have_l = sorted((r["name"], r["target"], r["note"], r["credit_amount"], r["credit_currency"]) for r in liability)
    if len(want_l) != len(have_l) or any(
            not all(same(x, y) for x, y in zip(w, h)) for w, h in zip(want_l, have_l)):
        diffs.append(f"liability: eval {want_l}, sql {have_l}")
    entitlements = {(k["service"], k.get("instance"), k["period"], k.get("region")): k for k in report.get("entitlements", [])}
    for key, row in by_key.items():
        k = entitlements.get(key)
        if k is None:
            if row["entitlement_outages"] is not None:
                diffs.append(f"{key}: an entitlement in the SQL result, none in the report")
            continue
        for f, want in [("outages", k["outages"]), ("options", "; ".join(k["options"])), ("cash", k["cash"]),
                        ("provisional", k["provisional"])]:
            if not same(want, row["entitlement_" + f]):
                diffs.append(f"{key} entitlement.{f}: eval {want!r}, sql {row['entitlement_' + f]!r}")
    for key in entitlements:
        if key not in by_key:
            diffs.append(f"{key}: an entitlement in the report, not in the SQL result")
    for d in diffs:
        print(d)
    print(f"{os.path.basename(a.contract)}: {len(report.get('availability', []))} ledgers, "
          f"{len(report.get('durability', []))} durability, {len(credits)} credits, "
          f"{len(entitlements)} entitlements, {len(report.get('objectives', []))} objectives, "
          f"{len(clocks)} clocks and penalties, "
          f"{len(diffs)} differences")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())
