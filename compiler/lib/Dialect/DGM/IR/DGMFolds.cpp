//===- DGMFolds.cpp - Folders of the dgm scalar operations ----------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Every folder here gives the value the lowered code would compute at run
// time (round to nearest even, NaN in -> NaN out, signed zeros kept; only the
// payload and sign of a NaN may differ, which IEEE leaves open). So only
// identities that hold for every IEEE value are folded:
//   x + (-0.0) = x   x - 0.0 = x   x * 1.0 = x   x / 1.0 = x   pow(x, 1) = x
//   -(-x) = x        not(not x) = x
// and, deliberately, NOT x + 0.0 (-0.0 + 0.0 is +0.0) nor x * 0.0 (NaN for
// infinite or NaN x, -0.0 for negative x).
//
// Constants fold with APFloat (exact IEEE arithmetic) or, for exp/log/pow,
// with the host's libm on f32/f64: the same library the lowered code calls
// (math.exp -> llvm.exp -> exp), so a folded value equals the run-time one.
// Scalars and splat or dense vectors fold alike (mlir/Dialect/CommonFolders.h).
//
//===----------------------------------------------------------------------===//

#include "dgm/Dialect/DGM/IR/DGMOps.h"

#include "mlir/Dialect/CommonFolders.h"
#include "mlir/IR/Matchers.h"

#include <cmath>

using namespace mlir;
using namespace dgm;

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

// We have no poison value: the `void` template argument opts out of it.
template <typename Fn>
static Attribute foldFloatBinary(ArrayRef<Attribute> operands, Fn &&fn) {
  return constFoldBinaryOpConditional<FloatAttr, APFloat, void>(
      operands,
      [&](const APFloat &a, const APFloat &b) -> std::optional<APFloat> {
        return fn(a, b);
      });
}

template <typename Fn>
static Attribute foldFloatUnary(ArrayRef<Attribute> operands, Fn &&fn) {
  return constFoldUnaryOpConditional<FloatAttr, APFloat, void>(
      operands,
      [&](const APFloat &a) -> std::optional<APFloat> { return fn(a); });
}

static bool isDouble(const APFloat &value) {
  return &value.getSemantics() == &APFloat::IEEEdouble();
}
static bool isSingle(const APFloat &value) {
  return &value.getSemantics() == &APFloat::IEEEsingle();
}

/// Applies a libm function in the precision of the operand (f64 or f32 only:
/// other precisions have no libm function with the same rounding).
static std::optional<APFloat> libm(const APFloat &a, double (*f64)(double),
                                   float (*f32)(float)) {
  if (isDouble(a))
    return APFloat(f64(a.convertToDouble()));
  if (isSingle(a))
    return APFloat(f32(a.convertToFloat()));
  return std::nullopt;
}

static std::optional<APFloat> libm(const APFloat &a, const APFloat &b,
                                   double (*f64)(double, double),
                                   float (*f32)(float, float)) {
  if (isDouble(a))
    return APFloat(f64(a.convertToDouble(), b.convertToDouble()));
  if (isSingle(a))
    return APFloat(f32(a.convertToFloat(), b.convertToFloat()));
  return std::nullopt;
}

//===----------------------------------------------------------------------===//
// Constants and float arithmetic
//===----------------------------------------------------------------------===//

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValue(); }

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  // Constants are on the right: Commutative moves them there.
  if (matchPattern(adaptor.getRhs(), m_NegZeroFloat()))
    return getLhs();
  return foldFloatBinary(
      adaptor.getOperands(),
      [](const APFloat &a, const APFloat &b) { return a + b; });
}

OpFoldResult SubOp::fold(FoldAdaptor adaptor) {
  if (matchPattern(adaptor.getRhs(), m_PosZeroFloat()))
    return getLhs();
  return foldFloatBinary(
      adaptor.getOperands(),
      [](const APFloat &a, const APFloat &b) { return a - b; });
}

OpFoldResult MulOp::fold(FoldAdaptor adaptor) {
  if (matchPattern(adaptor.getRhs(), m_OneFloat()))
    return getLhs();
  return foldFloatBinary(
      adaptor.getOperands(),
      [](const APFloat &a, const APFloat &b) { return a * b; });
}

