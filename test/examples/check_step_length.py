#!/usr/bin/env python3
"""Models with a declared step length (`step 6 h;`, `step 0.25 d;`), run by
`dgm run` on 6-hourly data, against independent Python integrations:

- der(S) = P - k S with `solver euler` and `solver rk4 substeps 2` over steps
  of 6 h (rates per hour): each substep is 6/n hours, checked against Python
  Euler/RK4 (to 1e-13) and, for RK4, the exact solution;
- the same system written per day with `step 0.25 d;` (k and P times 24)
  gives the same storage;
- the model's balance (inflow - outflow) * dt closes to rounding, which it
  only does when dt is the 6 hours;
- a discrete model, S += (P - k S) * dt with `step 6 h;`, against the
  recurrence S' = S + 6 (P - k S).

Usage: check_step_length.py DGM MODEL WORK_DIR   (MODEL: reservoir_ode.dgm)
"""
import csv, math, os, subprocess, sys

dgm, model, work = sys.argv[1:4]
os.makedirs(work, exist_ok=True)
P, k, s0, hours = 0.125, 0.05, 10.0, 6.0
n_steps = 20
with open(os.path.join(work, "p.csv"), "w") as f:
    f.write("date,P\n")
    for t in range(n_steps):
        f.write(f"2000-01-{1 + t // 4:02d}T{6 * (t % 4):02d}:00,{P}\n")
with open(os.path.join(work, "p_per_day.csv"), "w") as f:
    f.write("date,P\n")
    for t in range(n_steps):
        f.write(f"2000-01-{1 + t // 4:02d}T{6 * (t % 4):02d}:00,{24 * P}\n")

def run(name, text, forcing="p.csv"):
    path = os.path.join(work, name + ".dgm")
    open(path, "w").write(text)
    out = subprocess.run([dgm, "run", path, "--forcing", os.path.join(work, forcing),
                          "--states", "-o", "-", "--no-cache"], check=True,
                         capture_output=True, text=True).stdout
    return list(csv.DictReader(out.splitlines()))

source = open(model).read()
def variant(solver, per, step):
    text = source.replace("SOLVER", solver).replace("mm/d", "mm/" + per)
    text = text.replace("1/d", "1/" + per).replace("in [0, 5]", "in [0, 50]")
    text = text.replace("= 0.5;", "= 0.05;" if per == "h" else "= 1.2;")
    return text.replace("model reservoir_ode {", "model reservoir_ode {\n  " + step, 1)

def reference(scheme, substeps):
    S, out, h = s0, [], hours / substeps
    f = lambda s: P - k * s
    for _ in range(n_steps):
        for _ in range(substeps):
            if scheme == "euler":
                S = S + h * f(S)
            else:
                k1 = f(S); k2 = f(S + h / 2 * k1)
                k3 = f(S + h / 2 * k2); k4 = f(S + h * k3)
                S = S + h * (k1 + 2 * k2 + 2 * k3 + k4) / 6
        out.append(S)
    return out

failures = 0
def check(label, ok, detail):
    global failures
    failures += not ok
    print(f"{label}: {'ok' if ok else 'FAILED'} ({detail})")

for solver, scheme, n in (("euler", "euler", 1), ("rk4 substeps 2", "rk4", 2)):
    rows = run(solver.replace(" ", "_"), variant(solver, "h", "step 6 h;"))
    ours = [float(r["S"]) for r in rows]
    worst = max(abs(a - b) / abs(b) for a, b in zip(ours, reference(scheme, n)))
    check(f"{solver}, step 6 h", worst < 1e-13, f"worst rel. {worst:.1e} vs independent")
    balance = max(abs(float(r["balance_error"])) for r in rows)
    check(f"{solver}, balance", balance < 1e-12, f"largest |error| {balance:.1e} mm")
    if scheme == "rk4":
        exact = [P / k + (s0 - P / k) * math.exp(-k * hours * (t + 1)) for t in range(n_steps)]
        err = max(abs(a - b) for a, b in zip(ours, exact))
        check("rk4 vs exact", err < 1e-4, f"max |S - exact| {err:.1e} mm")
        # The same system per day: k 1.2/d, P 3 mm/d, steps of 0.25 d.
        daily = variant(solver, "d", "step 0.25 d;").replace("= 0.05;", "= 1.2;")
        per_day = [float(r["S"]) for r in run("per_day", daily, "p_per_day.csv")]
        worst = max(abs(a - b) / abs(b) for a, b in zip(per_day, ours))
        check("step 0.25 d = step 6 h", worst < 1e-12, f"worst rel. {worst:.1e}")

discrete = """model bucket {
  step 6 h;
  forcing P : mm/h;
  param k : 1/h in [0, 1] = 0.05;
  state S : mm = 10;
  output Q : mm/h;
  step {
    Q = k * S;
    S += (P - Q) * dt;
  }
}
"""
ours = [float(r["S"]) for r in run("bucket", discrete)]
S, ref = s0, []
for _ in range(n_steps):
    S = S + hours * (P - k * S)
    ref.append(S)
worst = max(abs(a - b) / abs(b) for a, b in zip(ours, ref))
check("discrete, step 6 h", worst < 1e-13, f"worst rel. {worst:.1e} vs the recurrence")
print(f"{failures} failures")
sys.exit(1 if failures else 0)
