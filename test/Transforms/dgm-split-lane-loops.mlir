// dgm-split-lane-loops: a lane loop (dgm.lanes) whose chain of latencies is
// long becomes several loops over the same lanes, each a piece of the chain;
// values go from one piece to a later one through stack slots.
// segment-latency is small here so that short bodies split; two divisions
// (13 cycles each in the pass's table) make the chain.
// min-lanes=1 splits whatever the number of lanes; by default, a loop of
// fewer than 32 lanes runs unsplit (DISPATCH).
// RUN: dgm-opt %s --dgm-split-lane-loops="segment-latency=20 min-lanes=1" --split-input-file | FileCheck %s
// RUN: dgm-opt %s --dgm-split-lane-loops="segment-latency=12 min-lanes=1" --split-input-file | FileCheck %s --check-prefix=THREE
// RUN: dgm-opt %s --dgm-split-lane-loops=segment-latency=20 --split-input-file | FileCheck %s --check-prefix=DISPATCH
// Degenerate options split nothing (and do not divide by zero).
// RUN: dgm-opt %s --dgm-split-lane-loops="segment-latency=0 max-pieces=0" --split-input-file | FileCheck %s --check-prefix=NONE
// NONE-NOT: llvm.alloca %{{.*}} x i8
// NONE-NOT: arith.cmpi sge

#group = #llvm.access_group<id = distinct[0]<>>
#interleave = #llvm.loop_interleave<count = 2 : i32>
#ann = #llvm.loop_annotation<interleave = #interleave, parallelAccesses = #group>

