#!/usr/bin/env bash
# δHBV forward benchmark: dgm against the PyTorch peer, side by side (bench/README.md).
#   scripts/bench.sh                     # headline + scaling, writes bench/results/
#   scripts/bench.sh --no-peer-scaling   # any bench/compare.py option is passed on
# Installs python3-torch (and python3-matplotlib for the plot) only when missing,
# configures BUILD_DIR if needed and builds only the benchmark targets
# (bench-hbv, bench-simulate), then runs bench/compare.py.
# Environment: BUILD_DIR (default: build), JOBS (default: all cores).
set -euo pipefail

DGM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$DGM_ROOT/build}"
JOBS="${JOBS:-$(nproc)}"

# What the benchmark needs beyond scripts/bootstrap.sh's build packages:
# Debian's PyTorch for the peer (run with /usr/bin/python3) and matplotlib
# for the plot (optional: compare.py skips the plot without it).
PACKAGES=(python3-torch python3-numpy python3-matplotlib
          libbenchmark-dev cmake ninja-build clang-22)

install_missing() {
  local missing=()
  for pkg in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "==> Installing missing packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "error: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

install_missing
# (Re)configure when there is no build yet or it was configured before
# libbenchmark-dev was installed (then it has no benchmark targets).
if [ ! -f "$BUILD_DIR/build.ninja" ] ||
   ! ninja -C "$BUILD_DIR" -t query bench-hbv >/dev/null 2>&1; then
  echo "==> Configuring in $BUILD_DIR"
  cmake -G Ninja -S "$DGM_ROOT" -B "$BUILD_DIR" \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir >/dev/null
fi
echo "==> Building the benchmarks (and the example models they load) with $JOBS jobs"
ninja -C "$BUILD_DIR" -j "$JOBS" bench-hbv bench-simulate
echo "==> Load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
cd "$DGM_ROOT"
exec /usr/bin/python3 bench/compare.py --build-dir "$BUILD_DIR" "$@"
