#!/usr/bin/env python3
"""The five shipped contracts (and the contracts of tests/sql/contracts/)
against `slac eval` on generated data: for
each, event files from gen.py with fixed seeds, compared by compare.py.
The parts the SQL does not compute are left out on purpose (docs/scale.md
lists them). Exit 1 on any difference.

    contracts.py SLAC WORKDIR [SEEDS] [--engine duckdb|spark] [--only TEXT]
                 [--no-volume]

`--engine spark` runs the Spark SQL on PySpark (tests/sql/spark.sh);
`--only` keeps the cases whose contract path holds the text; `--no-volume`
leaves out the case with more rows.
"""
import argparse
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
LEAVE_OUT = ""

# (contract, from, to, as_of): ranges that cut periods, as-of times inside
# the last month (in progress) and after it.
CASES = [
    ("contracts/jdcloud-baas.sla", "2025-01", "2025-03", "2025-03-20 12:00:00"),
    ("contracts/jdcloud-baas.sla", "2024-12", "2025-02", "2025-03-01T00:00:00+08:00"),
    ("contracts/bestsign-esign-platform.sla", "2025-02", "2025-04", "2025-05-01 00:00:00"),
    ("contracts/bestsign-esign-platform.sla", "2025-02", "2025-04", "2025-04-10 08:30:00"),
    ("contracts/fadada-econtract-platform.sla", "2025-05", "2025-07", "2025-08-01 00:00:00"),
    ("contracts/fadada-econtract-platform.sla", "2025-06", "2025-07", "2025-07-31 23:59:30"),
    ("contracts/guanghuanyun-aws-vap-support.sla", "2025-01", "2025-12", "2025-03-31 10:00:00"),
    ("contracts/guanghuanyun-aws-vap-support.sla", "2025-02", "2025-04", "2025-06-01 00:00:00"),
    # Its penalties need the contract's value, even when left out of the SQL.
    ("contracts/ecommerce-cs-ops-2025.sla", "2025-01", "2025-02", "2025-03-01 00:00:00", "CNY 100000.00"),
    # Its 双11 override (2025-10-15..11-11) starts and ends inside the range.
    ("contracts/ecommerce-cs-ops-2025.sla", "2025-10", "2025-11", "2025-11-12 10:00:00", "CNY 100000.00"),
    # Daylight-saving time, quarters, weekly windows (tests/sql/contracts/).
    ("tests/sql/contracts/new-york.sla", "2025-10", "2025-12", "2026-01-05 09:00:00"),
    ("tests/sql/contracts/new-york.sla", "2025-02", "2025-04", "2025-04-20T12:00:00-04:00"),
    # A set judged by its instances, in a zone an hour off UTC in summer.
    ("tests/sql/contracts/set-all.sla", "2025-03", "2025-04", "2025-05-01 00:00:00"),
    ("tests/sql/contracts/set-any.sla", "2025-03", "2025-04", "2025-04-15 12:00:00"),
    # Minutes without samples are down, in a zone at +05:30.
    ("tests/sql/contracts/missing-data.sla", "2025-06", "2025-06", "2025-06-20 18:30:00"),
    # Tier clocks on business calendars: the Spring Festival and its make-up
    # days, National Day, a year end with an override, a calendar in London.
    ("tests/sql/contracts/desk.sla", "2025-01", "2025-02", "2025-02-10 11:00:00"),
    ("tests/sql/contracts/desk.sla", "2025-09", "2025-10", "2025-11-01 00:00:00"),
    ("tests/sql/contracts/desk.sla", "2025-12", "2026-01", "2026-01-03T09:30:00+08:00"),
    ("tests/sql/contracts/desk-new-york.sla", "2025-03", "2025-03", "2025-03-12 10:15:00"),
    # Credit rules: an exclusive group, minimums, fee parts left out, caps
    # and a basis on the fees paid.
    ("tests/sql/contracts/credit-rules.sla", "2025-02", "2025-04", "2025-05-01 00:00:00"),
    ("tests/sql/contracts/credit-rules.sla", "2025-10", "2025-10", "2025-10-20 12:00:00"),
    ("tests/sql/contracts/desk-new-york.sla", "2025-10", "2025-11", "2025-11-05 16:00:00"),
    # Outages by duration: milliseconds, thresholds, the nights clocks change.
    ("tests/sql/contracts/by-duration.sla", "2025-03", "2025-04", "2025-05-01 00:00:00"),
    ("tests/sql/contracts/by-duration.sla", "2025-10", "2025-10", "2025-10-26 01:30:00"),
    # Per region: cells named by incidents and probes, spelled differently.
    ("tests/sql/contracts/regions.sla", "2025-04", "2025-05", "2025-06-01 00:00:00"),
    ("tests/sql/contracts/regions.sla", "2025-04", "2025-04", "2025-04-18 06:00:00"),
    # Per region of instances and of components.
    ("tests/sql/contracts/regions-instances.sla", "2025-03", "2025-04", "2025-05-01 00:00:00"),
    # Amendments: periods across July 15 and October 1, incidents on both
    # sides of each.
    ("tests/sql/contracts/amended.sla", "2025-06", "2025-08", "2025-09-01 00:00:00"),
    ("tests/sql/contracts/amended.sla", "2025-09", "2025-10", "2025-10-20 12:00:00"),
    # One service promised twice (a month and a quarter), one credit clause.
    ("tests/sql/contracts/two-promises.sla", "2025-01", "2025-03", "2025-04-01 00:00:00"),
    ("tests/sql/contracts/two-promises.sla", "2025-02", "2025-04", "2025-04-10 00:00:00"),
    # Slices: clock hours and days across both of New York's changes, a
    # quarter cut by the range; quarter hours at +05:30.
    ("tests/sql/contracts/slices.sla", "2025-03", "2025-04", "2025-05-01 00:00:00"),
    ("tests/sql/contracts/slices.sla", "2025-10", "2025-11", "2025-11-20 08:00:00"),
    ("tests/sql/contracts/slices-kolkata.sla", "2025-06", "2025-07", "2025-08-01 00:00:00"),
]


