// Without an explicit module, the one the parser makes has no line: the error
// of convert-dgm-to-llvm about the whole module is at the first descriptor
// rather than at file:0:0. (One input, not --split-input-file, whose pieces
// each get a located module.)
// RUN: dgm-opt %s --convert-dgm-to-llvm --verify-diagnostics
// RUN: not dgm-opt %s --convert-dgm-to-llvm="default-model=c" 2>&1 | FileCheck %s
// CHECK: implicit-module-errors.mlir:13:1: error: default-model=c names no model of this module

llvm.func @a_simulate(i64, i64, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr) -> i32
llvm.func @b_simulate(i64, i64, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr) -> i32
// expected-error @+2 {{this module has 2 models, but dgm_get_model can return only one}}
// expected-note @+1 {{model "a"}}
dgm.descriptor "a" simulate @a_simulate variables []
// expected-note @+1 {{model "b"}}
dgm.descriptor "b" simulate @b_simulate variables []
