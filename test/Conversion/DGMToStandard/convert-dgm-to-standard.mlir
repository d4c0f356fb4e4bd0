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
  // NaN-propagating minimum/maximum, not minnumf/maxnumf; the sign of a
  // zero result is left open (nsz).
  // CHECK-NEXT: arith.minimumf %[[A]], %[[B]] fastmath<nsz> : f64
  %5 = dgm.min %a, %b : f64
  // CHECK-NEXT: arith.maximumf %[[A]], %[[B]] fastmath<nsz> : f64
  %6 = dgm.max %a, %b : f64
  // clamp(x, lo, hi) = min(max(x, lo), hi)
  // CHECK-NEXT: %[[LO:.*]] = arith.maximumf %[[A]], %[[B]] fastmath<nsz> : f64
  // CHECK-NEXT: arith.minimumf %[[LO]], %[[C]] fastmath<nsz> : f64
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

// Every lane loop asks LLVM to interleave two vectors per iteration and says
// its accesses are independent.
// CHECK: #[[IC:.*]] = #llvm.loop_interleave<count = 2 : i32>
// CHECK: = #llvm.loop_annotation<interleave = #[[IC]], parallelAccesses = #{{.*}}>

// CHECK-LABEL: func.func @dgm_two_simulate(
// CHECK-SAME: %[[NB:[^:]*]]: i64, %[[NC:[^:]*]]: i64, %[[NT:[^:]*]]: i64,
// The arrays never overlap (abi.h): noalias lets LLVM vectorize the lanes.
// CHECK-SAME: %[[PARAMS:[^:]*]]: !llvm.ptr {llvm.noalias}, %[[INIT:[^:]*]]: !llvm.ptr {llvm.noalias},
// CHECK-SAME: %[[FORC:[^:]*]]: !llvm.ptr {llvm.noalias}, %[[OUT:[^:]*]]: !llvm.ptr {llvm.noalias},
// CHECK-SAME: %[[TRAJ:[^:]*]]: !llvm.ptr {llvm.noalias}, %[[FINAL:[^:]*]]: !llvm.ptr {llvm.noalias}) -> i32 {
// CHECK-DAG:   %[[C0:.*]] = arith.constant 0 : i64
// CHECK-DAG:   %[[C1:.*]] = arith.constant 1 : i64
// CHECK-DAG:   %[[LB:.*]] = arith.constant 128 : i64
// CHECK-DAG:   %[[C15:.*]] = arith.constant 15 : i64
// CHECK-DAG:   %[[CM16:.*]] = arith.constant -16 : i64
// A block's states live in stack buffers of 128 lanes.
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
// Components, then blocks of up to 128 basins [B0, BEND): the block from S
// to min(S + 128, nb), except that a last, partial block starts early
// enough to hold whole iterations of the vectorised loop, 2 vectors of 8
// lanes (f64), B0 = max(BEND - roundup(BEND - S, 16), 0), recomputing lanes
// of the previous block rather than leaving an epilogue. A lane is v = c * nb + b: the block's lanes are
// [V0, VEND) = [c * nb + B0, c * nb + BEND).
// CHECK-NEXT:  scf.for %[[C:.*]] = %[[C0]] to %[[NC]] step %[[C1]] : i64 {
// CHECK-NEXT:    %[[CNB:.*]] = arith.muli %[[C]], %[[NB]] : i64
// CHECK-NEXT:    scf.for %[[S:.*]] = %[[C0]] to %[[NB]] step %[[LB]] : i64 {
// CHECK-NEXT:      %[[SLB:.*]] = arith.addi %[[S]], %[[LB]] : i64
// CHECK-NEXT:      %[[BEND:.*]] = arith.minsi %[[SLB]], %[[NB]] : i64
// CHECK-NEXT:      %[[LEN:.*]] = arith.subi %[[BEND]], %[[S]] : i64
// CHECK-NEXT:      %[[LEN15:.*]] = arith.addi %[[LEN]], %[[C15]] : i64
// CHECK-NEXT:      %[[PADDED:.*]] = arith.andi %[[LEN15]], %[[CM16]] : i64
// CHECK-NEXT:      %[[EARLY:.*]] = arith.subi %[[BEND]], %[[PADDED]] : i64
// CHECK-NEXT:      %[[B0:.*]] = arith.maxsi %[[EARLY]], %[[C0]] : i64
// CHECK-NEXT:      %[[V0:.*]] = arith.addi %[[CNB]], %[[B0]] : i64
// CHECK-NEXT:      %[[VEND:.*]] = arith.addi %[[CNB]], %[[BEND]] : i64
// Prologue: each lane's initial states into the block's buffers.
// CHECK-NEXT:      scf.for %[[V:.*]] = %[[V0]] to %[[VEND]] step %[[C1]] : i64 {
// CHECK-NEXT:        %[[J:.*]] = arith.subi %[[V]], %[[V0]] : i64
// CHECK-NEXT:        arith.subi %[[V]], %[[CNB]] : i64
// CHECK-NEXT:        %[[GS1:.*]] = llvm.getelementptr %[[INIT]][%[[V]]]
// CHECK-NEXT:        %[[S1_0:.*]] = llvm.load %[[GS1]]
// CHECK-NEXT:        %[[BS1:.*]] = llvm.getelementptr %[[SB1]][%[[J]]]
// CHECK-NEXT:        llvm.store %[[S1_0]], %[[BS1]]
// CHECK-NEXT:        %[[GS2:.*]] = llvm.getelementptr %[[I1]][%[[V]]]
// CHECK-NEXT:        %[[S2_0:.*]] = llvm.load %[[GS2]]
// CHECK-NEXT:        %[[BS2:.*]] = llvm.getelementptr %[[SB2]][%[[J]]]
// CHECK-NEXT:        llvm.store %[[S2_0]], %[[BS2]] {access_groups = [#{{.*}}]}
// CHECK-NEXT:      } {dgm.lanes = 128 : i64, llvm.loop_annotation = #{{.*}}}
// Steps, then the lanes innermost.
// CHECK-NEXT:      scf.for %[[T:.*]] = %[[C0]] to %[[NT]] step %[[C1]] : i64 {
// CHECK-NEXT:        %[[TNB:.*]] = arith.muli %[[T]], %[[NB]] : i64
// CHECK-NEXT:        %[[TCBT:.*]] = arith.muli %[[T]], %[[CB]] : i64
// Prefetches of the next step's streams (checked in @dgm_conv_simulate).
// CHECK:               "llvm.intr.prefetch"{{.*}}rw = 1
// CHECK:             scf.for %[[L:.*]] = %[[V0]] to %[[VEND]] step %[[C1]] : i64 {
// CHECK-NEXT:          %[[LJ:.*]] = arith.subi %[[L]], %[[V0]] : i64
// CHECK-NEXT:          %[[LB_:.*]] = arith.subi %[[L]], %[[CNB]] : i64
// CHECK-NEXT:          %[[AT:.*]] = arith.addi %[[TNB]], %[[LB_]] : i64
// CHECK-NEXT:          %[[TLANE:.*]] = arith.addi %[[TCBT]], %[[L]] : i64
// Forcings at t * nb + b, parameters (one per basin here) at b.
// CHECK-NEXT:          %[[GP:.*]] = llvm.getelementptr %[[FORC]][%[[AT]]]
// CHECK-NEXT:          %[[P:.*]] = llvm.load %[[GP]]
// CHECK-NEXT:          %[[GE:.*]] = llvm.getelementptr %[[F1]][%[[AT]]]
// CHECK-NEXT:          %[[E:.*]] = llvm.load %[[GE]]
// CHECK-NEXT:          %[[GA:.*]] = llvm.getelementptr %[[PARAMS]][%[[LB_]]]
// CHECK-NEXT:          %[[A:.*]] = llvm.load %[[GA]]
// CHECK-NEXT:          %[[GBB:.*]] = llvm.getelementptr %[[P1]][%[[LB_]]]
// CHECK-NEXT:          %[[BB:.*]] = llvm.load %[[GBB]]
// CHECK-NEXT:          %[[GC:.*]] = llvm.getelementptr %[[P2]][%[[LB_]]]
// CHECK-NEXT:          %[[CC:.*]] = llvm.load %[[GC]]
// CHECK-NEXT:          %[[LS1:.*]] = llvm.getelementptr %[[SB1]][%[[LJ]]]
// CHECK-NEXT:          %[[S1:.*]] = llvm.load %[[LS1]]
// CHECK-NEXT:          %[[LS2:.*]] = llvm.getelementptr %[[SB2]][%[[LJ]]]
// CHECK-NEXT:          %[[S2:.*]] = llvm.load %[[LS2]]
// The step body, its block arguments replaced by the loaded values.
// CHECK-NEXT:          %[[NEW1:.*]] = arith.mulf %[[A]], %[[P]] : f64
// CHECK-NEXT:          %[[NEW2:.*]] = arith.mulf %[[BB]], %[[E]] : f64
// CHECK-NEXT:          %[[Q:.*]] = arith.mulf %[[CC]], %[[S1]] : f64
// CHECK-NEXT:          %[[R:.*]] = arith.addf %[[S2]], %[[Q]] : f64
// Outputs at t * nc * nb + lane, states back into the buffers.
// CHECK-NEXT:          %[[GQ:.*]] = llvm.getelementptr %[[OUT]][%[[TLANE]]]
// CHECK-NEXT:          llvm.store %[[Q]], %[[GQ]] {access_groups = [#[[STEP_LANES:.*]]]} : f64, !llvm.ptr
// CHECK-NEXT:          %[[GR:.*]] = llvm.getelementptr %[[O1]][%[[TLANE]]]
// CHECK-NEXT:          llvm.store %[[R]], %[[GR]] {access_groups = [#[[STEP_LANES]]]} : f64, !llvm.ptr
// CHECK-NEXT:          %[[WS1:.*]] = llvm.getelementptr %[[SB1]][%[[LJ]]]
// CHECK-NEXT:          llvm.store %[[NEW1]], %[[WS1]]
// CHECK-NEXT:          %[[WS2:.*]] = llvm.getelementptr %[[SB2]][%[[LJ]]]
// CHECK-NEXT:          llvm.store %[[NEW2]], %[[WS2]]
// CHECK-NEXT:        } {dgm.lanes = 128 : i64, llvm.loop_annotation = #{{.*}}}
// Only when the caller asked for the trajectory: row t, copied from the
// state buffers in a lane loop of its own, so that the step stores nothing
// for it otherwise.
// CHECK-NEXT:        scf.if %[[HAS_TRAJ]] {
// CHECK-NEXT:          scf.for %[[TL:.*]] = %[[V0]] to %[[VEND]] step %[[C1]] : i64 {
// CHECK-NEXT:            %[[TJ:.*]] = arith.subi %[[TL]], %[[V0]] : i64
// CHECK-NEXT:            %[[TAT:.*]] = arith.addi %[[TCBT]], %[[TL]] : i64
// CHECK-NEXT:            %[[TS1:.*]] = llvm.getelementptr %[[SB1]][%[[TJ]]]
// CHECK-NEXT:            %[[TV1:.*]] = llvm.load %[[TS1]]
// CHECK-NEXT:            %[[TG1:.*]] = llvm.getelementptr %[[TRAJ]][%[[TAT]]]
// CHECK-NEXT:            llvm.store %[[TV1]], %[[TG1]]
// CHECK-NEXT:            %[[TS2:.*]] = llvm.getelementptr %[[SB2]][%[[TJ]]]
// CHECK-NEXT:            %[[TV2:.*]] = llvm.load %[[TS2]]
// CHECK-NEXT:            %[[TG2:.*]] = llvm.getelementptr %[[T1]][%[[TAT]]]
// CHECK-NEXT:            llvm.store %[[TV2]], %[[TG2]]
// CHECK-NEXT:          } {dgm.lanes = 128 : i64, llvm.loop_annotation = #{{.*}}}
// CHECK-NEXT:        }
// CHECK-NEXT:      }
// Epilogue: the final states.
// CHECK-NEXT:      scf.if %[[HAS_FINAL]] {
// CHECK-NEXT:        scf.for %[[FV:.*]] = %[[V0]] to %[[VEND]] step %[[C1]] : i64 {
// CHECK-NEXT:          %[[FJ:.*]] = arith.subi %[[FV]], %[[V0]] : i64
// CHECK-NEXT:          %[[FS1:.*]] = llvm.getelementptr %[[SB1]][%[[FJ]]]
// CHECK-NEXT:          %[[F1V:.*]] = llvm.load %[[FS1]]
// CHECK-NEXT:          %[[GF1:.*]] = llvm.getelementptr %[[FINAL]][%[[FV]]]
// CHECK-NEXT:          llvm.store %[[F1V]], %[[GF1]]
// CHECK:               %[[GF2:.*]] = llvm.getelementptr %[[FIN1]][%[[FV]]]
// CHECK-NEXT:          llvm.store %{{.*}}, %[[GF2]]
// CHECK-NEXT:        } {dgm.lanes = 128 : i64, llvm.loop_annotation = #{{.*}}}
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
// CHECK:               "llvm.intr.prefetch"{{.*}}rw = 0
// CHECK:               "llvm.intr.prefetch"{{.*}}rw = 1
// CHECK-NEXT:        {{^ +}}}{{$}}
// CHECK-NEXT:        scf.for %[[V:.*]] =
// CHECK-NEXT:          arith.subi %[[V]], %{{.*}} : i64
// CHECK-NEXT:          %[[B:.*]] = arith.subi %[[V]], %{{.*}} : i64
// CHECK-NEXT:          %[[AT:.*]] = arith.addi %{{.*}}, %[[B]] : i64
// CHECK:               %[[GP:.*]] = llvm.getelementptr %[[FORC]][%[[AT]]]
// CHECK-NEXT:          %[[P:.*]] = llvm.load %[[GP]]
// CHECK-NEXT:          %[[GQ:.*]] = llvm.getelementptr %[[OUT]][%{{.*}}]
// CHECK-NEXT:          llvm.store %[[P]], %[[GQ]] {access_groups = [#{{.*}}]}
// CHECK-NEXT:        } {dgm.lanes = 128 : i64, llvm.loop_annotation = #{{.*}}}
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

