// The folders of the dgm scalar operations. Expected values are IEEE 754
// facts worked out by hand; the identities that do NOT hold for every value
// (x + 0.0, x * 0.0, x - (-0.0)) must stay unfolded.
// RUN: dgm-opt %s --canonicalize --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @arithmetic
func.func @arithmetic() -> (f64, f64, f64, f64, f64, f64) {
  %c2 = dgm.constant 2.0 : f64
  %c3 = dgm.constant 3.0 : f64
  %c10 = dgm.constant 10.0 : f64
  %0 = dgm.add %c2, %c3 : f64
  %1 = dgm.sub %c2, %c3 : f64
  %2 = dgm.mul %c2, %c3 : f64
  %3 = dgm.div %c3, %c2 : f64
  %4 = dgm.pow %c2, %c10 : f64
  %5 = dgm.neg %c2 : f64
  // CHECK-DAG: %[[A:.*]] = dgm.constant 5.000000e+00 : f64
  // CHECK-DAG: %[[B:.*]] = dgm.constant -1.000000e+00 : f64
  // CHECK-DAG: %[[C:.*]] = dgm.constant 6.000000e+00 : f64
  // CHECK-DAG: %[[D:.*]] = dgm.constant 1.500000e+00 : f64
  // CHECK-DAG: %[[E:.*]] = dgm.constant 1.024000e+03 : f64
  // CHECK-DAG: %[[F:.*]] = dgm.constant -2.000000e+00 : f64
  // CHECK: return %[[A]], %[[B]], %[[C]], %[[D]], %[[E]], %[[F]]
  return %0, %1, %2, %3, %4, %5 : f64, f64, f64, f64, f64, f64
}

// -----

// Division by zero is not an error in IEEE arithmetic.
// CHECK-LABEL: func.func @division_by_zero
func.func @division_by_zero() -> (f64, f64, f64) {
  %one = dgm.constant 1.0 : f64
  %zero = dgm.constant 0.0 : f64
  %mzero = dgm.constant -0.0 : f64
  %0 = dgm.div %one, %zero : f64
  %1 = dgm.div %one, %mzero : f64
  %2 = dgm.div %zero, %zero : f64
  // CHECK-DAG: %[[INF:.*]] = dgm.constant 0x7FF0000000000000 : f64
  // CHECK-DAG: %[[NINF:.*]] = dgm.constant 0xFFF0000000000000 : f64
  // CHECK-DAG: %[[NAN:.*]] = dgm.constant 0x{{[7F]}}FF8000000000000 : f64
  // CHECK: return %[[INF]], %[[NINF]], %[[NAN]]
  return %0, %1, %2 : f64, f64, f64
}

// -----

// CHECK-LABEL: func.func @exact_identities
// CHECK-SAME: (%[[X:.*]]: f64)
func.func @exact_identities(%x: f64) -> (f64, f64, f64, f64, f64, f64, f64) {
  %one = dgm.constant 1.0 : f64
  %zero = dgm.constant 0.0 : f64
  %mzero = dgm.constant -0.0 : f64
  %0 = dgm.add %x, %mzero : f64
  %1 = dgm.add %mzero, %x : f64
  %2 = dgm.sub %x, %zero : f64
  %3 = dgm.mul %x, %one : f64
  %4 = dgm.div %x, %one : f64
  %5 = dgm.pow %x, %one : f64
  %n = dgm.neg %x : f64
  %6 = dgm.neg %n : f64
  // CHECK-NOT: dgm.
  // CHECK: return %[[X]], %[[X]], %[[X]], %[[X]], %[[X]], %[[X]], %[[X]]
  return %0, %1, %2, %3, %4, %5, %6 : f64, f64, f64, f64, f64, f64, f64
}

// -----

// x + 0.0 is +0.0 for x = -0.0; x - (-0.0) likewise; x * 0.0 is NaN for
// infinite or NaN x and -0.0 for negative x. None of them folds.
// CHECK-LABEL: func.func @inexact_identities
func.func @inexact_identities(%x: f64) -> (f64, f64, f64) {
  %zero = dgm.constant 0.0 : f64
  %mzero = dgm.constant -0.0 : f64
  // CHECK: dgm.add
  // CHECK: dgm.sub
  // CHECK: dgm.mul
  %0 = dgm.add %x, %zero : f64
  %1 = dgm.sub %x, %mzero : f64
  %2 = dgm.mul %x, %zero : f64
  return %0, %1, %2 : f64, f64, f64
}

// -----

