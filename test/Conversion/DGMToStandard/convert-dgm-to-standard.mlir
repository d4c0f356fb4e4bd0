// convert-dgm-to-standard: scalar ops to arith/math, models to the simulate
// function of runtime/include/dgm/abi.h plus a dgm.descriptor.
// RUN: dgm-opt %s --convert-dgm-to-standard --split-input-file | FileCheck %s

// Each scalar op and the operation with its semantics (DGMOps.td).
// CHECK-LABEL: func.func @scalars
// CHECK-SAME: (%[[A:.*]]: f64, %[[B:.*]]: f64, %[[C:.*]]: f64, %[[V:.*]]: vector<2xi1>)
func.func @scalars(%a: f64, %b: f64, %c: f64, %v: vector<2xi1>) {
  // CHECK-NEXT: arith.constant 1.500000e+00 : f64
  %k = dgm.constant 1.5 : f64
  // CHECK-NEXT: arith.addf %[[A]], %[[B]] : f64
  %0 = dgm.add %a, %b : f64
  // CHECK-NEXT: arith.subf %[[A]], %[[B]] : f64
  %1 = dgm.sub %a, %b : f64
  // CHECK-NEXT: arith.mulf %[[A]], %[[B]] : f64
  %2 = dgm.mul %a, %b : f64
  // CHECK-NEXT: arith.divf %[[A]], %[[B]] : f64
  %3 = dgm.div %a, %b : f64
  // CHECK-NEXT: math.powf %[[A]], %[[B]] : f64
  %4 = dgm.pow %a, %b : f64
  // NaN-propagating minimum/maximum, not minnumf/maxnumf.
  // CHECK-NEXT: arith.minimumf %[[A]], %[[B]] : f64
  %5 = dgm.min %a, %b : f64
  // CHECK-NEXT: arith.maximumf %[[A]], %[[B]] : f64
  %6 = dgm.max %a, %b : f64
  // clamp(x, lo, hi) = min(max(x, lo), hi)
  // CHECK-NEXT: %[[LO:.*]] = arith.maximumf %[[A]], %[[B]] : f64
  // CHECK-NEXT: arith.minimumf %[[LO]], %[[C]] : f64
  %7 = dgm.clamp %a, %b, %c : f64
  // CHECK-NEXT: arith.negf %[[A]] : f64
  %8 = dgm.neg %a : f64
  // CHECK-NEXT: math.exp %[[A]] : f64
  %9 = dgm.exp %a : f64
  // CHECK-NEXT: math.log %[[A]] : f64
  %10 = dgm.log %a : f64
  // CHECK-NEXT: math.sqrt %[[A]] : f64
  %11 = dgm.sqrt %a : f64
  // CHECK-NEXT: math.absf %[[A]] : f64
  %12 = dgm.abs %a : f64
  // Ordered comparisons as in C, except the unordered une for ne.
  // CHECK-NEXT: %[[LT:.*]] = arith.cmpf olt, %[[A]], %[[B]] : f64
  %13 = dgm.cmp lt, %a, %b : f64
  // CHECK-NEXT: arith.cmpf ole, %[[A]], %[[B]] : f64
  %14 = dgm.cmp le, %a, %b : f64
  // CHECK-NEXT: arith.cmpf ogt, %[[A]], %[[B]] : f64
  %15 = dgm.cmp gt, %a, %b : f64
  // CHECK-NEXT: arith.cmpf oge, %[[A]], %[[B]] : f64
  %16 = dgm.cmp ge, %a, %b : f64
  // CHECK-NEXT: %[[EQ:.*]] = arith.cmpf oeq, %[[A]], %[[B]] : f64
  %17 = dgm.cmp eq, %a, %b : f64
  // CHECK-NEXT: arith.cmpf une, %[[A]], %[[B]] : f64
  %18 = dgm.cmp ne, %a, %b : f64
  // CHECK-NEXT: %[[AND:.*]] = arith.andi %[[LT]], %[[EQ]] : i1
  %19 = dgm.and %13, %17 : i1
  // CHECK-NEXT: %[[OR:.*]] = arith.ori %[[AND]], %[[EQ]] : i1
  %20 = dgm.or %19, %17 : i1
  // CHECK-NEXT: %[[TRUE:.*]] = arith.constant true
  // CHECK-NEXT: %[[NOT:.*]] = arith.xori %[[OR]], %[[TRUE]] : i1
  %21 = dgm.not %20 : i1
  // CHECK-NEXT: arith.select %[[NOT]], %[[A]], %[[B]] : f64
  %22 = dgm.select %21, %a, %b : f64
  // CHECK-NEXT: %[[TRUES:.*]] = arith.constant dense<true> : vector<2xi1>
  // CHECK-NEXT: arith.xori %[[V]], %[[TRUES]] : vector<2xi1>
  %23 = dgm.not %v : vector<2xi1>
  // No fast-math flags anywhere.
  // CHECK-NOT: fastmath
  // CHECK-NEXT: return
  return
}