// -----

// In f32 a last, partial block is padded to a multiple of 32 lanes, not 16:
// LLVM vectorises an f32 lane loop by 2 vectors of 16, and a remainder would
// run in its vector epilogue, 4 lanes at a time.
// CHECK-LABEL: func.func @dgm_single_simulate(
// CHECK-SAME: %[[NB:[^:]*]]: i64,
// CHECK-DAG:   %[[C0:.*]] = arith.constant 0 : i64
// CHECK-DAG:   %[[C31:.*]] = arith.constant 31 : i64
// CHECK-DAG:   %[[CM32:.*]] = arith.constant -32 : i64
// CHECK-DAG:   %[[LB:.*]] = arith.constant 128 : i64
// CHECK:         scf.for %[[S:.*]] = %[[C0]] to %[[NB]] step %[[LB]] : i64 {
// CHECK-NEXT:      %[[SLB:.*]] = arith.addi %[[S]], %[[LB]] : i64
// CHECK-NEXT:      %[[BEND:.*]] = arith.minsi %[[SLB]], %[[NB]] : i64
// CHECK-NEXT:      %[[LEN:.*]] = arith.subi %[[BEND]], %[[S]] : i64
// CHECK-NEXT:      %[[LEN31:.*]] = arith.addi %[[LEN]], %[[C31]] : i64
// CHECK-NEXT:      %[[PADDED:.*]] = arith.andi %[[LEN31]], %[[CM32]] : i64
// CHECK-NEXT:      %[[EARLY:.*]] = arith.subi %[[BEND]], %[[PADDED]] : i64
// CHECK-NEXT:      %[[B0:.*]] = arith.maxsi %[[EARLY]], %[[C0]] : i64
// CHECK-NEXT:      %[[V0:.*]] = arith.addi %{{.*}}, %[[B0]] : i64
// CHECK-NEXT:      %[[VEND:.*]] = arith.addi %{{.*}}, %[[BEND]] : i64
// CHECK-NEXT:      scf.for %{{.*}} = %[[V0]] to %[[VEND]] step
dgm.model @single {
  dgm.forcing @P : f32
  dgm.state @S : f32 {init = 0.0 : f64}
  dgm.output @Q : f32
  dgm.step {
  ^bb0(%P: f32, %S: f32):
    %s1 = dgm.add %S, %P : f32
    dgm.yield %s1, %s1 : f32, f32
  }
}