OpFoldResult DivOp::fold(FoldAdaptor adaptor) {
  if (matchPattern(adaptor.getRhs(), m_OneFloat()))
    return getLhs();
  return foldFloatBinary(
      adaptor.getOperands(),
      [](const APFloat &a, const APFloat &b) { return a / b; });
}

OpFoldResult PowOp::fold(FoldAdaptor adaptor) {
  // C: pow(x, 1) == x for every x, NaN included.
  if (matchPattern(adaptor.getRhs(), m_OneFloat()))
    return getLhs();
  return foldFloatBinary(adaptor.getOperands(),
                         [](const APFloat &a, const APFloat &b) {
                           return libm(a, b, ::pow, ::powf);
                         });
}

OpFoldResult MinOp::fold(FoldAdaptor adaptor) {
  return foldFloatBinary(
      adaptor.getOperands(),
      [](const APFloat &a, const APFloat &b) { return llvm::minimum(a, b); });
}

OpFoldResult MaxOp::fold(FoldAdaptor adaptor) {
  return foldFloatBinary(
      adaptor.getOperands(),
      [](const APFloat &a, const APFloat &b) { return llvm::maximum(a, b); });
}

OpFoldResult ClampOp::fold(FoldAdaptor adaptor) {
  // Scalars only; CommonFolders has no three-operand helper and constant
  // vector clamps do not occur before vectorisation.
  auto x = dyn_cast_if_present<FloatAttr>(adaptor.getX());
  auto lo = dyn_cast_if_present<FloatAttr>(adaptor.getLo());
  auto hi = dyn_cast_if_present<FloatAttr>(adaptor.getHi());
  if (!x || !lo || !hi)
    return {};
  APFloat value =
      llvm::minimum(llvm::maximum(x.getValue(), lo.getValue()), hi.getValue());
  return FloatAttr::get(getType(), value);
}

OpFoldResult NegOp::fold(FoldAdaptor adaptor) {
  if (auto inner = getOperand().getDefiningOp<NegOp>())
    return inner.getOperand();
  return foldFloatUnary(adaptor.getOperands(),
                        [](const APFloat &a) { return -a; });
}

OpFoldResult ExpOp::fold(FoldAdaptor adaptor) {
  return foldFloatUnary(adaptor.getOperands(), [](const APFloat &a) {
    return libm(a, ::exp, ::expf);
  });
}

OpFoldResult LogOp::fold(FoldAdaptor adaptor) {
  return foldFloatUnary(adaptor.getOperands(), [](const APFloat &a) {
    return libm(a, ::log, ::logf);
  });
}

OpFoldResult SqrtOp::fold(FoldAdaptor adaptor) {
  // IEEE requires sqrt to be correctly rounded, so libm's is exact.
  return foldFloatUnary(adaptor.getOperands(), [](const APFloat &a) {
    return libm(a, ::sqrt, ::sqrtf);
  });
}

OpFoldResult FloorOp::fold(FoldAdaptor adaptor) {
  return foldFloatUnary(adaptor.getOperands(), [](const APFloat &a) {
    return libm(a, ::floor, ::floorf);
  });
}

OpFoldResult LgammaOp::fold(FoldAdaptor adaptor) {
  return foldFloatUnary(adaptor.getOperands(), [](const APFloat &a) {
    return libm(a, ::lgamma, ::lgammaf);
  });
}

OpFoldResult TanhOp::fold(FoldAdaptor adaptor) {
  return foldFloatUnary(adaptor.getOperands(), [](const APFloat &a) {
    return libm(a, ::tanh, ::tanhf);
  });
}

OpFoldResult Expm1Op::fold(FoldAdaptor adaptor) {
  return foldFloatUnary(adaptor.getOperands(), [](const APFloat &a) {
    return libm(a, ::expm1, ::expm1f);
  });
}

OpFoldResult Log1pOp::fold(FoldAdaptor adaptor) {
  return foldFloatUnary(adaptor.getOperands(), [](const APFloat &a) {
    return libm(a, ::log1p, ::log1pf);
  });
}

OpFoldResult SinOp::fold(FoldAdaptor adaptor) {
  return foldFloatUnary(adaptor.getOperands(), [](const APFloat &a) {
    return libm(a, ::sin, ::sinf);
  });
}

