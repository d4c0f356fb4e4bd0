#!/usr/bin/env python3
"""stdlib/pet.dgm against an independent FAO-56 in plain Python and against
the runtime's PET series (runtime/lib/Evapotranspiration.cpp, the PET column
of `dgm run --camels`).

1. CAMELS: Inputs/pet_camels.dgm run by `dgm run --camels` on every basin of
   examples/data/camels_us; its Ra, N, Hargreaves and Hamon outputs are
   compared, day by day, with Python's from the Daymet file itself (latitude
   from its first line, Tmin, Tmax and dayl from its columns), and its
   Hargreaves PET with the runtime's.
2. A grid: Inputs/pet_units.dgm (every input with a unit) on a CSV of
   latitudes from -90 to 90 and every day of the year, including the polar
   day and night, against the same Python, and the FAO-56 worked examples.

Usage: check_pet.py DGM INPUTS_DIR EXAMPLES_DIR WORK_DIR
"""
import csv, math, os, subprocess, sys

dgm, inputs, examples, work = sys.argv[1:5]
os.makedirs(work, exist_ok=True)
camels = os.path.join(examples, "data", "camels_us")
TOL = 1e-12

#===--- An independent FAO-56 (Allen et al. 1998) -------------------------===#

def ra_n(lat, j):
    """Extraterrestrial radiation (eqs. 21-25), MJ m-2 d-1, and the daylight
    hours N (eq. 34). The angles are computed in the order of the runtime's
    C++ (2 pi J / 365, not FAO-56's 2 pi / 365 J): near the poles at the
    equinoxes acos is ill-conditioned (argument near -1), and one rounding
    of a different order moves omega_s there by 1e-12 relative."""
    phi = lat * math.pi / 180
    dr = 1 + 0.033 * math.cos(2 * math.pi * j / 365)
    delta = 0.409 * math.sin(2 * math.pi * j / 365 - 1.39)
    x = -math.tan(phi) * math.tan(delta)
    ws = math.acos(min(max(x, -1.0), 1.0))       # polar day: pi, night: 0
    gsc = 0.0820                                 # MJ m-2 min-1
    ra = 24 * 60 / math.pi * gsc * dr * (ws * math.sin(phi) * math.sin(delta)
                                         + math.cos(phi) * math.cos(delta) * math.sin(ws))
    return max(ra, 0.0), 24 / math.pi * ws, dr, delta, ws

def hargreaves(tmin, tmax, ra):
    """Hargreaves & Samani (1985), FAO-56 eq. 52, Ra as mm/d by 0.408."""
    tmean = (tmin + tmax) / 2
    return max(0.0023 * (tmean + 17.8) * math.sqrt(max(tmax - tmin, 0.0)) * 0.408 * ra, 0.0)

def hamon(t, n):
    """Haith & Shoemaker (1987) as in Lu et al. (2005), k = 1."""
    es = 6.108 * math.exp(17.27 * t / (t + 237.3))    # hPa
    rho = 216.7 * es / (t + 273.3)                    # g m-3
    return 0.1651 * (n / 12) * rho

def day_of_year(y, m, d):
    import datetime
    return datetime.date(y, m, d).timetuple().tm_yday

def rel(got, want):
    if want == 0:
        return abs(got)
    return abs(got - want) / abs(want)

failures = 0
def expect(ok, what):
    global failures
    if not ok:
        failures += 1
        print("FAILED:", what)

def run(model, args, out):
    subprocess.run([dgm, "run", os.path.join(inputs, model), *args, "-o", out, "--force"],
                   check=True, stdout=subprocess.DEVNULL)
    return list(csv.DictReader(open(out)))

#===--- 1. CAMELS basins --------------------------------------------------===#

forcing_dir = os.path.join(camels, "basin_mean_forcing", "daymet")
basins = sorted(f[:8] for f in os.listdir(forcing_dir) if f.endswith("_forcing_leap.txt"))
for gauge in basins:
    lines = open(os.path.join(forcing_dir, gauge + "_lump_cida_forcing_leap.txt")).read().splitlines()
    lat = float(lines[0])
    header = lines[3].split()
    col = {name: i for i, name in enumerate(header)}
    days = {}
    for line in lines[4:]:
        f = line.split()
        y, m, d = int(f[0]), int(f[1]), int(f[2])
        days[f"{y:04d}-{m:02d}-{d:02d}"] = (day_of_year(y, m, d), float(f[col["tmin(C)"]]),
                                            float(f[col["tmax(C)"]]), float(f[col["dayl(s)"]]))
    rows = run("pet_camels.dgm", ["--camels", camels, "--basin", gauge],
               os.path.join(work, f"camels_{gauge}.csv"))
    worst = {k: 0.0 for k in ("Ra", "N", "hargreaves", "hamon", "hamon_dayl", "runtime")}
    identical = 0
    for r in rows:
        j, tmin, tmax, dayl = days[r["date"]]
        ra, n, *_ = ra_n(lat, j)
        t = 0.5 * (tmax + tmin)
        want = {"Ra": ra, "N": n, "hargreaves": hargreaves(tmin, tmax, ra),
                "hamon": hamon(t, n), "hamon_dayl": hamon(t, dayl / 3600)}
        got = {"Ra": float(r["Ra"]), "N": float(r["N"]), "hargreaves": float(r["hargreaves_pet"]),
               "hamon": float(r["hamon_pet"]), "hamon_dayl": float(r["hamon_dayl"])}
        for k in want:
            worst[k] = max(worst[k], rel(got[k], want[k]))
        runtime = float(r["PET_runtime"])
        worst["runtime"] = max(worst["runtime"], rel(got["hargreaves"], runtime))
        identical += got["hargreaves"] == runtime
    ok = len(rows) == len(days) and all(w <= TOL for w in worst.values())
    expect(ok, f"basin {gauge}: {worst}")
    print(f"basin {gauge} (lat {lat}): {len(rows)} days {'ok' if ok else 'MISMATCH'}; "
          f"worst rel. error vs Python: Ra {worst['Ra']:.1e}, N {worst['N']:.1e}, "
          f"Hargreaves {worst['hargreaves']:.1e}, Hamon {worst['hamon']:.1e}, "
          f"Hamon(dayl) {worst['hamon_dayl']:.1e}; vs the runtime's PET {worst['runtime']:.1e} "
          f"({identical} of {len(rows)} identical)")

