#!/usr/bin/env python3
"""Write large event files for measuring slac's speed and peak memory on the
release binary (see docs/performance.md):

    python3 benches/gen_events.py /tmp/slac-big
    /usr/bin/time -v target/release/slac eval contracts/jdcloud-baas.sla \
        --probes /tmp/slac-big/probes.csv --format json -o /dev/null

Same layouts as benches/eval.rs: 10 million probe rows (77 instances, one row
a minute each, from 2025-01-01) as CSV and NDJSON, and a million incidents
over a year as CSV.

    python3 benches/gen_events.py /tmp/slac-inc --incidents 250000

writes only the incident file, with that many incidents (one every 31 s,
as above), for measuring how time and memory grow with incidents.
"""
import datetime as dt
import os
import sys

PROBE_ROWS = 10_000_000
INSTANCES = 77
INCIDENTS = 1_000_000


def main(out, incidents=INCIDENTS, probes=True):
    os.makedirs(out, exist_ok=True)
    base = dt.datetime(2025, 1, 1)
    if probes:
        write_probes(out, base)
    write_incidents(out, base, incidents)


def write_probes(out, base):
    with open(os.path.join(out, "probes.csv"), "w") as csv, open(os.path.join(out, "probes.ndjson"), "w") as nd:
        csv.write("ts,instance,ok,total\n")
        for minute in range(PROBE_ROWS // INSTANCES + 1):
            ts = (base + dt.timedelta(minutes=minute)).strftime("%Y-%m-%d %H:%M:%S")
            for inst in range(INSTANCES):
                if minute * INSTANCES + inst >= PROBE_ROWS:
                    break
                ok = 0 if (minute % 9973 < 3 and inst == 5) else 50
                csv.write(f"{ts},i-{inst},{ok},50\n")
                nd.write(f'{{"ts":"{ts}","instance":"i-{inst}","ok":{ok},"total":50}}\n')


def write_incidents(out, base, count):
    with open(os.path.join(out, "incidents.csv"), "w") as f:
        f.write("id,severity,opened_at,responded_at,resolved_at,impact\n")
        fmt = lambda s: (base + dt.timedelta(seconds=s)).strftime("%Y-%m-%d %H:%M:%S")
        for i in range(count):
            opened = i * 31
            sev = "123"[i % 3]
            impact = "outage" if i % 10 == 0 else "degraded"
            f.write(f"N{i},{sev},{fmt(opened)},{fmt(opened + 60 * (i % 40))},{fmt(opened + 300 + (i % 97) * 60)},{impact}\n")


if __name__ == "__main__":
    args = sys.argv[1:]
    if any(a in ("-h", "--help") for a in args) or any(a.startswith("-") and a != "--incidents" for a in args):
        # Not a directory to write into.
        print(__doc__)
        sys.exit(0 if any(a in ("-h", "--help") for a in args) else 2)
    if "--incidents" in args:
        at = args.index("--incidents")
        count = int(args[at + 1])
        del args[at : at + 2]
        main(args[0] if args else "/tmp/slac-big", count, probes=False)
    else:
        main(args[0] if args else "/tmp/slac-big")
