#!/usr/bin/env python3
"""The Trino and Spark SQL parse: every contract the differential tests
compile (tests/eval cases and the shipped contracts; where the SQL cannot
compute a contract's tier clocks, with them left out) is compiled for both dialects and parsed by
sqlglot's parser for that dialect. Exit 1 on a parse error.

    parse.py SLAC
"""
import logging
import os
import subprocess
import sys
import tomllib

import sqlglot

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def contracts():
    base = os.path.join(ROOT, "tests", "eval")
    for case in sorted(os.listdir(base)):
        d = os.path.join(base, case)
        if not os.path.isfile(os.path.join(d, "case.toml")):
            continue
        with open(os.path.join(d, "case.toml"), "rb") as f:
            cfg = tomllib.load(f)
        if "as_of" not in cfg:
            continue
        for f in sorted(os.listdir(d)):
            if f.startswith("contract") and f.endswith(".sla"):
                yield os.path.join(d, f), cfg["from"], cfg["to"], cfg["as_of"]
    for f in sorted(os.listdir(os.path.join(ROOT, "contracts"))):
        if f.endswith(".sla"):
            yield os.path.join(ROOT, "contracts", f), "2025-01", "2025-03", "2025-04-01"


def main():
    # Trino's `SET TIME ZONE` is parsed as a command, with a warning.
    logging.getLogger("sqlglot").setLevel(logging.ERROR)
    slac = sys.argv[1]
    parsed, refused, failed = 0, 0, 0
    for contract, frm, to, as_of in contracts():
        for dialect in ["trino", "spark"]:
            cmd = [slac, "compile", contract, "--emit", "sql", "--dialect", dialect, "--from", frm, "--to", to,
                   "--as-of", as_of]
            r = subprocess.run(cmd, capture_output=True, text=True)
            if r.returncode == 1 and "--leave-out tiers" in r.stderr:
                r = subprocess.run(cmd + ["--leave-out", "tiers"], capture_output=True, text=True)
            if r.returncode == 1 and "slac::sql::unsupported" in r.stderr:
                refused += 1
                continue
            if r.returncode != 0:
                failed += 1
                print(f"{contract} ({dialect}): slac compile failed: {r.stderr}")
                continue
            try:
                statements = sqlglot.parse(r.stdout, read=dialect, error_level=sqlglot.ErrorLevel.RAISE)
                if not any(isinstance(s, sqlglot.exp.Create) for s in statements if s is not None):
                    raise ValueError("no CREATE TABLE statement")
                parsed += 1
            except Exception as e:  # sqlglot's errors name the line and column
                failed += 1
                print(f"{os.path.relpath(contract, ROOT)} ({dialect}): {str(e)[:600]}")
    print(f"sqlglot: {parsed} scripts parse, {refused} refused, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
