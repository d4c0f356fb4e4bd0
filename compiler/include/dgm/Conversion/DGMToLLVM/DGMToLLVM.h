//===- DGMToLLVM.h - dgm.descriptor to LLVM globals -------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The work of convert-dgm-to-llvm on one descriptor, for callers that want it
// without the pass.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_CONVERSION_DGMTOLLVM_DGMTOLLVM_H
#define DGM_CONVERSION_DGMTOLLVM_DGMTOLLVM_H

#include "mlir/IR/PatternMatch.h"
#include "mlir/Support/LLVM.h"

namespace dgm {
class DescriptorOp;

/// Replaces `descriptor` by LLVM dialect globals laid out as the dgm_model
/// and dgm_variable structs of abi.h, plus the exported function
/// `const dgm_model *dgm_<model>_get_model(void)` (and, when
/// `exportDefaultGetter`, `dgm_get_model` too). The simulate function must
/// already be an llvm.func. Fails with a diagnostic otherwise, or when a
/// getter's name is taken.
mlir::LogicalResult lowerDescriptorToLLVM(DescriptorOp descriptor,
                                          bool exportDefaultGetter,
                                          mlir::RewriterBase &rewriter);

} // namespace dgm

#endif // DGM_CONVERSION_DGMTOLLVM_DGMTOLLVM_H
