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

def SplitLaneLoopsPass : Pass<"dgm-split-lane-loops"> {
  let summary = "Cut long lane loops into loops over short pieces of the chain";
  let description = [{
    Works on the lane loops of `convert-dgm-to-standard`: `scf.for` ops that
    carry `dgm.lanes = N` (at most N iterations, each independent of the
    others, the contract of `llvm.loop.parallel_accesses`). One lane of a
    step is a long chain of dependent operations; its latency, not its
    arithmetic, bounds the loop, since the CPU cannot overlap one lane's
    chain with the next lane's within its reorder window. This pass cuts
    the body into pieces and runs each piece as a loop over all the lanes,
    whose short chains overlap.

    - Each operation gets its depth (the longest chain of estimated
      latencies from the start of the body) and its height (to the end).
      The body's depth D gives K = ceil(D / segment-latency) pieces (at most
      max-pieces); an operation goes into the piece of its latest possible
      start, so that values are computed just before the piece that uses
      them.
    - Loads of arrays no store in the body may write, at an address that
      depends on no other load, and integer and address arithmetic are
      recomputed in each piece that needs them. Every other value that a
      later piece uses is stored to a stack buffer of N elements
      (`[lane - lower bound]`, `i1` widened to `i8`) and loaded there;
      buffers are reused once their value is dead.
    - Memory order: of two accesses that may alias (same function argument
      or stack buffer, seen through `getelementptr` and `select`), one of
      them a store, the later one never runs in an earlier piece.
    - Each piece keeps the loop's annotation (interleaving) with an access
      group of its own, so LLVM vectorises it like the loop it came from.
    - The pieces run when the loop has at least min-lanes iterations; below
      that (a block of one vector or two), the original loop runs, in the
      other branch of an `scf.if`: with so few lanes each piece is all loop
      overhead.

    A loop is left alone when it has operations with regions or memory
    effects other than `llvm.load` / `llvm.store`, when it would make fewer
    than two pieces, or when its buffers would need more than stack-budget
    bytes. For parallel iterations, fission is always legal: lane j's
    operations run in their program order, and no lane reads what another
    writes.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::LLVM::LLVMDialect",
    "::mlir::scf::SCFDialect"
  ];
  let options = [
    Option<"segmentLatency", "segment-latency", "unsigned", /*default=*/"128",
           "Target latency, in estimated cycles, of the chain of one piece">,
    Option<"maxPieces", "max-pieces", "unsigned", /*default=*/"16",
           "The most pieces one loop is cut into">,
    Option<"stackBudget", "stack-budget", "int64_t", /*default=*/"262144",
           "The most bytes of stack buffers one loop may use">,
    Option<"minLanes", "min-lanes", "int64_t", /*default=*/"32",
           "Below this many iterations the loop runs unsplit (a run-time "
           "choice; 1: always split)">
  ];
  let statistics = [
    Statistic<"numSplit", "num-split", "Number of lane loops split">,
    Statistic<"numPieces", "num-pieces", "Number of loops they became">
  ];
}

#endif // DGM_TRANSFORMS_PASSES_TD
