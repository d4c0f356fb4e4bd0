// The whole lowering, dgm -> LLVM dialect -> LLVM IR, as dgmc runs it: the
// simulate function and the dgm_model descriptor of abi.h, ready for
// `clang-22 -shared`.
// RUN: dgm-opt %s --convert-dgm-to-standard --canonicalize --convert-scf-to-cf \
// RUN:   --convert-arith-to-llvm --convert-math-to-llvm --convert-cf-to-llvm \
// RUN:   --convert-func-to-llvm --convert-dgm-to-llvm --reconcile-unrealized-casts \
// RUN: | %mlir_translate --mlir-to-llvmir > %t.ll
// RUN: FileCheck %s < %t.ll
// RUN: FileCheck %s --check-prefix=IEEE < %t.ll

// No fast-math flag on any floating-point instruction or intrinsic call,
// except `nsz` on min and max (the sign of a zero result is left open; NaN
// still propagates).
// IEEE-NOT: {{(fadd|fsub|fmul|fdiv|fneg|fcmp) (fast|nnan|ninf|nsz|arcp|contract|afn|reassoc)}}
// IEEE-NOT: {{call (fast|nnan|ninf|arcp|contract|afn|reassoc)}}
// IEEE-NOT: {{call nsz [^@]*@llvm\.(pow|exp|log|sqrt|fma|floor|fabs|sin|cos|round)}}
// IEEE-NOT: {{call nsz [^@]*@llvm\.m[a-z]+num}}

// The descriptor: strings, variable arrays and the model, all private; the
// exported getters return the model's address.
// CHECK-DAG: @[[NAME:__dgm_str_[0-9]+]] = private unnamed_addr constant [17 x i8] c"linear_reservoir\00"
// CHECK-DAG: @[[SOURCE:__dgm_str_[0-9]+]] = private unnamed_addr constant [21 x i8] c"linear_reservoir.dgm\00"
// CHECK-DAG: @[[P:__dgm_str_[0-9]+]] = private unnamed_addr constant [2 x i8] c"P\00"
// CHECK-DAG: @[[MMD:__dgm_str_[0-9]+]] = private unnamed_addr constant [5 x i8] c"mm/d\00"
// CHECK-DAG: @[[PRECIP:__dgm_str_[0-9]+]] = private unnamed_addr constant [14 x i8] c"precipitation\00"
// CHECK-DAG: @[[K:__dgm_str_[0-9]+]] = private unnamed_addr constant [2 x i8] c"k\00"
// CHECK-DAG: @[[PERDAY:__dgm_str_[0-9]+]] = private unnamed_addr constant [4 x i8] c"1/d\00"
// CHECK-DAG: @[[EMPTY:__dgm_str_[0-9]+]] = private unnamed_addr constant [1 x i8] zeroinitializer
// CHECK-DAG: @[[S:__dgm_str_[0-9]+]] = private unnamed_addr constant [2 x i8] c"S\00"
// CHECK-DAG: @[[MM:__dgm_str_[0-9]+]] = private unnamed_addr constant [3 x i8] c"mm\00"
// CHECK-DAG: @[[Q:__dgm_str_[0-9]+]] = private unnamed_addr constant [2 x i8] c"Q\00"
// CHECK-DAG: @__dgm_linear_reservoir_forcings = private constant [1 x { ptr, ptr, ptr, i32, i32, double, double, double, i32, i32 }] [{ ptr, ptr, ptr, i32, i32, double, double, double, i32, i32 } { ptr @[[P]], ptr @[[MMD]], ptr @[[PRECIP]], i32 0, i32 0, double 0xFFF0000000000000, double 0x7FF0000000000000, double 0x7FF8000000000000, i32 0, i32 0 }]
// CHECK-DAG: @__dgm_linear_reservoir_params = private constant [1 x { ptr, ptr, ptr, i32, i32, double, double, double, i32, i32 }] [{ ptr, ptr, ptr, i32, i32, double, double, double, i32, i32 } { ptr @[[K]], ptr @[[PERDAY]], ptr @[[EMPTY]], i32 1, i32 0, double 1.000000e-03, double 1.000000e+00, double 5.000000e-02, i32 0, i32 0 }]
// CHECK-DAG: @__dgm_linear_reservoir_states = private constant [1 x { ptr, ptr, ptr, i32, i32, double, double, double, i32, i32 }] [{ ptr, ptr, ptr, i32, i32, double, double, double, i32, i32 } { ptr @[[S]], ptr @[[MM]], ptr @[[EMPTY]], i32 2, i32 0, double 0xFFF0000000000000, double 0x7FF0000000000000, double 1.000000e+01, i32 0, i32 0 }]
// CHECK-DAG: @__dgm_linear_reservoir_outputs = private constant [1 x { ptr, ptr, ptr, i32, i32, double, double, double, i32, i32 }] [{ ptr, ptr, ptr, i32, i32, double, double, double, i32, i32 } { ptr @[[Q]], ptr @[[MMD]], ptr @[[EMPTY]], i32 3, i32 0, double 0xFFF0000000000000, double 0x7FF0000000000000, double 0x7FF8000000000000, i32 0, i32 0 }]
// CHECK-DAG: @__dgm_linear_reservoir_model = private constant { i32, i32, ptr, ptr, i32, i32, i32, i32, i32, i32, ptr, ptr, ptr, ptr, ptr } { i32 3, i32 64, ptr @[[NAME]], ptr @[[SOURCE]], i32 1, i32 1, i32 1, i32 1, i32 0, i32 86400, ptr @__dgm_linear_reservoir_forcings, ptr @__dgm_linear_reservoir_params, ptr @__dgm_linear_reservoir_states, ptr @__dgm_linear_reservoir_outputs, ptr @dgm_linear_reservoir_simulate }