// -----

// A model with components (abi.h, "flags"): a per-component parameter k
// (block [C][B] = nc * nb), a dynamic one beta ([T][C][B] = nt * nc * nb), a
// shared one tau ([B] = nb) and a dynamic shared one gain ([T][B] = nt * nb);
// the state and the step's output Qc per component, the basin output Q per
// basin ([T][B]). The step convolves with AVG (2 weights), the basin output
// routes the components' mean with UH (3 weights, normalised, from tau).

// CHECK-LABEL: func.func @dgm_routed_simulate(
// CHECK-SAME: %[[NB:[^:]*]]: i64, %[[NC:[^:]*]]: i64, %[[NT:[^:]*]]: i64,
// CHECK-SAME: %[[PARAMS:[^:]*]]: !llvm.ptr {llvm.noalias}, %[[INIT:[^:]*]]: !llvm.ptr {llvm.noalias},
// CHECK-SAME: %[[FORC:[^:]*]]: !llvm.ptr {llvm.noalias}, %[[OUT:[^:]*]]: !llvm.ptr {llvm.noalias},
// CHECK-SAME: %[[TRAJ:[^:]*]]: !llvm.ptr {llvm.noalias}, %[[FINAL:[^:]*]]: !llvm.ptr {llvm.noalias}) -> i32 {
// Stack buffers of the lane blocks: the AVG weights and ring of the steps
// (2 x 128 lanes each), their state and its trajectory scratch row (128
// lanes), each lane's basin (128 i64); the UH weights and ring of the basin
// outputs (3 x 128 each) and the running sums of mean(Qc) (128 each).
// CHECK-DAG:   %[[ONE:.*]] = arith.constant 1.000000e+00 : f64
// CHECK-DAG:   %[[ZERO:.*]] = arith.constant 0.000000e+00 : f64
// CHECK-DAG:   %[[C0:.*]] = arith.constant 0 : i64
// CHECK-DAG:   %[[C1:.*]] = arith.constant 1 : i64
// CHECK-DAG:   %[[C2:.*]] = arith.constant 2 : i64
// CHECK-DAG:   %[[C3:.*]] = arith.constant 3 : i64
// CHECK-DAG:   %[[C15:.*]] = arith.constant 15 : i64
// CHECK-DAG:   %[[CM16:.*]] = arith.constant -16 : i64
// CHECK-DAG:   %[[C32:.*]] = arith.constant 32 : i64
// CHECK-DAG:   %[[LB:.*]] = arith.constant 128 : i64
// CHECK-DAG:   %[[C256:.*]] = arith.constant 256 : i64
// CHECK-DAG:   %[[C384:.*]] = arith.constant 384 : i64
// CHECK-DAG:   %[[UH_RING:.*]] = llvm.alloca %[[C384]] x f64
// CHECK-DAG:   %[[UH_W:.*]] = llvm.alloca %[[C384]] x f64
// CHECK-DAG:   %[[AVG_RING:.*]] = llvm.alloca %[[C256]] x f64
// CHECK-DAG:   %[[AVG_W:.*]] = llvm.alloca %[[C256]] x f64
// CHECK-DAG:   %[[SUM_BUF:.*]] = llvm.alloca %[[LB]] x f64
// CHECK-DAG:   %[[BASIN_OF:.*]] = llvm.alloca %[[LB]] x i64
// CHECK-DAG:   %[[SBUF:.*]] = llvm.alloca %[[LB]] x f64
// Block sizes, then the start of each block: params k | beta | tau | gain.
// CHECK:       %[[CB:.*]] = arith.muli %[[NC]], %[[NB]] : i64
// CHECK-NEXT:  %[[TB:.*]] = arith.muli %[[NT]], %[[NB]] : i64
// CHECK-NEXT:  %[[TCB:.*]] = arith.muli %[[NT]], %[[CB]] : i64
// CHECK-NEXT:  %[[BETA:.*]] = llvm.getelementptr %[[PARAMS]][%[[CB]]]
// CHECK-NEXT:  %[[OFF_TAU:.*]] = arith.addi %[[CB]], %[[TCB]] : i64
// CHECK-NEXT:  %[[TAU:.*]] = llvm.getelementptr %[[PARAMS]][%[[OFF_TAU]]]
// CHECK-NEXT:  %[[OFF_GAIN:.*]] = arith.addi %[[OFF_TAU]], %[[NB]] : i64
// CHECK-NEXT:  %[[GAIN:.*]] = llvm.getelementptr %[[PARAMS]][%[[OFF_GAIN]]]
// Outputs Qc | Q.
// CHECK-NEXT:  %[[Q:.*]] = llvm.getelementptr %[[OUT]][%[[TCB]]]

