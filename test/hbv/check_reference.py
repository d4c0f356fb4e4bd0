#!/usr/bin/env python3
"""Runs examples/hbv with `dgm run` on every forward case of
test/reference/hbv_01031500.json and compares the daily unrouted and routed
flow and the routed sum.

The reference stores its daily series rounded to 12 decimal places, so a
value may differ from it by that rounding (5e-13) plus a relative 1e-9; the
sums are stored unrounded and must agree to a relative 1e-9. With
--precision f32 the tolerance is a relative 1e-4.

Usage: check_reference.py DGM EXAMPLES_DIR REFERENCE_JSON WORK_DIR [--precision f32]
"""
import csv
import json
import os
import subprocess
import sys

dgm, examples, reference, work = sys.argv[1:5]
precision = sys.argv[6] if len(sys.argv) > 6 and sys.argv[5] == "--precision" else "f64"
os.makedirs(work, exist_ok=True)

# The forcings, from the source file (not the CSV made from it).
source = os.path.join(examples, "data", "rrmpg_01031500",
                      "01031500_05_model_output.txt")
with open(source) as f:
    header = f.readline().split()
    col = {name: i for i, name in enumerate(header)}
    rows = [line.split() for line in f if line.strip()]

failures = 0
for case in json.load(open(reference))["cases"]:
    name = case["name"]
    first, warmup, days = case["start_row"], case["warmup_days"], case["days"]
    window = os.path.join(work, name + ".csv")
    with open(window, "w") as f:
        f.write("P,T,PET\n")
        for r in rows[first:first + warmup + days]:
            f.write(f"{r[col['PRCP']]},{r[col['TAIR']]},{r[col['PET']]}\n")
    model = "hbv_1_1p.dgm" if "1_1p" in name else "hbv.dgm"
    params = dict(case["params"])
    if not case["betaet_exponent"]:
        params["BETAET"] = 1.0  # the variant without the exponent
    params["route_a"], params["route_b"] = case["route_ab"]
    out = os.path.join(work, name + ".out.csv")
    cmd = [dgm, "run", os.path.join(examples, "hbv", model), "--forcing",
           window, "--components", "1", "--warmup", str(warmup), "-o", out,
           "--force"]
    if precision != "f64":
        cmd += ["--precision", precision]
    for key, value in params.items():
        cmd += ["--param", f"{key}={value!r}"]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    with open(out) as f:
        results = list(csv.DictReader(f))
    if len(results) != days:
        print(f"{name}: {len(results)} rows, expected {days}")
        failures += 1
        continue
    rel = 1e-9 if precision == "f64" else 1e-4
    before = failures
    worst = {}
    for column, key in (("Q_unrouted", "q_unrouted"), ("Q", "q_routed")):
        ours = [float(r[column]) for r in results]
        errors = [abs(a - b) - 5e-13 - rel * abs(b)
                  for a, b in zip(ours, case[key])]
        bad = sum(e > 0 for e in errors)
        worst[column] = max(abs(a - b) / abs(b) for a, b in zip(ours, case[key]))
        if bad:
            print(f"{name}: {column} differs from the reference on {bad} days")
            failures += 1
    total = sum(float(r["Q"]) for r in results)
    sum_rel = abs(total - case["routed_sum"]) / abs(case["routed_sum"])
    if sum_rel > rel:
        print(f"{name}: routed sum {total!r}, reference {case['routed_sum']!r}")
        failures += 1
    print(f"{name}: ok={'no' if failures > before else 'yes'} sum rel. error "
          f"{sum_rel:.1e}, worst daily rel. error Q_unrouted "
          f"{worst['Q_unrouted']:.1e} Q {worst['Q']:.1e}")
print(f"{failures} failures")
sys.exit(1 if failures else 0)
