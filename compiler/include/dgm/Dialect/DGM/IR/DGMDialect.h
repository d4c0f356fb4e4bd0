//===- DGMDialect.h - The dgm dialect ---------------------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// The dialect class `dgm::DGMDialect`. Include DGMOps.h for the operations and
// DGMAttributes.h for the enums and attributes.
//
//===----------------------------------------------------------------------===//

#ifndef DGM_DIALECT_DGM_IR_DGMDIALECT_H
#define DGM_DIALECT_DGM_IR_DGMDIALECT_H

#include "mlir/IR/Dialect.h"

#include "dgm/Dialect/DGM/IR/DGMDialect.h.inc"

#endif // DGM_DIALECT_DGM_IR_DGMDIALECT_H