OpFoldResult CosOp::fold(FoldAdaptor adaptor) {
  return foldFloatUnary(adaptor.getOperands(), [](const APFloat &a) {
    return libm(a, ::cos, ::cosf);
  });
}

OpFoldResult TanOp::fold(FoldAdaptor adaptor) {
  return foldFloatUnary(adaptor.getOperands(), [](const APFloat &a) {
    return libm(a, ::tan, ::tanf);
  });
}

OpFoldResult AcosOp::fold(FoldAdaptor adaptor) {
  return foldFloatUnary(adaptor.getOperands(), [](const APFloat &a) {
    return libm(a, ::acos, ::acosf);
  });
}

OpFoldResult AbsOp::fold(FoldAdaptor adaptor) {
  return foldFloatUnary(adaptor.getOperands(),
                        [](const APFloat &a) { return abs(a); });
}

//===----------------------------------------------------------------------===//
// Comparison and selection
//===----------------------------------------------------------------------===//

static bool evaluate(CmpPredicate predicate, const APFloat &lhs,
                     const APFloat &rhs) {
  APFloat::cmpResult result = lhs.compare(rhs);
  switch (predicate) {
  case CmpPredicate::lt:
    return result == APFloat::cmpLessThan;
  case CmpPredicate::le:
    return result == APFloat::cmpLessThan || result == APFloat::cmpEqual;
  case CmpPredicate::gt:
    return result == APFloat::cmpGreaterThan;
  case CmpPredicate::ge:
    return result == APFloat::cmpGreaterThan || result == APFloat::cmpEqual;
  case CmpPredicate::eq:
    return result == APFloat::cmpEqual;
  case CmpPredicate::ne: // Unordered: true when either side is NaN.
    return result != APFloat::cmpEqual;
  }
  llvm_unreachable("unknown dgm.cmp predicate");
}

OpFoldResult CmpOp::fold(FoldAdaptor adaptor) {
  CmpPredicate predicate = getPredicate();
  return constFoldBinaryOp<FloatAttr, APFloat, void, IntegerAttr>(
      adaptor.getOperands(), getType(),
      [&](const APFloat &lhs, const APFloat &rhs) {
        return APInt(1, evaluate(predicate, lhs, rhs));
      });
}

/// The value of a constant i1 or splat i1 vector, if `attr` is one.
static std::optional<bool> getConstantBool(Attribute attr) {
  if (auto integer = dyn_cast_if_present<IntegerAttr>(attr))
    return !integer.getValue().isZero();
  if (auto splat = dyn_cast_if_present<SplatElementsAttr>(attr))
    return splat.getSplatValue<bool>();
  return std::nullopt;
}

OpFoldResult SelectOp::fold(FoldAdaptor adaptor) {
  if (std::optional<bool> condition = getConstantBool(adaptor.getCondition()))
    return *condition ? getTrueValue() : getFalseValue();
  if (getTrueValue() == getFalseValue())
    return getTrueValue();
  return {};
}

//===----------------------------------------------------------------------===//
// Booleans
//===----------------------------------------------------------------------===//

OpFoldResult AndOp::fold(FoldAdaptor adaptor) {
  if (std::optional<bool> rhs = getConstantBool(adaptor.getRhs()))
    return *rhs ? getLhs() : getRhs();
  return constFoldBinaryOp<IntegerAttr, APInt, void>(
      adaptor.getOperands(),
      [](const APInt &a, const APInt &b) { return a & b; });
}

OpFoldResult OrOp::fold(FoldAdaptor adaptor) {
  if (std::optional<bool> rhs = getConstantBool(adaptor.getRhs()))
    return *rhs ? getRhs() : getLhs();
  return constFoldBinaryOp<IntegerAttr, APInt, void>(
      adaptor.getOperands(),
      [](const APInt &a, const APInt &b) { return a | b; });
}

OpFoldResult NotOp::fold(FoldAdaptor adaptor) {
  if (auto inner = getOperand().getDefiningOp<NotOp>())
    return inner.getOperand();
  return constFoldUnaryOp<IntegerAttr, APInt, void>(
      adaptor.getOperands(), [](const APInt &a) { return ~a; });
}