// With fewer than 32 basins, blocks of 128 lanes across the components:
// each lane's basin v mod nb goes into BASIN_OF first, and the lane loops
// read it back to index the forcing (t * nb + basin).
// CHECK-NEXT:  %[[FEW:.*]] = arith.cmpi slt, %[[NB]], %[[C32]] : i64
// CHECK-NEXT:  scf.if %[[FEW]] {
// CHECK-NEXT:    scf.for %[[FS:.*]] = %[[C0]] to %[[CB]] step %[[LB]] : i64 {
// CHECK-NEXT:      %[[FSLB:.*]] = arith.addi %[[FS]], %[[LB]] : i64
// CHECK-NEXT:      %[[FVEND:.*]] = arith.minsi %[[FSLB]], %[[CB]] : i64
// CHECK:           %[[FV0:.*]] = arith.maxsi %{{.*}}, %[[C0]] : i64
// CHECK-NEXT:      scf.for %[[FV:.*]] = %[[FV0]] to %[[FVEND]] step %[[C1]] : i64 {
// CHECK-NEXT:        %[[FB:.*]] = arith.remsi %[[FV]], %[[NB]] : i64
// CHECK-NEXT:        %[[FJ:.*]] = arith.subi %[[FV]], %[[FV0]] : i64
// CHECK-NEXT:        %[[GFB:.*]] = llvm.getelementptr %[[BASIN_OF]][%[[FJ]]] : (!llvm.ptr, i64) -> !llvm.ptr, i64
// CHECK-NEXT:        llvm.store %[[FB]], %[[GFB]] {{.*}} : i64, !llvm.ptr
// CHECK:           scf.for %[[FT:.*]] = %[[C0]] to %[[NT]] step %[[C1]] : i64 {
// CHECK:             %[[FTNB:.*]] = arith.muli %[[FT]], %[[NB]] : i64
// CHECK:             scf.for %[[FL:.*]] = %[[FV0]] to %[[FVEND]] step %[[C1]] : i64 {
// CHECK-NEXT:          %[[FLJ:.*]] = arith.subi %[[FL]], %[[FV0]] : i64
// CHECK-NEXT:          %[[GLB:.*]] = llvm.getelementptr %[[BASIN_OF]][%[[FLJ]]] : (!llvm.ptr, i64) -> !llvm.ptr, i64
// CHECK-NEXT:          %[[LBASIN:.*]] = llvm.load %[[GLB]] {{.*}} : !llvm.ptr -> i64
// CHECK-NEXT:          %[[FAT:.*]] = arith.addi %[[FTNB]], %[[LBASIN]] : i64
// CHECK-NEXT:          arith.addi
// CHECK-NEXT:          llvm.getelementptr %[[FORC]][%[[FAT]]]
// CHECK:       } else {
// Otherwise, components, then blocks of 128 basins [B0, BEND) (a last,
// partial one padded to whole iterations as in @dgm_two_simulate); the lanes
// [V0, VEND) = [c * nb + B0, c * nb + BEND).
// CHECK-NEXT:  scf.for %[[C:.*]] = %[[C0]] to %[[NC]] step %[[C1]] : i64 {
// CHECK-NEXT:    %[[CNB:.*]] = arith.muli %[[C]], %[[NB]] : i64
// CHECK-NEXT:    scf.for %[[S:.*]] = %[[C0]] to %[[NB]] step %[[LB]] : i64 {
// CHECK-NEXT:      %[[SLB:.*]] = arith.addi %[[S]], %[[LB]] : i64
// CHECK-NEXT:      %[[BEND:.*]] = arith.minsi %[[SLB]], %[[NB]] : i64
// CHECK-NEXT:      %[[LEN:.*]] = arith.subi %[[BEND]], %[[S]] : i64
// CHECK-NEXT:      %[[LEN15:.*]] = arith.addi %[[LEN]], %[[C15]] : i64
// CHECK-NEXT:      %[[PADDED:.*]] = arith.andi %[[LEN15]], %[[CM16]] : i64
// CHECK-NEXT:      %[[EARLY:.*]] = arith.subi %[[BEND]], %[[PADDED]] : i64
// CHECK-NEXT:      %[[B0:.*]] = arith.maxsi %[[EARLY]], %[[C0]] : i64
// CHECK-NEXT:      %[[V0:.*]] = arith.addi %[[CNB]], %[[B0]] : i64
// CHECK-NEXT:      %[[VEND:.*]] = arith.addi %[[CNB]], %[[BEND]] : i64
// Prologue per lane j = v - v0: the initial state, AVG's weights w[k] at
// k * 128 + j, its ring emptied.
// CHECK-NEXT:      scf.for %[[LANE:.*]] = %[[V0]] to %[[VEND]] step %[[C1]] : i64 {
// CHECK-NEXT:        %[[J:.*]] = arith.subi %[[LANE]], %[[V0]] : i64
// CHECK-NEXT:        arith.subi %[[LANE]], %[[CNB]] : i64
// CHECK-NEXT:        %[[GS:.*]] = llvm.getelementptr %[[INIT]][%[[LANE]]]
// CHECK-NEXT:        %[[S0:.*]] = llvm.load %[[GS]]
// CHECK-NEXT:        %[[BS:.*]] = llvm.getelementptr %[[SBUF]][%[[J]]]
// CHECK-NEXT:        llvm.store %[[S0]], %[[BS]]
// CHECK-NEXT:        scf.for %[[K:.*]] = %[[C0]] to %[[C2]] step %[[C1]] : i64 {
// CHECK-NEXT:          arith.sitofp %[[K]] : i64 to f64
// CHECK-NEXT:          %[[HALF:.*]] = arith.constant 5.000000e-01 : f64
// CHECK-NEXT:          %[[KW:.*]] = arith.muli %[[K]], %[[LB]] : i64
// CHECK-NEXT:          %[[KJ:.*]] = arith.addi %[[KW]], %[[J]] : i64
// CHECK-NEXT:          %[[GW:.*]] = llvm.getelementptr %[[AVG_W]][%[[KJ]]]
// CHECK-NEXT:          llvm.store %[[HALF]], %[[GW]] {access_groups = [#{{.*}}]}
// CHECK-NEXT:        }
// CHECK-NEXT:        scf.for %[[K:.*]] = %[[C0]] to %[[C2]] step %[[C1]] : i64 {
// CHECK-NEXT:          %[[KR:.*]] = arith.muli %[[K]], %[[LB]] : i64
// CHECK-NEXT:          %[[KJ:.*]] = arith.addi %[[KR]], %[[J]] : i64
// CHECK-NEXT:          %[[GR:.*]] = llvm.getelementptr %[[AVG_RING]][%[[KJ]]]
// CHECK-NEXT:          llvm.store %[[ZERO]], %[[GR]] {access_groups = [#{{.*}}]}
// CHECK-NEXT:        }
// CHECK-NEXT:      }
// The steps; the ring slot of step t is t mod 2; the lanes innermost.
// CHECK-NEXT:      scf.for %[[T:.*]] = %[[C0]] to %[[NT]] step %[[C1]] : i64 {
// CHECK-NEXT:        %[[SLOT:.*]] = arith.remsi %[[T]], %[[C2]] : i64
// CHECK-NEXT:        %[[TNB:.*]] = arith.muli %[[T]], %[[NB]] : i64
// CHECK-NEXT:        %[[TCBT:.*]] = arith.muli %[[T]], %[[CB]] : i64
// Step min(t + 1, nt - 1)'s rows of the streams, one prefetch per cache line
// (8 doubles): the forcing at basins [b0, bEnd), beta at lanes [v0, vEnd),
// and the output (for writing); not k, which is the same every step.
// CHECK-NEXT:        %[[T1:.*]] = arith.addi %[[T]], %[[C1]] : i64
// CHECK-NEXT:        %[[TLAST:.*]] = arith.subi %[[NT]], %[[C1]] : i64
// CHECK-NEXT:        %[[TN:.*]] = arith.minsi %[[T1]], %[[TLAST]] : i64
// CHECK-NEXT:        %[[TNNB:.*]] = arith.muli %[[TN]], %[[NB]] : i64
// CHECK-NEXT:        %[[TNCB:.*]] = arith.muli %[[TN]], %[[CB]] : i64
// CHECK-NEXT:        %[[PF0:.*]] = arith.addi %[[TNNB]], %[[B0]] : i64
// CHECK-NEXT:        %[[PF1:.*]] = arith.addi %[[TNNB]], %[[BEND]] : i64
// CHECK-NEXT:        scf.for %[[PF:.*]] = %[[PF0]] to %[[PF1]] step %[[C8:.*]] : i64 {
// CHECK-NEXT:          %[[GPF:.*]] = llvm.getelementptr %[[FORC]][%[[PF]]]
// CHECK-NEXT:          "llvm.intr.prefetch"(%[[GPF]]) <{cache = 1 : i32, hint = 3 : i32, rw = 0 : i32}>
// CHECK-NEXT:        }
// CHECK-NEXT:        %[[PB0:.*]] = arith.addi %[[TNCB]], %[[V0]] : i64
// CHECK-NEXT:        %[[PB1:.*]] = arith.addi %[[TNCB]], %[[VEND]] : i64
// CHECK-NEXT:        scf.for %[[PB:.*]] = %[[PB0]] to %[[PB1]] step %[[C8]] : i64 {
// CHECK-NEXT:          %[[GPB:.*]] = llvm.getelementptr %[[BETA]][%[[PB]]]
// CHECK-NEXT:          "llvm.intr.prefetch"(%[[GPB]]) <{cache = 1 : i32, hint = 3 : i32, rw = 0 : i32}>
// CHECK-NEXT:        }
// CHECK:               "llvm.intr.prefetch"(%{{.*}}) <{cache = 1 : i32, hint = 3 : i32, rw = 1 : i32}>
// CHECK-NEXT:        {{^ +}}}{{$}}
// CHECK-NOT:           llvm.intr.prefetch
// CHECK-NEXT:          scf.for %[[LL:.*]] = %[[V0]] to %[[VEND]] step %[[C1]] : i64 {
// CHECK-NEXT:            %[[LJ:.*]] = arith.subi %[[LL]], %[[V0]] : i64
// CHECK-NEXT:            %[[L:.*]] = arith.subi %[[LL]], %[[CNB]] : i64
// CHECK-NEXT:            %[[AT:.*]] = arith.addi %[[TNB]], %[[L]] : i64
// CHECK-NEXT:            %[[TLANE:.*]] = arith.addi %[[TCBT]], %[[LL]] : i64
// The forcing at t * nb + b; k at c * nb + b; beta at t * nc * nb + c * nb + b;
// tau and gain are not used by the step.
// CHECK-NEXT:            %[[GP:.*]] = llvm.getelementptr %[[FORC]][%[[AT]]]
// CHECK-NEXT:            %[[P:.*]] = llvm.load %[[GP]]
// CHECK-NEXT:            %[[GK:.*]] = llvm.getelementptr %[[PARAMS]][%[[LL]]]
// CHECK-NEXT:            %[[KV:.*]] = llvm.load %[[GK]]
// CHECK-NEXT:            %[[GBETA:.*]] = llvm.getelementptr %[[BETA]][%[[TLANE]]]
// CHECK-NEXT:            %[[BETAV:.*]] = llvm.load %[[GBETA]]
// CHECK-NEXT:            %[[GSB:.*]] = llvm.getelementptr %[[SBUF]][%[[LJ]]]
// CHECK-NEXT:            %[[S:.*]] = llvm.load %[[GSB]]
// CHECK-NEXT:            %[[IN:.*]] = arith.mulf %[[P]], %[[BETAV]] : f64
// CHECK-NEXT:            %[[S1:.*]] = arith.addf %[[S]], %[[IN]] : f64
// CHECK-NEXT:            %[[QV:.*]] = arith.mulf %[[KV]], %[[S1]] : f64
// CHECK-NEXT:            %[[S2:.*]] = arith.subf %[[S1]], %[[QV]] : f64
// convolve: x[t] into the ring at slot * 128 + j, then the unrolled sum of
// w[k] * x[t - k] for k = 0, 1, x[t - k] at ((slot - k) mod 2) * 128 + j.
// CHECK-NEXT:            %[[RS:.*]] = arith.muli %[[SLOT]], %[[LB]] : i64
// CHECK-NEXT:            %[[RSJ:.*]] = arith.addi %[[RS]], %[[LJ]] : i64
// CHECK-NEXT:            %[[GRS:.*]] = llvm.getelementptr %[[AVG_RING]][%[[RSJ]]]
// CHECK-NEXT:            llvm.store %[[QV]], %[[GRS]]
// CHECK-NEXT:            %[[W0O:.*]] = arith.muli %[[C0]], %[[LB]] : i64
// CHECK-NEXT:            %[[W0J:.*]] = arith.addi %[[W0O]], %[[LJ]] : i64
// CHECK-NEXT:            %[[GW0:.*]] = llvm.getelementptr %[[AVG_W]][%[[W0J]]]
// CHECK-NEXT:            %[[W0:.*]] = llvm.load %[[GW0]]
// CHECK-NEXT:            %[[D0:.*]] = arith.subi %[[SLOT]], %[[C0]] : i64
// CHECK-NEXT:            %[[N0:.*]] = arith.cmpi slt, %[[D0]], %[[C0]] : i64
// CHECK-NEXT:            %[[U0:.*]] = arith.addi %[[D0]], %[[C2]] : i64
// CHECK-NEXT:            %[[B0S:.*]] = arith.select %[[N0]], %[[U0]], %[[D0]] : i64
// CHECK-NEXT:            %[[X0O:.*]] = arith.muli %[[B0S]], %[[LB]] : i64
// CHECK-NEXT:            %[[X0J:.*]] = arith.addi %[[X0O]], %[[LJ]] : i64
// CHECK-NEXT:            %[[GX0:.*]] = llvm.getelementptr %[[AVG_RING]][%[[X0J]]]
// CHECK-NEXT:            %[[X0:.*]] = llvm.load %[[GX0]]
// CHECK-NEXT:            %[[T0:.*]] = arith.mulf %[[W0]], %[[X0]] : f64
// CHECK-NEXT:            %[[W1O:.*]] = arith.muli %[[C1]], %[[LB]] : i64
// CHECK-NEXT:            %[[W1J:.*]] = arith.addi %[[W1O]], %[[LJ]] : i64
// CHECK-NEXT:            %[[GW1:.*]] = llvm.getelementptr %[[AVG_W]][%[[W1J]]]
// CHECK-NEXT:            %[[W1:.*]] = llvm.load %[[GW1]]
// CHECK-NEXT:            %[[D1:.*]] = arith.subi %[[SLOT]], %[[C1]] : i64
// CHECK-NEXT:            %[[N1:.*]] = arith.cmpi slt, %[[D1]], %[[C0]] : i64
// CHECK-NEXT:            %[[U1:.*]] = arith.addi %[[D1]], %[[C2]] : i64
// CHECK-NEXT:            %[[B1S:.*]] = arith.select %[[N1]], %[[U1]], %[[D1]] : i64
// CHECK-NEXT:            %[[X1O:.*]] = arith.muli %[[B1S]], %[[LB]] : i64
// CHECK-NEXT:            %[[X1J:.*]] = arith.addi %[[X1O]], %[[LJ]] : i64
// CHECK-NEXT:            %[[GX1:.*]] = llvm.getelementptr %[[AVG_RING]][%[[X1J]]]
// CHECK-NEXT:            %[[X1:.*]] = llvm.load %[[GX1]]
// CHECK-NEXT:            %[[T1:.*]] = arith.mulf %[[W1]], %[[X1]] : f64
// CHECK-NEXT:            %[[QC:.*]] = arith.addf %[[T0]], %[[T1]] : f64
// Qc at t * nc * nb + c * nb + b; the state into its buffer, and from there
// into the trajectory when there is one.
// CHECK-NEXT:            %[[GQC:.*]] = llvm.getelementptr %[[OUT]][%[[TLANE]]]
// CHECK-NEXT:            llvm.store %[[QC]], %[[GQC]]
// CHECK-NEXT:            %[[WS:.*]] = llvm.getelementptr %[[SBUF]][%[[LJ]]]
// CHECK-NEXT:            llvm.store %[[S2]], %[[WS]]
// CHECK-NEXT:          } {dgm.lanes = 128 : i64, llvm.loop_annotation = #{{.*}}}
// CHECK-NEXT:          scf.if %{{.*}} {
// CHECK-NEXT:            scf.for %[[TL:.*]] = %[[V0]] to %[[VEND]] step %[[C1]] : i64 {
// CHECK-NEXT:              %[[TJ:.*]] = arith.subi %[[TL]], %[[V0]] : i64
// CHECK-NEXT:              %[[TAT:.*]] = arith.addi %[[TCBT]], %[[TL]] : i64
// CHECK-NEXT:              %[[TS:.*]] = llvm.getelementptr %[[SBUF]][%[[TJ]]]
// CHECK-NEXT:              %[[TV:.*]] = llvm.load %[[TS]]
// CHECK-NEXT:              %[[TG:.*]] = llvm.getelementptr %[[TRAJ]][%[[TAT]]]
// CHECK-NEXT:              llvm.store %[[TV]], %[[TG]]
// CHECK-NEXT:            } {dgm.lanes = 128 : i64, llvm.loop_annotation = #{{.*}}}
// CHECK-NEXT:          }
// CHECK-NEXT:      }
// Then the final states.
// CHECK-NEXT:      scf.if %{{.*}} {
// CHECK-NEXT:        scf.for
// CHECK:               llvm.getelementptr %[[FINAL]][%{{.*}}]
// CHECK:             } {dgm.lanes = 128 : i64, llvm.loop_annotation = #{{.*}}}
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// CHECK-NEXT:  }
// CHECK-NEXT:  }

