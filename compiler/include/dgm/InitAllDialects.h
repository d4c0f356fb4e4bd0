//===- InitAllDialects.h - Every dialect dgm tools use ----------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The dgm dialect and the upstream dialects of our lowering pipeline (func,
// arith, math, scf, cf, llvm), for dgm-opt and the driver. Translation to
// LLVM IR needs, in addition, mlir::registerBuiltinDialectTranslation and
// mlir::registerLLVMDialectTranslation (mlir/Target/LLVMIR/Dialect/...),
// which only the code that translates should pay for.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_INITALLDIALECTS_H
#define DGM_INITALLDIALECTS_H

#include "dgm/Dialect/DGM/IR/DGMDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/DialectRegistry.h"

namespace dgm {

/// Adds the dgm dialect and the dialects our pipeline lowers through.
inline void registerAllDialects(mlir::DialectRegistry &registry) {
  registry.insert<dgm::DGMDialect, mlir::arith::ArithDialect,
                  mlir::cf::ControlFlowDialect, mlir::func::FuncDialect,
                  mlir::LLVM::LLVMDialect, mlir::math::MathDialect,
                  mlir::scf::SCFDialect>();
}

} // namespace dgm

#endif // DGM_INITALLDIALECTS_H