#===--- 2. A grid of latitudes and days, and the worked examples ----------===#

cases = []
for lat in [-90, -89.5, -75, -66.6, -45, -20, -0.5, 0, 10, 23.44, 44.82, 60, 66.5, 70, 80, 89.9, 90]:
    for j in range(1, 367):
        tmin = -25 + (j * 7 + int(lat)) % 40          # a spread of temperatures,
        tmax = tmin + (j * 3) % 17 - 2                # ranges from -2 to 14 degC
        cases.append((lat, j, tmin, tmax))
examples_at = len(cases)
cases += [(-20, 246, 20, 30),      # FAO-56 examples 8 and 9; Hargreaves by hand
          (0, 100, 20, 20),        # the equator: N = 12 h; Hamon by hand at 20 degC
          (80, 355, 0, 10),        # polar night
          (80, 172, 0, 10),        # polar day
          (45, 200, -30, -20),     # Tmean < -17.8 degC: Hargreaves clamped at 0
          (45, 200, 15, 10)]       # Tmax < Tmin: no range, no evaporation
grid = os.path.join(work, "grid.csv")
with open(grid, "w") as f:
    f.write("latitude,doy,Tmin,Tmax\n")
    for c in cases:
        f.write(",".join(repr(float(v)) for v in c) + "\n")
rows = run("pet_units.dgm", ["--forcing", grid], os.path.join(work, "grid_out.csv"))
expect(len(rows) == len(cases), "grid: row count")
worst = 0.0
for (lat, j, tmin, tmax), r in zip(cases, rows):
    ra, n, dr, delta, ws = ra_n(lat, j)
    want = {"dr": dr, "delta": delta, "ws": ws, "Ra": ra, "N": n,
            "PET_hargreaves": hargreaves(tmin, tmax, ra),
            "PET_hamon": hamon((tmin + tmax) / 2, n),
            "PET_hamon_lu": 1.2 * hamon((tmin + tmax) / 2, n)}
    for k, w in want.items():
        e = rel(float(r[k]), w)
        worst = max(worst, e)
        if e > TOL:
            expect(False, f"grid lat {lat} day {j}: {k} = {r[k]}, Python {w!r}")
print(f"grid: {len(cases)} cases (latitudes -90..90, days 1..366); "
      f"worst rel. error vs Python {worst:.1e}")

ex = {name: float(v) for name, v in rows[examples_at].items()}
def near(name, got, want, tol):
    ok = abs(got - want) <= tol
    expect(ok, f"{name}: {got!r}, expected {want} +- {tol}")
    print(f"{name}: {got:.6f} (expected {want} +- {tol}) {'ok' if ok else 'WRONG'}")
near("FAO-56 ex. 8 dr", ex["dr"], 0.985, 0.0005)
near("FAO-56 ex. 8 delta", ex["delta"], 0.120, 0.0005)
near("FAO-56 ex. 8 omega_s", ex["ws"], 1.527, 0.0005)
near("FAO-56 ex. 8 Ra", ex["Ra"], 32.2, 0.05)
near("FAO-56 ex. 9 N", ex["N"], 11.7, 0.05)
near("Hargreaves at ex. 8, Tmin 20, Tmax 30", ex["PET_hargreaves"], 4.0889, 0.0005)
eq = {name: float(v) for name, v in rows[examples_at + 1].items()}
near("equator N", eq["N"], 12.0, 1e-12)
near("Hamon at 20 degC, N = 12 h", eq["PET_hamon"], 2.8523, 0.0005)
near("Hamon with k = 1.2", eq["PET_hamon_lu"], 1.2 * 2.8523, 0.0006)
night, day = rows[examples_at + 2], rows[examples_at + 3]
expect(float(night["Ra"]) == 0 and float(night["N"]) == 0 and float(night["PET_hargreaves"]) == 0,
       "polar night: Ra, N and PET are 0")
expect(float(day["N"]) == 24, "polar day: N = 24 h")
print(f"polar night at 80 N, 21 Dec: Ra {night['Ra']}, N {night['N']}; polar day, 21 Jun: N {day['N']}")
cold, reversed_ = rows[examples_at + 4], rows[examples_at + 5]
expect(float(cold["PET_hargreaves"]) == 0, "Tmean < -17.8 degC: PET 0")
expect(float(reversed_["PET_hargreaves"]) == 0, "Tmax < Tmin: PET 0")
print(f"Hargreaves below -17.8 degC: {cold['PET_hargreaves']}; with Tmax < Tmin: {reversed_['PET_hargreaves']}")

print(f"{failures} failures")
sys.exit(1 if failures else 0)
