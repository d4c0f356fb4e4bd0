#!/usr/bin/env bash
# The README's main command: install what is missing, build, then run δHBV
# (examples/hbv/hbv.dgm) on the bundled real basins and print NSE and KGE.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"

DGM="$BUILD_DIR/bin/dgm"
MODEL="$DGM_ROOT/examples/hbv/hbv.dgm"
DATA="$DGM_ROOT/examples/data"
OUT="$BUILD_DIR/demo"
mkdir -p "$OUT"

echo
echo "==> δHBV, 16 components, on CAMELS basin 01031500 (Piscataquis River, Maine),"
echo "    1980-2014, the first 365 days as warm-up; default (uncalibrated) parameters"
"$DGM" run "$MODEL" --forcing "$DATA/01031500_daily.csv" --warmup 365 --balance
"$DGM" run "$MODEL" --forcing "$DATA/01031500_daily.csv" --warmup 365 \
  -o "$OUT/hbv_01031500.csv" --plot "$OUT/hbv_01031500.svg" --force >/dev/null

echo
echo "==> δHBV on the four bundled CAMELS basins, read from the CAMELS files"
echo "    (Daymet forcing, Hargreaves PET, USGS streamflow converted to mm/d)"
"$DGM" run "$MODEL" --camels "$DATA/camels_us" --params "$DATA/camels_us/basins.csv" \
  --warmup 365 -o "$OUT/hbv_{basin}.csv" --plot "$OUT/hbv_{basin}.svg" --force

echo
echo "==> Daily outputs (CSV) and hydrographs (SVG, simulated vs observed) in $OUT/"
echo "    (the parameters are the model's defaults: training them comes with the next issues)"
