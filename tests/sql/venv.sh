# Sourced by .ci/sql.sh and tests/sql/spark.sh: `slac_venv DIR` makes a
# Python venv in DIR unless there is one (Debian ships venv apart from
# python3, so it is installed when missing).
slac_venv() {
  if [ ! -x "$1/bin/python" ]; then
    python3 -m venv "$1" 2>/dev/null || {
      rm -rf "$1"
      apt-get install -y -qq python3-venv >/dev/null
      python3 -m venv "$1"
    }
  fi
}
