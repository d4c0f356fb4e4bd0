//===- MLIRGen.h - Build dgm dialect IR from the AST ------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_MLIRGEN_MLIRGEN_H
#define DGM_MLIRGEN_MLIRGEN_H

#include "dgm/AST/AST.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace mlir {
class MLIRContext;
} // namespace mlir

namespace dgm {

/// Builds a module holding one `dgm.model` per model of `module`, which must
/// have passed Sema. Every op carries the FileLineColLoc of the source that
/// made it. Returns null if the result fails to verify (a compiler bug,
/// reported through the context's diagnostic handler).
/// `scalarBits`: 64 (every value a double) or 32 (float, for models run in
/// single precision).
mlir::OwningOpRef<mlir::ModuleOp> mlirGen(mlir::MLIRContext &context,
                                          const ast::Module &module,
                                          unsigned scalarBits = 64);

} // namespace dgm

#endif // DGM_MLIRGEN_MLIRGEN_H
