#!/usr/bin/env python3
"""stdlib/units.dgm's conversions through Inputs/units_model.dgm run by
`dgm run`, against the same arithmetic in Python (exact foot: 0.3048 m).

Usage: check_units.py DGM INPUTS_DIR WORK_DIR
"""
import csv, os, subprocess, sys

dgm, inputs, work = sys.argv[1:4]
os.makedirs(work, exist_ok=True)
cases = [(1.0, 1.0, 1.0, 86400.0), (3530.0, 100.0, 573.6, 31185.97),
         (0.01, 2.5e-4, 0.5, 43200.0), (1e5, 2831.7, 2.5e4, 3600.0)]
forcing = os.path.join(work, "forcing.csv")
with open(forcing, "w") as f:
    f.write("q_cfs,q_m3s,area,dayl\n")
    for c in cases:
        f.write(",".join(repr(v) for v in c) + "\n")
out = os.path.join(work, "out.csv")
subprocess.run([dgm, "run", os.path.join(inputs, "units_model.dgm"), "--forcing", forcing,
                "-o", out, "--force"], check=True, stdout=subprocess.DEVNULL)
rows = [{k: float(v) for k, v in r.items()} for r in csv.DictReader(open(out))]
failures = 0
worst = 0.0
for (q_cfs, q_m3s, area, dayl), r in zip(cases, rows):
    mm = q_m3s * 86400 / (area * 1e6) * 1000
    want = {"from_cfs": q_cfs * 0.3048**3 * 86400 / (area * 1e6) * 1000,
            "from_m3s": mm, "back": q_m3s, "hours": dayl / 3600, "depth_m": mm / 1000}
    for k, w in want.items():
        e = abs(r[k] - w) / abs(w)
        worst = max(worst, e)
        if e > 1e-15:
            failures += 1
            print(f"FAILED: {k} = {r[k]!r}, Python {w!r}")
# 1 ft^3/s over 1 km^2 is 2.4466 mm/d (0.3048^3 * 86400 / 1e6 * 1000).
print(f"1 cfs over 1 km^2: {rows[0]['from_cfs']!r} mm/d; 1 m^3/s: {rows[0]['from_m3s']!r} mm/d")
print(f"{len(rows)} rows; worst rel. error {worst:.1e}; {failures} failures")
sys.exit(1 if failures or len(rows) != len(cases) else 0)