// min/max propagate NaN and order -0.0 below +0.0; clamp = min(max(x, lo), hi).
// CHECK-LABEL: func.func @min_max_clamp
func.func @min_max_clamp() -> (f64, f64, f64, f64, f64, f64, f64) {
  %nan = dgm.constant 0x7FF8000000000000 : f64
  %one = dgm.constant 1.0 : f64
  %zero = dgm.constant 0.0 : f64
  %mzero = dgm.constant -0.0 : f64
  %five = dgm.constant 5.0 : f64
  %half = dgm.constant 0.5 : f64
  %mone = dgm.constant -1.0 : f64
  %0 = dgm.min %one, %nan : f64
  %1 = dgm.max %nan, %one : f64
  %2 = dgm.min %zero, %mzero : f64
  %3 = dgm.max %mzero, %zero : f64
  %4 = dgm.clamp %five, %zero, %one : f64
  %5 = dgm.clamp %mone, %zero, %one : f64
  %6 = dgm.clamp %half, %zero, %one : f64
  // CHECK-DAG: %[[NAN:.*]] = dgm.constant 0x7FF8000000000000 : f64
  // CHECK-DAG: %[[MZERO:.*]] = dgm.constant -0.000000e+00 : f64
  // CHECK-DAG: %[[ZERO:.*]] = dgm.constant 0.000000e+00 : f64
  // CHECK-DAG: %[[ONE:.*]] = dgm.constant 1.000000e+00 : f64
  // CHECK-DAG: %[[HALF:.*]] = dgm.constant 5.000000e-01 : f64
  // CHECK: return %[[NAN]], %[[NAN]], %[[MZERO]], %[[ZERO]], %[[ONE]], %[[ZERO]], %[[HALF]]
  return %0, %1, %2, %3, %4, %5, %6 : f64, f64, f64, f64, f64, f64, f64
}

// -----

// CHECK-LABEL: func.func @unary
func.func @unary() -> (f64, f64, f64, f64, f64, f64, f64, f32) {
  %zero = dgm.constant 0.0 : f64
  %one = dgm.constant 1.0 : f64
  %four = dgm.constant 4.0 : f64
  %mone = dgm.constant -1.0 : f64
  %mthree = dgm.constant -3.0 : f64
  %zero32 = dgm.constant 0.0 : f32
  %0 = dgm.exp %zero : f64
  %1 = dgm.log %one : f64
  %2 = dgm.log %zero : f64
  %3 = dgm.sqrt %four : f64
  %4 = dgm.sqrt %mone : f64
  %5 = dgm.abs %mthree : f64
  %6 = dgm.neg %zero : f64
  %7 = dgm.exp %zero32 : f32
  // CHECK-DAG: %[[ONE:.*]] = dgm.constant 1.000000e+00 : f64
  // CHECK-DAG: %[[ZERO:.*]] = dgm.constant 0.000000e+00 : f64
  // CHECK-DAG: %[[NINF:.*]] = dgm.constant 0xFFF0000000000000 : f64
  // CHECK-DAG: %[[TWO:.*]] = dgm.constant 2.000000e+00 : f64
  // CHECK-DAG: %[[NAN:.*]] = dgm.constant 0x{{[7F]}}FF8000000000000 : f64
  // CHECK-DAG: %[[THREE:.*]] = dgm.constant 3.000000e+00 : f64
  // CHECK-DAG: %[[MZERO:.*]] = dgm.constant -0.000000e+00 : f64
  // CHECK-DAG: %[[ONE32:.*]] = dgm.constant 1.000000e+00 : f32
  // CHECK: return %[[ONE]], %[[ZERO]], %[[NINF]], %[[TWO]], %[[NAN]], %[[THREE]], %[[MZERO]], %[[ONE32]]
  return %0, %1, %2, %3, %4, %5, %6, %7 : f64, f64, f64, f64, f64, f64, f64, f32
}

// -----

// Comparisons as in C: ordered, except ne; -0.0 == +0.0.
// CHECK-LABEL: func.func @compare
func.func @compare() -> (i1, i1, i1, i1, i1, i1, i1) {
  %one = dgm.constant 1.0 : f64
  %two = dgm.constant 2.0 : f64
  %nan = dgm.constant 0x7FF8000000000000 : f64
  %zero = dgm.constant 0.0 : f64
  %mzero = dgm.constant -0.0 : f64
  %0 = dgm.cmp lt, %one, %two : f64
  %1 = dgm.cmp gt, %one, %two : f64
  %2 = dgm.cmp le, %two, %two : f64
  %3 = dgm.cmp eq, %nan, %nan : f64
  %4 = dgm.cmp ne, %nan, %nan : f64
  %5 = dgm.cmp ge, %nan, %one : f64
  %6 = dgm.cmp eq, %mzero, %zero : f64
  // CHECK-DAG: %[[T:.*]] = dgm.constant true
  // CHECK-DAG: %[[F:.*]] = dgm.constant false
  // CHECK: return %[[T]], %[[F]], %[[T]], %[[F]], %[[T]], %[[F]], %[[T]]
  return %0, %1, %2, %3, %4, %5, %6 : i1, i1, i1, i1, i1, i1, i1
}

