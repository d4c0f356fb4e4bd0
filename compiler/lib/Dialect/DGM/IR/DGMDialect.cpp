//===- DGMDialect.cpp - The dgm dialect -----------------------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Registration of the operations and the constant materializer that the
// folders rely on.
//
//===----------------------------------------------------------------------===//

#include "dgm/Dialect/DGM/IR/DGMDialect.h"
#include "dgm/Dialect/DGM/IR/DGMOps.h"

using namespace mlir;
using namespace dgm;

#include "dgm/Dialect/DGM/IR/DGMDialect.cpp.inc"

void DGMDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "dgm/Dialect/DGM/IR/DGMOps.cpp.inc"
      >();
  registerAttributes();
}

Operation *DGMDialect::materializeConstant(OpBuilder &builder, Attribute value,
                                           Type type, Location loc) {
  // Folders return FloatAttr / BoolAttr (or dense vectors of them) of the
  // folded op's own type; anything else is not ours to build.
  auto typed = dyn_cast<TypedAttr>(value);
  if (!typed || typed.getType() != type || !ConstantOp::isValidValue(typed))
    return nullptr;
  return ConstantOp::create(builder, loc, type, typed);
}
