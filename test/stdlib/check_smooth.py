#!/usr/bin/env python3
"""stdlib/smooth.dgm through Inputs/smooth_model.dgm run by `dgm run` on a CSV
of (a, b, k): values against Python's log1p/exp forms, exact symmetry, the
bounds that make each function tend to the sharp one as k grows, and finite
values (no NaN or inf) at k (a - b) = +-1000 and beyond.

Usage: check_smooth.py DGM INPUTS_DIR WORK_DIR
"""
import csv, math, os, subprocess, sys

dgm, inputs, work = sys.argv[1:4]
os.makedirs(work, exist_ok=True)
LOG2 = math.log(2)
EPS = 2.0 ** -52

cases = []
for a, b in [(0, 0), (1, 1), (3, 2), (2, 3), (-5, 7), (1e-3, -1e-3), (250, 249.9), (-40, -40.5)]:
    for k in [0.01, 0.1, 1, 10, 1e3, 1e6]:
        cases.append((a, b, k))
# k (a - b) = +-1000, +-1e6 and +-1e300: far into the tails.
extreme_at = len(cases)
for a, b, k in [(1000, 0, 1), (0, 1000, 1), (1, 0, 1000), (0, 1, 1000), (1, 0, 1e6),
                (0, 1, 1e6), (1, 0, 1e300), (0, 1, 1e300), (700, -700, 1), (5, 5, 1e300)]:
    cases.append((a, b, k))
forcing = os.path.join(work, "smooth.csv")
with open(forcing, "w") as f:
    f.write("a,b,k\n")
    for c in cases:
        f.write(",".join(repr(float(v)) for v in c) + "\n")
out = os.path.join(work, "out.csv")
subprocess.run([dgm, "run", os.path.join(inputs, "smooth_model.dgm"), "--forcing", forcing,
                "-o", out, "--force"], check=True, stdout=subprocess.DEVNULL)
rows = [{name: float(v) for name, v in r.items()} for r in csv.DictReader(open(out))]

failures = 0
def expect(ok, what):
    global failures
    if not ok:
        failures += 1
        print("FAILED:", what)

def softplus(z):                   # log(1 + e^z), by log1p
    return max(z, 0.0) + math.log1p(math.exp(-abs(z)))

def sigmoid(z):
    return 1 / (1 + math.exp(-z)) if z >= 0 else math.exp(z) / (1 + math.exp(z))

def smax_py(a, b, k):
    return max(a, b) + softplus(-k * abs(a - b)) / k

def smin_py(a, b, k):
    return min(a, b) - softplus(-k * abs(a - b)) / k

expect(len(rows) == len(cases), "one row per case")
worst = 0.0
tails = 0
for (a, b, k), r in zip(cases, rows):
    where = f"a={a} b={b} k={k}"
    expect(all(math.isfinite(v) for v in r.values()), f"{where}: not finite: {r}")
    # Exact symmetry, also in floating point.
    expect(r["smax"] == r["smax_ba"] and r["smin"] == r["smin_ba"], f"{where}: not symmetric")
    hi, lo = max(a, b), min(a, b)
    # Bounds: the sharp value, within log(2)/k (plus rounding).
    slack = 4 * EPS * (abs(hi) + abs(lo) + 1 / k)
    expect(hi - slack <= r["smax"] <= hi + LOG2 / k + slack, f"{where}: smooth_max out of bounds")
    expect(lo - LOG2 / k - slack <= r["smin"] <= lo + slack, f"{where}: smooth_min out of bounds")
    expect(0 <= r["sstep"] <= 1, f"{where}: smooth_step outside [0, 1]")
    # Values against log1p forms, as the dgm functions are written.
    z = k * (a - b)
    want = {"smax": hi + softplus(-k * (hi - lo)) / k,
            "smin": lo - softplus(-k * (hi - lo)) / k,
            "srelu": softplus(z) / k,
            "splus": softplus(z), "splus_neg": softplus(-z),
            "sstep": sigmoid(z), "sstep_neg": sigmoid(-z),
            "sclamp": smin_py(smax_py(a, 0, k), 10, k)}
    for name, w in want.items():
        scale = abs(w) + (1 / k if name in ("smax", "smin", "srelu", "sclamp") else 1)
        e = abs(r[name] - w) / scale
        worst = max(worst, e)
        expect(e <= 4 * EPS, f"{where}: {name} = {r[name]!r}, Python {w!r}")
    # softplus far below 0 is tiny but positive, and keeps its digits
    # (log(1 + e^-40) rounds to 0; log1p(e^-40) is 4.2e-18).
    for name in ("splus", "splus_neg"):
        w = want[name]
        if 0 < w < 1e-6:
            tails += 1
            expect(abs(r[name] - w) <= 4 * EPS * w,
                   f"{where}: {name} = {r[name]!r}, Python {w!r}, relative")
    # Identities: softplus(z) - softplus(-z) = z; step(z) + step(-z) = 1.
    if abs(z) < 1e6:
        expect(abs(r["splus"] - r["splus_neg"] - z) <= 4 * EPS * (abs(z) + 1), f"{where}: softplus identity")
    expect(abs(r["sstep"] + r["sstep_neg"] - 1) <= 2 * EPS, f"{where}: step(z) + step(-z) != 1")
