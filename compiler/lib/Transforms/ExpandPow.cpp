//===- ExpandPow.cpp - dgm-expand-pow: math.powf as inline code -----------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// Why: pow is the most expensive operation of bucket models (HBV calls it
// twice per step and component). As a libmvec call it is an opaque 60-cycle
// function that also clobbers the vector registers of the loop around it;
// inline, it is about 60 ordinary vector operations that LLVM schedules with
// the rest of the step. The algorithm is written out in Passes.td.
//
// The coefficients of log are fdlibm's (e_log.c, e_logf.c), whose notice
// asks to be kept with them:
//   Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
//   Developed at SunPro, a Sun Microsystems, Inc. business.
//   Permission to use, copy, modify, and distribute this software is freely
//   granted, provided that this notice is preserved.
//
//===----------------------------------------------------------------------===//

#include "dgm/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Matchers.h"

#include <array>
#include <cstdint>
#include <limits>

namespace dgm {
#define GEN_PASS_DEF_EXPANDPOWPASS
#include "dgm/Transforms/Passes.h.inc"
} // namespace dgm

using namespace mlir;

namespace {

/// The constants of one floating-point format.
struct FormatConstants {
  unsigned bits;            ///< width of the float and of its integer twin
  unsigned mantissaBits;    ///< 52 / 23
  int64_t exponentBias;     ///< 1023 / 127
  int64_t sqrtHalfBits;     ///< the bits of sqrt(1/2) rounded
  double minNormal;         ///< below it, x is subnormal
  double subnormalScale;    ///< 2^subnormalShift
  int64_t subnormalShift;   ///< moves a subnormal into the normal range
  double ln2Hi, ln2Lo;      ///< ln 2 = hi + lo; k * hi is exact for |k| < 2^11
  /// fdlibm's Lg1, Lg2, ...: log(1+f) = f - f^2/2 + s (f^2/2 + R(s^2)).
  std::array<double, 7> logCoefficients;
  unsigned numLogCoefficients;
  unsigned expDegree;       ///< Taylor degree for exp(r), |r| <= ln2 / 2
  double minExponent;       ///< exp(a) for a below this underflows to 0
  double maxExponent;       ///< ... above this overflows to inf
};

constexpr FormatConstants kF64 = {
    64,
    52,
    1023,
    0x3fe6a09e667f3bcdLL,
    0x1p-1022,
    0x1p54,
    54,
    6.93147180369123816490e-01,
    1.90821492927058770002e-10,
    {6.666666666666735130e-01, 3.999999999940941908e-01,
     2.857142874366239149e-01, 2.222219843214978396e-01,
     1.818357216161805012e-01, 1.531383769920937332e-01,
     1.479819860511658591e-01},
    7,
    13,
    -746.0,
    710.0};

constexpr FormatConstants kF32 = {
    32,
    23,
    127,
    0x3f3504f3,
    0x1p-126,
    0x1p25,
    25,
    6.9313812256e-01,
    9.0580006145e-06,
    {0xaaaaaa.0p-24, 0xccce13.0p-25, 0x91e9ee.0p-25, 0xf89e26.0p-26, 0, 0, 0},
    4,
    8,
    -104.0,
    89.0};

/// Builds the expansion of one math.powf in front of it.
class PowExpander {
public:
  PowExpander(OpBuilder &b, Location loc, FloatType type,
              const FormatConstants &k)
      : b(b), loc(loc), type(type),
        intType(b.getIntegerType(k.bits)), k(k) {}

