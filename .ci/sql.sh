#!/usr/bin/env bash
# `slac compile --emit sql` against `slac eval` (docs/scale.md): the DuckDB
# SQL run on DuckDB over the tests/eval cases and over generated data for
# the shipped contracts must give every ledger figure and credit field of
# the report; the Trino and Spark SQL must parse (sqlglot). Called by
# .ci/run; runs alone as `bash .ci/sql.sh`. Installs what it needs into a
# venv under target/ (SLAC_SQL_VENV to put it elsewhere).
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${SLAC_SQL_VENV:-target/sql-venv}"
. tests/sql/venv.sh
slac_venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check duckdb==2.0.1 sqlglot==30.31.0
cargo build --quiet --locked
slac=target/debug/slac
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$venv/bin/python" tests/sql/eval_cases.py "$slac"
# The same cases through the staged form Spark and Trino run.
SLAC_SQL_STAGES=tables "$venv/bin/python" tests/sql/eval_cases.py "$slac"
"$venv/bin/python" tests/sql/contracts.py "$slac" "$work" 2
"$venv/bin/python" tests/sql/parse.py "$slac"