# One case with more rows: 300 days of probe minutes (about 460,000 rows)
# and 2,000 incidents across three instances.
VOLUME = ("contracts/jdcloud-baas.sla", "2025-01", "2025-03", "2025-04-01 00:00:00")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("slac")
    ap.add_argument("work")
    ap.add_argument("seeds", nargs="?", type=int, default=3)
    ap.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb")
    ap.add_argument("--only", default="")
    ap.add_argument("--no-volume", action="store_true")
    a = ap.parse_args()
    slac, work, seeds = a.slac, a.work, a.seeds
    failed = 0
    runs = [(k, c, s, []) for k, c in enumerate(CASES) for s in range(1, seeds + 1) if a.only in c[0]]
    if not a.no_volume and a.only in VOLUME[0]:
        runs.append((len(CASES), VOLUME, 1, ["--probe-days", "300", "--incidents", "2000"]))
    for k, (contract, frm, to, as_of, *value), seed, more in runs:
        out = os.path.join(work, f"case{k}-seed{seed}")
        subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), slac, os.path.join(ROOT, contract), out,
                        "--from", frm, "--to", to, "--seed", str(seed * 100 + k)] + more, check=True)
        cmd = [sys.executable, os.path.join(HERE, "compare.py"), slac, os.path.join(ROOT, contract),
               "--from", frm, "--to", to, "--as-of", as_of, "--sql-out", os.path.join(out, "result.sql"),
               "--engine", a.engine]
        if LEAVE_OUT:
            cmd += ["--leave-out", LEAVE_OUT]
        if value:
            cmd += ["--contract-value", value[0]]
        for name in ["incidents", "maintenance", "probes", "usage", "metrics"]:
            cmd += [f"--{name}", os.path.join(out, f"{name}.csv")]
        r = subprocess.run(cmd, capture_output=True, text=True)
        tag = f"{contract} {frm}..{to} as of {as_of}, seed {seed}"
        if r.returncode == 0:
            print(f"equal: {tag}: {r.stdout.strip().splitlines()[-1]}")
        else:
            failed += 1
            print(f"DIFFERENT ({r.returncode}): {tag}\n{r.stdout}{r.stderr}")
    print(f"shipped contracts: {failed} cases different")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