  Value expand(Value x, Value y) {
    auto [logHi, logLo] = logAbs(x);
    // a = y log|x| = aHi + aLo.
    Value aHi = mul(y, logHi);
    Value aLo = add(math::FmaOp::create(b, loc, y, logHi,
                                        arith::NegFOp::create(b, loc, aHi)),
                    mul(y, logLo));
    return withCSpecialCases(x, y, exp(aHi, aLo));
  }

private:
  /// log|x| as hi + lo; -inf for 0, inf for inf.
  std::pair<Value, Value> logAbs(Value x) {
    Value one = f(1.0);
    Value ax = math::AbsFOp::create(b, loc, x);
    Value isSubnormal = cmp(arith::CmpFPredicate::OLT, ax, f(k.minNormal));
    Value xs = select(isSubnormal, mul(ax, f(k.subnormalScale)), ax);
    Value ix = arith::BitcastOp::create(b, loc, intType, xs);
    // expo = the exponent that puts the mantissa m in [sqrt(1/2), sqrt(2)).
    Value expo = arith::ShRSIOp::create(
        b, loc, arith::SubIOp::create(b, loc, ix, i(k.sqrtHalfBits)),
        i(k.mantissaBits));
    Value mBits = arith::SubIOp::create(
        b, loc, ix, arith::ShLIOp::create(b, loc, expo, i(k.mantissaBits)));
    Value m = arith::BitcastOp::create(b, loc, type, mBits);
    Value fm = sub(m, one); // exact (Sterbenz)
    Value s = div(fm, add(f(2.0), fm));
    Value z = mul(s, s);
    Value w = mul(z, z);
    // R(z) = z (Lg1 + w (Lg3 + ...)) + w (Lg2 + w (Lg4 + ...)).
    SmallVector<double> odd, even;
    for (unsigned c = 0; c < k.numLogCoefficients; ++c)
      (c % 2 == 0 ? odd : even).push_back(k.logCoefficients[c]);
    Value r = add(mul(z, horner(w, odd)), mul(w, horner(w, even)));
    Value hfsq = mul(mul(f(0.5), fm), fm);
    Value scaledExpo = select(
        isSubnormal,
        arith::SubIOp::create(b, loc, expo, i(k.subnormalShift)), expo);
    Value dk = arith::SIToFPOp::create(b, loc, type, scaledExpo);
    Value bigPart = mul(dk, f(k.ln2Hi)); // exact
    Value smallPart =
        sub(fm, sub(hfsq, add(mul(s, add(hfsq, r)), mul(dk, f(k.ln2Lo)))));
    Value logHi = add(bigPart, smallPart);
    Value logLo = add(sub(bigPart, logHi), smallPart); // Fast2Sum
    const double inf = std::numeric_limits<double>::infinity();
    logHi = select(cmp(arith::CmpFPredicate::OEQ, ax, f(0.0)), f(-inf), logHi);
    logHi = select(cmp(arith::CmpFPredicate::OEQ, ax, f(inf)), f(inf), logHi);
    return {logHi, logLo};
  }

  /// exp(aHi + aLo) = 2^n exp(r): 0 below minExponent, inf above
  /// maxExponent.
  Value exp(Value aHi, Value aLo) {
    // The bounds are not zero, so `nsz` changes no result; it spares x86
    // the sign-of-zero blends of IEEE's maximum (the NaN test stays).
    auto nsz = arith::FastMathFlagsAttr::get(b.getContext(),
                                             arith::FastMathFlags::nsz);
    Value clamped = arith::MinimumFOp::create(
        b, loc, arith::MaximumFOp::create(b, loc, aHi, f(k.minExponent), nsz),
        f(k.maxExponent), nsz);
    // Out of range or NaN: the low part means nothing (and may be inf).
    aLo = select(cmp(arith::CmpFPredicate::OEQ, aHi, clamped), aLo, f(0.0));
    clamped = select(cmp(arith::CmpFPredicate::UNO, aHi, aHi), f(0.0), clamped);

    Value n = math::RoundEvenOp::create(
        b, loc, mul(clamped, f(1.44269504088896340736)));
    Value negN = arith::NegFOp::create(b, loc, n);
    Value red = math::FmaOp::create(b, loc, negN, f(k.ln2Hi), clamped);
    red = add(math::FmaOp::create(b, loc, negN, f(k.ln2Lo), red), aLo);
    SmallVector<double> taylor; // 1, 1, 1/2, 1/6, ... low to high degree
    double term = 1.0;
    for (unsigned d = 0; d <= k.expDegree; ++d) {
      taylor.push_back(term);
      term /= static_cast<double>(d + 1);
    }
    // Estrin, not Horner: the step's chain of dependent operations runs
    // through every pow, and a tree of FMAs is 4 deep where Horner is 13.
    Value expR = estrin(red, taylor);
    // 2^n in two factors: each stays a normal float for n in [-1077, 1025].
    Value ni = arith::FPToSIOp::create(b, loc, intType, n);
    Value n1 = arith::ShRSIOp::create(b, loc, ni, i(1));
    Value n2 = arith::SubIOp::create(b, loc, ni, n1);
    return mul(mul(expR, powerOfTwo(n1)), powerOfTwo(n2));
  }

