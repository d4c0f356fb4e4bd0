//===- ConvertDGMToLLVMPass.cpp - convert-dgm-to-llvm ---------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Lowers every dgm.descriptor of the module and decides which model the
// model-independent entry `dgm_get_model` returns: the one named by the
// `default-model` option, else the only one. A module with several models
// and no choice is an error rather than a silent pick.
//
//===----------------------------------------------------------------------===//

#include "dgm/Conversion/Passes.h"
#include "dgm/Dialect/DGM/IR/DGMOps.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

namespace dgm {
#define GEN_PASS_DEF_CONVERTDGMTOLLVMPASS
#include "dgm/Conversion/Passes.h.inc"
} // namespace dgm

using namespace mlir;
using namespace dgm;

namespace {
/// The lane loops of convert-dgm-to-standard carry an llvm.loop_annotation
/// (parallel accesses); SCF-to-CF moves it to the loop's latch branch as a
/// discardable attribute, which CF-to-LLVM copies as it is. The translation
/// to LLVM IR reads only the branch's own loop_annotation: move it there, or
/// the loop metadata is lost.
void attachLoopAnnotations(ModuleOp module) {
  constexpr llvm::StringLiteral name = "llvm.loop_annotation";
  module.walk([&](Operation *op) {
    auto annotation = op->getAttrOfType<LLVM::LoopAnnotationAttr>(name);
    if (!annotation)
      return;
    if (auto br = dyn_cast<LLVM::BrOp>(op))
      br.setLoopAnnotationAttr(annotation);
    else if (auto condBr = dyn_cast<LLVM::CondBrOp>(op))
      condBr.setLoopAnnotationAttr(annotation);
    op->removeAttr(name);
  });
}

/// Where to report a problem of the whole module: the module, unless it is
/// the implicit one the parser made around the file's ops (line 0, or no
/// location), which would print as file:0:0; then its first descriptor.
Location moduleProblemLoc(ModuleOp module, DescriptorOp first) {
  Location loc = module.getLoc();
  if (auto fileLoc = dyn_cast<FileLineColLoc>(loc); fileLoc && fileLoc.getLine() > 0)
    return loc;
  return isa<UnknownLoc, FileLineColLoc>(loc) ? first.getLoc() : loc;
}

struct ConvertDGMToLLVMPass
    : dgm::impl::ConvertDGMToLLVMPassBase<ConvertDGMToLLVMPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    attachLoopAnnotations(module);
    SmallVector<DescriptorOp> descriptors(module.getOps<DescriptorOp>());
    if (descriptors.empty())
      return;

    DescriptorOp chosen;
    if (!defaultModel.empty()) {
      for (DescriptorOp descriptor : descriptors)
        if (descriptor.getModelName() == defaultModel)
          chosen = descriptor;
      if (!chosen) {
        emitError(moduleProblemLoc(module, descriptors.front()))
            << "default-model=" << defaultModel
                           << " names no model of this module";
        return signalPassFailure();
      }
    } else if (descriptors.size() == 1) {
      chosen = descriptors.front();
    } else {
      InFlightDiagnostic diag =
          emitError(moduleProblemLoc(module, descriptors.front()))
          << "this module has " << descriptors.size()
          << " models, but dgm_get_model can return only one; choose it "
             "with convert-dgm-to-llvm{default-model=<name>}";
      for (DescriptorOp descriptor : descriptors)
        diag.attachNote(descriptor.getLoc())
            << "model \"" << descriptor.getModelName() << "\"";
      return signalPassFailure();
    }

    IRRewriter rewriter(&getContext());
    for (DescriptorOp descriptor : descriptors)
      if (failed(lowerDescriptorToLLVM(descriptor, descriptor == chosen,
                                       rewriter)))
        return signalPassFailure();
  }
};
} // namespace
