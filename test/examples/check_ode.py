#!/usr/bin/env python3
"""der(S) = P - k S integrated by `solver euler`, `solver rk4` and `solver rk4
substeps N` (test/examples/Inputs/reservoir_ode.dgm), against an independent
Python Euler/RK4 (to 1e-13) and, for RK4, the exact solution
S(t) = P/k + (S0 - P/k) exp(-k t) (error shrinking as h^4).

Usage: check_ode.py DGM MODEL WORK_DIR
"""
import csv, math, os, subprocess, sys

dgm, model, work = sys.argv[1:4]
os.makedirs(work, exist_ok=True)
P = [3.0] * 20
k, s0 = 0.5, 10.0
with open(os.path.join(work, "p.csv"), "w") as f:
    f.write("P\n" + "".join(f"{p}\n" for p in P))

def run(solver):
    src = open(model).read().replace("SOLVER", solver)
    path = os.path.join(work, solver.replace(" ", "_") + ".dgm")
    open(path, "w").write(src)
    out = subprocess.run([dgm, "run", path, "--forcing", os.path.join(work, "p.csv"),
                          "--states", "-o", "-", "--no-cache"], check=True,
                         capture_output=True, text=True).stdout
    return [(float(r["S"]), float(r["Q"])) for r in csv.DictReader(out.splitlines())]

def reference(scheme, substeps):
    S, out, h = s0, [], 1.0 / substeps
    f = lambda s, p: p - k * s
    for p in P:
        qsum = 0.0
        for _ in range(substeps):
            if scheme == "euler":
                qsum += k * S
                S = S + h * f(S, p)
            else:
                k1 = f(S, p); k2 = f(S + h / 2 * k1, p)
                k3 = f(S + h / 2 * k2, p); k4 = f(S + h * k3, p)
                qsum += k * (S + (S + h / 2 * k1) * 2 + (S + h / 2 * k2) * 2 + (S + h * k3)) / 6
                S = S + h * (k1 + 2 * k2 + 2 * k3 + k4) / 6
        out.append((S, qsum / substeps))
    return out

failures = 0
exact = [P[0] / k + (s0 - P[0] / k) * math.exp(-k * (t + 1)) for t in range(len(P))]
errors = {}
for solver, scheme, n in (("euler", "euler", 1), ("rk4", "rk4", 1),
                          ("rk4 substeps 2", "rk4", 2), ("rk4 substeps 4", "rk4", 4)):
    ours, ref = run(solver), reference(scheme, n)
    worst = max(max(abs(a - b) / abs(b) for a, b in zip(o, r)) for o, r in zip(ours, ref))
    ok = worst < 1e-13
    failures += not ok
    errors[solver] = max(abs(o[0] - e) for o, e in zip(ours, exact))
    print(f"{solver}: {'ok' if ok else 'MISMATCH'} vs independent (worst rel. {worst:.1e}); "
          f"max |S - exact| {errors[solver]:.2e}")
# Fourth order: halving h divides the error by about 16.
ratio = errors["rk4 substeps 2"] / errors["rk4 substeps 4"]
print(f"rk4 error ratio h/2 -> h/4: {ratio:.1f} ({'ok' if 12 < ratio < 20 else 'NOT 4th ORDER'})")
failures += not (12 < ratio < 20)
print(f"{failures} failures")
sys.exit(1 if failures else 0)