// Two pieces: d1 and d2 (ending at 26 of 29 cycles) in the first, the
// product in the second. d2 goes from one to the other through a slot of 16
// lanes (one area for all slots, at the start of the function). The load of
// %a (an array nothing in the loop stores) is not handed over but repeated
// where it is needed. Each piece keeps the interleaving, gets an access
// group of its own for all its loads and stores, and loses dgm.lanes (it is
// not split again).
// CHECK-DAG:   #[[G0:.*]] = #llvm.access_group<id = distinct[{{.*}}]<>>
// CHECK-DAG:   #[[G1:.*]] = #llvm.access_group<id = distinct[{{.*}}]<>>
// CHECK-DAG:   #[[A0:.*]] = #llvm.loop_annotation<interleave = #{{.*}}, parallelAccesses = #[[G0]]>
// CHECK-DAG:   #[[A1:.*]] = #llvm.loop_annotation<interleave = #{{.*}}, parallelAccesses = #[[G1]]>
// CHECK-LABEL: func.func @chain
// CHECK-SAME:  (%[[A:[^:]*]]: !llvm.ptr {llvm.noalias}, %[[OUT:[^:]*]]: !llvm.ptr {llvm.noalias}, %[[LO:[^:]*]]: i64, %[[HI:[^:]*]]: i64)
// CHECK:         %[[AREA:.*]] = llvm.alloca %{{.*}} x i8 {alignment = 64 : i64}
// CHECK:         %[[SLOT:.*]] = llvm.getelementptr %[[AREA]][0]
// CHECK:         scf.for %[[I:.*]] = %[[LO]] to %[[HI]] step %[[C1:.*]] : i64 {
// CHECK-NEXT:      %[[J:.*]] = arith.subi %[[I]], %[[LO]] : i64
// CHECK-NEXT:      %[[P:.*]] = llvm.getelementptr %[[A]][%[[I]]]
// CHECK-NEXT:      %[[X:.*]] = llvm.load %[[P]] {access_groups = [#[[G0]]]}
// CHECK-NEXT:      %[[D1:.*]] = arith.divf %[[X]], %[[X]] : f64
// CHECK-NEXT:      %[[D2:.*]] = arith.divf %[[D1]], %[[X]] : f64
// CHECK-NEXT:      %[[S:.*]] = llvm.getelementptr %[[SLOT]][%[[J]]] : (!llvm.ptr, i64) -> !llvm.ptr, f64
// CHECK-NEXT:      llvm.store %[[D2]], %[[S]] {access_groups = [#[[G0]]]}
// CHECK-NEXT:    } {llvm.loop_annotation = #[[A0]]}
// CHECK-NEXT:    scf.for %[[I2:.*]] = %[[LO]] to %[[HI]] step %[[C1]] : i64 {
// CHECK-NEXT:      %[[J2:.*]] = arith.subi %[[I2]], %[[LO]] : i64
// CHECK-NEXT:      %[[S2:.*]] = llvm.getelementptr %[[SLOT]][%[[J2]]]
// CHECK-NEXT:      %[[D2B:.*]] = llvm.load %[[S2]] {access_groups = [#[[G1]]]}
// CHECK-NEXT:      %[[P2:.*]] = llvm.getelementptr %[[A]][%[[I2]]]
// CHECK-NEXT:      %[[X2:.*]] = llvm.load %[[P2]] {access_groups = [#[[G1]]]}
// CHECK-NEXT:      %[[M:.*]] = arith.mulf %[[D2B]], %[[X2]] : f64
// CHECK-NEXT:      %[[Q:.*]] = llvm.getelementptr %[[OUT]][%[[I2]]]
// CHECK-NEXT:      llvm.store %[[M]], %[[Q]] {access_groups = [#[[G1]]]}
// CHECK-NEXT:    } {llvm.loop_annotation = #[[A1]]}
// CHECK-NEXT:    return
// THREE-LABEL: func.func @chain
// THREE-COUNT-3: scf.for
// THREE-NOT:     scf.for
// With fewer than 32 lanes the loop as it was, without dgm.lanes; else the
// pieces.
// DISPATCH-LABEL: func.func @chain
// DISPATCH-SAME:  (%{{[^:]*}}: !llvm.ptr {llvm.noalias}, %{{[^:]*}}: !llvm.ptr {llvm.noalias}, %[[LO:[^:]*]]: i64, %[[HI:[^:]*]]: i64)
// DISPATCH:         %[[N:.*]] = arith.subi %[[HI]], %[[LO]] : i64
// DISPATCH-NEXT:    %[[C32:.*]] = arith.constant 32 : i64
// DISPATCH-NEXT:    %[[MANY:.*]] = arith.cmpi sge, %[[N]], %[[C32]] : i64
// DISPATCH-NEXT:    scf.if %[[MANY]] {
// DISPATCH-NEXT:      scf.for
// DISPATCH:           } {llvm.loop_annotation = #{{.*}}}
// DISPATCH-NEXT:      scf.for
// DISPATCH:           } {llvm.loop_annotation = #{{.*}}}
// DISPATCH-NEXT:    } else {
// DISPATCH-NEXT:      scf.for
// DISPATCH-COUNT-2:     arith.divf
// DISPATCH:           } {llvm.loop_annotation = #{{.*}}}
// DISPATCH-NEXT:    }
// DISPATCH-NEXT:    return
func.func @chain(%a: !llvm.ptr {llvm.noalias}, %out: !llvm.ptr {llvm.noalias}, %lo: i64, %hi: i64) {
  %c1 = arith.constant 1 : i64
  scf.for %i = %lo to %hi step %c1 : i64 {
    %p = llvm.getelementptr %a[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f64
    %x = llvm.load %p {access_groups = [#group]} : !llvm.ptr -> f64
    %d1 = arith.divf %x, %x : f64
    %d2 = arith.divf %d1, %x : f64
    %m = arith.mulf %d2, %x : f64
    %q = llvm.getelementptr %out[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f64
    llvm.store %m, %q {access_groups = [#group]} : f64, !llvm.ptr
  } {dgm.lanes = 16 : i64, llvm.loop_annotation = #ann}
  return
}

// -----

#group = #llvm.access_group<id = distinct[0]<>>
#ann = #llvm.loop_annotation<parallelAccesses = #group>

// Inside a loop over steps: y's address changes with the step (a stream
// through memory, whose next row ModelToFunc prefetches). It is read-only, so
// each piece that uses y reads it again from %a rather than through a slot;
// only d1 and d2 cross pieces. The state buffer is read and written in the
// loop: its load stays before its store (first piece, last piece).
// THREE-LABEL: func.func @stream
// THREE-SAME:  (%[[A:[^:]*]]: !llvm.ptr {llvm.noalias}, %[[OUT:[^:]*]]: !llvm.ptr {llvm.noalias}, %[[LO:[^:]*]]: i64, %[[HI:[^:]*]]: i64, %[[NT:[^:]*]]: i64)
// THREE:         %[[AREA:.*]] = llvm.alloca
// THREE:         %[[SD1:.*]] = llvm.getelementptr %[[AREA]][0]
// THREE:         %[[SD2:.*]] = llvm.getelementptr %[[AREA]][192]
// THREE:         %[[STATE:.*]] = llvm.alloca %{{.*}} x f64
// THREE:         scf.for %[[T:.*]] = %{{.*}} to %[[NT]]
// THREE:           scf.for
// THREE:             %[[GS:.*]] = llvm.getelementptr %[[STATE]]
// THREE-NEXT:        %[[X:.*]] = llvm.load %[[GS]]
// THREE:             %[[PY:.*]] = llvm.getelementptr %[[A]]
// THREE-NEXT:        %[[Y:.*]] = llvm.load %[[PY]]
// THREE-NEXT:        %[[D1:.*]] = arith.divf %[[X]], %[[Y]] : f64
// THREE-NEXT:        %[[G1:.*]] = llvm.getelementptr %[[SD1]]
// THREE-NEXT:        llvm.store %[[D1]], %[[G1]]
// THREE:           } {llvm.loop_annotation = #{{.*}}}
// THREE-NEXT:      scf.for
// THREE:             %[[L1:.*]] = llvm.load %{{.*}} : !llvm.ptr -> f64
// THREE:             %[[PY2:.*]] = llvm.getelementptr %[[A]]
// THREE-NEXT:        %[[Y2:.*]] = llvm.load %[[PY2]]
// THREE-NEXT:        %[[D2:.*]] = arith.divf %[[L1]], %[[Y2]] : f64
// THREE-NEXT:        %[[G2:.*]] = llvm.getelementptr %[[SD2]]
// THREE-NEXT:        llvm.store %[[D2]], %[[G2]]
// THREE:           } {llvm.loop_annotation = #{{.*}}}
// THREE-NEXT:      scf.for
// THREE:             %[[PY3:.*]] = llvm.getelementptr %[[A]]
// THREE-NEXT:        llvm.load %[[PY3]]
// THREE:             %[[GS3:.*]] = llvm.getelementptr %[[STATE]]
// THREE-NEXT:        llvm.store %{{.*}}, %[[GS3]]
// THREE:             llvm.getelementptr %[[OUT]]
// THREE:           } {llvm.loop_annotation = #{{.*}}}
// THREE-NEXT:    }
func.func @stream(%a: !llvm.ptr {llvm.noalias}, %out: !llvm.ptr {llvm.noalias}, %lo: i64, %hi: i64, %nt: i64) {
  %c0 = arith.constant 0 : i64
  %c1 = arith.constant 1 : i64
  %c16 = arith.constant 16 : i64
  %zero = arith.constant 0.0 : f64
  %state = llvm.alloca %c16 x f64 : (i64) -> !llvm.ptr
  scf.for %t = %c0 to %nt step %c1 : i64 {
    %row = arith.muli %t, %hi : i64
    scf.for %i = %lo to %hi step %c1 : i64 {
      %j = arith.subi %i, %lo : i64
      %at = arith.addi %row, %i : i64
      %pa = llvm.getelementptr %a[%at] : (!llvm.ptr, i64) -> !llvm.ptr, f64
      %y = llvm.load %pa {access_groups = [#group]} : !llvm.ptr -> f64
      %ps = llvm.getelementptr %state[%j] : (!llvm.ptr, i64) -> !llvm.ptr, f64
      %x = llvm.load %ps {access_groups = [#group]} : !llvm.ptr -> f64
      %d1 = arith.divf %x, %y : f64
      %d2 = arith.divf %d1, %y : f64
      %m = arith.mulf %d2, %y : f64
      llvm.store %m, %ps {access_groups = [#group]} : f64, !llvm.ptr
      %po = llvm.getelementptr %out[%at] : (!llvm.ptr, i64) -> !llvm.ptr, f64
      llvm.store %d1, %po {access_groups = [#group]} : f64, !llvm.ptr
    } {dgm.lanes = 16 : i64, llvm.loop_annotation = #ann}
  }
  return
}

// -----

#group = #llvm.access_group<id = distinct[0]<>>
#ann = #llvm.loop_annotation<parallelAccesses = #group>

// A comparison used in the first and in the last piece goes through a slot
// of bytes (i1 is widened to i8 and truncated back).
// THREE-LABEL: func.func @flag
// THREE:         %[[AREA:.*]] = llvm.alloca
// THREE:         scf.for
// THREE:           %[[NEG:.*]] = arith.cmpf olt
// THREE-NEXT:      %[[WIDE:.*]] = arith.extui %[[NEG]] : i1 to i8
// THREE-NEXT:      %[[G:.*]] = llvm.getelementptr %[[SLOT:.*]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// THREE-NEXT:      llvm.store %[[WIDE]], %[[G]]
// THREE:         scf.for
// THREE:         scf.for
// THREE:           %[[G3:.*]] = llvm.getelementptr %[[SLOT]][%{{.*}}] : (!llvm.ptr, i64) -> !llvm.ptr, i8
// THREE-NEXT:      %[[BYTE:.*]] = llvm.load %[[G3]] {{.*}} : !llvm.ptr -> i8
// THREE-NEXT:      %[[NEG3:.*]] = arith.trunci %[[BYTE]] : i8 to i1
// THREE:           arith.select %[[NEG3]]
func.func @flag(%out: !llvm.ptr {llvm.noalias}, %lo: i64, %hi: i64) {
  %c1 = arith.constant 1 : i64
  %zero = arith.constant 0.0 : f64
  scf.for %i = %lo to %hi step %c1 : i64 {
    %p = llvm.getelementptr %out[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f64
    %x = llvm.load %p {access_groups = [#group]} : !llvm.ptr -> f64
    %neg = arith.cmpf olt, %x, %zero : f64
    %e = arith.select %neg, %x, %zero : f64
    %d1 = arith.divf %e, %x : f64
    %d2 = arith.divf %d1, %x : f64
    %r = arith.select %neg, %zero, %d2 : f64
    llvm.store %r, %p {access_groups = [#group]} : f64, !llvm.ptr
  } {dgm.lanes = 16 : i64, llvm.loop_annotation = #ann}
  return
}

// -----

#group = #llvm.access_group<id = distinct[0]<>>
#ann = #llvm.loop_annotation<parallelAccesses = #group>

// Left alone: a chain shorter than two pieces; a loop with a nested region;
// a loop with a call (its memory effects are unknown); a loop without
// dgm.lanes. None gets a slot area.
// CHECK-LABEL: func.func @unchanged
// CHECK-NOT:     llvm.alloca
// CHECK:         scf.for
// CHECK:         } {dgm.lanes = 16 : i64, llvm.loop_annotation = #{{.*}}}
// CHECK:         scf.for
// CHECK:           scf.if
// CHECK:         } {dgm.lanes = 16 : i64, llvm.loop_annotation = #{{.*}}}
// CHECK:         scf.for
// CHECK:           llvm.call @opaque
// CHECK:         } {dgm.lanes = 16 : i64, llvm.loop_annotation = #{{.*}}}
// CHECK:         scf.for
// CHECK:         } {llvm.loop_annotation = #{{.*}}}
// CHECK-NEXT:    return
llvm.func @opaque(f64) -> f64
func.func @unchanged(%a: !llvm.ptr {llvm.noalias}, %lo: i64, %hi: i64, %flag: i1) {
  %c1 = arith.constant 1 : i64
  scf.for %i = %lo to %hi step %c1 : i64 {
    %p = llvm.getelementptr %a[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f64
    %x = llvm.load %p {access_groups = [#group]} : !llvm.ptr -> f64
    %d = arith.divf %x, %x : f64
    llvm.store %d, %p {access_groups = [#group]} : f64, !llvm.ptr
  } {dgm.lanes = 16 : i64, llvm.loop_annotation = #ann}
  scf.for %i = %lo to %hi step %c1 : i64 {
    %p = llvm.getelementptr %a[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f64
    %x = llvm.load %p {access_groups = [#group]} : !llvm.ptr -> f64
    %d1 = arith.divf %x, %x : f64
    %d2 = arith.divf %d1, %x : f64
    scf.if %flag {
      llvm.store %d2, %p {access_groups = [#group]} : f64, !llvm.ptr
    }
  } {dgm.lanes = 16 : i64, llvm.loop_annotation = #ann}
  scf.for %i = %lo to %hi step %c1 : i64 {
    %p = llvm.getelementptr %a[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f64
    %x = llvm.load %p {access_groups = [#group]} : !llvm.ptr -> f64
    %d1 = arith.divf %x, %x : f64
    %d2 = llvm.call @opaque(%d1) : (f64) -> f64
    %d3 = arith.divf %d2, %x : f64
    llvm.store %d3, %p {access_groups = [#group]} : f64, !llvm.ptr
  } {dgm.lanes = 16 : i64, llvm.loop_annotation = #ann}
  scf.for %i = %lo to %hi step %c1 : i64 {
    %p = llvm.getelementptr %a[%i] : (!llvm.ptr, i64) -> !llvm.ptr, f64
    %x = llvm.load %p {access_groups = [#group]} : !llvm.ptr -> f64
    %d1 = arith.divf %x, %x : f64
    %d2 = arith.divf %d1, %x : f64
    %d3 = arith.divf %d2, %x : f64
    llvm.store %d3, %p {access_groups = [#group]} : f64, !llvm.ptr
  } {llvm.loop_annotation = #ann}
  return
}