print(f"{len(cases)} cases: worst scaled error vs Python {worst:.1e}")
print(f"softplus tails: {tails} values below 1e-6 within 4 eps relative")

# Ties: smooth_max(a, a, k) = a + log(2)/k, smooth_step(0) = 1/2, softplus(0) = log 2.
for (a, b, k), r in zip(cases, rows):
    if a == b:
        expect(abs(r["smax"] - (a + LOG2 / k)) <= 4 * EPS * (abs(a) + 1 / k), f"tie at {a}, k={k}")
        expect(r["sstep"] == 0.5 and r["splus"] == LOG2, f"tie at {a}: step {r['sstep']}, softplus {r['splus']}")
print("ties: smooth_max = max + log(2)/k, smooth_step = 1/2, softplus = log 2")

# Convergence: for each (a, b), the gap to the sharp max shrinks as k grows
# (never grows) and is below log(2)/k, so it tends to 0.
by_pair = {}
for (a, b, k), r in zip(cases[:extreme_at], rows):
    by_pair.setdefault((a, b), []).append((k, r["smax"] - max(a, b), min(a, b) - r["smin"]))
for (a, b), gaps in by_pair.items():
    gaps.sort()
    up = [g for _, g, _ in gaps]
    down = [g for _, _, g in gaps]
    expect(all(x >= y for x, y in zip(up, up[1:])), f"({a}, {b}): gap grows with k: {up}")
    expect(all(x >= y for x, y in zip(down, down[1:])), f"({a}, {b}): min gap grows with k: {down}")
    k_max, g_max = gaps[-1][0], gaps[-1][1]
    expect(g_max <= LOG2 / k_max + 4 * EPS * abs(max(a, b)), f"({a}, {b}): gap {g_max} at k={k_max}")
print(f"convergence: smooth_max(0, 0, k) - 0 = "
      + ", ".join(f"{g:.3g}" for _, g, _ in sorted(by_pair[(0, 0)])) + f" for k = {[k for k, *_ in sorted(by_pair[(0, 0)])]}")

# The tails: the sharp values, exactly.
for (a, b, k), r in zip(cases[extreme_at:], rows[extreme_at:]):
    z = k * (a - b)
    if abs(z) >= 1000:
        expect(r["sstep"] == (1.0 if z > 0 else 0.0), f"tail k(a-b)={z}: step {r['sstep']}")
        expect(r["smax"] == max(a, b) and r["smin"] == min(a, b), f"tail k(a-b)={z}: max/min")
        expect(r["srelu"] == max(a - b, 0), f"tail k(a-b)={z}: relu {r['srelu']}")
        print(f"k(a-b) = {z:g}: smooth_max {r['smax']:g}, smooth_min {r['smin']:g}, "
              f"smooth_step {r['sstep']:g}, softplus {r['splus']:g}, smooth_clamp {r['sclamp']:g}")

print(f"{failures} failures")
sys.exit(1 if failures else 0)
