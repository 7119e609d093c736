#!/usr/bin/env bash
# The Spark SQL of `slac compile --emit sql --dialect spark` run on PySpark
# in local mode and compared with `slac eval` (docs/scale.md): generated
# data for the shipped contracts and tests/sql/contracts/, one seed each,
# and the tests/eval cases given as arguments. A JVM start and Spark's
# stages take 30-60 s a case, so .ci/run runs one contract
# (`--only credit-rules`); run every case alone as `bash tests/sql/spark.sh`
# (about 15 minutes on two cores), or some with `--only TEXT`. The driver
# has Spark's default 1 GB (SLAC_SPARK_DRIVER_MEMORY to change it).
# Installs a JRE (Debian's) when there is no java, and PySpark into a venv
# under target/ (SLAC_SPARK_VENV to put it elsewhere).
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v java >/dev/null; then
  apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null
fi
venv="${SLAC_SPARK_VENV:-target/spark-venv}"
. tests/sql/venv.sh
slac_venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check pyspark==4.3.0
cargo build --quiet --locked
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$venv/bin/python" tests/sql/contracts.py target/debug/slac "$work" 1 --engine spark --no-volume "$@"
