"""compare_csv.py A.csv B.csv TOL: the same columns and rows, every number
within TOL relative (of the larger magnitude, or absolute below 1). Prints
'N rows agree', or the first differences and exits 1."""
import csv
import sys

a = list(csv.DictReader(open(sys.argv[1])))
b = list(csv.DictReader(open(sys.argv[2])))
tol = float(sys.argv[3])
bad = []
if len(a) != len(b) or (a and a[0].keys() != b[0].keys()):
    bad.append(f"shapes differ: {len(a)} and {len(b)} rows")
for i, (ra, rb) in enumerate(zip(a, b)):
    for key in ra:
        try:
            x, y = float(ra[key]), float(rb[key])
        except ValueError:
            if ra[key] != rb[key]:
                bad.append(f"row {i + 1} {key}: {ra[key]!r} vs {rb[key]!r}")
            continue
        if abs(x - y) > tol * max(abs(x), abs(y), 1.0):
            bad.append(f"row {i + 1} {key}: {x!r} vs {y!r}")
if bad:
    print("\n".join(bad[:10]))
    sys.exit(1)
print(f"{len(a)} rows agree")
