//===- ConvertDGMToStandardPass.cpp - convert-dgm-to-standard -------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// First every dgm.model becomes a simulate function and a descriptor (the
// step body is copied in unchanged), then one partial conversion lowers the
// scalar dgm operations wherever they are. Only dgm.descriptor stays.
//
//===----------------------------------------------------------------------===//

#include "dgm/Conversion/Passes.h"
#include "dgm/Dialect/DGM/IR/DGMOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Transforms/DialectConversion.h"

namespace dgm {
#define GEN_PASS_DEF_CONVERTDGMTOSTANDARDPASS
#include "dgm/Conversion/Passes.h.inc"
} // namespace dgm

using namespace mlir;
using namespace dgm;

namespace {
struct ConvertDGMToStandardPass
    : dgm::impl::ConvertDGMToStandardPassBase<ConvertDGMToStandardPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();

    // Models sit in module bodies (HasParent<ModuleOp>); collect them first,
    // since lowering one erases it.
    SmallVector<ModelOp> models;
    module.walk([&](ModelOp model) {
      models.push_back(model);
      return WalkResult::skip();
    });
    IRRewriter rewriter(&getContext());
    for (ModelOp model : models) {
      if (failed(lowerModelToSimulateFunc(model, rewriter)))
        return signalPassFailure();
      ++numModels;
    }

    ConversionTarget target(getContext());
    target.addLegalDialect<arith::ArithDialect, func::FuncDialect,
                           LLVM::LLVMDialect, math::MathDialect,
                           scf::SCFDialect>();
    target.addIllegalDialect<DGMDialect>();
    target.addLegalOp<DescriptorOp>();
    RewritePatternSet patterns(&getContext());
    populateDGMScalarToStandardPatterns(patterns);
    if (failed(applyPartialConversion(module, target, std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
