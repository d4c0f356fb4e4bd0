#!/usr/bin/env python3
"""stdlib/routing.dgm's unit hydrographs through Inputs/routing_model.dgm run
by `dgm run`: an impulse comes out as the kernels' ordinates.

- triangle_uh(k, MAXBAS): for several MAXBAS (whole, half and odd), the
  ordinates sum to 1 without normalisation, and each equals a direct
  numerical integration of the triangular density over [k, k + 1]
  (Simpson's rule on the pieces between the kinks, exact for a piecewise
  linear function).
- gamma_uh(t, alpha, theta): the gamma density at t = k + 0.5, against
  Python's math.gamma.

Usage: check_routing.py DGM INPUTS_DIR WORK_DIR
"""
import csv, math, os, subprocess, sys

dgm, inputs, work = sys.argv[1:4]
os.makedirs(work, exist_ok=True)
N = 12                                 # the kernels' length in the model
STEPS = 16
forcing = os.path.join(work, "impulse.csv")
with open(forcing, "w") as f:
    f.write("impulse\n" + "1\n" + "0\n" * (STEPS - 1))

def run(params, name):
    out = os.path.join(work, name + ".csv")
    args = [dgm, "run", os.path.join(inputs, "routing_model.dgm"), "--forcing", forcing,
            "-o", out, "--force"]
    for k, v in params.items():
        args += ["--param", f"{k}={v!r}"]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    return [{k: float(v) for k, v in r.items()} for r in csv.DictReader(open(out))]

def triangle_density(t, m):
    """The triangle of area 1 on [0, m], peak 2/m at m/2."""
    if t <= 0 or t >= m:
        return 0.0
    return 4 / m**2 * (t if t <= m / 2 else m - t)

def integrate(f, lo, hi, kinks):
    points = sorted({lo, hi, *[x for x in kinks if lo < x < hi]})
    total = 0.0
    for x0, x1 in zip(points, points[1:]):
        total += (x1 - x0) / 6 * (f(x0) + 4 * f((x0 + x1) / 2) + f(x1))
    return total

failures = 0
for m in [0.5, 1, 1.7, 2, 2.5, 3, 4.7, 6, 7.25, 11.9]:
    rows = run({"MAXBAS": m}, f"tri_{m}")
    got = [r["tri"] for r in rows]
    want = [integrate(lambda t: triangle_density(t, m), k, k + 1, [m / 2, m]) for k in range(STEPS)]
    worst = max(abs(g - w) for g, w in zip(got, want))
    total = sum(got)
    ok = len(got) == STEPS and abs(total - 1) <= 1e-14 and worst <= 1e-14
    ok = ok and all(g == 0 for g in got[math.ceil(m):])   # nothing after the base
    failures += not ok
    print(f"MAXBAS={m}: sum {total!r}, worst |dgm - integral| {worst:.1e}, "
          f"ordinates {', '.join(f'{g:.4f}' for g in got[:math.ceil(m)])} {'ok' if ok else 'MISMATCH'}")

for alpha, theta in [(2.5, 1.5), (0.6, 3.0), (1.0, 1.0), (4.0, 0.7)]:
    rows = run({"alpha": alpha, "theta": theta}, f"gamma_{alpha}_{theta}")
    got = [r["gam"] for r in rows]
    want = [(k + 0.5) ** (alpha - 1) * math.exp(-(k + 0.5) / theta) / (math.gamma(alpha) * theta**alpha)
            if k < N else 0.0 for k in range(STEPS)]
    worst = max(abs(g - w) / max(abs(w), 1e-300) for g, w in zip(got, want) if w)
    ok = worst <= 1e-12 and all(g == 0 for g in got[N:])
    failures += not ok
    print(f"gamma_uh alpha={alpha} theta={theta}: worst rel. error {worst:.1e} {'ok' if ok else 'MISMATCH'}")

print(f"{failures} failures")
sys.exit(1 if failures else 0)
