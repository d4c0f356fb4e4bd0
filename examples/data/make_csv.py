#!/usr/bin/env python3
"""Writes 01031500_daily.csv, the CSV that `dgm run` reads, from the RRMPG file.

Source: rrmpg_01031500/01031500_05_model_output.txt (see README.md here for
provenance). Columns kept: date, P (PRCP, mm/d), T (TAIR, degC), PET (mm/d)
and Qobs (OBS_RUN, mm/d; -999 marks a missing observation). MOD_RUN, the
output of another model, is deliberately left out.

Run: python3 examples/data/make_csv.py  (from anywhere; it writes beside itself)
"""
import os

here = os.path.dirname(os.path.abspath(__file__))
src = os.path.join(here, "rrmpg_01031500", "01031500_05_model_output.txt")
dst = os.path.join(here, "01031500_daily.csv")

with open(src) as f:
    header = f.readline().split()
    col = {name: i for i, name in enumerate(header)}
    rows = [line.split() for line in f if line.strip()]

with open(dst, "w") as out:
    out.write("date,P,T,PET,Qobs\n")
    for r in rows:
        date = f"{int(r[col['YR']]):04d}-{int(r[col['MNTH']]):02d}-{int(r[col['DY']]):02d}"
        out.write(",".join([date, r[col["PRCP"]], r[col["TAIR"]], r[col["PET"]],
                            r[col["OBS_RUN"]]]) + "\n")
print(f"wrote {len(rows)} days to {dst}")
