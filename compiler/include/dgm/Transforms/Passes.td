//===- Passes.td - dgm passes on upstream dialects ---------*- tablegen -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Passes that rewrite upstream dialects (math, arith) between
// convert-dgm-to-standard and the lowering to LLVM.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_TRANSFORMS_PASSES_TD
#define DGM_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def ExpandPowPass : Pass<"dgm-expand-pow"> {
  let summary = "Expand scalar math.powf into inline arith and math ops";
  let description = [{
    Replaces every scalar `math.powf` on `f32` or `f64` by straight-line
    code: `pow(x, y) = exp(y * log|x|)`, then the sign and the special cases
    of C's `pow` (C23 F.10.4.5) as selects. No call, no table, no branch,
    so LLVM's loop vectoriser keeps it in the vector body; libmvec's vector
    `pow` it replaces cost about 3x as much per element (docs/architecture.md,
    "pow").

    - `log|x|` as the sum of two floats, hi + lo: the reduction of fdlibm's
      `log` (x = 2^k m, m in [sqrt(1/2), sqrt(2)), s = (m-1)/(m+1), its
      minimax polynomial in s^2), with `k ln 2` kept apart from the small
      rest; subnormal x are scaled first.
    - `y * log|x|` also as hi + lo (an FMA gives the rounding error of the
      product), so the result's error does not grow with `|log x|`.
    - `exp` of it: n = roundeven(a / ln 2), r = a - n ln 2 (two FMAs with
      Cody-Waite constants, plus lo), a Taylor polynomial of r (degree 13
      for f64, 8 for f32), times 2^n built in two halves so that gradual
      underflow and overflow come out right.
    - x < 0: the sign for odd integer y; NaN for non-integer y. NaN inputs,
      x = 1, y = 0, y = 1, x = -1 with y = +-inf, zeros and infinities give
      what C's `pow` gives.

    Accuracy, measured by test/unit/models/PowAccuracyTest.cpp against
    `powl` on 400 000 random pairs per case: within 4 ulp for |y| <= 10,
    growing with |y| beyond (32 ulp at |y| <= 100): the rounding error of
    log|x| is multiplied by y. libm's `pow` is within 1 ulp; the difference
    is 1e-15 relative in f64, far below what a model's parameters carry.
    `x ^ 1` is `x` and `2 ^ k` is exact, subnormal results included. The
    same code runs in vector and scalar lanes, so a basin's result does not
    depend on which it ran in. A constant exponent of 2 becomes `x * x`.

    Before:

    ```mlir
    %z = math.powf %x, %y : f64
    ```

    After (abridged):

    ```mlir
    %ax = math.absf %x : f64
    ...
    %s = arith.divf %f, %twoPlusF : f64
    ...
    %n = math.roundeven %t : f64
    ...
    %z = arith.select %trivial, %one, %r9 : f64
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::math::MathDialect"
  ];
  let statistics = [
    Statistic<"numExpanded", "num-expanded", "Number of math.powf expanded">
  ];
}

#endif // DGM_TRANSFORMS_PASSES_TD
