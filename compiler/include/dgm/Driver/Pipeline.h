//===- Pipeline.h - The pass pipelines between emit levels ------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The passes that take a module from one emit level to the next, in one
// place so that dgmc, dgm run and the REPL lower models the same way.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_DRIVER_PIPELINE_H
#define DGM_DRIVER_PIPELINE_H

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Pass/PassManager.h"

namespace dgm::driver {

/// The dialects any stage of the pipeline may hold.
void registerPipelineDialects(mlir::DialectRegistry &registry);

/// dgm dialect as MLIRGen built it -> simplified dgm ("mlir" level).
void addDGMSimplificationPasses(mlir::OpPassManager &pm);

/// dgm -> func/scf/arith/math + dgm.descriptor ("lowered" level).
void addDGMToStandardPasses(mlir::OpPassManager &pm);

/// func/scf/arith/math + dgm.descriptor -> LLVM dialect only.
void addStandardToLLVMPasses(mlir::OpPassManager &pm);

} // namespace dgm::driver

#endif // DGM_DRIVER_PIPELINE_H
