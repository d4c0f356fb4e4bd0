#!/usr/bin/env bash
# The README's test command: install what is missing, build, run every test
# (lit + FileCheck compiler tests and GoogleTest unit tests, through ctest).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bootstrap.sh"
echo "==> Running all tests"
cd "$BUILD_DIR"
ctest --output-on-failure -j "$JOBS"
