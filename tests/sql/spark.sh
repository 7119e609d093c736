#!/usr/bin/env bash
# The Spark SQL of `slac compile --emit sql --dialect spark` run on PySpark
# in local mode and compared with `slac eval` (docs/scale.md): generated
# data for the shipped contracts and tests/sql/contracts/, one seed each,
# and the tests/eval cases given as arguments. A JVM start and Spark's
# planning take 30-60 s a case, so this is not part of .ci/run's default
# path; run it alone as `bash tests/sql/spark.sh [--only TEXT]`.
# Installs a JRE (Debian's) when there is no java, and PySpark into a venv
# under target/ (SLAC_SPARK_VENV to put it elsewhere).
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v java >/dev/null; then
  apt-get install -y -qq default-jre-headless >/dev/null
fi
venv="${SLAC_SPARK_VENV:-target/spark-venv}"
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv" 2>/dev/null || {
    rm -rf "$venv"
    apt-get install -y -qq python3-venv >/dev/null
    python3 -m venv "$venv"
  }
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check pyspark==4.3.0
cargo build --quiet --locked
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$venv/bin/python" tests/sql/contracts.py target/debug/slac "$work" 1 --engine spark --no-volume "$@"
