// What a table lookup and a division cost in AVX-512 code on this machine:
// the questions behind dgm-expand-pow's table-free pow and its one division
// (docs/architecture.md, "pow").
// A table-driven log or exp (glibc's, ARM's optimized-routines) trades
// polynomial terms for lookups; vectorised, each lookup is a gather.
//
//   clang-22 -O2 -march=native bench/micro/gather_cost.c -o /tmp/gather_cost
//   /tmp/gather_cost
//
// x86-64 with AVX-512 only; not part of the CMake build. Eight independent
// accumulators, so each line measures throughput, not latency.
#include <immintrin.h>
#include <stdio.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static double table[128] __attribute__((aligned(64)));

int main(void) {
  for (int i = 0; i < 128; i++)
    table[i] = i * 0.5 + 1;
  __m512i index[16];
  for (int k = 0; k < 16; k++) {
    long long v[8];
    for (int j = 0; j < 8; j++)
      v[j] = (k * 37 + j * 11) & 127;
    index[k] = _mm512_loadu_si512(v);
  }
  __m512d acc[8];
  for (int k = 0; k < 8; k++)
    acc[k] = _mm512_setzero_pd();
  const long n = 20000000;
  double sum = 0;
  __m512d lo = _mm512_loadu_pd(table), hi = _mm512_loadu_pd(table + 8);
  __m512d divisor = _mm512_set1_pd(1.0000001);
  __m512d factor = _mm512_set1_pd(0.9999999);

// Times n x 8 evaluations of acc[k] = EXPR (k and i in scope) and prints the
// time of one.
#define TIME(LABEL, EXPR)                                                      \
  do {                                                                         \
    double t0 = now();                                                         \
    for (long i = 0; i < n; i++)                                               \
      for (int k = 0; k < 8; k++)                                              \
        acc[k] = (EXPR);                                                       \
    double t1 = now();                                                         \
    for (int k = 0; k < 8; k++)                                                \
      sum += _mm512_reduce_add_pd(acc[k]);                                     \
    printf("%-44s %.2f ns each\n", LABEL, (t1 - t0) / (n * 8) * 1e9);          \
  } while (0)

  TIME("vgatherqpd (8 doubles from a 1 KiB table):",
       _mm512_add_pd(acc[k],
                     _mm512_i64gather_pd(index[(i + k) & 15], table, 8)));
  TIME("vpermt2pd (16 doubles in registers):",
       _mm512_add_pd(acc[k],
                     _mm512_permutex2var_pd(lo, index[(i + k) & 15], hi)));
  TIME("vmovupd + vaddpd (a plain vector load):",
       _mm512_add_pd(acc[k], _mm512_loadu_pd(table + ((i + k) & 15) * 7)));
  // log's division (s = f / (2 + f)) against an FMA, for comparison.
  TIME("vdivpd (8 doubles):", _mm512_div_pd(acc[k], divisor));
  TIME("vfmadd231pd (8 doubles):", _mm512_fmadd_pd(acc[k], factor, divisor));
  return sum == 42; // keep the sums
}