// -----

// A model with two of each kind, so that every variable stride shows.
// Layouts (abi.h): one block per variable in each array; a block is
// [step][component][basin] without the dimensions the variable lacks. This
// model has no components, so its parameters have one value per basin
// (blocks of nb) and its states and outputs blocks of nc * nb (nc = 1) and
// nt * nc * nb.

// CHECK-LABEL: func.func @dgm_two_simulate(
// CHECK-SAME: %[[NB:[^:]*]]: i64, %[[NC:[^:]*]]: i64, %[[NT:[^:]*]]: i64,
// The arrays never overlap (abi.h): noalias lets LLVM vectorize the lanes.
// CHECK-SAME: %[[PARAMS:[^:]*]]: !llvm.ptr {llvm.noalias}, %[[INIT:[^:]*]]: !llvm.ptr {llvm.noalias},
// CHECK-SAME: %[[FORC:[^:]*]]: !llvm.ptr {llvm.noalias}, %[[OUT:[^:]*]]: !llvm.ptr {llvm.noalias},
// CHECK-SAME: %[[TRAJ:[^:]*]]: !llvm.ptr {llvm.noalias}, %[[FINAL:[^:]*]]: !llvm.ptr {llvm.noalias}) -> i32 {
// CHECK-DAG:   %[[C0:.*]] = arith.constant 0 : i64
// CHECK-DAG:   %[[C1:.*]] = arith.constant 1 : i64
// CHECK-DAG:   %[[LB:.*]] = arith.constant 32 : i64
// A block's states live in stack buffers of 32 lanes.
// CHECK-DAG:   %[[SB2:.*]] = llvm.alloca %[[LB]] x f64
// CHECK-DAG:   %[[SB1:.*]] = llvm.alloca %[[LB]] x f64
// The null tests and block sizes come once, before the loops.
// CHECK:       %[[NULL:.*]] = llvm.mlir.zero : !llvm.ptr
// CHECK-NEXT:  %[[HAS_TRAJ:.*]] = llvm.icmp "ne" %[[TRAJ]], %[[NULL]] : !llvm.ptr
// CHECK-NEXT:  %[[HAS_FINAL:.*]] = llvm.icmp "ne" %[[FINAL]], %[[NULL]] : !llvm.ptr
// CHECK-NEXT:  %[[CB:.*]] = arith.muli %[[NC]], %[[NB]] : i64
// CHECK-NEXT:  %[[TB:.*]] = arith.muli %[[NT]], %[[NB]] : i64
// CHECK-NEXT:  %[[TCB:.*]] = arith.muli %[[NT]], %[[CB]] : i64
// Where each variable's block starts: the sum of the blocks before it.
// CHECK-NEXT:  %[[P1:.*]] = llvm.getelementptr %[[PARAMS]][%[[NB]]] : (!llvm.ptr, i64) -> !llvm.ptr, f64
// CHECK-NEXT:  %[[OFF2:.*]] = arith.addi %[[NB]], %[[NB]] : i64
// CHECK-NEXT:  %[[P2:.*]] = llvm.getelementptr %[[PARAMS]][%[[OFF2]]]
// CHECK-NEXT:  %[[I1:.*]] = llvm.getelementptr %[[INIT]][%[[CB]]]
// CHECK-NEXT:  %[[FIN1:.*]] = llvm.getelementptr %[[FINAL]][%[[CB]]]
// CHECK-NEXT:  %[[F1:.*]] = llvm.getelementptr %[[FORC]][%[[TB]]]
// CHECK-NEXT:  %[[O1:.*]] = llvm.getelementptr %[[OUT]][%[[TCB]]]
// CHECK-NEXT:  %[[T1:.*]] = llvm.getelementptr %[[TRAJ]][%[[TCB]]]
// Components, then blocks of up to 32 basins [B0, BEND).
// CHECK-NEXT:  scf.for %[[C:.*]] = %[[C0]] to %[[NC]] step %[[C1]] : i64 {
// CHECK-NEXT:    %[[CNB:.*]] = arith.muli %[[C]], %[[NB]] : i64
// CHECK-NEXT:    scf.for %[[B0:.*]] = %[[C0]] to %[[NB]] step %[[LB]] : i64 {
// CHECK-NEXT:      %[[B0LB:.*]] = arith.addi %[[B0]], %[[LB]] : i64
// CHECK-NEXT:      %[[BEND:.*]] = arith.minsi %[[B0LB]], %[[NB]] : i64
// Prologue: each lane's initial states into the block's buffers.
// CHECK-NEXT:      scf.for %[[B:.*]] = %[[B0]] to %[[BEND]] step %[[C1]] : i64 {
// CHECK-NEXT:        %[[J:.*]] = arith.subi %[[B]], %[[B0]] : i64
// CHECK-NEXT:        %[[LANE:.*]] = arith.addi %[[CNB]], %[[B]] : i64
// CHECK-NEXT:        %[[GS1:.*]] = llvm.getelementptr %[[INIT]][%[[LANE]]]
// CHECK-NEXT:        %[[S1_0:.*]] = llvm.load %[[GS1]]
// CHECK-NEXT:        %[[BS1:.*]] = llvm.getelementptr %[[SB1]][%[[J]]]
// CHECK-NEXT:        llvm.store %[[S1_0]], %[[BS1]]
// CHECK-NEXT:        %[[GS2:.*]] = llvm.getelementptr %[[I1]][%[[LANE]]]
// CHECK-NEXT:        %[[S2_0:.*]] = llvm.load %[[GS2]]
// CHECK-NEXT:        %[[BS2:.*]] = llvm.getelementptr %[[SB2]][%[[J]]]
// CHECK-NEXT:        llvm.store %[[S2_0]], %[[BS2]]
// CHECK-NEXT:      }
// Steps, then the lanes innermost, in two copies: with the trajectory, and
// without (not a test per lane).
// CHECK-NEXT:      scf.for %[[T:.*]] = %[[C0]] to %[[NT]] step %[[C1]] : i64 {
// CHECK-NEXT:        %[[TNB:.*]] = arith.muli %[[T]], %[[NB]] : i64
// CHECK-NEXT:        %[[TCBT:.*]] = arith.muli %[[T]], %[[CB]] : i64
// CHECK-NEXT:        scf.if %[[HAS_TRAJ]] {
// CHECK-NEXT:          scf.for %[[L:.*]] = %[[B0]] to %[[BEND]] step %[[C1]] : i64 {
// CHECK-NEXT:            %[[LJ:.*]] = arith.subi %[[L]], %[[B0]] : i64
// CHECK-NEXT:            %[[LL:.*]] = arith.addi %[[CNB]], %[[L]] : i64
// CHECK-NEXT:            %[[AT:.*]] = arith.addi %[[TNB]], %[[L]] : i64
// CHECK-NEXT:            %[[TLANE:.*]] = arith.addi %[[TCBT]], %[[LL]] : i64
// Forcings at t * nb + b, parameters (one per basin here) at b.
// CHECK-NEXT:            %[[GP:.*]] = llvm.getelementptr %[[FORC]][%[[AT]]]
// CHECK-NEXT:            %[[P:.*]] = llvm.load %[[GP]]
// CHECK-NEXT:            %[[GE:.*]] = llvm.getelementptr %[[F1]][%[[AT]]]
// CHECK-NEXT:            %[[E:.*]] = llvm.load %[[GE]]
// CHECK-NEXT:            %[[GA:.*]] = llvm.getelementptr %[[PARAMS]][%[[L]]]
// CHECK-NEXT:            %[[A:.*]] = llvm.load %[[GA]]
// CHECK-NEXT:            %[[GBB:.*]] = llvm.getelementptr %[[P1]][%[[L]]]
// CHECK-NEXT:            %[[BB:.*]] = llvm.load %[[GBB]]
// CHECK-NEXT:            %[[GC:.*]] = llvm.getelementptr %[[P2]][%[[L]]]
// CHECK-NEXT:            %[[CC:.*]] = llvm.load %[[GC]]
// CHECK-NEXT:            %[[LS1:.*]] = llvm.getelementptr %[[SB1]][%[[LJ]]]
// CHECK-NEXT:            %[[S1:.*]] = llvm.load %[[LS1]]
// CHECK-NEXT:            %[[LS2:.*]] = llvm.getelementptr %[[SB2]][%[[LJ]]]
// CHECK-NEXT:            %[[S2:.*]] = llvm.load %[[LS2]]
// The step body, its block arguments replaced by the loaded values.
// CHECK-NEXT:            %[[NEW1:.*]] = arith.mulf %[[A]], %[[P]] : f64
// CHECK-NEXT:            %[[NEW2:.*]] = arith.mulf %[[BB]], %[[E]] : f64
// CHECK-NEXT:            %[[Q:.*]] = arith.mulf %[[CC]], %[[S1]] : f64
// CHECK-NEXT:            %[[R:.*]] = arith.addf %[[S2]], %[[Q]] : f64
// Outputs at t * nc * nb + lane, states back into the buffers, trajectory.
// CHECK-NEXT:            %[[GQ:.*]] = llvm.getelementptr %[[OUT]][%[[TLANE]]]
// CHECK-NEXT:            llvm.store %[[Q]], %[[GQ]] : f64, !llvm.ptr
// CHECK-NEXT:            %[[GR:.*]] = llvm.getelementptr %[[O1]][%[[TLANE]]]
// CHECK-NEXT:            llvm.store %[[R]], %[[GR]] : f64, !llvm.ptr
// CHECK-NEXT:            %[[WS1:.*]] = llvm.getelementptr %[[SB1]][%[[LJ]]]
// CHECK-NEXT:            llvm.store %[[NEW1]], %[[WS1]]
// CHECK-NEXT:            %[[WS2:.*]] = llvm.getelementptr %[[SB2]][%[[LJ]]]
// CHECK-NEXT:            llvm.store %[[NEW2]], %[[WS2]]
// CHECK-NEXT:            %[[GT1:.*]] = llvm.getelementptr %[[TRAJ]][%[[TLANE]]]
// CHECK-NEXT:            llvm.store %[[NEW1]], %[[GT1]]
// CHECK-NEXT:            %[[GT2:.*]] = llvm.getelementptr %[[T1]][%[[TLANE]]]
// CHECK-NEXT:            llvm.store %[[NEW2]], %[[GT2]]
// CHECK-NEXT:          }
// CHECK-NEXT:        } else {
// CHECK-NEXT:          scf.for
// CHECK-NOT:             %[[TRAJ]]
// CHECK:               }
// CHECK-NEXT:        }
// CHECK-NEXT:      }
// Epilogue: the final states.
// CHECK-NEXT:      scf.if %[[HAS_FINAL]] {
// CHECK-NEXT:        scf.for %[[FB:.*]] = %[[B0]] to %[[BEND]] step %[[C1]] : i64 {
// CHECK-NEXT:          %[[FJ:.*]] = arith.subi %[[FB]], %[[B0]] : i64
// CHECK-NEXT:          %[[FL:.*]] = arith.addi %[[CNB]], %[[FB]] : i64
// CHECK-NEXT:          %[[FS1:.*]] = llvm.getelementptr %[[SB1]][%[[FJ]]]
// CHECK-NEXT:          %[[F1V:.*]] = llvm.load %[[FS1]]
// CHECK-NEXT:          %[[GF1:.*]] = llvm.getelementptr %[[FINAL]][%[[FL]]]
// CHECK-NEXT:          llvm.store %[[F1V]], %[[GF1]]
// CHECK:               %[[GF2:.*]] = llvm.getelementptr %[[FIN1]][%[[FL]]]
// CHECK-NEXT:          llvm.store %{{.*}}, %[[GF2]]
// CHECK-NEXT:        }
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:  }
// CHECK-NEXT:  %[[ZERO:.*]] = arith.constant 0 : i32
// CHECK-NEXT:  return %[[ZERO]] : i32
// CHECK-NEXT: }
// CHECK-NEXT: dgm.descriptor "two" source "two.dgm" simulate @dgm_two_simulate variables [
// CHECK-NEXT:   #dgm.variable<forcing "P", index = 0, unit = "mm/d", description = "rain">,
// CHECK-NEXT:   #dgm.variable<forcing "E", index = 1>,
// CHECK-NEXT:   #dgm.variable<param "a", index = 0, lower = 0.000000e+00, upper = 1.000000e+00, default_value = 5.000000e-01>,
// CHECK-NEXT:   #dgm.variable<param "b", index = 1, lower = -1.000000e+00, upper = 1.000000e+00>,
// CHECK-NEXT:   #dgm.variable<param "c", index = 2, unit = "1/d">,
// CHECK-NEXT:   #dgm.variable<state "S1", index = 0, unit = "mm", default_value = 1.000000e+00>,
// CHECK-NEXT:   #dgm.variable<state "S2", index = 1, default_value = 2.000000e+00>,
// CHECK-NEXT:   #dgm.variable<output "Q", index = 0, description = "flow">,
// CHECK-NEXT:   #dgm.variable<output "R", index = 1>
// CHECK-NEXT: ]
// CHECK-NOT: dgm.model
dgm.model @two source "two.dgm" {
  dgm.forcing @P : f64 {unit = "mm/d", description = "rain"}
  dgm.param @a : f64 {lower = 0.0 : f64, upper = 1.0 : f64, default_value = 0.5 : f64}
  dgm.state @S1 : f64 {init = 1.0 : f64, unit = "mm"}
  dgm.output @Q : f64 {description = "flow"}
  // Kinds may interleave; each kind keeps its own order.
  dgm.forcing @E : f64
  dgm.param @b : f64 {lower = -1.0 : f64, upper = 1.0 : f64}
  dgm.param @c : f64 {unit = "1/d"}
  dgm.state @S2 : f64 {init = 2.0 : f64}
  dgm.output @R : f64
  dgm.step {
  ^bb0(%P: f64, %E: f64, %a: f64, %b: f64, %c: f64, %S1: f64, %S2: f64):
    %0 = dgm.mul %a, %P : f64
    %1 = dgm.mul %b, %E : f64
    %2 = dgm.mul %c, %S1 : f64
    %3 = dgm.add %S2, %2 : f64
    dgm.yield %0, %1, %2, %3 : f64, f64, f64, f64
  }
}

