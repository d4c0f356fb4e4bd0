//===- Jit.h - Compiling a model into the running process -------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The REPL compiles models in process with MLIR's ExecutionEngine instead of
// writing and dlopen-ing a shared library: the same pipeline as
// dgm::driver::compile up to the LLVM dialect, the same LLVM optimisation
// (translateAndOptimize: host CPU, loop vectoriser, libmvec), then ORC's JIT
// instead of an object file. The descriptor the JIT-ed code returns is the
// one a compiled library exports (dgm/abi.h), so the runtime runs both alike
// (LoadedModel::fromDescriptor).
//
//===----------------------------------------------------------------------===//

#ifndef DGM_DRIVER_JIT_H
#define DGM_DRIVER_JIT_H

#include "dgm/Driver/Compiler.h"

#include <memory>

// The descriptor of dgm/abi.h (runtime/include), which the compiler does not
// otherwise depend on: the JIT only hands the pointer over.
struct dgm_model;

namespace mlir {
class ExecutionEngine;
} // namespace mlir

namespace dgm::driver {

/// Milliseconds spent in each stage of one JIT compilation.
struct JitTimings {
  double frontEnd = 0; ///< parse, imports, Sema, MLIRGen, dgm simplification
  double lowering = 0; ///< dgm -> standard -> LLVM dialect
  double codegen = 0;  ///< LLVM IR, optimisation, machine code
  double total() const { return frontEnd + lowering + codegen; }
};

/// A model compiled into this process. Its code and descriptor live as long
/// as the JitModel.
class JitModel {
public:
  JitModel(std::unique_ptr<mlir::ExecutionEngine> engine,
           const dgm_model *model);
  ~JitModel();
  JitModel(const JitModel &) = delete;
  JitModel &operator=(const JitModel &) = delete;

  const dgm_model *descriptor() const { return model; }

private:
  std::unique_ptr<mlir::ExecutionEngine> engine;
  const dgm_model *model;
};

/// Compiles the model of `options` (its inputFile or sourceText; emit,
/// outputFile are ignored) into this process. Returns null after printing
/// diagnostics to `diagOS`.
std::unique_ptr<JitModel> compileJit(const CompileOptions &options,
                                     llvm::raw_ostream &diagOS,
                                     JitTimings *timings = nullptr);

} // namespace dgm::driver

#endif // DGM_DRIVER_JIT_H
