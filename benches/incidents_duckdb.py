#!/usr/bin/env python3
"""The yardstick for a million incidents in docs/performance.md: DuckDB
judging the incident file of `gen_events.py --incidents N` on 24x7 clocks
with the limits of contracts/bestsign-esign-platform.sla (deadlines,
elapsed seconds, met or breached for both clocks, in time order) and
writing the rows to a JSON file. A lower bound of slac's work, not the
same work: no business calendar, override, pause, exemption or escalation.

    python3 benches/incidents_duckdb.py INCIDENTS.csv OUT.json [THREADS]

Needs `pip install duckdb` (target/sql-venv has it after .ci/sql.sh).
"""
import sys

import duckdb

# Seconds to respond and to resolve (L3: to advise), by severity label.
LIMITS = {"1": (15 * 60, 2 * 3600), "2": (30 * 60, 6 * 3600), "3": (30 * 60, 24 * 3600)}


def main(src, out, threads="2"):
    con = duckdb.connect()
    con.execute(f"SET threads = {int(threads)}")
    rows = ", ".join(f"('{k}', {r}, {s})" for k, (r, s) in LIMITS.items())
    con.execute(f"CREATE TABLE limits AS SELECT * FROM (VALUES {rows}) t(severity, respond_s, resolve_s)")
    src_sql = src.replace("'", "''")
    out_sql = out.replace("'", "''")
    con.execute(f"""
        COPY (
          SELECT i.id, i.severity, i.opened_at,
            i.opened_at + to_seconds(l.respond_s) AS respond_deadline,
            date_diff('second', i.opened_at, i.responded_at) AS respond_elapsed_s,
            CASE WHEN i.responded_at IS NULL THEN 'open'
                 WHEN date_diff('second', i.opened_at, i.responded_at) <= l.respond_s THEN 'met' ELSE 'breached' END AS response,
            i.opened_at + to_seconds(l.resolve_s) AS resolve_deadline,
            date_diff('second', i.opened_at, i.resolved_at) AS resolve_elapsed_s,
            CASE WHEN i.resolved_at IS NULL THEN 'open'
                 WHEN date_diff('second', i.opened_at, i.resolved_at) <= l.resolve_s THEN 'met' ELSE 'breached' END AS resolution
          FROM read_csv('{src_sql}', header = true, timestampformat = '%Y-%m-%d %H:%M:%S') i
          JOIN limits l ON l.severity = CAST(i.severity AS VARCHAR)
          ORDER BY i.opened_at, i.id
        ) TO '{out_sql}' (FORMAT json)
    """)


if __name__ == "__main__":
    main(*sys.argv[1:])
