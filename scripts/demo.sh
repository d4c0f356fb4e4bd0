#!/usr/bin/env bash
# The README's main command: install what is missing, build, then compile an
# example model and run it on the bundled real basin data (CAMELS 01031500).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"

MODEL="$DGM_ROOT/examples/snow_bucket/snow_bucket.dgm"
DATA="$DGM_ROOT/examples/data/01031500_daily.csv"
OUT="$BUILD_DIR/demo/snow_bucket_01031500.csv"
mkdir -p "$(dirname "$OUT")"

echo "==> dgm run $(basename "$MODEL") on $(basename "$DATA")"
"$BUILD_DIR/bin/dgm" run "$MODEL" --forcing "$DATA" --states -o "$OUT" --force
"$BUILD_DIR/bin/dgm" run "$MODEL" --forcing "$DATA"
echo "==> Daily outputs and states written to $OUT"
