#!/usr/bin/env bash
# A/B timing of δHBV variants with the same harness (bench-hbv), alternating
# so that drift of a busy machine hits every variant alike.
#
#   bench/ab.sh build DIR MODEL.dgm [DGMC]   compile MODEL (f64 and f32) into
#                                            DIR/libhbv.so, DIR/libhbv_f32.so
#   bench/ab.sh run ROUNDS FILTER DIR...     ROUNDS rounds; in each, every DIR
#                                            once (bench-hbv, 5 repetitions),
#                                            printing each median
#
# DGMC defaults to build/bin/dgmc; another commit's dgmc compares compilers,
# an edited copy of examples/hbv/hbv.dgm compares models. BUILD_DIR picks the
# build folder (default: build). Example (docs/architecture.md):
#   bench/ab.sh build /tmp/ab/base examples/hbv/hbv.dgm
#   bench/ab.sh run 2 'components:16/days:73/' /tmp/ab/base /tmp/ab/new
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${BUILD_DIR:-$root/build}"
case "${1:-}" in
build)
  [ $# -ge 3 ] || { echo "usage: $0 build DIR MODEL.dgm [DGMC]" >&2; exit 2; }
  dir=$2 model=$3 dgmc=${4:-$build/bin/dgmc}
  mkdir -p "$dir"
  "$dgmc" "$model" -I "$root/stdlib" -o "$dir/libhbv.so" --force
  "$dgmc" "$model" -I "$root/stdlib" --precision=f32 -o "$dir/libhbv_f32.so" --force
  ;;
run)
  [ $# -ge 4 ] || { echo "usage: $0 run ROUNDS FILTER DIR..." >&2; exit 2; }
  rounds=$2 filter=$3
  shift 3
  for _ in $(seq "$rounds"); do
    for dir in "$@"; do
      [ -f "$dir/libhbv.so" ] && [ -f "$dir/libhbv_f32.so" ] ||
        { echo "error: $dir has no libhbv.so and libhbv_f32.so (bench/ab.sh build)" >&2; exit 1; }
      DGM_BENCH_LIB_DIR="$dir" "$build/bin/bench-hbv" \
        --benchmark_filter="$filter" --benchmark_repetitions=5 \
        --benchmark_report_aggregates_only=true 2>/dev/null |
        awk -v d="$dir" '/_median/ {print d, $1, $2, $3}'
    done
  done
  ;;
*)
  sed -n '2,15p' "$0" >&2
  exit 2
  ;;
esac
