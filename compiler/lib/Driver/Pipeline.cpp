//===- Pipeline.cpp - The pass pipelines between emit levels --------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "dgm/Driver/Pipeline.h"

#include "dgm/Conversion/Passes.h"
#include "dgm/InitAllDialects.h"
#include "dgm/Transforms/Passes.h"

#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVMPass.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Transforms/Passes.h"

using namespace dgm;

void driver::registerPipelineDialects(mlir::DialectRegistry &registry) {
  registerAllDialects(registry);
}

void driver::addDGMSimplificationPasses(mlir::OpPassManager &pm) {
  pm.addPass(mlir::createCanonicalizerPass());
  pm.addPass(mlir::createCSEPass());
}

void driver::addDGMToStandardPasses(mlir::OpPassManager &pm) {
  pm.addPass(createConvertDGMToStandardPass());
  pm.addPass(mlir::createCanonicalizerPass());
  pm.addPass(mlir::createCSEPass());
}

void driver::addStandardToLLVMPasses(mlir::OpPassManager &pm) {
  // pow as inline code rather than a libm/libmvec call (Passes.td).
  pm.addPass(createExpandPowPass());
  // Long lane loops as several short ones (Passes.td).
  pm.addPass(createSplitLaneLoopsPass());
  pm.addPass(mlir::createSCFToControlFlowPass());
  pm.addPass(mlir::createArithToLLVMConversionPass());
  pm.addPass(mlir::createConvertMathToLLVMPass());
  pm.addPass(mlir::createConvertControlFlowToLLVMPass());
  pm.addPass(mlir::createConvertFuncToLLVMPass());
  pm.addPass(createConvertDGMToLLVMPass());
  pm.addPass(mlir::createReconcileUnrealizedCastsPass());
}
