//===- DGMOps.h - dgm operations --------------------------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The operations of the dgm dialect (see DGMOps.td for their documentation).
// This is the header MLIRGen and the passes include.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_DIALECT_DGM_IR_DGMOPS_H
#define DGM_DIALECT_DGM_IR_DGMOPS_H

#include "dgm/Dialect/DGM/IR/DGMAttributes.h"
#include "dgm/Dialect/DGM/IR/DGMDialect.h"

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace dgm {
class ModelOp;
class StepOp;
class YieldOp;

/// i1 for a scalar, vector<...xi1> of the same shape for a vector: the type of
/// a comparison's result and of a select's condition.
mlir::Type getI1SameShape(mlir::Type type);
} // namespace dgm

#define GET_OP_CLASSES
#include "dgm/Dialect/DGM/IR/DGMOps.h.inc"

#endif // DGM_DIALECT_DGM_IR_DGMOPS_H