// -----

// CHECK-LABEL: func.func @select_and_booleans
// CHECK-SAME: (%[[A:.*]]: f64, %[[B:.*]]: f64, %[[C:.*]]: i1)
func.func @select_and_booleans(%a: f64, %b: f64, %c: i1)
    -> (f64, f64, f64, i1, i1, i1, i1, i1, i1) {
  %t = dgm.constant true
  %f = dgm.constant false
  %0 = dgm.select %t, %a, %b : f64
  %1 = dgm.select %f, %a, %b : f64
  %2 = dgm.select %c, %a, %a : f64
  %3 = dgm.and %c, %t : i1
  %4 = dgm.and %f, %c : i1
  %5 = dgm.or %c, %t : i1
  %6 = dgm.or %c, %f : i1
  %n = dgm.not %c : i1
  %7 = dgm.not %n : i1
  %8 = dgm.not %t : i1
  // CHECK-DAG: %[[T:.*]] = dgm.constant true
  // CHECK-DAG: %[[F:.*]] = dgm.constant false
  // CHECK-NOT: dgm.select
  // CHECK-NOT: dgm.and
  // CHECK-NOT: dgm.or
  // CHECK-NOT: dgm.not
  // CHECK: return %[[A]], %[[B]], %[[A]], %[[C]], %[[F]], %[[T]], %[[C]], %[[C]], %[[F]]
  return %0, %1, %2, %3, %4, %5, %6, %7, %8
      : f64, f64, f64, i1, i1, i1, i1, i1, i1
}

// -----

// Vectors (after vectorisation over basins) fold element by element.
// CHECK-LABEL: func.func @vectors
// CHECK-SAME: (%[[X:.*]]: vector<4xf64>)
func.func @vectors(%x: vector<4xf64>) -> (vector<4xf64>, vector<4xi1>, vector<4xf64>) {
  %one = dgm.constant dense<1.0> : vector<4xf64>
  %two = dgm.constant dense<[1.0, 2.0, 3.0, 4.0]> : vector<4xf64>
  %0 = dgm.add %one, %two : vector<4xf64>
  %1 = dgm.cmp lt, %one, %two : vector<4xf64>
  %2 = dgm.mul %x, %one : vector<4xf64>
  // CHECK-DAG: %[[SUM:.*]] = dgm.constant dense<[2.000000e+00, 3.000000e+00, 4.000000e+00, 5.000000e+00]> : vector<4xf64>
  // CHECK-DAG: %[[LT:.*]] = dgm.constant dense<[false, true, true, true]> : vector<4xi1>
  // CHECK: return %[[SUM]], %[[LT]], %[[X]] :
  return %0, %1, %2 : vector<4xf64>, vector<4xi1>, vector<4xf64>
}

// -----

// Folding inside a model's step.
// CHECK-LABEL: dgm.model @m
// CHECK:      ^bb0(%P: f64, %S: f64):
// CHECK-NEXT:   %[[K:.*]] = dgm.constant 2.500000e-01 : f64
// CHECK-NEXT:   %[[Q:.*]] = dgm.mul %S, %[[K]] : f64
// CHECK-NEXT:   %[[IN:.*]] = dgm.add %S, %P : f64
// CHECK-NEXT:   %[[S:.*]] = dgm.sub %[[IN]], %[[Q]] : f64
// CHECK-NEXT:   dgm.yield %[[S]], %[[Q]] : f64, f64
dgm.model @m {
  dgm.forcing @P : f64
  dgm.state @S : f64 {init = 0.0 : f64}
  dgm.output @Q : f64
  dgm.step {
  ^bb0(%P: f64, %S: f64):
    %one = dgm.constant 1.0 : f64
    %four = dgm.constant 4.0 : f64
    %k = dgm.div %one, %four : f64
    %q = dgm.mul %k, %S : f64
    %in = dgm.add %S, %P : f64
    %s1 = dgm.sub %in, %q : f64
    %s = dgm.mul %s1, %one : f64
    dgm.yield %s, %q : f64, f64
  }
}
