//===- Passes.td - dgm conversion passes -------------------*- tablegen -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The pipeline from the dgm dialect to LLVM IR is
//   convert-dgm-to-standard, (canonicalize,) dgm-expand-pow
//   (dgm/Transforms/Passes.td), convert-scf-to-cf,
//   convert-arith-to-llvm, convert-math-to-llvm, convert-cf-to-llvm,
//   convert-func-to-llvm, convert-dgm-to-llvm, reconcile-unrealized-casts
//
//===----------------------------------------------------------------------===//

#ifndef DGM_CONVERSION_PASSES_TD
#define DGM_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertDGMToStandardPass
    : Pass<"convert-dgm-to-standard", "::mlir::ModuleOp"> {
  let summary = "Lower dgm models to simulate functions in func/scf/arith/math";
  let description = [{
    Replaces every `dgm.model` by

    1. `func.func @dgm_<model>_simulate`, the `dgm_simulate_fn` of
       `dgm/abi.h`. Its loop nest (docs/architecture.md, "The loop nest"):
       a lane is one component of one basin; for each block of up to 128
       lanes (with 32 basins or more: per component, a block of its basins;
       with fewer: consecutive lanes across the components, each lane's
       basin kept in a stack buffer), the states go into stack buffers; for
       each time step, a lane loop over the block (innermost, so that LLVM
       vectorises it) runs a copy of the step body. The arrays of the ABI
       are read and written through `llvm.getelementptr`, `llvm.load` and
       `llvm.store` (scalar elements, i64 indices). Each step stores the new
       states into row t of the trajectory, or into a scratch row when its
       pointer is null (chosen once per step); final states after the
       steps. Basin outputs (aggregates over the components, convolutions
       through ring buffers) follow, in blocks of basins. Each lane loop
       carries `llvm.loop_annotation` with `parallelAccesses`, and its loads
       and stores its access group: lanes are independent. The annotation
       also asks LLVM to interleave two vectors per iteration, which
       overlaps the long dependency chains of two vectors of lanes. It
       returns 0;
    2. a `dgm.descriptor` with the model's name, source, simulate function
       and variables (for `convert-dgm-to-llvm`);

    and lowers the scalar operations to `arith` and `math`
    (`dgm.min` -> `arith.minimumf`, `dgm.pow` -> `math.powf`,
    `dgm.cmp ne` -> `arith.cmpf une`, ...), without fast-math flags.

    Before:

    ```mlir
    dgm.model @lr {
      dgm.forcing @P : f64
      dgm.param @k : f64
      dgm.state @S : f64 {init = 1.0e+01 : f64}
      dgm.output @Q : f64
      dgm.step {
      ^bb0(%P: f64, %k: f64, %S: f64):
        %q = dgm.mul %k, %S : f64
        %0 = dgm.add %S, %P : f64
        %s = dgm.sub %0, %q : f64
        dgm.yield %s, %q : f64, f64
      }
    }
    ```

    After (abridged; `test/Conversion/DGMToStandard` has it whole):

    ```mlir
    func.func @dgm_lr_simulate(%nb: i64, %nc: i64, %nt: i64, %params: !llvm.ptr,
        %init_states: !llvm.ptr, %forcings: !llvm.ptr, %outputs: !llvm.ptr,
        %trajectory: !llvm.ptr, %final_states: !llvm.ptr) -> i32 {
      %S_buf = llvm.alloca ... x f64                  // one slot per lane
      scf.for %c = %c0 to %nc step %c1 : i64 {       // (a model without
        scf.for %start = %c0 to %nb step %c128 : i64 { // components)
          ...                                          // lanes [%v0, %vEnd)
          scf.for %v = %v0 to %vEnd step %c1 : i64 {   // S_buf[j] = init
            ...
          } {llvm.loop_annotation = #lanes0}
          scf.for %t = %c0 to %nt step %c1 : i64 {
            %row = arith.select %has_traj, %traj_t, %scratch : !llvm.ptr
            scf.for %v = %v0 to %vEnd step %c1 : i64 {
              %P = llvm.load ... {access_groups = [#g1]}   // forcings[0][t][b]
              %k = llvm.load ... {access_groups = [#g1]}   // params[0][c][b]
              %S = llvm.load ... {access_groups = [#g1]}   // S_buf[j]
              %q = arith.mulf %k, %S : f64
              %0 = arith.addf %S, %P : f64
              %s = arith.subf %0, %q : f64
              llvm.store %q, ... {access_groups = [#g1]}   // outputs[0][t][c][b]
              llvm.store %s, ... {access_groups = [#g1]}   // S_buf[j]
              llvm.store %s, ... {access_groups = [#g1]}   // %row[j]
            } {llvm.loop_annotation = #lanes1}
          }
          scf.if %has_final { ... }                    // final_states[0][c][b]
        }
      }
      return %c0_i32 : i32
    }
    dgm.descriptor "lr" simulate @dgm_lr_simulate variables [
      #dgm.variable<forcing "P", index = 0>,
      #dgm.variable<param "k", index = 0>,
      #dgm.variable<state "S", index = 0, default_value = 1.000000e+01>,
      #dgm.variable<output "Q", index = 0>
    ]
    ```
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::func::FuncDialect",
    "::mlir::LLVM::LLVMDialect", "::mlir::math::MathDialect",
    "::mlir::scf::SCFDialect"
  ];
  let statistics = [
    Statistic<"numModels", "num-models", "Number of models lowered">
  ];
}

def ConvertDGMToLLVMPass : Pass<"convert-dgm-to-llvm", "::mlir::ModuleOp"> {
  let summary = "Lower dgm.descriptor to the dgm_model globals of abi.h";
  let description = [{
    Runs after `convert-func-to-llvm` (the simulate function must be an
    `llvm.func`). Replaces every `dgm.descriptor` by private constant globals
    laid out as `dgm_model` and `dgm_variable` in `dgm/abi.h` (x86-64 SysV
    layout of the LLVM literal structs; strings are NUL-terminated private
    globals, "" when empty, never null; a kind without variables gets a null
    array pointer) and the exported getter
    `const dgm_model *dgm_<model>_get_model(void)`. One model, chosen by
    `default-model` or the only one in the module, also gets the getter every
    compiled model exports, `dgm_get_model`.

    It also makes the discardable `llvm.loop_annotation` attribute that
    SCF-to-CF leaves on a loop's latch branch (from the lane loops of
    `convert-dgm-to-standard`, with `parallelAccesses`) the branch's own
    `loop_annotation`, which the translation to LLVM IR emits as
    `!llvm.loop` metadata.

    Before:

    ```mlir
    llvm.func @dgm_lr_simulate(%arg0: i64, ...) -> i32 { ... }
    dgm.descriptor "lr" simulate @dgm_lr_simulate variables [
      #dgm.variable<param "k", index = 0, unit = "1/d",
                    lower = 1.000000e-03, upper = 1.000000e+00>, ...
    ]
    ```

    After (abridged):

    ```mlir
    llvm.mlir.global private unnamed_addr constant @__dgm_str_0("lr\00")
    llvm.mlir.global private constant @__dgm_lr_params()
        : !llvm.array<1 x struct<(ptr, ptr, ptr, i32, i32, f64, f64, f64)>> {
      ... llvm.insertvalue ...
    }
    llvm.mlir.global private constant @__dgm_lr_model()
        : !llvm.struct<(i32, i32, ptr, ptr, i32, i32, i32, i32,
                        ptr, ptr, ptr, ptr, ptr)> {
      ... %sim = llvm.mlir.addressof @dgm_lr_simulate : !llvm.ptr ...
    }
    llvm.func @dgm_lr_get_model() -> !llvm.ptr {
      %0 = llvm.mlir.addressof @__dgm_lr_model : !llvm.ptr
      llvm.return %0 : !llvm.ptr
    }
    llvm.func @dgm_get_model() -> !llvm.ptr { ... }
    ```
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
  let options = [
    Option<"defaultModel", "default-model", "std::string", /*default=*/"",
           "The model whose descriptor dgm_get_model returns; may be omitted "
           "when the module holds one model">
  ];
}

#endif // DGM_CONVERSION_PASSES_TD
