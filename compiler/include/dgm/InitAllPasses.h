//===- InitAllPasses.h - Every pass dgm tools use ---------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Our conversion passes and the upstream passes of the pipeline, so that a
// textual pipeline (dgm-opt, lit tests) can name them:
//   convert-dgm-to-standard, dgm-expand-pow, canonicalize, cse,
//   convert-scf-to-cf,
//   convert-arith-to-llvm, convert-math-to-llvm, convert-cf-to-llvm,
//   convert-func-to-llvm, convert-dgm-to-llvm, reconcile-unrealized-casts.
// The upstream conversions are registered one by one from their own headers:
// mlir/Conversion/Passes.h would cost ~30 s per translation unit.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_INITALLPASSES_H
#define DGM_INITALLPASSES_H

#include "dgm/Conversion/Passes.h"
#include "dgm/Transforms/Passes.h"

#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVMPass.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

namespace dgm {

/// Registers the passes above with the global pass registry. Call once.
inline void registerAllPasses() {
  registerDGMConversionPasses();
  registerDGMTransformsPasses();
  mlir::registerCanonicalizerPass();
  mlir::registerCSEPass();
  mlir::registerPass([] { return mlir::createSCFToControlFlowPass(); });
  mlir::registerPass([] { return mlir::createArithToLLVMConversionPass(); });
  mlir::registerPass([] { return mlir::createConvertMathToLLVMPass(); });
  mlir::registerPass([] { return mlir::createConvertControlFlowToLLVMPass(); });
  mlir::registerPass([] { return mlir::createConvertFuncToLLVMPass(); });
  mlir::registerPass([] { return mlir::createReconcileUnrealizedCastsPass(); });
}

} // namespace dgm

#endif // DGM_INITALLPASSES_H
