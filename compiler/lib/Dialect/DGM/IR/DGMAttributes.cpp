//===- DGMAttributes.cpp - dgm enums and attributes -----------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//

#include "dgm/Dialect/DGM/IR/DGMAttributes.h"
#include "dgm/Dialect/DGM/IR/DGMDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace dgm;

#include "dgm/Dialect/DGM/IR/DGMEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "dgm/Dialect/DGM/IR/DGMAttributes.cpp.inc"

void DGMDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dgm/Dialect/DGM/IR/DGMAttributes.cpp.inc"
      >();
}
