#!/usr/bin/env bash
# Installs what is missing (Debian 12 packages), configures and builds dgm.
# Sourced by demo.sh and test.sh; usable alone: scripts/bootstrap.sh
# Environment: BUILD_DIR (default: build), JOBS (default: all cores).
set -euo pipefail

DGM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${BUILD_DIR:-$DGM_ROOT/build}"
JOBS="${JOBS:-$(nproc)}"

# Every package the build and the tests need; docs/building.md says why.
PACKAGES=(
  cmake ninja-build
  clang-22 llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools
  antlr4 libantlr4-runtime-dev
  libeigen3-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libedit-dev zlib1g-dev
  python3
)
# Scripts that need more (scripts/bench.sh: PyTorch for the peer) add theirs.
read -r -a EXTRA <<< "${DGM_EXTRA_PACKAGES:-}"
PACKAGES+=("${EXTRA[@]}")

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

configure_and_build() {
  echo "==> Configuring in $BUILD_DIR"
  cmake -G Ninja -S "$DGM_ROOT" -B "$BUILD_DIR" \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DMLIR_DIR=/usr/lib/llvm-22/lib/cmake/mlir >/dev/null
  echo "==> Building with $JOBS jobs"
  cmake --build "$BUILD_DIR" -j "$JOBS"
}

install_missing
configure_and_build
