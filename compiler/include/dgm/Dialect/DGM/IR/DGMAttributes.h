//===- DGMAttributes.h - dgm enums and attributes ---------------*- C++ -*-===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// `dgm::CmpPredicate` (the predicate of dgm.cmp), `dgm::VarKind` (the
// `dgm_var_kind` of abi.h) and `dgm::VariableAttr` (`#dgm.variable<...>`, one
// entry of a dgm.descriptor).
//
//===----------------------------------------------------------------------===//

#ifndef DGM_DIALECT_DGM_IR_DGMATTRIBUTES_H
#define DGM_DIALECT_DGM_IR_DGMATTRIBUTES_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/APFloat.h"

#include "dgm/Dialect/DGM/IR/DGMEnums.h.inc"

namespace dgm::detail {
/// The defaults of `dgm_variable`'s doubles in abi.h (used by VariableAttr).
inline llvm::APFloat negInf() {
  return llvm::APFloat::getInf(llvm::APFloat::IEEEdouble(), /*Negative=*/true);
}
inline llvm::APFloat posInf() {
  return llvm::APFloat::getInf(llvm::APFloat::IEEEdouble(), /*Negative=*/false);
}
inline llvm::APFloat quietNaN() {
  return llvm::APFloat::getQNaN(llvm::APFloat::IEEEdouble());
}

/// abi.h's DGM_MODEL_INITIAL_BITS and DGM_MODEL_INITIAL_BITS_F32: the NaN
/// that asks simulate for a state's initial value from its parameters (the
/// default value of a dgm.state with from_params).
constexpr uint64_t kModelInitialBits = 0x7FFC6D6000000000ull;
constexpr uint32_t kModelInitialBitsF32 = 0x7FE36B00u;
inline llvm::APFloat modelInitialNaN() {
  return llvm::APFloat(llvm::APFloat::IEEEdouble(),
                       llvm::APInt(64, kModelInitialBits));
}
} // namespace dgm::detail

#define GET_ATTRDEF_CLASSES
#include "dgm/Dialect/DGM/IR/DGMAttributes.h.inc"

#endif // DGM_DIALECT_DGM_IR_DGMATTRIBUTES_H
