// Descriptors that cannot become the C ABI.
// RUN: dgm-opt %s --convert-dgm-to-llvm --split-input-file --verify-diagnostics

func.func @m_simulate(%nb: i64, %nt: i64, %p: !llvm.ptr, %i: !llvm.ptr,
                      %f: !llvm.ptr, %o: !llvm.ptr, %t: !llvm.ptr,
                      %s: !llvm.ptr) -> i32 {
  %0 = arith.constant 0 : i32
  return %0 : i32
}
// expected-error @+1 {{'dgm.descriptor' op needs its simulate function @m_simulate as an 'llvm.func', but it is a 'func.func'; run convert-func-to-llvm before convert-dgm-to-llvm}}
dgm.descriptor "m" simulate @m_simulate variables []

// -----

// expected-error @+1 {{this module has 2 models, but dgm_get_model can return only one; choose it with convert-dgm-to-llvm{default-model=<name>}}}
module {
  llvm.func @a_simulate(i64, i64, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr) -> i32
  llvm.func @b_simulate(i64, i64, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr) -> i32
  // expected-note @+1 {{model "a"}}
  dgm.descriptor "a" simulate @a_simulate variables []
  // expected-note @+1 {{model "b"}}
  dgm.descriptor "b" simulate @b_simulate variables []
}

// -----

llvm.func @m_simulate(i64, i64, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr) -> i32
// expected-note @+1 {{the existing symbol}}
llvm.func @dgm_get_model() -> !llvm.ptr
// expected-error @+1 {{'dgm.descriptor' op cannot export @dgm_get_model: the module already has a symbol of that name}}
dgm.descriptor "m" simulate @m_simulate variables []
