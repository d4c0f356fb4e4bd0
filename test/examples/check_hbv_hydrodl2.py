#!/usr/bin/env python3
"""bench/models/hbv_hydrodl2.dgm, the benchmark's δHBV with every series that
hydroDL2's Hbv returns, checked without PyTorch. Its per-component series
are `internal` (summed into the means as the step runs, never written); a
copy without `internal` writes them, so that:

  - the copy is examples/hbv/hbv.dgm: the same parameters give the same Qc,
    ETc, Q_unrouted, ET and Q, bit for bit;
  - each basin series of the copy is what it says: the mean of its
    per-component series (to 1e-12), PET_mean is the forcing PET, and
    Q0_routed, Q1_routed and Q2_routed are the unrouted means convolved with
    the gamma unit hydrograph of HBV.md, computed here independently
    (math.lgamma), to 1e-12; Q0 + Q1 + Q2 = Q per component, so the routed
    parts add up to Q;
  - the model itself, with `internal`, writes no per-component series but
    balance_error, and the same basin series as the copy, bit for bit.

bench/check_same_inputs.py --style hydrodl2 compares all of them with the
PyTorch port of hydroDL2's code (it needs python3-torch).

Usage: check_hbv_hydrodl2.py DGM SRC_ROOT WORK_DIR
"""
import csv, math, os, subprocess, sys

dgm, root, work = sys.argv[1:4]
os.makedirs(work, exist_ok=True)
forcing = os.path.join(root, "examples", "data", "01031500_daily.csv")
rows = list(csv.DictReader(open(forcing)))[:3 * 365]
days = os.path.join(work, "forcing.csv")
with open(days, "w") as f:
    f.write("P,T,PET\n")
    for r in rows:
        f.write(f"{r['P']},{r['T']},{r['PET']}\n")

# Away from the defaults: snow (TT), fast flow (UZL), a UH that is not the default.
params = ["TT=1.5", "UZL=10", "BETA=2.2", "BETAET=1.7", "route_a=0.9", "route_b=2.1"]
NC = 4


def run(model, name):
    out = os.path.join(work, name + ".csv")
    cmd = [dgm, "run", model, "--forcing", days, "--components", str(NC), "-o", out,
           "--force"]
    for p in params:
        cmd += ["--param", p]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    table = list(csv.DictReader(open(out)))
    return {k: [float(r[k]) for r in table] for k in table[0] if k != "date"}


model = os.path.join(root, "bench", "models", "hbv_hydrodl2.dgm")
copy = os.path.join(work, "hbv_hydrodl2_written.dgm")
with open(model) as f, open(copy, "w") as g:
    g.write(f.read().replace("internal output", "output"))
internal = run(model, "hydrodl2")
full = run(copy, "hydrodl2_written")
base = run(os.path.join(root, "examples", "hbv", "hbv.dgm"), "hbv")
failures = 0


def report(what, ok, detail=""):
    global failures
    failures += not ok
    print(f"{what}: {'ok' if ok else 'FAIL'} {detail}")


same = [k for k in base if base[k] != full[k]]
report(f"same as hbv.dgm ({len(base)} columns)", not same, ",".join(same[:5]))


def close(a, b, tol=1e-12):
    scale = max(max(abs(x) for x in b), 1e-300)
    err = max(abs(x - y) for x, y in zip(a, b)) / scale
    return err <= tol, f"max rel. error {err:.1e}"


def comp_mean(name):
    cols = [full[f"{name}[{c}]"] for c in range(NC)]
    return [sum(col[t] for col in cols) / NC for t in range(len(rows))]


for basin, comp in (("Q0_unrouted", "Q0c"), ("Q1_unrouted", "Q1c"), ("Q2_unrouted", "Q2c"),
                    ("SWE", "SWEc"), ("recharge_mean", "rechargec"), ("excess_mean", "excessc"),
                    ("evapfactor_mean", "evapfactorc"), ("tosoil_mean", "tosoilc"),
                    ("perc_mean", "percc")):
    ok, detail = close(full[basin], comp_mean(comp))
    report(f"{basin} = mean({comp})", ok, detail)
report("PET_mean = PET", full["PET_mean"] == [float(r["PET"]) for r in rows])

# The gamma unit hydrograph of HBV.md: 15 ordinates at k + 0.5, normalised.
a, b = 0.9 + 0.1, 2.1 + 0.5
w = [math.exp((a - 1) * math.log(k + 0.5) - (k + 0.5) / b - math.lgamma(a) - a * math.log(b))
     for k in range(15)]
w = [x / sum(w) for x in w]
for part in ("Q0", "Q1", "Q2"):
    q = full[f"{part}_unrouted"]
    routed = [sum(w[k] * q[t - k] for k in range(15) if t - k >= 0) for t in range(len(q))]
    ok, detail = close(full[f"{part}_routed"], routed)
    report(f"{part}_routed = UH * {part}_unrouted", ok, detail)
ok, detail = close([x + y + z for x, y, z in zip(full["Q0_routed"], full["Q1_routed"],
                                                 full["Q2_routed"])], full["Q"])
report("Q0_routed + Q1_routed + Q2_routed = Q", ok, detail)
per_component = sorted({k.split("[")[0] for k in internal if "[" in k})
report("internal: no per-component series but balance_error",
       per_component == ["balance_error"], ",".join(per_component))
differ = [k for k in internal if internal[k] != full[k]]
report(f"internal: the same {len(internal)} columns as without",
       not differ and set(full) - set(internal) == {k for k in full if "[" in k
                                                       and not k.startswith("balance")},
       ",".join(differ[:5]))
snow = sum(1 for x in full["SWE"] if x > 1)
report("some snow", snow > 0, f"({snow} days with SWE > 1 mm)")
print(f"{failures} failures")
sys.exit(1 if failures else 0)
