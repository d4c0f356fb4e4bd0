#!/usr/bin/env bash
# δHBV forward benchmark: dgm against the PyTorch peer, side by side (bench/README.md).
#   scripts/bench.sh                     # headline + scaling, writes bench/results/
#   scripts/bench.sh --no-peer-scaling   # any bench/compare.py option is passed on
# Installs python3-torch (and python3-matplotlib for the plot) only when missing,
# builds (scripts/bootstrap.sh), then runs bench/compare.py.
# Environment: BUILD_DIR (default: build), JOBS (default: all cores).
set -euo pipefail

# Debian's PyTorch for the peer (run with /usr/bin/python3) and matplotlib
# for the plot (optional: compare.py skips the plot without it), installed by
# bootstrap.sh with everything the build needs; it also builds dgm.
export DGM_EXTRA_PACKAGES="python3-torch python3-numpy python3-matplotlib"
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
echo "==> Building the benchmarks (and the example models they load) with $JOBS jobs"
ninja -C "$BUILD_DIR" -j "$JOBS" bench-hbv bench-simulate
echo "==> Load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
cd "$DGM_ROOT"
exec /usr/bin/python3 bench/compare.py --build-dir "$BUILD_DIR" "$@"
