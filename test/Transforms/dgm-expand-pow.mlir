// dgm-expand-pow: scalar math.powf on f32/f64 becomes inline arith/math code
// (no call); the numbers are checked in test/unit/models/PowAccuracyTest.cpp.
// RUN: dgm-opt %s --dgm-expand-pow | FileCheck %s

// The f64 expansion: fdlibm's reduction of log (the bits of sqrt(1/2),
// 0x3fe6a09e667f3bcd, split the exponent off), one division, exp through
// roundeven, and C's special cases as selects; no math.powf is left.
// CHECK-LABEL: func.func @pow_f64
// CHECK-SAME: (%[[X:.*]]: f64, %[[Y:.*]]: f64)
// CHECK-NOT: math.powf
// CHECK: math.absf %[[X]] : f64
// CHECK: arith.constant 4604544271217802189 : i64
// CHECK: arith.divf
// CHECK: math.roundeven
// CHECK: arith.fptosi {{.*}} : f64 to i64
// y == 1 gives x itself; x == 1 or y == 0 give 1, last.
// CHECK: arith.cmpf oeq, %[[Y]], %[[ONE:.*]] : f64
// CHECK: arith.select %{{.*}}, %[[X]], %{{.*}} : f64
// CHECK: %[[TRIVIAL:.*]] = arith.ori
// CHECK: %[[R:.*]] = arith.select %[[TRIVIAL]], %[[ONE]], %{{.*}} : f64
// CHECK-NOT: math.powf
// CHECK: return %[[R]] : f64
func.func @pow_f64(%x: f64, %y: f64) -> f64 {
  %z = math.powf %x, %y : f64
  return %z : f64
}

// f32 has its own constants (sqrt(1/2) is 0x3f3504f3) and 32-bit integers.
// CHECK-LABEL: func.func @pow_f32
// CHECK-NOT: math.powf
// CHECK: arith.bitcast {{.*}} : f32 to i32
// CHECK: arith.constant 1060439283 : i32
// CHECK: math.roundeven {{.*}} : f32
// CHECK-NOT: math.powf
// CHECK: return
func.func @pow_f32(%x: f32, %y: f32) -> f32 {
  %z = math.powf %x, %y : f32
  return %z : f32
}

// A constant exponent of 2 is x * x (exact, and what C's pow returns).
// CHECK-LABEL: func.func @square
// CHECK-SAME: (%[[X:.*]]: f64)
// CHECK-NEXT: %[[C:.*]] = arith.constant 2.0
// CHECK-NEXT: %[[SQ:.*]] = arith.mulf %[[X]], %[[X]] : f64
// CHECK-NEXT: return %[[SQ]]
func.func @square(%x: f64) -> f64 {
  %two = arith.constant 2.0 : f64
  %z = math.powf %x, %two : f64
  return %z : f64
}

// Vectors and other float types are left to convert-math-to-llvm.
// CHECK-LABEL: func.func @untouched
// CHECK-NEXT: math.powf %{{.*}}, %{{.*}} : vector<4xf64>
// CHECK-NEXT: math.powf %{{.*}}, %{{.*}} : f16
func.func @untouched(%v: vector<4xf64>, %h: f16) -> (vector<4xf64>, f16) {
  %a = math.powf %v, %v : vector<4xf64>
  %b = math.powf %h, %h : f16
  return %a, %b : vector<4xf64>, f16
}
