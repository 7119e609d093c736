#!/usr/bin/env python3
"""Run compare.py over every case of tests/eval/ that reads CSV files: each
contract the SQL accepts must give the report's ledgers exactly; each it
refuses is listed with the clause it names. Exit 1 on any difference.

    eval_cases.py SLAC [CASE ...]
"""
import os
import subprocess
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
INPUTS = ["incidents", "maintenance", "probes", "usage", "metrics"]


def main():
    slac = sys.argv[1]
    only = sys.argv[2:]
    base = os.path.join(ROOT, "tests", "eval")
    failed, compared, refused, stops, without_tiers = [], 0, [], [], []
    for case in sorted(os.listdir(base)):
        d = os.path.join(base, case)
        if only and case not in only or not os.path.isfile(os.path.join(d, "case.toml")):
            continue
        with open(os.path.join(d, "case.toml"), "rb") as f:
            cfg = tomllib.load(f)
        # Bad rows and extra holiday files are `slac eval`'s to judge.
        if cfg.get("skip_bad_rows") or cfg.get("holidays") or "as_of" not in cfg:
            continue
        files = {}
        for name in INPUTS:
            if os.path.exists(os.path.join(d, f"{name}.csv")):
                files[name] = os.path.join(d, f"{name}.csv")
        contracts = [os.path.join(ROOT, cfg["contract"])] if "contract" in cfg else [
            os.path.join(d, f) for f in sorted(os.listdir(d)) if f.startswith("contract") and f.endswith(".sla")]
        for contract in contracts:
            cmd = [sys.executable, os.path.join(HERE, "compare.py"), slac, contract,
                   "--from", cfg["from"], "--to", cfg["to"], "--as-of", cfg["as_of"]]
            for name, path in files.items():
                cmd += [f"--{name}", path]
            if cfg.get("contract_value"):
                cmd += ["--contract-value", cfg["contract_value"]]
            r = subprocess.run(cmd, capture_output=True, text=True)
            rel = os.path.relpath(contract, ROOT)
            # Tier clocks the SQL cannot compute (pauses, business-day
            # rules) are left out, so the rest of the contract is compared.
            if r.returncode == 3 and "--leave-out tiers" in r.stderr:
                r = subprocess.run(cmd + ["--leave-out", "tiers"], capture_output=True, text=True)
                if r.returncode == 0:
                    without_tiers.append(rel)
            if r.returncode == 3:
                first = next((l.strip() for l in r.stderr.splitlines() if "cannot compute" in l), "refused")
                refused.append(f"{rel}: {first}")
            elif r.returncode == 4:
                stops.append(f"{rel}: {r.stderr.strip()[:160]}")
            elif r.returncode == 0:
                compared += 1
            else:
                failed.append(rel)
                print(f"== {rel}\n{r.stdout}{r.stderr}")
    for line in without_tiers:
        print("equal with tiers left out", line)
    for line in refused:
        print("refused", line)
    for line in stops:
        print("eval stops", line)
    print(f"tests/eval: {compared} contracts equal ({len(without_tiers)} with tiers left out), {len(refused)} refused, {len(failed)} different")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
