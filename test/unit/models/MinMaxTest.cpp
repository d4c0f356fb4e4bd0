//===- MinMaxTest.cpp - min, max and clamp propagate NaN ------------------===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// inputs/minmax.dgm, compiled in both precisions: min, max and clamp of every
// pair of special and ordinary values. A NaN in either operand must give NaN
// (docs/language.md: missing data is not silently skipped), whatever the
// operand order; x86's vminps/vmaxps alone would return the second operand.
// The sign of a zero result is left open (the `nsz` flag of the lowering),
// so zeros are compared by value. Few basins run the scalar code, many the
// vector code.
//
//===----------------------------------------------------------------------===//

#include "ModelLibrary.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

using dgm::test::ModelLibrary;

namespace {

template <typename Float> class MinMax : public ::testing::Test {};
using Precisions = ::testing::Types<double, float>;
TYPED_TEST_SUITE(MinMax, Precisions);

/// NaN when either is NaN, else the smaller / larger value.
template <typename Float> Float nanMin(Float a, Float b) {
  return std::isnan(a) || std::isnan(b) ? std::numeric_limits<Float>::quiet_NaN()
                                        : std::min(a, b);
}
template <typename Float> Float nanMax(Float a, Float b) {
  return std::isnan(a) || std::isnan(b) ? std::numeric_limits<Float>::quiet_NaN()
                                        : std::max(a, b);
}

/// Same value (NaN equals NaN; -0 equals +0).
template <typename Float> bool sameValue(Float got, Float want) {
  return std::isnan(want) ? std::isnan(got) : got == want;
}

TYPED_TEST(MinMax, NaNInEitherOperandGivesNaN) {
  using Float = TypeParam;
  static ModelLibrary lib(sizeof(Float) == 4 ? "minmax_f32" : "minmax");
  ASSERT_NE(lib.model(), nullptr) << lib.error();
  const dgm_model &model = *lib.model();
  ASSERT_EQ(model.num_outputs, 4); // lo, hi, cl, hz
  const Float inf = std::numeric_limits<Float>::infinity();
  const Float nan = std::numeric_limits<Float>::quiet_NaN();
  const std::vector<Float> values = {nan,  -inf, -2.5, -0.0, 0.0,
                                     0.25, 1.0,  3.0,  inf};
  std::vector<std::pair<Float, Float>> pairs;
  for (Float a : values)
    for (Float b : values)
      pairs.push_back({a, b});
  const int64_t nc = 2, nt = 3;
  for (int64_t nb : {int64_t{5}, static_cast<int64_t>(pairs.size())}) {
    SCOPED_TRACE("basins " + std::to_string(nb));
    const int64_t lanes = nc * nb;
    // forcings: a [T][B], b [T][B]; step t uses pair (t * nb + basin).
    std::vector<Float> forcings(2 * nt * nb);
    auto pairAt = [&](int64_t t, int64_t b) {
      return pairs[static_cast<size_t>(t * nb + b) % pairs.size()];
    };
    for (int64_t t = 0; t < nt; ++t)
      for (int64_t b = 0; b < nb; ++b) {
        forcings[t * nb + b] = pairAt(t, b).first;
        forcings[nt * nb + t * nb + b] = pairAt(t, b).second;
      }
    // outputs: lo, hi, cl, hz, each [T][C][B].
    std::vector<Float> outputs(4 * nt * lanes, Float(-7));
    ASSERT_EQ(model.simulate(nb, nc, nt, nullptr, nullptr,
                             reinterpret_cast<const double *>(forcings.data()),
                             reinterpret_cast<double *>(outputs.data()),
                             nullptr, nullptr),
              0);
    for (int64_t t = 0; t < nt; ++t)
      for (int64_t c = 0; c < nc; ++c)
        for (int64_t b = 0; b < nb; ++b) {
          auto [a, bv] = pairAt(t, b);
          const int64_t at = t * lanes + c * nb + b;
          const Float lo = outputs[at], hi = outputs[nt * lanes + at],
                      cl = outputs[2 * nt * lanes + at],
                      hz = outputs[3 * nt * lanes + at];
          SCOPED_TRACE("a = " + std::to_string(a) +
                       ", b = " + std::to_string(bv));
          EXPECT_TRUE(sameValue(lo, nanMin(a, bv))) << "min gave " << lo;
          EXPECT_TRUE(sameValue(hi, nanMax(a, bv))) << "max gave " << hi;
          EXPECT_TRUE(sameValue(cl, nanMin(nanMax(a, bv), Float(1))))
              << "clamp gave " << cl;
          EXPECT_TRUE(sameValue(hz, nanMax(a, Float(0))))
              << "max(a, 0) gave " << hz;
        }
  }
}

} // namespace
