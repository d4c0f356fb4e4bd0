//===- DGMToStandard.h - dgm to func/scf/arith/math -------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The two halves of convert-dgm-to-standard, usable on their own:
// - lowerModelToSimulateFunc() replaces a dgm.model by the simulate function
//   of dgm/abi.h (loops, loads and stores around a copy of the step body)
//   and a dgm.descriptor;
// - populateDGMScalarToStandardPatterns() lowers the scalar dgm operations
//   (dgm.add, dgm.exp, dgm.cmp, ...) to arith and math.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_CONVERSION_DGMTOSTANDARD_DGMTOSTANDARD_H
#define DGM_CONVERSION_DGMTOSTANDARD_DGMTOSTANDARD_H

#include "mlir/IR/PatternMatch.h"
#include "mlir/Support/LLVM.h"

namespace dgm {
class ModelOp;

/// The name of a model's simulate function: `<model>_simulate`.
std::string getSimulateFuncName(llvm::StringRef modelName);

/// Replaces `model` by `func.func @<model>_simulate(...) -> i32` (the
/// dgm_simulate_fn of abi.h) and a `dgm.descriptor`, both inserted where the
/// model was. The step body is copied into the loops; its scalar dgm ops are
/// left for populateDGMScalarToStandardPatterns. Fails, with a diagnostic and
/// the IR unchanged, when the model cannot have the C ABI (a declaration not
/// of type f64, a symbol clash).
mlir::LogicalResult lowerModelToSimulateFunc(ModelOp model,
                                             mlir::RewriterBase &rewriter);

/// Patterns that lower every scalar dgm operation to arith/math, keeping its
/// IEEE semantics (no fast-math flags).
void populateDGMScalarToStandardPatterns(mlir::RewritePatternSet &patterns);

} // namespace dgm

#endif // DGM_CONVERSION_DGMTOSTANDARD_DGMTOSTANDARD_H