// Then the basin outputs, in lane blocks of 32 basins too [BB0, BBEND).
// CHECK-NEXT:  scf.for %[[BS:.*]] = %[[C0]] to %[[NB]] step %[[LB]] : i64 {
// CHECK-NEXT:    %[[BSLB:.*]] = arith.addi %[[BS]], %[[LB]] : i64
// CHECK-NEXT:    %[[BBEND:.*]] = arith.minsi %[[BSLB]], %[[NB]] : i64
// CHECK-NEXT:    %[[BLEN:.*]] = arith.subi %[[BBEND]], %[[BS]] : i64
// CHECK-NEXT:    %[[BLEN15:.*]] = arith.addi %[[BLEN]], %[[C15]] : i64
// CHECK-NEXT:    %[[BPADDED:.*]] = arith.andi %[[BLEN15]], %[[CM16]] : i64
// CHECK-NEXT:    %[[BEARLY:.*]] = arith.subi %[[BBEND]], %[[BPADDED]] : i64
// CHECK-NEXT:    %[[BB0:.*]] = arith.maxsi %[[BEARLY]], %[[C0]] : i64
// Prologue per lane j = b - bb0: UH's weights w[k] at k * 32 + j from the
// basin's tau, normalised; its ring emptied.
// CHECK-NEXT:    scf.for %[[BB:.*]] = %[[BB0]] to %[[BBEND]] step %[[C1]] : i64 {
// CHECK-NEXT:      %[[BJ:.*]] = arith.subi %[[BB]], %[[BB0]] : i64
// CHECK-NEXT:      %[[GTAU:.*]] = llvm.getelementptr %[[TAU]][%[[BB]]]
// CHECK-NEXT:      %[[TAUV:.*]] = llvm.load %[[GTAU]]
// CHECK-NEXT:      scf.for %[[K:.*]] = %[[C0]] to %[[C3]] step %[[C1]] : i64 {
// CHECK-NEXT:        %[[KF:.*]] = arith.sitofp %[[K]] : i64 to f64
// CHECK-NEXT:        %[[WK:.*]] = arith.divf %[[KF]], %[[TAUV]] : f64
// CHECK-NEXT:        %[[KO:.*]] = arith.muli %[[K]], %[[LB]] : i64
// CHECK-NEXT:        %[[KI:.*]] = arith.addi %[[KO]], %[[BJ]] : i64
// CHECK-NEXT:        %[[GWK:.*]] = llvm.getelementptr %[[UH_W]][%[[KI]]]
// CHECK-NEXT:        llvm.store %[[WK]], %[[GWK]] {access_groups = [#{{.*}}]}
// CHECK-NEXT:      }
// CHECK-NEXT:      %[[TOTAL:.*]] = scf.for %[[K:.*]] = %[[C0]] to %[[C3]] step %[[C1]] iter_args(%[[ACC:.*]] = %[[ZERO]]) -> (f64)  : i64 {
// CHECK:             %[[WS:.*]] = llvm.load %{{.*}} : !llvm.ptr -> f64
// CHECK-NEXT:        %[[ACC1:.*]] = arith.addf %[[ACC]], %[[WS]] : f64
// CHECK-NEXT:        scf.yield %[[ACC1]] : f64
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.for %[[K:.*]] = %[[C0]] to %[[C3]] step %[[C1]] : i64 {
// CHECK:             %[[WN:.*]] = llvm.load %{{.*}} : !llvm.ptr -> f64
// CHECK-NEXT:        %[[WD:.*]] = arith.divf %[[WN]], %[[TOTAL]] : f64
// CHECK:             llvm.store %[[WD]], %{{.*}}
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.for %[[K:.*]] = %[[C0]] to %[[C3]] step %[[C1]] : i64 {
// CHECK-NEXT:        %[[KZ:.*]] = arith.muli %[[K]], %[[LB]] : i64
// CHECK-NEXT:        %[[KZJ:.*]] = arith.addi %[[KZ]], %[[BJ]] : i64
// CHECK-NEXT:        %[[GZ:.*]] = llvm.getelementptr %[[UH_RING]][%[[KZJ]]]
// CHECK-NEXT:        llvm.store %[[ZERO]], %[[GZ]] {access_groups = [#{{.*}}]}
// CHECK-NEXT:      }
// CHECK-NEXT:    }
// The basin outputs, step by step; the ring slot t mod 3.
// CHECK-NEXT:    scf.for %[[BT:.*]] = %[[C0]] to %[[NT]] step %[[C1]] : i64 {
// CHECK-NEXT:      %[[BTNB:.*]] = arith.muli %[[BT]], %[[NB]] : i64
// CHECK-NEXT:      %[[BTCB:.*]] = arith.muli %[[BT]], %[[CB]] : i64
// CHECK-NEXT:      %[[BSLOT:.*]] = arith.remsi %[[BT]], %[[C3]] : i64
// mean(Qc) first, the lanes innermost: the sums of weight * value start
// at 0 (a plain mean keeps no sum of weights: they are all 1) ...
// CHECK-NEXT:      scf.for %[[ZB:.*]] = %[[BB0]] to %[[BBEND]] step %[[C1]] : i64 {
// CHECK-NEXT:        %[[ZJ:.*]] = arith.subi %[[ZB]], %[[BB0]] : i64
// CHECK-NEXT:        %[[GZS:.*]] = llvm.getelementptr %[[SUM_BUF]][%[[ZJ]]]
// CHECK-NEXT:        llvm.store %[[ZERO]], %[[GZS]] {access_groups = [#{{.*}}]}
// CHECK-NEXT:      }
// ... and add Qc at t * nc * nb + c * nb + b (weight 1), component by
// component.
// CHECK-NEXT:      scf.for %[[AC:.*]] = %[[C0]] to %[[NC]] step %[[C1]] : i64 {
// CHECK-NEXT:        %[[ACNB:.*]] = arith.muli %[[AC]], %[[NB]] : i64
// CHECK-NEXT:        scf.for %[[AB:.*]] = %[[BB0]] to %[[BBEND]] step %[[C1]] : i64 {
// CHECK-NEXT:          %[[AJ:.*]] = arith.subi %[[AB]], %[[BB0]] : i64
// CHECK-NEXT:          %[[ALANE:.*]] = arith.addi %[[ACNB]], %[[AB]] : i64
// CHECK-NEXT:          %[[AIDX:.*]] = arith.addi %[[BTCB]], %[[ALANE]] : i64
// CHECK-NEXT:          %[[GQ:.*]] = llvm.getelementptr %[[OUT]][%[[AIDX]]]
// CHECK-NEXT:          %[[XQ:.*]] = llvm.load %[[GQ]]
// CHECK-NEXT:          %[[GSUM:.*]] = llvm.getelementptr %[[SUM_BUF]][%[[AJ]]]
// CHECK-NEXT:          %[[SUM:.*]] = llvm.load %[[GSUM]]
// CHECK-NEXT:          %[[WX:.*]] = arith.mulf %[[ONE]], %[[XQ]] : f64
// CHECK-NEXT:          %[[SUM1:.*]] = arith.addf %[[SUM]], %[[WX]] : f64
// CHECK-NEXT:          %[[GSUM1:.*]] = llvm.getelementptr %[[SUM_BUF]][%[[AJ]]]
// CHECK-NEXT:          llvm.store %[[SUM1]], %[[GSUM1]] {access_groups = [#{{.*}}]}
// CHECK-NEXT:        } {dgm.lanes = 128 : i64, llvm.loop_annotation = #{{.*}}}
// CHECK-NEXT:      }
// Then the rest, lane by lane: gain at t * nb + b, the mean (the sum over
// nc, the sum of the weights, exact), and
// convolve(mean, UH) unrolled over its 3 weights.
// CHECK-NEXT:      scf.for %[[LB_B:.*]] = %[[BB0]] to %[[BBEND]] step %[[C1]] : i64 {
// CHECK-NEXT:        %[[LBJ:.*]] = arith.subi %[[LB_B]], %[[BB0]] : i64
// CHECK-NEXT:        %[[BTB:.*]] = arith.addi %[[BTNB]], %[[LB_B]] : i64
// CHECK-NEXT:        %[[GG:.*]] = llvm.getelementptr %[[GAIN]][%[[BTB]]]
// CHECK-NEXT:        %[[GAINV:.*]] = llvm.load %[[GG]]
// CHECK-NEXT:        %[[GMS:.*]] = llvm.getelementptr %[[SUM_BUF]][%[[LBJ]]]
// CHECK-NEXT:        %[[MS:.*]] = llvm.load %[[GMS]]
// CHECK-NEXT:        %[[NCF:.*]] = arith.sitofp %[[NC]] : i64 to f64
// CHECK-NEXT:        %[[MEAN:.*]] = arith.divf %[[MS]], %[[NCF]] : f64
// CHECK-NEXT:        %[[BRS:.*]] = arith.muli %[[BSLOT]], %[[LB]] : i64
// CHECK-NEXT:        %[[BRSJ:.*]] = arith.addi %[[BRS]], %[[LBJ]] : i64
// CHECK-NEXT:        %[[GBR:.*]] = llvm.getelementptr %[[UH_RING]][%[[BRSJ]]]
// CHECK-NEXT:        llvm.store %[[MEAN]], %[[GBR]]
// Each term: w[k] at k * 32 + j, x[t - k] at ((slot - k) mod 3) * 32 + j.
// CHECK-NEXT:        %[[UW0O:.*]] = arith.muli %[[C0]], %[[LB]] : i64
// CHECK-NEXT:        %[[UW0I:.*]] = arith.addi %[[UW0O]], %[[LBJ]] : i64
// CHECK-NEXT:        %[[GUW0:.*]] = llvm.getelementptr %[[UH_W]][%[[UW0I]]]
// CHECK-NEXT:        %[[UW0:.*]] = llvm.load %[[GUW0]]
// CHECK-NEXT:        %[[UD0:.*]] = arith.subi %[[BSLOT]], %[[C0]] : i64
// CHECK-NEXT:        %[[UN0:.*]] = arith.cmpi slt, %[[UD0]], %[[C0]] : i64
// CHECK-NEXT:        %[[UU0:.*]] = arith.addi %[[UD0]], %[[C3]] : i64
// CHECK-NEXT:        %[[US0:.*]] = arith.select %[[UN0]], %[[UU0]], %[[UD0]] : i64
// CHECK-NEXT:        %[[UX0O:.*]] = arith.muli %[[US0]], %[[LB]] : i64
// CHECK-NEXT:        %[[UX0I:.*]] = arith.addi %[[UX0O]], %[[LBJ]] : i64
// CHECK-NEXT:        %[[GUX0:.*]] = llvm.getelementptr %[[UH_RING]][%[[UX0I]]]
// CHECK-NEXT:        %[[UX0:.*]] = llvm.load %[[GUX0]]
// CHECK-NEXT:        %[[E0:.*]] = arith.mulf %[[UW0]], %[[UX0]] : f64
// CHECK-NEXT:        %[[UW1O:.*]] = arith.muli %[[C1]], %[[LB]] : i64
// CHECK-NEXT:        %[[UW1I:.*]] = arith.addi %[[UW1O]], %[[LBJ]] : i64
// CHECK-NEXT:        %[[GUW1:.*]] = llvm.getelementptr %[[UH_W]][%[[UW1I]]]
// CHECK-NEXT:        %[[UW1:.*]] = llvm.load %[[GUW1]]
// CHECK-NEXT:        %[[UD1:.*]] = arith.subi %[[BSLOT]], %[[C1]] : i64
// CHECK-NEXT:        %[[UN1:.*]] = arith.cmpi slt, %[[UD1]], %[[C0]] : i64
// CHECK-NEXT:        %[[UU1:.*]] = arith.addi %[[UD1]], %[[C3]] : i64
// CHECK-NEXT:        %[[US1:.*]] = arith.select %[[UN1]], %[[UU1]], %[[UD1]] : i64
// CHECK-NEXT:        %[[UX1O:.*]] = arith.muli %[[US1]], %[[LB]] : i64
// CHECK-NEXT:        %[[UX1I:.*]] = arith.addi %[[UX1O]], %[[LBJ]] : i64
// CHECK-NEXT:        %[[GUX1:.*]] = llvm.getelementptr %[[UH_RING]][%[[UX1I]]]
// CHECK-NEXT:        %[[UX1:.*]] = llvm.load %[[GUX1]]
// CHECK-NEXT:        %[[E1:.*]] = arith.mulf %[[UW1]], %[[UX1]] : f64
// CHECK-NEXT:        %[[E01:.*]] = arith.addf %[[E0]], %[[E1]] : f64
// CHECK-NEXT:        %[[UW2O:.*]] = arith.muli %[[C2]], %[[LB]] : i64
// CHECK-NEXT:        %[[UW2I:.*]] = arith.addi %[[UW2O]], %[[LBJ]] : i64
// CHECK-NEXT:        %[[GUW2:.*]] = llvm.getelementptr %[[UH_W]][%[[UW2I]]]
// CHECK-NEXT:        %[[UW2:.*]] = llvm.load %[[GUW2]]
// CHECK-NEXT:        %[[UD2:.*]] = arith.subi %[[BSLOT]], %[[C2]] : i64
// CHECK-NEXT:        %[[UN2:.*]] = arith.cmpi slt, %[[UD2]], %[[C0]] : i64
// CHECK-NEXT:        %[[UU2:.*]] = arith.addi %[[UD2]], %[[C3]] : i64
// CHECK-NEXT:        %[[US2:.*]] = arith.select %[[UN2]], %[[UU2]], %[[UD2]] : i64
// CHECK-NEXT:        %[[UX2O:.*]] = arith.muli %[[US2]], %[[LB]] : i64
// CHECK-NEXT:        %[[UX2I:.*]] = arith.addi %[[UX2O]], %[[LBJ]] : i64
// CHECK-NEXT:        %[[GUX2:.*]] = llvm.getelementptr %[[UH_RING]][%[[UX2I]]]
// CHECK-NEXT:        %[[UX2:.*]] = llvm.load %[[GUX2]]
// CHECK-NEXT:        %[[E2:.*]] = arith.mulf %[[UW2]], %[[UX2]] : f64
// CHECK-NEXT:        %[[ROUTED:.*]] = arith.addf %[[E01]], %[[E2]] : f64
// Q = routed * gain, at t * nb + b in Q's block.
// CHECK-NEXT:        %[[QB:.*]] = arith.mulf %[[ROUTED]], %[[GAINV]] : f64
// CHECK-NEXT:        %[[GQB:.*]] = llvm.getelementptr %[[Q]][%[[BTB]]]
// CHECK-NEXT:        llvm.store %[[QB]], %[[GQB]] {access_groups = [#{{.*}}]}
// CHECK-NEXT:      } {dgm.lanes = 128 : i64, llvm.loop_annotation = #{{.*}}}
// CHECK-NEXT:    }
// CHECK-NEXT:  }
// CHECK-NEXT:  %[[STATUS:.*]] = arith.constant 0 : i32
// CHECK-NEXT:  return %[[STATUS]] : i32
// CHECK-NEXT: }
// The descriptor: the default number of components, and the flags of each
// variable (1 = per component, 2 = dynamic, 8 = convolved).
// CHECK-NEXT: dgm.descriptor "routed" source "routed.dgm" components 2 simulate @dgm_routed_simulate variables [
// CHECK-NEXT:   #dgm.variable<forcing "P", index = 0>,
// CHECK-NEXT:   #dgm.variable<param "k", index = 0, flags = 1>,
// CHECK-NEXT:   #dgm.variable<param "beta", index = 1, flags = 3>,
// CHECK-NEXT:   #dgm.variable<param "tau", index = 2>,
// CHECK-NEXT:   #dgm.variable<param "gain", index = 3, flags = 2>,
// The step convolves (Qc): the state carries DGM_CONVOLVED too.
// CHECK-NEXT:   #dgm.variable<state "S", index = 0, default_value = 1.000000e+00, flags = 9>,
// CHECK-NEXT:   #dgm.variable<output "Qc", index = 0, flags = 1>,
// The basin output convolves (through the gain): DGM_CONVOLVED.
// CHECK-NEXT:   #dgm.variable<output "Q", index = 1, flags = 8>
// CHECK-NEXT: ]
dgm.model @routed source "routed.dgm" components 2 {
  dgm.forcing @P : f64
  dgm.param @k : f64
  dgm.param @beta : f64 {dynamic}
  dgm.param @tau : f64 {shared}
  dgm.param @gain : f64 {dynamic, shared}
  dgm.state @S : f64 {init = 1.0 : f64}
  dgm.output @Qc : f64
  dgm.output @Q : f64 {basin}
  dgm.kernel @UH size 3 normalize {
  ^bb0(%i: f64, %k: f64, %beta: f64, %tau: f64, %gain: f64):
    %w = dgm.div %i, %tau : f64
    dgm.yield %w : f64
  }
  dgm.kernel @AVG size 2 {
  ^bb0(%i: f64, %k: f64, %beta: f64, %tau: f64, %gain: f64):
    %half = dgm.constant 0.5 : f64
    dgm.yield %half : f64
  }
  dgm.step {
  ^bb0(%P: f64, %k: f64, %beta: f64, %tau: f64, %gain: f64, %S: f64):
    %in = dgm.mul %P, %beta : f64
    %s1 = dgm.add %S, %in : f64
    %q = dgm.mul %k, %s1 : f64
    %s2 = dgm.sub %s1, %q : f64
    %qc = dgm.convolve %q, @AVG : f64 -> f64
    dgm.yield %s2, %qc : f64, f64
  }
  dgm.basin {
  ^bb0(%P: f64, %k: f64, %beta: f64, %tau: f64, %gain: f64):
    %mean = dgm.aggregate mean @Qc : f64
    %routed = dgm.convolve %mean, @UH : f64 -> f64
    %q = dgm.mul %routed, %gain : f64
    dgm.yield %q : f64
  }
}

// -----

// An internal output (Qc) is not in the ABI's outputs: ETc is output 0. Each
// aggregate of it gets [step][basin] sums (calloc'ed, freed at the end;
// simulate returns 1 if calloc failed), to which weight * Qc is added in lane
// order: with lanes by component, in the step's lane loop itself (a lane the
// block recomputes stores its sum back unchanged); with lanes across
// components, which share basins, from a per-lane buffer in a plain loop
// after it. dgm.basin then only divides.
// CHECK-DAG: llvm.func @free(!llvm.ptr)
// CHECK-DAG: llvm.func @calloc(i64, i64) -> !llvm.ptr
// CHECK-LABEL: func.func @dgm_fused_simulate
// CHECK: %[[QC:.*]] = llvm.alloca %c128_i64 x f64
// CHECK: %[[TB:.*]] = arith.muli %arg2, %arg0 : i64
// CHECK: %[[MEAN:.*]] = llvm.call @calloc(%[[TB]], %c8_i64) : (i64, i64) -> !llvm.ptr
// CHECK: %[[WMEAN:.*]] = llvm.call @calloc(%[[TB]], %c8_i64) : (i64, i64) -> !llvm.ptr
// CHECK: %[[OK:.*]] = arith.andi
// CHECK-NEXT: scf.if %[[OK]] {
// Few basins: the step stores Qc in its buffer, then a plain loop sums.
// CHECK: llvm.store %{{.*}}, %{{.*}} {access_groups = [#[[STEPGROUP:.*]]]} : f64, !llvm.ptr
// CHECK: } {dgm.lanes = 128 : i64, llvm.loop_annotation
// CHECK-NEXT: scf.for %[[LANE:.*]] = %arg9 to %{{.*}} step %c1_i64  : i64 {
// CHECK: %[[X:.*]] = llvm.load %{{.*}} : !llvm.ptr -> f64
// CHECK: %[[S:.*]] = llvm.load %{{.*}} : !llvm.ptr -> f64
// CHECK-NEXT: %[[WX:.*]] = arith.mulf %{{.*}}, %[[X]] : f64
// CHECK-NEXT: %[[SUM:.*]] = arith.addf %[[S]], %[[WX]] : f64
// CHECK-NEXT: %[[AT:.*]] = llvm.getelementptr %[[MEAN]][%{{.*}}]
// CHECK-NEXT: llvm.store %[[SUM]], %[[AT]] : f64, !llvm.ptr
// CHECK: llvm.getelementptr %arg3[%[[LANE]]]
// CHECK: llvm.getelementptr %[[WMEAN]]
// CHECK: llvm.store
// CHECK-NEXT: }
// By component, blocks of basins first (a block's sums stay in cache while
// every component adds to them); the step adds into the sums itself.
// CHECK: } else {
// CHECK-NEXT: scf.for %[[BLOCK:.*]] = %c0_i64 to %arg0 step %c128_i64  : i64 {
// CHECK-NEXT: scf.for %[[COMP:.*]] = %c0_i64 to %arg1 step %c1_i64  : i64 {
// CHECK-NEXT: %[[CNB:.*]] = arith.muli %[[COMP]], %arg0 : i64
// CHECK: %[[OWN:.*]] = arith.addi %[[CNB]], %[[BLOCK]] : i64
// CHECK: %[[ISOWN:.*]] = arith.cmpi sge, %{{.*}}, %[[OWN]] : i64
// CHECK-NEXT: llvm.getelementptr %[[MEAN]]
// CHECK-NEXT: %[[OLD:.*]] = llvm.load
// CHECK-NEXT: %[[WQ:.*]] = arith.mulf
// CHECK-NEXT: %[[NEW:.*]] = arith.addf %[[OLD]], %[[WQ]] : f64
// CHECK-NEXT: %[[KEEP:.*]] = arith.select %[[ISOWN]], %[[NEW]], %[[OLD]] : f64
// CHECK-NEXT: %[[AT2:.*]] = llvm.getelementptr %[[MEAN]]
// CHECK-NEXT: llvm.store %[[KEEP]], %[[AT2]] {access_groups = [#{{.*}}]} : f64, !llvm.ptr
// CHECK: } {dgm.lanes = 128 : i64, llvm.loop_annotation
// The basin outputs: the mean divides the sums by nc, the weighted mean by
// the sum of its weights; no loop reads Qc.
// CHECK: llvm.getelementptr %[[MEAN]][
// CHECK-NEXT: %[[M:.*]] = llvm.load %{{.*}} {access_groups = [#{{.*}}]} : !llvm.ptr -> f64
// CHECK-NEXT: %[[NC:.*]] = arith.sitofp %arg1 : i64 to f64
// CHECK-NEXT: arith.divf %[[M]], %[[NC]] : f64
// CHECK: llvm.call @free(%[[MEAN]])
// CHECK-NEXT: llvm.call @free(%[[WMEAN]])
// CHECK: %[[STATUS:.*]] = arith.select %[[OK]], %c0_i32, %c1_i32 : i32
// CHECK-NEXT: return %[[STATUS]] : i32
// CHECK: dgm.descriptor "fused"
// CHECK-NEXT: #dgm.variable<forcing "P", index = 0>,
// CHECK-NEXT: #dgm.variable<param "w", index = 0, flags = 1>,
// CHECK-NEXT: #dgm.variable<output "ETc", index = 0, flags = 1>,
// CHECK-NEXT: #dgm.variable<output "Q", index = 1>,
// CHECK-NEXT: #dgm.variable<output "Qw", index = 2>
// CHECK-NEXT: ]
dgm.model @fused source "fused.dgm" components 2 {
  dgm.forcing @P : f64
  dgm.param @w : f64
  dgm.output @Qc : f64 {internal}
  dgm.output @ETc : f64
  dgm.output @Q : f64 {basin}
  dgm.output @Qw : f64 {basin}
  dgm.step {
  ^bb0(%P: f64, %w: f64):
    %q = dgm.mul %P, %w : f64
    %e = dgm.sub %P, %q : f64
    dgm.yield %q, %e : f64, f64
  }
  dgm.basin {
  ^bb0(%P: f64, %w: f64):
    %mean = dgm.aggregate mean @Qc : f64
    %wm = dgm.aggregate weighted_mean @Qc weights @w : f64
    dgm.yield %mean, %wm : f64, f64
  }
}

// -----

// A state whose initial value comes from the parameters: in the prologue of
// each block, per lane, the region is evaluated on the lane's parameters
// (per-component X1 at the lane, shared h at the lane's basin) and replaces
// the caller's initial value where that has the bits of abi.h's
// DGM_MODEL_INITIAL_BITS (0x7FFC6D6000000000; any other NaN stays). The
// descriptor flags the state DGM_INIT_FROM_PARAMS (4) besides
// DGM_PER_COMPONENT (1).
// CHECK-LABEL: func.func @dgm_filled_simulate(
// CHECK-SAME:    %{{[^:]*}}: i64, %{{[^:]*}}: i64, %{{[^:]*}}: i64, %[[PARAMS:[^:]*]]: !llvm.ptr {llvm.noalias}, %[[INIT:[^:]*]]: !llvm.ptr
// CHECK:           %[[GIVENP:.*]] = llvm.getelementptr %[[INIT]][%[[LANE:.*]]]
// CHECK-NEXT:      %[[GIVEN:.*]] = llvm.load %[[GIVENP]]
// CHECK-NEXT:      %[[X1P:.*]] = llvm.getelementptr %[[PARAMS]][%[[LANE]]]
// CHECK-NEXT:      %[[X1:.*]] = llvm.load %[[X1P]]
// CHECK:           %[[H:.*]] = llvm.load
// CHECK-NEXT:      %[[S0:.*]] = arith.mulf %[[H]], %[[X1]] : f64
// CHECK-NEXT:      %[[BITS:.*]] = arith.bitcast %[[GIVEN]] : f64 to i64
// CHECK-NEXT:      %[[SENTINEL:.*]] = arith.constant 9222366396032221184 : i64
// CHECK-NEXT:      %[[ASKS:.*]] = arith.cmpi eq, %[[BITS]], %[[SENTINEL]] : i64
// CHECK-NEXT:      %[[INITIAL:.*]] = arith.select %[[ASKS]], %[[S0]], %[[GIVEN]] : f64
// CHECK-NEXT:      llvm.getelementptr
// CHECK-NEXT:      llvm.store %[[INITIAL]]
// CHECK:       #dgm.variable<state "S", index = 0, default_value = 0x7FFC6D6000000000, flags = 5>
dgm.model @filled components 2 {
  dgm.forcing @P : f64
  dgm.param @X1 : f64
  dgm.param @h : f64 {shared}
  dgm.state @S : f64 {init = 0x7FFC6D6000000000 : f64} from_params {
  ^bb0(%X1: f64, %h: f64):
    %s0 = dgm.mul %h, %X1 : f64
    dgm.yield %s0 : f64
  }
  dgm.output @Q : f64
  dgm.step {
  ^bb0(%P: f64, %X1: f64, %h: f64, %S: f64):
    %s1 = dgm.add %S, %P : f64
    dgm.yield %s1, %s1 : f64, f64
  }
}
