#!/usr/bin/env python3
"""Event files for a differential test of the SQL against `slac eval`,
generated from a contract's IR with a fixed seed, so a run is repeatable.

    gen.py SLAC CONTRACT OUTDIR --from M --to M --seed N

Writes incidents.csv, maintenance.csv, probes.csv, usage.csv and\nmetrics.csv: rows that
name the contract's services by id, display name and component (and none,
where it has one service), instances or none, timestamps naive, with an
offset, in UTC and with fractions of a second; outages, degraded and
unresolved incidents, causes the contract excludes and others, maintenance
planned and emergency with more and less notice than the contract asks and
inside and outside its windows; probe minutes in several rows, ok/total and
up/down; fees per instance and for the service, object counts for durability.
"""
import argparse
import csv
import json
import os
import random
import subprocess
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo


def month_start(text):
    y, m = map(int, text.split("-"))
    return datetime(y, m, 1)


def next_month(d):
    return datetime(d.year + (d.month == 12), d.month % 12 + 1, 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("slac")
    ap.add_argument("contract")
    ap.add_argument("out")
    ap.add_argument("--from", dest="frm", required=True)
    ap.add_argument("--to", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--incidents", type=int, default=60)
    ap.add_argument("--probe-days", type=int, default=3)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    ir = json.loads(subprocess.run([a.slac, "compile", a.contract, "--emit", "ir"], capture_output=True,
                                   text=True, check=True).stdout)
    tz = ZoneInfo(ir["header"]["timezone"])
    currency = ir["header"].get("currency") or "CNY"
    start = month_start(a.frm).replace(tzinfo=tz)
    end = next_month(month_start(a.to)).replace(tzinfo=tz)
    os.makedirs(a.out, exist_ok=True)

    services = ir["services"]
    names = []  # (service column, instance column) choices per service
    for s in services:
        choices = [s["id"]] + ([s["name"]] if s.get("name") else [])
        if len(services) == 1:
            choices.append("")
        comps = [c["id"] for c in s["components"]] + [c["name"] for c in s["components"] if c.get("name")]
        names.append((s, choices, comps))
    instances = ["i-1", "i-2", "i-3"]
    categories = [e["category"] for e in ir["exclusions"]]
    for e in ir["exclusions"]:
        categories += e.get("labels", [])
    causes = categories + ["maintenance", "unknown_cause", "", "", "", ""]

    def when(t):
        # Instants are written as the contract's wall clock (naive: on a
        # night clocks go back, both readers take the earlier instant).
        # Through UTC: wall-clock arithmetic on an aware time can land in
        # the hour clocks skip, which names no instant.
        t = t.astimezone(timezone.utc).astimezone(tz)
        form = rnd.randrange(6)
        if form == 5:
            # An offset after a blank, without its colon: `... 08:15:00 +0800`.
            return t.strftime("%Y-%m-%d %H:%M:%S %z")
        if t.fold and form >= 2:
            # The second time a night shows this wall-clock time: naive,
            # it would read as the first. Write its offset.
            form = 1
        if form == 0:
            return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        if form == 1:
            return t.isoformat(timespec="seconds")
        if form == 2:
            return t.strftime("%Y-%m-%d %H:%M:%S.") + f"{t.microsecond // 1000:03d}"
        return t.strftime("%Y-%m-%d %H:%M:%S")

    # Services promised `per region`: each outage and probe row of theirs
    # names a region (as written, in another case, with blanks around);
    # other incidents of theirs name one or none.
    per_region = {p["service"] for p in ir["availability"] if p.get("per_region")}
    cloud_regions = ["us-east-1", "eu-west-1", "ap-south-1"]

    def cloud_region(required):
        if not required and rnd.random() < 0.3:
            return ""
        r = rnd.choice(cloud_regions)
        return rnd.choice([r, r, r.upper(), f" {r} "])

    last_service = [None]

    def target():
        s, choices, comps = rnd.choice(names)
        last_service[0] = s["id"]
        r = rnd.random()
        if comps and r < 0.3:
            return rnd.choice(comps), rnd.choice(["", ""] + instances[:1])
        svc = rnd.choice(choices)
        inst = rnd.choice(instances + [""]) if s["measured"] != "service" or r < 0.6 else ""
        return svc, inst

    span = (end - start).total_seconds()

    # The nights clocks change in the range, where naive times are
    # skipped or shown twice.
    changes = []
    day = start
    while day < end:
        nxt = (day + timedelta(days=1)).replace(hour=0)
        if day.utcoffset() != nxt.utcoffset():
            changes.append(day)
        day = nxt

    def instant(margin=2 * 86400):
        if changes and rnd.random() < 0.15:
            night = rnd.choice(changes).astimezone(timezone.utc) + timedelta(hours=rnd.uniform(0.5, 3.5))
            return night.replace(microsecond=0)
        t = start.astimezone(timezone.utc) + timedelta(seconds=rnd.uniform(-margin, span + 86400))
        # Whole seconds, so that an end written without its fraction is
        # never before its start; ends carry fractions of their own.
        return t.replace(microsecond=0)

    with open(os.path.join(a.out, "incidents.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "service", "instance", "severity", "opened_at", "responded_at", "resolved_at", "impact",
                    "cause", "region"])
        # Regions a tier's clock follows, as written, in another case and
        # with blanks around (every row names one: a row without is bad).
        regions = [c["value"] for t in ir["tiers"] for c in (t.get("clock_by") or {}).get("calendars", [])]
        # Each tier by its id, a label or its name in another case.
        tiers = []
        for t in ir["tiers"]:
            tiers += [t["id"], t["id"].lower() if t["id"].lower() != t["id"] else t["id"]] + t.get("labels", [])[:2]
        limits = sorted({(t.get(k) or {}).get("seconds", 0) for t in ir["tiers"] for k in ("response", "resolution")})
        for i in range(a.incidents):
            svc, inst = target()
            opened = instant()
            length = rnd.choice([rnd.uniform(0, 600), rnd.uniform(0, 600), rnd.uniform(600, 4 * 3600), 0,
                                 rnd.uniform(4 * 3600, 30 * 3600)])
            # Clocks that stop exactly at, a second before and after a limit.
            if limits and rnd.random() < 0.2:
                length = rnd.choice(limits) + rnd.choice([-1, 0, 1])
            resolved = "" if rnd.random() < 0.05 else when(opened + timedelta(seconds=max(0, length)))
            reply = rnd.choice([None, rnd.uniform(0, 900), rnd.uniform(0, 3 * 3600), rnd.uniform(0, 30 * 3600)])
            if limits and rnd.random() < 0.2:
                reply = rnd.choice(limits) + rnd.choice([-1, 0, 1])
            responded = "" if reply is None else when(opened + timedelta(seconds=max(0, reply)))
            impact = rnd.choice(["outage", "outage", "outage", "Outage", "degraded", "none", ""])
            severity = rnd.choice(tiers) if tiers else ""
            region = ""
            if regions:
                region = rnd.choice(regions)
                region = rnd.choice([region, region.lower(), f" {region} "])
            elif last_service[0] in per_region:
                region = cloud_region(impact.lower() == "outage")
            w.writerow([f"G{i}", svc, inst, severity, when(opened), responded, resolved, impact,
                        rnd.choice(causes), region])

    windows = ir["maintenance"]["windows"]
    with open(os.path.join(a.out, "maintenance.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "service", "instance", "kind", "start", "end", "announced_at", "impact"])
        for i in range(a.incidents // 4):
            svc, inst = target()
            s = instant()
            if windows and rnd.random() < 0.6:
                # Around a second Sunday's small hours, inside or across it.
                day = s.replace(day=8, hour=0, minute=0, second=0, microsecond=0)
                day += timedelta(days=(6 - day.weekday()) % 7)
                s = day + timedelta(minutes=rnd.choice([60, 120, 150, 300, 350]))
            e = s + timedelta(minutes=rnd.choice([10, 30, 90, 200]), seconds=rnd.choice([0, 30, 0.5]))
            notice = timedelta(hours=rnd.choice([0, 1, 2, 71.99, 72, 100]), seconds=rnd.choice([0, -1, 1]))
            w.writerow([f"M{i}", svc, inst, rnd.choice(["planned", "emergency"]), when(s), when(e),
                        when(s - notice), rnd.choice(["", "outage", "none"])])

    with open(os.path.join(a.out, "probes.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["ts", "service", "instance", "ok", "total", "up", "region"])
        for d in range(a.probe_days):
            day = start + timedelta(days=rnd.randrange(max(1, (end - start).days)))
            svc, inst = target()
            region = cloud_region(True) if last_service[0] in per_region else ""
            bad = set()
            for _ in range(rnd.randrange(1, 6)):
                b = rnd.randrange(1440)
                bad.update(range(b, b + rnd.choice([1, 2, 4, 5, 6, 12])))
            for m in range(1440):
                t = day + timedelta(minutes=m, seconds=rnd.randrange(60))
                if rnd.random() < 0.02:
                    w.writerow([when(t), svc, inst, "", "", rnd.choice(["1", "0"]), region])
                    continue
                total = rnd.choice([10, 10, 20, 0]) if m not in bad else 10
                ok = total if m not in bad else rnd.choice([0, 0, 8, 9, 5])
                if rnd.random() < 0.1 and total:
                    w.writerow([when(t), svc, inst, ok // 2, total // 2, "", region])
                    w.writerow([when(t), svc, inst, ok - ok // 2, total - total // 2, "", region])
                else:
                    w.writerow([when(t), svc, inst, ok, total, "", region])

    with open(os.path.join(a.out, "usage.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["period", "service", "instance", "monthly_fee", "objects_total", "objects_lost", "vouchers", "coupons",
                    "upfront", "paid"])

        def parts(fee, always_paid=False):
            """Parts of a fee paid with vouchers, coupons or up front (some
            more than the fee), and what was paid (for an instance, some
            months nothing)."""
            part = lambda: rnd.choice(["", "", f"{currency} {fee * rnd.choice([0.1, 0.5, 1.2]):.2f}"])
            paid = rnd.choice(([] if always_paid else [""]) + [f"{currency} {fee:.2f}", f"{currency} {fee * 0.8:.2f}"])
            return [part(), part(), part(), paid]

        # Every month of the years in range: a quarter or a year the range
        # cuts still has a fee for each of its months.
        m = datetime(month_start(a.frm).year, 1, 1)
        while m < datetime(month_start(a.to).year + 1, 1, 1):
            for s in services:
                # Durability counts around a nine-nines target, some months none.
                total = rnd.choice([10**10, 10**9, 0, rnd.randrange(1, 10**12), None])
                lost = rnd.choice([0, 1, 9, 10, 11, 100]) if total else (0 if total == 0 else None)
                lost = min(lost, total) if total is not None and lost is not None else lost
                fee = rnd.randrange(100000, 900000) / 100
                w.writerow([m.strftime("%Y-%m"), s["id"], "", f"{currency} {fee:.2f}",
                            "" if total is None else total, "" if lost is None else lost] + parts(fee, True))
                for inst in instances[:2]:
                    if rnd.random() < 0.7:
                        fee = rnd.randrange(10000, 200000) / 100
                        w.writerow([m.strftime("%Y-%m"), s["id"], inst, f"{currency} {fee:.2f}", "", ""] + parts(fee))
            m = next_month(m)
    metrics(rnd, ir, a.out, a.frm, a.to)


def metrics(rnd, ir, out, frm, to):
    """A figure per objective and month (some months none), in the
    objective's unit, in units slac converts, and in some it does not; at,
    just above and just below the target."""
    with open(os.path.join(out, "metrics.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["period", "objective", "service", "value", "unit"])
        m = month_start(frm)
        while m < next_month(month_start(to)):
            for o in ir["objectives"]:
                if rnd.random() < 0.25:
                    continue
                v = o["value"]
                kind = v["kind"]
                if kind == "duration":
                    unit = rnd.choice(["", "s", "ms", "min", "h", "d", "weeks"])
                    scale = {"": 1, "s": 1, "ms": Decimal("0.001"), "min": 60, "h": 3600, "d": 86400}.get(unit, 1)
                    base = Decimal(v["value"]) / Decimal(scale)
                elif kind == "percent":
                    unit, base = rnd.choice(["", "%", "%", "pct"]), Decimal(v["value"])
                elif kind == "quantity":
                    unit = rnd.choice(["", v["value"]["unit"], v["value"]["unit"], "other"])
                    base = Decimal(v["value"]["number"])
                elif kind == "money":
                    unit, base = rnd.choice(["", ir["header"].get("currency") or ""]), Decimal(v["value"]["amount"])
                else:
                    unit, base = "", Decimal(str(v.get("value", 1)) if not isinstance(v.get("value"), dict) else 1)
                step = rnd.choice([Decimal(0), Decimal("0.001"), Decimal("-0.001"), Decimal(1), Decimal(-1)])
                # Figures as monitoring writes them: at most 6 places.
                value = (base + step).quantize(Decimal("0.000001")).normalize()
                w.writerow([m.strftime("%Y-%m"), o["name"], "", f"{value:f}", unit])
            m = next_month(m)
    # A row for no objective, and one outside the months: noted, not judged.
    with open(os.path.join(out, "metrics.csv"), "a", newline="") as f:
        csv.writer(f).writerows([[frm, "no_such_objective", "", "1", ""], ["1999-01", "x", "", "1", ""]])


if __name__ == "__main__":
    main()
