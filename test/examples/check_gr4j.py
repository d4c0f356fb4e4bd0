#!/usr/bin/env python3
"""An independent GR4J (Perrin et al. 2003) in plain Python, written the way
airGR's Fortran code is (unit-hydrograph state vectors shifted each day,
rather than a convolution), compared with examples/gr4j/gr4j.dgm run by
`dgm run` for several parameter sets over 3 years of real forcing.

Usage: check_gr4j.py DGM EXAMPLES_DIR WORK_DIR
"""
import csv, math, os, random, subprocess, sys

dgm, examples, work = sys.argv[1:4]
os.makedirs(work, exist_ok=True)
rows = list(csv.DictReader(open(os.path.join(examples, "data", "01031500_daily.csv"))))[:3 * 365]
forcing = os.path.join(work, "forcing.csv")
with open(forcing, "w") as f:
    f.write("P,PET\n")
    for r in rows:
        f.write(f"{r['P']},{r['PET']}\n")
P = [float(r["P"]) for r in rows]
E = [float(r["PET"]) for r in rows]

def ss1(i, x4):
    if i <= 0: return 0.0
    if i < x4: return (i / x4) ** 2.5
    return 1.0

def ss2(i, x4):
    if i <= 0: return 0.0
    if i < x4: return 0.5 * (i / x4) ** 2.5
    if i < 2 * x4: return 1 - 0.5 * (2 - i / x4) ** 2.5
    return 1.0

def gr4j(x1, x2, x3, x4, s0, r0):
    nh = 20
    ord1 = [ss1(i + 1, x4) - ss1(i, x4) for i in range(nh)]
    ord2 = [ss2(i + 1, x4) - ss2(i, x4) for i in range(2 * nh)]
    st1 = [0.0] * nh; st2 = [0.0] * (2 * nh)
    S, R = s0, r0
    out = []
    for p, e in zip(P, E):
        if p >= e:
            pn, en = p - e, 0.0
            ws = math.tanh(pn / x1)
            ps = x1 * (1 - (S / x1) ** 2) * ws / (1 + S / x1 * ws)
            es = 0.0
        else:
            pn, en = 0.0, e - p
            ws = math.tanh(en / x1)
            es = S * (2 - S / x1) * ws / (1 + (1 - S / x1) * ws)
            ps = 0.0
        S = S - es + ps
        perc = S * (1 - (1 + (4 / 9 * S / x1) ** 4) ** -0.25)
        S -= perc
        ae = es + min(p, e)
        pr = perc + (pn - ps)
        # Unit hydrographs: shift the state vectors and add the new input.
        for k in range(nh - 1):
            st1[k] = st1[k + 1] + ord1[k] * 0.9 * pr
        st1[nh - 1] = ord1[nh - 1] * 0.9 * pr
        for k in range(2 * nh - 1):
            st2[k] = st2[k + 1] + ord2[k] * 0.1 * pr
        st2[2 * nh - 1] = ord2[2 * nh - 1] * 0.1 * pr
        q9, q1 = st1[0], st2[0]
        exch = x2 * (R / x3) ** 3.5
        R = max(0.0, R + q9 + exch)
        qr = R * (1 - (1 + (R / x3) ** 4) ** -0.25)
        R -= qr
        qd = max(0.0, q1 + exch)
        out.append((qr + qd, ae, S, R))
    return out

rng = random.Random(42)
worst = 0.0
failures = 0
for case in range(8):
    x1, x2 = rng.uniform(50, 1500), rng.uniform(-5, 3)
    x3, x4 = rng.uniform(10, 400), rng.uniform(0.5, 4.5)
    s0, r0 = rng.uniform(0, x1), rng.uniform(0, x3)
    # The last two cases take the model's own initial stores, half full
    # (S = X1 / 2, R = X3 / 2, computed from the parameters), with a small
    # X1 that a constant initial S would overfill.
    own_init = case >= 6
    if own_init:
        x1 = rng.uniform(50, 150)
        s0, r0 = 0.5 * x1, 0.5 * x3
    out = os.path.join(work, f"case{case}.csv")
    init = [] if own_init else ["--init", f"S={s0!r}", "--init", f"R={r0!r}"]
    subprocess.run([dgm, "run", os.path.join(examples, "gr4j", "gr4j.dgm"),
                    "--forcing", forcing, "--states", "-o", out, "--force",
                    "--param", f"X1={x1!r}", "--param", f"X2={x2!r}",
                    "--param", f"X3={x3!r}", "--param", f"X4={x4!r}"] + init,
                   check=True, stdout=subprocess.DEVNULL)
    ours = list(csv.DictReader(open(out)))
    ref = gr4j(x1, x2, x3, x4, s0, r0)
    case_worst = 0.0
    for got, want in zip(ours, ref):
        for name, w in zip(("Q", "AE", "S", "R"), want):
            g = float(got[name])
            err = abs(g - w) / max(abs(w), 1e-300) if abs(w) > 1e-12 else abs(g - w)
            case_worst = max(case_worst, err)
    ok = len(ours) == len(ref) and case_worst <= 1e-12
    failures += not ok
    worst = max(worst, case_worst)
    print(f"case {case}: X4={x4:.3f} {'ok' if ok else 'MISMATCH'} (worst rel. error {case_worst:.1e})")
print(f"{failures} failures; worst relative error {worst:.1e}")
sys.exit(1 if failures else 0)