// The simulate entry with the C signature of dgm_simulate_fn, IEEE
// arithmetic without fast-math flags; the arrays never overlap (noalias).
// CHECK-LABEL: define i32 @dgm_linear_reservoir_simulate(i64 %0, i64 %1, i64 %2, ptr noalias %3, ptr noalias %4, ptr noalias %5, ptr noalias %6, ptr noalias %7, ptr noalias %8)
// CHECK:         icmp ne ptr %7, null
// CHECK:         icmp ne ptr %8, null
// CHECK:         load double, ptr
// CHECK:         fmul double
// CHECK:         fsub double
// CHECK:         fadd double
// CHECK:         call nsz double @llvm.minimum.f64
// CHECK:         store double
// CHECK:         ret i32 0

// CHECK-LABEL: define ptr @dgm_linear_reservoir_get_model()
// CHECK-NEXT:    ret ptr @__dgm_linear_reservoir_model
// CHECK-LABEL: define ptr @dgm_get_model()
// CHECK-NEXT:    ret ptr @__dgm_linear_reservoir_model

// S += P - k*S; Q = min(k*S, S) (the new S).
dgm.model @linear_reservoir source "linear_reservoir.dgm" {
  dgm.forcing @P : f64 {unit = "mm/d", description = "precipitation"}
  dgm.param @k : f64 {lower = 1.0e-3 : f64, upper = 1.0 : f64,
                      default_value = 5.0e-2 : f64, unit = "1/d"}
  dgm.state @S : f64 {init = 10.0 : f64, unit = "mm"}
  dgm.output @Q : f64 {unit = "mm/d"}
  dgm.step {
  ^bb0(%P: f64, %k: f64, %S: f64):
    %0 = dgm.mul %k, %S : f64
    %1 = dgm.sub %P, %0 : f64
    %s = dgm.add %S, %1 : f64
    %2 = dgm.mul %k, %s : f64
    %q = dgm.min %2, %s : f64
    dgm.yield %s, %q : f64, f64
  }
}