// -----

// Without states there is nothing to write to trajectory or final_states,
// and a yielded block argument is stored as it is.
// CHECK-LABEL: func.func @dgm_stateless_simulate(
// CHECK-SAME: %[[NB:[^:]*]]: i64, %[[NC:[^:]*]]: i64, %[[NT:[^:]*]]: i64, %{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}, %[[FORC:[^:]*]]: !llvm.ptr {llvm.noalias}, %[[OUT:[^:]*]]: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}, %{{.*}}: !llvm.ptr {llvm.noalias}) -> i32
// CHECK-NOT:   llvm.icmp
// CHECK:       scf.for %{{.*}} = %{{.*}} to %[[NC]]
// CHECK:         scf.for %{{.*}} = %{{.*}} to %[[NB]]
// CHECK:           scf.for %[[T:.*]] = %{{.*}} to %[[NT]]
// CHECK:             scf.for %[[B:.*]] =
// CHECK:               %[[LANE:.*]] = arith.addi %{{.*}}, %[[B]] : i64
// CHECK-NEXT:          %[[AT:.*]] = arith.addi %{{.*}}, %[[B]] : i64
// CHECK:               %[[GP:.*]] = llvm.getelementptr %[[FORC]][%[[AT]]]
// CHECK-NEXT:          %[[P:.*]] = llvm.load %[[GP]]
// CHECK-NEXT:          %[[GQ:.*]] = llvm.getelementptr %[[OUT]][%{{.*}}]
// CHECK-NEXT:          llvm.store %[[P]], %[[GQ]]
// CHECK-NEXT:        }
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:  }
// CHECK-NOT:   scf.if
// CHECK:       dgm.descriptor "stateless" simulate @dgm_stateless_simulate variables [
dgm.model @stateless {
  dgm.forcing @P : f64
  dgm.output @Q : f64
  dgm.step {
  ^bb0(%P: f64):
    dgm.yield %P : f64
  }
}
