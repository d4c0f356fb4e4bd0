//===- AggregatesTest.cpp - mean, sum and weighted_mean over components ---===//
//
// Part of dgm, under the Apache License v2.0 with LLVM Exceptions.
//
//===----------------------------------------------------------------------===//
//
// inputs/aggregates.dgm, compiled in both precisions, against the same
// equations written here: each component's flow, then per basin and step its
// mean, sum and weighted mean over the components. The compiled code adds
// component by component in the order of this scalar loop, so the results
// must be the same bits. Basin counts below and above 32 (blocks of lanes
// across components, or per component) and above 128 (two blocks).
//
//===----------------------------------------------------------------------===//

#include "ModelLibrary.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

using dgm::test::ModelLibrary;

namespace {

template <typename Float> class Aggregates : public ::testing::Test {};
using Precisions = ::testing::Types<double, float>;
TYPED_TEST_SUITE(Aggregates, Precisions);

TYPED_TEST(Aggregates, MatchAScalarLoopBitForBit) {
  using Float = TypeParam;
  static ModelLibrary lib(sizeof(Float) == 4 ? "aggregates_f32"
                                             : "aggregates");
  ASSERT_NE(lib.model(), nullptr) << lib.error();
  const dgm_model &model = *lib.model();
  ASSERT_EQ(model.num_outputs, 4); // Qc, M, T, W
  const int64_t nc = 5, nt = 40;
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (int64_t nb : {1, 7, 31, 33, 200}) {
    SCOPED_TRACE("basins " + std::to_string(nb));
    const int64_t lanes = nc * nb;
    // params: k [C][B], w [C][B]; states: S [C][B]; forcings: P [T][B].
    std::vector<Float> params(2 * lanes), init(lanes), forcings(nt * nb);
    for (int64_t v = 0; v < lanes; ++v) {
      params[v] = static_cast<Float>(unit(rng));
      params[lanes + v] = static_cast<Float>(0.1 + 9.9 * unit(rng));
      init[v] = static_cast<Float>(10 * unit(rng));
    }
    for (Float &p : forcings)
      p = static_cast<Float>(unit(rng) < 0.3 ? 20 * unit(rng) : 0);
    // outputs: Qc [T][C][B], then M, T, W [T][B].
    std::vector<Float> outputs(nt * lanes + 3 * nt * nb, Float(-1));
    ASSERT_EQ(model.simulate(nb, nc, nt,
                             reinterpret_cast<const double *>(params.data()),
                             reinterpret_cast<const double *>(init.data()),
                             reinterpret_cast<const double *>(forcings.data()),
                             reinterpret_cast<double *>(outputs.data()),
                             nullptr, nullptr),
              0);

    std::vector<Float> state = init;
    const Float *qc = outputs.data();
    const Float *mean = qc + nt * lanes, *sum = mean + nt * nb,
                *weighted = sum + nt * nb;
    for (int64_t t = 0; t < nt; ++t) {
      std::vector<Float> flow(lanes);
      for (int64_t v = 0; v < lanes; ++v) {
        state[v] = state[v] + forcings[t * nb + v % nb];
        flow[v] = params[v] * state[v];
        state[v] = state[v] - flow[v];
        ASSERT_EQ(qc[t * lanes + v], flow[v]) << "Qc, step " << t;
      }
      for (int64_t b = 0; b < nb; ++b) {
        Float total = 0, weightedTotal = 0, weights = 0;
        for (int64_t c = 0; c < nc; ++c) {
          const int64_t v = c * nb + b;
          total = total + flow[v];
          const Float product = params[lanes + v] * flow[v];
          weightedTotal = weightedTotal + product;
          weights = weights + params[lanes + v];
        }
        EXPECT_EQ(mean[t * nb + b], total / static_cast<Float>(nc))
            << "mean, step " << t << ", basin " << b;
        EXPECT_EQ(sum[t * nb + b], total) << "sum, step " << t;
        EXPECT_EQ(weighted[t * nb + b], weightedTotal / weights)
            << "weighted_mean, step " << t << ", basin " << b;
      }
    }
  }
}

} // namespace
