// convert-dgm-to-llvm gives a latch branch the loop annotation that
// SCF-to-CF left on it as a discardable attribute (from the lane loops of
// convert-dgm-to-standard), so that the translation emits !llvm.loop.
// RUN: dgm-opt %s --convert-dgm-to-llvm | FileCheck %s

#group = #llvm.access_group<id = distinct[0]<>>
#lanes = #llvm.loop_annotation<parallelAccesses = #group>

// CHECK-LABEL: llvm.func @lanes
llvm.func @lanes(%p: !llvm.ptr, %n: i64) {
  %c0 = llvm.mlir.constant(0 : i64) : i64
  %c1 = llvm.mlir.constant(1 : i64) : i64
  llvm.br ^header(%c0 : i64)
^header(%i: i64):
  %more = llvm.icmp "slt" %i, %n : i64
  llvm.cond_br %more, ^body, ^exit
^body:
  %q = llvm.getelementptr %p[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f64
  %v = llvm.load %q {access_groups = [#group]} : !llvm.ptr -> f64
  llvm.store %v, %q {access_groups = [#group]} : f64, !llvm.ptr
  %next = llvm.add %i, %c1 : i64
  // CHECK: llvm.br ^{{.*}}(%{{.*}} : i64) {loop_annotation = #{{.*}}}
  // CHECK-NOT: llvm.loop_annotation
  llvm.br ^header(%next : i64) {llvm.loop_annotation = #lanes}
^exit:
  llvm.return
}