  /// |x|^y = `result` with the sign of x for odd integer y, and what C's
  /// pow gives for NaN, x < 0 with y not an integer, x = -1 with y = +-inf,
  /// y = 1, x = 1 and y = 0.
  Value withCSpecialCases(Value x, Value y, Value result) {
    Value one = f(1.0);
    const double inf = std::numeric_limits<double>::infinity();
    Value truncY = math::TruncOp::create(b, loc, y);
    Value yInt = cmp(arith::CmpFPredicate::OEQ, truncY, y);
    // y is odd when y / 2 is not an integer (exact: halving loses no bits
    // of an integer y).
    Value halfY = mul(y, f(0.5));
    Value yOdd = arith::AndIOp::create(
        b, loc, yInt,
        cmp(arith::CmpFPredicate::UNE, math::TruncOp::create(b, loc, halfY),
            halfY));
    Value xSignBit = arith::CmpIOp::create(
        b, loc, arith::CmpIPredicate::slt,
        arith::BitcastOp::create(b, loc, intType, x), i(0));
    result = select(arith::AndIOp::create(b, loc, xSignBit, yOdd),
                    arith::NegFOp::create(b, loc, result), result);
    const double nan = std::numeric_limits<double>::quiet_NaN();
    Value finiteNegative = arith::AndIOp::create(
        b, loc, cmp(arith::CmpFPredicate::OLT, x, f(0.0)),
        cmp(arith::CmpFPredicate::ONE, x, f(-inf)));
    Value yNotInt = cmp(arith::CmpFPredicate::UNE, truncY, y);
    result = select(arith::AndIOp::create(b, loc, finiteNegative, yNotInt),
                    f(nan), result);
    result = select(cmp(arith::CmpFPredicate::UNO, x, y), f(nan), result);
    // x = -1 with y = +-inf needs no case of its own: y log|x| is inf * 0,
    // NaN, which exp() takes to exp(0) = 1, and +-inf counts as an even
    // integer.
    result = select(cmp(arith::CmpFPredicate::OEQ, y, one), x, result);
    Value trivial = arith::OrIOp::create(
        b, loc, cmp(arith::CmpFPredicate::OEQ, x, one),
        cmp(arith::CmpFPredicate::OEQ, y, f(0.0)));
    return select(trivial, one, result);
  }

  Value f(double v) {
    return arith::ConstantOp::create(b, loc, b.getFloatAttr(type, v));
  }
  Value i(int64_t v) {
    return arith::ConstantOp::create(b, loc, b.getIntegerAttr(intType, v));
  }
  Value add(Value l, Value r) { return arith::AddFOp::create(b, loc, l, r); }
  Value sub(Value l, Value r) { return arith::SubFOp::create(b, loc, l, r); }
  Value mul(Value l, Value r) { return arith::MulFOp::create(b, loc, l, r); }
  Value div(Value l, Value r) { return arith::DivFOp::create(b, loc, l, r); }
  Value cmp(arith::CmpFPredicate p, Value l, Value r) {
    return arith::CmpFOp::create(b, loc, p, l, r);
  }
  Value select(Value c, Value t, Value e) {
    return arith::SelectOp::create(b, loc, c, t, e);
  }
  /// c0 + x (c1 + x (c2 + ...)), with FMAs.
  Value horner(Value x, ArrayRef<double> lowToHigh) {
    Value acc = f(lowToHigh.back());
    for (double c : llvm::reverse(lowToHigh.drop_back()))
      acc = math::FmaOp::create(b, loc, acc, x, f(c));
    return acc;
  }
  /// The same polynomial as a tree: pairs c_2i + c_2i+1 x, then pairs of
  /// those with x^2, and so on (depth log2 of the degree).
  Value estrin(Value x, ArrayRef<double> lowToHigh) {
    SmallVector<Value> level;
    for (double c : lowToHigh)
      level.push_back(f(c));
    Value power = x;
    while (level.size() > 1) {
      SmallVector<Value> next;
      for (size_t j = 0; j + 1 < level.size(); j += 2)
        next.push_back(math::FmaOp::create(b, loc, level[j + 1], power,
                                           level[j]));
      if (level.size() % 2)
        next.push_back(level.back());
      level = std::move(next);
      if (level.size() > 1)
        power = mul(power, power);
    }
    return level.front();
  }
  /// 2^e as a float, for e in the normal exponent range.
  Value powerOfTwo(Value e) {
    Value biased = arith::AddIOp::create(b, loc, e, i(k.exponentBias));
    return arith::BitcastOp::create(
        b, loc, type,
        arith::ShLIOp::create(b, loc, biased, i(k.mantissaBits)));
  }

  OpBuilder &b;
  Location loc;
  FloatType type;
  IntegerType intType;
  const FormatConstants &k;
};

struct ExpandPowPass : dgm::impl::ExpandPowPassBase<ExpandPowPass> {
  void runOnOperation() override {
    SmallVector<math::PowFOp> pows;
    getOperation()->walk([&](math::PowFOp op) { pows.push_back(op); });
    for (math::PowFOp op : pows) {
      Type type = op.getType();
      const FormatConstants *constants =
          type.isF64() ? &kF64 : type.isF32() ? &kF32 : nullptr;
      if (!constants) // vectors, f16, ...: left to MathToLLVM
        continue;
      OpBuilder b(op);
      Value result;
      // x^2 is common (x^2 in a model, derivatives of x^3) and exact as x*x.
      FloatAttr exponent;
      if (matchPattern(op.getRhs(), m_Constant(&exponent)) &&
          exponent.getValueAsDouble() == 2.0)
        result = arith::MulFOp::create(b, op.getLoc(), op.getLhs(),
                                       op.getLhs());
      else
        result = PowExpander(b, op.getLoc(), cast<FloatType>(type),
                             *constants)
                     .expand(op.getLhs(), op.getRhs());
      op.replaceAllUsesWith(result);
      op.erase();
      ++numExpanded;
    }
  }
};

} // namespace
