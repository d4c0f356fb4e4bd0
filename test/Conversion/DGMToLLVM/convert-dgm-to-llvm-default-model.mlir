// Two models: each gets its own getter, dgm_get_model returns the one named
// by default-model, and the strings they share are emitted once.
// RUN: dgm-opt %s --convert-dgm-to-llvm="default-model=b" | FileCheck %s
// RUN: not dgm-opt %s --convert-dgm-to-llvm="default-model=c" 2>&1 | FileCheck %s --check-prefix=UNKNOWN

// CHECK-COUNT-1: ("shared.dgm\00")
// CHECK-NOT:     ("shared.dgm\00")
// CHECK-LABEL: llvm.func @dgm_a_get_model() -> !llvm.ptr {
// CHECK-NEXT:    llvm.mlir.addressof @__dgm_a_model
// CHECK-LABEL: llvm.func @dgm_b_get_model() -> !llvm.ptr {
// CHECK-NEXT:    llvm.mlir.addressof @__dgm_b_model
// CHECK-LABEL: llvm.func @dgm_get_model() -> !llvm.ptr {
// CHECK-NEXT:    llvm.mlir.addressof @__dgm_b_model
// CHECK-NOT:   @dgm_get_model

// UNKNOWN: error: default-model=c names no model of this module

llvm.func @a_simulate(i64, i64, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr) -> i32
llvm.func @b_simulate(i64, i64, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr) -> i32
dgm.descriptor "a" source "shared.dgm" simulate @a_simulate variables []
dgm.descriptor "b" source "shared.dgm" simulate @b_simulate variables []
